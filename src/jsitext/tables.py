"""Tables of figures as plain aligned text and as Markdown: the one printer of stats and progress.

Cells are text; a column is right-aligned when RIGHT says so (numbers, signed
changes).  Every cell is escaped for its medium: control characters made visible
in plain text, Markdown's syntax (and HTML) made literal in Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from .escape import markdown as md_escape
from .escape import visible

Row = Sequence[str]


def plain(headers: Row, rows: Sequence[Row], right: Sequence[bool]) -> str:
    """HEADERS and ROWS as columns two spaces apart, each as wide as its widest cell."""
    shown = [[visible(c) for c in r] for r in [headers, *rows]]
    widths = [max(len(r[i]) for r in shown) for i in range(len(headers))]

    def line(cells: Row) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    return "".join(line(r) + "\n" for r in shown)


def markdown(headers: Row, rows: Sequence[Row], right: Sequence[bool]) -> str:
    """HEADERS and ROWS as a GitHub-flavoured Markdown table."""

    def line(cells: Row) -> str:
        return "| " + " | ".join(md_escape(c, line_start=False) for c in cells) + " |\n"

    rule = "|" + "|".join("--:" if r else "---" for r in right) + "|\n"
    return line(headers) + rule + "".join(line(r) for r in rows)
