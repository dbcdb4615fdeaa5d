"""A workbook as a grid of styled values (format-neutral), and the map of where values landed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter


@dataclass(frozen=True)
class Style:
    number_format: str | None = None
    bold: bool = False
    align: str | None = None  # left | center | right
    border: bool = False
    wrap: bool = False


PLAIN = Style()


class Cell(NamedTuple):
    value: Any  # str, int, float, date, Formula or None
    style: Style = PLAIN


class Formula(str):
    """A formula with no cached value ("=SUM(E20:E25)"); only the xlsx writer stores one."""


@dataclass
class SheetGrid:
    """One sheet: cells by 1-based (row, column), merges as (row1, col1, row2, col2)."""

    name: str
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    widths: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, col: int, cell: Cell) -> None:
        self.rows.setdefault(row, {})[col] = cell

    def get(self, ref: str) -> Cell:
        row, col = coordinate_to_tuple(ref)
        return self.rows.get(row, {}).get(col, Cell(None))

    def set(self, ref: str, value: Any) -> None:
        """Change the value at an Excel reference ("F17"), keeping the cell's style."""
        row, col = coordinate_to_tuple(ref)
        self.put(row, col, self.get(ref)._replace(value=value))

    @property
    def max_row(self) -> int:
        return max(self.rows, default=0)


@dataclass
class WorkbookGrid:
    sheets: list[SheetGrid]

    def sheet(self, name: str) -> SheetGrid:
        return next(s for s in self.sheets if s.name == name)


class LabelCells(dict):
    """Identitas: canonical label -> the Excel cell of its value; `.sheet` is the sheet name as written."""

    def __init__(self, sheet: str) -> None:
        super().__init__()
        self.sheet = sheet


class TableCells(Mapping):
    """A table: (row key, field) -> Excel cell ("F17"). `.sheet` is the sheet name as
    written, `.headers[field]` the cell holding a column's header label."""

    def __init__(self, sheet: str, columns: dict[str, int]) -> None:
        self.sheet = sheet
        self.columns = columns
        self.rows: dict[Any, int] = {}
        self.headers: dict[str, str] = {}

    def column(self, field_name: str) -> str:
        return get_column_letter(self.columns[field_name])

    def __getitem__(self, key: tuple[Any, str]) -> str:
        row_key, field_name = key
        return f"{self.column(field_name)}{self.rows[row_key]}"

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        return ((r, f) for r in self.rows for f in self.columns)

    def __len__(self) -> int:
        return len(self.rows) * len(self.columns)


@dataclass
class CellMap:
    """Where every logical value of a report landed in a written workbook.

    identitas["Kode BLUD"]; lra[(code, field)] and lra[("surplus"|"netto"|"silpa", field)]
    with field in kode, uraian, anggaran, sd_lalu, bulan_ini, sd_ini, sisa, persen;
    bku[(i, field)] with i = 0 for Saldo Awal, 1.. for transactions, "jumlah" for the
    closing row, field in tanggal, no_bukti, uraian, kode, penerimaan, pengeluaran, saldo;
    kapitasi[(row, "bulan_ini"|"sd_ini"|"label")] with row in saldo_awal, penerimaan,
    jasa, dukungan, saldo_akhir."""

    identitas: LabelCells
    lra: TableCells
    bku: TableCells
    kapitasi: TableCells | None
