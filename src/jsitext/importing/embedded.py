"""What jsitext's own Word build embeds, invisibly, so that importing it gives the text back exactly.

A build of the whole text (the full view, every section, every kind of note)
carries a custom XML part (``customXml/item2.xml``; Word keeps such parts, and
nothing in it is shown or printed) holding, in the YAML shape of :mod:`.shape`
as JSON: text.yaml, each article with the bookmark of its heading, and the
withdrawn and merged articles, which the Word text lists only by title.  Beside
each article, and beside the rest of the document (its *frame*: cover, headings,
preamble, notes, annex), is a digest of what it shows (:func:`.docx_read.visible_digest`).

The visible text stays the truth: on import an article whose visible text still
has its digest is taken from the part, exactly; one edited in Word is read from
what it shows, as a hand-written text is (its id kept from the part).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..render.docx_layout import ANCHOR_PREFIX
from .docx_read import Block, W, read_blocks, read_footnotes, visible_digest
from .package import SAFE_PARSER

if TYPE_CHECKING:
    from ..model import Text

NAMESPACE = "urn:jsitext:source:1"
#: Styles of the contents and progress, which Word rewrites when it updates fields: not part of the frame.
_UNCOMPARED = ("TOC",)
_HEADINGS = frozenset({"Heading1", "Heading2", "Heading3"})


@dataclass
class Layout:
    """The blocks of a document split into its articles (by heading bookmark) and the frame around them."""

    frame: list[Block] = field(default_factory=list)
    articles: list[tuple[str, list[Block]]] = field(default_factory=list)


def split(blocks: Iterable[Block]) -> Layout:
    """BLOCKS as the frame and each article's blocks (heading to the next heading)."""
    layout = Layout()
    current: list[Block] | None = None
    for block in blocks:
        anchor = next((b for b in block.bookmarks if b.startswith(ANCHOR_PREFIX)), None)
        if anchor is not None:
            current = [block]
            layout.articles.append((anchor, current))
            continue
        if block.style in _HEADINGS:
            current = None
        if current is not None:
            current.append(block)
        elif block.kind == "paragraph" and not block.style.startswith(_UNCOMPARED):
            layout.frame.append(block)
    return layout


def source_part(text: Text, bookmarks: dict[str, str], body_xml: str, footnotes_xml: str) -> bytes:
    """The custom XML part of a build of TEXT whose body and footnotes are BODY_XML and FOOTNOTES_XML,
    each article's heading bookmarked as BOOKMARKS says."""
    from .shape import article_data, text_data

    body = etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{body_xml}</w:body>'.encode())
    notes = read_footnotes(etree.fromstring(footnotes_xml.encode()))
    layout = split(read_blocks(body, notes))
    root = etree.Element(f"{{{NAMESPACE}}}source", nsmap={None: NAMESPACE})
    root.set("frame", visible_digest(layout.frame))
    etree.SubElement(root, f"{{{NAMESPACE}}}text").text = _json(text_data(text))
    shown = {anchor: visible_digest(blocks) for anchor, blocks in layout.articles}
    for article_id, anchor in bookmarks.items():
        element = etree.SubElement(root, f"{{{NAMESPACE}}}article", id=article_id, bookmark=anchor, digest=shown.get(anchor, ""))
        element.text = _json(article_data(text.articles[article_id]))
    for article in text.ordered_articles():
        if article.is_retired:
            etree.SubElement(root, f"{{{NAMESPACE}}}retired", id=article.id).text = _json(article_data(article))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Embedded:
    """The part as read back: text.yaml, the frame's digest, articles by bookmark, retired articles."""

    text: dict[str, Any]
    frame: str
    articles: dict[str, tuple[str, str, dict[str, Any]]]  # bookmark -> (id, digest, data)
    retired: dict[str, dict[str, Any]]


def read_embedded(blobs: Iterable[bytes]) -> Embedded | None:
    """The part among BLOBS (the document's custom XML parts), or None when there is none or it is damaged."""
    for blob in blobs:
        try:
            root = etree.fromstring(blob, SAFE_PARSER)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}source":
            try:
                return _embedded(root)
            except (ValueError, TypeError, KeyError):
                return None
    return None


def _embedded(root: etree._Element) -> Embedded:
    text_element = root.find(f"{{{NAMESPACE}}}text")
    text = json.loads(text_element.text or "{}") if text_element is not None else {}
    articles = {}
    for element in root.iter(f"{{{NAMESPACE}}}article"):
        articles[element.get("bookmark", "")] = (element.get("id", ""), element.get("digest", ""), json.loads(element.text or "{}"))
    retired = {e.get("id", ""): json.loads(e.text or "{}") for e in root.iter(f"{{{NAMESPACE}}}retired")}
    if not isinstance(text, dict) or not all(isinstance(a[2], dict) for a in articles.values()):
        raise ValueError("not the shape of a text")
    return Embedded(text, root.get("frame", ""), articles, retired)
