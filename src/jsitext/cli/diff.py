"""``jsitext diff``: what changed between two revisions, in negotiators' terms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..diff import DiffResult
    from ..formats import Format, Options

from ..formats import help_text
from .app import app, emit, finish


@app.command()
def diff(
    old: str = typer.Argument(..., help="The old revision (tag, branch, commit) or an articles folder."),
    new: str | None = typer.Argument(None, help="The new revision or folder (default: the working tree)."),
    path: str = typer.Option("articles", "--path", "-p", help="The articles folder inside the repository."),
    format: str = typer.Option("text", "--format", "-f", help=f"{help_text('diff')}; docx is the NEW text with tracked changes; docx and pdf need --output."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout."),
    author: str | None = typer.Option(None, "--author", help="The author of the docx tracked changes (default: jsitext)."),
    templates: Path | None = typer.Option(
        None, "--templates", help="A folder of your own Jinja templates (diff.md.j2, diff.html.j2), used before the packaged ones."
    ),
    article: str | None = typer.Option(None, "--article", help="Only this article (its id)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are changes (like git diff --exit-code)."),
) -> None:
    """Show what changed between two revisions: articles, brackets, options, proponents, with a word-level redline.

    Exit 0 whatever the changes (1 with --exit-code when there are changes, when a
    changed article or an outline cannot be read on either side, so that its changes
    are unknown, or when a docx redline is refused because the NEW text has check
    errors), 2 for an unknown revision or folder or another usage problem.

    Example: jsitext diff rev3 rev4 --format html --output changes.html
    Word redline: jsitext diff rev3 rev4 --format docx --output rev4-redline.docx --author Secretariat
    """
    from ..diff import diff_sources
    from ..errors import UsageError
    from ..escape import visible
    from ..formats import Options, get

    chosen = get(format, "diff")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: no such templates folder")
    if chosen.binary and output is None:
        raise UsageError(f"--format {chosen.name} writes a {chosen.description} file: name it with --output FILE (it is not written to stdout)")
    result = diff_sources(old, new, path=path, article=article)
    _report_problems(result)
    if result.unread_outlines():
        print(
            f"jsitext: cannot compare {visible(result.old.label)} with {visible(result.new.label)}: an outline (text.yaml) cannot be read, see above",
            file=sys.stderr,
        )
        finish(1)
    unknown = result.not_compared()
    if unknown:
        n = len({missing.article for missing in unknown})
        print(f"jsitext: {n} changed article{'s' if n != 1 else ''} cannot be read, so not compared (see above)", file=sys.stderr)
    if chosen.name == "text" and output is None and _terminal():
        from ..console import rich_console
        from ..diff import present

        present.print_rich(result, rich_console())
    else:
        emit(_rendered(chosen, result, Options(templates_dir=templates, author=author, article=article)), output)
    finish(1 if unknown or (exit_code and result.has_changes) else 0)


def _terminal() -> bool:
    from ..console import wants_colour

    return wants_colour(sys.stdout)


def _report_problems(result: DiffResult) -> None:
    """Check problems of each side go to stderr: the diff goes as far as it can."""
    from ..escape import visible
    from ..report import text_line

    for side in (result.old, result.new):
        errors = [p for p in side.problems if p.is_error]
        if errors:
            print(f"jsitext: {visible(side.label)} has {len(errors)} check error(s); diffing as far as possible:", file=sys.stderr)
            for p in errors:
                print("  " + text_line(p), file=sys.stderr)


def _rendered(chosen: Format, result: DiffResult, options: Options) -> bytes:
    """The report's bytes; a Word redline refused (the NEW text has check errors) ends with exit 1."""
    from ..diff.docx_redline import RedlineRefused
    from ..escape import visible
    from ..report import text_line

    try:
        return chosen.render(result, options)
    except RedlineRefused as refused:
        reason = refused.reason or f"{result.new.label} has check errors (a redline is the NEW text as built)"
        print(f"jsitext: cannot write the Word redline: {visible(reason)}:", file=sys.stderr)
        for p in refused.problems:
            if p.is_error:
                print("  " + text_line(p), file=sys.stderr)
        finish(1)
