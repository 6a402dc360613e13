"""jsitext progress: revisions read from git (tags by date, then the working tree), each blob parsed once."""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

import jsitext.checks
import jsitext.load
import jsitext.model
from helpers import write_tree
from jsitext.cli import main
from jsitext.load import load_text
from jsitext.progress import Memo, as_svg, progress
from jsitext.render.svgchart import Chart, Series, render
from jsitext.source import GitSource, SourceError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TEXT = "title: Sample Text\n{date}sections:\n  - id: A\n    title: Openness\n    articles: [a, b, c]\n"
TWO_BRACKETS = "title: A\nparagraphs:\n  - text: Each Party shall [endeavour to]{US} publish [its laws]{EU}.\n"
ONE_BRACKET = "title: A\nparagraphs:\n  - text: Each Party shall publish [its laws]{EU}.\n"
OPEN_B = "title: B\nparagraphs:\n  - text: Each Party shall [cooperate{JP} | consult{CN}].\n"
CLEAN_B = "title: B\nstatus: clean\nparagraphs:\n  - text: Each Party shall cooperate.\n"
CLEAN_C = "title: C\nstatus: clean\nparagraphs:\n  - text: The Parties recognise the importance of trade.\n"


def _git(repo: Path, *args: str, when: str = "2024-01-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _commit(repo: Path, files: dict[str, str], message: str, when: str) -> None:
    write_tree(repo, files)
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tags: start (no articles), draft (3 brackets), cluster-2 (annotated) and b-copy (same date) with 2; the working tree has 1.

    Tag names sort unlike their dates, so the order charted shows which one is used.
    """
    root = tmp_path_factory.mktemp("repo")
    _git(root, "init", "-q", "-b", "main")
    _commit(root, {"README.md": "The text.\n"}, "start", "2023-12-01T12:00:00+00:00")
    _git(root, "tag", "start")
    files = {"articles/text.yaml": TEXT.format(date=""), "articles/a.yaml": TWO_BRACKETS, "articles/b.yaml": OPEN_B, "articles/c.yaml": CLEAN_C}
    _commit(root, files, "draft", "2024-01-10T12:00:00+00:00")
    _git(root, "tag", "draft")
    _commit(root, {"articles/text.yaml": TEXT.format(date="date: 2024-02-15\n"), "articles/a.yaml": ONE_BRACKET}, "Rev.2", "2024-02-20T12:00:00+00:00")
    _git(root, "tag", "-a", "cluster-2", "-m", "Rev.2", when="2024-02-20T12:00:00+00:00")
    _git(root, "tag", "b-copy")
    write_tree(root, {"articles/b.yaml": CLEAN_B})
    return root


@pytest.fixture
def in_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo)
    return repo


# -- the figures -----------------------------------------------------------------------
def test_tags_by_date_then_name_then_the_working_tree(repo: Path) -> None:
    report = progress(repo=repo)
    assert [f.label for f in report.revisions] == ["draft", "b-copy", "cluster-2", "working tree"]
    assert report.notes == ()
    assert report.title == "Sample Text"


def test_figures_and_changes(repo: Path) -> None:
    report = progress(repo=repo)
    assert [f.counts.brackets for f in report.revisions] == [3, 2, 2, 1]
    assert [f.counts.options for f in report.revisions] == [2, 2, 2, 0]
    assert [f.change and (f.change.counts.brackets, f.change.counts.options) for f in report.revisions] == [None, (-1, 0), (0, 0), (-1, -2)]
    assert [(f.statuses["open"], f.statuses["clean"]) for f in report.revisions] == [(2, 1), (2, 1), (2, 1), (1, 2)]
    assert report.revisions[-1].change.statuses["clean"] == 1
    assert [f.articles for f in report.revisions] == [3, 3, 3, 3]


def test_date_from_text_yaml_else_from_the_commit(repo: Path) -> None:
    dates = [f.date for f in progress(repo=repo).revisions]
    assert dates == ["2024-01-10", "2024-02-15", "2024-02-15", "2024-02-15"]


def test_named_revisions_in_the_order_given_without_the_working_tree(repo: Path) -> None:
    report = progress(["cluster-2", "draft", "HEAD"], repo=repo)
    assert [f.label for f in report.revisions] == ["cluster-2", "draft", "HEAD"]
    assert [f.change.counts.brackets if f.change else None for f in report.revisions] == [None, 1, -1]
    assert report.revisions[1].commit is not None and report.revisions[1].date == "2024-01-10"


def test_each_blob_is_parsed_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = jsitext.load.read_yaml

    def counting(path: str, data: bytes):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(jsitext.load, "read_yaml", counting)
    memo = Memo()
    progress(repo=repo, memo=memo)
    # draft: text.yaml, a, b, c; b-copy: the new text.yaml and a; cluster-2: nothing; working tree: b.
    # (progress names every revision's files as the working tree's, so that a reused one needs no renaming.)
    assert sorted(parsed) == sorted([f"articles/{name}.yaml" for name in ("text", "a", "b", "c", "text", "a", "b")])
    assert len(memo.parsed) == 7
    parsed.clear()
    progress(repo=repo, memo=memo)
    assert parsed == []


def test_each_article_blob_is_checked_and_counted_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a revision follows its changed files: an unchanged article is not checked or counted again."""
    checked: list[str] = []
    counted: list[str] = []
    real_check, real_count = jsitext.checks._article_problems, jsitext.model.Article.counts

    def check(article, contexts):  # type: ignore[no-untyped-def]
        checked.append(article.path)
        return real_check(article, contexts)

    def count(article):  # type: ignore[no-untyped-def]
        counted.append(article.path)
        return real_count(article)

    monkeypatch.setattr(jsitext.checks, "_article_problems", check)
    monkeypatch.setattr(jsitext.model.Article, "counts", count)
    assert progress(repo=repo).revisions == progress(repo=repo, memo=Memo()).revisions
    checked.clear(), counted.clear()
    progress(repo=repo)
    # draft: a, b, c; b-copy (charted first of the two tags of one date): a, as text.yaml's
    # new date changes no id; cluster-2: nothing; the working tree: b.
    expected = [f"articles/{name}.yaml" for name in "abcab"]
    assert sorted(checked) == sorted(expected)
    assert sorted(counted) == sorted(expected)


def test_a_reused_file_reports_its_problems_at_the_new_revision(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(
        tmp_path,
        {"articles/text.yaml": TEXT.format(date=""), "articles/a.yaml": "title: A\nparagraphs:\n  - text: An [open bracket.\n"},
        "one",
        "2024-01-01T00:00:00Z",
    )
    _git(tmp_path, "tag", "v1")
    _git(tmp_path, "tag", "v2")
    cache: jsitext.load.ParseCache = {}
    first = load_text(GitSource(tmp_path, "v1"), cache=cache)
    second = load_text(GitSource(tmp_path, "v2"), cache=cache)
    assert [(p.path, p.line, p.code) for p in second.problems] == [(p.path.replace("v1:", "v2:"), p.line, p.code) for p in first.problems]
    assert any(p.path == "v2:articles/a.yaml" for p in second.problems)
    assert all(a.path.startswith("v2:") for a in second.text.articles.values())


def test_a_revision_with_errors_is_counted_and_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    broken = "title: A\nparagraphs:\n  - text: Each Party [shall]{US} publish [its laws.\n"
    files = {"articles/text.yaml": TEXT.format(date=""), "articles/a.yaml": broken, "articles/b.yaml": OPEN_B, "articles/c.yaml": CLEAN_C}
    _commit(tmp_path, files, "one", "2024-01-01T00:00:00Z")
    _git(tmp_path, "tag", "v1")
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "v1", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    figures = json.loads(out)["revisions"][0]
    assert figures["errors"] == 1 and figures["counts"]["brackets"] == 1  # b's bracket; a did not load
    assert err == "jsitext: v1: 1 check error (unclosed-bracket); its figures count what loads\n"


# -- which revisions, and what goes wrong ----------------------------------------------------
def _one_commit(root: Path) -> None:
    """A repository whose one commit holds a three-article text (no tag)."""
    _git(root, "init", "-q", "-b", "main")
    files = {"articles/text.yaml": TEXT.format(date=""), "articles/a.yaml": ONE_BRACKET, "articles/b.yaml": OPEN_B, "articles/c.yaml": CLEAN_C}
    _commit(root, files, "one", "2024-01-01T00:00:00Z")


def test_no_tags_charts_the_working_tree_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _one_commit(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "-f", "md"]) == 0
    out, err = capsys.readouterr()
    assert "| working tree |  | 3 | 2 | 0 | 1 | 0 | 0 | 0 | 2 |  | 2 |  |" in out
    assert err.startswith("jsitext: no tag holds articles/: charting the working tree alone")


def test_outside_git_the_working_tree_alone(make_text, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    make_text()
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert [r["label"] for r in json.loads(out)["revisions"]] == ["working tree"]
    assert "not a git repository: charting the working tree alone (articles)" in err


def test_tags_without_a_working_tree_folder_chart_the_tags_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _one_commit(tmp_path)
    _git(tmp_path, "tag", "v1")
    _git(tmp_path, "rm", "-rq", "articles")
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert [r["label"] for r in json.loads(out)["revisions"]] == ["v1"]
    assert err == "jsitext: no folder articles in the working tree: charting the tags alone\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "jsitext: error: 'nope': unknown revision\n"),
        (["start"], "jsitext: error: start: no folder 'articles' in that revision\n"),
        (["draft", "--path", "elsewhere"], "jsitext: error: draft: no folder 'elsewhere' in that revision\n"),
        (["--format", "pdf"], "jsitext: error: unknown format 'pdf'; choose one of: text, json, md, svg\n"),
        (["draft", "--output", "missing/dir/x.svg/"], None),
    ],
)
def test_usage_and_io_problems_exit_2(in_repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None) -> None:
    (in_repo / "missing").write_text("a file, not a folder", encoding="utf-8")
    try:
        assert main(["progress", *args]) == 2
    finally:
        (in_repo / "missing").unlink()
    out, err = capsys.readouterr()
    assert out == ""
    assert err == message if message else err.startswith("jsitext: error: ")


