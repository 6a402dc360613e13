"""Changes of text.yaml itself (cover and sections) are reported, apart from article changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jsitext.cli import main
from jsitext.diff import diff_sources

TEXT = """\
title: T
symbol: INF/ECOM/1/Rev.1
cover_note: >-
  Without prejudice.
sections:
  - id: A
    title: Enabling
    articles: [a]
"""
ARTICLE = "title: A\nparagraphs:\n  - text: >-\n      Each Party shall act.\n"


def _texts(tmp_path: Path, new_text: str) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, text in ((old, TEXT), (new, new_text)):
        folder.mkdir()
        (folder / "text.yaml").write_text(text, encoding="utf-8")
        (folder / "a.yaml").write_text(ARTICLE, encoding="utf-8")
    return old, new


def test_a_new_symbol_and_cover_note_are_reported_and_count_for_exit_code(tmp_path, capsys):
    changed = TEXT.replace("Rev.1", "Rev.2").replace("Without prejudice.", "Without prejudice to positions.")
    old, new = _texts(tmp_path, changed)
    assert main(["diff", str(old), str(new), "--exit-code"]) == 1
    out = capsys.readouterr().out
    assert "No changes to the articles.\nText: symbol: INF/ECOM/1/Rev.1 → INF/ECOM/1/Rev.2; cover note changed\n" in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["changes"] == 0
    assert summary["text"] == [
        {"field": "symbol", "old": "INF/ECOM/1/Rev.1", "new": "INF/ECOM/1/Rev.2"},
        {"field": "cover_note", "old": "Without prejudice.", "new": "Without prejudice to positions."},
    ]


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (("title: Enabling", "title: Enabling Electronic Commerce"), "section A retitled: Enabling → Enabling Electronic Commerce"),
        (("    articles: [a]\n", "    articles: [a]\n  - id: B\n    title: Openness\n    articles: []\n"), "section B added: Openness"),
    ],
)
def test_sections_added_or_retitled(tmp_path, edit, line):
    old, new = _texts(tmp_path, TEXT.replace(*edit))
    from jsitext.diff.cover import describe_text_change

    result = diff_sources(str(old), str(new), repo=tmp_path)
    assert [describe_text_change(c) for c in result.text_changes()] == [line]
    assert result.has_changes


def test_an_identical_text_has_no_text_changes(tmp_path, capsys):
    old, new = _texts(tmp_path, TEXT)
    assert main(["diff", str(old), str(new), "--exit-code"]) == 0
    assert "No changes.\n" in capsys.readouterr().out
