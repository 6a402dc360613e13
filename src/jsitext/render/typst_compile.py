"""The layouts of a PDF by Typst: each part of the text between two page breaks laid out
alone, as many at once as the machine has cores (:class:`Layouts`), and the page furniture
(header and page number) of the whole laid out on empty pages (:func:`furniture_here`).

Each part starts a page and its pages hold nothing of the other parts, so it lays out alone
exactly as it would in the whole text; :mod:`.pdf_join` puts the parts' pages together.
Each footnote is set at the foot of its mark's page: the notes whose marks share a line
are set together in the first one's entry (:func:`lay_out_here`).

Typst keeps what it lays out in a cache for the life of the process and frees none of it,
so the layouts run in processes of their own, which give their memory back when they end.
This module imports nothing of jsitext, so those processes start quickly.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

#: Ends the page (or the column) even inside a box, unlike Typst's pagebreak.
BREAK = "#colbreak(weak: true)"
#: A link to a label of the text, as the parts write it: a part does not hold the others'
#: labels, so the links are given their places once the parts are joined (:mod:`.pdf_join`).
LINK = "jsitext:"
#: The label of a footnote's text, after its number: its mark links to it (the stylesheet's
#: ``note-mark``), and each part reports where it is.
NOTE = "note-"
#: How the markup writes each text of the page (:func:`.typst_markup._text`): as a string, or
#: as a string in a bracket's tint.
TEXTS = ('#"', "#bracket(")


@dataclass(frozen=True)
class Part:
    """A part of the text between two page breaks, as markup of its own."""

    head: str  # the stylesheet and the page set-up
    pieces: tuple[str, ...]
    note_blocks: dict[str, int] = field(default_factory=dict)  # footnote number -> its mark's block among PIECES
    anchors: tuple[str, ...] = ()  # its labels that links name: where each is, read after the layout
    numbers: tuple[str, ...] = ()  # the labels whose page it prints (the contents): laid out last
    note_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # footnote number -> its call's first and last piece

    def markup(self, breaks: Collection[str] = (), lines: Sequence[Sequence[str]] = ()) -> str:
        """The part's markup, and a mark at its end (its last page).  LINES: footnotes whose marks
        share a line, each set in the first one's entry (:func:`along`); BREAKS: footnotes whose
        mark's block starts a page."""
        pieces = along(self.pieces, self.note_spans, lines)
        starts = {self.note_blocks[n] for n in breaks if n in self.note_blocks}
        body = "".join(f"{BREAK}{piece}" if n in starts else piece for n, piece in enumerate(pieces))
        return f"{self.head}{body}#metadata(none)<jsitext-end>"


def along(pieces: Sequence[str], spans: dict[str, tuple[int, int]], lines: Sequence[Sequence[str]]) -> list[str]:
    """PIECES with the footnotes of each of LINES after its first set in the first one's entry
    (``note-along``, a paragraph of that entry as the note's own entry would be) and their
    marks printed as the stylesheet prints a footnote's (``note-mark``): Typst then keeps all
    of a line's notes with it, as it does the first (it carries to the next page a later note
    of a line that does not fit, not the line)."""
    out = list(pieces)
    for line in lines:
        first, *later = line
        texts = [f"#note-along({string(n)})[#metadata({string(n)})<jsitext-along>{''.join(pieces[spans[n][0] + 1 : spans[n][1]])}]" for n in later]
        out[spans[first][1]] = "".join(texts) + "]<jsitext-line>"  # the stylesheet keeps such an entry whole
        for n in later:
            _mark_alone(out, spans[n], n)
    return out


def marks_alone(part: Part) -> list[str]:
    """PART's pieces with each footnote's mark printed as the stylesheet prints it and its text
    left out, and the texts of the blocks holding fewer than two marks left out too: the lines holding
    several marks as with the notes (a paragraph breaks into the same lines wherever it is),
    laid out at a third of the cost (:func:`shared_lines`)."""
    out = list(part.pieces)
    for number, span in part.note_spans.items():
        _mark_alone(out, span, number)
    marks = Counter(part.note_blocks.values())  # the marks of each block
    kept = {n for start, count in marks.items() if count > 1 for n in _block(out, start)}
    return [piece if n in kept or not piece.startswith(TEXTS) else "" for n, piece in enumerate(out)]


#: A Typst string literal (:func:`string`): the brackets in it are text.
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def _block(pieces: Sequence[str], start: int) -> range:
    """The pieces of the block opening at START: up to the bracket or parenthesis closing it."""
    depth = 0
    for n in range(start, len(pieces)):
        code = _LITERAL.sub("", pieces[n])
        depth += code.count("[") + code.count("(") - code.count("]") - code.count(")")
        if depth <= 0:
            return range(start, n + 1)
    return range(start, len(pieces))


