"""One test per example file: tests/cases/valid load cleanly, tests/cases/invalid give their message."""

from __future__ import annotations

from pathlib import Path

import pytest

from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.input.loader import load_records

CASES = Path(__file__).parent / "cases"
CATALOGUE = load_catalogue()


def _invalid_cases() -> list[Path]:
    return sorted((CASES / "invalid").glob("*.md"))


def _place(tmp_path: Path, rel: str, content: bytes) -> Path:
    path = tmp_path / "records" / "2023" / f"{rel}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", _invalid_cases(), ids=lambda p: p.stem)
def test_invalid_record_reports_file_line_and_reason(case: Path, tmp_path: Path) -> None:
    rel, line, message = case.with_suffix(".expected").read_text(encoding="utf-8").strip().split("|", 2)
    content = case.read_bytes()
    if case.stem == "gbk":
        content = content.decode("utf-8").encode("gbk")
    _place(tmp_path, rel, content)
    result = load_records(tmp_path / "records", CATALOGUE, tmp_path)
    assert result.records == []
    assert len(result.problems) >= 1
    first = result.problems[0]
    assert first.path == f"records/2023/{rel}.md"
    assert first.line == int(line), str(first)
    assert message in first.message, str(first)


def test_invalid_cases_all_have_expectations() -> None:
    for case in _invalid_cases():
        assert case.with_suffix(".expected").is_file(), case


@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.md")), ids=lambda p: p.stem)
def test_valid_record_loads(case: Path, tmp_path: Path) -> None:
    type_key, name = case.stem.split("--")
    _place(tmp_path, f"{type_key}/{name}", case.read_bytes())
    result = load_records(tmp_path / "records", CATALOGUE, tmp_path)
    assert result.problems == []
    [record] = result.records
    assert record.type == type_key
    assert record.id == f"2023/{type_key}/{name}"
