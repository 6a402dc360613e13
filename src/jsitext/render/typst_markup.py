"""Typst markup from an HTML page of jsitext (the consolidated text or the diff's redline).

The PDF is the html build laid out in pages: this module reads the page (lxml) and writes
the same elements as calls of the functions of the PDF's Typst stylesheet
(``templates/pdf.typ``), which says how each looks.  What the page shows is not decided
here again: the views, numbers, brackets and redline are the html template's.

Every text of the page is written as a Typst string literal (``#"..."``), which Typst shows
as it is: nothing in a title or a note can become Typst markup.  What paged media adds is
decided here, by the page's own structure: each footnote's text moves from the list at the
end to its mark (Typst sets it at the foot of the mark's page); each element with an id
gets a label, whose place the layout reports, so that the contents and references link to
it and the contents print its page; headings become the PDF's bookmarks at the levels of
:class:`Layout`; the page breaks cut the markup into parts laid out alone
(:meth:`TypstBody.parts`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from lxml import etree

from .typst_compile import LINK, Part, string

#: Elements laid out as blocks of their own (everything else flows in a line).
BLOCKS = frozenset(
    "address article aside blockquote div dl dd dt figure footer header h1 h2 h3 h4 h5 h6 li main nav ol p section table tbody thead tfoot tr ul".split()
)
#: Elements whose content is not shown.
HIDDEN = frozenset(("head", "script", "style", "template", "title", "noscript"))
#: Classes of inline elements → the stylesheet's function that sets their look.
INLINE_LOOKS = {
    "edge": "edge",
    "separator": "separator",
    "alt": "alt",
    "label": "lbl",
    "attribution": "attribution",
    "kind": "kind",
    "alarm": "alarm",
    "mine": "mine",
    "fnsep": "super",
}
#: Inline elements → the function that sets their look.
INLINE_TAGS = {
    "mark": "mine",
    "strong": "strong",
    "b": "strong",
    "em": "emph",
    "i": "emph",
    "code": "mono",
    "del": "deleted",
    "ins": "inserted",
    "sup": "super",
    "sub": "sub",
}
#: Classes of blocks → the stylesheet's function drawing them (the first class known wins).
BLOCK_LOOKS = {
    "proposal": "proposal",
    "alternatives": "alternatives",
    "paragraph": "paragraph",
    "items": "items",
    "item": "item",
    "note": "note-box",
    "small-group": "small-group",
    "alt-heading": "alt-heading",
    "cover-note": "cover-note",
    "symbol": "cover-symbol",
    "subtitle": "subtitle",
    "redline": "redline",
    "article": "article",
    "alarm": "alarm-block",
}
_SPACES = re.compile(r"[ \t\n\r\f]+")
_MARGIN = re.compile(r"margin-left:\s*(\d+(?:\.\d+)?)rem")
#: The ids of an element and those within it, in the page's order (plain strings).
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
#: The footnotes' texts within an element: the items of its list of notes ("fn-1", ...).
_FOOTNOTES = etree.XPath("descendant::li[starts-with(@id, 'fn-')]")


@dataclass(frozen=True)
class Layout:
    """What paged media adds to a page: the bookmarks' level of each heading (a function of the
    heading element, 0 for none) and the elements a page break follows or precedes."""

    bookmark: Callable[[etree._Element], int]
    break_after: Callable[[etree._Element], bool] = lambda _element: False
    break_before: Callable[[etree._Element], bool] = lambda _element: False


@dataclass
class _Page:
    """The state of one conversion: labels of the ids, footnotes by number, and the output."""

    layout: Layout
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, etree._Element] = field(default_factory=dict)
    out: list[str] = field(default_factory=list)
    block_start: int = 0  # where the block being written starts in OUT
    depth: int = 0  # the depth of the innermost bracket around the text being written
    note_blocks: dict[str, int] = field(default_factory=dict)  # footnote number → its mark's block in OUT
    note_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # footnote number → its call's first and last piece in OUT
    open_blocks: list[str] = field(default_factory=list)  # the blocks being written, outermost first
    #: Where a page break starts a part of the text: its place in OUT, and the blocks open there.
    boundaries: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)  # place in OUT → the label set there
    linked: set[str] = field(default_factory=set)  # the labels a link names
    entries: dict[int, str] = field(default_factory=dict)  # place in OUT → the label a contents entry gives the page of


@dataclass(frozen=True)
class TypstBody:
    """A page as Typst markup, in parts between its page breaks (each laid out alone), where a
    page may be broken before the block of a footnote's mark, to keep the note with it."""

    pieces: tuple[str, ...]
    note_blocks: dict[str, int]  # footnote number → its mark's block among PIECES
    note_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # footnote number → its call's first and last piece
    boundaries: tuple[tuple[int, tuple[str, ...]], ...] = ()
    title: str = ""  # the page's <title>: the PDF's title
    anchors: dict[int, str] = field(default_factory=dict)
    linked: frozenset[str] = frozenset()
    entries: dict[int, str] = field(default_factory=dict)

    def parts(self, head: str, pages: dict[str, int] | None = None) -> list[Part]:
        """The parts between the page breaks that show anything, each as markup of its own after
        HEAD (the blocks open at its start opened again, those open at its end closed); the
        contents give the page of each entry in PAGES (0 for one not known yet)."""
        edges = [(0, ()), *self.boundaries, (len(self.pieces), ())]
        by_block = sorted(self.note_blocks.items(), key=lambda note: note[1])  # a part's notes: a slice of these
        blocks = [block for _number, block in by_block]
        parts = []
        for (start, opened), (end, still_open) in pairwise(edges):
            if not any('#"' in piece for piece in self.pieces[start:end]):
                continue  # page breaks only: nothing to lay out
            shift = len(opened) - start
            pieces = [*opened, *self.pieces[start:end], "]" * len(still_open)]
            entries = [(n, label) for n, label in self.entries.items() if start <= n < end]
            for n, label in entries:
                pieces[n + shift] = _entry_opener(label, (pages or {}).get(label, 0))
            numbers = tuple(label for _n, label in entries)
            notes = {n: block + shift for n, block in by_block[bisect_left(blocks, start) : bisect_left(blocks, end)]}
            spans = {n: (self.note_spans[n][0] + shift, self.note_spans[n][1] + shift) for n in notes}
            anchors = tuple(label for n, label in self.anchors.items() if start <= n < end and label in self.linked)
            parts.append(Part(head, tuple(pieces), notes, anchors, numbers, spans))
        return parts