def _mark_alone(pieces: list[str], span: tuple[int, int], number: str) -> None:
    start, end = span
    pieces[start : end + 1] = [f"#metadata({string(number)})<jsitext-mark>#note-mark({string(number)})", *[""] * (end - start)]


#: What a Typst string literal escapes: a backslash, a quote, and control characters as their
#: code point (a newline or a tab in a literal would be read as one).
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"'} | {code: f"\\u{{{code:x}}}" for code in (*range(32), 0x7F)}
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f]')


def string(text: str) -> str:
    """TEXT as a Typst string literal (shown as it is, never read as markup)."""
    if _ESCAPED.search(text) is None:  # nearly every text of a page: nothing to escape
        return f'"{text}"'
    return f'"{text.translate(_ESCAPES)}"'


@dataclass(frozen=True)
class LaidOut:
    """A part laid out: the PDF, its pages, where each of its anchors is (page of the part from
    1, x and y from the page's top left, in points), the footnotes whose blocks start a page
    and how many were set along an earlier note of their line, those Typst still did not set
    on their mark's page (none when it is right), and Typst's error ('' for none)."""

    pdf: bytes = b""
    pages: int = 0
    places: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    breaks: frozenset[str] = frozenset()
    along: int = 0  # the notes set in an earlier note's entry of their line
    late: tuple[str, ...] = ()
    error: str = ""


#: Layout processes at most, whatever the cores: a text has a dozen parts or so (its sections),
#: and each process holds Typst and its fonts from the start.
MOST_PROCESSES = 8


class Layouts:
    """Processes laying out parts, as many as the machine has cores, started at once (each
    loads Typst while the caller makes the markup)."""

    def __init__(self) -> None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        processes = max(1, min(cores, MOST_PROCESSES))
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"))
        for _process in range(processes):
            self._pool.submit(_load_typst)

    def __enter__(self) -> Layouts:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._pool.shutdown()

    def lay_out(self, parts: Sequence[Part], rounds: int) -> list[LaidOut]:
        """PARTS laid out side by side (:func:`lay_out_here`), the longest first: a long part
        started last would keep one process working while the others wait."""
        futures = {n: self._pool.submit(lay_out_here, parts[n], rounds) for n in sorted(range(len(parts)), key=lambda n: -len(parts[n].pieces))}
        return [futures[n].result() for n in range(len(parts))]

    def furniture(self, markup: str, pages: int) -> Future[tuple[bytes, str]]:
        """:func:`furniture_here` in one of the processes, started now."""
        return self._pool.submit(furniture_here, markup, pages)


def _load_typst() -> None:
    import typst  # noqa: F401


def lay_out_here(part: Part, rounds: int) -> LaidOut:
    """PART laid out alone, every footnote on its mark's page (ROUNDS layouts at most).  Typst
    carries a note to the next page when it is a later note of a line that does not fit, so
    the lines holding several notes are found first, from the part laid out with the marks
    alone (:func:`marks_alone`, :func:`shared_lines`), and their notes set together
    (:func:`along`), which Typst keeps with their line.  Should a note still be late
    (:func:`late_notes`), its mark's block starts a page.  One compiler for the rounds:
    Typst lays out again only what changed."""
    import typst

    breaks: set[str] = set()
    lines: list[list[str]] = []
    try:
        several = len(part.note_spans) > 1  # the lines holding several notes, from the text without the notes
        with _compiler(f"{part.head}{''.join(marks_alone(part))}" if several else part.markup()) as (compiler, main):
            if several:
                lines = shared_lines(compiler)
                main.write_text(part.markup(breaks, lines), encoding="utf-8")
            for _round in range(rounds):
                late = set(late_notes(compiler, lines))  # lays it out; the PDF is written once, below
                if not late or late <= breaks:
                    break
                breaks |= late
                main.write_text(part.markup(breaks, lines), encoding="utf-8")
            if late:
                return LaidOut(breaks=frozenset(breaks), late=tuple(sorted(late, key=int)))
            data = compiler.compile(format="pdf", pdf_tags=False)
            assert isinstance(data, bytes)  # one PDF (a list is for one image per page)
            pages = json.loads(compiler.eval("locate(<jsitext-end>).page()", format="json"))
            places = _places(compiler, part.anchors) | _note_places(compiler)
            return LaidOut(data, pages, places, frozenset(breaks), sum(len(line) - 1 for line in lines))
    except (typst.TypstError, RuntimeError) as err:  # eval says Typst's errors as RuntimeError
        return LaidOut(error=_message(err))


