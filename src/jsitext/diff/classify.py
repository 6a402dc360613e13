"""What changed inside one article: its title, status, note and paragraphs.

Paragraphs are aligned by content (see :mod:`.align`), then each pair is compared
by what it is on each side: agreed text, a proposal (a whole paragraph in
brackets, with proponents) or a set of alternatives (Alt 1, Alt 2: the options of
one bracket).  Wording edits in agreed text are ``text-changed``; in unagreed text
they replace the option (``option-removed`` + ``option-added``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..align import align, fields, similarity
from ..markup import Bracket, InlineFootnote, Markup, Plain, Run, plain_line
from ..model import Article, ArticleAlternative, Item, Note, Paragraph
from ..numbering import item_label
from .brackets import Where, bracket_text, codes_of, compare_runs, proponents
from .changes import Change
from .notes import note_changes


def compare_articles(old: Article, new: Article, canonical: Callable[[str], str]) -> list[Change]:
    """Every change from OLD to NEW (the same article id), in reading order."""
    where = Where(new.id, canonical)
    if old.title != new.title:
        _title(old, new, where)
    if old.status != new.status:
        where.add("status-changed", from_=old.status, to=new.status)
    if old.alternatives or new.alternatives:
        _alternative_articles(old, new, where)
    else:
        _proposed_article(old, new, where)
        compare_paragraphs(old.paragraphs, new.paragraphs, where, agreed=not (old.is_proposal and new.is_proposal))
    if _raw(old.note) != _raw(new.note):
        where.add("note-changed", old=_shown(old.note), new=_shown(new.note))
    _notes(old.notes, new.notes, where)
    return where.out


def _title(old: Article, new: Article, where: Where) -> None:
    """A title whose words changed is retitled (a plain title as written)."""
    if retitled(old.title, old.title_markup, new.title, new.title_markup, where.inside("title")):
        plain = old.title_markup is None and new.title_markup is None
        from_, to = (old.title, new.title) if plain else (title_line(old.title, old.title_markup), title_line(new.title, new.title_markup))
        where.add("article-retitled", from_=from_, to=to)


def retitled(old: str | None, old_markup: Markup | None, new: str | None, new_markup: Markup | None, where: Where) -> bool:
    """Whether a title's words changed.  A title with markup (format 2, an article's or a
    version's) is compared as text: its brackets and footnotes changes are reported at
    WHERE through their own kinds; words put into brackets or taken out of them are the
    bracket's change, not a new title."""
    runs = [_title_runs(old, old_markup), _title_runs(new, new_markup)]
    if all(isinstance(r, Plain) for r in (*runs[0], *runs[1])):
        return (old or "") != (new or "")
    return bool(compare_runs(runs[0], runs[1], where)) and _title_words(runs[0]) != _title_words(runs[1])


def _title_runs(title: str | None, markup: Markup | None) -> tuple[Run, ...]:
    if markup is not None:
        return markup.runs
    return (Plain(title, title, 0),) if title else ()


def title_line(title: str | None, markup: Markup | None) -> str | None:
    """A title as reports quote it: on one line, brackets kept, attributions and footnotes left
    out (those changed are changes of their own); a title that is not markup as written."""
    return plain_line(markup.runs, notes=False) if markup is not None else title


def _title_words(runs: tuple[Run, ...]) -> list[str]:
    """A title's words, brackets, attributions and footnotes aside."""
    return plain_line(tuple(r for r in runs if not isinstance(r, InlineFootnote))).replace("[", " ").replace("]", " ").split()


def _notes(old: tuple[Note, ...], new: tuple[Note, ...], where: Where) -> None:
    """Typed notes added, removed or changed, by kind (the paragraph's, or the article's)."""
    for kind, before, after in note_changes(old, new):
        change = "note-added" if before is None else "note-removed" if after is None else "note-changed"
        where.add(change, old=before, new=after, note_kind=kind)


def _proposed_article(old: Article, new: Article, where: Where) -> None:
    """The article proposed whole on one side or both: accepted, bracketed, or its proponents changed."""
    if old.is_proposal and not new.is_proposal:
        where.add("article-proposal-accepted", proponents=old.proposed_by)
    elif new.is_proposal and not old.is_proposal:
        where.add("bracket-added", new=f"[{versions_text(new.paragraphs)}]", proponents=new.proposed_by)
    elif old.is_proposal:
        proponents(old.proposed_by, new.proposed_by, versions_text(new.paragraphs), where)


def versions_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """Paragraphs (a version of an article) as one line."""
    return " ".join(paragraph_text(p) for p in paragraphs)