def typst_body(page: str, layout: Layout) -> TypstBody:
    """The body of the html PAGE as Typst markup calling the stylesheet's functions."""
    root = etree.fromstring(page.encode("utf-8"), etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True))
    body = root.find("body")
    state = _Page(layout)
    if body is not None:
        state.labels = {id_: f"l{number}" for number, id_ in enumerate(dict.fromkeys(_IDS(body)))}
        state.notes = {li.get("id", "")[3:]: li for li in _FOOTNOTES(body)}
        _block_children(state, body)
    return TypstBody(
        tuple(state.out),
        state.note_blocks,
        state.note_spans,
        tuple(state.boundaries),
        root.findtext("head/title") or "",
        state.anchors,
        frozenset(state.linked),
        state.entries,
    )


def classes(element: etree._Element) -> list[str]:
    """ELEMENT's html classes."""
    return (element.get("class") or "").split()


# --- Blocks -------------------------------------------------------------------------


def _block_children(state: _Page, parent: etree._Element) -> None:
    """PARENT's content: runs of inline content as paragraphs, blocks one after the other."""
    run: list[tuple[str, etree._Element | None]] = []  # text pieces and inline elements, in order
    text = parent.text  # (lxml makes a new string at each reading of a text or tail)
    if text:
        run.append((text, None))
    for child in parent:
        tag = child.tag  # (lxml makes a new string at each reading of a tag too)
        if not isinstance(tag, str) or tag in HIDDEN or _is_footnote_list(child, tag):
            pass
        elif tag in BLOCKS:
            _flush(state, run)
            _block(state, child)
        else:
            run.append(("", child))
        tail = child.tail
        if tail:
            run.append((tail, None))
    _flush(state, run)


