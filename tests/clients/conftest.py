"""Fixtures of the real-client tests: each program started once per session, the outputs made once.

Outside CI a missing program skips its tests with a one-line reason; under ``CI=true`` it
fails them (see :func:`clients.programs.missing`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clients.programs import LibreOffice, build_sample, diff_fixture, start_chromium


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    office = LibreOffice(tmp_path_factory.mktemp("libreoffice"))
    yield office
    office.close()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def diffed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return diff_fixture(tmp_path_factory.mktemp("diffed"))
