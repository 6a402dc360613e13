"""Blocks of a Word text as a jsitext text: cover, outline, articles, paragraphs, items, notes.

Read in the usual layout of the WTO consolidated texts (``docs/import.md``):

- the cover: a Title, the symbol, revision, date and access (as lines or in a
  table), a note; recitals ("Recognising ...") before the first section are the
  preamble, and so is everything under a "Preamble" heading;
- headings, set as Heading styles or only in bold: "Section A: Title" or "A. Title"
  (a section), "Annex 1: Title" (an annex), "A.1 Title" (a subsection), "Article
  A.1.2: Title", "Article 12: Title" or "12. Title" (an article); "[Parked]" or
  "(clean)" in an article's heading is its status;
- numbered paragraphs ("1." typed, or Word list numbering), items "(a)" and
  sub-items "(i)" (typed or list levels 2 and 3), "Alt 1:" / "Alt 2:" paragraphs,
  a whole paragraph in brackets with its attribution (a proposed paragraph);
- notes: shaded paragraphs, or paragraphs led by "Note:", "Convenors' note:",
  "Facilitator's note:" ..., placed under the paragraph, article or section they follow.

Inline text is converted by :mod:`.inline`.  Every guess that cannot be made
exactly is a finding (:mod:`.findings`) naming its place in the Word file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..problems import Problem
from .attributions import Attribution, looks_like_code, read_attribution
from .docx_read import Block
from .embedded import Verified
from .findings import finding
from .inline import INLINE_CODES, Converted, Item, Note, convert, flatten, footnote_markup, plain_markup, quote

Data = dict[str, Any]

_SECTION = re.compile(r"^Section\s+([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*)\s*[:.\u2013\u2014-]?\s+(.+)$", re.IGNORECASE)
_ANNEX = re.compile(r"^Annex\s+([A-Za-z0-9]+)\s*[:.\u2013\u2014-]\s*(.+)$", re.IGNORECASE)
_LETTER_SECTION = re.compile(r"^([A-Z])\.\s+(?!\d)(.+)$")
_SUBSECTION = re.compile(r"^([A-Z]\.\d+)\.?\s+(.+)$")
_ARTICLE = re.compile(r"^Article\s+([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)\.?\s*(?:[:.\u2013\u2014-]\s*(.*))?$", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")
_STATUS_MARK = re.compile(r"\s*[\[(](parked|clean|placeholder|withdrawn)[\])]\s*", re.IGNORECASE)
_STATUS_LINE = re.compile(r"^(?:Status:\s*(\w+))?(?:;\s*)?(?:Small group:\s*([^;]+?))?(?:;\s*)?(?:Facilitator:\s*([^;]+?))?\.?$")
_LABEL = re.compile(r"^[ \t]*(?:(\d+(?:\.\d+)*)(?:[.)][\t ]+|\t)|\(([a-z]{1,4})\)[\t ]+|([a-z])\)[\t ]+)")
_ARTICLE_VERSION = re.compile(r"^(?:Alt(?:ernative)?|Option)\s*(\d+)(?::\s*(.+))?$", re.IGNORECASE)
_ALT = re.compile(r"^[ \t]*(?:Alt(?:ernative)?|Option)\s*(\d+)\s*:\s*", re.IGNORECASE)
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})
_NOTE_LABELS = (
    (re.compile(r"^(?:Co-?convenors?['\u2019]?s?|Convenors?['\u2019]?s?)\s+note\s*:\s*", re.IGNORECASE), "convenors"),
    (re.compile(r"^Facilitators?['\u2019]?s?\s+note\s*:\s*", re.IGNORECASE), "facilitator"),
    (re.compile(r"^Secretariat(?:['\u2019]s)?\s+note\s*:\s*", re.IGNORECASE), "secretariat"),
    (re.compile(r"^Drafting\s+note\s*:\s*", re.IGNORECASE), "drafting"),
    (re.compile(r"^Note\s*:\s*", re.IGNORECASE), "note"),
)
_RECITAL = re.compile(
    r"^(Recogni[sz]ing|Desiring|Acknowledging|Affirming|Reaffirming|Noting|Considering|Bearing|Seeking|Building|Stressing|Emphasi[sz]ing|Determined|Convinced|Mindful|Resolving)\b"
)
_SYMBOL = re.compile(r"^[A-Z]{2,}(?:/[A-Za-z0-9.\-]+)+$")
_REVISION = re.compile(r"\bRev\.\s*\d+\b")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SKIPPED_STYLES = ("TOC",)
_PROGRESS_HEADER = ("Section", "Open", "Parked")
_RETIRED_HEADING = "Annex: Withdrawn and Merged Articles"
#: Findings whose text is kept as written: a drafting note on the article says so, where the text is read.
_KEPT_AS_TEXT = frozenset({"open-bracket", "stray-bracket", "unread-brackets", "misplaced-attribution", "unclear-footnote", "unknown-member"})
_RETIRED_ENTRY = re.compile(r"^(.*) \(([a-z0-9]+(?:-[a-z0-9]+)*)\): (withdrawn|merged)(?: into (.*))?\.$")


@dataclass
class Part:
    """One Word paragraph of a numbered paragraph: its level (0 text, 1 item, 2 sub-item) and content."""

    level: int
    block: Block
    items: list[Item]
    label_width: int = 0
    label: str = ""


@dataclass
class Unit:
    """A numbered paragraph as read: its parts, or its alternatives (each a list of parts)."""

    parts: list[Part] = field(default_factory=list)
    alternatives: list[list[Part]] = field(default_factory=list)
    notes: list[Data] = field(default_factory=list)
    label: str = ""


@dataclass
class ArticleDraft:
    id: str
    number: str
    title: str
    block: Block
    status: str = "open"
    small_group: str | None = None
    facilitator: str | None = None
    units: list[Unit] = field(default_factory=list)
    note: str | None = None
    notes: list[tuple[int, Data]] = field(default_factory=list)  # (units before it, note)
    exact: Data | None = None  # the article as jsitext built it, when its visible text is unchanged
    #: Alternative versions of the whole article: (index of its first unit, its title, its "Alt n" line).
    versions: list[tuple[int, str | None, Block]] = field(default_factory=list)


@dataclass
class Recognised:
    text: Data
    articles: dict[str, Data]
    findings: list[Problem]
    exact: int = 0


def recognise(name: str, blocks: list[Block], *, codes: str = "lenient", known: Verified | None = None) -> Recognised:
    """The text BLOCKS (of the Word file NAME) hold, with a finding for every uncertain reading.

    KNOWN is the source jsitext's own build carries, checked against what the file shows
    (None for any other Word file): the articles it shows unchanged are taken from it
    exactly, the others keep their ids from it.
    """
    return _Reader(name, codes, known).read(blocks)


class _Reader:
    def __init__(self, name: str, codes: str, known: Verified | None) -> None:
        self.name = name
        self.known = known
        self.unchanged = known.unchanged if known else frozenset()
        self.ids = known.ids if known else {}
        self.strict = codes == "strict"
        self.embedded = known.source if known else None
        self.text: Data = {"title": ""}
        self.cover_note: list[str] = []
        self.text_notes: list[Data] = []
        self.preamble: list[Unit] = []
        self.sections: list[Data] = []
        self.section: Data | None = None
        self.group: Data | None = None  # the section or subsection that lists articles now
        self.article: ArticleDraft | None = None
        self.drafts: list[tuple[ArticleDraft, Data]] = []  # each article with its group
        self.retired: dict[str, Data] = {}
        self.findings: list[Problem] = []
        self.in_preamble = False
        self.in_retired = False
        self.started = False  # past the cover
        self.numbers: list[str] = []
        self.exact = 0
        self.noting: ArticleDraft | None = None

    # -- the walk ------------------------------------------------------------------
    def read(self, blocks: list[Block]) -> Recognised:
        for block in blocks:
            self._block(block)
        if not self.drafts:
            self._find(
                blocks[0] if blocks else Block(0, "paragraph"),
                0,
                "no-articles",
                'no article heading found in the document ("Article 1: Title", a Heading style or a bold "1. Title")',
            )
        cited = _References(self.drafts)
        articles = {draft.id: draft.exact or cited.linked(self._article_data(draft)) for draft, _group in self.drafts}
        self._check_numbers()
        articles.update(self.retired)
        return Recognised(cited.linked(self._text_data()), articles, sorted(set(self.findings)), self.exact)

    def _block(self, block: Block) -> None:
        if block.kind == "table":
            self._table(block)
            return
        if block.kind == "image":
            self._find(block, 0, "image", "an image in the Word file; images are not part of a jsitext text and were not imported")
            self._note_here(block, "Imported from Word: an image stood here; it was not imported.")
            return
        if block.style.startswith(_SKIPPED_STYLES) or (not block.text.strip() and not any(r.footnote for r in block.runs)):
            return
        heading = self._heading(block)
        if heading:
            return
        if not self.started:
            self._cover(block)
        elif self.in_retired:
            self._retired_entry(block)
        else:
            self._body(block)

    # -- headings ------------------------------------------------------------------
    def _heading(self, block: Block) -> bool:
        text = " ".join(block.text.split())
        level = _heading_level(block)
        if level is None and not _all_bold(block):
            return False
        if len(text) > 250:
            return False
        if text.lower() == "preamble":
            self._start(preamble=True)
            return True
        if text == _RETIRED_HEADING:
            self._start(retired=True)
            return True
        for kind, pattern in (("annex", _ANNEX), ("section", _SECTION), ("subsection", _SUBSECTION), ("article", _ARTICLE)):
            match = pattern.match(text)
            if match:
                getattr(self, "_" + kind)(block, match.group(1), (match.group(2) or "").strip())
                return True
        if level == 3 or (level is None and _NUMBERED_TITLE.match(text) and self.started and _title_like(text)):
            match = _NUMBERED_TITLE.match(text)
            self._article(block, match.group(1) if match else "", match.group(2) if match else text)
            return True
        match = _LETTER_SECTION.match(text)
        if match and (level in (None, 1)):
            self._section(block, match.group(1), match.group(2))
            return True
        if level == 1:
            self._section(block, "", text)
            return True
        if level == 2:
            self._subsection(block, "", text)
            return True
        return False

    def _start(self, *, preamble: bool = False, retired: bool = False) -> None:
        self._finish_cover()
        self.article = None
        self.in_preamble, self.in_retired = preamble, retired

    def _section(self, block: Block, section_id: str, title: str, kind: str = "section") -> None:
        self._start()
        section_id = self._known_id(title, section_id) or section_id or _letter(len(self.sections))
        self.section = {"id": section_id, "title": title, "kind": kind, "notes": [], "subsections": [], "articles": []}
        self.sections.append(self.section)
        self.group = self.section

    def _annex(self, block: Block, number: str, title: str) -> None:
        self._section(block, "ANNEX" + number.upper() if number.isalnum() else "", title, kind="annex")

    def _subsection(self, block: Block, sub_id: str, title: str) -> None:
        if self.section is None:
            self._section(block, "", "Untitled")
        assert self.section is not None
        self._start()
        sub_id = self._known_id(title, sub_id) or sub_id or f"{self.section['id']}.{len(self.section['subsections']) + 1}"
        self.group = {"id": sub_id, "title": title, "notes": [], "articles": []}
        self.section["subsections"].append(self.group)

    def _article(self, block: Block, number: str, title: str) -> None:
        if self.group is None:
            self._section(block, "", "Untitled")
        assert self.group is not None
        self._start()
        status, title = _status_of(title)
        draft = ArticleDraft("", number, title, block, status)
        self.article = draft
        draft.id = self._article_id(block, title, number)
        anchor = next((b for b in block.bookmarks if b in self.unchanged), None)
        if anchor is not None and self.embedded is not None:
            draft.exact = self.embedded.articles[self.ids[anchor]]
            self.exact += 1
        self.article = draft
        self.drafts.append((draft, self.group))
        self.group["articles"].append(draft.id)

    def _known_id(self, title: str, written: str) -> str | None:
        """A section's id from jsitext's own build, found by its title."""
        if self.embedded is None:
            return None
        for section in self.embedded.text.get("sections", []):
            for group in (section, *section.get("subsections", [])):
                if group.get("title") == title and (not written or group.get("id") == written or section.get("kind") == "annex"):
                    return str(group.get("id"))
        return None

    def _article_id(self, block: Block, title: str, number: str) -> str:
        if self.embedded is not None:
            for bookmark in block.bookmarks:
                if bookmark in self.ids:
                    if bookmark in self.unchanged:
                        return self.ids[bookmark]
                    self._find(
                        block,
                        0,
                        "edited-in-word",
                        f"article {quote(title)} differs from what jsitext built; read from its visible text (its id kept)",
                        strict=False,
                    )
                    return self.ids[bookmark]
        base = _slug(title) or f"article-{_slug(number) or len(self.drafts) + 1}"
        taken = {d.id for d, _g in self.drafts}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # -- the cover -----------------------------------------------------------------
    def _cover(self, block: Block) -> None:
        text = " ".join(block.text.split())
        kind = _note_kind(block, text)
        if block.style == "Title" and not self.text["title"]:
            self.text["title"] = text
        elif block.style == "Subtitle" and "subtitle" not in self.text:
            self.text["subtitle"] = text
        elif text.upper() in ("RESTRICTED", "PUBLIC") and "access" not in self.text:
            self.text["access"] = text.lower()
        elif _SYMBOL.match(text) and "symbol" not in self.text:
            self.text["symbol"] = text
        elif _date(text) and "date" not in self.text:
            self.text["date"] = _date(text)
        elif _REVISION.fullmatch(text):
            self.text["revision"] = text
        elif kind is not None and block.style != "CoverNote":
            self.text_notes.append(self._note(kind, block, text))
        elif _RECITAL.match(text):
            self.started = self.in_preamble = True
            self._body(block)
        elif not self.text["title"]:
            self.text["title"] = text
        else:
            self.cover_note.append(plain_markup(text))

    def _finish_cover(self) -> None:
        self.started = True

    def _table(self, block: Block) -> None:
        if block.rows and tuple(block.rows[0][:3]) == _PROGRESS_HEADER:
            return  # the progress table of jsitext's own build: figures derived from the text
        if not self.started and _cover_table(block.rows, self.text):
            return
        shown = "; ".join(" | ".join(cell for cell in row) for row in block.rows)
        self._find(block, 0, "table-in-body", f"a table ({quote(shown)}); a jsitext text holds no tables, its text is kept in a note")
        self._note_here(block, "Imported from Word: a table stood here: " + shown)

    # -- the body ------------------------------------------------------------------
    def _body(self, block: Block) -> None:
        text = " ".join(block.text.split())
        kind = _note_kind(block, text)
        if kind is not None:
            self._place_note(self._note(kind, block, text))
            return
        if self.in_preamble and self.article is None:
            self._part(block, self.preamble)
            return
        if self.article is None:
            self._find(block, 0, "text-outside-article", f"text under a heading that is not an article's ({quote(text)}); kept in a note")
            self._note_here(block, "Imported from Word: " + text)
            return
        if not self.article.units and not self.article.versions and _status_line(self.article, text):
            return
        version = _ARTICLE_VERSION.match(text)
        if version and _all_bold(block):
            self.article.versions.append((len(self.article.units), version.group(2), block))
            return
        self._part(block, self.article.units)

    def _part(self, block: Block, units: list[Unit]) -> None:
        items = flatten(block.runs)
        level, label, width = _label(block, items, units)
        items = items[width:]
        alt = _ALT.match("".join(c for c in items[:30] if isinstance(c, str)))
        if alt:
            items = items[alt.end() :]
        part = Part(level, block, items, width + (alt.end() if alt else 0), label)
        if level == 0 and alt and alt.group(1) != "1" and units and units[-1].alternatives:
            units[-1].alternatives.append([part])
        elif level == 0:
            unit = Unit(label=label)
            (unit.alternatives.append([part]) if alt else unit.parts.append(part))
            units.append(unit)
        elif not units:
            units.append(Unit(parts=[Part(0, block, items, width)]))
        else:
            (units[-1].alternatives[-1] if units[-1].alternatives else units[-1].parts).append(part)

    # -- notes ---------------------------------------------------------------------
    def _note(self, kind: str, block: Block, text: str) -> Data:
        body = text
        for pattern, _kind in _NOTE_LABELS:
            body = pattern.sub("", body, count=1) if pattern.match(body) else body
        return {"kind": kind, "text": plain_markup(body), "_block": block}

    def _place_note(self, note: Data) -> None:
        if self.article is not None:
            self.article.notes.append((len(self.article.units), note))
        elif self.in_preamble:
            self.text_notes.append(note)
        elif self.group is not None:
            self.group["notes"].append(note)
        else:
            self.text_notes.append(note)

    def _note_here(self, block: Block, text: str) -> None:
        """A drafting note saying what the import could not bring in (so nothing goes unseen)."""
        note = {"kind": "drafting", "text": plain_markup(text), "_block": block}
        if self.article is not None:
            self.article.notes.append((10**9, note))
        else:
            self._place_note(note)

    # -- withdrawn and merged articles of jsitext's own build -------------------------
    def _retired_entry(self, block: Block) -> None:
        match = _RETIRED_ENTRY.match(block.text)
        if not match:
            self._body(block)
            return
        title, article_id, status, target = match.groups()
        known = self.embedded.articles.get(article_id) if self.embedded else None
        self.exact += known is not None
        entry: Data = {"title": plain_markup(title), "status": status}
        if target:  # "into Article A.1.2": the article printed with that number
            entry["merged_into"] = next((d.id for d, _g in self.drafts if d.number and target.startswith(f"Article {d.number}")), target)
        self.retired[article_id] = known or {**entry, "paragraphs": []}

    # -- the output ----------------------------------------------------------------
    def _text_data(self) -> Data:
        out: Data = {"title": self.text.get("title") or self.name.rsplit("/", 1)[-1]}
        for key in ("subtitle", "symbol", "revision", "date", "access"):
            if key in self.text:
                out[key] = self.text[key]
        if "symbol" in out and "revision" not in out:
            revision = _REVISION.search(out["symbol"])
            if revision:
                out["revision"] = revision.group(0)
        if self.cover_note:
            out["cover_note"] = " ".join(self.cover_note)
        if self.text_notes:
            out["notes"] = [_clean_note(n) for n in self.text_notes]
        known = self.embedded.text if self.embedded else {}
        out["numbering"] = known.get("numbering") or _numbering(self.numbers)
        out["attribution"] = known.get("attribution", "codes")
        if self.preamble:
            out["preamble"] = [self._paragraph_data(u, "the preamble") for u in self.preamble]
        self._place_retired()
        out["sections"] = [_section_data(s) for s in self.sections if _has_articles(s)] or [{"id": "A", "title": "Untitled", "articles": []}]
        return out

    def _place_retired(self) -> None:
        """Withdrawn and merged articles (listed apart in the Word text) back at their place in
        the outline: after the article they followed in jsitext's build, else at the end."""
        groups = [g for s in self.sections for g in (s, *s["subsections"])]
        before = _predecessors(self.embedded.text if self.embedded else {})
        for article_id in self.retired:
            after = before.get(article_id)
            group = next((g for g in groups if after in g["articles"]), None)
            if group is None:
                group = next((g for g in reversed(groups) if g["articles"]), None)
                if group is None:
                    continue
                group["articles"].append(article_id)
            else:
                group["articles"].insert(group["articles"].index(after) + 1, article_id)

    def _article_data(self, draft: ArticleDraft) -> Data:
        out: Data = {"title": ""}
        if draft.status != "open":
            out["status"] = draft.status
        if draft.small_group:
            out["small_group"] = draft.small_group
        if draft.facilitator:
            out["facilitator"] = draft.facilitator
        for index, note in draft.notes:
            if 0 < index < len(draft.units):
                draft.units[index - 1].notes.append(note)
        self.noting = draft  # what the conversion keeps as text is said in a note of the article
        out["title"] = self._title(draft)
        where = f"Article {draft.number}" if draft.number else f"article {quote(draft.title, 40)}"
        if draft.versions:
            out["alternatives"] = self._article_versions(draft, where)
            paragraphs = []
        else:
            paragraphs = self._article_body(draft.units, where, out)
        self.noting = None
        article_notes = [n for i, n in draft.notes if not 0 < i < len(draft.units)]
        if article_notes and article_notes[0]["kind"] == "note":
            out["note"] = article_notes.pop(0)["text"]
        if article_notes:
            out["notes"] = [_clean_note(n) for n in article_notes]
        if "alternatives" not in out:
            out["paragraphs"] = paragraphs
        if not paragraphs and "alternatives" not in out:
            out["status"] = "placeholder" if draft.status == "open" else draft.status
        return _ordered(out)

    def _article_body(self, units: list[Unit], where: str, out: Data, fewest: int = 2) -> list[Data]:
        """UNITS as paragraphs; the whole article (FEWEST paragraphs or more) in one bracket with its
        attribution is a proposed article, its proponents in OUT."""
        spanned = _whole_span(units, fewest)
        if spanned is not None:
            attribution, inner = spanned
            codes = self._resolve_at(units[-1].parts[-1], attribution, where)
            if codes:
                out["proponents"] = list(codes)
                units = inner
        return [self._paragraph_data(u, f"{where} > paragraph {i}") for i, u in enumerate(units, 1)]

    def _article_versions(self, draft: ArticleDraft, where: str) -> list[Data]:
        """The article's versions, Alt 1, Alt 2 ..., each in one bracket with its attribution."""
        out = []
        bounds = [start for start, _title, _block in draft.versions] + [len(draft.units)]
        for n, (start, title, block) in enumerate(draft.versions):
            units = draft.units[start : bounds[n + 1]]
            version: Data = {}
            paragraphs = self._article_body(units, f"{where} > Alt {n + 1}", version, fewest=1)
            if "proponents" not in version:
                self._find(
                    block,
                    0,
                    "missing-attribution",
                    "an alternative version of the article with no attribution after its closing bracket; add its proponents",
                    f"{where} > Alt {n + 1}",
                )
            entry: Data = {"proponents": version.get("proponents", [])}
            if title:
                entry["title"] = plain_markup(title)
            entry["paragraphs"] = paragraphs
            out.append(entry)
        return out

    def _title(self, draft: ArticleDraft) -> str:
        heading = flatten(draft.block.runs)
        text = "".join(c for c in heading if isinstance(c, str))
        start = text.find(draft.title) if draft.title else -1
        if start < 0 or (not any(isinstance(c, Note) for c in heading) and "[" not in draft.title):
            return plain_markup(draft.title) if draft.title else draft.id
        items = _slice_visible(heading, start, start + len(draft.title))
        return self._convert(Part(0, draft.block, items, start), f"Article {draft.number} > title").markup

    def _paragraph_data(self, unit: Unit, where: str) -> Data:
        if unit.alternatives:
            out: Data = {"alternatives": [self._version(parts, f"{where} > Alt {i}") for i, parts in enumerate(unit.alternatives, 1)]}
        else:
            out = self._version(unit.parts, where)
        if unit.notes:
            out["notes"] = [_clean_note(n) for n in unit.notes]
        return out

    def _version(self, parts: list[Part], where: str) -> Data:
        """A paragraph, or one alternative of it: its proponents when wholly bracketed and
        attributed, its text and items, and a treaty footnote ending it as its ``footnote``."""
        out: Data = {}
        whole = _whole_bracket(parts)
        if whole is not None:
            attribution, inner, footnote = whole
            codes = self._resolve_at(parts[-1], attribution, where)
            if codes:
                out["proponents"] = list(codes)
                parts = inner
                if footnote is not None:
                    out["footnote"] = footnote
        elif where.rsplit("> ", 1)[-1].startswith("Alt"):
            self._find(
                parts[0].block,
                0,
                "missing-attribution",
                'an alternative with no attribution after its closing bracket (a footnote "Proposed by ..." or {CODES}); add its proponents',
                where,
            )
        if "footnote" not in out and parts:
            parts, footnote = _ending_footnote(parts)
            if footnote is not None:
                out["footnote"] = footnote
        out["text"] = self._convert(parts[0], where).markup.strip() if parts else ""
        if parts[1:]:
            out["items"] = self._items(parts[1:], where)
        if "footnote" in out:
            out["footnote"] = out.pop("footnote")
        return out

    def _items(self, parts: list[Part], where: str) -> list[Data]:
        out: list[Data] = []
        for part in parts:
            entry = {"text": self._convert(part, where).markup.strip()}
            if part.level >= 2 and out:
                out[-1].setdefault("items", []).append(entry)
            else:
                out.append(entry)
        return out

    def _convert(self, part: Part, where: str) -> Converted:
        converted = convert(part.items, lambda a: self._resolve_at(part, a, where))
        for issue in converted.issues:
            self._find(part.block, issue.offset + part.label_width + 1, issue.code, issue.message, where)
        return converted

    def _resolve_at(self, part: Part, attribution: Attribution, where: str) -> tuple[str, ...] | None:
        """The codes to write for ATTRIBUTION, or None to keep its footnote as written.

        An unknown name is reported; one written as a code (upper-case, "XX") is kept as
        written (check then reports it until members.yaml defines it); a name that is no
        code ("Ruritania") keeps the whole footnote as a treaty footnote, so nothing is lost.
        """
        names = [u for u in attribution.unknown if not looks_like_code(u)]
        for name in attribution.unknown:
            hint = (
                "kept as written: define it in members.yaml" if looks_like_code(name) else "the footnote is kept as a treaty footnote: write the member's code"
            )
            self._find(part.block, part.label_width + 1, "unknown-member", f"unknown member {quote(name)} in an attribution ({hint})", where)
        if names:
            return None
        return attribution.codes + attribution.unknown or None

    def _check_numbers(self) -> None:
        for draft, _group in self.drafts:
            if draft.number:
                self.numbers.append(draft.number)

    def _find(self, block: Block, column: int, code: str, message: str, breadcrumb: str = "", *, strict: bool | None = None) -> None:
        crumb = breadcrumb or self._where()
        found = finding(self.name, block.number, column, code, message, crumb, strict=self.strict if strict is None else strict)
        if code in _KEPT_AS_TEXT and found not in self.findings:
            note = {"kind": "drafting", "text": plain_markup(f"Imported from Word ({crumb.rsplit(' > ', 1)[-1]}): {message}.")}
            (self.noting.notes.append((10**9, note)) if self.noting is not None else self.text_notes.append(note))
        self.findings.append(found)

    def _where(self) -> str:
        parts = []
        if self.section is not None:
            parts.append(("Annex " if self.section["kind"] == "annex" else "Section ") + self.section["id"])
        if self.article is not None:
            parts.append(f"Article {self.article.number}" if self.article.number else f"article {quote(self.article.title, 40)}")
        return " > ".join(parts)