def furniture_here(markup: str, pages: int) -> tuple[bytes, str]:
    """PAGES empty pages laid out with MARKUP's page set-up: their header and page number,
    to be laid over the parts' pages; and Typst's error ('' for none)."""
    import typst

    blank = "#set page(fill: none, background: none, foreground: none)\n" + "#pagebreak()\n" * (pages - 1)
    try:
        with _compiler(markup + blank) as (compiler, _main):
            data = compiler.compile(format="pdf", pdf_tags=False)
    except typst.TypstError as err:
        return b"", _message(err)
    assert isinstance(data, bytes)
    return data, ""


#: Each footnote's number (jsitext numbers each note itself), the page of its text and the page of its mark.
_NUMBER = "if type(n.numbering) == function { (n.numbering)(1) } else { str(counter(footnote).at(n.location()).first()) }"
_ENTRIES = f"query(footnote.entry).map(e => {{ let n = e.note; ({_NUMBER}, e.location().page(), n.location().page()) }})"
_MARKS = f"query(footnote).map(n => {_NUMBER})"
#: Each note set in an earlier one's entry (:func:`along`): the page of its mark, of its text.
_MARKS_ALONG = "query(<jsitext-mark>).map(m => (m.value, m.location().page()))"
_TEXTS_ALONG = "query(<jsitext-along>).map(m => (m.value, m.location().page()))"
#: Where each footnote's text is: its entry, or its paragraph in an earlier note's entry (:func:`along`).
_NOTE_PLACES = (
    f"query(footnote.entry).map(e => {{ let n = e.note; let p = e.location().position(); ({_NUMBER}, p.page, p.x.pt(), p.y.pt()) }})"
    " + query(<jsitext-along>).map(m => { let p = m.location().position(); (m.value, p.page, p.x.pt(), p.y.pt()) })"
)
#: Each footnote's number and where its mark is (:func:`marks_alone`).
_PLACES = "query(<jsitext-mark>).map(m => { let p = m.location().position(); (m.value, p.page, p.y.pt(), p.x.pt()) })"


def late_notes(compiler: Any, lines: Sequence[Sequence[str]] = ()) -> list[str]:
    """The footnotes of COMPILER's last layout whose text is not on their mark's page (carried
    over, or lost), those of LINES set in their line's first note's entry included.  Read
    after the layout: a check inside it made each layout slower."""
    entries = json.loads(compiler.eval(_ENTRIES, format="json"))
    placed = {number for number, page, mark in entries if page == mark}
    late = [number for number in json.loads(compiler.eval(_MARKS, format="json")) if number not in placed]
    if lines:  # their text may have gone on the next page with the end of the entry it is in
        texts = dict(json.loads(compiler.eval(_TEXTS_ALONG, format="json")))
        late += [n for n, page in json.loads(compiler.eval(_MARKS_ALONG, format="json")) if texts.get(n) != page]
    return late


def shared_lines(compiler: Any) -> list[list[str]]:
    """The footnotes of COMPILER's last layout whose marks share a line, each line's in order:
    a paragraph breaks into the same lines wherever it is on a page, so this holds for any
    later layout in which only pages change."""
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for number, page, y, x in json.loads(compiler.eval(_PLACES, format="json")):
        lines.setdefault((page, round(y, 1)), []).append((x, number))
    return [[number for _x, number in sorted(marks)] for marks in lines.values() if len(marks) > 1]


def _places(compiler: Any, anchors: Sequence[str]) -> dict[str, tuple[int, float, float]]:
    """Where each of the labels ANCHORS is in COMPILER's last layout."""
    if not anchors:
        return {}
    labels = ", ".join(f"<{label}>" for label in anchors)
    found = json.loads(compiler.eval(f"({labels},).map(l => {{ let p = locate(l).position(); (p.page, p.x.pt(), p.y.pt()) }})", format="json"))
    return {label: (page, x, y) for label, (page, x, y) in zip(anchors, found, strict=True)}


def _note_places(compiler: Any) -> dict[str, tuple[int, float, float]]:
    """Where the text of each footnote of COMPILER's last layout is, under its label (NOTE)."""
    return {NOTE + number: (page, x, y) for number, page, x, y in json.loads(compiler.eval(_NOTE_PLACES, format="json"))}


@contextmanager
def _compiler(markup: str) -> Iterator[tuple[Any, Path]]:
    """A Typst compiler of MARKUP, and the file holding it: in a folder of its own, the
    compiler's root, so that it can read nothing else."""
    import typst

    with tempfile.TemporaryDirectory(prefix="jsitext-pdf-") as folder:
        main = Path(folder) / "main.typ"
        main.write_text(markup, encoding="utf-8")
        yield typst.Compiler(str(main), root=folder), main


def _message(err: Any) -> str:
    message: str = getattr(err, "message", None) or str(err)
    return message
