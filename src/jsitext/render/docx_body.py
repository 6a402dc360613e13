"""The body of the Word build: cover, progress, contents, sections, articles, annex.

Footnote marks are placed in the order of their numbers, so that Word, which
numbers footnotes by their place in the document, prints the Document's numbers:
a proposal's attribution and a paragraph's treaty footnote hang at the end of its
last line (after its items), where resolve allocated them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .docx_xml import (
    FIELD_END,
    TAB,
    SegmentWriter,
    bookmarked,
    bracket_style,
    field_start,
    internal_link,
    note_reference,
    paragraph,
    run,
    table,
)
from .resolve import DocAlternative, DocArticle, DocItem, DocParagraph, DocSection, Document

ITEM_STYLES = ("TreatyItem", "TreatySubitem")
STATUS_COLUMNS = ("open", "parked", "clean", "placeholder")
#: Column widths (twips) of the progress table: the text block of an A4 page with 2.5 cm margins.
PROGRESS_WIDTHS = (2771, 900, 1000, 900, 1300, 1100, 1100)
ANNEX_HEADING = "Annex: Withdrawn and Merged Articles"
ANCHOR_PREFIX = "article_"


def anchors(document: Document) -> dict[str, str]:
    """Each article's bookmark: article_1, article_2 ... (Word's bookmark names allow
    no hyphens and at most 40 characters, so article ids cannot serve)."""
    return {article.id: f"{ANCHOR_PREFIX}{i}" for i, article in enumerate(document.articles, 1)}


def section_heading(section: DocSection) -> str:
    return f"Section {section.id}: {section.title}"


def article_heading(article: DocArticle) -> str:
    return f"{article.heading}: {article.title}" if article.title else article.heading


@dataclass
class _Line:
    """A paragraph being written: more runs may be added to it (closing bracket, footnote marks)."""

    style: str
    runs: list[str] = field(default_factory=list)

    def xml(self) -> str:
        return paragraph(self.style, self.runs)


#: Writes one article's paragraphs in place of the build's writer (the Word redline's hook).
ArticleWriter = Callable[[DocArticle], list[str]]


def body(document: Document, anchors: dict[str, str], segments: SegmentWriter, write: ArticleWriter | None = None) -> str:
    """The whole body of word/document.xml (everything before the sectPr).

    WRITE, when given, writes each article (it may fall back on :func:`article_paragraphs`).
    """
    write = write or (lambda article: article_paragraphs(article, anchors, segments))
    out = [*_cover(document, segments), *_progress(document), *_contents(document)]
    for section in document.sections:
        out.extend(_section(section, write))
    out.extend(_annex(document, anchors))
    return "".join(out)


def _cover(document: Document, segments: SegmentWriter) -> list[str]:
    meta = document.meta
    out = []
    if meta.access:
        out.append(paragraph("CoverMeta", run(meta.access.upper(), bold=True)))
    for line in (meta.symbol, meta.date, _revision(document)):
        if line:
            out.append(paragraph("CoverMeta", run(line)))
    out.append(paragraph("Title", run(meta.title)))
    for line in (meta.subtitle, _view_line(document)):
        if line:
            out.append(paragraph("Subtitle", run(line)))
    if document.cover_note:
        out.append(paragraph("CoverNote", segments.runs(document.cover_note)))
    return out


def _revision(document: Document) -> str | None:
    revision = document.meta.revision
    return None if not revision or revision in (document.meta.symbol or "") else revision


def _view_line(document: Document) -> str | None:
    view = document.view
    line = {"clean": "Clean copy: agreed text only", "member": f"Articles with proposals by {view.member} (highlighted)"}.get(view.name)
    if view.section:
        line = f"{line}, section {view.section}" if line else f"Section {view.section} only"
    return line


def _progress(document: Document) -> list[str]:
    """Articles by status and brackets remaining, per section and in all."""
    rows: list[tuple[list[str], bool]] = [(["Section", "Open", "Parked", "Clean", "Placeholder", "Brackets", "Options"], True)]
    for section in document.sections:
        rows.append((_counts_row(section_heading(section), section.statuses, section.counts.brackets, section.counts.options), False))
    rows.append((_counts_row("Total", document.statuses, document.counts.brackets, document.counts.options), True))
    return [paragraph("TOCHeading", run("Progress")), table(PROGRESS_WIDTHS, rows)]


def _counts_row(label: str, statuses: dict[str, int], brackets: int, options: int) -> list[str]:
    return [label, *(str(statuses.get(s, 0)) for s in STATUS_COLUMNS), str(brackets), str(options)]


def _contents(document: Document) -> list[str]:
    """A TOC field (Heading 1-3, linked) whose cached result already lists the headings,
    so the contents read right before Word updates the page numbers."""
    entries = []
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


def _section(section: DocSection, write: ArticleWriter) -> list[str]:
    out = [paragraph("Heading1", run(section_heading(section)))]
    for group in section.groups:
        if group.is_subsection:
            out.append(paragraph("Heading2", run(f"{group.id} {group.title}")))
        for article in group.articles:
            out.extend(write(article))
    return out


def article_paragraphs(article: DocArticle, anchors: dict[str, str], segments: SegmentWriter) -> list[str]:
    """An article as the build writes it: heading (bookmarked), status line, paragraphs, note."""
    anchor = anchors[article.id]
    heading = bookmarked(int(anchor.removeprefix(ANCHOR_PREFIX)), anchor, run(article_heading(article)))
    out = [paragraph("Heading3", heading)]
    status = status_line(article)
    if status:
        out.append(paragraph("ArticleStatus", run(status)))
    lines: list[_Line] = []
    for doc_paragraph in article.paragraphs:
        _paragraph(doc_paragraph, lines, segments)
    out.extend(line.xml() for line in lines)
    if article.note:
        out.append(paragraph("Note", run("Note: ", bold=True) + segments.runs(article.note)))
    return out


def status_line(article: DocArticle) -> str:
    parts = []
    if article.show_status:
        parts.append(f"Status: {article.status}")
    if article.small_group:
        parts.append(f"Small group: {article.small_group}")
    if article.facilitator:
        parts.append(f"Facilitator: {article.facilitator}")
    return "; ".join(parts) + ("." if parts else "")


def _paragraph(doc_paragraph: DocParagraph, lines: list[_Line], segments: SegmentWriter) -> None:
    # The text always starts at the tab, so a paragraph standing alone lines up with numbered ones.
    label = [run(doc_paragraph.label), TAB] if doc_paragraph.label else [TAB]
    if doc_paragraph.kind == "alternatives":
        for i, alternative in enumerate(doc_paragraph.alternatives):
            _alternative(alternative, label if i == 0 else [TAB], lines, segments)
    else:
        proposal = doc_paragraph.kind == "proposal"
        style = bracket_style(1, doc_paragraph.mine)
        line = _Line("TreatyParagraph", [*label, run("[", style, bold=True) if proposal else ""])
        line.runs.append(segments.runs(doc_paragraph.segments, offset=int(proposal)))
        lines.append(line)
        _items(doc_paragraph.items, 0, int(proposal), lines, segments)
        if proposal:
            lines[-1].runs.append(run("]", style, bold=True))
        _mark(lines, doc_paragraph.note)
    _mark(lines, doc_paragraph.footnote)


def _alternative(alternative: DocAlternative, label: list[str], lines: list[_Line], segments: SegmentWriter) -> None:
    style = bracket_style(1, alternative.mine)
    line = _Line("TreatyParagraph", [*label, run(f"{alternative.label}: ", bold=True), run("[", style, bold=True)])
    line.runs.append(segments.runs(alternative.segments, offset=1))
    lines.append(line)
    _items(alternative.items, 0, 1, lines, segments)
    lines[-1].runs.append(run("]", style, bold=True))
    _mark(lines, alternative.note)
    _mark(lines, alternative.footnote)


def _items(items: tuple[DocItem, ...], depth: int, offset: int, lines: list[_Line], segments: SegmentWriter) -> None:
    style = ITEM_STYLES[min(depth, len(ITEM_STYLES) - 1)]
    for item in items:
        lines.append(_Line(style, [run(item.label), TAB, segments.runs(item.segments, offset)]))
        _items(item.items, depth + 1, offset, lines, segments)


def _mark(lines: list[_Line], note: int | None) -> None:
    if note is not None:
        lines[-1].runs.append(note_reference(note))


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
