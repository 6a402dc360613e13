"""A Word document as a neutral stream of blocks: paragraphs (style, list level, runs), tables, images.

Read from python-docx's XML elements with lxml's API (never by patterns over the
raw XML): the body in document order, each paragraph's runs with their text and
look (bold, italic, shading or highlight), footnote references with the
footnote's text, bookmarks, list numbering; tables as rows of cell text; an
image as a block of its own, so that nothing in the body goes unseen.
The same reading serves :func:`visible_digest`, by which the build and the
import agree on what an article looks like.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _R, _T, _TAB, _BR = (f"{{{W}}}{t}" for t in ("p", "tbl", "r", "t", "tab", "br"))
_HYPERLINK, _INS, _SMART = f"{{{W}}}hyperlink", f"{{{W}}}ins", f"{{{W}}}smartTag"
_BOOKMARK, _FOOTNOTE_REF, _DRAWING, _PICT = (f"{{{W}}}{t}" for t in ("bookmarkStart", "footnoteReference", "drawing", "pict"))
_VAL, _ID, _NAME, _FILL = f"{{{W}}}val", f"{{{W}}}id", f"{{{W}}}name", f"{{{W}}}fill"
_OFF = frozenset({"0", "false", "off", "none"})
#: Word's numbered list styles, numbered by the style itself: their list level.
_STYLE_LEVELS = {"ListNumber": 0, "ListNumber2": 1, "ListNumber3": 2}


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one look, or a footnote reference (``footnote`` holds its text)."""

    text: str
    bold: bool = False
    italic: bool = False
    shaded: bool = False
    footnote: str | None = None


@dataclass(slots=True)
class Block:
    """One paragraph, table or image of the body, numbered in document order (1-based)."""

    number: int
    kind: str  # paragraph | table | image
    style: str = ""
    level: int | None = None  # the list level of a numbered paragraph (0 = top)
    runs: list[Run] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    shaded: bool = False  # the paragraph itself is shaded (a boxed note)
    rows: list[list[str]] = field(default_factory=list)  # a table's cell texts

    @property
    def text(self) -> str:
        """The visible text, footnote marks left out."""
        return "".join(r.text for r in self.runs if r.footnote is None)


def read_blocks(
    body: etree._Element, footnotes: dict[str, str], styles: dict[str, tuple[bool, bool]] | None = None, passed: Container[int] = ()
) -> list[Block]:
    """Every block of BODY (a w:body), footnote references carrying their text from FOOTNOTES.

    STYLES gives each character or paragraph style id its (bold, shaded) look, so a run
    in a bold or shaded style reads as bold or shaded.  PASSED: the places (1-based, among
    the paragraphs and tables) not to read, only to count (articles known to be unchanged).
    """
    blocks: list[Block] = []
    looks = styles or {}
    place = numbered = 0
    for element in body:
        if element.tag != _P and element.tag != _TBL:
            continue
        place += 1
        if place in passed:
            numbered += 1
            continue
        if element.tag == _P:
            read = _paragraph(element, numbered + 1, footnotes, looks)
        else:
            read = [Block(numbered + 1, "table", rows=_rows(element, footnotes))]
        blocks.extend(read)
        numbered += len(read)
    return blocks


def _paragraph(p: etree._Element, number: int, footnotes: dict[str, str], looks: dict[str, tuple[bool, bool]]) -> list[Block]:
    ppr = p.find(f"{{{W}}}pPr")
    style = _val(ppr, "pStyle") if ppr is not None else ""
    level = _list_level(ppr) if ppr is None or ppr.find(f"{{{W}}}numPr") is not None else None
    level = _STYLE_LEVELS.get(style) if level is None else level
    bold_style, shaded_style = looks.get(style, (False, False))
    shaded = shaded_style or (ppr is not None and _shaded(ppr.find(f"{{{W}}}shd")))
    block = Block(number, "paragraph", style, level, shaded=shaded)
    images = 0
    for element in p.iter():
        tag = element.tag
        if tag == _BOOKMARK:
            block.bookmarks.append(element.get(_NAME) or "")
        elif tag == _R:
            images += _run(element, block.runs, footnotes, looks, bold_style)
    out = [block]
    if images:
        out.append(Block(number + 1, "image"))
    return out


def _run(r: etree._Element, runs: list[Run], footnotes: dict[str, str], looks: dict[str, tuple[bool, bool]], bold_style: bool) -> int:
    """Append R's text and footnote references to RUNS; return how many images it holds."""
    rpr = r.find(f"{{{W}}}rPr")
    bold, italic, shaded = bold_style, False, False
    if rpr is not None:
        style_bold, style_shaded = looks.get(_val(rpr, "rStyle"), (False, False))
        bold = _on(rpr.find(f"{{{W}}}b"), style_bold or bold_style)
        italic = _on(rpr.find(f"{{{W}}}i"), False)
        highlight = rpr.find(f"{{{W}}}highlight")
        shaded = style_shaded or _shaded(rpr.find(f"{{{W}}}shd")) or (highlight is not None and highlight.get(_VAL) not in _OFF)
    if rpr is not None and _mark_separator(r, rpr):
        return 0
    images = 0
    for child in r:
        tag = child.tag
        if tag == _T:
            _add(runs, child.text or "", bold, italic, shaded)
        elif tag == _TAB:
            _add(runs, "\t", bold, italic, shaded)
        elif tag == _BR:
            _add(runs, "\n", bold, italic, shaded)
        elif tag == _FOOTNOTE_REF:
            runs.append(Run("", footnote=footnotes.get(child.get(_ID) or "", "")))
        elif tag in (_DRAWING, _PICT):
            images += 1
    return images


