"""The Word redline: the new consolidated text, every difference from the old one a tracked change.

The one home of ``jsitext diff --format docx``.  :func:`word_redline` takes a diff's
result: the diff parses only the articles whose files changed, so only this output
loads the whole NEW text.  An OLD version is the OLD side's parse for a changed file,
and the NEW parse for an unchanged one (same bytes), numbered with the OLD side's
numbering: its heading and references then show the numbers it had (:class:`_Versions`).

The document is the Word build of the NEW text (:mod:`docx`), byte for byte
where nothing changed.  Each changed article is written from its lines of pieces
(:mod:`docx_layout`, the build's own layout) against its OLD version: lines
aligned by content (:func:`jsitext.align.align`), pieces compared word by word
(running text split into its words, then :func:`jsitext.align.opcodes`, as the
text redline does), and every difference written as Word
writes its own tracked changes:

* inserted runs in ``<w:ins w:id w:author w:date>``, deleted ones in ``<w:del>``
  with their text in ``<w:delText>``;
* a paragraph inserted or deleted whole also has its paragraph mark marked
  (``<w:pPr><w:rPr><w:ins/></w:rPr></w:pPr>``), so rejecting or accepting it
  leaves no empty paragraph behind;
* words kept whose look changed (a bracket lifted: shading gone) carry
  ``<w:rPrChange>`` with their old look.

A removed article is shown deleted at its old place.  A footnote mark removed
points at the old footnote; every footnote, kept, inserted or deleted, is numbered in
the order its mark appears (LibreOffice pairs marks and footnotes by that order).  Word's Next Change,
Accept and Reject then work as on any tracked document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import TypeVar

from ..align import DELETED, EQUAL, INSERTED, align, opcodes
from ..checks import run_checks
from ..formats import Options
from ..load import load_text
from ..markup import walk_references
from ..model import Article, Meta, Text
from ..numbering import Numbering, number_text
from ..problems import Problem
from ..render.dates import build_time
from ..render.docx_base import base_document, package
from ..render.docx_body import anchors, article_paragraphs, body
from ..render.docx_layout import ArticleLines, Line, Piece, article_lines, note_lines, preamble_lines, segment_pieces, segment_runs, split_words
from ..render.docx_xml import TAB, attr, bookmarked, footnotes_part, internal_link, note_reference, notes_in_order, run, run_props
from ..render.resolve import DocArticle, DocNote, DocParagraph, Document, Footnote, resolve, resolve_article, resolve_notes, resolve_preamble
from .compare import DiffResult
from .cover import section_notes

DEFAULT_AUTHOR = "jsitext"
#: What a resolver of OLD's text gives: an article (resolve_article) or the preamble's paragraphs (resolve_preamble).
_Resolved = TypeVar("_Resolved")
#: Kept, with another look (the tracked change is a formatting change).
RESTYLED = "~"


@dataclass(frozen=True)
class Redline:
    """What the NEW document is compared with.

    ``changed``: NEW's articles to mark, with their OLD version (None: the article
    is new, all of it inserted); the others are written as the build writes them.
    ``removed_before`` / ``removed_after``: OLD articles gone from the text, shown
    deleted before or after the NEW article of that id.  ``notes``: the OLD
    versions' footnotes, numbered after NEW's (those a deleted mark needs are written).
    """

    changed: dict[str, DocArticle | None] = field(default_factory=dict)
    removed_before: dict[str, list[DocArticle]] = field(default_factory=dict)
    removed_after: dict[str, list[DocArticle]] = field(default_factory=dict)
    notes: tuple[Footnote, ...] = ()
    moved: tuple[str, ...] = ()  # articles moved: deleted at the old place, inserted at the new, as one Word move
    preamble: tuple[DocParagraph, ...] | None = None  # OLD's preamble, when it differs from NEW's
    #: OLD's notes of the text ("") and of each section and subsection (by id), where they print otherwise than NEW's.
    outline_notes: dict[str, tuple[DocNote, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Marked:
    """A piece with what happened to it (EQUAL, DELETED, INSERTED or RESTYLED from ``was``)."""

    op: str
    piece: Piece
    was: Piece | None = None


class Tracker:
    """Hands out revision ids (one series for the whole document) and records the footnotes used."""

    def __init__(self, author: str, when: datetime, first_id: int) -> None:
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id
        self.notes: set[int] = set()
        self.kept_notes: dict[int, int] = {}  # a footnote mark kept: NEW's note number → OLD's

    def attributes(self) -> str:
        """``w:id w:author w:date`` of a new revision."""
        revision, self.next_id = self.next_id, self.next_id + 1
        return f'w:id="{revision}" w:author="{attr(self.author)}" w:date="{self.date}"'

    def move(self, paragraphs: list[str], tag: str, index: int) -> list[str]:
        """PARAGRAPHS deleted (TAG moveFrom) or inserted (moveTo) whole, as one side of a Word
        move: Word shows "Moved" and links the two places; accepting or rejecting it is the
        deletion or insertion it replaces."""
        plain = "w:del" if tag == "moveFrom" else "w:ins"
        out = [p.replace(f"<{plain} ", f"<w:{tag} ").replace(f"</{plain}>", f"</w:{tag}>") for p in paragraphs]
        revision, self.next_id = self.next_id, self.next_id + 1
        start = f'<w:{tag}RangeStart w:id="{revision}" w:name="move{index + 1}" w:author="{attr(self.author)}" w:date="{self.date}"/>'
        first = out[0].index("</w:pPr>") + len("</w:pPr>")
        out[0] = out[0][:first] + start + out[0][first:]
        last = out[-1].rindex("</w:p>")
        out[-1] = out[-1][:last] + f'<w:{tag}RangeEnd w:id="{revision}"/>' + out[-1][last:]
        return out

    def wrap(self, op: str, runs: str) -> str:
        if op in (EQUAL, RESTYLED) or not runs:
            return runs
        tag = "w:ins" if op == INSERTED else "w:del"
        return f"<{tag} {self.attributes()}>{runs}</{tag}>"


def word_redline(result: DiffResult, *, author: str | None = None, article: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The .docx redline of RESULT (None when the whole NEW text has check errors) and NEW's problems.

    With ARTICLE, only that article is marked; the rest is the NEW text as built.
    """
    loaded = load_text(result.new.loaded.source)  # everything: the copy is the whole text
    problems = run_checks(loaded)
    if any(p.is_error for p in problems):
        return None, problems
    document = resolve(loaded.text)
    compared = compared_with(result.old.text.meta, result.old.loaded.source.label)
    return render_redline(document, _Versions(result, loaded.text, document).redline(article), author=author, compared_with=compared), problems


