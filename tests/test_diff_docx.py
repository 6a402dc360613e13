"""jsitext diff --format docx: the NEW text as built in Word, OLD's differences as tracked changes.

Read back as raw WordprocessingML: accepting every change (drop w:del, unwrap
w:ins) must give the Word build of NEW, rejecting every change (drop w:ins,
unwrap w:del, w:delText read as text) the words of OLD.  word/document.xml and
word/footnotes.xml are also held against golden files: regenerate them on purpose
with ``JSITEXT_UPDATE_GOLDEN=1 pytest tests/test_diff_docx.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from jsitext.cli import main
from jsitext.diff import diff_sources, word_redline
from jsitext.load import load_text
from jsitext.render.docx import render_docx
from jsitext.render.resolve import resolve
from jsitext.source import FolderSource

DATA = Path(__file__).parent / "data" / "diff"
GOLDEN = Path(__file__).parent / "data" / "docx" / "golden"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
DATE = "2024-03-01T00:00:00Z"  # the NEW text's date


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def redline() -> bytes:
    data, problems = word_redline(diff_sources(str(DATA / "old"), str(DATA / "new")), author="Secretariat")
    assert data is not None and not problems
    return data


def _build(side: str) -> bytes:
    return render_docx(resolve(load_text(FolderSource(DATA / side)).text))


def _tree(data: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(part))


def _text(element: etree._Element) -> str:
    """The text of a paragraph or change as Word shows it: w:t and w:delText, tabs as \\t."""
    return "".join("\t" if node.tag == _w("tab") else node.text or "" for node in element.iter(_w("t"), _w("delText"), _w("tab")))


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _settle(data: bytes, *, accept: bool) -> list[tuple[str, str]]:
    """(style, text) of each paragraph once every change is accepted (or rejected).

    A move is its deletion (w:moveFrom) and its insertion (w:moveTo)."""
    tree = _tree(data)
    for element in tree.xpath("//w:moveFromRangeStart | //w:moveFromRangeEnd | //w:moveToRangeStart | //w:moveToRangeEnd", namespaces=NS):
        element.getparent().remove(element)
    for element in tree.xpath("//w:moveFrom | //w:moveTo", namespaces=NS):
        element.tag = _w("del" if element.tag == _w("moveFrom") else "ins")
    gone, kept = ("del", "ins") if accept else ("ins", "del")
    for element in tree.xpath(f"//w:{gone}[not(parent::w:rPr)]", namespaces=NS):  # the runs it wraps go
        element.getparent().remove(element)
    # A paragraph mark gone joins its paragraph with the next one; a paragraph left empty goes whole.
    for paragraph in tree.xpath(f"//w:p[w:pPr/w:rPr/w:{gone}]", namespaces=NS):
        while paragraph.getparent() is not None and paragraph.xpath(f"w:pPr/w:rPr/w:{gone}", namespaces=NS):
            following = paragraph.getnext()
            if not _text(paragraph):
                paragraph.getparent().remove(paragraph)
                break
            for child in [c for c in following if c.tag != _w("pPr")]:
                paragraph.append(child)
            paragraph.find("w:pPr", NS).remove(paragraph.find("w:pPr/w:rPr", NS))
            if following.find("w:pPr/w:rPr", NS) is not None:
                paragraph.find("w:pPr", NS).append(following.find("w:pPr/w:rPr", NS))
            following.getparent().remove(following)
    for element in tree.xpath(f"//w:{gone} | //w:rPrChange | //w:pPr/w:rPr", namespaces=NS):
        element.getparent().remove(element)
    for element in tree.xpath(f"//w:{kept}", namespaces=NS):
        _unwrap(element)
    for node in tree.iter(_w("delText")):
        node.tag = _w("t")
    return _paragraphs(tree)


def _paragraphs(tree: etree._Element) -> list[tuple[str, str]]:
    out = []
    for paragraph in tree.iter(_w("p")):
        style = paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
        out.append((style, _text(paragraph)))
    return out


def _articles(paragraphs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Article heading → the text of its paragraphs (heading, status, paragraphs, items, note)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for style, text in paragraphs:
        if style == "Heading3":
            current = found.setdefault(text, [])
        elif style in ("Heading1", "Heading2"):
            current = None
        elif current is not None:
            current.append(text)
    return found


def _changes(data: bytes, tag: str) -> list[etree._Element]:
    return _tree(data).xpath(f"//w:{tag}", namespaces=NS)


def _inserted(data: bytes) -> list[str]:
    return [_text(e) for e in _changes(data, "ins") if e.getparent().tag != _w("rPr")]


def _deleted(data: bytes) -> list[str]:
    return [_text(e) for e in _changes(data, "del") if e.getparent().tag != _w("rPr")]


def test_every_change_carries_an_author_a_date_and_its_own_id(redline: bytes) -> None:
    changes = [*_changes(redline, "ins"), *_changes(redline, "del"), *_changes(redline, "rPrChange")]
    assert len(changes) > 20
    assert {(e.get(_w("author")), e.get(_w("date"))) for e in changes} == {("Secretariat", DATE)}
    ids = [e.get(_w("id")) for e in changes]
    bookmarks = {e.get(_w("id")) for e in _changes(redline, "bookmarkStart")}
    assert len(set(ids)) == len(ids) and not set(ids) & bookmarks


def test_a_changed_bracket_is_marked_word_by_word(redline: bytes) -> None:
    # Paragraph 3: [its policies / its regulations{SG}] became [its regulations{SG} / its guidelines{KR}].
    assert "policies" in _deleted(redline)
    assert "guidelines" in "".join(_inserted(redline))
    paragraph = next(p for p in _tree(redline).iter(_w("p")) if _text(p).startswith("3.\tEach Party shall publish"))
    assert [_text(e) for e in paragraph.iter(_w("del"))] == ["policies", "regulations"]
    assert [_text(e) for e in paragraph.iter(_w("ins"))] == ["regulations", "guidelines"]
    assert all(e.find("w:r/w:t", NS) is None for e in paragraph.iter(_w("del")))  # deleted text is w:delText
    # The footnote marks (attributions) move with their words: SG's from one option to the other, KR's new.
    assert [len(e.xpath(".//w:footnoteReference", namespaces=NS)) for e in paragraph.iter(_w("del"), _w("ins"))] == [0, 1, 1, 1]


def test_a_resolved_bracket_keeps_its_word_and_deletes_the_rest(redline: bytes) -> None:
    paragraph = next(p for p in _tree(redline).iter(_w("p")) if _text(p).startswith("1.\tEach Party [shall"))
    assert [_text(e) for e in paragraph.iter(_w("del"))] == ["[", " / shall endeavour to] ", "[, subject to reasonable network management]"]
    # "shall" stays, and only its look changes: it was shaded as unagreed text.
    kept = next(r for r in paragraph.iter(_w("r")) if r.find("w:rPr/w:rPrChange", NS) is not None)
    assert _text(kept) == "shall"
    assert kept.find("w:rPr/w:rPrChange/w:rPr/w:rStyle", NS).get(_w("val")) == "Bracketed"
    # The removed attribution's footnote mark is deleted; it points at its old footnote.
    marks = [int(e.get(_w("id"))) for e in paragraph.xpath(".//w:del//w:footnoteReference", namespaces=NS)]
    notes = {int(n.get(_w("id"))): _text(n) for n in _tree(redline, "word/footnotes.xml").iter(_w("footnote"))}
    assert [notes[m].strip() for m in marks] == ["Proposed by US, JP.", "Proposed by EU."]


def test_an_added_paragraph_is_inserted_with_its_paragraph_mark(redline: bytes) -> None:
    added = "Each Party shall make information on its single window publicly available online."
    paragraph = next(p for p in _tree(redline).iter(_w("p")) if added in _text(p))
    mark = paragraph.find("w:pPr/w:rPr/w:ins", NS)
    assert mark is not None and mark.get(_w("author")) == "Secretariat" and mark.get(_w("date")) == DATE
    assert [_text(e) for e in paragraph.xpath("w:ins", namespaces=NS)] == ["4.\t" + added]


def test_a_removed_paragraph_is_deleted_text_in_its_old_place(redline: bytes) -> None:
    removed = "The Parties shall share their experience in developing single windows."
    texts = [_text(p) for p in _tree(redline).iter(_w("p"))]
    at = next(i for i, t in enumerate(texts) if removed in t)
    assert texts[at - 1].startswith("1.\tEach Party shall ") and texts[at + 1].startswith("3.2.\tEach Party shall promote")
    paragraph = list(_tree(redline).iter(_w("p")))[at]
    assert paragraph.find("w:pPr/w:rPr/w:del", NS) is not None
    assert paragraph.find(".//w:t", NS) is None and _text(paragraph) == "2.\t" + removed


def test_a_removed_article_is_deleted_whole_at_its_old_place(redline: bytes) -> None:
    tree = _tree(redline)
    paragraphs = list(tree.iter(_w("p")))
    at = next(i for i, p in enumerate(paragraphs) if _text(p) == "Article B.2: Cross-Border Data Flows")
    heading = paragraphs[at]
    assert heading.find("w:pPr/w:pStyle", NS).get(_w("val")) == "Heading3"
    assert heading.find("w:pPr/w:rPr/w:del", NS) is not None and heading.find(".//w:ins", NS) is None
    assert heading.find("w:bookmarkStart", NS) is None  # only NEW's articles are link targets
    body = paragraphs[at + 1]
    assert body.find("w:pPr/w:rPr/w:del", NS) is not None and body.find(".//w:t", NS) is None
    # It stood after Open Internet Access (B.1 then, B.2 now), at the end of section B.
    before = [_text(p) for p in paragraphs[:at] if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "Heading3"]
    assert before[-1] == "Article B.1B.2: Open Internet Access"  # "B.1" deleted, "B.2" inserted: whole numbers


def _uncovered(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every paragraph but the redline cover's "Compared with …" line (no build has it)."""
    return [(style, text) for style, text in paragraphs if not (style == "Subtitle" and text.startswith("Compared with "))]


