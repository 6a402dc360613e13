"""The rows of ``jsitext members``: codes with names, and how often a text uses each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .members import builtin
from .model import Text


def member_rows(used: Path | None = None) -> list[dict]:
    """Every known code with its name; with USED, only the codes that text uses."""
    if used is None:
        registry = builtin()
        rows = [{"code": m.code, "name": m.name} for m in registry.members.values()]
        rows += [{"code": a, "name": f"{registry.name(c)} (alias of {c})"} for a, c in registry.aliases.items()]
        return sorted(rows, key=lambda r: r["code"])
    from .load import load_text
    from .source import FolderSource

    text = load_text(FolderSource(used)).text
    counts = proponent_uses(text)
    assert text.members is not None
    return [{"code": code, "name": text.members.name(code), "uses": n} for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def proponent_uses(text: Text) -> Counter[str]:
    """How many attributions name each code (paragraph-level and inline, all articles)."""
    counts: Counter[str] = Counter()
    for article in text.articles.values():
        for codes in article.attributions():
            counts.update(codes)
    return counts
