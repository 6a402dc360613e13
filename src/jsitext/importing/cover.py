"""The cover of a Word text: symbol, revision, date and access, as lines or in a table."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

Data = dict[str, Any]

RECITAL = re.compile(
    r"^(Recogni[sz]ing|Desiring|Acknowledging|Affirming|Reaffirming|Noting|Considering|Bearing|Seeking|Building|Stressing|Emphasi[sz]ing|Determined|Convinced|Mindful|Resolving)\b"
)
SYMBOL = re.compile(r"^[A-Z]{2,}(?:/[A-Za-z0-9.\-]+)+$")
REVISION = re.compile(r"\bRev\.\s*\d+\b")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTHS = {
    m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)
}


def cover_table(rows: list[list[str]], text: Data) -> bool:
    """A cover table ("Symbol | INF/ECOM/62/Rev.4", "Date | 14 December 2022"): its fields into TEXT."""
    keys = {"symbol": "symbol", "document symbol": "symbol", "revision": "revision", "date": "date", "access": "access", "distribution": "access"}
    found = False
    for row in rows:
        if len(row) < 2:
            continue
        key = keys.get(row[0].strip().rstrip(":").lower())
        value = row[1].strip()
        if key and value:
            text[key] = (date_of(value) or value) if key == "date" else value.lower() if key == "access" else value
            found = True
    return found


def date_of(text: str) -> str | None:
    """An ISO date from "2024-03-15", "15 March 2024" or "March 15, 2024"."""
    if ISO_DATE.match(text):
        return text
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})|([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", text.strip())
    if not match:
        return None
    day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(5), match.group(4), match.group(6))
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return datetime(int(year), number, int(day)).strftime("%Y-%m-%d")
    except ValueError:
        return None
