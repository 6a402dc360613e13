"""The dates a build prints and stamps: from SOURCE_DATE_EPOCH or the text, never the clock.

The one reader of ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), so that
every output of one build agrees on its date and the same input gives the same bytes.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from .resolve import Document

#: When neither SOURCE_DATE_EPOCH nor the text's date gives one (the zip format's epoch).
FALLBACK_TIME = datetime(1980, 1, 1, tzinfo=UTC)


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, or None when it is unset or not a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def build_date() -> str | None:
    """The date a build may print (YYYY-MM-DD): from SOURCE_DATE_EPOCH only."""
    epoch = source_date_epoch()
    return epoch.strftime("%Y-%m-%d") if epoch is not None else None


def build_time(document: Document) -> datetime:
    """SOURCE_DATE_EPOCH, else the text's date (YYYY-MM-DD) at midnight UTC, else 1980-01-01."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    try:
        day = date.fromisoformat(document.meta.date or "")
    except ValueError:
        return FALLBACK_TIME
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
