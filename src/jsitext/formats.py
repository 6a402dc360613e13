"""Every output format of every command, in one registry.

A :class:`Format` is one entry: its name (what ``--format`` takes), the suffix of
its output file (``.md``, ``.akn.xml``, ``-reader.html``: not always the name),
what it renders, whether it is binary, and its renderer.  Commands parse, check,
describe (``--help``) and name their outputs through this module, so adding a
format is one entry here and one renderer function; ``jsitext --help`` stays quick
because a renderer is named as ``module:function`` and imported only when used.

What a format renders, and its renderer's signature (``options`` is :class:`Options`):

* ``text``: the consolidated text, ``jsitext build``: ``(Document, Options)``;
* ``diff``: ``jsitext diff``: ``(DiffResult, Options)``;
* ``progress``: ``jsitext progress``: ``(Progress, Options)``;
* ``stats``: ``jsitext stats``: ``(TextStats, Options)``;
* ``positions``: ``jsitext positions``: ``(PositionsTable, Options)``;
* ``problems`` (``jsitext check``) and ``members``: printed by the command (no renderer).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from .errors import UsageError


# NamedTuples, not dataclasses: this module is imported for every command's --help, and
# making a dataclass costs more than the rest of it (about 5 ms).
class Options(NamedTuple):
    """What a renderer may need besides its subject (give them by name)."""

    templates_dir: Path | None = None
    author: str | None = None  # the Word redline's tracked changes
    article: str | None = None  # the Word redline: only this article marked
    reader: Any = None  # the reader's other views (render/reader.py: ReaderExtras), made by the build


#: A renderer: its subject (what the format renders) and the options, to the file's bytes or text.
Renderer = Callable[[Any, Options], bytes | str]


class Format(NamedTuple):
    name: str
    #: What follows the output file's stem: "consolidated" + ".md" (a view's suffix between).
    suffix: str
    #: What it renders: text, diff, progress, stats, positions, problems or members.
    renders: str
    description: str
    binary: bool = False
    #: "module:function" (imported when used); "" when the command prints it itself.
    renderer: str = ""

    def render(self, subject: object, options: Options | None = None) -> bytes:
        """SUBJECT in this format, as the bytes of the file (a renderer's text is written as UTF-8;
        a file name that is not UTF-8, held as surrogates, is written as an escape)."""
        if not self.renderer:
            raise TypeError(f"the {self.renders} format {self.name!r} is printed by its command")
        out = self.function()(subject, options or Options())
        return out.encode("utf-8", "backslashreplace") if isinstance(out, str) else out

    def function(self) -> Renderer:
        module, _, name = self.renderer.partition(":")
        function: Renderer = getattr(importlib.import_module(module), name)
        return function

    def output_name(self, stem: str) -> str:
        """``consolidated-clean`` → ``consolidated-clean.docx``."""
        return stem + self.suffix


FORMATS: tuple[Format, ...] = (
    Format("md", ".md", "text", "Markdown", renderer="jsitext.render.consolidated:render_md"),
    Format("html", ".html", "text", "HTML", renderer="jsitext.render.consolidated:render_html"),
    Format("docx", ".docx", "text", "Word", binary=True, renderer="jsitext.render.consolidated:render_docx"),
    Format("txt", ".txt", "text", "plain text", renderer="jsitext.render.consolidated:render_txt"),
    Format("json", ".json", "text", "JSON", renderer="jsitext.render.consolidated:render_json"),
    Format("pdf", ".pdf", "text", "PDF", binary=True, renderer="jsitext.render.pdf:render_pdf"),
    Format("akn", ".akn.xml", "text", "Akoma Ntoso 3.0 XML", renderer="jsitext.render.akn:render_akn"),
    Format("reader", "-reader.html", "text", "HTML to filter and search", renderer="jsitext.render.reader:render_reader"),
    Format("text", ".txt", "diff", "a report, in colour on a terminal", renderer="jsitext.diff.present:as_text"),
    Format("json", ".json", "diff", "JSON", renderer="jsitext.diff.present:as_json"),
    Format("md", ".md", "diff", "Markdown", renderer="jsitext.diff.present:render_md"),
    Format("html", ".html", "diff", "HTML", renderer="jsitext.diff.present:render_html"),
    Format("docx", ".docx", "diff", "Word", binary=True, renderer="jsitext.diff.docx_redline:render_docx"),
    Format("pdf", ".pdf", "diff", "PDF", binary=True, renderer="jsitext.diff.present:render_pdf"),
    Format("text", ".txt", "progress", "a bar chart, in colour on a terminal", renderer="jsitext.progress:as_text"),
    Format("json", ".json", "progress", "JSON", renderer="jsitext.progress:as_json"),
    Format("md", ".md", "progress", "Markdown", renderer="jsitext.progress:as_markdown"),
    Format("svg", ".svg", "progress", "an SVG chart for slides", renderer="jsitext.progress:as_svg"),
    Format("text", ".txt", "stats", "a table, in colour on a terminal", renderer="jsitext.stats:as_text"),
    Format("json", ".json", "stats", "JSON", renderer="jsitext.stats:as_json"),
    Format("md", ".md", "stats", "Markdown", renderer="jsitext.stats:as_markdown"),
    Format("xlsx", ".xlsx", "positions", "an Excel workbook", binary=True, renderer="jsitext.positions_xlsx:render_xlsx"),
    Format("html", ".html", "positions", "HTML, sortable", renderer="jsitext.positions:as_html"),
    Format("md", ".md", "positions", "Markdown", renderer="jsitext.positions:as_markdown"),
    Format("csv", ".csv", "positions", "CSV", renderer="jsitext.positions:as_csv"),
    Format("json", ".json", "positions", "JSON", renderer="jsitext.positions:as_json"),
    Format("text", "", "problems", "file:line:col: lines, in colour on a terminal"),
    Format("json", "", "problems", "JSON"),
    Format("github", "", "problems", "GitHub Actions annotations"),
    Format("text", "", "members", "a table"),
    Format("json", "", "members", "JSON"),
)

#: The formats ``jsitext build`` writes when none is named.
DEFAULT_BUILD = ("md", "html", "docx")


def formats(renders: str) -> tuple[Format, ...]:
    """The formats of one kind of output, in the registry's order."""
    return tuple(f for f in FORMATS if f.renders == renders)


def names(renders: str) -> tuple[str, ...]:
    return tuple(f.name for f in formats(renders))


def get(name: str, renders: str) -> Format:
    """The format NAME of RENDERS; UsageError (exit 2) naming the choices when there is none."""
    for candidate in formats(renders):
        if candidate.name == name:
            return candidate
    raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(names(renders))}")


def parse_list(value: str | Iterable[str], renders: str) -> tuple[Format, ...]:
    """``md,html`` → those formats in that order, duplicates dropped; UsageError names a bad one."""
    given = value.split(",") if isinstance(value, str) else list(value)
    out: list[Format] = []
    for name in (n.strip().lower() for n in given):
        if name and (chosen := get(name, renders)) not in out:
            out.append(chosen)
    if not out:
        raise UsageError(f"no format given; choose one of: {', '.join(names(renders))}")
    return tuple(out)


def help_text(renders: str) -> str:
    """``--format``'s help: "md (Markdown), html (HTML), ..."."""
    return ", ".join(f"{f.name} ({f.description})" for f in formats(renders))
