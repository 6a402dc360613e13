"""Terminal output: payload on stdout, chatter on stderr, colour only on a terminal.

rich is imported only when a terminal will show colour, so piped runs (CI, scripts)
stay fast and byte-stable.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def rich_console(stream: TextIO | None = None) -> Console:
    from rich.console import Console

    stream = stream or sys.stdout
    return Console(file=stream, highlight=False, soft_wrap=True, force_terminal=wants_colour(stream), no_color=not wants_colour(stream))


def say(message: str) -> None:
    """Progress and chatter, to stderr."""
    print(message, file=sys.stderr)


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