# -- helpers ---------------------------------------------------------------------------
def _heading_level(block: Block) -> int | None:
    match = re.fullmatch(r"Heading(\d)", block.style)
    return int(match.group(1)) if match else None


def _title_like(text: str) -> bool:
    """Short, and not ending as a sentence or a list's lead does: "12. Customs Duties", not "1. Each Party shall ..."."""
    return len(text) <= 120 and not text.endswith((".", ";", ":", ","))


def _all_bold(block: Block) -> bool:
    texts = [r for r in block.runs if r.footnote is None and r.text.strip()]
    return bool(texts) and all(r.bold for r in texts)


def _status_of(title: str) -> tuple[str, str]:
    match = _STATUS_MARK.search(title)
    if not match:
        return "open", title
    return match.group(1).lower(), (title[: match.start()] + " " + title[match.end() :]).strip()


def _status_line(draft: ArticleDraft, text: str) -> bool:
    """Read "Status: parked; Small group: ...; Facilitator: CL." under a heading (jsitext's own build)."""
    match = _STATUS_LINE.match(text)
    if not match or not text or not any(match.groups()):
        return False
    status, group, facilitator = match.groups()
    if status:
        draft.status = status.lower()
    draft.small_group = group.strip() if group else None
    draft.facilitator = facilitator.strip() if facilitator else None
    return True


