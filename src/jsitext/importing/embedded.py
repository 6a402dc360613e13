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
text is, keeping its id.  A Word file that is, part for part and byte for byte,
the build of its source (never saved since: :meth:`Rendered.built`) shows that
rendering by construction, and is taken whole without reading its page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..render.docx_layout import ANCHOR_PREFIX
from ..render.docx_source import NAMESPACE, SOURCE_PART
from .docx_read import Block, W, read_footnotes, shown_blocks, visible_digest
from .package import SAFE_PARSER, Package

if TYPE_CHECKING:
    from ..load import ParseCache
    from ..model import Meta
    from ..problems import Problem

#: Styles of the contents and progress, which Word rewrites when it updates fields: not part of the frame.
_UNCOMPARED = ("TOC",)
_HEADINGS = frozenset({"Heading1", "Heading2", "Heading3"})
_ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FILE = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml")
#: Where a build writes the part (a Word file saved since may hold it elsewhere: its relationships say where).
SOURCE_ENTRY = SOURCE_PART.lstrip("/")
_MAIN = "word/document.xml"
#: Entries that show nothing on the page: the document properties (author, dates, statistics).
_UNSHOWN = "docProps/"


@dataclass
class Layout:
    """The blocks of a document split into its articles (by heading bookmark) and the frame around them."""

    frame: list[Block] = field(default_factory=list)
    articles: list[tuple[str, list[Block]]] = field(default_factory=list)

    def shown(self) -> Shown:
        """What the document shows, as digests: all a comparison needs (the blocks can go)."""
        times = Counter(anchor for anchor, _blocks in self.articles)
        bodies = {anchor: range(blocks[0].number + 1, blocks[-1].number + 1) for anchor, blocks in self.articles if times[anchor] == 1}
        return Shown({anchor: visible_digest(blocks) for anchor, blocks in self.articles}, visible_digest(self.frame), bodies)


@dataclass(frozen=True)
class Shown:
    """The digest of what each article (by bookmark) and the frame show."""

    articles: dict[str, str]
    frame: str
    #: Where each article's body is: the places, among the document's paragraphs and tables, from
    #: after its heading to the next heading (an article whose bookmark is there twice: none).
    bodies: dict[str, range] = field(default_factory=dict)

    def passed(self, anchors: Iterable[str]) -> set[int]:
        """The places of the bodies of the articles by ANCHORS: a reading of the page can pass them by."""
        return {place for anchor in anchors if anchor in self.bodies for place in self.bodies[anchor]}


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
    part: bytes = field(default=b"", repr=False)  # the part as read


def read_embedded(blobs: Iterable[bytes]) -> Embedded | None:
    """The part among BLOBS (the document's custom XML parts), or None when there is none or it is damaged."""
    for blob in blobs:
        try:
            root = etree.fromstring(blob, SAFE_PARSER)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}source":
            try:
                return _embedded(root, blob)
            except (ValueError, TypeError):
                return None
    return None


def _embedded(root: etree._Element, part: bytes) -> Embedded:
    text_element = root.find(f"{{{NAMESPACE}}}text")
    text = json.loads(text_element.text or "{}") if text_element is not None else None
    elements = list(root.iter(f"{{{NAMESPACE}}}article"))
    articles = {e.get("id", ""): json.loads(e.text or "{}") for e in elements}
    if not isinstance(text, dict) or not all(_ARTICLE_ID.fullmatch(i) and isinstance(a, dict) for i, a in articles.items()):
        raise ValueError("not the shape of a text")
    files = {e.get("id", ""): e.get("file", "") for e in elements if _own_file(e.get("id", ""), e.get("file", ""))}
    members_element = root.find(f"{{{NAMESPACE}}}members")
    members = json.loads(members_element.text or "{}") if members_element is not None else None
    return Embedded(text, articles, files, members if isinstance(members, dict) and members else None, part)


def _own_file(article_id: str, file: str) -> bool:
    """FILE is a name the article can be written under: relative, inside the folder, plain
    folder names, and named after ARTICLE_ID (as load names articles), nothing else."""
    from ..load import article_id_of

    parts = file.split("/")
    return _FILE.fullmatch(file) is not None and ".." not in parts and article_id_of(file) == article_id


