"""What people and machines read: values and file names are text in every medium (issue 12 §4).

Each case is a text (and for some, a git tag) carrying something that a Markdown
viewer, a browser, a terminal or GitHub Actions would act on, and the command whose
output must show it as text: ``absent`` (a regular expression: the live form) must
not match the output, ``present`` (its escaped form) must appear in it.  A new case is a new row.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, OUTLINE, needs_git, run_in_process, write_text
from hostile.kit import git as _git

IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
#: A file name that, printed raw on a line of its own, is a GitHub Actions annotation.
FORGED = "x\n::error file=a.yaml,line=1::forged"
ESC = "\x1b[31mred\x1b[0m"
#: The element, not preceded by the backslash that makes it literal Markdown.
LIVE_IMG, LIVE_SVG = r"(?<!\\)<img", r"(?<!\\)<svg"


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    absent: str
    present: str
    outline: str = OUTLINE
    article: str = GOOD_ARTICLE
    #: Other files of the articles folder: {file name: content}.
    files: dict[str, str] = field(default_factory=dict)


CASES = {
    "stats-md-section-title": Case(("stats", "{text}", "--format", "md"), LIVE_IMG, "\\<img", outline=OUTLINE.replace("title: S", f'title: "{IMG}"')),
    "stats-md-member-name": Case(
        ("stats", "{text}", "--format", "md"),
        LIVE_SVG,
        "\\<svg onload=alert(1)\\>",
        article=GOOD_ARTICLE.replace("{US}", "{XX}"),
        files={"members.yaml": f'members:\n  XX: "{SVG}"\n'},
    ),
    "fmt-esc-in-file-name": Case(
        ("fmt", "{text}", "--check"), "\x1b", "\\x1b[31mred\\x1b[0m.yaml", files={f"{ESC}.yaml": "title:   Scope\nparagraphs:\n- text: x\n"}
    ),
    "progress-md-date": Case(
        ("progress", "--path", "{name}", "--format", "md"), LIVE_IMG, "\\<img", outline=OUTLINE.replace("title: T\n", f'title: T\ndate: "{IMG}"\n')
    ),
    "check-text-newline-in-file-name": Case(
        ("check", "{text}"), "\n::error", "x\\n::error file=a.yaml,line=1::forged.yaml", files={f"{FORGED}.yaml": GOOD_ARTICLE}
    ),
    "check-github-newline-in-file-name": Case(
        ("check", "{text}", "--format", "github"), "\n::error file=a", "x%0A%3A%3Aerror", files={f"{FORGED}.yaml": GOOD_ARTICLE}
    ),
    "check-text-esc-in-file-name": Case(("check", "{text}"), "\x1b", "\\x1b[31mred\\x1b[0m.yaml", files={f"{ESC}.yaml": GOOD_ARTICLE}),
    "check-github-esc-in-file-name": Case(("check", "{text}", "--format", "github"), "\x1b", "\\x1b[31mred\\x1b[0m.yaml", files={f"{ESC}.yaml": GOOD_ARTICLE}),
    "check-json-esc-in-file-name": Case(("check", "{text}", "--format", "json"), "\x1b", "\\u001b[31mred", files={f"{ESC}.yaml": GOOD_ARTICLE}),
    "diff-md-title": Case(
        ("diff", "{before}", "{text}", "--format", "md"), LIVE_IMG, "\\<img", article=GOOD_ARTICLE.replace("title: Scope", f'title: "{IMG}"')
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_values_and_file_names_stay_text(tmp_path: Path, monkeypatch, capsys, case: Case) -> None:
    folder = write_text(tmp_path / "articles", case.article, outline=case.outline)
    for name, content in case.files.items():
        (folder / name).write_text(content, encoding="utf-8")
    before = write_text(tmp_path / "before")
    monkeypatch.chdir(tmp_path)  # progress charts the working tree of the current folder
    argv = [a.format(text=folder, name=folder.name, before=before) for a in case.argv]
    run = run_in_process(capsys, *argv)
    assert "Traceback" not in run.both and "internal error" not in run.both, run.both
    assert not re.search(case.absent, run.out), run.out
    assert case.present in run.out, run.out


# -- git tags ---------------------------------------------------------------------------------
TAG = "<svg/onload=alert(1)>"


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Path:
    """A repository whose one tag is named like an HTML element."""
    root = tmp_path_factory.mktemp("tagged")
    _git(root, "init", "-q", "-b", "main")
    write_text(root / "articles")
    _git(root, "add", "articles")
    _git(root, "commit", "-q", "-m", "Rev.1")
    _git(root, "tag", TAG)
    return root


@needs_git
def test_a_tag_name_is_text_in_the_markdown_progress(tagged: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tagged)
    run = run_in_process(capsys, "progress", "--format", "md")
    assert run.code == 0, run.both
    assert not re.search(LIVE_SVG, run.out) and "\\<svg/onload=alert(1)\\>" in run.out


@needs_git
def test_a_tag_name_is_text_in_the_svg_chart(tagged: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tagged)
    run = run_in_process(capsys, "progress", "--format", "svg")
    root = ET.fromstring(run.out)
    assert [e for e in root.iter() if e.tag.endswith("}svg")] == [root]  # no element smuggled in
    assert any(TAG in (e.text or "") for e in root.iter())


def test_a_folder_name_is_text_in_what_diff_says_on_stderr(tmp_path: Path, capsys) -> None:
    """A side's label is the folder as given: stderr names it with its control characters made visible."""
    old = write_text(tmp_path / ESC, "title: Scope\nparagraphs: [\n")  # a.yaml does not load: the side is named on stderr
    new = write_text(tmp_path / "new")
    run = run_in_process(capsys, "diff", old, new)
    assert run.code == 1, run.both
    assert "\x1b" not in run.err and "\\x1b[31mred\\x1b[0m" in run.err, run.err
