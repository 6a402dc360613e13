"""The ``jsitext`` command: a thin shell over the library.

Each command parses its options, makes one call into the library, renders the
result and returns an exit code (see :mod:`jsitext.errors`).  Command modules
import the library inside their functions, so ``jsitext --help`` stays quick.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from .app import app, finish, state

__all__ = ["app", "finish", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (never raises)."""
    from ..errors import exit_code_for

    _tolerant_streams()
    previous = _interrupt_on_termination()
    try:
        app(args=argv, prog_name="jsitext")
    except SystemExit as done:
        interrupt = _interruption(done)
        if interrupt is not None:  # typer turns Ctrl-C into a silent exit 130
            return exit_code_for(interrupt)
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    except BaseException as err:
        return exit_code_for(err, debug=state["debug"] or "--debug" in (argv if argv is not None else sys.argv))
    finally:
        _restore(previous)
    return 0


def _tolerant_streams() -> None:
    """Print what cannot be encoded as an escape: a file name that is not UTF-8 reaches
    a report as '\\udcff', and a strict stream would end the command with an error."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _interruption(done: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C (or SIGTERM, SIGHUP) behind an exit, if there was one."""
    seen: BaseException | None = done
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _interrupt_on_termination() -> dict[int, Any]:
    """SIGTERM and SIGHUP end a command as Ctrl-C does: temporary files removed, no output half-replaced.

    A signal the caller chose to ignore (``nohup`` ignores SIGHUP) stays ignored.  Returns
    the handlers replaced, for :func:`_restore` (``main`` may run inside another program).
    """
    import signal

    from ..errors import Interrupted

    def interrupt(number: int, _frame: object) -> None:
        raise Interrupted(number)

    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            previous[number] = signal.signal(number, interrupt)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


# Importing a command module registers its commands; this order is the order of --help.
from . import check, build, diff, progress, authoring, members, importing  # noqa: E402, F401, I001
