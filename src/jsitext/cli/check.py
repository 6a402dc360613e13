"""``jsitext check``: the linter a text's CI runs on every change."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app, finish


@app.command()
def check(
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or github (GitHub Actions annotations)."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
) -> None:
    """Check every article, the outline and the markup; report every problem in one pass.

    Exit 0 when there is no error (warnings allowed), 1 when there are errors (or
    warnings with --strict), 2 for a usage or I/O problem.

    Example: jsitext check articles --format github
    """
    from ..checks import check as run_check
    from ..errors import UsageError
    from ..report import FORMATS, print_problems
    from ..source import FolderSource

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    loaded, problems = run_check(FolderSource(path))
    print_problems(problems, format, files=len(loaded.files) + 1)
    failing = [p for p in problems if p.is_error or strict]
    finish(1 if failing else 0)
