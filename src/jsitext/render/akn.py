"""Akoma Ntoso 3.0 (OASIS LegalDocML): the consolidated text for legislative systems.

One ``<akomaNtoso><doc name="negotiatingText">``, valid against the official schema
(``tests/schemas/akomantoso30.xsd``).  It prints the resolved :class:`Document`
as it is, numbers and attributions included, and adds only what the standard asks:

* ``<meta>``: FRBR identification from the symbol, revision and date; a
  ``TLCOrganization`` per proponent (``#us``); the circulation as ``<lifecycle>``;
* the outline as ``<chapter>`` (section), ``<section>`` (subsection) and
  ``<article>``, each ``eId`` built from the ids (``art_de-minimis``), so that it
  stays put when articles are renumbered;
* paragraphs as ``<paragraph>``, items as ``<list>``/``<point>``, alternatives as
  ``<hcontainer name="alternatives">`` holding one ``<hcontainer name="alternative">``
  each; a proposed paragraph is a ``<paragraph class="proposal">``;
* brackets as ``<span class="bracket" refersTo="#us #jp">``, a choice's options as
  ``<span class="option">``; footnotes (attributions and treaty footnotes, one series
  as printed) as ``<authorialNote>``; references as ``<ref href>``.

``docs/build.md`` documents these structures with an example.  Built as text (the
order of attributes fixed), so the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..escape import xml_attribute as attr
from ..escape import xml_text as text
from ..formats import Options
from .dates import build_time
from .resolve import DocAlternative, DocArticle, DocArticleAlternative, DocGroup, DocItem, DocNote, DocParagraph, DocSection, Document, Footnote, Segment

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: The document type's name (``<doc name=...>``): a negotiating text is no bill of a parliament.
DOC_NAME = "negotiatingText"
#: The "country" part of the FRBR URIs: the WTO is an international organisation (as ``un`` in AKN4UN).
JURISDICTION = "wto"
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def render_akn(document: Document, options: Options) -> bytes:
    """The document as Akoma Ntoso 3.0 XML (UTF-8, newline at the end)."""
    return _Writer(document).xml().encode("utf-8")


def id_part(value: str) -> str:
    """VALUE as a piece of an eId or a URI: letters, digits, ``.``, ``_``, ``-`` (others as ``-``)."""
    return _NOT_ID.sub("-", value).strip("-") or "x"


def article_eid(article_id: str) -> str:
    """The eId of an article: from its id, so that renumbering leaves it unchanged."""
    return "art_" + id_part(article_id)


def work_number(symbol: str | None, revision: str | None) -> str:
    """The symbol without its revision (``INF/ECOM/SAMPLE/Rev.3`` → ``INF-ECOM-SAMPLE``): every
    revision is an expression of one work."""
    symbol = symbol or ""
    if revision and symbol.endswith("/" + revision):
        symbol = symbol[: -len(revision) - 1]
    return symbol.replace("/", "-")


@dataclass
class _Writer:
    document: Document
    out: list[str] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.footnotes: dict[int, Footnote] = {f.number: f for f in self.document.footnotes}
        self.parties = {code: "#" + self.unique(f"org_{id_part(code).lower()}") for code, _ in self.document.parties}
        self.work, self.expression, self.manifestation = self.uris()

    def unique(self, eid: str) -> str:
        """EID, or EID with a number after it when taken (the schema wants every eId once)."""
        candidate, n = eid, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{eid}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def xml(self) -> str:
        doc = self.document
        self.emit(f'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="{NAMESPACE}">\n<doc name="{DOC_NAME}">\n')
        self.meta()
        self.preface()
        self.preamble()
        self.emit("<mainBody>\n")
        for section in doc.sections:
            self.section(section)
        if not doc.sections:
            self.emit('<hcontainer eId="empty" name="empty"><content><p>No article is in this view.</p></content></hcontainer>\n')
        if doc.annex:
            self.annex()
        self.emit("</mainBody>\n</doc>\n</akomaNtoso>\n")
        return "".join(self.out)

    def emit(self, piece: str) -> None:
        self.out.append(piece)

    # -- meta ------------------------------------------------------------------------------
    def uris(self) -> tuple[str, str, str]:
        """The FRBR work, expression and manifestation URIs (AKN naming convention)."""
        meta = self.document.meta
        day = self.day()
        work = f"/akn/{JURISDICTION}/doc/{DOC_NAME}/{day}/{id_part(work_number(meta.symbol, meta.revision) or meta.title)}"
        version = id_part(meta.revision or "original").lower()
        expression = f"{work}/eng@{version}"
        return work, expression, expression + self.document.view.suffix + ".akn"

    def day(self) -> str:
        return build_time(self.document).strftime("%Y-%m-%d")

    def meta(self) -> None:
        meta = self.document.meta
        work, expression, manifestation = self.work, self.expression, self.manifestation
        day = self.day()
        name = attr(meta.title or "text")
        self.emit('<meta>\n<identification source="#jsitext">\n')
        self.emit(f'<FRBRWork>\n<FRBRthis value="{attr(work)}/!main"/>\n<FRBRuri value="{attr(work)}"/>\n')
        self.emit(f'<FRBRdate date="{day}" name="circulation"/>\n<FRBRauthor href="#convenors"/>\n<FRBRcountry value="{JURISDICTION}"/>\n')
        if meta.symbol:
            self.emit(f'<FRBRnumber value="{attr(meta.symbol)}"/>\n')
        self.emit(f'<FRBRname value="{name}"/>\n</FRBRWork>\n')
        self.emit(f'<FRBRExpression>\n<FRBRthis value="{attr(expression)}/!main"/>\n<FRBRuri value="{attr(expression)}"/>\n')
        self.emit(f'<FRBRdate date="{day}" name="revision"/>\n<FRBRauthor href="#convenors"/>\n')
        if meta.revision:
            self.emit(f'<FRBRversionNumber value="{attr(meta.revision)}"/>\n')
        self.emit('<FRBRlanguage language="eng"/>\n</FRBRExpression>\n')
        self.emit(f'<FRBRManifestation>\n<FRBRthis value="{attr(manifestation)}/!main.xml"/>\n<FRBRuri value="{attr(manifestation)}"/>\n')
        self.emit(f'<FRBRdate date="{day}" name="generation"/>\n<FRBRauthor href="#jsitext"/>\n</FRBRManifestation>\n')
        self.emit("</identification>\n")
        self.emit(
            f'<lifecycle source="#jsitext">\n<eventRef eId="evt_circulation" date="{day}" source="#original" type="generation" refersTo="#circulation"/>\n</lifecycle>\n'
        )
        self.emit(f'<references source="#jsitext">\n<original eId="original" href="{attr(expression)}" showAs="{name}"/>\n')
        self.emit('<TLCEvent eId="circulation" href="/akn/ontology/events/circulation" showAs="Circulation"/>\n')
        self.emit('<TLCOrganization eId="convenors" href="/akn/ontology/organizations/wto/co-convenors" showAs="Co-convenors"/>\n')
        self.emit('<TLCOrganization eId="jsitext" href="/akn/ontology/organizations/jsitext" showAs="jsitext"/>\n')
        for code, shown in self.document.parties:
            eid = self.parties[code][1:]
            self.emit(f'<TLCOrganization eId="{attr(eid)}" href="/akn/ontology/organizations/wto/{attr(id_part(code).lower())}" showAs="{attr(shown)}"/>\n')
        self.emit("</references>\n</meta>\n")

    def preface(self) -> None:
        meta = self.document.meta
        self.emit(f'<preface>\n<longTitle eId="longTitle"><p><docTitle>{text(meta.title)}</docTitle></p></longTitle>\n')
        if meta.subtitle:
            self.emit(f'<p class="subtitle">{text(meta.subtitle)}</p>\n')
        if meta.symbol:
            self.emit(f"<p><docNumber>{text(meta.symbol)}</docNumber></p>\n")
        self.emit(f'<p><docDate date="{self.day()}">{text(meta.date or self.day())}</docDate></p>\n')
        if meta.access:
            self.emit(f'<p class="access"><docStatus>{text(meta.access)}</docStatus></p>\n')
        if self.document.cover_note:
            self.emit(f'<p class="coverNote">{self.inline(self.document.cover_note)}</p>\n')
        for n, note in enumerate(self.document.notes, 1):
            self.emit(
                f'<container eId="preface__note_{n}" name="note" class="{attr(note.kind)}"><p>{text(note.label)} {self.inline(note.segments)}</p></container>\n'
            )
        self.emit("</preface>\n")

    def preamble(self) -> None:
        """The recitals (format 2), unnumbered, before the main body."""
        if not self.document.preamble:
            return
        self.emit('<preamble eId="preamble">\n')
        for n, paragraph in enumerate(self.document.preamble, 1):
            eid = self.unique(f"preamble__container_{n}")
            self.emit(f'<container eId="{eid}" name="recital"><p>{self.paragraph_words(paragraph)}</p></container>\n')
        self.emit("</preamble>\n")

    def paragraph_words(self, paragraph: DocParagraph) -> str:
        """A preamble paragraph on one line: its words, its items, its alternatives, and its marks."""
        if paragraph.kind == "alternatives":
            words = " ".join(f"{text(a.label)}: " + self.inline(a.segments) + self.note(a.note or 0) for a in paragraph.alternatives)
        else:
            words = self.inline(paragraph.segments) + " ".join(self.inline(i.segments) for i in paragraph.items)
        return words + "".join(self.note(n) for n in (paragraph.note, paragraph.footnote) if n)

    def notes(self, notes: Sequence[DocNote], eid: str) -> None:
        """Typed notes (format 2), set apart from the treaty text, each labelled by its kind."""
        for n, note in enumerate(notes, 1):
            self.emit(
                f'<hcontainer eId="{self.unique(f"{eid}__note_{n}")}" name="note" class="{attr(note.kind)}"><content><p>{text(note.label)} {self.inline(note.segments)}</p></content></hcontainer>\n'
            )

    # -- the outline -----------------------------------------------------------------------
    def section(self, section: DocSection) -> None:
        eid = self.unique("chp_" + id_part(section.id))
        self.emit(
            f'<chapter eId="{eid}" class="{attr(section.kind)}"><num>{text(section.heading or "Section " + section.id)}</num><heading>{text(section.title)}</heading>\n'
        )
        self.notes(section.notes, eid)
        shown = 0
        for group in section.groups:
            shown += self.group(group, eid)
        if not shown:
            self.emit("<hcontainer " + f'eId="{eid}__empty" name="empty"><content><p>No article is in this section.</p></content></hcontainer>\n')
        self.emit("</chapter>\n")

    def group(self, group: DocGroup, parent: str) -> int:
        if not group.is_subsection:
            for article in group.articles:
                self.article(article)
            return len(group.articles)
        eid = self.unique(f"{parent}__sec_{id_part(group.id)}")
        self.emit(f'<section eId="{eid}"><num>{text(group.id)}</num><heading>{text(group.title)}</heading>\n')
        self.notes(group.notes, eid)
        for article in group.articles:
            self.article(article)
        if not group.articles:
            self.emit(f'<hcontainer eId="{eid}__empty" name="empty"><content><p>No article is in this subsection.</p></content></hcontainer>\n')
        self.emit("</section>\n")
        return 1

    def article(self, article: DocArticle) -> None:
        eid = self.unique(article_eid(article.id))
        classes = " ".join(c for c in (article.status, "" if article.kind == "agreed" else article.kind, "mine" if article.mine else "") if c)
        refers = self.refers(article.codes) if article.kind == "proposal" else ""
        mark = self.note(article.proposal_note) if article.proposal_note else ""  # a proposed article's attribution
        self.emit(f'<article eId="{eid}" class="{attr(classes)}"{refers}><num>{text(article.heading)}</num><heading>{self.title(article)}{mark}</heading>\n')
        if article.small_group or article.facilitator:
            said = "; ".join(f"{k}: {v}" for k, v in (("Small group", article.small_group), ("Facilitator", article.facilitator)) if v)
            self.emit(f'<hcontainer eId="{eid}__smallGroup" name="smallGroup"><content><p>{text(said)}</p></content></hcontainer>\n')
        if article.note:
            self.emit(f'<hcontainer eId="{eid}__note" name="note"><content><p>{self.inline(article.note)}</p></content></hcontainer>\n')
        self.paragraphs(article.paragraphs, eid)
        for k, alternative in enumerate(article.alternatives, 1):
            self.article_alternative(alternative, f"{eid}__alt_{k}")
        self.notes(article.notes, eid)
        if not (article.paragraphs or article.alternatives or article.note or article.notes):
            self.emit(f'<hcontainer eId="{eid}__empty" name="placeholder"><content><p/></content></hcontainer>\n')
        self.emit("</article>\n")

    def paragraphs(self, paragraphs: Sequence[DocParagraph], eid: str) -> None:
        """Paragraphs, each followed by its typed notes."""
        for n, paragraph in enumerate(paragraphs, 1):
            self.paragraph(paragraph, f"{eid}__para_{n}")
            self.notes(paragraph.notes, f"{eid}__para_{n}")

    def article_alternative(self, alternative: DocArticleAlternative, eid: str) -> None:
        """One version of an article in alternatives (format 2): Alt n, its title, its paragraphs, its attribution."""
        eid = self.unique(eid)
        mine = ' class="mine"' if alternative.mine else ""
        heading = f"<heading>{self.inline(alternative.title_segments)}</heading>" if alternative.title else ""
        self.emit(f'<hcontainer eId="{eid}" name="alternativeArticle"{mine}{self.refers(alternative.codes)}><num>{text(alternative.label)}</num>{heading}\n')
        self.paragraphs(alternative.paragraphs, eid)
        self.emit(self.note_block(alternative.note, eid))
        if not alternative.paragraphs and not alternative.note:
            self.emit(f'<hcontainer eId="{eid}__empty" name="placeholder"><content><p/></content></hcontainer>\n')
        self.emit("</hcontainer>\n")

    def title(self, article: DocArticle) -> str:
        """A title with markup (format 2) keeps its brackets, attributions and footnotes; a plain one is text."""
        return self.inline(article.title_segments) if article.title_segments else text(article.title)

    def paragraph(self, paragraph: DocParagraph, eid: str) -> None:
        eid = self.unique(eid)
        num = f"<num>{text(paragraph.label)}</num>" if paragraph.label else ""
        if paragraph.kind == "alternatives":
            self.emit(f'<hcontainer eId="{eid}" name="alternatives">{num}\n')
            for n, alternative in enumerate(paragraph.alternatives, 1):
                self.alternative(alternative, f"{eid}__alt_{n}")
            self.emit(self.note_block(paragraph.footnote, eid))
            self.emit("</hcontainer>\n")
            return
        kind = f' class="{"proposal mine" if paragraph.mine else "proposal"}"{self.refers(paragraph.codes)}' if paragraph.kind == "proposal" else ""
        self.emit(f'<paragraph eId="{eid}"{kind}>{num}')
        self.body(paragraph.segments, paragraph.items, eid, (paragraph.note, paragraph.footnote))
        self.emit("</paragraph>\n")

    def alternative(self, alternative: DocAlternative, eid: str) -> None:
        eid = self.unique(eid)
        mine = ' class="mine"' if alternative.mine else ""
        self.emit(f'<hcontainer eId="{eid}" name="alternative"{mine}{self.refers(alternative.codes)}><num>{text(alternative.label)}</num>')
        self.body(alternative.segments, alternative.items, eid, (alternative.note, alternative.footnote))
        self.emit("</hcontainer>\n")

    def body(self, segments: Sequence[Segment], items: Sequence[DocItem], eid: str, notes: tuple[int | None, ...]) -> None:
        """A paragraph's words (and its notes' marks after them), then its items as a list."""
        words = self.inline(segments) + "".join(self.note(n) for n in notes if n)
        if not items:
            self.emit(f"<content><p>{words}</p></content>")
            return
        self.emit(f'\n<list eId="{eid}__list_1"><intro><p>{words}</p></intro>\n')
        self.points(items, f"{eid}__list_1")
        self.emit("</list>\n")

    def points(self, items: Sequence[DocItem], parent: str) -> None:
        for n, item in enumerate(items, 1):
            eid = self.unique(f"{parent}__point_{n}")
            self.emit(f'<point eId="{eid}"><num>{text(item.label)}</num>')
            if item.items:
                self.emit(f'\n<list eId="{eid}__list_1"><intro><p>{self.inline(item.segments)}</p></intro>\n')
                self.points(item.items, f"{eid}__list_1")
                self.emit("</list>\n")
            else:
                self.emit(f"<content><p>{self.inline(item.segments)}</p></content>")
            self.emit("</point>\n")

    def note_block(self, number: int | None, eid: str) -> str:
        """A group of alternatives' own treaty footnote, in a block of its own."""
        if not number:
            return ""
        return f'<hcontainer eId="{eid}__footnote" name="footnote"><content><p>{self.note(number)}</p></content></hcontainer>\n'

    def annex(self) -> None:
        self.emit(
            '<hcontainer eId="retired" name="retiredArticles"><heading>Withdrawn and merged articles</heading><content>\n<blockList eId="retired__list">\n'
        )
        for n, retired in enumerate(self.document.annex, 1):
            merged = ""
            if retired.merged_into:
                target = retired.merged_into_heading or retired.merged_into
                merged = f' (merged into <ref href="{self.href(retired.merged_into)}">{text(target)}</ref>)'
            self.emit(
                f'<item eId="retired__list__item_{n}" class="{attr(retired.status)}"><p>{text(retired.title)}: {text(retired.status)}{merged}</p></item>\n'
            )
        self.emit("</blockList>\n</content></hcontainer>\n")

    # -- inline ----------------------------------------------------------------------------
    def refers(self, codes: Sequence[str]) -> str:
        shown = " ".join(self.parties[c] for c in codes if c in self.parties)
        return f' refersTo="{attr(shown)}"' if shown else ""

    def href(self, article_id: str) -> str:
        """A link to an article: inside this document when it is shown, else to the whole text."""
        if article_id in self.document.shown_ids:
            return "#" + article_eid(article_id)
        return f"{self.expression}/!main~{article_eid(article_id)}"

    def note(self, number: int) -> str:
        footnote = self.footnotes.get(number)
        if footnote is None:
            return ""
        eid = self.unique(f"fn_{number}")
        return (
            f'<authorialNote eId="{eid}" class="{footnote.kind}" marker="{number}" placement="bottom"><p>{self.inline(footnote.segments)}</p></authorialNote>'
        )

    def inline(self, segments: Sequence[Segment]) -> str:
        return "".join(_Inline(self, segments).pieces())


