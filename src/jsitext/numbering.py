"""Numbers derived at build time, never written in article files.

* sectional (default): an article's number is its (sub)section id, a dot and its
  1-based position among the numbered articles of that (sub)section: ``A.1.2``;
  paragraphs ``1.``, ``2.``.
* sequential: articles 1..N across the document in outline order; paragraphs
  ``12.1``, ``12.2``.

In both schemes an article with a single paragraph leaves it unnumbered (treaty
practice), items are (a), (b) and sub-items (i), (ii).  Withdrawn and merged
articles take no number and do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Text


@dataclass(frozen=True)
class Numbering:
    scheme: str
    articles: dict[str, str]  # article id -> "A.1.2" or "12"

    def article(self, article_id: str) -> str | None:
        return self.articles.get(article_id)

    def reference(self, article_id: str) -> str:
        """How ``@id`` prints: "Article A.1.2" (or the id itself when it has no number)."""
        number = self.articles.get(article_id)
        return f"Article {number}" if number else article_id

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
    sequence = 0
    for section in text.sections:
        for group in section.groups():
            position = 0
            for article_id in group.articles:
                article = text.articles.get(article_id)
                if article is None or article.is_retired or article_id in numbers:
                    continue
                position += 1
                sequence += 1
                numbers[article_id] = str(sequence) if text.meta.numbering == "sequential" else f"{group.id}.{position}"
    return Numbering(text.meta.numbering, numbers)


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
