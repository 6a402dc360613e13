"""Numbers derived at build time, never written in article files.

* sectional (default): an article's number is its (sub)section id, a dot and its
  1-based position among the numbered articles of that (sub)section: ``A.1.2``;
  paragraphs ``1.``, ``2.``.
* sequential: articles 1..N across the document in outline order; paragraphs
  ``12.1``, ``12.2``.

In both schemes an article with a single paragraph leaves it unnumbered (treaty
practice), items are (a), (b) and sub-items (i), (ii).  Withdrawn and merged
articles take no number and do not count.

References to a paragraph or an item (``@article/paragraph/item``) print from
the same numbers, so they follow every renumbering: "paragraph 3 of Article
A.1.2", "subparagraph 3(a)(i)" inside Article A.1.2 itself; under sequential
numbering "paragraph 12.3" and "subparagraph 12.3(a)", the paragraph's own
number naming its article.

Annexes (sections with ``kind: annex``) are numbered among themselves in outline
order, "Annex 1", "Annex 2", and their articles 1..N within each annex (across its
subsections) under both schemes: the heading is "Article 2", a reference "Article 2
of Annex 1".  Annex articles do not take a number of the main sequence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import Place, Text


def find_place(places: dict[str, Place], path: tuple[str, ...]) -> tuple[int, ...] | None:
    """The positions along PATH (paragraph, item, sub-item), or None when an id is not there."""
    positions = []
    for part in path:
        place = places.get(part)
        if place is None:
            return None
        positions.append(place.index)
        places = place.below
    return tuple(positions)


@dataclass(frozen=True)
class Numbering:
    scheme: str
    articles: dict[str, str]  # article id -> "A.1.2" or "12"
    #: For each numbered article: how many paragraphs it has, and its paragraphs and items with an id.
    paragraphs: dict[str, tuple[int, dict[str, Place]]] = field(default_factory=dict)
    annexes: dict[str, str] = field(default_factory=dict)  # annex article id -> "Annex 1"
    sections: dict[str, str] = field(default_factory=dict)  # annex section id -> "Annex 1"

    def article(self, article_id: str) -> str | None:
        return self.articles.get(article_id)

    def reference(self, key: str, here: str | None = None) -> str:
        """How ``@id`` prints: "Article A.1.2" (or the id itself when it has no number);
        ``@id/para/item`` (KEY "id/para/item") as its paragraph or item, the article
        left out when it is HERE (the article the reference is written in)."""
        article_id, *path = key.split("/")
        if not path:
            return self.article_reference(article_id)
        count, places = self.paragraphs.get(article_id, (0, {}))
        positions = find_place(places, tuple(path))
        if article_id not in self.articles or positions is None:
            return "@" + key  # no number to print (an unknown or retired target, reported by check)
        return self._place(article_id, count, positions, here == article_id)

    def article_reference(self, article_id: str) -> str:
        """An article as a reference prints it: "Article A.1.2", "Article 2 of Annex 1" (the id itself when it has no number)."""
        number = self.qualified(article_id)
        return f"Article {number}" if number else article_id

    def qualified(self, article_id: str) -> str | None:
        """The number that tells the article apart in the whole text: "A.1.2", "2 of Annex 1"."""
        number = self.articles.get(article_id)
        annex = self.annexes.get(article_id)
        return f"{number} of {annex}" if number and annex else number

    def _place(self, article_id: str, count: int, positions: tuple[int, ...], here: bool) -> str:
        label = self.paragraph(article_id, positions[0], count).rstrip(".")
        items = "".join(item_label(n, depth) for depth, n in enumerate(positions[1:], 1))
        if self.scheme == "sequential" and label:
            return ("subparagraph " if items else "paragraph ") + label + items
        of = "" if here else " of " + self.article_reference(article_id)
        if not label:  # the article's only paragraph has no number of its own
            if items:
                return f"subparagraph {items}{of}"
            return "this Article" if here else self.article_reference(article_id)
        return ("subparagraph " if items else "paragraph ") + label + items + of

    def paragraph(self, article_id: str, index: int, count: int) -> str:
        """The label of paragraph INDEX (1-based) of COUNT; '' when it stands alone."""
        if count <= 1:
            return ""
        if self.scheme == "sequential":
            return f"{self.articles.get(article_id, '')}.{index}"
        return f"{index}."

    @staticmethod
    def item(index: int, depth: int) -> str:
        return item_label(index, depth)


def number_text(text: Text) -> Numbering:
    """Number every article of TEXT that has a file and is not withdrawn or merged."""
    numbers: dict[str, str] = {}
    paragraphs: dict[str, tuple[int, dict[str, Place]]] = {}
    annexes: dict[str, str] = {}
    sections: dict[str, str] = {}
    sequence = 0
    for section in text.sections:
        if section.is_annex:
            sections[section.id] = annex = f"Annex {len(sections) + 1}"
            for position, article_id in enumerate(_numbered_ids(text, (a for g in section.groups() for a in g.articles), numbers), 1):
                numbers[article_id] = str(position)
                annexes[article_id] = annex
            continue
        for group in section.groups():
            for position, article_id in enumerate(_numbered_ids(text, group.articles, numbers), 1):
                sequence += 1
                numbers[article_id] = str(sequence) if text.meta.numbering == "sequential" else f"{group.id}.{position}"
    for article_id in numbers:
        article = text.articles[article_id]
        paragraphs[article_id] = (len(article.paragraphs), article.places)
    return Numbering(text.meta.numbering, numbers, paragraphs, annexes, sections)


def _numbered_ids(text: Text, ids: Iterable[str], numbers: dict[str, str]) -> Iterator[str]:
    """The ids of IDS that take a number: with a file, not retired, not numbered already."""
    for article_id in ids:
        article = text.articles.get(article_id)
        if article is not None and not article.is_retired and article_id not in numbers:
            yield article_id


def item_label(n: int, depth: int) -> str:
    """(a), (b) ... for items; (i), (ii) ... for sub-items."""
    return f"({letter(n)})" if depth == 1 else f"({roman(n)})"


def letter(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (as legal drafting continues)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    out = []
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)
