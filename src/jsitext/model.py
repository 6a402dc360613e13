"""The negotiating text as typed, immutable objects.

Equality compares content only: the ``origin`` of each object (the YAML node it
came from, used to place problems at a line and column) is left out, so two loads
of the same meaning compare equal whatever the layout of the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .markup import Bracket, Markup, walk_brackets
from .members import Registry

#: A section or subsection id: letters and digits, parts joined by '.' or '-' (A, B.2, II-a).
SECTION_ID = re.compile(r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*")
#: A code members.yaml defines (member, alias or group): upper-case letters and digits,
#: parts joined by '-' or '_' (XX, USA, LDC-GROUP).  Codes name output files (member views).
MEMBER_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*")
SECTION_ID_RULE = "letters and digits, parts joined by '.' or '-', such as A or B.2"
MEMBER_CODE_RULE = "upper-case letters and digits, parts joined by '-' or '_', such as XX or LDC-GROUP"

STATUSES = ("open", "parked", "clean", "placeholder", "withdrawn", "merged")
#: Statuses kept for the record but left out of the built text and its numbering.
RETIRED = frozenset({"withdrawn", "merged"})
NUMBERINGS = ("sectional", "sequential")
ATTRIBUTIONS = ("codes", "names")
ACCESS_LEVELS = ("restricted", "public")
#: The kinds of a typed note, and how each is labelled when printed.
NOTE_KINDS = ("convenors", "facilitator", "secretariat", "drafting")
NOTE_LABELS = {
    "convenors": "Co-convenors' note:",
    "facilitator": "Facilitator's note:",
    "secretariat": "Secretariat's note:",
    "drafting": "Drafting note:",
}
#: What a section of the outline is: a section of the agreement, or an annex (numbered apart).
SECTION_KINDS = ("section", "annex")


def _origin() -> object:
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Note:
    """A typed note (``notes: [{kind, text}]``): not treaty text, printed apart and labelled by kind."""

    kind: str
    text: Markup
    origin: object = _origin()

    @property
    def label(self) -> str:
        return NOTE_LABELS[self.kind]


@dataclass(frozen=True)
class Item:
    """An item (a), (b) of a paragraph, or a sub-item (i), (ii) of an item."""

    text: Markup
    items: tuple[Item, ...] = ()
    origin: object = _origin()
    id: str | None = None  # for references @article/paragraph/item


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: agreed or proposed text, or a set of alternatives.

    With ``proponents`` the whole paragraph is a proposal, shown in brackets.
    With ``alternatives`` the paragraph is offered as Alt 1, Alt 2, ...: each is a
    Paragraph of its own with its proponents.
    """

    text: Markup | None = None
    items: tuple[Item, ...] = ()
    proponents: tuple[str, ...] = ()
    footnote: Markup | None = None
    alternatives: tuple[Paragraph, ...] = ()
    origin: object = _origin()
    proponent_origins: tuple[object, ...] = field(default=(), compare=False, repr=False)
    id: str | None = None  # for references @article/paragraph
    notes: tuple[Note, ...] = ()

    @property
    def is_proposal(self) -> bool:
        return bool(self.proponents) and not self.alternatives

    def texts(self) -> Iterator[Markup]:
        """Every marked-up text of the paragraph, its alternatives and items, footnote included."""
        if self.text is not None:
            yield self.text
        yield from _item_texts(self.items)
        for alternative in self.alternatives:
            yield from alternative.texts()
        if self.footnote is not None:
            yield self.footnote


