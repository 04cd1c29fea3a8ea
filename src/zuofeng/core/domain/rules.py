"""Domain rules (data in rules.yaml) evaluated on records: breaches are warnings, never silent."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from zuofeng.core.domain.catalogue import Catalogue, CatalogueError
from zuofeng.core.problems import Problem
from zuofeng.core.domain.record import Record, value_digest

_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
# Compiled once per expression or message text (bounded): every build checks the same rules.
_expression = lru_cache(maxsize=256)(_ENV.compile_expression)
_message = lru_cache(maxsize=256)(_ENV.from_string)
# The field in which a record of a type with rules says how a breach was dealt with (处理情况).
HANDLING_FIELD = "handling"


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    label: str
    check: str
    message: str
    field: str | None = None
    when: str | None = None
    keywords: tuple[str, ...] = ()  # words a report sentence uses for this rule alone
    source: str = ""  # the document and article the rule comes from, shown with every breach
    limits: Any = None  # the regulated limit: a number, or a table keyed by the field `limit_by`
    limit_by: str | None = None
    unit: str = ""

    def limit(self, key: Any = None) -> Any:
        """The regulated limit, for the value of `limit_by` when the limit is a table."""
        if isinstance(self.limits, dict):
            if key not in self.limits:
                raise KeyError(key)
            return self.limits[key]
        return self.limits


@dataclass(frozen=True)
class Breach:
    """One record breaking one rule."""

    rule: Rule
    record: Record
    message: str


def _rules_text(path: Path | None) -> str:
    if path is None:
        return resources.files("zuofeng").joinpath("data/rules.yaml").read_text(encoding="utf-8")
    return path.read_text(encoding="utf-8")


def load_claims(path: Path | None = None) -> tuple[str, ...]:
    """The words by which a report sentence asserts absence or compliance (`claims` and `handled` of the rules file)."""
    return _words(path, "claims") + load_handled(path)


def load_handled(path: Path | None = None) -> tuple[str, ...]:
    """The words by which a report sentence says breaches were dealt with (`handled` of the rules file)."""
    return _words(path, "handled")


def _words(path: Path | None, key: str) -> tuple[str, ...]:
    return _words_in(_rules_text(path), key)


@lru_cache(maxsize=16)
def _words_in(text: str, key: str) -> tuple[str, ...]:
    """The word list `key` of a rules file's text; kept by the text itself (bounded), parsed once per content."""
    words = (yaml.safe_load(text) or {}).get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise CatalogueError(f"规则定义有误：{key} 应为词语列表，实际为 {words!r}")
    return tuple(words)


def load_rules(path: Path | None = None) -> list[Rule]:
    """Rules from a YAML file, or those shipped with zuofeng."""
    return list(_rules_in(_rules_text(path)))


@lru_cache(maxsize=8)
def _rules_in(text: str) -> tuple[Rule, ...]:
    """The rules of a rules file's text, checked; kept by the text itself (bounded), parsed once per content."""
    try:
        rules = [Rule(**{**item, "keywords": _keywords(item)}) for item in (yaml.safe_load(text) or {}).get("rules", [])]
        for rule in rules:  # compile now so a broken rule is reported before any record
            if not isinstance(rule.source, str) or not rule.source.strip():
                raise TypeError(f"规则 {rule.id} 缺少 source（所依据文件的名称和条款）")
            _expression(rule.check)
            _expression(rule.when or "true")
            _message(rule.message)
    except (TypeError, jinja2.TemplateError) as exc:
        raise CatalogueError(f"规则定义有误：{exc}") from None
    return tuple(rules)


def _keywords(item: Any) -> tuple[str, ...]:
    words = item.get("keywords", []) if isinstance(item, dict) else []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise TypeError(f"规则 {item.get('id')} 的 keywords 应为词语列表，实际为 {words!r}")
    return tuple(words)


def _variables(record: Record, catalogue: Catalogue, rule: Rule) -> dict[str, Any]:
    # Every field of the type is defined (None when absent), so rules can test `is none`.
    return {**{name: record.value(name) for name in catalogue.fields_of(record.type)}, "limits": rule.limits}


@dataclass
class BreachMemo:
    """Each record's breaches, kept between rebuilds while the rules and the catalogue stay the same.

    A rule looks at one record only, so a record of the same values as last time (the same
    `value_digest`) has the same breaches. The very object of last time (the load cache hands it
    back when its file did not change) is the fast path: no digest is made.
    """

    rules: list[Rule] | None = None
    catalogue: Catalogue | None = None
    by_record: dict[str, tuple[Record, list[Breach]]] = field(default_factory=dict)

    @staticmethod
    def kept(record: Record, kept: dict[str, tuple[Record, list[Breach]]],
             make: Callable[[], list[Breach]]) -> tuple[Record, list[Breach]]:
        """The record's breaches of last time while its values are the same, else `make()`."""
        hit = kept.get(record.id)
        if hit is not None and hit[0] is record:
            return hit
        if hit is not None and value_digest(hit[0]) == value_digest(record):
            return record, [replace(breach, record=record) for breach in hit[1]]
        return record, make()


def find_breaches(records: list[Record], rules: list[Rule], catalogue: Catalogue,
                  memo: BreachMemo | None = None) -> list[Breach]:
    """Every breach of every rule, in record order."""
    # Each rule is compiled once per expression text (bounded), never once per record.
    by_type: dict[str, list[tuple[Rule, Any, Any]]] = {}
    for rule in rules:
        when = _expression(rule.when) if rule.when else None
        by_type.setdefault(rule.type, []).append((rule, when, _expression(rule.check)))
    kept = memo.by_record if memo is not None and memo.rules == rules and memo.catalogue == catalogue else {}
    found: dict[str, tuple[Record, list[Breach]]] = {}
    breaches = []
    for record in records:
        compiled = by_type.get(record.type)
        if not compiled:
            continue
        make = partial(_record_breaches, record, compiled, catalogue)
        hit = found[record.id] = BreachMemo.kept(record, kept, make)
        breaches.extend(hit[1])
    if memo is not None:
        memo.rules, memo.catalogue, memo.by_record = rules, catalogue, found
    return breaches


def _record_breaches(record: Record, compiled: list[tuple[Rule, Any, Any]], catalogue: Catalogue) -> list[Breach]:
    breaches = []
    for rule, when, check in compiled:
        variables = _variables(record, catalogue, rule)
        if when is not None and not when(**variables):
            continue
        if not check(**variables):
            message = _message(rule.message).render(**variables)
            breaches.append(Breach(rule, record, message))
    return breaches


def as_problems(breaches: list[Breach]) -> list[Problem]:
    """Breaches as warnings at the line of the field concerned."""
    return [
        Problem(b.record.path, b.record.line_of(b.rule.field or "type"), f"{b.rule.label}：{b.message}{source_note(b.rule)}", "warning")
        for b in breaches
    ]


def source_note(rule: Rule) -> str:
    """（依据：《…》第N条） after a breach, or nothing for a rule with no source."""
    return f"（依据：{rule.source}）" if rule.source else ""
