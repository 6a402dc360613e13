"""Every HTML output in Chromium: a laptop (1280 px), a phone (390 px), and printed to PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from clients.programs import print_a4_pages

BUILDS = ["consolidated.html", "consolidated-clean.html", "consolidated-member-eu.html", "consolidated-section-b.html"]


def _open(chromium, path: Path, width: int) -> None:
    chromium.set_window_size(width, 900)
    chromium.get(path.as_uri())
    # The window's outer size includes no chrome in headless mode; make the layout viewport WIDTH exactly.
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    chromium.get(path.as_uri())


def _outputs(built: Path, diffed: Path) -> list[Path]:
    return [built / name for name in BUILDS] + [diffed / "redline.html"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", [*BUILDS, "redline.html"])
def test_nothing_overflows_the_screen(chromium, built: Path, diffed: Path, name: str, width: int) -> None:
    path = diffed / name if name == "redline.html" else built / name
    _open(chromium, path, width)
    assert chromium.execute_script("return document.querySelector('meta[name=viewport]') !== null"), "no viewport meta: a phone shows it zoomed out"
    scroll, inner = chromium.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    wide = chromium.execute_script(
        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
    )
    assert scroll <= inner, f"{name} at {width} px: {scroll} px wide ({wide})"


@pytest.mark.parametrize("name", [*BUILDS, "redline.html"])
def test_every_internal_link_resolves(chromium, built: Path, diffed: Path, name: str) -> None:
    path = diffed / name if name == "redline.html" else built / name
    _open(chromium, path, 1280)
    broken = chromium.execute_script(
        "return [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
        ".filter(id => !document.getElementById(decodeURIComponent(id)))"
    )
    assert not broken, broken[:5]


def test_articles_are_not_tinted_by_their_status(chromium, built: Path) -> None:
    _open(chromium, built / "consolidated.html", 1280)
    tinted = chromium.execute_script(
        "return [...document.querySelectorAll('article')].filter(a => getComputedStyle(a).backgroundColor !== 'rgba(0, 0, 0, 0)').map(a => a.id)"
    )
    assert not tinted, tinted[:5]


@pytest.mark.parametrize("name", ["consolidated.html", "redline.html"])
def test_printing_gives_a4_pages_with_the_symbol_and_page_numbers(chromium, built: Path, diffed: Path, tmp_path: Path, name: str) -> None:
    path = diffed / name if name == "redline.html" else built / name
    _open(chromium, path, 1280)
    print_a4_pages(chromium, tmp_path / "printed.pdf", "INF/ECOM/SAMPLE/Rev.3" if name == "consolidated.html" else "INF/ECOM/TEST/Rev.2")
