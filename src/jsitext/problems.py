"""One Problem type for every finding, and the registry of check codes.

Every finding jsitext reports (broken YAML, a wrong key, an unclosed bracket, an
article missing from the outline) is a :class:`Problem` with a stable kebab-case
code documented in ``docs/format.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: Every code jsitext can report, with its severity and a one-line summary.
#: ``tests/test_docs.py`` checks that each has documentation and a test case.
CODES: dict[str, tuple[Severity, str]] = {
    "io-error": (Severity.ERROR, "a file cannot be read"),
    "not-a-file": (Severity.ERROR, "a FIFO, device or socket where a file should be"),
    "symlink-outside": (Severity.ERROR, "a symbolic link out of the articles folder"),
    "file-too-large": (Severity.ERROR, "a file is over the size limit"),
    "encoding": (Severity.ERROR, "a file is not valid UTF-8"),
    "control-character": (Severity.ERROR, "a control character that Word files cannot hold"),
    "yaml-syntax": (Severity.ERROR, "the file is not valid YAML"),
    "yaml-alias": (Severity.ERROR, "YAML anchors and aliases are not allowed"),
    "yaml-tag": (Severity.ERROR, "YAML tags are not allowed"),
    "yaml-directive": (Severity.ERROR, "a %YAML directive"),
    "nesting-too-deep": (Severity.ERROR, "YAML or brackets nested beyond the limit"),
    "duplicate-key": (Severity.ERROR, "a key appears twice in one mapping"),
    "unknown-key": (Severity.ERROR, "a key the format does not know"),
    "missing-key": (Severity.ERROR, "a required key is absent"),
    "wrong-type": (Severity.ERROR, "a value of the wrong YAML type"),
    "invalid-value": (Severity.ERROR, "a value outside the allowed set or form"),
    "invalid-id": (Severity.ERROR, "a section id or a members.yaml code that does not follow its pattern"),
    "redefined-member": (Severity.ERROR, "members.yaml redefines a built-in member or alias"),
    "invalid-status": (Severity.ERROR, "an article status the format does not know"),
    "unclosed-bracket": (Severity.ERROR, "a '[' that is never closed"),
    "unmatched-closing-bracket": (Severity.ERROR, "a ']' with no '[' to close"),
    "empty-bracket": (Severity.ERROR, "a bracket or an option with no text"),
    "misplaced-attribution": (Severity.ERROR, "'{...}' or '|' where it cannot stand"),
    "invalid-attribution": (Severity.ERROR, "an attribution that is not a list of codes"),
    "invalid-escape": (Severity.ERROR, "a backslash not followed by an escapable character"),
    "invalid-reference": (Severity.ERROR, "'@' not followed by an article id"),
    "empty-footnote": (Severity.ERROR, "a footnote '^[]' with no text"),
    "nested-footnote": (Severity.ERROR, "a footnote inside a footnote"),
    "misplaced-footnote": (Severity.ERROR, "a footnote in a note or the cover note, which are not treaty text"),
    "foreign-footnote": (Severity.WARNING, "a footnote mark in another tool's way, such as Markdown's [^1]"),
    "plain-title": (Severity.WARNING, "a title that is not valid markup, printed as written"),
    "unknown-proponent": (Severity.ERROR, "a proponent code that is not a member or group"),
    "duplicate-proponent": (Severity.WARNING, "the same proponent listed twice"),
    "mistaken-code": (Severity.WARNING, "a member code often written for another member (EC for the EU)"),
    "unknown-reference": (Severity.ERROR, "'@id' naming no article, or '@id/para/item' no paragraph or item of it"),
    "duplicate-id": (Severity.ERROR, "two paragraphs or items of one article with one id"),
    "reference-to-withdrawn": (Severity.WARNING, "'@id' naming a withdrawn or merged article"),
    "missing-article": (Severity.ERROR, "the outline lists an article with no file"),
    "orphan-article": (Severity.WARNING, "an article file the outline does not list"),
    "duplicate-article": (Severity.ERROR, "two files or outline entries with one id"),
    "duplicate-section": (Severity.ERROR, "two sections or subsections with one id"),
    "id-mismatch": (Severity.ERROR, "an article's id differs from its file name"),
    "missing-text": (Severity.ERROR, "the folder has no text.yaml"),
    "clean-with-brackets": (Severity.ERROR, "a clean article still has unagreed text"),
    "invalid-merge": (Severity.ERROR, "merged_into missing, misplaced or naming no article"),
    "no-paragraphs": (Severity.ERROR, "an article with no paragraph that is not a placeholder"),
    "single-alternative": (Severity.WARNING, "an alternatives list with one entry"),
    "annex-without-kind": (Severity.WARNING, "a section named like an annex that is not 'kind: annex'"),
}


@dataclass(frozen=True, order=True)
class Problem:
    """A finding at a place in a file: 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    code: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    breadcrumb: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


def problem(path: str, line: int, column: int, code: str, message: str, breadcrumb: str = "") -> Problem:
    """Make a Problem whose severity is the code's registered one."""
    return Problem(path, line, column, code, message, CODES[code][0], breadcrumb)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choice, or '' when nothing is close."""
    import difflib

    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close and word.upper() != word:
        close = [c for c in options if c == word.upper()]
    return f" (did you mean {close[0]!r}?)" if close else ""


class Suggestions:
    """:func:`did_you_mean` for many words against one set of choices.

    Each word is matched once, and only the first ``limit`` distinct words are: a
    fuzzy match costs a comparison with every choice, and a file with thousands of
    unknown words holds no typos worth it (a hostile one would take minutes).
    """

    def __init__(self, choices: Iterable[str], limit: int = 20) -> None:
        self.choices = list(choices)
        self.limit = limit
        self.found: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self.found:
            self.found[word] = did_you_mean(word, self.choices) if len(self.found) < self.limit else ""
        return self.found[word]
