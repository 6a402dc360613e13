"""PDF: the html build (or the html redline) laid out in A4 pages by Typst.

Not a second renderer: the page is the html format's (views, numbers, brackets, redline),
written as Typst markup by :mod:`.typst_markup` and laid out with the PDF's stylesheet
(``templates/pdf.typ``).  The page breaks cut the text into parts that each start a page;
they are laid out alone, side by side (:mod:`.typst_compile`: Typst, the ``typst`` wheel,
fonts included, in processes of their own), and joined into one file (:mod:`.pdf_join`),
the header and page number of the whole laid over the joined pages.  Typst sets each
footnote at the foot of its mark's page; where it carries a note over to the next page,
the mark's block starts a page and the part is laid out again.  Nothing is fetched (the
markup imports no package).

WeasyPrint laid out the first version of this format; it costs about 0.035 s of CPU a page
for plain text and much more with footnotes (docs/performance.md#pdf).

The file is the same for the same input: its dates are the build's (:mod:`.dates`), its
fonts Typst's own, its identifier made from its content.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import UsageError
from ..formats import Options
from .consolidated import render_html
from .dates import stamp_time
from .pdf_join import PagesAfterText, join, places_in_whole
from .templates import TemplateError, default_templates_dir
from .typst_compile import LaidOut, Layouts, Part, string
from .typst_markup import Layout, TypstBody, classes, typst_body

if TYPE_CHECKING:
    from .resolve import Document

#: The stylesheet every PDF is laid out with (a --templates folder may hold its own).
STYLESHEET = "pdf.typ"
#: Layouts of a part tried before giving up on a footnote that will not sit on its mark's page.
ROUNDS = 6
#: Set after the page set-up in each part: the header and page number are laid over the joined
#: pages afterwards, numbered in the whole (:func:`.typst_compile.furniture_here`).  The page's
#: margins, which alone decide where the text goes, are the stylesheet's.
BARE = "#set page(header: none, footer: none)\n"


def render_pdf(document: Document, options: Options) -> bytes:
    """The consolidated text as an A4 PDF: the cover alone on page 1, then the contents."""
    return html_to_pdf(
        lambda: render_html(document, options).decode("utf-8"), CONSOLIDATED, document.meta.symbol or "", stamp_time(document.meta.date), options.templates_dir
    )


def html_to_pdf(page: Callable[[], str], layout: Layout, symbol: str, when: datetime, templates_dir: Path | None, *, cover: bool = True) -> bytes:
    """The html PAGE (made while the layout's processes start) laid out as LAYOUT says, SYMBOL in
    the running header, dated WHEN; COVER: the first page without header or page number."""
    _libraries()
    stylesheet, path = _stylesheet(templates_dir)
    with Layouts() as layouts:
        body = typst_body(page(), layout)
        setup = f"#show: jsitext-page.with(symbol: {string(symbol)}, title: {string(body.title)}, date: {_datetime(when)}, cover: {str(cover).lower()})\n"
        return _laid_out(f"{stylesheet}\n{setup}", body, path, layouts)


def _laid_out(head: str, body: TypstBody, stylesheet: Path, layouts: Layouts) -> bytes:
    """The PDF: each part of the text between page breaks laid out alone, side by side (each
    starts a page, so it lays out as in the whole; :mod:`.typst_compile`), every footnote on
    its mark's page; the contents laid out again with the pages of what they list; the header
    and page number of the whole laid over the joined pages (:mod:`.pdf_join`)."""
    parts = body.parts(head + BARE) or [Part(head + BARE, ())]
    laid = _checked(layouts.lay_out(parts, ROUNDS), stylesheet)
    pages = sum(part.pages for part in laid)
    furniture = layouts.furniture(head, pages)  # while the contents are numbered, which seldom moves the pages
    _number(body, head + BARE, parts, laid, layouts, stylesheet)
    if (numbered := sum(part.pages for part in laid)) != pages:
        furniture = layouts.furniture(head, numbered)
    stamps, error = furniture.result()
    if error:
        raise _error(error, stylesheet)
    try:
        return join(laid, stamps)
    except PagesAfterText as err:
        raise _error(str(err), stylesheet) from None


def _number(body: TypstBody, head: str, parts: list[Part], laid: list[LaidOut], layouts: Layouts, stylesheet: Path) -> None:
    """The parts that print pages (the contents) laid out again with the pages of what they
    list, until they print the pages things are on (their own length may move them)."""
    numbered = [n for n, part in enumerate(parts) if part.numbers]
    printed: dict[str, int] = {}
    for _round in range(ROUNDS):
        pages = _pages(laid)
        wanted = {label: pages[label] for n in numbered for label in parts[n].numbers if label in pages}
        if wanted == printed:
            return
        again = body.parts(head, pages)
        for n, part in zip(numbered, _checked(layouts.lay_out([again[n] for n in numbered], ROUNDS), stylesheet), strict=True):
            laid[n] = part
        printed = wanted
    raise RuntimeError("the PDF's contents do not settle on the pages of what they list")


def _pages(laid: list[LaidOut]) -> dict[str, int]:
    """The page number, counted in the whole, of each label the parts LAID placed."""
    return {label: index + 1 for label, (index, _x, _y) in places_in_whole(laid).items()}


def _checked(laid: list[LaidOut], stylesheet: Path) -> list[LaidOut]:
    """LAID, or the first error: Typst's, or a footnote that will not sit on its mark's page."""
    for part in laid:
        if part.error:
            raise _error(part.error, stylesheet)
        if part.late:
            raise UsageError(f"the PDF layout cannot set footnote {', '.join(part.late)} on its mark's page; build the html or docx format instead")
    return laid


def _libraries() -> None:
    """Typst and pikepdf (the parts' pages joined) installed, or exit 2 with what to install.
    Found, not imported: the layout's processes import Typst, the join pikepdf."""
    for module, name in (("typst", "Typst"), ("pikepdf", "pikepdf")):
        if importlib.util.find_spec(module) is None:
            raise UsageError(f"{name} is not installed: install it (pip install {module}) or build another format, e.g. --format html,docx")


def _stylesheet(templates_dir: Path | None) -> tuple[str, Path]:
    """The PDF's stylesheet: the --templates folder's, else the packaged one."""
    for folder in (templates_dir, default_templates_dir()):
        if folder is not None and (folder / STYLESHEET).is_file():
            path = folder / STYLESHEET
            try:
                return path.read_text(encoding="utf-8"), path
            except (OSError, UnicodeDecodeError) as err:
                raise TemplateError(f"{path}: cannot read the PDF's stylesheet: {err}") from None
    raise TemplateError(f"template not found: {STYLESHEET}")


def _error(message: str, stylesheet: Path) -> Exception:
    """A Typst error: the user's stylesheet's (exit 2, naming it), else jsitext's own (exit 3)."""
    if stylesheet.parent != default_templates_dir():
        return TemplateError(f"{stylesheet}: the PDF's stylesheet fails: {message}")
    return RuntimeError(f"the PDF layout failed: {message}")


def _datetime(when: datetime) -> str:
    return f"datetime(year: {when.year}, month: {when.month}, day: {when.day}, hour: {when.hour}, minute: {when.minute}, second: {when.second})"


# --- Layouts ----------------------------------------------------------------------


def _consolidated_bookmark(heading: etree._Element) -> int:
    """Sections, the preamble, the annex and the contents at level 1, subsections and the
    articles of a section at 2, the articles of a subsection at 3; nothing else."""
    if heading.tag not in ("h2", "h3", "h4"):
        return 0
    parent = heading.getparent()
    if parent is not None and parent.tag == "nav":
        return 1 if parent.index(heading) == 0 else 0
    return int(heading.tag[1]) - 1


def _consolidated_break_after(element: etree._Element) -> bool:
    """The cover alone on its page, the contents (and progress table) on their own."""
    return (element.tag == "header" and "cover" in classes(element)) or (element.tag == "nav" and "contents" in classes(element))


def _consolidated_break_before(element: etree._Element) -> bool:
    """Each section (and annex) starts a page, as the html page prints."""
    return element.tag == "section" and "section" in classes(element)


CONSOLIDATED = Layout(bookmark=_consolidated_bookmark, break_after=_consolidated_break_after, break_before=_consolidated_break_before)


def _redline_bookmark(heading: etree._Element) -> int:
    return 1 if heading.tag in ("h1", "h2") else 0


def _redline_break_before(element: etree._Element) -> bool:
    """The first article after the summary's tables starts a page."""
    previous = element.getprevious()
    return element.tag == "h2" and element.get("id") is not None and previous is not None and previous.tag == "table"


REDLINE = Layout(bookmark=_redline_bookmark, break_before=_redline_break_before)
