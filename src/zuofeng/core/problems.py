"""Problems found in user input, reported as `path:line: 问题`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zuofeng.core.printable import printable

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
    """Raised by adapters that must stop (e.g. a strict build) on a list of problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that fail a check (warnings excluded)."""
    return [p for p in problems if p.severity == "error"]
