"""Edits never change what the text says (issue 12 §1): fmt, withdraw and new.

Every editing command sees a file as check does, every scalar a string whatever its
style, and reads its result back before writing: what the file means afterwards is
what it meant before plus the intended edit, or the command refuses with a finding
(exit 1) and writes nothing.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.kit import OUTLINE, assert_refused, run_in_process, write_text
from jsitext.authoring.roundtrip import plain
from jsitext.cli import main
from jsitext.yamlread import read_yaml

#: Values a YAML resolver would type (numbers, specials, booleans, timestamps, nulls).
TYPABLE = [
    "+12",
    "12",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "1e3",
    ".5",
    "+.5",
    ".NaN",
    ".nan",
    "-.Inf",
    ".inf",
    "2024-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "9" * 5000,
    "-" + "1" * 400,
    "yes",
    "no",
    "NO",
    "Yes",
    "on",
    "off",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "1:20",
    "=",
    "<<",
]
NULLS = {"", "~", "null", "Null", "NULL"}
#: Member codes a resolver would type, defined by the text's members.yaml.
CODES = ["NO", "YES", "ON", "OFF", "Y", "N", "TRUE", "FALSE", "NULL"]
MEMBERS = "members:\n" + "".join(f'  "{c}": Member {c}\n' for c in CODES if c != "NO")


def meaning(path: Path) -> Any:
    """A file's meaning as check reads it: mappings, lists, strings and nulls."""
    result = read_yaml(str(path), path.read_bytes())
    assert not [p for p in result.problems if p.is_error], result.problems
    return plain(result.root)


# -- the seen cases -------------------------------------------------------------------
ARTICLE_NO = "title: Scope\nparagraphs:\n  - proponents: [NO, JP, US]\n    text: Each Party shall act.\n"


@pytest.mark.parametrize(
    ("argv", "article", "changed", "kept"),
    [
        (["withdraw", "US"], ARTICLE_NO, {"proponents: [NO, JP]"}, set()),
        (["withdraw", "US"], ARTICLE_NO.replace("Scope", "+12"), {"proponents: [NO, JP]"}, {"title: +12"}),
        (["withdraw", "US"], ARTICLE_NO.replace("title: Scope", "title:\tScope"), {"proponents: [NO, JP]"}, set()),
        (["withdraw", "US"], ARTICLE_NO.replace("Scope", "yes").replace("NO, ", "NO, Y, "), {"proponents: [NO, Y, JP]"}, {"title: yes"}),
        (["withdraw", "US"], ARTICLE_NO.replace("title: Scope", "title: '+12'\nnote: \"NO\""), {"proponents: [NO, JP]"}, {"title: '+12'", 'note: "NO"'}),
        (["fmt"], "title: +12\nparagraphs:\n  - text: .NaN\n", set(), {"title: +12", "    .NaN"}),
        (["fmt"], "title: 2001-12-14t21:59:43.10-05:00\nparagraphs:\n  - text: -.Inf\n", set(), {"title: 2001-12-14t21:59:43.10-05:00"}),
        (["fmt"], "title: " + "9" * 5000 + "\nparagraphs:\n  - text: x\n", set(), {"title: " + "9" * 5000}),
        (["fmt"], "title:\tScope\nparagraphs:\n  - text:\tx\n", {"title: Scope"}, set()),
    ],
    ids=[
        "withdraw-NO",
        "withdraw-+12",
        "withdraw-tab",
        "withdraw-yes-Y",
        "withdraw-keeps-quotes",
        "fmt-+12-NaN",
        "fmt-timestamp",
        "fmt-5000-digits",
        "fmt-tab",
    ],
)
def test_an_edit_keeps_every_scalar_as_written(text, capsys, argv: list[str], article: str, changed: set[str], kept: set[str]) -> None:
    folder = text(article, members="members:\n  Y: Member Y\n")
    before = meaning(folder / "a.yaml")
    run = run_in_process(capsys, argv[0], *argv[1:], folder)
    assert run.code == 0, run.both
    after_text = (folder / "a.yaml").read_text(encoding="utf-8")
    assert all(line in after_text for line in changed | kept), after_text
    after = meaning(folder / "a.yaml")
    if argv[0] == "fmt":
        assert after == before
    else:
        before["paragraphs"][0]["proponents"].remove("US")
        assert after == before


