"""``jsitext diff``: what changed between two revisions, in negotiators' terms."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, finish


@app.command()
def diff(
    old: str = typer.Argument(..., help="The old revision (tag, branch, commit) or an articles folder."),
    new: str | None = typer.Argument(None, help="The new revision or folder (default: the working tree)."),
    path: str = typer.Option("articles", "--path", "-p", help="The articles folder inside the repository."),
    format: str = typer.Option("text", "--format", "-f", help="text, json, md or html (docx: not available yet)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout."),
    article: str | None = typer.Option(None, "--article", help="Only this article (its id)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are changes (like git diff --exit-code)."),
) -> None:
    """Show what changed between two revisions: articles, brackets, options, proponents, with a word-level redline.

    Exit 0 whatever the changes (1 with --exit-code when there are changes), 2 for
    an unknown revision or folder or another usage problem.

    Example: jsitext diff rev3 rev4 --format html --output changes.html
    """
    from ..diff import diff_sources
    from ..diff.present import FORMATS
    from ..errors import UsageError

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    if format == "docx":
        raise UsageError("docx redline not available yet; use --format html or md for a redline")
    result = diff_sources(old, new, path=path, article=article)
    _report_problems(result)
    _write(result, format, output)
    finish(1 if exit_code and result.has_changes else 0)


def _report_problems(result) -> None:
    """Check problems of each side go to stderr: the diff goes as far as it can."""
    import sys

    from ..report import text_line

    for side in (result.old, result.new):
        errors = [p for p in side.problems if p.is_error]
        if errors:
            print(f"jsitext: {side.label} has {len(errors)} check error(s); diffing as far as possible:", file=sys.stderr)
            for p in errors:
                print("  " + text_line(p), file=sys.stderr)


def _write(result, format: str, output: Path | None) -> None:
    import sys

    from ..console import rich_console, wants_colour
    from ..diff import present

    if format == "text" and output is None and wants_colour(sys.stdout):
        present.print_rich(result, rich_console())
        return
    if format == "json":
        payload = present.as_json(result)
    elif format == "text":
        payload = present.as_text(result)
    else:
        payload = present.render_template(result, format)
    if output is None:
        sys.stdout.write(payload)
    else:
        present.write_atomically(output, payload)
