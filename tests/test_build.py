"""``jsitext build``: refusal on errors, atomic writes, usage errors, views, escaping."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jsitext.build import build_text
from jsitext.cli import main
from jsitext.errors import UsageError

FIXTURE = Path(__file__).parent / "data" / "build" / "text"


@pytest.fixture
def text(tmp_path: Path) -> Path:
    """A copy of the fixture text that a test may change."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "articles"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["build", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_each_format_and_lists_the_files(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, text, "--format", "md,txt,json", "--output", out_dir)
    assert (code, err) == (0, "")
    assert out == "".join(f"wrote {out_dir / name}\n" for name in ("consolidated.md", "consolidated.txt", "consolidated.json"))
    assert sorted(p.name for p in out_dir.iterdir()) == ["consolidated.json", "consolidated.md", "consolidated.txt"]


def test_views_add_a_suffix_to_the_file_names(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, text, "-f", "md", "-o", tmp_path / "o", "--view", "clean")[0] == 0
    assert run(capsys, text, "-f", "md", "-o", tmp_path / "o", "--view", "member:US")[0] == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["consolidated-clean.md", "consolidated-member-us.md"]


def test_a_text_with_errors_is_refused_and_nothing_is_written(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "consolidated.md").write_text("previous build\n")
    scope = text / "a" / "scope.yaml"
    scope.write_text(scope.read_text().replace("@definitions", "@nowhere"))
    code, out, err = run(capsys, text, "-f", "md", "-o", out_dir)
    assert code == 1
    assert "[unknown-reference]" in out or "nowhere" in out
    assert err == "jsitext: build refused: fix the errors above (jsitext check shows them too)\n"
    assert (out_dir / "consolidated.md").read_text() == "previous build\n"
    assert [p.name for p in out_dir.iterdir()] == ["consolidated.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "md,rtf"], "jsitext: error: unknown format 'rtf'; choose one of: md, html, docx, txt, json, pdf, akn, reader\n"),
        (["--view", "draft"], "jsitext: error: unknown view 'draft'; choose one of: full, clean, member:CODE\n"),
        (["--attribution", "flags"], "jsitext: error: unknown attribution 'flags'; choose one of: codes, names\n"),
        (["--section", "Z"], "jsitext: error: unknown section 'Z'; choose one of: A, A.1, A.2, B\n"),
        (["--view", "member:ZZ"], "jsitext: error: unknown member code 'ZZ' in --view member:CODE (list the codes with `jsitext members`)\n"),
    ],
)
def test_bad_options_are_usage_errors(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, text, "-o", tmp_path / "out", "-f", "md", *args)
    assert (code, out, err) == (2, "", message)
    assert not (tmp_path / "out").exists()


def test_an_output_folder_inside_the_articles_folder_is_refused(text: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, text, "-f", "md", "-o", text / "build")
    assert code == 2
    assert err == f"jsitext: error: {text / 'build'}: the output folder is inside the articles folder {text}; choose another one, e.g. --output build\n"
    assert not (text / "build").exists()


def test_a_template_error_names_the_file_and_line_and_leaves_previous_outputs(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "consolidated.txt.j2").write_text("Title: {{ meta.title }}\n{{ no_such_thing }}\n")
    out_dir = tmp_path / "out"
    assert run(capsys, text, "-f", "md,txt", "-o", out_dir)[0] == 0
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    code, _out, err = run(capsys, text, "-f", "md,txt", "-o", out_dir, "--templates", mine)
    assert code == 2
    assert err == f"jsitext: error: {mine / 'consolidated.txt.j2'}:2: template error: 'no_such_thing' is undefined\n"
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


def test_a_template_syntax_error_names_the_file_and_line(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "consolidated.md.j2").write_text("# {{ meta.title }}\n\n{% for x in %}\n")
    code, _out, err = run(capsys, text, "-f", "md", "-o", tmp_path / "out", "--templates", mine)
    assert code == 2
    assert err.startswith(f"jsitext: error: {mine / 'consolidated.md.j2'}:3: template error: ")


