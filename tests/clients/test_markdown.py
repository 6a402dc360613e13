"""Every Markdown output through a CommonMark/GFM renderer (markdown-it-py with GFM's tables,
strikethrough and footnotes): nothing meant as markup is left as literal characters."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

OUTPUTS = ["consolidated.md", "consolidated-clean.md", "consolidated-member-eu.md", "consolidated-section-b.md"]


def gfm(source: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(footnote_plugin).render(source)


class _Text(HTMLParser):
    """The text a reader sees, and the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def seen(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def assert_no_literal_markup(source: str) -> _Text:
    page = seen(gfm(source))
    text = "".join(page.text)
    for literal in ("~~", "\\", "<ins>", "<del>", "[^", "**"):
        assert literal not in text, f"{literal!r} shown as text: …{text[max(0, text.find(literal) - 60) : text.find(literal) + 60]}…"
    return page


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_build_renders_without_literal_markup(built: Path, name: str) -> None:
    source = (built / name).read_text(encoding="utf-8")
    page = assert_no_literal_markup(source)
    assert page.tags.count("h4") + page.tags.count("h3") >= 1
    marks = set(re.findall(r"\[\^(\d+)\](?!:)", source))
    assert marks == set(re.findall(r"^\[\^(\d+)\]:", source, re.M)), "every footnote mark has its footnote"


def test_the_diff_redline_renders_deletions_and_insertions(diffed: Path) -> None:
    source = (diffed / "redline.md").read_text(encoding="utf-8")
    page = assert_no_literal_markup(source)
    deleted = page.tags.count("del") + page.tags.count("s")
    assert deleted == source.count("<del>") + source.count("~~") // 2 and deleted > 5
    assert page.tags.count("ins") == source.count("<ins>") > 5