def _flush(state: _Page, run: list[tuple[str, etree._Element | None]]) -> None:
    """A run of inline content between blocks: its whitespace at either end dropped, as html does."""
    pieces = list(run)
    run.clear()
    while pieces and pieces[0][1] is None and not pieces[0][0].strip():
        pieces.pop(0)
    while pieces and pieces[-1][1] is None and not pieces[-1][0].strip():
        pieces.pop()
    if not pieces:
        return
    state.block_start = len(state.out)
    state.out.append("#par[")
    _line(state, pieces, strip=True)
    state.out.append("]")


def _block(state: _Page, element: etree._Element) -> None:
    tag = element.tag
    layout = state.layout
    if layout.break_before(element):
        _page_break(state)
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        _heading(state, element)
    elif tag == "table":
        _table(state, element)
    elif tag == "dl":
        _definitions(state, element)
    elif tag == "li" and _in_contents(element):
        _contents_entry(state, element)
    else:
        look = _block_look(element)
        if look == "items":
            look = f"items({1 + sum(1 for a in element.iterancestors() if 'items' in classes(a))})"
        state.out.append(f"#{look}[")
        state.open_blocks.append(f"#{look}[")
        _label(state, element, at_start=True)
        _block_children(state, element)
        state.open_blocks.pop()
        state.out.append("]")
    if layout.break_after(element):
        _page_break(state)


def _page_break(state: _Page) -> None:
    """A page break, where a part of the text laid out alone (:meth:`TypstBody.parts`) starts."""
    state.boundaries.append((len(state.out), tuple(state.open_blocks)))
    state.out.append("#pagebreak(weak: true)")


def _block_look(element: etree._Element) -> str:
    """The stylesheet's function for a block: by its first known class, else by its tag."""
    for name in classes(element):
        if name in BLOCK_LOOKS:
            return BLOCK_LOOKS[name]
    margin = _MARGIN.search(element.get("style") or "")
    if margin:
        return f"indent({float(margin.group(1)):g})"
    if element.tag == "li":
        return "bullet"
    if element.tag in ("ul", "ol"):
        return "bullets"
    if element.tag == "p":
        return "para-block"
    return "plain-block"


def _label(state: _Page, element: etree._Element, *, at_start: bool = False) -> None:
    """ELEMENT's label, on what was just written (a heading, an inline element); AT_START: at a
    block's start, where a link to it goes, since a label after the block would name what the
    stylesheet's function returns, which may be its content as it is, and a label names such
    content only while it is one element."""
    label = state.labels.get(element.get("id") or "")
    if label:
        state.anchors[len(state.out)] = label
        state.out.append(f"#metadata(none)<{label}>" if at_start else f"<{label}>")


def _heading(state: _Page, element: etree._Element) -> None:
    """A heading: its size by its tag, a bookmark at the layout's level (0: none) named by
    its words (:func:`_bookmark`)."""
    level = state.layout.bookmark(element)
    state.block_start = len(state.out)
    state.out.append(f"#heading-{element.tag}({level}, {string(_bookmark(element)) if level else 'none'})[")
    _inline_content(state, element, strip=True)
    state.out.append("]")
    _label(state, element)


