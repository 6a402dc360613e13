"""The two sides of a diff: which articles changed, and what is cheap to know of the rest.

Parsing is the costly part of reading a text, so only the articles whose files
differ are parsed (plus text.yaml and members.yaml).  An unchanged article is the
same on both sides; numbering still needs its status (withdrawn and merged
articles take no number), which a regular expression finds in its raw bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from ..checks import run_checks
from ..load import MEMBERS_FILE, TEXT_FILE, Loaded, ParseCache, article_id_of, load_text
from ..markup import MarkupError, parse, walk_references
from ..model import RETIRED, Article, Counts, Item, Placement, Text
from ..numbering import Numbering, number_text
from ..problems import Problem
from ..source import BlobKeyedFolder, GitSource, Source, blob_id
from .cache import Glimpse, GlimpseCache, cited, glimpse
from .classify import title_line


def content_keys(source: Source) -> dict[str, str]:
    """Article id → a key of its file's content: the git blob id, or the same hash of a folder file's bytes."""
    if isinstance(source, GitSource | BlobKeyedFolder):
        listing = source.files()
    else:
        rels = list(source.files())
        listing = {rel: blob_id(data) for rel, data in source.read(rels).items()}
    keys: dict[str, str] = {}
    for rel, key in listing.items():
        if rel not in (TEXT_FILE, MEMBERS_FILE):
            keys.setdefault(article_id_of(rel), key)  # the first file of an id, as load_text does
    return keys


@dataclass
class Side:
    """One side of a diff: a text loaded in part, with the status of every article."""

    loaded: Loaded
    glimpses: dict[str, Glimpse] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    numbering: Numbering = field(init=False)
    places: dict[str, Placement] = field(init=False)

    def __post_init__(self) -> None:
        self.numbering = number_text(self._padded_text())
        self.places = {}
        for placement in self.loaded.text.placements():
            self.places.setdefault(placement.article, placement)

    def _padded_text(self) -> Text:
        """The text with a stand-in for each article not parsed, so numbering sees them all."""
        text = self.loaded.text
        articles = dict(text.articles)
        for article_id, seen in self.glimpses.items():
            if article_id not in articles and article_id in self.loaded.files:
                articles[article_id] = Article(article_id, seen.title, seen.status)
        return Text(text.meta, text.sections, MappingProxyType(articles), text.members, text.files)

    @property
    def text(self) -> Text:
        return self.loaded.text

    @property
    def label(self) -> str:
        return self.loaded.source.label

    def article(self, article_id: str) -> Article | None:
        return self.text.articles.get(article_id)

    def status(self, article_id: str) -> str | None:
        article = self.article(article_id)
        if article is not None:
            return article.status
        seen = self.glimpses.get(article_id)
        return seen.status if seen else None

    def title(self, article_id: str) -> str:
        """ARTICLE_ID's title as reports quote it (:func:`.classify.title_line`), from its parse or
        its glimpse (the title as written in its file)."""
        article = self.article(article_id)
        if article is not None:
            return title_line(article.title, article.title_markup) or ""
        written = self.glimpses.get(article_id, Glimpse("open")).title
        try:
            return title_line(written, parse(written)) or ""
        except MarkupError:  # not markup: a format-1 title, printed as written
            return written

    def references(self, article_id: str) -> tuple[str, ...]:
        """The articles ARTICLE_ID cites, from its parse or its glimpse (sorted, each once)."""
        article = self.article(article_id)
        if article is not None:
            return cited(article)
        seen = self.glimpses.get(article_id)
        return seen.references if seen else ()

    def counts(self) -> Counts:
        """Brackets remaining in the whole side: the preamble and every article (withdrawn and merged ones aside)."""
        preamble = Counts.of_paragraphs(self.text.meta.preamble)
        return Counts.total((preamble, *filter(None, (self._counts(aid) for aid in self.loaded.files))))

    def _counts(self, article_id: str) -> Counts | None:
        article = self.article(article_id)
        if article is not None:
            return None if article.is_retired else article.counts()
        seen = self.glimpses.get(article_id)
        return None if seen is None or seen.status in RETIRED else seen.counts

    def statuses(self) -> dict[str, str]:
        """Article id → status, for every article file of the side."""
        return {aid: status for aid in self.loaded.files if (status := self.status(aid)) is not None}


def changed_ids(old: Source, new: Source) -> tuple[set[str], set[str], dict[str, str]]:
    """The ids whose files differ (or exist on one side only), those the same on both
    sides, and NEW's content key of each file."""
    old_keys, new_keys = content_keys(old), content_keys(new)
    changed = {aid for aid in old_keys.keys() | new_keys.keys() if old_keys.get(aid) != new_keys.get(aid)}
    return changed, (old_keys.keys() & new_keys.keys()) - changed, new_keys


