"""The empty workbook clerks fill in: one sheet per record type, drop-downs, and a 填写说明 sheet."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.input.fieldtext import format_bound
from zuofeng.core.output.catalogue_doc import KIND_NAMES
from zuofeng.excel.columns import GUIDE_SHEET, Column, cell_hint, columns_for, sheet_title
from zuofeng.excel.package import workbook_bytes

ROWS = 2000  # data rows the validations cover
HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FDE9D9")
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
FORMATS = {"date": "yyyy-mm-dd", "string": "@", "text": "@", "enum": "@", "list": "@", "objects": "@"}
_LIST_LIMIT = 255  # Excel's limit on an inline drop-down list


def template_bytes(catalogue: Catalogue, type_keys: list[str]) -> bytes:
    """The .xlsx template of the given record types."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key in type_keys:
        write_header(workbook.create_sheet(sheet_title(catalogue, key)), columns_for(catalogue, key))
    _guide_sheet(workbook.create_sheet(GUIDE_SHEET), catalogue, type_keys)
    labels = "、".join(catalogue.label(k) for k in type_keys)
    return workbook_bytes(workbook, title=f"作风建设台账填报模板：{labels}", keywords="zuofeng template")


def write_header(sheet: Worksheet, columns: list[Column], rows: int = ROWS) -> None:
    """Header row, frozen, with widths, formats and data validation for each column."""
    sheet.append([c.header for c in columns])
    sheet.freeze_panes = "A2"
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.spec is not None:
            if column.spec.kind in FORMATS:
                dimension.number_format = FORMATS[column.spec.kind]
            validation = _validation(column.spec)
            if validation is not None:
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{rows + 1}")


def _validation(spec: FieldSpec) -> DataValidation | None:
    kind = spec.kind
    if kind in ("enum", "bool"):
        choices = spec.choices if kind == "enum" else ("是", "否")
        formula = '"' + ",".join(choices) + '"'
        if len(formula) > _LIST_LIMIT or any("," in c or '"' in c for c in choices):
            return None  # too long for a drop-down: the import still checks the value
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        error = f"请从下拉列表中选择：{' / '.join(choices)}"
    elif kind == "date":
        validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        error = "请填写日期，例如 2024-03-05"
    elif kind in ("int", "number"):
        low = spec.minimum if spec.minimum is not None else -1e15
        high = spec.maximum if spec.maximum is not None else 1e15
        validation = DataValidation(type="whole" if kind == "int" else "decimal", operator="between",
                                    formula1=format_bound(low), formula2=format_bound(high), allow_blank=True)
        error = cell_hint(spec)
    elif kind == "string":
        # One line, as `check` wants it; the import still names any other hidden character.
        validation = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(spec.max_length),
                                    allow_blank=True)
        error = f"一行文字，最多 {spec.max_length} 个字符；详细内容请写在“正文”列"
    else:
        return None
    validation.error, validation.errorTitle = error[:255], f"{spec.label}填写有误"
    validation.prompt, validation.promptTitle = (cell_hint(spec) or spec.label)[:255], spec.label[:32]
    validation.showErrorMessage = validation.showInputMessage = True
    return validation


GUIDE_HEADERS = ("工作表", "列名", "字段", "类型", "必填", "默认值", "填写说明")
GUIDE_WIDTHS = (16, 20, 16, 14, 6, 10, 70)


def _guide_sheet(sheet: Worksheet, catalogue: Catalogue, type_keys: list[str]) -> None:
    sheet.append(list(GUIDE_HEADERS))
    for number, width in enumerate(GUIDE_WIDTHS, start=1):
        sheet.cell(row=1, column=number).font = HEADER_FONT
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    for key in type_keys:
        title = sheet_title(catalogue, key)
        for column in columns_for(catalogue, key):
            sheet.append([title, column.header, *_describe(column)])
    sheet.append([])
    sheet.append(["说明", "带 * 的列必须填写；每行一条记录；不要修改表头和工作表名称。日期可写 2024-03-05、2024/3/5 或 2024年3月5日；"
                  "是/否可写 是、否、√、×；多项用顿号、逗号或分号分隔。填好后提交给办公室，或运行 zuofeng import 文件.xlsx。"])


def _describe(column: Column) -> list[str]:
    spec = column.spec
    if spec is None:
        return ["body", "多行文本", "否", "", "记录正文（会议纪要、情况说明），可不填；列名也可写“内容”或“备注”"]
    default = "是" if spec.default is True else "否" if spec.default is False else str(spec.default or "")
    hint = cell_hint(spec)
    kind = "是/否" if spec.kind == "bool" else KIND_NAMES[spec.kind]
    return [spec.name, kind, "是" if spec.required else "否", default, hint]
