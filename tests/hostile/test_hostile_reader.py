"""The reader (issue 15): a text's words are data in its page and in the data its script reads.

A title, a member's name or a paragraph carrying ``</script>``, ``<!--`` or a script of its
own must leave the page with exactly the reader's two script elements, the JSON readable
with the values as written, and the title printed as text.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from hostile.kit import GOOD_ARTICLE, OUTLINE, run_in_process, write_text

ATTACK = "</script><script>alert(1)</script>"
NAME = "</script><!--<script>window.pwned=1</script>"


class _Scripts(HTMLParser):
    """The page's script elements (their type and text) and its title text, as a browser parses them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, str]] = []
        self._in: str | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = dict(attrs).get("type") or "text/javascript"
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.texts.append(data)


def test_markup_in_values_stays_text_in_the_reader(tmp_path: Path, capsys) -> None:
    outline = OUTLINE.replace("title: T\n", f"title: '{ATTACK}'\n").replace("title: S", f"title: '{ATTACK}'")
    article = GOOD_ARTICLE.replace("title: Scope", f"title: '{ATTACK}'").replace("{US}", "{XX}").replace("commerce.", "commerce <!-- </script>.")
    folder = write_text(tmp_path / "articles", article, outline=outline)
    (folder / "members.yaml").write_text(f"members:\n  XX: '{NAME}'\n", encoding="utf-8")
    run = run_in_process(capsys, "build", str(folder), "--format", "reader", "--output", str(tmp_path / "out"))
    assert run.code == 0, run.both
    page = _Scripts()
    page.feed((tmp_path / "out" / "consolidated-reader.html").read_text(encoding="utf-8"))
    assert [kind for kind, _ in page.scripts] == ["application/json", "text/javascript"]
    data = json.loads(page.scripts[0][1])
    assert data["names"]["XX"] == NAME
    assert "alert(1)" not in page.scripts[1][1] and "pwned" not in page.scripts[1][1]
    text = "".join(page.texts)
    assert ATTACK in text and "commerce <!-- </script>." in text
