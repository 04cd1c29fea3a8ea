"""A report rendered once: each section's output with the traced figures it printed.

The site's report pages (each figure a link to its page), its full-text page and the Word file
(each figure as its plain value) all read the same render: a build renders a report once.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any, Callable

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.macros import bind
from zuofeng.core.report.render import FigureHook, captures_output, names_used, render
from zuofeng.core.report.reports import Report, ReportSection
from zuofeng.core.report.trace import Figure

# Jinja's whitespace control at a template's edge (`{%-`, `-}}` …) also eats what lies beyond it.
_EDGE_CONTROL = re.compile(r"^[{][{%#]-|-[}%#][}]$")


@dataclass(frozen=True)
class RenderedSection:
    """One section's render: the text between the figures it printed, and those figures in order.

    A template that captures what it prints (`{% filter %}`, a `{% set %}` block, a macro) may
    use a figure's printed form as a value: it is not cut, `again` renders it for each reader.
    """

    section: ReportSection
    body: str  # the template rendered: the section's text as MkDocs hands it to its page
    pieces: tuple[str, ...] | None  # len(figures) + 1 pieces, or None when it could not be cut
    figures: tuple[Figure, ...]
    again: Callable[[FigureHook | None], str | Problem]

    def text(self, figure: FigureHook = str) -> str:
        """The section as rendered, each figure printed by `figure` (by default its plain value)."""
        if self.pieces is None:
            result = self.again(figure)
            assert isinstance(result, str)  # it rendered once already
            return result
        out = [self.pieces[0]]
        for value, piece in zip(self.figures, self.pieces[1:]):
            out += [figure(value), piece]
        return "".join(out)

    def stripped(self, figure: FigureHook = str) -> str | None:
        """The render of the section's text without its surrounding whitespace (None: not derivable)."""
        core = self.body.strip()
        if _EDGE_CONTROL.search(core[:3]) or _EDGE_CONTROL.search(core[-3:]):
            return None
        text = self.text(figure)
        lead = len(self.body) - len(self.body.lstrip())
        trail = len(self.body) - len(self.body.rstrip())
        return text[lead:len(text) - trail]


@dataclass(frozen=True)
class RenderedReport:
    """A year's report, every section rendered once; `reads` the names it took besides the macros."""

    report: Report
    sections: tuple[RenderedSection, ...]
    reads: frozenset[str]


def render_report(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
                  traced: bool = False, page_dir: str = "", charts: dict[str, str] | None = None,
                  names: dict[str, Any] | None = None) -> RenderedReport | Problem:
    """Every section of a year's report rendered once with its macros (and `names`); the first error instead.

    `traced`, `page_dir` and `charts` as in `bind`; `names` are other names a section may use
    (the site's office macros).
    """
    names = names or {}
    functions = {**names, **bind(ledger, reports, indicators, year, page_dir, charts, traced).functions()}
    done = []
    reads: set[str] = set()
    for section in reports[year].sections:
        rendered = _render_section(section, functions)
        if isinstance(rendered, Problem):
            return rendered
        done.append(rendered)
        reads |= (names_used(rendered.body) or frozenset()) & names.keys()
    return RenderedReport(reports[year], tuple(done), frozenset(reads))


def _render_section(section: ReportSection, functions: dict[str, Any]) -> RenderedSection | Problem:
    """Render once with a placeholder for each figure, then cut the output at them."""
    body = section.body.lstrip("\n")
    first_line = section.body_line + len(section.body) - len(body)

    def again(figure: FigureHook | None) -> str | Problem:
        return render(body, functions, section.path, first_line, figure)

    if captures_output(body):
        checked = again(None)
        return checked if isinstance(checked, Problem) else RenderedSection(section, body, None, (), again)
    printed: list[Figure] = []
    nonce = secrets.token_hex(8)

    def mark(value: Figure) -> str:
        printed.append(value)
        return f"\x00{nonce}:{len(printed) - 1}\x00"

    result = again(mark)
    if isinstance(result, Problem):
        return result
    return RenderedSection(section, body, _cut(result, nonce, len(printed)), tuple(printed), again)


def _cut(text: str, nonce: str, count: int) -> tuple[str, ...] | None:
    """The text between the placeholders, when each figure's shows exactly once and in order."""
    parts = re.split(f"\x00{nonce}:([0-9]+)\x00", text)
    numbers = [int(n) for n in parts[1::2]]
    return tuple(parts[0::2]) if numbers == list(range(count)) else None