def compared_with(meta: Meta, label: str) -> str:
    """The redline cover's line: "Compared with INF/ECOM/1/Rev.3 (2024-03-15); changes tracked"."""
    name = meta.symbol or label
    if meta.revision and meta.revision not in name:
        name += f", {meta.revision}"
    return f"Compared with {name}" + (f" of {meta.date}" if meta.date else "") + ": every change tracked"


class RedlineRefused(Exception):
    """The NEW text has check errors: a redline is the NEW text as built, so none is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the NEW text has check errors")
        self.problems = problems


def render_docx(result: DiffResult, options: Options) -> bytes:
    """The registry's renderer: the .docx redline, or RedlineRefused with NEW's problems."""
    data, problems = word_redline(result, author=options.author, article=options.article)
    if data is None:
        raise RedlineRefused(problems)
    return data


class _Versions:
    """OLD versions of NEW's articles, resolved with OLD's numbers, their footnotes after NEW's."""

    def __init__(self, result: DiffResult, text: Text, document: Document) -> None:
        self.result, self.text, self.document = result, text, document
        self.notes: list[Footnote] = []
        self.in_diff = {a.id for a in result.articles}
        self.next_note = len(document.footnotes) + 1

    def redline(self, only: str | None) -> Redline:
        redline = Redline(notes=())
        # A moved article is deleted whole at its old place and inserted whole at its new one,
        # so that rejecting every change puts it back where it was, with its old number.
        moved = {a.id for a in self.result.articles if any(c.kind == "article-moved" for c in a.changes)}
        shown = {a.id for a in self.document.articles} - moved
        for doc_article in self.document.articles:
            if (only is None or doc_article.id == only) and self._differs(doc_article.id):
                known, before = self._old(doc_article.id)
                if known:
                    redline.changed[doc_article.id] = None if doc_article.id in moved else before
        self._removed(redline, shown, only)
        preamble = self._old_preamble() if only is None else None
        notes = self._old_outline_notes() if only is None else {}
        return Redline(redline.changed, redline.removed_before, redline.removed_after, tuple(self.notes), tuple(sorted(moved)), preamble, notes)

    def _old_outline_notes(self) -> dict[str, tuple[DocNote, ...]]:
        """OLD's notes of the text and of each (sub)section NEW prints, as OLD prints them (its
        numbers in references), where they differ from NEW's: a note added, removed, changed,
        or citing an article whose number changed."""
        old = self.result.old.text
        olds = {"": old.meta.notes, **section_notes(old)}
        news = {"": self.document.notes}
        for section in self.document.sections:
            news[section.id] = section.notes
            news.update({g.id: g.notes for g in section.groups if g.is_subsection})
        registry = self.text.members
        assert registry is not None
        out = {}
        for place, printed in news.items():
            before = resolve_notes(olds.get(place, ()), self._old_numbering, registry, attribution=self.document.attribution)
            if before != printed:
                out[place] = before
        return out

    def _old_preamble(self) -> tuple[DocParagraph, ...] | None:
        """OLD's preamble as printed, when it differs from NEW's (None when the same)."""
        old = self.result.old.text.meta.preamble
        if old == self.text.meta.preamble:
            return None
        return self._resolved(resolve_preamble, old)

    def _differs(self, article_id: str) -> bool:
        """Changed in the diff, or citing an article whose number changed."""
        if article_id in self.in_diff:
            return True
        old, new = self.result.old.numbering, self.result.new.numbering
        article = self.text.articles[article_id]
        keys = {ref.key for markup in article.texts() for ref in walk_references(markup.runs)}
        return any(old.reference(k, article_id) != new.reference(k, article_id) for k in keys)

    def _old(self, article_id: str) -> tuple[bool, DocArticle | None]:
        """(known, OLD version as printed): (True, None) for an article OLD does not print; (False, None) when unreadable."""
        old_side = self.result.old
        if article_id not in old_side.loaded.files or old_side.numbering.article(article_id) is None:
            return True, None
        model = self._old_model(article_id)
        if model is None or model.is_retired:
            return model is not None, None
        return True, self._resolve(model)

    def _old_model(self, article_id: str) -> Article | None:
        unchanged = article_id in self.text.articles and self.result.new.article(article_id) is None
        return self.text.articles[article_id] if unchanged else self.result.old.article(article_id)

    @cached_property
    def _old_numbering(self) -> Numbering:
        """OLD's numbering, with the paragraph ids of the articles OLD did not parse (unchanged:
        NEW's, read in full here), so that OLD's paragraph references print their numbers."""
        old = self.result.old.numbering
        parsed = self.result.old.text.articles
        paragraphs = {**number_text(self.text).paragraphs, **{k: v for k, v in old.paragraphs.items() if k in parsed}}
        return Numbering(old.scheme, old.articles, paragraphs, old.annexes, old.sections)

    def _resolve(self, model: Article) -> DocArticle:
        return self._resolved(resolve_article, model)

    def _resolved(self, resolver: Callable[..., tuple[_Resolved, tuple[Footnote, ...]]], model: object) -> _Resolved:
        """MODEL resolved with OLD's numbers, its footnotes numbered after those handed out so far."""
        registry = self.text.members
        assert registry is not None
        resolved, notes = resolver(model, self._old_numbering, registry, attribution=self.document.attribution, first_note=self.next_note)
        self.notes.extend(notes)
        self.next_note += len(notes)
        return resolved

    def _removed(self, redline: Redline, shown: set[str], only: str | None) -> None:
        """OLD's printed articles that NEW does not print, each placed beside a neighbour it had."""
        order = self.result.old.text.outline_ids()
        for index, article_id in enumerate(order):
            if article_id in shown or (only is not None and article_id != only):
                continue
            known, before = self._old(article_id)
            if not known or before is None:
                continue
            place = _neighbour(order, index, shown, self._group)
            if place is None:
                continue  # NEW prints no article at all: nowhere to show it
            where = redline.removed_after if place[1] == "after" else redline.removed_before
            where.setdefault(place[0], []).append(before)

    def _group(self, article_id: str) -> str | None:
        placement = self.result.old.places.get(article_id)
        return placement.group.id if placement is not None else None


