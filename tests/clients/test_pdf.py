"""The PDF (build and diff --format pdf) as poppler and pypdf read it: A4 pages, "- n -" page
numbers, the symbol in the header, each footnote at the foot of its mark's page, a contents
page whose numbers are right, bookmarks, fixed dates, the same bytes twice; every view."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from clients.programs import DIFF_DATA, REPO, SAMPLE, jsitext, pdf_text, program
from jsitext.load import load_text
from jsitext.render.inline import txt_segments
from jsitext.render.resolve import Document, parse_view, plain_wording, resolve
from jsitext.render.typst_compile import Part
from jsitext.source import FolderSource

FORMAT2 = REPO / "tests" / "data" / "format2" / "footnotes" / "text"
#: name → (text, build options, view as parse_view reads it).
BUILDS = {
    "consolidated.pdf": (SAMPLE, [], "full"),
    "consolidated-clean.pdf": (SAMPLE, ["--view", "clean"], "clean"),
    "consolidated-member-eu.pdf": (SAMPLE, ["--view", "member:EU"], "member:EU"),
    "consolidated-section-b.pdf": (SAMPLE, ["--section", "B"], "full"),
    "format2/consolidated.pdf": (FORMAT2, [], "full"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    program("pdftotext")
    out = tmp_path_factory.mktemp("pdf")
    for name, (source, options, _view) in BUILDS.items():
        jsitext("build", source, "--format", "pdf", "--output", (out / name).parent, *options)
    return out


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def document(name: str) -> Document:
    source, options, view = BUILDS[name]
    section = options[1] if options[:1] == ["--section"] else None
    return resolve(load_text(FolderSource(source)).text, parse_view(view, section))


@pytest.mark.parametrize("name", BUILDS)
def test_a4_pages_numbered_as_wto_documents_with_the_symbol_in_the_header(pdfs: Path, name: str) -> None:
    meta = info(pdfs / name)
    assert "(A4)" in meta["Page size"]
    pages = pdf_text(pdfs / name)
    assert int(meta["Pages"]) == len(pages) > 2
    symbol = document(name).meta.symbol or ""
    assert symbol in pages[0] and not re.search(r"-\s*1\s*-", pages[0]), "the cover: the symbol, no page number"
    for number, page in enumerate(pages[1:], 2):
        lines = [line.strip() for line in page.strip().splitlines()]
        assert lines[0] == symbol, f"page {number}: no symbol in the header"
        assert re.fullmatch(rf"-\s*{number}\s*-", lines[-1]), f"page {number}: {lines[-1]!r}"


@pytest.mark.parametrize("name", BUILDS)
def test_each_footnote_is_at_the_foot_of_its_marks_page_once(pdfs: Path, name: str) -> None:
    assert_footnotes_at_their_marks(pdf_text(pdfs / name), document(name))


def assert_footnotes_at_their_marks(pages: list[str], doc: Document) -> None:
    """Each footnote's text once, on the page of its mark."""
    flat = [" ".join(page.split()) for page in pages]
    assert doc.footnotes
    for note in doc.footnotes:
        start = re.escape(" ".join(txt_segments(note.segments).replace("»", "").replace("«", "").split())[:30])
        where = [i for i, page in enumerate(flat) if re.search(rf"(?<![\d,]){note.number}\. {start}", page)]
        assert len(where) == 1, f"footnote {note.number} ({start}) on pages {[w + 1 for w in where]}"
        body = "\n".join(line for line in pages[where[0]].splitlines() if not re.match(rf"\s*{note.number}\. ", line))
        # The mark: the number set against what it follows ("promote1", "goods]51.", "A.1.5214") or alone on its line.
        assert re.search(rf"(?<=\S){note.number}(?!\d)|^\s*{note.number}\s*$", body, re.MULTILINE), f"footnote {note.number}: no mark on page {where[0] + 1}"


def synthetic_text(folder: Path) -> Document:
    """The benchmark's synthetic text of 140 articles (sections of 100: notes that Typst carries
    over), written in FOLDER and resolved."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import synth

    synth.write_text(140, folder / "articles")
    return resolve(load_text(FolderSource(folder / "articles")).text, parse_view("full", None))


def synthetic_parts(folder: Path) -> list[Part]:
    """The synthetic text's parts between page breaks, as the PDF lays each out alone."""
    from jsitext.formats import Options
    from jsitext.render import pdf
    from jsitext.render.consolidated import render_html

    body = pdf.typst_body(render_html(synthetic_text(folder), Options()).decode("utf-8"), pdf.CONSOLIDATED)
    stylesheet, _path = pdf._stylesheet(None)
    return body.parts(f'{stylesheet}\n#show: jsitext-page.with(symbol: "S")\n{pdf.BARE}')


