"""Helpers for the importer tests: the real reports, the templates and the samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from warroom.importers import ImportResult, import_markdown

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(scope="session")
def real_reports(shared_dir: Path) -> Path:
    return shared_dir / "fixtures" / "real-reports"


@pytest.fixture(scope="session")
def read_real(real_reports: Path) -> Callable[[str], ImportResult]:
    """Import one real report by file name (cached: the tests only read the result)."""
    cache: dict[str, ImportResult] = {}

    def read(name: str) -> ImportResult:
        if name not in cache:
            path = real_reports / name
            cache[name] = import_markdown(path.read_text(encoding="utf-8"), source_name=name)
        return cache[name]

    return read


@pytest.fixture(scope="session")
def read_sample() -> Callable[[str], ImportResult]:
    cache: dict[str, ImportResult] = {}

    def read(name: str) -> ImportResult:
        if name not in cache:
            path = SAMPLES / name
            cache[name] = import_markdown(path.read_text(encoding="utf-8"), source_name=name)
        return cache[name]

    return read
