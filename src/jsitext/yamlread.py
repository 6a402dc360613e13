"""YAML with positions: bytes in, a small tree of nodes that know their line and column.

The tree is composed here, iteratively, from the events of ruamel.yaml's C parser
(libyaml), rather than by its composer, because:

* the C composer recurses and crashes the interpreter on deeply nested input;
* events carry anchors, aliases and explicit tags before anything is expanded, so an
  alias bomb or a ``!!python/object`` tag is refused at no cost;
* every scalar stays a string: typing is the schema's job (``NO`` is Norway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NoReturn

from .problems import Problem, problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Characters that corrupt Word's XML or that YAML counts as line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# In a double-quoted value, a carriage return can only come from an escape ("\r"):
# raw ones are line ends.  It breaks Markdown and terminals like the others.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Control characters reported per file or scalar: locating each one costs a scan of
# the text, and a file of nothing else would take minutes to report in full.
_MAX_CONTROL_PROBLEMS = 20


@dataclass(eq=False, slots=True)
class Document:
    """One file's decoded text, shared by its nodes to locate characters."""

    path: str
    text: str


@dataclass(eq=False, slots=True)
class Node:
    doc: Document = field(repr=False)
    line: int  # 1-based
    column: int  # 1-based
    index: int  # 0-based character offset in the document


@dataclass(eq=False, slots=True)
class Scalar(Node):
    value: str = ""
    style: str = ""  # '' plain, "'", '"', '|', '>'
    end_index: int = 0
    # Where the last locate() stopped (value index, file index, line, column): the
    # findings in one scalar come in reading order, so each search goes on from there.
    cursor: tuple[int, int, int, int] | None = field(default=None, repr=False)

    @property
    def is_null(self) -> bool:
        return self.style == "" and self.value in _NULLS

    def locate(self, offset: int) -> tuple[int, int]:
        """The (line, column) in the file of character OFFSET of the value."""
        return locate_in_scalar(self, offset)


@dataclass(eq=False, slots=True)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Mapping(Node):
    pairs: list[tuple[Node, Node]] = field(default_factory=list)


