"""Planning an import: every row turned into a record text and checked as `zuofeng check` would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from zuofeng.core.problems import display_path
from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.input.loader import LoadCache, load_bytes
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.domain.record import Record
from zuofeng.core.input.template import record_filename, render_record
from zuofeng.excel.columns import BODY, columns_for
from zuofeng.excel.compare import changes
from zuofeng.excel.problems import CellProblem
from zuofeng.excel.reader import WorkbookError, read_workbook
from zuofeng.excel.rows import Row, read_rows
from zuofeng.excel.sheets import select_sheets
from zuofeng.excel.trace import Staged, locate

Identity = tuple[str, str, str]  # type, date, title: what makes a row "the same record"


@dataclass
class ImportPlan:
    """Files to create and replace (path → bytes), what is unchanged, and every problem."""

    added: dict[Path, bytes] = field(default_factory=dict)
    updated: dict[Path, bytes] = field(default_factory=dict)
    unchanged: int = 0
    problems: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[CellProblem] = field(default_factory=list)  # with --update: each record's fields, old → new


def plan_import(settings: Settings, file: Path, display: str, type_key: str | None, unit: str | None,
                update: bool) -> ImportPlan:
    """What importing the workbook would write; nothing is written here."""
    plan = ImportPlan()
    try:
        sheets = read_workbook(file)
    except WorkbookError as exc:
        plan.problems.append(CellProblem(0, 0, 0, display, "", str(exc)))
        return plan
    cache = LoadCache()
    ledger = load_ledger(settings, cache)
    selection = select_sheets(ledger.catalogue, sheets, type_key)
    plan.notes += selection.notes
    if not selection.chosen:
        names = "、".join(s.name for s in sheets) or "无"
        plan.problems.append(CellProblem(0, 0, 0, display, "", f"没有与记录类型对应的工作表（现有：{names}）；"
                                         "工作表名应为记录类型的中文名称（如 会议），或用 --type 指定类型"))
        return plan
    planner = _Planner(settings, ledger.catalogue, ledger.index.records, plan, display, update)
    rows = 0
    for order, sheet, key in selection.chosen:
        result = read_rows(display, order, sheet, columns_for(ledger.catalogue, key), unit)
        plan.problems += result.problems
        rows += len(result.rows) + len({p.row for p in result.problems if p.row})
        for row in result.rows:
            planner.add(order, key, row)
    if rows == 0 and not plan.problems:
        plan.problems.append(CellProblem(0, 0, 0, display, "", "工作簿中没有可导入的数据行"))
    # The same checks as `zuofeng check`, on the ledger as it would be: new problems are the import's.
    after = load_ledger(settings, cache, {path: s.data for path, s in planner.staged.items()})
    before = {str(p) for p in ledger.problems}
    by_display = {s.display: s for s in planner.staged.values()}
    for problem in after.problems:
        if str(problem) not in before:
            located = locate(problem, by_display, display)
            (plan.warnings if problem.severity == "warning" else plan.problems).append(located)
    for path, item in planner.staged.items():
        (plan.updated if item.update else plan.added)[path] = item.data
    return plan


class _Planner:
    """Turns rows into staged record files, matching rows to records already in the ledger."""

    def __init__(self, settings: Settings, catalogue: Catalogue, records: list[Record], plan: ImportPlan,
                 display: str, update: bool) -> None:
        self.settings, self.catalogue, self.plan, self.display, self.update = settings, catalogue, plan, display, update
        # The ledger may hold two records of the same type, date and title (two receptions of one
        # delegation): the n-th such row of the workbook stands for the n-th such record.
        self.existing: dict[Identity, list[Record]] = {}
        for record in records:
            self.existing.setdefault((record.type, record.date.isoformat(), record.title), []).append(record)
        self.seen: dict[Identity, list[Row]] = {}
        self.staged: dict[Path, Staged] = {}

    def add(self, order: int, key: str, row: Row) -> None:
        def problem(name: str | None, message: str) -> None:
            column = row.cells.get(name, 0) if name else 0
            self.plan.problems.append(CellProblem(order, row.number, column, self.display, row.sheet, message))

        date, title = row.values.get("date"), row.values.get("title")
        if not date or not title:
            for name, label in (("date", "日期"), ("title", "标题")):
                if not row.values.get(name):
                    problem(name, f"缺少{label}（必填）")
            return
        identity = (key, date, title)
        earlier = self.seen.setdefault(identity, [])
        earlier.append(row)
        matching = self.existing.get(identity, [])
        if len(earlier) <= len(matching):
            self._against(matching[len(earlier) - 1], order, row, problem)
            return
        data = render_record(self.catalogue, key, row.values, row.body).encode("utf-8")
        if len(earlier) > 1:  # two receptions of one delegation on one day are two records
            first = earlier[0]
            self.plan.warnings.append(CellProblem(order, row.number, 0, self.display, row.sheet, f"警告：与工作表“{first.sheet}”"
                                                  f"第 {first.number} 行的类型、日期、标题都相同，作为另一条记录导入"))
        # Titles alike in their first 40 pinyin letters share a slug: the next free number keeps both.
        folder = self.settings.records_dir / date[:4] / key
        path = folder / record_filename(date, title, lambda name: folder / name in self.staged or (folder / name).exists())
        self.staged[path] = Staged(data, display_path(path, self.settings.root), row, order, False)

    def _against(self, old: Record, order: int, row: Row, problem) -> None:  # type: ignore[no-untyped-def]
        path = self.settings.root / old.path
        values, body = _merged(self.catalogue, old, row)
        data = render_record(self.catalogue, old.type, values, body).encode("utf-8")
        new, _ = load_bytes(data, old.path, path.relative_to(self.settings.records_dir).parts, self.catalogue,
                            self.settings.dates)
        changed = [str(c) for c in changes(self.catalogue, old, new)] if new is not None else ["内容"]
        if not changed:
            self.plan.unchanged += 1
            return
        listed = "；".join(changed)
        if self.update:
            self.plan.changes.append(CellProblem(order, row.number, 0, self.display, row.sheet, f"更新 {old.path}：{listed}"))
        else:
            problem(None, f"已有记录 {old.path} 与该行不同（{listed}），确需更新请加 --update")
        self.staged[path] = Staged(data, old.path, row, order, True)


def _merged(catalogue: Catalogue, old: Record, row: Row) -> tuple[dict[str, Any], str]:
    """The row's values over the record's: a column the sheet lacks keeps the record's value."""
    values = dict(row.values)
    for name in catalogue.fields_of(old.type):
        kept = old.value(name)
        if name != "type" and name not in row.cells and kept not in (None, "", ()):
            values[name] = _yaml_ready(kept)
    return values, row.body if BODY in row.cells else old.body


def _yaml_ready(value: Any) -> Any:
    """A record's typed value as a record file holds it (dates as text, lists, plain mappings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_yaml_ready(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _yaml_ready(v) for k, v in value.items() if k != "_line"}  # where an item sat is not content
    return value
