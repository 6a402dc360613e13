"""The members who can be proponents: every WTO member, plus a text's own additions.

Built in: ``data/members.tsv`` (code, WTO name, alias codes such as UK for GB).  A
text's ``members.yaml`` adds members, aliases and groups (a coalition's code, which
expands to its members in member views).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Member:
    code: str
    name: str


@dataclass(frozen=True)
class Group:
    """A coalition of members, named by one code (from members.yaml)."""

    code: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Registry:
    members: dict[str, Member]
    aliases: dict[str, str] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    def canonical(self, code: str) -> str | None:
        """The member or group code CODE stands for, or None if unknown."""
        if code in self.members or code in self.groups:
            return code
        return self.aliases.get(code)

    def name(self, code: str) -> str:
        """The printed name of a code (the code itself when unknown)."""
        canonical = self.canonical(code) or code
        if canonical in self.groups:
            return self.groups[canonical].name
        member = self.members.get(canonical)
        return member.name if member else code

    def expand(self, code: str) -> frozenset[str]:
        """A code with, for a group, every member it stands for."""
        canonical = self.canonical(code) or code
        group = self.groups.get(canonical)
        if group is None:
            return frozenset({canonical})
        return frozenset({canonical, *(self.canonical(c) or c for c in group.members)})

    def groups_of(self, code: str) -> frozenset[str]:
        """The groups of members.yaml that CODE's member belongs to (their proposals are its own too)."""
        canonical = self.canonical(code) or code
        return frozenset(g.code for g in self.groups.values() if canonical in {self.canonical(m) or m for m in g.members})

    def known_codes(self) -> list[str]:
        return sorted({*self.members, *self.aliases, *self.groups})

    def extended(self, members: dict[str, str], aliases: dict[str, str], groups: dict[str, tuple[str, tuple[str, ...]]]) -> Registry:
        """This registry with a text's own members, aliases and groups added."""
        return Registry(
            {**self.members, **{c: Member(c, n) for c, n in members.items()}},
            {**self.aliases, **aliases},
            {**self.groups, **{c: Group(c, n, m) for c, (n, m) in groups.items()}},
        )


@lru_cache(maxsize=1)
def builtin() -> Registry:
    """Every WTO member, from the packaged table."""
    data = resources.files("jsitext").joinpath("data/members.tsv").read_text(encoding="utf-8")
    members: dict[str, Member] = {}
    aliases: dict[str, str] = {}
    for line in data.splitlines()[1:]:
        code, name, alias_list = ([*line.split("\t"), "", ""])[:3]
        members[code] = Member(code, name)
        for alias in filter(None, (a.strip() for a in alias_list.split(","))):
            aliases[alias] = code
    return Registry(members, aliases)