def _mark_separator(r: etree._Element, rpr: etree._Element) -> bool:
    """A superscript comma between two footnote marks ("²³¹,²³²"): part of the marks, not of the text."""
    superscript = _val(rpr, "rStyle") == "FootnoteReference" or _val(rpr, "vertAlign") == "superscript"
    return superscript and "".join(t.text or "" for t in r.iter(_T)).strip() == ","


def _add(runs: list[Run], text: str, bold: bool, italic: bool, shaded: bool) -> None:
    """TEXT joined to the last run when it has the same look (Word splits runs at will)."""
    if runs and runs[-1].footnote is None and (runs[-1].bold, runs[-1].italic, runs[-1].shaded) == (bold, italic, shaded):
        runs[-1] = Run(runs[-1].text + text, bold, italic, shaded)
    elif text:
        runs.append(Run(text, bold, italic, shaded))


def _rows(table: etree._Element, footnotes: dict[str, str]) -> list[list[str]]:
    rows = []
    for tr in table.iter(f"{{{W}}}tr"):
        cells = []
        for tc in tr.iter(f"{{{W}}}tc"):
            texts = [b.text for p in tc.iter(_P) for b in _paragraph(p, 0, footnotes, {}) if b.kind == "paragraph"]
            cells.append("\n".join(texts).strip())
        rows.append(cells)
    return rows


def _list_level(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    num = ppr.find(f"{{{W}}}numPr")
    if num is None:
        return None
    num_id = _val(num, "numId")
    if num_id in ("", "0"):
        return None
    level = _val(num, "ilvl")
    return int(level) if level.isdigit() else 0


def _val(parent: etree._Element | None, name: str) -> str:
    if parent is None:
        return ""
    child = parent.find(f"{{{W}}}{name}")
    return (child.get(_VAL) or "") if child is not None else ""


def _on(element: etree._Element | None, default: bool) -> bool:
    if element is None:
        return default
    return element.get(_VAL, "true").lower() not in _OFF


def _shaded(shd: etree._Element | None) -> bool:
    if shd is None:
        return False
    fill = (shd.get(_FILL) or "auto").upper()
    return fill not in ("AUTO", "FFFFFF") or (shd.get(_VAL) or "clear") not in ("clear", "nil")


def read_footnotes(root: etree._Element | None) -> dict[str, str]:
    """Each footnote's id and its text (the mark and the space after it left out)."""
    if root is None:
        return {}
    out = {}
    for note in root.iter(f"{{{W}}}footnote"):
        if note.get(f"{{{W}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = []
        for p in note.iter(_P):
            texts.append("".join(_plain(p)))
        out[note.get(_ID) or ""] = "\n".join(texts).strip()
    return out


def _plain(p: etree._Element) -> Iterator[str]:
    for element in p.iter(_T, _TAB, _BR):
        yield element.text or "" if element.tag == _T else ("\t" if element.tag == _TAB else "\n")


def read_styles(root: etree._Element | None) -> dict[str, tuple[bool, bool]]:
    """Each style id's (bold, shaded) look, from word/styles.xml (a style's own setting only)."""
    out: dict[str, tuple[bool, bool]] = {}
    if root is None:
        return out
    for style in root.iter(f"{{{W}}}style"):
        rpr, ppr = style.find(f"{{{W}}}rPr"), style.find(f"{{{W}}}pPr")
        bold = rpr is not None and _on(rpr.find(f"{{{W}}}b"), False)
        shaded = (ppr is not None and _shaded(ppr.find(f"{{{W}}}shd"))) or (rpr is not None and _shaded(rpr.find(f"{{{W}}}shd")))
        out[style.get(f"{{{W}}}styleId") or ""] = (bold, shaded)
    return out


def shown_blocks(body: etree._Element, footnotes: dict[str, str]) -> list[Block]:
    """BODY's paragraphs and tables as light blocks for comparing what two documents show:
    each with its style, its bookmarks and one run of its text (footnotes' text in place,
    an image as a mark).  Ten times quicker than :func:`read_blocks`, which reads the looks too."""
    blocks: list[Block] = []
    for element in body:
        if element.tag not in (_P, _TBL):
            continue
        ppr = element.find(f"{{{W}}}pPr") if element.tag == _P else None
        block = Block(len(blocks) + 1, "paragraph" if element.tag == _P else "table", _val(ppr, "pStyle"))
        pieces = []
        for e in element.iter(_T, _TAB, _BR, _FOOTNOTE_REF, _BOOKMARK, _DRAWING, _PICT):
            tag = e.tag
            if tag == _T:
                pieces.append(e.text or "")
            elif tag == _BOOKMARK:
                block.bookmarks.append(e.get(_NAME) or "")
            elif tag == _FOOTNOTE_REF:
                pieces.append("\x1e" + footnotes.get(e.get(_ID) or "", "") + "\x1e")
            else:
                pieces.append({_TAB: "\t", _BR: "\n"}.get(tag, "\x1c"))
        block.runs.append(Run("".join(pieces)))
        blocks.append(block)
    return blocks


def visible_digest(blocks: Iterable[Block]) -> str:
    """A digest of what BLOCKS show (style, text, footnotes' text): equal digests, the same visible text."""
    h = hashlib.sha256()
    for block in blocks:
        h.update(f"{block.kind}\x1f{block.style}\x1f".encode())
        for run in block.runs:
            h.update(("\x1e" + run.footnote + "\x1e" if run.footnote is not None else run.text).encode())
        for row in block.rows:
            h.update("\x1d".join(row).encode())
        h.update(b"\n")
    return h.hexdigest()[:32]
