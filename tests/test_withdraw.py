"""jsitext withdraw: a code out of every attribution; nothing deleted; orphans listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import snapshot
from jsitext.authoring.withdraw import withdraw
from jsitext.checks import check
from jsitext.cli import main
from jsitext.source import FolderSource


@pytest.fixture
def text(authoring_text: Path) -> Path:
    return authoring_text


def test_withdraw_inline_and_paragraph_attributions(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(text)
    assert main(["withdraw", "CN", str(text)]) == 0
    alpha = text / "a-first/alpha.yaml"
    beta = text / "a-first/beta.yaml"
    assert capsys.readouterr().out == (
        f"{alpha}:5: paragraph 1 text: {{CN}} → (none)\n"
        f"{alpha}:5: paragraph 1 text: {{CN}} → (none)\n"
        f"{alpha}:15: paragraph 3 Alt 2 proponents: [CN] → []\n"
        f"{beta}:4: paragraph 1 text: {{CN, RU}} → {{RU}}\n"
        "For the co-convenors (3 left with no other proponent than CN):\n"
        f"  {alpha}:5: paragraph 1 text: option left with no proponent in [allow / permit]\n"
        f"  {alpha}:5: paragraph 1 text: bracket left with no proponent: [, subject to its laws]\n"
        f"  {alpha}:15: paragraph 3 Alt 2: alternative left with no proponent\n"
    )
    assert "[allow{US, JP} | permit] the transfer of information by electronic\n      means[, subject to its laws].\n" in alpha.read_text()
    # beta is not canonical: only the edited value and the layout change, the comments stay
    assert "# a comment inside the paragraph" in beta.read_text() and "# the title" in beta.read_text()
    assert {p: b for p, b in snapshot(text).items() if p not in (alpha, beta)} == {p: b for p, b in before.items() if p not in (alpha, beta)}
    _, problems = check(FolderSource(text))
    assert [p for p in problems if p.is_error] == []


def test_a_sole_proponent_of_a_proposed_paragraph_stays(text: Path) -> None:
    report = withdraw(text, "US", article="alpha")
    assert [o.what for o in report.orphans if "proposed paragraph" in o.what] == [
        "proposed paragraph kept as [US]: without a proponent it would read as agreed text"
    ]
    assert "  - proponents: [US]\n    text: >-\n      The Parties shall cooperate." in (text / "a-first/alpha.yaml").read_text()
    assert report.files == [str(text / "a-first/alpha.yaml")]


def test_dry_run_writes_nothing(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(text)
    assert main(["withdraw", "JP", str(text), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "{US, JP} → {US}" in captured.out
    assert captured.err == "2 attributions would change in 2 files\n"
    assert snapshot(text) == before


def test_unknown_code_or_article_is_a_usage_error(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["withdraw", "ZZ", str(text)]) == 2
    assert capsys.readouterr().err == "jsitext: error: unknown proponent code 'ZZ'\n"
    assert main(["withdraw", "US", str(text), "--article", "alpah"]) == 2
    assert capsys.readouterr().err == "jsitext: error: unknown article 'alpah' (did you mean 'alpha'?)\n"


def test_a_broken_article_is_refused(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (text / "b-second/gamma.yaml").write_text("id: gamma\ntitle: Gamma\nparagraphs:\n  - text: a [b\n")
    before = snapshot(text)
    assert main(["withdraw", "US", str(text)]) == 1
    assert "[unclosed-bracket]" in capsys.readouterr().out
    assert snapshot(text) == before
