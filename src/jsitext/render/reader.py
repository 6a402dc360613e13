"""The reader: the html page with a script that filters, searches and highlights it.

``jsitext build --format reader`` writes ``consolidated-reader.html``: the text rendered
by the html template itself (``consolidated-reader.html.j2`` extends
``consolidated.html.j2`` through its blocks), with the hooks of :class:`~.html.Hooks`
on its elements; the clean copy of the same text, rendered by the same macros, in a
``<template>`` for ``#view=clean``; with ``--since REV``, the diff's changes and
redlines in another for ``#changed``; the data the script reads as JSON in
``<script type="application/json">`` (:func:`~jsitext.escape.script_json`); and the
script and its styles inline (``templates/_reader/``): one file, nothing fetched.
The script only shows, hides and marks what the templates rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..escape import script_json
from ..formats import Options
from ..members import Registry, builtin
from ..model import Text
from . import html, inline, markdown, text
from .consolidated import template_context
from .resolve import Document, View, resolve
from .templates import environment, render_template

TEMPLATE = "consolidated-reader.html.j2"
#: The clean copy's ids and links are its own: it is shown beside the full text, hidden, not
#: swapped for it (removing the full text from the page took most of a switch's time).
CLEAN_PREFIX = "clean-"


@dataclass(frozen=True)
class ReaderExtras:
    """What the reader shows besides the document it is given: made by the build."""

    registry: Registry
    clean: Document | None = None  # the clean copy of the same text (None: the build is the clean view)
    since: str | None = None  # the revision --since named
    changes: dict[str, Any] | None = None  # the diff's report context (diff.present.context)


def reader_extras(text: Text, document: Document, since: str | None = None, changes: dict[str, Any] | None = None) -> ReaderExtras:
    """The clean copy of TEXT in DOCUMENT's section and attribution, and the changes since SINCE."""
    registry = text.members or builtin()
    clean = None
    if document.view.name != "clean":
        clean = resolve(text, View("clean", section=document.view.section), attribution=document.attribution)
    return ReaderExtras(registry, clean, since, changes)


def render_reader(document: Document, options: Options) -> bytes:
    extras: ReaderExtras = options.reader or ReaderExtras(builtin())
    templates = options.templates_dir
    clean = _own_ids(_render(templates, "_reader/clean.html.j2", extras.clean, extras.registry), CLEAN_PREFIX) if extras.clean is not None else Markup("")
    changes = _render(templates, "_reader/changes.html.j2", document, extras.registry, changes=_changes(document, extras)) if extras.changes else Markup("")
    reader = {"clean": clean, "changes": changes, "since": extras.since, "members": _members(document, extras.registry), "data": _data(document, extras)}
    page = _render(templates, TEMPLATE, document, extras.registry, reader=reader)
    return html.separate_marks(page).encode("utf-8")


def _render(templates: Path | None, name: str, document: Document, registry: Registry, **context: Any) -> Markup:
    """NAME rendered for DOCUMENT with the reader's hooks (each document numbers its own footnotes)."""
    hooks = html.Hooks(registry, document.footnotes)
    filters: dict[str, Callable[..., object]] = {
        **markdown.FILTERS,
        **text.FILTERS,
        **html.FILTERS,
        **inline.FILTERS,
        "html_segments": partial(inline.html_segments, hooks=hooks),
        "html_marker": partial(inline.html_marker, hooks=hooks),
        "proponent_hooks": hooks.proponent_hooks,
        "article_hooks": hooks.article_hooks,
    }
    env = environment(templates, filters)
    return Markup(render_template(env, name, **template_context(document), **context))


def _own_ids(page: Markup, prefix: str) -> Markup:
    """PAGE with PREFIX before every id and every link to one.  The text is escaped (a quote is
    ``&#34;``), so ``id="`` and ``href="#`` are only ever the templates' own attributes."""
    return Markup(re.sub(r'(\s(?:id="|href="#))', rf"\1{prefix}", str(page)))


def _members(document: Document, registry: Registry) -> list[tuple[str, str]]:
    """The codes a delegate may pick: every code the text names, and the members of its groups."""
    codes = {m for code, _ in document.parties for m in registry.expand(code)}
    return [(code, registry.name(code)) for code in sorted(codes)]


def _changes(document: Document, extras: ReaderExtras) -> dict[str, Any]:
    """The diff's context, each changed article with its status and section in this text."""
    where = {a.id: a for a in document.articles}
    assert extras.changes is not None
    return {**extras.changes, "since": extras.since, "where": where}


def _data(document: Document, extras: ReaderExtras) -> Markup:
    """What the script reads: the members' names, and the revision of --since."""
    names = {code: name for code, name in _members(document, extras.registry)}
    return Markup(script_json({"names": names, "since": extras.since, "changes": extras.changes is not None}))
