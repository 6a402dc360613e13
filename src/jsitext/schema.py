"""Typing YAML nodes against the source format (version 1), collecting problems.

Key sets are closed: an unknown key is a problem with a "did you mean".  Every
scalar is read as a string (``NO`` is Norway), every markup field is parsed, and a
problem names the file, line, column and a breadcrumb (article → paragraph 2 →
item (b)).  Each reader keeps going after a problem, so one pass reports them all.
"""

from __future__ import annotations

import datetime
import re

from . import markup as mk
from .model import (
    ACCESS_LEVELS,
    ATTRIBUTIONS,
    MEMBER_CODE,
    MEMBER_CODE_RULE,
    NOTE_KINDS,
    NUMBERINGS,
    SECTION_ID,
    SECTION_ID_RULE,
    SECTION_KINDS,
    STATUSES,
    Article,
    ArticleAlternative,
    Item,
    Meta,
    Note,
    Paragraph,
    Section,
    Subsection,
)
from .numbering import item_label
from .problems import Problem, did_you_mean, problem
from .yamlread import Mapping, Node, Scalar, Sequence

#: The keys of each node, in the canonical order ``jsitext fmt`` writes them.
TEXT_KEYS = ("title", "subtitle", "symbol", "revision", "date", "access", "cover_note", "notes", "numbering", "attribution", "preamble", "sections")
SECTION_KEYS = ("id", "kind", "title", "notes", "subsections", "articles")
SUBSECTION_KEYS = ("id", "title", "notes", "articles")
ARTICLE_KEYS = ("id", "title", "status", "merged_into", "small_group", "facilitator", "proponents", "note", "notes", "alternatives", "paragraphs")
ARTICLE_ALTERNATIVE_KEYS = ("proponents", "title", "paragraphs")
PARAGRAPH_KEYS = ("id", "proponents", "text", "items", "alternatives", "footnote", "notes")
ITEM_KEYS = ("id", "text", "items")
NOTE_KEYS = ("kind", "text")
#: Keys a paragraph has and each of its alternatives has not (an id and notes belong to the paragraph).
_PARAGRAPH_ONLY = ("id", "alternatives", "notes")
MEMBERS_KEYS = ("members", "aliases", "groups")
GROUP_KEYS = ("name", "members")

ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ITEM_DEPTH = 2
# Past this many unknown keys in one mapping they are not typos, and a "did you
# mean" for each would make a hostile file of 100,000 keys take seconds per 10,000.
_MAX_SUGGESTIONS = 20


