"""Property tests: a text diffed with itself is empty; random edits are found, and nothing else."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jsitext.diff.classify import compare_articles
from jsitext.load import load_text
from jsitext.markup import parse
from jsitext.model import Article, Paragraph
from jsitext.source import FolderSource

SAMPLE = Path(__file__).parent.parent / "articles"
EDITS = (
    "bracket-resolved",
    "bracket-removed",
    "bracket-added",
    "option-added",
    "proponent-added",
    "text-changed",
    "paragraph-removed",
)
ARTICLE_EDITS = ("article-retitled", "status-changed", "note-changed", "paragraph-added")


def _same(code: str) -> str:
    return code


def test_every_sample_article_diffed_with_itself_is_empty():
    loaded = load_text(FolderSource(SAMPLE))
    assert loaded.text.articles
    for article in loaded.text.articles.values():
        assert compare_articles(article, article, _same) == [], article.id


def _paragraph_source(n: int, edit: str | None) -> str:
    """Paragraph N's markup, every word its own (so alignment is never in doubt), after EDIT."""
    words = [f"w{n}x{k}" for k in range(8)]
    bracket = f"[b{n}y0 b{n}y1]{{US}}"
    if edit == "bracket-resolved":
        bracket = f"b{n}y0 b{n}y1"
    elif edit == "bracket-removed":
        bracket = ""
    elif edit == "option-added":
        bracket = f"[b{n}y0 b{n}y1 | c{n}z0 c{n}z1]{{US}}"
    elif edit == "proponent-added":
        bracket = f"[b{n}y0 b{n}y1]{{US, JP}}"
    elif edit == "text-changed":
        words[2] = f"changed{n}"
    tail = f" [a{n}v0 a{n}v1]{{EU}}" if edit == "bracket-added" else ""
    return " ".join(words[:4]) + f" {bracket} " + " ".join(words[4:]) + tail + "."


def _article(count: int, edits: dict[int, str], article_edits: set[str]) -> Article:
    paragraphs = [Paragraph(text=parse(_paragraph_source(n, edits.get(n)))) for n in range(count) if edits.get(n) != "paragraph-removed"]
    if "paragraph-added" in article_edits:
        paragraphs.append(Paragraph(text=parse("Brand new agreed wording about something else entirely.")))
    return Article(
        "art",
        "Renamed" if "article-retitled" in article_edits else "Title",
        "parked" if "status-changed" in article_edits else "open",
        tuple(paragraphs),
        note=parse("A new note." if "note-changed" in article_edits else "An old note."),
    )


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=5),
    chosen=st.lists(st.sampled_from(EDITS), max_size=5),
    article_edits=st.sets(st.sampled_from(ARTICLE_EDITS)),
)
def test_random_edits_are_found_and_nothing_else(count, chosen, article_edits):
    edits = dict(enumerate(chosen[:count]))
    old = _article(count, {}, set())
    new = _article(count, edits, article_edits)
    found = Counter(c.kind for c in compare_articles(old, new, _same))
    assert found == Counter([*edits.values(), *article_edits])


@settings(max_examples=20, deadline=None)
@given(count=st.integers(min_value=1, max_value=5), chosen=st.lists(st.sampled_from(EDITS), max_size=5))
def test_a_generated_article_diffed_with_itself_is_empty(count, chosen):
    article = _article(count, dict(enumerate(chosen[:count])), set())
    assert compare_articles(article, article, _same) == []
