"""Confidential records are counted, never shown: no planted value in any built or exported file."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import Project, copy_site, mkdocs_build
from tests.sitecheck import compact, file_texts, site_texts
from zuofeng.cli.main import main
from zuofeng.core.domain.record import INTERNAL_RECORD
from zuofeng.core.domain.catalogue import FieldSpec, load_catalogue
from zuofeng.core.project import Settings, load_ledger
from zuofeng.publish.offline import build_offline_zip

YEAR = 2023
TYPE_MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
FIELD_MARKS = "一二三四五六七八九十"


@dataclass
class Planted:
    """The confidential records written into a copy of the example project, and every value they hold."""

    records: dict[str, str] = field(default_factory=dict)  # id → record file text
    words: list[str] = field(default_factory=list)  # every string planted (titles, units, tags, fields, bodies)
    numbers: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # ids and slugs (the title's pinyin in real files)

    def word(self, type_number: int) -> str:
        """A new made-up word no other file holds: 机密甲一号, 机密甲二号 …"""
        count = sum(1 for w in self.words if w.startswith(f"机密{TYPE_MARKS[type_number]}"))
        text = f"机密{TYPE_MARKS[type_number]}{_numeral(count + 1)}号"
        self.words.append(text)
        return text

    def number(self) -> int:
        """A new number no other file holds (987601, 987602 …)."""
        value = 987601 + len(self.numbers)
        self.numbers.append(value)
        return value


def _numeral(n: int) -> str:
    return FIELD_MARKS[n - 1] if n <= 10 else "十" + FIELD_MARKS[n - 11]


def _yaml(value: Any, indent: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "".join(f"\n{indent}  - " + f"\n{indent}    ".join(f"{k}: {_yaml(v)}" for k, v in item.items())
                           for item in value)
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)


def _value(spec: FieldSpec, planted: Planted, number: int, day: dt.date) -> Any:
    """A distinctive value for a field, by kind (choices and dates cannot be distinctive)."""
    if spec.kind in ("string", "text"):
        return planted.word(number)
    if spec.kind in ("int", "number"):
        return planted.number()
    if spec.kind == "list":
        return [planted.word(number)]
    if spec.kind == "enum":
        return spec.choices[0]
    if spec.kind == "bool":
        return False
    if spec.kind == "date":
        return day.isoformat()
    if spec.kind == "objects":
        return [{name: _value(sub, planted, number, day) for name, sub in spec.fields.items()}]
    raise AssertionError(spec.kind)


# Values a cross-record rule fixes (numbering, a real target, a metric key, a valid problem).
def _overrides(key: str, planted: Planted, number: int, day: dt.date, meeting_id: str, next_issue: int) -> dict[str, Any]:
    if key == "news":
        return {"medium": "报纸"}  # the report's values_of("news", "outlet", medium="报纸")
    if key == "notice":  # the issue number continues the year's numbering: not distinctive
        problem = {"unit": planted.word(number), "description": planted.word(number),
                   "deadline": (day + dt.timedelta(days=20)).isoformat(), "status": "整改中",
                   "measures": planted.word(number)}
        return {"issue_no": next_issue, "problems": [problem]}
    if key == "baseline":
        return {"metric": "trip", "filter": f"destination={planted.word(number)}",
                "period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"}
    if key == "amendment":
        return {"target": meeting_id}
    return {}


def plant(types: list[str], next_issue: int) -> Planted:
    """One confidential record of every type, every field distinctive where its kind allows."""
    planted = Planted()
    ids = {key: f"{YEAR}/{key}/{YEAR}-12-{n + 1:02d}-jimi-{key.replace('_', '-')}-zfmm" for n, key in enumerate(types)}
    catalogue = load_catalogue()
    for number, key in enumerate(types):
        day = dt.date(YEAR, 12, number + 1)
        fields: dict[str, Any] = {"type": key, "date": day.isoformat(), "title": planted.word(number),
                                  "unit": planted.word(number), "tags": [planted.word(number)], "confidential": True}
        fixed = _overrides(key, planted, number, day, ids["meeting"], next_issue)
        for name, spec in catalogue.types[key].fields.items():
            fields[name] = fixed[name] if name in fixed else _value(spec, planted, number, day)
        body = planted.word(number)
        front = "\n".join(f"{name}: {_yaml(value)}" for name, value in fields.items())
        planted.records[ids[key]] = f"---\n{front}\n---\n\n{body}\n"
        planted.ids += [ids[key], ids[key].rsplit("/", 1)[1]]
    return planted


def _probe_section(numeric: list[tuple[str, str]], strings: list[tuple[str, str]]) -> str:
    """A report section printing every value macro over the planted types."""
    lines = ["---", "order: 5", "title: 五、数值探针", "---", ""]
    lines += [f"- {key}.{name}：{{{{ values_of(\"{key}\", \"{name}\") | join(\"、\") }}}}" for key, name in strings]
    lines += [f"- {key}.{name}：最大 {{{{ maximum(\"{key}\", \"{name}\") }}}}，合计 {{{{ total(\"{key}\", \"{name}\") }}}}"
              for key, name in numeric]
    return "\n".join(lines) + "\n"


def _run(root: Path, *args: str) -> str:
    """`zuofeng` in-process; its output, asserting success."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["--root", str(root), *args])
    assert code == 0, out.getvalue()
    return out.getvalue()


