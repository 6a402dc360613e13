"""``jsitext members``: the proponent codes a text may use."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, finish


@app.command()
def members(
    used: Path | None = typer.Option(None, "--used", help="Only the codes used in this articles folder, with how often."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """List the proponent codes: every WTO member, plus a text's members.yaml.

    Example: jsitext members --used articles
    """
    import json
    import sys

    from ..errors import UsageError
    from ..memberlist import member_rows

    if format not in ("text", "json"):
        raise UsageError(f"unknown format {format!r}; choose one of: text, json")
    rows = member_rows(used)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        finish(0)
    width = max((len(r["code"]) for r in rows), default=4)
    for r in rows:
        count = f"  {r['uses']:>5}" if "uses" in r else ""
        sys.stdout.write(f"{r['code']:<{width}}{count}  {r['name']}\n")
    finish(0)