def _label(block: Block, items: list[Item], units: list[Unit]) -> tuple[int, str, int]:
    """The level of BLOCK (0, 1 item, 2 sub-item), its label, and how many characters the label takes."""
    head = "".join(c if isinstance(c, str) else "\x00" for c in items[:16])
    match = _LABEL.match(head)
    width = match.end() if match else len(head) - len(head.lstrip(" \t"))
    style_level = {"TreatyItem": 1, "TreatySubitem": 2}.get(block.style)
    if match and match.group(1):
        return (style_level or 0), match.group(1), width
    letter = match.group(2) or match.group(3) if match else None
    if letter:
        return style_level or _item_level(letter, units), f"({letter})", width
    if block.level is not None:
        return min(block.level, 2), "", width
    return style_level or 0, "", width


def _item_level(label: str, units: list[Unit]) -> int:
    """A roman label ((i), (ii)) is a sub-item under an item, unless it follows the letter before it ((h), (i))."""
    if label not in _ROMAN or not units:
        return 1
    parts = units[-1].alternatives[-1] if units[-1].alternatives else units[-1].parts
    items = [p for p in parts if p.level >= 1]
    if not items:
        return 1
    previous = items[-1].label.strip("()")
    if items[-1].level == 1 and len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1:
        return 1
    return 2


