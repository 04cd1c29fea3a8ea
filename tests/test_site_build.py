"""Real `mkdocs build` runs of a small scenario site: record pages, listings, strict errors."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sitecheck import compact, search_docs, site_texts
from tests.conftest import MEETING_FRONT, Project, mkdocs_build, scratch_site

pytestmark = pytest.mark.slow
HOSTILE = "<img src=x onerror=alert(1)>"


def _scenario(root: Path) -> Project:
    """A meeting, a notice, a research visit of 2022 and a confidential talk on the scratch site."""
    project = scratch_site(root)
    project.record("2023/meeting/2023-03-14-changwu", MEETING_FRONT + "duration_min: 90\ntags: [常务会议]\n",
                   "会议研究了**春耕生产**工作。\n\n模板语法 {{ 7*7 }} 和 {% raw %} 原样显示。\n\n<script>alert('x')</script>\n")
    project.record("2023/notice/2023-06-01-tongbao", """
        type: notice
        date: 2023-06-01
        title: 关于第1期作风纪律督查情况的通报
        issue_no: 1
        problems:
          - unit: 城关镇
            description: 窗口人员脱岗
            deadline: 2023-06-30
            status: 已整改
            rectified: 2023-06-20
            measures: 对脱岗人员批评教育，完善考勤制度
        rectified: true
    """)
    project.record("2022/research/2022-05-01-diaoyan", """
        type: research
        date: 2022-05-01
        title: 赴城关镇调研
        leader: 张明
        place: 城关镇
    """)
    project.record("2023/talk/2023-04-01-mimi", """
        type: talk
        date: 2023-04-01
        title: 绝密谈话标题甲乙丙
        kind: 提醒谈话
    """, "谈话内容丁戊己庚。\n")
    return project


@pytest.fixture
def site_project(tmp_path: Path) -> Project:
    return _scenario(tmp_path / "site-project")


@dataclass
class Built:
    project: Project
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The scenario, with a notice titled in HTML, built once as `make build` does (not quiet)."""
    project = _scenario(tmp_path_factory.mktemp("site-build") / "site-project")
    project.record("2023/notice/2023-07-01-xss", f"""
        type: notice
        date: 2023-07-01
        title: "{HOSTILE}"
        issue_no: 2
        tags: ["{HOSTILE}"]
        unit: "{HOSTILE}"
    """)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    # The console script, as the Makefile runs it: `python -m mkdocs` hides DeprecationWarnings.
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run([mkdocs, "build", "--strict"], cwd=project.root, env=env,
                            capture_output=True, text=True, timeout=600)
    return Built(project, result)


def test_build_generates_record_pages_and_listings(built: Built) -> None:
    project, result = built.project, built.result
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    page = (site / "records/2023/meeting/2023-03-14-changwu/index.html").read_text(encoding="utf-8")
    assert "县政府第3次常务会议" in page
    assert "<strong>春耕生产</strong>" in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("春耕生产")[1].split("</article>")[0]
    assert "<script>alert" not in page
    assert "常务会议" in page and "2023年3月14日" in page
    notice = (site / "records/2023/notice/2023-06-01-tongbao/index.html").read_text(encoding="utf-8")
    assert "窗口人员脱岗" in notice and "已整改" in notice
    listing = (site / "records/2023/meeting/index.html").read_text(encoding="utf-8")
    assert "2023-03-14-changwu/" in listing and "<table>" in listing
    year = (site / "records/2023/index.html").read_text(encoding="utf-8")
    assert "会议" in year and "督查通报" in year
    root = (site / "records/index.html").read_text(encoding="utf-8")
    assert "2022年" in root and "2023年" in root
    # The nav lists sections and listings only, never individual records. With
    # `navigation.prune` a section's entries are rendered on that section's pages.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="records/" class="md-nav__link' in home
    assert '<a href="2023/" class="md-nav__link' in root and '<a href="2022/" class="md-nav__link' in root
    assert "2023-03-14-changwu" not in home and "2023-03-14-changwu" not in root


def test_confidential_record_never_reaches_the_site(built: Built) -> None:
    project, result = built.project, built.result
    assert result.returncode == 0
    site = project.root / "site"
    assert not (site / "records/2023/talk/2023-04-01-mimi").exists()
    # Every file, decoded: gzip, zips (.docx), the Pagefind index, JSON escapes; blanks dropped (search words).
    for path, text in site_texts(site).items():
        for secret in ("绝密谈话标题甲乙丙", "丁戊己庚", "2023-04-01-mimi"):
            assert secret not in compact(text), (path, secret)
    assert any("县政府第3次常务会议" in doc["title"] for doc in search_docs(site))


def test_record_error_fails_build_with_check_messages(site_project: Project) -> None:
    site_project.record("2023/meeting/2023-02-30-bad", "type: meeting\ndate: 2023-02-30\ntitle: 坏\nkind: 常务会议")
    result = mkdocs_build(site_project.root)
    assert result.returncode == 1
    assert "records/2023/meeting/2023-02-30-bad.md:3: 字段 date（日期）为不存在的日期 2023-02-30" in result.stderr
    assert "Traceback" not in result.stderr


def test_titles_of_every_generated_page_are_escaped(built: Built) -> None:
    project, result = built.project, built.result
    assert result.returncode == 0
    pages = list((project.root / "site").rglob("*.html"))
    assert any("&lt;img src=x onerror=alert(1)&gt;" in path.read_text(encoding="utf-8") for path in pages)
    for path in pages:
        assert "onerror=alert" not in path.read_text(encoding="utf-8").replace("&lt;img src=x onerror=alert(1)&gt;", ""), path


def test_a_normal_build_prints_no_stack_traces(built: Built) -> None:
    """`make build` / `make serve` show INFO lines: no dependency's warning may arrive with a stack."""
    result = built.result
    assert result.returncode == 0, result.stderr
    assert "Documentation built" in result.stderr
    assert 'File "' not in result.stderr and "Warning:" not in result.stderr and "Traceback" not in result.stderr
