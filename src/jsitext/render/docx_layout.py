"""The one layout of an article in Word: lines of pieces, written by the build and compared by the redline.

Each Word paragraph of an article (heading, status line, paragraphs, items,
alternatives, note) becomes a :class:`Line`; its inline content becomes
:class:`Piece` objects: a stretch of text in one look, a label, a tab, a
bracket's edge, a reference, a footnote mark.  The build writes the lines as
they are (:meth:`Line.xml`, one run a piece); the Word redline
(:mod:`jsitext.diff.docx_redline`) compares two versions of a line piece by piece, a stretch
of text split into its words (:func:`split_words`) only there, so the build
pays nothing for the comparison it does not make.  Inline text outside the
articles (the cover note, the footnotes) is written from the same pieces
(:func:`segment_runs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..align import tokens
from .docx_xml import MARK_SEPARATOR, TAB, bookmarked, internal_link, note_reference, paragraph, run
from .resolve import DocAlternative, DocArticle, DocArticleAlternative, DocItem, DocNote, DocParagraph, Segment

ITEM_STYLES = ("TreatyItem", "TreatySubitem")
ANCHOR_PREFIX = "article_"
#: The key of a treaty footnote's mark: its text may change, the mark stays (the new footnote is shown).
FOOTNOTE_KEY = "{footnote}"


@dataclass(slots=True)
class Piece:
    """One unit of a line: text in a style, a tab, a footnote mark, or a linked reference.

    ``key`` is what it is compared by (its words, formatting aside); a piece of
    ``words`` is compared word by word instead: see :func:`split_words`.  Never
    changed once made (``dataclasses.replace`` makes another); not frozen because
    a frozen one costs three times as much to make, and the build makes one for
    every stretch of text.
    """

    key: str
    text: str = ""
    style: str | None = None
    bold: bool = False
    note: int | None = None  # a footnote mark (the footnote's number)
    link: str | None = None  # a reference's bookmark
    words: bool = False  # running text: one run in the build, its words apart in a redline

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
        return " ".join(p.key for p in split_words(self.content) if p.key)

    def xml(self) -> str:
        """The paragraph as the build writes it: one run a piece, nothing marked."""
        return self.paragraph("".join(piece_xml(p) for p in (*self.label, *self.content)))

    def paragraph(self, runs: str) -> str:
        """RUNS as this line's paragraph (inside its bookmark, if it has one)."""
        if self.bookmark is not None:
            runs = bookmarked(self.bookmark[0], self.bookmark[1], runs)
        return paragraph(self.style, runs)


@dataclass
class ArticleLines:
    """An article's lines in three parts, each aligned with its own kind."""

    heading: Line
    status: Line | None
    body: list[Line]
    note: Line | None
    notes: list[Line] = field(default_factory=list)  # the article's typed notes, after its old-style note

    def lines(self) -> list[Line]:
        """Every line, in the order of the document."""
        return [self.heading, *([self.status] if self.status else []), *self.body, *([self.note] if self.note else []), *self.notes]


def piece_xml(piece: Piece) -> str:
    """PIECE as the build writes it: a run, a tab, a footnote mark or a linked run."""
    if piece.words:  # the most common piece first
        return run(piece.text, piece.style, bold=piece.bold)
    if piece.note is not None:
        return note_reference(piece.note)
    if piece.text == "\t":
        return TAB
    if piece.link is not None:
        return internal_link(piece.link, run(piece.text, piece.style, bold=piece.bold))
    return run(piece.text, piece.style, bold=piece.bold)


def bracket_style(depth: int, mine: bool) -> str | None:
    """Unagreed text is shaded (Bracketed); the viewed member's own proposals highlighted."""
    if not depth:
        return "OwnProposal" if mine else None
    return "OwnProposal" if mine else "Bracketed"


def split_words(pieces: list[Piece]) -> list[Piece]:
    """PIECES with each piece of words split into word pieces (a word with its white space, in its look)."""
    out: list[Piece] = []
    for piece in pieces:
        if piece.words:
            out.extend(Piece(t.strip(), t, piece.style, piece.bold) for t in tokens(piece.text))
        else:
            out.append(piece)
    return out


def words(text: str, style: str | None = None) -> Piece:
    """TEXT as one piece of words in one look."""
    return Piece(text, text, style, words=True)


def article_heading(article: DocArticle) -> str:
    return f"{article.heading}: {article.title}" if article.title else article.heading