def _neighbour(order: list[str], index: int, shown: set[str], group: Callable[[str], str | None]) -> tuple[str, str] | None:
    """Where a removed article goes: after the article before it in its old (sub)section, else
    before the one after it there, else after or before any article still printed."""
    before = [x for x in reversed(order[:index]) if x in shown]
    after = [x for x in order[index + 1 :] if x in shown]
    home = group(order[index])
    for candidates, side in ((before, "after"), (after, "before")):
        for x in candidates:
            if group(x) == home:
                return x, side
    if before:
        return before[0], "after"
    return (after[0], "before") if after else None


def render_redline(document: Document, redline: Redline, *, author: str | None = None, compared_with: str | None = None) -> bytes:
    """The .docx of DOCUMENT (the NEW text) with its differences from REDLINE's OLD versions tracked.

    AUTHOR (default "jsitext") signs every change; their date is the build's
    (SOURCE_DATE_EPOCH, else the NEW text's date, else 1980-01-01), so the same
    input gives the same bytes.
    """
    timestamp = build_time(document)
    bookmarks = anchors(document)
    tracker = Tracker(author or DEFAULT_AUTHOR, timestamp, len(bookmarks) + 1)

    def removed(gone: DocArticle) -> list[str]:
        out = _removed(gone, bookmarks, tracker)
        return tracker.move(out, "moveFrom", redline.moved.index(gone.id)) if gone.id in redline.moved else out

    def write(article: DocArticle) -> list[str]:
        out = [p for gone in redline.removed_before.get(article.id, ()) for p in removed(gone)]
        if article.id in redline.changed:
            before = redline.changed[article.id]
            old = article_lines(before, bookmarks, bookmark=False) if before is not None else None
            marked = article_xml(old, article_lines(article, bookmarks), tracker)
            out.extend(tracker.move(marked, "moveTo", redline.moved.index(article.id)) if article.id in redline.moved else marked)
        else:
            out.extend(article_paragraphs(article, bookmarks))
        out.extend(p for gone in redline.removed_after.get(article.id, ()) for p in removed(gone))
        return out

    def write_preamble(lines: list[Line]) -> list[str]:
        if redline.preamble is None:
            return [line.xml() for line in lines]
        return lines_xml(preamble_lines(redline.preamble, bookmarks), lines, tracker)

    def write_notes(place: str, lines: list[Line]) -> list[str]:
        if place not in redline.outline_notes:
            return [line.xml() for line in lines]
        return lines_xml(note_lines(redline.outline_notes[place], bookmarks), lines, tracker)

    marked = body(document, bookmarks, write, write_preamble, compared_with=compared_with, write_notes=write_notes)
    content, order = notes_in_order(whole_paragraph_marks(marked))
    notes = {n.number: n for n in (*document.footnotes, *(n for n in redline.notes if n.number in tracker.notes))}
    olds = {n.number: n for n in redline.notes}

    def note_runs(note: Footnote) -> str:
        was = olds.get(tracker.kept_notes.get(note.number, 0))
        if was is None or was.segments == note.segments:
            return segment_runs(note.segments, bookmarks)
        # A treaty footnote changed under a mark kept: its words tracked in the footnote itself.
        before, after = segment_pieces(was.segments, bookmarks), segment_pieces(note.segments, bookmarks)
        return runs_xml(diff_pieces(split_words(before), split_words(after)), tracker)

    written = {order[number]: note_runs(notes[number]) for number in order}
    base = base_document(document.meta, author=author or DEFAULT_AUTHOR, timestamp=timestamp)
    footnotes = footnotes_part([replace(notes[n], number=order[n]) for n in order], lambda note: written[note.number])
    return package(base, content, footnotes, timestamp)


