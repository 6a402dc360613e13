"""The documentation keeps up with the code: every check code, every command, CI set-up."""

from __future__ import annotations

import re

import pytest
import typer

from conftest import DATA, REPO
from helpers import check_files
from jsitext.cli import app, main
from jsitext.problems import CODES, Severity

FORMAT_MD = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
CI_MD = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _section(code: str) -> str:
    """The text under a code's heading in docs/format.md, up to the next heading."""
    match = re.search(rf"^#### `{re.escape(code)}`(.*?)(?=^#)", FORMAT_MD + "\n#", re.S | re.M)
    assert match, f"docs/format.md has no '#### `{code}`' heading"
    return match.group(1)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented_with_an_example_and_a_fix(code: str) -> None:
    section = _section(code)
    assert "**Fix:**" in section
    assert "`" in section.split("**Fix:**")[0], f"{code}: show an example"
    assert ("(warning)" in FORMAT_MD.split(f"#### `{code}`")[1].splitlines()[0]) == (CODES[code][0] is Severity.WARNING)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_data_case(code: str) -> None:
    assert (DATA / "check" / code / "expected.txt").is_file()


def test_no_documented_code_is_unknown() -> None:
    assert set(re.findall(r"^#### `([a-z-]+)`", FORMAT_MD, re.M)) == set(CODES)


def test_no_data_case_is_for_an_unknown_code() -> None:
    assert {p.name for p in (DATA / "check").iterdir() if p.is_dir()} <= set(CODES)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"Example: jsitext {command}\b", " ".join(out.split())), out


def test_the_documented_article_example_is_valid() -> None:
    example = re.search(r"## Article files\n\n```yaml\n(.*?)```", FORMAT_MD, re.S)
    assert example
    text_yaml = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [electronic-authentication]\n"
    assert check_files({"text.yaml": text_yaml, "electronic-authentication.yaml": example.group(1)}) == []


def test_the_documented_text_yaml_example_is_valid() -> None:
    example = re.search(r"## text.yaml: the document\n\n```yaml\n(.*?)```", FORMAT_MD, re.S)
    assert example
    ids = ["electronic-transaction-frameworks", "electronic-authentication", "customs-duties", "open-internet-access"]
    article = "title: x\nparagraphs:\n  - text: a\n"
    assert check_files({"text.yaml": example.group(1), **{f"{i}.yaml": article for i in ids}}) == []


def test_pre_commit_hook_runs_check() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = hooks.split("- id: jsitext-check\n")[1].split("\n- id:")[0]
    assert "entry: jsitext check\n" in hook
    assert "pass_filenames: false" in hook
    assert "language: python" in hook


def test_ci_doc_shows_pre_commit_and_github_actions() -> None:
    assert "- id: jsitext-check" in CI_MD
    assert "run: jsitext check articles --format github" in CI_MD
