"""The word-level redline of an article: each line of OLD against its counterpart in NEW.

Each side is laid out as lines (paragraphs, items, alternatives, footnotes, the
note), with brackets and attributions shown as negotiators write them and
references printed as that side's article numbers.  Lines are aligned by content
and each pair is diffed word by word with difflib (the standard library's
sequence matcher: well kept, and as good here as a hand-written algorithm).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..align import DELETED, EQUAL, INSERTED, align, opcodes, tokens
from ..markup import Markup, braced, plain_line
from ..model import Article, Item, Note, Paragraph
from ..numbering import Numbering, item_label


@dataclass(frozen=True)
class Line:
    """One line of a redline: a label ("2.", "(a)", "Alt 1", "Footnote", "Note") and marked segments."""

    label: str
    depth: int
    segments: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        return any(op != EQUAL for op, _ in self.segments)


@dataclass(frozen=True)
class _Shown:
    label: str
    depth: int
    text: str


def redline(old: Article | None, new: Article | None, old_numbering: Numbering, new_numbering: Numbering) -> list[Line]:
    """The lines of NEW (and the removed lines of OLD), words marked as kept, deleted or inserted."""
    before = layout(old, old_numbering) if old is not None else []
    after = layout(new, new_numbering) if new is not None else []
    return _marked(before, after)


def preamble_redline(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...], old_numbering: Numbering, new_numbering: Numbering) -> list[Line]:
    """The preamble's paragraphs (unnumbered) as :func:`redline` marks an article's."""
    return _marked(_unnumbered(old, old_numbering), _unnumbered(new, new_numbering))


def notes_redline(old: tuple[Note, ...], new: tuple[Note, ...], old_numbering: Numbering, new_numbering: Numbering) -> list[Line]:
    """Typed notes outside the articles (the text's, a section's) as :func:`redline` marks an article's."""
    before: list[_Shown] = []
    after: list[_Shown] = []
    _notes(old, 0, _Here(old_numbering, ""), before)
    _notes(new, 0, _Here(new_numbering, ""), after)
    return _marked(before, after)


def _unnumbered(paragraphs: tuple[Paragraph, ...], numbering: Numbering) -> list[_Shown]:
    lines: list[_Shown] = []
    for paragraph in paragraphs:
        _paragraph(paragraph, "", _Here(numbering, ""), lines)
    return lines


def _marked(before: list[_Shown], after: list[_Shown]) -> list[Line]:
    """AFTER's lines (and BEFORE's removed ones), aligned by content, words marked."""
    lines = []
    for i, j in _pair_labels(align([x.text for x in before], [x.text for x in after]), before, after):
        if i is not None and j is not None:
            lines.append(Line(after[j].label, after[j].depth, word_diff(before[i].text, after[j].text)))
        elif i is not None:
            lines.append(Line(before[i].label, before[i].depth, ((DELETED, before[i].text),)))
        elif j is not None:
            lines.append(Line(after[j].label, after[j].depth, ((INSERTED, after[j].text),)))
    return lines


def _pair_labels(pairs: list[tuple[int | None, int | None]], before: list[_Shown], after: list[_Shown]) -> list[tuple[int | None, int | None]]:
    """A removed line followed by an added one with the same label (a rewritten note) is one edited line."""
    out: list[tuple[int | None, int | None]] = []
    for i, j in pairs:
        if out and i is None and j is not None and out[-1][1] is None:
            k = out[-1][0]
            if k is not None and before[k].label == after[j].label:
                out[-1] = (k, j)
                continue
        out.append((i, j))
    return out


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """OLD against NEW, word by word: deleted words before inserted ones, runs merged."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            _append(out, EQUAL, "".join(b[j1:j2]))
            continue
        _append(out, DELETED, "".join(a[i1:i2]))
        _append(out, INSERTED, "".join(b[j1:j2]))
    return tuple(out)


def _append(out: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def layout(article: Article, numbering: Numbering) -> list[_Shown]:
    """The article as labelled lines of text."""
    lines: list[_Shown] = []
    here = _Here(numbering, article.id)
    if article.is_proposal:
        lines.append(_Shown("", 0, f"[Proposed article]{braced(article.proposed_by)}"))
    versions = [("", article.paragraphs)] if not article.alternatives else [(f"Alt {k}", alt.paragraphs) for k, alt in enumerate(article.alternatives, 1)]
    for k, (alt, paragraphs) in enumerate(versions):
        if alt:
            version = article.alternatives[k]
            title = shown(version.title_markup, here) if version.title_markup is not None else version.title or ""
            lines.append(_Shown(alt, 0, f"{title}{braced(version.proponents)}".strip()))
        count = len(paragraphs)
        for index, paragraph in enumerate(paragraphs, 1):
            label = numbering.paragraph(article.id, index, count)
            _paragraph(paragraph, label, here, lines)
    if article.note is not None:
        lines.append(_Shown("Note", 0, shown(article.note, here)))
    _notes(article.notes, 0, here, lines)
    return lines


class _Here:
    """NUMBERING as seen from inside one article: references into it leave "of Article ..." out."""

    def __init__(self, numbering: Numbering, article_id: str) -> None:
        self.numbering, self.article_id = numbering, article_id

    def reference(self, key: str) -> str:
        return self.numbering.reference(key, self.article_id)

    def paragraph(self, article_id: str, index: int, count: int) -> str:
        return self.numbering.paragraph(article_id, index, count)


def _notes(notes: tuple[Note, ...], depth: int, numbering: _Here, lines: list[_Shown]) -> None:
    for note in notes:
        lines.append(_Shown(note.label.rstrip(":"), depth, shown(note.text, numbering)))


def _paragraph(paragraph: Paragraph, label: str, numbering: _Here, lines: list[_Shown]) -> None:
    if paragraph.alternatives:
        for k, alternative in enumerate(paragraph.alternatives, 1):
            _paragraph(alternative, f"{label} Alt {k}".strip(), numbering, lines)
    else:
        text = shown(paragraph.text, numbering) if paragraph.text is not None else ""
        if paragraph.proponents:
            text = f"[{text}]{braced(paragraph.proponents)}"
        lines.append(_Shown(label, 0, text))
        _items(paragraph.items, 1, numbering, lines)
    if paragraph.footnote is not None:
        lines.append(_Shown(f"{label} footnote" if label else "Footnote", 1, shown(paragraph.footnote, numbering)))
    _notes(paragraph.notes, 1, numbering, lines)


def _items(items: tuple[Item, ...], depth: int, numbering: _Here, lines: list[_Shown]) -> None:
    for k, item in enumerate(items, 1):
        lines.append(_Shown(item_label(k, depth), depth, shown(item.text, numbering)))
        _items(item.items, depth + 1, numbering, lines)


def shown(markup: Markup, numbering: Numbering | _Here) -> str:
    """Markup as one line: brackets kept, options split by ' / ', attributions in braces, references numbered."""
    return plain_line(markup.runs, numbering.reference, codes=True)
