"""Format 2 outside the articles: text.yaml's notes, its sections' notes, the cover note and
the preamble hold markup with proponents as article text does; they are checked, counted,
withdrawn, diffed and redlined like it.  (The check findings are data-driven cases:
tests/data/check/unknown-proponent, duplicate-proponent, mistaken-code.)"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from helpers import load, write_tree
from jsitext.cli import main
from jsitext.diff import diff_sources
from jsitext.diff.compare import DiffResult
from jsitext.diff.docx_redline import word_redline
from jsitext.diff.present import as_json, as_text
from jsitext.formats import get
from jsitext.members_report import proponent_uses
from jsitext.positions import positions
from jsitext.stats import text_stats

OUTLINE_NOTES_TEXT = """\
title: Test Text
cover_note: >-
  Text in brackets[, as the EU proposed]{EU}, is not agreed.
notes:
  - kind: convenors
    text: >-
      [Some]{US, JP} participants asked for more time.
sections:
  - id: A
    title: Enabling
    notes:
      - kind: secretariat
        text: >-
          Renumbered [at the plenary]{US}.
    subsections:
      - id: A.1
        title: Transactions
        notes:
          - kind: facilitator
            text: >-
              [Two]{US} delegations asked for more time.
        articles: [a]
"""
ARTICLE = "title: Scope\nparagraphs:\n  - text: This Agreement applies[ to measures]{CN}.\n"


def _text() -> dict[str, str | bytes]:
    return {"text.yaml": OUTLINE_NOTES_TEXT, "a.yaml": ARTICLE}


def test_attributions_in_text_notes_and_the_cover_note_are_counted_as_an_articles_notes() -> None:
    text = load(_text()).text
    assert proponent_uses(text) == {"US": 3, "JP": 1, "EU": 1, "CN": 1}
    stats = {p.code: p.proposals for p in text_stats(text, top=100).proponents}
    assert stats == {"US": 3, "JP": 1, "EU": 1, "CN": 1}
    table = positions(text)
    mine = {m.code: m.proposals for m in table.members if m.proposals}
    assert mine == stats
    assert table.sections[0].title == "Notes of the text"
    assert text_stats(text).sections[0].id == "A"  # no preamble: no preamble row in stats


def test_withdraw_takes_a_code_out_of_the_cover_note_and_every_note_of_text_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_tree(tmp_path / "articles", _text())
    assert main(["withdraw", "US", str(folder)]) == 0
    written = (folder / "text.yaml").read_text(encoding="utf-8")
    assert "[Some]{JP} participants" in written
    assert "Renumbered [at the plenary]." in written
    assert "[Two] delegations" in written
    assert main(["withdraw", "EU", str(folder)]) == 0
    assert "Text in brackets[, as the EU proposed], is not agreed." in (folder / "text.yaml").read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert "section A note 1" in out and "subsection A.1 note 1" in out and "cover note" in out
    assert main(["check", str(folder)]) == 0


# -- diff: notes outside the articles, and the preamble, at their place ------------------------
OUTLINE_NOTES = Path(__file__).parent / "data" / "format2" / "outline-notes"


@pytest.fixture(scope="module")
def result() -> DiffResult:
    return diff_sources(str(OUTLINE_NOTES / "old"), str(OUTLINE_NOTES / "new"))


def test_json_carries_the_note_changes_outside_articles_with_their_kinds_and_places(result: DiffResult) -> None:
    notes = [t for t in json.loads(as_json(result))["summary"]["text"] if t["field"] in ("note", "section-note")]
    assert [(t["change"], t["note_kind"], t["where"]) for t in notes] == [
        ("note-changed", "convenors", "text"),
        ("note-added", "secretariat", "text"),
        ("note-removed", "secretariat", "A"),
        ("note-added", "facilitator", "A.1"),
        ("note-added", "convenors", "B"),
    ]
    assert notes[3]["new"] == "Two delegations asked for more time on Article B.1."  # references printed as numbered


def _paragraphs(xml: str) -> list[str]:
    return re.findall(r"<w:p>.*?</w:p>", xml)


def _after(paragraphs: list[str], heading: str) -> str:
    """The paragraph right after the heading HEADING (its last mention: after the progress table and the contents)."""
    index = max(i for i, p in enumerate(paragraphs) if f">{heading}</w:t>" in p)
    return paragraphs[index + 1]


def test_the_word_redline_tracks_notes_outside_articles_at_their_place(result: DiffResult) -> None:
    data, _ = word_redline(result)
    assert data is not None
    paragraphs = _paragraphs(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode())
    changed = next(p for p in paragraphs if "circulated under the co-convenors" in p)
    assert re.search(r"<w:ins [^>]*><w:r><w:t xml:space=\"preserve\">sole </w:t></w:r></w:ins>", changed), changed
    added = next(p for p in paragraphs if "Comments to the secretariat" in p)
    assert "<w:ins " in added and "<w:del" not in added
    removed = _after(paragraphs, "Section A: Enabling Electronic Commerce")
    assert "<w:delText" in removed and "Articles of this section were renumbered" in removed
    subsection = _after(paragraphs, "A.1 Electronic Transactions")
    assert "Two delegations asked for more time on " in subsection and "<w:ins " in subsection
    section_b = _after(paragraphs, "Section B: Openness")
    assert "participants consider this section settled" in section_b and "<w:ins " in section_b


def test_the_html_and_text_reports_show_notes_and_the_preamble_marked_at_their_place(result: DiffResult) -> None:
    html = get("html", "diff").render(result).decode("utf-8")
    assert '<h2 id="text-notes">Notes of the text</h2>' in html
    notes = html[html.index('id="text-notes"') : html.index('id="text-section-A"')]
    assert "<ins>sole </ins>" in notes and "<ins>Comments to the secretariat by 1 May.</ins>" in notes
    assert "<del>Articles of this section were renumbered at the last plenary.</del>" in html[html.index('id="text-section-A"') :]
    preamble = html[html.index('id="text-preamble"') : html.index('id="text-notes"')]
    assert "<ins>Desiring to [promote{EU} / facilitate{US}] an open digital environment;</ins>" in preamble
    text = as_text(result)
    assert "Subsection A.1: Electronic Transactions\n" in text and "«+Two delegations asked for more time on Article B.1.+»" in text


def test_a_diff_of_one_article_shows_no_block_of_text_yaml(tmp_path: Path) -> None:
    """--article limits the redlines to that article, as the Word redline does (the "Text:" line still says what else changed)."""
    result = diff_sources(str(OUTLINE_NOTES / "old"), str(OUTLINE_NOTES / "new"), article="scope")
    text = as_text(result)
    assert "Text: " in text and "Notes of the text" not in text and "«+" not in text


def test_a_change_with_its_own_block_is_not_listed_again_on_the_text_line(result: DiffResult) -> None:
    """The blocks say where a note or the preamble changed; the "Text:" line keeps only what
    has no block (the symbol, the date, the cover note...)."""
    text = as_text(result)
    summary = next(line for line in text.splitlines() if line.startswith("Text: "))
    blocked = [line for line in text.splitlines() if line.startswith("  - ")]
    assert blocked and "symbol" in summary, text
    for line in blocked:
        change = line[4:].split("  [")[0]
        assert change not in summary, change
    markdown = get("md", "diff").render(result).decode("utf-8")
    text_line = next(line for line in markdown.splitlines() if line.startswith("Text: "))
    assert "symbol" in text_line and "preamble paragraph 2 added" not in text_line
