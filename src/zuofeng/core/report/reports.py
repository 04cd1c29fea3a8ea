"""Yearly report pages: docs/reports/<year>/index.md (the report) and NN-<slug>.md (sections)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.problems import Problem
from zuofeng.core.input.source import SourceError, decode, split_front_matter
from zuofeng.core.input.validate import FieldError, parse_date
from zuofeng.core.input.yamlload import parse

SECTION_RE = re.compile(r"^([0-9]{2})-[0-9a-z-]+\.md\Z")
# Template placeholders a final report may not keep: XX次, X期, XXX余次, XX％, 《xxxx》.
PLACEHOLDER_RE = re.compile(r"X{1,4}余?\s*(?:次|期|件|个|人|批|分钟|字|[%％])|[《<]x{2,}[》>]|同比(?:减少|增长|减压)X+", re.I)


@dataclass(frozen=True)
class ReportSection:
    path: str
    order: int
    title: str
    body: str
    body_line: int
    show_title: bool = True


@dataclass(frozen=True)
class Report:
    """One year's report: its front matter and its sections in order."""

    path: str
    year: int
    title: str
    issuer: str
    date: dt.date | None  # the 成文日期; None in a draft (`date:` left empty), an error for --final
    period: ReportPeriod
    sections: tuple[ReportSection, ...] = field(default_factory=tuple)


def _front(path: Path, display: str) -> tuple[dict[str, Any], str, int] | Problem:
    try:
        source = split_front_matter(display, decode(display, path.read_bytes()))
    except SourceError as exc:
        return exc.problem
    parsed = parse(display, source.front_matter, 1)
    if isinstance(parsed, Problem):
        return parsed
    if not isinstance(parsed.data, dict):
        return Problem(display, 2, "元数据应为“字段: 值”的映射")
    return parsed.data, source.body, source.body_line


def _date(data: dict[str, Any], key: str, display: str, problems: list[Problem]) -> dt.date | None:
    value = data.get(key)
    try:
        return parse_date(str(value)) if value is not None else None
    except FieldError as exc:
        problems.append(Problem(display, 1, f"字段 {key} {exc}"))
        return None


def load_report(year_dir: Path, root: Path) -> tuple[Report | None, list[Problem]]:
    """Load one year's report folder, reporting every problem."""
    display = (year_dir / "index.md").relative_to(root).as_posix()
    problems: list[Problem] = []
    front = _front(year_dir / "index.md", display) if (year_dir / "index.md").is_file() else Problem(display, 0, "缺少报告首页 index.md")
    if isinstance(front, Problem):
        return None, [front]
    data = front[0]
    year = data.get("year")
    if year != int(year_dir.name):
        problems.append(Problem(display, 1, f"字段 year 应为 {year_dir.name}，实际为 {year!r}"))
    for key in ("title", "issuer"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(display, 1, f"缺少必填字段 {key}"))
    issued = _date(data, "date", display, problems)
    if issued is None and "date" not in data:
        problems.append(Problem(display, 1, "缺少必填字段 date（成文日期）"))
    period_data = data.get("period") or {}
    start = _date(period_data, "start", display, problems) or dt.date(int(year_dir.name), 1, 1)
    end = _date(period_data, "end", display, problems) or dt.date(int(year_dir.name), 12, 31)
    if start > end:
        problems.append(Problem(display, 1, f"period 的 start（{start}）晚于 end（{end}）"))
    sections, section_problems = _load_sections(year_dir, root)
    problems.extend(section_problems)
    if problems:
        return None, problems
    report = Report(display, int(year_dir.name), data["title"], data["issuer"], issued, ReportPeriod(start, end), sections)  # type: ignore[arg-type]
    return report, []


def _load_sections(year_dir: Path, root: Path) -> tuple[tuple[ReportSection, ...], list[Problem]]:
    sections, problems = [], []
    seen: dict[int, str] = {}
    for path in sorted(year_dir.glob("*.md")):
        if path.name == "index.md":
            continue
        display = path.relative_to(root).as_posix()
        if not SECTION_RE.match(path.name):
            problems.append(Problem(display, 1, "报告部分的文件名应为 NN-名称.md（两位序号，名称为小写字母、数字和 -）"))
            continue
        front = _front(path, display)
        if isinstance(front, Problem):
            problems.append(front)
            continue
        data, body, body_line = front
        order, title = data.get("order"), data.get("title")
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(Problem(display, 1, f"字段 order 应为整数，实际为 {order!r}"))
            continue
        if not isinstance(title, str) or not title.strip():
            problems.append(Problem(display, 1, "缺少必填字段 title"))
            continue
        if order in seen:
            problems.append(Problem(display, 1, f"order {order} 与 {seen[order]} 重复"))
            continue
        seen[order] = display
        sections.append(ReportSection(display, order, title, body, body_line, bool(data.get("show_title", True))))
    return tuple(sorted(sections, key=lambda s: s.order)), problems


def load_reports(reports_dir: Path, root: Path) -> tuple[dict[int, Report], list[Problem]]:
    """Every year's report below reports_dir."""
    reports: dict[int, Report] = {}
    problems: list[Problem] = []
    if not reports_dir.is_dir():
        return reports, problems
    for year_dir in sorted(p for p in reports_dir.iterdir() if p.is_dir() and re.fullmatch(r"[0-9]{4}", p.name)):
        report, found = load_report(year_dir, root)
        problems.extend(found)
        if report is not None:
            reports[report.year] = report
    return reports, problems


def find_placeholders(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """Every template placeholder left in a text, with its line."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for match in PLACEHOLDER_RE.finditer(line):
            problems.append(Problem(path, number, f"定稿中仍有占位符“{match.group(0)}”，请改用宏计算"))
    return problems
