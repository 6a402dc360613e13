"""HTML: helpers for the autoescaped html template (hover titles, anchors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
FILTERS: dict[str, Callable[..., object]] = {"bracket_titles": bracket_titles, "anchor": anchor}
