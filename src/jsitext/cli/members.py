"""``jsitext members``: the proponent codes a text may use."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app, finish


@app.command()
def members(
    used: Path | None = typer.Option(None, "--used", help="Only the members this articles folder names, with how often they propose and facilitate."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """List the proponent codes: every WTO member, plus a text's members.yaml.

    Example: jsitext members --used articles
    """
    import json
    import sys

    from ..errors import UsageError
    from ..members_report import member_rows, member_table

    if format not in ("text", "json"):
        raise UsageError(f"unknown format {format!r}; choose one of: text, json")
    rows = member_rows(used)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        finish(0)
    sys.stdout.write(member_table(rows))
    finish(0)
