"""Unit tests of the core: periods, wording, index queries, duplicates, cache."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zuofeng.core.domain.catalogue import CatalogueError, load_catalogue, parse_catalogue
from zuofeng.core.domain.index import QueryError, RecordIndex
from zuofeng.core.input.loader import LoadCache, load_records
from zuofeng.core.domain.period import ReportPeriod, shift_year
from zuofeng.core.domain.wording import about, format_date, format_months, format_yoy

CATALOGUE = load_catalogue()
D = dt.date


def test_shift_year_maps_leap_day_to_28_february() -> None:
    assert shift_year(D(2024, 2, 29), -1) == D(2023, 2, 28)
    assert shift_year(D(2024, 3, 1), -1) == D(2023, 3, 1)


def test_previous_period_is_the_same_period_one_year_earlier() -> None:
    period = ReportPeriod(D(2024, 1, 1), D(2024, 2, 29))
    assert period.previous_year() == ReportPeriod(D(2023, 1, 1), D(2023, 2, 28))


def test_months_of_a_partial_year() -> None:
    assert ReportPeriod(D(2023, 11, 15), D(2024, 2, 1)).months() == [(2023, 11), (2023, 12), (2024, 1), (2024, 2)]


@pytest.mark.parametrize(
    ("current", "previous", "phrase"),
    [
        (9, 8, "同比增长12.5%"),
        (7, 8, "同比减少12.5%"),
        (8, 8, "与上年同期持平"),
        (0, 0, "与上年同期持平"),
        (3, 0, "上年同期为0"),
        (0, 5, "同比减少100.0%"),
        (2, 3, "同比减少33.3%"),
        (1, 3, "同比减少66.7%"),
        (1001, 800, "同比增长25.1%"),  # 25.125 rounds half up
        (41, 46, "同比减少10.9%"),
    ],
)
def test_format_yoy_every_branch(current: int, previous: int, phrase: str) -> None:
    assert format_yoy(current, previous) == phrase


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0"), (7, "7"), (10, "10"), (20, "20"), (23, "20余"), (99, "90余"), (100, "100"), (156, "150余"),
     (1234, "1200余"), (1200, "1200"), (150, "150")],
)
def test_about(n: int, text: str) -> None:
    assert about(n) == text


def test_about_rejects_non_integers() -> None:
    with pytest.raises(TypeError):
        about(2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        about(-1)


def test_format_date_and_months() -> None:
    assert format_date(D(2024, 1, 5)) == "2024年1月5日"
    assert format_months([(2023, 2), (2023, 8)]) == "2月、8月"


def _index(project_root: Path) -> RecordIndex:
    result = load_records(project_root / "records", CATALOGUE, project_root)
    assert result.problems == []
    return RecordIndex(result.records, CATALOGUE)


def test_index_counts_with_inclusive_period_and_filters(project) -> None:  # type: ignore[no-untyped-def]
    for day, kind, tags in [("2023-01-01", "常务会议", "[乡镇]"), ("2023-06-30", "专题会议", "[]"),
                            ("2023-07-01", "常务会议", "[乡镇, 企业]"), ("2022-12-31", "常务会议", "[]")]:
        project.record(f"{day[:4]}/meeting/{day}-m", f"""
            type: meeting
            date: {day}
            title: 会议
            unit: 县政府办公室
            kind: {kind}
            tags: {tags}
            duration_min: 60
        """)
    index = _index(project.root)
    half = ReportPeriod(D(2023, 1, 1), D(2023, 6, 30))
    assert index.count("meeting", half) == 2
    assert index.count("meeting", ReportPeriod.year(2023)) == 3
    assert index.count("meeting", ReportPeriod.year(2021)) == 0 == index.count("reception", ReportPeriod.year(2023))
    assert index.count("meeting", ReportPeriod(D(2023, 6, 30), D(2023, 7, 1))) == 2 == len(
        index.query("meeting", ReportPeriod(D(2023, 6, 30), D(2023, 7, 1))))
    assert index.count("meeting", ReportPeriod.year(2023), kind="常务会议") == 2
    assert index.count("meeting", ReportPeriod.year(2023), tag="乡镇") == 2
    assert index.count("meeting", ReportPeriod.year(2023), unit="县政府办公室", tag="企业") == 1
    assert sum(index.values("meeting", "duration_min", ReportPeriod.year(2023))) == 180
    assert index.years == [2022, 2023]


def test_index_rejects_unknown_type_field_and_value(project) -> None:  # type: ignore[no-untyped-def]
    index = _index(project.root)
    year = ReportPeriod.year(2023)
    with pytest.raises(QueryError, match="未知的记录类型 'meetings'"):
        index.count("meetings", year)
    with pytest.raises(QueryError, match="没有可筛选的字段 knd"):
        index.count("meeting", year, knd="常务会议")
    with pytest.raises(QueryError, match="筛选值 '常务会' 无效"):
        index.count("meeting", year, kind="常务会")
    with pytest.raises(QueryError, match="没有数值字段 title"):
        index.values("meeting", "title", year)


def test_baseline_matches_metric_filter_and_period(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2020/baseline/2020-12-31-study", """
        type: baseline
        date: 2020-12-31
        title: 2020年集中研讨基数
        metric: study
        filter: form=集中研讨
        value: 5
    """)
    index = _index(project.root)
    year = ReportPeriod.year(2020)
    assert index.baseline("study", year, form="集中研讨") == 5
    assert index.baseline("study", year) is None
    assert index.baseline("study", ReportPeriod(D(2020, 1, 1), D(2020, 6, 30)), form="集中研讨") is None
    assert not index.has_ledger(year)


def test_duplicate_ids_differing_by_case_are_reported(project) -> None:  # type: ignore[no-untyped-def]
    for slug in ("Changwu", "changwu"):
        project.record(f"2023/meeting/2023-03-14-{slug}", """
            type: meeting
            date: 2023-03-14
            title: 会议
            kind: 常务会议
        """)
    result = load_records(project.root / "records", CATALOGUE, project.root)
    assert [p.message for p in result.problems] == [
        "记录编号 2023/meeting/2023-03-14-changwu 与 records/2023/meeting/2023-03-14-Changwu.md 重复（仅大小写或字形不同）"
    ]


def test_confidential_defaults_follow_the_type(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/talk/2023-03-14-a", "type: talk\ndate: 2023-03-14\ntitle: 谈话\nkind: 提醒谈话")
    project.record("2023/talk/2023-03-15-b", "type: talk\ndate: 2023-03-15\ntitle: 谈话\nkind: 提醒谈话\nconfidential: false")
    project.record("2023/meeting/2023-03-14-c", "type: meeting\ndate: 2023-03-14\ntitle: 会\nkind: 常务会议\nconfidential: true")
    flags = {r.slug: r.confidential for r in _index(project.root).records}
    assert flags == {"2023-03-14-a": True, "2023-03-15-b": False, "2023-03-14-c": True}


def test_cache_reparses_only_changed_files(project) -> None:  # type: ignore[no-untyped-def]
    a = project.record("2023/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 甲\nkind: 常务会议")
    project.record("2023/meeting/2023-03-15-b", "type: meeting\ndate: 2023-03-15\ntitle: 乙\nkind: 常务会议")
    cache = LoadCache()
    load_records(project.root / "records", CATALOGUE, project.root, cache)
    assert (cache.hits, cache.misses) == (0, 2)
    a.write_text(a.read_text(encoding="utf-8").replace("甲", "甲改"), encoding="utf-8")
    result = load_records(project.root / "records", CATALOGUE, project.root, cache)
    assert (cache.hits, cache.misses) == (1, 3)
    assert sorted(r.title for r in result.records) == ["乙", "甲改"]


def test_catalogue_is_data_a_new_type_needs_no_code(project) -> None:  # type: ignore[no-untyped-def]
    data = {
        "common": {name: {"type": "string"} for name in ("type", "date", "title", "unit", "tags", "confidential")},
        "types": {"visit": {"label": "走访", "fields": {"households": {"type": "int", "required": True}}}},
    }
    data["common"]["date"] = {"type": "date", "required": True}
    catalogue = parse_catalogue(data, "test")
    project.record("2023/visit/2023-03-14-a", "type: visit\ndate: 2023-03-14\ntitle: 走访\nhouseholds: 十")
    result = load_records(project.root / "records", catalogue, project.root)
    assert [p.message for p in result.problems] == ["字段 households（households）应为整数，实际为'十'"]


def test_catalogue_errors_are_chinese() -> None:
    with pytest.raises(CatalogueError, match="类型 'str' 未知"):
        parse_catalogue({"common": {"type": {"type": "str"}}, "types": {}}, "x")