def _bookmark(heading: etree._Element) -> str:
    """A heading as its bookmark names it: its words, on one line, without what is printed
    beside them (its footnotes' marks, whose notes Typst would put in the bookmark, and an
    article's status badge)."""
    words: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.text:
            words.append(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in HIDDEN and not _is_beside_heading(child, tag):
                walk(child)
            if child.tail:
                words.append(child.tail)

    walk(heading)
    return " ".join("".join(words).split())


def _is_beside_heading(element: etree._Element, tag: str) -> bool:
    """A footnote's mark, the comma between two marks, a status badge (TAG: the element's):
    printed with a heading, not part of its name."""
    names = classes(element)
    return (tag == "sup" and ("fnref" in names or "fnsep" in names)) or "status" in names


def _table(state: _Page, table: etree._Element) -> None:
    """A table: its cells in rows (header cells bold, a number cell set right)."""
    rows = [row for row in table.iter("tr")]
    columns = max((len([c for c in row if c.tag in ("td", "th")]) for row in rows), default=1)
    state.block_start = len(state.out)
    state.out.append(f"#grid-table({columns}, {string(table.get('class') or '')}")
    for row in rows:
        alarm = "alarm" in classes(row)
        footer = row.getparent() is not None and row.getparent().tag == "tfoot"
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            kind = "head" if cell.tag == "th" or footer else ("number" if "n" in classes(cell) else "text")
            state.out.append(f", {kind}-cell({'true' if alarm else 'false'})[")
            _inline_content(state, cell, strip=True)
            state.out.append("]")
    state.out.append(")")


def _definitions(state: _Page, dl: etree._Element) -> None:
    """A definition list (the cover's symbol, revision, date…) as two columns."""
    state.out.append("#definitions(")
    for child in dl:
        if isinstance(child.tag, str) and child.tag in ("dt", "dd"):
            state.out.append("[")
            _inline_content(state, child, strip=True)
            state.out.append("], ")
    state.out.append(")")


def _in_contents(element: etree._Element) -> bool:
    return any(a.tag == "nav" and "contents" in classes(a) for a in element.iterancestors())


def _contents_entry(state: _Page, li: etree._Element) -> None:
    """An entry of the contents: its line (a link to the part, leaders, the part's page),
    then the entries below it."""
    link = next((a for a in li if a.tag == "a" and (a.get("href") or "").startswith("#")), None)
    target = state.labels.get((link.get("href") or "")[1:]) if link is not None else None
    if target:
        state.linked.add(target)
        state.entries[len(state.out)] = target
    state.out.append(_entry_opener(target, 0) if target else "#contents-entry(none, none)[")
    line = [(text, child) for text, child in _pieces(li) if child is None or child.tag not in BLOCKS]
    _line(state, line, strip=True, unlinked=True)
    state.out.append("][")
    for child in li:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            _block(state, child)
    state.out.append("]")


def _entry_opener(label: str, page: int) -> str:
    """The call opening a contents entry that links to LABEL and prints PAGE (0: not known yet)."""
    return f"#contents-entry({string(LINK + label)}, {page})["


def _is_back_link(element: etree._Element, tag: str) -> bool:
    """A footnote's "↩" back to its mark (TAG: the element's): on paper the note is at its mark."""
    return tag == "a" and "back" in classes(element)


def _is_footnote_list(element: etree._Element, tag: str) -> bool:
    """The list of footnotes at the end (TAG: the element's): each note is set at its mark instead."""
    return tag == "section" and "footnotes" in classes(element)


# --- Inline -------------------------------------------------------------------------


def _inline_content(state: _Page, element: etree._Element, *, strip: bool = False) -> None:
    """ELEMENT's content within a line (blocks inside it are set as lines of their own)."""
    _line(state, _pieces(element), strip=strip)


def _line(state: _Page, pieces: list[tuple[str, etree._Element | None]], *, strip: bool = False, unlinked: bool = False) -> None:
    """Text and inline elements in a line; STRIP: without the spaces at its ends;
    UNLINKED: its links' text alone (the contents' line is a link as a whole)."""
    for number, (text, child) in enumerate(pieces):
        if child is None:
            text = _spaces_collapsed(text)
            if strip and number == 0:
                text = text.lstrip()
            if strip and number == len(pieces) - 1:
                text = text.rstrip()
            if text:
                _text(state, text)
        elif unlinked and child.tag == "a":
            _inline_content(state, child)
        else:
            _inline(state, child)


def _spaces_collapsed(text: str) -> str:
    """TEXT with each run of html whitespace as one space, as a browser shows it."""
    if "\n" in text or "\t" in text or "\r" in text or "\f" in text or "  " in text:
        return _SPACES.sub(" ", text)
    return text  # its only spaces single ones (most texts): the regex would replace each by itself


def _text(state: _Page, text: str) -> None:
    """A text; inside a bracket tinted by the innermost bracket's depth.  Each text is tinted
    alone: Typst paints an outer highlight over an inner one.  (Written as
    :data:`.typst_compile.TEXTS` says: the layout of the marks alone leaves texts out by it.)"""
    if state.depth:
        state.out.append(f"#bracket({state.depth})[#{string(text)}]")
    else:
        state.out.append("#" + string(text))


def _pieces(element: etree._Element) -> list[tuple[str, etree._Element | None]]:
    """ELEMENT's texts and inline elements, in order."""
    text = element.text
    pieces: list[tuple[str, etree._Element | None]] = [(text, None)] if text else []
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in HIDDEN and not _is_back_link(child, tag):
            pieces.append(("", child))
        tail = child.tail
        if tail:
            pieces.append((tail, None))
    return pieces


def _inline(state: _Page, element: etree._Element) -> None:
    tag = element.tag
    names = classes(element)
    out = state.out
    if tag == "sup" and "fnref" in names:
        _footnote(state, element)
        return
    if tag == "br":
        out.append("#linebreak()")
        return
    if tag in BLOCKS:  # a block inside a line: set as a line of its own
        out.append("#inline-block[")
        _block_children(state, element)
        out.append("]")
        return
    wrappers = _inline_looks(state, element, tag, names)
    for wrapper in wrappers:
        out.append(f"#{wrapper}[")
    depth = state.depth
    if "bracket" in names:
        state.depth = next((int(c[6:]) for c in names if c.startswith("depth-") and c[6:].isdigit()), depth + 1)
    _inline_content(state, element)
    state.depth = depth
    out.append("]" * len(wrappers))
    _label(state, element)


def _inline_looks(state: _Page, element: etree._Element, tag: str, names: list[str]) -> list[str]:
    """The stylesheet's functions around an inline element, outermost first."""
    looks: list[str] = []
    if tag == "a":
        href = element.get("href") or ""
        target = state.labels.get(href[1:]) if href.startswith("#") else None
        if target:
            state.linked.add(target)
            looks.append(f"xref({string(LINK + target)})")
        elif href.startswith(("http://", "https://", "mailto:")):
            looks.append(f"weblink({string(href)})")
    if "status" in names:
        status = next((c[7:] for c in names if c.startswith("status-")), "")
        looks.append(f"status({string(status)})")
    if "reference" in names and not looks:
        looks.append("reference")
    looks += [INLINE_LOOKS[c] for c in names if c in INLINE_LOOKS]
    if tag in INLINE_TAGS:
        looks.append(INLINE_TAGS[tag])
    return looks


def _footnote(state: _Page, mark: etree._Element) -> None:
    """A footnote's mark: the note's text (from the list at the end) at the foot of this page."""
    number = (mark.get("id") or "")[6:]
    note = state.notes.get(number)
    if note is None:  # no text for it: the mark as it is printed
        state.out.append(f"#super[#{string(number)}]")
        return
    state.note_blocks[number] = state.block_start
    first = len(state.out)
    state.out.append(f"#fnote({string(number)})[")
    depth, state.depth = state.depth, 0  # the note is not in the bracket its mark is in
    _inline_content(state, note, strip=True)
    state.depth = depth
    state.note_spans[number] = (first, len(state.out))
    state.out.append("]")
