"""Bounded reads (issue 12 §2): only regular files, at most the limit, nothing hangs.

A FIFO, a device, a sparse giant or a hostile git object is a finding or one clear
line, in a real process with a timeout, so that a hang fails the test instead of
hanging the suite.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, assert_refused, git, needs_git, run_in_process, run_subprocess, write_text

#: Address space a real process gets in the cases that must not read a giant (a bound, not a timing).
MEMORY = 700 * 1024**2
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _commit(repo: Path, message: str = "Rev") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


# -- special files ----------------------------------------------------------------------
COMMANDS = [["check"], ["build", "-o", "{out}"], ["fmt"], ["fmt", "--check"], ["stats"], ["withdraw", "US"]]


@needs_fifo
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a).replace("{out}", "out"))
def test_a_fifo_named_like_an_article_is_a_finding_not_a_hang(text, tmp_path: Path, argv: list[str]) -> None:
    folder = text()
    os.mkfifo(folder / "x.yaml")
    command = [a.replace("{out}", str(tmp_path / "out")) for a in argv]
    run = run_subprocess(*command, folder)
    assert_refused(run, codes=(1,), where="x.yaml", says="is a FIFO, not a regular file [not-a-file]")


@needs_fifo
def test_a_fifo_beside_the_outline_does_not_hang_new(text) -> None:
    """new reads text.yaml only: the FIFO is never opened, and the article is made."""
    folder = text()
    os.mkfifo(folder / "x.yaml")
    run = run_subprocess("new", "b", folder, "--section", "A")
    assert run.code == 0, run.both
    assert (folder / "b.yaml").is_file()


@needs_fifo
@needs_git
def test_a_fifo_in_the_working_tree_does_not_hang_diff(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write_text(repo / "articles")
    _commit(repo)
    os.mkfifo(repo / "articles" / "x.yaml")
    run = run_subprocess("diff", "HEAD", cwd=repo)
    assert_refused(run, codes=(0, 1), says="x.yaml")
    assert "Traceback" not in run.both


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_never_read(text) -> None:
    folder = text()
    (folder / "zero.yaml").symlink_to("/dev/zero")
    run = run_subprocess("check", folder)
    assert_refused(run, codes=(1,), where="zero.yaml", says="[symlink-outside]")


def test_a_device_inside_the_folder_is_a_finding(text) -> None:
    folder = text()
    try:
        os.mknod(folder / "dev.yaml", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # what /dev/zero is on Linux
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    run = run_subprocess("check", folder)
    assert_refused(run, codes=(1,), where="dev.yaml", says="is a device, not a regular file [not-a-file]")


def test_a_socket_named_like_an_article_is_a_finding(text, capsys, monkeypatch) -> None:
    folder = text()
    monkeypatch.chdir(folder)  # a socket's path must be short: bind it by its relative name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("s.yaml")
        run = run_in_process(capsys, "check", ".")
    assert_refused(run, codes=(1,), where="s.yaml", says="is a socket, not a regular file [not-a-file]")


def test_a_sparse_giant_is_refused_without_reading_it(text) -> None:
    folder = text()
    with open(folder / "big.yaml", "wb") as stream:
        stream.truncate(1024**3)  # 1 GB of holes: no disk, but 1 GB of memory if read
    run = run_subprocess("check", folder, memory_limit=MEMORY)
    assert_refused(run, codes=(1,), where="big.yaml", says="file is 1,073,741,824 bytes, over the limit of 2 MiB per file; split the article [file-too-large]")


def test_at_most_the_limit_and_one_byte_is_read_of_a_file(text, capsys, monkeypatch) -> None:
    import jsitext.source as source
    from jsitext.yamlread import MAX_FILE_BYTES

    folder = text()
    (folder / "a.yaml").write_bytes(b"title: Scope\n" + b"#" * (3 * MAX_FILE_BYTES))
    sizes: list[int] = []
    real = source.os.read

    def counting(fd: int, n: int) -> bytes:
        data = real(fd, n)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(source.os, "read", counting)
    run = run_in_process(capsys, "check", folder)
    assert_refused(run, codes=(1,), where="a.yaml", says="[file-too-large]")
    assert sum(sizes) <= 2 * (MAX_FILE_BYTES + 1)  # a.yaml and text.yaml, each at most limit + 1


# -- git objects -----------------------------------------------------------------------------
@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_text(root / "articles")
    _commit(root, "Rev.1")
    git(root, "tag", "rev1")
    return root


@needs_git
def test_a_giant_git_blob_is_refused_by_its_size_before_it_is_read(repo: Path, capsys, monkeypatch) -> None:
    import jsitext.source as source

    with open(repo / "articles" / "a.yaml", "wb") as stream:
        stream.write(b"title: Scope\nparagraphs:\n  - text: x\n")
        stream.write(b"#" * (64 * 1024**2))
    _commit(repo, "Rev.2")
    giant = git(repo, "rev-parse", "HEAD:articles/a.yaml").strip()
    asked: list[bytes] = []
    real = source.git

    def spying(repo_: Path, *args: str, stdin: bytes | None = None) -> bytes:
        if "--batch" in args:
            asked.append(stdin or b"")
        return real(repo_, *args, stdin=stdin)

    monkeypatch.setattr(source, "git", spying)
    monkeypatch.chdir(repo)
    run = run_in_process(capsys, "diff", "rev1", "HEAD")
    assert_refused(run, codes=(0, 1), says="file is 67,108,901 bytes, over the limit of 2 MiB per file")
    assert not any(giant in request for request in asked)


def _object_file(repo: Path, revision: str, path: str) -> Path:
    oid = git(repo, "rev-parse", f"{revision}:{path}").decode().strip()
    return repo / ".git" / "objects" / oid[:2] / oid[2:]


def _damage(obj: Path, damage: str) -> None:
    """Delete the loose object OBJ, or replace it with garbage."""
    obj.chmod(0o644)
    if damage == "delete":
        obj.unlink()
    else:
        obj.write_bytes(b"not a git object at all")


@needs_git
@pytest.mark.parametrize("damage", ["delete", "garbage"])
def test_a_missing_or_corrupt_git_object_names_the_revision_and_path(repo: Path, damage: str) -> None:
    write_text(repo / "articles", GOOD_ARTICLE.replace("applies", "extends"))  # so that rev1's a.yaml must be read
    _damage(_object_file(repo, "rev1", "articles/a.yaml"), damage)
    run = run_subprocess("diff", "rev1", cwd=repo)
    assert_refused(run, codes=(2,), says="rev1:articles/a.yaml: cannot read the git object")


@needs_git
@pytest.mark.parametrize("damage", ["delete", "garbage"])
def test_progress_names_the_revision_and_path_of_a_missing_or_corrupt_object(repo: Path, damage: str) -> None:
    """progress names its files alike in every revision, and fetches several revisions' files at once:
    a damaged object is still an error naming the revision it was read for."""
    write_text(repo / "articles", GOOD_ARTICLE.replace("applies", "extends"))
    _commit(repo, "Rev.2")
    git(repo, "tag", "rev2")
    _damage(_object_file(repo, "rev2", "articles/a.yaml"), damage)
    run = run_subprocess("progress", cwd=repo)
    assert_refused(run, codes=(2,), says="refs/tags/rev2:articles/a.yaml: cannot read the git object")


@needs_git
def test_a_damaged_git_tree_names_the_revision_and_folder(repo: Path) -> None:
    tree = git(repo, "rev-parse", "rev1:articles").decode().strip()
    obj = repo / ".git" / "objects" / tree[:2] / tree[2:]
    obj.chmod(0o644)
    obj.write_bytes(b"not a tree")
    run = run_subprocess("diff", "rev1", cwd=repo)
    assert_refused(run, codes=(2,), says="rev1:articles: cannot list the folder in git")


# -- the diff cache ------------------------------------------------------------------------------
def _cache(repo: Path) -> Path:
    path = repo / ".git" / "jsitext" / "glimpses.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@needs_git
@pytest.mark.parametrize(
    "content",
    [b"[" * 200_000, b"{" * 200_000, bytes(range(256)) * 64, b'{"version": 1, "glimpses": ' + b"[" * 100_000 + b"}", b"\x00" * 10],
    ids=["200k-brackets", "200k-braces", "binary", "nested-in-entries", "nul"],
)
def test_a_damaged_diff_cache_is_no_cache(repo: Path, content: bytes) -> None:
    write_text(repo / "articles", GOOD_ARTICLE.replace("applies", "extends"))
    _cache(repo).write_bytes(content)
    run = run_subprocess("diff", "rev1", cwd=repo)
    assert run.code == 0, run.both
    assert "extends" in run.out or "changed" in run.out


@needs_fifo
@needs_git
def test_a_fifo_as_the_diff_cache_does_not_hang_diff(repo: Path) -> None:
    os.mkfifo(_cache(repo))
    run = run_subprocess("diff", "rev1", cwd=repo)
    assert run.code == 0, run.both


@needs_git
def test_a_giant_diff_cache_is_not_read(repo: Path) -> None:
    with open(_cache(repo), "wb") as stream:
        stream.truncate(1024**3)
    run = run_subprocess("diff", "rev1", cwd=repo, memory_limit=MEMORY)
    assert run.code == 0, run.both
