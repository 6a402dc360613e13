"""The reader in headless Chromium: every filter against what `jsitext stats` and `jsitext diff`
say of the same text, the fragment and the history, the keyboard, two screen widths, print,
no JavaScript, and axe-core."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from clients.programs import REPO, print_a4_pages
from jsitext.load import load_text
from jsitext.model import Text
from jsitext.source import FolderSource
from jsitext.stats import text_stats

from .conftest import Built

SYMBOL = "INF/ECOM/SAMPLE/Rev.3"
SHOWN = "return [...document.querySelectorAll('main article[data-article]')].filter(a => !a.closest('[hidden]')).map(a => a.dataset.article)"


def _open(chromium, path: Path, fragment: str = "", width: int = 1280) -> None:
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    chromium.get("about:blank")  # a new document, even when only the fragment differs
    chromium.get(path.as_uri() + fragment)


def _text(built: Built) -> Text:
    return load_text(FolderSource(built.articles)).text


def _articles(text: Text) -> list:
    """The articles printed, in the text's order (retired ones are annexed)."""
    seen: dict[str, object] = {}
    for placement in text.placements():
        article = text.articles.get(placement.article)
        if article is not None and not article.is_retired:
            seen.setdefault(article.id, article)
    return list(seen.values())


def _status(chromium) -> str:
    return chromium.execute_script("return document.getElementById('reader-status').textContent")


def test_status_shows_exactly_the_articles_of_that_status(chromium, built: Built) -> None:
    text = _text(built)
    parked = [a.id for a in _articles(text) if a.status == "parked"]
    assert parked and len(parked) == text_stats(text).total.statuses["parked"]
    _open(chromium, built.reader, "#status=parked")
    assert chromium.execute_script(SHOWN) == parked
    _open(chromium, built.reader, "#status=open,parked")
    assert chromium.execute_script(SHOWN) == [a.id for a in _articles(text) if a.status in ("open", "parked")]


def test_section_and_status_combine(chromium, built: Built) -> None:
    text = _text(built)
    _open(chromium, built.reader, "#section=B")
    in_b = {i for s in text.sections if s.id == "B" for g in s.groups() for i in g.articles}
    assert chromium.execute_script(SHOWN) == [a.id for a in _articles(text) if a.id in in_b]
    _open(chromium, built.reader, "#section=A&status=open")
    in_a = {i for s in text.sections if s.id == "A" for g in s.groups() for i in g.articles}
    assert chromium.execute_script(SHOWN) == [a.id for a in _articles(text) if a.id in in_a and a.status == "open"]
    counts = chromium.execute_script("return [...document.querySelectorAll('[data-count-for]')].map(c => [c.dataset.countFor, c.textContent])")
    assert dict(counts)["A"].startswith(f"{len([a for a in _articles(text) if a.id in in_a and a.status == 'open'])} of ")
    assert dict(counts)["B"].startswith("0 of ")


def test_member_highlights_its_proposals_and_its_groups(chromium, built: Built) -> None:
    text = _text(built)
    registry = text.members
    assert registry is not None
    attributions = [codes for a in _articles(text) for codes in a.attributions()]
    preamble = text.preamble_article()
    attributions += list(preamble.attributions()) if preamble is not None else []
    holding = [codes for codes in attributions if any("CN" in registry.expand(c) for c in codes)]
    assert any("ASIA" in codes and "CN" not in codes for codes in holding), "the fixture's group proposal is missing"
    _open(chromium, built.reader, "#member=CN")
    assert chromium.execute_script("return document.querySelectorAll('.member-hit').length") == len(holding)
    hit = chromium.execute_script("return [...document.querySelectorAll('.member-hit')].map(e => e.dataset.members.split(' ').includes('CN'))")
    assert all(hit)
    # Every article shows; those without CN's proposals are dimmed, and a toggle hides them.
    involved = [a.id for a in _articles(text) if any("CN" in registry.expand(c) for codes in a.attributions() for c in codes)]
    dimmed = chromium.execute_script("return [...document.querySelectorAll('article.dimmed')].map(a => a.dataset.article)")
    assert sorted(dimmed) == sorted(a.id for a in _articles(text) if a.id not in involved)
    _open(chromium, built.reader, "#member=CN&hide")
    assert chromium.execute_script(SHOWN) == involved


def test_member_panel_counts_as_stats_does_and_links_to_each_place(chromium, built: Built) -> None:
    figures = {p.code: p for p in text_stats(_text(built), top=1000).proponents}
    for code in ("CN", "EU", "US"):
        _open(chromium, built.reader, f"#member={code}")
        said = chromium.execute_script("return document.querySelector('#member-panel .figures').textContent")
        assert said.startswith(f"{figures[code].proposals} proposals, {figures[code].alone} alone"), said
        chromium.execute_script("document.querySelector('#member-panel li.more button')?.click()")  # the list comes 50 at first
        assert chromium.execute_script("return document.querySelectorAll('#member-panel li').length") == figures[code].proposals
        assert chromium.execute_script("return document.querySelectorAll('#member-panel li.alone').length") == figures[code].alone
    chromium.execute_script("document.querySelectorAll('#member-panel li a')[3].click()")
    assert chromium.execute_script("return document.activeElement.dataset.proponents.split(' ').includes('US')")


