"""YAML with positions: safety (tags, aliases, encodings, limits), traps, and exact places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import article_problems, assert_problems
from jsitext import yamlread
from jsitext.yamlread import Mapping, Scalar, Sequence, read_yaml


def _read(source: str | bytes) -> yamlread.ReadResult:
    return read_yaml("a.yaml", source.encode("utf-8") if isinstance(source, str) else source)


def _found(source: str | bytes) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in _read(source).problems]


def _only(source: str | bytes) -> tuple[str, int, int, str]:
    (p,) = _read(source).problems
    return p.code, p.line, p.column, p.message


# -- nodes and positions --------------------------------------------------------
def test_nodes_know_their_line_and_column() -> None:
    root = _read("title: Scope\nparagraphs:\n  - text: A Party\n").root
    assert isinstance(root, Mapping)
    (k1, v1), (_k2, v2) = root.pairs
    assert (k1.line, k1.column, v1.line, v1.column) == (1, 1, 1, 8)
    assert isinstance(v2, Sequence)
    (item,) = v2.items
    assert isinstance(item, Mapping)
    assert (item.line, item.column) == (3, 5)
    value = item.pairs[0][1]
    assert isinstance(value, Scalar)
    assert (value.value, value.line, value.column) == ("A Party", 3, 11)


def test_every_scalar_stays_a_string() -> None:
    """NO is Norway, not false; yes, on, 1.0 and dates stay as written."""
    root = _read("p: [NO, yes, on, 1.0, 2022-12-14, ~]\n").root
    assert isinstance(root, Mapping)
    values = root.pairs[0][1]
    assert isinstance(values, Sequence)
    assert [v.value for v in values.items if isinstance(v, Scalar)] == ["NO", "yes", "on", "1.0", "2022-12-14", "~"]
    assert [v.is_null for v in values.items if isinstance(v, Scalar)] == [False] * 5 + [True]


def test_no_is_norway_through_the_loader() -> None:
    assert_problems("title: T\nparagraphs:\n  - proponents: [NO, CH]\n    text: A Party shall.\n")


# -- safety ---------------------------------------------------------------------
def test_a_python_tag_is_refused_and_never_run(tmp_path) -> None:
    marker = tmp_path / "ran"
    source = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    assert _only(source) == ("yaml-tag", 1, 8, "YAML tag '!!python/object/apply:os.system' is not allowed; remove it (quote the value if it is text)")
    assert _read(source).root is None
    assert not marker.exists()


@pytest.mark.parametrize("source", ["title: !custom x\n", "title: !!str x\n", "title: !<tag:yaml.org,2002:str> x\n"])
def test_every_tag_is_refused(source: str) -> None:
    assert _only(source)[:3] == ("yaml-tag", 1, 8)


def test_anchor_refused() -> None:
    assert _only("a: &x 1\nb: *x\n") == ("yaml-alias", 1, 4, "YAML anchors ('&name') are not allowed; remove the anchor")


def test_alias_refused() -> None:
    # an alias to nothing never gets as far as expansion
    assert _only("a: 1\nb: *x\n")[:3] in {("yaml-alias", 2, 4), ("yaml-syntax", 2, 4)}


def test_alias_bomb_refused_before_expansion() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    # 9**9 strings once expanded; refused at the first anchor, so the test is instant
    assert _found("\n".join(lines) + "\n") == [("yaml-alias", 1, 4)]


def test_bom_and_crlf_accepted() -> None:
    result = _read(b"\xef\xbb\xbftitle: x\r\nparagraphs:\r\n  - text: a\r\n")
    assert result.problems == []
    assert isinstance(result.root, Mapping)
    assert (result.root.line, result.root.column) == (1, 1)


def test_crlf_positions_count_lines_not_bytes() -> None:
    assert_problems(b"title: T\r\nparagraphs:\r\n  - text: a ]\r\n", ("unmatched-closing-bracket", 3, 13))


def test_non_utf8_names_the_byte_offset() -> None:
    assert _only("title: T\nnote: caf\u00e9\n".encode("latin-1")) == (
        "encoding",
        2,
        10,
        "byte 0xe9 at offset 18 is not valid UTF-8; save the file as UTF-8",
    )


def test_utf16_is_not_utf8() -> None:
    assert _only("title: x\n".encode("utf-16"))[:3] == ("encoding", 1, 1)


@pytest.mark.parametrize(("char", "column"), [("\x07", 9), ("\x00", 9), ("\x0b", 9), ("\x1b", 9), ("\x7f", 9), ("\u2028", 9), ("\x85", 9)])
def test_control_characters_are_refused(char: str, column: int) -> None:
    code, line, col, message = _only(f"title: T\nnote: ab{char}c\n")
    assert (code, line, col) == ("control-character", 2, column)
    assert message == f"control character U+{ord(char):04X} is not allowed (Word files cannot hold it); delete it"


@pytest.mark.parametrize("escape", ["\\a", "\\x07", "\\u0000", "\\e", "\\N", "\\L"])
def test_control_characters_written_as_escapes_are_refused(escape: str) -> None:
    """A double-quoted escape must not smuggle in what the raw text may not hold."""
    source = f'title: T\nnote: "ab{escape}c"\n'
    code, line, col, _ = _only(source)
    assert (code, line, col) == ("control-character", 2, 10)


def test_tab_and_newline_in_text_are_fine() -> None:
    assert _found("title: T\nnote: |\n  a\tb\n  c\n") == []
    assert _found('title: T\nnote: "a\\tb"\n') == []


def test_tab_indentation_says_use_spaces() -> None:
    code, line, col, message = _only("title: T\nparagraphs:\n\t- text: a\n")
    assert (code, line, col) == ("yaml-syntax", 3, 1)
    assert message.endswith("; indent with spaces, not tabs")


def test_file_too_large() -> None:
    data = b"title: T\n" + b"# padding\n" * (yamlread.MAX_FILE_BYTES // 10 + 1)
    code, line, col, message = _only(data)
    assert (code, line, col) == ("file-too-large", 0, 0)
    assert message.endswith("over the limit of 2 MiB per file; split the article")


@pytest.mark.parametrize(
    "source",
    ["a: " + "[" * 100 + "]" * 100 + "\n", "".join("  " * i + "k:\n" for i in range(100)), "a: " + "{a: " * 100 + "}" * 100 + "\n"],
)
def test_deep_nesting_is_refused_without_recursion(source: str) -> None:
    ((code, _, _),) = _found(source)
    assert code == "nesting-too-deep"


def test_very_deep_nesting_does_not_crash() -> None:
    assert [c for c, _, _ in _found("a: " + "[" * 100_000 + "]" * 100_000 + "\n")] == ["nesting-too-deep"]


def test_duplicate_key_points_at_the_second() -> None:
    assert _only("title: a\ntitle: b\n") == ("duplicate-key", 2, 1, "key 'title' appears twice in this mapping (first on line 1); keep one")


def test_a_duplicate_key_refuses_the_file() -> None:
    # Which value was meant is unknown: the file is not read further (fmt and withdraw refuse it the same way).
    assert_problems("title: a\ntitle: b\nparagraphs:\n  - text: a ]\n", ("duplicate-key", 2, 1))


def test_second_document_is_refused() -> None:
    assert _only("title: a\n---\ntitle: b\n") == ("yaml-syntax", 2, 1, "a file holds one YAML document; remove the second '---'")


def test_empty_file_has_no_root() -> None:
    assert _read("").root is None
    assert _read("# only a comment\n").root is None


# -- traps negotiators hit ----------------------------------------------------
def test_text_starting_with_a_bracket_is_a_list_to_yaml() -> None:
    (p,) = article_problems("title: T\nparagraphs:\n  - text: [a Party]{US} shall\n")
    assert (p.code, p.line, p.column) == ("yaml-syntax", 3, 20)
    assert "a value beginning with '[' or '{' is read by YAML as a list or mapping: write the text as a block (>-)" in p.message


def test_text_that_is_only_a_bracket_is_the_wrong_type() -> None:
    (p,) = article_problems("title: T\nparagraphs:\n  - text: [a Party shall]\n")
    assert (p.code, p.line, p.column) == ("wrong-type", 3, 11)
    assert p.message == ("expected text (text), found a list; YAML reads a value beginning with '[' as a list: write the text as a block (>-) or quote it")


def test_text_starting_with_a_brace_is_a_mapping_to_yaml() -> None:
    (p,) = article_problems("title: T\nparagraphs:\n  - text: {US}\n")
    assert p.code == "wrong-type"
    assert p.message.endswith("YAML reads a value beginning with '{' as a mapping: write the text as a block (>-) or quote it")


def test_text_starting_with_at_cannot_be_plain() -> None:
    (p,) = article_problems("title: T\nparagraphs:\n  - text: '@scope applies'\n  - text: @scope applies\n")
    assert (p.code, p.line, p.column) == ("yaml-syntax", 4, 11)
    assert p.message.endswith("a value cannot begin with '@' in plain YAML: write it as a block (>-) or quote it")


def test_colon_space_inside_plain_text() -> None:
    (p,) = article_problems("title: T\nparagraphs:\n  - text: Purpose: to promote\n")
    assert p.code == "yaml-syntax"
    assert p.message.endswith("a ': ' inside a value needs the value written as a block (>-) or quoted")


def test_the_safe_way_block_scalar() -> None:
    assert_problems("title: T\nparagraphs:\n  - text: >-\n      [a Party]{US} shall: @a applies\n")


def test_double_quoted_markup_escape_needs_a_doubled_backslash() -> None:
    assert_problems('title: T\nparagraphs:\n  - text: "a \\\\[ b"\n')
    (p,) = article_problems('title: T\nparagraphs:\n  - text: "a \\[ b"\n')
    assert (p.code, p.line, p.column) == ("yaml-syntax", 3, 14)


# -- positions of characters inside scalars --------------------------------------
@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        # plain scalar, one line and continued
        ("  - text: a ]\n", 3, 13),
        ("  - text: first\n      second ]\n", 4, 14),
        # folded block, second line, and after a blank line
        ("  - text: >-\n      first line and\n      second ]x\n", 5, 14),
        ("  - text: >-\n      a\n\n      b ]\n", 6, 9),
        ("  - text: >- # a comment\n      b ]\n", 4, 9),
        # literal block
        ("  - text: |\n      first line and\n      second ]x\n", 5, 14),
        ("  - text: |-\n      first\n        indented\n      b ]\n", 6, 9),
        # single-quoted, with a doubled quote
        ("  - text: 'it''s ]'\n", 3, 18),
        # double-quoted: one line, continued, with escapes before the character
        ('  - text: "a ]"\n', 3, 14),
        ('  - text: "line one\n      line two ]"\n', 4, 16),
        ('  - text: "a \\\\\\\\ ]"\n', 3, 19),
        ('  - text: "caf\\u00e9 ]"\n', 3, 22),
        ('  - text: "a\\tb ]"\n', 3, 17),
        ('  - text: "a\\nb ]"\n', 3, 17),
        ('  - text: "a \\x41 ]"\n', 3, 19),
        ('  - text: "a \\"b\\" ]"\n', 3, 20),
        ('  - text: "a\\\n      b ]"\n', 4, 9),
    ],
)
def test_position_of_a_character_inside_a_scalar(source: str, line: int, column: int) -> None:
    assert_problems("title: T\nparagraphs:\n" + source, ("unmatched-closing-bracket", line, column))


def test_position_inside_an_item_and_a_footnote() -> None:
    source = """\
