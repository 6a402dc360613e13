"""The positions table as an Excel workbook (openpyxl): what co-convenors would build by hand.

A *Summary* sheet (one row per member and group: brackets held alone, with others,
competing, articles touched), then one sheet per section: a row per position, a
column per code with the member's name in the header's comment.  Every sheet has
its header row and first columns frozen, filters on, column widths set, and prints on
A4 landscape with that row and those columns on every page.  Every value is written as
text: a title starting with ``=`` is never a formula.  The same table gives the same
bytes (fixed document times and zip entry times).
"""

from __future__ import annotations

import io
import re
from typing import Any

from .formats import Options
from .positions import FIXED_COLUMNS, FORMULA_START, MEMBER_HEADERS, PositionsTable, cells, headers, member_cells
from .render.dates import stamp_time
from .zips import read_entries, write_entries, zip_time

#: The columns frozen on a section's sheet: Article, Number, Paragraph.
FROZEN_COLUMNS = 3
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_WIDTHS = {"Article": 30, "Number": 10, "Paragraph": 12, "Kind": 18, "Quote": 60, "Status": 11}
_ROLE_FILLS = {"proposes": "CFE8CF", "co-sponsors": "E4F2D9", "competing": "F8DCDC"}
_NUMBER_COLUMNS = frozenset({"Alone", "With others", "Proposals", "Competing"})


def render_xlsx(table: PositionsTable, options: Options | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.xml.functions import tostring

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, table)
    used = {"summary"}
    for section in table.sections:
        sheet = workbook.create_sheet(_sheet_name(f"{section.id} {section.title}", used))
        _section_sheet(sheet, table, [cells(table, r) for r in section.rows])
    timestamp = stamp_time(table.date).replace(tzinfo=None)
    props = workbook.properties
    props.creator = props.lastModifiedBy = "jsitext"
    props.title = table.title
    props.created = props.modified = timestamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    entries = read_entries(buffer.getvalue())
    # openpyxl stamps "modified" with the clock as it saves: the core properties again, as it writes them.
    props.modified = timestamp
    entries["docProps/core.xml"] = tostring(props.to_tree())
    order = list(entries)
    return write_entries(entries, zip_time(timestamp), lambda name: (order.index(name), ""))


def _sheet_name(wanted: str, used: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub("-", _clean(wanted)).strip("' ")[:31] or "Section"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    used.add(name.lower())
    return name


def _summary(sheet: Any, table: PositionsTable) -> None:
    _write(sheet, list(MEMBER_HEADERS), [member_cells(m) for m in table.members], numbers=_NUMBER_COLUMNS)
    sheet.freeze_panes = "C2"
    for column, width in zip("ABCDEFG", (10, 36, 8, 12, 11, 11, 60), strict=True):
        sheet.column_dimensions[column].width = width
    _printed(sheet, "A:B")
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # its seven columns one page wide
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _section_sheet(sheet: Any, table: PositionsTable, rows: list[list[str]]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    _write(sheet, headers(table), rows)
    first_party = len(FIXED_COLUMNS) + 1
    for offset, party in enumerate(table.parties):
        column = first_party + offset
        header = sheet.cell(row=1, column=column)
        header.comment = Comment(_clean(party.name) + (" (group)" if party.is_group else ""), "jsitext", width=200, height=40)
        sheet.column_dimensions[get_column_letter(column)].width = max(7, len(party.code) + 3)
    if table.parties and rows:
        # Colours by role as conditional formats: one rule per role, not a style per cell
        # (five times quicker to write), and a cell a user edits takes its colour.
        members = f"{get_column_letter(first_party)}2:{get_column_letter(first_party + len(table.parties) - 1)}{len(rows) + 1}"
        for role, colour in _ROLE_FILLS.items():
            fill = PatternFill("solid", start_color=colour, end_color=colour)
            rule = CellIsRule(operator="equal", formula=[f'"{role}"'], fill=fill)  # type: ignore[no-untyped-call]  # the stubs leave it untyped
            sheet.conditional_formatting.add(members, rule)
    for column, name in enumerate(FIXED_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[name]
    sheet.freeze_panes = sheet.cell(row=2, column=FROZEN_COLUMNS + 1).coordinate
    _printed(sheet, f"A:{get_column_letter(FROZEN_COLUMNS)}")


def _printed(sheet: Any, columns: str) -> None:
    """SHEET printed for a consultation: A4 landscape, gridlines, and on every page the header
    row and COLUMNS (those frozen on screen: a section's member columns run over pages)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_options.gridLines = True
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = columns


def _write(sheet: Any, heads: list[str], rows: list[list[str]], numbers: frozenset[str] = frozenset()) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    as_number = [h in numbers for h in heads]
    formulas: list[tuple[int, int]] = []  # the cells that would read as formulas
    for r, row in enumerate([heads, *rows], 1):
        # A dict: only the cells with a value are made (most member cells are empty).
        values = {c: int(v) if number and r > 1 else _clean(v) for c, (v, number) in enumerate(zip(row, as_number, strict=True), 1) if v}
        sheet.append(values)
        formulas += [(r, c) for c, v in values.items() if isinstance(v, str) and v.startswith(FORMULA_START)]
    for r, c in formulas:
        _as_text(sheet.cell(row=r, column=c))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{len(rows) + 1}"


def _as_text(cell: Any) -> None:
    """A value a spreadsheet would take for a formula, kept as text."""
    cell.data_type = "s"  # openpyxl takes a string starting with "=" for a formula
    cell.quotePrefix = True  # and Excel, when the cell is edited


def _clean(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