def _whole_bracket(parts: list[Part]) -> tuple[Attribution, list[Part], str | None] | None:
    """A paragraph (or an alternative) wholly in one bracket closed by an attribution: the
    attribution, the parts without that bracket, and a treaty footnote after it (as markup)."""
    if not parts:
        return None
    first = parts[0].items
    start = next((i for i, c in enumerate(first) if c not in (" ", "\t")), None)
    if start is None or first[start] != "[":
        return None
    last = parts[-1].items
    end = len(last)
    while end and last[end - 1] in (" ", "\t"):
        end -= 1
    tail = [c for c in last[max(end - 2, 0) : end] if isinstance(c, Note)]
    footnote = None
    if len(tail) == 2 and read_attribution(tail[1].text) is None:
        footnote = tail[1].text
        end -= 1
    closing = _closing_attribution(last[:end])
    if closing is None:
        return None
    attribution, close = closing
    if not _spans(parts, start, close):
        return None
    inner = [Part(p.level, p.block, list(p.items), p.label_width, p.label) for p in parts]
    inner[-1].items = inner[-1].items[:close]
    inner[0].items = inner[0].items[start + 1 :]
    inner[0].label_width += start + 1
    return attribution, inner, footnote_markup(footnote) if footnote is not None else None


def _closing_attribution(items: list[Item]) -> tuple[Attribution, int] | None:
    """The attribution that ends ITEMS right after a ']' (a footnote, or "{US}" / "(US)"), with that ']''s index."""
    if items and isinstance(items[-1], Note):
        attribution = read_attribution(items[-1].text)
        close = len(items) - 2
    else:
        text = "".join(c if isinstance(c, str) else "\x00" for c in items)
        close = text.rfind("]")
        match = INLINE_CODES.fullmatch(text[close + 1 :]) if close >= 0 else None
        attribution = read_attribution(match.group(2)) if match and (match.group(1) == "(") == (match.group(3) == ")") else None
    if attribution is None or close < 0 or items[close] != "]":
        return None
    return attribution, close


