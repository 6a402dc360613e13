"""``jsitext progress``: the bracket count of every revision, as observers chart it.

Each revision is read from git without a checkout (:class:`~jsitext.source.GitSource`);
by default every tag whose tree holds the articles folder, oldest first, then the
working tree.  One :data:`~jsitext.load.ParseCache` is shared by all of them, so a
file that did not change between revisions (the same git blob) is parsed once; the
working tree's files are keyed by the same blob ids, so what is unchanged since the
last tag is not parsed again either.  The checks' findings and the counts of an
article are kept by blob id in the same way (:class:`Memo`), so the cost of each
revision follows the files that changed in it.

The figures are those of :mod:`jsitext.stats` for the whole text: articles by
status, and brackets and options remaining as :class:`~jsitext.model.Counts`
defines them (withdrawn and merged articles left out), through ``Text.counts()``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from . import tables
from .checks import CheckMemo, run_checks
from .checks.outline import outline_was_read
from .escape import markdown as md_escape
from .escape import visible
from .formats import Options
from .load import TEXT_FILE, Loaded, ParseCache, load_text
from .model import STATUSES, Article, Counts
from .problems import Problem
from .report import text_line
from .source import LINK_MODE, BlobKeyedFolder, GitSource, SourceError, entries_along, git, resolve_revision
from .yamlread import MAX_FILE_BYTES

WORKING_TREE = "working tree"
SCHEMA = 1
_COUNT_FIELDS = tuple(f.name for f in fields(Counts))


@dataclass(frozen=True)
class Change:
    """From the previous revision to this one: negative when there are fewer."""

    counts: Counts
    statuses: dict[str, int]


@dataclass(frozen=True)
class RevisionFigures:
    """Where the text stood in one revision."""

    label: str
    #: The commit read, or None for the working tree.
    commit: str | None
    #: text.yaml's ``date``, else the commit date (YYYY-MM-DD); None when neither is known.
    date: str | None
    articles: int
    statuses: dict[str, int]
    counts: Counts
    #: The codes of the check errors in this revision, sorted (one entry per error).
    errors: tuple[str, ...] = ()
    #: None for the first revision, and when this one or the one before has a file that
    #: cannot be read: what that file holds is unknown, so is the change.
    change: Change | None = None
    #: Why a file of this revision cannot be read (its first error), one per file: its
    #: figures leave it out.
    unreadable: tuple[Problem, ...] = ()

    def unreadable_files(self) -> list[str]:
        return sorted({p.path for p in self.unreadable})


@dataclass(frozen=True)
class Progress:
    """Every revision charted, oldest first, and what the reader should be told."""

    path: str
    title: str
    revisions: tuple[RevisionFigures, ...]
    notes: tuple[str, ...] = ()


@dataclass
class Memo:
    """What is kept from one revision to the next: parsed files, findings and counts, by blob."""

    parsed: ParseCache = field(default_factory=dict)
    checked: CheckMemo = field(default_factory=dict)
    counted: dict[tuple[str, str], Counts] = field(default_factory=dict)

    def counter(self, loaded: Loaded) -> Callable[[Article], Counts]:
        """Article.counts, each (file, blob) counted once."""

        files, keys = loaded.files, loaded.keys

        def count(article: Article) -> Counts:
            rel = files[article.id]
            key = (rel, keys.get(rel, ""))
            found = self.counted.get(key)
            if found is None:
                found = self.counted[key] = article.counts()
            return found

        return count


@dataclass(frozen=True)
class _Target:
    """A revision to read: its label, and the git revision (None: the working tree)."""

    label: str
    revision: str | None


def progress(revisions: Sequence[str] = (), *, path: str = "articles", repo: Path | None = None, memo: Memo | None = None) -> Progress:
    """The figures of REVISIONS (default: the tags holding PATH, then the working tree).

    REPO is any folder inside the repository (default: the current one).  MEMO, when
    given, keeps what was parsed, checked and counted for another call.  Raises
    SourceError (exit 2) when a named revision cannot be read.
    """
    folder = repo or Path.cwd()
    path = path.strip("/") or "."
    root = _toplevel(folder)
    notes: list[str] = []
    targets = [_Target(rev, rev) for rev in revisions] if revisions else _default_targets(root, path, notes)
    # Outside a repository, a named revision fails in GitSource with a message that says so.
    base = root or folder
    memo = Memo() if memo is None else memo
    figures: list[RevisionFigures] = []
    title = ""
    for target, revision in _sources(base, path, targets, memo.parsed):
        if revision is None and figures and not (base / path).is_dir():
            notes.append(f"no folder {path} in the working tree: charting the tags alone")
            continue
        source = revision or _WorkingTree(base / path, WORKING_TREE, shown=path)
        loaded = load_text(source, cache=memo.parsed)
        figures.append(_figures(target, loaded, memo, figures[-1] if figures else None))
        title = loaded.text.meta.title or title
    dates = commit_dates(base, [f.commit for f in figures if f.commit and not f.date])
    dated = [f if f.date or f.commit is None else replace(f, date=dates.get(f.commit)) for f in figures]
    return Progress(path, title, tuple(dated), tuple(notes))


# -- which revisions ---------------------------------------------------------------------
def _default_targets(root: Path | None, path: str, notes: list[str]) -> list[_Target]:
    tags = tags_holding(root, path) if root is not None else []
    if root is None:
        notes.append(f"not a git repository: charting the working tree alone ({path})")
    elif not tags:
        notes.append(
            f"no tag holds {path}/: charting the working tree alone (tag each revision, e.g. `git tag rev1`, or name revisions: jsitext progress REV...)"
        )
    return [*(_Target(tag, f"refs/tags/{tag}") for tag in tags), _Target(WORKING_TREE, None)]


def tags_holding(root: Path, path: str) -> list[str]:
    """The tags whose commit holds the folder PATH, by date (tagger's, else the commit's), then name."""
    listing = git(root, "for-each-ref", "--format=%(refname)%00%(creatordate:unix)", "refs/tags")
    tags = []
    for line in listing.decode("utf-8", "surrogateescape").splitlines():
        ref, _, stamp = line.partition("\0")
        tags.append((int(stamp or 0), ref.removeprefix("refs/tags/")))
    if not tags:
        return []
    where = (f"refs/tags/{name}^{{commit}}" + (f":{path}" if path != "." else "^{tree}") for _, name in tags)
    kinds = git(root, "cat-file", "--batch-check=%(objecttype)", stdin="".join(w + "\n" for w in where).encode("utf-8", "surrogateescape"))
    holding = [tag for tag, kind in zip(tags, kinds.decode().splitlines(), strict=True) if kind == "tree"]
    return [name for _, name in sorted(holding)]


def _toplevel(folder: Path) -> Path | None:
    """The root of the git repository FOLDER is in, or None when it is in none."""
    try:
        return Path(git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except SourceError:
        return None


# -- reading ----------------------------------------------------------------------------
class _Revision(GitSource):
    """A revision as progress reads it.  Its files are named as in the working tree, the same
    in every revision (progress reports codes, never places), so that a file unchanged since
    the revision before is reused as it was parsed and checked, not renamed article by article.
    Files already fetched for several revisions at once (:func:`_prefetch`) are taken from STORE."""

    store: dict[str, bytes | OSError] | None = None

    def display_path(self, rel: str) -> str:
        return f"{self.path}/{rel}"

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        blobs, store = self.files(), self.store or {}
        held = {rel: store[blobs[rel]] for rel in rels if blobs.get(rel) in store}
        rest = super().read([rel for rel in rels if rel not in held]) if len(held) < len(rels) else {}
        return {rel: held[rel] if rel in held else rest[rel] for rel in rels}


#: How many revisions' new files are fetched from git in one call: fewer calls, memory bounded.
_PREFETCH = 10


def _prefetch(sources: Sequence[GitSource], parsed: ParseCache, store: dict[str, bytes | OSError]) -> None:
    """Fetch into STORE, in one git call, the files of SOURCES not parsed yet (those not
    already in STORE, which is emptied first).  What git cannot give here is left to each
    revision's own read, whose error names the revision and the file."""
    store.clear()
    wanted = {blob: blob for source in sources for rel, (mode, blob) in (source.entries or {}).items() if mode != LINK_MODE and (rel, blob) not in parsed}
    if wanted:
        try:
            store.update(sources[0]._blob_contents(wanted, MAX_FILE_BYTES))
        except SourceError:
            store.clear()


