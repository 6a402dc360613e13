"""Zip packages (Word, Excel) written the same way every time: the same content gives the same bytes.

Libraries stamp each entry with the clock; this rewrites a package with one fixed
time, a fixed entry order and no platform bits.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime

DateTime = tuple[int, int, int, int, int, int]


def zip_time(timestamp: datetime) -> DateTime:
    """TIMESTAMP as a zip entry's time (zip counts from 1980, in steps of two seconds)."""
    year = min(max(timestamp.year, 1980), 2107)
    return (year, timestamp.month, timestamp.day, timestamp.hour, timestamp.minute, timestamp.second - timestamp.second % 2)


def read_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def write_entries(entries: dict[str, bytes], date_time: DateTime, rank: Callable[[str], tuple[int, str]]) -> bytes:
    """ENTRIES as a deflated zip, in the order RANK gives, every entry stamped DATE_TIME."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(entries, key=rank):
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whatever the platform
            info.external_attr = 0
            target.writestr(info, entries[name])
    return out.getvalue()
