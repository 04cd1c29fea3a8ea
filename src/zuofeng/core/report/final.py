"""The final check of a report: every page renders and no template placeholder remains."""

from __future__ import annotations

from pathlib import Path

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.report.macros import bind
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.render import render
from zuofeng.core.report.reports import Report, find_placeholders
from zuofeng.core.report.rule_sentences import unnamed_rule_problems
from zuofeng.core.input.source import decode, split_front_matter


def final_problems(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator],
                   years: list[int]) -> list[Problem]:
    """Placeholders, rendering errors and breaches() counting every rule in a sentence about one."""
    problems: list[Problem] = []
    for year in years:
        report = reports[year]
        functions = bind(ledger, reports, indicators, year).functions()
        index_body, index_line = _index_body(ledger.settings.root / report.path)
        pages = [(report.path, index_body, index_line)] + [(s.path, s.body, s.body_line) for s in report.sections]
        for path, body, first_line in pages:
            problems.extend(find_placeholders(path, body, first_line))
            problems.extend(unnamed_rule_problems(path, body, first_line, ledger.rules))
            result = render(body, functions, path, first_line)
            if isinstance(result, Problem):
                problems.append(result)
    return problems


def _index_body(path: Path) -> tuple[str, int]:
    source = split_front_matter(str(path), decode(str(path), path.read_bytes()))
    return source.body, source.body_line
