"""The outline in text.yaml against the article files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..load import TEXT_FILE, Loaded
from ..model import Section, Subsection
from ..problems import Problem, Suggestions, problem
from ..schema import ARTICLE_ID
from ._where import at_node


def check(loaded: Loaded) -> Iterator[Problem]:
    text = loaded.text
    outline_path = _text_path(loaded)
    listed: Counter[str] = Counter()
    suggest = Suggestions(loaded.files)
    for placement in text.placements():
        article_id = placement.article
        listed[article_id] += 1
        origin = placement.origin
        if listed[article_id] == 2:
            yield at_node(origin, outline_path, "duplicate-article", f"article {article_id!r} is listed twice in the outline; keep one entry")
        elif listed[article_id] == 1 and article_id not in loaded.files:
            hint = suggest(article_id)
            yield at_node(origin, outline_path, "missing-article", f"the outline lists {article_id!r} but there is no file {article_id}.yaml{hint}")
    if outline_was_read(loaded, outline_path):
        for article_id in loaded.files:
            if article_id not in listed:
                path = loaded.display_path(article_id)
                yield problem(
                    path, 0, 0, "orphan-article", f"article {article_id!r} is not in the outline of {TEXT_FILE}, so it is not built; add it to a section"
                )
    for article_id in loaded.files:
        if not ARTICLE_ID.fullmatch(article_id):
            msg = f"file name {article_id!r} is not an article id: use lower-case words joined by hyphens"
            yield problem(loaded.display_path(article_id), 0, 0, "invalid-value", msg)
    yield from _duplicate_sections(loaded, outline_path)
    yield from _annexes_without_kind(loaded, outline_path)


def _duplicate_sections(loaded: Loaded, outline_path: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for section in loaded.text.sections:
        nodes: tuple[Section | Subsection, ...] = (section, *section.subsections)
        for node in nodes:
            if node.id in seen:
                yield at_node(node.origin, outline_path, "duplicate-section", f"section id {node.id!r} is used twice; give each (sub)section its own id")
            seen.add(node.id)


_LOOKS_LIKE_ANNEX = re.compile(r"annex\b|annex[\s_.-]*\d", re.IGNORECASE)


def _annexes_without_kind(loaded: Loaded, outline_path: str) -> Iterator[Problem]:
    """A format-1 section standing for an annex ("ANNEX1", "Annex 1: ..."): it prints as a section."""
    for section in loaded.text.sections:
        if not section.is_annex and (_LOOKS_LIKE_ANNEX.match(section.id) or _LOOKS_LIKE_ANNEX.match(section.title)):
            msg = (
                f"section {section.id!r} looks like an annex but prints as 'Section {section.id}' with articles {section.id}.1 ...; "
                "add 'kind: annex' to print it as an annex with its own numbering"
            )
            yield at_node(section.origin, outline_path, "annex-without-kind", msg)


def outline_was_read(loaded: Loaded, outline_path: str) -> bool:
    """False when text.yaml is missing or not readable YAML: then no article is an orphan, its error is the finding."""
    unreadable = {"missing-text", "io-error", "file-too-large", "encoding", "control-character", "yaml-syntax", "yaml-alias", "yaml-tag", "nesting-too-deep"}
    return not any(p.path == outline_path and p.code in unreadable for p in loaded.problems)


def _text_path(loaded: Loaded) -> str:
    return loaded.source.display_path(TEXT_FILE)