def test_new_keeps_the_outline_scalars_as_written(text, capsys) -> None:
    outline = "title: T\nsubtitle: -.Inf\nrevision: +1\nsymbol: '0x1F'\nsections:\n  - id: A\n    title: NO\n    articles: [a]\n"
    folder = text(outline=outline)
    before = meaning(folder / "text.yaml")
    run = run_in_process(capsys, "new", "b", folder, "--section", "A", "--title", "+12")
    assert run.code == 0, run.both
    lines = (folder / "text.yaml").read_text(encoding="utf-8").splitlines()
    assert {"subtitle: -.Inf", "revision: +1", "symbol: '0x1F'", "    title: NO", "    articles: [a, b]"} <= set(lines)
    before["sections"][0]["articles"].append("b")
    assert meaning(folder / "text.yaml") == before
    assert meaning(folder / "b.yaml") == {"id": "b", "title": "+12", "status": "placeholder"}


@pytest.mark.parametrize("directive", ["%YAML 1.1", "%YAML 1.2"])
@pytest.mark.parametrize("argv", [["check"], ["fmt"], ["withdraw", "US"], ["stats"]], ids=lambda a: a[0])
def test_a_yaml_directive_is_refused_by_every_command(text, capsys, directive: str, argv: list[str]) -> None:
    folder = text(f"{directive}\n---\n{ARTICLE_NO}")
    before = (folder / "a.yaml").read_bytes()
    run = run_in_process(capsys, argv[0], *argv[1:], folder)
    assert_refused(run, codes=(1,), where="a.yaml:1:1:", says="[yaml-directive]")
    assert (folder / "a.yaml").read_bytes() == before


def test_a_yaml_directive_in_text_yaml_is_refused_by_new(text, capsys) -> None:
    folder = text(outline="%YAML 1.1\n---\n" + OUTLINE)
    run = run_in_process(capsys, "new", "b", folder, "--section", "A")
    assert_refused(run, codes=(1,), where="text.yaml:1:1:", says="[yaml-directive]")
    assert not (folder / "b.yaml").exists()


