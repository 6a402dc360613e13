"""Every docx the project writes, opened in LibreOffice: what a delegate sees.

LibreOffice pairs a footnote mark with a footnote by their order, and shows what the
document's runs say (not what a style would like them to say), so these tests read the
documents through LibreOffice itself: each footnote's text at its mark, the headings of the
navigator, the member's highlight; and the PDF it prints (pdftotext): page numbers, symbol.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from clients.programs import SAMPLE, LibreOffice, Opened, pdf_text
from jsitext.load import load_text
from jsitext.render.resolve import DocArticle, Document, parse_view, plain_wording, resolve
from jsitext.source import FolderSource

OUTPUTS = {
    "full": ("consolidated.docx", "full", None),
    "clean": ("consolidated-clean.docx", "clean", None),
    "member": ("consolidated-member-eu.docx", "member:EU", None),
    "section": ("consolidated-section-b.docx", "full", "B"),
}


def resolved(view: str, section: str | None) -> Document:
    return resolve(load_text(FolderSource(SAMPLE)).text, parse_view(view, section))


def heading_text(article: DocArticle) -> str:
    """An article's heading as Word prints it: the title's wording, its footnote marks aside."""
    return f"{article.heading}: {plain_wording(article.title_segments)}"


def footnote_text(document: Document) -> list[str]:
    return [" ".join("".join(s.text if s.kind != "attribution" else "{" + s.text + "}" for s in note.segments).split()) for note in document.footnotes]


@pytest.mark.parametrize("output", OUTPUTS)
def test_each_footnote_shows_its_own_text_at_its_mark(libreoffice: LibreOffice, built: Path, output: str) -> None:
    name, view, section = OUTPUTS[output]
    opened = libreoffice.open(built / name)
    expected = footnote_text(resolved(view, section))
    assert [" ".join(n.split()) for n in opened.footnotes] == expected
    for paragraph in opened.paragraphs:  # a mark in the body carries the footnote of its number
        for number, body in re.findall(r"⟦(\d+): (.*?)⟧", paragraph.text):
            assert " ".join(body.split()) == expected[int(number) - 1]


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_navigator_lists_the_outline_and_no_empty_heading(libreoffice: LibreOffice, built: Path, output: str) -> None:
    name, view, section = OUTPUTS[output]
    opened = libreoffice.open(built / name)
    document = resolved(view, section)
    headings = [p for p in opened.paragraphs if p.outline]
    # A title's attributions and footnotes are footnote marks (⟦n: text⟧ here), not heading text.
    assert [re.sub(r"⟦.*?⟧", "", p.text, flags=re.S) for p in headings if p.outline == 3] == [heading_text(a) for a in document.articles]
    # a section's notes sit under its heading, before what it heads
    following = [*(p for p in opened.paragraphs[opened.paragraphs.index(headings[0]) :] if p.style != "Note"), None]
    for here, after in itertools.pairwise(following):  # a section or subsection heading is followed by what it heads
        if here is not None and here.text == "Preamble":  # it heads paragraphs of treaty text, not headings
            assert after is not None and after.style == "Treaty Paragraph", f"empty heading: {here.text}"
        elif here is not None and here.outline in (1, 2) and not here.text.startswith("Annex"):
            assert after is not None and after.outline > here.outline, f"empty heading: {here.text}"


def test_adjacent_footnote_marks_are_kept_apart(libreoffice: LibreOffice, built: Path) -> None:
    opened = libreoffice.open(built / "consolidated.docx")
    joined = [p.text for p in opened.paragraphs if "⟧⟦" in p.text]
    assert not joined, joined[:3]
    assert any(re.search(r"⟧,⟦", p.text) for p in opened.paragraphs)


def test_the_member_view_highlights_the_members_proposals(libreoffice: LibreOffice, built: Path) -> None:
    opened = libreoffice.open(built / "consolidated-member-eu.docx")
    highlighted = " ".join(w for p in opened.paragraphs for w in p.marked)
    document = resolved("member:EU", None)
    mine = [s.text for a in document.articles for p in a.paragraphs for s in p.segments if s.mine and s.kind == "text" and len(s.text) > 20]
    assert mine and all(text in highlighted for text in mine)
    assert not any(p.marked for p in libreoffice.open(built / "consolidated.docx").paragraphs)


def test_the_clean_copy_has_no_bracket_option_or_attribution(libreoffice: LibreOffice, built: Path) -> None:
    opened = libreoffice.open(built / "consolidated-clean.docx")
    body = _body(opened)
    assert body, "the clean copy prints articles"
    for text in body + opened.footnotes:
        assert not re.search(r"[\[\]{}]|Proposed by|\bAlt \d", text), text


def _body(opened: Opened) -> list[str]:
    start = next(i for i, p in enumerate(opened.paragraphs) if p.outline == 1)
    return [p.text for p in opened.paragraphs[start:] if p.style != "Article Status"]


@pytest.mark.parametrize("output", ["full", "member"])
def test_printed_pages_carry_the_symbol_and_a_page_number(libreoffice: LibreOffice, built: Path, output: str) -> None:
    pages = pdf_text(libreoffice.pdf(built / OUTPUTS[output][0]))
    assert len(pages) > 2
    for number, page in enumerate(pages[1:], 2):  # the cover has no header
        assert "INF/ECOM/SAMPLE/Rev.3" in page
        assert re.search(rf"^\s*-\s*{number}\s*-\s*$", page, re.M), f"no page number on page {number}"


def test_the_pdf_bookmarks_are_the_outline(libreoffice: LibreOffice, built: Path) -> None:
    from pypdf import PdfReader

    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    with libreoffice.pdf(built / "consolidated.docx").open("rb") as pdf:
        marks = titles(PdfReader(pdf).outline)
    document = resolved("full", None)
    assert [m for m in marks if m.startswith("Article ")] == [heading_text(a) for a in document.articles]
