"""The diff as a report: text (colour on a terminal), JSON, Markdown and HTML.

Every format is built from one context (:func:`context`): the two sides, the
summary, and per changed article its changes and its redline.  Markdown and HTML
go through Jinja2 templates (``templates/diff.md.j2``, ``diff.html.j2``) in the
build's environment.  The Word redline is apart: :mod:`.docx_redline`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..align import DELETED, EQUAL, INSERTED
from ..escape import markdown, visible
from ..formats import Options
from ..model import STATUSES
from ..report import text_line
from .changes import ALARMING
from .compare import ArticleDiff, DiffResult, NotCompared
from .cover import describe_text_change, section_notes
from .describe import describe
from .sides import Side
from .text_redline import Line, notes_redline, preamble_redline, redline

if TYPE_CHECKING:
    from rich.console import Console

#: Plain-text marks around deleted and inserted words (square brackets and braces belong to the text).
MARKS = {DELETED: ("«-", "-»"), INSERTED: ("«+", "+»")}


def side_info(side: Side) -> dict[str, Any]:
    """What identifies one side: its label, commit, and the text's cover."""
    source, meta = side.loaded.source, side.text.meta
    errors = sum(1 for p in side.problems if p.is_error)
    return {
        "label": source.label,
        "commit": getattr(source, "commit", None),
        "title": meta.title,
        "symbol": meta.symbol,
        "revision": meta.revision,
        "date": meta.date,
        "errors": errors,
        "warnings": len(side.problems) - errors,
    }


