"""Placing a finding: the file, line and column of a node or of a character in a text."""

from __future__ import annotations

from collections.abc import Iterator

from ..markup import Markup
from ..model import Article, Item, Note, Paragraph, Text
from ..numbering import item_label
from ..problems import Problem, problem
from ..yamlread import Mapping, Node, Scalar


def at_node(node: object, path: str, code: str, message: str, breadcrumb: str = "") -> Problem:
    if isinstance(node, Node):
        return problem(node.doc.path, node.line, node.column, code, message, breadcrumb)
    return problem(path, 0, 0, code, message, breadcrumb)


def at_offset(markup: Markup, offset: int, path: str, code: str, message: str, breadcrumb: str = "") -> Problem:
    origin = markup.origin
    if isinstance(origin, Scalar):
        line, column = origin.locate(offset)
        return problem(origin.doc.path, line, column, code, message, breadcrumb)
    return problem(path, 0, 0, code, message, breadcrumb)


def key_node(origin: object, key: str) -> Node | None:
    """The value node of KEY in a mapping node, or None."""
    if not isinstance(origin, Mapping):
        return None
    for k, v in origin.pairs:
        if isinstance(k, Scalar) and k.value == key:
            return v
    return None


def numbered_paragraphs(article: Article) -> Iterator[tuple[str, Paragraph]]:
    """Each top-level paragraph of ARTICLE with its breadcrumb ("spam → paragraph 2",
    "spam → Alt 1 → paragraph 2" in an article offered in alternatives)."""
    for i, paragraph in enumerate(article.paragraphs, 1):
        yield f"{article.id} → paragraph {i}", paragraph
    for k, alternative in enumerate(article.alternatives, 1):
        for i, paragraph in enumerate(alternative.paragraphs, 1):
            yield f"{article.id} → Alt {k} → paragraph {i}", paragraph


def preamble_paragraphs(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[str, Paragraph]]:
    """Each paragraph of the preamble with its breadcrumb ("preamble → paragraph 2")."""
    for i, paragraph in enumerate(paragraphs, 1):
        yield f"preamble → paragraph {i}", paragraph


def placed_texts(article: Article) -> Iterator[tuple[str, Markup]]:
    """Every marked-up text of ARTICLE with its breadcrumb ("spam → paragraph 2 → item (b)")."""
    if article.title_markup is not None:
        yield f"{article.id} → title", article.title_markup
    for k, alternative in enumerate(article.alternatives, 1):
        if alternative.title_markup is not None:
            yield f"{article.id} → Alt {k} → title", alternative.title_markup
    yield from placed_paragraph_texts(numbered_paragraphs(article))
    if article.note is not None:
        yield f"{article.id} → note", article.note
    yield from placed_notes(article.notes, article.id)


def placed_notes(notes: tuple[Note, ...], crumb: str) -> Iterator[tuple[str, Markup]]:
    """The text of each typed note, with its breadcrumb ("spam → note 2", as schema's)."""
    for n, note in enumerate(notes, 1):
        yield (f"{crumb} → note {n}" if crumb else f"note {n}"), note.text


def placed_outline_texts(text: Text) -> Iterator[tuple[str, Markup]]:
    """The marked-up texts of text.yaml besides its preamble, with their breadcrumbs: the
    cover note, the notes of the whole text, and those of each section and subsection."""
    if text.meta.cover_note is not None:
        yield "cover_note", text.meta.cover_note
    yield from placed_notes(text.meta.notes, "")
    for i, section in enumerate(text.sections, 1):
        yield from placed_notes(section.notes, f"section {i}")
        for n, subsection in enumerate(section.subsections, 1):
            yield from placed_notes(subsection.notes, f"section {i} → subsection {n}")


def placed_paragraph_texts(paragraphs: Iterator[tuple[str, Paragraph]]) -> Iterator[tuple[str, Markup]]:
    """Every marked-up text of PARAGRAPHS (breadcrumb, paragraph), with its breadcrumb."""
    for crumb, paragraph in paragraphs:
        yield from _paragraph_texts(paragraph, crumb)


def placed_paragraphs(article: Article) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph of ARTICLE and every alternative, with its breadcrumb."""
    yield from with_alternatives(numbered_paragraphs(article))


def with_alternatives(paragraphs: Iterator[tuple[str, Paragraph]]) -> Iterator[tuple[str, Paragraph]]:
    """PARAGRAPHS (breadcrumb, paragraph), each followed by its alternatives."""
    for crumb, paragraph in paragraphs:
        yield crumb, paragraph
        for n, alternative in enumerate(paragraph.alternatives, 1):
            yield f"{crumb} → Alt {n}", alternative


def _paragraph_texts(paragraph: Paragraph, crumb: str) -> Iterator[tuple[str, Markup]]:
    if paragraph.text is not None:
        yield crumb, paragraph.text
    yield from _item_texts(paragraph.items, crumb, 1)
    for n, alternative in enumerate(paragraph.alternatives, 1):
        yield from _paragraph_texts(alternative, f"{crumb} → Alt {n}")
    if paragraph.footnote is not None:
        yield f"{crumb} → footnote", paragraph.footnote
    yield from placed_notes(paragraph.notes, crumb)


def _item_texts(items: tuple[Item, ...], crumb: str, depth: int) -> Iterator[tuple[str, Markup]]:
    for n, item in enumerate(items, 1):
        here = f"{crumb} → {item_label(n, depth)}"  # as schema's breadcrumbs: paragraph 1 → (a) → (i)
        yield here, item.text
        yield from _item_texts(item.items, here, depth + 1)
