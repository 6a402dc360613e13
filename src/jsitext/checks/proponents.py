"""Proponent codes: each must be a member, an alias or a group of the text."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loaded
from ..markup import Markup, walk_brackets
from ..members import Registry
from ..model import Article
from ..problems import Problem, Suggestions
from ._where import (
    at_node,
    at_offset,
    key_node,
    placed_outline_texts,
    placed_paragraph_texts,
    placed_paragraphs,
    placed_texts,
    preamble_paragraphs,
    with_alternatives,
)


def context(loaded: Loaded) -> tuple[Registry, Suggestions]:
    """What an article's codes are judged against: the text's members."""
    registry = loaded.text.members
    assert registry is not None
    return registry, Suggestions(registry.known_codes())


def check_article(known: tuple[Registry, Suggestions], article: Article) -> Iterator[Problem]:
    registry, suggest = known
    if article.facilitator and not registry.canonical(article.facilitator):
        field = key_node(article.origin, "facilitator") or article.origin
        yield at_node(field, article.path, "unknown-proponent", _unknown(article.facilitator, suggest), article.id)
    yield from _codes(article.path, article.id, article.proposed_by, article.proposed_by_origins, registry, suggest)
    for k, alternative in enumerate(article.alternatives, 1):
        yield from _codes(article.path, f"{article.id} → Alt {k}", alternative.proponents, alternative.proponent_origins, registry, suggest)
    for crumb, paragraph in placed_paragraphs(article):
        yield from _codes(article.path, crumb, paragraph.proponents, paragraph.proponent_origins, registry, suggest)
    for crumb, markup in placed_texts(article):
        yield from _inline(article.path, crumb, markup, registry, suggest)


def check_cover(known: tuple[Registry, Suggestions], loaded: Loaded) -> Iterator[Problem]:
    """The codes of text.yaml, checked as an article's: the preamble's proponents and attributions,
    and the attributions in the cover note and in the notes of the text, its sections and subsections."""
    registry, suggest = known
    preamble, path = loaded.text.meta.preamble, loaded.source.display_path("text.yaml")
    for crumb, paragraph in with_alternatives(preamble_paragraphs(preamble)):
        yield from _codes(path, crumb, paragraph.proponents, paragraph.proponent_origins, registry, suggest)
    for crumb, markup in (*placed_paragraph_texts(preamble_paragraphs(preamble)), *placed_outline_texts(loaded.text)):
        yield from _inline(path, crumb, markup, registry, suggest)


def _codes(path: str, crumb: str, codes: tuple[str, ...], origins: tuple[object, ...], registry: Registry, suggest: Suggestions) -> Iterator[Problem]:
    """A list of proponents (a paragraph's, an article's, an alternative's)."""
    seen: set[str] = set()
    for code, origin in zip(codes, origins, strict=False):
        if not registry.canonical(code):
            yield at_node(origin, path, "unknown-proponent", _unknown(code, suggest), crumb)
        elif code in seen:
            yield at_node(origin, path, "duplicate-proponent", f"{code} is listed twice among the proponents; keep one", crumb)
        seen.add(code)


def _inline(path: str, crumb: str, markup: Markup, registry: Registry, suggest: Suggestions) -> Iterator[Problem]:
    for bracket in walk_brackets(markup.runs):
        attributions = [bracket.attribution, *(o.attribution for o in bracket.options)]
        for attribution in filter(None, attributions):
            seen: set[str] = set()
            for code in attribution.codes:
                if not registry.canonical(code.code):
                    yield at_offset(markup, code.start, path, "unknown-proponent", _unknown(code.code, suggest), crumb)
                elif code.code in seen:
                    msg = f"{code.code} is listed twice in one attribution; keep one"
                    yield at_offset(markup, code.start, path, "duplicate-proponent", msg, crumb)
                seen.add(code.code)


def _unknown(code: str, suggest: Suggestions) -> str:
    return f"unknown proponent {code!r}{suggest(code)}: use a WTO member code (see `jsitext members`) or add it to members.yaml"