title: T
paragraphs:
  - text: "No Party shall:"
    items:
      - text: >-
          prohibit parties from
          determining [methods{US}
        items:
          - text: sub-item [with]{ZZ} ]
    footnote: >-
      A footnote @nowhere.
"""
    # one pass: the sub-item's error is reported although its item is broken too
    found = assert_problems(source, ("unclosed-bracket", 7, 23), ("unmatched-closing-bracket", 9, 39), ("unknown-reference", 11, 18))
    assert [p.breadcrumb for p in found] == ["a → paragraph 1 → (a)", "a → paragraph 1 → (a) → (i)", "a → paragraph 1 → footnote"]


def test_locate_past_the_end_stays_in_the_scalar() -> None:
    root = _read("k: abc\n").root
    assert isinstance(root, Mapping)
    value = root.pairs[0][1]
    assert isinstance(value, Scalar)
    assert [value.locate(i) for i in range(3)] == [(1, 4), (1, 5), (1, 6)]


# -- property: the place of a character, however the scalar is written ------------
_CHARS = st.sampled_from([*"ab xé\"'#:-", "\u00a0", "\u4e2d"])


def _double_quoted(value: str, forms: list[str]) -> str:
    """VALUE written as a double-quoted YAML scalar, each character in a drawn form."""
    out = []
    for ch, form in zip(value, forms, strict=False):
        if ch == "]" or form == "plain":
            out.append('\\"' if ch == '"' else ch)
        elif form == "x" and ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif form == "break":
            out.append(('\\"' if ch == '"' else ch) + "\\\n      ")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


def _folded(value: str, breaks: list[str]) -> str:
    words = value.split(" ")
    lines = [words[0]]
    for word, form in zip(words[1:], breaks, strict=False):
        if form == "break" and lines[-1] and word:
            lines.append(word)
        else:
            lines[-1] += " " + word
    return ">-\n" + "".join(f"      {line}\n" for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CHARS, max_size=25), st.lists(_CHARS, max_size=10), st.lists(st.sampled_from(["plain", "x", "u", "break"]), min_size=40, max_size=40))
def test_a_character_is_placed_exactly_in_any_written_form(before: list[str], after: list[str], forms: list[str]) -> None:
    value = "".join(before).strip() + " ]" + "".join(after).rstrip()
    for scalar in (_double_quoted(value, forms), _folded(value.replace('"', "").replace("  ", " "), forms)):
        source = f"title: T\nparagraphs:\n  - text: {scalar}\n"
        result = _read(source)
        if result.problems:  # folding may produce a ': ' or ' #' that YAML reads otherwise
            continue
        found = [(p.code, p.line, p.column) for p in article_problems(source)]
        index = source.index("]")
        line = source.count("\n", 0, index) + 1
        column = index - source.rfind("\n", 0, index)
        assert found == [("unmatched-closing-bracket", line, column)], source


@pytest.mark.parametrize("source", ["[", "title: x\n[", "title: [x,\n", 'title: "open'])
def test_a_syntax_error_at_the_end_of_the_file_is_a_finding(source: str) -> None:
    ((code, line, _),) = _found(source)
    assert code == "yaml-syntax"
    assert line >= 1


_YAMLISH = st.lists(
    st.sampled_from(
        [
            "title: x\n",
            "paragraphs:\n",
            "  - text: ",
            "  - ",
            "    items:\n",
            ">-\n",
            "|\n",
            '"',
            "'",
            "[",
            "]",
            "{",
            "}",
            "@",
            "\\",
            "a",
            " ",
            "\n",
            "US",
            ",",
            ":",
            "#",
            "&a ",
            "*a",
            "!!str ",
            "- ",
            "proponents: [NO]\n",
            "alternatives:\n",
            "\t",
            "\x07",
            "\\x07",
            "é",
            "---\n",
            "~",
            "? ",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_YAMLISH, st.binary(max_size=60), st.text(max_size=60)))
def test_any_file_gives_findings_never_an_exception(source: str | bytes) -> None:
    for p in article_problems(source):
        assert p.line >= 0 and p.column >= 0 and p.message
