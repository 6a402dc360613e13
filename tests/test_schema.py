"""Typing YAML into the model: closed key sets, types, statuses, text.yaml and members.yaml."""

from __future__ import annotations

import pytest

from helpers import ONE_ARTICLE_TEXT, article_problems, assert_problems, check_files, load
from jsitext.markup import plain_text
from jsitext.model import Counts, Paragraph
from jsitext.schema import item_label

GOOD = "title: x\nparagraphs:\n  - text: a\n"


def _messages(article: str) -> list[tuple[str, str, str]]:
    return [(p.code, p.message, p.breadcrumb) for p in article_problems(article)]


# -- articles -------------------------------------------------------------------
def test_a_good_article_loads_into_the_model() -> None:
    source = """\
id: a
title: Electronic Authentication
status: parked
small_group: Facilitating electronic transactions
facilitator: EU
note: A facilitator's note.
paragraphs:
  - text: "No Party shall adopt measures that would:"
    items:
      - text: prohibit [mutually]{US} agreed methods; or
        items:
          - text: first
          - text: second
  - proponents: [BR, IN]
    text: Each Party shall endeavour to recognise signatures.
    footnote: A footnote.
  - alternatives:
      - proponents: [US, JP]
        text: Each Party shall encourage interoperability.
      - proponents: [NO]
        text: Parties [may | shall endeavour to]{CN} encourage.
"""
    loaded = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    assert loaded.problems == []
    article = loaded.text.articles["a"]
    assert (article.id, article.title, article.status, article.facilitator) == ("a", "Electronic Authentication", "parked", "EU")
    first, proposal, alternatives = article.paragraphs
    assert [plain_text(i.text.runs) for i in first.items[0].items] == ["first", "second"]
    assert proposal.is_proposal and proposal.proponents == ("BR", "IN")
    assert [a.proponents for a in alternatives.alternatives] == [("US", "JP"), ("NO",)]
    assert article.counts() == Counts(brackets=4, inline=2, proposals=1, alternative_groups=1, options=4)


def test_status_defaults_to_open() -> None:
    assert load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": GOOD}).text.articles["a"].status == "open"


def test_unknown_key_with_did_you_mean() -> None:
    assert _messages("title: x\nparagraph:\n  - text: a\n") == [
        ("missing-key", "an article needs the key 'paragraphs' (only a placeholder may leave it out)", "a"),
        ("unknown-key", "unknown key 'paragraph' in an article (did you mean 'paragraphs'?)", "a"),
    ]


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    ((code, message, _),) = _messages("title: x\nparagraphs:\n  - text: a\n    colour: red\n")
    assert (code, message) == (
        "unknown-key",
        "unknown key 'colour' in a paragraph (the keys of a paragraph are: id, proponents, text, items, alternatives, footnote, notes)",
    )


def test_sub_items_cannot_have_items() -> None:
    source = "title: x\nparagraphs:\n  - text: a\n    items:\n      - text: b\n        items:\n          - text: c\n            items: []\n"
    assert _messages(source) == [("unknown-key", "unknown key 'items' in a sub-item (the keys of a sub-item are: id, text)", "a → paragraph 1 → (a) → (i)")]


def test_missing_title() -> None:
    assert_problems("paragraphs:\n  - text: a\n", ("missing-key", 1, 1))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("- a\n", ("wrong-type", 1, 1)),
        ("just words\n", ("wrong-type", 1, 1)),
        ("", ("wrong-type", 1, 1)),
        ("title: x\nparagraphs: a\n", ("wrong-type", 2, 13)),
        ("title: x\nparagraphs:\n  - text:\n      t: a\n", ("wrong-type", 4, 7)),
        ("title: x\nparagraphs:\n  - a paragraph\n", ("wrong-type", 3, 5)),
        ("title: x\nparagraphs:\n  - text: a\n    proponents: US\n", ("wrong-type", 4, 17)),
        ("title: x\nparagraphs:\n  - text: a\n    proponents: [[US]]\n", ("wrong-type", 4, 18)),
        ("title: x\n~: y\nparagraphs:\n  - text: a\n", ("wrong-type", 2, 1)),
    ],
)
def test_wrong_types(source: str, expected: tuple[str, int, int]) -> None:
    assert expected in [(p.code, p.line, p.column) for p in article_problems(source)]


def test_a_proponent_list_written_as_a_scalar_says_how_to_fix() -> None:
    assert _messages("title: x\nparagraphs:\n  - text: a\n    proponents: US\n") == [("wrong-type", "proponents is a list: write [US]", "a → paragraph 1")]


