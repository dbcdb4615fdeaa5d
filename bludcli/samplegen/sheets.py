"""The layout engine: a Report and a Layout become a WorkbookGrid and its CellMap."""

from __future__ import annotations

import calendar
import random
from datetime import date
from decimal import Decimal

from .catalogue import KAPITASI, SILPA, SISA_KAPITASI
from bludcli.values import MONTHS_ID as BULAN, Code, format_code, group_thousands
from .grid import PLAIN, Cell, CellMap, LabelCells, SheetGrid, Style, TableCells, WorkbookGrid
from .layout import COMPUTED_LABELS, Layout
from .report import Identitas, LraRow, Report

_LRA_HEADERS = {
    "no": "No", "kode": "Kode Rekening", "uraian": "Uraian", "anggaran": "Anggaran",
    "sd_lalu": "Realisasi {sd} Bulan Lalu", "bulan_ini": "Realisasi Bulan Ini",
    "sd_ini": "Realisasi {sd} Bulan Ini", "sisa": "Sisa Anggaran", "persen": "%",
    "keterangan": "Keterangan",
}
_REALISASI = ("sd_lalu", "bulan_ini", "sd_ini")
_LRA_AMOUNTS = ("anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa")
_BKU_HEADERS = {
    "no": "No", "tanggal": "Tanggal", "no_bukti": "No. Bukti", "uraian": "Uraian",
    "kode": "Kode Rekening", "penerimaan": "Penerimaan", "pengeluaran": "Pengeluaran",
    "saldo": "Saldo",
}
KAPITASI_ROWS = {
    "saldo_awal": "Saldo Awal", "penerimaan": "Penerimaan Dana Kapitasi JKN",
    "jasa": "Belanja Jasa Pelayanan Kesehatan", "dukungan": "Belanja Dukungan Biaya Operasional",
    "saldo_akhir": "Saldo Akhir",
}
_WIDTHS = {"no": 5, "kode": 21, "uraian": 48, "persen": 9, "keterangan": 22, "tanggal": 12,
           "no_bukti": 24}
# Keterangan on a few LRA rows.
_NOTES = {KAPITASI: "Transfer BPJS Kesehatan", SILPA: "Sesuai LK audited",
          SISA_KAPITASI: "Sesuai LK audited"}


def build_workbook(report: Report, layout: Layout) -> tuple[WorkbookGrid, CellMap]:
    """Lay the report out once; the writers only serialise the grid."""
    look = _Look(layout, random.Random(layout.seed))
    identitas, identitas_cells = _identitas(report.identitas, layout, look)
    lra, lra_cells = _lra(report, layout, look)
    bku, bku_cells = _bku(report, layout, look)
    sheets = [identitas, lra, bku]
    kapitasi_cells = None
    if report.kapitasi is not None:
        kapitasi, kapitasi_cells = _kapitasi(report, layout, look)
        sheets.append(kapitasi)
    if layout.extra_sheet:
        sheets.append(_catatan(report.identitas))
    return WorkbookGrid(sheets), CellMap(identitas_cells, lra_cells, bku_cells, kapitasi_cells)


