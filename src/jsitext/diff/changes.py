"""A change between two revisions: one JSON-able object of a known kind."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypedDict

#: Every kind of change, in the order reports list them.
KINDS = (
    "article-added",
    "article-removed",
    "article-moved",
    "article-renumbered",
    "reference-renumbered",
    "article-retitled",
    "status-changed",
    "paragraph-added",
    "paragraph-removed",
    "bracket-added",
    "bracket-removed",
    "bracket-resolved",
    "option-added",
    "option-removed",
    "proponent-added",
    "proponent-removed",
    "text-changed",
    "note-changed",
    "footnote-changed",
    "footnote-added",
    "footnote-removed",
    "note-added",
    "note-removed",
    "article-proposal-accepted",
    "alternative-article-added",
    "alternative-article-removed",
    "alternative-article-changed",
)
#: Reported apart from changes of substance: the article itself did not change.
NOT_SUBSTANCE = frozenset({"article-renumbered", "reference-renumbered"})
#: Flagged prominently: agreed text should not change.
ALARMING = frozenset({"text-changed"})


class Details(TypedDict, total=False):
    """What a change may say besides its kind and place (the fields of :class:`Change`)."""

    old: str | None
    new: str | None
    option: str | None
    proponents: tuple[str, ...] | None
    from_: str | None
    to: str | None
    at: str | None
    note_kind: str | None


@dataclass(frozen=True)
class Change:
    """One change. Fields that do not apply to a kind are None (and left out of JSON).

    * ``paragraph``: 1-based paragraph index (in NEW, or in OLD for a removal);
      ``part``: where inside it ("Alt 2", "(b)", "(b)(ii)", "footnote").
    * ``old`` / ``new``: the text before and after (plain text, brackets as written).
    * ``option``: the option chosen (bracket-resolved), added or removed, or the
      proposal a proponent joined or left.
    * ``proponents``: the members concerned (proponent-added/removed: the one member).
    * ``from_`` / ``to``: titles, statuses, numbers or (sub)section ids, by kind.
    * ``at``: the words (or the bracket) an inline footnote hangs on.
    * ``from_`` / ``to``: titles, statuses, numbers or (sub)section ids, by kind; a
      paragraph reference as printed before and after (reference-renumbered).
    * ``note_kind``: the kind of a typed note added, removed or changed
      (``convenors``, ...); None for the old ``note`` string.
    """

    kind: str
    article: str
    paragraph: int | None = None
    part: str | None = None
    old: str | None = None
    new: str | None = None
    option: str | None = None
    proponents: tuple[str, ...] | None = None
    from_: str | None = None
    to: str | None = None
    at: str | None = None
    note_kind: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")

    @property
    def is_substance(self) -> bool:
        return self.kind not in NOT_SUBSTANCE

    def as_json(self) -> dict[str, object]:
        """The change as a JSON object: ``from_`` becomes ``from``; empty fields are left out."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name.rstrip("_")] = list(value) if isinstance(value, tuple) else value
        return out
