"""The checks run on a loaded text, one module per family of rules.

Loading already reports what is wrong inside one file (YAML, keys, types, markup
syntax).  The checks here judge the text as a whole: the outline against the
files (:mod:`.outline`, over the whole text), and proponent codes, references, the
rules of each status and footnotes, one article at a time against a context made once
from the text (:data:`ARTICLE_FAMILIES`); the cover note's footnotes and the codes easy
to mistake (each said once) over the whole text (:func:`.footnotes.check_text`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..load import MEMBERS_FILE, Loaded, load_text
from ..model import Article
from ..problems import Problem
from ..source import Source
from . import footnotes, outline, proponents, references, status

#: The families that judge one article at a time, against a context made once from the
#: whole text: (make the context, check one article).  ``run_checks`` runs them article
#: by article, so that the findings of an unchanged article can be reused.
ARTICLE_FAMILIES: dict[str, tuple[Callable[[Loaded], Any], Callable[[Any, Article], Iterator[Problem]]]] = {
    "proponents": (proponents.context, proponents.check_article),
    "references": (references.context, references.check_article),
    "status": (status.context, status.check_article),
    "footnotes": (footnotes.context, footnotes.check_article),
}

#: Findings of the article families by (file, its source key, the context's key), with
#: the article's path when they were found: ``progress`` passes one memo to every
#: revision, so an article is checked again only when it or what it is judged against
#: (members.yaml, the ids of the text, which of them are withdrawn or merged) changed.
CheckMemo = dict[tuple[str, str, str], tuple[str, tuple[Problem, ...]]]


def run_checks(loaded: Loaded, memo: CheckMemo | None = None) -> list[Problem]:
    """Every problem of a loaded text, loading ones included, sorted by file and place."""
    found = list(loaded.problems)
    found.extend(outline.check(loaded))
    found.extend(footnotes.check_text(loaded))
    contexts = {name: make(loaded) for name, (make, _) in ARTICLE_FAMILIES.items()}
    found.extend(references.check_cover(contexts["references"], loaded))
    found.extend(proponents.check_cover(contexts["proponents"], loaded))  # text.yaml's codes, read every time
    found.extend(status.check_preamble(loaded))
    if memo is None:
        for article in loaded.text.articles.values():
            found.extend(_article_problems(article, contexts))
    else:
        found.extend(_remembered(loaded, contexts, memo))
    # Problems compare without their message, so distinct findings at one place (a
    # missing 'title' and a missing 'sections') are told apart by it here.
    unique = {(p, p.message): p for p in footnotes.once_per_text(found, loaded)}
    return sorted(unique.values())


def _remembered(loaded: Loaded, contexts: dict[str, Any], memo: CheckMemo) -> Iterator[Problem]:
    """The article families' findings, each article checked once per blob and context."""
    context_key = _context_key(loaded, contexts)
    for article in loaded.text.articles.values():
        rel = loaded.files[article.id]
        key = (rel, loaded.keys.get(rel, ""), context_key)
        if key not in memo:
            memo[key] = (article.path, tuple(_article_problems(article, contexts)))
        path, problems = memo[key]
        yield from (problems if path == article.path else (replace(p, path=article.path) if p.path == path else p for p in problems))


def _article_problems(article: Article, contexts: dict[str, Any]) -> Iterator[Problem]:
    for name, (_, check_article) in ARTICLE_FAMILIES.items():
        yield from check_article(contexts[name], article)


def _context_key(loaded: Loaded, contexts: dict[str, Any]) -> str:
    """A digest of everything the article families read of the text besides the article itself.

    A digest, not the sets themselves: every revision builds its own sets, and a key
    holding them would be compared element by element at every lookup.  A family whose
    context reads more of the text must add it here, or progress would reuse stale findings.
    """
    targets = contexts["references"]
    parts = [
        loaded.keys.get(MEMBERS_FILE, ""),
        *sorted(targets.known),
        "",
        *sorted(f"{k}:{v}" for k, v in targets.retired.items()),
        "",
        *sorted(contexts["status"]),
        "",
        *references.places_key(targets),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def check(source: Source) -> tuple[Loaded, list[Problem]]:
    """Load a text and check it in one pass."""
    loaded = load_text(source)
    return loaded, run_checks(loaded)
