"""The reports' Word files as generated site files (downloads/<year>-report.docx)."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report
from zuofeng.export.docx import ExportError, export_report

log = logging.getLogger("mkdocs.plugins.zuofeng")
DOWNLOADS_ROOT = "downloads"


def docx_src(year: int) -> str:
    return f"{DOWNLOADS_ROOT}/{year}-report.docx"


def docx_files(config: MkDocsConfig, ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator]) -> list[File]:
    """One .docx per report; a report whose macros fail is left to its page, which stops the build."""
    files = []
    for year in sorted(reports):
        try:
            data = export_report(ledger, reports, indicators, year)
        except ExportError as exc:
            log.debug("zuofeng：%s年报告未生成 Word 文件：%s", year, exc)
            continue
        files.append(File.generated(config, docx_src(year), content=data))
    return files