class _References:
    """ "Article A.1.3" in the text as a reference to that article (``@id``), so that it follows
    renumbering and links: only a sectional number ("A.1.3", "F.2") that is exactly the number
    jsitext gives the article from its place; "Article 5" stays words (it may be another
    agreement's: "Article 5 of the GATS")."""

    _CITED = re.compile(r"\bArticle ([A-Z]+(?:\.\d+)+)\b(?!\.\d)")

    def __init__(self, drafts: list[tuple[ArticleDraft, Data]]) -> None:
        self.ids: dict[str, str] = {}
        positions: dict[int, int] = {}
        for draft, group in drafts:
            if draft.status in ("withdrawn", "merged") or group.get("kind") == "annex":
                continue
            positions[id(group)] = positions.get(id(group), 0) + 1
            if draft.number == f"{group['id']}.{positions[id(group)]}":
                self.ids[draft.number] = draft.id

    def linked(self, data: Any) -> Any:
        """DATA with every cited article number of its texts a reference."""
        if not self.ids:
            return data
        if isinstance(data, dict):
            return {k: (self._cite(v) if k in ("text", "note", "footnote", "cover_note") and isinstance(v, str) else self.linked(v)) for k, v in data.items()}
        if isinstance(data, list):
            return [self.linked(v) for v in data]
        return data

    def _cite(self, text: str) -> str:
        return self._CITED.sub(lambda m: "@" + self.ids[m.group(1)] if m.group(1) in self.ids else m.group(0), text)


