"""What changed in text.yaml itself: the cover and the sections of the outline.

These are not changes of an article, so they are not among ``changes`` (each of
which names its article); the summary lists them as ``text``, and they count for
``--exit-code``.
"""

from __future__ import annotations

from ..align import align
from ..markup import plain_text
from ..model import NOTE_LABELS, Meta, Note, Text
from .classify import paragraph_text
from .notes import Number, note_changes

COVER_FIELDS = ("title", "subtitle", "symbol", "revision", "date", "access", "numbering", "attribution")


def text_changes(old: Text, new: Text, old_number: Number = None, new_number: Number = None) -> list[dict[str, str | None]]:
    """Each cover field that differs, the cover note, then sections and subsections
    added, removed or retitled: ``{"field", "old", "new"}`` (and ``"id"`` for sections);
    then typed notes of the text (``"field": "note"``) and of its sections
    (``"section-note"``, with ``"id"``), each with ``"where"`` ("text" or the (sub)section's
    id), its ``"change"`` (note-added, note-removed, note-changed) and its ``"note_kind"``,
    references printed as each side numbers them (OLD_NUMBER, NEW_NUMBER)."""
    found = [{"field": f, "old": getattr(old.meta, f), "new": getattr(new.meta, f)} for f in COVER_FIELDS if getattr(old.meta, f) != getattr(new.meta, f)]
    old_note, new_note = _note(old.meta), _note(new.meta)
    if old_note != new_note:
        found.append({"field": "cover_note", "old": old_note, "new": new_note})
    found.extend(_preamble_changes(old, new))
    old_titles, new_titles = _section_titles(old), _section_titles(new)
    for section_id in [*old_titles, *(s for s in new_titles if s not in old_titles)]:
        before, after = old_titles.get(section_id), new_titles.get(section_id)
        if before != after:
            found.append({"field": "section", "id": section_id, "old": before, "new": after})
    numbers = (old_number, new_number)
    found.extend(_notes(old.meta.notes, new.meta.notes, {"field": "note", "where": "text"}, numbers))
    old_notes, new_notes = section_notes(old), section_notes(new)
    for section_id in [*old_notes, *(s for s in new_notes if s not in old_notes)]:
        where: dict[str, str | None] = {"field": "section-note", "id": section_id, "where": section_id}
        found.extend(_notes(old_notes.get(section_id, ()), new_notes.get(section_id, ()), where, numbers))
    old_kinds = {s.id: s.kind for s in old.sections}
    for section in new.sections:
        if section.id in old_kinds and old_kinds[section.id] != section.kind:
            found.append({"field": "section kind", "id": section.id, "old": old_kinds[section.id], "new": section.kind})
    return found


def _notes(old: tuple[Note, ...], new: tuple[Note, ...], where: dict[str, str | None], numbers: tuple[Number, Number]) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    for kind, before, after in note_changes(old, new, *numbers):
        change = "note-added" if before is None else "note-removed" if after is None else "note-changed"
        out.append({**where, "change": change, "note_kind": kind, "old": before, "new": after})
    return out


def section_notes(text: Text) -> dict[str, tuple[Note, ...]]:
    """The notes of each section and subsection of TEXT, by id, in outline order."""
    notes: dict[str, tuple[Note, ...]] = {}
    for section in text.sections:
        notes[section.id] = section.notes
        for subsection in section.subsections:
            notes[subsection.id] = subsection.notes
    return notes


def describe_text_change(change: dict[str, str | None]) -> str:
    """One line for a reader: 'symbol: INF/ECOM/62/Rev.3 → INF/ECOM/62/Rev.4'."""
    field, old, new = change["field"] or "", change["old"], change["new"]
    if field == "section":
        return _added_removed_or(f"section {change['id']}", old, new, "retitled")
    if field in ("note", "section-note"):
        label = NOTE_LABELS[change["note_kind"] or "drafting"].rstrip(":")
        what = f"section {change['id']}: {label}" if field == "section-note" else label
        return f"{what} " + ("changed" if old and new else "added" if new else "removed") + f": {new or old}"
    if field == "section kind":
        return f"section {change['id']}: {old} → {new}" + (" (its articles numbered within the annex)" if new == "annex" else "")
    if field == "preamble":
        return _added_removed_or(f"preamble paragraph {change['paragraph']}", old, new, "changed")
    if field == "cover_note":
        return "cover note changed" if old and new else ("cover note added" if new else "cover note removed")
    return f"{field.replace('_', ' ')}: {old or '(none)'} → {new or '(none)'}"


def _added_removed_or(what: str, old: str | None, new: str | None, changed: str) -> str:
    if old is None:
        return f"{what} added: {new}"
    if new is None:
        return f"{what} removed (was: {old})"
    return f"{what} {changed}: {old} → {new}"


def _preamble_changes(old: Text, new: Text) -> list[dict[str, str | None]]:
    """Each preamble paragraph added, removed or changed (numbered in NEW, or in OLD when removed)."""
    before = [paragraph_text(p) for p in old.meta.preamble]
    after = [paragraph_text(p) for p in new.meta.preamble]
    found: list[dict[str, str | None]] = []
    for i, j in align(before, after):
        was = before[i] if i is not None else None
        now = after[j] if j is not None else None
        if was != now or (i is not None and j is not None and old.meta.preamble[i] != new.meta.preamble[j]):
            number = j + 1 if j is not None else i + 1  # type: ignore[operator]
            found.append({"field": "preamble", "paragraph": str(number), "old": was, "new": now})
    return found


def _note(meta: Meta) -> str | None:
    return plain_text(meta.cover_note.runs) if meta.cover_note is not None else None


def _section_titles(text: Text) -> dict[str, str]:
    titles: dict[str, str] = {}
    for section in text.sections:
        titles[section.id] = section.title
        for subsection in section.subsections:
            titles[subsection.id] = subsection.title
    return titles
