"""jsitext diff: the fixture pair under tests/data/diff exercises every kind of change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jsitext.align import DELETED, EQUAL, INSERTED, align
from jsitext.diff import KINDS, Change, diff_sources, diff_texts
from jsitext.diff.present import as_json, as_text, render_template
from jsitext.diff.text_redline import word_diff
from jsitext.load import load_text
from jsitext.source import FolderSource

DATA = Path(__file__).parent / "data" / "diff"


@pytest.fixture(scope="module")
def result():
    return diff_sources(str(DATA / "old"), str(DATA / "new"))


def _found(result, kind: str) -> list[dict]:
    return [c.as_json() for c in result.changes if c.kind == kind]


#: Format 2's pairs, each beside the construct it exercises: tests/data/format2/<construct>/diff/{old,new}.
FORMAT2_PAIRS = sorted((Path(__file__).parent / "data" / "format2").glob("*/diff"))


def test_every_kind_is_exercised(result):
    kinds = {c.kind for c in result.changes}
    # format 2's constructs are exercised by their own fixtures (tests/data/format2/diff, tests/data/format2/<construct>/diff)
    for pair in [DATA.parent / "format2" / "diff", *FORMAT2_PAIRS]:
        kinds |= {c.kind for c in diff_sources(str(pair / "old"), str(pair / "new")).changes}
    assert kinds == set(KINDS)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("article-added", [{"article": "customs-duties", "new": "Customs Duties on Electronic Transmissions", "to": "A.2.3"}]),
        ("article-removed", [{"article": "data-flows", "old": "Cross-Border Data Flows", "from": "B.2"}]),
        ("article-moved", [{"article": "electronic-signatures", "from": "A.1", "to": "B", "old": "A.1.1", "new": "B.1"}]),
        (
            "article-renumbered",
            [
                {"article": "electronic-contracts", "from": "A.1.2", "to": "A.1.1"},
                {"article": "electronic-invoicing", "from": "A.1.3", "to": "A.1.2"},
                {"article": "open-internet-access", "from": "B.1", "to": "B.2"},
            ],
        ),
        ("reference-renumbered", [{"article": "electronic-contracts", "from": "Article A.1.3", "to": "Article A.1.2"}]),
        ("article-retitled", [{"article": "paperless-trading", "from": "Paperless Trading", "to": "Paperless Trading and Trade Administration Documents"}]),
        ("status-changed", [{"article": "paperless-trading", "from": "open", "to": "parked"}]),
        (
            "paragraph-added",
            [{"article": "single-window", "paragraph": 4, "new": "Each Party shall make information on its single window publicly available online."}],
        ),
        ("paragraph-removed", [{"article": "single-window", "paragraph": 2, "old": "The Parties shall share their experience in developing single windows."}]),
        ("bracket-added", [{"article": "open-internet-access", "paragraph": 2, "new": "[, subject to domestic law]", "proponents": ["RU"]}]),
        ("bracket-removed", [{"article": "open-internet-access", "paragraph": 1, "old": "[, subject to reasonable network management]", "proponents": ["EU"]}]),
        (
            "bracket-resolved",
            [{"article": "open-internet-access", "paragraph": 1, "old": "[shall / shall endeavour to]", "option": "shall", "proponents": ["US", "JP"]}],
        ),
        (
            "option-added",
            [
                {
                    "article": "open-internet-access",
                    "paragraph": 3,
                    "new": "[its regulations / its guidelines]",
                    "option": "its guidelines",
                    "proponents": ["KR"],
                },
                {
                    "article": "open-internet-access",
                    "paragraph": 4,
                    "part": "Alt 3",
                    "option": "Each Party retains the right to regulate network management.",
                    "proponents": ["IN"],
                },
            ],
        ),
        ("option-removed", [{"article": "open-internet-access", "paragraph": 3, "old": "[its policies / its regulations]", "option": "its policies"}]),
        ("proponent-added", [{"article": "open-internet-access", "paragraph": 2, "option": "[connect devices of their choice]", "proponents": ["CL"]}]),
        (
            "proponent-removed",
            [
                {
                    "article": "open-internet-access",
                    "paragraph": 4,
                    "part": "Alt 1",
                    "option": "Each Party shall allow the use of network management practices that are reasonable.",
                    "proponents": ["JP"],
                }
            ],
        ),
        ("text-changed", [{"article": "single-window", "paragraph": 1, "old": "endeavour to", "new": ""}]),
        (
            "note-changed",
            [
                {
                    "article": "paperless-trading",
                    "old": "The small group will meet again before the next cluster.",
                    "new": "The small group concluded its work on this article.",
                }
            ],
        ),
        (
            "footnote-changed",
            [
                {
                    "article": "single-window",
                    "paragraph": 1,
                    "part": "footnote",
                    "old": "A single window may be established at the national or regional level.",
                    "new": "A single window may be established at the national, regional or subregional level.",
                }
            ],
        ),
    ],
)
def test_kind(result, kind, expected):
    assert _found(result, kind) == [{"kind": kind, **e} for e in expected]


def test_untouched_articles_yield_nothing(result):
    changed = {c.article for c in result.changes}
    assert "spam" not in changed  # withdrawn on both sides, same file
    assert "electronic-contracts" in changed  # renumbered only: reported apart
    assert [a.id for a in result.articles if not a.is_substance] == ["electronic-contracts", "electronic-invoicing"]


def test_changes_follow_the_new_outline(result):
    order = list(dict.fromkeys(c.article for c in result.changes))
    assert order == [
        "electronic-contracts",
        "electronic-invoicing",
        "paperless-trading",
        "single-window",
        "customs-duties",
        "electronic-signatures",
        "open-internet-access",
        "data-flows",
    ]


def test_diff_of_a_text_with_itself_is_empty():
    loaded = load_text(FolderSource(DATA / "old"))
    assert diff_texts(loaded, loaded).changes == []


def test_full_and_partial_loading_agree(result):
    full = diff_texts(load_text(FolderSource(DATA / "old")), load_text(FolderSource(DATA / "new")))
    assert full.changes == result.changes


def test_summary(result):
    summary = result.summary()
    assert summary["changes"] == 22
    assert summary["articles"] == 6
    assert summary["renumbered_only"] == 2
    assert summary["brackets"]["old"]["brackets"] == 8
    assert summary["brackets"]["new"]["brackets"] == 6
    assert summary["statuses"]["old"]["open"] == 5
    assert summary["statuses"]["new"]["placeholder"] == 1


def test_json_output(result):
    payload = json.loads(as_json(result))
    assert set(payload) == {"old", "new", "summary", "changes", "unreadable"}
    assert payload["unreadable"] == []
    assert payload["old"]["revision"] == "Rev.1"
    assert payload["new"]["symbol"] == "INF/ECOM/TEST/Rev.2"
    assert payload["changes"][0] == {"kind": "article-renumbered", "article": "electronic-contracts", "from": "A.1.2", "to": "A.1.1"}
    assert as_json(result) == as_json(diff_sources(str(DATA / "old"), str(DATA / "new")))  # deterministic


def test_text_output(result):
    text = as_text(result)
    assert "22 changes in 6 articles, and 2 articles renumbered only" in text
    # Electronic Contracts' file did not change, but the number it cites did: its printed text changed.
    assert "A.1.2 → A.1.1  Electronic Contracts (electronic-contracts): cites Article A.1.2 (was Article A.1.3)" in text
    assert "  text-changed            1   ← agreed text changed: check it" in text
    assert "Brackets remaining: 8 → 6 (-2); options 6 → 5 (-1)" in text
    assert "Text: symbol: INF/ECOM/TEST/Rev.1 → INF/ECOM/TEST/Rev.2; revision: Rev.1 → Rev.2; date: 2024-01-15 → 2024-03-01" in text
    assert '  !! paragraph 1: AGREED TEXT CHANGED: "endeavour to" deleted  [text-changed]' in text
    assert "  1. Each Party shall «-endeavour to -»establish or maintain" in text
    assert "Cross-Border Data Flows (data-flows), was Article B.2" in text
    assert "\x1b[" not in text


def test_markdown_output(result):
    md = render_template(result, "md")
    assert md.startswith("# Changes from ")
    assert "> 1\\. Each Party shall <del>endeavour to</del> establish" in md
    assert "\\[Each Party shall review the operation of its single window every five years.\\]\\{EU\\}" in md
    assert md.endswith("\n")


def test_html_output_is_escaped_and_self_contained(result):
    page = render_template(result, "html")
    assert "<del>endeavour to </del>" in page
    assert "<ins>, regional </ins>" in page
    assert "<style>" in page and "<link" not in page and "<script" not in page
    assert "Japan (JP) left &#34;Each Party" in page


def test_align_keeps_edited_paragraphs_together():
    old = ["alpha beta gamma delta", "one two three four", "red green blue"]
    new = ["new paragraph entirely here", "alpha beta gamma delta", "one two three five", "red green blue"]
    assert align(old, new) == [(None, 0), (0, 1), (1, 2), (2, 3)]


def test_word_diff():
    assert word_diff("Each Party shall allow", "Each Party may allow") == ((EQUAL, "Each Party "), (DELETED, "shall "), (INSERTED, "may "), (EQUAL, "allow"))


def test_change_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="unknown change kind"):
        Change("article-exploded", "x")
