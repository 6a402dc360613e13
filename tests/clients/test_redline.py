"""The Word redline in LibreOffice: accept every change and it is NEW's build, reject every change
and it is OLD's build, body and footnotes (each footnote's text read at its mark).

What is compared is the text itself: from the first section heading to the end of the
document, the notes of the whole text (on the cover), and every footnote. The rest of the
cover, the progress table and the contents are the NEW text's (the redline's cover says
what it is compared with).
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clients.programs import DIFF_DATA, REPO, SAMPLE, LibreOffice, Opened, jsitext, pdf_text, program

sys.path.insert(0, str(REPO / "benchmarks"))
import synth


def text_of(opened: Opened) -> list[str]:
    """The paragraphs a reader compares: the notes of the text on the cover, then from the first
    section heading on, footnotes inline."""
    start = next(i for i, p in enumerate(opened.paragraphs) if p.outline == 1)
    cover_notes = [p for p in opened.paragraphs[:start] if p.style == "Note"]
    return [f"{p.style}|{p.text}" for p in [*cover_notes, *opened.paragraphs[start:]]]


def settled_equals_builds(libreoffice: LibreOffice, old: Path, new: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    jsitext("build", old, "--format", "docx", "--output", out / "old")
    jsitext("build", new, "--format", "docx", "--output", out / "new")
    jsitext("diff", old, new, "--format", "docx", "--output", out / "redline.docx")
    for settle, side in (("accept", "new"), ("reject", "old")):
        settled = libreoffice.open(out / "redline.docx", settle=settle)
        built = libreoffice.open(out / side / "consolidated.docx")
        assert not settled.changes
        got, want = text_of(settled), text_of(built)
        assert got == want, f"{settle} every change ≠ {side.upper()}'s build:\n" + "\n".join(difflib.unified_diff(want, got, side, settle, lineterm="", n=1))
        assert settled.footnotes == built.footnotes


def test_the_fixture_diff(libreoffice: LibreOffice, tmp_path: Path) -> None:
    settled_equals_builds(libreoffice, DIFF_DATA / "old", DIFF_DATA / "new", tmp_path)


def test_notes_outside_articles_and_the_preamble(libreoffice: LibreOffice, tmp_path: Path) -> None:
    """Notes of the text, of a section and of a subsection added, removed and changed, and a
    preamble paragraph added: each tracked at its place, settling to either build."""
    notes = REPO / "tests" / "data" / "format2" / "outline-notes"
    settled_equals_builds(libreoffice, notes / "old", notes / "new", tmp_path)
    accepted, rejected = (libreoffice.open(tmp_path / "redline.docx", settle=s) for s in ("accept", "reject"))
    assert "Secretariat's note: Comments to the secretariat by 1 May." in accepted.texts()[:12]  # on the cover
    assert "Secretariat's note: Comments to the secretariat by 1 May." not in rejected.texts()


def revise_sample(old: Path, new: Path) -> None:
    """The sample text and a revision of it with the edits a plenary brings: an article moved
    to another section (numbers and references after it change), two articles swapped within a
    section, a bracket lifted inside a treaty footnote, options collapsed, a bracket deleted."""
    shutil.copytree(SAMPLE, old)
    shutil.copytree(SAMPLE, new)
    outline = (new / "text.yaml").read_text(encoding="utf-8")
    outline = outline.replace("        articles: [source-code, ict-products-that-use-cryptography]", "        articles: [ict-products-that-use-cryptography]")
    outline = outline.replace(
        "          - cross-border-transfer-of-information\n", "          - source-code\n          - cross-border-transfer-of-information\n"
    )
    outline = outline.replace(
        "      - telecommunications-scope\n      - competitive-safeguards\n", "      - competitive-safeguards\n      - telecommunications-scope\n"
    )
    (new / "text.yaml").write_text(outline, encoding="utf-8")
    computing = new / "b-openness" / "location-of-computing-facilities.yaml"
    source = computing.read_text(encoding="utf-8")
    source = source.replace(
        "does not apply to [government information{US}\n      | information held or processed by or on behalf of a Party{EU, CH}].",
        "does not apply to government information.",
    )
    source = source.replace("[No Party shall{US, JP, CA, SG, AU} | Parties shall endeavour not to{ID, MY}]", "[No Party shall]{US, JP, CA, SG, AU}")
    source = source.replace(
        "[, and does not impose restrictions on the use or location of computing facilities\n      greater than are required to achieve the objective]{US, CA}",
        "",
    )
    computing.write_text(source, encoding="utf-8")


def test_the_sample_text_revised(libreoffice: LibreOffice, tmp_path: Path) -> None:
    revise_sample(tmp_path / "old", tmp_path / "new")
    settled_equals_builds(libreoffice, tmp_path / "old", tmp_path / "new", tmp_path / "out")


def _moved_pixels(pdf: Path, page: int) -> int:
    """How many pixels of PAGE (1-based), drawn at 50 dpi, are in LibreOffice's green for moved
    text (#008000), which no author's colour for insertions and deletions is (those are assigned
    per author in the order LibreOffice meets them, so a test cannot know which it gets)."""
    ppm = subprocess.run([program("pdftoppm"), "-f", str(page), "-l", str(page), "-r", "50", str(pdf)], capture_output=True, check=True).stdout
    header, rest = ppm.split(b"\n", 1)[0], ppm.split(b"\n", 3)[3]  # P6, width height, 255, then RGB bytes
    assert header == b"P6"
    return sum(1 for i in range(0, len(rest) - 2, 3) if rest[i + 1] >= 100 and rest[i] <= 80 and rest[i + 2] <= 80)


def test_a_moved_article_shows_as_moved_at_both_places(libreoffice: LibreOffice, tmp_path: Path) -> None:
    """LibreOffice reads the redline's w:moveFrom / w:moveTo as a move: the article is drawn in its
    green for moved text, struck through at its old place and underlined at the new one, apart from
    the author's colour of the other changes (so the copy needs no words to say it moved)."""
    revise_sample(tmp_path / "old", tmp_path / "new")
    jsitext("diff", tmp_path / "old", tmp_path / "new", "--format", "docx", "--output", tmp_path / "redline.docx")
    pdf = libreoffice.pdf(tmp_path / "redline.docx")
    pages = pdf_text(pdf)
    headed = [n for n, page in enumerate(pages, 1) if "Small group: Business trust" in page]  # an article's heading, not the contents'
    new_place = next(n for n in headed if "Article B.2.1: [Source Code]" in pages[n - 1])
    old_place = next(n for n in headed if "Article C.3.1: [Source Code]" in pages[n - 1])
    renumbered = "Article B.2.2B.2.3: Location of Computing Facilities"  # its old number deleted, its new one inserted
    edited = next(n for n, page in enumerate(pages, 1) if renumbered in page)
    assert _moved_pixels(pdf, new_place) > 500 and _moved_pixels(pdf, old_place) > 500
    assert _moved_pixels(pdf, edited) < 50  # an ordinary deletion or insertion is not drawn as moved


@pytest.mark.parametrize(("seed", "percent", "move"), [(3, 30, False), (7, 60, True)])
def test_synthetic_texts(libreoffice: LibreOffice, tmp_path: Path, seed: int, percent: int, move: bool) -> None:
    """The benchmark's generator (benchmarks/synth.py), small: its edits (a bracket resolved, a member
    joining, a paragraph added, an article parked), and with MOVE an article moved to the next subsection."""
    old, new = tmp_path / "old", tmp_path / "new"
    synth.write_text(24, old, seed=seed)
    shutil.copytree(old, new)
    synth.edit_text(sorted(p for p in new.rglob("*.yaml") if p.name != "text.yaml"), percent, seed=seed + 1)
    if move:
        outline = (new / "text.yaml").read_text(encoding="utf-8")
        outline = outline.replace("          - article-00004\n", "").replace(
            "          - article-00012\n", "          - article-00012\n          - article-00004\n"
        )
        (new / "text.yaml").write_text(outline, encoding="utf-8")
    settled_equals_builds(libreoffice, old, new, tmp_path / "out")
