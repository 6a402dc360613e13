"""Markup at its edges, and text that would inject HTML, Jinja, Markdown or bad XML into an output."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from hostile.kit import assert_refused, run_in_process

# Hebrew, Arabic, an 'e' and an 'n' with combining accents, and a right-to-left mark.
SCRIPTS = "טקסט עברי والعربية e\u0301 n\u0303 \u200fok"
JINJA = "{{ 7*7 }}"
TITLE = "<script>alert('title')</script> {{ 7*7 }} {% if 1 %}**x**{% endif %}"
# In markup a brace is escaped: the value reads "{{ 7*7 }}" once parsed.
TEXT = r"<img src=x onerror=alert(1)> &amp; \{\{ 7*7 \}\} \{% raw %\} *star* _under_ `tick` # hash > quote ~~s~~ " + SCRIPTS + r" [<b>bold</b>|<i>x</i>]{US}"
ARTICLE = f"title: \"{TITLE}\"\nparagraphs:\n  - text: '{TEXT}'\n    footnote: '<u>note</u> \\{{\\{{ 7*7 \\}}\\}}'\n"
FORMATS = ("md", "html", "txt", "json", "docx")


@pytest.mark.parametrize(
    ("value", "where", "code"),
    [
        ("ends with [", "a.yaml:3:22:", "unclosed-bracket"),
        ("ends with \\", "a.yaml:3:22:", "invalid-escape"),
        ("{}", "a.yaml:3:12:", "misplaced-attribution"),
        ("a | b", "a.yaml:3:14:", "misplaced-attribution"),
        ("mail me @", "a.yaml:3:20:", "invalid-reference"),
        ("an \\q escape", "a.yaml:3:15:", "invalid-escape"),
        ("[]", "a.yaml:3:12:", "empty-bracket"),
        ("[a]{}", "a.yaml:3:15:", "invalid-attribution"),
        ("[a]{US", "a.yaml:3:15:", "invalid-attribution"),
        ("]", "a.yaml:3:12:", "unmatched-closing-bracket"),
    ],
    ids=[
        "open-at-end",
        "backslash-at-end",
        "braces-alone",
        "bar-outside",
        "at-alone",
        "unknown-escape",
        "empty",
        "empty-attribution",
        "unclosed-attribution",
        "lone-close",
    ],
)
def test_markup_at_its_edges_is_a_finding_at_its_place(text, capsys, value: str, where: str, code: str) -> None:
    run = run_in_process(capsys, "check", text(f"title: Scope\nparagraphs:\n  - text: '{value}'\n"))
    assert_refused(run, codes=(1,), where=where, says=f"[{code}]")


@pytest.fixture
def built(text, tmp_path: Path, capsys) -> dict[str, str]:
    """The hostile article built in every format: {format: the output as text (docx: its XML)}."""
    run = run_in_process(capsys, "build", text(ARTICLE), "-o", tmp_path / "out", "-f", ",".join(FORMATS))
    assert run.code == 0, run.both
    outputs = {fmt: (tmp_path / "out" / f"consolidated.{fmt}").read_bytes() for fmt in FORMATS}
    with zipfile.ZipFile(tmp_path / "out" / "consolidated.docx") as docx:
        parts = {name: docx.read(name) for name in docx.namelist() if name.endswith((".xml", ".rels"))}
    for xml in parts.values():
        ElementTree.fromstring(xml)  # every part of the Word file is well-formed XML
    shown = {fmt: data.decode("utf-8") for fmt, data in outputs.items() if fmt != "docx"}
    shown["docx"] = "".join(t.text or "" for xml in parts.values() for t in ElementTree.fromstring(xml).iter() if t.tag.endswith("}t"))
    return shown


def test_jinja_in_the_text_is_printed_literally_in_every_format(built: dict[str, str]) -> None:
    """Evaluated, the three '{{ 7*7 }}' (title, text, footnote) would read 49, and '{% if %}' would vanish."""
    for fmt, output in built.items():
        if fmt == "md":
            assert output.count("\\{\\{ 7\\*7 \\}\\}") >= 3 and "\\{% if 1 %\\}" in output
        else:
            assert output.count(JINJA) >= 3 and "{% if 1 %}" in output, fmt


def test_html_in_titles_and_text_is_escaped_in_html(built: dict[str, str]) -> None:
    html = built["html"]
    for raw in ("<script>alert", "<img src=x", "<b>bold", "<i>x", "<u>note"):
        assert raw not in html
    for escaped in ("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&amp;amp;", "&lt;b&gt;bold&lt;/b&gt;"):
        assert escaped in html


def test_markdown_control_characters_are_escaped_in_md(built: dict[str, str]) -> None:
    md = built["md"]
    for escaped in ("\\*star\\*", "\\_under\\_", "\\`tick\\`", "\\# hash", "\\> quote", "\\~\\~s\\~\\~", "\\<script\\>"):
        assert escaped in md, escaped


def test_right_to_left_and_combining_characters_are_kept_in_every_format(built: dict[str, str]) -> None:
    for fmt, output in built.items():
        assert SCRIPTS in (json.dumps(json.loads(output), ensure_ascii=False) if fmt == "json" else output), fmt


def test_characters_word_cannot_hold_are_refused_and_no_docx_is_written(text, tmp_path: Path, capsys) -> None:
    article = 'title: "Scope \\uFFFE"\nparagraphs:\n  - text: "form\\ffeed"\n'
    run = run_in_process(capsys, "build", text(article), "-o", tmp_path / "out", "-f", "docx")
    assert_refused(run, codes=(1,), where="a.yaml:1:15:", says="control character U+FFFE, written as an escape, is not allowed")
    assert "a.yaml:3:16: error: control character U+000C" in run.out
    assert not (tmp_path / "out").exists()


def test_html_in_changed_text_is_escaped_in_the_diff_html(text, tmp_path: Path, capsys) -> None:
    old = text("title: Scope\nparagraphs:\n  - text: 'Each Party shall act.'\n", name="old")
    new = text(ARTICLE, name="new")
    run = run_in_process(capsys, "diff", old, new, "--format", "html")
    assert run.code == 0, run.both
    assert "<script>alert" not in run.out and "<img src=x" not in run.out
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in run.out
    assert JINJA in run.out and "49" not in run.out.replace(str(tmp_path), "")  # pytest's folder may be "pytest-49x"


def test_html_and_css_in_titles_and_text_cannot_break_the_pdf(text, tmp_path: Path, capsys) -> None:
    """The page's print stylesheet is added at </head> and its footnotes moved in its tree: a
    title or text that closes the style, the head or a footnote stays text, and every page shows."""
    from clients.programs import pdf_text

    title = "</style></head><style>body { display: none }</style> <b>Bold</b>"
    escaped = title.replace("{", "\\{").replace("}", "\\}")  # a brace is markup: escaped, it is a brace
    article = (
        f"title: '{escaped}'\nparagraphs:\n  - text: '<sup class=\"fnref\" id=\"fnref-1\">9</sup> [<i>x</i>]{{US}}'\n"
        f"    footnote: '</li></ol></section> {escaped}'\n"
    )
    run = run_in_process(capsys, "build", text(article), "-o", tmp_path / "out", "-f", "pdf")
    assert run.code == 0, run.both
    shown = " ".join(" ".join(pdf_text(tmp_path / "out" / "consolidated.pdf")).split())
    for literal in (title, '<sup class="fnref" id="fnref-1">9</sup> [<i>x</i>]', f"</li></ol></section> {title}", "Proposed by US"):
        assert literal in shown, literal


def test_typst_markup_in_titles_notes_and_text_stays_text_in_the_pdf(text, tmp_path: Path, capsys) -> None:
    """The PDF is laid out by Typst: every text is a Typst string, so its markup, code, labels,
    quotes and backslashes are printed as they are, and the layout is not changed by them."""
    from clients.programs import pdf_text

    typst = '#set page(width: 1pt) *bold* _em_ $x_2$ <l0> #ref(<l0>) // not a comment " /* #pagebreak() -- ...'
    quoted = typst.replace("'", "''")
    article = f"title: '{quoted}'\nparagraphs:\n  - text: '{quoted} [shall | may]{{US}}'\n    footnote: '{quoted}'\n"
    run = run_in_process(capsys, "build", text(article), "-o", tmp_path / "out", "-f", "pdf")
    assert run.code == 0, run.both
    pages = pdf_text(tmp_path / "out" / "consolidated.pdf")
    shown = " ".join(" ".join(pages).split())
    assert shown.count(typst) >= 3, shown  # the title (heading and contents), the text, the footnote
