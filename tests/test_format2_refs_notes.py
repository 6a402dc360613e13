"""Format 2: paragraph and item ids with references to them, and typed notes at every level.

The fixture text tests/data/format2/refs-notes/text uses both everywhere; its goldens are
in .../golden (regenerate on purpose with JSITEXT_UPDATE_GOLDEN=1), its diff pair in .../diff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import ONE_ARTICLE_TEXT, check_files, load
from jsitext.cli import main
from jsitext.diff import diff_sources
from jsitext.diff.present import as_text
from jsitext.formats import get
from jsitext.load import load_text
from jsitext.numbering import number_text
from jsitext.render.resolve import parse_notes, parse_view, resolve
from jsitext.source import FolderSource
from test_build_golden import assert_golden, fixture_text

DATA = Path(__file__).parent / "data" / "format2" / "refs-notes"
TEXT = DATA / "text"
GOLDEN = DATA / "golden"

GOLDEN_CASES = [
    ("sectional", "full", "md"),
    ("sectional", "full", "html"),
    ("sectional", "full", "txt"),
    ("sectional", "full", "json"),
    ("sequential", "full", "txt"),
]


@pytest.mark.parametrize(("numbering", "view", "fmt"), GOLDEN_CASES)
def test_rendering_matches_the_golden_file(tmp_path: Path, numbering: str, view: str, fmt: str) -> None:
    assert_golden(fixture_text(tmp_path, numbering, TEXT), GOLDEN, numbering, view, fmt)


# -- references ----------------------------------------------------------------------------
TWO = "title: T\nnumbering: {numbering}\nsections:\n  - id: A\n    title: S\n    articles: [a, b]\n"
A = """title: A
paragraphs:
  - text: first
  - id: second
    text: see @a/third/item and @b/only
  - id: third
    text: third
    items:
      - text: one
      - id: item
        text: two
        items:
          - id: sub
            text: deep
