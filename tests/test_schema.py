"""`zuofeng schema`: JSON Schema files that accept what `check` accepts and reject broken records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import REPO
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.output.schema import schema_files
from zuofeng.core.input.source import decode, split_front_matter
from zuofeng.core.input.yamlload import parse

CATALOGUE = load_catalogue()


def _front(path: Path) -> Any:
    """Front matter as the core reads it: dates stay strings."""
    source = split_front_matter(path.name, decode(path.name, path.read_bytes()))
    parsed = parse(path.name, source.front_matter, 1)
    return parsed.data  # type: ignore[union-attr]


def _validator(name: str = "records.schema.json") -> Draft202012Validator:
    schema = json.loads(schema_files(CATALOGUE)[name])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_every_example_record_is_valid() -> None:
    validator = _validator()
    paths = sorted((REPO / "records").rglob("*.md")) + sorted((REPO / "tests/cases/valid").glob("*.md"))
    assert len(paths) > 100
    for path in paths:
        errors = [e.message for e in validator.iter_errors(_front(path))]
        assert not errors, (path, errors)


def test_new_records_with_empty_optional_fields_are_valid(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "meeting", "--date", "2023-03-14", "--title", "会议", "kind=常务会议")
    assert result.code == 0, result.text
    assert not list(_validator().iter_errors(_front(project.root / result.out.strip())))


@pytest.mark.parametrize(("change", "expected"), [
    ({"kind": "常委会议"}, "is not one of"),
    ({"attendees": "很多"}, "is not of type"),
    ({"attendees": -1}, "less than the minimum"),
    ({"atendees": 3}, "Additional properties"),
    ({"date": "2023/03/14"}, "does not match"),
    ({"date": "2023-02-30"}, "is not a 'date'"),
    ({"kind": None}, "is not one of"),
    ({"type": "meetin"}, "is not one of"),
])
def test_broken_records_are_rejected(change: dict[str, Any], expected: str) -> None:
    record = {"type": "meeting", "date": "2023-03-14", "title": "会议", "kind": "常务会议", "attendees": 3, **change}
    messages = [e.message for e in _validator().iter_errors(record)]
    messages += [e.message for sub in _validator().iter_errors(record) for e in (sub.context or [])]
    assert any(expected in m for m in messages), messages
    assert list(_validator("meeting.schema.json").iter_errors(record)) or change.get("type")


def test_missing_required_field_is_rejected() -> None:
    record = {"type": "reception", "date": "2023-03-14", "title": "接待", "guests": 3}
    messages = [e.message for e in _validator().iter_errors(record)]
    assert any("'guest_unit' is a required property" in m for m in messages), messages


def test_committed_schemas_are_up_to_date() -> None:
    expected = schema_files(CATALOGUE)
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == expected, "schemas/ 已过期：请运行 zuofeng schema 并提交"


def test_schema_command_writes_every_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(REPO), "schema", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.text
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted([f"{key}.schema.json" for key in CATALOGUE.types] + ["records.schema.json"])
