"""jsitext stats: figures per section and in total, and the most frequent proponents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jsitext.cli import main
from jsitext.load import load_text
from jsitext.source import FolderSource
from jsitext.stats import as_text, text_stats

DATA = Path(__file__).parent / "data" / "authoring" / "text"


def test_stats_as_a_library() -> None:
    figures = text_stats(load_text(FolderSource(DATA)).text, top=3)
    assert [s.id for s in figures.sections] == ["A", "B"]
    a = figures.sections[0]
    assert (a.articles, a.statuses["open"], a.counts.brackets, a.counts.inline, a.counts.proposals, a.counts.alternative_groups, a.counts.options) == (
        2,
        2,
        6,
        3,
        2,
        1,
        6,
    )
    assert figures.total.statuses["clean"] == 1
    assert [(p.code, p.proposals, p.alone) for p in figures.proponents] == [("US", 5, 2), ("CN", 4, 3), ("JP", 2, 0)]


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(DATA), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["counts"] == {"brackets": 6, "inline": 3, "proposals": 2, "alternative_groups": 1, "options": 6}
    assert data["proponents"][0] == {"code": "US", "name": "United States", "proposals": 5, "alone": 2}


def test_stats_plain_text_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert out == as_text(text_stats(load_text(FolderSource(DATA)).text))
    assert out.splitlines()[0].split()[:3] == ["Section", "Articles", "open"]
    assert "Total" in out and "Most frequent proponents" in out


def test_stats_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(DATA), "-f", "md"]) == 0
    out = capsys.readouterr().out
    assert "| A First | 2 | 2 |" in out
    assert "| US | United States | 5 | 2 |" in out


def test_stats_refuses_a_broken_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(DATA, tmp_path / "t")
    (tmp_path / "t/b-second/gamma.yaml").write_text("id: gamma\ntitle: [x\n")
    assert main(["stats", str(tmp_path / "t")]) == 1
    assert "does not load cleanly" in capsys.readouterr().err


def test_stats_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(DATA), "-f", "xml"]) == 2
    assert "unknown format 'xml'" in capsys.readouterr().err
