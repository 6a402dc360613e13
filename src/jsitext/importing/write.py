"""Writing an imported text: text.yaml and one file per article, in fmt's canonical layout, all or nothing.

The YAML shape (:mod:`jsitext.render.docx_source`) is dumped as JSON, which YAML reads as it is, and
laid out by ``fmt``'s own code, so an imported folder is canonical from the
start (``jsitext fmt --check`` finds nothing to change).  A file that fmt would
refuse (a markup error the import reports) is written in the round-trip
dumper's layout instead: never lost, and ``check`` points at it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomically
from ..errors import UsageError
from ..load import MEMBERS_FILE, TEXT_FILE
from ..source import YAML_SUFFIXES
from ..yamlread import MAX_FILE_BYTES

if TYPE_CHECKING:
    from ..yamlread import Node

Data = dict[str, Any]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_DATE = "\x00date\x00"  # stands for the date in the JSON until it is written plain


@dataclass
class MemorySource:
    """Files held in memory, as a source :func:`jsitext.load.load_text` reads (for a check before writing)."""

    files_: dict[str, bytes]
    label: str = "import"

    def display_path(self, rel: str) -> str:
        return str(Path(self.label) / rel)

    def files(self) -> dict[str, str]:
        """Each file and a digest of its bytes (the key a parse cache knows it by)."""
        return {rel: hashlib.blake2b(data, digest_size=16).hexdigest() for rel, data in self.files_.items()}

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        return {rel: self.files_[rel] for rel in rels}


def text_files(
    text: Data,
    articles: dict[str, Data],
    files: dict[str, str] | None = None,
    members: Data | None = None,
    laid_out: dict[str, tuple[Data, bytes]] | None = None,
) -> dict[str, bytes]:
    """text.yaml, members.yaml when MEMBERS, and each article in its file of FILES (id → relative
    path; ``<id>.yaml`` when not there), each in the canonical layout.  LAID_OUT: files laid out
    before (relative path → the very data laid out, and its bytes), not laid out again."""
    out = {TEXT_FILE: canonical_bytes(TEXT_FILE, text)}
    if members:
        out[MEMBERS_FILE] = canonical_bytes(MEMBERS_FILE, members)
    for article_id, data in articles.items():
        rel = (files or {}).get(article_id, f"{article_id}.yaml")
        earlier = (laid_out or {}).get(rel)
        out[rel] = earlier[1] if earlier is not None and earlier[0] is data else canonical_bytes(rel, data)
    return out


def canonical_bytes(rel: str, data: Data) -> bytes:
    """DATA as the file REL in fmt's layout (the round-trip dumper's when fmt refuses it).

    fmt's quick writer (:func:`jsitext.authoring.layout.canonical`) first, its reference
    way when the quick one declines: the same bytes either way, at a tenth of the cost.
    """
    from ..authoring import roundtrip as rt
    from ..authoring.fmt import format_bytes
    from ..authoring.layout import canonical

    raw = _yaml_of(data, indent=None)  # json's C encoder: the quick writer only checks it for what it declines
    if len(raw) * 8 > MAX_FILE_BYTES:  # its size too (indented, it could be over the limit): read as written below
        raw = _yaml_of(data)
    quick = canonical(rel, rel, raw, _tree(data))
    if quick is not None:
        return quick
    raw = _yaml_of(data)  # the reference way keeps some of the JSON's layout
    try:
        return format_bytes(rel, raw)
    except rt.Refused:
        return rt.dump(data)


def _yaml_of(data: Data, indent: int | None = 1) -> bytes:
    """DATA as YAML: JSON (which YAML reads as it is), a date written plain as fmt writes it."""
    date = data.get("date")
    if isinstance(date, str) and _DATE.fullmatch(date):
        data = {**data, "date": _PLAIN_DATE}
    raw = json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    return raw.replace(json.dumps(_PLAIN_DATE), str(date), 1).encode("utf-8")


def _tree(data: Data) -> Node | None:
    """The positioned tree YAML reads from DATA's JSON (:func:`_yaml_of`), built from DATA itself
    (a second reading costs as much as the layout); None when a value is not text, a list or a
    mapping (a number, true, null: read as YAML spells it)."""
    from ..yamlread import Document, Mapping, Scalar, Sequence

    doc = Document("", "")

    def node(value: Any, style: str = '"') -> Node:
        if isinstance(value, str):
            return Scalar(doc, 0, 0, 0, value, style)
        if isinstance(value, list):
            return Sequence(doc, 0, 0, 0, [node(v) for v in value])
        if isinstance(value, dict):
            return Mapping(doc, 0, 0, 0, [(Scalar(doc, 0, 0, 0, k, '"'), node(v)) for k, v in value.items()])
        raise TypeError(value)

    try:
        root = node(data)
    except TypeError:
        return None
    date = data.get("date")
    if isinstance(date, str) and _DATE.fullmatch(date):  # written plain
        assert isinstance(root, Mapping)
        root.pairs = [(k, Scalar(doc, 0, 0, 0, date, "") if k.value == "date" else v) for k, v in root.pairs]  # type: ignore[attr-defined]
    return root


def refuse_existing(output: Path, *, force: bool) -> bool:
    """OUTPUT must not hold a text already (text.yaml or article files), unless FORCE; True when it holds one.
    A members.yaml alone is welcome: the import reads its groups and members (:func:`.run.folder_members`)."""
    if not output.exists():
        return False
    if not output.is_dir():
        raise UsageError(f"{output}: exists and is not a folder; choose another --output")
    held = sorted(p.name for p in output.iterdir() if (p.suffix in YAML_SUFFIXES or p.is_dir()) and p.name != MEMBERS_FILE)
    if held and not force:
        shown = ", ".join(held[:3]) + (" ..." if len(held) > 3 else "")
        raise UsageError(f"{output}: already holds a text ({shown}); import into a new folder, or add --force to overwrite it")
    return bool(held)


def write_text(output: Path, files: dict[str, bytes]) -> list[Path]:
    """FILES into OUTPUT, all or nothing (an interrupted import leaves the folder as it was)."""
    return write_atomically(output, files, nested=True)
