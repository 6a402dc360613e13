"""The PDF format without what it needs: WeasyPrint or the system's Pango missing is said
plainly (exit 2), nothing is written.  The PDFs themselves are read in tests/clients/test_pdf.py."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder
from pathlib import Path

import pytest

from jsitext.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "articles"


class _Unloadable(MetaPathFinder):
    """Importing weasyprint fails as it does when Pango cannot be loaded (cffi's OSError)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")


@pytest.fixture(params=["weasyprint", "pango"])
def missing(request, monkeypatch) -> str:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    if request.param == "weasyprint":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint: ModuleNotFoundError
        return "WeasyPrint is not installed: install it (pip install weasyprint)"
    monkeypatch.setattr(sys, "meta_path", [_Unloadable(), *sys.meta_path])
    return "WeasyPrint cannot load the system's Pango (cannot load library 'libpango-1.0-0'"


def test_a_build_without_weasyprint_or_pango_says_what_to_install_and_writes_nothing(missing: str, tmp_path: Path, capsys) -> None:
    assert main(["build", str(SAMPLE), "--format", "md,pdf", "--output", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jsitext: error: " + missing) and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_diff_without_weasyprint_says_so_too(missing: str, tmp_path: Path, capsys) -> None:
    data = Path(__file__).resolve().parent / "data" / "diff"
    assert main(["diff", str(data / "old"), str(data / "new"), "--format", "pdf", "--output", str(tmp_path / "r.pdf")]) == 2
    assert missing in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