def test_notes_typst_carries_over_are_corrected_part_by_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The synthetic text (sections of 100 articles) has notes Typst carries to the next page
    (the second mark of a line at a page's foot): each section, laid out alone, sets the notes
    of each line that holds several together, and the joined text has every note at its mark."""
    from jsitext.formats import Options
    from jsitext.render import pdf, typst_compile

    corrected: list[int] = []
    real = typst_compile.Layouts.lay_out
    monkeypatch.setattr(
        typst_compile.Layouts, "lay_out", lambda self, parts, rounds: [corrected.append(p.along + len(p.breaks)) or p for p in real(self, parts, rounds)]
    )
    doc = synthetic_text(tmp_path)
    (tmp_path / "text.pdf").write_bytes(pdf.render_pdf(doc, Options()))
    assert sum(1 for n in corrected if n) > 1, f"notes carried over in fewer than two sections ({corrected}): this text no longer tests the correction"
    assert_footnotes_at_their_marks(pdf_text(tmp_path / "text.pdf"), doc)


def test_a_note_still_late_has_its_marks_block_moved_to_a_new_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback when a note is still carried over (here: its line's notes not set together):
    the block of its mark starts a page, and the part is laid out again until none is late."""
    from jsitext.render import pdf, typst_compile

    monkeypatch.setattr(typst_compile, "shared_lines", lambda _compiler: [])
    laid = [typst_compile.lay_out_here(part, pdf.ROUNDS) for part in synthetic_parts(tmp_path) if len(part.note_blocks) > 100]
    assert any(part.breaks for part in laid), "no note carried over: this text no longer tests the fallback"
    assert all(part.pdf and not part.late and not part.along for part in laid)


def test_the_lines_of_several_marks_are_found_from_the_blocks_holding_several(tmp_path: Path) -> None:
    """The layout that finds which notes share a line leaves out the texts of the blocks holding
    fewer than two marks (a third faster): it finds the lines of the real layout."""
    import json

    from jsitext.render import typst_compile

    part = max(synthetic_parts(tmp_path), key=lambda part: len(part.note_spans))
    reduced = typst_compile.marks_alone(part)
    assert sum(1 for piece in reduced if piece.startswith(typst_compile.TEXTS)) < 0.8 * sum(1 for piece in part.pieces if piece.startswith(typst_compile.TEXTS))
    with typst_compile._compiler(part.head + "".join(reduced)) as (compiler, _main):
        found = typst_compile.shared_lines(compiler)
    with typst_compile._compiler(part.markup()) as (compiler, _main):  # every note a footnote of its own
        marks = json.loads(
            compiler.eval("query(footnote).map(n => { let p = n.location().position(); ((n.numbering)(1), p.page, p.y.pt(), p.x.pt()) })", format="json")
        )
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for number, page, y, x in marks:
        lines.setdefault((page, round(y, 1)), []).append((x, number))
    real = [[number for _x, number in sorted(line)] for line in lines.values() if len(line) > 1]
    assert len(real) > 20 and sorted(found) == sorted(real)


def test_the_footnotes_of_a_format_2_text_are_at_their_marks(pdfs: Path) -> None:
    pages = " ".join(" ".join(pdf_text(pdfs / "format2/consolidated.pdf")).split())
    for note in document("format2/consolidated.pdf").footnotes:
        assert re.search(rf"(?<!\d){note.number}\. " + re.escape(" ".join(txt_segments(note.segments).split())[:30]), pages)
    assert "Footnotes" not in pages.split("Contents", 1)[1], "no list of footnotes at the end: each is at its mark"


@pytest.mark.parametrize("name", ["consolidated.pdf", "consolidated-section-b.pdf"])
def test_the_contents_give_each_articles_page(pdfs: Path, name: str) -> None:
    pages = pdf_text(pdfs / name)
    entries = re.findall(r"^\s*(Article [\w.]+): .*?[ .]+(\d+)(?: [A-Z]+)?\s*$", "\n".join(pages[1:3]), re.MULTILINE)
    assert len(entries) >= len([a for a in document(name).articles if a.heading.startswith("Article ")]) // 2
    for heading, page in entries:
        assert re.search(rf"^\s*{re.escape(heading)} ", pages[int(page) - 1], re.MULTILINE), f"{heading} is not on page {page}"


@pytest.mark.parametrize("name", ["consolidated.pdf", "format2/consolidated.pdf"])
def test_each_link_to_the_text_goes_to_the_page_of_what_it_names(pdfs: Path, name: str) -> None:
    """The contents' entries and the references between articles (the text is laid out in parts
    and joined: each link is given its place in the whole)."""
    from pypdf import PdfReader

    reader = PdfReader(pdfs / name)
    pages = pdf_text(pdfs / name)
    checked = 0
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.top)
        for annotation in [a.get_object() for a in page.get("/Annots", [])]:
            assert "jsitext:" not in str(annotation.get("/A", {}).get("/URI", "")), "a link left unjoined"
            if "/Dest" not in annotation:
                continue
            target = reader.get_page_number(annotation["/Dest"][0].get_object())
            assert target is not None and target >= 0, f"page {number + 1}: a link to no page of the file"
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            if x1 - x0 < 20:  # a footnote's mark or number: Typst's own link within a part
                continue
            box = {"-f": number + 1, "-l": number + 1, "-x": int(x0), "-y": int(height - y1), "-W": int(x1 - x0) + 1, "-H": int(y1 - y0) + 1}
            crop = [str(item) for option in box.items() for item in option]
            words = subprocess.run([program("pdftotext"), *crop, str(pdfs / name), "-"], capture_output=True, text=True, check=True).stdout.split()
            heading = re.match(r"(?:Article|Section) \w+(?:\.\w+)*", " ".join(words))
            if heading:  # a heading named: it is on the page linked to
                named = heading.group(0)
                assert re.search(rf"^\s*{re.escape(named)}[:\s]", pages[target], re.MULTILINE), (
                    f"page {number + 1}: {' '.join(words)!r} links to page {target + 1}"
                )
                checked += 1
    assert checked > 2


