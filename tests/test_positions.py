"""``jsitext positions``: the table of who holds which bracket (issue 16 §2).

The per-member figures must be stats' figures exactly; the workbook is read back
with openpyxl, as a spreadsheet user's program reads it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import REPO
from helpers import load
from jsitext.cli import main
from jsitext.formats import get
from jsitext.load import load_text
from jsitext.positions import PositionsTable, positions
from jsitext.source import FolderSource
from jsitext.stats import text_stats

openpyxl = pytest.importorskip("openpyxl")

SAMPLE = REPO / "articles"
OUTLINE = (
    "title: T\nsymbol: S/1\ndate: 2025-02-03\nsections:\n  - id: A\n    title: First\n    articles: [a]\n  - id: B\n    title: Second\n    articles: [b]\n"
)
ARTICLE_A = """\
title: Scope
paragraphs:
  - text: Each Party [shall{US} | may{CN, JP}] apply [this]{EU} measure.
  - text: The Parties shall cooperate.
    proponents: [SG, AU]
"""
ARTICLE_B = """\
title: Flows
paragraphs:
  - alternatives:
      - text: Each Party shall allow transfers.
        proponents: [US]
      - text: Each Party may allow transfers [by electronic means]{NZ}.
        proponents: [CN]
"""


def small() -> PositionsTable:
    return positions(load({"text.yaml": OUTLINE, "a.yaml": ARTICLE_A, "b.yaml": ARTICLE_B}).text)


def roles(table: PositionsTable) -> list[tuple[str, str, str, dict[str, str]]]:
    return [(r.number, r.paragraph, r.kind, dict(r.roles)) for r in table.rows]


def test_a_row_per_bracket_option_proposed_paragraph_and_alternative() -> None:
    assert roles(small()) == [
        ("A.1", "1.", "option", {"US": "proposes", "CN": "competing", "JP": "competing"}),
        ("A.1", "1.", "option", {"CN": "co-sponsors", "JP": "co-sponsors", "US": "competing"}),
        ("A.1", "1.", "bracket", {"EU": "proposes"}),
        ("A.1", "2.", "proposed paragraph", {"SG": "co-sponsors", "AU": "co-sponsors"}),
        ("B.1", "Alt 1", "alternative", {"US": "proposes", "CN": "competing"}),
        ("B.1", "Alt 2", "alternative", {"CN": "proposes", "US": "competing"}),
        ("B.1", "Alt 2", "bracket", {"NZ": "proposes"}),
    ]


def test_quotes_and_statuses() -> None:
    rows = small().rows
    assert [r.quote for r in rows[:3]] == ["shall", "may", "[this]"]
    assert {r.status for r in rows} == {"open"}


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_the_member_figures_are_the_stats_figures(which: str, synth_text: Path) -> None:
    text = load_text(FolderSource(SAMPLE if which == "sample" else synth_text)).text
    stats = {p.code: p for p in text_stats(text, top=10_000).proponents}
    mine = {m.code: m for m in positions(text).members if m.proposals}
    assert set(mine) == set(stats)
    for code, figures in stats.items():
        assert (mine[code].proposals, mine[code].alone) == (figures.proposals, figures.alone), code
        assert mine[code].with_others == figures.proposals - figures.alone


def test_the_member_filter_keeps_the_rows_where_it_stands() -> None:
    table = positions(load({"text.yaml": OUTLINE, "a.yaml": ARTICLE_A, "b.yaml": ARTICLE_B}).text, member="US")
    assert [(r.paragraph, r.kind) for r in table.rows] == [("1.", "option"), ("1.", "option"), ("Alt 1", "alternative"), ("Alt 2", "alternative")]
    section = positions(load({"text.yaml": OUTLINE, "a.yaml": ARTICLE_A, "b.yaml": ARTICLE_B}).text, section="B")
    assert [s.id for s in section.sections] == ["B"] and {r.number for r in section.rows} == {"B.1"}


def test_the_workbook_reads_back_with_frozen_panes_filters_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(get("xlsx", "positions").render(small()))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "A First", "B Second"]
    sheet = book["A First"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Article", "Number", "Paragraph", "Kind", "Quote", "Status"]
    assert sheet.freeze_panes == "D2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}5"
    us = header.index("US") + 1
    assert sheet.cell(1, us).comment.text == "United States"
    assert [sheet.cell(r, us).value for r in range(2, 6)] == ["proposes", "competing", None, None]
    assert sheet.column_dimensions["E"].width == 60
    summary = book["Summary"]
    assert summary.freeze_panes == "C2" and summary.auto_filter.ref
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["US"][2:6] == (2, 0, 2, 2)  # alone, with others, proposals, competing


def test_the_workbook_prints_as_a_table_on_a4(tmp_path: Path) -> None:
    """Printed for a consultation: A4 landscape, gridlines, the header row and the first
    columns on every page (a section's member columns run over several), the summary one page wide."""
    path = tmp_path / "p.xlsx"
    path.write_bytes(get("xlsx", "positions").render(small()))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.print_options.gridLines and sheet.print_title_rows.replace("$", "") == "1:1"
    assert book["A First"].print_title_cols.replace("$", "") == "A:C"
    summary = book["Summary"]
    assert summary.print_title_cols.replace("$", "") == "A:B"
    assert summary.sheet_properties.pageSetUpPr.fitToPage and summary.page_setup.fitToWidth == 1 and summary.page_setup.fitToHeight == 0


def test_a_cell_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    article = 'title: T\nparagraphs:\n  - text: Each Party [=HYPERLINK("http://x"){US} | +1{JP}] applies.\n'
    members = "members:\n  ZZ: \"=cmd|' /C calc'!A0\"\n"
    outline = OUTLINE.replace("articles: [b]", "articles: []")
    table = positions(load({"text.yaml": outline, "a.yaml": article + "  - text: x [y]{ZZ}\n", "members.yaml": members}).text)
    path = tmp_path / "p.xlsx"
    path.write_bytes(get("xlsx", "positions").render(table))
    book = openpyxl.load_workbook(path)
    quotes = [c for c in book["A First"]["E"][1:]]
    assert [c.value for c in quotes] == ['=HYPERLINK("http://x")', "+1", "[y]"]
    assert all(c.data_type == "s" for c in quotes)
    names = [c for c in book["Summary"]["B"][1:] if c.value.startswith("=")]
    assert names and all(c.data_type == "s" for c in names)
    rows = list(csv.reader(io.StringIO(get("csv", "positions").render(table).decode())))
    assert [r[5] for r in rows[1:3]] == ['\'=HYPERLINK("http://x")', "'+1"]


def test_the_same_text_gives_the_same_workbook_bytes() -> None:
    assert get("xlsx", "positions").render(small()) == get("xlsx", "positions").render(small())


def test_json_html_and_markdown() -> None:
    table = small()
    data = json.loads(get("json", "positions").render(table))
    assert data["schema"] == 1 and data["sections"][0]["rows"][0]["roles"] == {"US": "proposes", "CN": "competing", "JP": "competing"}
    assert {m["code"]: m["proposals"] for m in data["members"]}["CN"] == 2
    html = get("html", "positions").render(table).decode()
    assert "<script>" in html and "src=" not in html and "http" not in html.split("<script>")[1]
    assert '<td class="proposes">proposes</td>' in html
    md = get("md", "positions").render(table).decode()
    assert "## Section A: First" in md and "| Code | Member |" in md


def test_the_command_writes_positions_xlsx_by_default(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["positions", str(SAMPLE)]) == 0
    assert openpyxl.load_workbook(tmp_path / "positions.xlsx").sheetnames[0] == "Summary"
    assert main(["positions", str(SAMPLE), "--format", "csv", "--section", "B.2", "--member", "EU"]) == 0
    assert capsys.readouterr().out.startswith("Section,Article,")
    assert main(["positions", str(SAMPLE), "--member", "ZZ", "--format", "md"]) == 2
    assert "unknown member code 'ZZ'" in capsys.readouterr().err
    assert main(["positions", str(SAMPLE), "--section", "Q", "--format", "md"]) == 2


def test_the_workbook_is_stamped_with_source_date_epoch_else_the_text_date(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.xlsx"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path.write_bytes(get("xlsx", "positions").render(small()))
    properties = openpyxl.load_workbook(path).properties
    assert properties.created.isoformat() == properties.modified.isoformat() == "2025-02-03T00:00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path.write_bytes(get("xlsx", "positions").render(small()))
    properties = openpyxl.load_workbook(path).properties
    assert properties.created.isoformat() == properties.modified.isoformat() == "2023-11-14T22:13:20"
