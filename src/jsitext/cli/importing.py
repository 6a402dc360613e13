"""``jsitext import``: a consolidated text in Word brought into an articles folder."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..escape import visible
from .app import app, finish


@app.command("import")
def import_(
    path: Path = typer.Argument(..., metavar="FILE.docx", help="The Word file of the text."),
    output: Path = typer.Option(Path("articles"), "--output", "-o", help="The articles folder to write (default: articles)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the outline and every finding; write nothing."),
    codes: str = typer.Option(
        "lenient", "--codes", help="An unknown member in an attribution: lenient (kept, reported) or strict (an error: nothing written)."
    ),
    force: bool = typer.Option(False, "--force", help="Write into a folder that already holds a text (its files of the same name are replaced)."),
) -> None:
    """Import a consolidated text from Word: text.yaml and one file per article, then check it.

    Reads jsitext's own Word build back exactly, and a hand-written text in the usual
    WTO layout (headings, numbered paragraphs, brackets, options, Alt 1 / Alt 2,
    attributions in footnotes or braces, treaty footnotes, notes).  Every part it
    could not place exactly is reported with its place in the Word file.  Exit 0 when
    imported clean, 1 with findings to review (or nothing written, after an error
    finding), 2 for a file that is not a usable Word document or an output folder
    that already holds a text.

    Example: jsitext import INF-ECOM-62-Rev4.docx --output articles --dry-run
    """
    from ..console import say
    from ..importing.run import import_docx, outline_lines
    from ..report import summary, text_line

    result = import_docx(path, output=output, dry_run=dry_run, codes=codes, force=force)
    if dry_run:
        for line in outline_lines(result.text, result.articles):
            print(visible(line))
    found = result.found
    sys.stdout.write("".join(text_line(p) + "\n" for p in found))
    articles = len(result.articles)
    if result.refused:
        say(f"nothing written: {summary(result.findings, 1)} in the Word file (see above)")
        finish(1)
    verb = "would write" if dry_run else "wrote"
    exact = f", {result.exact} taken back exactly from jsitext's build" if result.exact else ""
    say(f"{verb} text.yaml and {articles} article{'s' if articles != 1 else ''} to {output}{exact}; {summary(found, len(result.articles) + 1)}")
    finish(0 if not found else 1)
