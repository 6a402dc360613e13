"""The output formats of ``jsitext build`` and the one function that renders each.

md, html and txt go through Jinja templates (see :mod:`.templates`); json is a
documented dict; docx is written by :mod:`jsitext.render.docx`, imported only when
asked for (python-docx is slow to import).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import RETIRED, STATUSES
from . import html, inline, markdown, text
from .resolve import Document
from .templates import TEMPLATE_NAMES, environment, render_template

FORMATS = ("md", "html", "docx", "txt", "json")
DEFAULT_FORMATS = ("md", "html", "docx")
#: The statuses counted on the contents page (retired ones are listed in the annex).
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")
COUNTED_STATUSES = tuple(s for s in STATUSES if s not in RETIRED)


def parse_formats(value: str | Any) -> tuple[str, ...]:
    """``md,html`` → ("md", "html"), duplicates dropped; UsageError names a bad one."""
    names = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for name in (n.strip().lower() for n in names):
        if not name:
            continue
        if name not in FORMATS:
            raise UsageError(f"unknown format {name!r}; choose from: {', '.join(FORMATS)}")
        if name not in out:
            out.append(name)
    if not out:
        raise UsageError(f"no format given; choose from: {', '.join(FORMATS)}")
    return tuple(out)


def render(document: Document, fmt: str, *, templates_dir: Path | None = None) -> bytes:
    """DOCUMENT rendered in format FMT, as the bytes of the file."""
    if fmt == "json":
        from .json import render_json

        return render_json(document)
    if fmt == "docx":
        return _render_docx(document)
    if fmt not in TEMPLATE_NAMES:
        raise UsageError(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")
    env = environment(templates_dir, {**markdown.FILTERS, **text.FILTERS, **html.FILTERS, **inline.FILTERS})
    out = render_template(env, TEMPLATE_NAMES[fmt], **template_context(document))
    if fmt == "html":
        out = html.separate_marks(out)
    else:
        # Blank lines are layout in md and txt: one is enough, whatever the template's loops left.
        out = _BLANK_LINES.sub("\n\n", out).lstrip("\n")
    return out.encode("utf-8")


def template_context(document: Document) -> dict[str, Any]:
    """What every template sees: the document and a few conveniences."""
    return {
        "doc": document,
        "meta": document.meta,
        "date": document.meta.date or build_date(),
        "statuses": COUNTED_STATUSES,
        "footnotes": {f.number: f for f in document.footnotes},
    }


def build_date() -> str | None:
    """The date a build may print: from SOURCE_DATE_EPOCH only (builds are reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")


def _render_docx(document: Document) -> bytes:
    try:
        from .docx import render_docx
    except ModuleNotFoundError as err:
        if err.name not in ("jsitext.render.docx", "docx"):
            raise
        raise UsageError(
            "the Word (docx) renderer is not available in this installation; build another format, e.g. --format md,html"
            if err.name == "jsitext.render.docx"
            else "python-docx is not installed: install it (pip install python-docx) or build another format, e.g. --format md,html"
        ) from None
    return render_docx(document)
