"""Golden files: the fixture text built in md, html, txt and json, sectional and sequential.

Regenerate on purpose with ``JSITEXT_UPDATE_GOLDEN=1 pytest tests/test_build_golden.py``
and review the diff like any change to the output.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jsitext.formats import get
from jsitext.load import load_text
from jsitext.render.resolve import parse_view, resolve
from jsitext.source import FolderSource

BUILD = Path(__file__).parent / "data" / "build"
FIXTURE = BUILD / "text"
GOLDEN = BUILD / "golden"

CASES = [
    ("sectional", "full", "md"),
    ("sectional", "full", "html"),
    ("sectional", "full", "txt"),
    ("sectional", "full", "json"),
    ("sequential", "full", "md"),
    ("sequential", "full", "txt"),
    ("sectional", "clean", "md"),
    ("sectional", "member:FRIENDS", "html"),
    ("sectional", "member:FRIENDS", "txt"),
]


def fixture_text(tmp_path: Path, numbering: str, fixture: Path = FIXTURE) -> Path:
    """The fixture text (FIXTURE, with numbering: sectional), with NUMBERING in its text.yaml."""
    if numbering == "sectional":
        return fixture
    copy = tmp_path / "text"
    shutil.copytree(fixture, copy)
    outline = copy / "text.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("numbering: sectional", f"numbering: {numbering}"), encoding="utf-8")
    return copy


@pytest.mark.parametrize(("numbering", "view", "fmt"), CASES)
def test_rendering_matches_the_golden_file(tmp_path: Path, numbering: str, view: str, fmt: str) -> None:
    assert_golden(fixture_text(tmp_path, numbering), GOLDEN, numbering, view, fmt)


def assert_golden(text: Path, goldens: Path, numbering: str, view: str, fmt: str) -> None:
    """TEXT built in VIEW and FMT is its golden file in GOLDENS (rewritten with JSITEXT_UPDATE_GOLDEN=1)."""
    loaded = load_text(FolderSource(text))
    output = get(fmt, "text").render(resolve(loaded.text, parse_view(view)))
    golden = goldens / f"{numbering}-{view.replace(':', '-').lower()}.{fmt}"
    if os.environ.get("JSITEXT_UPDATE_GOLDEN") == "1":
        golden.write_bytes(output)
    assert golden.exists(), f"no golden file {golden}: run with JSITEXT_UPDATE_GOLDEN=1 to create it"
    assert output.decode("utf-8") == golden.read_text(encoding="utf-8")