@dataclass
class _WorkingTree(BlobKeyedFolder):
    """The working tree, its files named as the revisions' are."""

    shown: str = ""

    def display_path(self, rel: str) -> str:
        return f"{self.shown}/{rel}"


def _sources(root: Path, path: str, targets: Sequence[_Target], parsed: ParseCache) -> Iterator[tuple[_Target, GitSource | None]]:
    """Each target with the git revision to read (None: the working tree); the new files of
    the next revisions are fetched ahead."""
    revisions = _git_sources(root, path, [t.revision for t in targets if t.revision is not None])
    numbered = iter(enumerate(revisions))
    for target in targets:
        if target.revision is None:
            yield target, None
            continue
        i, source = next(numbered)
        if i % _PREFETCH == 0 and source.store is not None:
            _prefetch(revisions[i : i + _PREFETCH], parsed, source.store)
        yield target, source


def _git_sources(root: Path, path: str, revisions: Sequence[str]) -> list[_Revision]:
    """A source for each of REVISIONS, in order: each listed from what changed since the one
    before (one ``git diff-tree`` for all), so that a revision costs its changes only."""
    commits = _commits(root, revisions)
    sources = [_Revision(root, revision, path, commit) for revision, commit in zip(revisions, commits, strict=True)]
    if len(sources) > 1 and path != ".":
        along = entries_along(root, path, commits, sources[0]._tree_entries())
        store: dict[str, bytes | OSError] = {}
        for source, entries in zip(sources, along or (), strict=False):
            source.entries, source.store = entries, store
    return sources


