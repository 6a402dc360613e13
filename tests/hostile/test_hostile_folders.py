"""Nothing crosses its folder (issue 12 §3), and values stay what they claim (§4, in part).

A symlink that leaves the articles folder is a finding naming the link, never
followed; ids and codes match strict patterns before they are used; every output
lands inside the output folder.  Control characters are findings however they are
written, and members.yaml cannot rename a built-in member.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, OUTLINE, assert_refused, git, needs_git, run_in_process, run_subprocess, write_text

SECRET = "API_TOKEN=hunter2-do-not-print"
OUTLINE_AB = OUTLINE.replace("[a]", "[a, b]")


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """An articles folder whose b.yaml links to ../secret.env."""
    folder = write_text(tmp_path / "articles", outline=OUTLINE_AB)
    (tmp_path / "secret.env").write_text(f"title: {SECRET}\nparagraphs: {SECRET}\n", encoding="utf-8")
    (folder / "b.yaml").symlink_to("../secret.env")
    return folder


# -- symlinks -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [["check"], ["build", "-o", "{out}"], ["fmt"], ["stats"], ["withdraw", "US"]],
    ids=lambda a: a[0],
)
def test_a_link_out_of_the_folder_is_a_finding_and_never_read(linked: Path, tmp_path: Path, capsys, argv: list[str]) -> None:
    command = [a.replace("{out}", str(tmp_path / "out")) for a in argv]
    run = run_in_process(capsys, *command, linked)
    assert_refused(run, codes=(1,), where="b.yaml", says="[symlink-outside]")
    assert "hunter2" not in run.both
    assert (tmp_path / "secret.env").read_text(encoding="utf-8").startswith("title: API")
    assert (linked / "b.yaml").is_symlink()


def test_a_link_out_of_the_folder_says_where_it_points(linked: Path, capsys) -> None:
    run = run_in_process(capsys, "check", linked)
    assert f"{linked / 'b.yaml'}: error: a symbolic link to '../secret.env', outside the articles folder" in run.out


def test_a_link_inside_the_folder_is_read(tmp_path: Path, capsys) -> None:
    folder = write_text(tmp_path / "articles", outline=OUTLINE_AB)
    (folder / "sub").mkdir()
    (folder / "sub" / "real.yaml").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "b.yaml").symlink_to("sub/real.yaml")
    run = run_in_process(capsys, "check", folder)
    assert "[symlink-outside]" not in run.out and "b.yaml" not in run.out


def test_a_folder_link_out_of_the_folder_is_not_walked(tmp_path: Path, capsys) -> None:
    folder = write_text(tmp_path / "articles")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.yaml").write_text(f"title: [{SECRET}\n", encoding="utf-8")
    (folder / "more").symlink_to("../elsewhere", target_is_directory=True)
    run = run_in_process(capsys, "check", folder)
    assert "hunter2" not in run.both and run.code == 0, run.both


def test_a_dangling_link_is_a_finding(tmp_path: Path, capsys) -> None:
    folder = write_text(tmp_path / "articles", outline=OUTLINE_AB)
    (folder / "b.yaml").symlink_to("../../nowhere/at/all.yaml")
    run = run_in_process(capsys, "check", folder)
    assert_refused(run, codes=(1,), where="b.yaml", says="[symlink-outside]")


@needs_git
def test_a_git_symlink_out_of_the_repository_is_a_finding_and_never_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write_text(repo / "articles", outline=OUTLINE_AB)
    (repo / "articles" / "b.yaml").write_text(GOOD_ARTICLE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rev.1")
    git(repo, "tag", "rev1")
    (tmp_path / "secret.env").write_text(f"title: {SECRET}\n", encoding="utf-8")
    (repo / "articles" / "b.yaml").unlink()
    (repo / "articles" / "b.yaml").symlink_to("../../secret.env")
    (repo / "articles" / "c.yaml").symlink_to("a.yaml")  # within the folder: read as a.yaml
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rev.2")
    git(repo, "tag", "rev2")
    run = run_subprocess("diff", "rev1", "rev2", cwd=repo)
    assert "hunter2" not in run.both and "Traceback" not in run.both
    assert (
        "rev2:articles/b.yaml: error: a symbolic link to '../../secret.env', outside the articles folder; jsitext does not follow it [symlink-outside]"
        in run.err
    )


# -- ids and codes before they are used ------------------------------------------------------------
PWNED = "x/../../../outside/pwned"


def test_a_member_code_that_is_a_path_never_names_an_output(tmp_path: Path, capsys) -> None:
    folder = write_text(tmp_path / "articles", members=f"members:\n  {PWNED}: Evil\n")
    out = tmp_path / "deep" / "er" / "out"
    run = run_in_process(capsys, "build", folder, "-o", out, "--view", f"member:{PWNED}")
    assert_refused(run, codes=(1, 2))
    assert not (tmp_path / "outside").exists() and not list(tmp_path.rglob("*pwned*"))
    run = run_in_process(capsys, "check", folder)
    assert_refused(run, codes=(1,), where="members.yaml:2:3:", says=f"member code {PWNED!r} is not a code (")
    assert "[invalid-id]" in run.out


def test_a_section_id_that_is_a_path_never_names_an_output(tmp_path: Path, capsys) -> None:
    evil = "../../outside/x"
    folder = write_text(tmp_path / "articles", outline=OUTLINE.replace("id: A", f"id: {evil}"))
    out = tmp_path / "deep" / "er" / "out"
    run = run_in_process(capsys, "build", folder, "-o", out, "--section", evil)
    assert_refused(run, codes=(1, 2))
    assert not (tmp_path / "outside").exists() and not list(tmp_path.rglob("consolidated*"))
    run = run_in_process(capsys, "check", folder)
    assert_refused(run, codes=(1,), where="text.yaml:3:9:", says=f"section id {evil!r} is not a section id (")
    assert "[invalid-id]" in run.out


@pytest.mark.parametrize(
    "argv",
    [["--section", "../x"], ["--section", "A/B"], ["--view", "member:../x"], ["--view", "member:US/.."]],
    ids=["section-dots", "section-slash", "member-dots", "member-slash"],
)
def test_an_option_that_is_a_path_is_refused(text, tmp_path: Path, capsys, argv: list[str]) -> None:
    run = run_in_process(capsys, "build", text(), "-o", tmp_path / "out", *argv)
    assert_refused(run, codes=(2,), says="not a")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_every_output_path_is_inside_the_output_folder(tmp_path: Path) -> None:
    from jsitext.atomic import write_atomically
    from jsitext.errors import UsageError

    for name in ("../escaped.md", "sub/../../escaped.md", "/tmp/escaped.md"):
        with pytest.raises(UsageError, match="outside the output folder"):
            write_atomically(tmp_path / "out", {name: b"x"})
    assert not (tmp_path / "escaped.md").exists()


@pytest.mark.parametrize(
    ("members", "where"),
    [
        ("members:\n  '..': Dots\n", "members.yaml:2:3:"),
        ("aliases:\n  a/b: US\n", "members.yaml:2:3:"),
        ("groups:\n  ../G:\n    members: [US]\n", "members.yaml:2:3:"),
        ("members:\n  US JP: Two\n", "members.yaml:2:3:"),
    ],
    ids=["member-dots", "alias-slash", "group-dots", "member-space"],
)
def test_members_yaml_codes_follow_the_pattern(text, capsys, members: str, where: str) -> None:
    run = run_in_process(capsys, "check", text(members=members))
    assert_refused(run, codes=(1,), where=where, says="[invalid-id]")


# -- control characters and built-in members (§4) ------------------------------------------------------
@pytest.mark.parametrize(
    ("others", "where"),
    [
        ({"article": 'title: "Scope\\r"\nparagraphs:\n  - text: x\n'}, "a.yaml:1:14:"),
        ({"article": 'title: Scope\nparagraphs:\n  - text: "a\\rb"\n'}, "a.yaml:3:13:"),
        ({"outline": 'title: T\ndate: "2024\\r"\nsections:\n  - id: A\n    title: S\n    articles: [a]\n'}, "text.yaml:2:12:"),
        ({"members": 'members:\n  XX: "Evil\\rName"\n'}, "members.yaml:2:12:"),
        ({"article": 'title: "\\e[31mRed"\nparagraphs:\n  - text: x\n'}, "a.yaml:1:9:"),
    ],
    ids=["title-cr", "text-cr", "date-cr", "member-name-cr", "title-esc"],
)
def test_a_control_character_written_as_an_escape_is_a_finding(text, capsys, others: dict[str, str], where: str) -> None:
    run = run_in_process(capsys, "check", text(**others))
    assert_refused(run, codes=(1,), where=where, says="[control-character]")


@pytest.mark.parametrize("title", ["\x1b[31mRed", "Scope\r", "a\x07bell"], ids=["esc", "cr", "bell"])
def test_a_control_character_from_the_command_line_is_never_written(text, capsys, title: str) -> None:
    folder = text()
    before = (folder / "text.yaml").read_bytes()
    run = run_in_process(capsys, "new", "b", folder, "--section", "A", "--title", title)
    assert_refused(run, codes=(1, 2), says="[control-character]")
    assert not (folder / "b.yaml").exists() and (folder / "text.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("members", "says"),
    [
        ("members:\n  CN: United States\n", "members.yaml:2:3: error: 'CN' is a built-in member (China); members.yaml cannot rename it"),
        ("aliases:\n  US: CN\n", "members.yaml:2:3: error: 'US' is a built-in member (United States); members.yaml cannot rename it"),
        ("aliases:\n  UK: US\n", "members.yaml:2:3: error: 'UK' is a built-in alias of GB (United Kingdom); members.yaml cannot redefine it"),
        ("groups:\n  JP:\n    name: Japan and friends\n    members: [JP, SG]\n", "members.yaml:2:3: error: 'JP' is a built-in member (Japan)"),
    ],
    ids=["member", "alias-of-member", "alias-of-alias", "group"],
)
def test_members_yaml_cannot_rename_a_built_in_member(text, capsys, members: str, says: str) -> None:
    folder = text("title: Scope\nparagraphs:\n  - proponents: [CN]\n    text: x\n", members=members)
    run = run_in_process(capsys, "check", folder)
    assert_refused(run, codes=(1,), says=says)
    assert "[redefined-member]" in run.out


def test_a_renamed_member_never_reaches_a_build(text, tmp_path: Path, capsys) -> None:
    folder = text("title: Scope\nparagraphs:\n  - proponents: [CN]\n    text: x\n", members="members:\n  CN: United States\n")
    run = run_in_process(capsys, "build", folder, "-o", tmp_path / "out", "--attribution", "names", "-f", "md")
    assert_refused(run, codes=(1,), says="[redefined-member]")
    assert not (tmp_path / "out").exists()
