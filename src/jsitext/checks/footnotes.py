"""Footnotes where they can hang, habits from other tools, and codes easy to mistake."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..load import TEXT_FILE, Loaded
from ..markup import Bracket, Markup, Plain, walk_footnotes, walk_runs
from ..members import Registry
from ..model import Article, Paragraph
from ..problems import Problem
from ._where import (
    at_node,
    at_offset,
    placed_outline_texts,
    placed_paragraph_texts,
    placed_paragraphs,
    placed_texts,
    preamble_paragraphs,
    with_alternatives,
)

#: Member codes often written for another member: code → what was probably meant.  Only codes
#: that seldom stand in a JSI text for the member they name: Ecuador's EC (the European
#: Communities of older texts) and EU member States, for which the EU tables proposals.
MISTAKEN_CODES = {
    "EC": "the European Union is EU (EC, the European Communities, named it in older texts)",
    "AT": "the EU speaks for its member States; Australia is AU",
    "SK": "the EU speaks for its member States; Korea is KR",
    "SI": "the EU speaks for its member States; Singapore is SG",
}
_FOREIGN_MARK = re.compile(r"\^[0-9A-Za-z*-]+")  # Markdown's [^1], [^note]
_CARET_NUMBER = re.compile(r"(?<=[^\W\d])\^[0-9]+\b")  # word^1, not a power such as 10^6


def context(loaded: Loaded) -> Registry:
    """An article's footnotes are judged by the article alone; its codes by the member list."""
    assert loaded.text.members is not None
    return loaded.text.members


def check_article(registry: Registry, article: Article) -> Iterator[Problem]:
    yield from _mistaken_codes(_codes(placed_paragraphs(article), placed_texts(article)), article.path, registry)
    for crumb, markup in placed_texts(article):
        yield from _foreign(markup, article.path, crumb)
        if crumb.endswith("→ footnote"):
            yield from _nested(markup, article.path, crumb)
    if article.note is not None:
        yield from _misplaced(article.note, article.path, f"{article.id} → note", "a note")


def check_text(loaded: Loaded) -> Iterator[Problem]:
    """What is judged in text.yaml: the cover note's footnotes, and the codes of the preamble,
    the cover note and the notes of the text and its sections that are easy to mistake."""
    text, path = loaded.text, loaded.source.display_path(TEXT_FILE)
    if text.meta.cover_note is not None:
        yield from _misplaced(text.meta.cover_note, path, "cover_note", "the cover note")
    preamble = preamble_paragraphs(text.meta.preamble)
    texts = (*placed_paragraph_texts(preamble_paragraphs(text.meta.preamble)), *placed_outline_texts(text))
    assert text.members is not None
    yield from _mistaken_codes(_codes(with_alternatives(preamble), texts), path, text.members)


def once_per_text(problems: list[Problem], loaded: Loaded) -> list[Problem]:
    """Each mistaken code's warning at its first place in outline order only: the articles
    report every place (so progress can remember them per article), the text says it once."""
    ordered = loaded.text.ordered_articles()
    placed = {a.id for a in ordered}
    rank = {a.path: i for i, a in enumerate(ordered + [a for a in loaded.text.articles.values() if a.id not in placed])}
    rank[loaded.source.display_path(TEXT_FILE)] = -1  # text.yaml's preamble and notes come before the articles
    first: dict[str, Problem] = {}
    for problem in problems:
        if problem.code == "mistaken-code":
            seen = first.get(problem.message)
            if seen is None or (rank.get(problem.path, len(rank)), problem) < (rank.get(seen.path, len(rank)), seen):
                first[problem.message] = problem
    kept = set(map(id, first.values()))
    return [p for p in problems if p.code != "mistaken-code" or id(p) in kept]


def _nested(markup: Markup, path: str, crumb: str) -> Iterator[Problem]:
    for footnote in walk_footnotes(markup.runs):
        msg = "a footnote cannot hold another footnote; write this text in the footnote itself"
        yield at_offset(markup, footnote.start, path, "nested-footnote", msg, crumb)


def _misplaced(markup: Markup, path: str, crumb: str, what: str) -> Iterator[Problem]:
    for footnote in walk_footnotes(markup.runs):
        msg = f"{what} is not treaty text and carries no footnote; write the words in the note itself, or put the footnote on the treaty text"
        yield at_offset(markup, footnote.start, path, "misplaced-footnote", msg, crumb)


def _foreign(markup: Markup, path: str, crumb: str) -> Iterator[Problem]:
    for run in walk_runs(markup.runs):
        if isinstance(run, Bracket) and not run.is_choice and not run.proponents:
            runs = run.options[0].runs
            if len(runs) == 1 and isinstance(runs[0], Plain) and _FOREIGN_MARK.fullmatch(runs[0].text.strip()):
                msg = f"'[{runs[0].text.strip()}]' is a Markdown footnote mark, read here as a bracket; in jsitext the footnote's text goes where the mark is: word^[footnote text]"
                yield at_offset(markup, run.start, path, "foreign-footnote", msg, crumb)
        elif isinstance(run, Plain):
            for found in _CARET_NUMBER.finditer(run.raw):
                msg = f"'{found.group()}' looks like a footnote number; in jsitext the footnote's text goes where the number is: word^[footnote text]"
                yield at_offset(markup, run.start + found.start(), path, "foreign-footnote", msg, crumb)


def _mistaken_codes(codes: Iterator[tuple[object, str, str, Markup | None]], path: str, registry: Registry) -> Iterator[Problem]:
    """A warning at every place of an easy-to-mistake code (:func:`once_per_text` keeps the first)."""
    for origin, code, crumb, markup in codes:
        if code not in MISTAKEN_CODES or registry.canonical(code) != code or code in registry.groups:
            continue
        msg = f"{code} is {registry.name(code)}; {MISTAKEN_CODES[code]}. If {registry.name(code)} is meant, nothing to change (said once per text)"
        if markup is not None:
            yield at_offset(markup, origin, path, "mistaken-code", msg, crumb)  # type: ignore[arg-type]
        else:
            yield at_node(origin, path, "mistaken-code", msg, crumb)


def _codes(paragraphs: Iterable[tuple[str, Paragraph]], texts: Iterable[tuple[str, Markup]]) -> Iterator[tuple[object, str, str, Markup | None]]:
    """Every proponent code of PARAGRAPHS' proponents and of TEXTS' attributions, with where it is
    written, in reading order."""
    for crumb, paragraph in paragraphs:
        for code, origin in zip(paragraph.proponents, paragraph.proponent_origins, strict=False):
            yield origin, code, crumb, None
    for crumb, markup in texts:
        for run in walk_runs(markup.runs):
            if isinstance(run, Bracket):
                for attribution in filter(None, (*(o.attribution for o in run.options), run.attribution)):
                    for written in attribution.codes:
                        yield written.start, written.code, crumb, markup
