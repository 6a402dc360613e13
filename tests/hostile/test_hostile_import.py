"""The Word importer (issue 14) against hostile .docx files: zip bombs, paths out of the
package, entities and DTDs, XML too deep or too large, parts that are not what they say.

Each case ends as every hostile case does: exit 1 or 2, a message naming the file, no
traceback, nothing written, and nothing outside the package read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.kit import assert_refused, run_in_process, run_subprocess
from jsitext.importing import package
from word_kit import replace_entry

SECRET = "jsitext-secret-1f3a"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _good() -> bytes:
    from word_kit import WordText

    word = WordText().para("T", style="Title").heading("Section A: S", 1).heading("Article A.1: Scope", 3)
    return word.para("1.\tThis Agreement applies.^{Including its annexes.}").bytes()


def _document(body: str, doctype: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}<w:document {W}><w:body>{body}</w:body></w:document>'.encode()


def _with_entry(name: str, content: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_good())) as source, zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, content)
    return out.getvalue()


def _zip_bomb() -> bytes:
    return replace_entry(_good(), "word/document.xml", _document("") + b" " * (16 * 1024 * 1024))


def _deep() -> bytes:
    return replace_entry(_good(), "word/document.xml", _document("<w:p>" + "<w:r>" * 5000 + "</w:r>" * 5000 + "</w:p>"))


def _external_entity() -> bytes:
    (Path("/tmp") / "jsitext-import-secret.txt").write_text(SECRET)
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///tmp/jsitext-import-secret.txt">]>'
    body = '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Article 1: Scope</w:t></w:r></w:p><w:p><w:r><w:t>1. Text &xxe; here.</w:t></w:r></w:p>'
    return replace_entry(_good(), "word/document.xml", _document(body, doctype))


def _laughs() -> bytes:
    entities = '<!ENTITY a "hahahahahahahahahaha">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    body = '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Article 1: Scope</w:t></w:r></w:p><w:p><w:r><w:t>1. &i;</w:t></w:r></w:p>'
    return replace_entry(_good(), "word/document.xml", _document(body, f"<!DOCTYPE w:document [{entities}]>"))


def _footnote_entity() -> bytes:
    (Path("/tmp") / "jsitext-import-secret.txt").write_text(SECRET)
    notes = f'<?xml version="1.0"?><!DOCTYPE w:footnotes [<!ENTITY xxe SYSTEM "file:///tmp/jsitext-import-secret.txt">]><w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:footnote></w:footnotes>'
    return replace_entry(_good(), "word/footnotes.xml", notes.encode())


#: (case, the .docx bytes, exit codes allowed, what the message says)
CASES = {
    "a zip bomb": (_zip_bomb, (2,), "a zip bomb, not read"),
    "an entry named ../": (lambda: _with_entry("../../evil.xml", b"<x/>"), (2,), "names a path outside the package"),
    "an absolute entry name": (lambda: _with_entry("/etc/evil.xml", b"<x/>"), (2,), "names a path outside the package"),
    "XML nested 5,000 deep": (_deep, (2,), "not a readable Word document"),
    "an external entity in the body": (_external_entity, (1, 2), None),
    "an external entity in the footnotes": (_footnote_entity, (1, 2), None),
    "a billion laughs": (_laughs, (1, 2), None),
    "a document part that is not XML": (lambda: replace_entry(_good(), "word/document.xml", b"\x00\x01 not xml"), (2,), "not a readable Word document"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_docx_is_refused_or_read_safely(tmp_path: Path, case: str) -> None:
    make, codes, says = CASES[case]
    docx_file = tmp_path / "text.docx"
    docx_file.write_bytes(make())
    out = tmp_path / "articles"
    run = run_subprocess("import", docx_file, "--output", out, memory_limit=1024 * 1024 * 1024)
    assert_refused(run, codes=(0, *codes) if case.startswith(("an external", "a billion")) else codes, says=says)
    assert SECRET not in run.both
    if out.exists():
        assert all(SECRET not in p.read_text() for p in out.iterdir())
        assert all("haha" * 20 not in p.read_text() for p in out.iterdir())


def test_entries_declared_beyond_the_limits_are_refused_before_reading(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_ENTRY_BYTES", 1000)
    (tmp_path / "text.docx").write_bytes(_good())
    run = run_in_process(capsys, "import", str(tmp_path / "text.docx"), "--output", str(tmp_path / "articles"))
    assert_refused(run, codes=(2,), says="over the limit of 1,000")
    assert not (tmp_path / "articles").exists()


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_DOCX_BYTES", 100)
    (tmp_path / "text.docx").write_bytes(_good())
    run = run_in_process(capsys, "import", str(tmp_path / "text.docx"), "--output", str(tmp_path / "articles"))
    assert_refused(run, codes=(2,), says="cannot be read")


def test_a_part_that_says_something_else_than_the_page_is_not_believed(tmp_path: Path, capsys) -> None:
    """The embedded source of a build, altered to carry a clause the page does not show: the page wins."""
    from jsitext.build import build_text

    sample = Path(__file__).parent.parent.parent / "articles"
    assert not build_text(sample, formats="docx", output_dir=tmp_path / "build").refused
    data = (tmp_path / "build" / "consolidated.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = archive.read("customXml/item2.xml").decode()
    forged = part.replace("allows for contracts to be concluded by electronic means", "allows for a hidden clause no delegate saw", 1)
    assert forged != part
    (tmp_path / "forged.docx").write_bytes(replace_entry(data, "customXml/item2.xml", forged.encode()))
    run = run_in_process(capsys, "import", str(tmp_path / "forged.docx"), "--output", str(tmp_path / "articles"))
    assert run.code == 1 and "[edited-in-word]" in run.out
    written = "".join(p.read_text() for p in (tmp_path / "articles").rglob("*.yaml"))
    assert "hidden clause" not in written
    assert "concluded by electronic means" in written


PIECES = st.sampled_from([*"[]{}()|@\\^/ ,.ab\t", " / ", "US", "(US, JP)", "{US}", "]{", "Note"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40), st.lists(st.sampled_from(["Proposed by US.", "A treaty footnote on [x].", "US, Friends.", "]", ""]), max_size=4))
def test_whatever_the_page_says_the_import_writes_valid_markup(pieces: list[str], notes: list[str]) -> None:
    """Any run of characters and footnotes converts to markup that parses: what cannot be read
    is escaped and reported, never left to break the text."""
    from jsitext.importing.inline import Note, convert
    from jsitext.markup import parse

    items: list[str | Note] = []
    for n, piece in enumerate(pieces):
        if piece == "Note" and notes:
            items.append(Note(notes[n % len(notes)]))
        else:
            items.extend(piece)
    converted = convert(items, lambda attribution: attribution.codes or None)
    parse(converted.markup)
