"""Decap CMS configuration (`admin/config.yml`) generated from the catalogue: one form per record type."""

from __future__ import annotations

from typing import Any

import yaml

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec, RecordType
from zuofeng.core.output.cms_backend import CmsBackend

DATE_FORMAT = "YYYY-MM-DD"
# The folder is the record's year, not the year of entry. Decap 3.16 lower-cases `path` and
# strips its quotes and dots before use, so `{{fields.date | date('YYYY')}}` cannot work there,
# and `{{year}}` is the record date read as local midnight but printed in UTC: 1 January in
# China (UTC+8) would land in the previous year. `truncate(4)` of the date text gives "2024...";
# Decap's own path sanitising turns the dots into "-" and trims them, leaving "2024".
RECORD_YEAR = "{{date | truncate(4)}}"
# No pinyin in the browser: the record's date and type key make an ASCII name that passes the
# loader's name rule; Decap appends -1, -2 … when that name is taken.
SLUG = "{{fields.date}}-{{fields.type}}"
MEDIA_FOLDER = "docs/assets/uploads"  # Decap requires one; the forms have no image field
MARKDOWN_BUTTONS = ("bold", "italic", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list")


def _hint(spec: FieldSpec) -> str:
    """What the form shows under a field: the catalogue's help, and how to separate list items."""
    parts = [spec.help] if spec.help else []
    if spec.kind == "list" and not spec.choices:
        parts.append("多项用英文逗号分隔")
    return "；".join(parts)


def _widget(spec: FieldSpec) -> dict[str, Any]:
    """Decap widget options for a field kind."""
    kind = spec.kind
    if kind == "date":
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
    if kind in ("int", "number"):
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "int" else "float"}
        if kind == "int":
            widget["step"] = 1
        widget.update({k: v for k, v in (("min", spec.minimum), ("max", spec.maximum)) if v is not None})
        return widget
    if kind == "enum":
        return {"widget": "select", "options": list(spec.choices)}
    if kind == "bool":
        return {"widget": "boolean"}
    if kind == "list":
        if spec.choices:
            return {"widget": "select", "multiple": True, "options": list(spec.choices)}
        return {"widget": "list"}
    if kind == "objects":
        return {"widget": "list", "label_singular": spec.label, "collapsed": False,
                "fields": [_field(sub) for sub in spec.fields.values()]}
    if kind == "text":
        return {"widget": "text"}
    # The loader's one-line limit, checked as the clerk types rather than by CI afterwards.
    return {"widget": "string", "pattern": [f"^.{{0,{spec.max_length}}}$", f"不超过 {spec.max_length} 个字符"]}


def _field(spec: FieldSpec, default: Any = None) -> dict[str, Any]:
    """One form field: name, Chinese label, widget, required flag, hint and default."""
    field = {"name": spec.name, "label": spec.label, **_widget(spec), "required": spec.required}
    hint = _hint(spec)
    if hint:
        field["hint"] = hint
    value = spec.default if default is None else default
    if value is not None and not (spec.kind in ("list", "objects") and value == []):
        field["default"] = value
    return field


def _fields(catalogue: Catalogue, record_type: RecordType) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    for name, spec in catalogue.fields_of(record_type.key).items():
        if name == "type":
            # Written as is, never shown: the form of a type makes records of that type.
            fields.append({"name": "type", "label": spec.label, "widget": "hidden", "default": record_type.key})
        elif name == "confidential":
            fields.append(_field(spec, default=record_type.confidential))
        else:
            fields.append(_field(spec))
    fields.append({"name": "body", "label": "正文", "widget": "markdown", "required": False,
                   "hint": "会议纪要、情况说明等（可不填）", "buttons": list(MARKDOWN_BUTTONS), "editor_components": []})
    return fields


def _collection(catalogue: Catalogue, record_type: RecordType, records_folder: str) -> dict[str, Any]:
    key = record_type.key
    return {
        "name": key,
        "label": record_type.label,
        "label_singular": f"{record_type.label}记录",
        "description": f"填写一条“{record_type.label}”记录；保存后生成合并请求，经审核合并后计入台账。",
        "folder": records_folder,
        "path": f"{RECORD_YEAR}/{key}/{{{{slug}}}}",
        "slug": SLUG,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "filter": {"field": "type", "value": key},
        "identifier_field": "title",
        "summary": "{{date}} {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": _fields(catalogue, record_type),
    }


def cms_config(catalogue: Catalogue, backend: CmsBackend, records_folder: str = "records") -> dict[str, Any]:
    """The whole Decap configuration: backend, editorial workflow, one collection per form type."""
    config: dict[str, Any] = {
        "backend": backend.decap_backend(),
        "publish_mode": "editorial_workflow",
        "locale": "zh_Hans",
        "media_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    config["collections"] = [_collection(catalogue, t, records_folder) for t in catalogue.types.values() if t.form]
    return config


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: no `&id001` anchors for repeated lists."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(catalogue: Catalogue, backend: CmsBackend, records_folder: str = "records") -> str:
    """`admin/config.yml` as text, byte-stable for the same catalogue and backend."""
    header = "# 由记录类型目录生成（zuofeng.core.output.cms），请勿手工修改。\n"
    body = yaml.dump(cms_config(catalogue, backend, records_folder), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=10_000, default_flow_style=False)
    return header + body
