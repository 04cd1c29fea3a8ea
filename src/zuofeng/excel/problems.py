"""Problems found in a workbook, reported as `文件:工作表!C12: 问题`."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from zuofeng.core.input.printable import printable


@dataclass(frozen=True, order=True)
class CellProblem:
    """One problem in one cell (column 0: the whole row; row 0: the whole sheet or file)."""

    order: int  # the sheet's position in the workbook, so problems print sheet by sheet
    row: int
    column: int
    file: str
    sheet: str
    message: str

    @property
    def where(self) -> str:
        if not self.sheet:
            return self.file
        if self.row == 0:
            return f"{self.file}:{self.sheet}"
        ref = f"{get_column_letter(self.column)}{self.row}" if self.column else f"{self.row}:{self.row}"
        return f"{self.file}:{self.sheet}!{ref}"

    def __str__(self) -> str:
        # A problem in another record file (already `path:line: 问题`) prints as it is.
        return printable(f"{self.where}: {self.message}" if self.file else self.message)
