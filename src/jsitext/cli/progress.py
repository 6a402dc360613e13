"""``jsitext progress``: the bracket count of every revision, for plenary reports and slides."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..formats import help_text
from .app import app, emit, finish


@app.command()
def progress(
    revisions: list[str] | None = typer.Argument(
        None, metavar="[REV]...", help="Git revisions to chart, in this order (default: every tag holding the folder, then the working tree)."
    ),
    path: str = typer.Option("articles", "--path", "-p", help="The articles folder, relative to the repository's root."),
    format: str = typer.Option("text", "--format", "-f", help=help_text("progress") + "."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
) -> None:
    """Chart brackets and options remaining and articles by status, revision by revision.

    Each revision is read from git without a checkout.  Without REV, every tag whose
    commit holds the articles folder is charted, oldest first, then the working tree.
    A revision with check errors is still counted (what loads), and said on stderr.
    A file that cannot be read (invalid YAML, an outline not read) is named at its
    place on stderr; the revision's figures leave it out and its change is shown as
    unknown ("?"), to and from it.  Exit 0 when charted, 1 when a file of a revision
    cannot be read, 2 when a revision or the folder cannot be read or the output
    cannot be written.

    Example: jsitext progress --format svg --output progress.svg
    """
    from .. import progress as pr
    from ..console import say, wants_colour
    from ..formats import get

    chosen = get(format, "progress")
    report = pr.progress(revisions or (), path=path)
    for note in report.notes:
        say(f"jsitext: {note}")
    for figures in report.revisions:
        if figures.errors:
            say(f"jsitext: {pr.error_summary(figures)}")
        for line in pr.unreadable_summary(figures) if figures.unreadable else ():
            say(line if line.startswith(" ") else f"jsitext: {line}")
    if chosen.name == "text" and output is None and wants_colour(sys.stdout):
        pr.print_rich(report)
    else:
        emit(chosen.render(report), output)
    finish(1 if any(f.unreadable for f in report.revisions) else 0)
