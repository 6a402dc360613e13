"""The checks run on a loaded text, one module per family of rules.

Loading already reports what is wrong inside one file (YAML, keys, types, markup
syntax).  The checks here judge the text as a whole: the outline against the
files, proponent codes, references, and the rules of each status.  Each family is a
function ``(Loaded) -> Iterator[Problem]`` listed in :data:`FAMILIES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..load import Loaded, load_text
from ..problems import Problem
from ..source import Source
from . import outline, proponents, references, status

CheckFamily = Callable[[Loaded], Iterator[Problem]]

FAMILIES: dict[str, CheckFamily] = {
    "outline": outline.check,
    "proponents": proponents.check,
    "references": references.check,
    "status": status.check,
}


def run_checks(loaded: Loaded) -> list[Problem]:
    """Every problem of a loaded text, loading ones included, sorted by file and place."""
    found = list(loaded.problems)
    for family in FAMILIES.values():
        found.extend(family(loaded))
    # Problems compare without their message, so distinct findings at one place (a
    # missing 'title' and a missing 'sections') are told apart by it here.
    unique = {(p, p.message): p for p in found}
    return sorted(unique.values())


def check(source: Source) -> tuple[Loaded, list[Problem]]:
    """Load a text and check it in one pass."""
    loaded = load_text(source)
    return loaded, run_checks(loaded)
