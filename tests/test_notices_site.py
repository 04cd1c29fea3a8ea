"""A real `mkdocs build --strict` of a scratch site with notices: the notice page and the register."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.sitecheck import compact, site_texts
from tests.conftest import mkdocs_build as build
from tests.conftest import scratch_site
from tests.notice_data import closed, problem, write_notice

pytestmark = pytest.mark.slow
SECRET = "绝密通报标题甲乙"


def _rows(page: str) -> list[list[str]]:
    """Every table row of a page as its cells' text."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notices-site")
    project = scratch_site(root)
    project.write("pyproject.toml", '[tool.zuofeng]\nrecords = "records"\nas_of = "2024-12-15"\n')
    write_notice(project, "2024-03-01", 1, [closed("城关镇", "2024-03-20", "2024-03-10")])
    write_notice(project, "2024-09-20", 2, [
        problem("石门镇", "2024-10-10", description="节假日值班人员未按时到岗"),   # 66 days overdue: red
        closed("县财政局", "2024-10-01", "2024-10-05"),                          # closed, late
        problem("南山镇", "2024-12-20", description="会议签到制度执行不严格"),     # 5 days left: blue
        problem("城关镇", "2024-12-05", description="上班时间浏览无关网页"),      # 10 days overdue: yellow
    ])
    project.record("2024/notice/2024-10-01-mimi", f"""
        type: notice
        date: 2024-10-01
        title: {SECRET}
        confidential: true
        issue_no: 3
        problems:
          - unit: 白杨乡
            description: 丙丁戊己问题
            deadline: 2024-10-30
            status: 整改中
    """)
    write_notice(project, "2023-06-01", 1, [closed("南山镇", "2023-06-30", "2023-06-20")])
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_notice_page_reads_like_the_document(site: Path) -> None:
    page = (site / "records/2024/notice/2024-09-20-tongbao-2/index.html").read_text(encoding="utf-8")
    assert "2024年第2期" in page and "县政府督查室" in page and "2024年9月20日" in page
    assert "城关镇、县财政局" in page  # targets
    rows = _rows(page.split('class="zf-notice-problems"')[1].split("</table>")[0])
    assert rows[0] == ["序号", "责任单位", "问题", "整改期限", "状态", "预警", "完成日期", "整改措施"]
    assert rows[1][:6] == ["1", "石门镇", "节假日值班人员未按时到岗", "2024年10月10日", "整改中", "超期（红） 逾期66天"]
    # Closed after its deadline: 逾期销号, marked and counted.
    assert rows[2][4:6] == ["逾期销号", "—"]
    assert '<span class="zf-status zf-status-late">逾期销号</span>' in page
    assert rows[3][5] == "临期（蓝） 剩余5天"
    assert rows[4][5] == "超期（黄） 逾期10天"
    # The mark is a text label with a class, and overdue rows are marked as such.
    assert '<span class="zf-alert zf-alert-red">超期（红）</span>' in page
    assert page.count('<tr class="zf-overdue">') == 2
    assert "截至2024年12月15日，本期通报问题 4 个，已整改销号 1 个（其中逾期销号 1 个），未销号 3 个，其中超期 2 个。" in page


def test_register_counts_and_sections(site: Path) -> None:
    page = (site / "notices/index.html").read_text(encoding="utf-8")
    rows = _rows(page)
    assert ["年份", "通报期数", "问题", "已整改", "其中逾期销号", "未整改", "超期"] in rows
    assert ["2024年", "2", "5", "2", "1", "3", "2"] in rows  # confidential notice not listed
    assert ["2023年", "1", "1", "1", "0", "0", "0"] in rows
    assert ["合计", "3", "6", "3", "1", "3", "2"] in rows
    assert ["第2期", "2024-09-20", "关于第2期督查情况的通报", "城关镇、县财政局", "4", "1", "1", "3", "2"] in rows
    assert "另有 1 期内部通报计入期号" in page
    assert "2024年" in page and "2023年" in page and "未销号问题" in page
    assert "../records/2024/notice/2024-09-20-tongbao-2/" in page
    open_rows = [r for r in rows if r and r[0].startswith(("超期", "临期"))]
    assert [r[:2] for r in open_rows] == [["超期（红） 逾期66天", "石门镇"], ["超期（黄） 逾期10天", "城关镇"],
                                          ["临期（蓝） 剩余5天", "南山镇"]]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "督查通报" in home and "notices/" in home  # in the nav


def test_units_page_lists_each_units_open_problems(site: Path) -> None:
    page = (site / "notices/units/index.html").read_text(encoding="utf-8")
    section = page.split(">石门镇</h2>")[1].split("<h2")[0]
    assert "节假日值班人员未按时到岗" in section and "超期（红）" in section
    assert "无未销号问题" in page.split(">县财政局</h2>")[1].split("<h2")[0]


def test_confidential_notice_never_appears(site: Path) -> None:
    assert not (site / "records/2024/notice/2024-10-01-mimi").exists()
    for path, text in site_texts(site).items():  # every file, gzip, zips and the search index decoded
        text = compact(text)
        assert SECRET not in text and "丙丁戊己问题" not in text and "白杨乡" not in text, path
