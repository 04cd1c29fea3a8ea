"""Asking for missing fields in a terminal, in Chinese, one field at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zuofeng.core.domain.catalogue import FieldSpec
from zuofeng.core.input.fieldtext import field_hint, parse_text
from zuofeng.core.input.validate import FieldError, coerce


def fill_missing(specs: dict[str, FieldSpec], values: dict[str, Any]) -> None:
    """Prompt for the date, the title and every required field not given; EOFError cancels."""
    for spec in specs.values():
        if spec.name == "type" or spec.kind == "objects":
            continue
        if values.get(spec.name) not in (None, "", []):
            continue
        if spec.required:
            values[spec.name] = _ask(spec)


def _ask(spec: FieldSpec) -> Any:
    default = dt.date.today().isoformat() if spec.name == "date" else None
    hint = field_hint(spec)
    question = f"{spec.label}（{spec.name}）" + (f"［{hint}］" if hint else "")
    question += f"，直接回车为 {default}：" if default else "："
    while True:
        text = input(question).strip() or (default or "")
        if not text:
            print("此项必填，请填写（按 Ctrl-D 取消）。")
            continue
        try:
            value = parse_text(spec, text)
            coerce(spec, value, None)
        except FieldError as exc:
            print(f"{spec.label}{exc}，请重新填写。")
            continue
        return value
