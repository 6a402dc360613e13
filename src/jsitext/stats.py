"""``jsitext stats``: where the text stands, per section and in total.

Articles by status; brackets remaining, inline brackets, proposed paragraphs,
groups of alternatives and options (all as :class:`~jsitext.model.Counts` defines
them, retired articles left out); and the members that make the most proposals,
with how many of those they make alone.

A *proposal* here is one attribution: a paragraph's or an alternative's
``proponents``, or an inline ``{...}``.  It is *alone* when it names one code only.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass

from . import tables
from .escape import visible
from .formats import Options
from .model import STATUSES, Article, Counts, Text

_COUNT_FIELDS = (("brackets", "Brackets"), ("inline", "Inline"), ("proposals", "Proposed ¶"), ("alternative_groups", "Alt. groups"), ("options", "Options"))


@dataclass(frozen=True)
class SectionStats:
    """The figures of one section (or of the whole text, id ``total``)."""

    id: str
    title: str
    articles: int
    statuses: dict[str, int]
    counts: Counts


@dataclass(frozen=True)
class ProponentStats:
    code: str
    name: str
    proposals: int
    alone: int


@dataclass(frozen=True)
class TextStats:
    sections: tuple[SectionStats, ...]
    total: SectionStats
    proponents: tuple[ProponentStats, ...]


def text_stats(text: Text, *, top: int = 10) -> TextStats:
    """The figures of TEXT: one row per section, the total, the TOP proponents."""
    by_section: dict[str, list[Article]] = {s.id: [] for s in text.sections}
    seen: set[str] = set()
    for placement in text.placements():
        article = text.articles.get(placement.article)
        if article is not None and article.id not in seen:
            seen.add(article.id)
            by_section[placement.section.id].append(article)
    sections = tuple(_section_stats(s.id, s.title, by_section[s.id]) for s in text.sections)
    total = _section_stats("total", "Total", [a for s in text.sections for a in by_section[s.id]])
    attributed = [a for s in text.sections for a in by_section[s.id]]
    if text.meta.preamble:
        # The preamble is treaty text outside any article: a row of its own, counted in the total.
        preamble = Counts.of_paragraphs(text.meta.preamble)
        sections = (SectionStats("preamble", "Preamble", 0, dict.fromkeys(STATUSES, 0), preamble), *sections)
        total = SectionStats(total.id, total.title, total.articles, total.statuses, total.counts + preamble)
    cover = text.preamble_article()  # the preamble's proposals and the attributions in text.yaml's notes
    if cover is not None:
        attributed.insert(0, cover)
    return TextStats(sections, total, _proponents(text, attributed, top))


def _section_stats(section_id: str, title: str, articles: list[Article]) -> SectionStats:
    statuses = {status: 0 for status in STATUSES}
    for article in articles:
        statuses[article.status] += 1
    counts = Counts.total(a.counts() for a in articles if not a.is_retired)
    return SectionStats(section_id, title, len(articles), statuses, counts)


def _proponents(text: Text, articles: list[Article], top: int) -> tuple[ProponentStats, ...]:
    proposals: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for article in articles:
        if article.is_retired:
            continue
        for codes in map(frozenset, article.attributions()):  # each code once per attribution
            proposals.update(codes)
            if len(codes) == 1:
                alone.update(codes)
    ranked = sorted(proposals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    name = text.members.name if text.members is not None else str
    return tuple(ProponentStats(code, name(code), n, alone[code]) for code, n in ranked)


# -- presenting ------------------------------------------------------------------------
def as_json(stats: TextStats, options: Options | None = None) -> str:
    """Stable JSON: sections, total and proponents (documented in docs/authoring.md)."""
    data = {
        "sections": [asdict(s) for s in stats.sections],
        "total": asdict(stats.total),
        "proponents": [asdict(p) for p in stats.proponents],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def section_table(stats: TextStats) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the section table, the total last."""
    headers = ["Section", "Articles", *STATUSES, *(label for _, label in _COUNT_FIELDS)]
    rows = [_section_row(s) for s in (*stats.sections, stats.total)]
    return headers, rows


def _section_row(s: SectionStats) -> list[str]:
    label = s.title if s.id in ("total", "preamble") else f"{s.id} {s.title}"
    return [label, str(s.articles), *(str(s.statuses[k]) for k in STATUSES), *(str(getattr(s.counts, f)) for f, _ in _COUNT_FIELDS)]


def proponent_table(stats: TextStats) -> tuple[list[str], list[list[str]]]:
    headers = ["Code", "Member", "Proposals", "Alone"]
    return headers, [[p.code, p.name, str(p.proposals), str(p.alone)] for p in stats.proponents]


def as_text(stats: TextStats, options: Options | None = None) -> str:
    """Plain aligned tables, for pipes and files."""
    return _plain_table(*section_table(stats)) + "\nMost frequent proponents\n" + _plain_table(*proponent_table(stats))


def as_markdown(stats: TextStats, options: Options | None = None) -> str:
    return "## Sections\n\n" + _md_table(*section_table(stats)) + "\n## Most frequent proponents\n\n" + _md_table(*proponent_table(stats))


def _right(rows: list[list[str]], columns: int) -> list[bool]:
    """Columns of numbers are right-aligned."""
    return [bool(rows) and all(r[i].isdigit() for r in rows) for i in range(columns)]


def _plain_table(headers: list[str], rows: list[list[str]]) -> str:
    return tables.plain(headers, rows, _right(rows, len(headers)))


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    return tables.markdown(headers, rows, _right(rows, len(headers)))


def print_rich(stats: TextStats) -> None:
    """Both tables as rich tables on the terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .console import rich_console

    console = rich_console()
    section_headers, section_rows = section_table(stats)
    short = [[s.id if s.id != "total" else "Total", *row[1:]] for s, row in zip((*stats.sections, stats.total), section_rows, strict=True)]
    for title, (headers, rows) in (("Sections", (section_headers, short)), ("Most frequent proponents", proponent_table(stats))):
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for i, header in enumerate(headers):
            table.add_column(header, justify="right" if rows and rows[0][i].isdigit() else "left", no_wrap=True, min_width=len(header))
        for n, row in enumerate(rows):
            table.add_row(*(Text(visible(c)) for c in row), style="bold" if title == "Sections" and n == len(rows) - 1 else None)
        console.print(table)