def _heading_pieces(article: DocArticle, anchors: dict[str, str]) -> list[Piece]:
    """The heading as one run; a title with markup as its pieces (brackets shaded, footnote marks)."""
    if all(s.kind == "text" and not s.depth for s in article.title_segments):
        return [words(article_heading(article))]
    return [words(f"{article.heading}: "), *segment_pieces(article.title_segments, anchors)]


def status_line(article: DocArticle) -> str:
    parts = []
    if article.show_status:
        parts.append(f"Status: {article.status}")
    if article.small_group:
        parts.append(f"Small group: {article.small_group}")
    if article.facilitator:
        parts.append(f"Facilitator: {article.facilitator}")
    return "; ".join(parts) + ("." if parts else "")


def article_lines(article: DocArticle, anchors: dict[str, str], *, bookmark: bool = True) -> ArticleLines:
    """The lines of ARTICLE as the build writes them (its heading bookmarked when BOOKMARK).

    Footnote marks follow the order of their numbers, so that Word, which numbers
    footnotes by their place in the document, prints the Document's numbers: a
    proposal's attribution and a paragraph's treaty footnote hang at the end of
    its last line (after its items), where resolve allocated them.
    """
    heading = Line("Heading3", content=_marks_apart(_heading_pieces(article, anchors)))
    anchor = anchors.get(article.id)
    if bookmark and anchor:
        heading.bookmark = (int(anchor.removeprefix(ANCHOR_PREFIX)), anchor)
    status = status_line(article)
    body: list[Line] = []
    if article.kind == "alternatives":
        for alternative in article.alternatives:
            _article_alternative(alternative, body, anchors)
    elif article.kind == "proposal":
        _bracketed(article.paragraphs, body, anchors, article.mine, article.proposal_note, article.proponents)
    else:
        for doc_paragraph in article.paragraphs:
            _paragraph(doc_paragraph, body, anchors)
    note = Line("Note", content=[Piece("Note:", "Note: ", bold=True), *segment_pieces(article.note, anchors)]) if article.note else None
    for line in body:
        line.content = _marks_apart(line.content)
    status_line_ = Line("ArticleStatus", content=[words(status)]) if status else None
    return ArticleLines(heading, status_line_, body, note, note_lines(article.notes, anchors))


def note_lines(notes: tuple[DocNote, ...], anchors: dict[str, str]) -> list[Line]:
    """Typed notes in the boxed Note style, each labelled by its kind ("Co-convenors' note:")."""
    return [Line("Note", content=[Piece(n.label, n.label + " ", bold=True), *segment_pieces(n.segments, anchors)]) for n in notes]


def preamble_lines(paragraphs: tuple[DocParagraph, ...], anchors: dict[str, str]) -> list[Line]:
    """The preamble's paragraphs as lines (unnumbered), as the build writes them."""
    lines: list[Line] = []
    for doc_paragraph in paragraphs:
        _paragraph(doc_paragraph, lines, anchors)
    for line in lines:
        line.content = _marks_apart(line.content)
    return lines


def _article_alternative(alternative: DocArticleAlternative, lines: list[Line], anchors: dict[str, str]) -> None:
    """One version of an article: a bold "Alt 1: Title" line (a title with markup: its brackets
    shaded, its footnote marks), then its paragraphs in one bracket."""
    if all(s.kind == "text" and not s.depth for s in alternative.title_segments):
        heading = f"{alternative.label}: {alternative.title}" if alternative.title else alternative.label
        content = [Piece(heading, heading, bold=True)]
    else:
        content = [Piece(alternative.label + ": ", alternative.label + ": ", bold=True), *segment_pieces(alternative.title_segments, anchors)]
    lines.append(Line("TreatyParagraph", [TAB_PIECE], content))
    _bracketed(alternative.paragraphs, lines, anchors, alternative.mine, alternative.note, alternative.proponents)


def _bracketed(paragraphs: tuple[DocParagraph, ...], lines: list[Line], anchors: dict[str, str], mine: bool, note: int | None, proponents: str) -> None:
    """PARAGRAPHS in one bracket (a proposed article, or an alternative version of one): "[" opens
    the first line, "]" and the attribution's mark close the last; the text inside is shaded."""
    first = len(lines)
    for doc_paragraph in paragraphs:
        _paragraph(doc_paragraph, lines, anchors, offset=1)
    if len(lines) == first:
        return
    style = bracket_style(1, mine)
    lines[first].content.insert(0, Piece("[", "[", style, bold=True))
    lines[-1].content.append(Piece("]", "]", style, bold=True))
    _mark(lines, note, "{" + proponents + "}")


