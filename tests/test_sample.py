"""The shipped sample text in articles/: clean under check, and as rich as the issue asks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import REPO
from jsitext.checks import check
from jsitext.load import Loaded
from jsitext.markup import Bracket, Markup, Plain, walk_brackets, walk_references
from jsitext.model import STATUSES, Article, Item, Paragraph
from jsitext.source import FolderSource


@pytest.fixture(scope="module")
def sample() -> tuple[Loaded, list]:
    return check(FolderSource(REPO / "articles"))


def test_the_sample_passes_check_without_error(sample) -> None:
    _, problems = sample
    assert [f"{p.where()} {p.code}: {p.message}" for p in problems if p.is_error] == []


def test_at_least_25_articles(sample) -> None:
    loaded, _ = sample
    assert len(loaded.text.ordered_articles()) >= 25


def test_at_least_5_sections_with_subsections(sample) -> None:
    sections = sample[0].text.sections
    assert len(sections) >= 5
    assert sum(1 for s in sections if s.subsections) >= 2


def test_at_least_60_brackets(sample) -> None:
    assert sample[0].text.counts().brackets >= 60


def test_every_status_is_used(sample) -> None:
    assert {a.status for a in sample[0].text.articles.values()} == set(STATUSES)


def _paragraphs(article: Article) -> Iterator[Paragraph]:
    for paragraph in article.paragraphs:
        yield paragraph
        yield from paragraph.alternatives


def _items(items: tuple[Item, ...], depth: int = 1) -> Iterator[tuple[Item, int]]:
    for item in items:
        yield item, depth
        yield from _items(item.items, depth + 1)


def _constructs(article: Article) -> set[str]:
    found: set[str] = set()
    for paragraph in _paragraphs(article):
        found |= {"alternatives"} if paragraph.alternatives else set()
        found |= {"proposed paragraph"} if paragraph.is_proposal else set()
        found |= {"footnote"} if paragraph.footnote else set()
        found |= {f"items depth {d}" for _, d in _items(paragraph.items)}
    for markup in article.texts():
        found |= _markup_constructs(markup)
    for name in ("note", "small_group", "facilitator", "merged_into"):
        if getattr(article, name):
            found.add(name)
    return found


def _markup_constructs(markup: Markup) -> set[str]:
    found: set[str] = set()
    for bracket in walk_brackets(markup.runs):
        found.add("bracket")
        found |= {"attribution after ]"} if bracket.attribution else set()
        found |= {"options"} if bracket.is_choice else set()
        found |= {"option proponents"} if any(o.attribution for o in bracket.options) else set()
        found |= {"placeholder"} if bracket.is_placeholder else set()
        found |= {"nested brackets"} if any(isinstance(r, Bracket) for o in bracket.options for r in o.runs) else set()
    found |= {"reference"} if walk_references(markup.runs) else set()
    found |= {"escape"} if "\\" in markup.raw else set()
    return found


def test_every_construct_is_used(sample) -> None:
    loaded, _ = sample
    used: set[str] = set()
    for article in loaded.text.articles.values():
        used |= _constructs(article)
    assert loaded.text.meta.cover_note is not None
    used |= _markup_constructs(loaded.text.meta.cover_note)
    assert used >= {
        "alternatives",
        "proposed paragraph",
        "footnote",
        "items depth 1",
        "items depth 2",
        "note",
        "small_group",
        "facilitator",
        "merged_into",
        "bracket",
        "attribution after ]",
        "options",
        "option proponents",
        "placeholder",
        "nested brackets",
        "reference",
        "escape",
    }


def test_the_sample_writes_text_as_block_scalars(sample) -> None:
    """The docs show the safe way first, and the shipped text uses it."""
    loaded, _ = sample
    styles = [m.origin.style for a in loaded.text.articles.values() for m in a.texts() if m.origin is not None]  # type: ignore[attr-defined]
    with_brackets = [
        m.origin.style  # type: ignore[attr-defined]
        for a in loaded.text.articles.values()
        for m in a.texts()
        if any(not isinstance(r, Plain) for r in m.runs)
    ]
    assert styles
    assert with_brackets.count(">") > len(with_brackets) // 2
