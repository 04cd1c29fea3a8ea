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
from zuofeng.core.report.claims import Kind, counts, stale_values, unsupported_claims
from zuofeng.core.report.sentences import Sentence, split_sentences
from zuofeng.core.domain.rules import load_claims, load_handled
from zuofeng.core.input.source import decode, split_front_matter


def final_problems(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator],
                   years: list[int]) -> list[Problem]:
    """Placeholders, rendering errors, breaches() counting every rule in a sentence about one, claims
    the ledger does not back and values no record of the period holds."""
    problems: list[Problem] = []
    claims = load_claims(ledger.settings.rules_path)  # words asserting absence or compliance
    handled = load_handled(ledger.settings.rules_path)  # of those, the words saying breaches were dealt with
    for year in years:
        report = reports[year]
        if report.date is None:
            problems.append(Problem(report.path, 1, f"成文日期 date 尚未填写（例如 date: {report.year}-12-10）"))
        functions = bind(ledger, reports, indicators, year, draft=False).functions()
        index_body, index_line = _index_body(ledger.settings.root / report.path)
        pages = [(report.path, index_body, index_line)] + [(s.path, s.body, s.body_line) for s in report.sections]
        for path, body, first_line in pages:
            problems.extend(find_placeholders(path, body, first_line))
            problems.extend(unnamed_rule_problems(path, body, first_line, ledger.rules))
            sentences = split_sentences(body, first_line)
            problems.extend(unsupported_claims(path, sentences, claims, handled))
            problems.extend(stale_values(path, sentences, ledger.index, report.period))
            result = render(body, functions, path, first_line)
            if isinstance(result, Problem):
                problems.append(result)
    return problems


def report_pages(ledger: Ledger, report: Report) -> list[tuple[str, str, int]]:
    """Each page of a report (its index, then its sections) as path, body and the body's first line."""
    index_body, index_line = _index_body(ledger.settings.root / report.path)
    return [(report.path, index_body, index_line)] + [(s.path, s.body, s.body_line) for s in report.sections]


def report_sentences(ledger: Ledger, report: Report) -> list[tuple[str, Sentence]]:
    """Every sentence of a report in order, with its page's path."""
    return [(path, s) for path, body, line in report_pages(ledger, report) for s in split_sentences(body, line)]


def sentence_counts(ledger: Ledger, report: Report) -> dict[Kind, int]:
    """How many sentences of a report are figures, checked claims and narrative."""
    return counts([s for _, s in report_sentences(ledger, report)], load_claims(ledger.settings.rules_path))


def _index_body(path: Path) -> tuple[str, int]:
    source = split_front_matter(str(path), decode(str(path), path.read_bytes()))
    return source.body, source.body_line