"""
B = "title: B\nparagraphs:\n  - id: only\n    text: see @a/third and @a/third/item/sub\n    items:\n      - id: x\n        text: x\n"


def _printed(numbering: str, a: str = A) -> dict[str, str]:
    text = load({"text.yaml": TWO.format(numbering=numbering), "a.yaml": a, "b.yaml": B}).text
    document = resolve(text)
    return {article.id: " | ".join(s.text for p in article.paragraphs for s in p.segments if s.kind == "reference") for article in document.articles}


def test_a_reference_prints_the_paragraph_and_item_numbers() -> None:
    assert _printed("sectional") == {"a": "subparagraph 3(b) | Article A.2", "b": "paragraph 3 of Article A.1 | subparagraph 3(b)(i) of Article A.1"}


def test_a_reference_follows_the_renumbering_of_paragraphs_and_items() -> None:
    moved = A.replace("  - text: first\n", "  - text: first\n  - text: inserted\n").replace(
        "      - text: one\n", "      - text: one\n      - text: one and a half\n"
    )
    assert _printed("sectional", moved) == {"a": "subparagraph 4(c) | Article A.2", "b": "paragraph 4 of Article A.1 | subparagraph 4(c)(i) of Article A.1"}


def test_sequential_numbering_names_the_paragraph_by_its_own_number() -> None:
    assert _printed("sequential") == {"a": "subparagraph 1.3(b) | Article 2", "b": "paragraph 1.3 | subparagraph 1.3(b)(i)"}


def test_an_item_of_a_single_paragraph_article() -> None:
    numbering = number_text(load({"text.yaml": TWO.format(numbering="sectional"), "a.yaml": A, "b.yaml": B}).text)
    assert numbering.reference("b/only/x") == "subparagraph (a) of Article A.2"
    assert numbering.reference("b/only/x", here="b") == "subparagraph (a)"
    assert numbering.reference("b/only", here="b") == "this Article"
    assert numbering.reference("b/nowhere") == "@b/nowhere"


def test_an_html_reference_links_to_the_paragraph_it_names() -> None:
    html = get("html", "text").render(resolve(load_text(FolderSource(TEXT)).text)).decode()
    assert '<a class="reference" href="#article-scope/transfers/financial">subparagraph 3(a) of Article A.1.1</a>' in html
    assert '<div class="item" id="article-scope/transfers/financial">' in html


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("see @a/scond", "@a/scond: a has no paragraph with id 'scond' (did you mean 'second'?); give the paragraph that id, or correct the reference"),
        ("see @a/third/itm", "@a/third/itm: a/third has no item with id 'itm' (did you mean 'item'?); give the item that id, or correct the reference"),
        ("see @a/second/x", "@a/second/x: a/second has no item with id 'x' (none of its items has an id); give the item that id, or correct the reference"),
    ],
)
def test_an_unknown_paragraph_or_item_is_an_unknown_reference(source: str, message: str) -> None:
    b = f"title: B\nparagraphs:\n  - id: only\n    text: {source}\n    items:\n      - id: x\n        text: x\n"
    found = check_files({"text.yaml": TWO.format(numbering="sectional"), "a.yaml": A, "b.yaml": b})
    assert [(p.code, p.message) for p in found] == [("unknown-reference", message)]


def test_an_at_sign_and_slash_without_an_id_is_not_a_path() -> None:
    b = "title: B\nparagraphs:\n  - id: only\n    text: see @a/ and @a/third/.\n    items:\n      - id: x\n        text: x\n"
    assert check_files({"text.yaml": TWO.format(numbering="sectional"), "a.yaml": A, "b.yaml": b}) == []
    assert _printed("sectional", A)["a"].startswith("subparagraph")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "title: x\nparagraphs:\n  - id: Scope\n    text: a\n",
            "a paragraph's id 'Scope' is not valid: write lower-case words joined by hyphens, such as 'scope'",
        ),
        (
            "title: x\nparagraphs:\n  - alternatives:\n      - proponents: [US]\n        id: x\n        text: a\n      - proponents: [CN]\n        text: b\n",
            None,
        ),
    ],
)
def test_ids_are_lower_case_words_on_paragraphs_and_items(source: str, message: str | None) -> None:
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    if message is None:  # an alternative takes no id: the alternatives paragraph does
        assert [p.code for p in found] == ["unknown-key"]
    else:
        assert [(p.code, p.message) for p in found] == [("invalid-value", message)]


# -- notes ---------------------------------------------------------------------------------
def _note_lines(text: str) -> list[str]:
    """The first line of each note in plain text (continuation lines carry no label)."""
    return [line for line in text.splitlines() if line.startswith("  | Note:") or (line.startswith("  | ") and line.split()[2:3] == ["note:"])]


def test_notes_are_labelled_by_kind_and_printed_where_they_belong(tmp_path: Path) -> None:
    txt = (GOLDEN / "sectional-full.txt").read_text(encoding="utf-8")
    after_first_paragraph = txt.split("affecting trade by electronic means.\n\n", 1)[1]
    assert after_first_paragraph.startswith("  | Co-convenors' note: [Some]{US} participants consider this paragraph\n")
    assert "  | Drafting note: Align with subparagraph 2(a).\n" in txt
    assert "  | Note: The old note, printed as before.\n" in txt  # the old note prints as in format 1


@pytest.mark.parametrize(
    ("option", "kinds"),
    [
        ("all", {"Co-convenors'", "Facilitator's", "Secretariat's", "Drafting", "Note:"}),
        ("none", set()),
        ("convenors,secretariat", {"Co-convenors'", "Secretariat's"}),
    ],
)
def test_build_notes_chooses_the_kinds(tmp_path: Path, option: str, kinds: set[str]) -> None:
    assert main(["build", str(TEXT), "--format", "txt", "--output", str(tmp_path), "--notes", option]) == 0
    printed = {line.split()[1] for line in _note_lines((tmp_path / "consolidated.txt").read_text(encoding="utf-8"))}
    assert printed == kinds


def test_the_clean_view_prints_no_note_unless_asked(tmp_path: Path) -> None:
    text = load(
        {
            "text.yaml": ONE_ARTICLE_TEXT.replace("title: T\n", "title: T\nnotes:\n  - {kind: convenors, text: hello}\n"),
            "a.yaml": "title: x\nstatus: clean\nparagraphs:\n  - text: a\n",
        }
    ).text
    assert resolve(text, parse_view("clean")).notes == ()
    assert [n.label for n in resolve(text, parse_view("clean"), notes=parse_notes("all")).notes] == ["Co-convenors' note:"]


def test_an_unknown_note_kind_is_refused_with_the_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(TEXT), "--output", str(tmp_path), "--notes", "convenor"]) == 2
    assert (
        "unknown note kind 'convenor'; choose all, none, or kinds separated by commas from: convenors, facilitator, secretariat, drafting"
        in capsys.readouterr().err
    )


def test_a_note_kind_outside_the_four_is_an_invalid_value() -> None:
    source = "title: x\nnotes:\n  - kind: convenor\n    text: a\n  - kind: drafting\nparagraphs:\n  - text: a\n"
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    assert [(p.code, p.line, p.message) for p in found] == [
        ("invalid-value", 3, "note kind 'convenor' is not valid (did you mean 'convenors'?)"),
        ("missing-key", 5, "a note needs the key 'text'"),
    ]


def test_json_carries_ids_notes_and_reference_places() -> None:
    document = json.loads((GOLDEN / "sectional-full.json").read_text(encoding="utf-8"))
    scope = document["articles"][0]
    assert document["notes"][0]["kind"] == "convenors"
    assert [n["kind"] for n in scope["paragraphs"][0]["notes"]] == ["convenors", "drafting"]
    assert scope["paragraphs"][1]["items"][0]["id"] == "procurement"
    reference = next(s for s in scope["paragraphs"][1]["segments"] if s["kind"] == "reference")
    assert reference == {"kind": "reference", "text": "paragraph 1", "depth": 0, "target": "scope", "place": "coverage"}


# -- fmt and withdraw ----------------------------------------------------------------------
def test_fmt_writes_notes_and_ids_in_canonical_order_keeping_comments(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(TEXT, folder)
    (folder / "definitions.yaml").write_text(
        "title: Definitions\nparagraphs:\n  - text: a  # kept\n    notes:\n      - {text: '[b]{US}', kind: convenors}\n    id: terms\n"
        "    items:\n      - text: c\n        id: person\n",
        encoding="utf-8",
    )
    assert main(["fmt", str(folder)]) == 0
    written = (folder / "definitions.yaml").read_text(encoding="utf-8")
    order = ["  - id: terms", "    text: >-", "      a", "# kept", "    items:", "      - id: person", "    notes:", "      - kind: convenors", "[b]{US}"]
    positions = [written.index(piece) for piece in order]
    assert positions == sorted(positions), written
    assert main(["fmt", str(folder), "--check"]) == 0


def test_withdraw_takes_a_code_out_of_notes(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(TEXT, folder)
    assert main(["withdraw", "US", str(folder), "--article", "scope"]) == 0
    scope = (folder / "scope.yaml").read_text(encoding="utf-8")
    assert "[Some] participants consider" in scope


# -- diff ----------------------------------------------------------------------------------
def test_diff_reports_notes_by_kind_and_renumbered_references() -> None:
    result = diff_sources(str(DATA / "diff" / "old"), str(DATA / "diff" / "new"))
    lines = [f"{c.article}: {c.kind} {c.note_kind or ''}".strip() for c in result.changes if c.kind != "paragraph-added"]
    assert lines == [
        "scope: note-added convenors",
        "scope: note-removed drafting",
        "scope: note-changed convenors",
        "scope: note-added facilitator",
        "exceptions: reference-renumbered",
        "exceptions: reference-renumbered",
    ]
    report = as_text(result)
    assert "cites paragraph 2 of Article A.1 (was paragraph 1 of Article A.1)" in report
    assert "section A: Facilitator's note added: The facilitator will report on the exclusions at the next plenary." in report


def test_the_word_redline_tracks_notes_and_renumbered_references(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    target = tmp_path / "redline.docx"
    assert main(["diff", str(DATA / "diff" / "old"), str(DATA / "diff" / "new"), "--format", "docx", "--output", str(target)]) == 0
    tracked = []
    for paragraph in docx.Document(str(target)).paragraphs:
        inserted = "".join(t.text for ins in paragraph._p.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))
        deleted = "".join(t.text for d in paragraph._p.iter(qn("w:del")) for t in d.iter(qn("w:delText")))
        if inserted or deleted:
            tracked.append((paragraph.style.name, deleted, inserted))
    assert ("Note", "Drafting note: Align with the wording of the services schedules.", "") in tracked
    assert ("Note", "", "Facilitator's note: Two delegations asked for more time.") in tracked
    assert (
        "Treaty Paragraph",
        "paragraph 1 of Article A.1subparagraph 2(a) of Article A.1",
        "paragraph 2 of Article A.1subparagraph 3(b) of Article A.1",
    ) in tracked


# -- the shipped sample --------------------------------------------------------------------
def test_the_sample_uses_paragraph_references_and_convenors_notes() -> None:
    from conftest import REPO
    from jsitext.markup import walk_references

    text = load_text(FolderSource(REPO / "articles")).text
    references = [r for a in text.articles.values() for m in a.texts() for r in walk_references(m.runs) if r.path]
    assert len(references) >= 5
    assert any(note.kind == "convenors" for s in text.sections for note in s.notes)
    assert any(note.kind == "convenors" for a in text.articles.values() for p in a.paragraphs for note in p.notes)


def test_a_markup_error_in_a_note_is_placed_inside_its_block() -> None:
    source = "title: x\nparagraphs:\n  - text: a\n    notes:\n      - kind: convenors\n        text: >-\n          first line\n          then [unclosed\n"
    found = check_files({"text.yaml": ONE_ARTICLE_TEXT, "a.yaml": source})
    assert [(p.code, p.line, p.column, p.breadcrumb) for p in found] == [("unclosed-bracket", 8, 16, "a → paragraph 1 → note 1")]


def test_the_progress_memo_rechecks_a_reference_when_the_paragraph_ids_it_names_change() -> None:
    from jsitext.checks import run_checks

    outline = TWO.format(numbering="sectional")
    b = "title: B\nparagraphs:\n  - id: only\n    text: see @a/second\n    items:\n      - id: x\n        text: x\n"
    memo: dict = {}
    assert run_checks(load({"text.yaml": outline, "a.yaml": A, "b.yaml": b}), memo) == []
    renamed = A.replace("id: second", "id: other")
    assert [p.code for p in run_checks(load({"text.yaml": outline, "a.yaml": renamed, "b.yaml": b}), memo)] == ["unknown-reference"]
