"""``jsitext withdraw``: a member withdraws its proposals and attributions.

CODE is taken out of every attribution of the text (or of one article): inline
``{US, JP}`` after a bracket or an option, and the ``proponents`` of a paragraph, an
alternative, an article proposed whole or an alternative version of an article, in
the article files and in the preamble of text.yaml.  Markup is edited through its parse tree and rebuilt from the raw
pieces, so nothing but the attribution changes; files go through round-trip
editing, so comments stay.

Nothing is deleted.  A bracket, option or alternative left with no proponent stays
as it is, unattributed, and is listed for the co-convenors to decide.  A proposed
paragraph or article whose only proponent is CODE keeps it (without a proponent it
would read as agreed text) and is listed too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from .. import markup as mk
from ..errors import UsageError
from ..load import TEXT_FILE, Loaded, load_text
from ..numbering import item_label
from ..problems import did_you_mean
from ..source import FolderSource
from . import roundtrip as rt

Matches = Callable[[str], bool]


@dataclass(frozen=True)
class Change:
    """One attribution changed: where, and the attribution before and after."""

    path: str
    line: int
    where: str
    before: str
    after: str


@dataclass(frozen=True)
class Orphan:
    """A bracket, option, alternative or proposed paragraph left with no other proponent."""

    path: str
    line: int
    where: str
    what: str


@dataclass
class WithdrawReport:
    code: str
    changes: list[Change] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the files changed (or that would be)


def withdraw(root: Path, code: str, *, article: str | None = None, dry_run: bool = False) -> WithdrawReport:
    """Take CODE out of every attribution in ROOT (or in ARTICLE); write unless DRY_RUN."""
    loaded = load_text(FolderSource(root))
    ids = _targets(loaded, code, article)
    matches = _matcher(loaded, code)
    report = WithdrawReport(code)
    edited: dict[Path, bytes] = {}
    targets = [root / loaded.files[article_id] for article_id in ids]
    if article is None and loaded.text.preamble_article() is not None:  # the preamble, the cover note, notes
        targets.insert(0, root / TEXT_FILE)
    for path in targets:
        data = _edit_file(path, root, matches, report)
        if data is not None:
            edited[path] = data
            report.files.append(str(path))
    if not dry_run:
        rt.write_all_atomic(list(edited.items()))  # all or nothing
    return report


def _targets(loaded: Loaded, code: str, article: str | None) -> list[str]:
    if article is not None and article not in loaded.files:
        raise UsageError(f"unknown article {article!r}{did_you_mean(article, loaded.files)}")
    ids = [article] if article else sorted(loaded.files, key=lambda a: loaded.files[a])
    paths = {loaded.display_path(a) for a in ids}
    errors = [p for p in loaded.problems if p.is_error and p.path in paths]
    if errors:
        raise rt.Refused(errors)
    registry = loaded.text.members
    if registry is not None and registry.canonical(code) is None and not _used(loaded, code):
        raise UsageError(f"unknown proponent code {code!r}{did_you_mean(code, registry.known_codes())}")
    return ids


def _used(loaded: Loaded, code: str) -> bool:
    attributions = (*loaded.text.cover_attributions(), *(codes for a in loaded.text.articles.values() for codes in a.attributions()))
    return any(code in codes for codes in attributions)


def _matcher(loaded: Loaded, code: str) -> Matches:
    """CODE as written, or any alias of the same member."""
    registry = loaded.text.members
    canonical = registry.canonical(code) if registry else None
    if canonical is None or registry is None:
        return lambda c: c == code
    return lambda c: c == code or registry.canonical(c) == canonical


# -- the article tree --------------------------------------------------------------
def _edit_file(path: Path, root: Path, matches: Matches, report: WithdrawReport) -> bytes | None:
    """PATH (an article file, or text.yaml for its preamble) with CODE's attributions taken out."""
    display = str(path)
    data = rt.read_source(path, display, inside=root)
    edit = rt.open_for_edit(display, data)
    tree = edit.tree
    before = len(report.changes) + len(report.orphans)
    editor = _Editor(display, matches, report)
    if isinstance(tree, CommentedMap) and path.name == TEXT_FILE:
        for n, paragraph in enumerate(_entries(tree.get("preamble")), 1):
            editor.paragraph(paragraph, f"preamble paragraph {n}", 4, proposal=True)
        editor.markup(tree, "cover_note", "cover note", 0)
        editor.notes(tree, "", 0)
        for i, section in enumerate(_entries(tree.get("sections")), 1):
            editor.notes(section, f"section {section.get('id', i)} ", 4)
            for subsection in _entries(section.get("subsections")):
                editor.notes(subsection, f"subsection {subsection.get('id', '')} ", 8)
    elif isinstance(tree, CommentedMap):
        editor.markup(tree, "title", "title", 0)
        editor.markup(tree, "note", "note", 0)
        editor.notes(tree, "", 0)
        editor.proponents(tree, "article", proposal=True, what="proposed article")
        for n, paragraph in enumerate(_entries(tree.get("paragraphs")), 1):
            editor.paragraph(paragraph, f"paragraph {n}", 4, proposal=True)
        for k, alternative in enumerate(_entries(tree.get("alternatives")), 1):
            editor.proponents(alternative, f"Alt {k}", proposal=False)
            editor.markup(alternative, "title", f"Alt {k} title", 4)
            for n, paragraph in enumerate(_entries(alternative.get("paragraphs")), 1):
                editor.paragraph(paragraph, f"Alt {k} paragraph {n}", 8, proposal=True)
    if len(report.changes) + len(report.orphans) == before:
        return None
    out = rt.written(edit)
    return None if out == data else out


