"""The text resolved for printing: one structure every output format renders.

Resolving applies a view (full, clean, member:CODE, one section), derives every
number (articles, paragraphs, items, references), allocates footnote numbers in
document order (proponent attributions and treaty footnotes share one series, as
Word footnotes do), and flattens inline markup into :class:`Segment` lists, so a
renderer (Jinja template or Word writer) is a loop with no logic of the format.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..markup import Bracket, InlineFootnote, Markup, Plain, Reference, Run, option_runs
from ..members import Registry
from ..model import (
    MEMBER_CODE,
    MEMBER_CODE_RULE,
    NOTE_KINDS,
    SECTION_ID,
    SECTION_ID_RULE,
    STATUSES,
    Article,
    ArticleAlternative,
    Counts,
    Item,
    Meta,
    Note,
    Paragraph,
    Section,
    Subsection,
    Text,
    paragraph_attributions,
)
from ..numbering import Numbering, number_text

VIEWS = ("full", "clean", "member:CODE")
CLEAN_STATUSES = frozenset({"clean", "parked"})
#: Statuses printed beside an article's heading (open is the default, retired ones are annexed).
SHOWN_STATUSES = frozenset({"parked", "clean", "placeholder"})


@dataclass(frozen=True)
class View:
    """Which articles a build shows, and whose proposals it highlights."""

    name: str = "full"  # full | clean | member
    member: str | None = None
    section: str | None = None

    @property
    def suffix(self) -> str:
        """The file-name suffix: '' for full, '-clean', '-member-us', and '-section-b.2'
        for one section, so a partial build never overwrites the whole text's files."""
        if self.name == "member":
            suffix = f"-member-{(self.member or '').lower()}"
        else:
            suffix = "" if self.name == "full" else f"-{self.name}"
        return suffix + (f"-section-{self.section.lower()}" if self.section else "")


def parse_notes(value: str) -> frozenset[str]:
    """``all``, ``none`` or kinds separated by commas (``convenors,drafting``); ValueError names the kinds."""
    value = value.strip()
    if value == "all":
        return frozenset(NOTE_KINDS)
    if value == "none":
        return frozenset()
    kinds = [k.strip() for k in value.split(",")]
    unknown = [k for k in kinds if k not in NOTE_KINDS]
    if unknown or not value:
        raise ValueError(f"unknown note kind {(unknown or [value])[0]!r}; choose all, none, or kinds separated by commas from: {', '.join(NOTE_KINDS)}")
    return frozenset(kinds)


def default_notes(view: View) -> frozenset[str]:
    """The notes a view prints unless ``--notes`` says otherwise: none in the clean copy, all elsewhere."""
    return frozenset() if view.name == "clean" else frozenset(NOTE_KINDS)