def test_a_users_template_replaces_the_packaged_one(text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "consolidated.md.j2").write_text("{{ meta.symbol }}: {{ doc.articles|length }} articles\n")
    assert run(capsys, text, "-f", "md,txt", "-o", tmp_path / "out", "--templates", mine)[0] == 0
    assert (tmp_path / "out" / "consolidated.md").read_text() == "INF/TEST/1/Rev.2: 5 articles\n"
    assert (tmp_path / "out" / "consolidated.txt").read_text().startswith("INF/TEST/1/Rev.2\n")


def test_an_output_name_taken_by_a_folder_stops_the_build_before_any_write(text: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "consolidated.txt").mkdir()
    with pytest.raises(UsageError, match=r"consolidated\.txt: is a folder; cannot write the output there"):
        build_text(text, formats="md,txt", output_dir=out_dir)
    assert [p.name for p in out_dir.iterdir()] == ["consolidated.txt"]


def test_a_failed_write_leaves_no_temporary_files(text: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jsitext.atomic.os.replace", disk_full)
    with pytest.raises(UsageError, match="No space left on device"):
        build_text(text, formats="md,txt", output_dir=tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_builds_are_byte_identical(text: Path, tmp_path: Path) -> None:
    first = build_text(text, formats="md,html,txt,json", output_dir=tmp_path / "one")
    second = build_text(text, formats="md,html,txt,json", output_dir=tmp_path / "two")
    assert [p.read_bytes() for p in first.written] == [p.read_bytes() for p in second.written]


def test_html_escapes_article_text_and_prints_template_syntax_literally(text: Path, tmp_path: Path) -> None:
    html = (build_text(text, formats="html", output_dir=tmp_path).written[0]).read_text()
    assert "<script>alert" not in html and "<b>administrative" not in html
    assert "Electronic *Signatures* and &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Template text {{ 7*7 }} stays literal" in html and "Consolidated text # {{ 7*7 }}" in html
    assert 'id="article-signatures"' in html and '<a class="reference" href="#article-definitions">Article B.1</a>' in html


def test_html_has_no_tag_that_the_template_did_not_write(text: Path, tmp_path: Path) -> None:
    import re

    html = build_text(text, formats="html", output_dir=tmp_path).written[0].read_text()
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html))
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "dl",
        "dt",
        "dd",
        "nav",
        "ul",
        "li",
        "a",
        "span",
        "table",
    }
    allowed |= {"thead", "tbody", "tfoot", "tr", "th", "td", "main", "section", "article", "div", "sup", "aside", "strong", "code", "ol", "mark"}
    assert tags <= allowed, tags - allowed


def test_markdown_escapes_what_markdown_would_interpret(text: Path, tmp_path: Path) -> None:
    md = build_text(text, formats="md", output_dir=tmp_path).written[0].read_text()
    assert "# Fixture \\*Text\\* on \\<Digital\\> Trade\\_Rules\n" in md
    assert "- (a) \\# prohibit" in md and "- (i) 1\\. before" in md and "- (ii) \\- before \\<b\\>" in md
    assert "\\{\\{ 7\\*7 \\}\\}" in md


def test_plain_text_lines_fit_an_email(text: Path, tmp_path: Path) -> None:
    txt = build_text(text, formats="txt", output_dir=tmp_path).written[0].read_text()
    assert max(len(line) for line in txt.splitlines()) <= 78


def test_member_view_of_a_group_highlights_its_members_proposals(text: Path, tmp_path: Path) -> None:
    html = build_text(text, formats="html", output_dir=tmp_path, view="member:FRIENDS").written[0].read_text()
    assert 'id="article-signatures"' in html and 'id="article-payments"' in html
    assert 'id="article-exceptions"' not in html
    assert "<mark>the needs of small enterprises" in html or "<mark>Each Party shall take into account" in html


def test_attribution_names_override_the_text(text: Path, tmp_path: Path) -> None:
    md = build_text(text, formats="md", output_dir=tmp_path, attribution="names").written[0].read_text()
    assert "[^12]: Proposed by Friends of Fixtures, Brazil.\n" in md and "Proposed by BR" not in md


