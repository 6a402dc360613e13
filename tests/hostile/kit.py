"""Helpers for the hostile-input suite (tests/hostile): a tiny text on disk, and the CLI run two ways.

Every hostile case ends the same way (issue 6): exit 1 (findings) or 2 (usage or
I/O), a message that names file:line:col where there is one, no traceback, and
no hang.  ``run_in_process`` is quick and used for most cases; ``run_subprocess``
runs the real ``jsitext`` with a timeout, for the cases where a crash of the
interpreter or a hang is the risk (a timeout is a failure, not a timing check).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from jsitext.cli import main

#: A one-article outline: the article file is ``a.yaml``.
OUTLINE = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a]\n"
GOOD_ARTICLE = "title: Scope\nparagraphs:\n  - text: This Agreement applies to [electronic]{US} commerce.\n"
#: Seconds a real process may take before the case counts as a hang.
TIMEOUT = 20
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@dataclass(frozen=True)
class Run:
    """What a user sees: the exit code and the two streams."""

    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def write_text(root: Path, article: str | bytes = GOOD_ARTICLE, *, outline: str | bytes = OUTLINE, **others: str | bytes) -> Path:
    """An articles folder at ROOT: text.yaml, a.yaml and OTHERS ({file stem: content})."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {"text.yaml": outline, "a.yaml": article}
    files.update({f"{stem.replace('_', '-')}.yaml": value for stem, value in others.items()})
    for name, value in files.items():
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        (root / name).write_bytes(data)
    return root


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """``git -C REPO ARGS`` with a fixed author, for building test repositories; its output."""
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **who}, input=stdin).stdout


def run_in_process(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """``jsitext ARGV`` through ``jsitext.cli.main``."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return Run(code, out, err)


def run_subprocess(*argv: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, memory_limit: int | None = None) -> Run:
    """``jsitext ARGV`` as a real process; a run past TIMEOUT fails the test.

    MEMORY_LIMIT (bytes of address space) makes a run that would read a giant file fail
    with MemoryError (exit 3) instead of passing at the cost of the memory.
    """
    command = [sys.executable, "-m", "jsitext", *(str(a) for a in argv)]
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("FORCE_COLOR", None)
    try:
        done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, timeout=TIMEOUT, check=False, preexec_fn=_limit(memory_limit))
    except subprocess.TimeoutExpired:
        pytest.fail(f"jsitext {' '.join(map(str, argv))} did not finish within {TIMEOUT} s")
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def _limit(memory: int | None):  # -> a preexec_fn, or None
    if memory is None:
        return None
    import resource

    return lambda: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def assert_refused(run: Run, *, codes: tuple[int, ...] = (1, 2), where: str | None = None, says: str | None = None) -> None:
    """Exit 1 or 2, no traceback, WHERE (``file:line:col``) and SAYS in the output."""
    assert run.code in codes, f"exit {run.code}:\n{run.both}"
    assert "Traceback" not in run.both
    assert "internal error" not in run.both
    if where is not None:
        assert where in run.both, run.both
    if says is not None:
        assert says in run.both, run.both


def check_bytes(name: str, data: bytes) -> list:
    """Every problem of a one-article text whose file NAME (a.yaml, text.yaml, members.yaml) holds DATA.

    The loader and every check, as ``jsitext check`` runs them: the fuzz target.
    """
    from helpers import check_files

    files: dict[str, str | bytes] = {"text.yaml": OUTLINE, "a.yaml": GOOD_ARTICLE, name: data}
    return check_files(files)
