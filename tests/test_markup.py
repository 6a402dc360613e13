"""The inline markup parser: every construct, every error with its offset, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsitext import markup as mk
from jsitext.markup import Attribution, Bracket, Code, InlineFootnote, MarkupError, Option, Plain, Reference, parse


def _error(source: str) -> tuple[str, int]:
    with pytest.raises(MarkupError) as info:
        parse(source)
    return info.value.code, info.value.offset


# -- constructs -----------------------------------------------------------------
def test_plain_text_is_one_run() -> None:
    assert parse("A Party shall adopt.").runs == (Plain("A Party shall adopt.", "A Party shall adopt.", 0),)


def test_empty_text_has_no_runs() -> None:
    assert parse("").runs == ()


@pytest.mark.parametrize("escape", ["\\[", "\\]", "\\{", "\\}", "\\|", "\\@", "\\^", "\\\\"])
def test_every_escape_shows_its_character(escape: str) -> None:
    tree = parse(f"a {escape} b")
    assert tree.runs == (Plain(f"a {escape} b", f"a {escape[1]} b", 0),)
    assert tree.raw == f"a {escape} b"


def test_reference_keeps_its_offset() -> None:
    tree = parse("as set out in @open-internet-access, a Party")
    assert tree.runs[1] == Reference("open-internet-access", 14)
    assert mk.walk_references(tree.runs) == [Reference("open-internet-access", 14)]


def test_reference_ends_at_the_first_character_outside_an_id() -> None:
    tree = parse("see @scope.")
    assert tree.runs[1:] == (Reference("scope", 4), Plain(".", ".", 10))


def test_unattributed_bracket() -> None:
    (_, bracket, _) = parse("in electronic form[, except as provided]. ").runs
    assert isinstance(bracket, Bracket)
    assert bracket.start == 18
    assert bracket.options == (Option((Plain(", except as provided", ", except as provided", 19),), None, "", 19),)
    assert bracket.proponents == ()
    assert not bracket.is_choice


def test_bracket_attribution_after_the_bracket() -> None:
    (bracket,) = parse("[text]{US, JP}").runs
    assert isinstance(bracket, Bracket)
    assert bracket.attribution == Attribution((Code("US", 7), Code("JP", 11)), "{US, JP}", 6)
    assert bracket.proponents == ("US", "JP")


def test_options_with_their_own_proponents() -> None:
    (bracket,) = parse("[shall{US, JP} | may{CN}]").runs
    assert isinstance(bracket, Bracket)
    assert bracket.is_choice
    assert [o.proponents for o in bracket.options] == [("US", "JP"), ("CN",)]
    assert [o.start for o in bracket.options] == [1, 16]
    assert bracket.options[0].trail == " "
    assert bracket.proponents == ()
    assert [mk.plain_text(mk.option_runs(bracket, o)) for o in bracket.options] == ["shall", "may"]


def test_only_option_attribution_is_the_bracket_s_proponents() -> None:
    (bracket,) = parse("[shall{US}]").runs
    assert isinstance(bracket, Bracket)
    assert bracket.attribution is None
    assert bracket.proponents == ("US",)


def test_choice_with_one_attribution_for_the_whole_bracket() -> None:
    (bracket,) = parse("[may | shall endeavour to]{CN}").runs
    assert isinstance(bracket, Bracket)
    assert bracket.proponents == ("CN",)
    assert mk.plain_text(bracket.options[1].runs) == " shall endeavour to"


def test_whitespace_around_bar_is_layout_in_a_choice() -> None:
    (bracket,) = parse("[ shall |\n may ]").runs
    assert isinstance(bracket, Bracket)
    assert [mk.plain_text(mk.option_runs(bracket, o)) for o in bracket.options] == ["shall", "may"]


def test_one_option_bracket_keeps_every_character() -> None:
    (_, bracket) = parse("person[ in its territory]{SG}").runs
    assert isinstance(bracket, Bracket)
    assert mk.plain_text(mk.option_runs(bracket, bracket.options[0])) == " in its territory"


def test_nested_brackets() -> None:
    tree = parse("[each Party [shall]{EU} endeavour to]{JP}")
    outer, inner = mk.walk_brackets(tree.runs)
    assert (outer.start, outer.proponents) == (0, ("JP",))
    assert (inner.start, inner.proponents) == (12, ("EU",))
    assert mk.plain_text(tree.runs) == "[each Party [shall] endeavour to]"


def test_reference_inside_a_bracket() -> None:
    tree = parse("[subject to @general-exceptions]{IN}")
    assert mk.walk_references(tree.runs) == [Reference("general-exceptions", 12)]
    assert mk.plain_text(tree.runs, number=lambda aid: "Article F.1") == "[subject to Article F.1]"


@pytest.mark.parametrize("source", ["[X]", "[x]", "[date]", "[...]", "[ number ]"])
def test_placeholders(source: str) -> None:
    (bracket,) = parse(source).runs
    assert isinstance(bracket, Bracket)
    assert bracket.is_placeholder


@pytest.mark.parametrize("source", ["[X]{US}", "[X | Y]", "[shall]"])
def test_not_placeholders(source: str) -> None:
    (bracket,) = parse(source).runs
    assert isinstance(bracket, Bracket)
    assert not bracket.is_placeholder


def test_plain_text_shows_choices_with_a_slash() -> None:
    assert mk.plain_text(parse("Parties [may{US} | shall{CN}] act").runs) == "Parties [may / shall] act"


def test_attribution_may_be_followed_by_layout_before_bar_or_close() -> None:
    tree = parse("[a{US}\n  | b{JP}  ]")
    (bracket,) = tree.runs
    assert isinstance(bracket, Bracket)
    assert [o.trail for o in bracket.options] == ["\n  ", "  "]
    assert tree.raw == "[a{US}\n  | b{JP}  ]"


def test_walk_brackets_reads_in_order_inside_options() -> None:
    tree = parse("[a [b] | c [d [e]]] [f]")
    assert [mk.plain_text(b.options[0].runs)[:1] for b in mk.walk_brackets(tree.runs)] == ["a", "b", "d", "e", "f"]


# -- errors ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "code", "offset"),
    [
        ("a [b", "unclosed-bracket", 2),
        ("[a [b] c", "unclosed-bracket", 0),
        ("a ]b", "unmatched-closing-bracket", 2),
        ("[a]]", "unmatched-closing-bracket", 3),
        ("x []", "empty-bracket", 2),
        ("x [  ]{US}", "empty-bracket", 2),
        ("[{US}]", "empty-bracket", 0),
        ("[a | ]", "empty-bracket", 4),
        ("[a |  | b]", "empty-bracket", 4),
        ("a {US} b", "misplaced-attribution", 2),
        ("[a] {US}", "misplaced-attribution", 4),
        ("a | b", "misplaced-attribution", 2),
        ("[a{US}]{JP}", "misplaced-attribution", 7),
        ("[a{US} b]", "misplaced-attribution", 2),
        ("[a},]", "misplaced-attribution", 2),  # a stray brace was read as a bar
        ("a } b", "misplaced-attribution", 2),
        ("[a{US}{JP}]", "misplaced-attribution", 6),
        ("[a{US} @scope]", "misplaced-attribution", 2),
        ("[a{US} [b]]", "misplaced-attribution", 2),
        ("[a]{US}{JP}", "misplaced-attribution", 7),
        ("a \\q", "invalid-escape", 2),
        ("a \\", "invalid-escape", 2),
        ("[a]{}", "invalid-attribution", 3),
        ("[a]{US,}", "invalid-attribution", 3),
        ("[a]{US, J P}", "invalid-attribution", 8),
        ("[a]{US", "invalid-attribution", 3),
        ("[a]{US{JP}}", "invalid-attribution", 3),
        ("mail @ home", "invalid-reference", 5),
        ("@Scope", "invalid-reference", 0),
        ("[" * 40 + "a" + "]" * 40, "nesting-too-deep", 32),
        ("word^[a footnote", "unclosed-bracket", 4),
        ("word^[]", "empty-footnote", 4),
        ("word^[  ]", "empty-footnote", 4),
        ("word^[a ^[b] c]", "nested-footnote", 8),
        ("word^[a [b ^[c]] d]", "nested-footnote", 11),
        ("word^[a | b]", "misplaced-attribution", 8),
        ("word^[a {US}]", "misplaced-attribution", 8),
        ("[a]^[note]{US}", "misplaced-attribution", 10),
        ("[a{US}^[note] | b]", "misplaced-attribution", 2),
        ("[relating to digital trade{EU}, where practicable.", "unclosed-bracket", 0),
        ("[relating to digital trade{EU} @scope", "unclosed-bracket", 0),
    ],
)
def test_errors_name_their_code_and_offset(source: str, code: str, offset: int) -> None:
    assert _error(source) == (code, offset)


def test_error_messages_say_how_to_fix() -> None:
    with pytest.raises(MarkupError) as info:
        parse("a [b")
    assert info.value.message == "bracket opened here is never closed; add ']' or escape it as '\\['"
    with pytest.raises(MarkupError) as info:
        parse("a ]")
    assert info.value.message == "']' closes no bracket; remove it or escape it as '\\]'"


def test_a_missing_close_before_an_attribution_says_so() -> None:
    with pytest.raises(MarkupError) as info:
        parse("[relating to digital trade{EU}, where practicable.")
    assert info.value.message == "bracket opened here is never closed; a ']' is probably missing before '{EU}'"


def test_latex_footnote_gets_the_jsitext_way() -> None:
    with pytest.raises(MarkupError) as info:
        parse("measures\\footnote{x}")
    assert info.value.message.endswith("; a footnote is written word^[footnote text]")


# -- footnotes --------------------------------------------------------------------
def test_footnote_right_after_a_word() -> None:
    tree = parse("electronic transmissions^[For greater certainty.], including")
    assert tree.runs == (
        Plain("electronic transmissions", "electronic transmissions", 0),
        InlineFootnote((Plain("For greater certainty.", "For greater certainty.", 26),), 24),
        Plain(", including", ", including", 49),
    )
    assert mk.walk_footnotes(tree.runs) == [tree.runs[1]]


def test_footnote_after_an_attribution_holds_markup() -> None:
    tree = parse("[and electronic seals]{EU}^[see [qualified]{EU} seals and @scope]")
    bracket, footnote = tree.runs
    assert isinstance(bracket, Bracket) and bracket.proponents == ("EU",)
    assert isinstance(footnote, InlineFootnote)
    assert [b.proponents for b in mk.walk_brackets(tree.runs)] == [("EU",), ("EU",)]  # a footnote's brackets count
    assert mk.walk_references(tree.runs) == [Reference("scope", 58)]
    assert tree.raw == "[and electronic seals]{EU}^[see [qualified]{EU} seals and @scope]"


def test_footnote_inside_an_option_before_its_attribution() -> None:
    bracket = parse("[shall^[note]{US} | may]").runs[0]
    assert isinstance(bracket, Bracket) and bracket.options[0].proponents == ("US",)
    assert isinstance(bracket.options[0].runs[1], InlineFootnote)


@pytest.mark.parametrize("source", ["a caret ^ alone", "x^2", "[^1]", "\\^[not a footnote]"])
def test_a_caret_not_before_a_bracket_is_text(source: str) -> None:
    assert not mk.walk_footnotes(parse(source).runs)


def test_a_literal_caret_stays_inside_its_text_run() -> None:
    assert parse("x^2 and y^ [a]").runs[0] == Plain("x^2 and y^ ", "x^2 and y^ ", 0)


def test_a_brace_after_an_attribution_is_not_part_of_it() -> None:
    """The check for a '{' inside an attribution looks only up to its '}': a later
    attribution or escaped brace (however far on) leaves it alone."""
    runs = parse("[a]{US} then " + "words " * 500 + "[b]{JP, CN} and \\{c\\}").runs
    brackets = mk.walk_brackets(runs)
    assert [b.proponents for b in brackets] == [("US",), ("JP", "CN")]
    assert runs[-1] == Plain(" and \\{c\\}", " and {c}", runs[-1].start)


def test_plain_text_writes_a_footnote_as_written() -> None:
    assert mk.plain_text(parse("word^[a [b]{US}]").runs, codes=True) == "word^[a [b]{US}]"


def test_nesting_at_the_limit_is_fine() -> None:
    depth = mk.MAX_DEPTH
    tree = parse("[" * depth + "a" + "]" * depth)
    assert len(mk.walk_brackets(tree.runs)) == depth


# -- properties -----------------------------------------------------------------
_MARKUP_CHARS = st.sampled_from([*list("[]{}|@\\^ ,aZ-\n"), "^[", "US", "JP", "scope", "é"])
_ANY_TEXT = st.one_of(st.text(max_size=60), st.lists(_MARKUP_CHARS, max_size=40).map("".join))


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT)
def test_any_string_gives_a_tree_or_a_positioned_error(source: str) -> None:
    try:
        tree = parse(source)
    except MarkupError as err:
        assert 0 <= err.offset < max(len(source), 1)
        assert err.code in {
            "unclosed-bracket",
            "unmatched-closing-bracket",
            "empty-bracket",
            "misplaced-attribution",
            "invalid-attribution",
            "invalid-escape",
            "invalid-reference",
            "nesting-too-deep",
            "empty-footnote",
            "nested-footnote",
        }
    else:
        assert tree.raw == source


def _word() -> st.SearchStrategy[str]:
    return st.text(alphabet="abc xyz,.;\n", min_size=1, max_size=8).filter(str.strip)


def _escape() -> st.SearchStrategy[str]:
    return st.sampled_from(["\\[", "\\]", "\\{", "\\}", "\\|", "\\@", "\\\\"])


def _codes() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(["US", "JP", "EU", "CN"]), min_size=1, max_size=3).map(lambda cs: "{" + ", ".join(cs) + "}")


def _valid(depth: int = 3) -> st.SearchStrategy[str]:
    """Generate only valid markup, brackets nested up to DEPTH."""
    leaf = st.one_of(_word(), _escape(), st.sampled_from(["@scope", "@open-internet-access"]).map(lambda r: r + " "))
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=3).map("".join)
    inner = _valid(depth - 1)
    option = st.tuples(inner, st.one_of(st.just(""), _codes()), st.sampled_from(["", " ", "\n"]))
    single = st.tuples(inner, st.one_of(st.just(""), _codes())).map(lambda t: f"[{t[0]}]{t[1]}")
    choice = st.tuples(st.lists(option, min_size=2, max_size=3), st.one_of(st.just(""), _codes())).map(
        lambda t: "[" + "|".join(text + codes + (trail if codes else "") for text, codes, trail in t[0]) + "]" + t[1]
    )
    bracket = st.one_of(single, choice)
    footnote = _valid(0).map(lambda text: f"^[{text}]")  # footnotes do not nest: their text holds no footnote
    return st.lists(st.one_of(leaf, bracket, footnote), min_size=1, max_size=3).map("".join)


@settings(max_examples=200, deadline=None)
@given(_valid())
def test_any_valid_tree_writes_back_the_identical_string(source: str) -> None:
    tree = parse(source)
    assert tree.raw == source
    assert parse(tree.raw) == tree
