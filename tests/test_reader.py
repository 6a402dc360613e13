"""``jsitext build --format reader``: one self-contained file, its hooks, --since (the browser
tests are in tests/browser)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jsitext.build import build_text
from jsitext.cli import main
from jsitext.load import load_text
from jsitext.source import FolderSource

SAMPLE = Path(__file__).resolve().parents[1] / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reader")
    build_text(SAMPLE, formats="html,reader", output_dir=out)
    return out


def test_one_file_with_nothing_to_fetch(built: Path) -> None:
    page = (built / "consolidated-reader.html").read_text(encoding="utf-8")
    assert not re.search(r"<(link|iframe|img|object)\b|\bsrc=|@import|url\(|https?://", page, re.IGNORECASE), "the reader fetches something"
    assert page.count("<script") == 2  # the data and the script, both inline


def test_at_most_twice_the_html_page(built: Path) -> None:
    assert (built / "consolidated-reader.html").stat().st_size <= 2 * (built / "consolidated.html").stat().st_size


def test_the_same_text_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    build_text(SAMPLE, formats="reader", output_dir=tmp_path)
    assert (tmp_path / "consolidated-reader.html").read_bytes() == (built / "consolidated-reader.html").read_bytes()


def test_hooks_for_tools(built: Path) -> None:
    """Every article carries its id and status; every attribution its construct's proponents."""
    page = (built / "consolidated-reader.html").read_text(encoding="utf-8")
    main_text = page[page.index("<main>") : page.index("</main>")]
    text = load_text(FolderSource(SAMPLE)).text
    articles = re.findall(r'<article class="article status-(\w+)" id="article-([^"]+)" data-article="([^"]+)" data-status="(\w+)"', main_text)
    shown = [a for a in text.ordered_articles() if not a.is_retired]
    assert [(a[2], a[3]) for a in articles] == [(a.id, a.status) for a in shown]
    preamble = text.preamble_article()
    attributions = [*(c for a in shown for c in a.attributions()), *(preamble.attributions() if preamble is not None else ())]
    hooks = re.findall(r'data-proponents="([^"]*)" data-members="([^"]*)"', page[: page.index('<template id="reader-clean">')])
    assert sorted(p for p, _ in hooks) == sorted(" ".join(codes) for codes in attributions)
    registry = text.members
    assert registry is not None  # data-members: the members (and groups) each code stands for
    assert all({registry.canonical(c) or c for c in p.split()} <= set(m.split()) for p, m in hooks)


def test_the_clean_copy_has_ids_and_links_of_its_own(built: Path) -> None:
    """The script keeps both texts in the page (one hidden): an id twice would send a link to the
    wrong copy and fail the browsers' and axe's rule of unique ids."""
    page = (built / "consolidated-reader.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})[:5]
    clean = page[page.index('<template id="reader-clean">') : page.index("</template>")]
    links = re.findall(r'\shref="#([^"]+)"', clean)
    assert links and all(link.startswith("clean-") for link in links)
    assert set(links) <= set(ids)


def test_since_needs_the_reader_and_a_known_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SAMPLE), "--format", "html", "--since", "rev3", "--output", str(tmp_path)]) == 2
    assert "--since adds the changes to the reader" in capsys.readouterr().err
    assert main(["build", str(SAMPLE), "--format", "reader", "--since", "no-such-revision-here", "--output", str(tmp_path)]) == 2
    assert "no-such-revision-here" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_since_a_folder_embeds_the_changes(tmp_path: Path) -> None:
    old = Path(shutil.copytree(SAMPLE, tmp_path / "old"))
    article = old / "a-enabling" / "electronic-authentication.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("shall not deny", "shall never deny", 1), encoding="utf-8")
    build_text(SAMPLE, formats="reader", output_dir=tmp_path / "out", since=str(old))
    page = (tmp_path / "out" / "consolidated-reader.html").read_text(encoding="utf-8")
    changes = page[page.index('<template id="reader-changes">') :]
    assert 'data-article="electronic-authentication"' in changes
    assert "<del>never </del>" in changes or "<del>never</del>" in changes
