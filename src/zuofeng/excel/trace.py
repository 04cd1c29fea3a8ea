"""Tracing a problem in a record text back to the worksheet cell it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zuofeng.core.problems import Problem
from zuofeng.excel.columns import BODY
from zuofeng.excel.problems import CellProblem
from zuofeng.excel.rows import Row

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):")


@dataclass(frozen=True)
class Staged:
    """A record file an import would write: its content, where, and the row it comes from."""

    data: bytes
    display: str
    row: Row
    order: int
    update: bool


def field_at(text: str, line: int) -> str | None:
    """The top-level field a line of a record text belongs to (the body below the front matter)."""
    lines = text.split("\n")
    closing = next((n for n, l in enumerate(lines[1:], start=2) if l.rstrip() == "---"), len(lines))
    if line > closing:
        return BODY
    for number in range(min(line, len(lines)), 0, -1):
        match = _KEY.match(lines[number - 1])
        if match:
            return match.group(1)
    return None


def locate(problem: Problem, staged: dict[str, Staged], file: str) -> CellProblem:
    """The problem at its cell when it concerns a staged file; as `path:line` otherwise."""
    item = staged.get(problem.path)
    prefix = "警告：" if problem.severity == "warning" else ""
    if item is None:
        return CellProblem(10**6, 0, 0, "", "", f"{problem}")
    row = item.row
    name = field_at(item.data.decode("utf-8"), problem.line) if problem.line > 0 else None
    column = row.cells.get(name, 0) if name else 0
    return CellProblem(item.order, row.number, column, file, row.sheet, f"{prefix}{problem.message}")
