"""Markdown (GitHub-flavoured): escaping for text printed through the md template.

The template writes one paragraph per line, so a revision's diff in git shows the
paragraphs that changed and nothing else.
"""

from __future__ import annotations

import re

# Characters that start Markdown or GFM syntax anywhere in a line (emphasis, links,
# code, HTML, headings, tables, strike-through); a backslash makes each literal.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: list markers, block quotes, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(\s*)([-+=>])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_SPACE = re.compile(r"\s*\n\s*")


_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~&\n]|^\s*[-+=>\d]")


def escape(text: object) -> str:
    """TEXT printed literally in Markdown (newlines folded: one paragraph, one line)."""
    out = str(text)
    if not _ANY_SPECIAL.search(out):
        return out  # the common case: nothing to escape
    out = _SPACE.sub(" ", out)
    out = _INLINE.sub(r"\\\1", out)
    out = _ENTITY.sub("&amp;", out)
    out = _LINE_START.sub(r"\1\\\2", out)
    return _ORDERED.sub(r"\1\\\2", out)


def strong(text: str) -> str:
    """Already-escaped TEXT in bold, its edge spaces kept outside the asterisks."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}**{core}**{text[start + len(core) :]}"


#: The filters the md templates use.
FILTERS = {"md": escape, "strong": strong}
