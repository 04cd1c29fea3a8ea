"""The audit page links what backs each sentence; news about the 党政主要领导; 已责令整改 backed by 处理情况; one splitter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult, Project, report_index
from zuofeng.core.domain.rules import load_rules
from zuofeng.core.report.rule_sentences import unnamed_rule_problems

SECTION = "---\norder: 1\ntitle: 一、做法\n---\n\n"
ESCORT_BREACH = """
    type: reception
    date: 2023-05-06
    title: 接待市审计局审计组
    guest_unit: 市审计局审计组
    guests: 4
    escorts: 5
    meals: 1
    cost_yuan: 540
    letter_no: 示函〔2023〕5号
    """
# The pattern of the example reports: the claim renders only when every breach has a 处理情况.
HANDLED = ('{% set escorts = breaches("reception", rule="reception-escorts") %}{% if escorts == 0 %}不存在超标接待现象'
           '{% else %}发现陪同人数超标接待{{ escorts }}批次{% set open = unhandled("reception") %}'
           '{% if open == 0 %}，已责令整改{% else %}，其中{{ open }}批次尚未记录处理情况{% endif %}{% endif %}。\n')


def _report(project: Project, body: str) -> None:
    project.write("docs/reports/2023/index.md", report_index(2023))
    project.write("docs/reports/2023/01-x.md", SECTION + body)
    project.record("2022/meeting/2022-03-01-a", "type: meeting\ndate: 2022-03-01\ntitle: 会\nkind: 常务会议\n")


def _final(project: Project, run_cli: Callable[..., CliResult], body: str) -> CliResult:
    _report(project, body)
    return run_cli("--root", str(project.root), "check", "--final", "--year", "2023")


def _exported(project: Project, run_cli: Callable[..., CliResult]) -> str:
    from docx import Document

    out = project.root / "out.docx"
    result = run_cli("--root", str(project.root), "export", "2023", "--out", str(out), "--force")
    assert result.code == 0, result.text
    return "".join(p.text for p in Document(str(out)).paragraphs)


# ---------------------------------------------------------------- 1. the audit page links

def _audit_markdown(project: Project) -> tuple[str, dict[str, object]]:
    """The audit page's Markdown and the traced macros the site renders it with."""
    from zuofeng.core.domain.indicators import load_indicators
    from zuofeng.core.project import Settings, load_ledger
    from zuofeng.core.report.reports import load_reports
    from zuofeng.site import reports

    settings = Settings.load(project.root)
    ledger = load_ledger(settings)
    found = load_reports(settings.reports_dir, settings.root)[0]
    indicators = load_indicators()
    page = reports.audit_markdown(ledger, found, indicators, 2023)
    macros = reports.macros_for(reports.audit_src(2023), {}, ledger, found, indicators, traced=True)
    return page, macros.functions()


def _rendered_audit(project: Project) -> str:
    """The audit page rendered as the site renders it: each traced figure through the figure hook."""
    from zuofeng.core.report.render import render

    page, functions = _audit_markdown(project)
    result = render(page, functions, "audit.md", 1, lambda figure: f"[{figure.trace.call}→{figure.trace.shown}]")
    assert isinstance(result, str), result
    return result


def test_audit_page_links_the_figures_of_a_figure_sentence(project: Project) -> None:
    project.record("2023/meeting/2023-03-01-a", "type: meeting\ndate: 2023-03-01\ntitle: 会\nkind: 常务会议\n")
    _report(project, '召开常务会议{{ count("meeting", kind="常务会议") }}次，{{ yoy("meeting") }}。\n')
    page = _rendered_audit(project)
    row = next(line for line in page.splitlines() if "召开常务会议" in line)
    assert '[count("meeting", kind="常务会议")→1]' in row, row
    assert '[yoy("meeting")→同比持平]' in row or '[yoy("meeting")→' in row, row