def test_invalid_status_with_did_you_mean() -> None:
    assert _messages("title: x\nstatus: opne\nparagraphs:\n  - text: a\n") == [("invalid-status", "status 'opne' is not valid (did you mean 'open'?)", "a")]


def test_invalid_status_lists_the_statuses() -> None:
    ((_, message, _),) = _messages("title: x\nstatus: xyz\nparagraphs:\n  - text: a\n")
    assert message == "status 'xyz' is not valid (one of: open, parked, clean, placeholder, withdrawn, merged)"


def test_placeholder_needs_no_paragraphs() -> None:
    assert_problems("title: x\nstatus: placeholder\n")


def test_text_and_alternatives_together() -> None:
    source = "title: x\nparagraphs:\n  - text: a\n    alternatives:\n      - proponents: [US]\n        text: b\n      - proponents: [JP]\n        text: c\n"
    assert _messages(source) == [("invalid-value", "a paragraph has either text or alternatives, not both", "a → paragraph 1")]


def test_alternatives_need_proponents_and_text() -> None:
    source = "title: x\nparagraphs:\n  - alternatives:\n      - text: a\n      - proponents: [US]\n"
    assert assert_problems(source, ("missing-key", 4, 9), ("missing-key", 5, 9))[1].breadcrumb == "a → paragraph 1 → Alt 2"


def test_items_and_proponents_belong_to_each_alternative() -> None:
    source = (
        "title: x\nparagraphs:\n  - proponents: [US]\n    alternatives:\n      - proponents: [US]\n        text: b\n      - proponents: [JP]\n        text: c\n"
    )
    assert _messages(source) == [("invalid-value", "with alternatives, items and proponents belong to each alternative", "a → paragraph 1")]


def test_paragraph_without_text() -> None:
    assert _messages("title: x\nparagraphs:\n  - footnote: a\n") == [("missing-key", "a paragraph needs the key 'text' (or 'alternatives')", "a → paragraph 1")]


def test_id_must_equal_the_file_stem() -> None:
    assert _messages("id: b\n" + GOOD) == [("id-mismatch", "id 'b' differs from the file name 'a'; rename one so they agree", "a")]


def test_one_pass_reports_every_problem_of_a_file() -> None:
    source = "title: x\nstatus: opne\ncolour: red\nparagraphs:\n  - text: a ]\n  - text: b [\n  - proponents: [ZZ]\n    text: c\n"
    assert [p.code for p in article_problems(source)] == ["invalid-status", "unknown-key", "unmatched-closing-bracket", "unclosed-bracket", "unknown-proponent"]


# -- text.yaml --------------------------------------------------------------------
def _text_problems(text_yaml: str) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in check_files({"text.yaml": text_yaml, "a.yaml": GOOD}) if p.path == "text.yaml"]


def test_text_yaml_loads_meta_and_outline() -> None:
    text_yaml = """\
title: Joint Statement Initiative on Electronic Commerce
subtitle: Consolidated Negotiating Text
symbol: INF/ECOM/62/Rev.4
revision: Rev.4
date: 2022-12-14
access: restricted
cover_note: >-
  Without prejudice to @a.
numbering: sequential
attribution: names
sections:
  - id: A
    title: Enabling
    subsections:
      - id: A.1
        title: Facilitating
        articles: [a]
"""
    loaded = load({"text.yaml": text_yaml, "a.yaml": GOOD})
    assert loaded.problems == []
    meta = loaded.text.meta
    assert (meta.symbol, meta.date, meta.access, meta.numbering, meta.attribution) == ("INF/ECOM/62/Rev.4", "2022-12-14", "restricted", "sequential", "names")
    assert meta.cover_note is not None and meta.cover_note.raw == "Without prejudice to @a."
    (section,) = loaded.text.sections
    assert [(s.id, s.articles) for s in section.subsections] == [("A.1", ("a",))]
    assert [(p.article, p.group.id, p.position) for p in loaded.text.placements()] == [("a", "A.1", 1)]


def test_text_yaml_defaults() -> None:
    meta = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": GOOD}).text.meta
    assert (meta.numbering, meta.attribution, meta.access, meta.date) == ("sectional", "codes", None, None)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("date: 2022-13-01\n", ("invalid-value", 6, 7)),
        ("date: 14/12/2022\n", ("invalid-value", 6, 7)),
        ("numbering: seq\n", ("invalid-value", 6, 12)),
        ("access: secret\n", ("invalid-value", 6, 9)),
        ("attribution: flags\n", ("invalid-value", 6, 14)),
        ("titel: x\n", ("unknown-key", 6, 1)),
        ("cover_note: a ]\n", ("unmatched-closing-bracket", 6, 15)),
    ],
)
def test_text_yaml_values(extra: str, expected: tuple[str, int, int]) -> None:
    assert _text_problems(ONE_ARTICLE_TEXT + extra) == [expected]


