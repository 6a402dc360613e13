"""Typed notes compared by kind: the n-th note of a kind in OLD is the n-th of that kind in NEW."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..markup import plain_line
from ..model import NOTE_KINDS, Note

#: What a reference ``@id`` prints as on one side ("Article B.1"); None: as written.
Number = Callable[[str], str] | None


def note_changes(
    old: Iterable[Note], new: Iterable[Note], old_number: Number = None, new_number: Number = None
) -> Iterator[tuple[str, str | None, str | None]]:
    """(kind, old text, new text) for each note added (old None), removed (new None) or changed,
    kinds in their documented order; a note only moved among others is no change.  The texts
    print their references with OLD_NUMBER and NEW_NUMBER when given."""
    before, after = _by_kind(old), _by_kind(new)
    for kind in NOTE_KINDS:
        olds, news = before.get(kind, []), after.get(kind, [])
        for i in range(max(len(olds), len(news))):
            was = olds[i] if i < len(olds) else None
            now = news[i] if i < len(news) else None
            if _raw(was) != _raw(now):
                yield kind, _shown(was, old_number), _shown(now, new_number)


def _by_kind(notes: Iterable[Note]) -> dict[str, list[Note]]:
    found: dict[str, list[Note]] = {}
    for note in notes:
        found.setdefault(note.kind, []).append(note)
    return found


def _raw(note: Note | None) -> str | None:
    return " ".join(note.text.raw.split()) if note is not None else None


def _shown(note: Note | None, number: Number) -> str | None:
    return plain_line(note.text.runs, number) if note is not None else None