class _Inline:
    """Flat segments back into nested spans: a bracket's span needs its attribution,
    which the segments give after its closing edge."""

    def __init__(self, writer: _Writer, segments: Sequence[Segment]) -> None:
        self.writer = writer
        self.segments = segments
        self.at = 0

    def pieces(self) -> Iterator[str]:
        while self.at < len(self.segments):
            yield from self.one()

    def one(self) -> Iterator[str]:
        s = self.segments[self.at]
        self.at += 1
        if s.kind == "text":
            yield text(s.text)
        elif s.kind == "reference":
            yield f'<ref href="{attr(self.writer.href(s.target))}">{text(s.text)}</ref>'
        elif s.kind == "attribution":
            yield self.attribution(s)
        elif s.kind == "open":
            yield from self.bracket(s)
        elif s.note:  # a footnote's mark where it is written
            yield self.writer.note(s.note)
        elif s.kind in ("text", "separator", "close"):  # a stray edge cannot come from resolve; printed as it reads
            yield text(s.text)

    def attribution(self, s: Segment) -> str:
        if s.note:
            return self.writer.note(s.note)
        return f'<span class="attribution"{self.writer.refers(s.codes)}>{{{text(s.text)}}}</span>'

    def bracket(self, opening: Segment) -> Iterator[str]:
        """From an open edge to its close, options as spans when it offers a choice."""
        options: list[list[str]] = [[]]
        option_codes: dict[int, tuple[str, ...]] = {}
        separators: list[str] = []
        while self.at < len(self.segments):
            s = self.segments[self.at]
            if s.kind == "close" and s.depth == opening.depth:
                self.at += 1
                break
            if s.kind == "separator" and s.depth == opening.depth:
                self.at += 1
                separators.append(s.text)
                options.append([])
                continue
            if s.kind == "attribution" and s.depth == opening.depth:
                option_codes[len(options) - 1] = s.codes  # an option's own proponents
            options[-1].extend(self.one())
        codes: tuple[str, ...] = ()
        after = ""
        if self.at < len(self.segments) and self.segments[self.at].kind == "attribution" and self.segments[self.at].depth == opening.depth:
            attribution = self.segments[self.at]
            self.at += 1
            codes, after = attribution.codes, self.attribution(attribution)
        mine = " mine" if opening.mine else ""
        yield f'<span class="bracket{mine}"{self.writer.refers(codes)}>['
        if len(options) == 1:
            yield from options[0]
        else:
            for n, option in enumerate(options):
                if n:
                    yield text(separators[n - 1])
                yield f'<span class="option"{self.writer.refers(option_codes.get(n, ()))}>{"".join(option)}</span>'
        yield "]</span>" + after
