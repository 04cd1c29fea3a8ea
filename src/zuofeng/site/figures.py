"""数字溯源 on the site: each report figure a link to a page listing the records it counts."""

from __future__ import annotations

import html
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import Callable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record, shown
from zuofeng.core.domain.wording import format_number
from zuofeng.core.report.render import FigureHook
from zuofeng.core.report.trace import Figure, Trace, dash_period, notice_item_label
from zuofeng.site.figure_problems import problems_table, problem_totals as _problem_totals
from zuofeng.site.pages import front_matter, inline, records_table

FIGURES_DIR = "figures"


def figure_src(year: int, trace: Trace) -> str:
    """Docs path of a figure's page: reports/<year>/figures/<key>.md (the same call and period, the same path)."""
    return f"reports/{year}/{FIGURES_DIR}/{trace.key}.md"


def is_figure_src(src: str) -> bool:
    """Whether a docs path is a generated figure page (never a template)."""
    parts = src.split("/")
    return len(parts) == 4 and parts[0] == "reports" and parts[2] == FIGURES_DIR


def figure_link(trace: Trace, href: str) -> str:
    """The figure as the report prints it, linked to its page; its working shows on hover and focus."""
    if not trace.shown:
        return ""
    working = html.escape(trace.working())
    return (f'<a class="zf-figure" href="{html.escape(href)}" data-working="{working}" '
            f'aria-label="{html.escape(trace.shown)}（{working}）">{html.escape(trace.shown)}</a>')


class FigurePages:
    """The figure pages of one build: created as report pages are rendered, filled in at the end."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.pages: dict[str, tuple[Trace, File]] = {}
        self._linked: list[tuple[str, Trace]] | None = None

    def hook(self, year: int, page: File, create: bool = True) -> FigureHook:
        """What a report page prints for a figure: a link relative to that page (plain when not `create` and unknown)."""
        def link(value: Figure) -> str:
            src = figure_src(year, value.trace)
            if src not in self.pages:
                if not create:
                    return str(value)
                self.pages[src] = (value.trace, File.generated(self.config, src, content=""))
            if self._linked is not None:
                self._linked.append((src, value.trace))
            return figure_link(value.trace, get_relative_url(self.pages[src][1].url, page.url))
        return link

    def linker(self, page: File, create: bool = True) -> Callable[[int, Figure], str]:
        """The cards' and the indicator table's links from a page: a figure of any year, to that year's figure page."""
        return lambda year, value: self.hook(year, page, create)(value)

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, Trace]]]:
        """The figures linked while inside, for `adopt` when the render is reused in a later build."""
        self._linked = linked = []
        try:
            yield linked
        finally:
            self._linked = None

    def adopt(self, linked: list[tuple[str, Trace]], now: Callable[[Record], Record]) -> None:
        """The figure pages a reused render links to, as its first render created them, listing `now(record)`
        for each record it counted (the render may be reused after a title edit)."""
        for src, trace in linked:
            if src not in self.pages:
                trace = replace(trace, records=tuple(now(r) for r in trace.records),
                                previous_records=tuple(now(r) for r in trace.previous_records),
                                problems=tuple((now(r), i) for r, i in trace.problems))
                self.pages[src] = (trace, File.generated(self.config, src, content=""))

    def files(self, catalogue: Catalogue, titles: Callable[[int], str],
              memo: Callable[[str, Trace, str, ReportPeriod | None, Callable[[], str]], str] | None = None,
              periods: Callable[[int], ReportPeriod | None] | None = None) -> list[File]:
        """Every figure page, its Markdown written; `titles` names a year's report, `periods` gives its period.

        `memo(src, trace, title, period, make)` may hand back a page's Markdown made before from the same
        trace, report title and period (what `figure_markdown` reads besides the catalogue).
        """
        done = []
        for src, (trace, file) in sorted(self.pages.items()):
            year = int(src.split("/")[1])
            title = titles(year)
            period = periods(year) if periods else None
            make = partial(figure_markdown, trace, catalogue, src, title, period)
            file.content_string = make() if memo is None else memo(src, trace, title, period, make)
            done.append(file)
        return done


