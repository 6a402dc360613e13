"""``jsitext check``: the linter a text's CI runs on every change."""

from __future__ import annotations

from pathlib import Path

import typer

from ..formats import help_text
from .app import app, finish


@app.command()
def check(
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    format: str = typer.Option("text", "--format", "-f", help=help_text("problems") + "."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
) -> None:
    """Check every article, the outline and the markup; report every problem in one pass.

    Exit 0 when there is no error (warnings allowed), 1 when there are errors (or
    warnings with --strict), 2 for a usage or I/O problem.

    Example: jsitext check articles --format github
    """
    from ..checks import check as run_check
    from ..formats import get
    from ..report import print_problems
    from ..source import FolderSource

    get(format, "problems")
    loaded, problems = run_check(FolderSource(path))
    print_problems(problems, format, files=len(loaded.files) + 1)
    failing = [p for p in problems if p.is_error or strict]
    finish(1 if failing else 0)
