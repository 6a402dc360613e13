"""``jsitext diff``: what changed between two revisions of a text, in negotiators' terms.

* :mod:`.sides`: which articles changed (blob ids or content hashes), loading only those;
* :mod:`.align`: sequence alignment of paragraphs, items, alternatives and options;
* :mod:`.brackets` and :mod:`.classify`: the kinds of change (:data:`KINDS`);
* :mod:`.compare`: articles matched by id, moved, renumbered, added, removed;
* :mod:`.text_redline` and :mod:`.present`: the word-level redline and the reports;
* :mod:`.docx_redline`: the Word redline (the NEW text with tracked changes), :func:`word_redline`.

Library use::

    result = diff_sources("rev3", "rev4")
    for change in result.changes:
        print(change.as_json())
"""

from __future__ import annotations

from pathlib import Path

from ..checks import run_checks
from ..errors import UsageError
from ..load import Loaded, ParseCache
from ..problems import Problem
from ..source import BlobKeyedFolder, FolderSource, SourceError, git, open_source
from .cache import GlimpseCache
from .changes import KINDS, Change
from .compare import ArticleDiff, DiffResult, diff_sides
from .sides import Side, changed_ids, glimpse_unchanged, load_side, related_ids

__all__ = ["KINDS", "ArticleDiff", "Change", "DiffResult", "diff_sources", "diff_texts", "word_redline"]


def diff_texts(old: Loaded, new: Loaded, *, article: str | None = None) -> DiffResult:
    """Diff two texts loaded in full (every article parsed on both sides)."""
    ids = set(old.files) | set(new.files)
    changed = {aid for aid in ids if (aid in old.files) != (aid in new.files) or old.text.articles.get(aid) != new.text.articles.get(aid)}
    _known(article, old, new)
    return diff_sides(Side(old, {}, run_checks(old)), Side(new, {}, run_checks(new)), changed, only=article)


def diff_sources(old: str, new: str | None = None, *, path: str = "articles", repo: Path | None = None, article: str | None = None) -> DiffResult:
    """Diff two revisions or folders (NEW defaults to the working tree), parsing only what changed.

    Raises SourceError for an unknown revision or folder, UsageError for an
    unknown ``article``.
    """
    repo = repo or Path.cwd()
    old_source = open_source(old, path=path, repo=repo)
    new_source = open_source(new, path=path, repo=repo) if new is not None else working_tree(repo, path)
    changed, same, keys = changed_ids(old_source, new_source)
    skipped: set[str] = set()
    if article is not None:  # the other changed articles are not compared, but still count and number
        changed, skipped = changed & {article}, changed - {article}
    cache = GlimpseCache.for_repo(repo)
    unchanged = glimpse_unchanged(new_source, same, keys, cache)
    cache.save()
    parsed: ParseCache = {}
    old_glimpses, new_glimpses = {**unchanged, **glimpse_unchanged(old_source, skipped)}, {**unchanged, **glimpse_unchanged(new_source, skipped)}
    old_side = load_side(old_source, changed, old_glimpses, parsed)
    new_side = load_side(new_source, changed, new_glimpses, parsed)
    related = related_ids(new_source, old_side, new_side, changed, same)
    if related:  # the unchanged articles a paragraph reference ties to the changed ones, parsed on both sides
        old_side = load_side(old_source, changed | related, old_glimpses, parsed)
        new_side = load_side(new_source, changed | related, new_glimpses, parsed)
    _known(article, old_side.loaded, new_side.loaded)
    return diff_sides(old_side, new_side, changed, only=article)


def word_redline(result: DiffResult, *, author: str | None = None, article: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The marked-up copy: NEW as ``jsitext build`` writes it in Word, OLD's differences as tracked changes.

    Loads the whole NEW text (only this output needs it). Returns the .docx bytes
    (None when NEW has check errors) and NEW's check problems.
    """
    from .docx_redline import word_redline as redline  # python-docx is loaded only for this output

    return redline(result, author=author, article=article)


def working_tree(repo: Path, path: str) -> FolderSource:
    """The articles folder in the working tree of REPO (its top folder when REPO is in git)."""
    try:
        found = git(repo, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip()
    except SourceError:  # not in git, or no git: the folder is all there is
        found = ""
    top = Path(found) if found else repo
    folder = top / path
    return BlobKeyedFolder(folder, label=f"working tree ({path})")  # keyed like git's files, to share parses


def _known(article: str | None, old: Loaded, new: Loaded) -> None:
    if article is not None and article not in old.files and article not in new.files:
        raise UsageError(f"--article {article!r}: no such article in {old.source.label} or {new.source.label}")
