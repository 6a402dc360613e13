"""The diff of two sides: articles matched by id, their places and their content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TypedDict

from ..markup import walk_references
from ..model import STATUSES, Article, Placement, Section, Subsection
from .changes import KINDS, Change
from .classify import compare_articles
from .cover import text_changes
from .sides import Side, cited_ids


class OldNew(TypedDict):
    """A figure on each side."""

    old: dict[str, int]
    new: dict[str, int]


class Summary(TypedDict):
    """What a diff adds up to (the ``summary`` of ``--format json``, documented in docs/json.md)."""

    changes: int
    articles: int  # articles changed in substance
    renumbered_only: int
    kinds: dict[str, int]  # every kind of change, with its count (0 included)
    brackets: OldNew  # Counts.as_dict() of the whole text on each side
    text: list[dict[str, str | None]]  # changes of text.yaml itself (see .cover)
    statuses: OldNew  # articles by status on each side


@dataclass(frozen=True)
class ArticleDiff:
    """The changes of one article, with both versions (None where it does not exist or could not be read)."""

    id: str
    title: str
    old: Article | None
    new: Article | None
    old_number: str | None
    new_number: str | None
    changes: tuple[Change, ...]

    @property
    def is_substance(self) -> bool:
        return any(c.is_substance for c in self.changes)


@dataclass
class DiffResult:
    """Everything ``jsitext diff`` reports; ``changes`` and ``articles`` are in outline order."""

    old: Side
    new: Side
    articles: list[ArticleDiff]
    compared: set[str] = field(default_factory=set)
    only: str | None = None  # the one article diffed (--article), if any

    @property
    def changes(self) -> list[Change]:
        return [c for a in self.articles for c in a.changes]

    @property
    def has_changes(self) -> bool:
        return bool(self.articles) or bool(self.text_changes())

    def text_changes(self) -> list[dict[str, str | None]]:
        """Changes of text.yaml itself: the cover and the sections (see :mod:`.cover`)."""
        return text_changes(self.old.text, self.new.text, self.old.numbering.reference, self.new.numbering.reference)

    def summary(self) -> Summary:
        """Counts per kind, brackets remaining in the whole text, articles by status."""
        kinds = Counter(c.kind for c in self.changes)
        return {
            "changes": sum(kinds.values()),
            "articles": sum(1 for a in self.articles if a.is_substance),
            "renumbered_only": sum(1 for a in self.articles if not a.is_substance),
            "kinds": {kind: kinds.get(kind, 0) for kind in KINDS},
            "brackets": {"old": self.old.counts().as_dict(), "new": self.new.counts().as_dict()},
            "text": self.text_changes(),
            "statuses": {"old": _statuses(self.old), "new": _statuses(self.new)},
        }


def _statuses(side: Side) -> dict[str, int]:
    found = Counter(side.statuses().values())
    return {status: found.get(status, 0) for status in STATUSES}


def diff_sides(old: Side, new: Side, candidates: set[str], *, only: str | None = None) -> DiffResult:
    """Compare two sides; CANDIDATES are the ids whose files differ (the rest is unchanged)."""
    reordered = _reordered(old, new)
    canonical = _canonical(old, new)
    cited = cited_ids(old, new, candidates)
    articles = []
    compared: set[str] = set()
    for article_id in _order(old, new):
        if only is not None and article_id != only:
            continue
        changes = _placement(article_id, old, new, reordered)
        if article_id in candidates:
            compared.add(article_id)
            changes.extend(_content(article_id, old, new, canonical))
        changes.extend(_references_renumbered(article_id, old, new))
        if cited:
            changes.extend(_references(article_id, old, new, cited))
        if changes:
            articles.append(_article_diff(article_id, old, new, changes))
    return DiffResult(old, new, articles, compared, only)


def _article_diff(article_id: str, old: Side, new: Side, changes: list[Change]) -> ArticleDiff:
    title = new.title(article_id) or old.title(article_id)
    return ArticleDiff(
        article_id,
        title,
        old.article(article_id),
        new.article(article_id),
        old.numbering.qualified(article_id),
        new.numbering.qualified(article_id),
        tuple(changes),
    )


def _canonical(old: Side, new: Side) -> Callable[[str], str]:
    registries = [r for r in (new.text.members, old.text.members) if r is not None]

    def canonical(code: str) -> str:
        for registry in registries:
            found = registry.canonical(code)
            if found:
                return found
        return code

    return canonical


def _order(old: Side, new: Side) -> list[str]:
    """NEW's outline order, then articles only OLD lists, then files no outline lists."""
    seen: dict[str, None] = {}
    for article_id in (*new.text.outline_ids(), *old.text.outline_ids(), *sorted(new.loaded.files), *sorted(old.loaded.files)):
        if article_id in new.loaded.files or article_id in old.loaded.files:
            seen.setdefault(article_id, None)
    return list(seen)


