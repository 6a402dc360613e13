"""``jsitext positions``: who holds which bracket, the table co-convenors plan consultations from.

One :class:`Position` (a row) per attribution-bearing piece of the text: each
inline bracket, each option of a choice, each proposed paragraph, each
alternative; one column per code that any attribution of the text names (members
first, then groups, each in code order).  A member's cell says how it stands:

* ``proposes``: named alone in the row's attribution;
* ``co-sponsors``: named with others;
* ``competing``: named in another option of the same bracket, or another
  alternative of the same paragraph, but not in this one.

The per-member figures (:class:`MemberPositions`) count attributions exactly as
``jsitext stats`` does (each code once per attribution; *alone* when it names one
code), so ``alone + with_others`` is stats' *proposals*.  Formats: md, csv, json and
html here, xlsx in :mod:`jsitext.positions_xlsx` (all through :mod:`jsitext.formats`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from . import tables
from .build import check_section
from .errors import UsageError
from .escape import html as h
from .escape import markdown as md
from .formats import Options
from .markup import Bracket, Markup, Run, option_runs, plain_line, walk_brackets
from .model import Article, Item, Paragraph, Section, Text
from .numbering import Numbering, number_text

PROPOSES, CO_SPONSORS, COMPETING = "proposes", "co-sponsors", "competing"
#: How long a quote may be before it is cut after a word.
QUOTE_LIMIT = 80
SCHEMA_VERSION = 1
#: The columns before the members', in every format.
FIXED_COLUMNS = ("Article", "Number", "Paragraph", "Kind", "Quote", "Status")


@dataclass(frozen=True)
class Position:
    """One row: a bracket, an option, a proposed paragraph or an alternative."""

    section: str
    article: str  # the article's id
    number: str  # as printed: "A.1.2"
    paragraph: str  # "2.", "2. Alt 1", "note" or "" for a paragraph standing alone
    kind: str  # bracket | option | proposed paragraph | alternative
    quote: str
    status: str  # the article's
    proponents: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]  # (code, role), proponents first

    def role(self, code: str) -> str:
        return dict(self.roles).get(code, "")


@dataclass(frozen=True)
class Party:
    """A column: a code named somewhere in the text, with its name."""

    code: str
    name: str
    is_group: bool


@dataclass(frozen=True)
class MemberPositions:
    """One member's (or group's) figures, counted as ``jsitext stats`` counts them."""

    code: str
    name: str
    alone: int  # attributions naming this code only
    with_others: int  # attributions naming it with other codes
    competing: int  # rows where it holds a competing option or alternative
    articles: tuple[str, ...]  # the numbers of the articles where it is a proponent

    @property
    def proposals(self) -> int:
        return self.alone + self.with_others


@dataclass(frozen=True)
class SectionPositions:
    id: str
    title: str
    rows: tuple[Position, ...]


@dataclass(frozen=True)
class PositionsTable:
    title: str
    symbol: str | None
    revision: str | None
    date: str | None
    member: str | None  # the --member filter
    section: str | None  # the --section filter
    parties: tuple[Party, ...]
    sections: tuple[SectionPositions, ...]
    members: tuple[MemberPositions, ...]

    @property
    def rows(self) -> tuple[Position, ...]:
        return tuple(r for s in self.sections for r in s.rows)


def positions(text: Text, *, member: str | None = None, section: str | None = None) -> PositionsTable:
    """The positions table of TEXT, limited to one section or subsection and to the rows where MEMBER stands."""
    numbering = number_text(text)
    wanted = _member_codes(text, member)
    check_section(text, section)
    everything: list[Position] = []
    sections = []
    preamble = text.preamble_article()
    if preamble is not None and section is None:  # text.yaml's preamble and notes, a section of its own as in stats
        found = _article_rows(preamble, "preamble", numbering)
        everything.extend(found)
        kept = tuple(r for r in found if wanted is None or any(_canonical(text, c) in wanted for c, _ in r.roles))
        if text.meta.preamble or found:
            sections.append(SectionPositions("preamble", "Preamble" if text.meta.preamble else "Notes of the text", kept))
    for placement_section, articles in _articles_by_section(text):
        rows: list[Position] = []
        for article, group_id in articles:
            found = list(_article_rows(article, placement_section.id, numbering))
            everything.extend(found)
            if section in (None, placement_section.id, group_id):
                rows.extend(r for r in found if wanted is None or any(_canonical(text, c) in wanted for c, _ in r.roles))
        if section in (None, placement_section.id) or any(g.id == section for g in placement_section.subsections):
            sections.append(SectionPositions(placement_section.id, placement_section.title, tuple(rows)))
    parties = _parties(text, everything)
    shown = [r for s in sections for r in s.rows]
    members = tuple(m for m in (_member_positions(p, shown) for p in parties) if m.proposals or m.competing)
    meta = text.meta
    return PositionsTable(meta.title, meta.symbol, meta.revision, meta.date, member, section, parties, tuple(sections), members)


def _canonical(text: Text, code: str) -> str:
    return (text.members.canonical(code) if text.members is not None else None) or code


def _member_codes(text: Text, member: str | None) -> frozenset[str] | None:
    if member is None:
        return None
    if text.members is None or text.members.canonical(member) is None:
        raise UsageError(f"unknown member code {member!r} in --member (list the codes with `jsitext members`)")
    return text.members.expand(member)


def _articles_by_section(text: Text) -> Iterator[tuple[Section, list[tuple[Article, str]]]]:
    """Each section with its articles (first placement only, retired ones aside), as stats takes them."""
    seen: set[str] = set()
    by_section: dict[str, list[tuple[Article, str]]] = {s.id: [] for s in text.sections}
    for placement in text.placements():
        article = text.articles.get(placement.article)
        if article is None or article.id in seen:
            continue
        seen.add(article.id)
        if not article.is_retired:
            by_section[placement.section.id].append((article, placement.group.id))
    for section in text.sections:
        yield section, by_section[section.id]


# -- rows ------------------------------------------------------------------------------------
class _Rows:
    """The rows of one article, in reading order."""

    def __init__(self, article: Article, section: str, numbering: Numbering) -> None:
        self.article = article
        self.section = section
        self.numbering = numbering
        self.number = numbering.article(article.id) or ""
        self.out: list[Position] = []

    def row(self, label: str, kind: str, quote: str, proponents: tuple[str, ...], competitors: Sequence[tuple[str, ...]] = ()) -> None:
        own = tuple(dict.fromkeys(proponents))
        role = PROPOSES if len(own) == 1 else CO_SPONSORS
        roles = [(c, role) for c in own]
        others = dict.fromkeys(c for codes in competitors for c in codes if c not in own)
        roles += [(c, COMPETING) for c in others]
        self.out.append(Position(self.section, self.article.id, self.number, label, kind, _short(quote), self.article.status, proponents, tuple(roles)))

    def quote(self, runs: tuple[Run, ...]) -> str:
        return plain_line(runs, self.numbering.reference)

    def paragraph(self, paragraph: Paragraph, label: str) -> None:
        if paragraph.proponents:
            self.row(label, "proposed paragraph", self.quote(paragraph.text.runs) if paragraph.text else "", paragraph.proponents)
        groups = [a.proponents for a in paragraph.alternatives]
        for n, alternative in enumerate(paragraph.alternatives, 1):
            alt_label = f"{label} Alt {n}".strip()
            quote = self.quote(alternative.text.runs) if alternative.text else ""
            self.row(alt_label, "alternative", quote, alternative.proponents, groups[: n - 1] + groups[n:])
            self.alternatives_inside(alternative, alt_label)
        self.brackets([paragraph.text] if paragraph.text else [], label)
        self.brackets(list(_item_texts(paragraph.items)), label)
        self.brackets([paragraph.footnote] if paragraph.footnote else [], label)

    def alternatives_inside(self, alternative: Paragraph, label: str) -> None:
        """An alternative's own brackets (and any deeper alternatives, as stats counts them)."""
        inner = Paragraph(alternative.text, alternative.items, (), alternative.footnote, alternative.alternatives)
        self.paragraph(inner, label)

    def brackets(self, texts: Sequence[Markup], label: str) -> None:
        for markup in texts:
            for bracket in walk_brackets(markup.runs):
                self.bracket(bracket, label)

    def bracket(self, bracket: Bracket, label: str) -> None:
        if bracket.attribution is not None or not bracket.is_choice:
            self.row(label, "bracket", self.quote((bracket,)), bracket.proponents)
        options = [o.proponents for o in bracket.options]
        for n, option in enumerate(bracket.options):
            if bracket.is_choice or option.attribution is not None:
                self.row(label, "option", self.quote(option_runs(bracket, option)), option.proponents, options[:n] + options[n + 1 :])


