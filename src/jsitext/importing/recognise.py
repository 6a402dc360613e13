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

Each article is then written by :mod:`.articles` (its inline text converted by
:mod:`.inline`).  Every guess that cannot be made exactly is a finding
(:mod:`.findings`) naming its place in the Word file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..problems import Problem
from .articles import ArticleDraft, ArticleWriter, References, Report
from .cover import RECITAL, REVISION, SYMBOL, cover_table, date_of
from .docx_read import Block
from .embedded import Verified
from .inline import flatten, plain_markup, quote
from .outline import (
    ANNEX,
    ARTICLE,
    ARTICLE_VERSION,
    LETTER_SECTION,
    NOTE_LABELS,
    NUMBERED_TITLE,
    SECTION,
    SUBSECTION,
    all_bold,
    clean_note,
    has_articles,
    heading_level,
    note_kind,
    numbering_of,
    predecessors,
    section_data,
    section_letter,
    slug,
    status_of,
    title_like,
)
from .paragraphs import ALT, Part, Unit, label_of

Data = dict[str, Any]

_STATUS_LINE = re.compile(r"^(?:Status:\s*(\w+))?(?:;\s*)?(?:Small group:\s*([^;]+?))?(?:;\s*)?(?:Facilitator:\s*([^;]+?))?\.?$")
_SKIPPED_STYLES = ("TOC",)
_PROGRESS_HEADER = ("Section", "Open", "Parked")
_RETIRED_HEADING = "Annex: Withdrawn and Merged Articles"
#: Findings whose text is kept as written: a drafting note on the article says so, where the text is read.
_RETIRED_ENTRY = re.compile(r"^(.*) \(([a-z0-9]+(?:-[a-z0-9]+)*)\): (withdrawn|merged)(?: into (.*))?\.$")


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
        self.in_preamble = False
        self.in_retired = False
        self.started = False  # past the cover
        self.numbers: list[str] = []
        self.exact = 0
        self.report = Report(name, strict=self.strict, text_notes=self.text_notes)
        self.writer = ArticleWriter(self.report)

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
        cited = References(self.drafts)
        articles = {draft.id: draft.exact or cited.linked(self.writer.article_data(draft)) for draft, _group in self.drafts}
        self._check_numbers()
        articles.update(self.retired)
        return Recognised(cited.linked(self._text_data()), articles, sorted(set(self.report.findings)), self.exact)

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
        level = heading_level(block)
        if level is None and not all_bold(block):
            return False
        if len(text) > 250:
            return False
        if text.lower() == "preamble":
            self._start(preamble=True)
            return True
        if text == _RETIRED_HEADING:
            self._start(retired=True)
            return True
        for kind, pattern in (("annex", ANNEX), ("section", SECTION), ("subsection", SUBSECTION), ("article", ARTICLE)):
            match = pattern.match(text)
            if match:
                getattr(self, "_" + kind)(block, match.group(1), (match.group(2) or "").strip())
                return True
        if level == 3 or (level is None and NUMBERED_TITLE.match(text) and self.started and title_like(text)):
            match = NUMBERED_TITLE.match(text)
            self._article(block, match.group(1) if match else "", match.group(2) if match else text)
            return True
        match = LETTER_SECTION.match(text)
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
        section_id = self._known_id(title, section_id) or section_id or section_letter(len(self.sections))
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
        status, title = status_of(title)
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
        base = slug(title) or f"article-{slug(number) or len(self.drafts) + 1}"
        taken = {d.id for d, _g in self.drafts}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # -- the cover -----------------------------------------------------------------
    def _cover(self, block: Block) -> None:
        text = " ".join(block.text.split())
        kind = note_kind(block, text)
        if block.style == "Title" and not self.text["title"]:
            self.text["title"] = text
        elif block.style == "Subtitle" and "subtitle" not in self.text:
            self.text["subtitle"] = text
        elif text.upper() in ("RESTRICTED", "PUBLIC") and "access" not in self.text:
            self.text["access"] = text.lower()
        elif SYMBOL.match(text) and "symbol" not in self.text:
            self.text["symbol"] = text
        elif date_of(text) and "date" not in self.text:
            self.text["date"] = date_of(text)
        elif REVISION.fullmatch(text):
            self.text["revision"] = text
        elif kind is not None and block.style != "CoverNote":
            self.text_notes.append(self._note(kind, block, text))
        elif RECITAL.match(text):
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
        if not self.started and cover_table(block.rows, self.text):
            return
        shown = "; ".join(" | ".join(cell for cell in row) for row in block.rows)
        self._find(block, 0, "table-in-body", f"a table ({quote(shown)}); a jsitext text holds no tables, its text is kept in a note")
        self._note_here(block, "Imported from Word: a table stood here: " + shown)

    # -- the body ------------------------------------------------------------------
    def _body(self, block: Block) -> None:
        text = " ".join(block.text.split())
        kind = note_kind(block, text)
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
        version = ARTICLE_VERSION.match(text)
        if version and all_bold(block):
            self.article.versions.append((len(self.article.units), version.group(2), block))
            return
        self._part(block, self.article.units)

    def _part(self, block: Block, units: list[Unit]) -> None:
        items = flatten(block.runs)
        level, label, lead, width = label_of(block, items, units)
        items = items[:lead] + items[lead + width :]
        alt = ALT.match("".join(c for c in items[:30] if isinstance(c, str)))
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
        for pattern, _kind in NOTE_LABELS:
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
            revision = REVISION.search(out["symbol"])
            if revision:
                out["revision"] = revision.group(0)
        if self.cover_note:
            out["cover_note"] = " ".join(self.cover_note)
        if self.text_notes:
            out["notes"] = [clean_note(n) for n in self.text_notes]
        known = self.embedded.text if self.embedded else {}
        out["numbering"] = known.get("numbering") or numbering_of(self.numbers)
        out["attribution"] = known.get("attribution", "codes")
        if self.preamble:
            out["preamble"] = [self.writer.paragraph_data(u, "the preamble") for u in self.preamble]
        self._place_retired()
        out["sections"] = [section_data(s) for s in self.sections if has_articles(s)] or [{"id": "A", "title": "Untitled", "articles": []}]
        return out

    def _place_retired(self) -> None:
        """Withdrawn and merged articles (listed apart in the Word text) back at their place in
        the outline: after the article they followed in jsitext's build, else at the end."""
        groups = [g for s in self.sections for g in (s, *s["subsections"])]
        before = predecessors(self.embedded.text if self.embedded else {})
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

    def _check_numbers(self) -> None:
        for draft, _group in self.drafts:
            if draft.number:
                self.numbers.append(draft.number)

    def _find(self, block: Block, column: int, code: str, message: str, breadcrumb: str = "", *, strict: bool | None = None) -> None:
        self.report.find(block, column, code, message, breadcrumb or self._where(), strict=strict)

    def _where(self) -> str:
        parts = []
        if self.section is not None:
            parts.append(("Annex " if self.section["kind"] == "annex" else "Section ") + self.section["id"])
        if self.article is not None:
            parts.append(f"Article {self.article.number}" if self.article.number else f"article {quote(self.article.title, 40)}")
        return " > ".join(parts)


# -- helpers ---------------------------------------------------------------------------


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
