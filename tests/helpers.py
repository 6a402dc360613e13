"""Small helpers shared by the tests: an in-memory text and ``assert_problems``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jsitext.checks import run_checks
from jsitext.load import Loaded, load_text
from jsitext.problems import Problem

ARTICLE = "a.yaml"
#: The outline of a one-article text, for tests about one article file.
ONE_ARTICLE_TEXT = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a]\n"


@dataclass
class MemorySource:
    """A text held in a dict (relative path → content), read like an articles folder."""

    contents: dict[str, str | bytes]
    label: str = "mem"
    unreadable: frozenset[str] = field(default_factory=frozenset)

    def display_path(self, rel: str) -> str:
        return rel

    def files(self) -> dict[str, str]:
        return {rel: str(len(self._bytes(rel))) for rel in sorted(self.contents)}

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        return {rel: PermissionError(13, "Permission denied") if rel in self.unreadable else self._bytes(rel) for rel in rels}

    def _bytes(self, rel: str) -> bytes:
        value = self.contents[rel]
        return value.encode("utf-8") if isinstance(value, str) else value


def load(contents: dict[str, str | bytes]) -> Loaded:
    return load_text(MemorySource(contents))  # type: ignore[arg-type]


def check_files(contents: dict[str, str | bytes]) -> list[Problem]:
    """Every problem of a text given as {relative path: content}."""
    return run_checks(load(contents))


def article_problems(article: str | bytes, **others: str) -> list[Problem]:
    """The problems of one article file ``a.yaml`` in a one-article text."""
    files: dict[str, str | bytes] = {"text.yaml": ONE_ARTICLE_TEXT, ARTICLE: article}
    files.update({f"{name.replace('_', '-')}.yaml": text for name, text in others.items()})
    return check_files(files)


def assert_problems(article: str | bytes, *expected: tuple[str, int, int]) -> list[Problem]:
    """Assert that article ``a.yaml`` gives exactly EXPECTED as (code, line, column)."""
    found = article_problems(article)
    assert [(p.code, p.line, p.column) for p in found] == list(expected), "\n".join(f"{p.where()} {p.code}: {p.message}" for p in found)
    return found


def write_tree(root: Path, contents: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} below ROOT and return ROOT."""
    for rel, value in contents.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8", newline="")
    return root