def _drop_earlier_years(root: Path) -> None:
    """Leave out what cannot show a YEAR value: records before YEAR's 同比 base year, reports before YEAR."""
    for parent, first in ((root / "records", YEAR - 1), (root / "docs" / "reports", YEAR)):
        for folder in parent.iterdir():
            if folder.name.isdigit() and int(folder.name) < first:
                shutil.rmtree(folder)


@dataclass
class Outputs:
    planted: Planted
    texts: dict[str, str]  # every output (members of zips, gzip opened, index decoded) by name
    internal_ledger: dict[str, str]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    """The example project with the planted records: built, offline-zipped, exported, ledgered, explained."""
    root = copy_site(tmp_path_factory.mktemp("confidential"))
    _drop_earlier_years(root)  # a smaller build; YEAR + 1's report (同比 with YEAR) stays
    ledger = load_ledger(Settings.load(root))
    types = list(ledger.catalogue.types)
    next_issue = 1 + max(r.fields["issue_no"] for r in ledger.index.records if r.type == "notice" and r.year == YEAR)
    planted = plant(types, next_issue)
    project = Project(root)
    for record_id, text in planted.records.items():
        project.write(f"records/{record_id}.md", text)
    # A public amendment of a confidential record: its target is a confidential id.
    meeting = next(record_id for record_id in planted.records if "/meeting/" in record_id)
    project.record(f"{YEAR}/amendment/{YEAR}-12-28-gengzheng-gongkai", f"type: amendment\ndate: {YEAR}-12-28\n"
                   f"title: 更正一条会议记录\ntarget: {meeting}\n"
                   "reason: 补记会议时长\napproved_by: 王主任")
    public_numbers = sorted({(r.type, name) for r in ledger.index.records if r.year == YEAR and not r.confidential
                             for name, value in r.fields.items()
                             if isinstance(value, (int, float)) and not isinstance(value, bool) and name != "issue_no"})
    strings = [(key, name) for key in types for name, spec in ledger.catalogue.fields_of(key).items()
               if spec.kind in ("string", "text")]
    project.write(f"docs/reports/{YEAR}/05-probe.md", _probe_section(public_numbers, strings))
    _run(root, "check")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    texts = {f"site/{path.relative_to(root / 'site').as_posix()}": text for path, text in site_texts(root / "site").items()}
    texts.update(file_texts("offline.zip", build_offline_zip(root, YEAR)))
    out = tmp_path_factory.mktemp("exports")
    _run(root, "export", str(YEAR), "--trace", "--out", str(out / "report.docx"))
    _run(root, "ledger", str(YEAR), "--out", str(out / "ledger.xlsx"))
    _run(root, "ledger", str(YEAR), "--internal", "--out", str(out / "internal.xlsx"))
    for name in ("report.docx", "ledger.xlsx"):
        texts.update(file_texts(name, (out / name).read_bytes()))
    texts["stats --explain"] = _run(root, "stats", "--year", str(YEAR), "--explain")
    texts["stats"] = _run(root, "stats", "--year", str(YEAR))
    shutil.rmtree(root / "site")
    return Outputs(planted, texts, file_texts("internal.xlsx", (out / "internal.xlsx").read_bytes()))


