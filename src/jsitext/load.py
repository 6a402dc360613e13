"""Loading a whole text from a source: files → YAML nodes → model, problems kept.

A text always comes back, with whatever could be read: an article too broken to
type is left out, and every problem is in ``Loaded.problems``.  Callers that must
not go on with errors (build) refuse on them; diff goes as far as it can.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeVar, cast

from . import members as members_mod
from .model import Article, Meta, Section, Text
from .problems import Problem, problem
from .schema import Reader, read_article_file, read_members_file, read_text_file
from .source import FileRefused, Source
from .yamlread import Node, read_yaml

T = TypeVar("T")

TEXT_FILE = "text.yaml"
MEMBERS_FILE = "members.yaml"


@dataclass
class Loaded:
    text: Text
    source: Source
    problems: list[Problem] = field(default_factory=list)
    #: Each file's key in the source (git blob id, or size and mtime), by path.
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def files(self) -> Mapping[str, str]:
        """The article files found, by id (the first one when an id is duplicated): the text's own."""
        return self.text.files

    def display_path(self, article_id: str) -> str:
        return self.source.display_path(self.files[article_id])

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class Parsed:
    """What one file meant when it was parsed, with its problems, for reuse."""

    value: object
    problems: tuple[Problem, ...]
    path: str


#: Parsed files by (relative path, the source's file key: a git blob id).  One dict
#: passed to several ``load_text`` calls (the revisions of one repository) parses
#: each distinct file once; a reused file's problems and article take the new path.
ParseCache = dict[tuple[str, str], Parsed]


def load_text(source: Source, *, only: Iterable[str] | None = None, cache: ParseCache | None = None) -> Loaded:
    """Load text.yaml, members.yaml and the article files (or just the ids in ONLY).

    With CACHE, a file whose (path, key) is in it is not read or parsed again, and
    every file parsed is added to it.
    """
    # Loading allocates many small acyclic objects: the cyclic collector would
    # scan them over and over (a quarter of the load time) and find nothing.
    # Freezing them afterwards keeps later collections (while checking, resolving
    # and rendering) from rescanning the whole text; refcounting still frees them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(source, only, cache)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load(source: Source, only: Iterable[str] | None, cache: ParseCache | None) -> Loaded:
    listing = source.files()
    problems: list[Problem] = []
    article_files = _article_files(source, listing, problems)
    selected = None if only is None else set(only)
    wanted = [rel for aid, rel in article_files.items() if selected is None or aid in selected]
    special = [name for name in (TEXT_FILE, MEMBERS_FILE) if name in listing]
    cache = {} if cache is None else cache
    contents = source.read([rel for rel in special + wanted if (rel, listing[rel]) not in cache])

    def parse(rel: str, meaning: Callable[[_FileReader], T]) -> T | None:
        # The cache holds, for this file, what MEANING made of it (each file has one reader).
        return cast("T | None", _parse(source, rel, listing[rel], contents, cache, meaning, problems))

    meta = Meta()
    sections: tuple[Section, ...] = ()
    if TEXT_FILE in listing:
        outline = parse(TEXT_FILE, lambda reader: read_text_file(reader, reader.root))
        if outline is not None:
            meta, sections = outline
    else:
        msg = f"no {TEXT_FILE} in this folder: is it the articles folder of a text? (create {TEXT_FILE} with a title and sections)"
        problems.append(problem(source.display_path(TEXT_FILE), 0, 0, "missing-text", msg))

    registry = members_mod.builtin()
    if MEMBERS_FILE in listing:
        extra = parse(MEMBERS_FILE, lambda reader: read_members_file(reader, reader.root))
        if extra is not None:
            registry = registry.extended(*extra)

    articles: dict[str, Article] = {}
    for rel in wanted:
        known = cache.get((rel, listing[rel]))
        if known is not None and not known.problems and known.path == source.display_path(rel):
            article = known.value  # a file met before under this name, without problems: nothing to redo (progress's common case)
        else:
            article = parse(rel, _article_reader(article_id_of(rel)))
        if isinstance(article, Article):
            articles[article.id] = article
    text = Text(meta, sections, MappingProxyType(articles), registry, MappingProxyType(article_files))
    return Loaded(text, source, problems, listing)


def _article_reader(stem: str) -> Callable[[_FileReader], Article | None]:
    return lambda reader: read_article_file(reader, reader.root, stem)


def _parse(
    source: Source,
    rel: str,
    key: str,
    contents: dict[str, bytes | OSError],
    cache: ParseCache,
    meaning: Callable[[_FileReader], object],
    problems: list[Problem],
) -> object:
    """What file REL means (None when it is not usable), its problems added to PROBLEMS."""
    path = source.display_path(rel)
    parsed = cache.get((rel, key))
    if parsed is None:
        found: list[Problem] = []
        reader = _read(source, rel, contents, found)
        value = meaning(reader) if reader is not None else None
        if reader is not None:
            found.extend(reader.problems)
        parsed = cache[(rel, key)] = Parsed(value, tuple(found), path)
    problems.extend(parsed.problems if parsed.path == path else (replace(p, path=path) if p.path == parsed.path else p for p in parsed.problems))
    if isinstance(parsed.value, Article) and parsed.value.path != path:
        return parsed.value.moved(path)
    return parsed.value


class _FileReader(Reader):
    root: Node | None = None


def _read(source: Source, rel: str, contents: dict[str, bytes | OSError], problems: list[Problem]) -> _FileReader | None:
    """Compose one file; None (with its problems recorded) when it is not usable YAML."""
    path = source.display_path(rel)
    data = contents[rel]
    if isinstance(data, FileRefused):
        problems.append(problem(path, 0, 0, data.code, data.message))
        return None
    if isinstance(data, OSError):
        problems.append(problem(path, 0, 0, "io-error", f"cannot read the file: {data.strerror or data}"))
        return None
    result = read_yaml(path, data)
    problems.extend(result.problems)
    if any(p.is_error for p in result.problems):  # a duplicate key too: which value was meant is unknown (as fmt and withdraw refuse it)
        return None
    reader = _FileReader(path)
    reader.root = result.root
    return reader


def _article_files(source: Source, listing: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """Article id → file, one per id; a second file with the same id is a problem."""
    found: dict[str, str] = {}
    for rel in listing:
        if rel in (TEXT_FILE, MEMBERS_FILE):
            continue
        stem = article_id_of(rel)
        if stem in found:
            msg = f"article id {stem!r} has two files: this one and {source.display_path(found[stem])}; rename or delete one"
            problems.append(problem(source.display_path(rel), 0, 0, "duplicate-article", msg))
            continue
        found[stem] = rel
    return found


def article_id_of(rel: str) -> str:
    """An article file's id: its name without folder and suffix (PurePosixPath.stem, faster)."""
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
