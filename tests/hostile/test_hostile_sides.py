"""A revision that cannot be read in full is never reported as unchanged (issue 12).

diff: an article that cannot be loaded on either side is a finding at its file:line:col,
exit 1, and the report says it was not compared instead of "No changes"; a text.yaml
that cannot be read leaves nothing to compare: no report at all.  The Word redline is
never written then.  progress: a revision with a file that cannot be read is said, its
change is unknown rather than counted, exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, OUTLINE, assert_refused, git, needs_git, run_in_process, write_text

pytestmark = needs_git

#: An article whose quoted text never closes: invalid YAML, so it cannot be loaded (line 3).
BROKEN = 'title: Scope\nparagraphs:\n  - text: "This Agreement applies to [electronic]{US} commerce.\n'
BROKEN_AT = "articles/a.yaml:4:1:"
#: A second article, the same on both sides.
OTHER = "title: Other\nparagraphs:\n  - text: Each Party shall [endeavour to]{JP} cooperate.\n"
TWO = OUTLINE.replace("[a]", "[a, b]")


def _history(root: Path, *revisions: dict[str, str]) -> Path:
    """A repository with one commit a revision, tagged rev1, rev2 ...: each the files of the articles folder."""
    git(root, "init", "-q")
    for n, files in enumerate(revisions, 1):
        folder = root / "articles"
        for old in folder.glob("*.yaml") if folder.exists() else ():
            old.unlink()
        write_text(folder, files.get("a", GOOD_ARTICLE), outline=files.get("text", TWO), **{k: v for k, v in files.items() if k not in ("a", "text")})
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"revision {n}")
        git(root, "tag", f"rev{n}")
    return root


#: (case, OLD's files, NEW's files, the side and place of the finding)
DIFF_CASES = {
    "new-article-unreadable": ({"b": OTHER}, {"a": BROKEN, "b": OTHER}, "rev2:" + BROKEN_AT),
    "old-article-unreadable": ({"a": BROKEN, "b": OTHER}, {"b": OTHER}, "rev1:" + BROKEN_AT),
    "added-article-unreadable": (
        {"b": OTHER, "text": TWO.replace("[a, b]", "[b]"), "a": OTHER.replace("Other", "A")},
        {"a": BROKEN, "b": OTHER},
        "rev2:" + BROKEN_AT,
    ),
}


@pytest.fixture(params=list(DIFF_CASES), ids=list(DIFF_CASES))
def unreadable(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    old, new, where = DIFF_CASES[request.param]
    monkeypatch.chdir(_history(tmp_path, old, new))
    return where


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_diff_never_says_no_changes_when_an_article_cannot_be_read(unreadable: str, capsys, fmt: str) -> None:
    run = run_in_process(capsys, "diff", "rev1", "rev2", "--format", fmt)
    assert_refused(run, codes=(1,), where=unreadable, says="[yaml-syntax]")
    assert "No changes" not in run.out
    assert "not compared" in run.out.lower()
    assert "a.yaml" in run.out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_brackets_remaining_say_which_articles_they_leave_out(unreadable: str, capsys, fmt: str) -> None:
    """An unreadable article's brackets cannot be counted on its side of the arrow: the summary says so."""
    run = run_in_process(capsys, "diff", "rev1", "rev2", "--format", fmt)
    lines = [line for line in run.out.splitlines() if "Brackets remaining:" in line]
    if not lines:  # nothing else changed: the text summary prints no totals
        assert fmt == "text" and "No change found in the articles that could be read." in run.out
    assert all("(not counting 1 article that cannot be read)" in line for line in lines), lines


def test_diff_json_lists_what_could_not_be_compared(unreadable: str, capsys) -> None:
    run = run_in_process(capsys, "diff", "rev1", "rev2", "--format", "json")
    assert run.code == 1
    entries = json.loads(run.out)["unreadable"]
    assert [(e["article"], e["code"]) for e in entries] == [("a", "yaml-syntax")]
    assert f"{entries[0]['path']}:{entries[0]['line']}:{entries[0]['column']}:" == unreadable


def test_no_word_redline_when_an_article_cannot_be_compared(unreadable: str, capsys, tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    run = run_in_process(capsys, "diff", "rev1", "rev2", "--format", "docx", "--output", out)
    assert_refused(run, codes=(1,), where=unreadable)
    assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((".redline", "redline"))]


@pytest.mark.parametrize("broken", ["old", "new"])
@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_an_unreadable_outline_leaves_nothing_to_compare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, broken: str, fmt: str) -> None:
    bad = {"text": 'title: "T\nsections: []\n', "b": OTHER}
    good = {"b": OTHER, "a": GOOD_ARTICLE.replace("applies", "extends")}
    monkeypatch.chdir(_history(tmp_path, bad if broken == "old" else good, good if broken == "old" else bad))
    run = run_in_process(capsys, "diff", "rev1", "rev2", "--format", fmt)
    side = "rev1" if broken == "old" else "rev2"
    assert_refused(run, codes=(1,), where=f"{side}:articles/text.yaml:", says="[yaml-syntax]")
    assert run.out == ""  # no report of articles "moved" out of an outline that was not read
    assert "cannot compare" in run.err


def test_an_unchanged_broken_article_is_not_a_difference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The same unreadable file on both sides is the same: what changed elsewhere is reported, exit 0."""
    monkeypatch.chdir(_history(tmp_path, {"a": BROKEN, "b": OTHER}, {"a": BROKEN, "b": OTHER.replace("cooperate", "consult")}))
    run = run_in_process(capsys, "diff", "rev1", "rev2")
    assert run.code == 0, run.both
    assert "text-changed" in run.out and "not compared" not in run.out.lower()


# -- progress ------------------------------------------------------------------------------------
@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """rev1 good (two brackets), rev2 with a.yaml broken, rev3 good again."""
    repo = _history(tmp_path, {"b": OTHER}, {"a": BROKEN, "b": OTHER}, {"b": OTHER})
    git(repo, "rm", "-rq", "articles")
    git(repo, "commit", "-qm", "no working tree")
    monkeypatch.chdir(repo)
    return repo


def test_progress_says_which_revision_could_not_be_read(history: Path, capsys) -> None:
    run = run_in_process(capsys, "progress", "--format", "json")
    assert_refused(run, codes=(1,), where="rev2:" + BROKEN_AT, says="[yaml-syntax]")
    revisions = json.loads(run.out)["revisions"]
    assert [r["unreadable"] for r in revisions] == [[], ["articles/a.yaml"], []]
    # rev2 counts one bracket fewer only because a.yaml was not read: no change is claimed, to or from it.
    assert [r["change"] for r in revisions] == [None, None, None]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_progress_tables_mark_the_change_unknown(history: Path, capsys, fmt: str) -> None:
    run = run_in_process(capsys, "progress", "--format", fmt)
    assert run.code == 1
    rows = [line.replace("|", " ").split() for line in run.out.splitlines() if line.lstrip("| ").startswith("rev")]
    changes = [[cell for cell in row if cell in ("?", "-1", "+1")] for row in rows[:3]]
    assert changes == [[], ["?", "?"], ["?", "?"]], run.out  # rev2's one bracket fewer is not progress
