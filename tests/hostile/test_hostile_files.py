"""Broken and hostile files: every one ends with a positioned finding, never a crash or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.kit import OUTLINE, assert_refused, run_in_process, run_subprocess
from jsitext.yamlread import MAX_FILE_BYTES

BODY = "paragraphs:\n  - text: Each Party shall adopt measures.\n"


# -- encoding and shape --------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "where", "says"),
    [
        (b"title: \xff\xfe Scope\n" + BODY.encode(), "a.yaml:1:8:", "byte 0xff at offset 7 is not valid UTF-8; save the file as UTF-8 [encoding]"),
        (b"title: Scope\n" + bytes(range(256)), "a.yaml:3:118:", "byte 0x80 at offset 141 is not valid UTF-8"),
        (b"", "a.yaml:1:1:", "the article file is empty: it needs at least a title and paragraphs [wrong-type]"),
        (b"- title\n- paragraphs\n", "a.yaml:1:1:", "expected an article (a mapping of keys), found a list [wrong-type]"),
        (b"just some words\n", "a.yaml:1:1:", "expected an article (a mapping of keys), found 'just some words' [wrong-type]"),
        (b"title: Scope\nparagraphs:\n\t- text: x\n", "a.yaml:3:1:", "indent with spaces, not tabs [yaml-syntax]"),
        (b"title: Scope\nparagraphs:\n  - text: a bell \x07 here\n", "a.yaml:3:18:", "control character U+0007 is not allowed"),
        (b'title: Scope\nparagraphs:\n  - text: "an escaped \\x1b"\n', "a.yaml:3:23:", "control character U+001B, written as an escape, is not allowed"),
        ("title: Scope\nparagraphs:\n  - text: a line\u2028separator\n".encode(), "a.yaml:3:17:", "control character U+2028"),
    ],
    ids=["not-utf8", "binary", "empty", "list", "scalar", "tab-indent", "control-raw", "control-escaped", "line-separator"],
)
def test_a_broken_file_is_a_finding_at_its_place(text, capsys, content: bytes, where: str, says: str) -> None:
    run = run_in_process(capsys, "check", text(content))
    assert_refused(run, codes=(1,), where=where, says=says)


def test_a_binary_file_named_yaml_in_a_real_process(text) -> None:
    folder = text(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 64)
    run = run_subprocess("check", folder)
    assert_refused(run, codes=(1,), where="a.yaml:2:118:", says="byte 0x80 at offset 135 is not valid UTF-8")


@pytest.mark.parametrize(
    "content",
    ["\ufefftitle: Scope\n" + BODY, "title: Scope\r\nparagraphs:\r\n  - text: Each Party shall adopt measures.\r\n"],
    ids=["bom", "crlf"],
)
def test_a_bom_and_crlf_line_ends_load_fine(text, capsys, content: str) -> None:
    run = run_in_process(capsys, "check", text(content.encode("utf-8")))
    assert (run.code, run.out) == (0, "no problems in 2 files\n")


@pytest.mark.parametrize(
    "outline",
    [b"", b"- A\n", b"sections\n", b"title: T\nsections: [[[a]]]\n", b"title: T\nsections:\n  - id: A\n    articles: {a: 1}\n"],
    ids=["empty", "list", "scalar", "nested-lists", "articles-mapping"],
)
def test_a_broken_outline_is_a_finding(text, capsys, outline: bytes) -> None:
    run = run_in_process(capsys, "check", text(outline=outline))
    assert_refused(run, codes=(1,), where="text.yaml:", says="[wrong-type]")


@pytest.mark.parametrize("members", [b"", b"- US\n", b"x", bytes(range(256)), b"members:\n  - 5\n  - code: [a]\ngroups:\n  G: G\n"])
def test_a_broken_members_file_is_a_finding_or_nothing(text, capsys, members: bytes) -> None:
    run = run_in_process(capsys, "check", text(members=members))
    assert run.code in (0, 1) and "Traceback" not in run.both
    assert run.code == 0 or "members.yaml:" in run.out


# -- YAML features that run code or multiply ---------------------------------------------
def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "text.yaml").write_text(OUTLINE, encoding="utf-8")
    (folder / "a.yaml").write_text('title: !!python/object/apply:os.system ["touch PWNED"]\n' + BODY, encoding="utf-8")
    for command in (["check", folder], ["build", folder, "-o", tmp_path / "out"], ["fmt", folder], ["stats", folder]):
        run = run_subprocess(*command, cwd=tmp_path)
        assert_refused(run, codes=(1,), where="a.yaml:1:8:", says="YAML tag '!!python/object/apply:os.system' is not allowed")
    assert not list(tmp_path.rglob("PWNED"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "where", "code"),
    [
        (b"title: !<tag:yaml.org,2002:python/name:os.system> Scope\n" + BODY.encode(), "a.yaml:1:8:", "yaml-tag"),
        (b"%TAG !e! tag:evil.example,2000:\n---\ntitle: !e!run Scope\n" + BODY.encode(), "a.yaml:3:8:", "yaml-tag"),
        (b"title: &t Scope\n" + BODY.encode(), "a.yaml:1:8:", "yaml-alias"),
        (b"title: Scope\nnote: *t\n" + BODY.encode(), "a.yaml:2:7:", "yaml-alias"),
        (b"title: Scope\n" + BODY.encode() + b"title: Again\n", "a.yaml:4:1:", "duplicate-key"),
        (b"title: Scope\n1: one\n[a, b]: list\n{k: v}: map\n" + BODY.encode(), "a.yaml:3:1:", "wrong-type"),
        (b"title: Scope\n---\ntitle: Second\n", "a.yaml:2:1:", "yaml-syntax"),
    ],
    ids=["verbatim-tag", "tag-directive", "anchor", "alias", "duplicate-key", "non-string-keys", "two-documents"],
)
def test_yaml_features_are_refused(text, capsys, content: bytes, where: str, code: str) -> None:
    run = run_in_process(capsys, "check", text(content))
    assert_refused(run, codes=(1,), where=where, says=f"[{code}]")


def test_an_alias_bomb_is_refused_at_once(text) -> None:
    lines = ['lol: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    run = run_subprocess("check", text("\n".join(lines) + "\n"))
    assert_refused(run, codes=(1,), where="a.yaml:1:6:", says="YAML anchors ('&name') are not allowed; remove the anchor [yaml-alias]")


# -- nesting --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("title: Scope\nparagraphs: " + "[" * 5000 + "]" * 5000 + "\n", "a.yaml:2:76:"),
        ("title: Scope\nparagraphs:\n" + "- " * 5000 + "x\n", "a.yaml:3:127:"),
        ("title: Scope\nparagraphs: " + "{a: " * 3000 + "x" + "}" * 3000 + "\n", "a.yaml:2:"),
    ],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_thousands_of_nested_yaml_collections_stop_at_the_limit(text, content: str, where: str) -> None:
    run = run_subprocess("check", text(content))
    assert_refused(run, codes=(1,), where=where, says="YAML nested deeper than 64 levels [nesting-too-deep]")


def test_thousands_of_nested_brackets_stop_at_the_limit(text) -> None:
    run = run_subprocess("check", text("title: Scope\nparagraphs:\n  - text: '" + "[a " * 5000 + "]" * 5000 + "'\n"))
    assert_refused(run, codes=(1,), where="a.yaml:3:108:", says="in text: brackets nested deeper than 32 levels [nesting-too-deep]")


def test_brackets_at_the_depth_limit_build_in_every_format(text, tmp_path: Path, capsys) -> None:
    folder = text("title: Scope\nparagraphs:\n  - text: '" + "[a " * 32 + "b" + "]" * 32 + "{US}'\n")
    run = run_in_process(capsys, "build", folder, "-o", tmp_path / "out", "-f", "md,html,txt,json,docx")
    assert run.code == 0, run.both
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"consolidated.{f}" for f in ("docx", "html", "json", "md", "txt")]


# -- size -----------------------------------------------------------------------------
def test_a_5_mb_article_is_refused_with_the_documented_limit(text) -> None:
    content = b"title: Scope\nparagraphs:\n  - text: " + b"word " * 1_000_000 + b"\n"
    run = run_subprocess("check", text(content))
    assert_refused(
        run, codes=(1,), where="a.yaml: error:", says="file is 5,000,036 bytes, over the limit of 2 MiB per file; split the article [file-too-large]"
    )
    assert MAX_FILE_BYTES == 2 * 1024 * 1024
    assert "files over 2 MiB" in (Path(__file__).parents[2] / "docs" / "format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "body",
    [
        "title: Scope\n" + "".join(f"k{i}: v\n" for i in range(50_000)) + BODY,
        "title: Scope\nparagraphs:\n  - text: '" + "\\@" * 900_000 + "'\n",
        "title: Scope\nparagraphs:\n  - text: '[x]{" + ",".join(f"C{i}" for i in range(50_000)) + "}'\n",
        "title: Scope\nparagraphs:\n  - text: '[x]{" + "US," * 50_000 + "US}'\n",
        'title: Scope\nparagraphs:\n  - text: "' + "\\x01" * 200_000 + '"\n',
        "title: Scope\nparagraphs:\n  - text: a\n" + "\x01" * 1_500_000,
    ],
    ids=["50k-unknown-keys", "900k-escapes", "50k-unknown-codes", "50k-duplicate-codes", "200k-escaped-controls", "1.5M-controls"],
)
def test_a_file_just_under_the_limit_is_read_in_linear_time(text, body: str) -> None:
    """Each of these once took minutes (a step quadratic in the file size); under the size limit each must take seconds."""
    assert len(body.encode()) < MAX_FILE_BYTES
    run = run_subprocess("check", text(body))
    assert_refused(run, codes=(0, 1))


def test_20000_articles_check_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    ids = [f"a{i}" for i in range(20_000)]
    (folder / "text.yaml").write_text(
        "title: T\nsections:\n  - id: A\n    title: S\n    articles:\n" + "".join(f"      - {i}\n" for i in ids), encoding="utf-8"
    )
    article = (BODY + "title: Scope\n").encode()
    for article_id in ids:
        (folder / f"{article_id}.yaml").write_bytes(article)
    (folder / "a19999.yaml").write_bytes(b"title: Scope\nparagraphs:\n  - text: '[unclosed'\n")
    run = run_subprocess("check", folder)
    assert_refused(run, codes=(1,), where="a19999.yaml:3:12:", says="1 error in 20001 files")
