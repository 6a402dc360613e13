"""Inline segments rendered in Python, one function per format.

The ``segments`` macros of the default templates call these filters: a macro call
per segment costs Jinja more than the rest of a build (measured: 1.2 s of 1.8 s
for md and html at 1,000 articles).  A user's own template may still render
segments itself; the Segment kinds are documented in docs/build.md.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from markupsafe import Markup

from ..escape import html as escape
from ..escape import markdown as md_escape
from . import markdown
from .html import anchor, bracket_titles
from .resolve import Segment
from .text import superscript


def html_marker(number: int | None, title: str = "") -> Markup:
    """A footnote marker linking to its footnote, with a hover title."""
    if not number:
        return Markup("")
    hover = f' title="{escape(title)}"' if title else ""
    return Markup(f'<sup class="fnref" id="fnref-{number}"><a href="#fn-{number}"{hover}>{number}</a></sup>')


#: The longest hover title of a treaty footnote's marker (a browser's tooltip is no place for a page).
TITLE_LIMIT = 200


def footnote_title(segments: Sequence[Segment], limit: int = TITLE_LIMIT) -> str:
    """A footnote's text as a hover title: plain text on one line, cut after a word
    with an ellipsis when longer than LIMIT characters."""
    text = " ".join(txt_segments(segments).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word of over a hundred characters is cut where it falls
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def html_segments(segments: Sequence[Segment], shown: Collection[str] = ()) -> Markup:
    """Segments as escaped HTML: brackets as styled spans, references as links to shown articles."""
    titles = bracket_titles(segments)
    out: list[str] = []
    for index, s in enumerate(segments):
        kind = s.kind
        if kind == "text":
            out.append(f"<mark>{escape(s.text)}</mark>" if s.mine else escape(s.text))
        elif kind == "open":
            title = f' title="{escape(titles[index])}"' if titles.get(index) else ""
            out.append(f'<span class="bracket depth-{s.depth}{" mine" if s.mine else ""}"{title}><span class="edge">[</span>')
        elif kind == "close":
            out.append('<span class="edge">]</span></span>')
        elif kind == "separator":
            out.append(f'<span class="separator">{escape(s.text)}</span>')
        elif kind == "reference":
            text = escape(s.text)
            out.append(f'<a class="reference" href="#{escape(anchor(s.target))}">{text}</a>' if s.target in shown else f'<span class="reference">{text}</span>')
        elif kind == "attribution":
            out.append(str(html_marker(s.note, "Proposed by " + s.text)) if s.note else f'<span class="attribution">{{{escape(s.text)}}}</span>')
    return Markup("".join(out))


_MD_EDGES = {"open": "\\[", "close": "\\]"}


def md_segments(segments: Sequence[Segment], shown: Collection[str] = ()) -> str:
    """Segments as Markdown, every piece of text escaped, attributions as footnote references,
    references as links to the anchors of shown articles (the md template writes one before
    each article's heading: GitHub's own heading slugs change with the title)."""
    out: list[str] = []
    for s in segments:
        kind = s.kind
        if kind == "text":
            text = md_escape(s.text)
            out.append(markdown.strong(text) if s.mine else text)
        elif kind in _MD_EDGES:
            out.append(_MD_EDGES[kind])
        elif kind == "attribution":
            out.append(f"[^{s.note}]" if s.note else f"\\{{{md_escape(s.text)}\\}}")
        elif kind == "reference" and s.target in shown:
            out.append(f"[{md_escape(s.text)}](#{anchor(s.target)})")
        else:
            out.append(md_escape(s.text))
    return "".join(out)


def txt_segments(segments: Sequence[Segment]) -> str:
    """Segments as plain text, attributions as superscript footnote numbers, the viewed
    member's proposals between » and « (plain text has no bold, and e-mail keeps these)."""
    if not any(s.mine for s in segments):
        return "".join(_txt_attribution(s) if s.kind == "attribution" else s.text for s in segments)
    out: list[str] = []
    marking = False
    for index, s in enumerate(segments):
        if s.kind == "attribution":
            # A proposal's footnote number follows its closing mark, unless more of it follows.
            if marking and not _mine_follows(segments, index):
                marking = _mark(out, "«")
            out.append(_txt_attribution(s))
            continue
        text = s.text
        if s.mine != marking:
            if s.mine:  # the mark opens at the first word, after any space
                word = text.lstrip()
                out.append(text[: len(text) - len(word)])
                text = word
            marking = _mark(out, "»" if s.mine else "«")
        out.append(text)
    if marking:
        _mark(out, "«")
    return "".join(out)


def _txt_attribution(segment: Segment) -> str:
    return superscript(segment.note) if segment.note else f"{{{segment.text}}}"


def _mine_follows(segments: Sequence[Segment], index: int) -> bool:
    """True when the next segment that is not an attribution is the viewed member's."""
    return next((s.mine for s in segments[index + 1 :] if s.kind != "attribution"), False)


def _mark(out: list[str], mark: str) -> bool:
    """Add an opening or closing MARK to OUT, outside the spaces around the marked text;
    True when the mark opens."""
    if mark == "«" and out:
        last = out[-1].rstrip()
        out[-1] = last + mark + out[-1][len(last) :]
    else:
        out.append(mark)
    return mark == "»"


#: The filters every template may use.
FILTERS: dict[str, Callable[..., object]] = {
    "html_segments": html_segments,
    "html_marker": html_marker,
    "footnote_title": footnote_title,
    "md_segments": md_segments,
    "txt_segments": txt_segments,
}
