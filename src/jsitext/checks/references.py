"""References ``@id``: each must name an article of the text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..load import Loaded
from ..markup import Markup, Reference, walk_references
from ..model import Article
from ..problems import Problem, Suggestions
from ._where import at_offset, placed_paragraph_texts, placed_texts, preamble_paragraphs


@dataclass(frozen=True)
class Targets:
    """What a reference is judged against: the ids of the text, and those withdrawn or merged."""

    known: frozenset[str]
    retired: dict[str, str]  # id: status
    suggest: Suggestions


def context(loaded: Loaded) -> Targets:
    known = frozenset(loaded.files) | frozenset(loaded.text.outline_ids())
    retired = {a.id: a.status for a in loaded.text.articles.values() if a.is_retired}
    return Targets(known, retired, Suggestions(sorted(known)))


def check_cover(targets: Targets, loaded: Loaded) -> Iterator[Problem]:
    """The references of text.yaml: its cover note and its preamble."""
    path = loaded.source.display_path("text.yaml")
    if loaded.text.meta.cover_note is not None:
        yield from _references(targets, "", path, loaded.text.meta.cover_note)
    for crumb, markup in placed_paragraph_texts(preamble_paragraphs(loaded.text.meta.preamble)):
        yield from _references(targets, crumb, path, markup)


def check_article(targets: Targets, article: Article) -> Iterator[Problem]:
    for crumb, markup in placed_texts(article):
        yield from _references(targets, crumb, article.path, markup)


def _references(targets: Targets, crumb: str, path: str, markup: Markup) -> Iterator[Problem]:
    for reference in walk_references(markup.runs):
        yield from _reference(targets, crumb, path, markup, reference)


def _reference(targets: Targets, crumb: str, path: str, markup: Markup, reference: Reference) -> Iterator[Problem]:
    target = reference.target
    if target not in targets.known:
        msg = f"@{target} names no article{targets.suggest(target)}; write an article id, or '\\@' for a literal @"
        yield at_offset(markup, reference.start, path, "unknown-reference", msg, crumb)
        return
    status = targets.retired.get(target)
    if status is not None:
        msg = f"@{target} names an article that is {status}, so it has no number in the built text"
        yield at_offset(markup, reference.start, path, "reference-to-withdrawn", msg, crumb)
