"""The layouts of a PDF by Typst, each in a process of its own: the whole text
(:func:`compile_apart`), or the parts of it whose footnotes need correcting, side by side
(:func:`correct_apart`).

Typst keeps what it lays out in a cache for the life of the process (about 1.6 GB for the
1,000-article text) and frees none of it; a PDF whose footnotes need laying out again
would hold one such cache per round.  Each layout therefore runs in a fresh process, which
gives its memory back when it ends.  This module imports nothing of jsitext, so the
process starts quickly.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

#: Ends the page (or the column) even inside a box, unlike Typst's pagebreak.
BREAK = "#colbreak(weak: true)"


def with_breaks(pieces: Sequence[str], note_blocks: dict[str, int], breaks: Collection[str]) -> str:
    """PIECES of markup joined, the block of each footnote in BREAKS (its place in NOTE_BLOCKS)
    starting a page."""
    starts = {note_blocks[n] for n in breaks if n in note_blocks}
    return "".join(f"{BREAK}{piece}" if n in starts else piece for n, piece in enumerate(pieces))


@dataclass(frozen=True)
class Part:
    """A part of the text between two page breaks, as markup of its own: it lays out as it does
    in the whole text (it starts a page, and its pages hold nothing of the other parts)."""

    head: str  # the stylesheet and the page set-up
    pieces: tuple[str, ...]
    note_blocks: dict[str, int]  # footnote number -> its mark's block among PIECES


def compile_apart(markup: str) -> tuple[bytes, list[str], str]:
    """MARKUP laid out in a process of its own: see :func:`compile_here`."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(compile_here, markup).result()


def correct_apart(parts: Sequence[Part], rounds: int, late: Collection[str]) -> list[tuple[set[str], str]]:
    """Each of PARTS laid out alone, its late footnotes corrected (:func:`correct_here`), as many
    at once as the machine has cores (a process each, laying out one part after another: the
    parts are small, and the processes end with the pass)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=max(1, min(cores, len(parts))), mp_context=get_context("spawn")) as pool:
        return list(pool.map(correct_here, parts, [rounds] * len(parts), [frozenset(late)] * len(parts)))


def correct_here(part: Part, rounds: int, late: frozenset[str]) -> tuple[set[str], str]:
    """PART laid out alone, the block of each footnote that is late (LATE at first, then as the
    layout finds them) starting a page, until none is (ROUNDS layouts at most): the footnotes
    whose blocks start a page, and Typst's error ('' for none)."""
    import typst

    breaks = {n for n in late if n in part.note_blocks}
    try:
        with _compiler(part.head + with_breaks(part.pieces, part.note_blocks, breaks)) as (compiler, main):
            for _round in range(rounds):
                compiler.compile(format="pdf", pdf_tags=False)
                found = set(late_notes(compiler))
                if not found or found <= breaks:
                    break
                breaks |= found
                main.write_text(part.head + with_breaks(part.pieces, part.note_blocks, breaks), encoding="utf-8")
    except typst.TypstError as err:
        return breaks, _message(err)
    return breaks, ""


#: Each footnote's number and the page of its mark; each note text's number and its page
#: (the stylesheet puts ``<jsitext-entry>`` metadata in every note's text).
_MARKS = "query(footnote).map(note => ((note.numbering)(1), note.location().page()))"
_TEXTS = "query(<jsitext-entry>).map(entry => (entry.value, entry.location().page()))"


def late_notes(compiler: Any) -> list[str]:
    """The footnotes of COMPILER's last layout whose text is not on their mark's page (carried
    over, or lost); none when the stylesheet does not mark the notes' texts.  Read after the
    layout: a check inside it (``context`` in every note) made each layout a tenth slower."""
    texts = dict(json.loads(compiler.eval(_TEXTS, format="json")))
    if not texts:
        return []
    marks = json.loads(compiler.eval(_MARKS, format="json"))
    return [number for number, page in marks if texts.get(number) != page]


def compile_here(markup: str) -> tuple[bytes, list[str], str]:
    """MARKUP as a PDF, the footnotes whose text is not on their mark's page (:func:`late_notes`),
    and Typst's error ('' for none)."""
    import typst

    try:
        with _compiler(markup) as (compiler, _main):
            data = compiler.compile(format="pdf", pdf_tags=False)
            late = late_notes(compiler)
    except typst.TypstError as err:
        return b"", [], _message(err)
    assert isinstance(data, bytes)  # one PDF (a list is for one image per page)
    return data, late, ""


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
