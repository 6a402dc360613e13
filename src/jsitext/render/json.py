"""JSON: the resolved document for other tools (documented in ``docs/json.md``).

Stable keys in a fixed order; every article carries its number as printed and its
"brackets remaining" (the one definition of :class:`jsitext.model.Counts`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Counts
from .resolve import DocAlternative, DocArticle, DocArticleAlternative, DocItem, DocNote, DocParagraph, DocSection, Document, Segment, plain_wording

SCHEMA_VERSION = 1


def render_json(document: Document) -> bytes:
    """The document as indented JSON (UTF-8, keys in a fixed order, newline at the end)."""
    return (json.dumps(as_dict(document), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_dict(document: Document) -> dict[str, Any]:
    """The documented JSON object of a resolved document.

    Keys of format-2 constructs (preamble, annexes, proposed and alternative articles)
    appear only where the text uses them, so a format-1 text's JSON is as it was.
    """
    meta = document.meta
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "symbol": meta.symbol,
        "revision": meta.revision,
        "date": meta.date,
        "access": meta.access,
        "cover_note": plain(document.cover_note),
        "numbering": meta.numbering,
        "attribution": document.attribution,
        "view": {"name": document.view.name, "member": document.view.member, "section": document.view.section},
        "counts": _counts(document.counts, document.statuses),
        "sections": [_section(s) for s in document.sections],
        "articles": [_article(a) for a in document.articles],
        "footnotes": [{"number": f.number, "kind": f.kind, "text": plain(f.segments)} for f in document.footnotes],
        "annex": [
            {"id": r.id, "title": r.title, "status": r.status, "merged_into": r.merged_into, "merged_into_number": r.merged_into_heading}
            for r in document.annex
        ],
    }
    if document.preamble:
        out["preamble"] = [_paragraph(p) for p in document.preamble]
        out["preamble_counts"] = document.preamble_counts.as_dict()
    return _with_notes(document.notes, out)


def _with_notes(notes: Sequence[DocNote], row: dict[str, Any]) -> dict[str, Any]:
    """ROW with ``notes`` at its end when it has any: a text without typed notes prints as before them."""
    if notes:
        row["notes"] = [{"kind": n.kind, "label": n.label, "text": plain(n.segments)} for n in notes]
    return row


def _with_anchor(anchor: str, row: dict[str, Any]) -> dict[str, Any]:
    """ROW with ``id`` (the paragraph's or item's own id) when it has one."""
    if anchor:
        row["id"] = anchor.rsplit("/", 1)[1]
    return row


def plain(segments: Sequence[Segment]) -> str:
    """The wording as printed, brackets and options kept, attributions and footnote marks left out."""
    return plain_wording(segments)


def _counts(counts: Counts, statuses: dict[str, int]) -> dict[str, Any]:
    return {**counts.as_dict(), "statuses": dict(statuses)}


def _section(section: DocSection) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": section.id,
        "title": section.title,
        "subsections": [
            _with_notes(g.notes, {"id": g.id, "title": g.title, "articles": [a.id for a in g.articles]}) for g in section.groups if g.is_subsection
        ],
        "articles": [a.id for a in section.articles],
        "counts": _counts(section.counts, section.statuses),
    }
    if section.kind == "annex":
        out.update(kind=section.kind, heading=section.heading)
    return _with_notes(section.notes, out)


def _article(article: DocArticle) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "number": article.number,
        "heading": article.heading,
        "title": article.title,
        "status": article.status,
        "section": article.section,
        "subsection": article.subsection,
        "small_group": article.small_group,
        "facilitator": article.facilitator,
        "note": plain(article.note) or None,
        "paragraphs": [_paragraph(p) for p in article.paragraphs],
        "brackets": article.counts.brackets,
        "options": article.counts.options,
        **_title_segments(article.title_segments),
    }
    if article.annex:
        out["annex"] = article.annex
    if article.kind == "proposal":
        out.update(kind=article.kind, proponents=article.proponents, proposal_note=article.proposal_note)
    elif article.kind == "alternatives":
        out.update(kind=article.kind, alternatives=[_article_alternative(a) for a in article.alternatives])
    return _with_notes(article.notes, out)


def _title_segments(segments: tuple[Segment, ...]) -> dict[str, Any]:
    """A title with markup (format 2), an article's or a version's, as segments too; a plain
    title is its "title" alone."""
    plain_title = all(s.kind == "text" and not s.depth for s in segments)
    return {} if plain_title else {"title_segments": _segments(segments)}


def _article_alternative(alternative: DocArticleAlternative) -> dict[str, Any]:
    return {
        "label": alternative.label,
        "title": alternative.title,
        "proponents": alternative.proponents or None,
        "note": alternative.note,
        "paragraphs": [_paragraph(p) for p in alternative.paragraphs],
        **_title_segments(alternative.title_segments),
    }


def _paragraph(paragraph: DocParagraph) -> dict[str, Any]:
    row = {
        "label": paragraph.label,
        "kind": paragraph.kind,
        "text": plain(paragraph.segments),
        "segments": _segments(paragraph.segments),
        "items": _items(paragraph.items),
        "proponents": paragraph.proponents or None,
        "note": paragraph.note,
        "footnote": paragraph.footnote,
        "alternatives": [_alternative(a) for a in paragraph.alternatives],
    }
    return _with_notes(paragraph.notes, _with_anchor(paragraph.anchor, row))


def _alternative(alternative: DocAlternative) -> dict[str, Any]:
    return {
        "label": alternative.label,
        "text": plain(alternative.segments),
        "segments": _segments(alternative.segments),
        "items": _items(alternative.items),
        "proponents": alternative.proponents or None,
        "note": alternative.note,
        "footnote": alternative.footnote,
    }


def _items(items: Sequence[DocItem]) -> list[dict[str, Any]]:
    return [_with_anchor(i.anchor, {"label": i.label, "text": plain(i.segments), "segments": _segments(i.segments), "items": _items(i.items)}) for i in items]


def _segments(segments: Sequence[Segment]) -> list[dict[str, Any]]:
    out = []
    for s in segments:
        row: dict[str, Any] = {"kind": s.kind, "text": s.text, "depth": s.depth}
        if s.note is not None:
            row["note"] = s.note
        if s.target:
            row["target"] = s.target
        if s.place:
            row["place"] = s.place
        if s.mine:
            row["mine"] = True
        out.append(row)
    return out
