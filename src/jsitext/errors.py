"""Exit codes, and the one place that turns exceptions into them.

* 0: success (a check with warnings only, a diff whatever it found without --exit-code)
* 1: findings: check errors (or warnings with --strict), a build refused on errors,
  changes with ``diff --exit-code``, files to reformat with ``fmt --check``, a diff or
  progress with a changed file that cannot be read (its changes are unknown)
* 2: usage or I/O: a bad option, a missing or unreadable folder, an unknown revision,
  an output that cannot be written
* 3: an internal error (a bug in jsitext): one line asks for a report; ``--debug``
  shows the traceback
* 128 + the signal: interrupted: 130 by Ctrl-C (SIGINT), 143 by SIGTERM, 129 by SIGHUP;
  every output and edited file is then as it was before the command, or (when the
  signal came while files were being replaced) as the command meant to leave it
"""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C (see :func:`jsitext.cli.main`)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


class SourceError(Exception):
    """The source itself cannot be read: a usage or I/O problem (exit 2); raised by :mod:`jsitext.source`."""


class UsageError(Exception):
    """A problem with how jsitext was called or with the files around it (exit 2)."""


def exit_code_for(error: BaseException, *, debug: bool = False) -> int:
    """Print one line for ERROR on stderr and return its exit code."""
    if isinstance(error, Interrupted):
        import signal

        print(f"jsitext: interrupted ({signal.Signals(error.signal_number).name})", file=sys.stderr)
        return 128 + error.signal_number
    if isinstance(error, KeyboardInterrupt):
        print("jsitext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(error, (UsageError, SourceError)):
        print(f"jsitext: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        print(f"jsitext: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    if debug:
        import traceback

        traceback.print_exception(error)
    else:
        print(
            f"jsitext: internal error: {type(error).__name__}: {error}. This is a bug: please report it "
            "with the command you ran (run again with --debug for the traceback).",
            file=sys.stderr,
        )
    return EXIT_INTERNAL
