"""One build's report pages: the pages the report macros render, each once, and the figure pages they link to.

The build (build.py) makes one `ReportPages` in its constructor; `add_files` keys the report inputs
(`key_report_inputs`) before the kinds make their pages, the figure kind's `make` renders every
page with macros (`render_pages`, kinds.py), the audit pages and Word files read the renders
(`kept_report_markdown`, `renders`, `report_version`), and `page_markdown` hands each such page
its render. Under `serve --dirty` a render is kept from the last build while what it reads is
the same (`ServeSession.reuse`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.notice_tracking import Tracking
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.macros import MACRO_NAMES, ReportMacros
from zuofeng.core.report.render import FigureHook, names_used, render
from zuofeng.core.report.reports import Report
from zuofeng.core.report.trace import Trace
from zuofeng.site import figures, incremental, kinds, reports, seams
from zuofeng.site.rendered import ReportRenders
from zuofeng.site.session import ServeSession

# The report macros that print records' titles (every other macro counts, sums or names fields).
TITLE_READERS = frozenset({"records_table", "latest_records"})
T = TypeVar("T")


class ReportPages:
    """What one build rendered with the report macros (pages, shared report renders, charts) and the figure pages made."""

    def __init__(self, ledger: Ledger, year_reports: dict[int, Report], indicators: list[Indicator],
                 tracking: Tracking, session: ServeSession, config: MkDocsConfig) -> None:
        """Nothing rendered yet: each report is rendered on first use."""
        self.ledger = ledger
        self.reports = year_reports
        self.indicators = indicators
        self.tracking = tracking
        self.session = session
        self.charts: dict[str, str] = {}  # drawn once per build, shared by the pages that show them
        self.figures = figures.FigurePages(config)
        self.rendered: dict[str, tuple[str, str]] = {}  # src_uri → Markdown, and its render (add_files)
        self.macro_inputs = ""  # what every report render reads besides its page (add_files)
        self._catalogue_key: str | None = None
        self.macro_inputs_but_titles = ""  # the same for a page that shows no record's title (add_files)
        self._current: dict[str, Record] | None = None  # id → this build's record (figures of reused renders)
        # Each report rendered once, on first use: its section pages, full text and Word file read it.
        self.renders = ReportRenders(self.ledger, self.reports, self.indicators, self.charts,
                                     lambda: _office_names(config))

    def render_pages(self, files: Files, config: MkDocsConfig) -> list[File]:
        """Render the pages of the kinds with macros, once; the figure pages they link to."""
        self._render_templates(files, config)
        return self.figures.files(self.ledger.catalogue, lambda year: self.reports[year].title
                                  if year in self.reports else f"{year}年报告", self._kept_figure_markdown,
                                  lambda year: self.reports[year].period if year in self.reports else None)

    def _kept_figure_markdown(self, src: str, trace: Trace, title: str, period: ReportPeriod | None,
                              make: Callable[[], str]) -> str:
        """A figure page's Markdown: under serve --dirty, the last build's while its trace (its records but
        their text), the report's title and period and the catalogue are the same."""
        if not self.macro_inputs:
            return make()
        if self._catalogue_key is None:
            self._catalogue_key = incremental.digest(repr(self.ledger.catalogue))
        key = incremental.digest(self._catalogue_key, title, repr(period), _trace_key(trace, self.session.record_keys.key))
        return self.session.reuse.get(("figure", src, key), (), make)

    def kept_report_markdown(self, key: tuple[Any, ...], make: Callable[[], str], template: str | None = None) -> str:
        """Markdown made of the report inputs only (records but their text, reports, indicators, notice
        settings): under serve --dirty, the last build's while they are the same. Made from a
        `template` that shows no record's title, it is kept after a title edit too."""
        if not self.macro_inputs:
            return make()
        return self.session.reuse.get((*key, self._report_inputs(template)), (), make)

    def key_report_inputs(self) -> None:
        """Keys of what report renders read: every record but its text; and but its title too, for
        pages that show no title (unless a rule, an indicator or the notice settings name titles)."""
        record_keys = self.session.record_keys
        rest = (repr(self.reports), repr(self.indicators), repr(self.tracking))
        self.macro_inputs = incremental.digest(record_keys.all, *rest)
        counted = "title" in repr(self.ledger.rules) or any("title" in part for part in rest[1:])
        self.macro_inputs_but_titles = self.macro_inputs if counted else \
            incremental.digest("but titles", record_keys.all_but_titles, *rest)

    def _report_inputs(self, template: str | None) -> str:
        """The key of the report inputs a page's template reads: titles only when it may show them."""
        if template is None or "title" in template:
            return self.macro_inputs
        used = names_used(template)
        return self.macro_inputs if used is None or used & TITLE_READERS else self.macro_inputs_but_titles

    def _render_templates(self, files: Files, config: MkDocsConfig) -> None:
        """Render every report page (and page with `render_macros: true`) now, once.

        Figures' pages must exist before MkDocs builds any page, and serve's fast path keys a
        page by its text after the macros.
        """
        # The kinds rendered with the macros: not the thousands of generated record pages.
        for file in files:
            if not file.is_documentation_page():
                continue
            macros = kinds.kind_of(file).macros
            if macros == "never":
                continue
            markdown, meta = get_data(file.content_string)
            if macros == "traced":
                self.rendered[file.src_uri] = (markdown, self._render_once(
                    markdown, meta, file, config, lambda: self._render_shared(markdown, meta, file, config)))
            elif meta.get("render_macros") is True:
                self.rendered[file.src_uri] = (markdown, self._render_once(
                    markdown, meta, file, config, lambda: self._render_page(markdown, meta, file, config)))

    def _render_once(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig,
                     render: Callable[[], str]) -> str:
        """A page's render, reused (with the figure pages it links to) while nothing it reads changed.

        It reads its text, the records but their text, the reports, indicators and notice
        settings, and the office's own names it uses: a page calling one of the office's
        functions (whose result no key can tell) is rendered at every build.
        """
        used = names_used(markdown)
        office = _office_names(config)
        values = [office[name] for name in sorted(used & office.keys())] if used is not None else None
        if values is None or any(callable(value) for value in values):
            return render()
        key = incremental.digest(markdown, repr(meta), repr(values), self._report_inputs(markdown))

        def make() -> tuple[str, list[Any]]:
            with self.figures.recording() as linked:
                return render(), linked
        text, linked = self.session.reuse.get(("render", file.src_uri, key), (), make)
        self.figures.adopt(linked, self._now)
        return text

    def _now(self, record: Record) -> Record:
        """This build's record of the same id (a reused render's figures list this build's titles)."""
        if self._current is None:
            self._current = {r.id: r for r in self.ledger.index.records}
        return self._current.get(record.id, record)

    def _render_report(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig,
                       new_figures: bool) -> str:
        """The one render of a report page, in Jinja's sandbox, each figure a link to its page.

        The macros are bound once to its period: a bad macro call stops the build here with the
        page and line named. `new_figures` false: a figure with no page yet prints plain.
        """
        src = file.src_uri
        year = reports.page_year(src, meta, self.ledger.index, self.reports)
        first_line = _body_first_line(file, markdown)  # before anything is appended to the text
        if src == f"{reports.REPORTS_ROOT}/{year}/index.md" and year in self.reports:
            markdown += reports.section_links(self.reports[year])
        macros = reports.macros_for(src, meta, self.ledger, self.reports, self.indicators, self.charts, traced=True)
        macros.linker = self.figures.linker(file, new_figures)
        return _render_or_stop(markdown, macros, file, config, first_line, self.figures.hook(year, file, new_figures))

    def _render_shared(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig) -> str:
        """A report section's page, or the full text, from the report's one render; other report pages on their own."""
        year = reports.page_year(file.src_uri, meta, self.ledger.index, self.reports)
        hook = self.figures.hook(year, file)
        found = self.renders.section(file.src_uri, markdown)
        if found is not None:
            section = _or_stop(found[1])
            return section.text(hook)
        if kinds.kind_of(file) is kinds.FULL_REPORT and year in self.reports:
            text = self.renders.full_text(year, hook)
            if text is not None:
                return _or_stop(text)
        return self._render_report(markdown, meta, file, config, True)

    def _render_page(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig) -> str:
        """A page that opted in to the macros (`render_macros: true`): rendered once, figures plain but for the
        key-figure cards and the indicator table, linked to the figure pages (数字溯源)."""
        macros = reports.macros_for(file.src_uri, meta, self.ledger, self.reports, self.indicators, self.charts)
        macros.linker = self.figures.linker(file)
        return _render_or_stop(markdown, macros, file, config, _body_first_line(file, markdown))

    def report_version(self, year: int) -> str:
        """What a year's Word file is made of, as the site rendered it: its full text and its details."""
        report = self.reports[year]
        full = self.rendered.get(reports.full_text_src(year), ("", ""))[1]
        return incremental.digest(full, repr((report.title, report.issuer, report.date, report.period)))

    def page_markdown(self, markdown: str, page: Page, macros: kinds.Macros, config: MkDocsConfig) -> str:
        """A page of a kind with `macros` as rendered (in add_files, or now); any other page's Markdown as it is."""
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None and rendered[0] == markdown:
            result = rendered[1]  # rendered in add_files; again below only if a plugin changed the text since
        elif macros == "traced":
            result = self._render_report(markdown, page.meta, page.file, config, False)
        elif macros == "opt_in" and page.meta.get("render_macros") is True:
            result = self._render_page(markdown, page.meta, page.file, config)
        else:
            return markdown
        # mkdocs-macros honours `render_macros: false` before anything else: it leaves the text as it is.
        page.meta["render_macros"] = False
        return result


