"""Format 2: inline footnotes ^[...], titles with markup, members and groups.

The fixture text ``tests/data/format2/footnotes/text`` holds footnotes on words, on a
bracket's attribution, inside a footnote's own brackets, on an item and on titles, and a
bracketed title; its outputs are held against golden files in ``golden/`` (regenerate on
purpose with ``JSITEXT_UPDATE_GOLDEN=1``).  ``diff/old`` → ``diff/new`` changes footnotes
and a title's attribution.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from helpers import ONE_ARTICLE_TEXT, article_problems, assert_problems, load
from jsitext.authoring.fmt import format_path
from jsitext.authoring.withdraw import withdraw
from jsitext.checks import run_checks
from jsitext.diff import diff_sources
from jsitext.diff.describe import describe
from jsitext.diff.docx_redline import word_redline
from jsitext.diff.present import as_text, render_md
from jsitext.formats import Options, get
from jsitext.load import load_text
from jsitext.markup import walk_brackets, walk_footnotes
from jsitext.render.resolve import parse_view, resolve
from jsitext.source import FolderSource

HERE = Path(__file__).parent / "data" / "format2" / "footnotes"
TEXT = HERE / "text"
GOLDEN = HERE / "golden"


def _document(folder: Path = TEXT, view: str = "full", attribution: str | None = None):
    loaded = load_text(FolderSource(folder))
    assert not loaded.has_errors, loaded.problems
    return resolve(loaded.text, parse_view(view), attribution=attribution)


def _golden(name: str, output: str) -> str:
    golden = GOLDEN / name
    if os.environ.get("JSITEXT_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with JSITEXT_UPDATE_GOLDEN=1 to create it"
    return golden.read_text(encoding="utf-8")


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.parametrize(
    ("view", "attribution", "fmt"),
    [("full", None, "md"), ("full", None, "html"), ("full", None, "txt"), ("full", None, "json"), ("full", "names", "txt"), ("member:CL", None, "txt")],
)
def test_outputs_match_the_golden_files(view: str, attribution: str | None, fmt: str) -> None:
    output = get(fmt, "text").render(_document(view=view, attribution=attribution)).decode("utf-8")
    name = f"{view.replace(':', '-').lower()}{'-' + attribution if attribution else ''}.{fmt}"
    assert output == _golden(name, output)


@pytest.mark.parametrize("part", ["document", "footnotes"])
def test_word_matches_the_golden_files(part: str) -> None:
    xml = _part(get("docx", "text").render(_document()), f"word/{part}.xml").replace("</w:p>", "</w:p>\n")
    assert xml == _golden(f"full.{part}.xml", xml)


def test_the_mark_is_printed_exactly_where_it_is_written() -> None:
    txt = get("txt", "text").render(_document()).decode("utf-8")
    assert "electronic transmissions¹⁰, including" in txt  # on the word, not at the paragraph's end
    assert "[and electronic seals]⁵,⁶ as" in txt  # the attribution's mark, then the footnote's, kept apart
    assert "(a)  authentication methods⁷; and" in txt  # on an item
    assert "Article A.2: Electronic Signatures⁴" in txt  # on a title
    assert "6    The EU proposal covers [qualified]{EU} seals only; see Article A.3." in txt


def test_footnotes_and_attributions_share_one_series_in_document_order() -> None:
    document = _document()
    assert [(f.number, f.kind) for f in document.footnotes][:4] == [(1, "attribution"), (2, "footnote"), (3, "footnote"), (4, "footnote")]
    assert [f.number for f in document.footnotes] == list(range(1, 12))


def test_word_gets_a_real_footnote_at_the_word() -> None:
    document = _part(get("docx", "text").render(_document()), "word/document.xml")
    assert re.search(r"transmissions</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"10\"/>", document)
    assert [int(n) for n in re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)] == list(range(1, 12))


def test_a_bracketed_title_is_counted_and_printed_with_its_attribution() -> None:
    document = _document()
    source_code = document.articles[0]
    assert source_code.title == "[Source Code]{US, JP}"  # contents, Word navigation, json "title"
    assert source_code.counts.brackets == 1
    assert _document(attribution="names").articles[0].title == "[Source Code]{United States, Japan}"
    md = get("md", "text").render(document).decode("utf-8")
    assert "### Article A.1: \\[Source Code\\][^1][^2]" in md
    assert "  - Article A.1: \\[Source Code\\]\\{US, JP\\}" in md


def test_names_holding_a_comma_are_separated_by_semicolons() -> None:
    notes = {f.number: f.segments[0].text for f in _document(attribution="names").footnotes if f.kind == "attribution"}
    assert notes[11] == "Proposed by Chinese Taipei; Hong Kong, China."
    assert notes[1] == "Proposed by United States, Japan."


def test_a_member_view_includes_its_groups_proposals() -> None:
    document = _document(view="member:CL")
    assert [a.id for a in document.articles] == ["signatures"]
    assert document.member_label == "CL and its group FEDS"
    assert any(s.mine and s.text == "relevant standards" for s in document.articles[0].paragraphs[0].items[1].segments)


def test_fmt_round_trips_footnotes_and_titles(tmp_path: Path) -> None:
    copy = tmp_path / "text"
    shutil.copytree(TEXT, copy)
    format_path(copy)
    assert get("json", "text").render(_document(copy)) == get("json", "text").render(_document())
    assert not format_path(copy, write=False).changed


def test_withdraw_reaches_titles_and_brackets_inside_footnotes(tmp_path: Path) -> None:
    copy = tmp_path / "text"
    shutil.copytree(TEXT, copy)
    withdraw(copy, "JP")
    withdraw(copy, "EU")
    assert (copy / "source-code.yaml").read_text(encoding="utf-8").startswith("title: '[Source Code]{US}^[For greater")
    signatures = " ".join((copy / "signatures.yaml").read_text(encoding="utf-8").split())
    assert "[and electronic seals]^[The EU proposal covers [qualified] seals only;" in signatures


def test_title_codes_and_brackets_are_checked() -> None:
    assert_problems("title: '[Source Code]{USA}'\nparagraphs:\n  - text: x\n", ("unknown-proponent", 1, 23))
    found = article_problems("title: '[Source Code]{US}'\nstatus: clean\nparagraphs:\n  - text: x\n")
    assert [(p.code, p.line, p.column) for p in found] == [("clean-with-brackets", 1, 9)]


def test_note_and_footnote_keys_are_not_sent_to_each_other() -> None:
    # a paragraph's notes are typed (format 2): `note:` there is sent to `notes:`, never to `footnote:`
    article = "title: X\nfootnote: y\nparagraphs:\n  - text: x\n    note: z\n"
    messages = [p.message for p in article_problems(article) if p.code == "unknown-key"]
    assert "did you mean 'note'" not in messages[0] and "word^[footnote text]" in messages[0]
    assert "did you mean 'footnote'" not in messages[1] and "goes in `notes:`, a list of {kind, text}" in messages[1]


def test_diff_reports_footnotes_at_their_place() -> None:
    result = diff_sources(str(HERE / "diff" / "old"), str(HERE / "diff" / "new"))
    lines = [f"{c.article}: {describe(c)}" for c in result.changes]
    assert lines == [
        'source-code: title: JP joined "[Source Code]"',
        'source-code: paragraph 1: footnote removed on "by a person": "A natural or juridical person."',
        'signatures: paragraph 1, (a): footnote on "authentication methods" changed: "Methods chosen by the parties to the transaction."',
        'customs-duties: paragraph 1: footnote added on "on electronic transmissions": '
        '"For greater certainty, this paragraph does not preclude internal taxes."',
    ]
    assert result.changes[1].as_json()["at"] == "by a person"


def test_the_diff_names_a_titled_article_by_its_words_not_its_markup() -> None:
    """A report quotes a title on one line, brackets kept, attributions and footnotes left out
    (as a retitling is quoted): the heading of the article's block was its YAML source."""
    result = diff_sources(str(HERE / "diff" / "old"), str(HERE / "diff" / "new"))
    assert result.articles[0].title == "[Source Code]"
    md = render_md(result, Options())
    assert "## Article A.1 \\[Source Code\\] (source-code)" in md
    assert "Article A.1 [Source Code] (source-code)" in as_text(result)


