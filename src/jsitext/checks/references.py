"""References ``@id`` and ``@id/paragraph/item``: each must name an article of the
text (and a paragraph or item of it); the ids of paragraphs and items are unique
within their article."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loaded
from ..markup import Markup, Reference, walk_references
from ..model import Article, Item, Paragraph
from ..numbering import Place, article_places
from ..problems import Problem, Suggestions, did_you_mean
from ._where import at_node, at_offset, key_node, placed_notes, placed_texts


def check(loaded: Loaded) -> Iterator[Problem]:
    known = set(loaded.files) | set(loaded.text.outline_ids())
    suggest = Suggestions(sorted(known))
    texts: list[tuple[str, str, Markup]] = []
    text_path = loaded.source.display_path("text.yaml")
    if loaded.text.meta.cover_note is not None:
        texts.append(("", text_path, loaded.text.meta.cover_note))
    texts.extend((crumb, text_path, markup) for crumb, markup in _outline_notes(loaded))
    for article in loaded.text.articles.values():
        texts.extend((crumb, article.path, markup) for crumb, markup in placed_texts(article))
        yield from _duplicate_ids(article)
    places: dict[str, dict[str, Place]] = {}
    for crumb, path, markup in texts:
        for reference in walk_references(markup.runs):
            yield from _reference(loaded, known, suggest, crumb, path, markup, reference, places)


def _outline_notes(loaded: Loaded) -> Iterator[tuple[str, Markup]]:
    yield from placed_notes(loaded.text.meta.notes, "")
    for i, section in enumerate(loaded.text.sections, 1):
        yield from placed_notes(section.notes, f"section {i}")
        for n, subsection in enumerate(section.subsections, 1):
            yield from placed_notes(subsection.notes, f"section {i} → subsection {n}")


def _reference(
    loaded: Loaded, known: set[str], suggest: Suggestions, crumb: str, path: str, markup: Markup, reference: Reference, places: dict[str, dict[str, Place]]
) -> Iterator[Problem]:
    target = reference.target
    if target not in known:
        msg = f"@{target} names no article{suggest(target)}; write an article id, or '\\@' for a literal @"
        yield at_offset(markup, reference.start, path, "unknown-reference", msg, crumb)
        return
    article = loaded.text.articles.get(target)
    if article is not None and article.is_retired:
        msg = f"@{target} names an article that is {article.status}, so it has no number in the built text"
        yield at_offset(markup, reference.start, path, "reference-to-withdrawn", msg, crumb)
    if article is not None and reference.path:
        if target not in places:
            places[target] = article_places(article)
        unknown = _unknown_place(reference, places[target])
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