def _render_or_stop(markdown: str, macros: ReportMacros, file: File, config: MkDocsConfig, first_line: int,
                    hook: FigureHook | None = None) -> str:
    """A page's one render in the sandbox, with the office's names and the bound macros; an error stops the build."""
    display = f"{Path(config.docs_dir).name}/{file.src_uri}"
    return _or_stop(render(markdown, {**_office_names(config), **macros.functions()}, display, first_line, hook))


def _or_stop(result: T | Problem) -> T:
    """A render of the report, or the build stopped at its error."""
    if isinstance(result, Problem):
        raise PluginError(f"报告页面有误，构建已停止：\n{result}")
    return result


def _office_names(config: MkDocsConfig) -> dict[str, Any]:
    """What the office's `macros/` module registered with mkdocs-macros (macros and variables)."""
    return {k: v for k, v in seams.macros_plugin_names(config).items() if k not in MACRO_NAMES}


def _body_first_line(file: File, markdown: str) -> int:
    """File line where the page's Markdown (front matter removed by MkDocs) starts."""
    source = file.content_string
    head = markdown[:200]
    offset = source.find(head) if head else -1
    return source[:offset].count("\n") + 1 if offset > 0 else 1


def _trace_key(trace: Trace, key: Callable[[Record], str]) -> str:
    """A trace's every field, its records (and those of its parts) by their keys: all a figure page shows of it."""
    values: list[Any] = []
    for item in dataclasses.fields(trace):
        value = getattr(trace, item.name)
        if item.name in ("records", "previous_records"):
            value = [key(record) for record in value]
        elif item.name == "problems":
            value = [(key(record), position) for record, position in value]
        elif item.name == "parts":
            value = [_trace_key(part, key) for part in value]
        values.append(value)
    return repr(values)