def _article_rows(article: Article, section: str, numbering: Numbering) -> list[Position]:
    rows = _Rows(article, section, numbering)
    if article.title_markup is not None:  # a bracketed title (format 2)
        rows.brackets([article.title_markup], "title")
    if article.is_proposal:  # the whole article proposed (format 2)
        rows.row("", "proposed article", _first_words(rows, article.paragraphs) or article.title, article.proposed_by)
    _numbered_rows(rows, article.paragraphs, "", article.id, numbering)
    versions = [a.proponents for a in article.alternatives]
    for k, alternative in enumerate(article.alternatives, 1):  # an article in alternatives (format 2)
        title = rows.quote(alternative.title_markup.runs) if alternative.title_markup is not None else alternative.title
        quote = _first_words(rows, alternative.paragraphs) or title or ""
        rows.row(f"Alt {k}", "alternative article", quote, alternative.proponents, versions[: k - 1] + versions[k:])
        if alternative.title_markup is not None:  # a version's own bracketed title
            rows.brackets([alternative.title_markup], f"Alt {k} title")
        _numbered_rows(rows, alternative.paragraphs, f"Alt {k} ", article.id, numbering)
    for note in article.all_notes():  # the old note, the article's and its paragraphs' typed notes
        rows.brackets([note.text], "note")
    return rows.out