@pytest.mark.parametrize("folder", ["old", "new"])
def test_an_added_or_removed_titled_article_is_named_by_its_words(tmp_path: Path, folder: str) -> None:
    other = tmp_path / "other"
    shutil.copytree(HERE / "diff" / folder, other)
    (other / "source-code.yaml").unlink()
    (other / "text.yaml").write_text((other / "text.yaml").read_text().replace("      - source-code\n", ""))
    old, new = (str(HERE / "diff" / folder), str(other)) if folder == "old" else (str(other), str(HERE / "diff" / folder))
    (change,) = [c for c in diff_sources(old, new).changes if c.kind in ("article-added", "article-removed")]
    assert (change.new or change.old) == "[Source Code]"


def test_the_word_redline_tracks_a_footnote_added_and_removed() -> None:
    result = diff_sources(str(HERE / "diff" / "old"), str(HERE / "diff" / "new"))
    data, problems = word_redline(result)
    assert data is not None and not problems
    document = _part(data, "word/document.xml")
    notes = dict(re.findall(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', _part(data, "word/footnotes.xml")))
    inserted = [n for x in re.findall(r"<w:ins [^>]*>(.*?)</w:ins>", document) for n in re.findall(r'footnoteReference w:id="(\d+)"', x)]
    deleted = [n for x in re.findall(r"<w:del [^>]*>(.*?)</w:del>", document) for n in re.findall(r'footnoteReference w:id="(\d+)"', x)]
    assert any("does not preclude internal taxes" in notes[n] for n in inserted)  # "transmissions^[...]"
    assert any("A natural or juridical person." in notes[n] for n in deleted)  # "person^[...]"
    assert len(deleted) == 2  # and the title's old attribution
    every = [int(n) for n in re.findall(r'footnoteReference w:id="(\d+)"', document)]
    assert every == sorted(every)  # footnote ids in document order, inline footnotes included


def test_the_sample_text_has_footnotes_on_words_and_titles_and_a_bracketed_title() -> None:
    articles = load_text(FolderSource(Path(__file__).parent.parent / "articles")).text.articles
    titles = [a.title_markup for a in articles.values() if a.title_markup is not None]
    assert any(walk_footnotes(t.runs) for t in titles)
    assert any(walk_brackets(t.runs) and walk_brackets(t.runs)[0].proponents for t in titles)
    in_text = [f for a in articles.values() for p in a.all_paragraphs() for m in p.texts() for f in walk_footnotes(m.runs)]
    assert len(in_text) >= 3


@pytest.mark.parametrize("title", ["Rules {2024} on Scope", "R&D @ home", "Back\\slash"])
def test_a_format_1_title_that_is_not_markup_prints_as_written(title: str) -> None:
    loaded = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": f"title: '{title}'\nparagraphs:\n  - text: x\n"})
    assert [p.code for p in run_checks(loaded)] == ["plain-title"]  # a warning: the text stays valid
    article = resolve(loaded.text).articles[0]
    assert article.title == title and article.counts.brackets == 0
    assert f"Article A.1: {title}\n" in get("txt", "text").render(resolve(loaded.text)).decode("utf-8")


def test_a_format_1_title_without_markup_is_unchanged() -> None:
    loaded = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: Scope & Definitions\nparagraphs:\n  - text: x\n"})
    article = resolve(loaded.text).articles[0]
    assert (article.title, [s.kind for s in article.title_segments]) == ("Scope & Definitions", ["text"])
    assert "title_segments" not in get("json", "text").render(resolve(loaded.text)).decode("utf-8")


def test_a_power_of_ten_is_not_a_footnote_habit() -> None:
    assert not article_problems("title: X\nparagraphs:\n  - text: amounts above 10^6 units\n")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Source Code", "'[Source Code]{US}'", ["title: bracket added (US): [Source Code]"]),
        ("'[Source Code]{US}'", "Source Code", ['title: bracket resolved: "Source Code" kept as agreed text (was [Source Code])']),
        ("Source Code", "Software Code", ['retitled "Source Code" → "Software Code"']),
        ("Source Code", "Source Code^[Mass-market software only.]", ['title: footnote added on "Source Code": "Mass-market software only."']),
    ],
)
def test_a_title_changes_through_the_bracket_and_footnote_kinds(tmp_path: Path, old: str, new: str, expected: list[str]) -> None:
    for side, title in (("old", old), ("new", new)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "text.yaml").write_text(ONE_ARTICLE_TEXT, encoding="utf-8")
        (tmp_path / side / "a.yaml").write_text(f"title: {title}\nparagraphs:\n  - text: x\n", encoding="utf-8")
    assert [describe(c) for c in diff_sources(str(tmp_path / "old"), str(tmp_path / "new")).changes] == expected


def test_a_bracketed_title_and_a_notes_bracket_are_attributions() -> None:
    """Found merging the format-2 branches: stats and members --used must count a title's and a note's proponents."""
    article = "title: '[Source Code]{US}'\nparagraphs:\n  - text: x\n    notes:\n      - kind: convenors\n        text: '[y]{JP}'\n"
    loaded = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": article})
    assert sorted(loaded.text.articles["a"].attributions()) == [("JP",), ("US",)]
