"""Word runs as jsitext markup: brackets, options, attributions, footnotes.

The visible text is read as a negotiator reads it: "[" and "]" are brackets; " / "
inside a bracket separates options; a footnote right after "]" (or after an
option, before " / " or "]") whose whole text names members is the bracket's
(or option's) attribution, and so are codes in braces or parentheses written
right after "]" ("{US, JP}", "(US, JP)"); every other footnote is a treaty
footnote, kept at its place.  Characters that are markup in jsitext ("{", "|",
"@" ...) are escaped when they are plain text in Word.  What cannot be read
exactly (a bracket left open, a "]" with nothing to close, a footnote that is
neither clearly an attribution nor clearly treaty text) is kept as text and
reported as an :class:`Issue`, with the offset where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .attributions import Attribution, read_attribution
from .docx_read import Run

_ESCAPED = {"{": "\\{", "}": "\\}", "|": "\\|", "@": "\\@", "\\": "\\\\", "^": "\\^"}
INLINE_CODES = re.compile(r"\s*([({])([^(){}\[\]]{1,200})([)}])")
_PROSE = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Issue:
    """Something the conversion could not read exactly: its code, offset in the visible text, message."""

    code: str
    offset: int
    message: str


@dataclass(frozen=True)
class Note:
    """A footnote's place in the visible text and its wording."""

    text: str


Item = str | Note


@dataclass
class Converted:
    markup: str
    issues: list[Issue] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # member names not recognised in attributions


#: How an attribution's unknown names are handled: returns the codes to write (or None: keep the footnote as text).
Resolver = Callable[[Attribution], tuple[str, ...] | None]


def flatten(runs: list[Run]) -> list[Item]:
    """RUNS as characters and footnotes, in order."""
    out: list[Item] = []
    for run in runs:
        if run.footnote is not None:
            out.append(Note(run.footnote))
        else:
            out.extend(run.text)
    return out


def convert(items: list[Item], resolve: Resolver) -> Converted:
    """ITEMS (characters and footnotes) as markup."""
    return _Converter(items, resolve).run()


