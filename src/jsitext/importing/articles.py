"""An article as read from Word, written in the YAML shape: title, status, paragraphs, items,
proposals and alternatives, notes; and the findings of what could not be read exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from .attributions import Attribution, looks_like_code
from .docx_read import Block
from .findings import finding
from .inline import Converted, Note, convert, flatten, plain_markup, quote
from .outline import clean_note, ordered
from .paragraphs import Part, Unit, ending_footnote, slice_visible, whole_bracket, whole_span

Data = dict[str, Any]
#: Findings whose text is kept as written: a drafting note on the article says so, where the text is read.
KEPT_AS_TEXT = frozenset({"open-bracket", "stray-bracket", "unread-brackets", "misplaced-attribution", "unclear-footnote", "unknown-member"})


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


class Report:
    """Where the findings of one import go, and the drafting notes that say what was kept as text."""

    def __init__(self, name: str, *, strict: bool, text_notes: list[Data]) -> None:
        self.name = name
        self.strict = strict
        self.findings: list[Problem] = []
        self.text_notes = text_notes  # the whole text's notes, for what is kept outside any article
        self.noting: ArticleDraft | None = None  # the article being written: its notes say what was kept

    def find(self, block: Block, column: int, code: str, message: str, breadcrumb: str, *, strict: bool | None = None) -> None:
        found = finding(self.name, block.number, column, code, message, breadcrumb, strict=self.strict if strict is None else strict)
        if code in KEPT_AS_TEXT and found not in self.findings:
            note = {"kind": "drafting", "text": plain_markup(f"Imported from Word ({breadcrumb.rsplit(' > ', 1)[-1]}): {message}.")}
            (self.noting.notes.append((10**9, note)) if self.noting is not None else self.text_notes.append(note))
        self.findings.append(found)


class ArticleWriter:
    """Drafts into the YAML shape, the inline text converted, every doubt reported to REPORT."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def article_data(self, draft: ArticleDraft) -> Data:
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
        self.report.noting = draft  # what the conversion keeps as text is said in a note of the article
        out["title"] = self._title(draft)
        where = f"Article {draft.number}" if draft.number else f"article {quote(draft.title, 40)}"
        if draft.versions:
            out["alternatives"] = self._article_versions(draft, where)
            paragraphs = []
        else:
            paragraphs = self._article_body(draft.units, where, out)
        self.report.noting = None
        article_notes = [n for i, n in draft.notes if not 0 < i < len(draft.units)]
        if article_notes and article_notes[0]["kind"] == "note":
            out["note"] = article_notes.pop(0)["text"]
        if article_notes:
            out["notes"] = [clean_note(n) for n in article_notes]
        if "alternatives" not in out:
            out["paragraphs"] = paragraphs
        if not paragraphs and "alternatives" not in out:
            out["status"] = "placeholder" if draft.status == "open" else draft.status
        return ordered(out)

    def _article_body(self, units: list[Unit], where: str, out: Data, fewest: int = 2) -> list[Data]:
        """UNITS as paragraphs; the whole article (FEWEST paragraphs or more) in one bracket with its
        attribution is a proposed article, its proponents in OUT."""
        spanned = whole_span(units, fewest)
        if spanned is not None:
            attribution, inner = spanned
            codes = self._resolve_at(units[-1].parts[-1], attribution, where)
            if codes:
                out["proponents"] = list(codes)
                units = inner
        return [self.paragraph_data(u, f"{where} > paragraph {i}") for i, u in enumerate(units, 1)]

    def _article_versions(self, draft: ArticleDraft, where: str) -> list[Data]:
        """The article's versions, Alt 1, Alt 2 ..., each in one bracket with its attribution."""
        out = []
        bounds = [start for start, _title, _block in draft.versions] + [len(draft.units)]
        for n, (start, title, block) in enumerate(draft.versions):
            units = draft.units[start : bounds[n + 1]]
            version: Data = {}
            paragraphs = self._article_body(units, f"{where} > Alt {n + 1}", version, fewest=1)
            if "proponents" not in version:
                self.report.find(
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
        items = slice_visible(heading, start, start + len(draft.title))
        return self._convert(Part(0, draft.block, items, start), f"Article {draft.number} > title").markup

    def paragraph_data(self, unit: Unit, where: str) -> Data:
        if unit.alternatives:
            out: Data = {"alternatives": [self._version(parts, f"{where} > Alt {i}") for i, parts in enumerate(unit.alternatives, 1)]}
        else:
            out = self._version(unit.parts, where)
        if unit.notes:
            out["notes"] = [clean_note(n) for n in unit.notes]
        return out

    def _version(self, parts: list[Part], where: str) -> Data:
        """A paragraph, or one alternative of it: its proponents when wholly bracketed and
        attributed, its text and items, and a treaty footnote ending it as its ``footnote``."""
        out: Data = {}
        whole = whole_bracket(parts)
        if whole is not None:
            attribution, inner, footnote = whole
            codes = self._resolve_at(parts[-1], attribution, where)
            if codes:
                out["proponents"] = list(codes)
                parts = inner
                if footnote is not None:
                    out["footnote"] = footnote
        elif where.rsplit("> ", 1)[-1].startswith("Alt"):
            self.report.find(
                parts[0].block,
                0,
                "missing-attribution",
                'an alternative with no attribution after its closing bracket (a footnote "Proposed by ..." or {CODES}); add its proponents',
                where,
            )
        if "footnote" not in out and parts:
            parts, footnote = ending_footnote(parts)
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
            self.report.find(part.block, issue.offset + part.label_width + 1, issue.code, issue.message, where)
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
            self.report.find(part.block, part.label_width + 1, "unknown-member", f"unknown member {quote(name)} in an attribution ({hint})", where)
        if names:
            return None
        return attribution.codes + attribution.unknown or None


class References:
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
