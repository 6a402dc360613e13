"""HTML: helpers for the autoescaped html template (hover titles, anchors)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

from .resolve import Segment


def bracket_titles(segments: Sequence[Segment]) -> dict[int, str]:
    """Index of each bracket's opening segment → its hover title ("Proposed by US, JP").

    A bracket's attribution follows its closing edge; a choice's follow each option,
    so a choice with no attribution of its own shows its options' proponents.
    """
    titles: dict[int, str] = {}
    open_at: list[tuple[int, list[str]]] = []
    for index, segment in enumerate(segments):
        if segment.kind == "open":
            open_at.append((index, []))
        elif segment.kind == "attribution" and open_at and _inside(segments, index, segment.depth):
            open_at[-1][1].append(segment.text)
        elif segment.kind == "close" and open_at:
            start, options = open_at.pop()
            after = segments[index + 1] if index + 1 < len(segments) else None
            if after is not None and after.kind == "attribution" and after.depth == segment.depth:
                titles[start] = f"Proposed by {after.text}"
            elif options:
                titles[start] = "Options proposed by " + " / ".join(options)
    return titles


def _inside(segments: Sequence[Segment], index: int, depth: int) -> bool:
    """True for an option's attribution (before its bracket closes), not the bracket's own."""
    previous = segments[index - 1] if index else None
    return not (previous is not None and previous.kind == "close" and previous.depth == depth)


def anchor(article_id: str) -> str:
    """The HTML id of an article (references link to it)."""
    return f"article-{article_id}"


#: The filters the html templates use.
def css_string(value: str | None) -> Markup:
    """VALUE as a quoted CSS string for the page's print header (``@page``): every character
    but letters, digits and ``/ . - _`` and spaces hex-escaped, so nothing in it can end the
    string, the rule or the <style> element."""
    safe = "".join(c if (c.isalnum() and c.isascii()) or c in " /.-_" else f"\\{ord(c):x} " for c in value or "")
    return Markup(f'"{safe}"')


FILTERS: dict[str, Callable[..., object]] = {"bracket_titles": bracket_titles, "anchor": anchor, "css_string": css_string}


_ADJACENT_MARKS = re.compile(r'</sup>\s*(?=<sup class="fnref")')


def separate_marks(page: str) -> str:
    """A comma between two footnote marks with nothing between them ("]³²,³³"), and only there:
    "WTO]³². ³³" keeps its text (a CSS sibling rule cannot tell, it ignores text)."""
    return _ADJACENT_MARKS.sub('</sup><sup class="fnsep">,</sup>', page)
