"""Comparing two marked-up texts: agreed words, brackets, options and their proponents.

A text is read as a sequence of tokens: each word of plain text (and each
reference) is one token, each top-level bracket another.  difflib aligns the two
sequences; in each region that differs, brackets are paired by similarity and
compared option by option, an old bracket left unpaired is *resolved* when one of
its options now stands as plain text there (else *removed*), a new one is *added*,
and the words left over are an edit of the wording around them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Unpack

from ..align import align, words
from ..markup import Bracket, Option, Plain, Reference, Run, option_runs, plain_line
from .changes import Change, Details

Token = str | Bracket
_NO_SPACE_BEFORE = frozenset(".,;:!?)]’”")
_NO_SPACE_AFTER = frozenset("([‘“")
#: Differing regions closer than this many equal tokens are read as one region.
_MERGE_GAP = 3


@dataclass
class Where:
    """Where comparisons are: the article, paragraph and part, and how changes are collected."""

    article: str
    canonical: Callable[[str], str]
    paragraph: int | None = None
    part: str | None = None
    out: list[Change] = field(default_factory=list)

    def add(self, kind: str, **details: Unpack[Details]) -> None:
        self.out.append(Change(kind, self.article, self.paragraph, self.part, **details))

    def inside(self, part: str | None = None, paragraph: int | None = None) -> Where:
        """The same place, narrowed to PART (and PARAGRAPH), sharing the collected changes."""
        joined = self.part or ""
        if part:
            glue = "" if joined.endswith(")") and part.startswith("(") else " "
            joined = joined + glue + part if joined else part
        return replace(self, part=joined or None, paragraph=paragraph if paragraph is not None else self.paragraph)


def option_text(bracket: Bracket, option: Option) -> str:
    return plain_line(option_runs(bracket, option))


def bracket_text(bracket: Bracket) -> str:
    return plain_line((bracket,))


def _likeness(bracket: Bracket) -> str:
    """The bracket's words, space-separated, for pairing brackets by similarity (its own marks would make any two alike)."""
    return " ".join(w for w in words(bracket_text(bracket)) if w not in "[]/")


def tokens(runs: tuple[Run, ...]) -> list[Token]:
    """Words and punctuation marks of plain text, references, and top-level brackets."""
    out: list[Token] = []
    for run in runs:
        if isinstance(run, Plain):
            out.extend(words(run.text))
        elif isinstance(run, Reference):
            out.append(run.raw)
        else:
            out.append(run)
    return out


def _key(token: Token) -> str:
    return token if isinstance(token, str) else "\0" + " ".join(token.raw.split())


def compare_runs(old: tuple[Run, ...], new: tuple[Run, ...], where: Where) -> list[tuple[str, str]]:
    """Report the bracket changes between OLD and NEW; return the edits of their plain wording.

    The caller decides what a wording edit is: agreed text changed, or an option reworded.
    """
    a, b = tokens(old), tokens(new)
    edits: list[tuple[str, str]] = []
    for i1, i2, j1, j2 in _regions([_key(t) for t in a], [_key(t) for t in b]):
        edit = _region(a[i1:i2], b[j1:j2], where)
        if edit is not None:
            edits.append(edit)
    return edits


