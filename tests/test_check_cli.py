"""``jsitext check`` as a user runs it: exit codes, exact lines, formats, colour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO
from jsitext.cli import main

SPAM = DATA / "check" / "unclosed-bracket"
SPAM_LINE = (
    "articles/trust/spam.yaml:5:38: error: in text: bracket opened here is never closed; add ']' or escape it as '\\[' [unclosed-bracket]"
    " (in spam → paragraph 1)"
)
ORPHAN_TEXT = {
    "text.yaml": "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a]\n",
    "a.yaml": "title: x\nparagraphs:\n  - text: a\n",
    "drafts/b.yaml": "title: y\nparagraphs:\n  - text: b\n",
}
ORPHAN_LINE = "articles/drafts/b.yaml: warning: article 'b' is not in the outline of text.yaml, so it is not built; add it to a section [orphan-article]"


@pytest.fixture
def spam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The unclosed-bracket case as ./articles, run from its parent folder."""
    import shutil

    shutil.copytree(SPAM, tmp_path / "articles", ignore=shutil.ignore_patterns("expected.txt"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "articles"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_text_exits_0(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_text().parent)
    assert _run(capsys, "check") == (0, "no problems in 2 files\n", "")


def test_errors_exit_1_with_one_line_each_and_a_summary(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", "articles") == (1, f"{SPAM_LINE}\n1 error in 2 files\n", "")


def test_default_folder_is_articles(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check")[0] == 1


def test_warnings_alone_exit_0(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_text(ORPHAN_TEXT).parent)
    assert _run(capsys, "check") == (0, f"{ORPHAN_LINE}\n1 warning in 3 files\n", "")


def test_strict_fails_on_warnings(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_text(ORPHAN_TEXT).parent)
    assert _run(capsys, "check", "--strict") == (1, f"{ORPHAN_LINE}\n1 warning in 3 files\n", "")


def test_every_problem_in_one_pass_sorted(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = dict(ORPHAN_TEXT, **{"a.yaml": "title: x\nstatus: opne\nparagraphs:\n  - text: a ]\n  - text: b [c\n"})
    monkeypatch.chdir(make_text(files).parent)
    code, out, _ = _run(capsys, "check")
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "articles/a.yaml:2:9",
        "articles/a.yaml:4:13",
        "articles/a.yaml:5:13",
        "articles/drafts/b.yaml",
        "3 errors, 1 warning in 3 files",
    ]


def test_format_json(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check", "articles", "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == [
        {
            "path": "articles/trust/spam.yaml",
            "line": 5,
            "column": 38,
            "severity": "error",
            "code": "unclosed-bracket",
            "message": "in text: bracket opened here is never closed; add ']' or escape it as '\\['",
            "breadcrumb": "spam → paragraph 1",
        }
    ]


def test_format_json_of_a_clean_text_is_an_empty_list(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", str(make_text()), "-f", "json") == (0, "[]\n", "")


def test_format_github(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", "articles", "--format", "github") == (
        1,
        "::error file=articles/trust/spam.yaml,line=5,col=38,title=unclosed-bracket::"
        "in text: bracket opened here is never closed; add ']' or escape it as '\\['\n",
        "1 error in 2 files\n",
    )


def test_format_github_warning_without_a_line(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_text(ORPHAN_TEXT).parent)
    code, out, _ = _run(capsys, "check", "--format", "github")
    assert (code, out) == (
        0,
        "::warning file=articles/drafts/b.yaml,title=orphan-article::article 'b' is not in the outline of text.yaml, so it is not built; add it to a section\n",
    )


def test_unknown_format_is_a_usage_error(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", "--format", "xml") == (2, "", "jsitext: error: unknown format 'xml'; choose one of: text, json, github\n")


def test_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "check", "nowhere") == (2, "", "jsitext: error: nowhere: no such folder\n")


def test_a_file_instead_of_a_folder_exits_2(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", "articles/text.yaml") == (2, "", "jsitext: error: articles/text.yaml: is a file, not an articles folder\n")


def test_a_folder_that_is_not_a_text_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "check", "empty") == (
        1,
        "empty/text.yaml: error: no text.yaml in this folder: is it the articles folder of a text? (create text.yaml with a title and sections)"
        " [missing-text]\n1 error in 1 file\n",
        "",
    )


def test_invalid_utf8_is_a_finding_not_a_crash(make_text, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_text(dict(ORPHAN_TEXT, **{"a.yaml": b"title: caf\xe9\n"})).parent)
    code, out, err = _run(capsys, "check")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "articles/a.yaml:1:11: error: byte 0xe9 at offset 10 is not valid UTF-8; save the file as UTF-8 [encoding]"


def test_colour_only_when_asked_and_never_with_no_color(spam: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = _run(capsys, "check")
    assert code == 1
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert _run(capsys, "check") == (1, f"{SPAM_LINE}\n1 error in 2 files\n", "")


def test_output_is_byte_identical_run_to_run(spam: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check", "-f", "json") == _run(capsys, "check", "-f", "json")


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(spam: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("jsitext.checks.check", broken)
    code, out, err = _run(capsys, "check")
    assert (code, out) == (3, "")
    assert err == (
        "jsitext: internal error: RuntimeError: boom. This is a bug: please report it with the command you ran (run again with --debug for the traceback).\n"
    )
    code, _, err = _run(capsys, "--debug", "check")
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert err.rstrip().endswith("RuntimeError: boom")


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--help")
    assert code == 0
    assert "Example: jsitext check articles --format github" in out


# -- real processes -----------------------------------------------------------------
def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return env


def test_python_dash_m_jsitext_check(spam: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "jsitext", "check", "articles"], capture_output=True, text=True, env=_env(), check=False)
    assert (done.returncode, done.stdout, done.stderr) == (1, f"{SPAM_LINE}\n1 error in 2 files\n", "")


def test_console_script_checks_the_shipped_text() -> None:
    script = Path(sys.executable).with_name("jsitext")
    done = subprocess.run([str(script), "check", "articles"], cwd=REPO, capture_output=True, text=True, env=_env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("no problems in ")