def _alternative_articles(old: Article, new: Article, where: Where) -> None:
    """An article in alternatives on one side or both: versions aligned by text; each added,
    dropped or changed; an article that was one text on one side counts as its only version."""
    olds = old.alternatives or (ArticleAlternative(old.proposed_by, None, old.paragraphs),)
    news = new.alternatives or (ArticleAlternative(new.proposed_by, None, new.paragraphs),)
    pairs = align([versions_text(v.paragraphs) for v in olds], [versions_text(v.paragraphs) for v in news])
    if not new.alternatives:
        # Resolved into one text: the version kept is the most like it, every other one dropped.
        target = fields(versions_text(new.paragraphs))
        k = max(range(len(olds)), key=lambda n: (similarity(fields(versions_text(olds[n].paragraphs)), target), -n))
        pairs = [(i, 0 if i == k else None) for i in range(len(olds))]
        if not new.is_proposal:
            where.inside(f"Alt {k + 1}").add("article-proposal-accepted", proponents=olds[k].proponents or None)
    for i, j in pairs:
        if i is not None and j is not None and not new.alternatives:
            # The version kept, now the article's one text: edits made while agreeing it are reported as such.
            if new.is_proposal and olds[i].proponents:
                proponents(olds[i].proponents, new.proposed_by, versions_text(new.paragraphs), where)
            compare_paragraphs(olds[i].paragraphs, new.paragraphs, where, agreed=not new.is_proposal)
        elif i is not None and j is not None:
            _alternative_article(olds[i], news[j], where.inside(f"Alt {j + 1}"))
        elif i is not None:
            gone = olds[i]
            where.inside(f"Alt {i + 1}").add("alternative-article-removed", old=versions_text(gone.paragraphs), proponents=gone.proponents or None)
        else:
            added = news[j]  # type: ignore[index]
            where.inside(f"Alt {j + 1}").add("alternative-article-added", new=versions_text(added.paragraphs), proponents=added.proponents or None)  # type: ignore[operator]


def _alternative_article(old: ArticleAlternative, new: ArticleAlternative, where: Where) -> None:
    """One version on both sides: its proponents, title and paragraphs."""
    text = versions_text(new.paragraphs)
    if old.proponents and new.proponents:
        proponents(old.proponents, new.proponents, text, where)
    new_words = old.title != new.title and retitled(old.title, old.title_markup, new.title, new.title_markup, where.inside("title"))
    if new_words or versions_text(old.paragraphs) != text:
        from_, to = (title_line(old.title, old.title_markup), title_line(new.title, new.title_markup)) if new_words else (None, None)
        where.add("alternative-article-changed", old=versions_text(old.paragraphs), new=text, from_=from_, to=to, proponents=new.proponents or None)
    compare_paragraphs(old.paragraphs, new.paragraphs, replace(where, part=f"of {where.part}"), agreed=False)  # "paragraph 2 of Alt 1"


def paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text, items and alternatives as one line (its footnote aside)."""
    parts = [plain_line(paragraph.text.runs)] if paragraph.text is not None else []
    parts.extend(_item_text(item) for item in paragraph.items)
    parts.extend(paragraph_text(alternative) for alternative in paragraph.alternatives)
    return " ".join(parts)


def _item_text(item: Item) -> str:
    return " ".join([plain_line(item.text.runs), *(_item_text(sub) for sub in item.items)])


def _raw(markup: Markup | None) -> str | None:
    return " ".join(markup.raw.split()) if markup is not None else None


def _shown(markup: Markup | None) -> str | None:
    return plain_line(markup.runs) if markup is not None else None


def compare_paragraphs(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...], where: Where, *, agreed: bool = True) -> None:
    """AGREED is False for the paragraphs of a proposed article or of a version of one:
    a change of their wording replaces the proposal (option removed, option added)."""
    for i, j in align([paragraph_text(p) for p in old], [paragraph_text(p) for p in new]):
        if i is not None and j is not None:
            _paragraph(old[i], new[j], where.inside(paragraph=j + 1), agreed=agreed)
        elif i is not None:
            _whole("paragraph-removed", old[i], where.inside(paragraph=i + 1))
        elif j is not None:
            _whole("paragraph-added", new[j], where.inside(paragraph=j + 1))


def _whole(kind: str, paragraph: Paragraph, where: Where) -> None:
    text = paragraph_text(paragraph)
    codes = sorted({c for p in (paragraph, *paragraph.alternatives) for c in p.proponents})
    side = {"old": text} if kind.endswith("removed") else {"new": text}
    where.add(kind, proponents=tuple(codes) or None, **side)


def _is_unagreed(paragraph: Paragraph) -> bool:
    return paragraph.is_proposal or bool(paragraph.alternatives)


def _paragraph(old: Paragraph, new: Paragraph, where: Where, *, agreed: bool = True) -> None:
    if _is_unagreed(old) or _is_unagreed(new):
        _proposals(old, new, where)
    elif agreed:
        _body(old, new, where, agreed=True)
    elif _body(old, new, where, agreed=False):
        where.add("option-removed", option=paragraph_text(old))
        where.add("option-added", option=paragraph_text(new))
    _footnote(old.footnote, new.footnote, where)
    _notes(old.notes, new.notes, where)


def _footnote(old: Markup | None, new: Markup | None, where: Where) -> None:
    if _raw(old) != _raw(new):
        where.inside("footnote").add("footnote-changed", old=_shown(old), new=_shown(new))


def _proposals(old: Paragraph, new: Paragraph, where: Where) -> None:
    """At least one side is unagreed: each proposal or alternative is an option of one bracket."""
    olds = old.alternatives or ((old,) if old.is_proposal else ())
    news = new.alternatives or ((new,) if new.is_proposal else ())
    if not olds:
        where.add("bracket-added", new=paragraph_text(new), proponents=_all_proponents(news))
        return
    if not news:
        _resolved(olds, old, new, where)
        return
    labelled_old, labelled_new = bool(old.alternatives), bool(new.alternatives)
    for i, j in align([paragraph_text(p) for p in olds], [paragraph_text(p) for p in news]):
        if i is not None and j is not None:
            at = where.inside(f"Alt {j + 1}" if labelled_new else None)
            _alternative(olds[i], news[j], at)
            if labelled_old and labelled_new:
                _footnote(olds[i].footnote, news[j].footnote, at)
        elif i is not None:
            alt = olds[i]
            where.inside(f"Alt {i + 1}" if labelled_old else None).add("option-removed", option=paragraph_text(alt), proponents=alt.proponents or None)
        elif j is not None:
            alt = news[j]
            where.inside(f"Alt {j + 1}" if labelled_new else None).add("option-added", option=paragraph_text(alt), proponents=alt.proponents or None)


def _all_proponents(paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...] | None:
    return tuple(sorted({c for p in paragraphs for c in p.proponents})) or None


def _resolved(olds: tuple[Paragraph, ...], old: Paragraph, new: Paragraph, where: Where) -> None:
    """A proposal or one alternative became agreed text: say which, then compare it with that text."""
    target = fields(paragraph_text(new))
    k = max(range(len(olds)), key=lambda n: (similarity(fields(paragraph_text(olds[n])), target), -n))
    chosen = olds[k]
    at = where.inside(f"Alt {k + 1}" if old.alternatives else None)
    at.add("bracket-resolved", old=f"[{paragraph_text(old)}]", option=paragraph_text(chosen), proponents=_all_proponents(olds))
    _body(chosen, new, at, agreed=True)
    if old.alternatives:
        _footnote(chosen.footnote, None, at)


def _alternative(old: Paragraph, new: Paragraph, where: Where) -> None:
    proponents(old.proponents, new.proponents, paragraph_text(new), where)
    if _body(old, new, where, agreed=False):
        where.add("option-removed", option=paragraph_text(old))
        where.add("option-added", option=paragraph_text(new))


def _body(old: Paragraph, new: Paragraph, where: Where, *, agreed: bool) -> bool:
    """Compare text and items; True when unagreed wording changed (agreed edits are reported here)."""
    changed = _markup(old.text, new.text, where, agreed=agreed)
    return _items(old.items, new.items, where, agreed=agreed, depth=1) or changed


def _markup(old: Markup | None, new: Markup | None, where: Where, *, agreed: bool) -> bool:
    edits = compare_runs(old.runs if old else (), new.runs if new else (), where)
    if agreed:
        for before, after in edits:
            where.add("text-changed", old=before, new=after)
        return False
    return bool(edits)


def _items(old: tuple[Item, ...], new: tuple[Item, ...], where: Where, *, agreed: bool, depth: int) -> bool:
    changed = False
    for i, j in align([_item_text(x) for x in old], [_item_text(x) for x in new]):
        if i is not None and j is not None:
            at = where.inside(item_label(j + 1, depth))
            changed = _markup(old[i].text, new[j].text, at, agreed=agreed) or changed
            changed = _items(old[i].items, new[j].items, at, agreed=agreed, depth=depth + 1) or changed
        elif i is not None:
            _whole_item("removed", old[i], where.inside(item_label(i + 1, depth)))
        elif j is not None:
            _whole_item("added", new[j], where.inside(item_label(j + 1, depth)))
    return changed


def _whole_item(what: str, item: Item, where: Where) -> None:
    """An item added or removed whole; one that is a single bracket is a bracket added or removed."""
    runs = [r for r in item.text.runs if not (isinstance(r, Plain) and not r.text.strip())]
    bracket = runs[0] if len(runs) == 1 and isinstance(runs[0], Bracket) and not item.items else None
    text = bracket_text(bracket) if bracket is not None else _item_text(item)
    kind = f"bracket-{what}" if bracket is not None else f"paragraph-{what}"
    codes = codes_of(bracket.proponents, where) or None if bracket is not None else None
    if what == "removed":
        where.add(kind, old=text, proponents=codes)
    else:
        where.add(kind, new=text, proponents=codes)