def _numbered_rows(rows: _Rows, paragraphs: tuple[Paragraph, ...], prefix: str, article_id: str, numbering: Numbering) -> None:
    count = len(paragraphs)
    for index, paragraph in enumerate(paragraphs, 1):
        rows.paragraph(paragraph, (prefix + numbering.paragraph(article_id, index, count)).strip())


def _first_words(rows: _Rows, paragraphs: tuple[Paragraph, ...]) -> str:
    first = paragraphs[0].text if paragraphs else None
    return rows.quote(first.runs) if first is not None else ""


def _item_texts(items: tuple[Item, ...]) -> Iterator[Markup]:
    for item in items:
        yield item.text
        yield from _item_texts(item.items)


def _short(quote: str, limit: int = QUOTE_LIMIT) -> str:
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def _parties(text: Text, rows: Sequence[Position]) -> tuple[Party, ...]:
    codes = {c for r in rows for c, _ in r.roles}
    registry = text.members
    groups = set(registry.groups) if registry is not None else set()
    named = sorted(codes, key=lambda c: (_canonical(text, c) in groups, c))
    return tuple(Party(c, registry.name(c) if registry is not None else c, _canonical(text, c) in groups) for c in named)


def _member_positions(party: Party, rows: Sequence[Position]) -> MemberPositions:
    alone = with_others = competing = 0
    articles: dict[str, None] = {}
    for row in rows:
        codes = set(row.proponents)
        if party.code in codes:
            alone += len(codes) == 1
            with_others += len(codes) > 1
            articles[row.number] = None
        elif row.role(party.code) == COMPETING:
            competing += 1
    return MemberPositions(party.code, party.name, alone, with_others, competing, tuple(articles))


# -- formats ---------------------------------------------------------------------------------
def headers(table: PositionsTable) -> list[str]:
    return [*FIXED_COLUMNS, *(p.code for p in table.parties)]


def cells(table: PositionsTable, row: Position) -> list[str]:
    """A row's cells, in the order of :func:`headers`."""
    return [row.article, row.number, row.paragraph, row.kind, row.quote, row.status, *(row.role(p.code) for p in table.parties)]


MEMBER_HEADERS = ("Code", "Member", "Alone", "With others", "Proposals", "Competing", "Articles")


def member_cells(member: MemberPositions) -> list[str]:
    return [member.code, member.name, str(member.alone), str(member.with_others), str(member.proposals), str(member.competing), ", ".join(member.articles)]


