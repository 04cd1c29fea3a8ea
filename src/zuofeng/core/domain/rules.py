"""Domain rules (data in rules.yaml) evaluated on records: breaches are warnings, never silent."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from zuofeng.core.domain.catalogue import Catalogue, CatalogueError
from zuofeng.core.problems import Problem
from zuofeng.core.domain.record import Record

_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined)


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


@dataclass(frozen=True)
class Breach:
    """One record breaking one rule."""

    rule: Rule
    record: Record
    message: str


def load_rules(path: Path | None = None) -> list[Rule]:
    """Rules from a YAML file, or those shipped with zuofeng."""
    if path is None:
        text = resources.files("zuofeng").joinpath("data/rules.yaml").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    try:
        rules = [Rule(**{**item, "keywords": _keywords(item)}) for item in (yaml.safe_load(text) or {}).get("rules", [])]
        for rule in rules:  # compile now so a broken rule is reported before any record
            _ENV.compile_expression(rule.check)
            _ENV.compile_expression(rule.when or "true")
            _ENV.from_string(rule.message)
    except (TypeError, jinja2.TemplateError) as exc:
        raise CatalogueError(f"规则定义有误：{exc}") from None
    return rules


def _keywords(item: Any) -> tuple[str, ...]:
    words = item.get("keywords", []) if isinstance(item, dict) else []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise TypeError(f"规则 {item.get('id')} 的 keywords 应为词语列表，实际为 {words!r}")
    return tuple(words)


def _variables(record: Record, catalogue: Catalogue) -> dict[str, Any]:
    # Every field of the type is defined (None when absent), so rules can test `is none`.
    return {name: record.value(name) for name in catalogue.fields_of(record.type)}


@dataclass
class BreachMemo:
    """Each record's breaches, kept between rebuilds while the rules and the catalogue stay the same.

    A rule looks at one record only, so a record that is the very object of last time (the load
    cache hands it back when its file did not change) has the same breaches.
    """

    rules: list[Rule] | None = None
    catalogue: Catalogue | None = None
    by_record: dict[str, tuple[Record, list[Breach]]] = field(default_factory=dict)


def find_breaches(records: list[Record], rules: list[Rule], catalogue: Catalogue,
                  memo: BreachMemo | None = None) -> list[Breach]:
    """Every breach of every rule, in record order."""
    # Each rule is compiled once per call, never once per record.
    by_type: dict[str, list[tuple[Rule, Any, Any]]] = {}
    for rule in rules:
        when = _ENV.compile_expression(rule.when) if rule.when else None
        by_type.setdefault(rule.type, []).append((rule, when, _ENV.compile_expression(rule.check)))
    kept = memo.by_record if memo is not None and memo.rules == rules and memo.catalogue == catalogue else {}
    found: dict[str, tuple[Record, list[Breach]]] = {}
    breaches = []
    for record in records:
        compiled = by_type.get(record.type)
        if not compiled:
            continue
        hit = kept.get(record.id)
        if hit is None or hit[0] is not record:
            hit = (record, _record_breaches(record, compiled, catalogue))
        found[record.id] = hit
        breaches.extend(hit[1])
    if memo is not None:
        memo.rules, memo.catalogue, memo.by_record = rules, catalogue, found
    return breaches


def _record_breaches(record: Record, compiled: list[tuple[Rule, Any, Any]], catalogue: Catalogue) -> list[Breach]:
    variables = _variables(record, catalogue)
    breaches = []
    for rule, when, check in compiled:
        if when is not None and not when(**variables):
            continue
        if not check(**variables):
            message = _ENV.from_string(rule.message).render(**variables)
            breaches.append(Breach(rule, record, message))
    return breaches


def as_problems(breaches: list[Breach]) -> list[Problem]:
    """Breaches as warnings at the line of the field concerned."""
    return [
        Problem(b.record.path, b.record.line_of(b.rule.field or "type"), f"{b.rule.label}：{b.message}", "warning")
        for b in breaches
    ]
