"""Worksheet columns of a record type, derived from the catalogue; header and sheet name matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.input.fieldtext import field_hint
from zuofeng.core.archive.freeze import AMENDMENT

BODY = "body"
GUIDE_SHEET = "填写说明"
SUMMARY_SHEET = "汇总"
AUX_SHEETS = (GUIDE_SHEET, SUMMARY_SHEET)  # sheets zuofeng writes beside the records
BODY_LABEL = "正文"
BODY_ALIASES = ("正文", "内容", "备注", "body")
REQUIRED_MARK = "*"
ITEM_SEPARATOR = "|"
ITEMS_JOIN = " | "
# Kept out of `template --all`: baselines and amendments are the administrator's, not a clerk's.
ADMIN_TYPES = ("baseline", AMENDMENT)
_MARKS = re.compile(r"[\s*]+")
_WIDTHS = {"date": 12, "int": 10, "number": 12, "bool": 10, "enum": 14, "list": 24, "text": 40, "objects": 60}


@dataclass(frozen=True)
class Column:
    """One column of a record type's sheet: a field, or the record's body (spec None)."""

    key: str
    label: str
    spec: FieldSpec | None

    @property
    def required(self) -> bool:
        return self.spec is not None and self.spec.required

    @property
    def header(self) -> str:
        """Header text: the Chinese label, with `*` for a required field."""
        return f"{self.label}{REQUIRED_MARK}" if self.required else self.label

    @property
    def width(self) -> int:
        """A column width (in characters) that shows the header and a typical value."""
        base = _WIDTHS.get(self.spec.kind, 18) if self.spec is not None else 40
        return max(base, 2 * len(self.label) + 4)


def columns_for(catalogue: Catalogue, type_key: str) -> list[Column]:
    """Every field of the type but `type` (the sheet says it), then the body."""
    columns = [Column(name, spec.label, spec) for name, spec in catalogue.fields_of(type_key).items() if name != "type"]
    return columns + [Column(BODY, BODY_LABEL, None)]


def normalise(text: str) -> str:
    """A header or sheet name as compared: NFKC, no whitespace, no required marker, case folded."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text)).casefold()


def header_names(columns: list[Column]) -> dict[str, Column]:
    """Every accepted header (label or field key, normalised) → its column."""
    names: dict[str, Column] = {}
    for column in columns:
        aliases = BODY_ALIASES if column.spec is None else (column.label, column.key)
        for alias in aliases:
            names.setdefault(normalise(alias), column)
    return names


def type_for_sheet(catalogue: Catalogue, sheet: str) -> str | None:
    """The record type a sheet is named after (Chinese label or key), or None."""
    wanted = normalise(sheet)
    for key, record_type in catalogue.types.items():
        if wanted in (normalise(key), normalise(record_type.label)):
            return key
    return None


def sheet_title(catalogue: Catalogue, type_key: str) -> str:
    """The sheet name of a type: its Chinese label, cut to Excel's 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "_", catalogue.label(type_key))[:31]


def template_types(catalogue: Catalogue) -> list[str]:
    """Types offered to clerks as templates (administrative ones left out)."""
    return [key for key in catalogue.types if key not in ADMIN_TYPES]


def objects_hint(spec: FieldSpec) -> str:
    """How a list of mappings is written in one cell: one item per line, parts separated by |."""
    parts = ITEMS_JOIN.join(f"{s.label}{'（必填）' if s.required else ''}" for s in spec.fields.values())
    return f"每行一项，依次填写 {parts}，各部分之间用 {ITEM_SEPARATOR} 分隔"



def cell_hint(spec: FieldSpec) -> str:
    """What to type in a cell of this field, in Chinese (spreadsheet wording, not YAML's)."""
    if spec.kind == "objects":
        return objects_hint(spec)
    if spec.name == "confidential":
        return "填“是”则计入统计，但不在网站和 Word 中出现；留空取该类型的默认值"
    if spec.kind == "bool":
        return "；".join(["填 是 或 否", *([spec.help] if spec.help else [])])
    if spec.kind == "date":
        return "日期，如 2024-03-05、2024/3/5 或 2024年3月5日"
    if spec.kind == "list":
        return "多项用顿号、逗号或分号分隔" + (f"，每项为 {' / '.join(spec.choices)} 之一" if spec.choices else "")
    return field_hint(spec)
