"""One layout of a PDF by Typst, in a process of its own.

Typst keeps what it lays out in a cache for the life of the process (about 1.6 GB for the
1,000-article text) and frees none of it; a PDF whose footnotes need laying out again
would hold one such cache per round.  Each layout therefore runs in a fresh process, which
gives its memory back when it ends.  This module imports nothing of jsitext, so the
process starts quickly.
"""

from __future__ import annotations

import json
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path


def compile_apart(markup: str) -> tuple[bytes, list[str], str]:
    """MARKUP laid out in a process of its own: see :func:`compile_here`."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(compile_here, markup).result()


def compile_here(markup: str) -> tuple[bytes, list[str], str]:
    """MARKUP as a PDF, the footnotes the stylesheet marked ``<jsitext-late>`` (not on their
    mark's page), and Typst's error ('' for none).  The markup is a file in a folder of its
    own, the compiler's root: it can read nothing else."""
    import typst

    with tempfile.TemporaryDirectory(prefix="jsitext-pdf-") as folder:
        main = Path(folder) / "main.typ"
        main.write_text(markup, encoding="utf-8")
        try:
            compiler = typst.Compiler(str(main), root=folder)
            data = compiler.compile(format="pdf", pdf_tags=False)
            late: list[str] = json.loads(compiler.query("<jsitext-late>", field="value"))
        except typst.TypstError as err:
            return b"", [], getattr(err, "message", None) or str(err)
    assert isinstance(data, bytes)  # one PDF (a list is for one image per page)
    return data, late, ""
