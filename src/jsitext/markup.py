"""The inline markup of negotiating text: brackets, options, attributions, references, footnotes.

Grammar (``docs/format.md``)::

    text        := ( literal | escape | reference | bracket | footnote )*
    escape      := '\\[' | '\\]' | '\\{' | '\\}' | '\\|' | '\\@' | '\\^' | '\\\\'
    bracket     := '[' option ( '|' option )* ']' attribution?
    option      := text attribution?
    attribution := '{' code ( ',' code )* '}'
    reference   := '@' article-id ( '/' paragraph-id ( '/' item-id ( '/' item-id )? )? )?
    footnote    := '^[' text ']'          # no footnote inside a footnote

A footnote stands right after what it annotates (a word, a bracket, an
attribution); a caret not followed by '[' is a literal caret.

:func:`parse` turns a string into a :class:`Markup` tree of runs that keep their
source offsets; ``markup.raw`` gives back the identical string.  The parser is
iterative (an explicit stack), so deep nesting costs no recursion; a syntax error
raises :class:`MarkupError` with the offset of the offending character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NoReturn, Union

ESCAPABLE = "[]{}|@^\\"
MAX_DEPTH = 32
#: A reference names at most a paragraph, an item and a sub-item below its article.
MAX_REFERENCE_PATH = 3
_SPECIAL = re.compile(r"[\[\]{}|@\\]|\^\[")
# One character class scans faster than the alternation; a caret not before '[' is then literal.
_SPECIAL_OR_CARET = re.compile(r"[\[\]{}|@\\^]")
_ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"[^\s,{}\[\]|@\\]+")
_PLACEHOLDERS = frozenset({"x", "...", "\u2026", "date", "number", "year", "period", "amount"})


@dataclass(frozen=True, slots=True)
class Plain:
    """Literal text; ``raw`` keeps escapes as written, ``text`` is what is shown."""

    raw: str
    text: str
    start: int


@dataclass(frozen=True, slots=True)
class Reference:
    """``@article-id``: shown as the referenced article's number; with a PATH
    (``@article-id/paragraph-id/item-id``) as that paragraph's or item's."""

    target: str
    start: int
    path: tuple[str, ...] = ()  # paragraph id, then item and sub-item ids

    @property
    def key(self) -> str:
        """What it names: "article-id" or "article-id/paragraph-id/item-id"."""
        return "/".join((self.target, *self.path))

    @property
    def raw(self) -> str:
        return "@" + self.key


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    start: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """``{US, JP}``: the proponents of a bracket or of one option."""

    codes: tuple[Code, ...]
    raw: str
    start: int

    @property
    def proponents(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)


@dataclass(frozen=True, slots=True)
class Option:
    """One choice inside a bracket, with its own proponents if it has any."""

    runs: tuple[Run, ...]
    attribution: Attribution | None
    trail: str  # white space after the attribution, before '|' or ']'
    start: int

    @property
    def raw(self) -> str:
        attribution = self.attribution.raw if self.attribution else ""
        return "".join(r.raw for r in self.runs) + attribution + self.trail

    @property
    def proponents(self) -> tuple[str, ...]:
        return self.attribution.proponents if self.attribution else ()


@dataclass(frozen=True, slots=True)
class Bracket:
    """Unagreed text: one option, or several competing ones separated by '|'."""

    options: tuple[Option, ...]
    attribution: Attribution | None
    start: int

    @property
    def raw(self) -> str:
        attribution = self.attribution.raw if self.attribution else ""
        return "[" + "|".join(o.raw for o in self.options) + "]" + attribution

    @property
    def proponents(self) -> tuple[str, ...]:
        """Who proposes the bracket as a whole (its only option's, when it has one)."""
        if self.attribution:
            return self.attribution.proponents
        if len(self.options) == 1:
            return self.options[0].proponents
        return ()

    @property
    def is_choice(self) -> bool:
        return len(self.options) > 1

    @property
    def is_placeholder(self) -> bool:
        """A bracket around a blank to be filled in: ``[X]``, ``[date]``."""
        if self.is_choice or self.proponents:
            return False
        runs = self.options[0].runs
        return all(isinstance(r, Plain) for r in runs) and plain_text(runs).strip().lower() in _PLACEHOLDERS


@dataclass(frozen=True, slots=True)
class InlineFootnote:
    """``^[...]``: a treaty footnote whose mark stands exactly where it is written."""

    runs: tuple[Run, ...]
    start: int

    @property
    def raw(self) -> str:
        return "^[" + "".join(r.raw for r in self.runs) + "]"


Run = Union[Plain, Reference, Bracket, InlineFootnote]


@dataclass(frozen=True, slots=True)
class Markup:
    """A parsed text; ``origin`` (not compared) locates offsets in the file."""

    runs: tuple[Run, ...]
    origin: object = field(default=None, compare=False, repr=False)

    @property
    def raw(self) -> str:
        return "".join(r.raw for r in self.runs)


class MarkupError(ValueError):
    """A syntax error at ``offset`` in the source string."""

    def __init__(self, offset: int, code: str, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.code = code
        self.message = message


@dataclass
class _Frame:
    start: int  # offset of '[' (-1 for the top level)
    options: list[Option] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    attribution: Attribution | None = None
    trail: str = ""
    option_start: int = 0
    # Literal pieces (the text between escapes) wait here to be joined into one Plain
    # run at once: joining each to the last would copy the text again and again.
    pending: list[Plain] = field(default_factory=list)
    footnote: bool = False  # opened by '^[': closes into an InlineFootnote, holds no options

    def add(self, run: Run) -> None:
        if isinstance(run, Plain):
            self.pending.append(run)
            return
        self.flush()
        self.runs.append(run)

    def flush(self) -> list[Run]:
        """The runs so far, the pending literal pieces joined into one."""
        if self.pending:
            first = self.pending[0]
            if len(self.pending) > 1:
                first = Plain("".join(p.raw for p in self.pending), "".join(p.text for p in self.pending), first.start)
            self.runs.append(first)
            self.pending = []
        return self.runs

    def close_option(self, end: int) -> None:
        self.options.append(Option(tuple(self.flush()), self.attribution, self.trail, self.option_start))
        self.runs, self.attribution, self.trail = [], None, ""
        self.option_start = end


def parse(source: str, origin: object = None) -> Markup:
    """Parse inline markup; raise :class:`MarkupError` at the first syntax error.

    ORIGIN (the YAML node the text was read from) is kept on the result.
    """
    if not _SPECIAL.search(source):  # most texts hold no markup at all: one run, no parser
        return Markup((Plain(source, source, 0),) if source else (), origin)
    return Markup(_Parser(source).parse(), origin)


class _Parser:
    def __init__(self, source: str) -> None:
        self.s = source
        self.stack = [_Frame(-1)]
        self.after_bracket = -1  # offset just after the last ']' (or its attribution)

    @property
    def frame(self) -> _Frame:
        return self.stack[-1]

    def parse(self) -> tuple[Run, ...]:
        s, pos, end = self.s, 0, len(self.s)
        search = _SPECIAL_OR_CARET.search
        while pos < end:
            m = search(s, pos)
            stop = m.start() if m else end
            if stop > pos:
                piece = s[pos:stop]
                self._plain(piece, piece, pos)
            if not m:
                break
            pos = self._special(stop)
        if len(self.stack) > 1:
            self._unclosed(self.frame)
        return tuple(self.frame.flush())

    def _plain(self, raw: str, text: str, start: int) -> None:
        frame = self.stack[-1]
        if frame.attribution is not None:
            if raw.strip(" \t\n"):
                self._misplaced_option_attribution(frame.attribution.start, start)
            frame.trail += raw
            return
        frame.add(Plain(raw, text, start))

    def _special(self, i: int) -> int:
        ch = self.s[i]
        if ch == "\\":
            return self._escape(i)
        if ch == "@":
            return self._reference(i)
        if ch == "^":
            if not self.s.startswith("[", i + 1):
                self._plain("^", "^", i)  # joined with the literal text around it
                return i + 1
            return self._footnote(i)
        if ch == "{":
            return self._attribution(i)
        if ch == "[":
            return self._open(i)
        if ch == "]":
            return self._close(i)
        if ch == "}":
            raise MarkupError(i, "misplaced-attribution", "'}' closes no '{'; write '\\}' for a literal brace")
        return self._bar(i)

    def _escape(self, i: int) -> int:
        nxt = self.s[i + 1 : i + 2]
        if not nxt:
            raise MarkupError(i, "invalid-escape", "a backslash ends the text; write '\\\\' for a literal backslash")
        if nxt not in ESCAPABLE:
            raise MarkupError(
                i,
                "invalid-escape",
                f"'\\{nxt}' is not an escape; only \\[ \\] \\{{ \\}} \\| \\@ \\^ \\\\ are (write '\\\\' for a backslash){_latex_hint(self.s, i)}",
            )
        self._plain(self.s[i : i + 2], nxt, i)
        return i + 2

    def _reference(self, i: int) -> int:
        m = _ARTICLE_ID.match(self.s, i + 1)
        if not m:
            raise MarkupError(i, "invalid-reference", "'@' must be followed by an article id such as @open-internet-access; write '\\@' for a literal @")
        if self.frame.attribution is not None:
            self._misplaced_option_attribution(self.frame.attribution.start, i)
        path, end = _reference_path(self.s, m.end())
        self.frame.add(Reference(m.group(), i, path))
        return end

    def _attribution(self, i: int) -> int:
        frame = self.frame
        frame.flush()
        last = frame.runs[-1] if frame.runs else None
        on_bracket = i == self.after_bracket and isinstance(last, Bracket) and last.attribution is None
        if on_bracket and frame.attribution is None:
            assert isinstance(last, Bracket)
            if not last.is_choice and last.options[0].attribution is not None:
                raise MarkupError(
                    i, "misplaced-attribution", "this bracket's only option already names its proponents; keep one attribution, inside or after ']'"
                )
            attribution, end = _read_attribution(self.s, i)
            frame.runs[-1] = Bracket(last.options, attribution, last.start)
            self.after_bracket = end
            return end
        if frame.start < 0 or frame.footnote:
            raise MarkupError(
                i, "misplaced-attribution", "'{...}' names proponents and must follow ']' or an option inside a bracket; write '\\{' for a literal brace"
            )
        if frame.attribution is not None:
            raise MarkupError(i, "misplaced-attribution", "this option already names its proponents; put all codes in one '{...}'")
        frame.attribution, end = _read_attribution(self.s, i)
        return end

    def _open(self, i: int) -> int:
        if len(self.stack) > MAX_DEPTH:
            raise MarkupError(i, "nesting-too-deep", f"brackets nested deeper than {MAX_DEPTH} levels")
        if self.frame.attribution is not None:
            self._misplaced_option_attribution(self.frame.attribution.start, i)
        self.stack.append(_Frame(i, option_start=i + 1))
        return i + 1

    def _footnote(self, i: int) -> int:
        if any(frame.footnote for frame in self.stack):
            raise MarkupError(
                i, "nested-footnote", "a footnote cannot hold another footnote; put its text in this footnote, or write '\\^[' for a literal caret"
            )
        if len(self.stack) > MAX_DEPTH:
            raise MarkupError(i, "nesting-too-deep", f"brackets nested deeper than {MAX_DEPTH} levels")
        if self.frame.attribution is not None:
            self._misplaced_option_attribution(self.frame.attribution.start, i)
        self.stack.append(_Frame(i, option_start=i + 2, footnote=True))
        return i + 2

    def _close(self, i: int) -> int:
        if len(self.stack) == 1:
            raise MarkupError(i, "unmatched-closing-bracket", "']' closes no bracket; remove it or escape it as '\\]'")
        frame = self.stack.pop()
        if frame.footnote:
            runs = tuple(frame.flush())
            if not _has_content(runs):
                raise MarkupError(frame.start, "empty-footnote", "empty footnote: write its text between '^[' and ']', or remove it")
            self.frame.add(InlineFootnote(runs, frame.start))
            return i + 1
        frame.close_option(i)
        for option in frame.options:
            if not _has_content(option.runs):
                where = option.start if frame.options[1:] else frame.start
                what = "option" if frame.options[1:] else "bracket"
                raise MarkupError(where, "empty-bracket", f"empty {what}: write the text it stands for, or a placeholder such as [X]")
        self.frame.add(Bracket(tuple(frame.options), None, frame.start))
        self.after_bracket = i + 1
        return i + 1

    def _bar(self, i: int) -> int:
        if len(self.stack) == 1 or self.frame.footnote:
            raise MarkupError(i, "misplaced-attribution", "'|' separates options and stands only inside a bracket; write '\\|' for a literal bar")
        self.frame.close_option(i + 1)
        return i + 1

    def _misplaced_option_attribution(self, at: int, found: int) -> NoReturn:
        if len(_CLOSING.findall(self.s, found)) < len(self.stack) - 1:  # too few ']' left to close the brackets open
            self._unclosed(self.frame)
        raise MarkupError(at, "misplaced-attribution", "an option's '{...}' must come last in the option, just before '|' or ']'")

    def _unclosed(self, frame: _Frame) -> NoReturn:
        what = "footnote" if frame.footnote else "bracket"
        message = f"{what} opened here is never closed; add ']' or escape it as '\\{'^' if frame.footnote else '['}'"
        if frame.attribution is not None:
            message = f"{what} opened here is never closed; a ']' is probably missing before '{frame.attribution.raw}'"
        raise MarkupError(frame.start, "unclosed-bracket", message)


_CLOSING = re.compile(r"(?<!\\)\]")


def _latex_hint(s: str, i: int) -> str:
    """A hint for a LaTeX footnote, a habit from other tools."""
    return "; a footnote is written word^[footnote text]" if s.startswith("\\footnote", i) else ""


def _reference_path(s: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The ``/paragraph-id/item-id...`` after an article id: a '/' counts only when an id follows."""
    path: list[str] = []
    while len(path) < MAX_REFERENCE_PATH and s.startswith("/", pos):
        m = _ARTICLE_ID.match(s, pos + 1)
        if not m:
            break
        path.append(m.group())
        pos = m.end()
    return tuple(path), pos


def _read_attribution(s: str, i: int) -> tuple[Attribution, int]:
    close = s.find("}", i + 1)
    if close < 0 or s.find("{", i + 1, close) >= 0:  # another '{' before this one's '}'
        raise MarkupError(i, "invalid-attribution", "'{' is never closed; write proponents as {US, JP} or '\\{' for a literal brace")
    codes: list[Code] = []
    pos = i + 1
    for part in s[i + 1 : close].split(","):
        token = part.strip()
        at = pos + (len(part) - len(part.lstrip()))
        if not token or not _CODE.fullmatch(token):
            what = "an empty attribution" if not s[i + 1 : close].strip() else f"{token!r} is not a proponent code"
            raise MarkupError(at if token else i, "invalid-attribution", f"{what}: write proponents as codes separated by commas, e.g. {{US, JP}}")
        codes.append(Code(token, at))
        pos += len(part) + 1
    return Attribution(tuple(codes), s[i : close + 1], i), close + 1


def _has_content(runs: tuple[Run, ...]) -> bool:
    return any(not isinstance(r, Plain) or r.text.strip() for r in runs)


def option_runs(bracket: Bracket, option: Option) -> tuple[Run, ...]:
    """An option's runs as shown: in a choice, white space around '|' is layout."""
    runs = option.runs
    if not bracket.is_choice or not runs:
        return runs
    first, last = runs[0], runs[-1]
    if isinstance(first, Plain):
        runs = (Plain(first.raw, first.text.lstrip(), first.start), *runs[1:])
    if isinstance(runs[-1], Plain):
        last = runs[-1]
        runs = (*runs[:-1], Plain(last.raw, last.text.rstrip(), last.start))
    return tuple(r for r in runs if not isinstance(r, Plain) or r.text)


def plain_text(runs: tuple[Run, ...], number: Callable[[str], str] | None = None, *, codes: bool = False, notes: bool = True) -> str:
    """The runs as plain text, brackets and options printed as negotiators write them.

    ``number`` maps a reference's key (``article-id`` or ``article-id/para-id``) to
    its printed form ("Article A.1.2"); by default a reference prints as ``@id``.  With ``codes``, attributions are kept in
    braces after their option or bracket (``[shall{US} / may{CN}]{EU}``); without ``notes``,
    footnotes are left out.  Nesting is bounded by MAX_DEPTH.
    """
    out: list[str] = []
    for run in runs:
        if isinstance(run, Plain):
            out.append(run.text)
        elif isinstance(run, Reference):
            out.append(number(run.key) if number else run.raw)
        elif isinstance(run, InlineFootnote):
            if notes:
                out.append("^[" + plain_text(run.runs, number, codes=codes) + "]")
        else:
            options = [plain_text(option_runs(run, o), number, codes=codes, notes=notes) + (braced(o.proponents) if codes else "") for o in run.options]
            own = run.attribution.proponents if codes and run.attribution else ()
            out.append("[" + " / ".join(options) + "]" + braced(own))
    return "".join(out)


def plain_line(runs: tuple[Run, ...], number: Callable[[str], str] | None = None, *, codes: bool = False, notes: bool = True) -> str:
    """:func:`plain_text` on one line, white space folded: how reports quote a text."""
    return " ".join(plain_text(runs, number, codes=codes, notes=notes).split())


def braced(codes: tuple[str, ...]) -> str:
    """Proponent codes as written after a bracket: "{US, JP}" ("" for none)."""
    return "{" + ", ".join(codes) + "}" if codes else ""


def walk_runs(runs: tuple[Run, ...]) -> Iterator[Run]:
    """Every run, those inside brackets (and nested brackets) included, in reading order."""
    return iter(_all_runs(runs))


def _all_runs(runs: tuple[Run, ...]) -> list[Run] | tuple[Run, ...]:
    # A list built at once, not a generator: the checks walk every text of every article.
    # A text without markup is one Plain run, returned as it is.  The recursion is bounded by MAX_DEPTH.
    if len(runs) == 1 and type(runs[0]) is Plain:
        return runs
    out: list[Run] = []
    for run in runs:
        out.append(run)
        kind = type(run)
        if kind is Bracket:
            for option in run.options:  # type: ignore[union-attr]
                out.extend(_all_runs(option.runs))
        elif kind is InlineFootnote:
            out.extend(_all_runs(run.runs))  # type: ignore[union-attr]
    return out


def walk_brackets(runs: tuple[Run, ...]) -> list[Bracket]:
    """Every bracket in the runs, nested ones included, in reading order."""
    return [run for run in _all_runs(runs) if type(run) is Bracket]


def walk_references(runs: tuple[Run, ...]) -> list[Reference]:
    """Every reference in the runs, inside brackets too, in reading order."""
    return [run for run in _all_runs(runs) if type(run) is Reference]


def walk_footnotes(runs: tuple[Run, ...]) -> list[InlineFootnote]:
    """Every inline footnote in the runs, inside brackets too, in reading order."""
    return [run for run in _all_runs(runs) if type(run) is InlineFootnote]
