"""Writing an imported text: text.yaml and one file per article, in fmt's canonical layout, all or nothing.

The YAML shape (:mod:`jsitext.render.docx_source`) is dumped as JSON, which YAML reads as it is, and
laid out by ``fmt``'s own code, so an imported folder is canonical from the
start (``jsitext fmt --check`` finds nothing to change).  A file that fmt would
refuse (a markup error the import reports) is written in the round-trip
dumper's layout instead: never lost, and ``check`` points at it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..errors import UsageError
from ..load import MEMBERS_FILE, TEXT_FILE
from ..source import YAML_SUFFIXES

Data = dict[str, Any]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_DATE = "\x00date\x00"  # stands for the date in the JSON until it is written plain


@dataclass
class MemorySource:
    """Files held in memory, as a source :func:`jsitext.load.load_text` reads (for a check before writing)."""

    files_: dict[str, bytes]
    label: str = "import"

    def display_path(self, rel: str) -> str:
        return str(Path(self.label) / rel)

    def files(self) -> dict[str, str]:
        return {rel: str(hash(data)) for rel, data in self.files_.items()}

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        return {rel: self.files_[rel] for rel in rels}


def text_files(text: Data, articles: dict[str, Data], files: dict[str, str] | None = None, members: Data | None = None) -> dict[str, bytes]:
    """text.yaml, members.yaml when MEMBERS, and each article in its file of FILES (id → relative
    path; ``<id>.yaml`` when not there), each in the canonical layout."""
    out = {TEXT_FILE: canonical_bytes(TEXT_FILE, text)}
    if members:
        out[MEMBERS_FILE] = canonical_bytes(MEMBERS_FILE, members)
    for article_id, data in articles.items():
        rel = (files or {}).get(article_id, f"{article_id}.yaml")
        out[rel] = canonical_bytes(rel, data)
    return out


def canonical_bytes(rel: str, data: Data) -> bytes:
    """DATA as the file REL in fmt's layout (the round-trip dumper's when fmt refuses it).

    fmt's quick writer (:func:`jsitext.authoring.layout.canonical`) first, its reference
    way when the quick one declines: the same bytes either way, at a tenth of the cost.
    """
    from ..authoring import roundtrip as rt
    from ..authoring.fmt import format_bytes
    from ..authoring.layout import canonical

    raw = _yaml_of(data)
    quick = canonical(rel, rel, raw)
    if quick is not None:
        return quick
    try:
        return format_bytes(rel, raw)
    except rt.Refused:
        return rt.dump(data)


def _yaml_of(data: Data) -> bytes:
    """DATA as YAML: JSON (which YAML reads as it is), a date written plain as fmt writes it."""
    date = data.get("date")
    if isinstance(date, str) and _DATE.fullmatch(date):
        data = {**data, "date": _PLAIN_DATE}
    raw = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return raw.replace(json.dumps(_PLAIN_DATE), str(date), 1).encode("utf-8")


def refuse_existing(output: Path, *, force: bool) -> bool:
    """OUTPUT must not hold a text already (text.yaml or article files), unless FORCE; True when it holds one."""
    if not output.exists():
        return False
    if not output.is_dir():
        raise UsageError(f"{output}: exists and is not a folder; choose another --output")
    held = sorted(p.name for p in output.iterdir() if p.suffix in YAML_SUFFIXES or p.is_dir())
    if held and not force:
        shown = ", ".join(held[:3]) + (" ..." if len(held) > 3 else "")
        raise UsageError(f"{output}: already holds a text ({shown}); import into a new folder, or add --force to overwrite it")
    return bool(held)


def write_text(output: Path, files: dict[str, bytes]) -> list[Path]:
    """FILES into OUTPUT, all or nothing (an interrupted import leaves the folder as it was)."""
    return write_atomically(output, files, nested=True)
