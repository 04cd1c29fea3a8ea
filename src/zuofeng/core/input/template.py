"""A new record file rendered from the catalogue: every field present, each explained in Chinese."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

import yaml

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.input.fieldtext import field_hint

SLUG_MAX = 40
# Characters of a title read for its slug: plenty for 40 letters (a title's default limit), while
# the pinyin of a 1 MB title would take half a minute before its length is refused.
SLUG_SOURCE = 200
REQUIRED_MARK = "# 必填"


try:  # libyaml's emitter is several times faster (an import writes thousands of records)
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Safe dumper that writes dates as plain text, as the loader reads them back."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseDumper.yaml_implicit_resolvers.items()
}


def slugify(title: str) -> str:
    """ASCII slug of a title via pinyin: lowercase words joined by '-', at most ~40 characters."""
    # pypinyin's dictionaries cost ~150 ms and 60 MB: load them only when a slug is made.
    from pypinyin import lazy_pinyin

    words = []
    for chunk in lazy_pinyin(title[:SLUG_SOURCE]):
        words += [w for w in re.split(r"[^0-9a-z]+", chunk.lower()) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            slug = slug or word[:SLUG_MAX]
            break
        slug = candidate
    return slug or "jilu"


def record_filename(date: str, title: str, taken: Callable[[str], bool] = lambda name: False) -> str:
    """File name of a record: <date>-<slug>.md, else the first of <date>-<slug>-2.md, -3 … not `taken`.

    Slugs keep 40 characters, so same-day titles that start alike (or are the same) share one; the
    number keeps both, and the name depends only on the names already taken: same inputs, same ids.
    """
    stem = f"{date}-{slugify(title)}"
    name, number = f"{stem}.md", 1
    while taken(name):
        number += 1
        name = f"{stem}-{number}.md"
    return name


def _yaml_line(name: str, value: Any) -> str:
    if isinstance(value, (str, int, float, bool)):
        return f"{name}: {_dump_scalar(value)}"
    return f"{name}: {_dump(value)}"


# An import renders thousands of records whose values repeat (kinds, units, numbers): dump each once.
@lru_cache(maxsize=8192, typed=True)
def _dump_scalar(value: str | int | float | bool) -> str:
    return _dump(value)


def _dump(value: Any) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _initial_value(spec: FieldSpec, confidential_default: bool) -> Any:
    if spec.name == "confidential":
        # A type may be confidential by default (talks): writing `false` here would publish it.
        return confidential_default
    if spec.default is not None:
        return spec.default
    return None


def _field_lines(spec: FieldSpec, value: Any, given: bool, confidential_default: bool) -> list[str]:
    mark = "（必填）" if spec.required else ""
    hint = field_hint(spec)
    lines = [f"# {spec.label}{mark}" + (f"：{hint}" if hint else "")]
    if not given:
        value = _initial_value(spec, confidential_default)
    if value is None or value == "":
        lines.append(f"{spec.name}:" + (f"  {REQUIRED_MARK}" if spec.required else ""))
    else:
        lines.append(_yaml_line(spec.name, value))
    if spec.kind == "objects":
        lines += _objects_example(spec)
    return lines


def _objects_example(spec: FieldSpec) -> list[str]:
    """A commented example item for a list of mappings, so staff can copy its shape."""
    lines = [f"# 填写示例（把上一行改为 {spec.name}:，再去掉下面各行开头的“# ”）："]
    for number, sub in enumerate(spec.fields.values()):
        prefix = "#   - " if number == 0 else "#     "
        mark = "，必填" if sub.required else ""
        hint = field_hint(sub)
        lines.append(f"{prefix}{sub.name}:    # {sub.label}{mark}" + (f"；{hint}" if hint else ""))
    return lines


def render_record(catalogue: Catalogue, type_key: str, values: dict[str, Any], body: str = "") -> str:
    """Text of a record file: front matter with every field of the type, comments, then the body."""
    record_type = catalogue.types[type_key]
    header = [
        "---",
        f"# {record_type.label}（{type_key}）记录。以 # 开头的行是填写说明，可以保留，也可以删除。",
        "# 标有“必填”的字段必须填写；其余字段没有内容时留空即可。",
    ]
    lines = list(header)
    for name, spec in catalogue.fields_of(type_key).items():
        given = name in values
        value = type_key if name == "type" else values.get(name)
        lines += _field_lines(spec, value, given or name == "type", record_type.confidential)
    lines.append("---")
    lines.append("")
    lines.append(body.rstrip("\n") + "\n" if body.strip() else "")
    return "\n".join(lines)
