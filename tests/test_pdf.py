"""The PDF format without what it needs, and with a broken stylesheet: said plainly (exit 2),
nothing written.  The PDFs themselves are read in tests/clients/test_pdf.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jsitext.cli import main
from jsitext.render.typst_compile import string

SAMPLE = Path(__file__).resolve().parent.parent / "articles"
DIFF = Path(__file__).resolve().parent / "data" / "diff"


@pytest.fixture(params=[("typst", "Typst"), ("pikepdf", "pikepdf")])
def no_typst(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> str:
    """Typst, or pikepdf that joins the parts Typst lays out, not installed."""
    module, name = request.param
    for loaded in [m for m in sys.modules if m == module or m.startswith(f"{module}.")]:
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setitem(sys.modules, module, None)  # import it: ModuleNotFoundError
    return f"{name} is not installed: install it (pip install {module})"


def test_a_build_without_typst_says_what_to_install_and_writes_nothing(no_typst: str, tmp_path: Path, capsys) -> None:
    assert main(["build", str(SAMPLE), "--format", "md,pdf", "--output", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jsitext: error: " + no_typst) and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_diff_without_typst_says_so_too(no_typst: str, tmp_path: Path, capsys) -> None:
    assert main(["diff", str(DIFF / "old"), str(DIFF / "new"), "--format", "pdf", "--output", str(tmp_path / "r.pdf")]) == 2
    assert no_typst in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_a_broken_stylesheet_of_the_user_is_named_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "pdf.typ").write_text("#let jsitext-page(body) = {\n", encoding="utf-8")
    code = main(["build", str(SAMPLE), "--format", "pdf", "--templates", str(templates), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and f"{templates / 'pdf.typ'}: the PDF's stylesheet fails" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("text", ['say "no"', "back\\slash", "#set page(width: 1pt)", "line\nbreak\ttab\x01"])
def test_text_is_a_typst_string_that_shows_as_it_is(text: str) -> None:
    literal = string(text)
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    assert '"' not in inner.replace('\\"', "") and "\n" not in inner and "\x01" not in inner


def own_stylesheet(tmp_path: Path, packaged_part: str, own_part: str) -> Path:
    """A --templates folder whose pdf.typ is the packaged one with PACKAGED_PART (which it
    holds) replaced by OWN_PART."""
    from jsitext.render.templates import default_templates_dir

    templates = tmp_path / "templates"
    templates.mkdir()
    packaged = (default_templates_dir() / "pdf.typ").read_text(encoding="utf-8")
    assert packaged_part in packaged
    (templates / "pdf.typ").write_text(packaged.replace(packaged_part, own_part, 1), encoding="utf-8")
    return templates


def test_a_stylesheet_of_the_user_that_sets_the_notes_its_own_way_builds(tmp_path: Path) -> None:
    """Whether each note is on its mark's page is read from Typst's own footnotes, whatever the
    stylesheet prints in them."""
    templates = own_stylesheet(tmp_path, "let entry = [#(it.note.numbering)(1). #it.note.body]", "let entry = emph(it.note.body)")
    assert main(["build", str(SAMPLE), "--format", "pdf", "--templates", str(templates), "--output", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "consolidated.pdf").read_bytes().startswith(b"%PDF-")


def test_a_stylesheet_of_the_user_that_leaves_the_marks_to_typst_builds(tmp_path: Path) -> None:
    """Without the packaged stylesheet's rule for the marks, Typst prints and links them itself
    (more slowly): the same PDF but for how each mark links to its note."""
    from pypdf import PdfReader

    templates = own_stylesheet(tmp_path, "show footnote: it => note-mark((it.numbering)(1))", "")
    assert main(["build", str(SAMPLE), "--format", "pdf", "--templates", str(templates), "--output", str(tmp_path / "own")]) == 0
    assert main(["build", str(SAMPLE), "--format", "pdf", "--output", str(tmp_path / "packaged")]) == 0
    own, packaged = (PdfReader(tmp_path / name / "consolidated.pdf") for name in ("own", "packaged"))
    assert [page.extract_text() for page in own.pages] == [page.extract_text() for page in packaged.pages]


def test_a_stylesheet_that_adds_pages_after_the_text_is_named(tmp_path: Path, capsys) -> None:
    """Each part of the text is laid out alone with the stylesheet: pages it adds after the body
    would come back after every part, so it is refused (exit 2), nothing written."""
    templates = own_stylesheet(tmp_path, "\n  body\n}", "\n  body\n  pagebreak()\n  [Colophon]\n}")
    code = main(["build", str(SAMPLE), "--format", "pdf", "--templates", str(templates), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "adds pages after the text" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