class _Converter:
    def __init__(self, items: list[Item], resolve: Resolver) -> None:
        self.items = items
        self.resolve = resolve
        self.out: list[str] = []
        self.opened: list[int] = []  # indexes in out of the '[' still open
        self.offsets: list[int] = []  # the visible offset of each '[' still open
        self.separators: list[list[int]] = []  # for each '[' still open, the indexes in out of its " | "
        self.result = Converted("")
        self.visible = 0

    def run(self) -> Converted:
        i = 0
        while i < len(self.items):
            i = self._step(i)
        for index, offset in zip(self.opened, self.offsets, strict=True):
            self.out[index] = "\\["
            self._issue("open-bracket", offset, "a bracket is opened here and never closed in this paragraph; kept as a plain '['")
        for separators in self.separators:  # a " / " of a bracket left open is a slash again
            for index in separators:
                self.out[index] = " / "
        self.result.markup = _readable("".join(self.out), self.items, self.result)
        return self.result

    def _step(self, i: int) -> int:
        item = self.items[i]
        if isinstance(item, Note):
            self._footnote(item, i)
            return i + 1
        self.visible += 1
        if item == "[":
            self.opened.append(len(self.out))
            self.offsets.append(self.visible - 1)
            self.separators.append([])
            self.out.append("[")
        elif item == "]":
            return self._close(i)
        elif item == "/" and self.opened and self._spaced(i):
            self._trim_space()
            self.separators[-1].append(len(self.out))
            self.out.append(" | ")
            self.visible += 1
            return i + 2
        else:
            self.out.append(_ESCAPED.get(item, item))
        return i + 1

    def _close(self, i: int) -> int:
        if not self.opened:
            self._issue("stray-bracket", self.visible - 1, "a ']' closes no bracket; kept as a plain ']'")
            self.out.append("\\]")
            return i + 1
        self.opened.pop()
        self.offsets.pop()
        self.separators.pop()
        self.out.append("]")
        return self._inline_codes(i + 1)

    def _inline_codes(self, i: int) -> int:
        """Codes written after ']' as "{US, JP}" or "(US, JP)": the bracket's attribution when all are members."""
        tail = "".join(c for c in self.items[i : i + 220] if isinstance(c, str))
        match = INLINE_CODES.match(tail)
        if not match or (match.group(1) == "(") != (match.group(3) == ")"):
            return i
        if any(isinstance(c, Note) for c in self.items[i : i + match.end()]):
            return i
        attribution = read_attribution(match.group(2))
        if attribution is None or (match.group(1) == "(" and not attribution.complete):
            return i
        codes = self._codes(attribution, self.visible)
        if codes is None:
            return i
        self.out.append("{" + ", ".join(codes) + "}")
        self.visible += match.end()
        return i + match.end()

    def _footnote(self, note: Note, i: int) -> None:
        if not note.text.strip():
            self._issue("unclear-footnote", self.visible, "an empty footnote; left out")
            return
        attribution = read_attribution(note.text)
        if attribution is not None and self._after_bracket_or_option(i):
            codes = self._codes(attribution, self.visible)
            if codes is not None:
                self.out.append("{" + ", ".join(codes) + "}")
                return
        elif attribution is not None and attribution.led:
            self._issue(
                "misplaced-attribution",
                self.visible,
                f"an attribution footnote ({_quote(note.text)}) not right after a bracket or an option; kept as a treaty footnote",
            )
        elif attribution is not None or not _PROSE.search(note.text):
            self._issue(
                "unclear-footnote",
                self.visible,
                f"a footnote that is neither clearly an attribution nor clearly treaty text ({_quote(note.text)}); kept as a treaty footnote",
            )
        if self._mid_word(i):
            self._issue("footnote-mid-word", self.visible, f"a footnote in the middle of a word ({_quote(note.text)}); kept there")
        self.out.append("^[" + footnote_markup(note.text) + "]")

    def _codes(self, attribution: Attribution, offset: int) -> tuple[str, ...] | None:
        self.result.unknown.extend(attribution.unknown)
        return self.resolve(attribution)

    def _after_bracket_or_option(self, i: int) -> bool:
        """The footnote at I follows ']' (an attribution already there aside), or ends an option (before ' / ' or ']')."""
        previous = self.out[-1] if self.out else ""
        if previous == "]":
            return True
        if not self.opened:
            return False
        following = "".join(c for c in self.items[i + 1 : i + 4] if isinstance(c, str))
        return following.startswith(("]", " / ", " ]"))

    def _spaced(self, i: int) -> bool:
        before = self.items[i - 1] if i > 0 else ""
        after = self.items[i + 1] if i + 1 < len(self.items) else ""
        return before == " " and after == " "

    def _trim_space(self) -> None:
        if self.out and self.out[-1] == " ":
            self.out.pop()

    def _mid_word(self, i: int) -> bool:
        before = self.items[i - 1] if i > 0 else ""
        after = self.items[i + 1] if i + 1 < len(self.items) else ""
        return isinstance(before, str) and isinstance(after, str) and before.isalnum() and after.isalnum()

    def _issue(self, code: str, offset: int, message: str) -> None:
        self.result.issues.append(Issue(code, offset, message))


def _readable(markup: str, items: list[Item], result: Converted) -> str:
    """MARKUP when it parses; else (an empty bracket "[]", an empty option "[a / ]") the visible
    text with every bracket and slash kept as written, footnotes kept, and a finding."""
    from ..markup import MarkupError, parse

    try:
        parse(markup)
    except MarkupError as err:
        result.issues.append(Issue("unread-brackets", 0, f"brackets that cannot be read as written ({err.message}); kept as plain text"))
        return "".join(("^[" + footnote_markup(c.text) + "]" if c.text.strip() else "") if isinstance(c, Note) else plain_markup(c) for c in items)
    return markup


def footnote_markup(text: str) -> str:
    """A treaty footnote's wording as markup: its brackets kept when they pair, every other special escaped."""
    escaped = "".join(_ESCAPED.get(c, c) for c in text)
    depth = 0
    for c in text:
        depth += {"[": 1, "]": -1}.get(c, 0)
        if depth < 0:
            break
    if depth != 0:
        escaped = escaped.replace("[", "\\[").replace("]", "\\]")
    return escaped


def plain_markup(text: str) -> str:
    """TEXT with every markup character escaped (a note, a title read as plain words)."""
    return "".join({**_ESCAPED, "[": "\\[", "]": "\\]"}.get(c, c) for c in text)


def _quote(text: str, width: int = 60) -> str:
    one_line = " ".join(text.split())
    return '"' + (one_line if len(one_line) <= width else one_line[: width - 1] + "\u2026") + '"'


def quote(text: str, width: int = 60) -> str:
    """A short quote of TEXT for a finding."""
    return _quote(text, width)
