"""Round-trip YAML for the commands that edit files: comments kept, meaning kept, writes atomic.

Every editing command (``fmt``, ``new``, ``withdraw``) opens a file with
:func:`open_for_edit`, changes the round-trip tree, and gets the bytes to write
from :func:`written`, with the same layout settings, so a file ``fmt`` made
canonical stays canonical after an edit.

The editor sees a file as ``check`` does: every scalar is text, whatever its style
(``NO``, ``+12``, ``.NaN``, ``2024-01-01`` and a 5000-digit number stay what they
are written as); only the plain null forms (nothing, ``~``, ``null``) are null, as
in :mod:`jsitext.yamlread`.  Twice the meaning is compared, as check reads it: the
tree loaded against the file, and the bytes about to be written against the edited
tree.  A difference is a ``meaning-changed`` finding at its place (exit 1), and the
file is left alone.  A file is only ever replaced whole (:mod:`jsitext.atomic`).
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from ..atomic import write_files
from ..errors import UsageError
from ..load import TEXT_FILE
from ..model import Article, Meta, Section
from ..problems import Problem, Severity, problem
from ..schema import Reader, read_article_file, read_text_file
from ..source import read_file
from ..yamlread import Mapping, Node, Scalar, Sequence, decode, read_yaml

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


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class TextResolver(VersionedResolver):
    """Every plain scalar is a string but the null forms: the view :mod:`jsitext.yamlread` has.

    Whatever the YAML version, no number, boolean or timestamp is typed, so nothing
    is rewritten on the way back (``+12`` stays ``+12``, ``NO`` stays ``NO``), and a
    string is quoted on output only where YAML's syntax or a null needs it.
    """

    @property
    def versioned_resolver(self) -> Any:
        return {first: [("tag:yaml.org,2002:null", _NULL)] for first in ("", "~", "n", "N")}


def yaml(*, keep_quotes: bool = False) -> YAML:
    """The one round-trip configuration: 2-space mappings, list dashes indented by 2.

    KEEP_QUOTES loads a quoted value as a quoted string, so an edit leaves the values
    it does not change written as they were (fmt, which sets the layout, does not).
    """
    rt = YAML(typ="rt")
    rt.Resolver = TextResolver
    rt.indent(mapping=2, sequence=4, offset=2)
    # Only the folds jsitext places break a line: ruamel.yaml's own wrapping can split
    # an escape in a long double-quoted string (ruamel.yaml 0.18-0.19), changing it.
    rt.width = 1_000_000
    rt.preserve_quotes = keep_quotes
    return rt


def dump(tree: Any) -> bytes:
    out = io.StringIO()
    yaml().dump(tree, out)
    return out.getvalue().encode("utf-8")


def decoded(path: str, data: bytes) -> str | None:
    """The file's text as jsitext reads it (BOM dropped, LF line ends), or None."""
    return decode(path, data)[0]


# -- editing with the meaning checked ---------------------------------------------------
#: The code of the finding an edit that would change the text's meaning ends in.
MEANING_CHANGED = "meaning-changed"


@dataclass
class Editable:
    """One file open for editing: check's view of it (ROOT) and the round-trip TREE to change."""

    path: str
    root: Node | None
    tree: Any


def read_source(path: Path, display: str, *, inside: Path | None = None) -> bytes:
    """The bytes of a file to edit (a regular file within the size limit, not a link out
    of the folder INSIDE), or Refused."""
    data = read_file(path, inside=inside.resolve() if inside else None)
    if isinstance(data, OSError):
        code = getattr(data, "code", "io-error")
        message = getattr(data, "message", None) or f"cannot read the file: {data.strerror or data}"
        raise Refused([problem(display, 0, 0, code, message)])
    return data


def open_for_edit(path: str, data: bytes, *, keep_quotes: bool = True) -> Editable:
    """The file's round-trip tree, refused (with findings) unless it loads cleanly and
    the round-trip reader reads every value as check does (see :func:`yaml` for KEEP_QUOTES)."""
    result = read_yaml(path, data)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise Refused(errors)
    text = _untabbed(decoded(path, data) or "", result.root)
    try:
        tree = yaml(keep_quotes=keep_quotes).load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None) if isinstance(err, MarkedYAMLError) else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise Refused([problem(path, line, column, "yaml-syntax", f"the editor cannot read this file: {what}")]) from None
    edit = Editable(path, result.root, tree)
    same_meaning(edit, plain(result.root), plain_tree(tree), "the editor reads this value otherwise than check does")
    return edit


def written(edit: Editable, expected: Any = None) -> bytes:
    """The bytes of the edited tree, read back: they must mean what the tree (or EXPECTED) says."""
    out = dump(edit.tree)
    result = read_yaml(edit.path, out)
    wanted = plain_tree(edit.tree) if expected is None else expected
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise Refused([_changed(edit.path, errors[0].line, errors[0].column, f"the edit would write a file that does not load ({errors[0].message})")])
    same_meaning(edit, wanted, plain(result.root), "the edit would change this value")
    return out


def plain(node: Node | None) -> Any:
    """What check reads: mappings, lists, strings and nulls (a file nests 64 levels at most)."""
    if isinstance(node, Mapping):  # a key that is a list or mapping (refused by check) stays hashable
        return {plain(k) if isinstance(k, Scalar) else repr(plain(k)): plain(v) for k, v in node.pairs}
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    return None


def plain_tree(value: Any) -> Any:
    """A round-trip tree as plain data; anything the loader typed stays typed, and so differs."""
    if isinstance(value, dict):
        return {plain_tree(k): plain_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_tree(v) for v in value]
    if isinstance(value, str):
        return str.__str__(value)
    return value