def _content(article_id: str, old: Side, new: Side, canonical: Callable[[str], str]) -> list[Change]:
    in_old, in_new = article_id in old.loaded.files, article_id in new.loaded.files
    if not in_old:
        return [Change("article-added", article_id, new=new.title(article_id), to=new.numbering.qualified(article_id))]
    if not in_new:
        return [Change("article-removed", article_id, old=old.title(article_id), from_=old.numbering.qualified(article_id))]
    before, after = old.article(article_id), new.article(article_id)
    if before is None or after is None:
        return []  # unreadable on one side: its problems are reported, nothing can be compared
    return compare_articles(before, after, canonical)


def _references(article_id: str, old: Side, new: Side, cited: set[str]) -> list[Change]:
    """Paragraph references written the same on both sides that print another number now."""
    before, after = old.article(article_id), new.article(article_id)
    if before is None or after is None:
        return []
    kept = _paragraph_references(before, cited) & _paragraph_references(after, cited)
    out = []
    for key in sorted(kept):
        target = key.split("/", 1)[0]
        if old.numbering.article(target) != new.numbering.article(target):
            continue  # the article moved: its own renumbering says why the reference changed
        was, now = old.numbering.reference(key, article_id), new.numbering.reference(key, article_id)
        if was != now and not (was.startswith("@") or now.startswith("@")):
            out.append(Change("reference-renumbered", article_id, option="@" + key, from_=was, to=now))
    return out


def _paragraph_references(article: Article, cited: set[str]) -> set[str]:
    return {r.key for markup in article.texts() for r in walk_references(markup.runs) if r.path and r.target in cited}


def _placement(article_id: str, old: Side, new: Side, reordered: set[str]) -> list[Change]:
    before, after = old.places.get(article_id), new.places.get(article_id)
    if article_id not in old.loaded.files or article_id not in new.loaded.files or (before is None and after is None):
        return []
    numbers = old.numbering.qualified(article_id), new.numbering.qualified(article_id)
    if before is None or after is None or not _same_group(before.group, after.group) or article_id in reordered:
        return [Change("article-moved", article_id, old=numbers[0], new=numbers[1], from_=_group_id(before), to=_group_id(after))]
    if numbers[0] != numbers[1] and None not in numbers:
        return [Change("article-renumbered", article_id, from_=numbers[0], to=numbers[1])]
    return []


def _references_renumbered(article_id: str, old: Side, new: Side) -> list[Change]:
    """One change per article it cites whose number changed: its printed text changed though its file did not."""
    if article_id not in old.loaded.files or new.numbering.article(article_id) is None:
        return []
    out = []
    for target in new.references(article_id):
        before, after = old.numbering.article(target), new.numbering.article(target)
        if before and after and before != after:
            out.append(Change("reference-renumbered", article_id, from_=f"Article {before}", to=f"Article {after}"))
    return out


def _group_id(placement: Placement | None) -> str | None:
    return placement.group.id if placement is not None else None


def _same_group(old: Section | Subsection, new: Section | Subsection) -> bool:
    """The same (sub)section, even renumbered (same title) or retitled (same id)."""
    return old.id == new.id or old.title == new.title


def _reordered(old: Side, new: Side) -> set[str]:
    """Articles moved up or down within their (sub)section: not on the longest run kept in order."""
    out: set[str] = set()
    old_groups = _groups(old)
    for group_id, new_ids in _groups(new).items():
        old_group = old_groups.get(group_id)
        if old_group is None:
            continue
        common = set(old_group) & set(new_ids)
        a = [x for x in old_group if x in common]
        b = [x for x in new_ids if x in common]
        kept: set[str] = set()
        for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            kept.update(a[block.a : block.a + block.size])
        out |= common - kept
    return out


def _groups(side: Side) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for placement in side.text.placements():
        found.setdefault(placement.group.id, []).append(placement.article)
    return found