_PARAGRAPH_START = re.compile(r"(?=<w:p>)")
_MARK = re.compile(r"<w:rPr>(<w:(ins|del|moveTo|moveFrom) [^>]*/>)</w:rPr></w:pPr>")
_INSERTED_MARKS = ("ins", "moveTo")


def whole_paragraph_marks(content: str) -> str:
    """Paragraphs inserted or deleted whole, with their paragraph marks as Word itself tracks them.

    A paragraph typed after paragraph A starts with the paragraph mark inserted at the end of
    A: so the inserted mark goes on the paragraph before (LibreOffice otherwise joins A with
    the paragraph after when rejecting); in a stretch of whole paragraphs changed, the
    inserted ones come before the deleted ones, so that no mark is both.
    """
    paragraphs = _PARAGRAPH_START.split(content)
    marks = [_whole_mark(p) for p in paragraphs]
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and marks[j]:
            j += 1
        if j > i:
            stretch = sorted(range(i, j), key=lambda k: marks[k] not in _INSERTED_MARKS)
            paragraphs[i:j], marks[i:j] = [paragraphs[k] for k in stretch], [marks[k] for k in stretch]
        i = j + 1
    for k in range(1, len(paragraphs)):
        if marks[k] in _INSERTED_MARKS:
            match = _MARK.search(paragraphs[k])
            assert match is not None
            paragraphs[k] = paragraphs[k][: match.start()] + "</w:pPr>" + paragraphs[k][match.end() :]
            paragraphs[k - 1] = _with_mark(paragraphs[k - 1], match[1].replace("<w:moveTo ", "<w:ins "))
    return "".join(paragraphs)