def _commits(root: Path, revisions: Sequence[str]) -> list[str]:
    """The commit of each revision: the tags' in one git call, a revision the user named checked one by one."""
    tags = [rev for rev in revisions if rev.startswith("refs/tags/")]
    found: dict[str, str] = {}
    if tags:
        answer = git(root, "cat-file", "--batch-check=%(objectname)", stdin="".join(f"{tag}^{{commit}}\n" for tag in tags).encode())
        found = {tag: line for tag, line in zip(tags, answer.decode().splitlines(), strict=False) if " " not in line}  # "... missing"
    return [found.get(rev) or resolve_revision(root, rev) for rev in revisions]


# -- figures ----------------------------------------------------------------------------
def _figures(target: _Target, loaded: Loaded, memo: Memo, previous: RevisionFigures | None) -> RevisionFigures:
    text = loaded.text
    articles = text.ordered_articles()
    statuses = {status: 0 for status in STATUSES}
    for article in articles:
        statuses[article.status] += 1
    commit = loaded.source.commit if isinstance(loaded.source, GitSource) else None
    problems = run_checks(loaded, memo.checked)
    errors = tuple(sorted(p.code for p in problems if p.is_error))
    counts = text.counts(memo.counter(loaded))
    figures = RevisionFigures(target.label, commit, text.meta.date, len(articles), statuses, counts, errors, unreadable=_unreadable(loaded, problems))
    if previous is None or figures.unreadable or previous.unreadable:
        return figures
    return _with_change(figures, previous)


def _unreadable(loaded: Loaded, problems: list[Problem]) -> tuple[Problem, ...]:
    """The first error of each file that could not be read: an article file not loaded, or the outline."""
    paths = {loaded.display_path(aid) for aid in loaded.files if aid not in loaded.text.articles}
    outline = loaded.source.display_path(TEXT_FILE)
    if not outline_was_read(loaded, outline):
        paths.add(outline)
    first: dict[str, Problem] = {}
    for p in problems:
        if p.is_error and p.path in paths:
            first.setdefault(p.path, p)
    return tuple(first[path] for path in sorted(first))


