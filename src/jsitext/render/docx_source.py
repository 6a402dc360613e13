"""The source a Word build embeds for ``jsitext import``, and the YAML shape it is written in.

The YAML shape of a text is plain dicts and lists, keys as the format names them:
the build embeds its source in this shape (from the loaded
:class:`~jsitext.model.Text`) as JSON in a custom XML part, invisible (Word keeps
such parts and shows nothing of them); the importer's recogniser of hand-written
Word texts produces the same shape, and :mod:`jsitext.importing.write` lays it out
as fmt does.  How the import reads the part back, without trusting it:
:mod:`jsitext.importing.embedded`.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from ..markup import Markup
from ..members import Registry, builtin
from ..model import Article, ArticleAlternative, Item, Meta, Note, Paragraph, Section, Text

Data = dict[str, Any]
NAMESPACE = "urn:jsitext:source:1"
#: The invisible source of a whole-text build, for ``jsitext import`` (see :mod:`jsitext.importing.embedded`).
SOURCE_PART = "/customXml/item2.xml"


def source_part(text: Text) -> bytes:
    """The custom XML part of a build of TEXT: its source, as JSON in the YAML shape."""
    root = etree.Element(f"{{{NAMESPACE}}}source", nsmap={None: NAMESPACE})
    etree.SubElement(root, f"{{{NAMESPACE}}}text").text = _json(text_data(text))
    own = members_data(text.members) if text.members is not None else None
    if own:
        etree.SubElement(root, f"{{{NAMESPACE}}}members").text = _json(own)
    for article in text.ordered_articles():
        attributes = {"id": article.id, "file": text.files[article.id]} if article.id in text.files else {"id": article.id}
        etree.SubElement(root, f"{{{NAMESPACE}}}article", attributes).text = _json(article_data(article))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def members_data(registry: Registry) -> Data:
    """members.yaml of a text as a dict: what its REGISTRY adds to the built-in members (empty: none)."""
    known = builtin()
    out: Data = {}
    members = {code: m.name for code, m in registry.members.items() if code not in known.members}
    aliases = {alias: code for alias, code in registry.aliases.items() if alias not in known.aliases}
    groups = {code: {"name": g.name, "members": list(g.members)} for code, g in registry.groups.items() if code not in known.groups}
    for key, value in (("members", members), ("aliases", aliases), ("groups", groups)):
        if value:
            out[key] = value
    return out


def text_data(text: Text) -> Data:
    """text.yaml of TEXT as a dict (keys with no value left out, as a tidy file leaves them)."""
    meta: Meta = text.meta
    out: Data = {"title": meta.title}
    for key in ("subtitle", "symbol", "revision", "date", "access"):
        if getattr(meta, key):
            out[key] = getattr(meta, key)
    if meta.cover_note is not None:
        out["cover_note"] = meta.cover_note.raw
    _notes(out, meta.notes)
    out["numbering"] = meta.numbering
    out["attribution"] = meta.attribution
    if meta.preamble:
        out["preamble"] = [paragraph_data(p) for p in meta.preamble]
    out["sections"] = [_section(s) for s in text.sections]
    return out


def _section(section: Section) -> Data:
    out: Data = {"id": section.id}
    if section.kind != "section":
        out["kind"] = section.kind
    out["title"] = section.title
    _notes(out, section.notes)
    if section.subsections:
        out["subsections"] = []
        for sub in section.subsections:
            entry: Data = {"id": sub.id, "title": sub.title}
            _notes(entry, sub.notes)
            entry["articles"] = list(sub.articles)
            out["subsections"].append(entry)
    else:
        out["articles"] = list(section.articles)
    return out


def article_data(article: Article) -> Data:
    """An article file's content as a dict."""
    out: Data = {"title": article.title}
    if article.status != "open":
        out["status"] = article.status
    for key in ("merged_into", "small_group", "facilitator"):
        if getattr(article, key):
            out[key] = getattr(article, key)
    if article.proposed_by:
        out["proponents"] = list(article.proposed_by)
    if article.note is not None:
        out["note"] = article.note.raw
    _notes(out, article.notes)
    if article.alternatives:
        out["alternatives"] = [_article_alternative(a) for a in article.alternatives]
    else:
        out["paragraphs"] = [paragraph_data(p) for p in article.paragraphs]
    return out


def _article_alternative(alternative: ArticleAlternative) -> Data:
    out: Data = {"proponents": list(alternative.proponents)}
    if alternative.title is not None:
        out["title"] = alternative.title
    out["paragraphs"] = [paragraph_data(p) for p in alternative.paragraphs]
    return out


def paragraph_data(paragraph: Paragraph) -> Data:
    out: Data = {}
    if paragraph.id:
        out["id"] = paragraph.id
    if paragraph.proponents:
        out["proponents"] = list(paragraph.proponents)
    if paragraph.alternatives:
        out["alternatives"] = [paragraph_data(a) for a in paragraph.alternatives]
    else:
        out["text"] = _raw(paragraph.text)
        if paragraph.items:
            out["items"] = [_item(i) for i in paragraph.items]
    if paragraph.footnote is not None:
        out["footnote"] = paragraph.footnote.raw
    _notes(out, paragraph.notes)
    return out


def _item(item: Item) -> Data:
    out: Data = {"id": item.id} if item.id else {}
    out["text"] = item.text.raw
    if item.items:
        out["items"] = [_item(i) for i in item.items]
    return out


def _notes(out: Data, notes: tuple[Note, ...]) -> None:
    if notes:
        out["notes"] = [{"kind": n.kind, "text": n.text.raw} for n in notes]


def _raw(markup: Markup | None) -> str:
    return markup.raw if markup is not None else ""