def _item_texts(items: tuple[Item, ...]) -> Iterator[Markup]:
    for item in items:
        yield item.text
        yield from _item_texts(item.items)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    status: str = "open"
    paragraphs: tuple[Paragraph, ...] = ()
    merged_into: str | None = None
    small_group: str | None = None
    facilitator: str | None = None
    note: Markup | None = None
    path: str = field(default="", compare=False)
    origin: object = _origin()
    #: The title as markup (format 2: brackets, options, proponents, footnotes); ``title`` is its source.
    title_markup: Markup | None = None
    notes: tuple[Note, ...] = ()
    #: The whole article proposed by these members (printed in brackets); YAML key ``proponents``.
    proposed_by: tuple[str, ...] = ()
    #: The article offered as Alt 1, Alt 2 ... (then ``paragraphs`` is empty).
    alternatives: tuple[ArticleAlternative, ...] = ()
    proposed_by_origins: tuple[object, ...] = field(default=(), compare=False, repr=False)

    @property
    def is_retired(self) -> bool:
        """Withdrawn or merged: kept for the record, left out of the built text."""
        return self.status in RETIRED

    @property
    def is_proposal(self) -> bool:
        """The whole article is one member's (or several members') proposal."""
        return bool(self.proposed_by) and not self.alternatives

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """The paragraphs of the article, or of each of its alternative versions in turn."""
        yield from self.paragraphs
        for alternative in self.alternatives:
            yield from alternative.paragraphs

    def moved(self, path: str) -> Article:
        """The same article as read from PATH (one blob in another revision).

        What ``dataclasses.replace`` gives, in a fifth of the time: ``progress`` moves
        every unchanged article of every revision it charts.
        """
        twin = object.__new__(Article)
        twin.__dict__.update(self.__dict__, path=path)
        return twin

    @cached_property
    def places(self) -> dict[str, Place]:
        """Its paragraphs and items that have an id, with their positions
        (:func:`article_places`): kept with the article, which progress
        shares between the revisions that hold the same file."""
        return article_places(self)

    def titles(self) -> Iterator[Markup]:
        """The titles read as markup (format 2): the article's, then each alternative version's own."""
        if self.title_markup is not None:
            yield self.title_markup
        for alternative in self.alternatives:
            if alternative.title_markup is not None:
                yield alternative.title_markup

    def texts(self) -> Iterator[Markup]:
        """Every marked-up text of the article, titles first, notes last."""
        yield from self.titles()
        for paragraph in self.all_paragraphs():
            yield from paragraph.texts()
        for note in self.all_notes():
            yield note.text

    def all_notes(self) -> Iterator[Note]:
        """Every note of the article: the old ``note`` (a drafting note), its notes, its paragraphs'."""
        if self.note is not None:
            yield Note("drafting", self.note, self.note.origin)
        yield from self.notes
        for paragraph in self.all_paragraphs():
            yield from paragraph.notes

    def brackets(self) -> list[Bracket]:
        """Every inline bracket of the treaty text (nested ones each count), notes aside."""
        found: list[Bracket] = [b for title in self.titles() for b in walk_brackets(title.runs)]
        for paragraph in self.all_paragraphs():
            for markup in paragraph.texts():
                found.extend(walk_brackets(markup.runs))
        return found

    def counts(self) -> Counts:
        return Counts.of(self)

    def attributions(self) -> Iterator[tuple[str, ...]]:
        """The proponents of every proposal: the article, its alternatives, its title's brackets,
        paragraphs, brackets, options, and the brackets of its notes."""
        if self.proposed_by:
            yield self.proposed_by
        for alternative in self.alternatives:
            if alternative.proponents:
                yield alternative.proponents
        for title in self.titles():
            yield from _inline_attributions(title)
        yield from paragraph_attributions(tuple(self.all_paragraphs()))
        for note in self.all_notes():  # the old note, typed notes, the paragraphs' notes
            yield from _inline_attributions(note.text)

    def proponents(self) -> frozenset[str]:
        """Every code named anywhere in the article's attributions."""
        return frozenset(code for codes in self.attributions() for code in codes)


def paragraph_attributions(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[str, ...]]:
    """The proponents of every proposal in PARAGRAPHS (an article's, or the preamble):
    proposed paragraphs, alternatives, then brackets and options, paragraph by paragraph."""
    for paragraph in paragraphs:
        yield from _paragraph_attributions(paragraph)
    for paragraph in paragraphs:
        for markup in paragraph.texts():
            yield from _inline_attributions(markup)


def _inline_attributions(markup: Markup) -> Iterator[tuple[str, ...]]:
    for bracket in walk_brackets(markup.runs):
        for attribution in (bracket.attribution, *(o.attribution for o in bracket.options)):
            if attribution is not None:
                yield attribution.proponents


def _paragraph_attributions(paragraph: Paragraph) -> Iterator[tuple[str, ...]]:
    if paragraph.proponents:
        yield paragraph.proponents
    for alternative in paragraph.alternatives:
        yield from _paragraph_attributions(alternative)


@dataclass(frozen=True)
class ArticleAlternative:
    """One version of an article offered as Alt 1, Alt 2 ...: its proponents, its own title if any, its paragraphs."""

    proponents: tuple[str, ...] = ()
    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    origin: object = _origin()
    proponent_origins: tuple[object, ...] = field(default=(), compare=False, repr=False)
    #: The title as markup, as an article's (``title`` is its source).
    title_markup: Markup | None = None


