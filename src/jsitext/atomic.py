"""Writing files all or nothing, across files too: the one writer of every output and edited source.

A write of several files (a build's outputs, the files ``fmt``, ``withdraw`` or ``new``
edit) is one transaction:

1. each file's new bytes go to a temporary file beside it;
2. a journal, in the folder that holds every target, lists each target, its
   temporary file and a digest of the content it replaces (the journal is itself
   written to a temporary file and renamed, so it is whole or absent);
3. each existing target gets a hard link as a backup, and the temporary files
   replace the targets with ``os.replace``; SIGINT, SIGTERM and SIGHUP wait until the
   last one is in place;
4. the backups and the journal are removed.

An error before 3 (a full disk) or an interruption before 3 leaves every file as it
was; an error during 3 puts the backups back.  A process killed outright (SIGKILL,
a power cut of the process) leaves temporary files and perhaps a journal: the next
jsitext command that reads or writes that folder (:func:`recover`) finishes the
replacements a journal lists (every file new), removes what a dead jsitext process
left behind, and says so on stderr.  A target that someone changed in between is
left as it is.

Every file jsitext creates here is named ``.jsitext-<pid>-<token>.<name>.<kind>``,
so only jsitext's own files are ever removed, and only those of a process that is no
longer running.  ``JSITEXT_TEST_INTERRUPT=stage|replace:N:SIGNAL`` (tests only) sends
the process SIGNAL after the N-th file staged or replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

_OWN = re.compile(r"\.jsitext-(?P<pid>\d+)-(?P<token>[0-9a-f]+)\.(?P<rest>.*)\Z", re.DOTALL)
_JOURNAL = "journal"
_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_TEST_HOOK = "JSITEXT_TEST_INTERRUPT"


def write_atomically(output_dir: Path, files: dict[str, bytes], *, nested: bool = False) -> list[Path]:
    """Write every file of FILES into OUTPUT_DIR, all or nothing (exit 2 on failure); with NESTED,
    names may hold subfolders of OUTPUT_DIR (an imported text's), created as needed.

    An interrupted write left in OUTPUT_DIR by an earlier run is finished first.
    """
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"{output_dir}: cannot create the output folder: {err.strerror or err}") from None
    inside = output_dir.resolve()
    recover(output_dir, recursive=nested)
    for name in files:
        resolved = (output_dir / name).resolve()
        if not (resolved.parent == inside or (nested and inside in resolved.parents)):  # a name from the text must not leave the folder
            raise UsageError(f"{output_dir / name}: outside the output folder {output_dir}; nothing was written")
        if (output_dir / name).is_dir():
            raise UsageError(f"{output_dir / name}: is a folder; cannot write the output there")
    try:
        for folder in sorted({(output_dir / name).parent for name in files}):
            folder.mkdir(parents=True, exist_ok=True)
        return write_files([(output_dir / name, data) for name, data in files.items()])
    except OSError as err:
        raise UsageError(f"{err.filename or output_dir}: cannot write the output: {err.strerror or err}") from None


@dataclass
class _Entry:
    """One file of a transaction."""

    target: Path
    temporary: Path
    old: str | None  # digest of the content replaced; None: there was no file
    backup: Path | None = None
    replaced: bool = False


def write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Replace each path by its bytes, all or nothing; raise OSError (with the path) on failure."""
    token = secrets.token_hex(4)
    entries: list[_Entry] = []
    journal: Path | None = None
    try:
        for n, (path, data) in enumerate(files, 1):
            entries.append(_Entry(path, _stage(path, data, token), _digest(path)))
            _test_interrupt("stage", n)
        if len(entries) > 1:
            journal = _write_journal(entries, token)
        with _signals_held():
            _replace_all(entries)
        return [e.target for e in entries]
    finally:
        _tidy(entries, journal)


def _replace_all(entries: list[_Entry]) -> None:
    """Put every temporary file in place; on an error, put every backup back and re-raise."""
    try:
        for entry in entries:
            entry.backup = _backup(entry)
        for n, entry in enumerate(entries, 1):
            os.replace(entry.temporary, entry.target)
            entry.replaced = True
            _test_interrupt("replace", n)
    except OSError:
        for entry in entries:
            if entry.replaced and entry.backup is not None:
                os.replace(entry.backup, entry.target)
                entry.backup = None
            elif entry.replaced and entry.old is None:
                entry.target.unlink(missing_ok=True)  # it did not exist before
        raise


def _tidy(entries: list[_Entry], journal: Path | None) -> None:
    for entry in entries:
        for leftover in (entry.temporary, entry.backup):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
    if journal is not None:
        journal.unlink(missing_ok=True)


def _own_name(target: Path, token: str, kind: str) -> Path:
    # The target's name is kept short enough for the file system's 255-byte limit.
    return target.with_name(f".jsitext-{os.getpid()}-{token}.{target.name[:150]}.{kind}")


def _stage(path: Path, data: bytes, token: str) -> Path:
    """DATA in a temporary file beside PATH, with PATH's permissions (a new file: 0644 less the umask)."""
    temporary = _own_name(path, token, "tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644 & ~_umask()
        os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _backup(entry: _Entry) -> Path | None:
    """A hard link to the target's old content (None: no file, or links not supported here)."""
    if entry.old is None:
        return None
    backup = entry.temporary.with_name(entry.temporary.name.removesuffix(".tmp") + ".old")
    try:
        os.link(entry.target, backup)
    except OSError:
        return None
    return backup


def _digest(path: Path) -> str | None:
    """What PATH holds now (None: nothing), read in chunks: a giant costs no memory, and a
    FIFO or device is never opened (it would hang or act), its kind stands in for its content."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return f"not-a-file:{stat.S_IFMT(st.st_mode):o}"
    digest = hashlib.sha256()
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _umask() -> int:
    current = os.umask(0)  # the only way to read it; set straight back
    os.umask(current)
    return current


# -- the journal -------------------------------------------------------------------------
def _write_journal(entries: list[_Entry], token: str) -> Path:
    """The journal in the folder holding every target; written whole, then renamed into place."""
    root = Path(os.path.commonpath([os.path.abspath(e.target.parent) for e in entries]))
    rows = [{"target": _rel(e.target, root), "temporary": _rel(e.temporary, root), "old": e.old} for e in entries]
    journal = root / f".jsitext-{os.getpid()}-{token}.{_JOURNAL}"
    staging = journal.with_name(journal.name + ".tmp")
    try:
        staging.write_text(json.dumps({"version": 1, "files": rows}), encoding="utf-8")
        os.replace(staging, journal)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return journal


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(os.path.abspath(path), root)


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done, then take their course."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, _frame: caught.append(number)) for sig in _HELD}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


def _test_interrupt(phase: str, n: int) -> None:
    """The test hook: JSITEXT_TEST_INTERRUPT=PHASE:N:SIGNAL (e.g. replace:2:SIGKILL)."""
    hook = os.environ.get(_TEST_HOOK)
    if hook and hook.split(":")[:2] == [phase, str(n)]:
        os.kill(os.getpid(), getattr(signal, hook.split(":")[2]))


# -- recovery ----------------------------------------------------------------------------
def recover(folder: Path, *, recursive: bool = True) -> list[str]:
    """Finish what a killed jsitext process left in FOLDER; return (and print) what was done.

    Journals of dead processes are completed (their targets all new), then every
    temporary or backup file of a dead jsitext process is removed.  Failures are
    reported, never raised: recovery must not stop the command that triggered it.
    """
    journals, leftovers = _left_behind(folder, recursive)
    messages = [_finish(journal) for journal in journals]
    removed = 0
    for path in leftovers:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as err:
            messages.append(f"cannot remove {path}, left by an interrupted jsitext run: {err.strerror or err}")
    if removed:
        messages.append(f"removed {removed} temporary file{'s' if removed != 1 else ''} left by an interrupted jsitext run in {folder}")
    for message in messages:
        print(f"jsitext: {message}", file=sys.stderr)
    return messages


def _left_behind(folder: Path, recursive: bool) -> tuple[list[Path], list[Path]]:
    """The journals, then the other files, that dead jsitext processes left in FOLDER."""
    journals: list[Path] = []
    leftovers: list[Path] = []
    for dirpath, dirnames, filenames in _walk(folder, recursive):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            own = _OWN.match(name) if name.startswith(".jsitext-") else None
            if own is None or _alive(int(own["pid"])):
                continue
            (journals if own["rest"] == _JOURNAL else leftovers).append(Path(dirpath, name))
    return sorted(journals), sorted(leftovers)


def _walk(folder: Path, recursive: bool) -> Iterator[tuple[str, list[str], list[str]]]:
    if recursive:
        yield from os.walk(folder)
        return
    try:
        names = os.listdir(folder)
    except OSError:
        return
    yield str(folder), [], names


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows, signal 0 is CTRL_C_EVENT: never probe
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a pid this system cannot have: leave it be
    return True


def _finish(journal: Path) -> str:
    """Put in place every file JOURNAL lists whose target still holds what it replaced."""
    root = journal.parent
    try:
        rows = json.loads(journal.read_text(encoding="utf-8"))["files"]
        done, changed = 0, []
        for row in rows:
            target, temporary = root / row["target"], root / row["temporary"]
            if not temporary.exists():
                continue  # replaced before the process was killed
            if _digest(target) == row["old"]:
                os.replace(temporary, target)
                done += 1
            else:
                changed.append(str(target))
        journal.unlink()
    except (OSError, ValueError, KeyError, TypeError) as err:
        return f"cannot finish the interrupted write recorded in {journal}: {err}"
    message = f"finished an interrupted write in {root}: {done} of {len(rows)} files were still to be replaced, and now are"
    if changed:
        message += f"; left alone, as they changed since: {', '.join(changed)}"
    return message