def _found(texts: dict[str, str], planted: Planted) -> list[tuple[str, str]]:
    """Every (output, planted value) where the value shows (a number as 987654 or 987,654)."""
    leaks = []
    for name, text in texts.items():
        flat = compact(text)
        # Every planted word holds 机密, every id zfmm, every number 9876 (a quick look rules most files out).
        if "机密" in flat or "zfmm" in flat:
            leaks += [(name, value) for value in planted.words + planted.ids if compact(value) in flat]
        if "9876" in flat or "987," in flat:
            leaks += [(name, str(n)) for n in planted.numbers if _shows_number(n, flat)]
    return leaks


def _shows_number(number: int, text: str) -> bool:
    """Whether a number shows as itself (not inside a longer number or a hex digest) or with a thousands comma."""
    grouped = f"{number // 1000},{number % 1000:03d}"
    if grouped in text:
        return True
    return str(number) in text and re.search(rf"(?<![0-9A-Fa-f]){number}(?![0-9A-Fa-f])", text) is not None


@pytest.mark.slow
def test_every_type_and_field_is_planted(outputs: Outputs) -> None:
    catalogue = load_catalogue()
    planted = {record_id.split("/")[1] for record_id in outputs.planted.records}
    assert planted == set(catalogue.types)
    # The scan finds the planted values where they belong: the internal ledger holds every one of them.
    found = {value for _, value in _found(outputs.internal_ledger, outputs.planted)}
    missing = set(outputs.planted.words + [str(n) for n in outputs.planted.numbers]) - found
    assert missing == set()


@pytest.mark.slow
def test_the_scan_reads_every_output_form(outputs: Outputs) -> None:
    names = list(outputs.texts)
    for kind in (".pf_fragment", ".pf_index", "sitemap.xml.gz", "search/words.txt", ".docx!word/document.xml",
                 ".xlsx!xl/worksheets/sheet1.xml", "offline.zip!", "stats --explain"):
        assert any(kind in name for name in names), kind
    # Decoded, the search indexes hold a public record's words (Chinese is q + hex in Pagefind's files).
    assert any("常务会议" in compact(t) for n, t in outputs.texts.items() if n.endswith(".pf_fragment"))
    offline_search = [t for n, t in outputs.texts.items() if n.startswith("offline.zip!") and "/search/" in n]
    assert any("常务会议" in compact(t) for t in offline_search)
    assert any("同比" in compact(t) for n, t in outputs.texts.items() if "report.docx!word/document.xml" in n)


@pytest.mark.slow
def test_no_planted_value_in_any_output(outputs: Outputs) -> None:
    leaks: dict[str, list[str]] = {}
    for name, value in _found(outputs.texts, outputs.planted):
        leaks.setdefault(value, []).append(name)
    assert leaks == {}, "\n".join(f"{value}: {len(names)} 处，如 {names[:4]}" for value, names in leaks.items())


@pytest.mark.slow
def test_the_probe_still_counts_and_sums_them(outputs: Outputs) -> None:
    assert "因公出国（境）：1次" in outputs.texts["stats"]  # the planted trip is counted
    explain = outputs.texts["stats --explain"]
    assert "（不含 1 条内部记录，其数值不公开）" in explain and "另有 1 条内部记录" in explain


# Fast checks of each door on a hand-made ledger.

def _news(project: Project, day: str, outlet: str, words: int, confidential: bool = False) -> None:
    project.record(f"2023/news/{day}-{'mimi' if confidential else 'gongkai'}", f"type: news\ndate: {day}\n"
                   f"title: 报道{outlet}\noutlet: {outlet}\nmedium: 报纸\nwords: {words}\nconfidential: {str(confidential).lower()}")


def _macros(project: Project, traced: bool = False) -> Any:
    from zuofeng.core.domain.indicators import load_indicators
    from zuofeng.core.report.macros import bind

    ledger = load_ledger(Settings.load(project.root))
    return bind(ledger, {}, load_indicators(), YEAR, traced=traced)


