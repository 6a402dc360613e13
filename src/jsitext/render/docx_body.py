"""The body of the Word build: cover, progress, contents, sections, articles, annex.

An article is written from its lines (:mod:`docx_layout`, the one layout the
build and the Word redline share), each line as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from .docx_layout import ANCHOR_PREFIX, Line, article_heading, article_lines, note_lines, preamble_lines, segment_runs
from .docx_xml import FIELD_END, field_start, internal_link, paragraph, run, table
from .resolve import DocArticle, DocSection, Document

STATUS_COLUMNS = ("open", "parked", "clean", "placeholder")
#: Column widths (twips) of the progress table: the text block of an A4 page with 2.5 cm margins.
PROGRESS_WIDTHS = (2771, 900, 1000, 900, 1300, 1100, 1100)
ANNEX_HEADING = "Annex: Withdrawn and Merged Articles"


def anchors(document: Document) -> dict[str, str]:
    """Each article's bookmark: article_1, article_2 ... (Word's bookmark names allow
    no hyphens and at most 40 characters, so article ids cannot serve)."""
    return {article.id: f"{ANCHOR_PREFIX}{i}" for i, article in enumerate(document.articles, 1)}


PREAMBLE_HEADING = "Preamble"


def section_heading(section: DocSection) -> str:
    return f"{section.heading or 'Section ' + section.id}: {section.title}"


#: Writes one article's paragraphs in place of the build's writer (the Word redline's hook).
ArticleWriter = Callable[[DocArticle], list[str]]
#: Writes the preamble's lines in place of the build's writer (the Word redline's hook).
PreambleWriter = Callable[[list[Line]], list[str]]
#: Writes the typed notes of a place in place of the build's writer (the Word redline's hook):
#: the place is "" for the notes of the whole text, else the section's or subsection's id.
NotesWriter = Callable[[str, list[Line]], list[str]]


def body(
    document: Document,
    anchors: dict[str, str],
    write: ArticleWriter | None = None,
    write_preamble: PreambleWriter | None = None,
    *,
    compared_with: str | None = None,
    write_notes: NotesWriter | None = None,
) -> str:
    """The whole body of word/document.xml (everything before the sectPr).

    WRITE, when given, writes each article (it may fall back on :func:`article_paragraphs`);
    WRITE_PREAMBLE the preamble's lines; WRITE_NOTES the notes of the text, of each
    section and subsection; COMPARED_WITH, a redline's line on its cover saying what it
    compares the text with.
    """
    write = write or (lambda article: article_paragraphs(article, anchors))
    write_preamble = write_preamble or (lambda lines: [line.xml() for line in lines])
    notes = write_notes or (lambda place, lines: [line.xml() for line in lines])
    out = [*_cover(document, anchors, compared_with, notes), *_progress(document), *_contents(document)]
    if document.preamble:
        out.append(paragraph("Heading1", run(PREAMBLE_HEADING)))
        out.extend(write_preamble(preamble_lines(document.preamble, anchors)))
    for section in document.sections:
        out.extend(_section(section, write, anchors, notes))
    out.extend(_annex(document, anchors))
    return "".join(out)


def _cover(document: Document, anchors: dict[str, str], compared_with: str | None, write_notes: NotesWriter) -> list[str]:
    meta = document.meta
    out = []
    if meta.access:
        out.append(paragraph("CoverMeta", run(meta.access.upper(), bold=True)))
    for line in (meta.symbol, meta.date, _revision(document)):
        if line:
            out.append(paragraph("CoverMeta", run(line)))
    out.append(paragraph("Title", run(meta.title)))
    for line in (meta.subtitle, _view_line(document), compared_with):
        if line:
            out.append(paragraph("Subtitle", run(line)))
    if document.cover_note:
        out.append(paragraph("CoverNote", segment_runs(document.cover_note, anchors)))
    out.extend(write_notes("", note_lines(document.notes, anchors)))
    return out


def _revision(document: Document) -> str | None:
    revision = document.meta.revision
    return None if not revision or revision in (document.meta.symbol or "") else revision


def _view_line(document: Document) -> str | None:
    view = document.view
    line = {"clean": "Clean copy: agreed text only", "member": f"Articles with proposals by {document.member_label} (highlighted)"}.get(view.name)
    if view.section:
        line = f"{line}, section {view.section}" if line else f"Section {view.section} only"
    return line


def _progress(document: Document) -> list[str]:
    """Articles by status and brackets remaining, per section and in all."""
    rows: list[tuple[list[str], bool]] = [(["Section", "Open", "Parked", "Clean", "Placeholder", "Brackets", "Options"], True)]
    if document.preamble:
        rows.append((_counts_row(PREAMBLE_HEADING, {}, document.preamble_counts.brackets, document.preamble_counts.options), False))
    for section in document.sections:
        rows.append((_counts_row(section_heading(section), section.statuses, section.counts.brackets, section.counts.options), False))
    rows.append((_counts_row("Total", document.statuses, document.counts.brackets, document.counts.options), True))
    return [paragraph("TOCHeading", run("Progress")), table(PROGRESS_WIDTHS, rows)]


def _counts_row(label: str, statuses: dict[str, int], brackets: int, options: int) -> list[str]:
    return [label, *(str(statuses.get(s, 0)) for s in STATUS_COLUMNS), str(brackets), str(options)]


def _contents(document: Document) -> list[str]:
    """A TOC field (Heading 1-3, linked) whose cached result already lists the headings,
    so the contents read right before Word updates the page numbers."""
    entries = [("TOC1", PREAMBLE_HEADING)] if document.preamble else []
    for section in document.sections:
        entries.append(("TOC1", section_heading(section)))
        for group in section.groups:
            if group.is_subsection:
                entries.append(("TOC2", f"{group.id} {group.title}"))
            entries.extend(("TOC3", article_heading(a)) for a in group.articles)
    if document.annex:
        entries.append(("TOC1", ANNEX_HEADING))
    out = [paragraph("TOCHeading", run("Contents"))]
    start = field_start('TOC \\o "1-3" \\h \\z \\u')
    if not entries:
        return [*out, paragraph(None, start + FIELD_END)]
    for i, (style, label) in enumerate(entries):
        runs = (start if i == 0 else "") + run(label) + (FIELD_END if i == len(entries) - 1 else "")
        out.append(paragraph(style, runs))
    return out


def _section(section: DocSection, write: ArticleWriter, anchors: dict[str, str], write_notes: NotesWriter) -> list[str]:
    out = [paragraph("Heading1", run(section_heading(section)))]
    out.extend(write_notes(section.id, note_lines(section.notes, anchors)))
    for group in section.groups:
        if group.is_subsection:
            out.append(paragraph("Heading2", run(f"{group.id} {group.title}")))
            out.extend(write_notes(group.id, note_lines(group.notes, anchors)))
        for article in group.articles:
            out.extend(write(article))
    return out


def article_paragraphs(article: DocArticle, anchors: dict[str, str]) -> list[str]:
    """An article as the build writes it: heading (bookmarked), status line, paragraphs, note."""
    return [line.xml() for line in article_lines(article, anchors).lines()]


def _annex(document: Document, anchors: dict[str, str]) -> list[str]:
    if not document.annex:
        return []
    out = [paragraph("Heading1", run(ANNEX_HEADING))]
    for retired in document.annex:
        runs = [run(retired.title or retired.id, bold=True), run(f" ({retired.id}): {retired.status}")]
        if retired.merged_into:
            target = retired.merged_into_heading or retired.merged_into
            anchor = anchors.get(retired.merged_into)
            shown = run(target)
            runs += [run(" into "), internal_link(anchor, shown) if anchor else shown]
        runs.append(run("."))
        out.append(paragraph("AnnexEntry", runs))
    return out
