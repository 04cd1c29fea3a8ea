"""Validation of parsed front matter against the catalogue."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from types import MappingProxyType
from typing import Any

import yaml

from zuofeng.core.domain.catalogue import FieldSpec
from zuofeng.core.input.dates import DateRange, default_range
from zuofeng.core.input.printable import hidden_chars
from zuofeng.core.problems import Problem
from zuofeng.core.input.yamlload import Parsed, mapping_items

DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # fullmatch: `\d` takes ２ and ٢, `$` a newline
FULLWIDTH_DIGITS = re.compile(r"[０-９．－]")
MAX_TEXT = 20_000  # characters of a multi-line `text` field; longer notes belong in the body
_MISSING = object()


class FieldError(Exception):
    """A value that does not fit its field; the message is the Chinese reason."""


def parse_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date, with a Chinese reason on failure."""
    match = DATE_RE.fullmatch(text)
    if not match:
        hint = "（请使用半角数字）" if FULLWIDTH_DIGITS.search(text) else ""
        raise FieldError(f"应为 YYYY-MM-DD 格式的日期，实际为 '{text}'{hint}")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise FieldError(f"为不存在的日期 {text}") from None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, (list, tuple)):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"'{value}'"


def _scalar_text(value: Any, node: yaml.Node | None) -> str:
    """Text of a string field; numbers keep exactly what was written."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(value, bool):
        raise FieldError(f"应为文本，实际为{_describe(value)}（如需文本请加引号）")
    raise FieldError(f"应为文本，实际为{_describe(value)}")


def _coerce_number(spec: FieldSpec, value: Any) -> int | float:
    wants_int = spec.kind == "int"
    ok = isinstance(value, int) if wants_int else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok:
        what = "整数" if wants_int else "数字"
        hint = "（请使用半角数字）" if isinstance(value, str) and FULLWIDTH_DIGITS.search(value) else ""
        raise FieldError(f"应为{what}，实际为{_describe(value)}{hint}")
    if value != value or value in (float("inf"), float("-inf")):  # .nan / .inf would poison every sum
        raise FieldError(f"应为有限的数字，实际为 {value}")
    if spec.minimum is not None and value < spec.minimum:
        raise FieldError(f"不能小于 {spec.minimum}，实际为 {value}")
    if spec.maximum is not None and value > spec.maximum:
        raise FieldError(f"不能大于 {spec.maximum}，实际为 {value}")
    return value


def _check_choice(spec: FieldSpec, text: str) -> str:
    if spec.choices and text not in spec.choices:
        close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.5)
        hint = f"，是否为 {close[0]}？" if close else ""
        raise FieldError(f"应为 {' / '.join(spec.choices)} 之一，实际为 '{text}'{hint}")
    return text


def coerce(spec: FieldSpec, value: Any, node: yaml.Node | None) -> Any:
    """Check one non-empty value against its field spec and return the typed value."""
    kind = spec.kind
    if kind == "text":
        return check_length(spec, _scalar_text(value, node))
    if kind == "string":
        return _one_line(spec, _scalar_text(value, node))
    if kind in ("int", "number"):
        return _coerce_number(spec, value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise FieldError(f"应为 true 或 false，实际为{_describe(value)}")
        return value
    if kind == "date":
        if not isinstance(value, str):
            raise FieldError(f"应为 YYYY-MM-DD 格式的日期，实际为{_describe(value)}")
        return parse_date(value)
    if kind == "enum":
        return _check_choice(spec, _one_line(spec, _scalar_text(value, node)))
    if kind == "list":
        if not isinstance(value, list):
            raise FieldError(f"应为列表（例如 [甲, 乙]），实际为{_describe(value)}")
        items = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(value)
        return tuple(_check_choice(spec, _one_line(spec, _list_item(v, n))) for v, n in zip(value, items))
    raise AssertionError(kind)  # objects are handled by the caller


def check_length(spec: FieldSpec, text: str) -> str:
    """The text, unless it is longer than its field allows: checked before any costly work on it."""
    if spec.kind == "text":
        if len(text) > MAX_TEXT:
            raise FieldError(f"过长（{len(text)} 个字符），最多 {MAX_TEXT} 个字符；详细内容请写在正文中")
    elif len(text) > spec.max_length:
        raise FieldError(f"过长（{len(text)} 个字符），最多 {spec.max_length} 个字符；详细内容请写在正文中")
    return text


def _one_line(spec: FieldSpec, text: str) -> str:
    """A one-line value stays short and holds no control, invisible or direction-changing character."""
    check_length(spec, text)
    hidden = hidden_chars(text)
    if hidden:
        raise FieldError(f"含换行、控制或不可见字符 {' '.join(hidden)}，请删除（多行内容请写在正文中）")
    return text


def _list_item(value: Any, node: yaml.Node | None) -> str:
    if value is None or isinstance(value, (list, dict)):
        raise FieldError(f"列表中的每一项应为文本，实际有{_describe(value) if value is not None else '空项'}")
    return _scalar_text(value, node)


def _field_hint(key: str, specs: dict[str, FieldSpec]) -> str:
    stripped = key.strip(" \u3000\xa0")
    if stripped != key and stripped in specs:
        return f"：字段名前后有全角空格或不间断空格，应为 {stripped}"
    close = difflib.get_close_matches(key, list(specs), n=1, cutoff=0.6)
    return f"，是否为 {close[0]}？" if close else f"（可用字段：{', '.join(specs)}）"


class FieldChecker:
    """Validates a mapping of fields, collecting problems with their lines."""

    def __init__(self, path: str, parsed: Parsed, dates: DateRange | None = None) -> None:
        self.path = path
        self.parsed = parsed
        self.dates = dates or default_range()
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def check_mapping(
        self, specs: dict[str, FieldSpec], data: dict[Any, Any], node: yaml.Node | None, where: str = ""
    ) -> dict[str, Any]:
        """Validate a mapping against field specs; returns typed values of valid fields."""
        nodes: dict[str, tuple[yaml.Node | None, yaml.Node | None]] = {}
        for key_node, value_node in mapping_items(node):
            key = key_node.value
            if key in nodes:
                self.error(self.parsed.line(key_node), f"{where}字段 {key} 重复出现")
            nodes[key] = (key_node, value_node)
        for key in data:
            if not isinstance(key, str):
                self.error(self.parsed.line(node), f"{where}字段名应为文本，实际为 {key!r}")
            elif key not in specs:
                line = self.parsed.line(nodes[key][0]) if key in nodes else self.parsed.line(node)
                self.error(line, f"{where}未知字段 {key}{_field_hint(key, specs)}")
        values: dict[str, Any] = {}
        for name, spec in specs.items():
            field_key, field_value = nodes.get(name, (None, None))
            line = self.parsed.line(field_key) if field_key is not None else self.parsed.line(node)
            if where == "":
                self.lines[name] = line
            value = data.get(name, _MISSING)
            if value is _MISSING or value is None or value == "":
                if spec.required:
                    what = "缺少必填字段" if value is _MISSING else "必填字段为空："
                    self.error(line, f"{where}{what} {name}（{spec.label}）".replace("： ", "："))
                elif spec.default is not None:
                    values[name] = tuple(spec.default) if isinstance(spec.default, list) else spec.default
                continue
            if spec.kind == "objects":
                values[name] = self._check_objects(spec, value, field_value, where)
                continue
            try:
                values[name] = coerce(spec, value, field_value)
            except FieldError as exc:
                self.error(line, f"{where}字段 {name}（{spec.label}）{exc}")
                continue
            # A typo'd year (1948, 9999) or Excel's serial 1 would file a record under a year nobody reports on.
            implausible = self.dates.problem(values[name]) if spec.kind == "date" else None
            if implausible:
                self.error(line, f"{where}字段 {name}（{spec.label}）{implausible}")
        return values

    def _check_objects(self, spec: FieldSpec, value: Any, node: yaml.Node | None, where: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            self.error(self.parsed.line(node), f"{where}字段 {spec.name}（{spec.label}）应为列表，每项是一个映射")
            return ()
        items = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(value)
        result = []
        for number, (item, item_node) in enumerate(zip(value, items), start=1):
            label = f"{where}{spec.name} 第{number}项："
            if not isinstance(item, dict):
                self.error(self.parsed.line(item_node), f"{label}应为映射（字段: 值）")
                continue
            before = len(self.problems)
            checked = self.check_mapping(spec.fields, item, item_node, label)
            if len(self.problems) == before:
                result.append(MappingProxyType({**checked, "_line": self.parsed.line(item_node)}))
        return tuple(result)
