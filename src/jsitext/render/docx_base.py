"""The styled base document of the Word build, and the package it is written in.

python-docx makes the base: page setup, the header (symbol and page number),
every style the body uses, the settings and the core properties. The body and
the footnotes are written as WordprocessingML text (see :mod:`docx_body`) and
spliced in by :func:`package`, which also rewrites the zip with fixed
timestamps and a fixed entry order so that the same text gives the same bytes.
"""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle

from ..model import Meta
from ..zips import read_entries, write_entries, zip_time
from .docx_source import SOURCE_PART

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_PART = "/word/footnotes.xml"
#: Where the body is spliced into word/document.xml (python-docx leaves the body empty but for sectPr).
BODY_TAG = b"<w:body>"
BLACK = RGBColor(0, 0, 0)
FONT = "Verdana"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# (name, style id, size in points, bold, italic) of the paragraph styles the body uses, on Normal.
_PARAGRAPH_STYLES = (
    ("Treaty Paragraph", "TreatyParagraph", None, False, False),
    ("Treaty Item", "TreatyItem", None, False, False),
    ("Treaty Subitem", "TreatySubitem", None, False, False),
    ("Article Status", "ArticleStatus", 8, False, True),
    ("Note", "Note", 8.5, False, True),
    ("Cover Meta", "CoverMeta", None, False, False),
    ("Cover Note", "CoverNote", 8.5, False, True),
    ("Table Text", "TableText", 8, False, False),
    ("Annex Entry", "AnnexEntry", None, False, False),
    ("footnote text", "FootnoteText", 8, False, False),
    ("toc 1", "TOC1", None, True, False),
    ("toc 2", "TOC2", None, False, False),
    ("toc 3", "TOC3", 8.5, False, False),
)
# Left indent and hanging indent (cm) of the paragraphs that carry a label ("1.", "(a)", "(i)").
_INDENTS = {"TreatyParagraph": (1.0, 1.0), "TreatyItem": (2.0, 1.0), "TreatySubitem": (3.0, 1.0), "Note": (0.2, 0.0)}
_TOC_INDENTS = {"TOC1": 0.0, "TOC2": 0.5, "TOC3": 1.0}
_WORD_BUILTINS = frozenset({"footnote text", "footnote reference", "toc 1", "toc 2", "toc 3"})
_SHADE_BRACKETED = "E7E6E6"
_SHADE_NOTE = "F2F2F2"


def base_document(meta: Meta, *, author: str | None, timestamp: datetime) -> docx.document.Document:
    """A python-docx document with the styles, page, header, settings and properties of the build."""
    document = docx.Document()
    _drop_extras(document)
    _page(document, meta)
    _styles(document)
    _settings(document)
    _properties(document, meta, author, timestamp)
    return document


def package(document: docx.document.Document, body: str, footnotes: str, timestamp: datetime, *, source: bytes | None = None) -> bytes:
    """The .docx bytes: DOCUMENT with BODY spliced in and FOOTNOTES as word/footnotes.xml;
    SOURCE, when given, as the custom XML part ``jsitext import`` reads (nothing shown)."""
    return write_entries(package_entries(document, body, footnotes, source=source), zip_time(timestamp), _entry_rank)


def package_entries(document: docx.document.Document, body: str, footnotes: str, *, source: bytes | None = None) -> dict[str, bytes]:
    """What :func:`package` zips: each entry of the package by name, as it is written."""
    # python-docx writes the parts' relationships and content types; the large parts are put
    # in afterwards, not deflated and inflated again on the way.
    large = {FOOTNOTES_PART: footnotes.encode("utf-8")}
    document.part.relate_to(Part(PackURI(FOOTNOTES_PART), FOOTNOTES_CONTENT_TYPE, b"", document.part.package), RT.FOOTNOTES)
    if source is not None:
        large[SOURCE_PART] = source
        document.part.relate_to(Part(PackURI(SOURCE_PART), "application/xml", b"", document.part.package), RT.CUSTOM_XML)
    buffer = io.BytesIO()
    document.save(buffer)
    entries = read_entries(buffer.getvalue())
    for name, data in large.items():
        entries[name.lstrip("/")] = data
    main = entries["word/document.xml"]
    assert main.count(BODY_TAG) == 1
    entries["word/document.xml"] = main.replace(BODY_TAG, BODY_TAG + body.encode("utf-8"), 1)
    entries["docProps/app.xml"] = entries["docProps/app.xml"].replace(b"Microsoft Macintosh Word", b"jsitext")
    return entries


def _drop_extras(document: docx.document.Document) -> None:
    """The template's thumbnail (a picture of python-docx) and stylesWithEffects (which
    Word 2010 would prefer to our styles) do not belong in the build."""
    for owner in (document.part.package, document.part):
        for rel in list(owner.rels.values()):
            if rel.reltype in (RT.THUMBNAIL, _STYLES_WITH_EFFECTS):
                owner.rels.pop(rel.rId)


def _page(document: docx.document.Document, meta: Meta) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)
    # The cover page carries the symbol itself and no page number.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    symbol = header.paragraphs[0]
    symbol.text = meta.symbol or ""
    symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number = header.add_paragraph(style="Header")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run("- ")
    number._p.append(parse_xml(_page_field()))
    number.add_run(" -")
    for paragraph in (symbol, number):
        paragraph.paragraph_format.space_after = Pt(0)


def _page_field() -> str:
    """The PAGE field, as one simple field (w:fldSimple) with a cached '1'."""
    return f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, FONT, 9)
    normal.paragraph_format.space_after = Pt(6)
    _builtin_styles(styles)
    for name, style_id, size, bold, italic in _PARAGRAPH_STYLES:
        style = _add(styles, name, style_id, WD_STYLE_TYPE.PARAGRAPH, "Normal")
        _font(style, None, size, bold=bold, italic=italic)
    _layout_styles(styles)
    _character_styles(styles)


