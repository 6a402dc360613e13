"""``jsitext fmt``: one canonical layout for every article file and text.yaml.

The layout: keys in the order of the format reference (:mod:`jsitext.schema`),
2-space indentation with list dashes indented under their key, marked-up text
(text, note, footnote, cover_note) as ``>-`` blocks wrapped at
:data:`~jsitext.authoring.roundtrip.WIDTH` columns, and proponents and outline
article lists as flow lists (``[US, JP]``) when they fit on one line.

Editing goes through ruamel.yaml's round-trip tree, so comments stay; a file with no
comment and only values of one obvious spelling is laid out straight from jsitext's
own reading instead (:mod:`.layout`: the same bytes in a tenth of the time).  Every
result is read back and compared with the file's meaning (as check reads it) before
it is written: a layout change that would change one character of the text is a
``meaning-changed`` finding and is never written.  A file that does not load cleanly
is refused and left untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from ..atomic import recover
from ..load import MEMBERS_FILE, TEXT_FILE
from ..problems import Problem
from ..schema import ARTICLE_ALTERNATIVE_KEYS, ARTICLE_KEYS, ITEM_KEYS, NOTE_KEYS, PARAGRAPH_KEYS, SECTION_KEYS, SUBSECTION_KEYS, TEXT_KEYS
from ..source import FolderSource
from . import roundtrip as rt
from .layout import canonical

# A list item that YAML writes plain in a flow list, so its width is known.
_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


@dataclass
class FmtReport:
    """What ``fmt`` did (or, with ``check``, would do) to a folder."""

    changed: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def clean(self) -> bool:
        return not self.changed and not self.refused


def format_path(path: Path, *, write: bool = True) -> FmtReport:
    """Format the articles folder PATH (or one file); with ``write=False`` only report."""
    report = FmtReport()
    changed: list[tuple[Path, bytes]] = []
    inside = None if path.is_file() else path
    for full, rel in _targets(path):
        report.files += 1
        try:
            data = rt.read_source(full, str(full), inside=inside)
            out = format_bytes(rel, data, path=str(full))
        except rt.Refused as refused:
            report.refused.extend(refused.problems)
            continue
        if out != data:
            report.changed.append(str(full))
            changed.append((full, out))
    if write and changed:
        rt.write_all_atomic(changed)  # all or nothing: an interrupted fmt changes no file
    return report


def _targets(path: Path) -> list[tuple[Path, str]]:
    """(file, name as jsitext knows it) for text.yaml and every article file."""
    if path.is_file():
        recover(path.parent, recursive=False)
        return [(path, path.name)]
    source = FolderSource(path)
    return [(path / rel, rel) for rel in source.files() if rel != MEMBERS_FILE]


def format_bytes(rel: str, data: bytes, *, path: str = "") -> bytes:
    """The canonical layout of one file (REL tells text.yaml from an article); Refused
    when it does not load cleanly or when the layout would change what it says."""
    path = path or rel
    before, problems = rt.meaning(rel, path, data)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise rt.Refused(errors)
    quick = _quick(rel, path, data, before)
    if quick is not None:
        return quick
    edit = rt.open_for_edit(path, data, keep_quotes=False)
    if isinstance(edit.tree, CommentedMap):
        (canonical_text if rel == TEXT_FILE else canonical_article)(edit.tree)
    return rt.written(edit, expected=rt.plain(edit.root))  # a layout changes nothing that is read


def _quick(rel: str, path: str, data: bytes, before: object) -> bytes | None:
    """The layout from jsitext's own reading (:mod:`.layout`), its meaning (BEFORE) checked; None: the round trip's job."""
    if before is None:
        return None
    out = canonical(rel, path, data, getattr(before, "origin", None))  # an article's tree: not read twice
    if out is None or out == data:
        return out
    after, _ = rt.meaning(rel, path, out)
    return out if after == before else None


# -- the canonical tree -------------------------------------------------------------
def canonical_article(tree: CommentedMap) -> None:
    """Reorder and restyle an article's round-trip tree in place."""
    _mapping(tree, ARTICLE_KEYS, 0)
    _notes(tree, 0)
    for paragraph in _block_items(tree.get("paragraphs")):
        _paragraph(paragraph, 4)
    for alternative in _block_items(tree.get("alternatives")):
        _mapping(alternative, ARTICLE_ALTERNATIVE_KEYS, 4)
        for paragraph in _block_items(alternative.get("paragraphs") if isinstance(alternative, CommentedMap) else None):
            _paragraph(paragraph, 8)