def test_json_is_the_documented_object(text: Path, tmp_path: Path) -> None:
    data = json.loads(build_text(text, formats="json", output_dir=tmp_path).written[0].read_text())
    assert list(data)[:5] == ["schema", "title", "subtitle", "symbol", "revision"]
    assert {"title", "symbol", "revision", "date", "sections", "articles"} <= set(data)
    article = data["articles"][1]
    assert {k: article[k] for k in ("id", "number", "title", "status", "section", "brackets")} == {
        "id": "signatures",
        "number": "A.1.2",
        "title": "Electronic *Signatures* and <script>alert(1)</script>",
        "status": "open",
        "section": "A",
        "brackets": 8,
    }
    assert (
        article["paragraphs"][0]["text"]
        == "[Except as provided in its law], a Party shall not deny the legal validity of a signature [solely] on the basis that it is in [electronic / digital] form; see Article A.2.1."
    )
    assert [r["id"] for r in data["annex"]] == ["old-signatures", "withdrawn-idea"]


def test_source_date_epoch_gives_the_date_of_a_text_without_one(text: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = text / "text.yaml"
    outline.write_text(outline.read_text().replace("date: 2024-05-01\n", ""))
    assert "Date:" not in build_text(text, formats="txt", output_dir=tmp_path / "a").written[0].read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "Date:     2023-11-14\n" in build_text(text, formats="txt", output_dir=tmp_path / "b").written[0].read_text()


def test_build_in_a_real_process_is_quiet_when_piped(text: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "jsitext", "build", str(text), "--format", "json", "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {tmp_path / 'out' / 'consolidated.json'}\n", "")


def test_a_section_build_never_overwrites_the_whole_text(text: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    whole = build_text(text, formats="md", output_dir=out)
    part = build_text(text, formats="md", output_dir=out, section="A", view="member:US")
    assert [p.name for p in whole.written] == ["consolidated.md"]
    assert [p.name for p in part.written] == ["consolidated-member-us-section-a.md"]
    assert (out / "consolidated.md").read_bytes() != (out / "consolidated-member-us-section-a.md").read_bytes()


def test_markdown_references_link_to_the_articles_shown(text: Path, tmp_path: Path) -> None:
    md = build_text(text, formats="md", output_dir=tmp_path / "full").written[0].read_text()
    assert '\n<a id="article-payments"></a>\n\n#### Article A.2.1: Electronic Payments\n' in md
    assert "on the basis that it is in \\[electronic[^3] / digital[^4]\\] form; see [Article A.2.1](#article-payments).[^5]" in md
    assert "- Mutual Recognition of Signatures (`old-signatures`): merged into [Article A.1.2](#article-signatures)\n" in md
    clean = build_text(text, formats="md", output_dir=tmp_path / "clean", view="clean").written[0].read_text()
    assert "trade by electronic means, as defined in Article B.1.\n" in clean  # definitions is not in the clean copy
    assert "see [Article A.1.1](#article-scope)." in clean


def test_html_treaty_footnote_markers_show_the_footnote_on_hover(text: Path, tmp_path: Path) -> None:
    long = "Each Party recalls " + "that recognition may be partial, " * 10 + "and nothing more."
    signatures = text / "a" / "signatures.yaml"
    signatures.write_text(signatures.read_text().replace("Recognition may be partial.", long))
    html = build_text(text, formats="html", output_dir=tmp_path).written[0].read_text()
    assert '<sup class="fnref" id="fnref-5"><a href="#fn-5" title="For greater certainty, this paragraph covers *all* signatures_ever.">5</a></sup>' in html
    title = "Each Party recalls " + "that recognition may be partial, " * 5 + "that…"
    assert len(title) <= 200
    assert f'<sup class="fnref" id="fnref-11"><a href="#fn-11" title="{title}">11</a></sup>' in html


def test_a_footnote_title_of_one_long_word_is_cut_where_it_falls() -> None:
    from jsitext.render.inline import footnote_title
    from jsitext.render.resolve import Segment

    assert footnote_title((Segment("text", "x" * 300),)) == "x" * 199 + "…"
    assert footnote_title((Segment("text", "See\n  "), Segment("reference", "Article B.1", target="b"), Segment("attribution", "JP"))) == "See Article B.1{JP}"


def test_plain_text_member_view_marks_the_members_proposals(text: Path, tmp_path: Path) -> None:
    txt = build_text(text, formats="txt", output_dir=tmp_path, view="member:FRIENDS").written[0].read_text()
    assert "View:     articles with proposals of FRIENDS (marked »like this«)\n" in txt
    assert "[»electronic«³ / digital⁴] form" in txt  # an option of JP's, a member of FRIENDS
    assert "determining [the »[appropriate]«⁶ methods]⁷;\n" in txt
    assert "3.   Alt 1: [»The Parties shall encourage interoperable authentication.«]⁸\n" in txt
    assert "Alt 2: [Each Party shall work towards mutual recognition [of seals]⁹ and" in txt
    assert "4.   [»Each Party shall take into account the needs of small enterprises.«]¹²\n" in txt
    assert "available »[within\n     [X] days]«¹³." in txt  # SG's bracket, its nested bracket inside the mark
    full = build_text(text, formats="txt", output_dir=tmp_path / "full").written[0].read_text()
    assert "»" not in full and "«" not in full


def test_plain_text_marks_sit_inside_the_spaces_around_the_members_text() -> None:
    from jsitext.render.inline import txt_segments
    from jsitext.render.resolve import Segment

    segments = (Segment("text", "a "), Segment("text", " b ", mine=True), Segment("attribution", "JP", note=3, mine=True), Segment("text", "c"))
    assert txt_segments(segments) == "a  »b« ³c"


CLEAN_AND_PARKED = {
    "text.yaml": "title: T\nsections:\n  - id: A\n    title: S\n    subsections:\n      - {id: A.1, title: One, articles: [a]}\n      - {id: A.2, title: Two, articles: [b]}\n",
    "a.yaml": """\
title: Parked
status: parked
note: Settled in the small group [with JP]{JP}.
paragraphs:
  - text: Each Party shall publish its measures[ promptly]{US} and[ in [X] days]{CN}.
    footnote: For greater certainty[, including regulations]{EU}.
  - proponents: [JP]
    text: A proposed paragraph.
  - alternatives:
      - {proponents: [US], text: One way.}
      - {proponents: [CN], text: Another way.}
  - text: "Parties cooperate[ closely]{US}:"
    items:
      - text: "[an item only proposed]{KR}"
      - text: an agreed item
      - text: an item that [shall{US} | may{CN}] be chosen
  - text: Parties [shall{US} | may{CN}] exchange views.
""",
    "b.yaml": "title: Open\nparagraphs:\n  - text: Nothing agreed[ yet]{US}.\n",
}


def test_the_clean_copy_prints_agreed_text_only_and_no_empty_heading(make_text, tmp_path: Path) -> None:
    root = make_text(CLEAN_AND_PARKED)
    assert build_text(root, formats=["txt"], output_dir=tmp_path / "out", view="clean").written
    printed = (tmp_path / "out" / "consolidated-clean.txt").read_text(encoding="utf-8")
    body = printed[printed.index("Section A") :]
    assert "1.   Each Party shall publish its measures and." in body
    assert "Parties cooperate:" in body and "(b)  an agreed item" in body
    assert "For greater certainty." in body
    # A text that cannot stand without an open choice is left out whole, not printed as "Parties exchange views".
    for unagreed in ("[", "]", "{", "promptly", "proposed", "Alt", "way", "item only", "chosen", "exchange", "Proposed by", "Note", "A.2"):
        assert unagreed not in body, unagreed


def test_html_puts_a_comma_between_footnote_marks_only_where_they_touch(make_text, tmp_path: Path) -> None:
    root = make_text(
        {
            "text.yaml": "title: T\nsections:\n  - id: A\n    title: S\n    articles: [a]\n",
            "a.yaml": "title: A\nparagraphs:\n  - text: The WTO[ rules]{US}. Each[ Party]{JP}\n    footnote: A treaty footnote.\n",
        }
    )
    build_text(root, formats=["html"], output_dir=tmp_path / "out")
    page = (tmp_path / "out" / "consolidated.html").read_text(encoding="utf-8")
    assert "fnref + .fnref" not in page  # a sibling rule fires across text: "WTO]¹.,²"
    assert re.search(r'fn-1".*?</sup>\.', page)  # "rules]¹." : text between, no comma
    assert re.search(r'fn-2".*?</sup><sup class="fnsep">,</sup><sup class="fnref" id="fnref-3"', page)


def test_the_print_header_quotes_the_symbol_safely() -> None:
    from jsitext.render.html import css_string

    quoted = str(css_string('INF/1"; } </style><script>x</script>'))
    assert quoted.startswith('"INF/1\\22 ') and quoted.endswith('"')
    assert not set(quoted[1:-1]) & set("\"';{}<>")