def test_audit_page_links_the_ledger_values_of_a_checked_claim(project: Project) -> None:
    project.record("2023/reception/2023-05-06-a", ESCORT_BREACH)
    _report(project, '{% set over = breaches("reception", rule="reception-escorts") %}{% if over == 0 %}'
                     '不存在超标接待现象{% else %}发现超标接待{{ over }}批次{% endif %}。\n'
                     '{% if count("trip") == 0 %}无因公出国出境活动{% endif %}。\n')
    page = _rendered_audit(project)
    rows = [line for line in page.splitlines() if line.startswith("<tr><td>")]
    reception = next(row for row in rows if "超标接待" in row)
    # The condition, its value, and the breaching records behind it (the figure page of the macro).
    assert "over == 0" in reception and "否" in reception, reception
    assert '[breaches("reception", rule="reception-escorts")→1]' in reception, reception
    trip = next(row for row in rows if "因公出国" in row)
    assert "是" in trip and '[count("trip")→0]' in trip, trip


def test_audit_page_keeps_a_loop_variable_plain(project: Project) -> None:
    project.record("2023/news/2023-04-01-n", "type: news\ndate: 2023-04-01\ntitle: 报道\noutlet: 县报\nmedium: 报纸\nwords: 800\n")
    _report(project, '在{% for paper in values_of("news", "outlet") %}《{{ paper }}》{% endfor %}刊发消息'
                     '{{ count("news") }}条。\n')
    page = _rendered_audit(project)  # renders: no undefined `paper` reached the page's template
    assert '[count("news")→1]' in page


@pytest.mark.slow
def test_audit_page_of_the_example_links_the_report_figures(example_site: Path) -> None:
    audit = (example_site / "reports/2024/audit/index.html").read_text(encoding="utf-8")
    section = (example_site / "reports/2024/02-eight-rules/index.html").read_text(encoding="utf-8")

    def figures(html: str) -> set[str]:
        return {href.rsplit("/figures/", 1)[1] for href in re.findall(r'class="zf-figure" href="([^"]+)"', html)}
    linked = figures(audit)
    assert linked and figures(section) <= linked, figures(section) - linked  # the same pages the report links
    rows = re.findall(r"<tr><td>\d+</td><td>已核对</td>.*?</tr>", audit, re.S)
    escorts = next(row for row in rows if "陪同人数超标接待" in row)
    href = re.search(r'breaches\(&#34;reception&#34;, rule=&#34;reception-escorts&#34;\)</code> = '
                     r'<a class="zf-figure" href="([^"]+)"', escorts.replace("&quot;", "&#34;"))
    assert href, escorts
    target = (example_site / "reports/2024/audit" / href.group(1)).resolve() / "index.html"
    assert "2024-07-01-jiedai-g015" in target.read_text(encoding="utf-8")  # the breaching record


# ---------------------------------------------------------------- 2. news about the 党政主要领导

def test_news_sentence_counts_only_the_main_leaders_items(project: Project, run_cli: Callable[..., CliResult]) -> None:
    project.record("2023/news/2023-04-01-a", "type: news\ndate: 2023-04-01\ntitle: 县长调研\noutlet: 示例日报\n"
                   "medium: 报纸\nwords: 1200\nmain_leader: true\n")
    project.record("2023/news/2023-04-02-b", "type: news\ndate: 2023-04-02\ntitle: 副县长调研\noutlet: 示例县报\n"
                   "medium: 报纸\nwords: 1500\nmain_leader: false\n")
    _report(project, '在{% for paper in values_of("news", "outlet", medium="报纸", main_leader=true) %}《{{ paper }}》'
                     '{% endfor %}刊发党政主要领导活动报道，字数不超过{{ limit("news-words", medium="报纸") }}字'
                     '{% set over = breaches("news", main_leader=true) %}{% if over %}，{{ over }}条超出规定{% endif %}。\n')
    text = _exported(project, run_cli)
    assert "在《示例日报》刊发党政主要领导活动报道，字数不超过1000字，1条超出规定。" in text, text


def test_news_records_carry_the_main_leader_field_in_template_form_and_schema() -> None:
    from zuofeng.core.domain.catalogue import load_catalogue

    spec = load_catalogue().fields_of("news")["main_leader"]
    assert spec.kind == "bool" and spec.label == "党政主要领导活动报道" and spec.default is None
    schema = (REPO / "schemas/news.schema.json").read_text(encoding="utf-8")
    assert '"main_leader"' in schema