def _entries(node: Any) -> list[Any]:
    return [n for n in node if isinstance(n, CommentedMap)] if isinstance(node, CommentedSeq) else []


@dataclass
class _Editor:
    path: str
    matches: Matches
    report: WithdrawReport

    def paragraph(self, node: CommentedMap, where: str, column: int, *, proposal: bool) -> None:
        self.proponents(node, where, proposal=proposal)
        for key in ("text", "footnote"):
            self.markup(node, key, f"{where} {key}", column)
        self.items(node, where, column)
        self.notes(node, f"{where} ", column)
        for k, alternative in enumerate(_entries(node.get("alternatives")), 1):
            self.paragraph(alternative, f"{where} Alt {k}", column + 4, proposal=False)

    def notes(self, node: CommentedMap, where: str, column: int) -> None:
        """The attributions in typed notes (``notes: [{kind, text}]``), as in the old ``note``."""
        for n, note in enumerate(_entries(node.get("notes")), 1):
            self.markup(note, "text", f"{where}note {n}", column + 4)

    def items(self, node: CommentedMap, where: str, column: int, depth: int = 1) -> None:
        for n, item in enumerate(_entries(node.get("items")), 1):
            label = f"{where} {item_label(n, depth)}"
            self.markup(item, "text", label, column + 4)
            self.items(item, label, column + 4, depth + 1)

    def proponents(self, node: CommentedMap, where: str, *, proposal: bool, what: str = "proposed paragraph") -> None:
        seq = node.get("proponents")
        if not isinstance(seq, CommentedSeq):
            return
        hits = [i for i, c in enumerate(seq) if isinstance(c, str) and self.matches(c.strip())]
        if not hits:
            return
        line = _line(node, "proponents")
        if len(hits) == len(seq) and proposal:
            message = f"{what} kept as {_codes(seq)}: without a proponent it would read as agreed text"
            self.report.orphans.append(Orphan(self.path, line, where, message))
            return
        before = _codes(seq)
        for i in reversed(hits):
            del seq[i]
        self.report.changes.append(Change(self.path, line, f"{where} proponents", before, _codes(seq)))
        if not seq:
            self.report.orphans.append(Orphan(self.path, line, where, "alternative left with no proponent"))

    def markup(self, node: CommentedMap, key: str, where: str, column: int) -> None:
        value = node.get(key)
        if not isinstance(value, str):
            return
        try:
            parsed = mk.parse(str.__str__(value))
        except mk.MarkupError:
            return  # refused before: the file loads cleanly
        edit = _MarkupEdit(self.matches)
        new = edit.rebuild(parsed.runs)
        if new == str.__str__(value):
            return
        node[key] = _restyled(value, new, column + 2)
        line = _line(node, key)
        for before, after in edit.changed:
            self.report.changes.append(Change(self.path, line, where, before, after))
        for what in edit.orphans:
            self.report.orphans.append(Orphan(self.path, line, where, what))