def _ending_footnote(parts: list[Part]) -> tuple[list[Part], str | None]:
    """PARTS without the treaty footnote that ends the last of them (the paragraph's own
    ``footnote``, printed there), and that footnote as markup; an attribution stays where it is."""
    items = parts[-1].items
    end = len(items)
    while end and items[end - 1] in (" ", "\t"):
        end -= 1
    note = items[end - 1] if end else None
    if not isinstance(note, Note) or (end >= 2 and items[end - 2] == "]") or read_attribution(note.text) is not None:
        return parts, None
    if end >= 2 and isinstance(items[end - 2], Note):
        return parts, None
    last = Part(parts[-1].level, parts[-1].block, items[: end - 1], parts[-1].label_width, parts[-1].label)
    return [*parts[:-1], last], footnote_markup(note.text)


def _whole_span(units: list[Unit], fewest: int = 2) -> tuple[Attribution, list[Unit]] | None:
    """FEWEST or more paragraphs in one bracket closed by an attribution (a proposed article, or
    a version of one): the attribution, and the paragraphs without that bracket."""
    if len(units) < fewest or any(u.alternatives for u in units):
        return None
    parts = [p for u in units for p in u.parts]
    whole = _whole_bracket(parts)
    if whole is None or whole[2] is not None:
        return None
    attribution, inner, _footnote = whole
    out, at = [], 0
    for unit in units:
        out.append(Unit(inner[at : at + len(unit.parts)], [], unit.notes, unit.label))
        at += len(unit.parts)
    return attribution, out


