"""The rules of each article status."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loaded
from ..markup import walk_brackets
from ..model import Article, Paragraph
from ..problems import Problem
from ._where import at_node, at_offset, key_node, numbered_paragraphs, preamble_paragraphs


def context(loaded: Loaded) -> frozenset[str]:
    """What a merge is judged against: the ids that have a file."""
    return frozenset(loaded.files)


def check_article(files: frozenset[str], article: Article) -> Iterator[Problem]:
    if article.status == "clean":
        yield from _clean(article)
    yield from _merge(files, article)
    if (
        not article.paragraphs
        and not article.alternatives
        and article.status not in ("placeholder", "withdrawn", "merged")
        and key_node(article.origin, "paragraphs")
    ):
        yield at_node(article.origin, article.path, "no-paragraphs", "the article has no paragraph: add its text, or make it a placeholder", article.id)
    for k, alternative in enumerate(article.alternatives, 1):
        if not alternative.paragraphs and key_node(alternative.origin, "paragraphs"):
            msg = "the alternative has no paragraph: add its text, or drop the alternative"
            yield at_node(alternative.origin, article.path, "no-paragraphs", msg, f"{article.id} → Alt {k}")
    if len(article.alternatives) == 1:
        node = key_node(article.origin, "alternatives") or article.origin
        msg = "an article's alternatives list with one entry is not a choice: write it as a proposed article (proponents and paragraphs)"
        yield at_node(node, article.path, "single-alternative", msg, article.id)
    yield from _single_alternatives(numbered_paragraphs(article), article.path)


def check_preamble(loaded: Loaded) -> Iterator[Problem]:
    """The status rules that hold for text.yaml's preamble too (a single alternative)."""
    yield from _single_alternatives(preamble_paragraphs(loaded.text.meta.preamble), loaded.source.display_path("text.yaml"))


def _single_alternatives(paragraphs: Iterator[tuple[str, Paragraph]], path: str) -> Iterator[Problem]:
    for crumb, paragraph in paragraphs:
        if len(paragraph.alternatives) == 1:
            msg = "an alternatives list with one entry is not a choice: write it as a proposed paragraph (proponents and text)"
            yield at_node(paragraph.origin, path, "single-alternative", msg, crumb)


def _clean(article: Article) -> Iterator[Problem]:
    if article.title_markup is not None:
        for bracket in walk_brackets(article.title_markup.runs):
            msg = "the article is clean but its title is still in brackets; lift the brackets or set the status to open"
            yield at_offset(article.title_markup, bracket.start, article.path, "clean-with-brackets", msg, f"{article.id} → title")
    if article.proposed_by or article.alternatives:
        what = "alternative versions (Alt 1, Alt 2)" if article.alternatives else "proponents: the whole article is a proposal"
        node = key_node(article.origin, "alternatives" if article.alternatives else "proponents") or article.origin
        yield at_node(node, article.path, "clean-with-brackets", f"the article is clean but has {what}; agree the text or set the status to open", article.id)
    for crumb, paragraph in numbered_paragraphs(article):
        if paragraph.proponents or paragraph.alternatives:
            what = "alternatives" if paragraph.alternatives else "a proposed paragraph"
            msg = f"the article is clean but has {what}; agree the text or set the status to open"
            yield at_node(paragraph.origin, article.path, "clean-with-brackets", msg, crumb)
        for markup in paragraph.texts():
            for bracket in walk_brackets(markup.runs):
                msg = "the article is clean but this text is still in brackets; lift the brackets or set the status to open"
                yield at_offset(markup, bracket.start, article.path, "clean-with-brackets", msg, crumb)


def _merge(files: frozenset[str], article: Article) -> Iterator[Problem]:
    target = article.merged_into
    node = key_node(article.origin, "merged_into") or article.origin
    if article.status == "merged":
        if not target:
            yield at_node(article.origin, article.path, "invalid-merge", "a merged article needs merged_into: the id of the article it went into", article.id)
        elif target == article.id:
            yield at_node(node, article.path, "invalid-merge", "an article cannot be merged into itself", article.id)
        elif target not in files:
            yield at_node(node, article.path, "invalid-merge", f"merged_into names {target!r}, which is not an article of the text", article.id)
    elif target:
        yield at_node(node, article.path, "invalid-merge", f"merged_into is only for status merged (the status is {article.status})", article.id)
