"""HTML: helpers for the autoescaped html template (hover titles, anchors, the reader's hooks)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..escape import html as escape
from ..members import Registry
from .resolve import DocArticle, Footnote, Segment


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
    """The HTML id of an article (references link to it), or of a paragraph or item
    with an id: "scope/coverage" gives "article-scope/coverage" ('/' is in no id)."""
    return f"article-{article_id}"


#: The filters the html templates use.
def css_string(value: str | None) -> Markup:
    """VALUE as a quoted CSS string for the page's print header (``@page``): every character
    but letters, digits and ``/ . - _`` and spaces hex-escaped, so nothing in it can end the
    string, the rule or the <style> element."""
    safe = "".join(c if (c.isalnum() and c.isascii()) or c in " /.-_" else f"\\{ord(c):x} " for c in value or "")
    return Markup(f'"{safe}"')


def _no_hooks(_value: object) -> Markup:
    return Markup("")


FILTERS: dict[str, Callable[..., object]] = {
    "bracket_titles": bracket_titles,
    "anchor": anchor,
    "css_string": css_string,
    # The reader's attributes (render/reader.py): the static page has none.
    "proponent_hooks": _no_hooks,
    "article_hooks": _no_hooks,
}


@dataclass
class BracketShape:
    """Who proposes each bracket and each option of a choice, by segment index: what the
    reader's ``data-proponents`` need (an attribution follows the text it attributes)."""

    own: dict[int, tuple[str, ...]] = field(default_factory=dict)  # a bracket's opening edge → its own codes
    #: a choice's opening edge (its first option) and separators (the next option) → that option's codes
    options: dict[int, tuple[str, ...]] = field(default_factory=dict)
    choice_ends: set[int] = field(default_factory=set)  # the closing edges of choices


def bracket_shape(segments: Sequence[Segment]) -> BracketShape:
    shape = BracketShape()
    frames: list[tuple[int, list[int]]] = []  # an open bracket: its opening index, where its options start
    for index, segment in enumerate(segments):
        kind = segment.kind
        if kind == "open":
            frames.append((index, [index]))
        elif not frames or segment.depth != segments[frames[-1][0]].depth:
            continue
        elif kind == "separator":
            frames[-1][1].append(index)
        elif kind == "attribution" and _inside(segments, index, segment.depth):
            shape.options[frames[-1][1][-1]] = segment.codes
        elif kind == "close":
            start, options = frames.pop()
            after = segments[index + 1] if index + 1 < len(segments) else None
            if after is not None and after.kind == "attribution" and after.depth == segment.depth:
                shape.own[start] = after.codes
            if len(options) > 1:
                shape.choice_ends.add(index)
                for option in options:
                    shape.options.setdefault(option, ())
            else:
                shape.options.pop(start, None)
    return shape


class Hooks:
    """The reader's attributes on the text the html template renders, for its script and
    for tools: ``data-proponents`` (the codes as written, as ``stats`` counts them) and
    ``data-members`` (with every member of a group) on whatever names proponents; the
    article's id, status, section and brackets remaining; the codes on attribution marks,
    and the members' names in their hover titles."""

    def __init__(self, registry: Registry, footnotes: Iterable[Footnote]) -> None:
        self.registry = registry
        self.codes_by_note = {f.number: f.codes for f in footnotes if f.codes}

    def proponents(self, codes: Sequence[str]) -> str:
        if not codes:
            return ""
        members = sorted({m for code in codes for m in self.registry.expand(code)})
        return f' data-proponents="{escape(" ".join(codes))}" data-members="{escape(" ".join(members))}"'

    def proponent_hooks(self, codes: Sequence[str]) -> Markup:
        return Markup(self.proponents(codes))

    def article_hooks(self, article: DocArticle) -> Markup:
        subsection = f' data-subsection="{escape(article.subsection)}"' if article.subsection else ""
        return Markup(
            f' data-article="{escape(article.id)}" data-status="{escape(article.status)}" data-section="{escape(article.section)}"'
            f'{subsection} data-brackets="{article.counts.brackets}"'
        )

    def marker(self, number: int, title: str) -> tuple[str, str]:
        """An attribution mark's hover title (the members' names with their codes) and its attributes."""
        codes = self.codes_by_note.get(number)
        if not codes:
            return title, ""
        names = "; ".join(f"{self.registry.name(c)} ({c})" for c in codes)
        return f"Proposed by {names}", f' data-codes="{escape(", ".join(codes))}"'


_ADJACENT_MARKS = re.compile(r'</sup>\s*(?=<sup class="fnref")')


def separate_marks(page: str) -> str:
    """A comma between two footnote marks with nothing between them ("]³²,³³"), and only there:
    "WTO]³². ³³" keeps its text (a CSS sibling rule cannot tell, it ignores text)."""
    return _ADJACENT_MARKS.sub('</sup><sup class="fnsep">,</sup>', page)
