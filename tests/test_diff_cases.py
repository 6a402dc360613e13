"""jsitext diff: one article before and after, each case the changes a negotiator would name."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsitext.diff import diff_sources

TEXT = """title: Case
sections:
  - id: A
    title: Section
    articles: [art]
"""


def _side(root: Path, body: str) -> str:
    root.mkdir()
    (root / "text.yaml").write_text(TEXT, encoding="utf-8")
    (root / "art.yaml").write_text("id: art\ntitle: Article\nparagraphs:\n" + body, encoding="utf-8")
    return str(root)


def changes(tmp_path: Path, old: str, new: str) -> list[tuple]:
    result = diff_sources(_side(tmp_path / "old", old), _side(tmp_path / "new", new))
    return [(c.kind, c.paragraph, c.part, c.option, c.proponents) for c in result.changes]


ALTS = """  - alternatives:
      - proponents: [US]
        text: Each Party shall allow transfers.
      - proponents: [CN]
        text: Each Party may regulate transfers under its laws.
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            ALTS,
            "  - text: Each Party may regulate transfers under its laws.\n",
            [("bracket-resolved", 1, "Alt 2", "Each Party may regulate transfers under its laws.", ("CN", "US"))],
            id="alternative-chosen",
        ),
        pytest.param(
            ALTS,
            "  - proponents: [US]\n    text: Each Party shall allow transfers.\n",
            [("option-removed", 1, "Alt 2", "Each Party may regulate transfers under its laws.", ("CN",))],
            id="alternative-dropped",
        ),
        pytest.param(
            "  - proponents: [EU]\n    text: Each Party shall cooperate.\n",
            "  - text: Each Party shall cooperate.\n",
            [("bracket-resolved", 1, None, "Each Party shall cooperate.", ("EU",))],
            id="proposal-agreed",
        ),
        pytest.param(
            "  - text: Each Party shall cooperate.\n",
            "  - proponents: [EU]\n    text: Each Party shall cooperate.\n",
            [("bracket-added", 1, None, None, ("EU",))],
            id="agreed-text-bracketed-again",
        ),
        pytest.param(
            "  - text: Each Party [shall [endeavour to]{JP}]{US} cooperate.\n",
            "  - text: Each Party shall [endeavour to]{JP} cooperate.\n",
            [("bracket-resolved", 1, None, "shall [endeavour to]", ("US",))],
            id="outer-bracket-lifted-inner-kept",
        ),
        pytest.param(
            "  - text: Each Party [shall [endeavour to]{JP}]{US} cooperate.\n",
            "  - text: Each Party shall endeavour to cooperate.\n",
            [("bracket-resolved", 1, None, "shall [endeavour to]", ("US",)), ("bracket-resolved", 1, None, "endeavour to", ("JP",))],
            id="nested-brackets-both-lifted",
        ),
        pytest.param(
            "  - text: Each Party shall [notify the other Parties promptly]{AU}.\n",
            "  - text: Each Party shall [notify the other Parties without delay]{AU}.\n",
            [("option-removed", 1, None, "notify the other Parties promptly", None), ("option-added", 1, None, "notify the other Parties without delay", None)],
            id="bracketed-text-reworded",
        ),
        pytest.param(
            "  - text: Each Party shall [promptly]{AU} notify.\n",
            "  - text: Each Party shall [without delay]{AU} notify.\n",
            [("bracket-removed", 1, None, None, ("AU",)), ("bracket-added", 1, None, None, ("AU",))],
            id="bracketed-text-replaced",
        ),
        pytest.param(
            "  - text: Each Party shall [promptly]{UK} notify.\n",
            "  - text: Each Party shall [promptly]{GB} notify.\n",
            [],
            id="alias-is-the-same-member",
        ),
        pytest.param(
            "  - text: 'The Parties shall:'\n    items:\n      - text: exchange information;\n      - text: cooperate.\n",
            "  - text: 'The Parties shall:'\n    items:\n      - text: exchange information;\n      - text: share best practices;\n      - text: cooperate.\n",
            [("paragraph-added", 1, "(b)", None, None)],
            id="item-added",
        ),
        pytest.param(
            "  - text: 'The Parties shall:'\n    items:\n      - text: exchange information; and\n        items:\n          - text: data on trade flows.\n",
            "  - text: 'The Parties shall:'\n    items:\n      - text: exchange information; and\n        items:\n          - text: data on trade and investment flows.\n",
            [("text-changed", 1, "(a)(i)", None, None)],
            id="sub-item-agreed-text",
        ),
        pytest.param(
            "  - text: Each Party shall\n      cooperate.\n",
            "  - text: >-\n      Each Party shall cooperate.\n",
            [],
            id="layout-only",
        ),
        pytest.param(
            "  - text: Parties [shall{CN} | may{ID}] cooperate.\n",
            "  - text: Parties [shall]{CN} cooperate.\n",
            [("option-removed", 1, None, "may", ("ID",))],
            id="options-collapsed-to-one-is-one-option-removed",
        ),
        pytest.param(
            "  - text: 'The measures:'\n    items:\n      - text: '[an item only proposed]{US}'\n      - text: an agreed item\n",
            "  - text: 'The measures:'\n    items:\n      - text: an agreed item\n",
            [("bracket-removed", 1, "(a)", None, ("US",))],
            id="a-bracketed-item-deleted-is-a-bracket-removed",
        ),
    ],
)
def test_case(tmp_path, old, new, expected):
    assert changes(tmp_path, old, new) == expected


def test_reference_to_a_renumbered_article_is_no_change_of_substance(tmp_path):
    """@id prints as a number in the redline, but the markup, and so the article, did not change."""
    found = changes(tmp_path, "  - text: As set out in @art.\n", "  - text: As set out in @art.\n")
    assert found == []


def test_an_article_reordered_within_its_section_is_moved_within(tmp_path: Path) -> None:
    from jsitext.diff.describe import describe

    outline = "title: Case\nsections:\n  - id: A\n    title: Annex 1\n    articles: [{}]\n"
    for side, order in (("old", "one, two"), ("new", "two, one")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "text.yaml").write_text(outline.format(order), encoding="utf-8")
        for name in ("one", "two"):
            (tmp_path / side / f"{name}.yaml").write_text(f"title: {name}\nparagraphs:\n  - text: Agreed.\n", encoding="utf-8")
    moved = [describe(c) for c in diff_sources(str(tmp_path / "old"), str(tmp_path / "new")).changes if c.kind == "article-moved"]
    assert moved and all(text.startswith("moved within A (number A.") for text in moved), moved
