"""Problems found in user input, reported as `path:line: 问题`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from zuofeng.core.input.printable import printable

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; line is 1-based (0 when the whole file is concerned)."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "警告：" if self.severity == "warning" else ""
        # Paths and messages quote user input: never let it print control characters.
        return printable(f"{self.path}:{self.line}: {prefix}{self.message}")


class ProblemsFound(Exception):
    """Input that cannot be used, with its problems: the base of every error that carries them.

    Only the edges turn it into something else: an exit code (CLI) or a PluginError (build).
    """

    def __init__(self, *problems: Problem) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


def in_year(problem: Problem, year: int) -> bool:
    """A problem about a file of that year (records/<year>/…, docs/reports/<year>/…)."""
    return str(year) in problem.path.split("/")[:4]


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that fail a check (warnings excluded)."""
    return [p for p in problems if p.severity == "error"]


def display_path(path: Path, root: Path) -> str:
    """Path as shown to users: relative to the project root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
