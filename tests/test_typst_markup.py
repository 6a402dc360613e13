"""The html page as Typst markup (render/typst_markup.py): what the PDF's layout relies on."""

from __future__ import annotations

from jsitext.render.pdf import CONSOLIDATED
from jsitext.render.typst_markup import typst_body

PAGE = """<!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style></head><body>
<main><div class="paragraph agreed"><span class="label">1.</span> Each Party
<span class="bracket depth-1"><span class="edge">[</span>shall <span class="bracket depth-2"><span class="edge">[</span>promptly<span class="edge">]</span></span>
<sup class="fnref" id="fnref-1"><a href="#fn-1">1</a></sup> act<span class="edge">]</span></span> as in
<a class="reference" href="#article-b">Article B</a>.</div>
<article id="article-b"><h3>Article B</h3></article></main>
<section class="footnotes"><h2>Footnotes</h2><ol><li id="fn-1" class="attribution">Proposed by "US". <a class="back" href="#fnref-1">↩</a></li></ol></section>
</body></html>"""


def markup(page: str = PAGE) -> str:
    """PAGE's one part as markup."""
    [part] = typst_body(page, CONSOLIDATED).parts("")
    return "".join(part.pieces)


def test_each_footnote_is_set_at_its_mark_and_the_list_at_the_end_is_not_printed() -> None:
    text = markup()
    assert '#fnote("1")[#"Proposed by \\"US\\"."]' in text  # untinted, though its mark is in a bracket
    assert "Footnotes" not in text and "↩" not in text and "color: red" not in text


def test_each_text_is_tinted_by_its_innermost_bracket_alone() -> None:
    """Typst paints an outer highlight over an inner one: no highlight holds another."""
    text = markup()
    assert '#bracket(1)[#"shall "]' in text and '#bracket(2)[#"promptly"]' in text
    assert '#bracket(1)[#"[shall' not in text


def test_a_reference_links_to_the_label_of_its_article() -> None:
    text = markup()
    label = text.split('#xref("jsitext:', 1)[1].split('"', 1)[0]
    assert f"#metadata(none)<{label}>#heading-h3" in text, "the article starts with the label the link names"
    [part] = typst_body(PAGE, CONSOLIDATED).parts("")
    assert part.anchors == (label,), "its place is read after the layout, to link to it"


def test_a_late_footnote_starts_its_marks_block_on_a_new_page() -> None:
    from jsitext.render.typst_compile import BREAK

    [part] = typst_body(PAGE, CONSOLIDATED).parts("")
    assert BREAK not in part.markup()
    broken = part.markup({"1"})
    assert broken.count(BREAK) == 1 and broken.index(BREAK) < broken.index('#lbl[#"1."]') < broken.index("#fnote")


def test_whitespace_shows_as_a_browser_shows_it_and_a_no_break_space_stays() -> None:
    page = "<html><body><p>one  two\n\tthree\r\n four\u00a0\u00a0five six</p></body></html>"
    assert '#par[#"one two three four\u00a0\u00a0five six"]' in markup(page)


def test_the_notes_of_one_line_are_set_in_its_first_notes_entry() -> None:
    """Typst keeps a line's first note with the line, not a later one: the later notes' texts go
    into the first one's entry, kept whole, their marks printed as the stylesheet prints a mark:
    a link to the note's text."""
    page = PAGE.replace("act<span", 'act<sup class="fnref" id="fnref-2"><a href="#fn-2">2</a></sup><span').replace(
        "</ol>", '<li id="fn-2">Proposed by "JP". <a class="back" href="#fnref-2">↩</a></li></ol>'
    )
    [part] = typst_body(page, CONSOLIDATED).parts("")
    alone, together = part.markup(), part.markup(lines=[["1", "2"]])
    assert '#fnote("2")[#"Proposed by \\"JP\\"."]' in alone
    assert '#fnote("2")' not in together and together.count("#fnote(") == 1
    assert '#fnote("1")[#"Proposed by \\"US\\"."#note-along("2")[#metadata("2")<jsitext-along>#"Proposed by \\"JP\\"."]]<jsitext-line>' in together
    mark = '#metadata("2")<jsitext-mark>#note-mark("2")'
    assert together.index(' act"]') < together.index(mark) < together.index("as in")