class Reader:
    """Reads nodes of one file into values, recording problems as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.crumbs: list[str] = []

    # -- reporting -------------------------------------------------------
    def report(self, at: Node | tuple[int, int], code: str, message: str) -> None:
        line, column = (at.line, at.column) if isinstance(at, Node) else at
        self.problems.append(problem(self.path, line, column, code, message, " → ".join(self.crumbs)))

    def within(self, crumb: str) -> _Crumb:
        return _Crumb(self, crumb)

    def notes(self, node: Node | None) -> tuple[Note, ...]:
        """``notes:``, a list of ``{kind, text}``; a note with a bad kind or text is left out."""
        if node is None:
            return ()
        out = []
        for i, item in enumerate(self.sequence(node, "notes"), 1):
            with self.within(f"note {i}"):
                found = self.fields(item, NOTE_KEYS, NOTE_KEYS, "a note")
                if found is None:
                    continue
                kind = self.choice(found.get("kind"), NOTE_KINDS, "note kind")
                text = self.markup(found.get("text"), "note")
                if kind is not None and text is not None:
                    out.append(Note(kind, text, origin=item))
        return tuple(out)

    def local_id(self, node: Node | None, what: str) -> str | None:
        """A paragraph's or an item's ``id``: lower-case words joined by hyphens."""
        value = self.string(node, "id")
        if value is not None and not ARTICLE_ID.fullmatch(value):
            self.report(node, "invalid-value", f"{what} id {value!r} is not valid: write lower-case words joined by hyphens, such as 'scope'")  # type: ignore[arg-type]
            return None
        return value

    # -- shapes ------------------------------------------------------------
    def fields(self, node: Node, keys: tuple[str, ...], required: tuple[str, ...], what: str) -> dict[str, Node] | None:
        """A mapping's values by key; unknown, duplicate and missing keys reported."""
        if not isinstance(node, Mapping):
            self.report(node, "wrong-type", f"expected {what} (a mapping of keys), found {describe(node)}")
            return None
        found: dict[str, Node] = {}
        unknown = 0
        for key, value in node.pairs:
            if not isinstance(key, Scalar) or key.is_null:
                self.report(key, "wrong-type", f"keys must be words such as {keys[0]!r}, found {describe(key)}")
            elif key.value not in keys:
                unknown += 1
                close = (_meant(key.value, keys) or did_you_mean(key.value, keys)) if unknown <= _MAX_SUGGESTIONS else ""
                hint = close or f" (the keys of {what} are: {', '.join(keys)})"
                self.report(key, "unknown-key", f"unknown key {key.value!r} in {what}{hint}")
            elif key.value not in found:
                found[key.value] = value
        for name in required:
            if name not in found:
                self.report(node, "missing-key", f"{what} needs the key {name!r}")
        return found

    def sequence(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar) and node.is_null:
            return []
        self.report(node, "wrong-type", f"expected a list of {what}, found {describe(node)}")
        return []

    def string(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if isinstance(node, Scalar) and not node.is_null:
            return node.value
        hint = _flow_hint(node) if not isinstance(node, Scalar) else ""
        self.report(node, "wrong-type", f"expected {what} (text), found {describe(node)}{hint}")
        return None

    def choice(self, node: Node | None, allowed: tuple[str, ...], what: str, code: str = "invalid-value") -> str | None:
        value = self.string(node, what)
        if value is None or node is None or value in allowed:
            return value
        hint = did_you_mean(value, allowed) or f" (one of: {', '.join(allowed)})"
        self.report(node, code, f"{what} {value!r} is not valid{hint}")
        return None

    def markup(self, node: Node | None, what: str) -> mk.Markup | None:
        source = self.string(node, what)
        if source is None:
            return None
        assert isinstance(node, Scalar)
        try:
            return mk.parse(source, origin=node)
        except mk.MarkupError as err:
            self.report(node.locate(err.offset), err.code, f"in {what}: {err.message}")
            return None

    def codes(self, node: Node | None, what: str) -> tuple[tuple[str, ...], tuple[Scalar, ...]]:
        """A list of proponent codes, as written, with the node of each."""
        if node is None:
            return (), ()
        if isinstance(node, Scalar) and not node.is_null:
            self.report(node, "wrong-type", f"{what} is a list: write [{node.value}]")
            return (), ()
        codes: list[str] = []
        origins: list[Scalar] = []
        for item in self.sequence(node, what):
            code = self.string(item, "a proponent code")
            if code is not None and isinstance(item, Scalar):  # a code is only ever read from a scalar
                codes.append(code.strip())
                origins.append(item)
        return tuple(codes), tuple(origins)


class _Crumb:
    def __init__(self, reader: Reader, crumb: str) -> None:
        self.reader, self.crumb = reader, crumb

    def __enter__(self) -> None:
        self.reader.crumbs.append(self.crumb)

    def __exit__(self, *exc: object) -> None:
        self.reader.crumbs.pop()


def _meant(key: str, keys: tuple[str, ...]) -> str:
    """What a footnote or a note key is meant as, where the closest spelling (note ↔ footnote)
    would send the user to the other thing."""
    word = key.lower().replace("_", "").replace("-", "").replace(" ", "")
    if word.startswith(("foot", "fn")) and "footnote" not in keys:
        return " (a footnote goes right after the word, title or item it annotates: word^[footnote text]; or `footnote:` on a paragraph)"
    if word.startswith("note") and not {"note", "notes"} & set(keys):
        return " (a note is not treaty text: write it as the article's `note:`; a footnote of this text is `footnote:` or word^[footnote text])"
    if word.startswith("note") and key != "notes" and "notes" in keys and "note" not in keys:
        return " (a note here goes in `notes:`, a list of {kind, text} with kind convenors, facilitator, secretariat or drafting)"
    return ""


def describe(node: Node | None) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node is None:
        return "an empty file"
    assert isinstance(node, Scalar)
    return "nothing" if node.is_null else f"{node.value!r}"


def _flow_hint(node: Node) -> str:
    first = node.doc.text[node.index : node.index + 1]
    if first in "[{":
        return f"; YAML reads a value beginning with '{first}' as a {'list' if first == '[' else 'mapping'}: write the text as a block (>-) or quote it"
    return ""


# -- text.yaml ------------------------------------------------------------------
def read_text_file(reader: Reader, root: Node | None) -> tuple[Meta, tuple[Section, ...]]:
    """The document's cover and outline."""
    found = reader.fields(root, TEXT_KEYS, ("title", "sections"), "text.yaml") if root else None
    if root is None:
        reader.report((1, 1), "wrong-type", "text.yaml is empty: it needs a title and sections")
    if not found or root is None:
        return Meta(), ()
    date = reader.string(found.get("date"), "date")
    if date is not None and not _is_iso_date(date):
        reader.report(found["date"], "invalid-value", f"date {date!r} is not an ISO date such as 2022-12-14")
    meta = Meta(
        title=reader.string(found.get("title"), "title") or "",
        subtitle=reader.string(found.get("subtitle"), "subtitle"),
        symbol=reader.string(found.get("symbol"), "symbol"),
        revision=reader.string(found.get("revision"), "revision"),
        date=date,
        access=reader.choice(found.get("access"), ACCESS_LEVELS, "access"),
        cover_note=reader.markup(found.get("cover_note"), "cover_note"),
        numbering=reader.choice(found.get("numbering"), NUMBERINGS, "numbering") or "sectional",
        attribution=reader.choice(found.get("attribution"), ATTRIBUTIONS, "attribution") or "codes",
        notes=reader.notes(found.get("notes")),
        preamble=_read_preamble(reader, found.get("preamble")),
    )
    sections = []
    for i, node in enumerate(reader.sequence(found.get("sections") or _empty(root), "sections"), 1):
        with reader.within(f"section {i}"):
            section = _read_section(reader, node)
        if section:
            sections.append(section)
    return meta, tuple(sections)


def _read_preamble(reader: Reader, node: Node | None) -> tuple[Paragraph, ...]:
    """The preamble: paragraphs as an article's (text, items, proponents, alternatives, footnote)."""
    with reader.within("preamble"):
        return _read_paragraphs(reader, node)


def _is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _empty(node: Node) -> Node:
    return Sequence(node.doc, node.line, node.column, node.index)


def _read_section(reader: Reader, node: Node) -> Section | None:
    found = reader.fields(node, SECTION_KEYS, ("id", "title"), "a section")
    if found is None:
        return None
    if ("subsections" in found) == ("articles" in found):
        reader.report(node, "missing-key" if "articles" not in found else "invalid-value", "a section lists either subsections or articles (one of the two)")
    subsections = []
    for i, sub in enumerate(reader.sequence(found.get("subsections") or _empty(node), "subsections"), 1):
        with reader.within(f"subsection {i}"):
            sub_found = reader.fields(sub, SUBSECTION_KEYS, ("id", "title", "articles"), "a subsection")
            if sub_found is not None:
                subsections.append(_subsection(reader, sub, sub_found))
    ids, origins = _outline_ids(reader, found.get("articles"))
    return Section(
        _section_id(reader, found.get("id")),
        reader.string(found.get("title"), "title") or "",
        tuple(subsections),
        ids,
        origin=node,
        article_origins=origins,
        notes=reader.notes(found.get("notes")),
        kind=reader.choice(found.get("kind"), SECTION_KINDS, "kind") or "section",
    )


def _subsection(reader: Reader, node: Node, found: dict[str, Node]) -> Subsection:
    ids, origins = _outline_ids(reader, found.get("articles"))
    return Subsection(
        _section_id(reader, found.get("id")),
        reader.string(found.get("title"), "title") or "",
        ids,
        origin=node,
        article_origins=origins,
        notes=reader.notes(found.get("notes")),
    )


def _section_id(reader: Reader, node: Node | None) -> str:
    """The id, checked against its pattern before anything uses it (a file name, a --section)."""
    value = reader.string(node, "id") or ""
    if value and not SECTION_ID.fullmatch(value):
        reader.report(node, "invalid-id", f"section id {value!r} is not a section id ({SECTION_ID_RULE})")  # type: ignore[arg-type]
    return value


def _outline_ids(reader: Reader, node: Node | None) -> tuple[tuple[str, ...], tuple[Node, ...]]:
    """The article ids of an outline list, with the node of each."""
    if node is None:
        return (), ()
    ids, origins = [], []
    for item in reader.sequence(node, "article ids"):
        value = reader.string(item, "an article id")
        if value is not None:
            if not ARTICLE_ID.fullmatch(value):
                reader.report(item, "invalid-value", f"{value!r} is not an article id (lower-case words joined by hyphens)")
            ids.append(value)
            origins.append(item)
    return tuple(ids), tuple(origins)


# -- articles -----------------------------------------------------------------
def read_article_file(reader: Reader, root: Node | None, stem: str) -> Article | None:
    """One article, or None when it is too broken to use at all."""
    if root is None:
        reader.report((1, 1), "wrong-type", "the article file is empty: it needs at least a title and paragraphs")
        return None
    with reader.within(stem):
        found = reader.fields(root, ARTICLE_KEYS, ("title",), "an article")
        if found is None:
            return None
        article_id = reader.string(found.get("id"), "id")
        if article_id is not None and article_id != stem:
            reader.report(found["id"], "id-mismatch", f"id {article_id!r} differs from the file name {stem!r}; rename one so they agree")
        status = reader.choice(found.get("status"), STATUSES, "status", "invalid-status") or "open"
        paragraphs = _read_paragraphs(reader, found.get("paragraphs"))
        proposed_by, proposed_origins = reader.codes(found.get("proponents"), "proponents")
        alternatives = _read_article_alternatives(reader, root, found)
        if "paragraphs" not in found and "alternatives" not in found and status != "placeholder":
            reader.report(root, "missing-key", "an article needs the key 'paragraphs' (only a placeholder may leave it out)")
        return Article(
            id=stem,
            title=reader.string(found.get("title"), "title") or "",
            status=status,
            paragraphs=paragraphs,
            merged_into=reader.string(found.get("merged_into"), "merged_into"),
            small_group=reader.string(found.get("small_group"), "small_group"),
            facilitator=reader.string(found.get("facilitator"), "facilitator"),
            note=reader.markup(found.get("note"), "note"),
            path=reader.path,
            origin=root,
            title_markup=_title_markup(reader, found.get("title")),
            notes=reader.notes(found.get("notes")),
            proposed_by=proposed_by,
            alternatives=alternatives,
            proposed_by_origins=proposed_origins,
        )


def _title_markup(reader: Reader, node: Node | None) -> mk.Markup | None:
    """The title as markup (format 2); a title that is not valid markup keeps its format-1
    meaning, plain text printed as written, with a warning saying why."""
    if not isinstance(node, Scalar) or node.is_null:
        return None
    try:
        return mk.parse(node.value, origin=node)
    except mk.MarkupError as err:
        message = f"the title is printed as written, not read as markup: {err.message}"
        reader.report(node.locate(err.offset), "plain-title", message)
        return None


def _read_article_alternatives(reader: Reader, root: Node, found: dict[str, Node]) -> tuple[ArticleAlternative, ...]:
    """An article offered as Alt 1, Alt 2 ...: each version with its proponents, title and paragraphs."""
    node = found.get("alternatives")
    if node is None:
        return ()
    for key in ("paragraphs", "proponents"):
        if key in found:
            msg = f"an article has either alternatives or {key}, not both: with alternatives, {key} belong to each alternative"
            reader.report(found[key], "invalid-value", msg)
    out = []
    for i, alt in enumerate(reader.sequence(node, "alternatives"), 1):
        with reader.within(f"Alt {i}"):
            fields = reader.fields(alt, ARTICLE_ALTERNATIVE_KEYS, ("proponents", "paragraphs"), "an alternative article")
            if fields is None:
                continue
            codes, origins = reader.codes(fields.get("proponents"), "proponents")
            title = reader.string(fields.get("title"), "title")
            with reader.within("title"):
                title_markup = _title_markup(reader, fields.get("title"))
            paragraphs = _read_paragraphs(reader, fields.get("paragraphs"))
            out.append(ArticleAlternative(codes, title, paragraphs, origin=alt, proponent_origins=origins, title_markup=title_markup))
    return tuple(out)


def _read_paragraphs(reader: Reader, node: Node | None) -> tuple[Paragraph, ...]:
    if node is None:
        return ()
    out = []
    for i, item in enumerate(reader.sequence(node, "paragraphs"), 1):
        with reader.within(f"paragraph {i}"):
            paragraph = _read_paragraph(reader, item, alternative=False)
        if paragraph is not None:
            out.append(paragraph)
    return tuple(out)


def _read_paragraph(reader: Reader, node: Node, *, alternative: bool) -> Paragraph | None:
    keys = tuple(k for k in PARAGRAPH_KEYS if not (alternative and k in _PARAGRAPH_ONLY))
    what = "an alternative" if alternative else "a paragraph"
    found = reader.fields(node, keys, ("proponents",) if alternative else (), what)
    if found is None:
        return None
    if "text" in found and "alternatives" in found:
        reader.report(node, "invalid-value", "a paragraph has either text or alternatives, not both")
    elif "text" not in found and "alternatives" not in found:
        reader.report(node, "missing-key", f"{what} needs the key 'text'" + ("" if alternative else " (or 'alternatives')"))
    if "alternatives" in found and ("items" in found or "proponents" in found):
        reader.report(node, "invalid-value", "with alternatives, items and proponents belong to each alternative")
    proponents, origins = reader.codes(found.get("proponents"), "proponents")
    alternatives = []
    for i, alt in enumerate(reader.sequence(found.get("alternatives") or _empty(node), "alternatives"), 1):
        with reader.within(f"Alt {i}"):
            parsed = _read_paragraph(reader, alt, alternative=True)
        if parsed is not None:
            alternatives.append(parsed)
    return Paragraph(
        text=reader.markup(found.get("text"), "text"),
        items=_read_items(reader, found.get("items"), 1),
        proponents=proponents,
        footnote=reader.markup(found.get("footnote"), "footnote"),
        alternatives=tuple(alternatives),
        origin=node,
        proponent_origins=origins,
        id=reader.local_id(found.get("id"), "a paragraph's"),
        notes=reader.notes(found.get("notes")),
    )


def _read_items(reader: Reader, node: Node | None, depth: int) -> tuple[Item, ...]:
    if node is None:
        return ()
    out = []
    for i, item in enumerate(reader.sequence(node, "items"), 1):
        with reader.within(item_label(i, depth)):
            keys = ITEM_KEYS if depth < _MAX_ITEM_DEPTH else ("id", "text")
            found = reader.fields(item, keys, ("text",), "an item" if depth == 1 else "a sub-item")
            if found is None:
                continue
            text = reader.markup(found.get("text"), "text")
            # sub-items are read even when the item's text is broken: one pass reports all
            sub_items = _read_items(reader, found.get("items"), depth + 1)
            item_id = reader.local_id(found.get("id"), "an item's")
            if text is not None:
                out.append(Item(text, sub_items, origin=item, id=item_id))
    return tuple(out)


# -- members.yaml ---------------------------------------------------------------
def read_members_file(reader: Reader, root: Node | None) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, tuple[str, ...]]]]:
    """Extra members, aliases and groups: ({code: name}, {alias: code}, {group: (name, codes)}).

    A code that does not follow :data:`MEMBER_CODE`, or that is already a built-in
    member or alias, is reported and left out: members.yaml adds, it never renames.
    """
    if root is None:
        return {}, {}, {}
    found = reader.fields(root, MEMBERS_KEYS, (), "members.yaml")
    if not found:
        return {}, {}, {}
    members = _string_map(reader, found.get("members"), "members", "member code")
    aliases = _string_map(reader, found.get("aliases"), "aliases", "alias code")
    groups: dict[str, tuple[str, tuple[str, ...]]] = {}
    node = found.get("groups")
    if isinstance(node, Mapping):
        for key, value in node.pairs:
            code = reader.string(key, "a group code")
            fields = reader.fields(value, GROUP_KEYS, ("members",), "a group")
            if code and fields is not None and _new_code(reader, key, code, "group code"):
                name = reader.string(fields.get("name"), "name") or code
                groups[code] = (name, reader.codes(fields.get("members"), "members")[0])
    elif node is not None:
        reader.report(node, "wrong-type", f"expected groups (a mapping of codes), found {describe(node)}")
    return members, aliases, groups


def _string_map(reader: Reader, node: Node | None, what: str, code_kind: str) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, Mapping):
        reader.report(node, "wrong-type", f"expected {what} (a mapping of codes), found {describe(node)}")
        return {}
    out = {}
    for key, value in node.pairs:
        k, v = reader.string(key, "a code"), reader.string(value, "a value")
        if k and v and _new_code(reader, key, k, code_kind):
            out[k] = v
    return out


def _new_code(reader: Reader, node: Node, code: str, kind: str) -> bool:
    """True for a well-formed code that is not built in; otherwise reported."""
    from .members import builtin

    if not MEMBER_CODE.fullmatch(code):
        reader.report(node, "invalid-id", f"{kind} {code!r} is not a code ({MEMBER_CODE_RULE})")
        return False
    registry = builtin()
    if code in registry.members:
        what = f"a built-in member ({registry.name(code)}); members.yaml cannot rename it"
    elif code in registry.aliases:
        what = f"a built-in alias of {registry.aliases[code]} ({registry.name(code)}); members.yaml cannot redefine it"
    else:
        return True
    reader.report(node, "redefined-member", f"{code!r} is {what}: choose another code")
    return False
