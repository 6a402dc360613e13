"""Helpers of the real-client tests: the programs found, LibreOffice driven, outputs made.

The real programs delegations open the outputs with: LibreOffice, Chromium, a GFM renderer.

Each program is found on the machine. Outside CI a missing one skips its tests with a
one-line reason; under ``CI=true`` a missing program fails them (CI installs them with
``.ci/run``). LibreOffice is started once per session (one listening ``soffice`` and one
worker under the system Python, which has ``uno``), Chromium once per session too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLE = REPO / "articles"
DIFF_DATA = REPO / "tests" / "data" / "diff"
SYSTEM_PYTHON = "/usr/bin/python3"


def missing(reason: str) -> None:
    """Skip with REASON, or fail under CI, where every program must be there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed (see README: the real-client tests)")
    return found  # type: ignore[return-value]


def jsitext(*args: str | Path) -> None:
    """Run the command as a user does; a failure shows its output."""
    done = subprocess.run([sys.executable, "-m", "jsitext", *map(str, args)], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, f"jsitext {' '.join(map(str, args))}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"


# --- LibreOffice ------------------------------------------------------------


@dataclass
class Paragraph:
    style: str
    outline: int
    text: str
    marked: list[str]


@dataclass
class Opened:
    """A document as LibreOffice shows it: body paragraphs (footnote text inline at its mark) and footnotes."""

    paragraphs: list[Paragraph]
    footnotes: list[str]
    changes: bool

    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    def headings(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.outline]


class LibreOffice:
    def __init__(self, tmp: Path) -> None:
        soffice = program("soffice")
        if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode:
            missing(f"{SYSTEM_PYTHON} cannot import uno (Debian: apt-get install python3-uno)")
        port = _free_port()
        profile = (tmp / "lo-profile").as_uri()
        self.office = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"-env:UserInstallation={profile}",
                f"--accept=socket,host=127.0.0.1,port={port};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.worker = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "lo_worker.py"), str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert json.loads(self.worker.stdout.readline() or "{}").get("ready"), "the LibreOffice worker did not start"  # type: ignore[union-attr]
        self.tmp = tmp
        self.seen: dict[tuple[str, str | None], Opened] = {}

    def _ask(self, **request: object) -> dict:
        self.worker.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
        self.worker.stdin.flush()  # type: ignore[union-attr]
        answer = json.loads(self.worker.stdout.readline())  # type: ignore[union-attr]
        assert "error" not in answer, answer["error"]
        return answer

    def open(self, path: Path, settle: str | None = None) -> Opened:
        """PATH as LibreOffice reads it; SETTLE "accept" or "reject" every tracked change first."""
        if (str(path), settle) not in self.seen:
            out = self.tmp / f"{path.stem}-{len(self.seen)}.odt"
            answer = self._ask(op="odt", path=str(path), settle=settle, out=str(out))
            self.seen[str(path), settle] = read_odt(out, changes=answer["changes"])
        return self.seen[str(path), settle]

    def pdf(self, path: Path) -> Path:
        out = self.tmp / f"{path.stem}-{abs(hash(str(path)))}.pdf"
        self._ask(op="pdf", path=str(path), out=str(out))
        return out

    def resaved(self, path: Path) -> Path:
        """PATH opened in LibreOffice and saved again as .docx (what a co-convenor using it hands over)."""
        out = self.tmp / f"{path.stem}-resaved-{abs(hash(str(path)))}.docx"
        self._ask(op="docx", path=str(path), out=str(out))
        return out

    def close(self) -> None:
        self.worker.stdin.close()  # type: ignore[union-attr]  (the worker ends at the end of its input)
        for process in (self.worker, self.office):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.worker.stdout.close()  # type: ignore[union-attr]


# --- What LibreOffice saved, read from its ODT ------------------------------

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def read_odt(path: Path, *, changes: bool = False) -> Opened:
    """The paragraphs (style, outline level, text with each footnote inline as ⟦n: text⟧,
    the words highlighted in yellow) and the footnotes of an ODT LibreOffice wrote."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as package:
        content, styles = etree.fromstring(package.read("content.xml")), etree.fromstring(package.read("styles.xml"))
    names = {e.get(_q("style:name")): e.get(_q("style:display-name")) or e.get(_q("style:name")) for e in styles.iter(_q("style:style"))}
    parents, yellow = {}, set()
    for e in content.iter(_q("style:style")):
        parents[e.get(_q("style:name"))] = e.get(_q("style:parent-style-name"))
        props = e.find(_q("style:text-properties"))
        if props is not None and (props.get(_q("fo:background-color")) or "").lower() in ("#ffff00", "#ffff00ff"):
            yellow.add(e.get(_q("style:name")))
    reader = _OdtReader(yellow)
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    paragraphs = []
    for element in body.iter(_q("text:p"), _q("text:h"), _q("table:table")):
        if element.tag == _q("table:table"):
            paragraphs.append(Paragraph("table", 0, element.get(_q("table:name")) or "", []))
            continue
        if any(a.tag in (_q("text:note-body"), _q("table:table")) for a in element.iterancestors()):
            continue  # a footnote's paragraph or a table cell's: read with its owner
        style = element.get(_q("text:style-name")) or ""
        style = names.get(parents.get(style) or style, parents.get(style) or style)
        outline = int(element.get(_q("text:outline-level")) or 0) if element.tag == _q("text:h") else 0
        text, marked = reader.paragraph(element)
        paragraphs.append(Paragraph(style, outline, text, marked))
    return Opened(paragraphs, reader.notes, changes)


class _OdtReader:
    def __init__(self, yellow: set[str]) -> None:
        self.yellow = yellow
        self.notes: list[str] = []

    def paragraph(self, element) -> tuple[str, list[str]]:
        out: list[str] = []
        marked: list[str] = []
        self._walk(element, out, marked, False)
        return "".join(out), marked

    def _walk(self, element, out: list[str], marked: list[str], yellow: bool) -> None:
        def add(text: str | None) -> None:
            if text:
                out.append(text)
                if yellow and text.strip():
                    marked.append(text)

        add(element.text)
        for child in element:
            tag = child.tag
            if tag == _q("text:s"):
                add(" " * int(child.get(_q("text:c")) or 1))
            elif tag == _q("text:tab"):
                add("\t")
            elif tag == _q("text:line-break"):
                add("\n")
            elif tag == _q("text:note"):
                body = child.find(_q("text:note-body"))
                texts = [self.paragraph(p)[0] for p in body.iter(_q("text:p"))] if body is not None else []
                self.notes.append("\n".join(texts))
                out.append(f"⟦{len(self.notes)}: {self.notes[-1]}⟧")
            elif tag in (_q("office:annotation"), _q("office:annotation-end"), "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation"):
                pass  # a comment: in the margin, not in the text
            else:
                self._walk(child, out, marked, yellow or child.get(_q("text:style-name")) in self.yellow)
            add(child.tail)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pdf_text(pdf: Path) -> list[str]:
    """What a person reads on each page (pdftotext, layout kept)."""
    out = subprocess.run([program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


# --- Chromium ---------------------------------------------------------------

A4 = (595, 842)  # points


def print_a4_pages(chromium, pdf: Path, symbol: str) -> list[str]:
    """The page Chromium shows printed to PDF (no paper size given: the page's own @page rule
    decides, as when a delegate presses Print); every page must be A4 and carry SYMBOL and
    "n / pages". Returns the pages' text."""
    import base64

    from pypdf import PdfReader

    pdf.write_bytes(base64.b64decode(chromium.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"]))
    with pdf.open("rb") as handle:
        sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(handle).pages}
    assert sizes == {A4}
    pages = pdf_text(pdf)
    for number, page in enumerate(pages, 1):
        assert symbol in page, f"page {number} has no symbol"
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", page), f"page {number} has no number"
    return pages


def start_chromium(profile: Path):
    """A headless system Chromium driven by Selenium through Debian's chromedriver (nothing downloaded)."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        missing("chromium is not installed (see README: the real-client tests)")
    driver_path = program("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary  # type: ignore[assignment]
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(options=options, service=Service(driver_path))


# --- The outputs under test -------------------------------------------------


def build_sample(out: Path) -> Path:
    """The sample text built in every view a delegation asks for (full, clean, a member, a section)."""
    for view in (["--view", "full"], ["--view", "clean"], ["--view", "member:EU"], ["--section", "B"]):
        jsitext("build", SAMPLE, "--format", "md,html,docx", "--output", out, *view)
    return out


def diff_fixture(out: Path) -> Path:
    """The test diff's old and new texts, built, and their diff in docx, md and html."""
    for side in ("old", "new"):
        jsitext("build", DIFF_DATA / side, "--format", "docx", "--output", out / side)
    for fmt in ("docx", "md", "html"):
        jsitext("diff", DIFF_DATA / "old", DIFF_DATA / "new", "--format", fmt, "--output", out / f"redline.{fmt}")
    return out
