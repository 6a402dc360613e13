"""Building the consolidated text: load, check, resolve, render, write atomically.

:func:`build_text` is the library entry behind ``jsitext build``.  It refuses a
text with check errors (returning them, nothing written), renders every format in
memory first, and only then writes each file through a temporary file in the
output folder and ``os.replace``: a build that fails for any reason leaves the
previous outputs as they were and no temporary file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomically
from .checks import run_checks
from .errors import UsageError
from .formats import DEFAULT_BUILD, Format, Options, parse_list
from .load import Loaded, load_text
from .model import Text
from .problems import Problem
from .render.resolve import Document, View, parse_notes, parse_view, resolve
from .source import FolderSource, Source

ATTRIBUTIONS = ("codes", "names")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the problems found (errors mean nothing was written) and the files written."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    files: int = 0  # the files read (text.yaml and members.yaml included), for the summary line

    @property
    def refused(self) -> bool:
        """True when check errors stopped the build."""
        return any(p.is_error for p in self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def output_name(fmt: Format, view: View) -> str:
    """``consolidated.md``, ``consolidated-clean.docx``, ``consolidated-member-us.html``."""
    return fmt.output_name(f"consolidated{view.suffix}")


def build_text(
    source: Source | Path | str,
    *,
    formats: Iterable[str] | str = DEFAULT_BUILD,
    output_dir: Path | str = "build",
    view: View | str = "full",
    attribution: str | None = None,
    templates_dir: Path | str | None = None,
    section: str | None = None,
    progress: Progress | None = None,
    notes: str | None = None,
    since: str | None = None,
) -> BuildResult:
    """Build the text at SOURCE in FORMATS into OUTPUT_DIR.

    NOTES picks the kinds of note printed: ``all``, ``none`` or ``convenors,drafting``
    (by default the view's: none in the clean copy, all elsewhere).  SINCE (a revision
    or a folder, for the reader) adds what changed since it, as ``jsitext diff SINCE`` says.
    Raises UsageError (exit 2) for a bad option or an output folder that cannot be
    used; returns the problems (and writes nothing) when the text has check errors.
    """
    step = progress or (lambda _message: None)
    fmts = parse_list(formats, "text")
    readers = [f for f in fmts if f.name == "reader"]
    if since is not None and not readers:
        raise UsageError("--since adds the changes to the reader: add it to the formats, e.g. --format html,reader --since rev3")
    if attribution is not None and attribution not in ATTRIBUTIONS:
        raise UsageError(f"unknown attribution {attribution!r}; choose one of: {', '.join(ATTRIBUTIONS)}")
    chosen = _view(view, section)
    note_kinds = _notes(notes)
    src = FolderSource(Path(source)) if isinstance(source, Path | str) else source
    out = Path(output_dir)
    _refuse_output_inside(src, out)
    templates = _templates(templates_dir)

    step("Loading and checking the text")
    loaded = load_text(src)
    problems = run_checks(loaded)
    files = len(loaded.files) + 1
    if any(p.is_error for p in problems):
        return BuildResult(problems, files=files)
    _check_view(loaded, chosen)
    step("Resolving numbers, references and footnotes")
    document = resolve(loaded.text, chosen, attribution=attribution, notes=note_kinds)
    options = Options(templates_dir=templates)
    if readers:
        step("Resolving the clean copy" + (f" and the changes since {since}" if since else ""))
        options = options._replace(reader=_reader_extras(src, loaded, document, since))
    rendered: dict[str, bytes] = {}
    for fmt in fmts:
        step(f"Rendering {fmt.name}")
        rendered[output_name(fmt, chosen)] = fmt.render(document, options)
    step("Writing the files")
    return BuildResult(problems, write_atomically(out, rendered), files)


def _reader_extras(source: Source, loaded: Loaded, document: Document, since: str | None) -> object:
    """What the reader shows besides DOCUMENT: the clean copy, and the diff since SINCE
    computed as ``jsitext diff SINCE`` does in the repository holding the articles folder."""
    from .render.reader import reader_extras

    if since is None:
        return reader_extras(loaded.text, document)
    from .diff import diff_sources
    from .diff.present import context

    if not isinstance(source, FolderSource):
        raise UsageError("--since compares with the articles folder on disk: build from a folder")
    repo, path = _in_repository(source.root)
    return reader_extras(loaded.text, document, since, context(diff_sources(since, path=path, repo=repo)))


def _in_repository(folder: Path) -> tuple[Path, str]:
    """The top of the git repository holding FOLDER and FOLDER's path in it (FOLDER's parent
    and its name outside git, where --since can only name another folder)."""
    from .errors import SourceError
    from .source import git

    try:
        top = Path(git(folder, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())
        return top, folder.resolve().relative_to(top.resolve()).as_posix()
    except (SourceError, ValueError):
        return folder.resolve().parent, folder.name


def _view(view: View | str, section: str | None) -> View:
    if isinstance(view, View):
        return View(view.name, view.member, section or view.section)
    try:
        return parse_view(view, section)
    except ValueError as err:
        raise UsageError(str(err)) from None


def _notes(notes: str | None) -> frozenset[str] | None:
    if notes is None:
        return None
    try:
        return parse_notes(notes)
    except ValueError as err:
        raise UsageError(str(err)) from None


def _templates(templates_dir: Path | str | None) -> Path | None:
    if templates_dir is None:
        return None
    path = Path(templates_dir)
    if not path.is_dir():
        raise UsageError(f"{path}: no such templates folder")
    return path


def _refuse_output_inside(source: Source, output: Path) -> None:
    """The output folder may not sit in the articles folder (the next load would read it)."""
    if not isinstance(source, FolderSource):
        return
    articles, target = source.root.resolve(), output.resolve()
    if target == articles or target.is_relative_to(articles):
        raise UsageError(f"{output}: the output folder is inside the articles folder {source.root}; choose another one, e.g. --output build")


def check_section(text: Text, section: str | None) -> None:
    """A --section must name a section or subsection of TEXT (UsageError, exit 2, listing them)."""
    ids = [i for s in text.sections for i in (s.id, *(g.id for g in s.subsections))]
    if section is not None and section not in ids:
        raise UsageError(f"unknown section {section!r}; choose one of: {', '.join(ids)}")


def _check_view(loaded: Loaded, view: View) -> None:
    """A --section or member code must name something in the text (exit 2 otherwise)."""
    text = loaded.text
    check_section(text, view.section)
    if view.name == "member" and text.members is not None and text.members.canonical(view.member or "") is None:
        raise UsageError(f"unknown member code {view.member!r} in --view member:CODE (list the codes with `jsitext members`)")