def test_example_2024_news_sentence_filters_on_the_main_leader() -> None:
    eight_rules = (REPO / "docs/reports/2024/02-eight-rules.md").read_text(encoding="utf-8")
    sentence = next(line for line in eight_rules.splitlines() if "（六）" in line)
    assert 'values_of("news", "outlet", medium="报纸", main_leader=true)' in sentence
    assert 'breaches("news", main_leader=true)' in sentence
    news = sorted((REPO / "records/2024/news").glob("*.md"))
    assert news and all("\nmain_leader: " in path.read_text(encoding="utf-8") for path in news)
    for year in (2021, 2022, 2023):  # published years: their records are never rewritten
        assert not any("main_leader" in p.read_text(encoding="utf-8") for p in (REPO / f"records/{year}/news").glob("*.md"))


# ---------------------------------------------------------------- 3. 已责令整改 backed by 处理情况

def test_a_bare_rectification_claim_after_a_breach_is_a_warning(project: Project, run_cli: Callable[..., CliResult]) -> None:
    project.record("2023/reception/2023-05-06-a", ESCORT_BREACH)
    result = _final(project, run_cli, '{% set escorts = breaches("reception", rule="reception-escorts") %}'
                                      '{% if escorts == 0 %}不存在超标接待现象{% else %}发现陪同人数超标接待'
                                      '{{ escorts }}批次，已责令整改{% endif %}。\n')
    assert result.code == 0, result.text
    assert "01-x.md:6: 警告：“已责令整改”没有处理情况依据" in result.out, result.out
    assert "unhandled(" in result.out


def test_every_handled_word_of_the_rules_is_checked(project: Project, run_cli: Callable[..., CliResult]) -> None:
    """已督促 (the news sentence's 已督促县融媒体中心压缩时长篇幅) is a handled word like 已责令整改."""
    project.record("2023/reception/2023-05-06-a", ESCORT_BREACH)
    result = _final(project, run_cli, '{% set escorts = breaches("reception", rule="reception-escorts") %}'
                                      '{% if escorts %}发现陪同人数超标接待{{ escorts }}批次，已督促承办科室整改{% endif %}。\n')
    assert "01-x.md:6: 警告：“已督促”没有处理情况依据" in result.out, result.out


def test_rectification_claim_renders_only_when_every_breach_has_a_handling(project: Project,
                                                                          run_cli: Callable[..., CliResult]) -> None:
    project.record("2023/reception/2023-05-06-a", ESCORT_BREACH)
    result = _final(project, run_cli, HANDLED)
    assert result.code == 0 and "警告：“已责令整改”" not in result.out, result.text
    assert "发现陪同人数超标接待1批次，其中1批次尚未记录处理情况。" in _exported(project, run_cli)
    project.record("2023/reception/2023-05-06-a", ESCORT_BREACH + "handling: 责令退还超标准陪同餐费\n")
    assert "发现陪同人数超标接待1批次，已责令整改。" in _exported(project, run_cli)


def test_handling_field_on_every_type_with_a_rule() -> None:
    from zuofeng.core.domain.catalogue import load_catalogue

    catalogue = load_catalogue()
    for rule in load_rules():
        assert "handling" in catalogue.fields_of(rule.type), rule.type


def test_example_reports_back_their_rectification_claims(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(REPO), "check", "--final")
    assert result.code == 0, result.text
    assert "docs/reports" not in result.out, result.out
    for year in (2021, 2022, 2023, 2024):
        eight_rules = (REPO / f"docs/reports/{year}/02-eight-rules.md").read_text(encoding="utf-8")
        assert eight_rules.count("_open == 0 %}，已责令整改") == 2, year
        assert eight_rules.count("news_open == 0 %}，已督促县融媒体中心压缩时长篇幅") == 1, year


# ---------------------------------------------------------------- 4. one sentence splitter

def test_rule_sentences_use_the_report_sentence_splitter() -> None:
    # An author's note with a 。 inside the sentence: the old cutter split the sentence there.
    body = '发现陪同人数超标{# 注：含用餐。 #}接待{{ breaches("reception") }}批次。'
    problems = unnamed_rule_problems("docs/reports/2023/02-x.md", body, 5, load_rules())
    assert [p.line for p in problems] == [5], problems
