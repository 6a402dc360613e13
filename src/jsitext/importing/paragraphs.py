"""The shape of a numbered paragraph in Word: its label and level, and the brackets around it.

A paragraph of the text is read as :class:`Part` objects (one a Word paragraph: the
text, an item, a sub-item) gathered in a :class:`Unit` (the numbered paragraph, or its
Alt 1 / Alt 2).  Here: what a paragraph's label says of its level ("1.", "(a)", "(i)",
or Word's list level), and whether a paragraph, an alternative or a whole article
stands in one bracket closed by its attribution (a proposal).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .attributions import Attribution, read_attribution
from .docx_read import Block
from .inline import INLINE_CODES, Item, Note, footnote_markup

Data = dict[str, Any]

LABEL = re.compile(r"^[ \t]*(?:(\d+(?:\.\d+)*)(?:[.)][\t ]+|\t)|\(([a-z]{1,4})\)[\t ]+|([a-z])\)[\t ]+)")
ALT = re.compile(r"^[ \t]*(?:Alt(?:ernative)?|Option)\s*(\d+)\s*:\s*", re.IGNORECASE)
_OPENING_BRACKET = re.compile(r"[ \t]*\[")
ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})


@dataclass
class Part:
    """One Word paragraph of a numbered paragraph: its level (0 text, 1 item, 2 sub-item) and content."""

    level: int
    block: Block
    items: list[Item]
    label_width: int = 0
    label: str = ""


@dataclass
class Unit:
    """A numbered paragraph as read: its parts, or its alternatives (each a list of parts)."""

    parts: list[Part] = field(default_factory=list)
    alternatives: list[list[Part]] = field(default_factory=list)
    notes: list[Data] = field(default_factory=list)
    label: str = ""


def label_of(block: Block, items: list[Item], units: list[Unit]) -> tuple[int, str, int, int]:
    """The level of BLOCK (0, 1 item, 2 sub-item), its label, where the label starts (after an
    opening bracket: "[1. ...]" is paragraph 1 in brackets) and how many characters it takes."""
    head = "".join(c if isinstance(c, str) else "\x00" for c in items[:16])
    match = LABEL.match(head)
    lead = 0
    bracket = _OPENING_BRACKET.match(head)
    if bracket and (inside := LABEL.match(head[bracket.end() :])) and (inside.group(1) or inside.group(2) or inside.group(3)):
        match, lead = inside, bracket.end()
    width = match.end() if match else len(head) - len(head.lstrip(" \t"))
    style_level = {"TreatyItem": 1, "TreatySubitem": 2}.get(block.style)
    if match and match.group(1):
        return (style_level or 0), match.group(1), lead, width
    letter = match.group(2) or match.group(3) if match else None
    if letter:
        return style_level or item_level(letter, units), f"({letter})", lead, width
    if block.level is not None:
        return min(block.level, 2), "", lead, width
    return style_level or 0, "", lead, width


def item_level(label: str, units: list[Unit]) -> int:
    """A roman label ((i), (ii)) is a sub-item under an item, unless it follows the letter before it ((h), (i))."""
    if label not in ROMAN or not units:
        return 1
    parts = units[-1].alternatives[-1] if units[-1].alternatives else units[-1].parts
    items = [p for p in parts if p.level >= 1]
    if not items:
        return 1
    previous = items[-1].label.strip("()")
    if items[-1].level == 1 and len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1:
        return 1
    return 2


def whole_bracket(parts: list[Part]) -> tuple[Attribution, list[Part], str | None] | None:
    """A paragraph (or an alternative) wholly in one bracket closed by an attribution: the
    attribution, the parts without that bracket, and a treaty footnote after it (as markup)."""
    if not parts:
        return None
    first = parts[0].items
    start = next((i for i, c in enumerate(first) if c not in (" ", "\t")), None)
    if start is None or first[start] != "[":
        return None
    last = parts[-1].items
    end = len(last)
    while end and last[end - 1] in (" ", "\t"):
        end -= 1
    tail = [c for c in last[max(end - 2, 0) : end] if isinstance(c, Note)]
    footnote = None
    if len(tail) == 2 and read_attribution(tail[1].text) is None:
        footnote = tail[1].text
        end -= 1
    closing = closing_attribution(last[:end])
    if closing is None:
        return None
    attribution, close = closing
    if not spans(parts, start, close):
        return None
    inner = [Part(p.level, p.block, list(p.items), p.label_width, p.label) for p in parts]
    inner[-1].items = inner[-1].items[:close]
    inner[0].items = inner[0].items[start + 1 :]
    inner[0].label_width += start + 1
    return attribution, inner, footnote_markup(footnote) if footnote is not None else None


def closing_attribution(items: list[Item]) -> tuple[Attribution, int] | None:
    """The attribution that ends ITEMS right after a ']' (a footnote, or "{US}" / "(US)"), with that ']''s index."""
    if items and isinstance(items[-1], Note):
        attribution = read_attribution(items[-1].text)
        close = len(items) - 2
    else:
        text = "".join(c if isinstance(c, str) else "\x00" for c in items)
        close = text.rfind("]")
        match = INLINE_CODES.fullmatch(text[close + 1 :]) if close >= 0 else None
        attribution = read_attribution(match.group(2)) if match and (match.group(1) == "(") == (match.group(3) == ")") else None
    if attribution is None or close < 0 or items[close] != "]":
        return None
    return attribution, close


