"""Headings, statuses, notes and the outline of a Word text, in the words of the WTO texts."""

from __future__ import annotations

import re
from typing import Any

from .docx_read import Block

Data = dict[str, Any]

SECTION = re.compile(r"^Section\s+([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*)\s*[:.\u2013\u2014-]?\s+(.+)$", re.IGNORECASE)
ANNEX = re.compile(r"^Annex\s+([A-Za-z0-9]+)\s*[:.\u2013\u2014-]\s*(.+)$", re.IGNORECASE)
LETTER_SECTION = re.compile(r"^([A-Z])\.\s+(?!\d)(.+)$")
SUBSECTION = re.compile(r"^([A-Z]\.\d+)\.?\s+(.+)$")
ARTICLE = re.compile(r"^Article\s+([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)\.?\s*(?:[:.\u2013\u2014-]\s*(.*))?$", re.IGNORECASE)
NUMBERED_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")
STATUS_MARK = re.compile(r"\s*[\[(](parked|clean|placeholder|withdrawn)[\])]\s*", re.IGNORECASE)
ARTICLE_VERSION = re.compile(r"^(?:Alt(?:ernative)?|Option)\s*(\d+)(?::\s*(.+))?$", re.IGNORECASE)
NOTE_LABELS = (
    (re.compile(r"^(?:Co-?convenors?['\u2019]?s?|Convenors?['\u2019]?s?)\s+note\s*:\s*", re.IGNORECASE), "convenors"),
    (re.compile(r"^Facilitators?['\u2019]?s?\s+note\s*:\s*", re.IGNORECASE), "facilitator"),
    (re.compile(r"^Secretariat(?:['\u2019]s)?\s+note\s*:\s*", re.IGNORECASE), "secretariat"),
    (re.compile(r"^Drafting\s+note\s*:\s*", re.IGNORECASE), "drafting"),
    (re.compile(r"^Note\s*:\s*", re.IGNORECASE), "note"),
)


def heading_level(block: Block) -> int | None:
    match = re.fullmatch(r"Heading(\d)", block.style)
    return int(match.group(1)) if match else None


def title_like(text: str) -> bool:
    """Short, and not ending as a sentence or a list's lead does: "12. Customs Duties", not "1. Each Party shall ..."."""
    return len(text) <= 120 and not text.endswith((".", ";", ":", ","))


def all_bold(block: Block) -> bool:
    texts = [r for r in block.runs if r.footnote is None and r.text.strip()]
    return bool(texts) and all(r.bold for r in texts)


def status_of(title: str) -> tuple[str, str]:
    match = STATUS_MARK.search(title)
    if not match:
        return "open", title
    return match.group(1).lower(), (title[: match.start()] + " " + title[match.end() :]).strip()


def ordered(article: Data) -> Data:
    """ARTICLE's keys in the format's order (the layout orders them too; this keeps the data readable)."""
    order = ("title", "status", "small_group", "facilitator", "proponents", "note", "notes", "alternatives", "paragraphs")
    return {k: article[k] for k in order if k in article}


def note_kind(block: Block, text: str) -> str | None:
    for pattern, kind in NOTE_LABELS:
        if pattern.match(text):
            return kind
    if block.style == "Note" or block.shaded:
        return "drafting"
    return None


def clean_note(note: Data) -> Data:
    return {"kind": "drafting" if note["kind"] == "note" else note["kind"], "text": note["text"]}


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    out: list[str] = []
    for word in words:
        if len("-".join([*out, word])) > 60:
            break
        out.append(word)
    return "-".join(out)


def section_letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"S{index + 1}"


def numbering_of(numbers: list[str]) -> str:
    """sequential when the articles were numbered 1, 2, 3 across the text; sectional otherwise."""
    if numbers and all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == sorted(int(n) for n in numbers) and len(set(numbers)) == len(numbers):
        return "sequential"
    return "sectional"


def predecessors(text: Data) -> dict[str, str | None]:
    """Each article of TEXT's outline with the article listed before it in its group."""
    out: dict[str, str | None] = {}
    for section in text.get("sections", []):
        for group in (section, *section.get("subsections", [])):
            ids = list(group.get("articles", []))
            out.update(zip(ids, [None, *ids[:-1]], strict=False))
    return out


def has_articles(section: Data) -> bool:
    return bool(section["articles"]) or any(s["articles"] for s in section["subsections"])


def section_data(section: Data) -> Data:
    out: Data = {"id": section["id"]}
    if section["kind"] != "section":
        out["kind"] = section["kind"]
    out["title"] = section["title"]
    if section["notes"]:
        out["notes"] = [clean_note(n) for n in section["notes"]]
    subsections = [s for s in section["subsections"] if s["articles"]]
    if subsections:
        out["subsections"] = []
        for sub in subsections:
            entry: Data = {"id": sub["id"], "title": sub["title"]}
            if sub["notes"]:
                entry["notes"] = [clean_note(n) for n in sub["notes"]]
            entry["articles"] = sub["articles"]
            out["subsections"].append(entry)
        if section["articles"]:
            out["subsections"].insert(0, {"id": f"{section['id']}.0", "title": section["title"], "articles": section["articles"]})
    else:
        out["articles"] = section["articles"]
    return out