def load_side(source: Source, only: Iterable[str], glimpses: dict[str, Glimpse], cache: ParseCache | None = None) -> Side:
    """Parse the articles in ONLY (and the outline), and check what was loaded.

    One CACHE for both sides parses a file they share (text.yaml, mostly) once.
    """
    wanted = set(only)
    loaded = load_text(source, only=wanted, cache=cache)
    unreadable = {aid for aid in wanted if aid in loaded.files and aid not in loaded.text.articles}
    return Side(loaded, {**glimpses, **glimpse_files(source, unreadable)}, run_checks(loaded))


def cited_ids(old: Side, new: Side, candidates: set[str]) -> set[str]:
    """The changed articles with a paragraph or item id on either side: only a reference
    to one of theirs can print another number without its own article changing."""
    found = set()
    for article_id in candidates:
        for side in (old, new):
            article = side.article(article_id)
            if article is not None and any(p.id is not None or _has_item_id(p.items) for p in article.paragraphs):
                found.add(article_id)
    return found


def _has_item_id(items: tuple[Item, ...]) -> bool:
    return any(item.id is not None or _has_item_id(item.items) for item in items)


def related_ids(source: Source, old: Side, new: Side, changed: set[str], same: set[str]) -> set[str]:
    """Unchanged articles that a paragraph reference ties to the changed ones: those whose
    paragraphs a changed article cites (its references print their numbers), and those
    citing a paragraph of a changed article that has paragraph ids (found in their raw bytes,
    without parsing: their reference may now print another number)."""
    found: set[str] = set()
    for side in (old, new):
        for article_id in changed:
            article = side.article(article_id)
            if article is not None:
                found |= {r.target for m in article.texts() for r in walk_references(m.runs) if r.path and r.target in same}
    cited = cited_ids(old, new, changed)
    if cited:
        files = {article_id_of(rel): rel for rel in source.files() if rel not in (TEXT_FILE, MEMBERS_FILE)}
        rels = {files[aid]: aid for aid in same if aid in files}
        marks = [f"@{aid}/".encode() for aid in cited]
        for rel, data in source.read(sorted(rels)).items():
            if not isinstance(data, OSError) and any(mark in data for mark in marks):
                found.add(rels[rel])
    return found


def glimpse_unchanged(source: Source, ids: Iterable[str], keys: dict[str, str] | None = None, cache: GlimpseCache | None = None) -> dict[str, Glimpse]:
    """The status, title and brackets of each article in IDS (unchanged ones: the same on both sides).

    With KEYS (id → content key) and a CACHE, a known file is not read at all; the
    others are parsed once and remembered.
    """
    wanted = set(ids)
    found: dict[str, Glimpse] = {}
    if cache is not None and keys:
        for aid in list(wanted):
            seen = cache.get(keys.get(aid, ""))
            if seen is not None:
                found[aid] = seen
                wanted.discard(aid)
    if wanted:
        fresh = _parse_glimpses(source, wanted)
        found.update(fresh)
        if cache is not None and keys:
            for aid, seen in fresh.items():
                if aid in keys:
                    cache.put(keys[aid], seen)
    return found


def _parse_glimpses(source: Source, wanted: set[str]) -> dict[str, Glimpse]:
    loaded = load_text(source, only=wanted)
    found = {aid: Glimpse.of(article) for aid, article in loaded.text.articles.items() if aid in wanted}
    broken = {aid for aid in wanted if aid not in found and aid in loaded.files}
    return {**found, **glimpse_files(source, broken)}


def glimpse_files(source: Source, wanted: set[str]) -> dict[str, Glimpse]:
    """Status and title read from the raw bytes of files that do not parse."""
    if not wanted:
        return {}
    files = {article_id_of(rel): rel for rel in source.files() if rel not in (TEXT_FILE, MEMBERS_FILE)}
    rels = [files[aid] for aid in sorted(wanted) if aid in files]
    out: dict[str, Glimpse] = {}
    for rel, data in source.read(rels).items():
        if not isinstance(data, OSError):
            out[article_id_of(rel)] = glimpse(data)
    return out
