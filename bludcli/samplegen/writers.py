"""Serialise a WorkbookGrid to .xlsx/.xlsm (openpyxl), .xls (xlwt) or .ods (odfpy)."""

from __future__ import annotations

from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import XLSM

from .grid import CellMap, Formula, SheetGrid, Style, WorkbookGrid
from .layout import Layout
from .report import Report
from .sheets import build_workbook


def write_xlsx(report: Report, layout: Layout, path: Path) -> CellMap:
    """Write the report as .xlsx (or .xlsm, by the suffix). Values only, never formulas."""
    grid, cells = build_workbook(report, layout)
    save_xlsx(grid, Path(path))
    return cells


def write_xls(report: Report, layout: Layout, path: Path) -> CellMap:
    grid, cells = build_workbook(report, layout)
    save_xls(grid, Path(path))
    return cells


def write_ods(report: Report, layout: Layout, path: Path) -> CellMap:
    grid, cells = build_workbook(report, layout)
    save_ods(grid, Path(path))
    return cells


def save(grid: WorkbookGrid, path: Path) -> None:
    """Write a grid in the format its file suffix names."""
    suffix = Path(path).suffix.lower()
    savers = {".xlsx": save_xlsx, ".xlsm": save_xlsx, ".xls": save_xls, ".ods": save_ods}
    if suffix not in savers:
        raise ValueError(f"unsupported workbook suffix {suffix!r}")
    savers[suffix](grid, Path(path))


def set_cell(path: Path, sheet: str, cell: str, value: Any) -> None:
    """Change one cell of an .xlsx/.xlsm in place (to seed a defect); the cell keeps
    its number format and style. A str starting with "=" becomes a formula with no
    cached value."""
    path = Path(path)
    workbook = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    workbook[sheet][cell].value = value
    workbook.save(path)


def _no_formula(sheet: SheetGrid, value: Any) -> Any:
    if isinstance(value, Formula):
        raise ValueError(f"{sheet.name}: formulas are only written to .xlsx")
    return value


# --- xlsx -------------------------------------------------------------------

class _MacroEnabledWorkbook(Workbook):
    """An .xlsm without macros: only the workbook's content type differs from .xlsx."""

    mime_type = XLSM


def save_xlsx(grid: WorkbookGrid, path: Path) -> None:
    """Streamed (write-only) so that 100,000-row BKUs stay fast."""
    macro = path.suffix.lower() == ".xlsm"
    workbook = (_MacroEnabledWorkbook if macro else Workbook)(write_only=True)
    thin = Side(style="thin")
    # Style -> openpyxl's style array, built on the first cell that uses it; copying the
    # array to later cells is far faster than assigning font, border and format each time.
    styled: dict[Style, Any] = {}

    def cell_for(ws, value: Any, style: Style) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        if style not in styled:
            cell.font = Font(bold=style.bold)
            cell.alignment = Alignment(horizontal=style.align, wrap_text=style.wrap,
                                       vertical="center" if style.wrap else None)
            if style.border:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.number_format = style.number_format or "General"
            styled[style] = copy(cell._style)
        else:
            cell._style = copy(styled[style])
        return cell

    for sheet in grid.sheets:
        ws = workbook.create_sheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        for col in sheet.hidden_cols:
            ws.column_dimensions[get_column_letter(col)].hidden = True
        for row in sheet.hidden_rows:
            ws.row_dimensions[row].hidden = True
        for r1, c1, r2, c2 in sheet.merges:
            ws.merged_cells.add(CellRange(min_row=r1, min_col=c1, max_row=r2, max_col=c2))
        for row in range(1, sheet.max_row + 1):
            cells = sheet.rows.get(row, {})
            values: list[Any] = [None] * max(cells, default=0)
            for col, cell in cells.items():
                values[col - 1] = cell_for(ws, cell.value, cell.style)
            ws.append(values)
    workbook.save(path)


# --- xls --------------------------------------------------------------------

