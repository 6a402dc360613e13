"""The import, step by step: open, read, recognise (or take back jsitext's own source), check, write.

:func:`import_docx` is the library entry behind ``jsitext import``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem
from ..source import FolderSource, Source
from .docx_read import Block, read_blocks, read_footnotes, read_styles
from .embedded import Embedded, read_embedded, split, verify
from .package import SAFE_PARSER, Package, UnusableInput, open_docx
from .write import MemorySource, refuse_existing, text_files, write_text

CODES_MODES = ("strict", "lenient")


@dataclass
class ImportResult:
    """What an import found and did."""

    text: dict[str, Any]
    articles: dict[str, dict[str, Any]]
    findings: list[Problem] = field(default_factory=list)  # the import's own: what it could not place exactly
    problems: list[Problem] = field(default_factory=list)  # check's, on the imported text
    written: list[Path] = field(default_factory=list)
    exact: int = 0  # articles taken back exactly from jsitext's own build
    files: dict[str, bytes] | None = None  # the files to write, when already laid out

    @property
    def clean(self) -> bool:
        return not self.findings and not self.problems

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
    if not dry_run:
        refuse_existing(output, force=force)
    package = open_docx(path)
    blocks, embedded = read_package(package)
    result = _assemble(package.name, blocks, embedded, codes)
    files = result.files or text_files(result.text, result.articles)
    if dry_run or result.refused:
        result.problems = _check(MemorySource(files, str(output)))
    else:
        result.written = write_text(output, files)
        result.problems = _check(FolderSource(output))  # what is in the folder now (with --force, older files too)
    return result


def read_package(package: Package) -> tuple[list[Block], Embedded | None]:
    """The body's blocks, and the source jsitext's build embedded (None in any other Word file)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document_part = package.document.part
    footnotes: dict[str, str] = {}
    custom: list[bytes] = []
    for rel in document_part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.FOOTNOTES:
            footnotes = read_footnotes(_parse(package, rel.target_part.blob))
        elif rel.reltype == RT.CUSTOM_XML:
            custom.append(rel.target_part.blob)
    styles = read_styles(package.document.styles.element)
    blocks = read_blocks(package.document.element.body, footnotes, styles)
    return blocks, read_embedded(custom)


def _parse(package: Package, blob: bytes) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(blob, SAFE_PARSER)
    except etree.XMLSyntaxError as err:
        raise UnusableInput(f"{package.name}: the footnotes of the document are not readable XML ({err})") from None


def _assemble(name: str, blocks: list[Block], embedded: Embedded | None, codes: str) -> ImportResult:
    from .recognise import recognise

    known = verify(embedded, split(blocks)) if embedded is not None else None
    if known is not None and known.exact(split(blocks)):
        return ImportResult(known.source.text, known.source.articles, exact=len(known.source.articles), files=known.files)
    recognised = recognise(name, blocks, codes=codes, known=known)
    return ImportResult(recognised.text, recognised.articles, recognised.findings, exact=recognised.exact)


def _check(source: Source) -> list[Problem]:
    from ..checks import run_checks
    from ..load import load_text

    return run_checks(load_text(source))


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