@dataclass
class Rendered:
    """The part's source as the build renders it: laid out, loaded and checked, then rendered to Word."""

    source: Embedded
    files: dict[str, bytes]  # the part's text, laid out as it would be written
    problems: list[Problem]  # check's findings on those files
    ids: dict[str, str]  # bookmark -> article id, as the build numbers them
    meta: Meta
    body: str  # the body and word/footnotes.xml as the build writes them (let go once digested)
    notes: str
    parsed: ParseCache  # the files as load parsed them: a check of the same files does not parse them again
    _shown: Shown | None = None

    def shown(self) -> Shown:
        """What the rendering shows, as digests; its XML is let go (a large text's is tens of MB)."""
        if self._shown is None:
            wrapped = f'<w:body xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{self.body}</w:body>'
            self.body = ""
            notes = read_footnotes(etree.fromstring(self.notes.encode()))
            self.notes = ""
            self._shown = shown_in(etree.fromstring(wrapped.encode()), notes)
        return self._shown

    def laid_out(self) -> dict[str, tuple[dict[str, Any], bytes]]:
        """Each article's file as laid out here, with the data it was laid out from."""
        source = self.source
        return {rel: (source.articles[i], self.files[rel]) for i in source.articles if (rel := source.files.get(i, f"{i}.yaml")) in self.files}

    def built(self, package: Package) -> bool:
        """PACKAGE is, part for part, the Word file the build writes for this source (a build never
        saved since): every entry byte for byte -- the body with the namespaces in scope, the
        footnotes, styles, numbering, settings, headers, relationships and content types -- but
        the document properties, which show nothing (author, dates); no entry more or fewer."""
        from ..render.docx import word_entries

        if self.body.encode("utf-8") not in (package.entry(_MAIN) or b""):  # edited or saved since: known at once
            return False
        theirs = package.entries()
        ours = word_entries(self.meta, self.body, self.notes, theirs.get(SOURCE_ENTRY))
        if set(theirs) != set(ours):
            return False
        return all(_readable(data) if name.startswith(_UNSHOWN) else data == ours[name] for name, data in theirs.items())


def _readable(part: bytes) -> bool:
    """PART is XML python-docx would read (else the file is damaged, and the slow way says so)."""
    try:
        etree.fromstring(part, SAFE_PARSER)
    except etree.XMLSyntaxError:
        return False
    return True


def render(embedded: Embedded, label: str = "import") -> Rendered | None:
    """The part's source rendered as the build renders it; None when it does not load cleanly
    (a damaged or foreign part)."""
    from ..checks import run_checks
    from ..load import load_text
    from ..render.docx import word_parts
    from ..render.resolve import resolve
    from .write import MemorySource, text_files

    files = text_files(embedded.text, embedded.articles, embedded.files, embedded.members)
    parsed: ParseCache = {}
    loaded = load_text(MemorySource(files, label), cache=parsed)
    problems = run_checks(loaded)
    if any(p.is_error for p in problems):
        return None
    document = resolve(loaded.text)
    bookmarks, body, notes = word_parts(document)
    ids = {anchor: article_id for article_id, anchor in bookmarks.items()}
    return Rendered(embedded, files, problems, ids, document.meta, body, notes, parsed)


@dataclass
class Verified:
    """What of the part the Word file still shows: the frame, and each article by bookmark."""

    source: Embedded
    ids: dict[str, str]  # bookmark -> article id, as the build numbers them
    unchanged: frozenset[str]  # bookmarks of the articles shown exactly as the part renders them
    frame: bool  # the cover, headings, preamble, notes and annex shown as the part renders them

    def exact(self, theirs: Shown) -> bool:
        """Everything the Word file shows is the part's own rendering: take the part whole."""
        return self.frame and set(theirs.articles) == set(self.ids) == self.unchanged


def verify(rendered: Rendered, theirs: Shown) -> Verified:
    """Compare what the part's source renders with THEIRS (what the Word file shows), article by article."""
    ours = rendered.shown()
    unchanged = frozenset(anchor for anchor, digest in ours.articles.items() if theirs.articles.get(anchor) == digest)
    return Verified(rendered.source, rendered.ids, unchanged, ours.frame == theirs.frame)