def canonical_text(tree: CommentedMap) -> None:
    """Reorder and restyle text.yaml's round-trip tree in place."""
    _mapping(tree, TEXT_KEYS, 0)
    _notes(tree, 0)
    for paragraph in _block_items(tree.get("preamble")):
        _paragraph(paragraph, 4)
    for section in _block_items(tree.get("sections")):
        _mapping(section, SECTION_KEYS, 4)
        _notes(section, 4)
        for subsection in _block_items(section.get("subsections")):
            _mapping(subsection, SUBSECTION_KEYS, 8)
            _notes(subsection, 8)


def _notes(node: Any, column: int) -> None:
    """A ``notes`` list, one note a block: kind first, then its text (markup, folded like any text)."""
    if isinstance(node, CommentedMap):
        for note in _block_items(node.get("notes")):
            _mapping(note, NOTE_KEYS, column + 4)


def _paragraph(node: Any, column: int) -> None:
    _mapping(node, PARAGRAPH_KEYS, column)
    _notes(node, column)
    _items(node, column)
    for alternative in _block_items(node.get("alternatives") if isinstance(node, CommentedMap) else None):
        _paragraph(alternative, column + 4)


def _items(node: Any, column: int) -> None:
    if not isinstance(node, CommentedMap):
        return
    for item in _block_items(node.get("items")):
        _mapping(item, ITEM_KEYS, column + 4)
        _items(item, column + 4)


def _block_items(node: Any) -> list[Any]:
    """The entries of a list written one per line (paragraphs, items, sections ...)."""
    if not isinstance(node, CommentedSeq):
        return []
    node.fa.set_block_style()
    return list(node)


def _mapping(node: Any, keys: tuple[str, ...], column: int) -> None:
    """Keys in canonical order; each value in its canonical style (COLUMN: where keys start)."""
    if not isinstance(node, CommentedMap):
        return
    node.fa.set_block_style()
    present = [k for k in keys if k in node]
    if list(node.keys()) != present:
        # A comment stays with the value it follows, as ruamel.yaml keeps it.
        for key in present:
            node.move_to_end(key)
    for key in present:
        value = node[key]
        if key in rt.MARKUP_KEYS and isinstance(value, str):
            node[key] = _markup(value, column + 2)
            if isinstance(node[key], FoldedScalarString) and not isinstance(value, FoldedScalarString):
                _after_block(node, key)
        elif key == "title" and isinstance(value, str) and _TITLE_MARKUP.search(value) and len(value) + column + 7 > rt.WIDTH:
            node[key] = _markup(value, column + 2)  # a title with a footnote (format 2) folds as text does
            if not isinstance(value, FoldedScalarString):
                _after_block(node, key)
        elif isinstance(value, str):
            node[key] = _plain(value)
        elif key in ("proponents", "articles") and isinstance(value, CommentedSeq):
            _short_list(value, len(key) + column + 2)


_TITLE_MARKUP = re.compile(r"\^\[")


def _after_block(node: CommentedMap, key: str) -> None:
    """A block ends its own line: the comment lines after it lose the line break a plain value needed."""
    entry = node.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is not None and token.value.startswith("\n"):
        token.value = token.value[1:].lstrip(" ")


def _markup(value: str, column: int) -> Any:
    block = rt.folded(_plain(value), column)
    comment = getattr(value, "comment", None)
    if comment and hasattr(block, "comment"):
        block.comment = comment
    return block


def _plain(value: str) -> str:
    """A plain ``str``: the style ruamel.yaml chose for the old value is dropped."""
    return str.__str__(value)


def _short_list(seq: CommentedSeq, used: int) -> None:
    """Flow style (``[US, JP]``) when it fits on the key's line and holds no comment."""
    for i, value in enumerate(seq):
        if isinstance(value, str):
            seq[i] = _plain(value)
    if seq.ca.items or seq.ca.comment or seq.ca.end or not all(isinstance(v, str) for v in seq):
        seq.fa.set_block_style()
        return
    width = used + sum(len(v) + 2 + (0 if _FLOW_PLAIN.fullmatch(v) and v.lower() not in _RESERVED else 2) for v in seq)
    if width <= rt.WIDTH or not seq:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
