"""Writing files all or nothing: the one writer of every output and every edited source.

Each file's new bytes go to a temporary file beside it first; only when every one is
written are they put in place with ``os.replace``.  A failure while writing leaves
every file as it was and no temporary file behind; a file replaced is always whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def write_atomically(output_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file of FILES into OUTPUT_DIR, each replaced in one step.

    Each file goes to a temporary file in the same folder first, then
    ``os.replace`` puts it in place; a failure removes the temporary files and
    leaves the previous outputs untouched.
    """
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"{output_dir}: cannot create the output folder: {err.strerror or err}") from None
    inside = output_dir.resolve()
    for name in files:
        if (output_dir / name).resolve().parent != inside:  # a name from the text must not leave the folder
            raise UsageError(f"{output_dir / name}: outside the output folder {output_dir}; nothing was written")
        if (output_dir / name).is_dir():
            raise UsageError(f"{output_dir / name}: is a folder; cannot write the output there")
    try:
        return write_files([(output_dir / name, data) for name, data in files.items()])
    except OSError as err:
        raise UsageError(f"{err.filename or output_dir}: cannot write the output: {err.strerror or err}") from None


def write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Replace each path by its bytes, all temporary files written before the first
    replace; raise OSError (with the path) when a file cannot be written."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        written = []
        while staged:
            temporary, path = staged[0]
            os.replace(temporary, path)
            staged.pop(0)
            written.append(path)
        return written
    finally:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    """DATA in a temporary file beside PATH, with PATH's permissions (a new file: 0644 less the umask)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644 & ~_umask()
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _umask() -> int:
    current = os.umask(0)  # the only way to read it; set straight back
    os.umask(current)
    return current
