"""``jsitext import`` of Word files as a word processor saves them: written by hand, saved
again by LibreOffice (its own runs, styles and footnote numbering), then imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from clients.programs import LibreOffice
from jsitext.importing.run import import_docx
from word_kit import hand_written


def _read(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("variant", [{}, {"styled": False, "listed": True, "names": True}])
def test_a_hand_written_text_saved_by_libreoffice_imports_to_the_same_articles(libreoffice: LibreOffice, tmp_path: Path, variant: dict) -> None:
    original = hand_written(**variant).save(tmp_path / "text.docx")
    direct = import_docx(original, output=tmp_path / "direct")
    resaved = import_docx(libreoffice.resaved(original), output=tmp_path / "resaved")
    assert not resaved.findings, resaved.findings
    for name in ("text.yaml", "electronic-contracts.yaml", "electronic-authentication.yaml"):
        assert _read(tmp_path / "resaved" / name) == _read(tmp_path / "direct" / name), name
    assert not direct.findings


def test_jsitext_s_own_build_saved_by_libreoffice_still_imports_every_article(libreoffice: LibreOffice, built: Path, tmp_path: Path) -> None:
    """LibreOffice may drop the embedded source or rewrite what the page shows: every article
    still comes back, from the source where the page is unchanged, else from its text."""
    result = import_docx(libreoffice.resaved(built / "consolidated.docx"), output=tmp_path / "articles")
    sample = Path(__file__).parent.parent.parent / "articles"
    assert set(result.articles) == {p.stem for p in sample.rglob("*.yaml") if p.name != "text.yaml"}
    assert not [p for p in result.problems or [] if p.is_error]
