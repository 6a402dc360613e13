"""Placing a finding: the file, line and column of a node or of a character in a text."""

from __future__ import annotations

from ..markup import Markup
from ..problems import Problem, problem
from ..yamlread import Node, Scalar


def at_node(node: object, path: str, code: str, message: str, breadcrumb: str = "") -> Problem:
    if isinstance(node, Node):
        return problem(node.doc.path, node.line, node.column, code, message, breadcrumb)
    return problem(path, 0, 0, code, message, breadcrumb)


def at_offset(markup: Markup, offset: int, path: str, code: str, message: str, breadcrumb: str = "") -> Problem:
    origin = markup.origin
    if isinstance(origin, Scalar):
        line, column = origin.locate(offset)
        return problem(origin.doc.path, line, column, code, message, breadcrumb)
    return problem(path, 0, 0, code, message, breadcrumb)


def key_node(origin: object, key: str) -> Node | None:
    """The value node of KEY in a mapping node, or None."""
    for k, v in getattr(origin, "pairs", ()):
        if isinstance(k, Scalar) and k.value == key:
            return v
    return None
