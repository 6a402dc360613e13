"""The built-in member registry and ``jsitext members``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ONE_ARTICLE_TEXT
from jsitext.cli import main
from jsitext.members import builtin


def test_every_wto_member_is_built_in() -> None:
    registry = builtin()
    assert len(registry.members) == 166
    assert all(code.isupper() and code.isalpha() for code in registry.members)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("EU", "European Union"),
        ("GB", "United Kingdom"),
        ("TPKM", "Chinese Taipei"),
        ("HK", "Hong Kong, China"),
        ("MO", "Macao, China"),
        ("NO", "Norway"),
        ("US", "United States"),
        ("KM", "Comoros"),
        ("TL", "Timor-Leste"),
    ],
)
def test_codes_and_wto_names(code: str, name: str) -> None:
    assert builtin().name(code) == name


def test_uk_is_an_alias_of_gb() -> None:
    registry = builtin()
    assert "UK" not in registry.members
    assert registry.canonical("UK") == "GB"
    assert registry.name("UK") == "United Kingdom"
    assert registry.expand("UK") == {"GB"}


def test_tw_is_an_alias_of_tpkm() -> None:
    assert builtin().canonical("TW") == "TPKM"


def test_unknown_codes() -> None:
    registry = builtin()
    assert registry.canonical("XX") is None
    assert registry.canonical("us") is None
    assert registry.name("XX") == "XX"


def test_a_text_extends_the_registry_with_groups() -> None:
    registry = builtin().extended({"XX": "Example"}, {"USA": "US"}, {"FRIENDS": ("Friends", ("AU", "UK"))})
    assert registry.canonical("XX") == "XX"
    assert registry.canonical("USA") == "US"
    assert registry.expand("FRIENDS") == {"FRIENDS", "AU", "GB"}
    assert "FRIENDS" in registry.known_codes()
    assert "FRIENDS" not in builtin().known_codes()


# -- jsitext members -------------------------------------------------------------
def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_members_lists_codes_names_and_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "members")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 166 + 2  # members, and the aliases UK and TW
    assert lines[0] == "AE    United Arab Emirates"
    assert "UK    United Kingdom (alias of GB)" in lines
    assert "TPKM  Chinese Taipei" in lines
    assert "EU    European Union" in lines


def test_members_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "members", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert {"code": "NO", "name": "Norway"} in rows
    assert len(rows) == 168


TWO_ARTICLES_TEXT = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a, b]\n"


def test_members_used_counts_every_attribution_by_member_and_facilitations(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    article = """\
title: x
facilitator: UK
paragraphs:
  - proponents: [US, JP]
    text: "[a]{US} [b{JP} | c{CN}] [d | e]{US, UK}"
  - alternatives:
      - {proponents: [NO], text: f}
      - {proponents: [US, GB], text: g}
"""
    folder = make_text({"text.yaml": TWO_ARTICLES_TEXT, "a.yaml": article, "b.yaml": "title: y\nfacilitator: CA\nparagraphs:\n  - text: h\n"})
    assert _run(capsys, "members", "--used", str(folder)) == (
        0,
        "Code  Uses  Facilitates  Name\n"
        "US       4            0  United States\n"
        "GB       2            1  United Kingdom\n"
        "JP       2            0  Japan\n"
        "CN       1            0  China\n"
        "NO       1            0  Norway\n"
        "CA       0            1  Canada\n",
        "",
    )


def test_members_used_json(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_text({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nfacilitator: TW\nparagraphs:\n  - text: '[a]{EU}'\n"})
    code, out, _ = _run(capsys, "members", "--used", str(folder), "-f", "json")
    assert (code, json.loads(out)) == (
        0,
        [
            {"code": "EU", "name": "European Union", "uses": 1, "facilitates": 0},
            {"code": "TPKM", "name": "Chinese Taipei", "uses": 0, "facilitates": 1},
        ],
    )


def test_members_used_keeps_an_unknown_code_as_written(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_text({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nparagraphs:\n  - text: '[a]{XY}'\n"})
    assert _run(capsys, "members", "--used", str(folder)) == (0, "Code  Uses  Facilitates  Name\nXY       1            0  XY\n", "")


def test_members_used_of_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "members", "--used", str(tmp_path / "nowhere"))
    assert (code, out, err) == (2, "", f"jsitext: error: {tmp_path / 'nowhere'}: no such folder\n")


def test_members_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "members", "-f", "xml") == (2, "", "jsitext: error: unknown format 'xml'; choose one of: text, json\n")


def test_docs_members_lists_every_builtin_member() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "members.md").read_text(encoding="utf-8")
    for member in builtin().members.values():
        assert f"| `{member.code}` | {member.name} |" in docs


def test_members_used_in_a_real_process(make_text) -> None:
    import subprocess
    import sys

    folder = make_text({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nfacilitator: GB\nparagraphs:\n  - text: '[a]{UK}'\n"})
    done = subprocess.run([sys.executable, "-m", "jsitext", "members", "--used", str(folder)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Code  Uses  Facilitates  Name\nGB       1            1  United Kingdom\n", "")
