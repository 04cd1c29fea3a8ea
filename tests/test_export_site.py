"""The .docx on the built example site: linked from the report, the same text as its full-text page."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult
from tests.docx_reading import block_texts, html_texts, open_docx

pytestmark = pytest.mark.slow


def test_docx_text_equals_the_sites_full_text(example_site: Path) -> None:
    html = (example_site / "reports/2023/full/index.html").read_text(encoding="utf-8")
    site_texts = html_texts(html)
    docx_texts = block_texts(open_docx(example_site / "downloads/2023-report.docx"))
    assert len(site_texts) > 20
    assert docx_texts == site_texts
    assert any("全年共开展调研120余次" in t for t in docx_texts)


def test_report_page_links_the_docx(example_site: Path) -> None:
    html = (example_site / "reports/2023/index.html").read_text(encoding="utf-8")
    assert '<a href="../../downloads/2023-report.docx">下载 Word 文件</a>' in html
    for year in (2021, 2022, 2023, 2024):
        assert (example_site / f"downloads/{year}-report.docx").read_bytes()[:2] == b"PK"


def test_site_docx_is_byte_identical_to_the_cli_export(example_site: Path, tmp_path: Path,
                                                       run_cli: Callable[..., CliResult]) -> None:
    out = tmp_path / "2022.docx"
    assert run_cli("--root", str(REPO), "export", "2022", "--out", str(out)).code == 0
    assert out.read_bytes() == (example_site / "downloads/2022-report.docx").read_bytes()
