"""Format 2 outside the articles: text.yaml's notes, its sections' notes, the cover note and
the preamble hold markup with proponents as article text does; they are checked, counted,
withdrawn, diffed and redlined like it.  (The check findings are data-driven cases:
tests/data/check/unknown-proponent, duplicate-proponent, mistaken-code.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import load, write_tree
from jsitext.cli import main
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