def long_date(day: date) -> str:
    """'7 April 2026'."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def rupiah_text(value: Decimal, variant: int = 0) -> str:
    """Indonesian notation: 1.234.567,89 | Rp 1.234.567 | Rp.1.234.567,00; negatives in parentheses."""
    whole, sen = divmod(abs(value).quantize(Decimal("0.01")) * 100, 100)
    body = group_thousands(int(whole))
    if sen or variant == 2:
        body += f",{int(sen):02d}"
    text = ("", "Rp ", "Rp.")[variant] + body
    return f"({text})" if value < 0 else text


def code_text(code: Code, style: str = "padded") -> str:
    """A code as systems print it: 'padded' (4.1.04.16.01.0001), 'padded3' (older 3-digit
    last segment, 4.1.04.16.01.001) or 'unpadded' (4.1.4.16.1.1)."""
    if style == "unpadded":
        return ".".join(map(str, code))
    segments = format_code(code).split(".")
    if style == "padded3" and len(code) >= 6:
        segments[5] = f"{code[5]:03d}"
    return ".".join(segments)


class _Look:
    """Styles and the typing of values (codes, amounts, dates) a layout asks for."""

    def __init__(self, layout: Layout, rng: random.Random) -> None:
        self.layout, self.rng = layout, rng
        self.text = Style(border=True)
        self.bold = Style(border=True, bold=True)
        self.right = Style(border=True, align="right")
        self.center = Style(border=True, align="center")
        self.header = Style(bold=True, align="center", border=True, wrap=True)
        self.title = Style(bold=True, align="center")
        self.amount = Style(layout.amount_format, border=True)
        self.amount_bold = Style(layout.amount_format, bold=True, border=True)
        self.date = Style("dd/mm/yyyy", border=True, align="center")
        self.percent = Style("0.00%" if layout.percent_as_fraction else "0.00", border=True)

    def label(self, text: str) -> str:
        text = text.replace("{sd}", self.layout.sd_spelling)
        return {"upper": text.upper(), "lower": text.lower()}.get(self.layout.header_case, text)

    def amount_cell(self, value: Decimal, bold: bool = False) -> Cell:
        style = self.amount_bold if bold else self.amount
        if not value:
            zero = self.layout.zero_style
            return Cell("-", self.right) if zero == "dash" else Cell(None if zero == "empty" else 0, style)
        if self.layout.text_amounts and self.rng.random() < self.layout.text_amounts:
            return Cell(rupiah_text(value, self.rng.randrange(3)), self.right)
        return Cell(float(value), style)

    def code_cell(self, code: Code, bold: bool = False) -> Cell:
        style = self.bold if bold else self.text
        if self.layout.numeric_codes and (len(code) == 1 or (len(code) == 2 and 0 < code[1] < 10)):
            return Cell(code[0] if len(code) == 1 else float(f"{code[0]}.{code[1]}"), style)
        text = code_text(code, self.layout.code_style)
        if self.layout.code_spaces and self.rng.random() < 0.3:
            text = f" {text} "
        return Cell(text, style)

    def date_cell(self, day: date, as_text: bool) -> Cell:
        return Cell(day.strftime("%d/%m/%Y"), self.center) if as_text else Cell(day, self.date)

    def percent_cell(self, persen: Decimal | None) -> Cell:
        if persen is None:
            return Cell(None, self.percent)
        value = persen / 100 if self.layout.percent_as_fraction else persen
        return Cell(float(value), self.percent)


def _identitas(identitas: Identitas, layout: Layout, look: _Look) -> tuple[SheetGrid, LabelCells]:
    sheet = SheetGrid(layout.sheet_names[0], widths={1: 28, 2: 42})
    cells = LabelCells(sheet.name)
    nip = "nip_spaced" if layout.nip_spaces else "nip"
    values = {
        "Kode BLUD": identitas.kode_blud, "Nama BLUD": identitas.nama_blud,
        "Jenis BLUD": identitas.jenis_blud, "Pemerintah Daerah": identitas.pemerintah_daerah,
        "Tahun Anggaran": identitas.tahun,
        "Bulan": BULAN[identitas.bulan - 1] if layout.bulan_as_name else identitas.bulan,
        "Tanggal Laporan": long_date(identitas.tanggal_laporan) if layout.tanggal_as_text
        else identitas.tanggal_laporan,
        "Revisi": identitas.revisi,
        "Nama Pemimpin BLUD": identitas.pemimpin.nama,
        "NIP Pemimpin BLUD": getattr(identitas.pemimpin, nip),
        "Nama Pejabat Keuangan": identitas.pejabat_keuangan.nama,
        "NIP Pejabat Keuangan": getattr(identitas.pejabat_keuangan, nip),
    }
    for row, label in enumerate(layout.identitas_order, 1):
        text = {"colon": f"{label} :", "upper": label.upper(),
                "lower": f"{label.lower()}:"}.get(layout.label_style, label)
        sheet.put(row, 1, Cell(text))
        value = values[label]
        style = Style("dd/mm/yyyy", align="left") if isinstance(value, date) else Style(align="left")
        sheet.put(row, 2, Cell(value, style))
        cells[label] = f"B{row}"
    return sheet, cells


def _title(sheet: SheetGrid, row: int, first: int, last: int, lines: list[str], look: _Look) -> int:
    """Merged title lines across the table; returns the row after a blank line."""
    for text in lines:
        sheet.put(row, first, Cell(text, look.title))
        sheet.merges.append((row, first, row, last))
        row += 1
    return row + 1


def _title_lines(identitas: Identitas, report_name: str, layout: Layout) -> list[str]:
    month = BULAN[identitas.bulan - 1]
    if layout.period_as_range:
        last = calendar.monthrange(identitas.tahun, identitas.bulan)[1]
        period = f"s.d. {last} {month} {identitas.tahun}"
    else:
        period = f"BULAN {month.upper()} {identitas.tahun}"
    return [f"PEMERINTAH {identitas.pemerintah_daerah.upper()}", "DINAS KESEHATAN",
            identitas.nama_blud.upper(), report_name, period, "(dalam rupiah)"]


def _signature(sheet: SheetGrid, row: int, left: int, right: int, identitas: Identitas) -> None:
    place = identitas.pemerintah_daerah.removeprefix("Kabupaten ").removeprefix("Kota ")
    sheet.put(row + 1, right, Cell(f"{place}, {long_date(identitas.tanggal_laporan)}"))
    sheet.put(row + 2, left, Cell("Pejabat Keuangan"))
    sheet.put(row + 2, right, Cell("Pemimpin BLUD"))
    for col, person in ((left, identitas.pejabat_keuangan), (right, identitas.pemimpin)):
        sheet.put(row + 6, col, Cell(person.nama, Style(bold=True)))
        sheet.put(row + 7, col, Cell(f"NIP. {person.nip_spaced}"))


def _columns(fields: list[str], layout: Layout) -> dict[str, int]:
    return {name: layout.start_col + i for i, name in enumerate(fields)}


def _header(sheet: SheetGrid, row: int, columns: dict[str, int], labels: dict[str, str],
            cells: TableCells, look: _Look, two_rows: bool = False) -> int:
    """A one-row header, or two rows with "Realisasi" merged over its three columns.
    Returns the first row below the header."""
    for name, col in columns.items():
        if two_rows and name in _REALISASI:
            sub = labels[name].replace("Realisasi ", "")
            sheet.put(row + 1, col, Cell(look.label(sub), look.header))
            cells.headers[name] = f"{cells.column(name)}{row + 1}"
            continue
        sheet.put(row, col, Cell(look.label(labels[name]), look.header))
        cells.headers[name] = f"{cells.column(name)}{row}"
        if two_rows:
            sheet.put(row + 1, col, Cell(None, look.header))
            sheet.merges.append((row, col, row + 1, col))
    if not two_rows:
        return row + 1
    first, last = columns["sd_lalu"], columns["sd_ini"]
    sheet.put(row, first, Cell(look.label("Realisasi"), look.header))
    for col in range(first + 1, last + 1):
        sheet.put(row, col, Cell(None, look.header))
    sheet.merges.append((row, first, row, last))
    return row + 2


def _lra_fields(layout: Layout) -> list[str]:
    fields = ["no"] if layout.no_column else []
    fields += ["uraian", "kode"] if layout.uraian_first else ["kode", "uraian"]
    fields += ["anggaran", "sd_lalu", "bulan_ini", "sd_ini"]
    fields += [name for name, on in (("sisa", layout.sisa_column), ("persen", layout.persen_column),
                                     ("keterangan", layout.keterangan_column)) if on]
    return fields


def _lra_sequence(report: Report, layout: Layout) -> list:
    """Account and computed rows in print order; None marks a spacer row."""
    spacer = [None] if layout.spacer_rows else []
    by_root = {root: [r for r in report.lra if r.code[0] == root] for root in (4, 5, 6)}
    computed = {r.key: r for r in report.computed}
    sequence = by_root[4] + spacer + by_root[5] + spacer + [computed["surplus"]]
    if by_root[6]:
        sequence += spacer + by_root[6] + spacer + [computed["netto"], computed["silpa"]]
    return sequence


def _table_top(report: Report, layout: Layout, look: _Look, index: int, columns: dict[str, int],
               title: str) -> tuple[SheetGrid, TableCells, int]:
    """A table sheet with its column widths and title block; returns the row the header goes on."""
    sheet = SheetGrid(layout.sheet_names[index])
    sheet.widths = {col: _WIDTHS.get(name, 18) for name, col in columns.items()}
    row = 1 + layout.top_rows
    if layout.title_block:
        row = _title(sheet, row, min(columns.values()), max(columns.values()),
                     _title_lines(report.identitas, title, layout), look)
    return sheet, TableCells(sheet.name, columns), row


def _lra(report: Report, layout: Layout, look: _Look) -> tuple[SheetGrid, TableCells]:
    fields = _lra_fields(layout)
    columns = _columns(fields, layout)
    sheet, cells, row = _table_top(report, layout, look, 1, columns, "LAPORAN REALISASI ANGGARAN")
    row = _header(sheet, row, columns, _LRA_HEADERS, cells, look, layout.two_row_header)
    if layout.column_numbers:
        for number, col in enumerate(columns.values(), 1):
            sheet.put(row, col, Cell(number, look.header))
        row += 1
    number = 0
    for line in _lra_sequence(report, layout):
        if line is None:
            row += 1
            continue
        account = isinstance(line, LraRow)
        bold = not account or (not line.leaf and len(line.code) <= 3)
        values: dict[str, Cell] = {name: Cell(None, look.text) for name in fields}
        if account:
            number += 1
            values["no"] = Cell(number, look.center)
            values["kode"] = look.code_cell(line.code, bold)
            values["uraian"] = Cell(line.uraian, look.bold if bold else look.text)
            values["persen"] = look.percent_cell(line.persen)
            values["keterangan"] = Cell(_note(line), look.text)
        else:
            values["uraian"] = Cell(COMPUTED_LABELS[line.key][layout.computed_labels], look.bold)
        for name in _LRA_AMOUNTS:
            values[name] = look.amount_cell(line.amount(name), bold)
        for name, col in columns.items():
            sheet.put(row, col, values[name])
        cells.rows[line.code if account else line.key] = row
        row += 1
    if layout.hidden_rows:
        quiet = [r for r in report.leaves if not r.bulan_ini] or list(report.leaves)
        sheet.hidden_rows.update(cells.rows[r.code] for r in look.rng.sample(quiet, min(2, len(quiet))))
    if layout.hidden_columns:
        hideable = [name for name in ("keterangan", "no", "persen") if name in columns]
        sheet.hidden_cols.update(columns[name] for name in hideable[:1])
    if layout.signature_block:
        _signature(sheet, row, columns["uraian"], max(max(columns.values()) - 1, columns["uraian"] + 1),
                   report.identitas)
    return sheet, cells


def _note(row: LraRow) -> str | None:
    if row.code in _NOTES:
        return _NOTES[row.code]
    if row.leaf and row.code[:2] == (5, 2) and not row.sd_ini:
        return "Proses pengadaan"
    return None


def _bku(report: Report, layout: Layout, look: _Look) -> tuple[SheetGrid, TableCells]:
    fields = ["no"] if layout.no_column else []
    fields += ["tanggal", "no_bukti"]
    fields += ["uraian", "kode"] if not layout.uraian_first else ["kode", "uraian"]
    fields += ["penerimaan", "pengeluaran", "saldo"]
    columns = _columns(fields, layout)
    sheet, cells, row = _table_top(report, layout, look, 2, columns, "BUKU KAS UMUM")
    row = _header(sheet, row, columns, _BKU_HEADERS, cells, look)
    col = columns
    put = sheet.put
    for index, line in enumerate(report.bku):
        opening = index == 0
        if "no" in col:
            put(row, col["no"], Cell(None if opening else index, look.center))
        put(row, col["tanggal"], look.date_cell(line.tanggal, layout.bku_dates_as_text))
        put(row, col["no_bukti"], Cell(line.no_bukti or None, look.text))
        put(row, col["uraian"], Cell(line.uraian, look.text))
        put(row, col["kode"], look.code_cell(line.kode) if line.kode else Cell(None, look.text))
        if opening:
            put(row, col["penerimaan"], Cell(None, look.amount))
            put(row, col["pengeluaran"], Cell(None, look.amount))
        else:
            put(row, col["penerimaan"], look.amount_cell(line.penerimaan))
            put(row, col["pengeluaran"], look.amount_cell(line.pengeluaran))
        put(row, col["saldo"], look.amount_cell(line.saldo))
        cells.rows[index] = row
        row += 1
    if layout.bku_jumlah_row:
        for name, column in columns.items():
            put(row, column, Cell(None, look.bold))
        put(row, col["uraian"], Cell("Jumlah", look.bold))
        transactions = report.bku[1:]
        put(row, col["penerimaan"], look.amount_cell(sum((r.penerimaan for r in transactions),
                                                         Decimal(0)), True))
        put(row, col["pengeluaran"], look.amount_cell(sum((r.pengeluaran for r in transactions),
                                                          Decimal(0)), True))
        put(row, col["saldo"], look.amount_cell(report.bku[-1].saldo, True))
        cells.rows["jumlah"] = row
        row += 1
    if layout.hidden_rows and len(report.bku) > 2:
        sheet.hidden_rows.add(cells.rows[look.rng.randrange(1, len(report.bku))])
    if layout.signature_block:
        _signature(sheet, row, columns["uraian"], max(columns.values()), report.identitas)
    return sheet, cells


def _kapitasi(report: Report, layout: Layout, look: _Look) -> tuple[SheetGrid, TableCells]:
    """Labels in column A (the contract reads them there), Bulan Ini and s.d. Bulan Ini beside."""
    sheet = SheetGrid(layout.sheet_names[3], widths={1: 42, 2: 18, 3: 18})
    columns = {"label": 1, "bulan_ini": 2, "sd_ini": 3}
    cells = TableCells(sheet.name, columns)
    row = 1 + layout.top_rows
    if layout.title_block:
        identitas = report.identitas
        lines = ["LAPORAN DANA KAPITASI JKN", identitas.nama_blud.upper(),
                 f"BULAN {BULAN[identitas.bulan - 1].upper()} {identitas.tahun}"]
        row = _title(sheet, row, 1, 3, lines, look)
    labels = {"label": "Uraian", "bulan_ini": "Bulan Ini", "sd_ini": "{sd} Bulan Ini"}
    row = _header(sheet, row, columns, labels, cells, look)
    kapitasi = report.kapitasi
    for key, label in KAPITASI_ROWS.items():
        bold = key == "saldo_akhir"
        sheet.put(row, 1, Cell(label, look.bold if bold else look.text))
        for name in ("bulan_ini", "sd_ini"):
            column = getattr(kapitasi, name)
            sheet.put(row, columns[name], look.amount_cell(getattr(column, key), bold))
        cells.rows[key] = row
        row += 1
    return sheet, cells


def _catatan(identitas: Identitas) -> SheetGrid:
    month = f"{BULAN[identitas.bulan - 1]} {identitas.tahun}"
    lines = ["Catatan:",
             f"1. Laporan disusun dari BKU bulan {month}.",
             "2. Realisasi pendapatan JKN sesuai klaim yang telah dibayar BPJS Kesehatan.",
             "3. Sheet ini catatan internal, bukan bagian template."]
    sheet = SheetGrid("Catatan", widths={1: 80})
    for row, text in enumerate(lines, 1):
        sheet.put(row, 1, Cell(text, PLAIN))
    return sheet