def figure_markdown(trace: Trace, catalogue: Catalogue, src: str, report_title: str,
                    report_period: ReportPeriod | None = None) -> str:
    """A figure's page: the call, its working and the records (or notice problems) it counts, internal ones only as a number."""
    from_dir = src.rsplit("/", 1)[0]
    label = trace.label or catalogue.label(trace.type)
    if trace.macro == "notice_stats":
        label = f"{label}{notice_item_label(trace.item)}"
    lines = [
        f"# {inline(label)}：{inline(trace.shown or '无')}",
        "",
        _introduction(trace, report_title, report_period),
        "",
        f"- 计算方式：<code>{html.escape(trace.call)}</code>",
        f"- 统计期间：{dash_period(trace.period)}",
        f"- 计算过程：{inline(trace.working())}",
    ]
    if trace.change():
        lines.append(f"- 百分比：{inline(trace.change())}")
    if trace.macro == "months_without":
        lines.append(f"- 没有记录的月份：{inline(trace.shown or '无')}；下表为其余月份的记录")
    if trace.macro == "notice_stats":
        lines.append(f"- 计入的问题：{len(trace.problems)} 个，分属 {len(trace.records)} 期通报")
    lines.append("")
    if trace.macro == "notice_stats":
        lines += [problems_table(trace, from_dir), _problem_totals(trace)]
    elif trace.macro == "yoy":
        lines += _both_periods(trace, from_dir, catalogue)
    else:
        lines += [_records_table(trace, from_dir, catalogue), _totals(trace)]
    return front_matter(title=f"数字溯源：{label} {trace.shown}", search={"exclude": True}) + "\n".join(lines) + "\n"


def _introduction(trace: Trace, report_title: str, report_period: ReportPeriod | None) -> str:
    """Where the figure stands: in the report, as its 上年同期 (指标总览), or over a period of its own."""
    what = "问题" if trace.macro == "notice_stats" else "记录"
    if report_period is None or trace.period == report_period:
        return f"本页列出{inline(report_title)}中这个数字所统计的{what}。"
    if trace.period == report_period.previous_year():
        return f"本页列出{inline(report_title)}上年同期（{dash_period(trace.period)}）这个数字所统计的{what}。"
    return f"本页列出{dash_period(trace.period)}这个数字所统计的{what}。"


def _both_periods(trace: Trace, from_dir: str, catalogue: Catalogue) -> list[str]:
    """A 同比's two periods: this period's records, then the earlier period's (or the baseline record used)."""
    unit = trace.unit
    lines = [f"## 本期（{dash_period(trace.period)}）：{len(trace.records)} {unit}", "",
             _records_table(trace, from_dir, catalogue), _totals(trace, 'data-period="current"')]
    earlier = trace.previous_period or trace.period
    if trace.previous is None:
        return lines + [f"## 上年同期（{dash_period(earlier)}）", "", "上年同期既无台账记录也无上年基数记录。"]
    value = format_number(trace.previous)
    previous = replace(trace, records=trace.previous_records, field="value" if trace.from_baseline else None,
                       field_label="上年基数", macro="yoy")
    attrs = f'data-period="{"baseline" if trace.from_baseline else "previous"}" data-previous="{value}"'
    heading = f"## 上年同期（{dash_period(earlier)}）：{value} {unit}"
    if trace.from_baseline:
        heading += "（取自上年基数记录，上年同期台账中没有记录）"
    return lines + [heading, "", _records_table(previous, from_dir, catalogue), _totals(previous, attrs)]


def _records_table(trace: Trace, from_dir: str, catalogue: Catalogue) -> str:
    """The visible records counted, with the field summed or maximised; nothing when all are internal."""
    if not shown(trace.records):
        return ""
    field = trace.field
    extra = None
    if field:
        extra = (inline(trace.field_label or field),
                 lambda record: "—" if record.fields.get(field) is None else format_number(record.fields[field]))
    return records_table(trace.records, from_dir, catalogue, show_type=True, extra=extra)


def _totals(trace: Trace, attrs: str = "") -> str:
    """The totals line, with the numbers a test or a script can read back."""
    count, internal = len(trace.records), trace.internal
    text = f"共 {count} 条记录"
    if internal:
        text += f"：列出 {count - internal} 条，另有 {internal} 条内部记录（计入统计，不在网站上显示）"
    if trace.macro in ("total", "maximum"):
        word = "合计" if trace.macro == "total" else "最大值"
        text += f"；{html.escape(trace.field_label or trace.field or '')}{word} {html.escape(trace.shown)}"
        if trace.macro == "maximum" and internal:
            text += "（取自可公开的记录，内部记录的数值不计入）"
    more = f" {attrs}" if attrs else ""
    return (f'<p class="zf-figure-totals" data-macro="{trace.macro}" data-count="{count}" '
            f'data-listed="{count - internal}" data-internal="{internal}"{more}>{text}。</p>\n')
