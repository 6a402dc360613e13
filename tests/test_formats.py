"""The one format registry: every command parses, checks, describes and names its outputs through it."""

from __future__ import annotations

import pytest

from jsitext import formats
from jsitext.errors import UsageError


@pytest.mark.parametrize("entry", formats.FORMATS, ids=lambda f: f"{f.renders}-{f.name}")
def test_every_renderer_is_a_function_that_exists(entry):
    if entry.renders in ("problems", "members"):
        assert entry.renderer == ""  # printed by the command itself
    else:
        assert callable(entry.function())


def test_names_are_unique_within_what_they_render():
    keys = [(f.renders, f.name) for f in formats.FORMATS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("renders", "choices"),
    [
        ("text", "md, html, docx, txt, json, pdf, akn, reader"),
        ("diff", "text, json, md, html, docx, pdf"),
        ("progress", "text, json, md, svg"),
        ("stats", "text, json, md"),
    ],
)
def test_one_message_for_an_unknown_format(renders, choices):
    with pytest.raises(UsageError) as raised:
        formats.get("rtf", renders)
    assert str(raised.value) == f"unknown format 'rtf'; choose one of: {choices}"


@pytest.mark.parametrize("renders", ["text", "diff"])
def test_pdf_is_a_binary_format_of_the_build_and_the_diff(renders):
    pdf = formats.get("pdf", renders)
    assert (pdf.suffix, pdf.binary) == (".pdf", True)


def test_a_list_keeps_its_order_and_drops_duplicates():
    assert [f.name for f in formats.parse_list(" HTML,md,,html ", "text")] == ["html", "md"]
    with pytest.raises(UsageError, match="no format given"):
        formats.parse_list(",", "text")


def test_the_output_name_comes_from_the_suffix_not_the_name():
    # A format whose file is not named after it (as akn's .akn.xml or the reader's -reader.html will be).
    reader = formats.Format("reader", "-reader.html", "text", "an interactive reader")
    assert reader.output_name("consolidated-clean") == "consolidated-clean-reader.html"
    assert formats.get("txt", "text").output_name("consolidated") == "consolidated.txt"


def test_help_text_lists_every_format_with_what_it_is():
    assert formats.help_text("progress") == "text (a bar chart, in colour on a terminal), json (JSON), md (Markdown), svg (an SVG chart for slides)"