@dataclass(frozen=True)
class Counts:
    """What remains to agree in an article: the one definition used everywhere.

    ``brackets`` (brackets remaining) = inline brackets (of the titles, the article's and
    its alternative versions', the text and its footnotes; nested ones each counted) + proposed paragraphs + groups of alternatives.  ``options`` counts apart the
    choices those offer: the options of every inline bracket with more than one,
    plus every alternative.

    An article proposed whole (``proponents:``) counts as one proposal more, and an
    article in alternatives (Alt 1 / Alt 2 of the whole article) as one group of
    alternatives more, its versions as options; the brackets inside their text
    count as everywhere.  The preamble counts as an article's paragraphs do
    (:meth:`of_paragraphs`).
    """

    brackets: int = 0
    inline: int = 0
    proposals: int = 0
    alternative_groups: int = 0
    options: int = 0

    @classmethod
    def of(cls, article: Article) -> Counts:
        counts = cls.of_paragraphs(tuple(article.all_paragraphs()))
        # A bracketed title (format 2), the article's or a version's, is text to agree too.
        title = [b for markup in article.titles() for b in walk_brackets(markup.runs)]
        if title:
            counts += cls(len(title), len(title), 0, 0, sum(len(b.options) for b in title if b.is_choice))
        if article.is_proposal:
            counts += cls(brackets=1, proposals=1)
        if article.alternatives:
            counts += cls(brackets=1, alternative_groups=1, options=len(article.alternatives))
        return counts

    @classmethod
    def of_paragraphs(cls, paragraphs: tuple[Paragraph, ...]) -> Counts:
        """What remains to agree in PARAGRAPHS (an article's, or the preamble)."""
        brackets = [b for p in paragraphs for markup in p.texts() for b in walk_brackets(markup.runs)]
        proposals = sum(1 for p in paragraphs if p.is_proposal)
        groups = [p for p in paragraphs if p.alternatives]
        options = sum(len(b.options) for b in brackets if b.is_choice)
        options += sum(len(p.alternatives) for p in groups)
        total = len(brackets) + proposals + len(groups)
        return cls(total, len(brackets), proposals, len(groups), options)

    @classmethod
    def total(cls, parts: Iterable[Counts]) -> Counts:
        """The sum of PARTS (one object built, however many parts)."""
        return cls(*map(sum, zip(*(part._tuple() for part in parts), strict=True)))

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self._tuple(), other._tuple(), strict=False)))

    def as_dict(self) -> dict[str, int]:
        """The figures by name, as the JSON outputs print them."""
        return {
            "brackets": self.brackets,
            "inline": self.inline,
            "proposals": self.proposals,
            "alternative_groups": self.alternative_groups,
            "options": self.options,
        }

    def _tuple(self) -> tuple[int, ...]:
        return (self.brackets, self.inline, self.proposals, self.alternative_groups, self.options)


@dataclass(frozen=True)
class Subsection:
    id: str
    title: str
    articles: tuple[str, ...] = ()
    origin: object = _origin()
    article_origins: tuple[object, ...] = field(default=(), compare=False, repr=False)
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section of the text: it holds subsections or articles, not both."""

    id: str
    title: str
    subsections: tuple[Subsection, ...] = ()
    articles: tuple[str, ...] = ()
    origin: object = _origin()
    article_origins: tuple[object, ...] = field(default=(), compare=False, repr=False)
    notes: tuple[Note, ...] = ()
    kind: str = "section"  # section | annex

    @property
    def is_annex(self) -> bool:
        return self.kind == "annex"

    def groups(self) -> tuple[Section | Subsection, ...]:
        """The (sub)sections that directly list articles."""
        return self.subsections if self.subsections else (self,)

    @cached_property
    def placements(self) -> tuple[Placement, ...]:
        """Every outline entry of the section in document order.  Kept with the section, which
        an unchanged text.yaml shares between revisions: progress places them once."""
        out = []
        for group in self.groups():
            origins = group.article_origins or (group.origin,) * len(group.articles)
            for position, (article_id, origin) in enumerate(zip(group.articles, origins, strict=False), 1):
                out.append(Placement(article_id, self, group, position, origin))
        return tuple(out)


@dataclass(frozen=True)
class Meta:
    """The cover of the document, from text.yaml."""

    title: str = ""
    subtitle: str | None = None
    symbol: str | None = None
    revision: str | None = None
    date: str | None = None
    access: str | None = None
    cover_note: Markup | None = None
    numbering: str = "sectional"
    attribution: str = "codes"
    notes: tuple[Note, ...] = ()  # notes on the whole text
    #: Recitals printed unnumbered before the first section; treaty text, so counted.
    preamble: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where an article stands in the outline."""

    article: str
    section: Section
    group: Section | Subsection
    position: int  # 1-based among the articles of its group, retired ones included
    origin: object = _origin()