def test_search_finds_counts_and_highlights(chromium, built: Built) -> None:
    _open(chromium, built.reader, "#q=source%20code")
    shown = chromium.execute_script(SHOWN)
    assert shown
    texts = chromium.execute_script(
        "return [...document.querySelectorAll('main article[data-article]')].map(a => [!a.closest('[hidden]'), a.textContent.toLowerCase().replace(/\\s+/g, ' ')])"
    )
    assert all(("source code" in t) for visible, t in texts if visible)
    assert not any(("source code" in t) for visible, t in texts if not visible)
    assert re.search(r"\d+ match(es)? for “source code”", _status(chromium))
    assert chromium.execute_script("return CSS.highlights.get('reader-hit').size") > 0
    _open(chromium, built.reader, "#q=no%20such%20words%20anywhere")
    assert chromium.execute_script(SHOWN) == []
    assert "0 matches" in _status(chromium)


def test_the_fragment_follows_the_controls_and_comes_back(chromium, built: Built) -> None:
    from selenium.webdriver.support.ui import Select

    _open(chromium, built.reader)
    Select(chromium.find_element("id", "r-member")).select_by_value("EU")
    chromium.find_element("css selector", "#r-status input[value=parked]").click()
    chromium.find_element("id", "r-q").send_keys("data")
    fragment = chromium.execute_script("return location.hash")
    assert fragment == "#member=EU&status=parked&q=data"
    shown = chromium.execute_script(SHOWN)
    _open(chromium, built.reader, fragment)  # a shared link
    assert chromium.execute_script(SHOWN) == shown
    assert chromium.execute_script("return [document.getElementById('r-member').value, document.getElementById('r-q').value]") == ["EU", "data"]
    # Back and forward walk through the filters.
    Select(chromium.find_element("id", "r-section")).select_by_value("A")
    with_section = chromium.execute_script(SHOWN)
    chromium.back()
    assert chromium.execute_script("return location.hash") == fragment
    assert chromium.execute_script(SHOWN) == shown
    chromium.forward()
    assert chromium.execute_script("return location.hash") == "#member=EU&status=parked&section=A&q=data"
    assert chromium.execute_script(SHOWN) == with_section


def test_keyboard(chromium, built: Built) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    text = _text(built)
    _open(chromium, built.reader)
    keys = ActionChains(chromium)
    keys.send_keys("/").perform()
    assert chromium.execute_script("return document.activeElement.id") == "r-q"
    keys.send_keys("parked").perform()
    assert chromium.execute_script("return location.hash") == "#q=parked"
    keys.send_keys(Keys.ESCAPE).perform()
    assert chromium.execute_script("return location.hash") == ""
    assert len(chromium.execute_script(SHOWN)) == len(_articles(text))
    ids = [a.id for a in _articles(text)]
    current = "return document.activeElement.closest('[data-article], #preamble')?.dataset.article || document.activeElement.id"
    ActionChains(chromium).send_keys("j").perform()
    first = chromium.execute_script(current)
    ActionChains(chromium).send_keys("j").perform()
    second = chromium.execute_script(current)
    ActionChains(chromium).send_keys("k").perform()
    assert chromium.execute_script(current) == first
    order = ["preamble", *ids]
    assert order.index(second) == order.index(first) + 1


def test_clean_view_is_the_clean_build(chromium, built: Built) -> None:
    # textContent: the reader lays out only what is on screen, and innerText skips the rest.
    main = "return document.querySelector('main').textContent"
    _open(chromium, built.out / "consolidated-clean.html")
    clean = chromium.execute_script(main)
    notes = chromium.execute_script("return document.querySelector('section.footnotes')?.textContent || ''")
    _open(chromium, built.reader, "#view=clean")
    assert chromium.execute_script(main) == clean
    assert chromium.execute_script("return document.querySelector('section.footnotes')?.textContent || ''") == notes
    assert "[" not in clean and "Article" in clean
    # Back to the full text and again to the clean copy: each shown alone, as at first.
    shown = "return [...document.querySelectorAll('main')].filter(m => !m.closest('[hidden]')).map(m => m.textContent)"
    _open(chromium, built.reader)
    full = chromium.execute_script(shown)
    _open(chromium, built.reader, "#view=clean")
    for fragment, expected in (("", full), ("view=clean", [clean]), ("", full)):
        chromium.execute_script("jsitextReader.apply(arguments[0])", fragment)
        assert chromium.execute_script(shown) == expected


