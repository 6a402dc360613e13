"""``jsitext progress``: the bracket count of every revision, for plenary reports and slides."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .app import app, finish


@app.command()
def progress(
    revisions: list[str] | None = typer.Argument(
        None, metavar="[REV]...", help="Git revisions to chart, in this order (default: every tag holding the folder, then the working tree)."
    ),
    path: str = typer.Option("articles", "--path", "-p", help="The articles folder, relative to the repository's root."),
    format: str = typer.Option("text", "--format", "-f", help="text (a bar chart; rich on a terminal), json, md or svg (a chart for slides)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
) -> None:
    """Chart brackets and options remaining and articles by status, revision by revision.

    Each revision is read from git without a checkout.  Without REV, every tag whose
    commit holds the articles folder is charted, oldest first, then the working tree.
    A revision with check errors is still counted (what loads), and said on stderr.
    Exit 0 when charted, 2 when a revision or the folder cannot be read or the
    output cannot be written.

    Example: jsitext progress --format svg --output progress.svg
    """
    from .. import progress as pr
    from ..console import say, wants_colour
    from ..errors import UsageError

    if format not in pr.FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(pr.FORMATS)}")
    report = pr.progress(revisions or (), path=path)
    for note in report.notes:
        say(f"jsitext: {note}")
    for figures in report.revisions:
        if figures.errors:
            say(f"jsitext: {pr.error_summary(figures)}")
    if format == "text" and output is None and wants_colour(sys.stdout):
        pr.print_rich(report)
    else:
        _emit(_payload(report, format), output)
    finish(0)


def _payload(report, format: str) -> bytes:  # report: jsitext.progress.Progress
    from .. import progress as pr

    if format == "svg":
        return pr.as_svg(report)
    render = {"json": pr.as_json, "md": pr.as_markdown, "text": pr.as_text}[format]
    return render(report).encode("utf-8")


def _emit(data: bytes, output: Path | None) -> None:
    from ..atomic import write_atomically
    from ..console import say
    from ..errors import UsageError

    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not output.name:
        raise UsageError(f"{output}: not a file name; give the file to write, e.g. --output progress.svg")
    write_atomically(output.parent, {output.name: data})
    say(f"wrote {output}")