def _builtin_styles(styles: docx.styles.styles.Styles) -> None:
    """Title, Subtitle and Heading 1-3 in black Verdana: the template's are blue Calibri."""
    for name, size in (("Title", 16), ("Subtitle", 12), ("Heading 1", 12), ("Heading 2", 11), ("Heading 3", 10), ("TOC Heading", 11)):
        style = styles[name]
        _font(style, FONT, size, bold=name != "Subtitle", italic=False)
        style.font.color.rgb = BLACK
        style.paragraph_format.keep_with_next = True
    _remove(styles["Title"].element, "w:pPr/w:pBdr")
    styles["Title"].paragraph_format.space_before = Pt(72)
    styles["Heading 1"].font.all_caps = True
    # Each section starts a page; the contents heading (based on Heading 1) must not.
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["TOC Heading"].paragraph_format.page_break_before = False


def _layout_styles(styles: docx.styles.styles.Styles) -> None:
    for style_id, (left, hanging) in _INDENTS.items():
        fmt = _by_id(styles, style_id).paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(left), Cm(-hanging)
        if style_id != "Note":
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for style_id, left in _TOC_INDENTS.items():
        fmt = _by_id(styles, style_id).paragraph_format
        fmt.left_indent, fmt.space_after = Cm(left), Pt(2)
        fmt.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _by_id(styles, "CoverMeta").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _by_id(styles, "CoverMeta").paragraph_format.space_after = Pt(0)
    _by_id(styles, "CoverNote").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _by_id(styles, "CoverNote").paragraph_format.space_before = Pt(24)
    _by_id(styles, "ArticleStatus").paragraph_format.keep_with_next = True
    _by_id(styles, "ArticleStatus").font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    for style_id in ("TableText", "FootnoteText"):
        _by_id(styles, style_id).paragraph_format.space_after = Pt(0)
    # Notes are drafting, not treaty text: a shaded, bordered box.
    note = _by_id(styles, "Note")
    note.paragraph_format.space_before = Pt(6)
    note.paragraph_format.right_indent = Cm(0.2)
    pPr = note.element.get_or_add_pPr()
    pPr.append(parse_xml(_borders()))
    pPr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_SHADE_NOTE}"/>'))
    _sort_pPr(pPr)


def _borders() -> str:
    sides = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="4" w:color="A6A6A6"/>' for side in ("top", "left", "bottom", "right"))
    return f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"


def _character_styles(styles: docx.styles.styles.Styles) -> None:
    bracketed = _add(styles, "Bracketed", "Bracketed", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    bracketed.element.get_or_add_rPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_SHADE_BRACKETED}"/>'))
    own = _add(styles, "Own Proposal", "OwnProposal", WD_STYLE_TYPE.CHARACTER, "Bracketed")
    own.element.get_or_add_rPr().append(parse_xml(f'<w:highlight {nsdecls("w")} w:val="yellow"/>'))
    proponent = _add(styles, "Proponent", "Proponent", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    proponent.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    proponent.font.bold = True
    reference = _add(styles, "footnote reference", "FootnoteReference", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    reference.font.superscript = True


def _add(styles: docx.styles.styles.Styles, name: str, style_id: str, kind: WD_STYLE_TYPE, base: str) -> CharacterStyle:
    # Word knows its built-in styles by name; marking them custom would make duplicates.
    # python-docx leaves add_style unannotated; it returns a ParagraphStyle or a CharacterStyle, as KIND says.
    style: CharacterStyle = styles.add_style(name, kind, builtin=name in _WORD_BUILTINS)  # type: ignore[no-untyped-call]
    style.style_id = style_id
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _by_id(styles: docx.styles.styles.Styles, style_id: str) -> ParagraphStyle:
    style = next(s for s in styles if s.style_id == style_id)
    assert isinstance(style, ParagraphStyle), style_id  # every style looked up by id here is a paragraph style
    return style


def _font(style: CharacterStyle, name: str | None, size: float | None, *, bold: bool | None = None, italic: bool | None = None) -> None:
    font = style.font
    if name:
        font.name = name
        # Theme fonts win over named ones: drop them so the name holds.
        rFonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rFonts.attrib.pop(qn(attribute), None)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold or None
    if italic is not None:
        font.italic = italic or None


def _remove(element: BaseOxmlElement, path: str) -> None:
    for found in element.xpath(path):
        found.getparent().remove(found)


# CT_PPrBase order of the children the styles set (schema order matters to Word).
_PPR_ORDER = (
    *("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs"),
    *("suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd"),
    *("snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment"),
    *("textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
)


def _sort_pPr(pPr: BaseOxmlElement) -> None:
    children = list(pPr)
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
        pPr.append(child)


def _settings(document: docx.document.Document) -> None:
    """Ask Word to update the fields (the contents' page numbers) on opening; name the
    separator footnotes; drop the template's revision-save ids (rsids)."""
    settings = document.settings.element
    _remove(settings, "w:rsids")
    compat = settings.find(qn("w:compat"))
    compat.addprevious(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    compat.addprevious(parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'))


def _properties(document: docx.document.Document, meta: Meta, author: str | None, timestamp: datetime) -> None:
    props = document.core_properties
    props.title = meta.title
    props.subject = meta.subtitle or ""
    props.identifier = meta.symbol or ""
    props.version = meta.revision or ""
    props.author = props.last_modified_by = author or ""
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = timestamp


def _entry_rank(name: str) -> tuple[int, str]:
    # [Content_Types].xml and the package relationships first, as Word writes them.
    first = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    return (first.index(name), "") if name in first else (len(first), name)
