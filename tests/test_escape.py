"""One escaper per medium (jsitext.escape), each tested once here; the commands' outputs in tests/hostile."""

from __future__ import annotations

import pytest

from jsitext import escape


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Scope", "Scope"),
        ("a\tb", "a\tb"),
        ("\x1b[2Jgone", "\\x1b[2Jgone"),
        ("two\nlines\r", "two\\nlines\\r"),
        ("csi \x9b and del \x7f", "csi \\x9b and del \\x7f"),
        ("line\u2028sep", "line\\u2028sep"),
    ],
)
def test_visible(text, shown):
    assert escape.visible(text) == shown


@pytest.mark.parametrize(
    ("text", "line_start", "shown"),
    [
        ("plain words", True, "plain words"),
        ("<img src=x onerror=alert(1)>", True, "\\<img src=x onerror=alert(1)\\>"),
        ("a | b *c* [d](e) `f` ~g~ #h", True, "a \\| b \\*c\\* \\[d\\](e) \\`f\\` \\~g\\~ \\#h"),
        ("&amp; & x", True, "&amp;amp; & x"),
        ("- item", True, "\\- item"),
        ("12. point", True, "12\\. point"),
        ("- item", False, "- item"),
        ("+3", False, "+3"),
        ("title\r# heading", True, "title \\# heading"),  # CR ends a line in CommonMark: folded
        ("one\n\n  two", True, "one two"),
        ("esc \x1b here", True, "esc \\\\x1b here"),
    ],
)
def test_markdown(text, line_start, shown):
    assert escape.markdown(text, line_start=line_start) == shown


def test_html_as_markupsafe_writes_it():
    from markupsafe import escape as markupsafe_escape

    text = "<a href=\"x\" title='y'>&</a>"
    assert escape.html(text) == str(markupsafe_escape(text))


def test_xml_escapes_and_drops_what_xml_cannot_hold():
    assert escape.xml_text('<a b="c">&\x00\x1b\ufffe') == '&lt;a b="c"&gt;&amp;'
    assert escape.xml_attribute('say "hi" & <go>') == "say &quot;hi&quot; &amp; &lt;go&gt;"


def test_xml_keeps_every_character_xml_holds_and_drops_every_other():
    def unescaped(text: str) -> str:  # without what is escaped rather than dropped
        return text.replace("&", "").replace("<", "").replace(">", "").replace('"', "")

    every = "".join(map(chr, range(0x110000)))
    held = unescaped("\t\n\r" + every[0x20:0xD800] + every[0xE000:0xFFFE] + every[0x10000:])  # XML 1.0's Char production
    assert escape.xml_text(unescaped(every)) == held
    assert escape.xml_attribute(unescaped(every)) == held
    assert escape.xml_text(held) == held  # nothing to do: the text as it is


def test_github_workflow_commands():
    assert escape.github_data("50%\nline\x1b") == "50%25%0Aline\\x1b"
    assert escape.github_property("a.yaml,line=1::x") == "a.yaml%2Cline=1%3A%3Ax"
