"""Round-trip YAML for the commands that edit files: comments kept, writes atomic.

Every editing command (``fmt``, ``new``, ``withdraw``) loads a file with
ruamel.yaml's round-trip loader, changes the tree, and dumps it with the same
layout settings, so a file ``fmt`` made canonical stays canonical after an edit.
A file is only ever replaced whole, through a temporary file in its folder and
``os.replace``: a crash leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from ..atomic import write_files
from ..errors import UsageError
from ..load import TEXT_FILE
from ..model import Article, Meta, Section
from ..problems import Problem
from ..schema import Reader, read_article_file, read_text_file
from ..yamlread import decode, read_yaml

#: Total line width (indentation included) that folded text is wrapped to.
WIDTH = 90
#: The markup keys written as folded block scalars.
MARKUP_KEYS = frozenset({"text", "note", "footnote", "cover_note"})

# Characters a YAML block scalar may hold as they are: printable, no tab, no line break.
_BLOCK_SAFE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")


class Refused(Exception):
    """A file an editing command will not touch: it does not load cleanly (exit 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "refused")
        self.problems = problems


class RoundTripError(Exception):
    """ruamel.yaml could not read a file that jsitext's own reader accepted."""


def yaml() -> YAML:
    """The one round-trip configuration: 2-space mappings, list dashes indented by 2."""
    rt = YAML(typ="rt")
    rt.indent(mapping=2, sequence=4, offset=2)
    # Only the folds jsitext places break a line: ruamel.yaml's own wrapping can split
    # an escape in a long double-quoted string (ruamel.yaml 0.18-0.19), changing it.
    rt.width = 1_000_000
    rt.preserve_quotes = False
    return rt


def load(text: str) -> Any:
    """The round-trip tree of a decoded file (CommentedMap at the top)."""
    try:
        return yaml().load(text)
    except YAMLError as err:
        raise RoundTripError(str(err).splitlines()[0] if str(err) else type(err).__name__) from None


def dump(tree: Any) -> bytes:
    out = io.StringIO()
    yaml().dump(tree, out)
    return out.getvalue().encode("utf-8")


def decoded(path: str, data: bytes) -> str | None:
    """The file's text as jsitext reads it (BOM dropped, LF line ends), or None."""
    return decode(path, data)[0]


def folded(value: str, column: int) -> FoldedScalarString | DoubleQuotedScalarString:
    """VALUE as a ``>-`` block whose content starts at COLUMN, wrapped at :data:`WIDTH`.

    A fold is made only at a single space between two non-space characters, the one
    place where folding gives back exactly the same string.  A value a block cannot
    hold unchanged (line breaks, tabs, edge spaces, control characters) is written
    double-quoted instead.
    """
    if not value or value != value.strip(" ") or not _BLOCK_SAFE.fullmatch(value):
        return DoubleQuotedScalarString(value)
    block = FoldedScalarString(value)
    # ruamel declares fold_pos in __slots__ only, where mypy does not look
    block.fold_pos = fold_positions(value, WIDTH - column)  # type: ignore[attr-defined]
    return block


def fold_positions(value: str, room: int) -> list[int]:
    """Where to break VALUE (indices of spaces) so each line holds at most ROOM characters."""
    breakable = _breakable_spaces(value)
    folds: list[int] = []
    start, fits = 0, None  # fits: the last space up to which the line still fits
    for i in breakable:
        if i - start > room and fits is not None:
            folds.append(fits)
            start = fits + 1
        if i - start > room:  # one word longer than the room: break just after it
            folds.append(i)
            start, fits = i + 1, None
            continue
        fits = i
    if len(value) - start > room and fits is not None:
        folds.append(fits)
    return folds


def _breakable_spaces(value: str) -> list[int]:
    """Single spaces between two non-space characters, outside ``{US, JP}``, not after '[' nor before a digit.

    Keeping an attribution, "[ and" and "paragraph 3" on one line is how drafters wrap by hand.
    """
    found, depth, escaped = [], 0, False
    for i, ch in enumerate(value):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "{}":
            depth = max(0, depth + (1 if ch == "{" else -1))
        elif ch == " " and not depth and value[i - 1] not in " [" and value[i + 1 : i + 2] not in (" ", "") and not value[i + 1].isdigit():
            found.append(i)
    return found


def meaning(rel: str, path: str, data: bytes) -> tuple[Article | tuple[Meta, tuple[Section, ...]] | None, list[Problem]]:
    """What one file means to jsitext (its article, or text.yaml's cover and outline), with its problems."""
    result = read_yaml(path, data)
    if any(p.is_error for p in result.problems):
        return None, result.problems
    reader = Reader(path)
    if rel == TEXT_FILE:
        value: Any = read_text_file(reader, result.root)
    else:
        value = read_article_file(reader, result.root, Path(rel).stem)
    return value, result.problems + reader.problems


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Replace each file by its data, all or nothing (see :mod:`jsitext.atomic`); exit 2 on failure."""
    try:
        write_files(files)
    except OSError as err:
        raise UsageError(f"{err.filename or files[0][0]}: cannot write: {err.strerror or err}") from None