def test_accepting_every_change_gives_the_new_build(redline: bytes) -> None:
    assert _uncovered(_settle(redline, accept=True)) == _paragraphs(_tree(_build("new")))


def test_rejecting_every_change_gives_the_old_words_of_each_article(redline: bytes) -> None:
    rejected, old = _articles(_settle(redline, accept=False)), _articles(_paragraphs(_tree(_build("old"))))
    assert rejected.keys() - {"Article A.2.3: Customs Duties on Electronic Transmissions"} == old.keys()
    for heading, texts in old.items():
        assert rejected[heading] == texts, heading


def test_articles_not_marked_are_written_as_the_build_writes_them(tmp_path: Path) -> None:
    # With --article, only that article is marked: everything after it is the build's XML, byte for byte.
    data, _ = word_redline(diff_sources(str(DATA / "old"), str(DATA / "new"), article="single-window"), article="single-window")
    assert data is not None

    def tail(docx: bytes) -> bytes:
        xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
        return xml[xml.rindex(b"Customs Duties") :]

    assert tail(data) == tail(_build("new"))


@pytest.mark.parametrize("part", ["document", "footnotes"])
def test_redline_matches_the_golden_files(redline: bytes, part: str) -> None:
    # One paragraph a line, so that a change of the golden file reads as a diff of paragraphs.
    xml = zipfile.ZipFile(io.BytesIO(redline)).read(f"word/{part}.xml").decode("utf-8").replace("</w:p>", "</w:p>\n")
    golden = GOLDEN / f"redline.{part}.xml"
    if os.environ.get("JSITEXT_UPDATE_GOLDEN") == "1":
        golden.write_text(xml, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with JSITEXT_UPDATE_GOLDEN=1 to create it"
    assert xml == golden.read_text(encoding="utf-8")


def test_same_input_same_bytes_and_source_date_epoch_sets_the_date(monkeypatch: pytest.MonkeyPatch, redline: bytes) -> None:
    again, _ = word_redline(diff_sources(str(DATA / "old"), str(DATA / "new")), author="Secretariat")
    assert again == redline
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated, _ = word_redline(diff_sources(str(DATA / "old"), str(DATA / "new")))
    assert dated is not None
    assert {e.get(_w("date")) for e in _changes(dated, "ins")} == {"2023-11-14T22:13:20Z"}
    assert {e.get(_w("author")) for e in _changes(dated, "del")} == {"jsitext"}


def test_cli_writes_the_redline_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "redline.docx"
    code = main(["diff", str(DATA / "old"), str(DATA / "new"), "--format", "docx", "--output", str(target), "--author", "Chair"])
    assert code == 0 and capsys.readouterr().out == ""
    assert {e.get(_w("author")) for e in _changes(target.read_bytes(), "ins")} == {"Chair"}
    assert [p.name for p in tmp_path.iterdir()] == ["redline.docx"]  # no temporary file left


def test_cli_refuses_docx_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DATA / "old"), str(DATA / "new"), "--format", "docx"]) == 2
    assert capsys.readouterr().err == "jsitext: error: --format docx writes a Word file: name it with --output FILE (it is not written to stdout)\n"


