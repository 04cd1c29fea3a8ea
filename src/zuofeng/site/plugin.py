"""MkDocs plugin `zuofeng`: loads the ledger once per build and generates record pages."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from zuofeng.core.catalogue import CatalogueError
from zuofeng.core.indicators import Indicator, load_indicators
from zuofeng.core.macros import ReportMacros
from zuofeng.core.render import render
from zuofeng.core.reports import Report, load_reports
from zuofeng.core.loader import LoadCache
from zuofeng.core.problems import errors_only
from zuofeng.core.project import Ledger, Settings, SettingsError, load_ledger
from zuofeng.core.record import Record
from zuofeng.site import pages, reports, segments
from zuofeng.site.sanitize import clean

log = logging.getLogger("mkdocs.plugins.zuofeng")

# Parsed records survive `mkdocs serve` rebuilds (MkDocs makes a new plugin each time).
_CACHES: dict[Path, LoadCache] = {}


class ZuofengConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    records_nav = c.Type(str, default="records/index.md")
    reports_nav = c.Type(str, default="reports/index.md")


class ZuofengPlugin(BasePlugin[ZuofengConfig]):
    """Turns every visible record into a page and adds listings by year and type."""

    ledger: Ledger
    reports: dict[int, Report]
    indicators: list[Indicator]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent)
        segments.start_build()  # search segmentation memoised across `mkdocs serve` rebuilds
        try:
            settings = Settings.load(root)
            self.ledger = load_ledger(settings, _CACHES.setdefault(settings.records_dir, LoadCache()))
            self.indicators = load_indicators()
        except (CatalogueError, SettingsError) as exc:
            raise PluginError(f"zuofeng：{exc}") from None
        self.reports, report_problems = load_reports(settings.reports_dir, settings.root)
        self._docs_dir = Path(config.docs_dir)
        errors = errors_only(self.ledger.problems) + report_problems
        if errors:
            listing = "\n".join(str(p) for p in sorted(errors))
            raise PluginError(f"记录有 {len(errors)} 个问题，构建已停止：\n{listing}")
        for problem in self.ledger.problems:
            log.info(str(problem))
        self._by_year = _group_by_year(self.ledger.index.records)
        config.nav = _expand_nav(config.nav, self.config.records_nav, sorted(self._by_year, reverse=True))
        config.nav = reports.expand_reports_nav(config.nav, self.config.reports_nav, self.reports)
        return config

    def macros_for(self, page: Page) -> ReportMacros:
        """Macros bound to the report period of a page (used by the macros module)."""
        return reports.macros_for(page.file.src_uri, page.meta, self.ledger, self.reports, self.indicators)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self.ledger.catalogue
        root = pages.RECORDS_ROOT
        files.append(File.generated(config, f"{root}/index.md", content=pages.root_listing(self._by_year, catalogue)))
        if files.get_file_from_path(self.config.reports_nav) is None:
            files.append(File.generated(config, self.config.reports_nav, content=reports.reports_index_markdown(self.reports)))
        for year, report in self.reports.items():
            files.append(File.generated(config, reports.full_text_src(year), content=reports.full_text_markdown(report)))
        for year, records in self._by_year.items():
            files.append(File.generated(config, f"{root}/{year}/index.md", content=pages.year_listing(year, records, catalogue)))
            by_type: dict[str, list[Record]] = defaultdict(list)
            for record in records:
                by_type[record.type].append(record)
            for type_key, items in by_type.items():
                content = pages.type_listing(year, type_key, items, catalogue)
                files.append(File.generated(config, f"{root}/{year}/{type_key}/index.md", content=content))
            for record in records:
                if not record.confidential:
                    files.append(File.generated(config, pages.record_src(record), content=pages.record_markdown(record, catalogue)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if not src.startswith(f"{reports.REPORTS_ROOT}/") and page.meta.get("render_macros") is not True:
            return markdown
        year = reports.page_year(src, page.meta, self.ledger.index)
        if src == f"{reports.REPORTS_ROOT}/{year}/index.md" and year in self.reports:
            markdown += reports.section_links(self.reports[year])
        # Render once in the sandbox with exactly the report macros: a bad macro call or any
        # template beyond them stops the build here with the page and line named.
        display = f"{Path(config.docs_dir).name}/{src}"
        first_line = _body_first_line(page, markdown)
        result = render(markdown, self.macros_for(page).functions(), display, first_line)
        if not isinstance(result, str):
            raise PluginError(f"报告页面有误，构建已停止：\n{result}")
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Record pages hold user-written HTML: sanitise everything they render.
        if page.meta.get("zuofeng_record"):
            return clean(html)
        return html


def _group_by_year(records: list[Record]) -> dict[int, list[Record]]:
    by_year: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        by_year[record.year].append(record)
    return dict(by_year)


def _expand_nav(nav: Any, anchor: str, years: list[int]) -> Any:
    """Replace the nav entry pointing at the records listing with a section of year listings."""
    if not isinstance(nav, list):
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if value == anchor:
                children = [anchor] + [{f"{year}年": f"{pages.RECORDS_ROOT}/{year}/index.md"} for year in years]
                expanded.append({title: children})
                continue
            expanded.append({title: _expand_nav(value, anchor, years)})
        else:
            expanded.append(item)
    return expanded


def _body_first_line(page: Page, markdown: str) -> int:
    """File line where the page's Markdown (front matter removed by MkDocs) starts."""
    source = page.file.content_string
    head = markdown[:200]
    offset = source.find(head) if head else -1
    return source[:offset].count("\n") + 1 if offset > 0 else 1
