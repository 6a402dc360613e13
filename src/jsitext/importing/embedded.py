"""What jsitext's own Word build embeds, invisibly, so that importing it gives the text back exactly.

A build of the whole text (the full view, every section, every kind of note)
carries a custom XML part (``customXml/item2.xml``; Word keeps such parts, and
nothing in it is shown or printed) holding the text's source in the YAML shape of
:mod:`jsitext.render.docx_source`, as JSON: text.yaml and every article, the withdrawn and merged
ones too (the Word text lists those only by title).

The part is never trusted.  The visible text is the truth: on import the source in
the part is rendered again as the build renders it, and an article is taken from
the part only when that rendering shows exactly what the Word file shows
(:func:`.docx_read.visible_digest` of both); an article edited in Word (or a part
made to say something else) is read from its visible text, as a hand-written
text is, keeping its id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..render.docx_layout import ANCHOR_PREFIX
from ..render.docx_source import NAMESPACE
from .docx_read import Block, W, read_footnotes, shown_blocks, visible_digest
from .package import SAFE_PARSER

if TYPE_CHECKING:
    from ..model import Text
    from ..problems import Problem

#: Styles of the contents and progress, which Word rewrites when it updates fields: not part of the frame.
_UNCOMPARED = ("TOC",)
_HEADINGS = frozenset({"Heading1", "Heading2", "Heading3"})
_ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FILE = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml")


@dataclass
class Layout:
    """The blocks of a document split into its articles (by heading bookmark) and the frame around them."""

    frame: list[Block] = field(default_factory=list)
    articles: list[tuple[str, list[Block]]] = field(default_factory=list)

    def shown(self) -> Shown:
        """What the document shows, as digests: all a comparison needs (the blocks can go)."""
        return Shown({anchor: visible_digest(blocks) for anchor, blocks in self.articles}, visible_digest(self.frame))


@dataclass(frozen=True)
class Shown:
    """The digest of what each article (by bookmark) and the frame show."""

    articles: dict[str, str]
    frame: str


def shown_in(body: etree._Element, footnotes: dict[str, str]) -> Shown:
    """What the w:body BODY shows, its footnotes' text from FOOTNOTES."""
    return split(shown_blocks(body, footnotes)).shown()


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


@dataclass
class Embedded:
    """The part as read back: text.yaml and every article (by id), in the YAML shape."""

    text: dict[str, Any]
    articles: dict[str, dict[str, Any]]
    #: Each article's file in the folder the text was built from (id → relative path), as far as
    #: it is safe to write: in the output folder, named after the article's id.
    files: dict[str, str] = field(default_factory=dict)
    #: members.yaml of that folder (the members, aliases and groups it added), if it had one.
    members: dict[str, Any] | None = None


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
            except (ValueError, TypeError):
                return None
    return None


def _embedded(root: etree._Element) -> Embedded:
    text_element = root.find(f"{{{NAMESPACE}}}text")
    text = json.loads(text_element.text or "{}") if text_element is not None else None
    elements = list(root.iter(f"{{{NAMESPACE}}}article"))
    articles = {e.get("id", ""): json.loads(e.text or "{}") for e in elements}
    if not isinstance(text, dict) or not all(_ARTICLE_ID.fullmatch(i) and isinstance(a, dict) for i, a in articles.items()):
        raise ValueError("not the shape of a text")
    files = {e.get("id", ""): e.get("file", "") for e in elements if _own_file(e.get("id", ""), e.get("file", ""))}
    members_element = root.find(f"{{{NAMESPACE}}}members")
    members = json.loads(members_element.text or "{}") if members_element is not None else None
    return Embedded(text, articles, files, members if isinstance(members, dict) and members else None)


def _own_file(article_id: str, file: str) -> bool:
    """FILE is a name the article can be written under: relative, inside the folder, plain
    folder names, and named after ARTICLE_ID (as load names articles), nothing else."""
    from ..load import article_id_of

    parts = file.split("/")
    return _FILE.fullmatch(file) is not None and ".." not in parts and article_id_of(file) == article_id


@dataclass
class Verified:
    """What of the part the Word file still shows: the frame, and each article by bookmark."""

    source: Embedded
    files: dict[str, bytes]  # the part's text, laid out as it would be written
    problems: list[Problem]  # check's findings on those files
    ids: dict[str, str]  # bookmark -> article id, as the build numbers them
    unchanged: frozenset[str]  # bookmarks of the articles shown exactly as the part renders them
    frame: bool  # the cover, headings, preamble, notes and annex shown as the part renders them

    def exact(self, theirs: Shown) -> bool:
        """Everything the Word file shows is the part's own rendering: take the part whole."""
        return self.frame and set(theirs.articles) == set(self.ids) == self.unchanged


def verify(embedded: Embedded, theirs: Shown, label: str = "import") -> Verified | None:
    """Render the part's source as the build does and compare it with THEIRS (what the Word file
    shows); None when the source does not load cleanly (a damaged or foreign part)."""
    from ..checks import run_checks
    from ..load import load_text
    from .write import MemorySource, text_files

    files = text_files(embedded.text, embedded.articles, embedded.files, embedded.members)
    loaded = load_text(MemorySource(files, label))
    problems = run_checks(loaded)
    if any(p.is_error for p in problems):
        return None
    bookmarks, ours = _rendered(loaded.text)
    unchanged = frozenset(anchor for anchor, digest in ours.articles.items() if theirs.articles.get(anchor) == digest)
    ids = {anchor: article_id for article_id, anchor in bookmarks.items()}
    return Verified(embedded, files, problems, ids, unchanged, ours.frame == theirs.frame)


def _rendered(text: Text) -> tuple[dict[str, str], Shown]:
    """TEXT rendered as the Word build renders it: each article's bookmark, and what it shows."""
    from ..render.docx import word_parts
    from ..render.resolve import resolve

    bookmarks, body_xml, notes_xml = word_parts(resolve(text))
    wrapped = f'<w:body xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{body_xml}</w:body>'
    del body_xml
    return bookmarks, shown_in(etree.fromstring(wrapped.encode()), read_footnotes(etree.fromstring(notes_xml.encode())))
