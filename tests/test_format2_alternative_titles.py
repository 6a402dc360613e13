"""Format 2: an alternative article's own ``title`` is markup, as an article's title is:
checked (findings inside it, ``plain-title`` for a format-1 title that is not markup),
printed in every format, counted, diffed and redlined, and edited by ``withdraw``."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from helpers import ONE_ARTICLE_TEXT, check_files, load, write_tree
from jsitext.authoring.withdraw import withdraw
from jsitext.diff import diff_sources
from jsitext.diff.docx_redline import word_redline
from jsitext.diff.present import as_text
from jsitext.formats import get
from jsitext.members_report import proponent_uses
from jsitext.model import Counts
from jsitext.positions import positions
from jsitext.render.resolve import resolve

CUSTOMS = """\
title: Customs Duties
alternatives:
  - proponents: [US, JP]
    paragraphs:
      - text: No Party shall impose customs duties on electronic transmissions.
  - proponents: [IN, ZA]
    title: "[Moratorium]{IN}^[Until the next Ministerial Conference.]"
    paragraphs:
      - text: Parties shall maintain the practice of not imposing customs duties^[As at MC12.].
"""


def _files(article: str = CUSTOMS) -> dict[str, str | bytes]:
    return {"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": article}


def test_a_versions_title_is_checked_as_markup_in_place() -> None:
    article = CUSTOMS.replace("{IN}^", "{IN, XX}^")
    found = [(p.code, p.line, p.column, p.breadcrumb) for p in check_files(_files(article))]
    assert found == [("unknown-proponent", 7, 30, "a → Alt 2 → title")]


def test_a_format1_version_title_that_is_not_markup_prints_as_written_with_a_warning() -> None:
    article = CUSTOMS.replace('"[Moratorium]{IN}^[Until the next Ministerial Conference.]"', "Rules {2024}")
    found = [(p.code, p.line, p.column) for p in check_files(_files(article))]
    assert found == [("plain-title", 7, 18)]
    alternative = resolve(load(_files(article)).text).articles[0].alternatives[1]
    assert alternative.title == "Rules {2024}"


def test_a_versions_title_counts_its_brackets_as_the_articles_title_does() -> None:
    article = load(_files()).text.articles["a"]
    assert Counts.of(article) == Counts(brackets=2, inline=1, proposals=0, alternative_groups=1, options=2)
    assert ("IN",) in list(article.attributions())
    assert proponent_uses(load(_files()).text)["IN"] == 2


def test_positions_have_a_row_for_the_bracket_of_a_versions_title() -> None:
    rows = positions(load(_files()).text).rows
    assert [(r.paragraph, r.kind, r.quote) for r in rows if r.paragraph == "Alt 2 title"] == [("Alt 2 title", "bracket", "[Moratorium]")]


def _built(fmt: str) -> str:
    return get(fmt, "text").render(resolve(load(_files()).text)).decode("utf-8") if fmt != "docx" else _docx_xml()


def _docx_xml() -> str:
    data = get("docx", "text").render(resolve(load(_files()).text))
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("md", "**Alt 2: \\[Moratorium\\][^2][^3]**"),
        ("txt", "Alt 2: [Moratorium]²,³"),
        ("html", '<span class="alt">Alt 2: <span class="bracket'),
        ("akn", '<num>Alt 2</num><heading><span class="bracket" refersTo="#org_in">[Moratorium]</span><authorialNote'),
        ("docx", '<w:t xml:space="preserve">Moratorium</w:t>'),
    ],
)
def test_a_versions_title_prints_its_brackets_and_footnote_marks_in_every_format(fmt: str, shown: str) -> None:
    out = _built(fmt)
    assert shown in out, out
    assert "{IN}" not in out.replace("{IN, ZA}", "")  # the attribution is a footnote, not braces
    assert "Until the next Ministerial Conference." in (out if fmt != "docx" else _docx_footnotes())


def _docx_footnotes() -> str:
    data = get("docx", "text").render(resolve(load(_files()).text))
    return zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()


def test_a_versions_title_footnotes_come_before_its_paragraphs_and_json_carries_its_segments() -> None:
    document = resolve(load(_files()).text)
    texts = ["".join(s.text for s in n.segments) for n in document.footnotes]
    assert texts == [
        "Proposed by US, JP.",
        "Proposed by IN.",
        "Until the next Ministerial Conference.",
        "As at MC12.",
        "Proposed by IN, ZA.",
    ]  # Alt 1's attribution closes Alt 1
    alternative = json.loads(_built("json"))["articles"][0]["alternatives"][1]
    assert alternative["title"] == "[Moratorium]{IN}"
    assert [s["kind"] for s in alternative["title_segments"]] == ["open", "text", "close", "attribution", "footnote"]


def _sides(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    write_tree(tmp_path / "old", _files(old))
    write_tree(tmp_path / "new", _files(new))
    return str(tmp_path / "old"), str(tmp_path / "new")


def test_a_bracket_lifted_from_a_versions_title_is_resolved_not_a_retitling(tmp_path: Path) -> None:
    new = CUSTOMS.replace('"[Moratorium]{IN}^[', '"Moratorium^[')
    result = diff_sources(*_sides(tmp_path, CUSTOMS, new))
    assert [(c.kind, c.part) for c in result.changes] == [("bracket-resolved", "Alt 2 title")]
    assert "Alt 2 «-[-»Moratorium«-]{IN}-»" in as_text(result)


def test_new_words_in_a_versions_title_are_a_changed_version_and_a_bracket_reworded_is_the_brackets_change(tmp_path: Path) -> None:
    new = CUSTOMS.replace("[Moratorium]{IN}", "[Moratorium]{IN} on Duties")
    result = diff_sources(*_sides(tmp_path, CUSTOMS, new))
    assert [(c.kind, c.part, c.from_, c.to) for c in result.changes] == [
        (
            "alternative-article-changed",
            "Alt 2",
            "[Moratorium]",  # quoted by its words: the footnote changes through kinds of its own
            "[Moratorium] on Duties",
        )
    ]
    new = CUSTOMS.replace("[Moratorium]", "[Standstill]")
    result = diff_sources(*_sides(tmp_path / "2", CUSTOMS, new))
    assert [(c.kind, c.part) for c in result.changes] == [("bracket-removed", "Alt 2 title"), ("bracket-added", "Alt 2 title")]


def test_the_word_redline_tracks_a_versions_title(tmp_path: Path) -> None:
    new = CUSTOMS.replace('"[Moratorium]{IN}^[', '"Moratorium^[')
    data, _ = word_redline(diff_sources(*_sides(tmp_path, CUSTOMS, new)))
    assert data is not None
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    heading = xml[xml.index("Alt 2") : xml.index("Parties shall")]
    assert '<w:delText xml:space="preserve">[</w:delText>' in heading and "<w:rPrChange" in heading


def test_withdraw_takes_a_code_out_of_a_versions_title(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "articles", _files(CUSTOMS.replace("{IN}^", "{IN, ZA}^")))
    report = withdraw(folder, "ZA")
    assert [(c.where, c.before, c.after) for c in report.changes] == [("Alt 2 proponents", "[IN, ZA]", "[IN]"), ("Alt 2 title", "{IN, ZA}", "{IN}")]
    assert "[Moratorium]{IN}^[" in (folder / "a.yaml").read_text(encoding="utf-8")
