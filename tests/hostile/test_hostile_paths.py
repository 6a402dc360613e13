"""Paths, revisions and interruptions: exit 2 with one clear line, and no good output lost."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import jsitext.atomic
from hostile.kit import GOOD_ARTICLE, assert_refused, needs_git, run_in_process, run_subprocess
from hostile.kit import git as _git

as_root = pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads and writes anywhere: permissions mean nothing")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """Two commits of a one-article text, the first tagged rev1."""
    from hostile.kit import write_text

    root = tmp_path_factory.mktemp("repo")
    _git(root, "init", "-q", "-b", "main")
    write_text(root / "articles")
    _git(root, "add", "articles")
    _git(root, "commit", "-q", "-m", "Rev.1")
    _git(root, "tag", "rev1")
    write_text(root / "articles", GOOD_ARTICLE.replace("applies", "extends"))
    _git(root, "commit", "-q", "-am", "Rev.2")
    return root


# -- folders ------------------------------------------------------------------------------
def test_a_missing_folder(tmp_path: Path, capsys) -> None:
    run = run_in_process(capsys, "check", tmp_path / "nowhere")
    assert_refused(run, codes=(2,), says=f"jsitext: error: {tmp_path / 'nowhere'}: no such folder")


def test_a_file_instead_of_a_folder(text, capsys) -> None:
    run = run_in_process(capsys, "build", text() / "a.yaml")
    assert_refused(run, codes=(2,), says="a.yaml: is a file, not an articles folder")


@as_root
def test_an_unreadable_folder(text, capsys) -> None:
    folder = text()
    folder.chmod(0)
    try:
        run = run_in_process(capsys, "check", folder)
    finally:
        folder.chmod(0o755)
    assert_refused(run, codes=(2,), says="permission denied")


def test_an_output_folder_under_a_regular_file(text, tmp_path: Path, capsys) -> None:
    (tmp_path / "plain").write_text("a file", encoding="utf-8")
    run = run_in_process(capsys, "build", text(), "-o", tmp_path / "plain" / "out")
    assert_refused(run, codes=(2,), says="cannot create the output folder")
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "a file"


def test_an_output_folder_inside_the_articles_folder_is_refused(text, capsys) -> None:
    folder = text()
    run = run_in_process(capsys, "build", folder, "-o", folder / "build")
    assert_refused(run, codes=(2,), says="the output folder is inside the articles folder")
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml", "text.yaml"]


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(text) -> None:
    folder = text()
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe.yaml"), "wb") as stream:
        stream.write(GOOD_ARTICLE.encode())
    run = run_subprocess("check", folder, env={"PYTHONIOENCODING": "utf-8"})
    assert_refused(run, codes=(1,), says="\\udcff\\udcfe.yaml: error: file name '\\udcff\\udcfe' is not an article id")


# -- revisions ----------------------------------------------------------------------------
@needs_git
@pytest.mark.parametrize("revision", ["--output=x", "-p", "--exec=touch PWNED"])
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, revision: str) -> None:
    run = run_subprocess("diff", "--", revision, "HEAD", cwd=repo)
    assert_refused(run, codes=(2,), says=f"jsitext: error: {revision!r}: not a revision (a revision cannot start with '-')")
    assert not (repo / "x").exists() and not (repo / "PWNED").exists()


@needs_git
def test_an_unknown_revision(repo: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    run = run_in_process(capsys, "diff", "rev9", "HEAD")
    assert_refused(run, codes=(2,), says="jsitext: error: 'rev9': unknown revision")


@needs_git
def test_a_revision_in_a_folder_that_is_not_a_git_repository(text, tmp_path: Path, capsys, monkeypatch) -> None:
    text()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    run = run_in_process(capsys, "diff", "rev1")
    assert_refused(run, codes=(2,), says="not a git repository, so 'rev1' cannot be read")


@needs_git
def test_a_shallow_clone_missing_the_revision_says_how_to_fetch_it(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    run = run_subprocess("diff", "HEAD~1", "HEAD", cwd=clone)
    assert_refused(run, codes=(2,), says="'HEAD~1': unknown revision in this shallow clone")
    assert "git fetch --unshallow" in run.err


# -- interruption ---------------------------------------------------------------------------
def _fail_after_first(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make MODULE.NAME raise OSError from its second call on: a disk that fills up mid-way."""
    real = getattr(module, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_build_that_fails_writing_leaves_the_previous_outputs(text, tmp_path: Path, capsys, monkeypatch) -> None:
    folder, out = text(), tmp_path / "out"
    assert run_in_process(capsys, "build", folder, "-o", out, "-f", "md,html,txt,json,docx").code == 0
    before = _snapshot(out)
    (folder / "a.yaml").write_text(GOOD_ARTICLE.replace("applies", "extends"), encoding="utf-8")
    _fail_after_first(monkeypatch, jsitext.atomic, "_stage")
    run = run_in_process(capsys, "build", folder, "-o", out, "-f", "md,html,txt,json,docx")
    assert_refused(run, codes=(2,), says="No space left on device")
    assert _snapshot(out) == before  # every output as it was, no temporary file beside them


def test_a_build_that_fails_replacing_puts_the_previous_outputs_back(text, tmp_path: Path, capsys, monkeypatch) -> None:
    folder, out = text(), tmp_path / "out"
    assert run_in_process(capsys, "build", folder, "-o", out, "-f", "md,html").code == 0
    before = _snapshot(out)
    (folder / "a.yaml").write_text(GOOD_ARTICLE.replace("applies", "extends"), encoding="utf-8")
    real = os.replace

    def html_fails(source, target):  # the md is replaced, then the html cannot be
        if str(target).endswith("consolidated.html"):
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(jsitext.atomic.os, "replace", html_fails)
    run = run_in_process(capsys, "build", folder, "-o", out, "-f", "md,html")
    assert_refused(run, codes=(2,), says="No space left on device")
    assert _snapshot(out) == before  # the new md taken back: all old, and no file of jsitext's left


def test_a_fmt_that_fails_writing_leaves_every_file_as_it_was(text, capsys, monkeypatch) -> None:
    untidy = "paragraphs:\n- text:   Each Party shall act.\ntitle: Scope\n"
    folder = text(untidy, b=untidy, c=untidy)
    before = _snapshot(folder)
    _fail_after_first(monkeypatch, jsitext.atomic, "_stage")
    run = run_in_process(capsys, "fmt", folder)
    assert_refused(run, codes=(2,), says="No space left on device")
    assert _snapshot(folder) == before