def _ordered(article: Data) -> Data:
    """ARTICLE's keys in the format's order (the layout orders them too; this keeps the data readable)."""
    order = ("title", "status", "small_group", "facilitator", "proponents", "note", "notes", "alternatives", "paragraphs")
    return {k: article[k] for k in order if k in article}


def _spans(parts: list[Part], start: int, close: int) -> bool:
    """The '[' at START of the first part closes only at CLOSE of the last."""
    depth = 0
    for n, part in enumerate(parts):
        for i, c in enumerate(part.items):
            if n == 0 and i < start:
                continue
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    return n == len(parts) - 1 and i == close
    return False


def _slice_visible(items: list[Item], start: int, end: int) -> list[Item]:
    """The ITEMS from visible offset START to END, footnotes at or right after END included."""
    out: list[Item] = []
    seen = 0
    for c in items:
        if isinstance(c, Note):
            if start <= seen <= end:
                out.append(c)
            continue
        if start <= seen < end:
            out.append(c)
        seen += 1
    return out


def _note_kind(block: Block, text: str) -> str | None:
    for pattern, kind in _NOTE_LABELS:
        if pattern.match(text):
            return kind
    if block.style == "Note" or block.shaded:
        return "drafting"
    return None


def _clean_note(note: Data) -> Data:
    return {"kind": "drafting" if note["kind"] == "note" else note["kind"], "text": note["text"]}


