"""The rows of ``jsitext members``: codes with names, and how often a text uses each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .members import Registry, builtin
from .model import Text


def member_rows(used: Path | None = None) -> list[dict[str, Any]]:
    """Every known code with its name; with USED, only the members that text names, each
    with its attributions (``uses``) and the articles it facilitates (``facilitates``)."""
    if used is None:
        registry = builtin()
        rows = [{"code": m.code, "name": m.name} for m in registry.members.values()]
        rows += [{"code": a, "name": f"{registry.name(c)} (alias of {c})"} for a, c in registry.aliases.items()]
        return sorted(rows, key=lambda r: r["code"])
    from .load import load_text
    from .source import FolderSource

    text = load_text(FolderSource(used)).text
    assert text.members is not None
    uses, facilitates = proponent_uses(text), facilitations(text)
    codes = sorted({*uses, *facilitates}, key=lambda c: (-uses[c], -facilitates[c], c))
    return [{"code": c, "name": text.members.name(c), "uses": uses[c], "facilitates": facilitates[c]} for c in codes]


def proponent_uses(text: Text) -> Counter[str]:
    """How many attributions name each member (paragraph-level and inline, the preamble and all articles),
    counted by canonical code: UK and GB are one member."""
    counts: Counter[str] = Counter()
    for codes in text.cover_attributions():
        counts.update(_canonical(text.members, code) for code in codes)
    for article in text.articles.values():
        for codes in article.attributions():
            counts.update(_canonical(text.members, code) for code in codes)
    return counts


def facilitations(text: Text) -> Counter[str]:
    """How many articles each member facilitates, by canonical code."""
    return Counter(_canonical(text.members, a.facilitator) for a in text.articles.values() if a.facilitator)


def _canonical(registry: Registry | None, code: str) -> str:
    # An unknown code (jsitext check reports it) is counted as written.
    return (registry.canonical(code) if registry else None) or code


def member_table(rows: list[dict[str, Any]]) -> str:
    """ROWS as aligned text: code and name, with a header and the counts for a text's members."""
    if not rows or "uses" not in rows[0]:
        width = max((len(r["code"]) for r in rows), default=4)
        return "".join(f"{r['code']:<{width}}  {r['name']}\n" for r in rows)
    width = max(len("Code"), *(len(r["code"]) for r in rows))
    lines = [f"{'Code':<{width}}  Uses  Facilitates  Name"]
    lines += [f"{r['code']:<{width}}  {r['uses']:>4}  {r['facilitates']:>11}  {r['name']}" for r in rows]
    return "\n".join(lines) + "\n"
