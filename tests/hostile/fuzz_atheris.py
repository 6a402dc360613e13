"""An atheris (libFuzzer) target over the loader and the markup parser; not a pytest test.

Run it for as long as you like (docs/security.md)::

    .venv/bin/pip install atheris
    .venv/bin/python tests/hostile/fuzz_atheris.py -max_total_time=600 -max_len=4096

A crash is any exception other than a finding: the loader must turn every input
into problems, and the parser must raise only MarkupError.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]  # the hostile package, and the tests' helpers.py

import atheris  # noqa: E402

with atheris.instrument_imports():
    from hostile.kit import check_bytes
    from jsitext import markup

FILES = ("a.yaml", "text.yaml", "members.yaml")


def one_input(data: bytes) -> None:
    """Split the input: its first byte chooses the file, the rest is the file and a markup string."""
    if not data:
        return
    check_bytes(FILES[data[0] % len(FILES)], data[1:])
    try:
        markup.parse(data[1:].decode("utf-8", "replace"))
    except markup.MarkupError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
