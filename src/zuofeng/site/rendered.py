"""The reports of one build, each rendered once: its section pages, its full text and its Word file read that render."""

from __future__ import annotations

from typing import Any, Callable

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.render import FigureHook
from zuofeng.core.report.rendered import RenderedReport, RenderedSection, render_report
from zuofeng.core.report.reports import Report
from zuofeng.site import reports as site_reports

# Report titles and the issuer are plain text on a section's page: a full text holding template
# syntax in them is rendered as one template, as it always was.
_TEMPLATE_SYNTAX = ("{{", "{%", "{#")


class ReportRenders:
    """Each year's report rendered on first use in this build, with the office's names, traced, for its folder.

    A memo of one build (made with it, dropped with it): its inputs — ledger, reports,
    indicators, the office's names — are fixed for the build.
    """

    def __init__(self, ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator],
                 charts: dict[str, str], names: Callable[[], dict[str, Any]]) -> None:
        self.ledger = ledger
        self.reports = reports
        self.indicators = indicators
        self.charts = charts
        self.names = names
        self._made: dict[int, RenderedReport | Problem] = {}

    def of(self, year: int) -> RenderedReport | Problem:
        """The year's report as rendered for the site (its first render error instead)."""
        if year not in self._made:
            self._made[year] = render_report(self.ledger, self.reports, self.indicators, year, traced=True,
                                             page_dir=f"{site_reports.REPORTS_ROOT}/{year}", charts=self.charts,
                                             names=self.names())
        return self._made[year]

    def for_word(self, year: int) -> RenderedReport | Problem:
        """The render the Word file reads: the site's, unless it reads the office's names, which
        `zuofeng export` knows nothing of: then rendered as that command renders it."""
        rendered = self.of(year)
        if isinstance(rendered, Problem) or not rendered.reads:
            return rendered
        return render_report(self.ledger, self.reports, self.indicators, year)

    def section(self, src_uri: str, markdown: str) -> tuple[int, RenderedSection | Problem] | None:
        """The render of a report section's page, when `markdown` is the section's text (None: not a section)."""
        parts = src_uri.split("/")
        if len(parts) != 3 or parts[0] != site_reports.REPORTS_ROOT or not parts[1].isdigit():
            return None
        year = int(parts[1])
        report = self.reports.get(year)
        if report is None or not any(s.path.endswith(f"/{src_uri}") and s.body.lstrip("\n") == markdown
                                     for s in report.sections):
            return None
        rendered = self.of(year)
        if isinstance(rendered, Problem):
            return year, rendered
        return year, next(s for s in rendered.sections if s.section.path.endswith(f"/{src_uri}"))

    def full_text(self, year: int, figure: FigureHook) -> str | Problem | None:
        """The full-text page's Markdown made of the sections' renders (None: render its template instead)."""
        report = self.reports[year]
        if any(mark in text for text in (report.title, report.issuer, *(s.title for s in report.sections))
               for mark in _TEMPLATE_SYNTAX):
            return None
        rendered = self.of(year)
        if isinstance(rendered, Problem):
            return rendered
        bodies = [section.stripped(figure) for section in rendered.sections]
        if any(body is None for body in bodies):
            return None
        return site_reports.full_text_body(report, [body for body in bodies if body is not None])
