"""``jsitext diff``: what changed between two revisions, in negotiators' terms."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .app import app, finish


@app.command()
def diff(
    old: str = typer.Argument(..., help="The old revision (tag, branch, commit) or an articles folder."),
    new: str | None = typer.Argument(None, help="The new revision or folder (default: the working tree)."),
    path: str = typer.Option("articles", "--path", "-p", help="The articles folder inside the repository."),
    format: str = typer.Option("text", "--format", "-f", help="text, json, md, html, or docx (the NEW text with tracked changes; needs --output)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout."),
    author: str | None = typer.Option(None, "--author", help="The author of the docx tracked changes (default: jsitext)."),
    templates: Path | None = typer.Option(
        None, "--templates", help="A folder of your own Jinja templates (diff.md.j2, diff.html.j2), used before the packaged ones."
    ),
    article: str | None = typer.Option(None, "--article", help="Only this article (its id)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are changes (like git diff --exit-code)."),
) -> None:
    """Show what changed between two revisions: articles, brackets, options, proponents, with a word-level redline.

    Exit 0 whatever the changes (1 with --exit-code when there are changes, or when
    a docx redline is refused because the NEW text has check errors), 2 for an
    unknown revision or folder or another usage problem.

    Example: jsitext diff rev3 rev4 --format html --output changes.html
    Word redline: jsitext diff rev3 rev4 --format docx --output rev4-redline.docx --author Secretariat
    """
    from ..diff import diff_sources
    from ..diff.present import FORMATS
    from ..errors import UsageError

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: no such templates folder")
    if format == "docx" and output is None:
        raise UsageError("--format docx writes a Word file: name it with --output FILE (it is not written to stdout)")
    result = diff_sources(old, new, path=path, article=article)
    _report_problems(result)
    if format == "docx":
        _write_docx(result, output, author, article)  # type: ignore[arg-type]
    else:
        _write(result, format, output, templates)
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


def _write(result, format: str, output: Path | None, templates: Path | None) -> None:
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
        payload = present.render_template(result, format, templates_dir=templates)
    if output is None:
        sys.stdout.write(payload)
    else:
        _save(output, payload.encode("utf-8"))


def _write_docx(result, output: Path, author: str | None, article: str | None) -> None:
    """The Word redline, written atomically; refused (exit 1) when the whole NEW text has check errors."""
    import sys

    from ..diff import word_redline
    from ..report import text_line

    data, problems = word_redline(result, author=author, article=article)
    if data is None:
        print(f"jsitext: cannot write the Word redline: {result.new.label} has check errors (a redline is the NEW text as built):", file=sys.stderr)
        for p in problems:
            if p.is_error:
                print("  " + text_line(p), file=sys.stderr)
        finish(1)
    _save(output, data)


def _save(output: Path, data: bytes) -> None:
    """Write DATA to OUTPUT atomically (the build's writer); its folder must exist."""
    from ..atomic import write_atomically
    from ..errors import UsageError

    folder = output.parent
    if not folder.is_dir():
        raise UsageError(f"{output}: no such folder {str(folder)!r}; create it first")
    write_atomically(folder, {output.name: data})
    print(f"wrote {output}", file=sys.stderr)
