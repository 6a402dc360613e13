"""The one Typer application every command registers on, and how a command ends."""

from __future__ import annotations

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