@dataclass(frozen=True)
class Text:
    """The whole negotiating text of one revision."""

    meta: Meta
    sections: tuple[Section, ...]
    articles: Mapping[str, Article] = field(default_factory=lambda: MappingProxyType({}))
    members: Registry | None = field(default=None, compare=False, repr=False)
    #: Each article's file, relative to the articles folder (id → ``a-enabling/contracts.yaml``).
    files: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    def placements(self) -> tuple[Placement, ...]:
        """Every outline entry in document order (an id listed twice appears twice)."""
        return self._placements

    def preamble_article(self) -> Article | None:
        """What text.yaml holds besides its outline, as an unnumbered article "preamble", for
        what counts the text's proposals and brackets article by article (stats, positions,
        members --used, withdraw): the preamble as its paragraphs, the notes of the text, its
        sections and subsections as its notes, the cover note as its old note (attributions
        there are counted as in an article's notes); None when text.yaml holds none of these."""
        notes = tuple(self.outline_notes())
        if not (self.meta.preamble or notes or self.meta.cover_note):
            return None
        return Article("preamble", "Preamble", paragraphs=self.meta.preamble, note=self.meta.cover_note, notes=notes)

    def outline_notes(self) -> Iterator[Note]:
        """The notes of text.yaml: the whole text's, then each section's and its subsections'."""
        yield from self.meta.notes
        for section in self.sections:
            yield from section.notes
            for subsection in section.subsections:
                yield from subsection.notes

    @cached_property
    def _placements(self) -> tuple[Placement, ...]:
        # Computed once: checks, numbering and the differ each walk the outline.
        return tuple(placement for section in self.sections for placement in section.placements)

    def cover_attributions(self) -> Iterator[tuple[str, ...]]:
        """The proponents of every proposal in text.yaml: the preamble's, and the attributions
        of the cover note and of the notes of the text, its sections and subsections."""
        cover = self.preamble_article()
        return cover.attributions() if cover is not None else iter(())

    def outline_ids(self) -> list[str]:
        return [p.article for p in self.placements()]

    def ordered_articles(self) -> list[Article]:
        """The articles in outline order (those with a file), each once."""
        return list(self._ordered)

    @cached_property
    def _ordered(self) -> tuple[Article, ...]:
        # Computed once: progress counts, checks and ranks the same articles in turn.
        seen: set[str] = set()
        out = []
        for article_id in self.outline_ids():
            if article_id in self.articles and article_id not in seen:
                seen.add(article_id)
                out.append(self.articles[article_id])
        return tuple(out)

    def counts(self, count: Callable[[Article], Counts] = Article.counts) -> Counts:
        """Brackets remaining in the whole text: the preamble and every article (withdrawn and merged
        ones aside); COUNT counts one article."""
        articles = (count(a) for a in self.ordered_articles() if not a.is_retired)
        return Counts.total((Counts.of_paragraphs(self.meta.preamble), *articles))


# -- where ids stand (numbering prints them; checks judge references against them) ----------
@dataclass(frozen=True)
class Place:
    """Where a paragraph or an item with an id stands: its 1-based position, and the ids below it."""

    index: int
    below: dict[str, Place]


def article_places(article: Article) -> dict[str, Place]:
    """The paragraphs of ARTICLE that have an id, each with its items that have one
    (the items of every alternative of an alternatives paragraph); the first of two equal ids wins."""
    places: dict[str, Place] = {}
    for index, paragraph in enumerate(article.paragraphs, 1):
        if paragraph.id is not None and paragraph.id not in places:
            items = [paragraph.items, *(alternative.items for alternative in paragraph.alternatives)]
            places[paragraph.id] = Place(index, _item_places(i for group in items for i in enumerate(group, 1)))
    return places


def _item_places(items: Iterable[tuple[int, Item]]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for index, item in items:
        if item.id is not None and item.id not in places:
            places[item.id] = Place(index, _item_places(enumerate(item.items, 1)))
    return places