def ending_footnote(parts: list[Part]) -> tuple[list[Part], str | None]:
    """PARTS without the treaty footnote that ends the last of them (the paragraph's own
    ``footnote``, printed there), and that footnote as markup; an attribution stays where it is."""
    items = parts[-1].items
    end = len(items)
    while end and items[end - 1] in (" ", "\t"):
        end -= 1
    note = items[end - 1] if end else None
    if not isinstance(note, Note) or (end >= 2 and items[end - 2] == "]") or read_attribution(note.text) is not None:
        return parts, None
    if end >= 2 and isinstance(items[end - 2], Note):
        return parts, None
    last = Part(parts[-1].level, parts[-1].block, items[: end - 1], parts[-1].label_width, parts[-1].label)
    return [*parts[:-1], last], footnote_markup(note.text)


def whole_span(units: list[Unit], fewest: int = 2) -> tuple[Attribution, list[Unit]] | None:
    """FEWEST or more paragraphs in one bracket closed by an attribution (a proposed article, or
    a version of one): the attribution, and the paragraphs without that bracket."""
    if len(units) < fewest or any(u.alternatives for u in units):
        return None
    parts = [p for u in units for p in u.parts]
    whole = whole_bracket(parts)
    if whole is None or whole[2] is not None:
        return None
    attribution, inner, _footnote = whole
    out, at = [], 0
    for unit in units:
        out.append(Unit(inner[at : at + len(unit.parts)], [], unit.notes, unit.label))
        at += len(unit.parts)
    return attribution, out


def spans(parts: list[Part], start: int, close: int) -> bool:
    """The '[' at START of the first part closes only at CLOSE of the last."""
    depth = 0
    for n, part in enumerate(parts):
        for i, c in enumerate(part.items):
            if n == 0 and i < start:
                continue
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    return n == len(parts) - 1 and i == close
    return False


def slice_visible(items: list[Item], start: int, end: int) -> list[Item]:
    """The ITEMS from visible offset START to END, footnotes at or right after END included."""
    out: list[Item] = []
    seen = 0
    for c in items:
        if isinstance(c, Note):
            if start <= seen <= end:
                out.append(c)
            continue
        if start <= seen < end:
            out.append(c)
        seen += 1
    return out


def iter_parts(units: list[Unit]) -> Iterator[Part]:
    for unit in units:
        yield from unit.parts
        for parts in unit.alternatives:
            yield from parts