@pytest.mark.parametrize("name", ["consolidated.pdf", "format2/consolidated.pdf"])
def test_each_footnote_mark_links_to_its_notes_text(pdfs: Path, name: str) -> None:
    """Every mark, those of notes set along an earlier note of their line too, is a link to the
    note's text at the foot of its page (jsitext links them once the parts are joined)."""
    from pypdf import PdfReader

    reader = PdfReader(pdfs / name)
    words = pdf_words(pdfs / name)
    linked = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.top)
        for annotation in [a.get_object() for a in page.get("/Annots", [])]:
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            if "/Dest" not in annotation or x1 - x0 >= 20:  # a mark is a narrow link
                continue
            target = reader.get_page_number(annotation["/Dest"][0].get_object())
            x, y = float(annotation["/Dest"][2]), height - float(annotation["/Dest"][3])
            at = [text for left, top, _right, bottom, text in sorted(words[target]) if left < x + 3 and top < y < bottom]  # its line, from the left
            if not at or not re.fullmatch(r"\d+\.", at[0]):
                continue  # a reference to an article, not a mark
            note = at[0][:-1]
            assert target == number, f"page {number + 1}: the mark of note {note} links to page {target + 1}"
            marked = [text for left, top, right, bottom, text in words[number] if left < x1 and right > x0 and top < height - y0 and bottom > height - y1]
            assert any(note in text for text in marked), f"page {number + 1}: {marked} links to note {note}"
            linked.append(note)
    assert sorted(linked, key=int) == [str(note.number) for note in document(name).footnotes]


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their box (left, top, right, bottom, in points from the top left)."""
    from lxml import etree

    out = subprocess.run([program("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.HTMLParser())
    return [
        [(float(w.get("xmin")), float(w.get("ymin")), float(w.get("xmax")), float(w.get("ymax")), w.text or "") for w in page.iter("word")]
        for page in root.iter("page")
    ]


@pytest.mark.parametrize("name", ["consolidated.pdf", "format2/consolidated.pdf"])
def test_bookmarks_are_the_headings_without_their_notes_or_status(pdfs: Path, name: str) -> None:
    """Each section's and article's bookmark reads as its heading: a footnote on a title (an
    attribution, a treaty note) and the status badge are not part of it."""
    from pypdf import PdfReader

    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    marks = titles(PdfReader(pdfs / name).outline)
    doc = document(name)
    assert "Contents" in marks and ("Preamble" in marks) == bool(doc.preamble)
    for section in doc.sections:
        assert f"{section.heading}: {section.title}" in marks
    for article in doc.articles:
        assert " ".join(filter(None, (article.heading, plain_wording(article.title_segments)))) in marks, marks
    notes = [note for note in doc.footnotes if any(s.note == note.number for a in doc.articles for s in a.title_segments)]
    assert notes, "a title with a footnote"
    assert not [m for m in marks for note in notes if " ".join(txt_segments(note.segments).split())[:20] in m]
    assert not [m for m in marks if m.endswith((" clean", " parked", " placeholder"))]


@pytest.mark.parametrize("name", BUILDS)
def test_the_file_describes_the_whole_text_and_opens_on_its_outline(pdfs: Path, name: str) -> None:
    """The joined file's own description is the whole's, not its first part's (the cover): its
    XMP metadata counts every page; a viewer shows the bookmarks on opening."""
    from pypdf import PdfReader

    reader = PdfReader(pdfs / name)
    xmp = reader.xmp_metadata
    assert xmp is not None
    pages = xmp.rdf_root.getElementsByTagNameNS("http://ns.adobe.com/xap/1.0/t/pg/", "NPages")
    assert [node.firstChild.data for node in pages] == [str(len(reader.pages))]
    assert xmp.dc_title == {"x-default": info(pdfs / name)["Title"]}
    assert reader.page_mode == "/UseOutlines"


def test_dates_are_the_texts_and_the_bytes_the_same_twice(pdfs: Path, tmp_path: Path) -> None:
    meta = info(pdfs / "format2/consolidated.pdf")
    assert meta["CreationDate"].startswith("Wed Jan 15 00:00:00 2025") and meta["ModDate"] == meta["CreationDate"]
    jsitext("build", FORMAT2, "--format", "pdf", "--output", tmp_path)
    assert (tmp_path / "consolidated.pdf").read_bytes() == (pdfs / "format2/consolidated.pdf").read_bytes()


def test_brackets_are_tinted_by_depth_as_on_screen(pdfs: Path, tmp_path: Path) -> None:
    """The printed page shows the screen's tints: an outermost bracket's and a nested one's."""
    from PIL import Image

    subprocess.run([program("pdftoppm"), "-r", "72", "-png", str(pdfs / "consolidated.pdf"), str(tmp_path / "page")], check=True)
    tints = {(0xFF, 0xF4, 0xCE): 0, (0xFF, 0xE4, 0x9C): 0}  # --bracket, --bracket2
    for png in sorted(tmp_path.glob("page*.png")):
        for count, colour in Image.open(png).convert("RGB").getcolors(1 << 20) or []:
            for tint in tints:
                if max(abs(a - b) for a, b in zip(colour, tint, strict=True)) < 6:
                    tints[tint] += count
    assert all(count > 100 for count in tints.values()), tints


