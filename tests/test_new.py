"""jsitext new: an article file from the template and its id in the outline, comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import snapshot
from jsitext.authoring.new import default_title, new_article
from jsitext.checks import check
from jsitext.cli import main
from jsitext.source import FolderSource


@pytest.fixture
def text(authoring_text: Path) -> Path:
    return authoring_text


def test_new_after_an_article_keeps_comments_and_other_files(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(text)
    assert main(["new", "digital-identities", str(text), "--section", "A.1", "--after", "alpha"]) == 0
    assert capsys.readouterr().out == f"created {text / 'a-first/digital-identities.yaml'} (article 2 of section A.1)\n"
    outline = (text / "text.yaml").read_text()
    assert "          - alpha  # agreed at the first cluster\n          - digital-identities\n          # beta comes next\n          - beta\n" in outline
    assert outline.replace("          - digital-identities\n", "") == before[text / "text.yaml"].decode()
    assert {p: b for p, b in snapshot(text).items() if p.name not in ("text.yaml", "digital-identities.yaml")} == {
        p: b for p, b in before.items() if p.name != "text.yaml"
    }
    created = (text / "a-first/digital-identities.yaml").read_text()
    assert created.startswith("id: digital-identities\ntitle: Digital Identities\nstatus: placeholder\n")
    _, problems = check(FolderSource(text))
    assert [p for p in problems if p.is_error] == []


def test_new_in_an_empty_subsection_and_at_the_end(text: Path) -> None:
    made = new_article(text, "late", section="B", title="Late: a title")
    assert made.path == text / "b-second/late.yaml" and made.position == 2
    assert "title: 'Late: a title'\n" in made.path.read_text()
    empty = new_article(text, "first-of-two", section="A.2")
    assert empty.path == text / "a-first/first-of-two.yaml"
    assert "        articles:\n          - first-of-two\n  # Section B is short.\n  - id: B\n" in (text / "text.yaml").read_text()
    _, problems = check(FolderSource(text))
    assert [p for p in problems if p.is_error] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad_Id", "--section", "A.1"], "jsitext: error: 'Bad_Id' is not an article id"),
        (["alpha", "--section", "A.1"], "jsitext: error: article 'alpha' already exists"),
        (["fresh", "--section", "A.3"], "jsitext: error: unknown section 'A.3' (did you mean 'A.2'?)"),
        (["fresh", "--section", "A"], "jsitext: error: section 'A' is divided into subsections: name one of A.1, A.2"),
        (["fresh", "--section", "A.1", "--after", "gamma"], "jsitext: error: --after 'gamma': that article is not in section A.1"),
    ],
)
def test_new_refusals_are_usage_errors_and_write_nothing(text: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = snapshot(text)
    assert main(["new", args[0], str(text), *args[1:]]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert snapshot(text) == before


def test_default_title() -> None:
    assert default_title("protection-of-personal-information") == "Protection of Personal Information"
