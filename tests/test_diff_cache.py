"""The glimpse cache: unchanged articles known from an earlier diff are not read again,
and the cache never changes what a diff reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from jsitext.diff import diff_sources, sides
from jsitext.diff.cache import CACHE_VERSION, Glimpse, GlimpseCache
from jsitext.model import Counts

DATA = Path(__file__).parent / "data" / "diff"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("JSITEXT_NO_CACHE", raising=False)
    _git(tmp_path, "init", "-q", "-b", "main")
    for revision in ("old", "new"):
        shutil.rmtree(tmp_path / "articles", ignore_errors=True)
        shutil.copytree(DATA / revision, tmp_path / "articles")
        _git(tmp_path, "add", "-A", "articles")
        _git(tmp_path, "commit", "-q", "-m", revision)
        _git(tmp_path, "tag", revision)
    return tmp_path


def _report(repo: Path) -> list[dict]:
    return [c.as_json() for c in diff_sources("old", "new", repo=repo).changes]


def _count_reads(monkeypatch) -> list[set[str]]:
    reads: list[set[str]] = []
    real = sides._parse_glimpses

    def spy(source, wanted):
        reads.append(set(wanted))
        return real(source, wanted)

    monkeypatch.setattr(sides, "_parse_glimpses", spy)
    return reads


def test_a_second_diff_reads_no_unchanged_file(repo, monkeypatch):
    reads = _count_reads(monkeypatch)
    first = _report(repo)
    assert reads and reads[0], "the first diff glimpses the unchanged articles"
    assert (repo / ".git" / "jsitext" / "glimpses.json").is_file()
    reads.clear()
    assert _report(repo) == first
    assert all(not wanted for wanted in reads)


def test_the_cache_is_optional(repo, monkeypatch):
    with_cache = _report(repo)
    monkeypatch.setenv("JSITEXT_NO_CACHE", "1")
    shutil.rmtree(repo / ".git" / "jsitext")
    assert _report(repo) == with_cache
    assert not (repo / ".git" / "jsitext").exists()


def test_a_damaged_cache_is_ignored_and_rewritten(repo):
    expected = _report(repo)
    cache = repo / ".git" / "jsitext" / "glimpses.json"
    cache.write_text("{not json", encoding="utf-8")
    assert _report(repo) == expected
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == CACHE_VERSION


def test_a_wrong_entry_is_never_trusted_over_content(repo):
    """Entries are keyed by blob id: an edit gives a new key, so a stale entry cannot apply."""
    cache = GlimpseCache.for_repo(repo)
    cache.put("0" * 40, Glimpse("withdrawn", "Stale", Counts()))
    cache.save()
    assert _report(repo) == _report(repo)
    assert GlimpseCache.for_repo(repo).get("0" * 40) == Glimpse("withdrawn", "Stale", Counts())


def test_outside_git_the_cache_lives_in_memory(tmp_path):
    cache = GlimpseCache.for_repo(tmp_path)
    cache.put("abc", Glimpse("open", "", Counts()))
    cache.save()
    assert cache.path is None
    assert list(tmp_path.iterdir()) == []


def test_brackets_remaining_are_the_whole_texts(tmp_path):
    """The summary counts every article, the unchanged ones (never compared) included."""
    from jsitext.load import load_text
    from jsitext.source import FolderSource

    sample = Path(__file__).parents[1] / "articles"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(sample, old)
    shutil.copytree(sample, new)
    edited = next(new.rglob("de-minimis.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: open", "status: withdrawn"), encoding="utf-8")
    summary = diff_sources(str(old), str(new), repo=tmp_path).summary()["brackets"]
    for side, folder in (("old", old), ("new", new)):
        counts = load_text(FolderSource(folder)).text.counts()
        assert summary[side]["brackets"] == counts.brackets
        assert summary[side]["options"] == counts.options
    assert summary["new"]["brackets"] < summary["old"]["brackets"]


def test_malformed_entries_are_dropped_not_trusted(repo):
    expected = _report(repo)
    cache = repo / ".git" / "jsitext" / "glimpses.json"
    payload = json.loads(cache.read_text(encoding="utf-8"))
    key = next(iter(payload["glimpses"]))
    payload["glimpses"][key] = ["open", {"not": "a title"}, [1, 2]]
    payload["glimpses"]["x" * 40] = "junk"
    cache.write_text(json.dumps(payload), encoding="utf-8")
    assert key not in GlimpseCache.for_repo(repo).entries
    assert _report(repo) == expected