def as_json(result: DiffResult, options: Options | None = None) -> str:
    """``{"old", "new", "summary", "changes"}`` (documented in docs/json.md)."""
    payload = {
        "old": side_info(result.old),
        "new": side_info(result.new),
        "summary": result.summary(),
        "changes": [c.as_json() for c in result.changes],
        "unreadable": [entry for missing in result.not_compared() for entry in missing.as_json()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _renumbered(article: ArticleDiff) -> dict[str, Any]:
    """An article changed only in its printed numbers: its own ("A.2 → A.3"), the ones it cites, or both."""
    cites = "; ".join(f"cites {c.to} (was {c.from_})" for c in article.changes if c.kind == "reference-renumbered")
    moved = article.old_number != article.new_number
    number = f"{article.old_number} → {article.new_number}" if moved else article.new_number or ""
    return {"id": article.id, "title": article.title, "from": article.old_number, "to": article.new_number, "number": number, "cites": cites}


def context(result: DiffResult) -> dict[str, Any]:
    """The data every human-readable format shows."""
    summary = result.summary()
    name = _namer(result)
    places = _places(result, summary["text"])
    # A change shown in a place's block (the preamble, a note) is not listed again on the "Text:" line.
    in_blocks = {change["text"] for place in places for change in place["changes"]}
    ctx: dict[str, Any] = {
        "old": side_info(result.old),
        "new": side_info(result.new),
        "summary": summary,
        "kinds": [{"kind": k, "count": n, "alarming": k in ALARMING} for k, n in summary["kinds"].items() if n],
        "brackets": summary["brackets"],
        "text_changes": [line for line in map(describe_text_change, summary["text"]) if line not in in_blocks],
        "statuses": [
            {"status": s, "old": summary["statuses"]["old"][s], "new": summary["statuses"]["new"][s]}
            for s in STATUSES
            if summary["statuses"]["old"][s] or summary["statuses"]["new"][s]
        ],
        "places": places,
        "articles": [_article(a, result, name) for a in result.articles if a.is_substance],
        "renumbered": [_renumbered(a) for a in result.articles if not a.is_substance],
        "not_compared": [_not_compared(missing, result) for missing in result.not_compared()],
    }
    ctx["no_changes"], ctx["not_compared_heading"] = no_changes(ctx), not_compared_heading(ctx)
    ctx["uncounted"] = uncounted(ctx)
    return ctx


def _not_compared(missing: NotCompared, result: DiffResult) -> dict[str, Any]:
    """An article that could not be compared: which, on which side, and its errors as check prints them."""
    side = result.old if missing.side == "old" else result.new
    return {"id": missing.article, "side": missing.side, "label": side.label, "problems": [text_line(p) for p in missing.problems]}


def _namer(result: DiffResult) -> Callable[[str], str]:
    registry = result.new.text.members or result.old.text.members
    return registry.name if registry is not None else (lambda code: code)


def heading(article: ArticleDiff) -> str:
    """'Article B.2 Open Internet Access (open-internet-access)'; a removed article says what it was."""
    title = f"{article.title or article.id} ({article.id})"
    if article.new_number:
        return f"Article {article.new_number} {title}"
    if article.old_number:
        return f"{title}, was Article {article.old_number}"
    return title


def _article(article: ArticleDiff, result: DiffResult, name: Callable[[str], str]) -> dict[str, Any]:
    lines = redline(article.old, article.new, result.old.numbering, result.new.numbering)
    changes = [{"kind": c.kind, "text": describe(c, name), "alarming": c.kind in ALARMING} for c in article.changes]
    return _block(article.id, heading(article), changes, lines)


def _block(block_id: str, title: str, changes: list[dict[str, Any]], lines: list[Line]) -> dict[str, Any]:
    """What a report shows of one place: its heading, its changes, its redline."""
    return {
        "id": block_id,
        "heading": title,
        "changes": changes,
        "redline": [{"label": x.label, "depth": x.depth, "segments": x.segments, "changed": x.changed} for x in lines],
        "has_redline": any(x.changed for x in lines),
    }


def _places(result: DiffResult, text_changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places of text.yaml whose treaty text or notes changed, each with its changes and
    redline, as an article's: the preamble, the notes of the text, then of each section and
    subsection (NEW's outline order, then those only OLD has); none for a diff of one article."""
    if result.only is not None:
        return []
    old, new = result.old, result.new
    numbers = (old.numbering, new.numbering)

    def changes(field: str, where: str | None = None) -> list[dict[str, Any]]:
        """The text changes of FIELD (at WHERE, for notes), as an article's changes."""
        found = [c for c in text_changes if c["field"] == field and c.get("where") == where]
        return [{"kind": c.get("change", field), "text": describe_text_change(c), "alarming": False} for c in found]

    blocks = [
        _block("text-preamble", "Preamble", changes("preamble"), preamble_redline(old.text.meta.preamble, new.text.meta.preamble, *numbers)),
        _block("text-notes", "Notes of the text", changes("note", "text"), notes_redline(old.text.meta.notes, new.text.meta.notes, *numbers)),
    ]
    olds, news = section_notes(old.text), section_notes(new.text)
    for place in [*news, *(p for p in olds if p not in news)]:
        lines = notes_redline(olds.get(place, ()), news.get(place, ()), *numbers)
        blocks.append(_block(f"text-section-{place}", _place_heading(result, place), changes("section-note", place), lines))
    return [b for b in blocks if b["has_redline"]]


def _place_heading(result: DiffResult, place: str) -> str:
    """ "Section A: Title", "Subsection A.1: Title" or "Annex 1: Title", as NEW (else OLD) names it."""
    for side in (result.new, result.old):
        for section in side.text.sections:
            if section.id == place:
                return f"{side.numbering.sections.get(place) or 'Section ' + place}: {section.title}"
            for subsection in section.subsections:
                if subsection.id == place:
                    return f"Subsection {place}: {subsection.title}"
    return f"Section {place}"


# -- text --------------------------------------------------------------------------------------
def text_pieces(ctx: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """The text report as lines of (style, text) pieces; style '' is plain."""
    out: list[list[tuple[str, str]]] = [[("bold", "jsitext diff")]]
    out += [[("", f"  old: {_side_line(ctx['old'])}")], [("", f"  new: {_side_line(ctx['new'])}")], []]
    out += _summary_pieces(ctx)
    if ctx["not_compared"]:
        out += [[], [("bold red", ctx["not_compared_heading"])]]
        for row in ctx["not_compared"]:
            out.append([("", f"  {row['id']} ({row['side']}, {row['label']}):")])
            out += [[("", f"    {line}")] for line in row["problems"]]
    for article in ctx["places"] + ctx["articles"]:
        out += [[], [("bold", heading_line(article))]]
        for change in article["changes"]:
            style = "bold red" if change["alarming"] else ""
            out.append([("", "  "), (style, ("!! " if change["alarming"] else "- ") + change["text"]), ("dim", f"  [{change['kind']}]")])
        if article["has_redline"]:
            out.append([])
            out += [_redline_pieces(line) for line in article["redline"]]
    if ctx["renumbered"]:
        out += [[], [("bold", "Renumbered only, or citing renumbered articles (other articles moved):")]]
        out += [[("", f"  {r['number']}  {r['title'] or r['id']} ({r['id']})" + (f": {r['cites']}" if r["cites"] else ""))] for r in ctx["renumbered"]]
    return out


def heading_line(article: dict[str, Any]) -> str:
    return str(article["heading"])


def _side_line(info: dict[str, Any]) -> str:
    extra = ", ".join(x for x in (info["symbol"], info["date"], (info["commit"] or "")[:12]) if x)
    problems = f"; {info['errors']} check error(s)" if info["errors"] else ""
    return f"{info['label']}" + (f" ({extra})" if extra else "") + problems


def _summary_pieces(ctx: dict[str, Any]) -> list[list[tuple[str, str]]]:
    summary = ctx["summary"]
    cover = [[("", "Text: " + "; ".join(ctx["text_changes"]))]] if ctx["text_changes"] else []
    if not summary["changes"]:
        return [[("bold", ctx["no_changes"])], *cover]
    head = f"{summary['changes']} change{'s' if summary['changes'] != 1 else ''} in {summary['articles']} article{'s' if summary['articles'] != 1 else ''}"
    if summary["renumbered_only"]:
        head += f", and {summary['renumbered_only']} article{'s' if summary['renumbered_only'] != 1 else ''} renumbered only"
    out = [[("bold", head)], *cover]
    width = max([20, *(len(row["kind"]) for row in ctx["kinds"])])
    for row in ctx["kinds"]:
        flag = ("bold red", "   ← agreed text changed: check it") if row["alarming"] else ("", "")
        out.append([("", f"  {row['kind']:<{width}} {row['count']:>4}"), flag])
    brackets = ctx["brackets"]
    old, new = brackets["old"], brackets["new"]
    out.append([("", f"Brackets remaining: {_arrow(old['brackets'], new['brackets'])}; options {_arrow(old['options'], new['options'])}{ctx['uncounted']}")])
    statuses = ", ".join(f"{s['status']} {_arrow(s['old'], s['new'])}" for s in ctx["statuses"])
    out.append([("", f"Articles by status: {statuses}")])
    return out


def no_changes(ctx: dict[str, Any]) -> str:
    """The summary of a diff without changes, never claimed for articles that could not be read."""
    if ctx["not_compared"]:
        return "No change found in the articles that could be read."
    return "No changes to the articles." if ctx["summary"]["text"] else "No changes."


def not_compared_heading(ctx: dict[str, Any]) -> str:
    n = len({row["id"] for row in ctx["not_compared"]})
    return f"Not compared: {n} changed article{'s' if n != 1 else ''} cannot be read, so {'their' if n != 1 else 'its'} changes are unknown:"


def uncounted(ctx: dict[str, Any]) -> str:
    """What the brackets remaining leave out: an article that cannot be read has none to count."""
    n = len({row["id"] for row in ctx["not_compared"]})
    return f" (not counting {n} article{'s' if n != 1 else ''} that cannot be read)" if n else ""


def _arrow(old: int, new: int) -> str:
    delta = new - old
    return f"{old} → {new}" + (f" ({delta:+d})" if delta else "")


def _redline_pieces(line: dict[str, Any]) -> list[tuple[str, str]]:
    indent = "  " * (line["depth"] + 1)
    pieces: list[tuple[str, str]] = [("", indent + (line["label"] + " " if line["label"] else ""))]
    for op, text in line["segments"]:
        pieces.append((op, text))
    return pieces


def as_text(result: DiffResult, options: Options | None = None) -> str:
    """The plain text report (no colour): deleted words «-so-», inserted ones «+so+»."""
    lines = []
    for pieces in text_pieces(context(result)):
        lines.append("".join(_plain(style, visible(text)) for style, text in pieces).rstrip())
    return "\n".join(lines) + "\n"


def _plain(style: str, text: str) -> str:
    if style in MARKS:
        open_, close = MARKS[style]
        return open_ + text + close
    return text


_RICH = {DELETED: "red strike", INSERTED: "green underline"}


def print_rich(result: DiffResult, console: Console) -> None:
    """The text report in colour on a terminal."""
    from rich.text import Text

    for pieces in text_pieces(context(result)):
        line = Text()
        for style, text in pieces:
            line.append(visible(text), style=_RICH.get(style, style) or None)
        console.print(line)


# -- md and html -------------------------------------------------------------------------------
def render_template(result: DiffResult, fmt: str, *, templates_dir: Path | None = None) -> str:
    """The Markdown or HTML report through its template, ``diff.md.j2`` or ``diff.html.j2``.

    The build's Jinja environment (:mod:`jsitext.render.templates`): TEMPLATES_DIR
    searched before the packaged templates, StrictUndefined, HTML autoescaped, a
    template's error reported with its file and line (exit 2).
    """
    from ..render.html import css_string
    from ..render.templates import environment
    from ..render.templates import render_template as render

    env = environment(templates_dir, {"md": markdown, "md_redline": md_redline, "css_string": css_string})
    return render(env, f"diff.{fmt}.j2", **context(result))


def md_redline(segments: tuple[tuple[str, str], ...]) -> str:
    """Segments in Markdown: <del>deleted</del> and <ins>inserted</ins>, white space kept outside the marks.

    Not ``~~``: GFM takes ``~~`` for a strikethrough only where it is not next to
    punctuation on the wrong side, so ``{US~~, JP~~}`` would show its tildes."""
    out = []
    for op, text in segments:
        core = text.strip()
        if op == EQUAL or not core:
            out.append(markdown(text, line_start=False))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        marked = f"<del>{markdown(core, line_start=False)}</del>" if op == DELETED else f"<ins>{markdown(core, line_start=False)}</ins>"
        out.append(lead + marked + trail)
    return "".join(out)


# -- the registry's renderers (jsitext.formats) ------------------------------------------------
def render_md(result: DiffResult, options: Options) -> str:
    return render_template(result, "md", templates_dir=options.templates_dir)


def render_html(result: DiffResult, options: Options) -> str:
    return render_template(result, "html", templates_dir=options.templates_dir)


def render_pdf(result: DiffResult, options: Options) -> bytes:
    """The html report laid out in A4 pages (render/pdf.py), NEW's symbol (or label) in the
    header, dated as NEW (SOURCE_DATE_EPOCH, else NEW's date)."""
    from ..render.dates import stamp_time
    from ..render.pdf import REDLINE, html_to_pdf

    symbol = result.new.text.meta.symbol or result.new.label
    when = stamp_time(result.new.text.meta.date)
    return html_to_pdf(lambda: render_html(result, options), REDLINE, symbol, when, options.templates_dir, cover=False)
