"""The import, step by step: open, read, recognise (or take back jsitext's own source), check, write.

:func:`import_docx` is the library entry behind ``jsitext import``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import MEMBERS_FILE, ParseCache
from ..members import Registry, builtin
from ..problems import Problem
from ..source import FolderSource, Source
from .attributions import members_known
from .docx_read import read_blocks, read_footnotes, read_styles
from .embedded import SOURCE_ENTRY, Embedded, Rendered, read_embedded, render, shown_in, verify
from .package import SAFE_PARSER, Package, UnusableInput, open_docx
from .write import MemorySource, refuse_existing, text_files, write_text

CODES_MODES = ("strict", "lenient")


@dataclass
class ImportResult:
    """What an import found and did."""

    text: dict[str, Any]
    articles: dict[str, dict[str, Any]]
    findings: list[Problem] = field(default_factory=list)  # the import's own: what it could not place exactly
    problems: list[Problem] | None = None  # check's, on the imported text (None: not checked yet)
    written: list[Path] = field(default_factory=list)
    exact: int = 0  # articles taken back exactly from jsitext's own build
    files: dict[str, bytes] | None = None  # the files to write, when already laid out
    paths: dict[str, str] = field(default_factory=dict)  # article id -> its file, when jsitext's build said (else <id>.yaml)
    members: dict[str, Any] | None = None  # members.yaml, when jsitext's build carried one
    parsed: ParseCache = field(default_factory=dict)  # files parsed on the way: checking the result parses only the others

    @property
    def clean(self) -> bool:
        return not self.findings and not self.problems

    @property
    def found(self) -> list[Problem]:
        """The import's findings, then check's."""
        return [*self.findings, *(self.problems or [])]

    @property
    def refused(self) -> bool:
        """An error of the import itself (no article found, an unknown member with --codes strict): nothing written."""
        return any(p.is_error for p in self.findings)


def import_docx(path: Path, *, output: Path, dry_run: bool = False, codes: str = "lenient", force: bool = False) -> ImportResult:
    """Import the Word file at PATH into OUTPUT (nothing written with DRY_RUN).

    Raises UnusableInput (exit 2) for a file that is not a readable Word document,
    UsageError for an output folder that already holds a text (unless FORCE).
    """
    if codes not in CODES_MODES:
        from ..errors import UsageError

        raise UsageError(f"unknown --codes {codes!r}; choose strict or lenient")
    held = False if dry_run else refuse_existing(output, force=force)
    registry, own, problems = folder_members(output)
    if problems:  # the members.yaml the user put there must be right before it names anyone
        return ImportResult({}, {}, problems)
    with members_known(registry):
        result = _assemble(path, codes, str(output))
    files = written = result.files or text_files(result.text, result.articles, result.paths, result.members)
    if own is not None:  # the folder's own members.yaml stays as it is (over a build's), and the check reads it
        written = {rel: data for rel, data in files.items() if rel != MEMBERS_FILE}
        if files.get(MEMBERS_FILE, own) != own:
            result.problems = None  # checked against the build's members.yaml: check again
        files = {**written, MEMBERS_FILE: own}
    if not dry_run and not result.refused:
        result.written = write_text(output, written)
    if held and result.written:  # with --force, the files already there are part of the text now
        result.problems = _check(FolderSource(output))
    elif result.problems is None:
        result.problems = _check(MemorySource(files, str(output)), result.parsed)
    return result


def folder_members(output: Path) -> tuple[Registry, bytes | None, list[Problem]]:
    """The members OUTPUT's members.yaml adds to the built-in ones (its groups, for a start), the
    file's bytes (None: there is none), and its errors."""
    from ..load import load_text

    if not (output / MEMBERS_FILE).is_file():
        return builtin(), None, []
    loaded = load_text(FolderSource(output), only=())
    members = str(output / MEMBERS_FILE)
    problems = [p for p in loaded.problems if p.path == members and p.is_error]
    assert loaded.text.members is not None
    own = loaded.source.read([MEMBERS_FILE])[MEMBERS_FILE]  # the bounded reader load used
    return loaded.text.members, own if isinstance(own, bytes) else b"", problems


@dataclass
class Word:
    """A Word file as read: its body, footnotes' text, styles' looks, and the source jsitext embedded."""

    name: str
    body: Any  # the w:body element
    footnotes: dict[str, str]
    styles: dict[str, tuple[bool, bool]]
    embedded: Embedded | None


