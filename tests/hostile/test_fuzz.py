"""Fuzzing the markup parser and the loader: anything in, only problems out, never an exception.

The same targets run longer under atheris: see ``fuzz_atheris.py`` and docs/security.md.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.kit import check_bytes
from jsitext import markup
from jsitext.problems import CODES, Problem

MARKUP_CHARS = st.sampled_from([*"[]{}|@\\ ,-\n\tabUSJP", "US", "@a", "\\[", "]{US}", "é", "\u202e", "e\u0301"])
YAML_PIECES = st.sampled_from(
    [
        "title: T\n",
        "paragraphs:\n",
        "  - text: ",
        "'[a|b]{US}'",
        "    items:\n",
        "      - text: x\n",
        "proponents: [US, XX]\n",
        "status: clean\n",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "&a ",
        "*a",
        "!!python/object ",
        "\t",
        "\r\n",
        "\ufeff",
        '"\\x07"',
        '"\\uFFFE"',
        "---\n",
        "? ",
        "|\n",
        ">-\n",
        "  ",
        "\n",
        "sections:\n",
        "  - id: A\n",
        "    articles: [a]\n",
        "members:\n",
        "groups:\n",
        "'",
        '"',
    ]
)
FILES = st.sampled_from(["a.yaml", "text.yaml", "members.yaml"])
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_problems(found: list) -> None:
    assert all(isinstance(p, Problem) and p.code in CODES and p.line >= 0 and p.column >= 0 for p in found)


@FUZZ
@given(st.lists(MARKUP_CHARS, max_size=40).map("".join))
def test_markup_gives_a_tree_that_writes_back_or_an_error_in_the_text(source: str) -> None:
    try:
        parsed = markup.parse(source)
    except markup.MarkupError as err:
        assert 0 <= err.offset <= len(source) and err.code in CODES
    else:
        assert parsed.raw == source
        markup.plain_text(parsed.runs)


@FUZZ
@given(FILES, st.binary(max_size=200))
def test_any_bytes_give_only_problems(name: str, data: bytes) -> None:
    _only_problems(check_bytes(name, data))


@FUZZ
@given(FILES, st.lists(YAML_PIECES, max_size=30).map("".join))
def test_any_yaml_shaped_text_gives_only_problems(name: str, text: str) -> None:
    _only_problems(check_bytes(name, text.encode("utf-8")))