def as_json(table: PositionsTable, options: Options | None = None) -> str:
    """The documented JSON (docs/json.md#positions)."""
    data = {
        "schema": SCHEMA_VERSION,
        "title": table.title,
        "symbol": table.symbol,
        "revision": table.revision,
        "date": table.date,
        "filters": {"member": table.member, "section": table.section},
        "parties": [asdict(p) for p in table.parties],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "rows": [{**{k: v for k, v in asdict(r).items() if k != "roles"}, "roles": dict(r.roles)} for r in s.rows],
            }
            for s in table.sections
        ],
        "members": [{**asdict(m), "proposals": m.proposals} for m in table.members],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: A cell a spreadsheet would read as a formula (OWASP's list): quoted with an apostrophe in csv.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_csv(table: PositionsTable, options: Options | None = None) -> str:
    """One row per position, the section first; a cell a spreadsheet would take for a formula starts with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Section", *headers(table)])
    for row in table.rows:
        writer.writerow([_inert(c) for c in [row.section, *cells(table, row)]])
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def as_markdown(table: PositionsTable, options: Options | None = None) -> str:
    out = [f"# Positions: {md(table.title)}\n\n"]
    if table.parties:
        out.append("Columns: " + "; ".join(f"{md(p.code)} {md(p.name)}" for p in table.parties) + ".\n\n")
    for section in table.sections:
        out.append(f"## Section {md(section.id)}: {md(section.title)}\n\n")
        if not section.rows:
            out.append("No bracket, option, proposed paragraph or alternative.\n\n")
            continue
        heads = headers(table)
        right = [False] * len(heads)
        out.append(tables.markdown(heads, [cells(table, r) for r in section.rows], right) + "\n")
    out.append("## Members\n\n")
    rows = [member_cells(m) for m in table.members]
    out.append(tables.markdown(list(MEMBER_HEADERS), rows, [False, False, True, True, True, True, False]))
    return "".join(out)


_SORT_SCRIPT = """
document.querySelectorAll('table.sortable th').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], index = th.cellIndex;
    var up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].textContent, y = b.cells[index].textContent;
      var c = x.localeCompare(y, undefined, {numeric: true});
      return up ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin-bottom: 2em; font-size: 90%; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; vertical-align: top; }
th { background: #eee; cursor: pointer; position: sticky; top: 0; }
th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
td.proposes { background: #cfe8cf; } td.co-sponsors { background: #e4f2d9; } td.competing { background: #f8dcdc; }
"""


def as_html(table: PositionsTable, options: Options | None = None) -> str:
    """A page with the tables, sortable by a click on a column's header (an inline script, no network)."""
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<title>Positions: {h(table.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<h1>Positions: {h(table.title)}</h1>\n",
    ]
    for section in table.sections:
        out.append(f'<h2 id="section-{h(section.id)}">Section {h(section.id)}: {h(section.title)}</h2>\n')
        out.append(_html_table(table, section.rows))
    out.append('<h2 id="members">Members</h2>\n<table class="sortable">\n<thead><tr>')
    out.append("".join(f"<th>{h(c)}</th>" for c in MEMBER_HEADERS) + "</tr></thead>\n<tbody>\n")
    for member in table.members:
        out.append("<tr>" + "".join(f"<td>{h(c)}</td>" for c in member_cells(member)) + "</tr>\n")
    out.append(f"</tbody>\n</table>\n<script>{_SORT_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)


def _html_table(table: PositionsTable, rows: Sequence[Position]) -> str:
    heads = "".join(f"<th>{h(c)}</th>" for c in FIXED_COLUMNS) + "".join(f'<th title="{h(p.name)}">{h(p.code)}</th>' for p in table.parties)
    body = []
    for row in rows:
        fixed = "".join(f"<td>{h(c)}</td>" for c in cells(table, row)[: len(FIXED_COLUMNS)])
        roles = "".join(f'<td class="{role}">{role}</td>' if (role := row.role(p.code)) else "<td></td>" for p in table.parties)
        body.append(f"<tr>{fixed}{roles}</tr>\n")
    return f'<table class="sortable">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n{"".join(body)}</tbody>\n</table>\n'
