"""``jsitext members``: the proponent codes a text may use."""

from __future__ import annotations

from pathlib import Path

import typer

from ..formats import help_text
from .app import app, finish


@app.command()
def members(
    used: Path | None = typer.Option(None, "--used", help="Only the members this articles folder names, with how often they propose and facilitate."),
    format: str = typer.Option("text", "--format", "-f", help=help_text("members") + "."),
) -> None:
    """List the proponent codes: every WTO member, plus a text's members.yaml.

    Example: jsitext members --used articles
    """
    import json
    import sys

    from ..formats import get
    from ..members_report import member_rows, member_table

    get(format, "members")
    rows = member_rows(used)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        finish(0)
    sys.stdout.write(member_table(rows))
    finish(0)