# -- the read-back before writing ---------------------------------------------------------
def _corrupting_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the round-trip writer change 'Scope' into 'Scop' (a writer bug, for the test)."""
    import jsitext.authoring.roundtrip as rt

    real = rt.dump
    monkeypatch.setattr(rt, "dump", lambda tree: real(tree).replace(b"Scope", b"Scop"))


@pytest.mark.parametrize(
    ("argv", "article", "outline", "where"),
    [
        # a comment keeps fmt on the round trip (a file without one is laid out by authoring.layout)
        (["fmt"], "paragraphs:\n  - text: x  # agreed\ntitle: Scope\n", OUTLINE, "a.yaml:3:8:"),
        (["withdraw", "US"], ARTICLE_NO, OUTLINE, "a.yaml:1:8:"),
        (["new", "b", "--section", "A"], ARTICLE_NO, OUTLINE.replace("title: S", "title: Scope"), "text.yaml:4:12:"),
    ],
    ids=["fmt", "withdraw", "new"],
)
def test_an_edit_whose_result_reads_otherwise_is_a_finding_and_writes_nothing(text, capsys, monkeypatch, argv, article, outline, where) -> None:
    folder = text(article, outline=outline)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _corrupting_dump(monkeypatch)
    run = run_in_process(capsys, argv[0], argv[1], folder, *argv[2:]) if argv[0] != "fmt" else run_in_process(capsys, "fmt", folder)
    assert_refused(run, codes=(1,), where=where, says="[meaning-changed]")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# -- the property -------------------------------------------------------------------------
def _block(value: str, indent: int, style: str) -> str | None:
    if not value or value != value.strip() or "\n" in value or value.startswith("#"):
        return None
    return f"{style}-\n{' ' * indent}{value}"


def _written(value: str, style: str, indent: int) -> str | None:
    """VALUE after a key, in STYLE; None when that style cannot hold it."""
    if style == "plain":
        return value if value not in NULLS else None
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value)
    return _block(value, indent, ">" if style == "folded" else "|")


STYLES = st.sampled_from(["plain", "single", "double", "folded", "literal"])
SEPARATORS = st.sampled_from([": ", ":\t", ":  "])


@st.composite
def scalars(draw: st.DrawFn, indent: int, values: list[str] = TYPABLE) -> str:
    value = draw(st.sampled_from(values))
    style = draw(STYLES)
    written = _written(value, style, indent)
    if written is None:
        written = json.dumps(value)
    return draw(SEPARATORS) + written


@st.composite
def articles(draw: st.DrawFn) -> str:
    code = draw(st.sampled_from(CODES))
    code_written = code if code != "NULL" and draw(st.booleans()) else f"'{code}'"
    lines = [
        "title" + draw(scalars(2, [v for v in TYPABLE if v not in NULLS])),
        "note" + draw(scalars(2)),
        "paragraphs:",
        f"  - proponents: [{code_written}, US]",
        "    text" + draw(scalars(6, [v for v in TYPABLE if v not in NULLS])),
        "  - text" + draw(scalars(6, [v for v in TYPABLE if v not in NULLS])),
        "    footnote" + draw(scalars(6, [v for v in TYPABLE if v not in NULLS])),
    ]
    return "\n".join(lines) + "\n"


@st.composite
def outlines(draw: st.DrawFn) -> str:
    lines = ["title" + draw(scalars(2, [v for v in TYPABLE if v not in NULLS]))]
    lines += [key + draw(scalars(2)) for key in ("subtitle", "symbol", "revision")]
    lines += ["sections:", "  - id: A", "    title" + draw(scalars(6, [v for v in TYPABLE if v not in NULLS])), "    articles: [a]"]
    return "\n".join(lines) + "\n"


def _run(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


def _checks_clean(folder: Path) -> bool:
    return _run("check", folder) == 0


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(article=articles())
def test_fmt_keeps_the_meaning_of_any_scalar(article: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_text(Path(tmp) / "articles", article, members=MEMBERS)
        if not _checks_clean(folder):
            return
        before = meaning(folder / "a.yaml")
        code = _run("fmt", folder)
        assert code in (0, 1)
        assert meaning(folder / "a.yaml") == before


@PROPERTY
@given(outline=outlines())
def test_fmt_keeps_the_meaning_of_any_outline_scalar(outline: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_text(Path(tmp) / "articles", outline=outline)
        if not _checks_clean(folder):
            return
        before = meaning(folder / "text.yaml")
        assert _run("fmt", folder) in (0, 1)
        assert meaning(folder / "text.yaml") == before


@PROPERTY
@given(article=articles())
def test_withdraw_keeps_the_meaning_of_any_scalar(article: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_text(Path(tmp) / "articles", article, members=MEMBERS)
        if not _checks_clean(folder):
            return
        before = meaning(folder / "a.yaml")
        code = _run("withdraw", "US", folder)
        after = meaning(folder / "a.yaml")
        if code == 0:
            before["paragraphs"][0]["proponents"].remove("US")
        else:
            assert code == 1
        assert after == before


@PROPERTY
@given(outline=outlines(), title=st.sampled_from([v for v in TYPABLE if v not in NULLS]))
def test_new_keeps_the_meaning_of_any_scalar(outline: str, title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_text(Path(tmp) / "articles", outline=outline)
        if not _checks_clean(folder):
            return
        before = meaning(folder / "text.yaml")
        code = _run("new", "b", folder, "--section", "A", "--title", title)
        if code == 0:
            before["sections"][0]["articles"].append("b")
            assert meaning(folder / "b.yaml") == {"id": "b", "title": title, "status": "placeholder"}
        else:
            assert code == 1 and not (folder / "b.yaml").exists()
        assert meaning(folder / "text.yaml") == before


# -- anything in: a layout, or findings ---------------------------------------------------------
EDIT_PIECES = st.sampled_from(
    [
        "title: T\n",
        "title:\t",
        "paragraphs:\n",
        "  - text: ",
        "  - proponents: [NO, US]\n",
        "    text: ",
        "'[a|b]{US}'",
        ">-\n      ",
        "|\n      ",
        "\t",
        " # c\n",
        "#\t\n",
        "+12",
        ".NaN",
        "~",
        "- ",
        "[",
        "]",
        ": ",
        '"\\t"',
        '"a\\\tb"',
        "\n",
        "  ",
        "%YAML 1.1\n---\n",
        "sections:\n",
        "  - id: A\n",
        "    articles: [a]\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["a.yaml", "text.yaml"]), st.lists(EDIT_PIECES, max_size=30).map("".join))
def test_fmt_of_any_yaml_shaped_text_is_a_layout_or_findings(name: str, text: str) -> None:
    from jsitext.authoring import roundtrip as rt
    from jsitext.authoring.fmt import format_bytes

    data = text.encode("utf-8")
    try:
        out = format_bytes(name, data)
    except rt.Refused as refused:
        assert refused.problems and all(p.line >= 0 for p in refused.problems)
        return
    assert plain(read_yaml(name, out).root) == plain(read_yaml(name, data).root)
