"""The authoring commands: ``fmt``, ``stats``, ``positions``, ``progress``, ``new``, ``withdraw``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..load import Loaded
    from ..problems import Problem

from ..escape import visible
from ..formats import help_text
from .app import app, emit, finish


def _print_refused(problems: list[Problem]) -> None:
    from ..report import text_line

    sys.stdout.write("".join(text_line(p) + "\n" for p in problems))


@app.command()
def fmt(
    path: Path = typer.Argument(Path("articles"), help="The articles folder (or one file)."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 listing the files that would change."),
) -> None:
    """Rewrite text.yaml and every article file in the one canonical layout (comments kept).

    Exit 0 when every file is (or now is) canonical, 1 when --check finds files to
    reformat or a file does not load cleanly (it is left untouched), 2 for a usage
    or I/O problem.

    Example: jsitext fmt articles --check
    """
    from ..authoring.fmt import format_path
    from ..console import say

    report = format_path(path, write=not check)
    _print_refused(report.refused)
    verb = "would reformat" if check else "reformatted"
    for changed in report.changed:
        print(visible(f"{verb} {changed}"))
    refused = len({p.path for p in report.refused})
    untouched = report.files - len(report.changed) - refused
    summary = f"{len(report.changed)} file{'s' if len(report.changed) != 1 else ''} {verb}, {untouched} unchanged"
    say(summary + (f", {refused} refused (fix the problems above, then run fmt again)" if refused else ""))
    finish(1 if report.refused or (check and report.changed) else 0)


@app.command()
def stats(
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    format: str = typer.Option("text", "--format", "-f", help=help_text("stats") + "."),
    top: int = typer.Option(10, "--top", help="How many proponents to list.", min=0),
) -> None:
    """Where the text stands: articles by status, brackets, options, alternatives, proposals.

    Per section and in total, and the members that make the most proposals, with how
    many of those they make alone.  Exit 1 when the text does not load cleanly.

    Example: jsitext stats articles --format md
    """
    from .. import stats as st
    from ..console import wants_colour
    from ..formats import get

    chosen = get(format, "stats")
    loaded = _load_clean(path)
    figures = st.text_stats(loaded.text, top=top)
    if chosen.name == "text" and wants_colour(sys.stdout):
        st.print_rich(figures)
    else:
        emit(chosen.render(figures), None)
    finish(0)


@app.command()
def positions(
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    format: str = typer.Option("xlsx", "--format", "-f", help=help_text("positions") + "."),
    member: str | None = typer.Option(None, "--member", "-m", help="Only the rows where this member (or a member of this group) stands."),
    section: str | None = typer.Option(None, "--section", help="Only this section or subsection id, e.g. A or B.2."),
    output: Path | None = typer.Option(None, "--output", "-o", help="The file to write (default: stdout; positions.xlsx for xlsx)."),
) -> None:
    """Who holds which bracket: a row per bracket, option, proposed paragraph and alternative, a column per member.

    Each cell says whether that member proposes it (alone), co-sponsors it, or is in a
    competing option or alternative; a per-member summary counts as `jsitext stats`.
    Exit 1 when the text does not load cleanly, 2 for a bad option.

    Example: jsitext positions articles --format xlsx --output positions.xlsx
    """
    from ..formats import get
    from ..positions import positions as table_of

    chosen = get(format, "positions")
    loaded = _load_clean(path)
    table = table_of(loaded.text, member=member, section=section)
    if output is None and chosen.binary:
        output = Path(chosen.output_name("positions"))
    emit(chosen.render(table), output)
    finish(0)


def _load_clean(path: Path) -> Loaded:
    from ..load import load_text
    from ..report import text_line
    from ..source import FolderSource

    loaded = load_text(FolderSource(path))
    errors = [p for p in loaded.problems if p.is_error]
    if errors:
        sys.stderr.write("".join(text_line(p) + "\n" for p in errors))
        print(f"jsitext: the text does not load cleanly ({len(errors)} errors): run jsitext check {path}", file=sys.stderr)
        finish(1)
    return loaded


@app.command()
def new(
    article_id: str = typer.Argument(..., metavar="ID", help="The new article's id: lower-case words joined by hyphens."),
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    section: str = typer.Option(..., "--section", "-s", help="The section or subsection that lists it (A.1, E ...)."),
    title: str | None = typer.Option(None, "--title", "-t", help="Its title (default: from the id)."),
    after: str | None = typer.Option(None, "--after", help="Place it after this article of the section (default: last)."),
) -> None:
    """Start an article: <ID>.yaml from a template, and ID in the outline of text.yaml.

    Exit 0 when created; 2 for an invalid or existing id, an unknown section or a
    bad --after (nothing is written); 1 when text.yaml does not load cleanly.

    Example: jsitext new digital-identities articles --section A.1 --after electronic-authentication
    """
    from ..authoring.new import new_article
    from ..authoring.roundtrip import Refused

    try:
        made = new_article(path, article_id, section=section, title=title, after=after)
    except Refused as refused:
        _print_refused(refused.problems)
        finish(1)
    where = f"section {made.group}" + (f", in {made.annex}" if made.annex else "")
    print(visible(f"created {made.path} (article {made.position} of {where})"))
    finish(0)


@app.command()
def withdraw(
    code: str = typer.Argument(..., metavar="CODE", help="The member withdrawing (a proponent code such as US)."),
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    article: str | None = typer.Option(None, "--article", "-a", help="Only this article."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would change; write nothing."),
) -> None:
    """Take CODE out of every attribution, inline and paragraph-level; delete nothing.

    Brackets, options and alternatives left with no proponent stay in the text,
    unattributed, and are listed for the co-convenors; a proposed paragraph whose
    only proponent is CODE keeps it and is listed too.  Exit 0 when done, 1 when an
    article does not load cleanly (nothing is written), 2 for an unknown code or article.

    Example: jsitext withdraw CN articles --article de-minimis --dry-run
    """
    from ..authoring.roundtrip import Refused
    from ..authoring.withdraw import describe
    from ..authoring.withdraw import withdraw as run_withdraw
    from ..console import say

    try:
        report = run_withdraw(path, code, article=article, dry_run=dry_run)
    except Refused as refused:
        _print_refused(refused.problems)
        finish(1)
    for line in describe(report):
        print(visible(line))
    files = len(report.files)
    verb = "would change" if dry_run else "changed"
    say(f"{len(report.changes)} attribution{'s' if len(report.changes) != 1 else ''} {verb} in {files} file{'s' if files != 1 else ''}")
    finish(0)
