"""``jsitext build``: the consolidated text in Word, HTML, Markdown, plain text and JSON."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import typer

from ..escape import visible
from ..formats import DEFAULT_BUILD, help_text
from .app import app, finish

#: A build shows progress only once it has run this long (seconds), and only on a terminal.
PROGRESS_AFTER = 0.5


@app.command()
def build(
    path: Path = typer.Argument(Path("articles"), help="The articles folder."),
    format: str = typer.Option(",".join(DEFAULT_BUILD), "--format", "-f", help=f"Comma-separated formats: {help_text('text')}."),
    output: Path = typer.Option(Path("build"), "--output", "-o", help="The output folder (created if missing)."),
    view: str = typer.Option("full", "--view", help="full, clean (agreed text only) or member:CODE (that member's articles, its proposals highlighted)."),
    section: str | None = typer.Option(None, "--section", help="Limit the view to one section or subsection id, e.g. A or B.2."),
    attribution: str | None = typer.Option(None, "--attribution", help="Print proponents as codes or names (default: text.yaml's attribution)."),
    templates: Path | None = typer.Option(None, "--templates", help="A folder of your own Jinja templates, used before the packaged ones."),
    notes: str | None = typer.Option(
        None,
        "--notes",
        help="Which notes to print: all, none, or kinds separated by commas (convenors, facilitator, secretariat, drafting). Default: all; none in the clean view.",
    ),
    since: str | None = typer.Option(
        None, "--since", help="For the reader: what changed since this revision (tag, branch, commit or folder), as jsitext diff REV shows it."
    ),
) -> None:
    """Build the consolidated text: consolidated.md, .html, .docx (and .txt, .json) in the output folder.

    Refuses a text with check errors (exit 1, nothing written); warnings are printed
    and do not stop it.  Files are replaced only once every format has rendered, so a
    failed build leaves the previous ones untouched.  A view adds a suffix to the
    names: consolidated-clean.docx, consolidated-member-us.html.

    Example: jsitext build articles --format md,html,docx --view clean --output build

    Example: jsitext build articles --notes convenors,facilitator

    Example: jsitext build articles --format reader --since rev3   (consolidated-reader.html)
    """
    from ..build import build_text
    from ..report import print_problems

    with _Progress() as progress:
        result = build_text(
            path,
            formats=format,
            output_dir=output,
            view=view,
            attribution=attribution,
            templates_dir=templates,
            section=section,
            progress=progress.step,
            notes=notes,
            since=since,
        )
    if result.problems:
        print_problems(result.problems, "text", files=result.files)
    if result.refused:
        print("jsitext: build refused: fix the errors above (jsitext check shows them too)", file=sys.stderr)
        finish(1)
    for written in result.written:
        print(visible(f"wrote {written}"))
    finish(0)


class _Progress:
    """A rich status line on stderr, shown only on a terminal and once a build takes a while."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.status: Any = None

    def step(self, message: str) -> None:
        if self.status is not None:
            self.status.update(message)
        elif time.monotonic() - self.started > PROGRESS_AFTER and _terminal():
            from ..console import rich_console

            self.status = rich_console(sys.stderr).status(message)
            self.status.start()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.status is not None:
            self.status.stop()


def _terminal() -> bool:
    from ..console import wants_colour

    return wants_colour(sys.stderr)
