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
from .html import BracketShape, Hooks, anchor, bracket_shape, bracket_titles
from .resolve import Segment
from .text import superscript


def html_marker(number: int | None, title: str = "", hooks: Hooks | None = None) -> Markup:
    """A footnote marker linking to its footnote, with a hover title (HOOKS: the reader's)."""
    if not number:
        return Markup("")
    data = ""
    if hooks is not None:
        title, data = hooks.marker(number, title)
    hover = f' title="{escape(title)}"' if title else ""
    return Markup(f'<sup class="fnref" id="fnref-{number}"{data}><a href="#fn-{number}"{hover}>{number}</a></sup>')


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


def html_segments(segments: Sequence[Segment], shown: Collection[str] = (), hooks: Hooks | None = None) -> Markup:
    """Segments as escaped HTML: brackets as styled spans, references as links to shown articles.

    With HOOKS (the reader), each bracket and each option of a choice (in a span of its
    own) carries its proponents (:meth:`Hooks.proponents`), and marks their codes."""
    titles = bracket_titles(segments)
    shape = bracket_shape(segments) if hooks is not None else None
    out: list[str] = []
    for index, s in enumerate(segments):
        kind = s.kind
        if kind == "text":
            out.append(f"<mark>{escape(s.text)}</mark>" if s.mine else escape(s.text))
        elif kind == "open":
            title = f' title="{escape(titles[index])}"' if titles.get(index) else ""
            data = _bracket_hooks(shape, hooks, index)
            out.append(f'<span class="bracket depth-{s.depth}{" mine" if s.mine else ""}"{title}{data}><span class="edge">[</span>')
            if shape is not None and index in shape.options:
                out.append(f'<span class="option"{hooks.proponents(shape.options[index]) if hooks else ""}>')
        elif kind == "close":
            out.append(
                '</span><span class="edge">]</span></span>' if shape is not None and index in shape.choice_ends else '<span class="edge">]</span></span>'
            )
        elif kind == "separator":
            if shape is not None and index in shape.options:
                proponents = hooks.proponents(shape.options[index]) if hooks else ""
                out.append(f'</span><span class="separator">{escape(s.text)}</span><span class="option"{proponents}>')
                continue
            out.append(f'<span class="separator">{escape(s.text)}</span>')
        elif kind == "reference":
            text = escape(s.text)
            href = anchor(f"{s.target}/{s.place}" if s.place else s.target)
            out.append(f'<a class="reference" href="#{escape(href)}">{text}</a>' if s.target in shown else f'<span class="reference">{text}</span>')
        elif kind == "attribution":
            out.append(str(html_marker(s.note, "Proposed by " + s.text, hooks)) if s.note else f'<span class="attribution">{{{escape(s.text)}}}</span>')
        elif kind == "footnote":
            out.append(str(html_marker(s.note, footnote_title([Segment("text", s.text)]))))
    return Markup("".join(out))


def _bracket_hooks(shape: BracketShape | None, hooks: Hooks | None, index: int) -> str:
    if hooks is None or shape is None:
        return ""
    return hooks.proponents(shape.own.get(index, ()))


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
        elif kind == "footnote":
            out.append(f"[^{s.note}]")
        elif kind == "reference" and s.target in shown:
            out.append(f"[{md_escape(s.text)}](#{anchor(s.target)})")
        else:
            out.append(md_escape(s.text))
    return "".join(out)


def txt_segments(segments: Sequence[Segment]) -> str:
    """Segments as plain text, attributions as superscript footnote numbers, the viewed
    member's proposals between » and « (plain text has no bold, and e-mail keeps these)."""
    if not any(s.mine for s in segments):
        return "".join(_txt_mark(segments, i) if s.kind in _MARKS else s.text for i, s in enumerate(segments))
    out: list[str] = []
    marking = False
    for index, s in enumerate(segments):
        if s.kind in _MARKS:
            # A proposal's footnote number follows its closing mark, unless more of it follows.
            if marking and not _mine_follows(segments, index):
                marking = _mark(out, "«")
            out.append(_txt_mark(segments, index))
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


_MARKS = frozenset({"attribution", "footnote"})


def _txt_mark(segments: Sequence[Segment], index: int) -> str:
    """A footnote number in superscript (after a comma when it touches another), or codes in braces."""
    segment = segments[index]
    if not segment.note:
        return f"{{{segment.text}}}"
    previous = segments[index - 1] if index else None
    touches = previous is not None and previous.kind in _MARKS and previous.note and segment.kind == "footnote"
    return ("," if touches else "") + superscript(segment.note)


def _mine_follows(segments: Sequence[Segment], index: int) -> bool:
    """True when the next segment that is not an attribution is the viewed member's."""
    return next((s.mine for s in segments[index + 1 :] if s.kind not in _MARKS), False)


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
