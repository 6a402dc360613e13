"""An article of the Word build as lines of pieces, the units a Word redline compares.

Each Word paragraph of an article (heading, status line, paragraphs, items,
alternatives, note) becomes a :class:`Line`; its inline content becomes
:class:`Piece` objects: a word with its white space, a bracket's edge, a
reference, a footnote mark.  A piece knows what it is compared by (``key``:
its words, formatting aside) and how the build writes it (text, character style,
bold, footnote number, link).  The layout mirrors :mod:`docx_body` run for run,
so a line with no change is written as the build writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.words import tokens
from .docx_body import ANCHOR_PREFIX, ITEM_STYLES, article_heading, status_line
from .docx_xml import bracket_style
from .resolve import DocAlternative, DocArticle, DocItem, DocParagraph, Segment

#: The key of a treaty footnote's mark: its text may change, the mark stays (the new footnote is shown).
FOOTNOTE_KEY = "{footnote}"


@dataclass(frozen=True, slots=True)
class Piece:
    """One unit of a line: text in a style, a tab, a footnote mark, or a linked reference."""

    key: str
    text: str = ""
    style: str | None = None
    bold: bool = False
    note: int | None = None  # a footnote mark (the footnote's number)
    link: str | None = None  # a reference's bookmark

    @property
    def is_text(self) -> bool:
        """Plain text that may share a run with its neighbours of the same look."""
        return self.note is None and self.link is None and self.text != "\t"


TAB_PIECE = Piece("\t", "\t")


@dataclass
class Line:
    """One Word paragraph: its style, its label ("1.", "(a)" and the tab) and its content."""

    style: str
    label: list[Piece] = field(default_factory=list)
    content: list[Piece] = field(default_factory=list)
    bookmark: tuple[int, str] | None = None  # (id, name) of the article heading's bookmark

    @property
    def key(self) -> str:
        """What aligns it with its counterpart: its words, label aside."""
        return " ".join(p.key for p in self.content if p.key)


@dataclass
class ArticleLines:
    """An article's lines in three parts, each aligned with its own kind."""

    heading: Line
    status: Line | None
    body: list[Line]
    note: Line | None


def words(text: str, style: str | None = None, *, bold: bool = False) -> list[Piece]:
    """TEXT as word pieces in one look."""
    return [Piece(t.strip(), t, style, bold) for t in tokens(text)]


def article_lines(article: DocArticle, anchors: dict[str, str], *, bookmark: bool = True) -> ArticleLines:
    """The lines of ARTICLE as the build writes them (its heading bookmarked when BOOKMARK)."""
    heading = Line("Heading3", content=words(article_heading(article)))
    anchor = anchors.get(article.id)
    if bookmark and anchor:
        heading.bookmark = (int(anchor.removeprefix(ANCHOR_PREFIX)), anchor)
    status = status_line(article)
    body: list[Line] = []
    for doc_paragraph in article.paragraphs:
        _paragraph(doc_paragraph, body, anchors)
    note = Line("Note", content=[Piece("Note:", "Note: ", bold=True), *segment_pieces(article.note, anchors)]) if article.note else None
    return ArticleLines(heading, Line("ArticleStatus", content=words(status)) if status else None, body, note)


def _paragraph(doc_paragraph: DocParagraph, lines: list[Line], anchors: dict[str, str]) -> None:
    label = [Piece(doc_paragraph.label, doc_paragraph.label), TAB_PIECE] if doc_paragraph.label else [TAB_PIECE]
    if doc_paragraph.kind == "alternatives":
        for i, alternative in enumerate(doc_paragraph.alternatives):
            _alternative(alternative, label if i == 0 else [TAB_PIECE], lines, anchors)
    else:
        proposal = doc_paragraph.kind == "proposal"
        style = bracket_style(1, doc_paragraph.mine)
        opening = [Piece("[", "[", style, bold=True)] if proposal else []
        lines.append(Line("TreatyParagraph", label, [*opening, *segment_pieces(doc_paragraph.segments, anchors, int(proposal))]))
        _items(doc_paragraph.items, 0, int(proposal), lines, anchors)
        if proposal:
            lines[-1].content.append(Piece("]", "]", style, bold=True))
            _mark(lines, doc_paragraph.note, "{" + doc_paragraph.proponents + "}")
    _mark(lines, doc_paragraph.footnote, FOOTNOTE_KEY)


def _alternative(alternative: DocAlternative, label: list[Piece], lines: list[Line], anchors: dict[str, str]) -> None:
    style = bracket_style(1, alternative.mine)
    opening = [Piece(f"{alternative.label}:", f"{alternative.label}: ", bold=True), Piece("[", "[", style, bold=True)]
    lines.append(Line("TreatyParagraph", label, [*opening, *segment_pieces(alternative.segments, anchors, 1)]))
    _items(alternative.items, 0, 1, lines, anchors)
    lines[-1].content.append(Piece("]", "]", style, bold=True))
    _mark(lines, alternative.note, "{" + alternative.proponents + "}")
    _mark(lines, alternative.footnote, FOOTNOTE_KEY)


def _items(items: tuple[DocItem, ...], depth: int, offset: int, lines: list[Line], anchors: dict[str, str]) -> None:
    style = ITEM_STYLES[min(depth, len(ITEM_STYLES) - 1)]
    for item in items:
        lines.append(Line(style, [Piece(item.label, item.label), TAB_PIECE], segment_pieces(item.segments, anchors, offset)))
        _items(item.items, depth + 1, offset, lines, anchors)


def _mark(lines: list[Line], note: int | None, key: str) -> None:
    if note is not None:
        lines[-1].content.append(Piece(key, note=note))


def segment_pieces(segments: tuple[Segment, ...], anchors: dict[str, str], offset: int = 0) -> list[Piece]:
    """Inline segments as pieces, styled as :class:`docx_xml.SegmentWriter` writes them."""
    out: list[Piece] = []
    for segment in segments:
        style = bracket_style(segment.depth + offset, segment.mine)
        kind = segment.kind
        if kind in ("open", "close", "separator"):
            out.append(Piece(segment.text.strip(), segment.text, style, bold=True))
        elif kind == "reference":
            out.append(Piece(segment.text, segment.text, style, link=anchors.get(segment.target)))
        elif kind == "attribution" and segment.note is not None:
            out.append(Piece("{" + segment.text + "}", note=segment.note))
        elif kind == "attribution":  # inside a note, where no footnote can hang: the codes in braces
            out.append(Piece("{" + segment.text + "}", "{" + segment.text + "}", "Proponent"))
        else:
            out.extend(words(segment.text, style))
    return out
