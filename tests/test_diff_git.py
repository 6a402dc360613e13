"""jsitext diff between git revisions of a temporary repository, and on the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jsitext.cli import main
from jsitext.diff import diff_sources, sides
from jsitext.diff.cache import Glimpse, glimpse
from jsitext.source import SourceError

DATA = Path(__file__).parent / "data" / "diff"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _put(repo: Path, revision: str) -> None:
    target = repo / "articles"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(DATA / revision, target)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """rev1 (the old fixture), rev2 on branch main (the new one); the working tree edits one article."""
    root = tmp_path_factory.mktemp("repo")
    _git(root, "init", "-q", "-b", "main")
    _put(root, "old")
    _git(root, "add", "articles")
    _git(root, "commit", "-q", "-m", "Rev.1")
    _git(root, "tag", "rev1")
    _git(root, "branch", "rev1-branch")
    _put(root, "new")
    _git(root, "add", "-A", "articles")
    _git(root, "commit", "-q", "-m", "Rev.2")
    _git(root, "tag", "rev2")
    signatures = root / "articles" / "electronic-signatures.yaml"
    signatures.write_text(signatures.read_text(encoding="utf-8").replace("Electronic Signatures", "Electronic Signatures and Authentication"), encoding="utf-8")
    return root


@pytest.fixture
def in_repo(repo, monkeypatch):
    monkeypatch.chdir(repo)
    return repo


def test_tags_match_the_folder_diff(in_repo):
    by_git = diff_sources("rev1", "rev2")
    by_folder = diff_sources(str(DATA / "old"), str(DATA / "new"))
    assert by_git.changes == by_folder.changes
    assert by_git.old.loaded.source.commit != by_git.new.loaded.source.commit


def test_branch_and_commit_ids(in_repo):
    commit = subprocess.run(["git", "rev-parse", "rev2"], capture_output=True, text=True, check=True).stdout.strip()
    assert diff_sources("rev1-branch", commit).changes == diff_sources("rev1", "rev2").changes


def test_new_defaults_to_the_working_tree(in_repo):
    result = diff_sources("rev2")
    assert [c.as_json() for c in result.changes] == [
        {"kind": "article-retitled", "article": "electronic-signatures", "from": "Electronic Signatures", "to": "Electronic Signatures and Authentication"}
    ]
    assert result.new.label == "working tree (articles)"


def test_only_changed_articles_are_parsed(in_repo, monkeypatch):
    asked: list[set[str]] = []
    real = sides.load_text

    def spy(source, *, only=None, cache=None):
        asked.append(set(only))
        return real(source, only=only, cache=cache)

    monkeypatch.setattr(sides, "load_text", spy)
    diff_sources("rev1", "rev2")
    assert asked == [{"customs-duties", "data-flows", "open-internet-access", "paperless-trading", "single-window"}] * 2


@pytest.mark.parametrize("revision", ["-p", "--output=x", "--exec=touch pwned"])
def test_a_revision_that_looks_like_an_option_is_refused(in_repo, revision, capsys):
    with pytest.raises(SourceError, match="cannot start with '-'"):
        diff_sources(revision)
    assert main(["diff", "--", revision]) == 2
    assert "a revision cannot start with '-'" in capsys.readouterr().err
    assert not (in_repo / "x").exists() and not (in_repo / "pwned").exists()


def test_unknown_revision(in_repo, capsys):
    assert main(["diff", "rev9", "rev2"]) == 2
    assert capsys.readouterr().err == "jsitext: error: 'rev9': unknown revision\n"


def test_unknown_folder_in_a_revision(in_repo, capsys):
    assert main(["diff", "rev1", "rev2", "--path", "nowhere"]) == 2
    assert "no folder 'nowhere' in that revision" in capsys.readouterr().err


def test_exit_codes(in_repo, capsys):
    assert main(["diff", "rev1", "rev2"]) == 0
    assert main(["diff", "rev1", "rev2", "--exit-code"]) == 1
    assert main(["diff", "rev2", "rev2", "--exit-code"]) == 0
    out = capsys.readouterr().out
    assert "No changes." in out


def test_article_option(in_repo, capsys):
    assert main(["diff", "rev1", "rev2", "--article", "paperless-trading", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {c["article"] for c in payload["changes"]} == {"paperless-trading"}
    assert main(["diff", "rev1", "rev2", "--article", "no-such-article"]) == 2
    assert "--article 'no-such-article': no such article in rev1 or rev2" in capsys.readouterr().err


def test_output_is_written_atomically(in_repo, tmp_path, capsys):
    target = tmp_path / "changes.html"
    target.write_text("previous", encoding="utf-8")
    assert main(["diff", "rev1", "rev2", "--format", "html", "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["changes.html"]  # no temporary file left


def test_output_into_a_missing_folder(in_repo, tmp_path, capsys):
    assert main(["diff", "rev1", "rev2", "--output", str(tmp_path / "missing" / "x.txt")]) == 2
    assert "jsitext: error:" in capsys.readouterr().err


def test_format_errors(in_repo, capsys):
    assert main(["diff", "rev1", "rev2", "--format", "rtf"]) == 2
    assert "unknown format 'rtf'; choose one of: text, json, md, html, docx, pdf" in capsys.readouterr().err
    assert main(["diff", "rev1", "rev2", "--format", "pdf"]) == 2
    assert "--format pdf writes a PDF file: name it with --output FILE" in capsys.readouterr().err
    assert main(["diff", "rev1", "rev2", "--format", "docx"]) == 2
    assert "--format docx writes a Word file: name it with --output FILE" in capsys.readouterr().err


def test_docx_redline_of_two_revisions(in_repo, tmp_path, capsys):
    target = tmp_path / "redline.docx"
    assert main(["diff", "rev1", "rev2", "--format", "docx", "--output", str(target)]) == 0
    xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    assert '<w:del w:id="' in xml and '<w:ins w:id="' in xml and "<w:delText" in xml


def test_a_side_with_check_errors_is_reported_and_diffed(in_repo, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(DATA / "new", broken)
    (broken / "single-window.yaml").write_text("id: single-window\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["diff", str(DATA / "old"), str(broken), "--format", "json"]) == 1  # single-window's changes are unknown
    captured = capsys.readouterr()
    assert "check error(s); diffing as far as possible" in captured.err
    report = json.loads(captured.out)
    assert "bracket-resolved" in {c["kind"] for c in report["changes"]}  # open-internet-access still diffed
    assert [(u["article"], u["side"]) for u in report["unreadable"]] == [("single-window", "new")]


def test_real_process_pipes_plain_text(in_repo):
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "jsitext", "diff", "rev1", "rev2"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "22 changes in 6 articles" in done.stdout
    assert "\x1b[" not in done.stdout


def test_glimpse_reads_status_without_parsing():
    assert glimpse(b"id: x\ntitle: Spam\nstatus: withdrawn\n").status == "withdrawn"
    assert glimpse(b"id: x\ntitle: 'Quoted'\nstatus: 'merged'\n").status == "merged"
    assert glimpse(b"id: x\ntitle: Plain title\nparagraphs: []\n") == Glimpse("open", "Plain title")
    assert glimpse(b"note: >-\n  status: withdrawn is said here\n").status == "open"  # indented: not the article's key
