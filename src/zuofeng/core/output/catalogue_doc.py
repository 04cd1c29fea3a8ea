"""The record types and their fields as a Markdown page, generated from the catalogue."""

from __future__ import annotations

from typing import Any, Callable

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.input.fieldtext import field_hint

KIND_NAMES = {
    "string": "文本", "text": "多行文本", "int": "整数", "number": "数字", "bool": "是/否（true/false）",
    "date": "日期", "enum": "选项", "list": "列表", "objects": "多项列表",
}


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") or "—"


def _default(spec: FieldSpec) -> str:
    if spec.default is None or spec.default == []:
        return ""
    if isinstance(spec.default, bool):
        return "true" if spec.default else "false"
    return str(spec.default)


def _table(fields: dict[str, FieldSpec]) -> list[str]:
    lines = ["| 字段 | 名称 | 类型 | 必填 | 默认值 | 填写说明 |", "|---|---|---|---|---|---|"]
    for spec in fields.values():
        cells = [f"`{spec.name}`", spec.label, KIND_NAMES[spec.kind], "是" if spec.required else "否",
                 _default(spec), field_hint(spec)]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _example(catalogue: Catalogue, key: str) -> str:
    required = [s for s in catalogue.types[key].fields.values() if s.required]
    sample = " ".join(f"{s.name}={s.choices[0] if s.choices else '…'}" for s in required)
    return f"zuofeng new {key} --date 2023-03-14 --title \"标题\" {sample}".rstrip()


def _type_section(catalogue: Catalogue, key: str, template_url: Callable[[str], str] | None) -> list[str]:
    record_type = catalogue.types[key]
    # An explicit id (attr_list) keeps links stable whatever the heading's slug rules are.
    lines = [f"## {record_type.label}（{key}） {{#{key}}}", "",
             f"文件夹：`records/<年份>/{key}/`。新建一条：", "", "```bash", _example(catalogue, key), "```", ""]
    if template_url is not None:
        lines += [f"成批填报：下载 [Excel 模板（{record_type.label}）]({template_url(key)})，"
                  f"填好后提交，或运行 `zuofeng import 文件.xlsx`。", ""]
    if record_type.confidential:
        lines += ["此类记录**默认为内部记录**（`confidential: true`）：计入统计，但不在网站上显示。", ""]
    lines += _table(record_type.fields) if record_type.fields else ["除公共字段外没有其他字段。"]
    for spec in record_type.fields.values():
        if spec.kind == "objects":
            lines += ["", f"`{spec.name}`（{spec.label}）的每一项包含：", ""] + _table(spec.fields)
    return lines + [""]


def fields_markdown(catalogue: Catalogue, template_url: Callable[[str], str] | None = None) -> str:
    """Markdown page listing every record type, its label and every field (and its Excel template's link)."""
    lines = [
        "# 记录类型与字段",
        "",
        "本页在每次构建站点时由记录类型目录自动生成，始终与 `zuofeng check` 的检查规则一致。",
        "“必填”的字段必须填写；其余字段没有内容时可以留空。",
        "",
        "| 类型 | 英文键 | 本类型字段 |",
        "|---|---|---|",
    ]
    for key, record_type in catalogue.types.items():
        names = "、".join(f"`{name}`" for name in record_type.fields) or "—"
        lines.append(f"| [{record_type.label}](#{key}) | `{key}` | {names} |")
    lines += ["", "## 公共字段", "", "每条记录都有以下字段：", ""] + _table(catalogue.common) + [""]
    for key in catalogue.types:
        lines += _type_section(catalogue, key, template_url)
    return "\n".join(lines)

