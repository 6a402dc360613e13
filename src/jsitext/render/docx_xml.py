"""WordprocessingML written as text: runs, paragraphs, fields, tables, footnotes.

python-docx spends ~80 µs on each run it adds (about 5 s for the 60,000 runs of
a 1,000-article text); joining strings takes a fraction of that. Text is escaped
by :mod:`jsitext.escape` (``check`` refuses the characters XML forbids, and a
build refuses a text with check errors, so its dropping them never happens here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..escape import xml_attribute, xml_text
from .resolve import Footnote, Segment

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PROPOSED_BY = "Proposed by "


def attr(value: str) -> str:
    """VALUE escaped for a double-quoted attribute."""
    return xml_attribute(value)


def text(value: str) -> str:
    """VALUE as w:t elements; tabs and line breaks become w:tab and w:br."""
    if "\t" not in value and "\n" not in value:
        return f'<w:t xml:space="preserve">{xml_text(value)}</w:t>'
    lines = []
    for line in value.split("\n"):
        lines.append("<w:tab/>".join(f'<w:t xml:space="preserve">{xml_text(part)}</w:t>' for part in line.split("\t")))
    return "<w:br/>".join(lines)


#: Character styles whose look is also set on the run itself: Word ignores a highlight set in a
#: style and LibreOffice too, so the member's own proposals carry theirs as direct formatting.
DIRECT_LOOK = {"OwnProposal": '<w:highlight w:val="yellow"/>'}


def run(value: str, style: str | None = None, *, bold: bool = False) -> str:
    """One run of VALUE in character STYLE."""
    if style is None and not bold:
        return f"<w:r>{text(value)}</w:r>"
    return f"<w:r><w:rPr>{run_props(style, bold)}</w:rPr>{text(value)}</w:r>"


def run_props(style: str | None, bold: bool) -> str:
    """The w:rPr content of a run in STYLE (in the schema's order: style, bold, highlight)."""
    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if bold else "")
    return props + DIRECT_LOOK.get(style or "", "")


TAB = "<w:r><w:tab/></w:r>"
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


#: Between two footnote marks that touch ("system.]²³¹,²³²"), as legal texts separate them.
MARK_SEPARATOR = ","


def note_reference(number: int) -> str:
    """The footnote mark of note NUMBER (its w:id is the number the Document gave it)."""
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


_NOTE_REFERENCE = re.compile(r'<w:footnoteReference w:id="(\d+)"/>')


def notes_in_order(body: str) -> tuple[str, dict[int, int]]:
    """BODY with its footnote marks numbered 1, 2, 3 ... in the order they appear, and that
    renumbering (old number → new).

    Word numbers footnotes by their place, but LibreOffice pairs a mark with a footnote by their
    order in word/footnotes.xml: a redline's deleted marks (whose old footnotes come after the
    new ones) would show another footnote's text.  Numbered in document order, both agree.
    """
    order: dict[int, int] = {}
    for match in _NOTE_REFERENCE.finditer(body):
        order.setdefault(int(match[1]), len(order) + 1)
    if any(old != new for old, new in order.items()):
        body = _NOTE_REFERENCE.sub(lambda m: f'<w:footnoteReference w:id="{order[int(m[1])]}"/>', body)
    return body, order


def paragraph(style: str | None, runs: Iterable[str] | str = (), *, align: str | None = None, keep: bool = False) -> str:
    """A paragraph in STYLE (a style id) holding RUNS."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += "<w:keepNext/>" if keep else ""
    props += f'<w:jc w:val="{align}"/>' if align else ""
    content = runs if isinstance(runs, str) else "".join(runs)
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>" if props else f"<w:p>{content}</w:p>"


def bookmarked(bookmark_id: int, name: str, runs: str) -> str:
    """RUNS inside a bookmark NAME (the target of references and of the contents)."""
    return f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>{runs}<w:bookmarkEnd w:id="{bookmark_id}"/>'


def internal_link(anchor: str, runs: str) -> str:
    return f'<w:hyperlink w:anchor="{anchor}" w:history="1">{runs}</w:hyperlink>'


def field_start(instruction: str) -> str:
    """The runs opening a complex field; dirty so Word recomputes it on opening."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {xml_text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def table(widths: tuple[int, ...], rows: list[tuple[list[str], bool]]) -> str:
    """A grid table: WIDTHS in twips; ROWS of (cell texts, bold); the first row repeats as a header."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = [_row(widths, cells, bold, header=i == 0) for i, (cells, bold) in enumerate(rows)]
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
    )


def _row(widths: tuple[int, ...], cells: list[str], bold: bool, *, header: bool) -> str:
    out = ["<w:tr><w:trPr><w:tblHeader/></w:trPr>" if header else "<w:tr>"]
    for i, (width, cell) in enumerate(zip(widths, cells, strict=True)):
        align = None if i == 0 else "right"
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph("TableText", run(cell, bold=bold), align=align)}</w:tc>')
    out.append("</w:tr>")
    return "".join(out)


#: Writes a footnote's text as runs: :func:`docx_layout.segment_runs` of its segments with the
#: document's bookmarks (passed in, since docx_layout builds on this module); a redline's own
#: writer tracks the changes of a treaty footnote.
InlineWriter = Callable[[Footnote], str]


def footnotes_part(notes: Iterable[Footnote], inline: InlineWriter) -> str:
    """word/footnotes.xml: the two separators Word expects, then one footnote per note (its text by INLINE)."""
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">',
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for note in notes:
        mark = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' + run(" ")
        content = _attribution(note.segments) if note.kind == "attribution" else inline(note)
        out.append(f'<w:footnote w:id="{note.number}">{paragraph("FootnoteText", mark + content)}</w:footnote>')
    out.append("</w:footnotes>")
    return "".join(out)


def _attribution(segments: tuple[Segment, ...]) -> str:
    """'Proposed by US, JP.' with the codes in the Proponent style."""
    whole = "".join(s.text for s in segments)
    if not (whole.startswith(PROPOSED_BY) and whole.endswith(".")):
        return run(whole)
    return run(PROPOSED_BY) + run(whole[len(PROPOSED_BY) : -1], "Proponent") + run(".")
