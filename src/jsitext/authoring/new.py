"""``jsitext new``: start an article: its file from a template, its place in the outline.

The file goes in the folder where the articles of that (sub)section already live;
the id goes into the section's ``articles`` list in text.yaml, after ``--after`` or
last, through round-trip editing so every comment and every other line stays.
Refusals (a bad or existing id, an unknown section) are usage errors: exit 2.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import UsageError
from ..load import TEXT_FILE, Loaded, load_text
from ..model import Section, Subsection, Text
from ..problems import did_you_mean
from ..schema import ARTICLE_ID
from ..source import FolderSource
from ..yamlread import read_yaml
from . import roundtrip as rt

#: The new article, as the template writes it (values are YAML-quoted when needed).
TEMPLATE = """\
id: {id}
title: {title}
status: placeholder
# A placeholder holds the article's place in the outline until there is text.
# Write the paragraphs, then set the status to open:
# paragraphs:
#   - proponents: [XX]
#     text: >-
#       Each Party shall ...
"""


@dataclass(frozen=True)
class NewArticle:
    """What ``new`` made: the file, and where the id stands in the outline."""

    id: str
    path: Path
    group: str
    position: int  # 1-based among the group's articles
    annex: str = ""  # "Annex 1" when the group is (in) an annex


def new_article(root: Path, article_id: str, *, section: str, title: str | None = None, after: str | None = None) -> NewArticle:
    """Create ROOT/<folder>/<ARTICLE_ID>.yaml and list it in SECTION of text.yaml."""
    if not ARTICLE_ID.fullmatch(article_id):
        raise UsageError(f"{article_id!r} is not an article id: use lower-case words and digits joined by hyphens, e.g. digital-identities")
    loaded = load_text(FolderSource(root))
    text_path = loaded.source.display_path(TEXT_FILE)
    errors = [p for p in loaded.problems if p.is_error and p.path == text_path]
    if errors:
        raise rt.Refused(errors)
    _refuse_existing(loaded, article_id)
    group = find_group(loaded.text, section)
    index = _insert_index(group, after)
    path = root / _folder_for(loaded, group) / f"{article_id}.yaml"
    outline = _outline_with(root / TEXT_FILE, text_path, group.id, article_id, index)
    article = _checked_template(str(path), article_id, title or default_title(article_id))
    rt.write_all_atomic([(path, article), (root / TEXT_FILE, outline)])
    annex = next((f"Annex {n}" for n, s in enumerate((s for s in loaded.text.sections if s.is_annex), 1) if group is s or group in s.subsections), "")
    return NewArticle(article_id, path, group.id, index + 1, annex)


def default_title(article_id: str) -> str:
    """``digital-identities`` → ``Digital Identities`` (short words kept lower-case)."""
    small = {"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
    words = article_id.split("-")
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def render_template(article_id: str, title: str) -> bytes:
    return TEMPLATE.format(id=article_id, title=_scalar(title)).encode("utf-8")


def _checked_template(path: str, article_id: str, title: str) -> bytes:
    """The new file, read back: it must hold exactly its id, title and status (else Refused)."""
    data = render_template(article_id, title)
    edit = rt.Editable(path, None, {"id": article_id, "title": title, "status": "placeholder"})
    result = read_yaml(path, data)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise rt.Refused(errors)
    rt.same_meaning(edit, edit.tree, rt.plain(result.root), "the new file would not say what was asked")
    return data


def _scalar(value: str) -> str:
    """VALUE as YAML writes it after a key (quoted only when it must be)."""
    return rt.dump({"k": value}).decode("utf-8")[3:].rstrip("\n")


def _refuse_existing(loaded: Loaded, article_id: str) -> None:
    if article_id in loaded.files:
        raise UsageError(f"article {article_id!r} already exists: {loaded.display_path(article_id)}")
    if article_id in loaded.text.outline_ids():
        raise UsageError(f"article {article_id!r} is already in the outline of {loaded.source.display_path(TEXT_FILE)} (with no file)")


def find_group(text: Text, wanted: str) -> Section | Subsection:
    """The section or subsection that lists articles, by id (``A.1``, or ``E``); an annex
    also by its printed name (``"Annex 1"``, in any case)."""
    groups: dict[str, Section | Subsection] = {}
    annexes = [s for s in text.sections if s.is_annex]
    for section in text.sections:
        groups[section.id] = section
        groups.update((sub.id, sub) for sub in section.subsections)
    by_name = {f"annex {n}": annex for n, annex in enumerate(annexes, 1)}
    found = groups.get(wanted) or by_name.get(" ".join(wanted.lower().split()))
    if found is None:
        hint = did_you_mean(wanted, groups) or f" (the sections are: {', '.join(groups)})"
        raise UsageError(f"unknown section {wanted!r}{hint}")
    if isinstance(found, Section) and found.subsections:
        raise UsageError(
            f"{'annex' if found.is_annex else 'section'} {wanted!r} is divided into subsections: name one of {', '.join(s.id for s in found.subsections)}"
        )
    return found


def _insert_index(group: Section | Subsection, after: str | None) -> int:
    if after is None:
        return len(group.articles)
    if after not in group.articles:
        raise UsageError(f"--after {after!r}: that article is not in section {group.id} ({', '.join(group.articles) or 'which lists none yet'})")
    return group.articles.index(after) + 1


def _folder_for(loaded: Loaded, group: Section | Subsection) -> str:
    """The folder (relative to the text) most of the group's articles live in."""
    folders = Counter(str(PurePosixPath(loaded.files[a]).parent) for a in group.articles if a in loaded.files)
    if not folders:
        section = next(s for s in loaded.text.sections if group is s or group in s.subsections)
        ids = [a for g in section.groups() for a in g.articles]
        folders = Counter(str(PurePosixPath(loaded.files[a]).parent) for a in ids if a in loaded.files)
    return sorted(folders.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if folders else "."


def _outline_with(path: Path, display: str, group_id: str, article_id: str, index: int) -> bytes:
    """text.yaml's bytes with ARTICLE_ID inserted at INDEX of the group's list."""
    edit = rt.open_for_edit(display, rt.read_source(path, display, inside=path.parent))
    articles = _group_list(edit.tree, group_id)
    articles.insert(index, article_id)
    if index > 0:
        _carry_comment(articles, index)
    return rt.written(edit)


def _group_list(tree: Any, group_id: str) -> CommentedSeq:
    for section in tree["sections"]:
        for group in [section, *(section.get("subsections") or [])]:
            if isinstance(group, CommentedMap) and str(group.get("id")) == group_id and "subsections" not in group:
                if not isinstance(group.get("articles"), CommentedSeq):
                    group["articles"] = CommentedSeq()
                articles: CommentedSeq = group["articles"]
                return articles
    raise UsageError(f"section {group_id!r} not found in text.yaml")  # pragma: no cover (found by the loader first)


def _carry_comment(seq: CommentedSeq, index: int) -> None:
    """Comment lines that followed the previous entry belong to the next one: keep them before it."""
    entry = seq.ca.items.get(index - 1)
    token = entry[0] if entry else None
    if token is None:
        return
    head, _, rest = token.value.partition("\n")
    if not rest.strip():
        return
    moved = copy.copy(token)
    moved.value = "\n" + rest
    seq.ca.items[index] = [moved, None, None, None]
    if head:
        token.value = head + "\n"
    else:
        del seq.ca.items[index - 1]