def _whole_mark(paragraph: str) -> str | None:
    """'ins', 'del', 'moveTo' or 'moveFrom' for a paragraph whose own mark is tracked (inserted or deleted whole)."""
    match = _MARK.search(paragraph)
    return match[2] if match is not None and paragraph.index("</w:pPr>") == match.end() - len("</w:pPr>") else None


def _with_mark(paragraph: str, mark: str) -> str:
    if paragraph.startswith("<w:p><w:pPr>"):
        end = paragraph.index("</w:pPr>")
        return paragraph[:end] + f"<w:rPr>{mark}</w:rPr>" + paragraph[end:]
    return paragraph.replace("<w:p>", f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr>", 1)


def _removed(article: DocArticle, bookmarks: dict[str, str], tracker: Tracker) -> list[str]:
    return article_xml(article_lines(article, bookmarks, bookmark=False), None, tracker)


def article_xml(old: ArticleLines | None, new: ArticleLines | None, tracker: Tracker) -> list[str]:
    """The Word paragraphs of an article, NEW against OLD (either may be missing: all inserted or deleted)."""
    out = [line_xml(old.heading if old else None, new.heading if new else None, tracker)]
    out += _optional(old.status if old else None, new.status if new else None, tracker)
    out += lines_xml(old.body if old else [], new.body if new else [], tracker)
    out += _optional(old.note if old else None, new.note if new else None, tracker)
    out += lines_xml(old.notes if old else [], new.notes if new else [], tracker)
    return out


def lines_xml(before: list[Line], after: list[Line], tracker: Tracker) -> list[str]:
    """Lines of NEW against OLD's, aligned by content: kept, changed, inserted or deleted."""
    out = []
    for i, j in align([x.key for x in before], [x.key for x in after]):
        out.append(line_xml(before[i] if i is not None else None, after[j] if j is not None else None, tracker))
    return out


def _optional(old: Line | None, new: Line | None, tracker: Tracker) -> list[str]:
    return [line_xml(old, new, tracker)] if old is not None or new is not None else []


def line_xml(old: Line | None, new: Line | None, tracker: Tracker) -> str:
    """One Word paragraph: NEW with OLD's differences, or a paragraph inserted or deleted whole."""
    if new is None and old is None:
        return ""
    if old is None or new is None:
        line, op = (new, INSERTED) if new is not None else (old, DELETED)
        assert line is not None
        marked = [Marked(op, p) for p in split_words([*line.label, *line.content])]
        return _paragraph(line, runs_xml(marked, tracker), _mark(op, tracker))
    marked = diff_pieces(old.label, new.label) + diff_pieces(split_words(old.content), split_words(new.content), tracker.kept_notes)
    return _paragraph(new, runs_xml(marked, tracker), "")


def _mark(op: str, tracker: Tracker) -> str:
    tag = "w:ins" if op == INSERTED else "w:del"
    return f"<{tag} {tracker.attributes()}/>"


def _paragraph(line: Line, runs: str, mark: str) -> str:
    if not mark:
        return line.paragraph(runs)
    if line.bookmark is not None:
        runs = bookmarked(line.bookmark[0], line.bookmark[1], runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{line.style}"/><w:rPr>{mark}</w:rPr></w:pPr>{runs}</w:p>'


def diff_pieces(old: list[Piece], new: list[Piece], kept_notes: dict[int, int] | None = None) -> list[Marked]:
    """NEW's pieces with OLD's differences: deleted pieces before inserted ones, kept ones NEW's.

    A footnote mark kept is recorded in KEPT_NOTES (NEW's number → OLD's), so that its
    footnote's own changes can be tracked inside word/footnotes.xml."""
    out: list[Marked] = []
    for tag, i1, i2, j1, j2 in opcodes([p.key for p in old], [p.key for p in new]):
        if tag == "equal":
            for was, now in zip(old[i1:i2], new[j1:j2], strict=True):
                if kept_notes is not None and was.note is not None and now.note is not None:
                    kept_notes[now.note] = was.note
                out.extend(_kept(was, now))
            continue
        out.extend(Marked(DELETED, p) for p in old[i1:i2])
        out.extend(Marked(INSERTED, p) for p in new[j1:j2])
    return _deletions_first(out)


def _deletions_first(marked: list[Marked]) -> list[Marked]:
    """In each stretch of changes, what was deleted before what was inserted (as the text redline shows it)."""
    out: list[Marked] = []
    stretch: list[Marked] = []
    for item in [*marked, None]:
        if item is not None and item.op in (DELETED, INSERTED):
            stretch.append(item)
            continue
        out += [x for x in stretch if x.op == DELETED] + [x for x in stretch if x.op == INSERTED]
        stretch = []
        if item is not None:
            out.append(item)
    return out


def _kept(was: Piece, now: Piece) -> list[Marked]:
    """A piece found on both sides: NEW's, its old look tracked, and the white space after it
    tracked too where it differs (so that rejecting every change gives OLD's text exactly)."""
    if not now.is_text or not was.is_text:
        return [Marked(EQUAL, now)]
    kept = next((i for i, (a, b) in enumerate(zip(was.text, now.text, strict=False)) if a != b), min(len(was.text), len(now.text)))
    head = replace(now, text=now.text[:kept])
    restyled = (was.style, was.bold) != (now.style, now.bold) and bool(now.key)
    out = [Marked(RESTYLED, head, was) if restyled else Marked(EQUAL, head)] if kept else []
    if was.text[kept:]:
        out.append(Marked(DELETED, replace(was, key="", text=was.text[kept:])))
    if now.text[kept:]:
        out.append(Marked(INSERTED, replace(now, key="", text=now.text[kept:])))
    return out


def runs_xml(marked: list[Marked], tracker: Tracker) -> str:
    """The runs of MARKED pieces: neighbours of one change and one look share a run; each change wrapped."""
    out: list[str] = []
    for op, group in _by_change(marked):
        pending: list[str] = []
        for item in _merged(group):
            if item.piece.link is not None:
                out.append(tracker.wrap(op, "".join(pending)))
                pending = []
                out.append(internal_link(item.piece.link, tracker.wrap(op, _run(item, tracker))))
            else:
                pending.append(_run(item, tracker))
        out.append(tracker.wrap(op, "".join(pending)))
    return "".join(out)


def _by_change(marked: list[Marked]) -> Iterable[tuple[str, list[Marked]]]:
    """Consecutive pieces of one change (a restyled piece is kept text: it joins its unchanged neighbours)."""
    groups: list[tuple[str, list[Marked]]] = []
    for item in marked:
        op = EQUAL if item.op == RESTYLED else item.op
        if groups and groups[-1][0] == op:
            groups[-1][1].append(item)
        else:
            groups.append((op, [item]))
    return groups


def _merged(group: list[Marked]) -> list[Marked]:
    """Neighbouring text pieces of one look joined, as the build writes a segment in one run."""
    out: list[Marked] = []
    for item in group:
        last = out[-1] if out else None
        if last is not None and _joinable(last, item):
            piece = last.piece
            out[-1] = Marked(last.op, Piece(piece.key, piece.text + item.piece.text, piece.style, piece.bold), last.was)
        else:
            out.append(item)
    return out


def _joinable(a: Marked, b: Marked) -> bool:
    return a.op == b.op and a.piece.is_text and b.piece.is_text and _same_look(a.piece, b.piece) and _same_look(a.was, b.was)


def _same_look(a: Piece | None, b: Piece | None) -> bool:
    """The same style and weight (two missing pieces look the same)."""
    if a is None or b is None:
        return a is None and b is None
    return (a.style, a.bold) == (b.style, b.bold)


def _run(item: Marked, tracker: Tracker) -> str:
    piece = item.piece
    if piece.note is not None:
        tracker.notes.add(piece.note)
        xml = note_reference(piece.note)
    elif piece.text == "\t":
        xml = TAB
    elif item.op == RESTYLED and item.was is not None:
        xml = _restyled(piece, item.was, tracker)
    else:
        xml = run(piece.text, piece.style, bold=piece.bold)
    if item.op == DELETED:
        xml = xml.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
    return xml


def _restyled(piece: Piece, was: Piece, tracker: Tracker) -> str:
    """A run kept whose look changed: its old look in w:rPrChange, so Reject restores it."""
    now, before = _props(piece), _props(was)
    change = f"<w:rPrChange {tracker.attributes()}><w:rPr>{before}</w:rPr></w:rPrChange>"
    return run(piece.text).replace("<w:r>", f"<w:r><w:rPr>{now}{change}</w:rPr>", 1)


def _props(piece: Piece) -> str:
    return run_props(piece.style, piece.bold)
