"""The consolidated text in each format of ``jsitext build`` (the registry: :mod:`jsitext.formats`).

md, html and txt go through Jinja templates (see :mod:`.templates`); json is a
documented dict; docx is written by :mod:`jsitext.render.docx`, imported only when
asked for (python-docx is slow to import).  Each ``render_<format>`` is a renderer
of the registry: ``(Document, Options) -> bytes``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..formats import Options
from ..model import RETIRED, STATUSES
from . import html, inline, markdown, text
from .dates import build_date
from .resolve import Document
from .templates import TEMPLATE_NAMES, environment, render_template

#: The statuses counted on the contents page (retired ones are listed in the annex).
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")
COUNTED_STATUSES = tuple(s for s in STATUSES if s not in RETIRED)


def render_md(document: Document, options: Options) -> bytes:
    return _through_template(document, "md", options.templates_dir)


def render_html(document: Document, options: Options) -> bytes:
    return _through_template(document, "html", options.templates_dir)


def render_txt(document: Document, options: Options) -> bytes:
    return _through_template(document, "txt", options.templates_dir)


def render_json(document: Document, options: Options) -> bytes:
    from .json import render_json as as_json

    return as_json(document)


def _through_template(document: Document, fmt: str, templates_dir: Path | None) -> bytes:
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


def render_docx(document: Document, options: Options) -> bytes:
    try:
        from .docx import render_docx as write_docx
    except ModuleNotFoundError as err:
        if err.name not in ("jsitext.render.docx", "docx"):
            raise
        raise UsageError(
            "the Word (docx) renderer is not available in this installation; build another format, e.g. --format md,html"
            if err.name == "jsitext.render.docx"
            else "python-docx is not installed: install it (pip install python-docx) or build another format, e.g. --format md,html"
        ) from None
    return write_docx(document)