def test_revisions_outside_a_repository_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "v1"]) == 2
    assert "not a git repository" in capsys.readouterr().err


def test_library_raises_source_error(repo: Path) -> None:
    with pytest.raises(SourceError, match="unknown revision"):
        progress(["nope"], repo=repo)


# -- outputs ----------------------------------------------------------------------------------
def test_text_is_a_bar_chart_and_a_table(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "Brackets remaining per revision (articles)\n\n"
        "Revision      Date                                        Brackets  Change  Options  Change\n"
        f"draft         2024-01-10  {'█' * 30}         3                2\n"
        f"b-copy        2024-02-15  {'█' * 20}{' ' * 10}         2      -1        2       0\n"
        f"cluster-2     2024-02-15  {'█' * 20}{' ' * 10}         2       0        2       0\n"
        f"working tree  2024-02-15  {'█' * 10}{' ' * 20}         1      -1        0      -2\n"
        "\n"
        "Articles by status\n\n"
        "Revision      Articles  Open  Parked  Clean  Placeholder  Withdrawn  Merged\n"
        "draft                3     2       0      1            0          0       0\n"
        "b-copy               3     2       0      1            0          0       0\n"
        "cluster-2            3     2       0      1            0          0       0\n"
        "working tree         3     1       0      2            0          0       0\n"
    )
    assert err == ""


