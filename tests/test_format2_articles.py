"""Format 2: preamble, annexes, proposed articles and alternative articles, in every command.

The fixture text is tests/data/format2/text (goldens in tests/data/format2/golden,
regenerated on purpose with ``JSITEXT_UPDATE_GOLDEN=1``); the diff fixture is
tests/data/format2/diff/{old,new}.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from helpers import ONE_ARTICLE_TEXT, check_files, load
from jsitext.authoring.fmt import format_bytes
from jsitext.authoring.new import new_article
from jsitext.authoring.withdraw import withdraw
from jsitext.diff import diff_sources
from jsitext.diff.describe import describe
from jsitext.diff.docx_redline import word_redline
from jsitext.load import load_text
from jsitext.numbering import number_text
from jsitext.render.resolve import parse_view, resolve
from jsitext.source import FolderSource
from jsitext.stats import text_stats
from test_build_golden import assert_golden, fixture_text

DATA = Path(__file__).parent / "data" / "format2"
TEXT = DATA / "text"
GOLDEN = DATA / "golden"
CASES = [
    ("sectional", "full", "md"),
    ("sectional", "full", "txt"),
    ("sectional", "full", "html"),
    ("sectional", "full", "json"),
    ("sectional", "member:IN", "md"),
    ("sectional", "clean", "md"),
    ("sequential", "full", "md"),
]


def _text(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(TEXT, folder)
    return folder


@pytest.mark.parametrize(("numbering", "view", "fmt"), CASES)
def test_rendering_matches_the_golden_file(tmp_path: Path, numbering: str, view: str, fmt: str) -> None:
    assert_golden(fixture_text(tmp_path, numbering, TEXT), GOLDEN, numbering, view, fmt)


def test_the_fixture_is_clean_and_canonical() -> None:
    _, problems = check_source(TEXT)
    assert problems == []
    for path in TEXT.iterdir():
        assert format_bytes(path.name, path.read_bytes()) == path.read_bytes(), path.name


def check_source(folder: Path):
    from jsitext.checks import check

    return check(FolderSource(folder))


def test_annex_articles_are_numbered_within_their_annex() -> None:
    text = load_text(FolderSource(TEXT)).text
    numbering = number_text(text)
    assert numbering.article("telecom-access") == "2"
    assert numbering.reference("telecom-access") == "Article 2 of Annex 1"
    assert numbering.reference("scope") == "Article A.1"
    assert numbering.qualified("telecom-scope") == "1 of Annex 1"


def test_counts_a_proposed_article_and_an_alternatives_article_as_one_bracket_each() -> None:
    text = load_text(FolderSource(TEXT)).text
    proposed, alternatives = text.articles["source-code"].counts(), text.articles["customs-duties"].counts()
    assert (proposed.brackets, proposed.proposals, proposed.inline) == (2, 1, 1)
    assert (alternatives.brackets, alternatives.alternative_groups, alternatives.options) == (1, 1, 2)
    assert text.counts().brackets == 2 + 2 + 1  # the preamble's bracket and proposed paragraph, then the articles


def test_stats_have_a_preamble_row_counted_in_the_total() -> None:
    stats = text_stats(load_text(FolderSource(TEXT)).text)
    assert stats.sections[0].id == "preamble" and stats.sections[0].counts.brackets == 2
    assert stats.total.counts.brackets == 5
    assert {p.code for p in stats.proponents} >= {"CN", "IN", "US"}


def test_member_view_highlights_the_members_article_proposals(tmp_path: Path) -> None:
    loaded = load_text(FolderSource(TEXT))
    document = resolve(loaded.text, parse_view("member:JP"))
    assert [a.id for a in document.articles] == ["source-code", "customs-duties"]
    assert document.articles[0].mine and document.articles[1].alternatives[0].mine and not document.articles[1].alternatives[1].mine


def test_clean_view_leaves_out_proposed_and_alternative_articles_whatever_their_status(tmp_path: Path) -> None:
    folder = _text(tmp_path)
    for name in ("source-code.yaml", "scope.yaml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "status: parked\ntitle:", 1), encoding="utf-8")
    document = resolve(load_text(FolderSource(folder)).text, parse_view("clean"))
    assert [a.id for a in document.articles] == ["scope"]
    assert document.preamble == ()  # the preamble has brackets: not agreed text


ALTERNATIVES = """title: Customs Duties
alternatives:
  - proponents: [US]
    paragraphs:
      - text: No Party shall impose customs duties.
  - title: Moratorium
    paragraphs:
      - text: Parties shall maintain the practice.
