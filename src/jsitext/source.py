"""Where a text's files come from: a folder, or a git revision read without checkout.

A source lists the YAML files below the articles folder (paths relative to it, in
POSIX form) with a key that changes whenever the content does (the git blob id, or
a folder file's size and mtime), and reads their bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import posixpath
import stat
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Protocol

from .atomic import recover
from .errors import SourceError as SourceError  # defined beside the other exit codes; raised (and imported) from here
from .yamlread import MAX_FILE_BYTES, too_large

YAML_SUFFIXES = (".yaml", ".yml")
#: A git symlink's blob is its target path: anything longer is not one worth reading.
_MAX_LINK_BYTES = 4096


class FileRefused(OSError):
    """A file jsitext will not read (a link out of the folder, a FIFO, a giant): a finding with CODE."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def read_file(path: Path, *, inside: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes | OSError:
    """PATH's bytes, read only if it is a regular file of at most LIMIT bytes (LIMIT + 1 read at most).

    With INSIDE (a resolved folder), a symbolic link whose target lies outside it is
    refused without being followed.  The file is opened without blocking, so a FIFO
    put in its place after the check is refused at once instead of hanging the command.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        # Looked at before it is opened: opening a device can act on it, and a socket cannot be opened.
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            if inside is not None and not Path(os.path.realpath(path)).is_relative_to(inside):
                return FileRefused("symlink-outside", f"a symbolic link to {os.readlink(path)!r}, outside the articles folder; jsitext does not follow it")
            st = os.stat(path)
        elif inside is not None:
            flags |= getattr(os, "O_NOFOLLOW", 0)  # no link when looked at: a link put in its place is not followed
        refused = _refusal(st, limit)
        if refused:
            return refused
        fd = os.open(path, flags)
    except OSError as err:
        return err
    try:
        st = os.fstat(fd)
        refused = _refusal(st, limit)  # what was opened, had the file been swapped since
        if refused:
            return refused
        data = _read_up_to(fd, limit + 1, st.st_size)
    except OSError as err:
        return err
    finally:
        os.close(fd)
    return FileRefused("file-too-large", too_large(len(data), limit, grown=True)) if len(data) > limit else data


def _refusal(st: os.stat_result, limit: int) -> FileRefused | None:
    if not stat.S_ISREG(st.st_mode):
        return FileRefused("not-a-file", f"the file is a {_kind(st.st_mode)}, not a regular file")
    if st.st_size > limit:
        return FileRefused("file-too-large", too_large(st.st_size, limit))
    return None


def _read_up_to(fd: int, size: int, expected: int) -> bytes:
    """At most SIZE bytes; EXPECTED (the size fstat gave) + 1 asked first, so a small file costs one small read."""
    chunks, left = [], size
    asked = min(left, expected + 1)
    while left > 0:
        chunk = os.read(fd, asked)
        chunks.append(chunk)
        left -= len(chunk)
        if len(chunk) < asked:  # a regular file reads short only at its end
            break
        asked = min(left, 1 << 20)  # it grew since fstat: read on, to SIZE at most
    return b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "folder" if stat.S_ISDIR(mode) else "special file"


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
        """The bytes of each file of RELS (or the OSError that reading it raised, or a FileRefused)."""
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
        recover(self.root)  # a write a killed jsitext left half-done is finished before anything is read

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
                    found[rel] = _file_key(full)
        return found

    @staticmethod
    def _walk_error(err: OSError) -> NoReturn:
        raise SourceError(f"{err.filename}: {err.strerror}")

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        inside = self.root.resolve()
        return {rel: read_file(self.root / rel, inside=inside) for rel in rels}


def _file_key(path: Path) -> str:
    """Size and time of PATH (of the link itself when its target is missing): a key that changes with the content."""
    try:
        st = path.stat()
    except OSError:
        try:
            st = path.lstat()
        except OSError as err:
            raise SourceError(f"{path}: {err.strerror}") from None
    return f"{st.st_size}:{st.st_mtime_ns}"


@dataclass
class GitSource:
    """The articles folder as it is in one commit of a git repository."""

    repo: Path
    revision: str
    path: str = "articles"
    #: The commit of REVISION, when the caller already knows it (else resolved here).
    commit: str = ""
    #: The folder's YAML entries (see :func:`tree_entries`), when the caller already knows them.
    entries: Entries | None = field(default=None, repr=False)
    label: str = field(init=False, default="")
    _blobs: dict[str, str] | None = field(init=False, default=None, repr=False)
    _refused: dict[str, FileRefused] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.path = self.path.strip("/") or "."
        self.commit = self.commit or resolve_revision(self.repo, self.revision)
        self.label = self.revision

    def display_path(self, rel: str) -> str:
        return f"{self.revision}:{self.path}/{rel}"

    def files(self) -> dict[str, str]:
        if self._blobs is None:
            self._blobs = self._list_files()
        return self._blobs

    def _list_files(self) -> dict[str, str]:
        entries = self.entries if self.entries is not None else self._tree_entries()
        found: dict[str, str] = {}
        links: dict[str, str] = {}
        for rel, (mode, blob) in entries.items():
            (links if mode == LINK_MODE else found)[rel] = blob
        if not found and not links and not _git_path_exists(self.repo, self.commit, self.path):
            raise SourceError(f"{self.revision}: no folder {self.path!r} in that revision")
        found.update(self._follow_links(links, found))
        return dict(sorted(found.items()))

    def _tree_entries(self) -> Entries:
        try:
            out = git(self.repo, "ls-tree", "-r", "-z", "--full-tree", self.commit, "--", self.path + "/")
        except SourceError as err:
            raise SourceError(f"{self.revision}:{self.path}: cannot list the folder in git ({err}); check the repository with `git fsck`") from None
        entries: Entries = {}
        prefix = self.path + "/"
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, blob = meta.split()
            rel = name.decode("utf-8", "surrogateescape")[len(prefix) :]
            if kind == b"blob" and _is_yaml_file(rel):
                entries[rel] = (mode.decode(), blob.decode())
        return entries

    def _follow_links(self, links: dict[str, str], files: dict[str, str]) -> dict[str, str]:
        """A symlink (mode 120000, its blob the target path) to a file of the folder is that
        file; any other is refused, never followed out of the folder."""
        keys: dict[str, str] = {}
        targets = self._blob_contents(dict(links), _MAX_LINK_BYTES) if links else {}
        for rel, blob in links.items():
            target = targets.get(rel)
            shown = target.decode("utf-8", "surrogateescape") if isinstance(target, bytes) else "?"
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(f"{self.path}/{rel}"), shown))
            inside = joined[len(self.path) + 1 :] if joined.startswith(self.path + "/") and not shown.startswith("/") else None
            if inside is not None and inside in files:
                keys[rel] = files[inside]
                continue
            self._refused[rel] = FileRefused("symlink-outside", f"a symbolic link to {shown!r}, outside the articles folder; jsitext does not follow it")
            keys[rel] = f"refused:{blob}"
        return keys

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        blobs = self.files()
        out: dict[str, bytes | OSError] = {rel: self._refused[rel] for rel in rels if rel in self._refused}
        wanted = {rel: blobs[rel] for rel in rels if rel not in out}
        out.update(self._blob_contents(wanted, MAX_FILE_BYTES))
        return {rel: out[rel] for rel in rels}

    def _blob_contents(self, blobs: dict[str, str], limit: int) -> dict[str, bytes | OSError]:
        """The bytes of each blob (by file), its size asked of git first: a blob over LIMIT is
        refused unread, and a missing or damaged object is an error naming revision and path."""
        if not blobs:
            return {}
        sizes = git(self.repo, "cat-file", "--batch-check", stdin=_request(blobs.values()))
        out: dict[str, bytes | OSError] = {}
        for (rel, blob), line in zip(blobs.items(), sizes.splitlines() + [b""] * len(blobs), strict=False):
            fields = line.split()
            if len(fields) != 3 or fields[0].decode() != blob or fields[1] != b"blob" or not fields[2].isdigit():
                raise self._damaged(rel, blob)
            if int(fields[2]) > limit:
                out[rel] = FileRefused("file-too-large", too_large(int(fields[2]), limit))
        small = {rel: blob for rel, blob in blobs.items() if rel not in out}
        if small:
            out.update(self._batch(small))
        return out

    def _batch(self, blobs: dict[str, str]) -> dict[str, bytes | OSError]:
        try:
            data = git(self.repo, "cat-file", "--batch", stdin=_request(blobs.values()))
        except SourceError:
            data = b""
        out: dict[str, bytes | OSError] = {}
        pos = 0
        for rel, blob in blobs.items():
            header_end = data.find(b"\n", pos)
            fields = data[pos:header_end].split() if header_end >= 0 else []
            if len(fields) != 3 or fields[0].decode() != blob or not fields[2].isdigit():
                raise self._damaged(rel, blob)
            size = int(fields[2])
            out[rel] = data[header_end + 1 : header_end + 1 + size]
            pos = header_end + 1 + size + 1
            if len(out[rel]) != size:  # type: ignore[arg-type]
                raise self._damaged(rel, blob)
        return out

    def _damaged(self, rel: str, blob: str) -> SourceError:
        # The revision named whatever display_path shows (progress names files alike in every revision).
        return SourceError(f"{GitSource.display_path(self, rel)}: cannot read the git object {blob} (missing or damaged); check the repository with `git fsck`")


#: A folder's YAML files in one commit: relative path → (git mode, blob id).
Entries = dict[str, tuple[str, str]]
LINK_MODE = "120000"
_FILE_MODES = ("100644", "100755", LINK_MODE)


def _is_yaml_file(rel: str) -> bool:
    return rel.endswith(YAML_SUFFIXES) and not any(part.startswith(".") for part in rel.split("/"))


def entries_along(repo: Path, path: str, commits: Sequence[str], first: Entries) -> list[Entries] | None:
    """The entries of PATH in each of COMMITS: FIRST (those of the first commit), then what
    one ``git diff-tree`` says changed from each commit to the next.

    A revision then costs what changed in it, not a listing of the whole folder.  None when
    git's answer is not what is expected (a damaged object): the caller lists each commit.
    """
    if len(commits) < 2:
        return [dict(first)][: len(commits)]
    pairs = "".join(f"{now} {before}\n" for before, now in itertools.pairwise(commits))
    try:
        out = git(repo, "diff-tree", "--stdin", "-r", "-z", "--no-renames", "--always", "--", path + "/", stdin=pairs.encode())
    except SourceError:
        return None
    listings, prefix = [dict(first)], path + "/"
    tokens = iter(out.split(b"\0"))
    for token in tokens:
        if token.startswith(b":"):
            if len(listings) == 1:
                return None
            _, new_mode, _, new_blob, status = token[1:].decode().split()
            rel = next(tokens, b"").decode("utf-8", "surrogateescape").removeprefix(prefix)
            if not _is_yaml_file(rel):
                continue
            current = listings[-1]
            if status == "D" or new_mode not in _FILE_MODES:
                current.pop(rel, None)
            else:
                current[rel] = (new_mode, new_blob)
        elif token:
            listings.append(dict(listings[-1]))  # the next commit's block begins with its id
    return listings if len(listings) == len(commits) else None


def _request(blobs: object) -> bytes:
    return b"".join(blob.encode() + b"\n" for blob in blobs)  # type: ignore[attr-defined]


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