def same_meaning(edit: Editable, before: Any, after: Any, what: str) -> None:
    """Nothing, or Refused with a ``meaning-changed`` finding where BEFORE and AFTER first differ."""
    where = _first_difference(before, after, ())
    if where is None:
        return
    node = _node_at(edit.root, where)
    line, column = (node.line, node.column) if node is not None else (0, 0)
    shown = "/".join(str(k) for k in where) or "the file"
    raise Refused([_changed(edit.path, line, column, f"{what} ({shown}); the file was left alone: please report this")])


def _changed(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, MEANING_CHANGED, message, Severity.ERROR)


def _first_difference(a: Any, b: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The path (keys and indexes) to the first place where A and B differ, or None."""
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return (*path, key)
            found = _first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(x, y, (*path, i))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b else path


def _node_at(root: Node | None, path: tuple[Any, ...]) -> Node | None:
    """The node of the file at PATH, or the deepest one on the way there."""
    node = root
    for step in path:
        if isinstance(node, Mapping):
            found = next((v for k, v in node.pairs if isinstance(k, Scalar) and k.value == step), None)
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            found = node.items[step]
        else:
            found = None
        if found is None:
            break
        node = found
    return node


def _untabbed(text: str, root: Node | None) -> str:
    """TEXT with each tab that separates tokens (``title:<TAB>Scope``) made a space.

    libyaml, and so check, accepts such tabs; ruamel.yaml's round-trip reader does not.
    Tabs inside values and comments stay; the file's meaning and every position are unchanged.
    """
    if "\t" not in text:
        return text
    spans = sorted(_scalar_spans(root))
    starts = [start for start, _ in spans]
    chars = list(text)
    comment = False
    for i, ch in enumerate(chars):
        if ch == "\n":
            comment = False
        elif ch in "\t#" and not comment:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i < spans[k][1]:
                continue
            if ch == "#":
                comment = True
            else:
                chars[i] = " "
    return "".join(chars)


def _scalar_spans(root: Node | None) -> list[tuple[int, int]]:
    spans, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            spans.append((node.index, max(node.end_index, node.index)))
        elif isinstance(node, Mapping):
            stack.extend(n for pair in node.pairs for n in pair)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
    return spans


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
    """Where to break VALUE (indices of spaces) so each line holds at most ROOM characters:
    at the last breakable space that keeps the line within ROOM, else (a word longer than
    the room) at the first one after it."""
    if "\\" in value:
        return _folds(value, room, set(_breakable_spaces_escaped(value)).__contains__)
    return _folds(value, room, _Breakable(value))


def _folds(value: str, room: int, breakable: Callable[[int], bool]) -> list[int]:
    """The folds, found line by line from the end of the room back (a line's spaces, not every space, are tried)."""
    folds: list[int] = []
    start = 0
    while len(value) - start > room:
        i = value.rfind(" ", start, start + room + 1)
        while i >= start and not breakable(i):
            i = value.rfind(" ", start, i)
        if i < start:  # none within the room: the first one after it
            i = value.find(" ", start + room + 1)
            while i != -1 and not breakable(i):
                i = value.find(" ", i + 1)
            if i == -1:
                break
        folds.append(i)
        start = i + 1
    return folds


class _Breakable:
    """Whether the space at an index of a value without escapes is breakable: a single space
    between two characters that are not white space, outside ``{US, JP}``, not after '['
    nor before a digit.

    Keeping an attribution, "[ and" and "paragraph 3" on one line is how drafters wrap by
    hand.  Only the spaces tried are tested (fmt of a large text spent most of its time
    listing every breakable space first); a value with escapes is read character by
    character (:func:`_breakable_spaces_escaped`).
    """

    def __init__(self, value: str) -> None:
        self.value = value
        self.ascii = value.isascii()
        self.braces: list[int] = []
        self.depths: list[int] = []
        if "{" in value:
            depth = 0
            for brace in _BRACE.finditer(value):
                depth = max(0, depth + (1 if brace.group() == "{" else -1))
                self.braces.append(brace.start())
                self.depths.append(depth)

    def __call__(self, i: int) -> bool:
        value = self.value
        if self.ascii:
            if not _ASCII_SPACE_BETWEEN.match(value, i):
                return False
        elif not _SPACE_BETWEEN.match(value, i) or value[i + 1].isdigit():
            return False
        inside = bisect_right(self.braces, i) - 1
        return inside < 0 or not self.depths[inside]


_BRACE = re.compile(r"[{}]")
# Not beside other white space either (a no-break space): ruamel.yaml does not fold there.
_SPACE_BETWEEN = re.compile(r"(?<=[^\s\[]) (?=\S)")
# The same for ASCII text, not before a digit either (in ASCII, str.isdigit is 0-9).
_ASCII_SPACE_BETWEEN = re.compile(r"(?<=[^\s\[]) (?=[^\s0-9])")


def _breakable_spaces_escaped(value: str) -> list[int]:
    """The breakable spaces (:class:`_Breakable`), character by character, for a value with escapes (``\\{`` opens nothing)."""
    found, depth, escaped = [], 0, False
    for i, ch in enumerate(value):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "{}":
            depth = max(0, depth + (1 if ch == "{" else -1))
        elif ch == " " and not depth and _between_words(value, i):
            found.append(i)
    return found


def _between_words(value: str, i: int) -> bool:
    before, after = value[i - 1], value[i + 1 : i + 2]
    return not before.isspace() and before != "[" and after != "" and not after.isspace() and not after.isdigit()


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
