"""The example 2023 report as built: every figure checked against counts made independently here."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, mkdocs_build

pytestmark = pytest.mark.slow


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    return yaml.load(text.split("---", 2)[1], Loader=yaml.BaseLoader)  # all values as text


def _records(year: int, type_key: str) -> list[dict]:
    return [_front(p) for p in sorted((REPO / "records" / str(year) / type_key).glob("*.md"))]


def _text(html_path: Path) -> str:
    html = html_path.read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", article))


def _pct(now: int, before: int) -> str:
    change = (now - before) * 1000 / before
    value = int(abs(change) + 0.5) / 10  # half-up at one decimal
    return f"同比{'增长' if change > 0 else '减少'}{value:.1f}%"


def test_2023_report_figures_match_the_records(example_site: Path) -> None:
    text = _text(example_site / "reports/2023/02-eight-rules/index.html")
    meetings = len(_records(2023, "meeting"))
    meetings_before = len(_records(2022, "meeting"))
    documents, documents_before = len(_records(2023, "document")), len(_records(2022, "document"))
    assert f"政府层面召开会议{meetings}次，{_pct(meetings, meetings_before)}" in text
    assert f"以政府和办公室名义印发文件{documents}件，{_pct(documents, documents_before)}" in text
    assert f"共驳回部门发文申请{len(_records(2023, 'doc_rejection'))}个" in text
    research = len(_records(2023, "research"))
    assert f"全年共开展调研{research // 10 * 10}余次" in text
    months = {r["date"][5:7] for r in _records(2023, "meeting")}
    quiet = "、".join(f"{int(m)}月" for m in (f"{i:02d}" for i in range(1, 13)) if m not in months)
    assert f"严格执行“无会月”制度，{quiet}未召开政府层面会议" in text
    assert "政府班子成员无因公出国出境出访活动" in text
    # The limits come from rules.yaml (广播 3、电视 5 分钟，报纸 1000 字); the items over them are recounted here.
    news = _records(2023, "news")
    over = sum(1 for r in news if (r["medium"] == "广播" and float(r.get("duration_min") or 0) > 3)
               or (r["medium"] == "电视" and float(r.get("duration_min") or 0) > 5)
               or (r["medium"] == "报纸" and int(r.get("words") or 0) > 1000))
    assert "广播播出时长不超过3分钟、电视播出时长不超过5分钟" in text and "字数不超过1000字" in text
    assert f"全年{over}条报道超出规定" in text and over == 2
    assert "不存在超标接待等现象" in text


def test_2023_practices_section(example_site: Path) -> None:
    text = _text(example_site / "reports/2023/01-practices/index.html")
    forms = Counter(r["form"] for r in _records(2023, "study"))
    assert f"组织开展理论中心组学习{forms['中心组学习']}次，开展集中研讨{forms['集中研讨']}次" in text
    inspections = len(_records(2023, "inspection"))
    expected = str(inspections) if inspections % 10 == 0 else f"{inspections // 10 * 10}余"
    assert f"开展督导检查{expected}次，印发督查通报{len(_records(2023, 'notice'))}期" in text


def test_2022_report_states_the_reception_breach(example_site: Path) -> None:
    text = _text(example_site / "reports/2022/02-eight-rules/index.html")
    assert "发现陪同人数超标接待1批次" in text


def test_full_text_page_holds_every_section_in_order(example_site: Path) -> None:
    text = _text(example_site / "reports/2023/full/index.html")
    positions = [text.index(t) for t in ("2023年以来", "一、主要做法", "二、贯彻落实中央八项规定情况", "三、存在问题", "四、下一步整改措施")]
    assert positions == sorted(positions)
    assert "中共示例县人民政府党组" in text and "2024年1月15日" in text


def test_report_index_shows_key_figures_and_links(example_site: Path) -> None:
    html = (example_site / "reports/2024/index.html").read_text(encoding="utf-8")
    assert 'class="zf-cards"' in html
    assert "统计期间：2024年1月1日至2024年11月30日" in _text(example_site / "reports/2024/index.html")
    for link in ("00-intro/", "01-practices/", "02-eight-rules/", "full/"):
        assert f'href="{link}"' in html


def test_placeholder_left_fails_final_check(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import copy_site

    root = copy_site(tmp_path)
    assert run_cli("--root", str(root), "check", "--final").code == 0
    section = root / "docs/reports/2023/02-eight-rules.md"
    section.write_text(section.read_text(encoding="utf-8").replace('{{ count("meeting") }}次', "XX次"), encoding="utf-8")
    result = run_cli("--root", str(root), "check", "--final")
    assert result.code == 1
    assert "docs/reports/2023/02-eight-rules.md:8: 定稿中仍有占位符“XX次”" in result.out
    assert run_cli("--root", str(root), "check").code == 0  # only --final looks at placeholders


def test_bad_macro_in_report_fails_the_build(tmp_path: Path) -> None:

    from tests.conftest import copy_site

    root = copy_site(tmp_path, with_records=False)
    (root / "records/2023/meeting").mkdir(parents=True)
    (root / "records/2023/meeting/2023-03-01-a.md").write_text("---\ntype: meeting\ndate: 2023-03-01\ntitle: 会\nkind: 常务会议\n---\n", encoding="utf-8")
    for year in ("2021", "2022", "2024"):
        import shutil

        shutil.rmtree(root / "docs/reports" / year)
    for section in (root / "docs/reports/2023").glob("0*.md"):
        section.unlink()
    (root / "docs/reports/2023/01-a.md").write_text('---\norder: 1\ntitle: 一\n---\n\n会议{{ count("meeting", knd="x") }}次\n', encoding="utf-8")
    (root / "docs/reports/2023/index.md").write_text("---\nyear: 2023\ntitle: 报告\nissuer: 党组\ndate: 2024-01-05\n---\n\n正文\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "docs/reports/2023/01-a.md:6: 宏计算失败：记录类型 meeting 没有可筛选的字段 knd" in result.stderr
    assert "Traceback" not in result.stderr
