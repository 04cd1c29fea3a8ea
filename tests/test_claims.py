"""Report sentences checked against the ledger: claims, stale values, narrative marks, limits and the new record types."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult, Project, report_index
from tests.excel_data import xlsxwriter_workbook

SECTION = "---\norder: 1\ntitle: 一、做法\n---\n\n"


def _office(project: Project, name: str, level: str, area: float, year: int = 2023) -> None:
    project.record(f"{year}/office_space/{year}-03-15-{name}", f"""
        type: office_space
        date: {year}-03-15
        title: {name}办公用房核查
        occupant: {name}
        level: {level}
        room: '301'
        actual_area: {area}
        """)


def _final(project: Project, run_cli: Callable[..., CliResult], body: str) -> CliResult:
    project.write("docs/reports/2023/index.md", report_index(2023))
    project.write("docs/reports/2023/01-x.md", SECTION + body)
    project.record("2022/meeting/2022-03-01-a", "type: meeting\ndate: 2022-03-01\ntitle: 会\nkind: 常务会议\n")
    return run_cli("--root", str(project.root), "check", "--final", "--year", "2023")


def test_a_bare_claim_of_absence_is_a_warning_with_the_sentence_quoted(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    _office(project, "zhang", "县级正职", 28)
    result = _final(project, run_cli, "严格落实办公用房规定。\n政府班子成员不存在办公用房超标等问题。\n")
    assert result.code == 0, result.text
    assert ("docs/reports/2023/01-x.md:7: 警告：“不存在”没有台账依据" in result.out
            and "句子：“政府班子成员不存在办公用房超标等问题。”" in result.out), result.out
    assert "叙述 2 句" in result.err


def test_a_claim_inside_a_condition_over_a_macro_is_checked(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    _office(project, "zhang", "县级正职", 28)
    result = _final(project, run_cli, '{% set rooms = breaches("office_space") %}{% if rooms == 0 %}'
                                      '政府班子成员不存在办公用房超标问题{% else %}发现超标{{ rooms }}间，已责令整改{% endif %}。\n'
                                      '办公室面积不超过{{ limit("office-area", level="县级正职") }}㎡。\n')
    assert result.code == 0, result.text
    assert "没有台账依据" not in result.out, result.out
    assert "2023年报告核查：数字 0 句、已核对 2 句、叙述 0 句" in result.err


def test_a_value_no_record_of_the_period_holds_is_a_warning(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/inspection/2023-05-01-a", "type: inspection\ndate: 2023-05-01\ntitle: 检查\nfocus: 作风纪律\n")
    result = _final(project, run_cli, '围绕疫情防控、作风纪律等方面开展督导检查{{ count("inspection", focus="作风纪律") }}次。\n'
                                      '围绕{{ top_values("inspection", "focus") }}等方面开展检查。\n')
    assert result.code == 0, result.text
    assert "01-x.md:6: 警告：句中提到“疫情防控”，但报告期（2023-01-01 至 2023-12-31）内没有督导检查记录的检查重点为“疫情防控”" in result.out
    assert "“作风纪律”" not in result.out
    assert "数字 2 句" in result.err


def test_a_value_the_sentence_counts_is_backed_even_at_zero(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    # A young ledger: no 个别谈话 yet. "个别谈话0次" is what the ledger says, not a stale value.
    project.record("2023/talk/2023-05-01-a", "type: talk\ndate: 2023-05-01\ntitle: 谈话\nkind: 提醒谈话\n")
    result = _final(project, run_cli, '开展个别谈话{{ count("talk", kind="个别谈话") }}次、'
                                      '提醒谈话{{ count("talk", kind="提醒谈话") }}次。\n')
    assert result.code == 0, result.text
    assert "个别谈话”" not in result.out, result.out


def test_a_narrative_mark_silences_the_warning_and_is_counted(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _final(project, run_cli, "活动期间不搞交通管制、不搞封路。{# 叙述 #}\n未出现违规剪彩的问题。\n")
    assert result.code == 0, result.text
    assert "不搞" not in result.out and "01-x.md:7: 警告：“未出现”没有台账依据" in result.out
    assert "叙述 2 句" in result.err


def test_limit_states_the_rule_and_top_values_ranks_public_records(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    for n, topics in enumerate((["安全生产", "乡村振兴"], ["安全生产"], ["乡村振兴"], ["项目建设"])):
        project.record(f"2023/research/2023-04-0{n + 1}-r", f"type: research\ndate: 2023-04-0{n + 1}\ntitle: 调研\n"
                       f"leader: 县长\nplace: 乡\ntopics: [{', '.join(topics)}]\n")
    project.record("2023/research/2023-04-09-s", "type: research\ndate: 2023-04-09\ntitle: 调研\nleader: 县长\n"
                   "place: 乡\ntopics: [保密事项, 保密事项2]\nconfidential: true\n")
    project.record("2023/news/2023-04-01-n", "type: news\ndate: 2023-04-01\ntitle: 报道\noutlet: 县报\nmedium: 报纸\nwords: 1200\n")
    body = ('就{{ top_values("research", "topics", n=2) }}等问题开展调研；报纸字数不超过{{ limit("news-words", medium="报纸") }}字'
            '{% set over = breaches("news", rule="news-words") %}{% if over %}，{{ over }}篇超出规定{% endif %}。\n')
    project.write("docs/reports/2023/index.md", report_index(2023))
    project.write("docs/reports/2023/01-x.md", SECTION + body)
    project.record("2022/meeting/2022-03-01-a", "type: meeting\ndate: 2022-03-01\ntitle: 会\nkind: 常务会议\n")
    out = tmp = project.root / "out.docx"
    result = run_cli("--root", str(project.root), "export", "2023", "--out", str(out))
    assert result.code == 0, result.text
    from docx import Document

    text = "".join(p.text for p in Document(str(tmp)).paragraphs)
    assert "就安全生产、乡村振兴等问题开展调研；报纸字数不超过1000字，1篇超出规定。" in text
    assert "保密" not in text
    check = run_cli("--root", str(project.root), "check")
    assert ("新闻报道字数超过规定：报纸稿件 1200 字，超过统一规定的 1000 字"
            "（依据：《示例县关于改进党政领导活动新闻报道的统一规定》第四条（县定标准））") in check.out


def test_office_space_and_vehicle_use_through_import_and_check(project: Project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = xlsxwriter_workbook(tmp_path / "台账.xlsx", {
        "办公用房": [["日期", "标题", "使用人", "职级", "房间号", "核定面积（㎡）", "实际使用面积（㎡）"],
                 ["2024-03-15", "刘洋办公用房核查", "刘洋", "县级副职", "311", 24, 31.2],
                 ["2024-03-15", "张明办公用房核查", "张明", "县级正职", "301", 30, 28]],
        "公车使用": [["日期", "标题", "车牌号", "用车人", "用车事由", "起点", "终点", "公车私用"],
                 ["2024-04-06", "清明用车", "示A·G1004", "副县长刘洋", "返乡探亲", "县城", "河口乡", "是"]],
    })
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 0, result.text
    check = run_cli("--root", str(project.root), "check")
    assert "办公用房面积超标：刘洋（县级副职）办公室 31.2㎡，超过 24㎡ 的标准（依据：《党政机关办公用房建设标准》" in check.out
    assert "公车私用：副县长刘洋 使用 示A·G1004 办理私人事务（返乡探亲）（依据：《党政机关公务用车管理办法》" in check.out
    assert check.out.count("办公用房面积超标") == 1


def test_rules_without_a_source_are_refused(tmp_path: Path) -> None:
    from zuofeng.core.domain.catalogue import CatalogueError
    from zuofeng.core.domain.rules import load_rules

    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - id: x\n    type: meeting\n    label: 甲\n    check: 'true'\n    message: 乙\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="缺少 source"):
        load_rules(path)


def test_example_reports_pass_final_with_no_unsupported_sentence(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(REPO), "check", "--final")
    assert result.code == 0, result.text
    assert "docs/reports" not in result.out, result.out
    one = run_cli("--root", str(REPO), "check", "--final", "--year", "2024")
    assert "2024年报告核查：数字 8 句、已核对 4 句、叙述 36 句" in one.err


@pytest.mark.slow
def test_audit_page_of_the_example_report_in_a_real_build(example_site: Path) -> None:
    page = (example_site / "reports/2024/audit/index.html").read_text(encoding="utf-8")
    assert "数字 8 句、已核对 4 句、叙述 36 句" in page
    assert "作者标为叙述" in page and "count(&#34;trip&#34;) == 0" in page.replace("&quot;", "&#34;")
    assert 'href="audit/' in (example_site / "reports/2024/index.html").read_text(encoding="utf-8")