def _paragraph(doc_paragraph: DocParagraph, lines: list[Line], anchors: dict[str, str], offset: int = 0) -> None:
    # The text always starts at the tab, so a paragraph standing alone lines up with numbered ones.
    # OFFSET is 1 inside a proposed article or an alternative version of one: its text is unagreed.
    label = [Piece(doc_paragraph.label, doc_paragraph.label), TAB_PIECE] if doc_paragraph.label else [TAB_PIECE]
    if doc_paragraph.kind == "alternatives":
        for i, alternative in enumerate(doc_paragraph.alternatives):
            _alternative(alternative, label if i == 0 else [TAB_PIECE], lines, anchors, offset)
    else:
        proposal = doc_paragraph.kind == "proposal"
        style = bracket_style(1 + offset, doc_paragraph.mine)
        opening = [Piece("[", "[", style, bold=True)] if proposal else []
        lines.append(Line("TreatyParagraph", label, [*opening, *segment_pieces(doc_paragraph.segments, anchors, int(proposal) + offset)]))
        _items(doc_paragraph.items, 0, int(proposal) + offset, lines, anchors)
        if proposal:
            lines[-1].content.append(Piece("]", "]", style, bold=True))
            _mark(lines, doc_paragraph.note, "{" + doc_paragraph.proponents + "}")
    _mark(lines, doc_paragraph.footnote, FOOTNOTE_KEY)
    lines.extend(note_lines(doc_paragraph.notes, anchors))


def _alternative(alternative: DocAlternative, label: list[Piece], lines: list[Line], anchors: dict[str, str], offset: int = 0) -> None:
    style = bracket_style(1 + offset, alternative.mine)
    opening = [Piece(f"{alternative.label}:", f"{alternative.label}: ", bold=True), Piece("[", "[", style, bold=True)]
    lines.append(Line("TreatyParagraph", label, [*opening, *segment_pieces(alternative.segments, anchors, 1 + offset)]))
    _items(alternative.items, 0, 1 + offset, lines, anchors)
    lines[-1].content.append(Piece("]", "]", style, bold=True))
    _mark(lines, alternative.note, "{" + alternative.proponents + "}")
    _mark(lines, alternative.footnote, FOOTNOTE_KEY)


def _items(items: tuple[DocItem, ...], depth: int, offset: int, lines: list[Line], anchors: dict[str, str]) -> None:
    style = ITEM_STYLES[min(depth, len(ITEM_STYLES) - 1)]
    for item in items:
        lines.append(Line(style, [Piece(item.label, item.label), TAB_PIECE], segment_pieces(item.segments, anchors, offset)))
        _items(item.items, depth + 1, offset, lines, anchors)


def _marks_apart(pieces: list[Piece]) -> list[Piece]:
    """A superscript comma between two footnote marks that touch, so "²³¹²³²" reads "²³¹,²³²"."""
    out: list[Piece] = []
    for piece in pieces:
        if piece.note is not None and out and out[-1].note is not None:
            out.append(Piece(MARK_SEPARATOR, MARK_SEPARATOR, "FootnoteReference"))
        out.append(piece)
    return out


def _mark(lines: list[Line], note: int | None, key: str) -> None:
    if note is not None:
        lines[-1].content.append(Piece(key, note=note))


def segment_runs(segments: tuple[Segment, ...], anchors: dict[str, str]) -> str:
    """Inline SEGMENTS outside an article (the cover note, a footnote's text) as the build writes them."""
    return "".join(piece_xml(p) for p in segment_pieces(segments, anchors))


def segment_pieces(segments: tuple[Segment, ...], anchors: dict[str, str], offset: int = 0) -> list[Piece]:
    """Inline SEGMENTS as pieces: brackets shaded, references linked, attributions as footnote marks.

    OFFSET is added to their depth (1 inside a proposed paragraph or an alternative).
    """
    out: list[Piece] = []
    for segment in segments:
        style = bracket_style(segment.depth + offset, segment.mine)
        kind = segment.kind
        if kind in ("open", "close", "separator"):
            out.append(Piece(segment.text.strip(), segment.text, style, bold=True))
        elif kind == "reference":
            out.append(Piece(segment.text, segment.text, style, link=anchors.get(segment.target)))
        elif kind == "footnote":
            out.append(Piece(FOOTNOTE_KEY, note=segment.note))
        elif kind == "attribution" and segment.note is not None:
            out.append(Piece("{" + segment.text + "}", note=segment.note))
        elif kind == "attribution":  # inside a note or a footnote, where no footnote can hang: the codes in braces
            out.append(Piece("{" + segment.text + "}", "{" + segment.text + "}", "Proponent"))
        else:
            out.append(words(segment.text, style))
    return out
