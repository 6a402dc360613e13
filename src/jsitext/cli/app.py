"""The one Typer application every command registers on, and how a command ends."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from .. import __version__

app = typer.Typer(
    name="jsitext",
    help="Keep a plurilateral negotiating text as YAML, one file per article: check it, build it, diff revisions.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"jsitext {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    state["debug"] = debug


def finish(code: int) -> NoReturn:
    """End a command with CODE (commands return through here, not by value)."""
    raise typer.Exit(code)


def emit(data: bytes, output: Path | None) -> None:
    """A report's bytes to stdout, or written atomically to the file OUTPUT (its folder must exist: a mistyped one is not created)."""
    from ..atomic import write_atomically
    from ..errors import UsageError

    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not output.name:
        raise UsageError(f"{output}: not a file name; give the file to write, e.g. --output report{output.suffix or '.md'}")
    if not output.parent.is_dir():
        raise UsageError(f"{output}: no such folder {str(output.parent)!r}; create it first")
    write_atomically(output.parent, {output.name: data})
    print(f"wrote {output}", file=sys.stderr)
