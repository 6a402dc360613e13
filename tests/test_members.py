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


def test_members_used_counts_every_attribution(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    article = """\
title: x
paragraphs:
  - proponents: [US, JP]
    text: "[a]{US} [b{JP} | c{CN}] [d | e]{US, UK}"
  - alternatives:
      - {proponents: [NO], text: f}
      - {proponents: [US], text: g}
"""
    folder = make_text({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": article})
    assert _run(capsys, "members", "--used", str(folder)) == (
        0,
        "US      4  United States\nJP      2  Japan\nCN      1  China\nNO      1  Norway\nUK      1  United Kingdom\n",
        "",
    )


def test_members_used_json(make_text, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_text({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": "title: x\nparagraphs:\n  - text: '[a]{EU}'\n"})
    code, out, _ = _run(capsys, "members", "--used", str(folder), "-f", "json")
    assert (code, json.loads(out)) == (0, [{"code": "EU", "name": "European Union", "uses": 1}])


def test_members_used_of_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "members", "--used", str(tmp_path / "nowhere"))
    assert (code, out, err) == (2, "", f"jsitext: error: {tmp_path / 'nowhere'}: no such folder\n")


def test_members_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "members", "-f", "xml") == (2, "", "jsitext: error: unknown format 'xml'; choose one of: text, json\n")


def test_docs_members_lists_every_builtin_member() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "members.md").read_text(encoding="utf-8")
    for member in builtin().members.values():
        assert f"| `{member.code}` | {member.name} |" in docs
