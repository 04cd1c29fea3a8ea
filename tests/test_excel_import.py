"""`zuofeng import`: every row valid or nothing written; cells read as people type them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.excel_data import MEETING_HEADER, fill, tree_hash, workbook


def _template(project, run_cli, name: str = "meeting") -> Path:  # type: ignore[no-untyped-def]
    out = project.root / f"{name}.xlsx"
    assert run_cli("--root", str(project.root), "template", name, "--out", str(out)).code == 0
    return out


def _import(project, run_cli, path: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli("--root", str(project.root), "import", str(path), *extra)


def _records(project) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.relative_to(project.root / "records").as_posix() for p in (project.root / "records").rglob("*.md"))


def test_template_rows_become_records_that_check_clean(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = fill(_template(project, run_cli), "会议", [
        ["2024/3/5", "县政府第1次常务会议", "县政府办公室", "八项规定、乡镇", "否", "常务会议", "９０", "30", "是", None, "春耕生产", None, "研究春耕"],  # 处理情况 empty,
        [dt.datetime(2024, 3, 6), "专题会议", None, "甲，乙;丙", None, "专题会议", 60.0, None, "√", "×"],
        ["2024年3月7日", "党组会议", None, None, None, "党组会议", None, None, "Y", "false"],
        ["2024.3.8", "全体会议", None, None, None, "全体会议", None, None, "N", "TRUE"],
        [20240309, "电视电话会议", None, None, None, "电视电话会议"],
    ])
    result = _import(project, run_cli, book)
    assert result.code == 0, result.text
    assert "新增 5 条、未变 0 条、更新 0 条" in result.out
    assert "2024/meeting/2024-03-05-xian-zheng-fu-di-1-ci-chang-wu-hui-yi.md" in _records(project)
    assert run_cli("--root", str(project.root), "check").code == 0
    from zuofeng.core.project import Settings, load_ledger

    records = {r.title: r for r in load_ledger(Settings.load(project.root)).index.records}
    first = records["县政府第1次常务会议"]
    assert (first.date, first.unit, first.tags, first.body.strip()) == (dt.date(2024, 3, 5), "县政府办公室", ("八项规定", "乡镇"), "研究春耕")
    assert dict(first.fields) == {"kind": "常务会议", "duration_min": 90, "attendees": 30, "merged": True, "video": False,
                                  "topics": ("春耕生产",)}
    assert records["专题会议"].tags == ("甲", "乙", "丙") and records["专题会议"].fields["merged"] is True
    assert records["党组会议"].date == dt.date(2024, 3, 7) and records["全体会议"].fields["video"] is True
    assert records["电视电话会议"].date == dt.date(2024, 3, 9)


def test_every_bad_cell_reported_nothing_written(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "bad.xlsx", {"公务接待": [
        ["日期*", "标题*", "来访单位*", "来访人数*", "陪同人数*", "公函编号"],
        ["2024-03-05", "接待甲", "市局", 4, "三人", "函1"],
        ["2024-02-30", "接待乙", "市局", 4, 2, "函2"],
        ["2024-03-07", "接待丙", None, "很多", 1, "函3"],
        ["2024-03-08", "接待丁", "市局", 0, 1, "函4"],
    ]})
    before = tree_hash(project.root)
    result = _import(project, run_cli, book)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{book}:公务接待!E2: 陪同人数应为整数，实际为“三人”",
        f"{book}:公务接待!A3: 日期为不存在的日期“2024-02-30”",
        f"{book}:公务接待!D4: 来访人数应为整数，实际为“很多”",
        f"{book}:公务接待!D5: 字段 guests（来访人数）不能小于 1，实际为 0",
    ]
    assert "Traceback" not in result.text and "未写入任何文件" in result.err
    assert tree_hash(project.root) == before


def test_required_field_missing_names_its_cell(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "m.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, None]]})
    result = _import(project, run_cli, book)
    assert result.code == 1
    assert f"{book}:会议!F2: 必填字段为空：kind（会议类别）" in result.out


def test_dry_run_writes_nothing(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = fill(_template(project, run_cli), "会议", [["2024-03-05", "会议甲", None, None, None, "常务会议"]])
    before = tree_hash(project.root)
    result = _import(project, run_cli, book, "--dry-run")
    assert result.code == 0 and "新增 1 条" in result.out and "试运行" in result.out
    assert tree_hash(project.root) == before


def test_reimport_unchanged_changed_and_update(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = fill(_template(project, run_cli), "会议", [["2024-03-05", "会议甲", None, None, None, "常务会议", 60],
                                                     ["2024-03-06", "会议乙", None, None, None, "专题会议"]])
    assert _import(project, run_cli, book).code == 0
    files = _records(project)
    again = _import(project, run_cli, book)
    assert again.code == 0 and "新增 0 条、未变 2 条、更新 0 条" in again.out and _records(project) == files
    sheet_book = load_workbook(book)
    sheet_book["会议"]["G2"] = 90
    sheet_book["会议"].append(["2024-03-07", "会议丙", None, None, None, "党组会议"])
    sheet_book.save(book)
    before = tree_hash(project.root)
    changed = _import(project, run_cli, book)
    assert changed.code == 1 and tree_hash(project.root) == before
    assert f"{book}:会议!2:2: 已有记录 records/2024/meeting/2024-03-05-hui-yi-jia.md 与该行不同（时长（分钟）：60 → 90），确需更新请加 --update" in changed.out
    updated = _import(project, run_cli, book, "--update")
    assert updated.code == 0 and "新增 1 条、未变 1 条、更新 1 条" in updated.out
    assert "duration_min: 90" in (project.root / "records/2024/meeting/2024-03-05-hui-yi-jia.md").read_text(encoding="utf-8")
    assert len(_records(project)) == 3


def test_row_matching_a_record_by_type_date_title_whatever_its_file_name(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/meeting/2024-03-05-x", "type: meeting\ndate: 2024-03-05\ntitle: 会议甲\nkind: 常务会议")
    book = workbook(project.root / "m.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, "常务会议"]]})
    result = _import(project, run_cli, book)
    assert result.code == 0 and "未变 1 条" in result.out and _records(project) == ["2024/meeting/2024-03-05-x.md"]


def test_merged_header_cells_title_row_and_merged_data(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.title = "会议"
    sheet.append(["2024年3月会议台账"])
    sheet.merge_cells("A1:F1")
    sheet.append(["日期", "标题", "会议类别", "牵头/承办单位", None, "参会人数"])
    sheet.merge_cells("D2:E2")  # a header merged over two columns: the second one is unnamed
    sheet.append(["2024-03-05", "会议甲", "常务会议", "县政府办公室", None, 10])
    sheet.append(["2024-03-06", "会议乙", "专题会议", None, None, 12])
    sheet.merge_cells("D3:D4")  # one unit written for two rows
    book.save(path := project.root / "merged.xlsx")
    result = _import(project, run_cli, path)
    assert result.code == 0, result.text
    from zuofeng.core.project import Settings, load_ledger

    units = {r.title: r.unit for r in load_ledger(Settings.load(project.root)).index.records}
    assert units == {"会议甲": "县政府办公室", "会议乙": "县政府办公室"}


def test_unknown_columns_and_headerless_data(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "m.xlsx", {"会议": [
        ["日期", "标题", "会议类别", "领导", "空列", None],
        ["2024-03-05", "会议甲", "常务会议", "张三", None, "多余"],
    ]})
    result = _import(project, run_cli, book)
    assert result.code == 1
    assert f"{book}:会议!D1: 未知的列 “领导”" in result.out
    assert "空列" not in result.out  # an unknown column left empty is harmless
    assert f"{book}:会议!F2: 该列没有表头" in result.out


def test_trailing_empty_rows_are_ignored(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = fill(_template(project, run_cli), "会议", [["2024-03-05", "会议甲", None, None, None, "常务会议"],
                                                     [None] * 5, ["", "  ", None], [None, None, None, None, None, None, None]])
    sheet_book = load_workbook(book)
    sheet_book["会议"]["B40"].number_format = "@"  # formatted but empty, as Excel leaves them
    sheet_book.save(book)
    result = _import(project, run_cli, book)
    assert result.code == 0 and "新增 1 条" in result.out


def test_hidden_sheets_imported_only_when_named_after_a_type(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    book.active.title = "草稿"
    book.active.append(MEETING_HEADER)
    book.active.append(["2024-03-09", "草稿会议", None, None, None, "常务会议"])
    book.active.sheet_state = "hidden"
    talks = book.create_sheet("谈话提醒")
    talks.append(["日期", "标题", "谈话类别"])
    talks.append(["2024-03-05", "提醒谈话甲", "提醒谈话"])
    talks.sheet_state = "hidden"
    book.create_sheet("说明").append(["本表由石门镇填报"])
    book.save(path := project.root / "h.xlsx")
    result = _import(project, run_cli, path)
    assert result.code == 0, result.text
    assert "隐藏的工作表“谈话提醒”按谈话提醒导入" in result.err and "草稿" in result.err
    assert _records(project) == ["2024/talk/2024-03-05-ti-xing-tan-hua-jia.md"]
    # A confidential-by-default type stays confidential.
    text = (project.root / "records" / _records(project)[0]).read_text(encoding="utf-8")
    assert "confidential: true" in text


def test_type_option_and_unit_option(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "s.xlsx", {"Sheet1": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, "常务会议"],
                                                         ["2024-03-06", "会议乙", "县财政局", None, None, "常务会议"]]})
    assert _import(project, run_cli, book).code == 1  # no sheet named after a type
    result = _import(project, run_cli, book, "--type", "meeting", "--unit", "石门镇")
    assert result.code == 0, result.text
    from zuofeng.core.project import Settings, load_ledger

    units = {r.title: r.unit for r in load_ledger(Settings.load(project.root)).index.records}
    assert units == {"会议甲": "石门镇", "会议乙": "县财政局"}


def test_formula_without_cached_value_names_the_cell(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "f.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, "常务会议", "=30*3"]]})
    result = _import(project, run_cli, book)
    assert result.code == 1
    assert f"{book}:会议!G2: 公式没有保存的计算结果" in result.out


def test_duplicate_rows_and_frozen_year(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    archive = project.root / "archive/2023/manifest.json"
    archive.parent.mkdir(parents=True)
    archive.write_text(json.dumps({"year": 2023, "records": [], "report": {"pages": []}}), encoding="utf-8")
    book = workbook(project.root / "d.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, "常务会议"],
                                                      ["2024-03-05", "会议甲", None, None, None, "常务会议"],
                                                      ["2023-03-05", "会议乙", None, None, None, "常务会议"]]})
    before = tree_hash(project.root)
    result = _import(project, run_cli, book)
    assert result.code == 1 and tree_hash(project.root) == before
    # Two same-day rows alike are two records (two receptions of one delegation), with a warning.
    assert f"{book}:会议!3:3: 警告：与工作表“会议”第 2 行的类型、日期、标题都相同，作为另一条记录导入" in result.out
    assert f"{book}:会议!4:4: 该记录属于已发布的2023年，已冻结" in result.out


@pytest.mark.parametrize("name, content, message", [
    ("text.xlsx", b"date,title\n2024-03-05,x\n", "不是 Excel .xlsx 文件"),
    ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "设有打开密码，或是旧版 .xls 格式"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "请在 Excel/WPS 中另存为 .xlsx"),
    ("data.csv", b"a,b\n", "请在 Excel/WPS 中另存为 .xlsx"),
    ("data.ods", b"PK\x03\x04", "请在 Excel/WPS 中另存为 .xlsx"),
    ("broken.xlsx", b"PK\x05\x06" + b"\0" * 18, "文件已损坏或不是有效的 .xlsx 文件"),
])
def test_malformed_files_one_clear_error(project, run_cli, name: str, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = project.root / name
    path.write_bytes(content)
    before = tree_hash(project.root)
    result = _import(project, run_cli, path)
    assert result.code == 1
    assert result.out.startswith(f"{path}: ") and message in result.out
    assert "Traceback" not in result.text and tree_hash(project.root) == before


def test_empty_workbook_and_no_matching_sheet(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    empty = workbook(project.root / "e.xlsx", {"会议": []})
    result = _import(project, run_cli, empty)
    assert result.code == 1 and "没有可导入的数据行" in result.out
    other = workbook(project.root / "o.xlsx", {"工资表": [["姓名", "工资"], ["张三", 1]]})
    result = _import(project, run_cli, other)
    assert result.code == 1 and "没有与记录类型对应的工作表（现有：工资表）" in result.out


def test_failed_write_leaves_the_tree_as_it_was(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    # records/2025 is a file: the 2024 record is written first, then the 2025 one fails.
    (project.root / "records/2025").write_text("not a folder", encoding="utf-8")
    book = workbook(project.root / "w.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", "会议甲", None, None, None, "常务会议"],
                                                      ["2025-03-05", "会议乙", None, None, None, "常务会议"]]})
    before = tree_hash(project.root)
    result = _import(project, run_cli, book)
    assert result.code == 1 and "已撤销" in result.err
    assert tree_hash(project.root) == before


def test_notice_problems_one_item_per_line(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "n.xlsx", {"督查通报": [
        ["日期", "标题", "期号", "通报对象", "通报问题", "全部整改完毕"],
        ["2024-03-05", "第1期通报", 1, "石门镇、县文旅局",
         "石门镇 | 窗口无人 | 2024/3/20 | 已整改 | 2024-03-18 | 补齐人员\n县文旅局｜上班脱岗｜2024年3月25日｜整改中", "否"],
    ]})
    result = _import(project, run_cli, book)
    assert result.code == 0, result.text
    from zuofeng.core.project import Settings, load_ledger

    [notice] = load_ledger(Settings.load(project.root)).index.records
    first, second = notice.fields["problems"]
    assert (first["unit"], first["deadline"], first["rectified"], first["measures"]) == ("石门镇", dt.date(2024, 3, 20), dt.date(2024, 3, 18), "补齐人员")
    assert (second["unit"], second["status"], second.get("rectified")) == ("县文旅局", "整改中", None)


@pytest.mark.slow
def test_ten_thousand_rows(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("会议")
    sheet.append(MEETING_HEADER)
    start = dt.date(2024, 1, 1)
    for n in range(10_000):
        sheet.append([start + dt.timedelta(days=n % 366), f"第{n}次专题会议", "县政府办公室", "乡镇", None, "专题会议", 60, 20])
    book.save(path := project.root / "big.xlsx")
    dry = _import(project, run_cli, path, "--dry-run")
    assert dry.code == 0, dry.text[-2000:]
    assert "新增 10000 条" in dry.out and _records(project) == []
    real = _import(project, run_cli, path)
    assert real.code == 0 and len(_records(project)) == 10_000
