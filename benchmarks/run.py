"""``make bench``: time jsitext as whole processes on synthetic texts, beside its peers.

For each size N (100, 1,000, 5,000 articles by default) it writes a synthetic text
(benchmarks/synth.py), commits it as revision ``rev1`` of a temporary git
repository, edits 50 articles (5 % at N = 1,000) and commits ``rev2``, then times,
as the median of several runs: ``jsitext --help``, ``check``, ``build --format
md,html``, ``build --format docx``, ``build --format akn``, ``build --format pdf`` (up to 1,000 articles, at most three runs), ``positions`` (xlsx),
``diff rev1 rev2 --format json``, ``diff`` with text output, ``fmt`` with every
file to reformat and with none, and ``import`` of the text built to Word (as built, and with one article edited); at 1,000 articles, ``progress`` over 100 tagged
revisions with 50 articles edited in each, and the reader: ``build --format
html,reader --since rev1``, its size, and each filter applied in headless Chromium.  A 4,000-article text with the same 50 changes shows whether the
diff's cost follows the change rather than the text.  Peers run on the same
revisions: ``git diff --word-diff``, and pandoc (when installed) converting
jsitext's own Markdown to docx and html.  The table is printed and saved to
benchmarks/results.md with the machine's details.

Usage: python benchmarks/run.py [--sizes 100,1000,5000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth

HERE = Path(__file__).resolve().parent
JSITEXT = str(Path(sys.executable).with_name("jsitext"))
CHANGED = 50
#: progress is measured over this many revisions of the 1,000-article text, CHANGED articles edited in each.
REVISIONS = 100
#: The largest text whose PDF build is measured.
PDF_UP_TO = 1000  # about 12 s a run at 1,000 articles on two cores (docs/performance.md#pdf)


@dataclass
class Timing:
    label: str
    size: int
    seconds: float
    peak_mib: float
    cpu: float
    target: str = ""


def measure(argv: list[str], cwd: Path, runs: int, env: dict[str, str] | None = None, setup: Callable[[], None] | None = None) -> tuple[float, float, float]:
    """Median wall time of ARGV over RUNS whole-process runs, its peak memory in MiB and its median CPU time
    (user and system: what a busy machine does not inflate); SETUP runs untimed before each."""
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"benchmark command failed: {' '.join(argv)}")
    return statistics.median(times), max(peaks), statistics.median(cpus)


def make_repo(root: Path, n: int, changed: int = CHANGED) -> Path:
    """A git repository with rev1 (N articles) and rev2 (CHANGED of them edited)."""
    repo = root / f"text-{n}"
    files = synth.write_text(n, repo / "articles")
    git = ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "rev1"], check=True)
    subprocess.run([*git, "tag", "rev1"], check=True)
    synth.edit_text(files, percent=100 * changed / n)
    subprocess.run([*git, "commit", "-qam", "rev2"], check=True)
    subprocess.run([*git, "tag", "rev2"], check=True)
    return repo


def bench_size(repo: Path, n: int, runs: int) -> list[Timing]:
    out = repo / "out"
    cases = [
        ("jsitext --help", [JSITEXT, "--help"], "< 0.25 s"),
        ("check", [JSITEXT, "check", "articles"], "< 1 s at 1,000"),
        ("build md,html", [JSITEXT, "build", "articles", "--format", "md,html", "--output", str(out)], "< 2 s at 1,000"),
        ("build docx", [JSITEXT, "build", "articles", "--format", "docx", "--output", str(out)], "< 3 s at 1,000"),
        ("build akn", [JSITEXT, "build", "articles", "--format", "akn", "--output", str(out)], "within 3x build docx"),
        ("positions xlsx", [JSITEXT, "positions", "articles", "--output", str(out / "positions.xlsx")], "within 3x build docx"),
        ("diff json", [JSITEXT, "diff", "rev1", "rev2", "--format", "json"], "< 0.6 s at 1,000"),
        ("diff text", [JSITEXT, "diff", "rev1", "rev2"], ""),
        ("peer: git diff --word-diff", ["git", "diff", "--word-diff", "rev1", "rev2"], ""),
    ]
    # The diff's glimpse cache is warmed by its first run; its cold cost (a fresh clone,
    # as in CI) is measured apart, with the cache off.
    measure([JSITEXT, "diff", "rev1", "rev2", "--format", "json"], repo, 1)
    timings = [Timing(label, n, *measure(argv, repo, runs), target) for label, argv, target in cases]
    cold = measure([JSITEXT, "diff", "rev1", "rev2", "--format", "json"], repo, runs, {"JSITEXT_NO_CACHE": "1"})
    timings.insert(7, Timing("diff json, no cache (cold)", n, *cold))
    if n <= PDF_UP_TO:  # no larger text: a minute a run at 5,000 articles
        pdf = [JSITEXT, "build", "articles", "--format", "pdf", "--output", str(out)]
        timings.insert(5, Timing("build pdf", n, *measure(pdf, repo, min(runs, 3)), "within 3x build docx"))
    timings.extend(fmt_timings(repo, n, runs))
    timings.extend(import_timings(repo, out, n, runs))
    timings.extend(pandoc_timings(repo, out, n, runs))
    return timings


def import_timings(repo: Path, out: Path, n: int, runs: int) -> list[Timing]:
    """``jsitext import`` of the text built to Word, into a fresh folder each run: as built (its own
    output, taken back exactly) and with one article edited (the page compared article by article)."""
    measure([JSITEXT, "build", "articles", "--format", "docx", "--output", str(out)], repo, 1)
    built, edited, target = out / "consolidated.docx", out / "edited.docx", repo / "imported"
    edited.write_bytes(_one_article_edited(built.read_bytes()))
    cases = [("import docx (own build)", built, "< 5 s at 1,000; < 1 GiB at 5,000"), ("import docx (one article edited)", edited, "")]
    return [
        Timing(
            label,
            n,
            *measure([JSITEXT, "import", str(docx), "--output", str(target)], repo, runs, setup=lambda: shutil.rmtree(target, ignore_errors=True)),
            goal,
        )
        for label, docx, goal in cases
    ]


def _one_article_edited(docx: bytes) -> bytes:
    """DOCX with one letter of one article changed, as a co-convenor's correction (its other parts as built)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = {info: source.read(info) for info in source.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries.items():
            if info.filename == "word/document.xml":
                at = data.index(b"measures", len(data) // 2)
                data = data[:at] + b"n" + data[at + 1 :]
            target.writestr(info, data)
    return out.getvalue()


def fmt_timings(repo: Path, n: int, runs: int) -> list[Timing]:
    """fmt on the synthetic text as written (every file is reformatted: synth writes long lines) and once it is canonical."""
    work = repo / "fmt-work"

    def fresh_copy() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(repo / "articles", work)

    argv = [JSITEXT, "fmt", str(work)]
    everything = measure(argv, repo, runs, setup=fresh_copy)
    measure(argv, repo, 1)  # now canonical
    nothing = measure(argv, repo, runs)
    return [
        Timing("fmt, every file to reformat", n, *everything, "< 10 s at 1,000"),
        Timing("fmt, nothing to reformat", n, *nothing, "< 3 s at 1,000"),
    ]


def make_history(root: Path, n: int, revisions: int = REVISIONS, changed: int = CHANGED) -> Path:
    """A git repository with REVISIONS tagged revisions of an N-article text, CHANGED articles edited in each."""
    repo = root / f"history-{n}"
    files = synth.write_text(n, repo / "articles")
    git = ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    for r in range(1, revisions + 1):
        if r > 1:
            synth.edit_text(files, percent=100 * changed / n, seed=r)
        subprocess.run([*git, "commit", "-qam", f"revision {r}"], check=True)
        subprocess.run([*git, "tag", f"rev{r:03d}"], check=True)
    return repo


def progress_timings(root: Path, n: int, runs: int) -> list[Timing]:
    repo = make_history(root, n)
    argv = [JSITEXT, "progress", "--format", "json"]
    return [Timing(f"progress, {REVISIONS} revisions", n, *measure(argv, repo, min(runs, 3)), "< 10 s at 1,000")]


def pandoc_timings(repo: Path, out: Path, n: int, runs: int) -> list[Timing]:
    """pandoc turning jsitext's own Markdown into docx and html, when pandoc is installed."""
    pandoc = shutil.which("pandoc")
    markdown = out / "consolidated.md"
    if not pandoc or not markdown.exists():
        return []
    return [
        Timing(f"peer: pandoc md → {fmt}", n, *measure([pandoc, str(markdown), "-o", str(out / f"pandoc.{fmt}")], repo, max(1, runs // 2)))
        for fmt in ("docx", "html")
    ]


#: The filters timed in the reader, in headless Chromium (at 1,000 articles).
READER_FILTERS = (
    "#status=parked",
    "#status=open,parked",
    "#section=C",
    "#member=EU",
    "#member=CN&hide",
    "#q=shall",
    "#q=source%20code",
    "#view=clean",
    "#changed",
)
#: One filter applied, timed until the page has been drawn: the script's call, then the next
#: animation frame (its callbacks run before the frame's style, layout and paint) and a task
#: queued from it (run once that frame is done).  What the script deferred to after the frame
#: (the footnotes, the highlights past the first 100) is not counted; what it queued before is.
_APPLY = """const done = arguments[arguments.length - 1]; const t = performance.now();
jsitextReader.apply(arguments[0]); const script = performance.now() - t;
requestAnimationFrame(() => setTimeout(() => done([script / 1000, (performance.now() - t) / 1000]), 0));"""
#: The words, the members' hooks and the clean copy are prepared when the page is idle: wait for them.
_INDEXED = "const done = arguments[0]; const poll = () => (jsitextReader.indexed ? done(true) : setTimeout(poll, 50)); poll();"


def reader_timings(repo: Path, n: int, runs: int) -> tuple[list[Timing], list[str]]:
    """``build --format reader --since rev1``; the file's size beside the html page's; and each
    filter of READER_FILTERS applied in headless Chromium (the median of RUNS, after one run to warm)."""
    out = repo / "out-reader"
    argv = [JSITEXT, "build", "articles", "--format", "html,reader", "--since", "rev1", "--output", str(out)]
    timings = [Timing("build html,reader --since", n, *measure(argv, repo, runs), "")]
    page = out / "consolidated-reader.html"
    ratio = page.stat().st_size / (out / "consolidated.html").stat().st_size
    lines = [f"- {n:,} articles: the reader is {page.stat().st_size / 2**20:.1f} MiB, {ratio:.2f}× the html page (target ≤ 2×)"]
    try:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from clients.programs import start_chromium

        driver = start_chromium(Path(tempfile.mkdtemp(prefix="jsitext-bench-chromium-")))
    except BaseException as err:  # pytest's skip when no browser: the rest of the benchmark goes on
        print(f"reader filters not timed: {err}", file=sys.stderr)
        return timings, lines
    try:
        driver.set_script_timeout(600)
        driver.set_window_size(1280, 900)
        driver.get(page.as_uri())
        driver.execute_async_script(_INDEXED)
        scripts = []
        for fragment in READER_FILTERS:
            seconds = []
            for _ in range(runs + 1):
                seconds.append(driver.execute_async_script(_APPLY, fragment))
                driver.execute_async_script(_APPLY, "")
            timings.append(Timing(f"reader {fragment} (Chromium)", n, statistics.median(s[1] for s in seconds[1:]), 0.0, 0.0, "< 0.1 s"))
            scripts.append(statistics.median(s[0] for s in seconds[1:]))
        lines.append(
            f"- the reader's filters: median of {runs} after one to warm, until the next frame was drawn;"
            f" the script's own part {min(scripts) * 1000:.0f}–{max(scripts) * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        driver.quit()
    return timings, lines


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(timings: list[Timing]) -> str:
    rows = ["| what | articles | median (s) | CPU (s) | peak memory (MiB) | target |", "|---|---:|---:|---:|---:|---|"]
    rows += [f"| {t.label} | {t.size:,} | {t.seconds:.3f} | {t.cpu:.3f} | {t.peak_mib:.0f} | {t.target} |" for t in timings]
    return "\n".join(rows)


def ratios(timings: list[Timing]) -> list[str]:
    """How jsitext compares with its peers, and how the diff follows the change."""
    by = {(t.label, t.size): t.seconds for t in timings}
    lines = []
    for size in sorted({t.size for t in timings}):
        for ours, peer in (("build docx", "peer: pandoc md → docx"), ("build md,html", "peer: pandoc md → html"), ("diff json", "peer: git diff --word-diff")):
            if (ours, size) in by and (peer, size) in by and by[(peer, size)] > 0:
                lines.append(f"- {size:,} articles: {ours} takes {by[(ours, size)] / by[(peer, size)]:.1f}× the time of {peer.removeprefix('peer: ')}")
        for ours in ("build akn", "positions xlsx", "build pdf"):
            if (ours, size) in by and ("build docx", size) in by:
                lines.append(f"- {size:,} articles: {ours} takes {by[(ours, size)] / by[('build docx', size)]:.1f}× the time of build docx (target ≤ 3×)")
    if ("diff json", 1000) in by and ("diff json", 4000) in by:
        lines.append(
            f"- the same {CHANGED} changes: diff json at 4,000 articles takes {by[('diff json', 4000)] / by[('diff json', 1000)]:.2f}× its time at 1,000 (target ≤ 1.2×)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark jsitext on synthetic texts.")
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the repositories here and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if 1000 in sizes and 4000 not in sizes:
        sizes.append(4000)
    root = args.keep or Path(tempfile.mkdtemp(prefix="jsitext-bench-"))
    timings: list[Timing] = []
    reader_notes: list[str] = []
    try:
        for n in sizes:
            print(f"benchmarking {n:,} articles ...", file=sys.stderr)
            repo = make_repo(root, n)
            if n == 4000:
                timings.extend(t for t in bench_size(repo, n, args.runs) if t.label.startswith("diff json"))
            else:
                timings.extend(bench_size(repo, n, args.runs))
            if n == 1000:
                timings.extend(progress_timings(root, n, args.runs))
                reader, notes = reader_timings(repo, n, args.runs)
                timings.extend(reader)
                reader_notes.extend(notes)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Machine: {machine()}. Medians of {args.runs} whole-process runs (progress: of up to 3); CPU is user plus system time,"
            " which other work on the machine does not inflate; peak memory is the process's maximum resident set.",
            "",
            table(timings),
            "",
            *ratios(timings),
            *reader_notes,
            "",
        ]
    )
    print(report)
    (HERE / "results.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