def read_word(package: Package) -> Word:
    """What the import reads of PACKAGE (the source embedded is None in any other Word file)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = package.document()
    footnotes: dict[str, str] = {}
    custom: list[bytes] = []
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.FOOTNOTES:
            footnotes = read_footnotes(_parse(package, rel.target_part.blob))
        elif rel.reltype == RT.CUSTOM_XML:
            custom.append(rel.target_part.blob)
    styles = read_styles(document.styles.element)
    return Word(package.name, document.element.body, footnotes, styles, read_embedded(custom))


def _parse(package: Package, blob: bytes) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(blob, SAFE_PARSER)
    except etree.XMLSyntaxError as err:
        raise UnusableInput(f"{package.name}: the footnotes of the document are not readable XML ({err})") from None


def _assemble(path: Path, codes: str, label: str) -> ImportResult:
    """The text the Word file at PATH holds: taken whole from the source embedded when the file is
    that source's build or its page shows exactly that, else recognised from the page (articles
    shown unchanged still taken exactly)."""
    package = open_docx(path)
    part = package.entry(SOURCE_ENTRY)  # where a build writes its source
    embedded = read_embedded([part]) if part is not None else None
    rendered = render(embedded, label) if embedded is not None else None
    if rendered is not None:
        if rendered.built(package):  # a build never saved since: the page is the source's rendering, part for part
            return _exact(rendered)
        rendered.shown()  # digested now, so that its XML and the Word file's tree are never held together
    return _from_page(package, codes, label, rendered, part)


def _from_page(package: Package, codes: str, label: str, rendered: Rendered | None, tried: bytes | None) -> ImportResult:
    """The text PACKAGE's page shows, its articles compared with what the source embedded renders
    (RENDERED, from the part TRIED, when the part the document relates is that one)."""
    word: Word | None = read_word(package)
    assert word is not None
    known = None
    passed: set[int] = set()
    if word.embedded is not None:
        theirs = shown_in(word.body, word.footnotes)
        if word.embedded.part != tried:  # the part is not where a build puts it (a Word file saved since)
            embedded, word = word.embedded, None  # the Word file's tree is freed while its source is rendered
            rendered = render(embedded, label)
        if rendered is not None:
            known = verify(rendered, theirs)
            if known.exact(theirs):
                return _exact(rendered)
            passed = theirs.passed(known.unchanged)  # taken from the source: not read again
    word = word or read_word(package)
    from .recognise import recognise  # only now: its import is a tenth of a second

    blocks = read_blocks(word.body, word.footnotes, word.styles, passed)
    word = None  # its tree is not needed any more
    recognised = recognise(package.name, blocks, codes=codes, known=known)
    result = ImportResult(recognised.text, recognised.articles, recognised.findings, exact=recognised.exact)
    if known is not None and rendered is not None:  # the build's own file names and members.yaml, which the page does not show
        result.paths, result.members, result.parsed = known.source.files, known.source.members, rendered.parsed
        # the articles taken from the source are the very dicts laid out to render it: their files are ready
        result.files = text_files(result.text, result.articles, result.paths, result.members, rendered.laid_out())
    return result


def _exact(rendered: Rendered) -> ImportResult:
    """The source of a Word file that shows exactly what it renders, taken whole."""
    source = rendered.source
    return ImportResult(source.text, source.articles, problems=rendered.problems, exact=len(source.articles), files=rendered.files, parsed=rendered.parsed)


def _check(source: Source, parsed: ParseCache | None = None) -> list[Problem]:
    from ..checks import run_checks
    from ..load import load_text

    return run_checks(load_text(source, cache=parsed))


def outline_lines(text: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[str]:
    """The outline an import found, one line a heading and an article (for --dry-run)."""
    lines = [f"{text.get('title', '')}" + (f" ({text['symbol']})" if text.get("symbol") else "")]
    if text.get("preamble"):
        lines.append(f"  Preamble: {len(text['preamble'])} paragraphs")
    for section in text.get("sections", []):
        lines.append(f"  {'Annex' if section.get('kind') == 'annex' else 'Section'} {section['id']}: {section['title']}")
        for group in section.get("subsections", [section]):
            if group is not section:
                lines.append(f"    {group['id']} {group['title']}")
            for article_id in group.get("articles", []):
                article = articles.get(article_id, {})
                count = len(article.get("paragraphs", article.get("alternatives", [])))
                status = article.get("status", "open")
                lines.append(f"      {article_id}: {article.get('title', '')} ({count} paragraphs{'' if status == 'open' else ', ' + status})")
    return lines