def _regions(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The differing regions, merged across short equal runs (a resolution often borders on equal words)."""
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] < _MERGE_GAP and j1 - regions[-1][3] < _MERGE_GAP:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return [(r[0], r[1], r[2], r[3]) for r in regions]


def _region(old: list[Token], new: list[Token], where: Where) -> tuple[str, str] | None:
    old_brackets = [t for t in old if isinstance(t, Bracket)]
    new_words = [t for t in new if isinstance(t, str)]
    old_words = [t for t in old if isinstance(t, str)]
    free = _held(old_brackets, [t for t in new if isinstance(t, Bracket)])
    new_brackets = [t for t in new if isinstance(t, Bracket) and not any(t is h for h in free)]
    pending: list[Bracket] = []
    for i, j in align([_likeness(x) for x in old_brackets], [_likeness(x) for x in new_brackets]):
        if i is not None and j is not None:
            compare_brackets(old_brackets[i], new_brackets[j], where)
        elif i is not None:
            pending.append(old_brackets[i])
        elif j is not None:
            free.append(new_brackets[j])
    _settle(pending, free, new_words, where)
    for bracket in free:
        where.add("bracket-added", new=bracket_text(bracket), proponents=codes_of(bracket.proponents, where) or None)
    if old_words != new_words:
        return join(old_words), join(new_words)
    return None


def join(parts: list[str]) -> str:
    """Tokens back into a line: no space before a closing mark or after an opening one."""
    out: list[str] = []
    for word in parts:
        if out and word not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(word)
    return "".join(out)


def _held(old: list[Bracket], new: list[Bracket]) -> list[Bracket]:
    """New brackets that are, unchanged, a bracket nested in an old one: left for its resolution to claim."""
    nested = {_key(r) for b in old for o in b.options for r in o.runs if isinstance(r, Bracket)}
    top = {_key(b) for b in old}
    return [b for b in new if _key(b) in nested and _key(b) not in top]


def _settle(pending: list[Bracket], free: list[Bracket], new_words: list[str], where: Where) -> None:
    """Each old bracket with no new counterpart: resolved into plain words, or removed.

    A resolved option's own nested brackets are settled in turn: kept (paired with a
    bracket of the new text), resolved or removed.  Words a resolution accounts for
    are taken out of NEW_WORDS, so they do not count as an edit of the wording.
    """
    while pending:
        bracket = pending.pop(0)
        option = _kept_option(bracket, new_words)
        if option is None:
            where.add("bracket-removed", old=bracket_text(bracket), proponents=codes_of(bracket.proponents, where) or None)
            continue
        where.add("bracket-resolved", old=bracket_text(bracket), option=option_text(bracket, option), proponents=codes_of(bracket.proponents, where) or None)
        nested = [r for r in option.runs if isinstance(r, Bracket)]
        paired: set[int] = set()
        for i, j in align([_likeness(x) for x in nested], [_likeness(x) for x in free]):
            if i is not None and j is not None:
                compare_brackets(nested[i], free[j], where)
                paired.add(j)
            elif i is not None:
                pending.append(nested[i])
        free[:] = [b for k, b in enumerate(free) if k not in paired]


def _kept_option(bracket: Bracket, new_words: list[str]) -> Option | None:
    """The option whose words now stand as plain text (the longest such); those words are used up."""
    best: tuple[int, int, Option] | None = None
    for option in bracket.options:
        wanted = [t for t in tokens(option_runs(bracket, option)) if isinstance(t, str)]
        at = _find(new_words, wanted)
        if wanted and at >= 0 and (best is None or len(wanted) > best[0]):
            best = (len(wanted), at, option)
    if best is None:
        return None
    size, at, option = best
    del new_words[at : at + size]
    return option


def _find(haystack: list[str], needle: list[str]) -> int:
    for start in range(len(haystack) - len(needle) + 1):
        if haystack[start : start + len(needle)] == needle:
            return start
    return -1


def compare_brackets(old: Bracket, new: Bracket, where: Where) -> None:
    """Two brackets at the same place: their proponents and options."""
    if not old.is_choice and not new.is_choice:
        proponents(old.proponents, new.proponents, bracket_text(new), where)
        _compare_option(old, old.options[0], new, new.options[0], where)
        return
    if old.is_choice == new.is_choice:
        proponents(_own(old), _own(new), bracket_text(new), where)
    pairs = align([option_text(old, o) for o in old.options], [option_text(new, o) for o in new.options])
    for i, j in pairs:
        if i is not None and j is not None:
            # "[A{CN} | B{ID}]" → "[A]{CN}": CN's option kept with its attribution moved to the
            # bracket, one option removed; China neither joined nor left.
            same = old.is_choice == new.is_choice  # else the bracket's own codes are compared with each option
            before, after = _proponents_of(old, old.options[i], same), _proponents_of(new, new.options[j], same)
            proponents(before, after, option_text(new, new.options[j]), where)
            _compare_option(old, old.options[i], new, new.options[j], where)
        elif i is not None:
            option = old.options[i]
            where.add("option-removed", old=bracket_text(old), option=option_text(old, option), proponents=codes_of(option.proponents, where) or None)
        elif j is not None:
            option = new.options[j]
            where.add("option-added", new=bracket_text(new), option=option_text(new, option), proponents=codes_of(option.proponents, where) or None)


def _own(bracket: Bracket) -> tuple[str, ...]:
    return bracket.attribution.proponents if bracket.attribution else ()


def _proponents_of(bracket: Bracket, option: Option, apart: bool) -> tuple[str, ...]:
    """Who proposes OPTION: its own codes, with the bracket's unless those are compared APART
    (both brackets a choice, or both not)."""
    return option.proponents if apart else (*_own(bracket), *option.proponents)


def _compare_option(old_bracket: Bracket, old: Option, new_bracket: Bracket, new: Option, where: Where) -> None:
    """One option against its counterpart: nested brackets, then its wording (a reworded option is replaced)."""
    if compare_runs(old.runs, new.runs, where):
        where.add("option-removed", old=bracket_text(old_bracket), option=option_text(old_bracket, old))
        where.add("option-added", new=bracket_text(new_bracket), option=option_text(new_bracket, new))


def proponents(old: tuple[str, ...], new: tuple[str, ...], text: str, where: Where) -> None:
    """One change per member who joined or left the proposal TEXT."""
    before, after = codes_of(old, where), codes_of(new, where)
    for code in after:
        if code not in before:
            where.add("proponent-added", option=text, proponents=(code,))
    for code in before:
        if code not in after:
            where.add("proponent-removed", option=text, proponents=(code,))


def codes_of(codes: tuple[str, ...], where: Where) -> tuple[str, ...]:
    """Canonical codes in their written order, each once (UK and GB are one member)."""
    out: list[str] = []
    for code in codes:
        canonical = where.canonical(code)
        if canonical not in out:
            out.append(canonical)
    return tuple(out)