def test_cli_article_marks_only_that_article(tmp_path: Path) -> None:
    target = tmp_path / "one.docx"
    assert main(["diff", str(DATA / "old"), str(DATA / "new"), "-f", "docx", "-o", str(target), "--article", "single-window"]) == 0
    assert "policies" not in _deleted(target.read_bytes())
    assert any("share their experience" in t for t in _deleted(target.read_bytes()))
    assert _uncovered(_settle(target.read_bytes(), accept=True)) == _paragraphs(_tree(_build("new")))


def test_a_new_text_with_check_errors_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "new"
    broken.mkdir()
    for source in (DATA / "new").iterdir():
        (broken / source.name).write_bytes(source.read_bytes())
    spam = broken / "spam.yaml"
    spam.write_text(spam.read_text().replace("paragraphs:", "paragraphs:\n  - text: '[unclosed'", 1))
    code = main(["diff", str(DATA / "old"), str(broken), "-f", "docx", "-o", str(tmp_path / "r.docx")])
    assert code == 1 and not (tmp_path / "r.docx").exists()
    assert "cannot write the Word redline" in capsys.readouterr().err


def test_subprocess_writes_a_docx(tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "jsitext", "diff", str(DATA / "old"), str(DATA / "new"), "--format", "docx", "--output", str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(target).testzip() is None


def test_footnotes_are_numbered_in_the_order_of_their_marks(redline: bytes) -> None:
    # LibreOffice pairs marks and footnotes by their order: a deleted mark's footnote written
    # after the new ones showed another footnote's text ("Proposed by BR, PY, UY" under an EU bracket).
    marks = [int(m) for m in re.findall(r'<w:footnoteReference w:id="(\d+)"/>', _part(redline, "word/document.xml"))]
    notes = [int(n) for n in re.findall(r'<w:footnote w:id="(\d+)">', _part(redline, "word/footnotes.xml"))]
    assert marks == list(range(1, len(marks) + 1)) == notes


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def test_a_change_inside_a_treaty_footnote_is_tracked_in_the_footnote(redline: bytes) -> None:
    # The single window's footnote gained words: they are w:ins inside word/footnotes.xml.
    notes = _tree(redline, "word/footnotes.xml")
    changed = [n for n in notes.iter(_w("footnote")) if n.xpath(".//w:ins | .//w:del", namespaces=NS)]
    assert len(changed) == 1 and "single window may be established" in _text(changed[0])


def test_a_moved_article_is_deleted_at_its_old_place_and_inserted_at_its_new_one(redline: bytes) -> None:
    # As one Word move: deleted at the old place (w:moveFrom), inserted at the new one (w:moveTo).
    paragraphs = [
        (
            p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS),
            _text(p),
            bool(p.xpath(".//w:moveFrom", namespaces=NS)),
            bool(p.xpath(".//w:moveTo", namespaces=NS)),
        )
        for p in _tree(redline).iter(_w("p"))
    ]
    headings = [(text, deleted, inserted) for style, text, deleted, inserted in paragraphs if style == "Heading3" and "Electronic Signatures" in text]
    assert headings == [("Article A.1.1: Electronic Signatures", True, False), ("Article B.1: Electronic Signatures", False, True)]


def test_the_cover_says_what_the_text_is_compared_with(redline: bytes) -> None:
    subtitles = [text for style, text in _paragraphs(_tree(redline)) if style == "Subtitle"]
    assert "Compared with INF/ECOM/TEST/Rev.1 of 2024-01-15: every change tracked" in subtitles


def test_article_numbers_change_as_whole_tokens() -> None:
    # "Article ~~C~~B.2.3~~.1~~" made LibreOffice's navigator read "Article CB.2.3.1".
    from jsitext.diff.docx_redline import diff_pieces
    from jsitext.render.docx_layout import split_words, words

    marked = diff_pieces(split_words([words("Article C.3.1: Source Code")]), split_words([words("Article B.2.3: Source Code")]))
    assert [(m.op, m.piece.text) for m in marked if m.op != "="] == [("-", "C.3.1"), ("+", "B.2.3")]