def _with_change(now: RevisionFigures, before: RevisionFigures) -> RevisionFigures:
    counts = Counts(*(getattr(now.counts, f) - getattr(before.counts, f) for f in _COUNT_FIELDS))
    statuses = {s: now.statuses[s] - before.statuses[s] for s in STATUSES}
    return replace(now, change=Change(counts, statuses))


def commit_dates(root: Path, commits: Sequence[str]) -> dict[str, str]:
    """The committer date (YYYY-MM-DD) of each of COMMITS, in one git call."""
    if not commits:
        return {}
    out = git(root, "log", "--no-walk=unsorted", "--date=short", "--format=%H%x00%cd", *sorted(set(commits)))
    return dict(line.split("\0", 1) for line in out.decode().splitlines() if "\0" in line)


def error_summary(figures: RevisionFigures) -> str:
    """One line for a revision with check errors: how many, of which codes."""
    codes = ", ".join(f"{code} ×{n}" if n > 1 else code for code, n in sorted(Counter(figures.errors).items()))
    n = len(figures.errors)
    return f"{figures.label}: {n} check error{'s' if n != 1 else ''} ({codes}); its figures count what loads"


def unreadable_summary(figures: RevisionFigures) -> list[str]:
    """Lines for a revision with files that cannot be read: each file's error at its place in
    that revision, and what it means for the chart."""
    where = "" if figures.commit is None else f"{figures.label}:"
    lines = [
        f"{figures.label}: {len(figures.unreadable)} file{'s' if len(figures.unreadable) != 1 else ''} cannot be read, so left out of its figures; its change is unknown:"
    ]
    return lines + [f"  {where}{text_line(p)}" for p in figures.unreadable]


