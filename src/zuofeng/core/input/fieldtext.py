"""Field values typed on a command line (`field=value`) and the Chinese hints that explain them."""

from __future__ import annotations

import re
from typing import Any

from zuofeng.core.domain.catalogue import FieldSpec
from zuofeng.core.input.validate import FieldError, parse_date

TRUE_WORDS = ("true", "是", "yes", "y", "1")
FALSE_WORDS = ("false", "否", "no", "n", "0")
LIST_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def format_bound(value: float) -> str:
    """A min/max bound as written: 0, not 0.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def parse_text(spec: FieldSpec, text: str) -> Any:
    """Turn the text of `field=value` into a YAML-ready value of the field's kind."""
    text = text.strip()
    kind = spec.kind
    if text == "":
        return None
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise FieldError(f"应为整数，实际为 '{text}'") from None
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise FieldError(f"应为数字，实际为 '{text}'") from None
        return int(number) if number.is_integer() and "." not in text else number
    if kind == "bool":
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise FieldError(f"应为 true / false（或 是 / 否），实际为 '{text}'")
    if kind == "date":
        parse_date(text)
        return text
    if kind == "list":
        return [item for item in LIST_SEPARATORS.split(text) if item]
    if kind == "objects":
        raise FieldError("是多项列表，不能在命令行填写，请在生成的文件中编辑")
    return text


def field_hint(spec: FieldSpec) -> str:
    """A one-line Chinese explanation of a field: what to write and what is allowed."""
    parts = []
    if spec.kind == "enum":
        parts.append("可选：" + " / ".join(spec.choices))
    elif spec.kind == "int":
        parts.append("整数")
    elif spec.kind == "number":
        parts.append("数字")
    elif spec.kind == "bool":
        parts.append("是填 true，否填 false")
    elif spec.kind == "date" and "YYYY-MM-DD" not in spec.help:
        parts.append("日期，格式 YYYY-MM-DD")
    elif spec.kind == "list":
        parts.append("列表，例如 [甲, 乙]" + ("，每项为 " + " / ".join(spec.choices) + " 之一" if spec.choices else ""))
    elif spec.kind == "objects":
        parts.append("多项列表，每项包含 " + "、".join(f"{s.name}（{s.label}）" for s in spec.fields.values()))
    if spec.minimum is not None:
        parts.append(f"不小于 {format_bound(spec.minimum)}")
    if spec.maximum is not None:
        parts.append(f"不大于 {format_bound(spec.maximum)}")
    if spec.help:
        parts.append(spec.help)
    return "；".join(parts)
