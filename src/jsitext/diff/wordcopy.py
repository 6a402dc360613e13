"""What the Word redline needs from a diff: the whole NEW text, and the OLD version of each article that differs.

The diff parses only the articles whose files changed; the marked-up copy is the
whole NEW text, so only this path (``--format docx``) loads every NEW article
(the json, text, md and html reports stay as fast as before).  An OLD version is
the OLD side's parse for a changed file, and the NEW parse for an unchanged one
(same bytes), numbered with the OLD side's numbering: its heading and
references then show the numbers it had.
"""

from __future__ import annotations

from ..checks import run_checks
from ..load import load_text
from ..markup import walk_references
from ..model import Article, Text
from ..problems import Problem
from ..render.docx_redline import Redline, render_redline
from ..render.resolve import DocArticle, Document, Footnote, resolve, resolve_article
from .compare import DiffResult


def word_redline(result: DiffResult, *, author: str | None = None, article: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The .docx redline of RESULT (None when the whole NEW text has check errors) and NEW's problems.

    With ARTICLE, only that article is marked; the rest is the NEW text as built.
    """
    loaded = load_text(result.new.loaded.source)  # everything: the copy is the whole text
    problems = run_checks(loaded)
    if any(p.is_error for p in problems):
        return None, problems
    document = resolve(loaded.text)
    return render_redline(document, _Versions(result, loaded.text, document).redline(article), author=author), problems


class _Versions:
    """OLD versions of NEW's articles, resolved with OLD's numbers, their footnotes after NEW's."""

    def __init__(self, result: DiffResult, text: Text, document: Document) -> None:
        self.result, self.text, self.document = result, text, document
        self.notes: list[Footnote] = []
        self.in_diff = {a.id for a in result.articles}
        self.next_note = len(document.footnotes) + 1

    def redline(self, only: str | None) -> Redline:
        redline = Redline(notes=())
        shown = {a.id for a in self.document.articles}
        for doc_article in self.document.articles:
            if (only is None or doc_article.id == only) and self._differs(doc_article.id):
                known, before = self._old(doc_article.id)
                if known:
                    redline.changed[doc_article.id] = before
        self._removed(redline, shown, only)
        return Redline(redline.changed, redline.removed_before, redline.removed_after, tuple(self.notes))

    def _differs(self, article_id: str) -> bool:
        """Changed in the diff, or citing an article whose number changed."""
        if article_id in self.in_diff:
            return True
        old, new = self.result.old.numbering, self.result.new.numbering
        article = self.text.articles[article_id]
        targets = {ref.target for markup in article.texts() for ref in walk_references(markup.runs)}
        return any(old.article(t) != new.article(t) for t in targets)

    def _old(self, article_id: str) -> tuple[bool, DocArticle | None]:
        """(known, OLD version as printed): (True, None) for an article OLD does not print; (False, None) when unreadable."""
        old_side = self.result.old
        if article_id not in old_side.loaded.files or old_side.numbering.article(article_id) is None:
            return True, None
        model = self._old_model(article_id)
        if model is None or model.is_retired:
            return model is not None, None
        return True, self._resolve(model)

    def _old_model(self, article_id: str) -> Article | None:
        unchanged = article_id in self.text.articles and self.result.new.article(article_id) is None
        return self.text.articles[article_id] if unchanged else self.result.old.article(article_id)

    def _resolve(self, model: Article) -> DocArticle:
        registry = self.text.members
        assert registry is not None
        resolved, notes = resolve_article(model, self.result.old.numbering, registry, attribution=self.document.attribution, first_note=self.next_note)
        self.notes.extend(notes)
        self.next_note += len(notes)
        return resolved

    def _removed(self, redline: Redline, shown: set[str], only: str | None) -> None:
        """OLD's printed articles that NEW does not print, each placed beside a neighbour it had."""
        order = self.result.old.text.outline_ids()
        for index, article_id in enumerate(order):
            if article_id in shown or (only is not None and article_id != only):
                continue
            known, before = self._old(article_id)
            if not known or before is None:
                continue
            place = _neighbour(order, index, shown, self._group)
            if place is None:
                continue  # NEW prints no article at all: nowhere to show it
            where = redline.removed_after if place[1] == "after" else redline.removed_before
            where.setdefault(place[0], []).append(before)

    def _group(self, article_id: str) -> str | None:
        placement = self.result.old.places.get(article_id)
        return placement.group.id if placement is not None else None


def _neighbour(order: list[str], index: int, shown: set[str], group) -> tuple[str, str] | None:  # group: Callable[[str], str | None]
    """Where a removed article goes: after the article before it in its old (sub)section, else
    before the one after it there, else after or before any article still printed."""
    before = [x for x in reversed(order[:index]) if x in shown]
    after = [x for x in order[index + 1 :] if x in shown]
    home = group(order[index])
    for candidates, side in ((before, "after"), (after, "before")):
        for x in candidates:
            if group(x) == home:
                return x, side
    if before:
        return before[0], "after"
    return (after[0], "before") if after else None