# -- presenting -------------------------------------------------------------------------
def as_json(report: Progress, options: Options | None = None) -> str:
    """Stable JSON (documented in docs/json.md, "progress")."""
    data = {"schema": SCHEMA, "path": report.path, "title": report.title, "revisions": [_revision_json(f) for f in report.revisions]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _revision_json(f: RevisionFigures) -> dict[str, object]:
    change = None if f.change is None else {**asdict(f.change.counts), "statuses": f.change.statuses}
    return {
        "label": f.label,
        "commit": f.commit,
        "date": f.date,
        "articles": f.articles,
        "statuses": f.statuses,
        "counts": asdict(f.counts),
        "errors": len(f.errors),
        "change": change,
        "unreadable": f.unreadable_files(),
    }


def signed(n: int | None) -> str:
    """A change as shown: "+3", "-12", "0"; "" when there is no previous revision."""
    if n is None:
        return ""
    return f"{n:+d}" if n else "0"


_CHART_HEADERS = ("Revision", "Date", "", "Brackets", "Change", "Options", "Change")
_STATUS_HEADERS = ("Revision", "Articles", *(s.capitalize() for s in STATUSES))
_BAR_WIDTH = 30


def chart_rows(report: Progress, width: int = _BAR_WIDTH) -> list[list[str]]:
    """Per revision: label, date, a bar of brackets remaining (the longest WIDTH blocks), brackets and options with their changes."""
    most = max((f.counts.brackets for f in report.revisions), default=0)
    rows = []
    for i, f in enumerate(report.revisions):
        bar = "█" * (max(1, round(width * f.counts.brackets / most)) if f.counts.brackets else 0)
        change = f.change.counts if f.change else None
        unknown = "?" if i else ""  # a file of this revision or the one before cannot be read
        brackets, options = (signed(change.brackets), signed(change.options)) if change else (unknown, unknown)
        rows.append([f.label, f.date or "", bar, str(f.counts.brackets), brackets, str(f.counts.options), options])
    return rows


def status_rows(report: Progress) -> list[list[str]]:
    """Per revision: label, articles, and articles of each status."""
    return [[f.label, str(f.articles), *(str(f.statuses[s]) for s in STATUSES)] for f in report.revisions]


def _heading(report: Progress) -> str:
    return f"Brackets remaining per revision ({report.path})"


def as_text(report: Progress, options: Options | None = None) -> str:
    """The bar chart, then articles by status, as plain aligned text."""
    chart = tables.plain(_CHART_HEADERS, chart_rows(report), _left(3, len(_CHART_HEADERS)))
    statuses = tables.plain(_STATUS_HEADERS, status_rows(report), _left(1, len(_STATUS_HEADERS)))
    return f"{visible(_heading(report))}\n\n{chart}\nArticles by status\n\n" + statuses


def _left(words: int, columns: int) -> list[bool]:
    """The first WORDS columns are words (and bars), left-aligned; the others numbers, signed ones included."""
    return [i >= words for i in range(columns)]


def as_markdown(report: Progress, options: Options | None = None) -> str:
    """One Markdown table: a row per revision, articles by status, then brackets and options."""
    headers = ("Revision", "Date", *_STATUS_HEADERS[1:], *_CHART_HEADERS[3:])
    rows = [[c[0], c[1], *s[1:], *c[3:]] for c, s in zip(chart_rows(report), status_rows(report), strict=True)]
    return f"## {md_escape(_heading(report))}\n\n" + tables.markdown(headers, rows, _left(2, len(headers)))


def print_rich(report: Progress) -> None:
    """Both tables with rich, the bars as wide as the terminal allows, fewer brackets in green."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .console import rich_console

    console = rich_console()
    label_width = max((len(f.label) for f in report.revisions), default=0)
    bar_width = max(10, min(40, console.width - label_width - 53))
    chart = Table(title=Text(visible(_heading(report))), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    statuses = Table(title="Articles by status", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for table, headers, left in ((chart, _CHART_HEADERS, 3), (statuses, _STATUS_HEADERS, 1)):
        for i, header in enumerate(headers):
            table.add_column(header, justify="left" if i < left else "right", no_wrap=True, style="bold" if i == 0 else None)
    for row in chart_rows(report, bar_width):
        chart.add_row(
            Text(visible(row[0])),
            Text(visible(row[1])),
            Text(row[2], style="red"),
            row[3],
            Text(row[4], style=_change_style(row[4])),
            row[5],
            Text(row[6], style=_change_style(row[6])),
        )
    for row in status_rows(report):
        statuses.add_row(Text(visible(row[0])), *row[1:])
    console.print(chart)
    console.print(statuses)


def _change_style(cell: str) -> str:
    # Fewer brackets or options is progress.
    return "green" if cell.startswith("-") else "red" if cell.startswith("+") else ""


def as_svg(report: Progress, options: Options | None = None) -> bytes:
    """The chart for slides: stacked bars of articles by status, a line of brackets remaining."""
    from .render.svgchart import Chart, Series, render

    present = [s for s in STATUSES if any(f.statuses[s] for f in report.revisions)]
    chart = Chart(
        title="Brackets remaining per revision",
        subtitle=" · ".join(filter(None, (report.title, f"{report.path}/"))),
        labels=tuple(f.label for f in report.revisions),
        bars=tuple(Series(s, STATUS_COLOURS[s], tuple(f.statuses[s] for f in report.revisions)) for s in present),
        line=Series("brackets remaining", LINE_COLOUR, tuple(f.counts.brackets for f in report.revisions)),
        bar_axis="Articles by status",
        line_axis="Brackets remaining",
    )
    return render(chart)


#: Okabe–Ito colours: told apart by colour-blind readers and in greyscale print.
STATUS_COLOURS = {
    "open": "#E69F00",
    "parked": "#56B4E9",
    "clean": "#009E73",
    "placeholder": "#BBBBBB",
    "withdrawn": "#CC79A7",
    "merged": "#F0E442",
}
LINE_COLOUR = "#0072B2"
