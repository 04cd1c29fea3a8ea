"""The reports' Word files as generated site files (downloads/<year>-report.docx)."""

from __future__ import annotations

import logging
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report
from zuofeng.export.docx import ExportError, export_report
from zuofeng.site.incremental import SameInputs

log = logging.getLogger("mkdocs.plugins.zuofeng")
DOWNLOADS_ROOT = "downloads"


def docx_src(year: int) -> str:
    return f"{DOWNLOADS_ROOT}/{year}-report.docx"


def docx_files(config: MkDocsConfig, ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator],
               reuse: SameInputs, version: Callable[[int], str]) -> list[File]:
    """One .docx per report; a report whose macros fail is left to its page, which stops the build.

    `version(year)` says what the file is made of: the same, the bytes of the last build are kept.
    """
    files = []
    for year in sorted(reports):
        data = reuse.get(("docx", year, version(year)), (), lambda: _export(ledger, reports, indicators, year))
        if data is not None:
            files.append(File.generated(config, docx_src(year), content=data))
    return files


def _export(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int) -> bytes | None:
    try:
        return export_report(ledger, reports, indicators, year)
    except ExportError as exc:
        log.debug("zuofeng：%s年报告未生成 Word 文件：%s", year, exc)
        return None