def test_text_yaml_needs_title_and_sections() -> None:
    found = check_files({"text.yaml": "subtitle: x\n", "a.yaml": GOOD})
    assert [p.message for p in found if p.path == "text.yaml"] == ["text.yaml needs the key 'title'", "text.yaml needs the key 'sections'"]


def test_empty_text_yaml() -> None:
    assert _text_problems("") == [("wrong-type", 1, 1)]


def test_a_section_has_subsections_or_articles_not_both() -> None:
    both = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a]\n    subsections: []\n"
    neither = "title: T\nsections:\n  - id: A\n    title: S\n"
    assert ("invalid-value", 3, 5) in _text_problems(both)
    assert ("missing-key", 3, 5) in _text_problems(neither)


def test_outline_entries_must_be_article_ids() -> None:
    text_yaml = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a, Bad_Id]\n"
    assert _text_problems(text_yaml) == [("invalid-value", 5, 19), ("missing-article", 5, 19)]


# -- members.yaml -----------------------------------------------------------------
MEMBERS_YAML = """\
members:
  XX: Example Member
aliases:
  USA: US
groups:
  FRIENDS:
    name: Friends of the Example
    members: [AU, CA, USA]
"""


def test_members_yaml_adds_codes_aliases_and_groups() -> None:
    article = "title: x\nparagraphs:\n  - proponents: [XX, USA, FRIENDS, NO, UK, TPKM]\n    text: '[a]{FRIENDS}'\n"
    loaded = load({"text.yaml": ONE_ARTICLE_TEXT, "members.yaml": MEMBERS_YAML, "a.yaml": article})
    assert check_files({"text.yaml": ONE_ARTICLE_TEXT, "members.yaml": MEMBERS_YAML, "a.yaml": article}) == []
    members = loaded.text.members
    assert members is not None
    assert (members.name("XX"), members.canonical("USA"), members.name("FRIENDS")) == ("Example Member", "US", "Friends of the Example")
    assert members.expand("FRIENDS") == {"FRIENDS", "AU", "CA", "US"}


def test_members_yaml_problems() -> None:
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "members.yaml": "members: [a]\ngroups: x\naliasses: {}\n", "a.yaml": GOOD})
    assert [(p.path, p.code, p.line, p.column) for p in found] == [
        ("members.yaml", "wrong-type", 1, 10),
        ("members.yaml", "wrong-type", 2, 9),
        ("members.yaml", "unknown-key", 3, 1),
    ]


# -- the model ------------------------------------------------------------------
def test_equality_ignores_layout() -> None:
    """Two files of one meaning, laid out differently, give equal articles."""
    block = "title: x\nparagraphs:\n  - text: >-\n      a [b]{US}\n      c\n"
    quoted = "# a comment\ntitle: 'x'\nparagraphs: [{text: \"a [b]{US} c\"}]\n"
    first = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": block}).text.articles["a"]
    second = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": quoted}).text.articles["a"]
    assert first == second


def test_the_model_is_immutable() -> None:
    article = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": GOOD}).text.articles["a"]
    with pytest.raises(AttributeError):
        article.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": GOOD}).text.articles["b"] = article  # type: ignore[index]


def test_counts_of_nested_brackets_proposals_and_alternatives() -> None:
    source = """\
title: x
paragraphs:
  - text: >-
      [each Party [shall]{EU} endeavour to]{JP} act [X] and [may{US} | shall{CN}].
    footnote: "[not counted? footnotes are treaty text]"
  - proponents: [BR]
    text: proposed
  - alternatives:
      - {proponents: [US], text: one}
      - {proponents: [CN], text: two}
      - {proponents: [IN], text: three}
note: "[notes are not treaty text]"
"""
    counts = load({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source}).text.articles["a"].counts()
    assert counts == Counts(brackets=7, inline=5, proposals=1, alternative_groups=1, options=5)


def test_a_paragraph_with_alternatives_is_not_a_proposal() -> None:
    assert not Paragraph(alternatives=(Paragraph(proponents=("US",)),)).is_proposal


@pytest.mark.parametrize(
    ("n", "depth", "label"), [(1, 1, "(a)"), (26, 1, "(z)"), (27, 1, "(aa)"), (1, 2, "(i)"), (4, 2, "(iv)"), (9, 2, "(ix)"), (14, 2, "(xiv)")]
)
def test_item_labels(n: int, depth: int, label: str) -> None:
    assert item_label(n, depth) == label
