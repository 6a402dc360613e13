"""What a diff needs of an article it does not compare, and a cache of it.

Numbering and the summary of a diff need every article's status, title and
brackets remaining, but an unchanged article is the same on both sides and yields
no change.  Its :class:`Glimpse` comes from parsing it once; the
:class:`GlimpseCache` keeps glimpses by git blob id in the repository's git folder,
so a later diff parses none of the files it already knows and its cost follows the
change.  Keyed by content, the cache is always correct; ``JSITEXT_NO_CACHE=1``
turns it off, and a cache that cannot be read or written is simply not used.  A
file too broken to parse gets a glimpse from a regular expression on its bytes
(status and title, no counts).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import recover, write_files
from ..markup import walk_references
from ..model import STATUSES, Article, Counts
from ..source import SourceError, git, read_file

_STATUS = re.compile(rb"^status:[ \t]*[\"']?([a-z]+)", re.MULTILINE)
_TITLE = re.compile(rb"^title:[ \t]*([^\s>|\"'][^\n]*)$", re.MULTILINE)
CACHE_VERSION = 4  # 3: the articles each one cites; 4: the brackets of an alternative version's title counted
#: Past this many entries the cache starts afresh (about 100 bytes an entry).
MAX_ENTRIES = 200_000
#: The cache file is read only up to this size (a few hundred bytes an entry).
MAX_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Glimpse:
    """An article's status, title and brackets remaining (None: the file does not parse)."""

    status: str
    title: str = ""
    counts: Counts | None = None
    references: tuple[str, ...] = ()  # the articles it cites (@id), each once, sorted

    @classmethod
    def of(cls, article: Article) -> Glimpse:
        return cls(article.status, article.title, article.counts(), cited(article))


def cited(article: Article) -> tuple[str, ...]:
    """The articles ARTICLE cites (@id), each once, sorted."""
    return tuple(sorted({ref.target for markup in article.texts() for ref in walk_references(markup.runs)}))


def glimpse(data: bytes) -> Glimpse:
    """The status (and a one-line title, when there is one) of an article file's bytes."""
    found = _STATUS.search(data)
    status = found.group(1).decode() if found else "open"
    title = _TITLE.search(data)
    return Glimpse(status if status in STATUSES else "open", title.group(1).decode("utf-8", "replace").strip() if title else "")


@dataclass
class GlimpseCache:
    """Glimpses by blob id, kept in ``<git dir>/jsitext/glimpses.json`` (no file: in memory only)."""

    path: Path | None = None
    entries: dict[str, Glimpse] = field(default_factory=dict)
    added: bool = False

    @classmethod
    def for_repo(cls, repo: Path) -> GlimpseCache:
        """The cache of the git repository at REPO (an in-memory one outside git or when disabled)."""
        if os.environ.get("JSITEXT_NO_CACHE"):
            return cls()
        git_dir = _git_dir(repo)
        if git_dir is None:
            return cls()
        path = git_dir / "jsitext" / "glimpses.json"
        cache = cls(path)
        cache.entries = _read(path)
        return cache

    def get(self, key: str) -> Glimpse | None:
        return self.entries.get(key)

    def put(self, key: str, seen: Glimpse) -> None:
        if seen.counts is not None and self.entries.get(key) != seen:
            self.entries[key] = seen
            self.added = True

    def save(self) -> None:
        """Write the cache back if it learnt anything (atomically; failures are ignored)."""
        if self.path is None or not self.added:
            return
        entries = self.entries if len(self.entries) <= MAX_ENTRIES else {}
        payload = {
            "version": CACHE_VERSION,
            "glimpses": {k: [g.status, g.title, _counts_row(g.counts), list(g.references)] for k, g in sorted(entries.items())},
        }
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            recover(self.path.parent, recursive=False)  # what a killed diff left while saving
            write_files([(self.path, data)])
        except OSError:
            pass


def _read(path: Path) -> dict[str, Glimpse]:
    """The cache's entries; a missing, damaged or unexpected file (a FIFO, a giant, deep nesting) is an empty cache."""
    data = read_file(path, limit=MAX_CACHE_BYTES)
    if isinstance(data, OSError):
        return {}
    try:
        payload = json.loads(data.decode("utf-8"))
        if payload.get("version") != CACHE_VERSION:
            return {}
        return {k: Glimpse(v[0], v[1], Counts(*v[2]), tuple(v[3])) for k, v in payload["glimpses"].items() if _well_formed(v)}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return {}


def _well_formed(entry: object) -> bool:
    """An entry as save() writes it: [status, title, five counts, cited ids]; anything else is dropped."""
    return (
        isinstance(entry, list)
        and len(entry) == 4
        and isinstance(entry[3], list)
        and all(isinstance(x, str) for x in entry[3])
        and entry[0] in STATUSES
        and isinstance(entry[1], str)
        and isinstance(entry[2], list)
        and len(entry[2]) == 5
        and all(type(n) is int and n >= 0 for n in entry[2])
    )


def _counts_row(counts: Counts | None) -> list[int] | None:
    if counts is None:
        return None
    return [counts.brackets, counts.inline, counts.proposals, counts.alternative_groups, counts.options]


def _git_dir(repo: Path) -> Path | None:
    try:
        found = git(repo, "rev-parse", "--git-common-dir").decode("utf-8", "surrogateescape").strip()
    except SourceError:  # not in git, or no git: no cache on disk
        return None
    return (repo / found).resolve() if found else None