def test_text_on_a_terminal_is_drawn_with_rich(in_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out and "working tree" in out and "█" in out


def test_json_layout(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["schema", "path", "title", "revisions"]
    assert data["schema"] == 1 and data["path"] == "articles"
    last = data["revisions"][-1]
    assert list(last) == ["label", "commit", "date", "articles", "statuses", "counts", "errors", "change", "unreadable"]
    assert last["unreadable"] == []
    assert last["commit"] is None and data["revisions"][0]["commit"] and data["revisions"][0]["change"] is None
    assert last["counts"] == {"brackets": 1, "inline": 1, "proposals": 0, "alternative_groups": 0, "options": 0}
    assert last["change"] == {
        "brackets": -1,
        "inline": -1,
        "proposals": 0,
        "alternative_groups": 0,
        "options": -2,
        "statuses": {"open": -1, "parked": 0, "clean": 1, "placeholder": 0, "withdrawn": 0, "merged": 0},
    }


def test_markdown_table(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "draft", "cluster-2", "-f", "md"]) == 0
    assert capsys.readouterr().out == (
        "## Brackets remaining per revision (articles)\n\n"
        "| Revision | Date | Articles | Open | Parked | Clean | Placeholder | Withdrawn | Merged | Brackets | Change | Options | Change |\n"
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        "| draft | 2024-01-10 | 3 | 2 | 0 | 1 | 0 | 0 | 0 | 3 |  | 2 |  |\n"
        "| cluster-2 | 2024-02-15 | 3 | 2 | 0 | 1 | 0 | 0 | 0 | 2 | -1 | 2 | 0 |\n"
    )


def test_svg_is_well_formed_complete_and_deterministic(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--format", "svg"]) == 0
    first = capsys.readouterr().out.encode("utf-8")
    assert as_svg(progress(repo=in_repo)) == first
    root = ET.fromstring(first)
    ns = "{http://www.w3.org/2000/svg}"
    texts = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert root.find(f"{ns}title").text == "Brackets remaining per revision"
    for expected in ("Sample Text · articles/", "draft", "working tree", "open", "clean", "brackets remaining", "Articles by status", "Brackets remaining"):
        assert expected in texts
    assert "parked" not in texts  # a status no revision has stays out of the legend
    points = root.find(f"{ns}g[@class='line']/{ns}polyline").get("points")
    assert len(points.split()) == 4
    assert len(root.findall(f"{ns}g[@class='bars']/{ns}rect")) == 8  # open and clean in each of 4 revisions
    assert b"20" not in first.split(b"<svg", 1)[0]  # no XML declaration, no date


def test_svg_escapes_text_and_drops_what_xml_cannot_hold() -> None:
    chart = Chart(
        title='R&D <"chart">\x01',
        labels=("rev&<1>", "a-very-long-revision-label-that-goes-on-and-on"),
        bars=(Series("open & <parked>", "#E69F00", (1, 2)),),
        line=Series("brackets", "#0072B2", (5, 0)),
        bar_axis="Articles",
        line_axis="Brackets",
    )
    data = render(chart)
    root = ET.fromstring(data)
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert 'R&D <"chart">' in texts and "rev&<1>" in texts and "open & <parked>" in texts
    assert "a-very-long-revision-la…" in texts  # long labels are shortened
    assert render(chart) == data


def test_svg_slants_crowded_labels() -> None:
    labels = tuple(f"INF/ECOM/62/Rev.{n}" for n in range(12))
    data = render(Chart("T", labels, (), Series("brackets", "#000000", tuple(range(12, 0, -1))), "A", "B"))
    slanted = [t for t in ET.fromstring(data).iter("{http://www.w3.org/2000/svg}text") if "rotate(-30)" in t.get("transform", "")]
    assert ["".join(t.itertext()) for t in slanted] == [label[:15] + "…" for label in labels]


def test_svg_of_one_empty_revision() -> None:
    root = ET.fromstring(render(Chart("T", ("working tree",), (), Series("brackets", "#000000", (0,)), "A", "B")))
    assert root.find("{http://www.w3.org/2000/svg}g[@class='line']/{http://www.w3.org/2000/svg}polyline") is None


def test_output_is_written_atomically(in_repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "slides" / "progress.svg"
    assert main(["progress", "--format", "svg", "--output", str(target)]) == 2  # as diff: a mistyped folder is not created
    assert capsys.readouterr().err == f"jsitext: error: {target}: no such folder {str(target.parent)!r}; create it first\n"
    target.parent.mkdir()
    assert main(["progress", "--format", "svg", "--output", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"wrote {target}\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["progress.svg"]
    ET.fromstring(target.read_bytes())
    assert main(["progress", "-f", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 1


def test_real_process(repo: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "jsitext", "progress", "draft", "--format", "md"], cwd=repo, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").endswith("| draft | 2024-01-10 | 3 | 2 | 0 | 1 | 0 | 0 | 0 | 3 |  | 2 |  |\n")
    assert done.stderr == b""


# -- the incremental path against a from-scratch load ------------------------------------------
def _scratch(repo: Path, tag: str) -> object:
    """One revision's figures, charted alone: listed by ls-tree, every file parsed and checked afresh."""
    only = progress([tag], repo=repo, memo=Memo()).revisions[0]
    return replace(only, label="", change=None)


def _evolve(rng: random.Random, files: dict[str, str | None], sections: dict[str, list[str]], n: int) -> None:
    """One revision's edits: FILES (path below articles/ → content, None to delete) and SECTIONS (the outline) changed in place."""
    ids = [i for ids in sections.values() for i in ids]
    for _ in range(rng.randint(1, 4)):
        move = rng.choice(["edit", "edit", "rename", "delete", "add", "section", "members", "withdraw", "subfolder", "nothing"])
        target = rng.choice(ids) if ids else None
        where = next((rel for rel in files if rel.rsplit("/", 1)[-1] == f"{target}.yaml" and files[rel] is not None), None)
        if move == "edit" and where:
            files[where] = (
                f"title: {target}\nparagraphs:\n  - text: Each Party shall [{'endeavour to' * rng.randint(1, 2)}]{{US}} act [{n}]{{{rng.choice(['JP', 'FRIENDS', 'EC'])}}}.\n"
            )
        elif move == "rename" and where:
            files[where.replace(f"{target}.yaml", f"{target}-renamed.yaml")], files[where] = files[where], None  # the outline still lists the old id
        elif move == "delete" and where:
            files[where] = None
        elif move == "add":
            new = f"art-{n}-{rng.randint(0, 999)}"
            files[f"{new}.yaml"] = "title: New\nparagraphs:\n  - text: Parties [may]{CN} cooperate.\n"
            rng.choice(list(sections.values())).append(new)
        elif move == "section" and target:
            for group in sections.values():
                if target in group:
                    group.remove(target)
            rng.choice(list(sections.values())).insert(0, target)
        elif move == "members":
            files["members.yaml"] = rng.choice([None, "groups:\n  FRIENDS:\n    name: Friends\n    members: [JP, SG]\n"])
        elif move == "withdraw" and where:
            files[where] = f"title: {target}\nstatus: withdrawn\nparagraphs: []\n"
        elif move == "subfolder" and where and "/" not in where:
            files[f"moved/{where}"], files[where] = files[where], None
    files["text.yaml"] = "title: T\nsections:\n" + "".join(
        f"  - id: {sid}\n    title: {sid}\n    articles: [{', '.join(ids)}]\n" for sid, ids in sections.items()
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_revision_charted_as_if_read_alone(tmp_path: Path, seed: int) -> None:
    """progress reuses what an earlier revision parsed, checked and counted, and lists each revision
    from git's changes since the one before: its figures are still those of the revision read alone."""
    rng = random.Random(seed)
    sections = {"A": [f"a{i}" for i in range(5)], "B": [f"b{i}" for i in range(5)]}
    files: dict[str, str | None] = {
        f"{i}.yaml": f"title: {i}\nparagraphs:\n  - text: Each Party shall [publish]{{US}} its laws.\n" for ids in sections.values() for i in ids
    }
    _git(tmp_path, "init", "-q", "-b", "main")
    tags = []
    for n in range(1, 9):
        _evolve(rng, files, sections, n)
        for rel, content in files.items():
            path = tmp_path / "articles" / rel
            if content is None:
                path.unlink(missing_ok=True)
            else:
                write_tree(tmp_path, {f"articles/{rel}": content})
        if n == 4:  # a link to a file of the folder reads as that file; a mode change is no change
            (tmp_path / "articles" / "link.yaml").symlink_to("text.yaml")
            (tmp_path / "articles" / "text.yaml").chmod(0o755)
        _git(tmp_path, "add", "-A", ".")
        _git(tmp_path, "commit", "-q", "--allow-empty", "-m", f"revision {n}", when=f"2024-01-{n:02d}T12:00:00+00:00")
        _git(tmp_path, "tag", f"r{n}")
        tags.append(f"r{n}")
        if n == 5:
            _git(tmp_path, "tag", "r5-again")  # the same commit charted twice
            tags.append("r5-again")
    charted = progress(repo=tmp_path).revisions[:-1]  # the working tree last
    assert [f.label for f in charted] == tags
    assert [replace(f, label="", change=None) for f in charted] == [_scratch(tmp_path, tag) for tag in tags]
    for before, now in itertools.pairwise(charted):
        assert now.change is not None and now.change.counts.brackets == now.counts.brackets - before.counts.brackets
