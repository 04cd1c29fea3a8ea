"""The record-type catalogue: record types and their fields, defined as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

FieldKind = Literal["string", "text", "int", "number", "bool", "date", "enum", "list", "objects"]
FIELD_KINDS: tuple[str, ...] = get_args(FieldKind)
COMMON_FIELDS = ("type", "date", "title", "unit", "tags", "confidential")
# Characters of a one-line value (string, enum, list item) unless the field sets `max_length`.
MAX_LINE = 200


class CatalogueError(Exception):
    """The catalogue file itself is wrong (an administrator's mistake, reported in Chinese)."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record type."""

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = MAX_LINE  # one-line values only; `text` is free
    help: str = ""
    fields: dict[str, FieldSpec] = field(default_factory=dict)  # sub-fields of `objects`


@dataclass(frozen=True)
class RecordType:
    """A record type: key, Chinese label and its own fields (common fields excluded)."""

    key: str
    label: str
    fields: dict[str, FieldSpec]
    confidential: bool = False
    form: bool = True  # offered as a web form in /admin/ (not for computed inputs such as baselines)


@dataclass(frozen=True)
class Catalogue:
    """Every record type, plus the fields common to all of them."""

    common: dict[str, FieldSpec]
    types: dict[str, RecordType]
    source: str

    def get(self, key: str) -> RecordType | None:
        """The record type for a key, or None."""
        return self.types.get(key)

    def fields_of(self, key: str) -> dict[str, FieldSpec]:
        """Common fields followed by the type's own fields."""
        return {**self.common, **self.types[key].fields}

    def label(self, key: str) -> str:
        """Chinese label of a type key (the key itself when unknown)."""
        record_type = self.types.get(key)
        return record_type.label if record_type else key


def _parse_field(where: str, name: str, raw: Any) -> FieldSpec:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}：字段 {name} 的定义应为映射")
    kind = raw.get("type", "string")
    if kind not in FIELD_KINDS:
        raise CatalogueError(f"{where}：字段 {name} 的类型 {kind!r} 未知，应为 {' / '.join(FIELD_KINDS)} 之一")
    choices = tuple(str(c) for c in raw.get("choices", ()))
    if kind == "enum" and not choices:
        raise CatalogueError(f"{where}：枚举字段 {name} 缺少 choices")
    sub = raw.get("fields", {}) if kind == "objects" else {}
    return FieldSpec(
        name=name,
        kind=kind,
        label=str(raw.get("label", name)),
        required=bool(raw.get("required", False)),
        default=raw.get("default"),
        choices=choices,
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        max_length=_max_length(where, name, raw.get("max_length", MAX_LINE)),
        help=str(raw.get("help", "")),
        fields={k: _parse_field(f"{where}.{name}", k, v) for k, v in sub.items()},
    )


def _max_length(where: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CatalogueError(f"{where}：字段 {name} 的 max_length 应为正整数，实际为 {value!r}")
    return value


def parse_catalogue(data: Any, source: str) -> Catalogue:
    """Build a Catalogue from its YAML data."""
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise CatalogueError(f"{source}：记录类型目录应包含 types 映射")
    common = {k: _parse_field(f"{source}: common", k, v) for k, v in (data.get("common") or {}).items()}
    missing = [name for name in COMMON_FIELDS if name not in common]
    if missing:
        raise CatalogueError(f"{source}：common 缺少公共字段 {', '.join(missing)}")
    types = {}
    for key, raw in data["types"].items():
        if not isinstance(raw, dict):
            raise CatalogueError(f"{source}：类型 {key} 的定义应为映射")
        fields = {k: _parse_field(f"{source}: {key}", k, v) for k, v in (raw.get("fields") or {}).items()}
        clash = sorted(set(fields) & set(common))
        if clash:
            raise CatalogueError(f"{source}：类型 {key} 重复定义了公共字段 {', '.join(clash)}")
        types[key] = RecordType(str(key), str(raw.get("label", key)), fields, bool(raw.get("confidential", False)),
                                bool(raw.get("form", True)))
    return Catalogue(common, types, source)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load a catalogue file, or the one shipped with zuofeng."""
    if path is None:
        text = resources.files("zuofeng").joinpath("data/catalogue.yaml").read_text(encoding="utf-8")
        source = "zuofeng/data/catalogue.yaml"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogueError(f"无法读取记录类型目录 {path}：{exc.strerror}") from None
        source = str(path)
    return _parse_text(text, source)


@lru_cache(maxsize=8)
def _parse_text(text: str, source: str) -> Catalogue:
    """A catalogue's text parsed once (it is frozen): every serve rebuild loads it again."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source}：YAML 有误（{exc}）") from None
    return parse_catalogue(data, source)
