"""References ``@id`` and ``@id/paragraph/item``: each must name an article of the
text (and a paragraph or item of it); the ids of paragraphs and items are unique
within their article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..load import Loaded
from ..markup import Markup, Reference, walk_references
from ..model import Article, Item, Paragraph
from ..numbering import Place, article_places
from ..problems import Problem, Suggestions, did_you_mean
from ._where import at_node, at_offset, key_node, placed_outline_texts, placed_paragraph_texts, placed_texts, preamble_paragraphs


@dataclass(frozen=True)
class Targets:
    """What a reference is judged against: the ids of the text, those withdrawn or merged,
    and the paragraphs and items with an id of each article."""

    known: frozenset[str]
    retired: dict[str, str]  # id: status
    suggest: Suggestions
    places: dict[str, dict[str, Place]]  # each article read: its paragraphs with an id (and their items)


def context(loaded: Loaded) -> Targets:
    known = frozenset(loaded.files) | frozenset(loaded.text.outline_ids())
    retired = {a.id: a.status for a in loaded.text.articles.values() if a.is_retired}
    places = {a.id: article_places(a) for a in loaded.text.articles.values()}
    return Targets(known, retired, Suggestions(sorted(known)), places)


def places_key(targets: Targets) -> list[str]:
    """The paragraph and item ids of the text, one line an article: what a progress memo must
    know changed (a reference to a paragraph is judged against another article's ids)."""
    return [f"{article_id}:{_ids(places)}" for article_id, places in sorted(targets.places.items()) if places]


def _ids(places: dict[str, Place]) -> str:
    return ",".join(f"{i}({_ids(p.below)})" if p.below else i for i, p in sorted(places.items()))


def check_cover(targets: Targets, loaded: Loaded) -> Iterator[Problem]:
    """The references of text.yaml: its preamble, its cover note, and its notes and its sections'."""
    path = loaded.source.display_path("text.yaml")
    for crumb, markup in placed_paragraph_texts(preamble_paragraphs(loaded.text.meta.preamble)):
        yield from _references(targets, crumb, path, markup)
    for crumb, markup in placed_outline_texts(loaded.text):
        yield from _references(targets, crumb, path, markup)


def check_article(targets: Targets, article: Article) -> Iterator[Problem]:
    for crumb, markup in placed_texts(article):
        yield from _references(targets, crumb, article.path, markup)
    yield from _duplicate_ids(article)


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
    if reference.path and target in targets.places:  # an article that could not be read has its own findings
        unknown = _unknown_place(reference, targets.places[target])
        if unknown:
            yield at_offset(markup, reference.start, path, "unknown-reference", unknown, crumb)


def _unknown_place(reference: Reference, places: dict[str, Place]) -> str | None:
    """Why REFERENCE's paragraph or item is not found, with a did-you-mean; None when it is."""
    named = reference.target
    for depth, part in enumerate(reference.path):
        place = places.get(part)
        if place is None:
            what = ("paragraph", "item", "sub-item")[depth]
            ids = sorted(places)
            hint = did_you_mean(part, ids) or (f" (its {what}s with an id: {', '.join(ids)})" if ids else f" (none of its {what}s has an id)")
            return f"@{reference.key}: {named} has no {what} with id {part!r}{hint}; give the {what} that id, or correct the reference"
        named = f"{named}/{part}"
        places = place.below
    return None


def _duplicate_ids(article: Article) -> Iterator[Problem]:
    """Two paragraphs, or two items, with one id in one article: a reference could not tell them apart."""
    seen: dict[str, str] = {}
    for i, paragraph in enumerate(article.paragraphs, 1):
        for crumb, part in _with_alternatives(paragraph, i):
            if part.id is not None:
                yield from _once(seen, part.id, part.origin, article, crumb)
            yield from _item_ids(seen, part.items, article, crumb)


def _with_alternatives(paragraph: Paragraph, index: int) -> Iterator[tuple[str, Paragraph]]:
    yield f"paragraph {index}", paragraph
    for n, alternative in enumerate(paragraph.alternatives, 1):
        yield f"paragraph {index} → Alt {n}", alternative


def _item_ids(seen: dict[str, str], items: tuple[Item, ...], article: Article, crumb: str) -> Iterator[Problem]:
    for item in items:
        if item.id is not None:
            yield from _once(seen, item.id, item.origin, article, crumb)
        if item.items:
            yield from _item_ids(seen, item.items, article, crumb)


def _once(seen: dict[str, str], local_id: str, origin: object, article: Article, crumb: str) -> Iterator[Problem]:
    if local_id in seen:
        msg = f"id {local_id!r} is already used in this article ({seen[local_id]}); ids of paragraphs and items must be unique within their article"
        yield at_node(key_node(origin, "id") or origin, article.path, "duplicate-id", msg, f"{article.id} → {crumb}")
    else:
        seen[local_id] = crumb
