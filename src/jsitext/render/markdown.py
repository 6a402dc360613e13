"""Markdown (GitHub-flavoured): filters for the md template (escaping is :func:`jsitext.escape.markdown`).

The template writes one paragraph per line, so a revision's diff in git shows the
paragraphs that changed and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from ..escape import markdown as escape


def strong(text: str) -> str:
    """Already-escaped TEXT in bold, its edge spaces kept outside the asterisks."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}**{core}**{text[start + len(core) :]}"


#: The filters the md templates use.
FILTERS: dict[str, Callable[..., object]] = {"md": escape, "strong": strong}