"""


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (ALTERNATIVES, [("missing-key", 6, 5)]),
        (
            ALTERNATIVES.replace("title: Customs Duties\n", "title: Customs Duties\nproponents: [EU]\nparagraphs: []\n"),
            [("invalid-value", 2, 13), ("invalid-value", 3, 13), ("missing-key", 8, 5)],
        ),
        ("title: T\nproponents: [USA]\nparagraphs:\n  - text: A.\n", [("unknown-proponent", 2, 14)]),
        ("title: T\nalternatives:\n  - proponents: [US]\n    paragraphs:\n      - text: A.\n", [("single-alternative", 3, 3)]),
        ("title: T\nstatus: clean\nproponents: [US]\nparagraphs:\n  - text: A.\n", [("clean-with-brackets", 3, 13)]),
        (
            "title: T\nalternatives:\n  - proponents: [US]\n    paragraphs:\n      - text: A [b.\n  - proponents: [JP]\n    paragraphs:\n      - text: C.\n",
            [("unclosed-bracket", 5, 17)],
        ),
    ],
)
def test_article_level_findings_are_placed(article: str, expected: list[tuple[str, int, int]]) -> None:
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": article})
    assert [(p.code, p.line, p.column) for p in found] == expected, [p.message for p in found]


def test_preamble_markup_and_references_are_checked_in_place() -> None:
    text = ONE_ARTICLE_TEXT.replace("sections:", "preamble:\n  - text: >-\n      Recalling @scoep and [the.\nsections:")
    found = check_files({"text.yaml": text, "a.yaml": "title: T\nparagraphs:\n  - text: A.\n"})
    assert [(p.path, p.code, p.line, p.column) for p in found] == [("text.yaml", "unclosed-bracket", 4, 28)]
    text = text.replace("[the.", "[the]{XX}.")
    found = check_files({"text.yaml": text, "a.yaml": "title: T\nparagraphs:\n  - text: A.\n"})
    assert [(p.code, p.line, p.column) for p in found] == [("unknown-reference", 4, 17), ("unknown-proponent", 4, 34)]


def test_fmt_puts_the_new_keys_in_canonical_order_and_keeps_comments() -> None:
    article = "paragraphs:\n  - text: A.\nproponents: [US]  # the US text\ntitle: T\n"
    out = format_bytes("a.yaml", article.encode()).decode()
    assert out.index("title: T") < out.index("proponents:") < out.index("# the US text") < out.index("paragraphs:")
    alternatives = "title: T\nalternatives:\n  - paragraphs:\n      - text: A.\n    title: One\n    proponents: [US]\n  - proponents: [JP]\n    paragraphs:\n      - text: B.\n"
    out = format_bytes("a.yaml", alternatives.encode()).decode()
    assert out.index("proponents: [US]") < out.index("title: One") < out.index("- text: >-\n          A.") or "text: A." in out
    assert format_bytes("a.yaml", out.encode()).decode() == out
    text = "title: T\nsections:\n  - title: S\n    kind: annex\n    id: A\n    articles: [a]\npreamble:\n  - text: Recalling.\n"
    assert (
        format_bytes("text.yaml", text.encode()).decode()
        == "title: T\npreamble:\n  - text: >-\n      Recalling.\nsections:\n  - id: A\n    kind: annex\n    title: S\n    articles: [a]\n"
    )


def test_withdraw_keeps_a_sole_proponent_of_an_article_and_drops_from_alternatives(tmp_path: Path) -> None:
    folder = _text(tmp_path)
    report = withdraw(folder, "US")
    assert "proponents: [JP]" in (folder / "source-code.yaml").read_text(encoding="utf-8")
    assert "proponents: [JP, SG]" in (folder / "customs-duties.yaml").read_text(encoding="utf-8")
    report = withdraw(folder, "JP")
    assert [o.what.split(":")[0] for o in report.orphans] == ["proposed article kept as [JP]"]
    report = withdraw(folder, "CN")
    assert [o.where for o in report.orphans] == ["preamble paragraph 3"]
    assert check_source(folder)[1] == []


def test_new_knows_annexes_by_name(tmp_path: Path) -> None:
    folder = _text(tmp_path)
    made = new_article(folder, "telecom-interconnection", section="ANNEX1.2")
    assert made.annex == "Annex 1"
    numbering = number_text(load_text(FolderSource(folder)).text)
    assert numbering.reference("telecom-interconnection") == "Article 3 of Annex 1"


@pytest.fixture(scope="module")
def result():
    return diff_sources(str(DATA / "diff" / "old"), str(DATA / "diff" / "new"))


def test_diff_reports_article_proposals_and_alternative_articles(result) -> None:
    lines = [f"{c.article}: {describe(c)}" for c in result.changes if c.kind.startswith(("article-proposal", "alternative-article"))]
    assert lines == [
        "source-code: article proposal (US, JP) accepted: brackets lifted from the whole article",
        "customs-duties: Alt 1: alternative article changed (US, JP, SG, CA): No Party shall impose customs duties on electronic transmissions. For greater certainty,…",
        "customs-duties: Alt 2: alternative article dropped (IN, ZA): Parties shall maintain the practice of not imposing customs duties on electronic transmis…",
        "customs-duties: Alt 2: alternative article added (ID): The Parties shall periodically review the practice at each session of the General Council.",
    ]
    assert not [c for c in result.changes if c.kind == "text-changed"]  # the wording of a proposal is not agreed text
    assert [t["field"] for t in result.text_changes()] == ["preamble"]


def test_the_word_redline_tracks_lifted_brackets_dropped_alternatives_and_the_preamble(result) -> None:
    data, _ = word_redline(result)
    assert data is not None
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    preamble = xml[xml.index('>Preamble</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="TreatyParagraph"') :]
    assert '<w:ins w:id="' in preamble[: preamble.index("Desiring")] and "to developing Members" in preamble[: preamble.index("Desiring")]
    article = xml[xml.index('w:name="article_2"') : xml.index('w:name="article_3"')]
    assert article.count("<w:delText") == 2 and "<w:rPrChange" in article  # "[" and "]" deleted, the text no longer shaded
    customs = xml[xml.index('w:name="article_3"') :]
    assert '<w:delText xml:space="preserve">Alt 2: Moratorium</w:delText>' in customs


def test_the_sample_text_shows_a_preamble_an_annex_a_proposed_article_and_an_alternatives_article() -> None:
    text = load_text(FolderSource(Path(__file__).parents[1] / "articles")).text
    assert len(text.meta.preamble) >= 3
    annexes = [s for s in text.sections if s.is_annex]
    assert annexes and number_text(text).reference(annexes[0].articles[0]) == "Article 1 of Annex 1"
    assert any(a.is_proposal for a in text.articles.values() if not a.is_retired)
    assert any(len(a.alternatives) >= 2 for a in text.articles.values() if not a.is_retired)


def _word(view: str = "full") -> tuple[bytes, str]:
    from jsitext.render.docx import render_docx

    data = render_docx(resolve(load_text(FolderSource(TEXT)).text, parse_view(view)), author="Co-convenors")
    return data, zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_word_build_matches_its_golden_document_xml() -> None:
    _, xml = _word()
    golden = GOLDEN / "sectional-full.document.xml"
    if os.environ.get("JSITEXT_UPDATE_GOLDEN") == "1":
        golden.write_text(xml, encoding="utf-8")
    assert xml == golden.read_text(encoding="utf-8")


def test_word_brackets_a_proposed_article_whole_and_heads_each_alternative() -> None:
    import docx

    data, _ = _word()
    lines = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Annex 1: Telecommunications Services" in lines and "Preamble" in lines
    heading = len(lines) - 1 - lines[::-1].index("Article A.2: Source Code")  # the heading, not the contents' entry
    source = lines[heading + 1 : heading + 3]
    assert source[0].startswith("1.\t[No Party") and source[1].endswith("investigation].]")
    assert "\tAlt 1" in lines and "\tAlt 2: Moratorium" in lines


def test_members_used_counts_the_preamble() -> None:
    from jsitext.members_report import proponent_uses

    uses = proponent_uses(load_text(FolderSource(TEXT)).text)
    assert uses["CN"] == 1 and uses["US"] == 3  # CN only in the preamble; US in the preamble, the article and Alt 1


def test_a_single_alternative_in_the_preamble_is_a_warning() -> None:
    text = ONE_ARTICLE_TEXT.replace("sections:", "preamble:\n  - alternatives:\n      - proponents: [US]\n        text: Recalling.\nsections:")
    found = check_files({"text.yaml": text, "a.yaml": "title: T\nparagraphs:\n  - text: A.\n"})
    assert [(p.path, p.code, p.line, p.column, p.breadcrumb) for p in found] == [("text.yaml", "single-alternative", 3, 5, "preamble → paragraph 1")]


def test_a_proposed_placeholder_has_no_footnote_without_a_mark(tmp_path: Path) -> None:
    folder = _text(tmp_path)
    (folder / "source-code.yaml").write_text("title: Source Code\nstatus: placeholder\nproponents: [KR]\n", encoding="utf-8")
    document = resolve(load_text(FolderSource(folder)).text)
    assert "Proposed by KR." not in [f.segments[0].text for f in document.footnotes]
    assert check_source(folder)[1] == []


def test_a_format1_annex_section_keeps_printing_as_before_and_kind_annex_makes_it_an_annex() -> None:
    folder = Path(__file__).parent / "data" / "check" / "annex-without-kind"
    text = load_text(FolderSource(folder)).text
    document = resolve(text)
    assert [s.heading for s in document.sections] == ["Section A", "Section ANNEX1"]
    assert document.articles[1].heading == "Article ANNEX1.1"
    source = (folder / "text.yaml").read_text(encoding="utf-8").replace("  - id: ANNEX1\n", "  - id: ANNEX1\n    kind: annex\n")
    files = {
        "text.yaml": source,
        "scope.yaml": (folder / "scope.yaml").read_text(),
        "telecommunications-scope.yaml": (folder / "telecommunications-scope.yaml").read_text(),
    }
    assert check_files(files) == []
    annexed = resolve(load(dict(files)).text)
    assert [s.heading for s in annexed.sections] == ["Section A", "Annex 1"] and annexed.articles[1].heading == "Article 1"


ARTICLE_ALTS = """alternatives:
  - proponents: [US]
    paragraphs:
      - text: Each Party shall allow transfers.
  - proponents: [CN]
    title: Regulation
    paragraphs:
      - text: Each Party may regulate transfers under its laws.
