"""Who a footnote or a parenthesis names: member codes from codes or WTO names.

An attribution is a list of members, optionally led by "Proposed by",
"Proponents:" or "Supported by" (supporters are kept as proponents too) and
ending in a full stop: "Proposed by US, JP.", "Hong Kong, China; Korea, Republic
of", "Proponents: European Union, Chinese Taipei; supported by CA.".  Names are
matched against the built-in member list, WTO's spellings and the usual short
forms ("Korea", "the United States"), longest first, so that a name holding a
comma ("Hong Kong, China") is one member, not two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from ..members import Registry, builtin

_LEADS = re.compile(
    r"^\s*(?:(?:proposed|tabled|submitted|supported|sponsored)\s+by|proponents?\s*:|proposal\s+(?:by|of)\s*:?|supporters?\s*:)\s*",
    re.IGNORECASE,
)
_MORE_LEADS = re.compile(r"[;,.]?\s*(?:and\s+)?(?:(?:supported|co-sponsored|joined)\s+by|supporters?\s*:)\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[,;/]|\band\b|&)\s*")
_CODE_SHAPE = re.compile(r"[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*")
#: Short forms of WTO names that texts use, beside the list's own spellings.
_SHORT_FORMS = {
    "the united states": "US",
    "united states of america": "US",
    "usa": "US",
    "korea": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "the european union": "EU",
    "hong kong": "HK",
    "hong kong china": "HK",
    "macao": "MO",
    "taiwan": "TPKM",
    "separate customs territory of taiwan, penghu, kinmen and matsu": "TPKM",
    "russia": "RU",
    "the russian federation": "RU",
    "uk": "GB",
    "the united kingdom": "GB",
    "moldova": "MD",
    "the gambia": "GM",
    "türkiye": "TR",
    "turkey": "TR",
}


@dataclass(frozen=True)
class Attribution:
    """What a list of members names: the codes found, the names not recognised, whether it was led ("Proposed by")."""

    codes: tuple[str, ...]
    unknown: tuple[str, ...]
    led: bool

    @property
    def complete(self) -> bool:
        return bool(self.codes) and not self.unknown


#: The names of the members the text being imported knows (its members.yaml's too); None: the built-in ones.
_KNOWN: ContextVar[dict[str, str] | None] = ContextVar("known_members", default=None)


@contextmanager
def members_known(registry: Registry) -> Iterator[None]:
    """Read attributions against REGISTRY (the built-in members and a text's members.yaml) meanwhile."""
    token = _KNOWN.set(_table(registry))
    try:
        yield
    finally:
        _KNOWN.reset(token)


def _names() -> dict[str, str]:
    return _KNOWN.get() or _builtin_names()


@lru_cache(maxsize=1)
def _builtin_names() -> dict[str, str]:
    return _table(builtin())


def _table(registry: Registry) -> dict[str, str]:
    """Every name, code and alias of REGISTRY (lower-cased) → its code, groups included."""
    out = {name.lower(): code for name, code in _SHORT_FORMS.items()}
    for code, member in registry.members.items():
        out[member.name.lower()] = code
        out[code.lower()] = code
    for alias, code in registry.aliases.items():
        out[alias.lower()] = code
    for code, group in registry.groups.items():
        out[group.name.lower()] = code
        out[code.lower()] = code
    return out


def read_attribution(text: str) -> Attribution | None:
    """TEXT read as a list of members, or None when it is not one at all (prose, empty)."""
    body = text.strip()
    led = bool(_LEADS.match(body))
    body = _LEADS.sub("", body, count=1)
    body = _MORE_LEADS.sub(", ", body).strip().rstrip(".").strip()
    if not body or len(body) > 400:
        return None
    pieces = [p for p in _SEPARATORS.split(body) if p]
    codes, unknown = _match(pieces)
    if not led and not codes:
        return None
    if not led and unknown and not all(_CODE_SHAPE.fullmatch(u) or len(u.split()) <= 3 for u in unknown):
        return None
    return Attribution(tuple(dict.fromkeys(codes)), tuple(unknown), led)


def _match(pieces: list[str]) -> tuple[list[str], list[str]]:
    """PIECES (split at commas) joined back where two or three make one name ("Korea, Republic of")."""
    names = _names()
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(pieces):
        for width in (3, 2, 1):
            code = _lookup(names, pieces[i : i + width])
            if code and i + width <= len(pieces):
                codes.append(code)
                i += width
                break
        else:
            unknown.append(pieces[i].strip())
            i += 1
    return codes, unknown


def _lookup(names: dict[str, str], pieces: list[str]) -> str | None:
    """The code of the name PIECES make, joined by a comma or by "and" ("Trinidad and Tobago")."""
    for joiner in (", ", " and "):
        name = joiner.join(pieces).lower().strip()
        code = names.get(name) or names.get(name.removeprefix("the "))
        if code:
            return code
    return None


def looks_like_code(word: str) -> bool:
    """WORD could stand in an attribution as written (upper-case letters and digits)."""
    return bool(_CODE_SHAPE.fullmatch(word))
