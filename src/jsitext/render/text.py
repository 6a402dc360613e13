"""Plain text for e-mail: wrapping at 78 columns and superscript footnote markers."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

WIDTH = 78
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACE = re.compile(r"\s+")


def wrap(text: object, indent: int | str = 0, hanging: int | str | None = None, width: int = WIDTH) -> str:
    """TEXT folded to WIDTH columns, words never broken.

    The first line starts with INDENT (a number of spaces, or a label padded to
    HANGING columns); the next ones with HANGING (a number of spaces or a prefix
    such as "    | "), by default as wide as the first line's start.
    """
    first = indent if isinstance(indent, str) else " " * indent
    rest = hanging if isinstance(hanging, str) else " " * (len(first) if hanging is None else hanging)
    if isinstance(indent, str) and indent.strip() and len(first) < len(rest):
        first = first.ljust(len(rest))
    elif first and not first.endswith(" ") and hanging is not None:
        first += " "
    words = _SPACE.sub(" ", str(text)).strip()
    if not words:
        return first.rstrip()
    wrapper = textwrap.TextWrapper(width=width, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)
    return "\n".join(wrapper.wrap(words))


def superscript(number: object) -> str:
    """A footnote marker: 12 → ¹²."""
    return str(number).translate(_SUPERSCRIPT)


def underline(text: object, char: str = "=") -> str:
    """TEXT with a line of CHAR under it (a heading in plain text)."""
    text = _SPACE.sub(" ", str(text)).strip()
    return f"{text}\n{char * min(len(text), WIDTH)}"


#: The filters the txt templates use.
FILTERS: dict[str, Callable[..., object]] = {"wrap": wrap, "sup": superscript, "underline": underline}
