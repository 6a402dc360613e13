"""Data-driven check cases: one small broken text per check code under tests/data/check/.

Each folder ``tests/data/check/<code>/`` is an articles folder with an ``expected.txt``
listing every finding as ``relative/path:line:col code`` (0:0 when a finding has no
place in a file).  A new case is a new folder.  An optional ``case.json`` does what a
file in git cannot hold: ``{"grow": {"a.yaml": bytes}}`` pads a file to that size,
``{"unreadable": ["a.yaml"]}`` makes reading it fail, ``{"fifo": ["x.yaml"]}`` makes a FIFO,
``{"symlink": {"x.yaml": "../target"}}`` a symbolic link.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from helpers import ONE_ARTICLE_TEXT, check_files
from jsitext.checks import check
from jsitext.problems import Problem
from jsitext.source import FolderSource

CASES = sorted(p for p in (DATA / "check").iterdir() if p.is_dir())


def _prepare(case: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(case, folder)
    settings = json.loads((folder / "case.json").read_text()) if (folder / "case.json").exists() else {}
    for rel, size in settings.get("grow", {}).items():
        with (folder / rel).open("ab") as f:
            f.write(b"#" * (size - (folder / rel).stat().st_size - 1) + b"\n")
    for rel in settings.get("fifo", []):
        os.mkfifo(folder / rel)
    for rel, target in settings.get("symlink", {}).items():
        (folder / rel).symlink_to(target)
    unreadable = {folder / rel for rel in settings.get("unreadable", [])}
    if unreadable:
        read = FolderSource.read

        def failing_read(self: FolderSource, rels: list[str]) -> dict[str, bytes | OSError]:
            out = read(self, rels)
            return {rel: PermissionError(13, "Permission denied") if self.root / rel in unreadable else data for rel, data in out.items()}

        monkeypatch.setattr(FolderSource, "read", failing_read)


def _line(problem: Problem, folder: Path) -> str:
    rel = Path(problem.path).relative_to(folder).as_posix()
    return f"{rel}:{problem.line}:{problem.column} {problem.code}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    _prepare(case, folder, monkeypatch)
    _, problems = check(FolderSource(folder))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [_line(p, folder) for p in problems] == expected
    assert any(line.endswith(" " + case.name) for line in expected), f"the {case.name} case must show {case.name}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_message_says_what_and_where(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    _prepare(case, folder, monkeypatch)
    _, problems = check(FolderSource(folder))
    for p in problems:
        assert p.message and "\n" not in p.message and not p.message.endswith("."), p.message
        assert p.path.startswith(str(folder))


# -- rules the data cases do not show on their own --------------------------------
GOOD = "title: x\nparagraphs:\n  - text: a\n"


def test_an_unreadable_outline_does_not_make_every_article_an_orphan() -> None:
    """When text.yaml is broken its outline is unknown: its own error is the finding."""
    found = check_files({"text.yaml": "title: T\nsections: [\n", "a.yaml": GOOD, "b.yaml": GOOD})
    assert [(p.path, p.code) for p in found] == [("text.yaml", "yaml-syntax")]


def test_an_empty_outline_leaves_every_article_an_orphan() -> None:
    found = check_files({"text.yaml": "title: T\nsections: []\n", "a.yaml": GOOD})
    assert [(p.path, p.code) for p in found] == [("a.yaml", "orphan-article")]


def test_missing_text_does_not_list_orphans() -> None:
    assert [p.code for p in check_files({"a.yaml": GOOD})] == ["missing-text"]


def test_withdrawn_and_merged_articles_may_have_empty_paragraphs() -> None:
    text = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a, b, c]\n"
    withdrawn = "title: w\nstatus: withdrawn\nparagraphs: []\n"
    merged = "title: m\nstatus: merged\nmerged_into: a\nparagraphs: []\n"
    assert check_files({"text.yaml": text, "a.yaml": GOOD, "b.yaml": withdrawn, "c.yaml": merged}) == []


def test_merged_into_only_with_status_merged() -> None:
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nmerged_into: a\nparagraphs:\n  - text: a\n"})
    assert [(p.code, p.line, p.column, p.message) for p in found] == [("invalid-merge", 2, 14, "merged_into is only for status merged (the status is open)")]


def test_merged_into_itself() -> None:
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nstatus: merged\nmerged_into: a\nparagraphs: []\n"})
    assert [(p.code, p.message) for p in found] == [("invalid-merge", "an article cannot be merged into itself")]


def test_clean_article_with_proposal_and_alternatives() -> None:
    source = """\
title: x
status: clean
paragraphs:
  - proponents: [US]
    text: y
  - alternatives:
      - {proponents: [US], text: a}
      - {proponents: [JP], text: b}
  - text: z
    footnote: "[bracketed footnote]"
note: "[a note may hold brackets]"
"""
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    assert [(p.code, p.line, p.column, p.message) for p in found] == [
        ("clean-with-brackets", 4, 5, "the article is clean but has a proposed paragraph; agree the text or set the status to open"),
        ("clean-with-brackets", 6, 5, "the article is clean but has alternatives; agree the text or set the status to open"),
        ("clean-with-brackets", 10, 16, "the article is clean but this text is still in brackets; lift the brackets or set the status to open"),
    ]


def test_unknown_codes_suggest_the_right_one() -> None:
    source = "title: x\nfacilitator: eu\nparagraphs:\n  - text: '[a]{us}'\n"
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    assert [p.message.split(":")[0] for p in found] == ["unknown proponent 'eu' (did you mean 'EU'?)", "unknown proponent 'us' (did you mean 'US'?)"]


def test_unknown_reference_suggests_the_article() -> None:
    text = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a, open-internet-access]\n"
    found = check_files({"text.yaml": text, "a.yaml": "title: x\nparagraphs:\n  - text: see @open-internet\n", "open-internet-access.yaml": GOOD})
    assert [p.message for p in found] == [
        "@open-internet names no article (did you mean 'open-internet-access'?); write an article id, or '\\@' for a literal @"
    ]


def test_findings_are_sorted_by_file_and_position() -> None:
    text = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a, b]\n"
    found = check_files({"text.yaml": text, "b.yaml": "title: x\nparagraphs:\n  - text: a ] b ]\n", "a.yaml": "title: x\nparagraphs:\n  - text: ']'\n"})
    assert [(p.path, p.line, p.column) for p in found] == [("a.yaml", 3, 12), ("b.yaml", 3, 13)]
