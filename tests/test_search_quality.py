"""The Chinese search test set (tests/search_queries.json) on the example site, in Chromium: precision@5 and recall."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _quality() -> Any:
    spec = importlib.util.spec_from_file_location("bench_search_quality", REPO / "bench" / "search_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_test_set_finds_every_expected_page_and_ranks_the_word_itself_first(example_site: Path) -> None:
    result = _quality().evaluate(example_site)
    assert result["queries"] >= 30
    assert result["recall"] == 1.0, result["misses"]
    assert result["precision_at_5"] >= 0.9, result["misses"]
    assert result["outside_requests"] == 0
