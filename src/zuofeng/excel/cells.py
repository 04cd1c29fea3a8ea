"""Cell values as people type them, turned into the YAML-ready values a record file holds."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from zuofeng.core.domain.indicators import plain
from zuofeng.core.domain.catalogue import FieldSpec
from zuofeng.core.input.fieldtext import FALSE_WORDS, LIST_SEPARATORS, TRUE_WORDS
from zuofeng.core.input.validate import FieldError, check_length

_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_INT = re.compile(r"[+-]?[0-9]+(\.0*)?")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_TRUE = {*TRUE_WORDS, "√", "✓", "✔", "对"}
_FALSE = {*FALSE_WORDS, "×", "✗", "✘", "x", "错"}
_ITEM_SPLIT = re.compile(r"\s*[|｜]\s*")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(1, 2958466)  # 1900-01-01 … 9999-12-31 as Excel date serials


def is_empty(value: Any) -> bool:
    """A cell holding nothing but whitespace."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def quoted(value: Any) -> str:
    """A cell's content as quoted in a message."""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    return f"“{value}”"


def parse_cell(spec: FieldSpec, value: Any) -> Any:
    """The typed value of a non-empty cell for a field; FieldError with the Chinese reason."""
    kind = spec.kind
    if kind in ("string", "text", "enum"):
        return check_length(spec, _text(value))  # before a title becomes pinyin or a record text
    if kind in ("int", "number"):
        return _number(kind, value)
    if kind == "bool":
        return _bool(value)
    if kind == "date":
        return _date(value).isoformat()
    if kind == "list":
        return [check_length(spec, item) for item in LIST_SEPARATORS.split(_text(value).replace("\n", "、")) if item]
    return _objects(spec, value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(plain(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).strip()


def _number(kind: str, value: Any) -> int | float:
    what = "整数" if kind == "int" else "数字"
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise FieldError(f"应为{what}，实际为{quoted(value)}")
    if isinstance(value, (int, float)):
        number: int | float = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        pattern = _INT if kind == "int" else _NUMBER
        if not pattern.fullmatch(text):
            raise FieldError(f"应为{what}，实际为{quoted(value)}")
        number = float(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise FieldError(f"应为有限的{what}，实际为{quoted(value)}")
    if kind == "int" and not float(number).is_integer():
        raise FieldError(f"应为整数，实际为{quoted(value)}")
    return int(number) if kind == "int" else plain(number)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(f"应为 是 / 否，实际为{quoted(value)}")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and _COMPACT_DATE.fullmatch(str(int(value))):
            return _make_date(value, *_COMPACT_DATE.fullmatch(str(int(value))).groups())  # type: ignore[union-attr]
        if float(value).is_integer() and int(value) in _SERIALS:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise FieldError(f"应为日期，实际为{quoted(value)}")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        raise FieldError(f"应为日期（如 2024-03-05、2024/3/5、2024年3月5日），实际为{quoted(value)}")
    return _make_date(value, *match.groups())


def _make_date(value: Any, year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise FieldError(f"为不存在的日期{quoted(value)}") from None


def _objects(spec: FieldSpec, value: Any) -> list[dict[str, Any]]:
    subs = list(spec.fields.values())
    items = []
    for number, line in enumerate(l for l in str(value).splitlines() if l.strip()):
        parts = _ITEM_SPLIT.split(line.strip())
        if len(parts) > len(subs):
            raise FieldError(f"第{number + 1}行有 {len(parts)} 部分，最多 {len(subs)} 部分（用 | 分隔）")
        item: dict[str, Any] = {}
        for sub, part in zip(subs, parts):
            if is_empty(part):
                continue
            try:
                item[sub.name] = parse_cell(sub, part)
            except FieldError as exc:
                raise FieldError(f"第{number + 1}行的{sub.label}{exc}") from None
        items.append(item)
    return items
