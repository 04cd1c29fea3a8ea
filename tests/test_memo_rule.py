"""The memo rule (core/filememo.py): a memo is keyed by its inputs' values, identity only a fast path, each one bounded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import jieba
import pytest

from tests.conftest import Project
from zuofeng.core.domain import rules as rules_module
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.domain.record import Record
from zuofeng.core.domain.rules import BreachMemo, find_breaches, load_rules
from zuofeng.core.input.loader import LoadCache
from zuofeng.core.project import Settings, load_ledger
from zuofeng.site import search

CATALOGUE = load_catalogue()
RULES = load_rules()


def _reception(escorts: int) -> Record:
    fields = {"guests": 5, "escorts": escorts, "letter_no": "示函〔2023〕1号"}
    return Record("2023/reception/2023-03-14-a", "records/2023/reception/2023-03-14-a.md", "reception",
                  dt.date(2023, 3, 14), "接待", None, (), False, fields, "", 6)


def _escort_breaches(records: list[Record], memo: BreachMemo) -> list[Any]:
    return [b for b in find_breaches(records, RULES, CATALOGUE, memo) if b.rule.id == "reception-escorts"]


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The records whose breaches were worked out (not taken from the memo)."""
    seen: list[str] = []
    work = rules_module._record_breaches

    def counting(record: Record, *rest: Any) -> Any:
        seen.append(record.id)
        return work(record, *rest)

    monkeypatch.setattr(rules_module, "_record_breaches", counting)
    return seen


def test_breaches_are_kept_for_a_record_of_the_same_values_not_only_the_same_object(evaluated: list[str]) -> None:
    memo = BreachMemo()
    assert len(_escort_breaches([_reception(9)], memo)) == 1
    again = _reception(9)  # the same file loaded again: a new object, the same values
    breaches = _escort_breaches([again], memo)
    assert len(evaluated) == 1
    assert len(breaches) == 1 and breaches[0].record is again  # pointing at this load's record


def test_a_changed_value_is_checked_again(evaluated: list[str]) -> None:
    memo = BreachMemo()
    assert len(_escort_breaches([_reception(9)], memo)) == 1
    assert _escort_breaches([_reception(2)], memo) == []
    fixed_then_broken = dataclasses.replace(_reception(2), fields={**_reception(2).fields, "escorts": 8})
    assert len(_escort_breaches([fixed_then_broken], memo)) == 1
    assert len(evaluated) == 3


def test_the_file_memo_forgets_removed_files(project: Project) -> None:
    kept = project.record("2023/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 甲\nkind: 常务会议")
    gone = project.record("2023/meeting/2023-03-15-b", "type: meeting\ndate: 2023-03-15\ntitle: 乙\nkind: 常务会议")
    settings, cache = Settings.load(project.root), LoadCache()
    load_ledger(settings, cache)
    assert len(cache.files) == 2
    gone.unlink()
    assert [r.title for r in load_ledger(settings, cache).index.records] == ["甲"]
    assert len(cache.files) == 1
    kept.write_text(kept.read_text(encoding="utf-8").replace("甲", "甲改"), encoding="utf-8")
    assert [r.title for r in load_ledger(settings, cache).index.records] == ["甲改"]


def test_an_edited_search_dictionary_adds_its_words(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("甲乙丙丁戊己 5\n", encoding="utf-8")
    search.load_user_dict(words)
    words.write_text("甲乙丙丁戊己 5\n庚辛壬癸子丑 5\n", encoding="utf-8")
    search.load_user_dict(words)
    assert jieba.dt.FREQ.get("庚辛壬癸子丑")


def test_serves_memo_keeps_a_value_made_of_equal_keys_and_records_and_remakes_it_on_a_change() -> None:
    from zuofeng.site.incremental import SameInputs

    memo, made = SameInputs(), []

    def get(*inputs: Any) -> str:
        return memo.get("page", inputs, lambda: made.append(inputs) or f"made {len(made)}")

    key = "".join(["k", "ey"])  # built at run time: equal to, not the same object as, "key"
    assert get(key, _reception(9)) == "made 1"
    assert get("key", _reception(9)) == "made 1"  # the same values, new objects
    assert get("key", _reception(2)) == "made 2"  # a record's value changed
    assert get("other", _reception(2)) == "made 3"  # a key changed


RULES_TEXT = """# {marker}
claims: [未发现, 均已]
handled: [已责令整改]
rules:
  - id: escorts
    type: reception
    label: 陪餐人数
    field: escorts
    check: escorts is none or escorts <= {limit}
    message: 陪餐 {{{{ escorts }}}} 人
    source: 某文件第一条
"""


def test_the_rules_file_is_parsed_once_per_content_and_again_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    parse = rules_module.yaml.safe_load

    def counting(text: str) -> Any:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(rules_module.yaml, "safe_load", counting)
    path = tmp_path / "rules.yaml"
    path.write_text(RULES_TEXT.format(marker=tmp_path, limit=3), encoding="utf-8")
    for _ in range(3):  # as the audit pages, the final check and the breaches ask, once per report each
        assert rules_module.load_claims(path) == ("未发现", "均已", "已责令整改")
        assert [r.id for r in load_rules(path)] == ["escorts"]
    assert len(parsed) <= 3  # claims, handled, rules: each read once from this content
    path.write_text(RULES_TEXT.format(marker=tmp_path, limit=5).replace("均已", "全部"), encoding="utf-8")
    assert rules_module.load_claims(path) == ("未发现", "全部", "已责令整改")
    assert load_rules(path)[0].check == "escorts is none or escorts <= 5"


def test_notices_are_made_once_per_index(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.notice_data import problem, write_notice
    from zuofeng.core.domain import notices as notices_module

    write_notice(project, "2023-03-01", 1, [problem("城关镇", "2023-03-31")])
    write_notice(project, "2023-04-01", 2, [problem("县财政局", "2023-04-30")])
    made: list[str] = []
    view = notices_module.notice_of

    def counting(record: Record) -> Any:
        made.append(record.id)
        return view(record)

    monkeypatch.setattr(notices_module, "notice_of", counting)
    index = load_ledger(Settings.load(project.root), LoadCache()).index
    first = notices_module.notices(index)
    first.clear()  # a caller's list is its own
    assert [n.issue_no for n in notices_module.notices(index)] == [1, 2]
    assert len(made) == 2
    again = load_ledger(Settings.load(project.root), LoadCache()).index  # the next build's index: made again
    assert [n.issue_no for n in notices_module.notices(again)] == [1, 2]
    assert len(made) == 4