@dataclass
class ReadResult:
    root: Node | None
    problems: list[Problem]


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with LF line ends (a BOM and CRLF accepted), or the encoding problems."""
    if len(data) > MAX_FILE_BYTES:
        return None, [problem(path, 0, 0, "file-too-large", too_large(len(data)))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        msg = f"byte 0x{data[err.start]:02x} at offset {err.start} is not valid UTF-8; save the file as UTF-8"
        return None, [problem(path, line, column, "encoding", msg)]
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = [_control_problem(path, text, m.start()) for m in islice(_CONTROL.finditer(text), _MAX_CONTROL_PROBLEMS)]
    return (None, found) if found else (text, [])


def too_large(size: int, limit: int = MAX_FILE_BYTES, *, grown: bool = False) -> str:
    """The file-too-large message; GROWN when only the first LIMIT + 1 bytes were read."""
    limit_text = f"the limit of {limit // (1024 * 1024)} MiB per file"
    return f"file is larger than {limit_text}; split the article" if grown else f"file is {size:,} bytes, over {limit_text}; split the article"


def _control_problem(path: str, text: str, index: int) -> Problem:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    msg = f"control character U+{ord(text[index]):04X} is not allowed (Word files cannot hold it); delete it"
    return problem(path, line, column, "control-character", msg)


def read_yaml(path: str, data: bytes) -> ReadResult:
    """Decode and compose one file, every failure becoming a positioned Problem."""
    text, problems = decode(path, data)
    if text is None:
        return ReadResult(None, problems)
    return _Composer(Document(path, text)).run()


class _Composer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def run(self) -> ReadResult:
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        try:
            root = self._compose()
        except MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            what = " ".join(x for x in (err.context, err.problem) if x)
            line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            found = self.doc.text[mark.index : mark.index + 1] if mark else ""
            lines = self.doc.text.split("\n")
            # the mark of an error at the end of the file may be one line past the last
            hint = _yaml_hint(what, found, lines[line - 1] if 0 < line <= len(lines) else "")
            self._add(line, column, "yaml-syntax", f"invalid YAML: {what}{hint}")
            root = None
        except YAMLError as err:
            self._add(0, 0, "yaml-syntax", f"invalid YAML: {err}")
            root = None
        except _Refused:
            root = None
        return ReadResult(root, self.problems)

    def _add(self, line: int, column: int, code: str, msg: str) -> None:
        self.problems.append(problem(self.doc.path, line, column, code, msg))

    def _compose(self) -> Node | None:
        from ruamel.yaml import events as ev
        from ruamel.yaml.clib._ruamel_yaml import CParser

        parser = CParser(self.doc.text)
        stack: list[Node] = []
        pending_keys: list[Node | None] = []
        # the keys seen in each open mapping, so a duplicate is found in constant time
        seen: list[dict[str, Scalar]] = []
        root: Node | None = None
        documents = 0
        node_events = {ev.ScalarEvent: Scalar, ev.SequenceStartEvent: Sequence, ev.MappingStartEvent: Mapping}
        end_events = (ev.SequenceEndEvent, ev.MappingEndEvent)
        while True:
            event = parser.get_event()
            kind = type(event)
            node_type = node_events.get(kind)
            if node_type is None:
                if kind in end_events:
                    stack.pop()
                    pending_keys.pop()
                    seen.pop()
                elif kind is ev.StreamEndEvent:
                    return root
                elif kind is ev.DocumentStartEvent:
                    documents += 1
                    self._refuse_second_document(event, documents)
                    if event.version:
                        self._refuse(event, "yaml-directive", _DIRECTIVE)
                elif kind is ev.AliasEvent:
                    self._refuse(event, "yaml-alias", "YAML aliases ('*name') are not allowed; write the text out")
                continue
            node = self._node(node_type, event)
            if stack:
                self._attach(stack, pending_keys, seen[-1], node)
            else:
                root = node
            if node_type is not Scalar:
                if len(stack) >= MAX_DEPTH:
                    self._refuse(event, "nesting-too-deep", f"YAML nested deeper than {MAX_DEPTH} levels")
                stack.append(node)
                pending_keys.append(None)
                seen.append({})

    def _attach(self, stack: list[Node], pending_keys: list[Node | None], seen: dict[str, Scalar], node: Node) -> None:
        parent = stack[-1]
        if type(parent) is Sequence:
            parent.items.append(node)
            return
        key = pending_keys[-1]
        if key is None:
            pending_keys[-1] = node
        else:
            self._check_duplicate(seen, key)
            # type() is what this hot path can afford (not isinstance, which mypy would narrow on): not a Sequence, so a Mapping
            parent.pairs.append((key, node))  # type: ignore[attr-defined]
            pending_keys[-1] = None

    def _check_duplicate(self, seen: dict[str, Scalar], key: Node) -> None:
        if not isinstance(key, Scalar):
            return
        other = seen.setdefault(key.value, key)
        if other is not key:
            msg = f"key {key.value!r} appears twice in this mapping (first on line {other.line}); keep one"
            self._add(key.line, key.column, "duplicate-key", msg)

    def _node(self, node_type: type[Node], event: Any) -> Node:
        """A node for a scalar or collection start, refusing anchors and tags.

        EVENT comes from ruamel's C parser, which has no type information (hence Any).
        """
        if event.anchor:
            self._refuse(event, "yaml-alias", "YAML anchors ('&name') are not allowed; remove the anchor")
        tag = event.tag
        if tag and tag != "!":
            short = tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(event, "yaml-tag", f"YAML tag {short!r} is not allowed; remove it (quote the value if it is text)")
        m = event.start_mark
        if node_type is Scalar:
            style = event.style or ""
            scalar = Scalar(self.doc, m.line + 1, m.column + 1, m.index, event.value, style, event.end_mark.index)
            if style == '"' and _ESCAPED_CONTROL.search(scalar.value):
                self._refuse_escaped_control(scalar)
            return scalar
        return node_type(self.doc, m.line + 1, m.column + 1, m.index)

    def _refuse_escaped_control(self, scalar: Scalar) -> None:
        """A double-quoted escape such as \\x07 must not bring in what the raw text may not hold."""
        for m in islice(_ESCAPED_CONTROL.finditer(scalar.value), _MAX_CONTROL_PROBLEMS):
            line, column = scalar.locate(m.start())
            msg = f"control character U+{ord(m.group()):04X}, written as an escape, is not allowed (Word files cannot hold it); delete it"
            self._add(line, column, "control-character", msg)

    def _refuse_second_document(self, event: object, documents: int) -> None:
        if documents > 1:
            self._refuse(event, "yaml-syntax", "a file holds one YAML document; remove the second '---'")

    def _refuse(self, event: Any, code: str, message: str) -> NoReturn:
        m = event.start_mark
        self._add(m.line + 1, m.column + 1, code, message)
        raise _Refused


_DIRECTIVE = (
    "a %YAML directive is not allowed: jsitext reads every value as text under one rule, "
    "and a version could make other YAML tools read 'NO' or '+12' otherwise; delete the line (and the '---' after it)"
)


class _Refused(Exception):
    """The file was refused with a problem already recorded."""


def _yaml_hint(what: str, found: str, line: str) -> str:
    if found == "\t" or "tab" in what.lower():
        return "; indent with spaces, not tabs"
    if found in ("@", "`"):
        return "; a value cannot begin with '@' in plain YAML: write it as a block (>-) or quote it"
    if re.search(r":\s+[\[{]", line) or re.match(r"\s*-\s+[\[{]", line):
        return "; a value beginning with '[' or '{' is read by YAML as a list or mapping: write the text as a block (>-) on the next lines, or quote it"
    if "mapping values are not allowed" in what:
        return "; a ': ' inside a value needs the value written as a block (>-) or quoted"
    return ""


def locate_in_scalar(node: Scalar, offset: int) -> tuple[int, int]:
    """Map a character of a scalar's value back to its line and column in the file.

    The value is matched against the raw source, character by character: YAML only
    removes indentation, folds line breaks and undoes quoting and escapes, so every
    character of the value other than folded white space appears in order in the
    source.  The offending characters jsitext reports are never white space.
    """
    text = node.doc.text
    end = max(node.end_index, node.index)
    cursor = node.cursor if node.cursor is not None and node.cursor[0] <= offset else _value_start(node, end)
    first, pos, line, column = cursor
    value = node.value
    for i in range(first, min(offset, len(value)) + 1):
        if i == len(value):
            break
        shown, size = _source_char(text, pos, node.style)
        while pos < end and not _same(shown, value[i]):
            line, column = _advance(text, pos, pos + size, line, column)
            pos += size
            shown, size = _source_char(text, pos, node.style)
        if i == offset:
            node.cursor = (i, pos, line, column)
        if i == offset or pos >= end:
            break
        line, column = _advance(text, pos, pos + size, line, column)
        pos += size
    return line, column


def _value_start(node: Scalar, end: int) -> tuple[int, int, int, int]:
    """Where the value's first character is searched for: after the quote or the block header."""
    pos = node.index
    if node.style in ("|", ">"):
        pos = node.doc.text.find("\n", pos, end) + 1 or end
    elif node.style in ("'", '"'):
        pos += 1
    return 0, pos, *_advance(node.doc.text, node.index, pos, node.line, node.column)


# YAML's double-quoted escapes, so that '\u00e9' in the file matches 'é' in the value.
_ESCAPED = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
    "\n": "",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _source_char(text: str, pos: int, style: str) -> tuple[str, int]:
    """The value character written at POS of the file, and how many file characters it takes."""
    if style != '"' or text[pos : pos + 1] != "\\" or pos + 1 >= len(text):
        return text[pos : pos + 1], 1
    letter = text[pos + 1]
    digits = _HEX_ESCAPES.get(letter)
    if digits:
        try:
            return chr(int(text[pos + 2 : pos + 2 + digits], 16)), 2 + digits
        except ValueError:
            return "", 2
    return _ESCAPED.get(letter, letter), 2


def _same(raw: str, wanted: str) -> bool:
    if not raw:  # an escaped line break stands for nothing in the value
        return False
    if wanted in " \n":
        return raw in " \n"
    return raw == wanted


def _advance(text: str, start: int, stop: int, line: int, column: int) -> tuple[int, int]:
    for ch in text[start:stop]:
        if ch == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return line, column
