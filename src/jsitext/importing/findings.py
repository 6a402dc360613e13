"""The import's own findings: every part of the Word file it could not place exactly.

Each is a :class:`~jsitext.problems.Problem` whose path is the Word file, whose line
is the paragraph's number in the document body (1-based, tables and images
counting as one) and whose column is the character in that paragraph; the
breadcrumb names the section, article and paragraph, and the message quotes the
text.  Codes are documented in ``docs/import.md``.
"""

from __future__ import annotations

from ..problems import Problem, Severity

#: Every code the import reports, with its severity and a one-line summary.
IMPORT_CODES: dict[str, tuple[Severity, str]] = {
    "open-bracket": (Severity.WARNING, "a bracket opened and not closed in its paragraph (kept as a plain '[')"),
    "stray-bracket": (Severity.WARNING, "a ']' that closes no bracket (kept as a plain ']')"),
    "unread-brackets": (Severity.WARNING, "brackets that make no sense as written (an empty bracket or option); the paragraph kept as plain text"),
    "unknown-member": (Severity.WARNING, "an attribution naming someone not in the member list (an error with --codes strict)"),
    "misplaced-attribution": (Severity.WARNING, "an attribution footnote not right after a bracket or an option (kept as a footnote)"),
    "unclear-footnote": (Severity.WARNING, "a footnote neither clearly an attribution nor clearly treaty text (kept as a footnote)"),
    "footnote-mid-word": (Severity.WARNING, "a footnote mark inside a word"),
    "missing-attribution": (Severity.WARNING, "an alternative with no attribution"),
    "table-in-body": (Severity.WARNING, "a table among the articles (its text kept in a note)"),
    "image": (Severity.WARNING, "an image (not imported; a note marks its place)"),
    "text-outside-article": (Severity.WARNING, "text under a heading that is not an article's (kept in a note)"),
    "edited-in-word": (Severity.WARNING, "an article of jsitext's own build changed in Word, read from its visible text"),
    "no-articles": (Severity.ERROR, "no article found in the document: nothing written"),
}


def finding(path: str, line: int, column: int, code: str, message: str, breadcrumb: str = "", *, strict: bool = False) -> Problem:
    """A finding of the import (STRICT makes an unknown member an error)."""
    severity = Severity.ERROR if strict and code == "unknown-member" else IMPORT_CODES[code][0]
    return Problem(path, line, column, code, message, severity, breadcrumb)
