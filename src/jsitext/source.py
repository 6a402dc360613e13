"""Where a text's files come from: a folder, or a git revision read without checkout.

A source lists the YAML files below the articles folder (paths relative to it, in
POSIX form) with a key that changes whenever the content does (the git blob id, or
a folder file's size and mtime), and reads their bytes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Protocol

YAML_SUFFIXES = (".yaml", ".yml")


class SourceError(Exception):
    """The source itself cannot be read: a usage or I/O problem (exit 2)."""


class Source(Protocol):
    """What loading, checking, building and diffing need of where a text's files come from:
    a folder (:class:`FolderSource`), a git revision (:class:`GitSource`), or another kind."""

    #: How the source is named in reports: the folder, the revision, "working tree (articles)".
    label: str

    def display_path(self, rel: str) -> str:
        """How a file (a path relative to the articles folder) is named in findings."""
        ...

    def files(self) -> dict[str, str]:
        """The YAML files (relative POSIX paths), each with a key that changes with its content."""
        ...

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        """The bytes of each file of RELS (or the OSError that reading it raised)."""
        ...


@dataclass
class FolderSource:
    """The articles folder on disk."""

    root: Path
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = str(self.root)
        if not self.root.exists():
            raise SourceError(f"{self.root}: no such folder")
        if not self.root.is_dir():
            raise SourceError(f"{self.root}: is a file, not an articles folder")
        if not os.access(self.root, os.R_OK | os.X_OK):
            raise SourceError(f"{self.root}: permission denied")

    def display_path(self, rel: str) -> str:
        return str(self.root / rel)

    def files(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for dirpath, dirnames, filenames in os.walk(self.root, onerror=self._walk_error):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                    full = Path(dirpath, name)
                    rel = full.relative_to(self.root).as_posix()
                    try:
                        st = full.stat()
                    except OSError as err:
                        raise SourceError(f"{full}: {err.strerror}") from None
                    found[rel] = f"{st.st_size}:{st.st_mtime_ns}"
        return found

    @staticmethod
    def _walk_error(err: OSError) -> NoReturn:
        raise SourceError(f"{err.filename}: {err.strerror}")

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        out: dict[str, bytes | OSError] = {}
        for rel in rels:
            try:
                out[rel] = (self.root / rel).read_bytes()
            except OSError as err:
                out[rel] = err
        return out


@dataclass
class GitSource:
    """The articles folder as it is in one commit of a git repository."""

    repo: Path
    revision: str
    path: str = "articles"
    commit: str = field(init=False, default="")
    label: str = field(init=False, default="")
    _blobs: dict[str, str] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.path = self.path.strip("/") or "."
        self.commit = resolve_revision(self.repo, self.revision)
        self.label = self.revision

    def display_path(self, rel: str) -> str:
        return f"{self.revision}:{self.path}/{rel}"

    def files(self) -> dict[str, str]:
        if self._blobs is None:
            self._blobs = self._list_files()
        return self._blobs

    def _list_files(self) -> dict[str, str]:
        out = git(self.repo, "ls-tree", "-r", "-z", "--full-tree", self.commit, "--", self.path + "/")
        found: dict[str, str] = {}
        prefix = self.path + "/"
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            _mode, kind, blob = meta.split()
            rel = name.decode("utf-8", "surrogateescape")[len(prefix) :]
            if kind == b"blob" and rel.endswith(YAML_SUFFIXES):
                if not any(part.startswith(".") for part in rel.split("/")):
                    found[rel] = blob.decode()
        if not found and not _git_path_exists(self.repo, self.commit, self.path):
            raise SourceError(f"{self.revision}: no folder {self.path!r} in that revision")
        return dict(sorted(found.items()))

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        if not rels:
            return {}
        blobs = self.files()
        request = b"".join(blobs[rel].encode() + b"\n" for rel in rels)
        data = git(self.repo, "cat-file", "--batch", stdin=request)
        out: dict[str, bytes | OSError] = {}
        pos = 0
        for rel in rels:
            header_end = data.index(b"\n", pos)
            size = int(data[pos:header_end].split()[2])
            out[rel] = data[header_end + 1 : header_end + 1 + size]
            pos = header_end + 1 + size + 1
        return out


def resolve_revision(repo: Path, revision: str) -> str:
    """The commit id of REVISION; never lets a value that starts with '-' act as an option."""
    if not revision or revision.startswith("-"):
        raise SourceError(f"{revision!r}: not a revision (a revision cannot start with '-')")
    try:
        out = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except SourceError as err:
        if "not a git repository" in str(err).lower():
            raise SourceError(f"{repo}: not a git repository, so {revision!r} cannot be read") from None
        if _is_shallow(repo):
            raise SourceError(
                f"{revision!r}: unknown revision in this shallow clone (only the latest commits were fetched); "
                "fetch the history with `git fetch --unshallow --tags` (in GitHub Actions: fetch-depth: 0)"
            ) from None
        raise SourceError(f"{revision!r}: unknown revision") from None
    return out.decode().strip()


def _is_shallow(repo: Path) -> bool:
    try:
        return git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except SourceError:
        return False


def _git_path_exists(repo: Path, commit: str, path: str) -> bool:
    try:
        git(repo, "cat-file", "-e", f"{commit}:{path}")
    except SourceError:
        return False
    return True


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The output of ``git -C REPO ARGS...``; SourceError (exit 2) with git's last line of complaint.

    ARGS go to git as they are: a caller passing a user's value puts ``--end-of-options``
    or ``--`` before it.
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise SourceError("git is not installed, so revisions cannot be read") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def open_source(spec: str, *, path: str = "articles", repo: Path | None = None) -> Source:
    """A folder when SPEC names one on disk, else a git revision of the repository."""
    as_path = Path(spec)
    if as_path.is_dir():
        return FolderSource(as_path)
    if as_path.exists():
        raise SourceError(f"{spec}: is a file, not an articles folder or a revision")
    return GitSource(repo or Path.cwd(), spec, path)


def blob_id(data: bytes | OSError) -> str:
    """The id git gives DATA as a blob (an unreadable file gets a key of its own)."""
    if isinstance(data, OSError):
        return f"unreadable:{data}"
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class BlobKeyedFolder(FolderSource):
    """A folder whose files are keyed by their git blob id, so that they compare with,
    and share a parse cache with, the files of git revisions."""

    _data: dict[str, bytes | OSError] = field(init=False, default_factory=dict, repr=False)

    def files(self) -> dict[str, str]:
        listing = super().files()
        self._data = super().read(list(listing))
        return {rel: blob_id(self._data[rel]) for rel in listing}

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        return {rel: self._data[rel] for rel in rels}
