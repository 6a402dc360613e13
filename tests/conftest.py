"""Fixtures: small article folders on disk, and a plain (colourless) environment."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import ONE_ARTICLE_TEXT, write_tree

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

GOOD_ARTICLE = """\
title: Electronic Authentication
paragraphs:
  - text: >-
      A Party shall not deny the legal validity of a signature solely on the basis
      that it is in electronic form[, except as provided under its law]{CN}.
"""


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see what a pipe sees: no colour unless a test asks for it."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def make_text(tmp_path: Path):
    """Write an articles folder: make_text({"text.yaml": ..., "a.yaml": ...}) → its path."""

    def make(contents: dict[str, str | bytes] | None = None, name: str = "articles") -> Path:
        files = contents if contents is not None else {"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": GOOD_ARTICLE}
        return write_tree(tmp_path / name, files)

    return make


AUTHORING_TEXT = DATA / "authoring" / "text"


@pytest.fixture
def authoring_text(tmp_path: Path) -> Path:
    """A copy of the authoring fixture text (comments, two sections) that a test may edit."""
    root = tmp_path / "articles"
    shutil.copytree(AUTHORING_TEXT, root)
    return root


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every YAML file below ROOT with its bytes, to prove what a command left untouched."""
    return {p: p.read_bytes() for p in root.rglob("*.yaml")}


#: The OASIS Akoma Ntoso 3.0 schema, carried by the project (tests/schemas/, with its header).
AKN_SCHEMA = Path(__file__).resolve().parent / "schemas" / "akomantoso30.xsd"


@pytest.fixture(scope="session")
def akn_schema():
    """The Akoma Ntoso 3.0 schema, loaded once (it takes seconds)."""
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(AKN_SCHEMA))


@pytest.fixture(scope="session")
def synth_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic benchmark text (benchmarks/synth.py) at 12 articles (validating is slow; 12 have every construct)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth", REPO / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    out = tmp_path_factory.mktemp("synth") / "articles"
    synth.write_text(12, out)
    return out
