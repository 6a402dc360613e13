"""The Word build: headings, brackets, real footnotes, header, package, determinism.

Read back two ways: with python-docx (what a user's Word sees: styles and text)
and as raw XML (footnote references against word/footnotes.xml, the package).
word/document.xml and word/footnotes.xml are also held against golden files: regenerate them on purpose
with ``JSITEXT_UPDATE_GOLDEN=1 pytest tests/test_docx.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest

from jsitext.load import load_text
from jsitext.render.docx import render_docx
from jsitext.render.resolve import Document, View, parse_view, resolve
from jsitext.source import FolderSource

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "data" / "docx"
GOLDEN = FIXTURE / "golden"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _document(folder: Path = FIXTURE, view: View | None = None, attribution: str | None = None) -> Document:
    loaded = load_text(FolderSource(folder))
    assert not loaded.has_errors
    return resolve(loaded.text, view, attribution=attribution)


@pytest.fixture(scope="module")
def built() -> bytes:
    return render_docx(_document(), author="Co-convenors")


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def _paragraphs(data: bytes, style: str) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == style]


def _note_references(data: bytes) -> list[int]:
    return [int(n) for n in re.findall(r'<w:footnoteReference w:id="(\d+)"/>', _part(data, "word/document.xml"))]


def _footnotes(data: bytes) -> dict[int, str]:
    """Footnote id → its text (the runs' w:t joined)."""
    xml = _part(data, "word/footnotes.xml")
    notes = re.findall(r'<w:footnote (?:w:type="\w+" )?w:id="(-?\d+)">(.*?)</w:footnote>', xml)
    return {int(number): "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body)) for number, body in notes}


def test_sections_subsections_and_articles_are_real_headings(built: bytes) -> None:
    assert _paragraphs(built, "Heading 1") == [
        "Section A: Enabling Electronic Commerce",
        "Section B: Scope and General Provisions",
        "Annex: Withdrawn and Merged Articles",
    ]
    assert _paragraphs(built, "Heading 2") == ["A.1 Facilitating Electronic Transactions"]
    assert _paragraphs(built, "Heading 3") == ["Article A.1.1: Electronic Contracts", "Article A.1.2: Electronic Signatures", "Article B.1: Scope"]


def test_cover_has_access_symbol_title_and_a_contents_field(built: bytes) -> None:
    assert _paragraphs(built, "Cover Meta") == ["RESTRICTED", "INF/ECOM/TEST/Rev.1", "2024-05-02"]
    assert _paragraphs(built, "Title") == ["Agreement on Electronic Commerce"]
    assert _paragraphs(built, "Subtitle") == ["Consolidated Negotiating Text (test)"]
    assert _paragraphs(built, "Cover Note") == ["Without prejudice to the positions of participants & to the outcome <of the> negotiations."]
    body = _part(built, "word/document.xml")
    assert '<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>' in body
    assert "&amp; to the outcome &lt;of the&gt; negotiations" in body
    assert _paragraphs(built, "toc 3") == ["Article A.1.1: Electronic Contracts", "Article A.1.2: Electronic Signatures", "Article B.1: Scope"]


def test_progress_table_counts_articles_by_status_and_brackets() -> None:
    document = _document()
    table = docx.Document(io.BytesIO(render_docx(document))).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Section", "Open", "Parked", "Clean", "Placeholder", "Brackets", "Options"]
    assert rows[-1] == ["Total", "1", "1", "1", "0", str(document.counts.brackets), str(document.counts.options)]


def test_paragraphs_items_and_brackets_read_as_negotiators_write_them(built: bytes) -> None:
    assert _paragraphs(built, "Treaty Paragraph")[:3] == [
        "1.\tEach Party shall ensure that its legal framework [allows / does not prevent] contracts to be concluded by electronic means.",
        "2.\tA Party shall not deny the legal effect of a contract [solely [or principally] on the ground] that it was made by electronic means, "
        "as provided in Article B.1:",
        "3.\t[Each Party shall take into account the needs of micro, small and medium-sized enterprises.]",
    ]
    assert _paragraphs(built, "Treaty Item")[:2] == ["(a)\tin the territory of the Party; and", "(b)\telsewhere."]
    assert _paragraphs(built, "Treaty Subitem") == ["(i)\tfor consumers; or", "(ii)\tfor enterprises[ of any size];"]


def test_alternatives_are_labelled_and_bracketed_to_their_last_item(built: bytes) -> None:
    paragraphs = _paragraphs(built, "Treaty Paragraph")
    assert "\tAlt 1: [The Parties shall encourage the use of interoperable electronic authentication.]" in paragraphs
    assert "\tAlt 2: [Each Party shall endeavour to recognise electronic signatures [and seals]:" in paragraphs
    # The alternative's attribution and its treaty footnote hang there, a superscript comma between their marks.
    assert "(b)\tissued by accredited providers.]," in _paragraphs(built, "Treaty Item")


def test_bracketed_text_carries_the_bracketed_character_style(built: bytes) -> None:
    paragraph = next(p for p in docx.Document(io.BytesIO(built)).paragraphs if p.text.startswith("1.\t"))
    styled = [(run.style.name, run.text) for run in paragraph.runs if run.style.name == "Bracketed"]
    assert styled == [("Bracketed", "["), ("Bracketed", "allows"), ("Bracketed", " / "), ("Bracketed", "does not prevent"), ("Bracketed", "]")]


def test_notes_stand_apart_in_the_note_style(built: bytes) -> None:
    assert _paragraphs(built, "Note") == ["Note: The small group will revert to paragraph 2 once Article B.1 is settled."]
    assert _paragraphs(built, "Article Status") == [
        "Small group: Facilitating electronic transactions; Facilitator: CL.",
        "Status: parked.",
        "Status: clean.",
    ]


def test_retired_articles_are_listed_in_the_annex(built: bytes) -> None:
    assert _paragraphs(built, "Annex Entry") == [
        "Mutual Recognition of Electronic Signatures (old-signatures): merged into Article A.1.2.",
        "Location of Computing Facilities (withdrawn-article): withdrawn.",
    ]


def test_attributions_and_treaty_footnotes_are_word_footnotes_in_one_series(built: bytes) -> None:
    references = _note_references(built)
    # Word numbers footnotes by their place: the marks must come in the Document's order.
    assert references == list(range(1, 12))
    notes = _footnotes(built)
    assert notes[-1] == "" and notes[0] == ""  # the separator and continuation separator
    assert [notes[n].strip() for n in references] == [
        "Proposed by US, JP.",
        "Proposed by CN.",
        "For greater certainty, this paragraph does not apply to contracts relating to real property.",
        "Proposed by EU.",
        "Proposed by US.",
        "Proposed by SG.",
        "Proposed by BR, UY.",
        "Proposed by US, JP.",
        "Proposed by EU.",
        "Proposed by EU.",
        "Recognition is without prejudice to Article A.1.1.",
    ]


def test_attributions_can_print_names() -> None:
    data = render_docx(_document(attribution="names"))
    assert _footnotes(data)[1].strip() == "Proposed by United States, Japan."


def test_every_footnote_reference_of_the_shipped_text_has_its_footnote() -> None:
    document = _document(REPO / "articles")
    data = render_docx(document)
    references = _note_references(data)
    assert references == [note.number for note in document.footnotes]
    assert set(references) <= set(_footnotes(data))


def test_references_link_to_the_bookmarked_article(built: bytes) -> None:
    body = _part(built, "word/document.xml")
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(\w+)"/>', body))
    anchors = set(re.findall(r'<w:hyperlink w:anchor="(\w+)"', body))
    assert anchors and anchors <= bookmarks


def test_header_carries_the_symbol_and_a_page_field(built: bytes) -> None:
    section = docx.Document(io.BytesIO(built)).sections[0]
    assert section.header.paragraphs[0].text == "INF/ECOM/TEST/Rev.1"
    assert section.different_first_page_header_footer
    assert any('w:instr=" PAGE "' in _part(built, name) for name in ("word/header1.xml", "word/header2.xml"))


def test_package_declares_the_footnotes_part(built: bytes) -> None:
    assert f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/>' in _part(built, "[Content_Types].xml")
    assert f'Type="{FOOTNOTES_RT}" Target="footnotes.xml"' in _part(built, "word/_rels/document.xml.rels")
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        names = package.namelist()
    assert names[:3] == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names


def test_word_styles_are_defined(built: bytes) -> None:
    styles = docx.Document(io.BytesIO(built)).styles
    names = {style.name for style in styles}
    assert {"Bracketed", "Proponent", "Note", "footnote text", "footnote reference", "toc 1", "Treaty Paragraph"} <= names


def test_member_view_highlights_the_members_proposals() -> None:
    data = render_docx(_document(view=parse_view("member:US")))
    own = [run.text for p in docx.Document(io.BytesIO(data)).paragraphs for run in p.runs if run.style.name == "Own Proposal"]
    assert "allows" in own and "does not prevent" not in own
    assert _paragraphs(data, "Subtitle")[-1] == "Articles with proposals by US (highlighted)"


def test_two_builds_are_byte_identical_with_fixed_dates(built: bytes) -> None:
    assert render_docx(_document(), author="Co-convenors") == built
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        assert {info.date_time for info in package.infolist()} == {(2024, 5, 2, 0, 0, 0)}
    core = _part(built, "docProps/core.xml")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-02T00:00:00Z</dcterms:created>' in core
    assert "<dc:creator>Co-convenors</dc:creator>" in core
    assert "rsid" not in _part(built, "word/settings.xml")


def test_source_date_epoch_sets_the_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = render_docx(_document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert "2023-11-14T22:13:20Z" in _part(data, "docProps/core.xml")


def test_clean_view_prints_only_agreed_articles_and_no_annex() -> None:
    data = render_docx(_document(view=parse_view("clean")))
    assert _paragraphs(data, "Heading 3") == ["Article A.1.2: Electronic Signatures", "Article B.1: Scope"]
    assert "Annex: Withdrawn and Merged Articles" not in _paragraphs(data, "Heading 1")
    assert _paragraphs(data, "Subtitle")[-1] == "Clean copy: agreed text only"


def golden_xml(data: bytes, name: str, part: str = "word/document.xml") -> tuple[str, str]:
    """DATA's PART one paragraph a line (a readable diff), and the golden file NAME's text."""
    xml = _part(data, part).replace("</w:p>", "</w:p>\n")
    golden = GOLDEN / name
    if os.environ.get("JSITEXT_UPDATE_GOLDEN") == "1":
        golden.write_text(xml, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with JSITEXT_UPDATE_GOLDEN=1 to create it"
    return xml, golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("view", ["full", "member:US"])
def test_document_and_footnotes_match_the_golden_files(view: str) -> None:
    data, name = render_docx(_document(view=parse_view(view))), view.replace(":", "-").lower()
    for part in ("document", "footnotes"):
        xml, golden = golden_xml(data, f"{name}.{part}.xml", f"word/{part}.xml")
        assert xml == golden, part


def test_footnote_marks_that_touch_are_kept_apart_by_a_superscript_comma(built: bytes) -> None:
    # "]²³¹²³²" would read as one number: a comma in the footnote reference style between them.
    xml = _part(built, "word/document.xml")
    mark = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="\\d+"/></w:r>'
    comma = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">,</w:t></w:r>'
    assert re.search(mark + re.escape(comma) + mark, xml)
    assert not re.search(mark + mark, xml)


def test_the_members_proposals_are_highlighted_on_the_runs_themselves() -> None:
    # Word and LibreOffice ignore a highlight set in a character style: it is set on each run.
    xml = _part(render_docx(_document(view=parse_view("member:US"))), "word/document.xml")
    runs = re.findall(r'<w:rPr><w:rStyle w:val="OwnProposal"/>(?:<w:b/>)?(.*?)</w:rPr>', xml)
    assert runs and set(runs) == {'<w:highlight w:val="yellow"/>'}