def test_the_member_view_shows_its_highlight_and_the_clean_copy_no_brackets(pdfs: Path) -> None:
    clean = " ".join(pdf_text(pdfs / "consolidated-clean.pdf")[3:])
    assert "[" not in clean and "Proposed by" not in clean
    assert "Articles with proposals of" in pdf_text(pdfs / "consolidated-member-eu.pdf")[0]


def test_the_diff_pdf_has_a_summary_page_then_the_redline(tmp_path: Path) -> None:
    out = tmp_path / "redline.pdf"
    jsitext("diff", DIFF_DATA / "old", DIFF_DATA / "new", "--format", "pdf", "--output", out)
    assert "(A4)" in info(out)["Page size"]
    pages = pdf_text(out)
    summary = next(n for n, page in enumerate(pages) if "Brackets remaining" in page)
    assert "Summary" in pages[0]
    heading = re.compile(r"^Article [\w.]+ ", re.MULTILINE)
    assert not any(heading.search(page) for page in pages[: summary + 1]), "the articles start after the summary, on a page of their own"
    assert heading.search(pages[summary + 1])
    assert [re.sub(r"\s", "", p.strip().splitlines()[-1]) for p in pages] == [f"-{n}-" for n in range(1, len(pages) + 1)]
    assert len(pages) > 1


def test_each_section_starts_a_page_as_the_html_page_prints(pdfs: Path) -> None:
    pages = pdf_text(pdfs / "consolidated.pdf")
    for section in document("consolidated.pdf").sections:
        heading = f"{section.heading}: {section.title}"
        starts = [n for n, page in enumerate(pages) if re.search(rf"^\s*{re.escape(heading)}\s*$", page, re.MULTILINE) and n > 2]
        assert starts, heading
        body = [line.strip() for line in pages[starts[0]].splitlines() if line.strip()]
        assert body[1] == heading, f"{heading} is not the first line of page {starts[0] + 1}: {body[:3]}"
