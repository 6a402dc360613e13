"""Findings of the whole-text checks name where they are: article → paragraph → item or Alt."""

from __future__ import annotations

from jsitext.checks import check
from jsitext.source import FolderSource

TEXT = "title: T\nsections:\n  - id: A\n    title: S\n    articles: [spam]\n"
ARTICLE = """\
title: Spam
paragraphs:
  - text: >-
      Each Party shall act.
    items:
      - text: >-
          adopt [measures]{ZZ}; and
  - alternatives:
      - proponents: [US]
        text: >-
          Each Party shall [act]{US}.
      - proponents: [QQ]
        text: >-
          See @nowhere.
note: >-
  Compare @elsewhere.
"""


def test_breadcrumbs_of_proponent_and_reference_findings(tmp_path):
    (tmp_path / "text.yaml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "spam.yaml").write_text(ARTICLE, encoding="utf-8")
    _, problems = check(FolderSource(tmp_path))
    found = {(p.code, p.line, p.column, p.breadcrumb) for p in problems}
    assert found == {
        ("unknown-proponent", 7, 28, "spam → paragraph 1 → (a)"),
        ("unknown-proponent", 12, 22, "spam → paragraph 2 → Alt 2"),
        ("unknown-reference", 14, 15, "spam → paragraph 2 → Alt 2"),
        ("unknown-reference", 16, 11, "spam → note"),
    }