def _cover_table(rows: list[list[str]], text: Data) -> bool:
    """A cover table ("Symbol | INF/ECOM/62/Rev.4", "Date | 14 December 2022"): its fields into TEXT."""
    keys = {"symbol": "symbol", "document symbol": "symbol", "revision": "revision", "date": "date", "access": "access", "distribution": "access"}
    found = False
    for row in rows:
        if len(row) < 2:
            continue
        key = keys.get(row[0].strip().rstrip(":").lower())
        value = row[1].strip()
        if key and value:
            text[key] = (_date(value) or value) if key == "date" else value.lower() if key == "access" else value
            found = True
    return found


_MONTHS = {
    m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)
}


def _date(text: str) -> str | None:
    """An ISO date from "2024-03-15", "15 March 2024" or "March 15, 2024"."""
    if _ISO_DATE.match(text):
        return text
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})|([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", text.strip())
    if not match:
        return None
    day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(5), match.group(4), match.group(6))
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return datetime(int(year), number, int(day)).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    out: list[str] = []
    for word in words:
        if len("-".join([*out, word])) > 60:
            break
        out.append(word)
    return "-".join(out)


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"S{index + 1}"


def _numbering(numbers: list[str]) -> str:
    """sequential when the articles were numbered 1, 2, 3 across the text; sectional otherwise."""
    if numbers and all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == sorted(int(n) for n in numbers) and len(set(numbers)) == len(numbers):
        return "sequential"
    return "sectional"


def _predecessors(text: Data) -> dict[str, str | None]:
    """Each article of TEXT's outline with the article listed before it in its group."""
    out: dict[str, str | None] = {}
    for section in text.get("sections", []):
        for group in (section, *section.get("subsections", [])):
            ids = list(group.get("articles", []))
            out.update(zip(ids, [None, *ids[:-1]], strict=False))
    return out


def _has_articles(section: Data) -> bool:
    return bool(section["articles"]) or any(s["articles"] for s in section["subsections"])


def _section_data(section: Data) -> Data:
    out: Data = {"id": section["id"]}
    if section["kind"] != "section":
        out["kind"] = section["kind"]
    out["title"] = section["title"]
    if section["notes"]:
        out["notes"] = [_clean_note(n) for n in section["notes"]]
    subsections = [s for s in section["subsections"] if s["articles"]]
    if subsections:
        out["subsections"] = []
        for sub in subsections:
            entry: Data = {"id": sub["id"], "title": sub["title"]}
            if sub["notes"]:
                entry["notes"] = [_clean_note(n) for n in sub["notes"]]
            entry["articles"] = sub["articles"]
            out["subsections"].append(entry)
        if section["articles"]:
            out["subsections"].insert(0, {"id": f"{section['id']}.0", "title": section["title"], "articles": section["articles"]})
    else:
        out["articles"] = section["articles"]
    return out


def iter_parts(units: list[Unit]) -> Iterator[Part]:
    for unit in units:
        yield from unit.parts
        for parts in unit.alternatives:
            yield from parts
