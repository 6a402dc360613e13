"""Proponent codes: each must be a member, an alias or a group of the text."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loaded
from ..markup import walk_brackets
from ..members import Registry
from ..model import Article, Paragraph
from ..problems import Problem, Suggestions
from ._where import at_node, at_offset, key_node


def check(loaded: Loaded) -> Iterator[Problem]:
    registry = loaded.text.members
    assert registry is not None
    suggest = Suggestions(registry.known_codes())
    for article in loaded.text.articles.values():
        if article.facilitator and not registry.canonical(article.facilitator):
            field = key_node(article.origin, "facilitator") or article.origin
            yield at_node(field, article.path, "unknown-proponent", _unknown(article.facilitator, suggest), article.id)
        for paragraph in article.paragraphs:
            yield from _paragraph(article, paragraph, registry, suggest)
        for markup in article.texts():
            yield from _inline(article, markup, registry, suggest)


def _paragraph(article: Article, paragraph: Paragraph, registry: Registry, suggest: Suggestions) -> Iterator[Problem]:
    seen: set[str] = set()
    for code, origin in zip(paragraph.proponents, paragraph.proponent_origins, strict=False):
        if not registry.canonical(code):
            yield at_node(origin, article.path, "unknown-proponent", _unknown(code, suggest), article.id)
        elif code in seen:
            yield at_node(origin, article.path, "duplicate-proponent", f"{code} is listed twice among the proponents; keep one", article.id)
        seen.add(code)
    for alternative in paragraph.alternatives:
        yield from _paragraph(article, alternative, registry, suggest)


def _inline(article: Article, markup, registry: Registry, suggest: Suggestions) -> Iterator[Problem]:
    for bracket in walk_brackets(markup.runs):
        attributions = [bracket.attribution, *(o.attribution for o in bracket.options)]
        for attribution in filter(None, attributions):
            seen: set[str] = set()
            for code in attribution.codes:
                if not registry.canonical(code.code):
                    yield at_offset(markup, code.start, article.path, "unknown-proponent", _unknown(code.code, suggest), article.id)
                elif code.code in seen:
                    msg = f"{code.code} is listed twice in one attribution; keep one"
                    yield at_offset(markup, code.start, article.path, "duplicate-proponent", msg, article.id)
                seen.add(code.code)


def _unknown(code: str, suggest: Suggestions) -> str:
    return f"unknown proponent {code!r}{suggest(code)}: use a WTO member code (see `jsitext members`) or add it to members.yaml"
