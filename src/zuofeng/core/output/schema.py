"""JSON Schema (draft 2020-12) of each record type's front matter, generated from the catalogue."""

from __future__ import annotations

import json
from typing import Any

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_SCHEMA = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
COMBINED = "records.schema.json"
# Text fields accept numbers as `check` does (`doc_no: 12` keeps the digits as written).
TEXT = ["string", "number"]
_SIMPLE: dict[str, Any] = {"string": TEXT, "text": TEXT, "int": "integer", "number": "number", "bool": "boolean"}


def _value_schema(spec: FieldSpec) -> dict[str, Any]:
    if spec.kind in _SIMPLE:
        schema: dict[str, Any] = {"type": _SIMPLE[spec.kind]}
        if spec.kind in ("int", "number"):
            schema.update({k: v for k, v in (("minimum", spec.minimum), ("maximum", spec.maximum)) if v is not None})
        elif spec.required and spec.kind in ("string", "text"):
            schema["minLength"] = 1
        if spec.kind == "string":
            schema["maxLength"] = spec.max_length
        return schema
    if spec.kind == "date":
        return dict(DATE_SCHEMA)
    if spec.kind == "enum":
        return {"enum": list(spec.choices)}
    if spec.kind == "list":
        items = {"enum": list(spec.choices)} if spec.choices else {"type": list(TEXT)}
        return {"type": "array", "items": items}
    return {"type": "array", "items": _object_schema(spec.fields)}


def _allow_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional field may be left empty (`unit:`), as `zuofeng new` writes it."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    schema = {"title": spec.label, **({"description": spec.help} if spec.help else {})}
    value = _value_schema(spec)
    schema.update(value if spec.required else _allow_null(value))
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def _object_schema(fields: dict[str, FieldSpec]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _field_schema(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def type_schema(catalogue: Catalogue, type_key: str) -> dict[str, Any]:
    """The schema of one record type, common fields included, `type` fixed to its key."""
    record_type = catalogue.types[type_key]
    body = _object_schema(catalogue.fields_of(type_key))
    body["properties"]["type"] = {**body["properties"]["type"], "const": type_key}
    del body["properties"]["type"]["type"], body["properties"]["type"]["minLength"]
    if record_type.confidential:
        body["properties"]["confidential"]["default"] = True
    return {
        "$schema": DIALECT,
        "$id": f"{type_key}.schema.json",
        "title": f"{record_type.label}（{type_key}）",
        "description": f"作风建设台账中“{record_type.label}”记录的元数据（由记录类型目录生成，请勿手工修改）",
        **body,
    }


def records_schema(catalogue: Catalogue) -> dict[str, Any]:
    """One schema for any record: picks the type's schema by the value of `type`."""
    defs = {}
    for key in catalogue.types:
        schema = type_schema(catalogue, key)
        defs[key] = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
    return {
        "$schema": DIALECT,
        "$id": COMBINED,
        "title": "作风建设台账记录",
        "description": "任一记录的元数据；按 type 的值套用对应类型的规则（由记录类型目录生成，请勿手工修改）",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"title": "记录类型", "enum": list(catalogue.types)}},
        "allOf": [
            {"if": {"properties": {"type": {"const": key}}, "required": ["type"]}, "then": {"$ref": f"#/$defs/{key}"}}
            for key in catalogue.types
        ],
        "$defs": defs,
    }


def schema_files(catalogue: Catalogue) -> dict[str, str]:
    """File name → JSON text of every schema file, byte-stable for the same catalogue."""
    files = {f"{key}.schema.json": type_schema(catalogue, key) for key in catalogue.types}
    files[COMBINED] = records_schema(catalogue)
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in sorted(files.items())}
