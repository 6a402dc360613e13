"""The consolidated text as a Word document (.docx).

A python-docx base document (styles, header, settings; :mod:`docx_base`) gets a
body and footnotes written as WordprocessingML text (:mod:`docx_body`,
:mod:`docx_xml`): python-docx's per-run API would take seconds on a large text.
Attributions ("Proposed by US, JP.") and treaty footnotes are real Word
footnotes, numbered by Word in document order, as the Document numbered them.
"""

from __future__ import annotations

from ..model import NOTE_KINDS, Meta
from .dates import FALLBACK_TIME, build_time
from .docx_base import base_document, package, package_entries
from .docx_body import anchors, body
from .docx_layout import segment_runs
from .docx_xml import footnotes_part
from .resolve import Document


def render_docx(document: Document, *, author: str | None = None) -> bytes:
    """The .docx file of DOCUMENT (the same bytes for the same document and environment).

    Its dates (the zip entries' and the core properties') come from SOURCE_DATE_EPOCH
    when set, else from the text's date, never from the clock. AUTHOR goes into the
    core properties (author and last modified by).
    """
    timestamp = build_time(document)
    _bookmarks, written, notes = word_parts(document)
    base = base_document(document.meta, author=author, timestamp=timestamp)
    return package(base, written, notes, timestamp, source=_source(document))


def word_parts(document: Document) -> tuple[dict[str, str], str, str]:
    """Each article's bookmark, the body and word/footnotes.xml of DOCUMENT, as the build writes them
    (``jsitext import`` renders a source this way to see that a Word file still shows it)."""
    bookmarks = anchors(document)
    notes = footnotes_part(document.footnotes, lambda note: segment_runs(note.segments, bookmarks))
    return bookmarks, body(document, bookmarks), notes


def word_entries(meta: Meta, body: str, notes: str, source: bytes | None) -> dict[str, bytes]:
    """The entries of the .docx a build of a text with META writes, by name and unzipped, given its
    body and footnotes (:func:`word_parts`) and its source part (``jsitext import`` compares a
    Word file's parts with these); the core properties' author and dates are left at their defaults."""
    return package_entries(base_document(meta, author=None, timestamp=FALLBACK_TIME), body, notes, source=source)


def _source(document: Document) -> bytes | None:
    """The invisible source that lets ``jsitext import`` give the text back exactly: only in a
    build of the whole text (a view, a section or notes left out show part of it)."""
    whole = document.view.name == "full" and not document.view.section and document.note_kinds == frozenset(NOTE_KINDS)
    if document.text is None or not whole:
        return None
    from .docx_source import source_part

    return source_part(document.text)