def test_changed_shows_the_diffs_changes_as_redlines(chromium, built: Built) -> None:
    from jsitext.diff import diff_sources

    result = diff_sources(str(built.old), str(built.articles))
    changed = [a.id for a in result.articles if a.is_substance]
    assert changed == ["electronic-authentication"]
    _open(chromium, built.reader, "#changed")
    assert chromium.execute_script(SHOWN) == changed
    assert chromium.execute_script("return document.querySelector('main del').textContent").strip() == "not"
    assert "in no case" in chromium.execute_script("return document.querySelector('main ins').textContent")
    kinds = chromium.execute_script("return [...document.querySelectorAll('main .kind')].map(k => k.textContent)")
    assert kinds == [c.kind for a in result.articles if a.is_substance for c in a.changes]
    # A link from a change to the article goes back to the full text.
    chromium.execute_script("document.querySelector('main article h3 a').click()")
    assert chromium.execute_script("return location.hash") == ""
    assert chromium.execute_script("return document.activeElement.id") == "article-electronic-authentication"


def test_attributions_show_names_and_print_inline_as_codes(chromium, built: Built) -> None:
    _open(chromium, built.reader)
    title = chromium.execute_script("return document.querySelector('sup.fnref[data-codes] a').title")
    assert re.fullmatch(r"Proposed by [^()]+ \([A-Z]+\).*", title), title
    chromium.execute_script("document.querySelector('sup.fnref[data-codes] a').click()")
    assert chromium.execute_script("return document.getElementById('reader-pop').hidden") is False
    chromium.find_element("id", "r-codes").click()
    assert chromium.execute_script("return location.hash") == "#codes"
    shown = chromium.execute_script("const m = document.querySelector('sup.fnref[data-codes]'); return getComputedStyle(m, '::after').content")
    assert re.fullmatch(r'"\{[A-Z, ]+\}"', shown), shown


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("fragment", ["", "#member=EU&status=open", "#view=clean", "#changed"])
def test_nothing_overflows_the_screen(chromium, built: Built, width: int, fragment: str) -> None:
    _open(chromium, built.reader, fragment, width)
    scroll, inner = chromium.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    side_shown = "return getComputedStyle(document.getElementById('reader-side')).display !== 'none'"
    if width == 390:  # the contents fold away on a phone, behind one button
        assert not chromium.execute_script(side_shown)
        chromium.find_element("id", "reader-toggle").click()
        assert chromium.execute_script(side_shown)
        assert chromium.execute_script("return document.getElementById('reader-toggle').getAttribute('aria-expanded')") == "true"
        scroll, inner = chromium.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner
    else:
        assert chromium.execute_script(side_shown)


def test_printing_prints_what_is_filtered_on_a4_with_symbol_and_page_numbers(chromium, built: Built, tmp_path: Path) -> None:
    text = _text(built)
    _open(chromium, built.reader, "#status=parked")
    pages = print_a4_pages(chromium, tmp_path / "printed.pdf", SYMBOL)
    printed = " ".join(" ".join(pages).split())
    for article in _articles(text):
        assert (article.title in printed) == (article.status == "parked") or len(article.title) > 60, article.id
    assert "Search" not in printed and "Filters" not in printed


def test_without_javascript_it_reads_as_the_html_page(chromium, built: Built) -> None:
    main = "return document.querySelector('main').innerText"
    _open(chromium, built.out / "consolidated.html")
    static = chromium.execute_script(main)
    chromium.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(chromium, built.reader, "#member=EU")
        chromium.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        # The page was loaded without its script: what it shows is what the html page shows.
        assert chromium.execute_script(main) == static
        assert chromium.execute_script("return [...document.querySelectorAll('.reader-ui, #member-panel')].every(e => e.hidden)")
        assert chromium.execute_script("return getComputedStyle(document.querySelector('nav.contents')).display") != "none"
    finally:
        chromium.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def _axe(chromium) -> list[dict]:
    import axe_core_python

    chromium.execute_script((Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    chromium.set_script_timeout(120)
    found = chromium.execute_async_script(
        "const done = arguments[0]; axe.run(document).then(r => done(r.violations), e => done([{id: String(e), impact: 'critical', nodes: []}]))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("fragment", ["", "#member=CN&status=open&q=data", "#view=clean", "#changed"])
def test_axe_finds_nothing_serious(chromium, built: Built, fragment: str) -> None:
    _open(chromium, built.reader, fragment)
    serious = _axe(chromium)
    assert not serious, [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_screenshot_for_the_docs(chromium, built: Built, tmp_path: Path) -> None:
    """The docs' picture of the reader (docs/reader.png), remade with JSITEXT_UPDATE_SCREENSHOT=1."""
    _open(chromium, built.reader, "#member=EU&section=A&q=electronic", 1000)
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1000, "height": 600, "deviceScaleFactor": 1, "mobile": False})
    chromium.execute_script("document.getElementById('article-electronic-authentication').scrollIntoView()")
    shot = tmp_path / "reader.png"
    assert chromium.save_screenshot(str(shot))
    if os.environ.get("JSITEXT_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs" / "reader.png").write_bytes(shot.read_bytes())
    assert (REPO / "docs" / "reader.png").exists(), "no docs/reader.png: run with JSITEXT_UPDATE_SCREENSHOT=1"
