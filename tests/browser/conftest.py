"""Fixtures of the reader's browser tests: Chromium (as tests/clients starts it) and the texts built.

The text under test is the shipped sample with a group (ASIA: CN and JP) proposing one
bracket, CN proposing one in the cover note, and one agreed word changed since its "old"
copy, built with ``--since`` that copy.
Outside CI a missing browser skips with a reason; under ``CI=true`` it fails.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from clients.conftest import chromium  # noqa: F401  (the same fixture: one Chromium per session)
from clients.programs import SAMPLE, jsitext

GROUP = "groups:\n  ASIA:\n    name: Asian Friends\n    members: [CN, JP]\n"
CHANGED = "a-enabling/electronic-authentication.yaml"


@dataclass(frozen=True)
class Built:
    articles: Path  # the text built
    old: Path  # the revision of --since
    out: Path  # its reader, html and clean html

    @property
    def reader(self) -> Path:
        return self.out / "consolidated-reader.html"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("reader")
    old, new = root / "old", root / "articles"
    shutil.copytree(SAMPLE, old)
    shutil.copytree(SAMPLE, new)
    (new / "members.yaml").write_text(GROUP, encoding="utf-8")
    changed = new / CHANGED
    source = changed.read_text(encoding="utf-8")
    changed.write_text(source.replace("]{JP}", "]{ASIA}", 1).replace("shall not deny", "shall in no case deny", 1), encoding="utf-8")
    outline = new / "text.yaml"  # a proposal in the cover note, counted by stats among the member's
    outline.write_text(outline.read_text(encoding="utf-8").replace("responsibility. It", "responsibility[ and that of CN]{CN}. It", 1), encoding="utf-8")
    out = root / "out"
    jsitext("build", new, "--format", "html,reader", "--since", old, "--output", out)
    jsitext("build", new, "--format", "html", "--view", "clean", "--output", out)
    return Built(new, old, out)
