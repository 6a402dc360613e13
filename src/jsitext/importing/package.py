"""Opening a .docx safely: a zip of bounded size, read only after its entries are checked.

A Word file is a zip of XML parts.  Before python-docx reads a byte of it, every
entry is checked: no name that leaves the package (``../``, an absolute path), no
entry or total declared larger than the limits, no entry inflating far beyond its
compressed size (a zip bomb).  zipfile reads an entry only up to its declared
size, so the declared sizes bound what is inflated.  The XML is parsed by
python-docx's parser, which resolves no entity and fetches nothing from the
network; the custom part jsitext embeds is parsed by :data:`SAFE_PARSER`, the same.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import UsageError
from ..source import read_file

if TYPE_CHECKING:
    import docx.document

#: The largest .docx read (a 5,000-article text built by jsitext is about 8 MB).
MAX_DOCX_BYTES = 64 * 1024 * 1024
#: The most one entry, and all entries together, may inflate to.
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: A deflated entry inflating more than this many times its size is a zip bomb (XML gives 5-30).
MAX_RATIO = 200
#: Entries below this size are not held to the ratio (a tiny part of repeated spaces is harmless).
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 10_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)


class UnusableInput(UsageError):
    """The file cannot be imported at all (exit 2): not a Word file, encrypted, unsafe, unreadable."""


@dataclass(frozen=True)
class Package:
    """A Word file whose zip entries were checked: its name for messages and its bytes."""

    name: str
    data: bytes

    def entries(self) -> dict[str, bytes]:
        """Every entry, inflated, by name (none at all when the zip holds a name twice: it is damaged)."""
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            names = archive.namelist()
            if len(names) != len(set(names)):
                return {}
            return {name: archive.read(name) for name in names}

    def entry(self, name: str) -> bytes | None:
        """The entry NAME, inflated; None when there is none."""
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.read(name) if name in archive.NameToInfo else None

    def document(self) -> docx.document.Document:
        """The document as python-docx reads it (parsed anew each time: the tree is large)."""
        return _python_docx(self.data, self.name)


def open_docx(path: Path) -> Package:
    """The Word file at PATH, its zip entries checked; UnusableInput says why it cannot be read."""
    data = read_file(path, limit=MAX_DOCX_BYTES)
    if isinstance(data, OSError):
        raise UnusableInput(f"{path}: cannot be read: {getattr(data, 'strerror', None) or data}")
    return open_docx_bytes(data, str(path))


def open_docx_bytes(data: bytes, name: str) -> Package:
    """DATA (the bytes of NAME) as a Word document, after the checks above (python-docx reads it
    only when asked: :meth:`Package.document`)."""
    if data.startswith(_OLE):
        raise UnusableInput(f"{name}: an encrypted (password-protected) Word file or an old .doc; remove the password, or save it as .docx, and import again")
    if not data:
        raise UnusableInput(f"{name}: the file is empty; it is not a Word document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_entries(name, archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise UnusableInput(f"{name}: a zip file but not a Word document (it has no word/document.xml); save it from Word as .docx")
    except zipfile.BadZipFile:
        raise UnusableInput(f"{name}: not a Word document (.docx is a zip file, and this is not one)") from None
    return Package(name, data)


def _check_entries(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise UnusableInput(f"{name}: the zip holds {len(entries):,} entries, over the limit of {MAX_ENTRIES:,}; not a Word document jsitext reads")
    total = 0
    for entry in entries:
        _check_name(name, entry.filename)
        if entry.flag_bits & 0x1:
            raise UnusableInput(f"{name}: the entry {entry.filename!r} is encrypted; remove the password and import again")
        if entry.file_size > MAX_ENTRY_BYTES:
            raise UnusableInput(f"{name}: the entry {entry.filename!r} inflates to {entry.file_size:,} bytes, over the limit of {MAX_ENTRY_BYTES:,}")
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UnusableInput(
                f"{name}: the entry {entry.filename!r} inflates {entry.file_size // max(entry.compress_size, 1):,} times its size "
                f"(over {MAX_RATIO}); a zip bomb, not read"
            )
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        raise UnusableInput(f"{name}: the entries inflate to {total:,} bytes in all, over the limit of {MAX_TOTAL_BYTES:,}")


def _check_name(name: str, entry: str) -> None:
    parts = entry.replace("\\", "/").split("/")
    if entry.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise UnusableInput(f"{name}: the zip entry {entry!r} names a path outside the package; refused, nothing read")


def _python_docx(data: bytes, name: str) -> docx.document.Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as err:
        raise UnusableInput(f"{name}: not a readable Word document ({_short(err)})") from None


def _short(err: BaseException) -> str:
    message = str(err) or type(err).__name__
    return message if len(message) <= 160 else message[:157] + "..."
