"""References ``@id``: each must name an article of the text."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loaded
from ..markup import Markup, Reference, walk_references
from ..problems import Problem, Suggestions
from ._where import at_offset, placed_paragraph_texts, placed_texts, preamble_paragraphs


def check(loaded: Loaded) -> Iterator[Problem]:
    known = set(loaded.files) | set(loaded.text.outline_ids())
    suggest = Suggestions(sorted(known))
    texts: list[tuple[str, str, Markup]] = []
    if loaded.text.meta.cover_note is not None:
        texts.append(("", loaded.source.display_path("text.yaml"), loaded.text.meta.cover_note))
    for crumb, markup in placed_paragraph_texts(preamble_paragraphs(loaded.text.meta.preamble)):
        texts.append((crumb, loaded.source.display_path("text.yaml"), markup))
    for article in loaded.text.articles.values():
        texts.extend((crumb, article.path, markup) for crumb, markup in placed_texts(article))
    for crumb, path, markup in texts:
        for reference in walk_references(markup.runs):
            yield from _reference(loaded, known, suggest, crumb, path, markup, reference)


def _reference(loaded: Loaded, known: set[str], suggest: Suggestions, crumb: str, path: str, markup: Markup, reference: Reference) -> Iterator[Problem]:
    target = reference.target
    if target not in known:
        msg = f"@{target} names no article{suggest(target)}; write an article id, or '\\@' for a literal @"
        yield at_offset(markup, reference.start, path, "unknown-reference", msg, crumb)
        return
    article = loaded.text.articles.get(target)
    if article is not None and article.is_retired:
        msg = f"@{target} names an article that is {article.status}, so it has no number in the built text"
        yield at_offset(markup, reference.start, path, "reference-to-withdrawn", msg, crumb)
