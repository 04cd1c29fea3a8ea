"""The reports' Word files as generated site files (downloads/<year>-report.docx), made of the build's one render."""

from __future__ import annotations

import logging
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core.problems import Problem
from zuofeng.export.docx import report_docx
from zuofeng.site.incremental import SameInputs
from zuofeng.site.rendered import ReportRenders

log = logging.getLogger("mkdocs.plugins.zuofeng")
DOWNLOADS_ROOT = "downloads"


def docx_src(year: int) -> str:
    return f"{DOWNLOADS_ROOT}/{year}-report.docx"


def docx_files(config: MkDocsConfig, renders: ReportRenders, reuse: SameInputs,
               version: Callable[[int], str]) -> list[File]:
    """One .docx per report; a report whose macros fail is left to its page, which stops the build.

    `version(year)` says what the file is made of: the same, the bytes of the last build are kept.
    """
    files = []
    for year in sorted(renders.reports):
        data = reuse.get(("docx", year, version(year)), (), lambda: _export(renders, year))
        if data is not None:
            files.append(File.generated(config, docx_src(year), content=data))
    return files


def _export(renders: ReportRenders, year: int) -> bytes | None:
    rendered = renders.for_word(year)
    if isinstance(rendered, Problem):
        log.debug("zuofeng：%s年报告未生成 Word 文件：%s", year, rendered)
        return None
    return report_docx(rendered, renders.ledger.index)
