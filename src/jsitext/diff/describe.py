"""One line in negotiators' words for each change."""

from __future__ import annotations

from collections.abc import Callable

from ..model import NOTE_LABELS
from .changes import Change

_LONG = 90


def clip(text: str | None, limit: int = _LONG) -> str:
    """TEXT on one line, cut with an ellipsis past LIMIT characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def place(change: Change) -> str:
    """'paragraph 2, Alt 1 (a)' or '' for a change to the article as a whole."""
    if change.paragraph is None:
        return change.part or ""
    if change.part and change.part.startswith("of "):  # a paragraph of a version of the article: "paragraph 2 of Alt 1"
        return f"paragraph {change.paragraph} {change.part}"
    return f"paragraph {change.paragraph}" + (f", {change.part}" if change.part else "")


def describe(change: Change, name: Callable[[str], str] = lambda code: code) -> str:
    """The change as a sentence, e.g. 'paragraph 2: bracket resolved: "shall" kept as agreed text'."""
    text = _SENTENCES[change.kind](change, name)
    where = place(change)
    return f"{where}: {text}" if where else text


def _by(change: Change, name: Callable[[str], str]) -> str:
    if not change.proponents:
        return ""
    return " (" + ", ".join(change.proponents) + ")"


def _member(change: Change, name: Callable[[str], str]) -> str:
    code = (change.proponents or ("?",))[0]
    shown = name(code)
    return f"{shown} ({code})" if shown != code else code


def _retitled(change: Change) -> str:
    """', retitled "A" → "B"' when a version's own title changed."""
    if change.from_ == change.to:
        return ""
    return f', retitled "{clip(change.from_ or "(none)", 40)}" → "{clip(change.to or "(none)", 40)}"'


def _edit(change: Change) -> str:
    if not change.new:
        return f'"{clip(change.old)}" deleted'
    if not change.old:
        return f'"{clip(change.new)}" inserted'
    return f'"{clip(change.old)}" → "{clip(change.new)}"'


_SENTENCES: dict[str, Callable[[Change, Callable[[str], str]], str]] = {
    "article-added": lambda c, n: f"article added{' as ' + c.to if c.to else ''}: {clip(c.new)}",
    "article-removed": lambda c, n: f"article removed{' (was ' + c.from_ + ')' if c.from_ else ''}: {clip(c.old)}",
    "reference-renumbered": lambda c, n: f"cites {c.to} (was {c.from_}): its printed reference changed because other articles moved",
    "article-moved": lambda c, n: (
        f"moved within {c.to} (number {c.old or '-'} → {c.new or '-'})"
        if c.from_ and c.from_ == c.to
        else f"moved from {c.from_ or 'outside the outline'} to {c.to or 'outside the outline'} (number {c.old or '-'} → {c.new or '-'})"
    ),
    "article-renumbered": lambda c, n: f"renumbered {c.from_} → {c.to} (other articles moved)",
    "article-retitled": lambda c, n: f'retitled "{clip(c.from_)}" → "{clip(c.to)}"',
    "status-changed": lambda c, n: f"status {c.from_} → {c.to}",
    "paragraph-added": lambda c, n: f"added{_by(c, n)}: {clip(c.new)}",
    "paragraph-removed": lambda c, n: f"removed{_by(c, n)}: {clip(c.old)}",
    "bracket-added": lambda c, n: f"bracket added{_by(c, n)}: {clip(c.new)}",
    "bracket-removed": lambda c, n: f"bracket removed with its text{_by(c, n)}: {clip(c.old)}",
    "bracket-resolved": lambda c, n: f'bracket resolved: "{clip(c.option)}" kept as agreed text (was {clip(c.old)})',
    "option-added": lambda c, n: f'option added{_by(c, n)}: "{clip(c.option)}"',
    "option-removed": lambda c, n: f'option removed{_by(c, n)}: "{clip(c.option)}"',
    "proponent-added": lambda c, n: f'{_member(c, n)} joined "{clip(c.option, 60)}"',
    "proponent-removed": lambda c, n: f'{_member(c, n)} left "{clip(c.option, 60)}"',
    "text-changed": lambda c, n: "AGREED TEXT CHANGED: " + _edit(c),
    "note-changed": lambda c, n: f'{_note(c)} changed: "{clip(c.new)}"' if c.note_kind else f'note changed: "{clip(c.new) or "(removed)"}"',
    "footnote-changed": lambda c, n: f'footnote{_on(c)} changed: "{clip(c.new) or "(removed)"}"',
    "footnote-added": lambda c, n: f'footnote added{_on(c)}: "{clip(c.new)}"',
    "footnote-removed": lambda c, n: f'footnote removed{_on(c)}: "{clip(c.old)}"',
    "note-added": lambda c, n: f'{_note(c)} added: "{clip(c.new)}"',
    "note-removed": lambda c, n: f'{_note(c)} removed: "{clip(c.old)}"',
    "article-proposal-accepted": lambda c, n: f"article proposal{_by(c, n)} accepted: brackets lifted from the whole article",
    "alternative-article-added": lambda c, n: f"alternative article added{_by(c, n)}: {clip(c.new)}",
    "alternative-article-removed": lambda c, n: f"alternative article dropped{_by(c, n)}: {clip(c.old)}",
    "alternative-article-changed": lambda c, n: f"alternative article changed{_by(c, n)}{_retitled(c)}: {clip(c.new)}",
}


def _on(change: Change) -> str:
    """' on "electronic transmissions"' for an inline footnote, '' for a paragraph's."""
    return f' on "{clip(change.at, 60)}"' if change.at else (" at the start" if change.at == "" else "")


def _note(change: Change) -> str:
    """The note's label without its colon: "Co-convenors' note"."""
    return NOTE_LABELS.get(change.note_kind or "", "Note:").rstrip(":")