def _restyled(old: str, new: str, column: int) -> Any:
    """NEW in the style OLD was written in (re-folded when it was a folded block)."""
    if isinstance(old, FoldedScalarString):
        block = rt.folded(new, column)
        if getattr(old, "comment", None) and hasattr(block, "comment"):
            # ruamel declares a folded scalar's comment in __slots__ only, where mypy does not look
            block.comment = old.comment  # type: ignore[attr-defined]
        return block
    return new if type(old) is str else type(old)(new)


def _line(node: CommentedMap, key: str) -> int:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return 0


def _codes(seq: CommentedSeq) -> str:
    return "[" + ", ".join(str(c) for c in seq) + "]"


class _MarkupEdit:
    """Rebuilds markup from its raw pieces with the withdrawn codes left out."""

    def __init__(self, matches: Matches) -> None:
        self.matches = matches
        self.changed: list[tuple[str, str]] = []
        self.orphans: list[str] = []

    def rebuild(self, runs: tuple[mk.Run, ...]) -> str:
        return "".join(self._run(r) for r in runs)

    def _run(self, run: mk.Run) -> str:
        if isinstance(run, mk.Bracket):
            return self._bracket(run)
        if isinstance(run, mk.InlineFootnote):  # a footnote's own brackets are attributed too
            return "^[" + self.rebuild(run.runs) + "]"
        return run.raw

    def _bracket(self, bracket: mk.Bracket) -> str:
        options = [self.rebuild(o.runs) + self._attribution(o.attribution) + o.trail for o in bracket.options]
        attribution = self._attribution(bracket.attribution)
        had = bool(bracket.attribution) or any(o.attribution for o in bracket.options)
        has = bool(attribution) or any(self._kept(o.attribution) for o in bracket.options)
        excerpt = _excerpt(bracket)
        if had and not has:
            self.orphans.append(f"bracket left with no proponent: {excerpt}")
        elif any(o.attribution and not self._kept(o.attribution) for o in bracket.options):
            self.orphans.append(f"option left with no proponent in {excerpt}")
        return "[" + "|".join(options) + "]" + attribution

    def _kept(self, attribution: mk.Attribution | None) -> list[str]:
        return [c.code for c in attribution.codes if not self.matches(c.code)] if attribution else []

    def _attribution(self, attribution: mk.Attribution | None) -> str:
        if attribution is None:
            return ""
        kept = self._kept(attribution)
        if len(kept) == len(attribution.codes):
            return attribution.raw
        inner = attribution.raw[1:-1]
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
        sep = ", " if ", " in inner or len(attribution.codes) == 1 else ","
        new = "{" + lead + sep.join(kept) + trail + "}" if kept else ""
        self.changed.append((attribution.raw, new or "(none)"))
        return new


def _excerpt(bracket: mk.Bracket, limit: int = 60) -> str:
    shown = mk.plain_text((bracket,))
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip() + "…]"


def describe(report: WithdrawReport) -> Iterator[str]:
    """The lines ``withdraw`` prints: each change, then what the co-convenors must decide."""
    for c in report.changes:
        yield f"{c.path}:{c.line}: {c.where}: {c.before} → {c.after}"
    if report.orphans:
        yield f"For the co-convenors ({len(report.orphans)} left with no other proponent than {report.code}):"
        for o in report.orphans:
            yield f"  {o.path}:{o.line}: {o.where}: {o.what}"
