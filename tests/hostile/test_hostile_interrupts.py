"""Interruptions: a real jsitext process signalled at a chosen point of its writes.

Each case runs a command that writes several files (a build's outputs, the files
``fmt`` or ``withdraw`` edits) with the test hook ``JSITEXT_TEST_INTERRUPT=PHASE:N:SIGNAL``,
which makes the process send itself SIGNAL after the N-th file staged (written to its
temporary file) or replaced: no sleeps, the same point every run.  Then the next
command runs, and every file must be all old or all new, with no file of jsitext's
(``.jsitext-*``) left anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, OUTLINE, Run, run_subprocess, write_text

#: Forty untidy articles, as in the Ctrl-C-in-fmt report (9 of 40 were left rewritten).
UNTIDY = "paragraphs:\n- text:   Each Party shall act.\ntitle: Scope {n}\n"
MANY = 40
OUTPUTS = "md,html,txt"


def _untidy_text(root: Path) -> Path:
    ids = [f"a{n:02d}" for n in range(MANY)]
    outline = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [" + ", ".join(ids) + "]\n"
    root.mkdir(parents=True)
    (root / "text.yaml").write_text(outline, encoding="utf-8")
    for n, article in enumerate(ids):
        folder = root / ("one" if n % 2 else "two")  # in two folders: a journal covers both
        folder.mkdir(exist_ok=True)
        (folder / f"{article}.yaml").write_text(UNTIDY.format(n=n), encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _litter(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.rglob(".jsitext-*")]


def _interrupted(where: str, *argv: str | Path) -> Run:
    return run_subprocess(*argv, env={"JSITEXT_TEST_INTERRUPT": where})


def _expected_fmt(tmp_path: Path, folder: Path) -> dict[str, bytes]:
    """What fmt makes of FOLDER, from an uninterrupted run on a copy."""
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    assert run_subprocess("fmt", copy).code == 0
    return _files(copy)


# -- signals a process can handle: it cleans up and exits 128 + the signal ------------------
HANDLED = [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)]


@pytest.mark.parametrize(("signal", "code"), HANDLED)
def test_a_signal_while_fmt_stages_leaves_every_file_old(tmp_path: Path, signal: str, code: int) -> None:
    folder = _untidy_text(tmp_path / "articles")
    before = _files(folder)
    run = _interrupted(f"stage:9:{signal}", "fmt", folder)
    assert run.code == code, run.both
    assert run.err.endswith(f"jsitext: interrupted{'' if signal == 'SIGINT' else f' ({signal})'}\n")
    assert _files(folder) == before  # all old, no temporary file


@pytest.mark.parametrize(("signal", "code"), HANDLED)
def test_a_signal_while_fmt_replaces_waits_until_every_file_is_new(tmp_path: Path, signal: str, code: int) -> None:
    folder = _untidy_text(tmp_path / "articles")
    expected = _expected_fmt(tmp_path, folder)
    run = _interrupted(f"replace:9:{signal}", "fmt", folder)
    assert run.code == code, run.both
    assert _files(folder) == expected  # all new, no temporary file, no journal


@pytest.mark.parametrize(("phase", "new"), [("stage", False), ("replace", True)])
@pytest.mark.parametrize("signal", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_a_build_leaves_outputs_all_old_or_all_new(tmp_path: Path, signal: str, phase: str, new: bool) -> None:
    folder, out = write_text(tmp_path / "articles"), tmp_path / "out"
    assert run_subprocess("build", folder, "-o", out, "-f", OUTPUTS).code == 0
    old = _files(out)
    (folder / "a.yaml").write_text(GOOD_ARTICLE.replace("applies", "extends"), encoding="utf-8")
    run = _interrupted(f"{phase}:2:{signal}", "build", folder, "-o", out, "-f", OUTPUTS)
    assert run.code == dict(HANDLED)[signal], run.both
    outputs = _files(out)
    assert sorted(outputs) == sorted(old)  # three outputs, no temporary file
    changed = [name for name in outputs if outputs[name] != old[name]]
    assert changed == (sorted(old) if new else [])


# -- SIGKILL: the next command finishes the job or removes the litter ----------------------
def test_sigkill_while_fmt_stages_leaves_litter_the_next_command_removes(tmp_path: Path) -> None:
    folder = _untidy_text(tmp_path / "articles")
    before = _files(folder)
    assert _interrupted("stage:20:SIGKILL", "fmt", folder).code == -9
    assert len(_litter(folder)) == 20  # what a killed process leaves
    run = run_subprocess("check", folder)
    assert run.code == 0, run.both
    assert run.err == f"jsitext: removed 20 temporary files left by an interrupted jsitext run in {folder}\n"
    assert _files(folder) == before  # all old, nothing left


def test_sigkill_while_fmt_replaces_is_finished_by_the_next_command(tmp_path: Path) -> None:
    folder = _untidy_text(tmp_path / "articles")
    expected = _expected_fmt(tmp_path, folder)
    assert _interrupted("replace:9:SIGKILL", "fmt", folder).code == -9
    run = run_subprocess("check", folder)
    assert run.code == 0, run.both
    assert f"jsitext: finished an interrupted write in {folder}: {MANY + 1 - 9} of {MANY + 1} files were still to be replaced, and now are\n" in run.err
    assert _files(folder) == expected  # all new, no temporary file, backup or journal
    assert run_subprocess("check", folder).err == ""  # said once


def test_sigkill_during_a_build_is_finished_by_the_next_build(tmp_path: Path) -> None:
    folder, out = write_text(tmp_path / "articles"), tmp_path / "out"
    assert run_subprocess("build", folder, "-o", out, "-f", OUTPUTS).code == 0
    (folder / "a.yaml").write_text(GOOD_ARTICLE.replace("applies", "extends"), encoding="utf-8")
    assert _interrupted("replace:1:SIGKILL", "build", folder, "-o", out, "-f", OUTPUTS).code == -9
    assert _litter(out)  # two outputs still to replace, a backup, the journal
    run = run_subprocess("build", folder, "-o", out, "-f", "json")  # another output into the same folder
    assert run.code == 0, run.both
    assert f"finished an interrupted write in {out}: 2 of 3 files were still to be replaced" in run.err
    assert all(b"extends" in data for name, data in _files(out).items() if name != "consolidated.json")
    assert _litter(out) == []


def test_sigkill_after_staging_a_build_leaves_the_old_outputs(tmp_path: Path) -> None:
    folder, out = write_text(tmp_path / "articles"), tmp_path / "out"
    assert run_subprocess("build", folder, "-o", out, "-f", OUTPUTS).code == 0
    old = _files(out)
    (folder / "a.yaml").write_text(GOOD_ARTICLE.replace("applies", "extends"), encoding="utf-8")
    assert _interrupted("stage:3:SIGKILL", "build", folder, "-o", out, "-f", OUTPUTS).code == -9
    run = run_subprocess("build", folder, "-o", out, "-f", "json")
    assert "removed 3 temporary files left by an interrupted jsitext run" in run.err
    assert {name: data for name, data in _files(out).items() if name != "consolidated.json"} == old


def test_sigkill_during_withdraw_is_finished_by_the_next_command(tmp_path: Path) -> None:
    folder = write_text(tmp_path / "articles", b=GOOD_ARTICLE, outline=OUTLINE.replace("[a]", "[a, b]"))
    expected_copy = tmp_path / "copy"
    shutil.copytree(folder, expected_copy)
    assert run_subprocess("withdraw", "US", expected_copy).code == 0
    assert _interrupted("replace:1:SIGKILL", "withdraw", "US", folder).code == -9
    assert run_subprocess("stats", folder).code == 0
    assert _files(folder) == _files(expected_copy)


def test_a_file_changed_after_the_kill_is_left_as_it_is(tmp_path: Path) -> None:
    folder = _untidy_text(tmp_path / "articles")
    assert _interrupted("replace:1:SIGKILL", "fmt", folder).code == -9
    mine = folder / "one" / "a39.yaml"  # not yet replaced when the process died
    mine.write_text(UNTIDY.format(n="edited by hand"), encoding="utf-8")
    run = run_subprocess("check", folder)
    assert f"left alone, as they changed since: {mine}" in run.err
    assert "edited by hand" in mine.read_text(encoding="utf-8")
    assert _litter(folder) == []


def test_files_of_a_running_jsitext_are_not_touched(tmp_path: Path) -> None:
    import os

    folder = write_text(tmp_path / "articles")
    ours = folder / f".jsitext-{os.getppid()}-0a.a.yaml.tmp"  # pytest's parent: a running process
    ours.write_text("staged", encoding="utf-8")
    lookalike = folder / ".jsitext-notes.tmp"  # not a name jsitext makes
    lookalike.write_text("mine", encoding="utf-8")
    assert run_subprocess("check", folder).err == ""
    assert ours.exists() and lookalike.exists()