def test_values_of_and_maximum_leave_out_confidential_values(project: Project) -> None:
    _news(project, "2023-03-01", "县报", 800)
    _news(project, "2023-03-02", "秘密晚报", 987654, confidential=True)
    macros = _macros(project, traced=True)
    assert macros.values_of("news", "outlet", medium="报纸") == ["县报"]
    maximum = macros.maximum("news", "words", medium="报纸")
    assert maximum == 800
    assert maximum.trace.working() == "字数最大值 800（不含 1 条内部记录，其数值不公开），共 2 条记录"
    # Counted and summed, never shown.
    assert macros.count("news", medium="报纸") == 2 and macros.total("news", "words") == 988454
    assert "其中内部记录 1 条" in macros.total("news", "words").trace.working()


def test_values_of_masks_a_field_naming_a_confidential_record(project: Project) -> None:
    project.record("2023/talk/2023-05-06-zhangsan-tanhua", "type: talk\ndate: 2023-05-06\ntitle: 与张三谈话\nkind: 提醒谈话")
    project.record("2023/amendment/2023-06-01-gengzheng", "type: amendment\ndate: 2023-06-01\ntitle: 更正\n"
                   "target: 2023/talk/2023-05-06-zhangsan-tanhua\nreason: 补记\napproved_by: 张主任")
    assert _macros(project).values_of("amendment", "target") == [INTERNAL_RECORD]


def test_maximum_over_internal_records_only_is_an_error(project: Project) -> None:
    from zuofeng.core.domain.index import QueryError

    _news(project, "2023-03-01", "县报", 800)
    _news(project, "2023-03-02", "秘密晚报", 987654, confidential=True)
    with pytest.raises(QueryError, match="填写 words 的 news 记录均为内部记录，其数值不能公开，无法取最大值"):
        _macros(project).maximum("news", "words", outlet="秘密晚报")


def test_an_indicator_maximum_leaves_out_confidential_values(project: Project) -> None:
    from zuofeng.core.domain.indicators import Indicator, aggregate
    from zuofeng.core.domain.period import ReportPeriod

    _news(project, "2023-03-01", "县报", 800)
    _news(project, "2023-03-02", "秘密晚报", 987654, confidential=True)
    index = load_ledger(Settings.load(project.root)).index
    longest = Indicator("longest", "最长", "news", "字", aggregate="maximum", field="words")
    summed = Indicator("words", "字数", "news", "字", aggregate="total", field="words")
    assert aggregate(index, longest, ReportPeriod.year(YEAR)) == 800
    assert aggregate(index, summed, ReportPeriod.year(YEAR)) == 988454


def _cells(path: Path) -> list[str]:
    """Every cell of every sheet, as text."""
    book = load_workbook(path)
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def test_ledger_masks_an_amendments_confidential_target(project: Project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/talk/2023-05-06-zhangsan-tanhua", "type: talk\ndate: 2023-05-06\ntitle: 与张三谈话\nkind: 提醒谈话")
    project.record("2023/amendment/2023-06-01-gengzheng", "type: amendment\ndate: 2023-06-01\ntitle: 更正一条谈话记录\n"
                   "target: 2023/talk/2023-05-06-zhangsan-tanhua\nreason: 补记谈话时间\napproved_by: 张主任")
    out, internal = tmp_path / "l.xlsx", tmp_path / "i.xlsx"
    assert run_cli("--root", str(project.root), "ledger", str(YEAR), "--out", str(out)).code == 0
    cells = _cells(out)
    assert "补记谈话时间" in cells and INTERNAL_RECORD in cells  # the amendment is listed, its target masked
    assert not [c for c in cells if "zhangsan" in c or "张三" in c]
    assert run_cli("--root", str(project.root), "ledger", str(YEAR), "--internal", "--out", str(internal)).code == 0
    assert "2023/talk/2023-05-06-zhangsan-tanhua" in _cells(internal)


def test_stats_lists_no_open_problem_of_a_confidential_notice(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/notice/2023-06-01-mimi", "type: notice\ndate: 2023-06-01\ntitle: 内部通报\nissue_no: 1\n"
                   "confidential: true\nproblems:\n  - unit: 秘密单位甲\n    description: 秘密问题\n"
                   "    deadline: 2023-06-30\n    status: 整改中")
    result = run_cli("--root", str(project.root), "stats", "--year", str(YEAR), "--as-of", "2023-07-01")
    assert result.code == 0, result.text
    assert "秘密单位甲" not in result.out and "另有 1 个问题属于内部通报" in result.out
    assert "1 期，问题 1 个" in result.out  # counted
