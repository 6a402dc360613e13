"""PDF: the HTML build (or the HTML redline) laid out in pages by WeasyPrint.

Not a second renderer: the page is the html format's, with a print stylesheet
(``consolidated.pdf.css.j2``; the diff's ``diff.pdf.css.j2``, through
:func:`html_to_pdf` from :mod:`jsitext.diff.present`) added after its own.  For the
consolidated text each footnote's text is moved from the list at the end to its
mark, where ``float: footnote`` sets it at the foot of the mark's page.

WeasyPrint may carry a footnote that does not fit to the next page; the layout is
then checked (:func:`_late_footnotes`) and the block holding such a mark starts a
new page, until every footnote sits on the page of its mark (a few rounds at most).
A footnote lost by the layout is an error, never a PDF without it.

The file is the same for the same input: its dates are the build's
(:mod:`.dates`), and WeasyPrint writes no random identifier without PDF/A.
WeasyPrint and the system's Pango are imported only here, when a PDF is asked for.
Its lookup of the footnotes still to place is indexed (:func:`_footnotes_indexed`), the
one part of its layout whose cost grew with the square of the text (docs/performance.md#pdf).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from ..errors import UsageError
from ..formats import Options
from .consolidated import render_html, template_context
from .dates import stamp_time
from .templates import environment, render_template

if TYPE_CHECKING:
    from .resolve import Document

#: The elements a forced page break can go before (the nearest one holding a late mark).
_BLOCKS = frozenset(("div", "p", "li", "dd", "aside", "tr", "h1", "h2", "h3", "h4", "h5", "h6"))
#: Layouts tried before giving up on a footnote that will not sit on its mark's page.
ROUNDS = 4


def render_pdf(document: Document, options: Options) -> bytes:
    """The consolidated text as an A4 PDF (the html build with the print stylesheet)."""
    page = render_html(document, options).decode("utf-8")
    css = render_template(environment(options.templates_dir), "consolidated.pdf.css.j2", **template_context(document))
    return html_to_pdf(page, css, stamp_time(document.meta.date), notes_at_marks=True)


def html_to_pdf(page: str, css: str, when: datetime, *, notes_at_marks: bool = False) -> bytes:
    """PAGE (html) with the print stylesheet CSS after its own, as a PDF dated WHEN;
    NOTES_AT_MARKS: its list of footnotes moved to their marks, at the foot of their pages."""
    weasyprint = _weasyprint()
    with _quiet(), _footnotes_indexed():
        return _laid_out(weasyprint, page, css, when, notes_at_marks)


@contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint logs each screen-only rule of the html page it ignores (a warning on stderr
    for every build); its errors are still said."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Footnotes(list[Any]):
    """WeasyPrint's list of the footnotes still to place, with a count of each beside it:
    ``note in footnotes`` at once instead of a scan of the list."""

    def __init__(self, notes: Iterable[Any] = ()) -> None:
        super().__init__(notes)
        self._count = Counter(id(note) for note in self)

    def __contains__(self, note: object) -> bool:
        return self._count[id(note)] > 0

    def append(self, note: Any) -> None:
        super().append(note)
        self._count[id(note)] += 1

    def remove(self, note: Any) -> None:
        super().remove(note)
        self._count[id(note)] -= 1

    def copy(self) -> _Footnotes:
        return _Footnotes(self)


@contextmanager
def _footnotes_indexed() -> Iterator[None]:
    """WeasyPrint (up to 70) asks of every box of every line whether it is a footnote still
    to place by scanning the list of all the text's footnotes: quadratic in the text's size
    (6 % of the time at 100 articles, by estimate a third at 1,000).  Its layout context gets the same list with an
    index (it only appends, removes, copies and asks ``in`` of it): the same pages, sooner."""
    from weasyprint import layout

    init = layout.LayoutContext.__init__

    def indexed(context: Any, *args: Any, **kwargs: Any) -> None:
        init(context, *args, **kwargs)
        if type(context.footnotes) is list:
            context.footnotes = _Footnotes(context.footnotes)

    layout.LayoutContext.__init__ = indexed
    try:
        yield
    finally:
        layout.LayoutContext.__init__ = init


def _laid_out(weasyprint: Any, page: str, css: str, when: datetime, notes_at_marks: bool) -> bytes:
    # The print stylesheet is the page's last <style>: an author sheet, after the screen one.
    # "</head>" occurs once: the text in the page is escaped.
    html = weasyprint.HTML(string=page.replace("</head>", f"<style>\n{css}</style>\n</head>", 1))
    if notes_at_marks:
        _move_footnotes(html.etree_element)
        _changed(html)
    document = _layout(html, notes_at_marks)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = document.metadata.modified = stamp
    data: bytes = document.write_pdf()
    return data


def _weasyprint() -> Any:
    """WeasyPrint, or exit 2 with what to install (it needs the system's Pango too)."""
    try:
        import weasyprint
    except ModuleNotFoundError:
        raise UsageError("WeasyPrint is not installed: install it (pip install weasyprint) or build another format, e.g. --format html,docx") from None
    except OSError as err:  # WeasyPrint loads Pango when imported
        raise UsageError(
            f"WeasyPrint cannot load the system's Pango ({err}): install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) "
            "or build another format, e.g. --format html,docx"
        ) from None
    return weasyprint


# --- Footnotes at the foot of their page ----------------------------------------


def _move_footnotes(root: ElementTree.Element) -> None:
    """Each mark ``<sup class="fnref" id="fnref-N">`` becomes ``<span class="pdf-footnote">`` holding
    the footnote's text from the list at the end (``<li id="fn-N">``), and the list goes:
    the same HTML, each note at its mark.  A footnote without a mark stays in the list."""
    parents = {child: parent for parent in root.iter() for child in parent}
    notes = {li.get("id", "")[3:]: li for li in root.iter("li") if li.get("id", "").startswith("fn-")}
    for mark in [e for e in root.iter("sup") if e.get("class") == "fnref"]:
        number = mark.get("id", "")[6:]
        note = notes.get(number)
        if note is None:
            continue
        tail = mark.tail  # the text after the mark (clear() empties it too)
        mark.clear()
        mark.tail = tail
        mark.tag = "span"
        mark.attrib.update({"class": f"pdf-footnote {note.get('class', '')}".strip(), "id": f"fnref-{number}", "data-n": number})
        mark.text = note.text
        mark.extend(child for child in note if child.get("class") != "back")  # not "↩": the note is at its mark
        _strip_end(mark)
        parents[note].remove(note)
    for section in [e for e in root.iter("section") if e.get("class") == "footnotes"]:
        if not any(True for _ in section.iter("li")):
            parents[section].remove(section)


def _strip_end(element: ElementTree.Element) -> None:
    """Drop the space the list put before its "↩" link."""
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() or None
    else:
        element.text = (element.text or "").rstrip()


def _layout(html: Any, check_notes: bool) -> Any:
    """Lay out HTML; when a footnote is not on its mark's page (WeasyPrint carried it over, or
    dropped it), start the block of its mark on a new page and lay out again."""
    document = html.render()
    if not check_notes:
        return document
    parents = {child: parent for parent in html.etree_element.iter() for child in parent}
    broken: set[int] = set()
    for _round in range(ROUNDS):
        misplaced = _misplaced_footnotes(document)
        blocks = [b for b in (_block_of(html.etree_element, parents, n) for n in misplaced) if b is not None and id(b) not in broken]
        if not blocks:
            break
        for block in blocks:
            broken.add(id(block))
            block.set("style", f"{block.get('style') or ''}; break-before: page".lstrip("; "))
        _changed(html)
        document = html.render()
    marks, notes = _pages_of_footnotes(document)
    if lost := [n for n in marks if n not in notes]:
        raise UsageError(f"the PDF layout lost footnote {', '.join(lost)} (a WeasyPrint limitation); build the html or docx format instead")
    return document


def _changed(html: Any) -> None:
    """After an edit of HTML's tree: WeasyPrint selects through a wrapper that caches the tree."""
    import cssselect2

    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(html.etree_element)


def _misplaced_footnotes(document: Any) -> list[str]:
    """The footnotes whose text is not on their mark's page: on a later one, or on none."""
    marks, notes = _pages_of_footnotes(document)
    return [n for n, page in marks.items() if notes.get(n) != page]


def _pages_of_footnotes(document: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Each footnote's number → the page of its mark, and → the page where its text begins."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    mark_page: dict[str, int] = {}
    note_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if (box.element_tag or "").endswith("::footnote-call"):
                mark_page.setdefault(box.element.get("data-n"), number)
            elif isinstance(box, FootnoteAreaBox):
                for note in box.children:
                    if note.element is not None and note.element.get("data-n"):
                        note_page.setdefault(note.element.get("data-n"), number)
    return mark_page, note_page


def _block_of(root: ElementTree.Element, parents: dict[ElementTree.Element, ElementTree.Element], number: str) -> ElementTree.Element | None:
    """The nearest block element around footnote NUMBER's mark."""
    mark = next((e for e in root.iter() if e.get("id") == f"fnref-{number}"), None)
    node = parents.get(mark) if mark is not None else None
    while node is not None and node.tag not in _BLOCKS:
        node = parents.get(node)
    return node