def save_xls(grid: WorkbookGrid, path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[Style, xlwt.XFStyle] = {}

    def xf(key: Style) -> xlwt.XFStyle:
        if key not in styles:
            result = xlwt.XFStyle()
            result.font.bold = key.bold
            result.alignment.horz = {"center": xlwt.Alignment.HORZ_CENTER,
                                     "right": xlwt.Alignment.HORZ_RIGHT,
                                     "left": xlwt.Alignment.HORZ_LEFT}.get(key.align, 0)
            result.alignment.wrap = int(key.wrap)
            if key.border:
                for side in ("left", "right", "top", "bottom"):
                    setattr(result.borders, side, xlwt.Borders.THIN)
            result.num_format_str = key.number_format or "General"
            styles[key] = result
        return styles[key]

    for sheet in grid.sheets:
        if sheet.max_row > 65536:
            raise ValueError(f"{sheet.name}: {sheet.max_row} rows do not fit in .xls (65,536)")
        ws = book.add_sheet(sheet.name)
        spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges
                   for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - spans.keys()
        for row, cells in sheet.rows.items():
            for col, cell in cells.items():
                value = _no_formula(sheet, cell.value)
                if (row, col) in spans:
                    r2, c2 = spans[row, col]
                    ws.write_merge(row - 1, r2 - 1, col - 1, c2 - 1, value, xf(cell.style))
                elif (row, col) not in covered:
                    ws.write(row - 1, col - 1, value, xf(cell.style))
        for col, width in sheet.widths.items():
            ws.col(col - 1).width = int(width * 256)
        for col in sheet.hidden_cols:
            ws.col(col - 1).hidden = True
        for row in sheet.hidden_rows:
            ws.row(row - 1).hidden = True
    book.save(str(path))


# --- ods --------------------------------------------------------------------

def save_ods(grid: WorkbookGrid, path: Path) -> None:
    from odf import number
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (ParagraphProperties, Style as OdfStyle, TableCellProperties,
                           TableColumnProperties, TextProperties)
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    data_styles: dict[str, str] = {}
    cell_styles: dict[Style, str] = {}

    def data_style(fmt: str) -> str:
        """An ODF data style for the few Excel formats the layouts use."""
        if fmt not in data_styles:
            name = f"N{len(data_styles) + 1}"
            if "yy" in fmt:
                element = number.DateStyle(name=name)
                for part in (number.Day(style="long"), number.Text(text="/"),
                             number.Month(style="long"), number.Text(text="/"),
                             number.Year(style="long")):
                    element.addElement(part)
            else:
                decimals = len(fmt.split(".")[1].rstrip("%_);(#,0*-\" @")) if "." in fmt else 0
                percent = "%" in fmt
                element = (number.PercentageStyle if percent else number.NumberStyle)(name=name)
                element.addElement(number.Number(decimalplaces=decimals, minintegerdigits=1,
                                                 grouping="false" if percent or "," not in fmt
                                                 else "true"))
                if percent:
                    element.addElement(number.Text(text="%"))
            doc.automaticstyles.addElement(element)
            data_styles[fmt] = name
        return data_styles[fmt]

    def cell_style(key: Style) -> str:
        fmt = key.number_format
        if key not in cell_styles:
            name = f"ce{len(cell_styles) + 1}"
            element = OdfStyle(name=name, family="table-cell",
                               **({"datastylename": data_style(fmt)} if fmt and fmt != "General" else {}))
            element.addElement(TableCellProperties(
                border="0.5pt solid #000000" if key.border else "none",
                wrapoption="wrap" if key.wrap else "no-wrap"))
            if key.align:
                element.addElement(ParagraphProperties(
                    textalign={"left": "start", "right": "end"}.get(key.align, key.align)))
            if key.bold:
                element.addElement(TextProperties(fontweight="bold"))
            doc.automaticstyles.addElement(element)
            cell_styles[key] = name
        return cell_styles[key]

    def table_cell(sheet: SheetGrid, value: Any, style: Style, span: tuple[int, int] | None):
        value = _no_formula(sheet, value)
        attributes: dict[str, Any] = {"stylename": cell_style(style)}
        if span:
            attributes.update(numberrowsspanned=span[0], numbercolumnsspanned=span[1])
        if value is None:
            return TableCell(**attributes)
        if isinstance(value, date):
            cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
        elif isinstance(value, (int, float)):
            kind = "percentage" if style.number_format and "%" in style.number_format else "float"
            cell = TableCell(valuetype=kind, value=value, **attributes)
        else:
            cell = TableCell(valuetype="string", **attributes)
        cell.addElement(P(text=str(value)))
        return cell

    for index, sheet in enumerate(grid.sheets):
        table = Table(name=sheet.name)
        last_col = max((max(cells) for cells in sheet.rows.values() if cells), default=1)
        for col in range(1, last_col + 1):
            name = f"co{index}_{col}"
            column_style = OdfStyle(name=name, family="table-column")
            column_style.addElement(TableColumnProperties(
                columnwidth=f"{sheet.widths.get(col, 10) * 0.19:.2f}cm"))
            doc.automaticstyles.addElement(column_style)
            table.addElement(TableColumn(stylename=name, **(
                {"visibility": "collapse"} if col in sheet.hidden_cols else {})))
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges
                   for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - spans.keys()
        merged_width: dict[int, int] = {}
        for r, c in covered:
            merged_width[r] = max(merged_width.get(r, 0), c)
        for row in range(1, sheet.max_row + 1):
            element = TableRow(**({"visibility": "collapse"} if row in sheet.hidden_rows else {}))
            cells = sheet.rows.get(row, {})
            width = max(max(cells, default=0), merged_width.get(row, 0))
            for col in range(1, width + 1):
                if (row, col) in covered:
                    element.addElement(CoveredTableCell())
                    continue
                cell = cells.get(col)
                element.addElement(table_cell(sheet, cell.value if cell else None,
                                              cell.style if cell else Style(), spans.get((row, col))))
            table.addElement(element)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
