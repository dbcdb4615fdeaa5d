"""Cell styles and the small helpers every template sheet uses."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

AMOUNT_FORMAT = "#,##0.00"  # shown the Indonesian way (1.234.567,89) by an Indonesian locale
PERCENT_FORMAT = "0.00"
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: the cells a BLUD fills in
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def title_block(ws: Worksheet, lines: list, width: int, row: int = 1) -> int:
    """Bold centred lines merged across `width` columns; returns the row after a blank line."""
    for line in lines:
        ws.cell(row, 1, line).font = Font(bold=True)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row + 1


def header_row(ws: Worksheet, row: int, labels: list[str], widths: list[float]) -> None:
    for col, (label, width) in enumerate(zip(labels, widths), 1):
        cell = ws.cell(row, col, label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width


def fixed(ws: Worksheet, row: int, col: int, value, number_format: str | None = None,
          bold: bool = False):
    """A locked cell: a label, a code or a formula."""
    cell = ws.cell(row, col, value)
    cell.border = _BORDER
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def entry(ws: Worksheet, row: int, col: int, number_format: str | None = None, value=None):
    """An unlocked cell the BLUD fills in (shaded)."""
    cell = fixed(ws, row, col, value, number_format)
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    return cell


def validation(ws: Worksheet, kind: str, ranges: str, title: str, message: str, **options) -> None:
    """A data validation over `ranges` (space-separated) with an Indonesian error message;
    empty cells are allowed."""
    rule = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=title,
                          error=message, **options)
    for part in ranges.split():
        rule.add(part)
    ws.add_data_validation(rule)


def non_negative(ws: Worksheet, ranges: str) -> None:
    validation(ws, "decimal", ranges, "Nilai tidak sah", "Jumlah tidak boleh negatif.",
               operator="greaterThanOrEqual", formula1="0")


def protect(ws: Worksheet) -> None:
    """Protect the sheet without a password: only unlocked (input) cells can be edited."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people widen columns to read long names
