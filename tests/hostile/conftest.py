"""Fixtures for the hostile-input suite; the helpers live in ``kit.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.kit import GOOD_ARTICLE, OUTLINE, write_text


@pytest.fixture
def text(tmp_path: Path):
    """write_text below tmp_path: ``text(article, **others)`` → the articles folder."""

    def make(article: str | bytes = GOOD_ARTICLE, *, outline: str | bytes = OUTLINE, name: str = "articles", **others: str | bytes) -> Path:
        return write_text(tmp_path / name, article, outline=outline, **others)

    return make