def parse_view(value: str, section: str | None = None) -> View:
    """``full``, ``clean`` or ``member:CODE``; ValueError names the valid ones.

    The member code and SECTION name output files, so each must follow its pattern.
    """
    if section is not None and not SECTION_ID.fullmatch(section):
        raise ValueError(f"--section {section!r}: not a section id ({SECTION_ID_RULE})")
    if value in ("full", "clean"):
        return View(value, section=section)
    code = value[7:].strip() if value.startswith("member:") else ""
    if code and not MEMBER_CODE.fullmatch(code):
        raise ValueError(f"--view member:{code}: {code!r} is not a member code ({MEMBER_CODE_RULE})")
    if code:
        return View("member", code, section)
    raise ValueError(f"unknown view {value!r}; choose one of: {', '.join(VIEWS)}")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of inline text: plain text, a bracket's edge, an option separator,
    a reference, an attribution (with its footnote number when it has one), or
    a treaty footnote's mark where it is written (``text`` is the footnote's
    wording on one line, for a hover title)."""

    kind: str  # text | open | close | separator | reference | attribution | footnote
    text: str = ""
    depth: int = 0  # 1 inside an outermost bracket, 2 inside a nested one ...
    note: int | None = None
    target: str = ""  # the referenced article id (for links)
    mine: bool = False  # part of the viewed member's proposal
    codes: tuple[str, ...] = ()  # an attribution's codes as written (exchange formats link them)
    place: str = ""  # a reference's paragraph (and item) ids below its article: "para/item"


@dataclass(frozen=True)
class Footnote:
    number: int
    kind: str  # attribution | footnote
    segments: tuple[Segment, ...]
    codes: tuple[str, ...] = ()  # an attribution's codes as written (the reader shows them on its marks)


@dataclass(frozen=True)
class DocNote:
    """A typed note as printed: its kind, its label ("Co-convenors' note:") and its text."""

    kind: str
    label: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class DocItem:
    label: str
    segments: tuple[Segment, ...]
    items: tuple[DocItem, ...] = ()
    anchor: str = ""  # "article/paragraph/item" when the item has an id (references link to it)


@dataclass(frozen=True)
class DocAlternative:
    label: str  # "Alt 1"
    segments: tuple[Segment, ...]
    items: tuple[DocItem, ...]
    proponents: str
    note: int | None
    footnote: int | None = None  # the alternative's own treaty footnote
    mine: bool = False
    codes: tuple[str, ...] = ()  # the proponents' codes as written


@dataclass(frozen=True)
class DocParagraph:
    label: str  # "1.", "12.1" or "" for a paragraph standing alone
    kind: str  # agreed | proposal | alternatives
    segments: tuple[Segment, ...] = ()
    items: tuple[DocItem, ...] = ()
    proponents: str = ""  # printed, for a proposal
    note: int | None = None  # the proposal's attribution footnote
    alternatives: tuple[DocAlternative, ...] = ()
    footnote: int | None = None  # the treaty footnote's number
    mine: bool = False
    codes: tuple[str, ...] = ()  # a proposal's proponents' codes as written
    anchor: str = ""  # "article/paragraph" when the paragraph has an id (references link to it)
    notes: tuple[DocNote, ...] = ()  # printed right after the paragraph


@dataclass(frozen=True)
class DocArticleAlternative:
    """One version of an article offered in alternatives: "Alt 1", its own title if any, its paragraphs."""

    label: str  # "Alt 1"
    title: str | None  # its plain line, as an article's ``title``
    paragraphs: tuple[DocParagraph, ...]
    proponents: str
    note: int | None  # its attribution footnote
    mine: bool = False
    codes: tuple[str, ...] = ()  # the proponents' codes as written (exchange formats link them)
    title_segments: tuple[Segment, ...] = ()  # the title as printed, as an article's (empty: no title)


@dataclass(frozen=True)
class DocArticle:
    id: str
    number: str
    heading: str  # "Article A.1.2"
    title: str
    status: str
    show_status: bool
    small_group: str | None
    facilitator: str | None
    note: tuple[Segment, ...]
    paragraphs: tuple[DocParagraph, ...]
    counts: Counts
    section: str
    subsection: str | None
    #: The title as printed (brackets, attributions, footnote marks); ``title`` is its
    #: plain line (attributions in braces, no marks) for contents and navigation.
    title_segments: tuple[Segment, ...] = ()
    notes: tuple[DocNote, ...] = ()  # after the article's paragraphs (and its old-style note)
    kind: str = "agreed"  # agreed | proposal (the whole article in brackets) | alternatives (Alt 1, Alt 2)
    proponents: str = ""  # printed, for a proposed article
    proposal_note: int | None = None  # the proposed article's attribution footnote
    alternatives: tuple[DocArticleAlternative, ...] = ()
    mine: bool = False  # a proposal of the viewed member
    annex: str = ""  # "Annex 1" for an article of an annex
    codes: tuple[str, ...] = ()  # a proposed article's proponents' codes as written


@dataclass(frozen=True)
class DocGroup:
    """A subsection (or a section listing its articles directly)."""

    id: str
    title: str
    is_subsection: bool
    articles: tuple[DocArticle, ...]
    notes: tuple[DocNote, ...] = ()  # a subsection's notes, under its heading


@dataclass(frozen=True)
class DocSection:
    id: str
    title: str
    groups: tuple[DocGroup, ...]
    statuses: dict[str, int]
    counts: Counts
    notes: tuple[DocNote, ...] = ()  # under the section's heading
    kind: str = "section"  # section | annex
    heading: str = ""  # "Section A", "Annex 1"

    @property
    def articles(self) -> tuple[DocArticle, ...]:
        return tuple(a for g in self.groups for a in g.articles)


@dataclass(frozen=True)
class RetiredArticle:
    id: str
    title: str
    status: str
    merged_into: str | None
    merged_into_heading: str | None


@dataclass(frozen=True)
class Document:
    meta: Meta
    cover_note: tuple[Segment, ...]
    view: View
    sections: tuple[DocSection, ...]
    annex: tuple[RetiredArticle, ...]
    footnotes: tuple[Footnote, ...]
    statuses: dict[str, int]
    counts: Counts
    attribution: str  # codes | names
    #: Every code this document's attributions name, with its printed name, in order of first mention.
    parties: tuple[tuple[str, str], ...] = ()
    #: In a member view, the groups of members.yaml the member belongs to: their proposals are shown as its own.
    member_groups: tuple[str, ...] = ()

    @property
    def member_label(self) -> str:
        """Whose proposals a member view shows: "CL" or "CL and its groups FEDS, ACP"."""
        groups = ", ".join(self.member_groups)
        label = self.view.member or ""
        if not groups:
            return label
        return f"{label} and its group{'s' if len(self.member_groups) > 1 else ''} {groups}"

    notes: tuple[DocNote, ...] = ()  # notes on the whole text, after the cover note
    note_kinds: frozenset[str] = frozenset(NOTE_KINDS)  # the kinds of note this build prints
    preamble: tuple[DocParagraph, ...] = ()  # unnumbered, before the first section
    preamble_counts: Counts = field(default_factory=Counts)
    #: The text resolved (the Word build embeds its source for ``jsitext import``).
    text: Text | None = field(default=None, compare=False, repr=False)

    @property
    def articles(self) -> tuple[DocArticle, ...]:
        return tuple(a for s in self.sections for a in s.articles)

    @cached_property
    def shown_ids(self) -> frozenset[str]:
        """The ids of the articles this document prints (references to them become links)."""
        return frozenset(a.id for a in self.articles)


def resolve(text: Text, view: View | None = None, *, attribution: str | None = None, notes: frozenset[str] | None = None) -> Document:
    """Resolve TEXT for printing in VIEW, attributions printed as codes or names,
    the notes of the kinds NOTES (by default those of the view: see :func:`default_notes`)."""
    view = view or View()
    attribution = attribution or text.meta.attribution
    numbering = number_text(text)
    registry = text.members
    assert registry is not None
    ctx = _Context(numbering, registry, attribution, _mine_codes(registry, view), clean=view.name == "clean")
    ctx.note_kinds = default_notes(view) if notes is None else notes
    cover = ctx.segments(text.meta.cover_note, inline=True)
    text_notes = ctx.notes(text.meta.notes)
    preamble, preamble_counts = _preamble(ctx, text.meta.preamble, view)
    sections = tuple(s for s in (_section(ctx, text, section, view) for section in text.sections) if s is not None)
    gc.freeze()  # the document is acyclic and lives through rendering: keep the collector off it
    return Document(
        meta=text.meta,
        cover_note=cover,
        view=view,
        sections=sections,
        annex=_annex(text, numbering, view),
        footnotes=tuple(ctx.footnotes),
        statuses=_status_counts(a.status for s in sections for a in s.articles),
        counts=sum((s.counts for s in sections), preamble_counts),
        attribution=attribution,
        parties=tuple(ctx.parties.items()),
        member_groups=tuple(sorted(registry.groups_of(view.member))) if view.name == "member" and view.member else (),
        notes=text_notes,
        note_kinds=ctx.note_kinds,
        preamble=preamble,
        preamble_counts=preamble_counts,
        text=text,
    )


def _preamble(ctx: _Context, paragraphs: tuple[Paragraph, ...], view: View) -> tuple[tuple[DocParagraph, ...], Counts]:
    """The preamble's paragraphs, unnumbered: in the full and member views of the whole text.

    The clean view (agreed articles only) leaves it out unless it is agreed; a build of
    one section leaves it out; the member view keeps it when it holds the member's proposals.
    """
    counts = Counts.of_paragraphs(paragraphs)
    shown = bool(paragraphs) and not view.section
    if view.name == "clean":
        shown = shown and counts.brackets == 0
    elif view.name == "member":
        shown = shown and any(ctx.is_mine(codes) for codes in paragraph_attributions(paragraphs))
    if not shown:
        return (), Counts()
    return tuple(_paragraph(ctx, p, "", "") for p in paragraphs), counts


def resolve_article(
    article: Article, numbering: Numbering, registry: Registry, *, attribution: str = "codes", first_note: int = 1
) -> tuple[DocArticle, tuple[Footnote, ...]]:
    """One article resolved on its own (the old version of an article in a Word redline).

    Its numbers and references come from NUMBERING (the old revision's), its
    footnotes are numbered from FIRST_NOTE so that they follow the document's
    own; it belongs to no section (``section`` is empty).
    """
    ctx = _Context(numbering, registry, attribution, frozenset())
    ctx.first_note = first_note
    apart = Section("", "")
    return _article(ctx, article, apart, apart), tuple(ctx.footnotes)


def resolve_preamble(
    paragraphs: tuple[Paragraph, ...], numbering: Numbering, registry: Registry, *, attribution: str = "codes", first_note: int = 1
) -> tuple[tuple[DocParagraph, ...], tuple[Footnote, ...]]:
    """A preamble resolved on its own (the old preamble in a Word redline), as :func:`resolve_article`."""
    ctx = _Context(numbering, registry, attribution, frozenset())
    ctx.first_note = first_note
    return tuple(_paragraph(ctx, p, "", "") for p in paragraphs), tuple(ctx.footnotes)


def resolve_notes(notes: tuple[Note, ...], numbering: Numbering, registry: Registry, *, attribution: str = "codes") -> tuple[DocNote, ...]:
    """Typed notes of the text, a section or a subsection resolved on their own (the old notes
    in a Word redline), their references printed with NUMBERING; a note holds no footnote."""
    return _Context(numbering, registry, attribution, frozenset()).notes(notes)


def _mine_codes(registry: Registry, view: View) -> frozenset[str]:
    if view.name != "member" or not view.member:
        return frozenset()
    return registry.expand(view.member) | registry.groups_of(view.member)


class _Context:
    def __init__(self, numbering: Numbering, registry: Registry, attribution: str, mine: frozenset[str], *, clean: bool = False) -> None:
        self.numbering = numbering
        self.clean = clean  # the clean copy: unagreed text left out
        self.registry = registry
        self.attribution = attribution
        self.mine_codes = mine
        self.footnotes: list[Footnote] = []
        self.parties: dict[str, str] = {}  # code -> name, every code an attribution names
        self.first_note = 1  # later for an article resolved apart (resolve_article)
        self.here: str | None = None  # the article being resolved (a reference into it leaves "of Article ..." out)
        self.note_kinds: frozenset[str] = frozenset(NOTE_KINDS)

    def notes(self, notes: Iterable[Note]) -> tuple[DocNote, ...]:
        """The NOTES of the kinds this build prints, resolved (brackets in braces, no footnote)."""
        return tuple(DocNote(n.kind, n.label, self.segments(n.text, inline=True)) for n in notes if n.kind in self.note_kinds)

    def is_mine(self, codes: Iterable[str]) -> bool:
        return bool(self.mine_codes) and any((self.registry.canonical(c) or c) in self.mine_codes for c in codes)

    def printed(self, codes: Iterable[str]) -> str:
        codes = list(codes)
        for code in codes:
            if code not in self.parties:
                self.parties[code] = self.registry.name(code)
        if self.attribution == "names":
            names = [self.registry.name(c) for c in codes]
            # "Chinese Taipei, Hong Kong, China" would read as three members
            return ("; " if any("," in n for n in names) else ", ").join(names)
        return ", ".join(codes)

    def note(self, kind: str, segments: tuple[Segment, ...], codes: tuple[str, ...] = ()) -> int:
        number = self.first_note + len(self.footnotes)
        self.footnotes.append(Footnote(number, kind, segments, codes))
        return number

    def attribution_note(self, codes: tuple[str, ...], mine: bool = False) -> int:
        return self.note("attribution", (Segment("text", f"Proposed by {self.printed(codes)}.", mine=mine),), codes)

    def segments(self, markup: Markup | None, *, inline: bool = False, mine: bool = False) -> tuple[Segment, ...]:
        if markup is None:
            return ()
        out: list[Segment] = []
        self._runs(markup.runs, out, 0, mine, inline)
        return _tidied(out) if self.clean else tuple(out)

    def _runs(self, runs: tuple[Run, ...], out: list[Segment], depth: int, mine: bool, inline: bool) -> None:
        for index, run in enumerate(runs):
            if isinstance(run, Plain):
                out.append(Segment("text", run.text, depth, mine=mine))
            elif isinstance(run, Reference):
                printed = self.numbering.reference(run.key, self.here)
                out.append(Segment("reference", printed, depth, target=run.target, mine=mine, place="/".join(run.path)))
            elif isinstance(run, InlineFootnote):
                # The clean copy leaves out a bracket with the footnote it carries.
                if not (self.clean and index and isinstance(runs[index - 1], Bracket)):
                    out.extend(self._inline_footnote(run, depth, mine, inline))
            elif not self.clean:
                self._bracket(run, out, depth + 1, mine, inline)

    def _bracket(self, bracket: Bracket, out: list[Segment], depth: int, mine: bool, inline: bool) -> None:
        mine = mine or self.is_mine(bracket.proponents)
        out.append(Segment("open", "[", depth, mine=mine))
        for i, option in enumerate(bracket.options):
            option_mine = mine or self.is_mine(option.proponents)
            if i:
                out.append(Segment("separator", " / ", depth, mine=mine))
            self._runs(option_runs(bracket, option), out, depth, option_mine, inline)
            if bracket.is_choice and option.proponents:
                out.append(self._attribution(option.proponents, depth, option_mine, inline))
        out.append(Segment("close", "]", depth, mine=mine))
        if bracket.proponents:
            out.append(self._attribution(bracket.proponents, depth, mine, inline))

    def _inline_footnote(self, footnote: InlineFootnote, depth: int, mine: bool, inline: bool) -> tuple[Segment, ...]:
        """The mark where it is written; inside a note (no footnote can hang there, and
        check refuses one) the footnote's wording in brackets after a caret."""
        wording = self.segments(Markup(footnote.runs), inline=True)
        line = " ".join(plain_wording(wording).split())
        if inline:
            return (Segment("text", f" ^[{line}]", depth, mine=mine),)
        return (Segment("footnote", line, depth, note=self.note("footnote", wording), mine=mine),)

    def _attribution(self, codes: tuple[str, ...], depth: int, mine: bool, inline: bool) -> Segment:
        note = None if inline else self.attribution_note(codes, mine)
        return Segment("attribution", self.printed(codes), depth, note=note, mine=mine, codes=codes)


def plain_wording(segments: Iterable[Segment]) -> str:
    """Segments as printed wording: brackets and options kept, attributions and footnote marks left out."""
    return "".join(s.text for s in segments if s.kind not in ("attribution", "footnote"))


def _title_line(segments: tuple[Segment, ...]) -> str:
    """A title's segments on one line: attributions in braces after their bracket, no footnote marks."""
    return "".join("{" + s.text + "}" if s.kind == "attribution" else s.text for s in segments if s.kind != "footnote")


def _undecided(markup: Markup | None) -> bool:
    """A text that cannot stand without a choice still open ("Each Party [shall | may] ..."):
    the clean copy leaves it out whole, where an optional bracket is left out alone."""
    return markup is not None and any(isinstance(run, Bracket) and run.is_choice for run in markup.runs)


def _tidied(segments: list[Segment]) -> tuple[Segment, ...]:
    """Agreed text with its brackets taken out: neighbouring text joined, the spaces and
    punctuation left where a bracket was ("form[, except ...]{CN}." → "form.") tidied."""
    out: list[Segment] = []
    for segment in segments:
        if out and segment.kind == "text" and out[-1].kind == "text":
            out[-1] = Segment("text", out[-1].text + segment.text)
        else:
            out.append(segment)
    tidy = [Segment("text", re.sub(r" +([.,;:])", r"\1", re.sub(r"  +", " ", s.text))) if s.kind == "text" else s for s in out]
    return tuple(s for s in tidy if s.kind != "text" or s.text)


def _section(ctx: _Context, text: Text, section: Section, view: View) -> DocSection | None:
    if view.section and view.section != section.id and not any(g.id == view.section for g in section.subsections):
        return None
    ctx.here = None  # a reference in a section's note is to an article elsewhere
    section_notes = ctx.notes(section.notes)
    groups = []
    for group in section.groups():
        if view.section and view.section != section.id and group.id != view.section:
            continue
        ctx.here = None
        group_notes = ctx.notes(group.notes) if group is not section else ()
        articles = tuple(_article(ctx, a, section, group) for a in _shown(text, group.articles, ctx, view))
        if articles:  # no heading over nothing, in any view
            groups.append(DocGroup(group.id, group.title, group is not section, articles, group_notes))
    shown = [a for g in groups for a in g.articles]
    if not shown:
        return None
    statuses, counts = _status_counts(a.status for a in shown), sum((a.counts for a in shown), Counts())
    heading = ctx.numbering.sections.get(section.id) or f"Section {section.id}"
    return DocSection(section.id, section.title, tuple(groups), statuses, counts, notes=section_notes, kind=section.kind, heading=heading)


def _shown(text: Text, ids: tuple[str, ...], ctx: _Context, view: View) -> list[Article]:
    out = []
    for article_id in ids:
        article = text.articles.get(article_id)
        if article is None or article.is_retired or ctx.numbering.article(article_id) is None:
            continue
        if view.name == "clean" and (article.status not in CLEAN_STATUSES or article.proposed_by or article.alternatives):
            continue  # a proposed article or one in alternatives is not agreed text, whatever its status
        if view.name == "member" and not _involves(ctx, article):
            continue
        out.append(article)
    return out


def _involves(ctx: _Context, article: Article) -> bool:
    return ctx.is_mine(article.proponents())


def _article(ctx: _Context, article: Article, section: Section, group: Section | Subsection) -> DocArticle:
    number = ctx.numbering.article(article.id) or ""
    # In document order: the title's footnotes come first.  A title that is not markup is its text.
    title = _title(ctx, article.title, article.title_markup)
    ctx.here = article.id
    mine = ctx.is_mine(article.proposed_by)
    alternatives = tuple(_article_alternative(ctx, article.id, alt, i) for i, alt in enumerate(article.alternatives, 1))
    paragraphs = _paragraphs(ctx, article.id, article.paragraphs, mine)
    # The attribution hangs after the last paragraph: a proposed placeholder without text has none.
    proposal_note = ctx.attribution_note(article.proposed_by, mine) if article.is_proposal and article.paragraphs else None
    kind = "alternatives" if article.alternatives else "proposal" if article.is_proposal else "agreed"
    return DocArticle(
        id=article.id,
        number=number,
        heading=f"Article {number}",
        title=_title_line(title) if article.title_markup is not None else article.title,
        status=article.status,
        show_status=article.status in SHOWN_STATUSES,
        small_group=article.small_group,
        facilitator=article.facilitator,
        note=ctx.segments(article.note, inline=True) if "drafting" in ctx.note_kinds else (),
        paragraphs=paragraphs,
        counts=Counts() if ctx.clean else article.counts(),
        section=section.id,
        subsection=group.id if group is not section else None,
        title_segments=title,
        notes=ctx.notes(article.notes),
        kind=kind,
        proponents=ctx.printed(article.proposed_by) if article.is_proposal else "",
        proposal_note=proposal_note,
        alternatives=alternatives,
        mine=mine and article.is_proposal,
        annex=ctx.numbering.annexes.get(article.id, ""),
        codes=article.proposed_by,
    )


def _paragraphs(ctx: _Context, article_id: str, paragraphs: tuple[Paragraph, ...], mine: bool = False) -> tuple[DocParagraph, ...]:
    """PARAGRAPHS numbered as the article's (MINE: all of them the viewed member's proposal)."""
    count = len(paragraphs)
    numbered = [(p, ctx.numbering.paragraph(article_id, i, count)) for i, p in enumerate(paragraphs, 1)]
    if ctx.clean:  # agreed paragraphs only, with the numbers they have in the full text
        numbered = [(p, label) for p, label in numbered if not p.proponents and not p.alternatives and not _undecided(p.text)]
    return tuple(p for p in (_paragraph(ctx, p, label, article_id, mine) for p, label in numbered) if p.segments or p.items or p.alternatives)


def _article_alternative(ctx: _Context, article_id: str, alternative: ArticleAlternative, index: int) -> DocArticleAlternative:
    """One version of an article: its paragraphs numbered as the article's, its attribution after them."""
    mine = ctx.is_mine(alternative.proponents)
    title = _title(ctx, alternative.title, alternative.title_markup)  # in document order: its footnotes first
    paragraphs = _paragraphs(ctx, article_id, alternative.paragraphs, mine)
    note = ctx.attribution_note(alternative.proponents, mine) if alternative.proponents and alternative.paragraphs else None
    line = _title_line(title) if alternative.title_markup is not None else alternative.title
    return DocArticleAlternative(f"Alt {index}", line, paragraphs, ctx.printed(alternative.proponents), note, mine, alternative.proponents, title)


def _title(ctx: _Context, title: str | None, markup: Markup | None) -> tuple[Segment, ...]:
    """A title as printed: its markup resolved, or (not markup: format 1) its text as written."""
    if markup is not None:
        return ctx.segments(markup)
    return (Segment("text", title),) if title else ()


def _paragraph(ctx: _Context, paragraph: Paragraph, label: str, article_id: str, mine_whole: bool = False) -> DocParagraph:
    anchor = f"{article_id}/{paragraph.id}" if paragraph.id else ""
    notes = ctx.notes(paragraph.notes)
    if paragraph.alternatives:
        alternatives = tuple(_alternative(ctx, alt, i, anchor) for i, alt in enumerate(paragraph.alternatives, 1))
        return DocParagraph(label, "alternatives", alternatives=alternatives, footnote=_footnote(ctx, paragraph), anchor=anchor, notes=notes)
    mine = mine_whole or ctx.is_mine(paragraph.proponents)
    segments = ctx.segments(paragraph.text, mine=mine)
    items = _items(ctx, paragraph.items, 1, mine, anchor)
    if not paragraph.proponents:
        return DocParagraph(label, "agreed", segments, items, footnote=_footnote(ctx, paragraph), anchor=anchor, notes=notes)
    note = ctx.attribution_note(paragraph.proponents, mine)
    return DocParagraph(
        label,
        "proposal",
        segments,
        items,
        ctx.printed(paragraph.proponents),
        note,
        footnote=_footnote(ctx, paragraph),
        mine=mine,
        codes=paragraph.proponents,
        anchor=anchor,
        notes=notes,
    )


def _alternative(ctx: _Context, alternative: Paragraph, index: int, anchor: str) -> DocAlternative:
    mine = ctx.is_mine(alternative.proponents)
    segments = ctx.segments(alternative.text, mine=mine)
    items = _items(ctx, alternative.items, 1, mine, anchor)
    note = ctx.attribution_note(alternative.proponents, mine) if alternative.proponents else None
    printed = ctx.printed(alternative.proponents)
    return DocAlternative(f"Alt {index}", segments, items, printed, note, _footnote(ctx, alternative), mine, alternative.proponents)


def _items(ctx: _Context, items: tuple[Item, ...], depth: int, mine: bool, parent: str = "") -> tuple[DocItem, ...]:
    out = []
    for i, item in enumerate(items, 1):
        if ctx.clean and _undecided(item.text):
            continue
        anchor = f"{parent}/{item.id}" if parent and item.id else ""
        resolved = DocItem(Numbering.item(i, depth), ctx.segments(item.text, mine=mine), _items(ctx, item.items, depth + 1, mine, anchor), anchor)
        if resolved.segments or resolved.items:
            out.append(resolved)
    return tuple(out)


def _footnote(ctx: _Context, paragraph: Paragraph) -> int | None:
    if paragraph.footnote is None:
        return None
    segments = () if ctx.clean and _undecided(paragraph.footnote) else ctx.segments(paragraph.footnote, inline=True)
    return ctx.note("footnote", segments) if segments else None


def _annex(text: Text, numbering: Numbering, view: View) -> tuple[RetiredArticle, ...]:
    if view.name != "full":
        return ()
    out = []
    for article in text.ordered_articles():
        if article.is_retired:
            target = article.merged_into
            heading = numbering.reference(target) if target and numbering.article(target) else None
            out.append(RetiredArticle(article.id, article.title, article.status, target, heading))
    return tuple(out)


def _status_counts(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return {k: v for k, v in counts.items() if v}
