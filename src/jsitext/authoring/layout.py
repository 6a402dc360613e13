"""fmt's canonical layout written straight from jsitext's own reading of a file.

The reference way to the layout (:func:`jsitext.authoring.fmt.format_bytes`) edits
ruamel.yaml's round-trip tree, which keeps comments and costs about 10 ms a file.
Most files hold no comment and only values with one obvious spelling: plain words
and names, marked-up text, lists of codes or ids.  For those, :func:`canonical`
writes the same bytes from the positioned tree (:mod:`jsitext.yamlread`) in a
fraction of the time; for anything else (a comment, a value that would be quoted, a
key or a shape it does not know) it declines with None and fmt takes the reference
way.  ``tests/test_fmt.py`` holds the two ways to the same bytes.
"""

from __future__ import annotations

import re

from ..load import TEXT_FILE
from ..schema import ARTICLE_KEYS, ITEM_KEYS, PARAGRAPH_KEYS, SECTION_KEYS, SUBSECTION_KEYS, TEXT_KEYS
from ..yamlread import Mapping, Node, Scalar, Sequence, read_yaml
from . import roundtrip as rt

# Lists written one mapping per entry, and the keys of their entries.
_BLOCK_LISTS = {
    "paragraphs": PARAGRAPH_KEYS,
    "alternatives": PARAGRAPH_KEYS,
    "items": ITEM_KEYS,
    "sections": SECTION_KEYS,
    "subsections": SUBSECTION_KEYS,
}
# Lists of codes or ids: ``[US, JP]`` when they fit on the key's line.
_SHORT_LISTS = frozenset({"proponents", "articles"})
_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
# A value YAML writes plain whatever the resolver: it starts with a letter and holds
# no indicator, no tab, no line break, no doubled or trailing space.
_PLAIN = re.compile(r"(?!.*  )[^\W\d_][^:#\[\]{}|>*&!%@`\"\\\t\n\r\x85\u2028\u2029\ufeff]*(?<! )")
_MARKERS = re.compile(r"^(---|\.\.\.|%)", re.MULTILINE)
# A date written plain stays as it is written, typed or not.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORDS_OF_A_RESOLVER = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
# Of those, the ones YAML 1.2 (ruamel.yaml's reading) does not read as text: written quoted.
_NOT_STRINGS = frozenset({"true", "false", "null"})


class _Declined(Exception):
    """Not a file this module writes: fmt takes the reference way."""


def canonical(rel: str, path: str, data: bytes, root: Node | None = None) -> bytes | None:
    """The canonical layout of a file that loads without errors, or None when declined.

    ROOT: the file's positioned tree when the caller has read it already.
    """
    text = rt.decoded(path, data)
    if text is None or "#" in text or _MARKERS.search(text):
        return None  # a comment, a document marker or a directive: ruamel.yaml keeps them
    if root is None:
        root = read_yaml(path, data).root
    out: list[str] = []
    try:
        _mapping(root, TEXT_KEYS if rel == TEXT_FILE else ARTICLE_KEYS, 0, out, dash=False)
    except _Declined:
        return None
    return "".join(out).encode("utf-8")


def _mapping(node: Node | None, keys: tuple[str, ...], column: int, out: list[str], *, dash: bool) -> None:
    """NODE's keys in canonical order from COLUMN; DASH: the first key follows a list dash."""
    if not isinstance(node, Mapping) or not node.pairs:
        raise _Declined
    values = {}
    for key, value in node.pairs:
        if not isinstance(key, Scalar) or key.value not in keys:
            raise _Declined
        values[key.value] = value
    for n, name in enumerate(k for k in keys if k in values):
        indent = " " * (column - 2) + "- " if dash and n == 0 else " " * column
        out.append(f"{indent}{name}:")
        _value(name, values[name], column, out)


def _value(key: str, node: Node, column: int, out: list[str]) -> None:
    if key in _BLOCK_LISTS:
        if not isinstance(node, Sequence) or not node.items:
            raise _Declined
        out.append("\n")
        for entry in node.items:
            _mapping(entry, _BLOCK_LISTS[key], column + 4, out, dash=True)
    elif key in _SHORT_LISTS:
        _short_list(key, node, column, out)
    elif key in rt.MARKUP_KEYS:
        _folded(_scalar(node), column + 2, out)
    else:
        value = _scalar(node)
        written_plain = isinstance(node, Scalar) and node.style == "" and _DATE.fullmatch(value)
        if not (written_plain or _PLAIN.fullmatch(value)) or value.lower() in _WORDS_OF_A_RESOLVER:
            raise _Declined
        out.append(f" {value}\n")


def _scalar(node: Node) -> str:
    if not isinstance(node, Scalar) or node.is_null:
        raise _Declined
    return node.value


def _folded(value: str, column: int, out: list[str]) -> None:
    """A ``>-`` block wrapped as :func:`roundtrip.folded` wraps it."""
    block = rt.folded(value, column)
    if block.__class__.__name__ != "FoldedScalarString":
        raise _Declined  # written double-quoted
    out.append(" >-\n")
    start, pad = 0, " " * column
    for fold in block.fold_pos:  # type: ignore[union-attr]
        out.append(f"{pad}{value[start:fold]}\n")
        start = fold + 1
    out.append(f"{pad}{value[start:]}\n")


def _short_list(key: str, node: Node, column: int, out: list[str]) -> None:
    if not isinstance(node, Sequence):
        raise _Declined
    codes = [_scalar(item) for item in node.items]
    if not all(_FLOW_PLAIN.fullmatch(c) and c.lower() not in _NOT_STRINGS for c in codes):
        raise _Declined
    # The width as fmt reckons it: a word some resolver reads as a boolean counted quoted.
    if not codes or len(key) + column + 2 + sum(len(c) + (4 if c.lower() in _WORDS_OF_A_RESOLVER else 2) for c in codes) <= rt.WIDTH:
        out.append(f" [{', '.join(codes)}]\n")
        return
    pad = " " * (column + 2)
    out.append("\n" + "".join(f"{pad}- {c}\n" for c in codes))
