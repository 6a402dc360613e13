"""``jsitext check``: the linter a text's CI runs on every change."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, finish


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
    from ..report import FORMATS
    from ..source import FolderSource

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    loaded, problems = run_check(FolderSource(path))
    _print_problems(problems, format, files=len(loaded.files) + 1)
    failing = [p for p in problems if p.is_error or strict]
    finish(1 if failing else 0)


def _print_problems(problems: list, format: str, *, files: int) -> None:
    import sys

    from .. import report
    from ..console import SEVERITY_STYLE, rich_console, wants_colour

    if format == "json":
        sys.stdout.write(report.as_json(problems))
        return
    if format == "github":
        sys.stdout.write(report.as_github(problems))
        print(report.summary(problems, files), file=sys.stderr)
        return
    if not wants_colour(sys.stdout):
        sys.stdout.write("".join(report.text_line(p) + "\n" for p in problems))
        print(report.summary(problems, files))
        return
    from rich.text import Text

    console = rich_console()
    for p in problems:
        line = Text(p.where() + ": ", style="bold")
        line.append(p.severity.value, style=SEVERITY_STYLE[p.severity.value])
        line.append(f": {p.message} ")
        line.append(f"[{p.code}]", style="dim")
        if p.breadcrumb:
            line.append(f" (in {p.breadcrumb})", style="dim")
        console.print(line)
    console.print(Text(report.summary(problems, files), style="bold"))