"""
THIRD_ALT = """  - proponents: [ID]
    paragraphs:
      - text: The Parties shall review the practice of transfers periodically.
"""


def _article_side(root: Path, body: str) -> str:
    root.mkdir()
    (root / "text.yaml").write_text(ONE_ARTICLE_TEXT, encoding="utf-8")
    (root / "a.yaml").write_text("title: Article\n" + body, encoding="utf-8")
    return str(root)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "proponents: [US]\nparagraphs:\n  - text: Each Party shall cooperate.\n",
            "paragraphs:\n  - text: Each Party shall cooperate.\n",
            [("article-proposal-accepted", None, None, ("US",))],
            id="proposal-accepted",
        ),
        pytest.param(
            "paragraphs:\n  - text: Each Party shall cooperate.\n",
            "proponents: [US]\nparagraphs:\n  - text: Each Party shall cooperate.\n",
            [("bracket-added", None, None, ("US",))],
            id="article-bracketed",
        ),
        pytest.param(
            "proponents: [US]\nparagraphs:\n  - text: Each Party shall cooperate.\n",
            "proponents: [US, JP]\nparagraphs:\n  - text: Each Party shall cooperate closely.\n",
            [("proponent-added", None, None, ("JP",)), ("option-removed", 1, None, None), ("option-added", 1, None, None)],
            id="proposal-joined-and-reworded-is-not-agreed-text-changed",
        ),
        pytest.param(
            ARTICLE_ALTS,
            "paragraphs:\n  - text: Each Party may regulate transfers under its laws.\n",
            [("article-proposal-accepted", None, "Alt 2", ("CN",)), ("alternative-article-removed", None, "Alt 1", ("US",))],
            id="alternative-chosen",
        ),
        pytest.param(
            ARTICLE_ALTS,
            "paragraphs:\n  - text: Each Party may regulate transfers under its domestic laws.\n",
            [("article-proposal-accepted", None, "Alt 2", ("CN",)), ("alternative-article-removed", None, "Alt 1", ("US",)), ("text-changed", 1, None, None)],
            id="alternative-chosen-and-edited",
        ),
        pytest.param(
            ARTICLE_ALTS,
            "proponents: [US]\nparagraphs:\n  - text: Each Party shall allow transfers.\n",
            [("alternative-article-removed", None, "Alt 2", ("CN",))],
            id="alternatives-narrowed-to-a-proposed-article",
        ),
        pytest.param(ARTICLE_ALTS + THIRD_ALT, ARTICLE_ALTS, [("alternative-article-removed", None, "Alt 3", ("ID",))], id="alternative-dropped"),
        pytest.param(ARTICLE_ALTS, ARTICLE_ALTS + THIRD_ALT, [("alternative-article-added", None, "Alt 3", ("ID",))], id="alternative-added"),
        pytest.param(
            ARTICLE_ALTS,
            ARTICLE_ALTS.replace("title: Regulation", "title: Domestic Regulation"),
            [("alternative-article-changed", None, "Alt 2", ("CN",))],
            id="alternative-retitled",
        ),
    ],
)
def test_article_level_diff_cases(tmp_path: Path, old: str, new: str, expected: list[tuple]) -> None:
    result = diff_sources(_article_side(tmp_path / "old", old), _article_side(tmp_path / "new", new))
    assert [(c.kind, c.paragraph, c.part, c.proponents) for c in result.changes] == expected


def test_a_retitled_version_says_so(tmp_path: Path) -> None:
    new = ARTICLE_ALTS.replace("title: Regulation", "title: Domestic Regulation")
    result = diff_sources(_article_side(tmp_path / "old", ARTICLE_ALTS), _article_side(tmp_path / "new", new))
    assert [describe(c) for c in result.changes] == [
        'Alt 2: alternative article changed (CN), retitled "Regulation" → "Domestic Regulation": Each Party may regulate transfers under its laws.'
    ]
