"""The PDF's parts, each laid out alone by Typst (:mod:`.typst_compile`), joined into one file:
their pages in order, the header and page number laid over each page, every link to a label
of the text made a link to its place, the bookmarks of every part in one outline.

The parts name a label of the text by a link to ``jsitext:LABEL`` (a part does not hold the
others' labels), and report where each of their labels that a link names is; here each such
link is given its place in the joined pages.  A footnote's mark links to its note's text the
same way (``jsitext:note-N``, :data:`.typst_compile.NOTE`).  The file is written by pikepdf
(qpdf) with an identifier made from its content, so the same parts give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from .typst_compile import LINK

if TYPE_CHECKING:
    from .typst_compile import LaidOut


class PagesAfterText(ValueError):
    """A part's PDF has pages after the end of its text: the stylesheet added them."""


def join(parts: Sequence[LaidOut], furniture: bytes) -> bytes:
    """PARTS' pages in one PDF, FURNITURE's pages (header and page number) laid over them."""
    import pikepdf

    pdfs = [pikepdf.open(BytesIO(part.pdf)) for part in parts]
    if any(len(pdf.pages) != part.pages for part, pdf in zip(parts, pdfs, strict=True)):
        raise PagesAfterText("the stylesheet adds pages after the text; its jsitext-page is applied to each part of the text alone and must end with the body")
    whole = pdfs[0]
    bookmarks = [_bookmarks(pdf, first) for pdf, first in zip(pdfs, first_pages(parts), strict=True)]
    for pdf in pdfs[1:]:
        whole.pages.extend(pdf.pages)
    _link(whole, places_in_whole(parts))
    _outline(whole, [mark for marks in bookmarks for mark in marks])
    stamps = pikepdf.open(BytesIO(furniture))
    for page, stamp in zip(whole.pages, stamps.pages, strict=True):
        _lay_over(whole, page, stamp)
    if "/Names" in whole.Root:  # the first part's named places: the links name places of their own
        del whole.Root.Names
    _describe_whole(whole)
    out = BytesIO()
    whole.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def first_pages(parts: Sequence[LaidOut]) -> list[int]:
    """The index in the whole of each part's first page."""
    return list(accumulate((part.pages for part in parts[:-1]), initial=0))


def places_in_whole(parts: Sequence[LaidOut]) -> dict[str, tuple[int, float, float]]:
    """Where each label the parts placed is in the whole: the index of its page, x and y."""
    firsts = first_pages(parts)
    return {label: (first + page - 1, x, y) for part, first in zip(parts, firsts, strict=True) for label, (page, x, y) in part.places.items()}


#: A bookmark: its title, whether it is closed, its page in the whole, where on the page, its children.
Bookmark = tuple[str, bool, int, Any, list["Bookmark"]]


def _bookmarks(pdf: Any, first: int) -> list[Bookmark]:
    """PDF's bookmarks, their pages counted in the whole (PDF's first page is FIRST).  Read from
    the outline's dictionaries: pikepdf's outline model writes itself back when closed."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}

    def marks(item: Any) -> list[Bookmark]:
        found = []
        while item is not None:
            destination = item.get("/Dest")
            page = pages.get(destination[0].objgen) if destination is not None and len(destination) > 1 else None
            if page is not None:
                closed = int(item.get("/Count", 0)) < 0
                found.append((str(item.Title), closed, first + page, list(destination[1:]), marks(item.get("/First"))))
            item = item.get("/Next")
        return found

    outlines = pdf.Root.get("/Outlines")
    return marks(outlines.get("/First")) if outlines is not None else []


def _outline(whole: Any, bookmarks: list[Bookmark]) -> None:
    """WHOLE's bookmarks: BOOKMARKS, in order."""
    import pikepdf

    def items(marks: list[Bookmark]) -> list[Any]:
        made = []
        for title, closed, page, where, children in marks:
            item = pikepdf.OutlineItem(title, destination=pikepdf.Array([whole.pages[page].obj, *where]))
            item.is_closed = closed
            item.children.extend(items(children))
            made.append(item)
        return made

    with whole.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(items(bookmarks))


#: The page count in the XMP metadata Typst writes (the first part's: the cover's one page).
_XMP_PAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


def _describe_whole(whole: Any) -> None:
    """WHOLE, the first part grown into the whole text, described as the whole: its metadata's
    page count; opening on its bookmarks, the way through a text of hundreds of pages."""
    import pikepdf

    metadata = whole.Root.get("/Metadata")
    if metadata is not None:
        count = f"<xmpTPg:NPages>{len(whole.pages)}</xmpTPg:NPages>".encode()
        metadata.write(_XMP_PAGES.sub(count, metadata.read_bytes()))
    if "/Outlines" in whole.Root:
        whole.Root.PageMode = pikepdf.Name.UseOutlines


def _lay_over(whole: Any, page: Any, stamp: Any) -> None:
    """STAMP's page laid over PAGE of WHOLE, under a fixed name (pikepdf's own overlay names it
    at random: the file would differ from one build to the next)."""
    import pikepdf

    drawing = whole.copy_foreign(stamp.as_form_xobject())
    name = page.add_resource(drawing, pikepdf.Name.XObject, name=pikepdf.Name("/JsitextFurniture"))
    placed = page.calc_form_xobject_placement(drawing, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n" + placed)


def _link(whole: Any, places: dict[str, tuple[int, float, float]]) -> None:
    """Each link of WHOLE to ``jsitext:LABEL`` made a link to LABEL's place in PLACES (a mark
    per footnote: each page and name read once, pikepdf's calls being most of the time)."""
    import pikepdf

    pages = list(whole.pages)
    objects = [page.obj for page in pages]
    tops = [float(page.mediabox[3]) for page in pages]
    uri, xyz = pikepdf.Name.URI, pikepdf.Name.XYZ
    for page in objects:
        for annotation in page.get("/Annots", ()):
            action = annotation.get("/A")
            if action is None or action.get("/S") != uri:
                continue
            target = str(action.URI)
            if not target.startswith(LINK):
                continue
            label = target[len(LINK) :]
            if label not in places:
                raise RuntimeError(f"the PDF links to {label}, which no part of it holds")
            number, x, y = places[label]
            annotation.Dest = pikepdf.Array([objects[number], xyz, x, tops[number] - y, 0])
            del annotation.A
