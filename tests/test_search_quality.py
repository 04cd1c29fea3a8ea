"""The Chinese search test set (tests/search_queries.json) on the example site, in Chromium: precision@5 and recall."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import search_quality

pytestmark = [pytest.mark.browser, pytest.mark.slow]




def test_the_test_set_finds_every_expected_page_and_ranks_the_word_itself_first(example_site: Path) -> None:
    result = search_quality().evaluate(example_site)
    assert result["queries"] >= 30
    assert result["recall"] == 1.0, result["misses"]
    assert result["precision_at_5"] >= 0.9, result["misses"]
    assert result["outside_requests"] == 0
