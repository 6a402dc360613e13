"""Word files for the import tests, made with python-docx as a co-convenor's Word would save them.

A paragraph's text is written with two marks of this kit (not of jsitext):
``^{footnote text}`` puts a real Word footnote there, and ``**`` toggles bold.
Headings are Heading styles or bold paragraphs; numbered paragraphs are typed
("1.") or Word list numbering (numPr on the paragraph, as Word's numbering button sets it).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MARK = re.compile(r"\^\{([^}]*)\}|\*\*")


@dataclass
class WordText:
    """A Word document under construction."""

    document: docx.document.Document = field(default_factory=docx.Document)
    footnotes: list[str] = field(default_factory=list)

    def heading(self, text: str, level: int, *, styled: bool = True) -> WordText:
        """A heading: a Heading style (STYLED) or a bold paragraph."""
        if styled:
            paragraph = self.document.add_paragraph(style=f"Heading {level}")
            self._runs(paragraph, text)
        else:
            self.para("**" + text + "**")
        return self

    def para(self, text: str, *, style: str | None = None, level: int | None = None, shaded: bool = False) -> WordText:
        """A paragraph; LEVEL puts it in Word list numbering at that level (0 = paragraph, 1 = item)."""
        paragraph = self.document.add_paragraph(style=style)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'))
        if shaded:
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9D9D9"/>'))
        self._runs(paragraph, text)
        return self

    def table(self, rows: list[list[str]]) -> WordText:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return self

    def image(self, png: bytes) -> WordText:
        self.document.add_paragraph().add_run().add_picture(io.BytesIO(png))
        return self

    def _runs(self, paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
        bold = False
        at = 0
        for match in _MARK.finditer(text):
            if match.start() > at:
                paragraph.add_run(text[at : match.start()]).bold = bold or None
            if match.group(0) == "**":
                bold = not bold
            else:
                self.footnotes.append(match.group(1))
                number = len(self.footnotes)
                paragraph._p.append(parse_xml(f'<w:r {_W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'))
            at = match.end()
        if at < len(text):
            paragraph.add_run(text[at:]).bold = bold or None

    def bytes(self) -> bytes:
        if self.footnotes:
            notes = "".join(
                f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {_xml(t)}</w:t></w:r></w:p></w:footnote>'
                for n, t in enumerate(self.footnotes, 1)
            )
            xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_W}>{notes}</w:footnotes>'
            part = Part(
                PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(),
                self.document.part.package,
            )
            self.document.part.relate_to(part, RT.FOOTNOTES)
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def save(self, path: Path) -> Path:
        path.write_bytes(self.bytes())
        return path


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def replace_entry(data: bytes, name: str, content: bytes) -> bytes:
    """The zip DATA with the entry NAME's content replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return out.getvalue()


#: A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000000030101007e21bc330000000049454e44ae426082"
)


def hand_written(*, styled: bool = True, listed: bool | str = False, footnotes: bool = True, names: bool = False) -> WordText:
    """The same small text in the usual WTO layout, in one of its variants:
    STYLED headings or bold ones, LISTED (Word numbering; "styles": Word's List Number styles) or typed numbers,
    attributions in FOOTNOTES or in braces, member NAMES or codes."""
    us_jp = "United States, Japan" if names else "US, JP"
    cn = "China" if names else "CN"
    hk_kr = "Hong Kong, China; Korea, Republic of" if names else "HK, KR"

    def attributed(who: str) -> str:
        return f"^{{Proposed by {who}.}}" if footnotes else "{" + who + "}"

    def number(label: str, text: str, level: int) -> tuple[str, int | None]:
        return (text, level) if listed else (f"{label}\t{text}", None)

    def para(text: str, level: int | None) -> None:
        if listed == "styles" and level is not None:  # Word's List Number styles number the paragraphs themselves
            word.para(text, style="List Number" + ("" if level == 0 else f" {level + 1}"))
        else:
            word.para(text, level=level)

    word = WordText()
    word.para("Joint Statement Initiative on Electronic Commerce", style="Title")
    word.para("INF/ECOM/99/Rev.2")
    word.para("15 March 2024")
    word.para("RESTRICTED")
    word.heading("Section A: Enabling Electronic Commerce", 1, styled=styled)
    word.heading("A.1 Facilitating Electronic Transactions", 2, styled=styled)
    word.heading("Article A.1.1: Electronic Contracts [Parked]", 3, styled=styled)
    for label, text, level in (
        ("1.", "Each Party shall ensure that its legal framework allows for contracts to be concluded by electronic means.", 0),
        (
            "2.",
            f"A Party shall not [deny / unduly restrict]{attributed(us_jp)} the legal effect of an electronic contract^{{For greater certainty, this paragraph does not apply to contracts of employment.}}, except:",
            0,
        ),
        ("(a)", "where its law provides otherwise; or", 1),
        ("(b)", f"for [contracts concerning real estate]{attributed(cn)}.", 1),
    ):
        text, lvl = number(label, text, level)
        para(text, lvl)
    word.para("Convenors' note: To be read together with Article A.1.2.")
    word.heading("Article A.1.2: Electronic Authentication", 3, styled=styled)
    text, lvl = number("1.", "Alt 1: [Each Party shall recognise electronic signatures.]" + attributed(us_jp), 0)
    para(text, lvl)
    word.para("Alt 2: [Parties may recognise electronic signatures.]" + attributed(hk_kr))
    text, lvl = number("2.", "[Each Party shall endeavour to adopt the UNCITRAL Model Law.]" + attributed(cn), 0)
    para(text, lvl)
    return word
