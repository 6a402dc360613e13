"""Presenting problems: text (colour on a terminal), JSON, or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .escape import github_data, github_property, visible
from .problems import Problem


def summary(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    scope = f"in {files} file{'s' if files != 1 else ''}"
    if not problems:
        return f"no problems {scope}"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{', '.join(parts)} {scope}"


def text_line(p: Problem) -> str:
    """``file:line:col: error: message [code] (in breadcrumb)``, control characters (of a file name, a
    quoted value) made visible: a line of the report is one line, and cannot drive a terminal or CI."""
    crumb = f" (in {p.breadcrumb})" if p.breadcrumb else ""
    return visible(f"{p.where()}: {p.severity.value}: {p.message} [{p.code}]{crumb}")


def as_json(problems: Iterable[Problem]) -> str:
    rows = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "severity": p.severity.value,
            "code": p.code,
            "message": p.message,
            "breadcrumb": p.breadcrumb,
        }
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def as_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: one ``::error`` or ``::warning`` per problem."""
    lines = []
    for p in problems:
        place = f"file={github_property(p.path)}"
        if p.line:
            place += f",line={p.line},col={p.column}"
        place += f",title={github_property(p.code)}"
        lines.append(f"::{p.severity.value} {place}::{github_data(p.message)}")
    return "".join(line + "\n" for line in lines)


def print_problems(problems: list[Problem], format: str, *, files: int) -> None:
    """PROBLEMS on stdout in FORMAT (text in colour on a terminal), the summary line after them."""
    import sys

    from .console import SEVERITY_STYLE, rich_console, wants_colour

    if format == "json":
        sys.stdout.write(as_json(problems))
        return
    if format == "github":
        sys.stdout.write(as_github(problems))
        print(summary(problems, files), file=sys.stderr)
        return
    if not wants_colour(sys.stdout):
        sys.stdout.write("".join(text_line(p) + "\n" for p in problems))
        print(summary(problems, files))
        return
    from rich.text import Text

    console = rich_console()
    for p in problems:
        line = Text(visible(p.where()) + ": ", style="bold")
        line.append(p.severity.value, style=SEVERITY_STYLE[p.severity.value])
        line.append(f": {visible(p.message)} ")
        line.append(f"[{p.code}]", style="dim")
        if p.breadcrumb:
            line.append(f" (in {visible(p.breadcrumb)})", style="dim")
        console.print(line)
    console.print(Text(summary(problems, files), style="bold"))
