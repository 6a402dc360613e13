"""Loading a whole text from a source: files → YAML nodes → model, problems kept.

A text always comes back, with whatever could be read: an article too broken to
type is left out, and every problem is in ``Loaded.problems``.  Callers that must
not go on with errors (build) refuse on them; diff goes as far as it can.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import MappingProxyType

from . import members as members_mod
from .model import Article, Meta, Text
from .problems import Problem, problem
from .schema import Reader, read_article_file, read_members_file, read_text_file
from .source import FolderSource, GitSource
from .yamlread import read_yaml

TEXT_FILE = "text.yaml"
MEMBERS_FILE = "members.yaml"


@dataclass
class Loaded:
    text: Text
    source: FolderSource | GitSource
    problems: list[Problem] = field(default_factory=list)
    #: The article files found, by id (the first one when an id is duplicated).
    files: dict[str, str] = field(default_factory=dict)

    def display_path(self, article_id: str) -> str:
        return self.source.display_path(self.files[article_id])

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def load_text(source: FolderSource | GitSource, *, only: Iterable[str] | None = None) -> Loaded:
    """Load text.yaml, members.yaml and the article files (or just the ids in ONLY)."""
    # Loading allocates many small acyclic objects: the cyclic collector would
    # scan them over and over (a quarter of the load time) and find nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(source, only)
    finally:
        if enabled:
            gc.enable()


def _load(source: FolderSource | GitSource, only: Iterable[str] | None) -> Loaded:
    listing = source.files()
    problems: list[Problem] = []
    article_files = _article_files(source, listing, problems)
    selected = None if only is None else set(only)
    wanted = [rel for aid, rel in article_files.items() if selected is None or aid in selected]
    special = [name for name in (TEXT_FILE, MEMBERS_FILE) if name in listing]
    contents = source.read(special + wanted)

    meta, sections = Meta(), ()
    if TEXT_FILE in contents:
        reader = _read(source, TEXT_FILE, contents, problems)
        if reader is not None:
            meta, sections = read_text_file(reader, reader.root)
            problems.extend(reader.problems)
    else:
        msg = f"no {TEXT_FILE} in this folder: is it the articles folder of a text? (create {TEXT_FILE} with a title and sections)"
        problems.append(problem(source.display_path(TEXT_FILE), 0, 0, "missing-text", msg))

    registry = members_mod.builtin()
    if MEMBERS_FILE in contents:
        reader = _read(source, MEMBERS_FILE, contents, problems)
        if reader is not None:
            registry = registry.extended(*read_members_file(reader, reader.root))
            problems.extend(reader.problems)

    articles: dict[str, Article] = {}
    for rel in wanted:
        reader = _read(source, rel, contents, problems)
        if reader is None:
            continue
        article = read_article_file(reader, reader.root, PurePosixPath(rel).stem)
        problems.extend(reader.problems)
        if article is not None:
            articles[article.id] = article
    text = Text(meta, sections, MappingProxyType(articles), registry)
    return Loaded(text, source, problems, article_files)


class _FileReader(Reader):
    root: object = None


def _read(source: FolderSource | GitSource, rel: str, contents: dict, problems: list[Problem]) -> _FileReader | None:
    """Compose one file; None (with its problems recorded) when it is not usable YAML."""
    path = source.display_path(rel)
    data = contents[rel]
    if isinstance(data, OSError):
        problems.append(problem(path, 0, 0, "io-error", f"cannot read the file: {data.strerror or data}"))
        return None
    result = read_yaml(path, data)
    problems.extend(result.problems)
    if any(p.is_error and p.code != "duplicate-key" for p in result.problems):
        return None
    reader = _FileReader(path)
    reader.root = result.root
    return reader


def _article_files(source: FolderSource | GitSource, listing: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """Article id → file, one per id; a second file with the same id is a problem."""
    found: dict[str, str] = {}
    for rel in listing:
        if rel in (TEXT_FILE, MEMBERS_FILE):
            continue
        stem = PurePosixPath(rel).stem
        if stem in found:
            msg = f"article id {stem!r} has two files: this one and {source.display_path(found[stem])}; rename or delete one"
            problems.append(problem(source.display_path(rel), 0, 0, "duplicate-article", msg))
            continue
        found[stem] = rel
    return found
