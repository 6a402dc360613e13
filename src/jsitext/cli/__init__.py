"""The ``jsitext`` command: a thin shell over the library.

Each command parses its options, makes one call into the library, renders the
result and returns an exit code (see :mod:`jsitext.errors`).  Command modules
import the library inside their functions, so ``jsitext --help`` stays quick.
"""

from __future__ import annotations

import sys

from .app import app, finish, state

__all__ = ["app", "finish", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (never raises)."""
    from ..errors import exit_code_for

    _tolerant_streams()
    try:
        app(args=argv, prog_name="jsitext")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    except BaseException as err:
        return exit_code_for(err, debug=state["debug"] or "--debug" in (argv if argv is not None else sys.argv))
    return 0


def _tolerant_streams() -> None:
    """Print what cannot be encoded as an escape: a file name that is not UTF-8 reaches
    a report as '\\udcff', and a strict stream would end the command with an error."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


# Importing a command module registers its commands; this order is the order of --help.
from . import check, build, diff, progress, authoring, members  # noqa: E402, F401, I001
