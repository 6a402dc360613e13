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
            answer = self._ask(op="read", path=str(path), settle=settle)
            self.seen[str(path), settle] = Opened([Paragraph(**p) for p in answer["paragraphs"]], answer["footnotes"], answer["changes"])
        return self.seen[str(path), settle]

    def pdf(self, path: Path) -> Path:
        out = self.tmp / f"{path.stem}-{abs(hash(str(path)))}.pdf"
        self._ask(op="pdf", path=str(path), out=str(out))
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pdf_text(pdf: Path) -> list[str]:
    """What a person reads on each page (pdftotext, layout kept)."""
    out = subprocess.run([program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


# --- Chromium ---------------------------------------------------------------


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
