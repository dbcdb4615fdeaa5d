"""The district recap as a workbook laid out as BPKAD prints it: `to_xlsx(recap)`.

Sheets, in order: Ringkasan, LRA Konsolidasi, Matriks, Kapitasi, Temuan, Sumber, Jejak, Grafik.
Every sheet starts with the same title block and holds a table with a bold, frozen, filterable
header, printed A4 landscape fitted to the page width with the header repeated on each page.
Amounts are numbers in rupiah, written as exact Decimals of the sen figures (`#,##0.00`);
percentages are numbers such as 23.39 (`0.00`), half-up as `persen()` rounds them. No cell
holds a formula, so every value reads back without a spreadsheet having calculated it. Text
that comes from a BLUD's file is made printable and formula-safe (see `output.safe_cell`).
Every text shown in the workbook is Indonesian; rule messages are in the language they were
checked in.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import TYPE_CHECKING

from bludcli.checks.kapitasi import COLUMNS as KAPITASI_COLUMNS
from bludcli.config import JENIS
from bludcli.i18n import t
from bludcli.output import printable, safe_cell
from bludcli.recap.select import ACCEPTED, CONFLICT, CONFLICTING, MISSING, REJECTED
from bludcli.recap.sums import COLUMNS, KAPITASI_ROWS, Account, Amounts, persen, sisa
from bludcli.values import MONTHS_ID, format_code

if TYPE_CHECKING:
    from bludcli.findings import FileResult
    from bludcli.recap import Recap

SHEETS = ("Ringkasan", "LRA Konsolidasi", "Matriks", "Kapitasi", "Temuan", "Sumber", "Jejak", "Grafik")

LRA_LABELS = {
    "anggaran": "Anggaran",
    "sd_lalu": "Realisasi s.d. Bulan Lalu",
    "bulan_ini": "Realisasi Bulan Ini",
    "sd_ini": "Realisasi s.d. Bulan Ini",
}
COMPUTED_LABELS = {
    "surplus": "SURPLUS/(DEFISIT)",
    "netto": "PEMBIAYAAN NETTO",
    "silpa": "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN (SiLPA)",
}
KAPITASI_LABELS = {
    "saldo_awal": "Saldo Awal",
    "penerimaan": "Penerimaan",
    "jasa": "Jasa Pelayanan",
    "dukungan": "Dukungan Operasional",
    "saldo_akhir": "Saldo Akhir",
}
KAPITASI_GROUPS = {"bulan_ini": "Bulan Ini", "sd_ini": "s.d. Bulan Ini"}
DISTRICT_GROUP = "Konsolidasi"  # the group label of the district's columns beside each jenis
WITHOUT_DETAIL = "(tanpa rincian)"
UNIT = "(dalam rupiah)"
TOTAL = "JUMLAH"

_FORMATS = {"amount": "#,##0.00", "persen": "0.00", "count": "0", "date": "dd/mm/yyyy"}
# Cells are styled through named styles (one per kind, boldness and indent, registered on
# first use): far faster than styling each cell, and the styles show in Excel's gallery.
_STYLE_NAMES = {
    "header": "judul kolom", "text": "teks", "long": "teks panjang", "amount": "rupiah",
    "persen": "persen", "count": "bilangan", "date": "tanggal",
}  # fmt: skip
_HEADER_FILL = "D9D9D9"
_LINE_HEIGHT = 15  # points per line of a wrapped header


# --- Tables ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A table column. `kind` says how values are written: text, long (wrapped text),
    amount (sen -> rupiah), persen (persen() text -> number), count, date. Columns with a
    `group` get a two-row header: the group label merged over its run of columns."""

    label: str
    width: float
    kind: str = "text"
    group: str | None = None
    indented: bool = False  # indented by the row's `indent` (Uraian of an account tree)


@dataclass(slots=True)
class Row:
    values: list
    bold: bool = False
    indent: int = 0


def _cell_value(kind: str, value):
    """A table value as written: amounts in exact rupiah, percentages as numbers, text safe."""
    if value is None:
        return None
    if kind == "amount":
        return Decimal(value).scaleb(-2)
    if kind == "persen":
        return Decimal(value)
    if isinstance(value, str):
        return safe_cell(printable(value))
    return value


def _table(ws, top: int, columns: list[Column], rows: Iterable[list | Row], left: int = 1) -> tuple[int, int]:
    """Write a bordered table with its header at row `top`, first column `left`. Column
    widths only grow (tables share columns). Returns (last header row, last row)."""
    header_last = _header(ws, top, columns, left)
    styles: dict[tuple, str] = {}
    number = header_last
    for number, row in enumerate(rows, header_last + 1):
        row = row if isinstance(row, Row) else Row(row)
        for index, (column, value) in enumerate(zip(columns, row.values), left):
            key = (column.kind, row.bold, row.indent if column.indented else 0)
            if key not in styles:
                styles[key] = _style(ws.parent, *key)
            ws.cell(number, index, _cell_value(column.kind, value)).style = styles[key]
    for index, column in enumerate(columns, left):
        _widen(ws, index, column.width)
    return header_last, number


def _header(ws, top: int, columns: list[Column], left: int) -> int:
    """The header: one row, or two when columns are grouped (each run of columns of a group
    under its label, merged; an ungrouped label merged over both rows). Returns its last row."""
    last = top + any(column.group for column in columns)
    index = left
    for group, run in groupby(columns, key=lambda column: column.group):
        run = list(run)
        for offset, column in enumerate(run):
            ws.cell(last if group else top, index + offset, column.label)
            if not group and last > top:
                ws.merge_cells(start_row=top, start_column=index + offset, end_row=last, end_column=index + offset)
        if group:
            ws.cell(top, index, group)
            if len(run) > 1:
                ws.merge_cells(start_row=top, start_column=index, end_row=top, end_column=index + len(run) - 1)
        index += len(run)
    style = _style(ws.parent, "header", bold=True)
    for row in ws.iter_rows(min_row=top, max_row=last, min_col=left, max_col=index - 1):
        for cell in row:
            cell.style = style
    lines = max(math.ceil(len(column.label) * 1.1 / column.width) for column in columns)
    ws.row_dimensions[last].height = _LINE_HEIGHT * max(lines, 1)
    return last


def _style(workbook, kind: str, bold: bool = False, indent: int = 0) -> str:
    """The name of the table cell style for `kind`, registered in `workbook` on first use."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    name = " ".join(["rekap", _STYLE_NAMES[kind]] + ["tebal"] * bold + [f"menjorok {indent}"] * bool(indent))
    if name in workbook.named_styles:
        return name
    thin = Side(style="thin")
    style = NamedStyle(name, font=Font(bold=bold), border=Border(left=thin, right=thin, top=thin, bottom=thin),
                       number_format=_FORMATS.get(kind, "General"))
    if kind == "header":
        style.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        style.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif kind == "long":
        style.alignment = Alignment(wrap_text=True, vertical="top")
    elif indent:
        style.alignment = Alignment(indent=indent)
    workbook.add_named_style(style)
    return name


def _widen(ws, index: int, width: float) -> None:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(index)
    current = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
    ws.column_dimensions[letter].width = max(current or 0, width)


def _sheet(workbook, recap: Recap, name: str, heading: str, width: int, rupiah: bool = True):
    """A new sheet with the title block over `width` columns; returns (sheet, next free row)."""
    from openpyxl.styles import Alignment, Font

    ws = workbook.create_sheet(name)
    lines = [
        f"PEMERINTAH {recap.district.daerah.upper()}".strip(),
        "REKAPITULASI LAPORAN KEUANGAN BLUD KESEHATAN",
        heading,
        f"BULAN {MONTHS_ID[recap.selection.bulan - 1].upper()} {recap.selection.tahun}",
    ] + [UNIT] * rupiah
    for number, line in enumerate(lines, 1):
        cell = ws.cell(number, 1, line)
        cell.font = Font(bold=line != UNIT, italic=line == UNIT, size=12 if number < 4 else 11)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=max(width, 1))
    _print_setup(ws)
    return ws, len(lines) + 2


def _main_table(ws, top: int, columns: list[Column], rows: Iterable[list | Row], fixed: int = 0) -> int:
    """The sheet's table: header frozen (and the first `fixed` columns), autofilter, header
    repeated on every printed page. Returns the last row."""
    from openpyxl.utils import get_column_letter

    header_last, last = _table(ws, top, columns, rows)
    ws.freeze_panes = f"{get_column_letter(fixed + 1)}{header_last + 1}"
    ws.auto_filter.ref = f"A{header_last}:{get_column_letter(len(columns))}{last}"
    ws.print_title_rows = f"{top}:{header_last}"
    return last


def _print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


# --- The workbook ----------------------------------------------------------------------


def to_xlsx(recap: Recap) -> bytes:
    """The recap as an .xlsx workbook (bytes; the caller writes them)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for write in (_ringkasan, _lra, _matriks, _kapitasi, _temuan, _sumber, _jejak, _grafik):
        write(workbook, recap)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Ringkasan -------------------------------------------------------------------------

_COUNT_COLUMNS = [Column(label, 11, "count") for label in
                  ("BLUD aktif", "Diterima", "Ditolak", "Konflik", "Belum masuk", "File diabaikan")]
_RINGKASAN_COLUMNS = [
    Column("Kode BLUD", 11), Column("Nama", 32), Column("Jenis", 12), Column("Status", 13),
    Column("File", 40), Column("Revisi", 8, "count"), Column("Tanggal Laporan", 12, "date"),
    Column("Anggaran Pendapatan", 19, "amount"), Column("Realisasi Pendapatan s.d. Bulan Ini", 19, "amount"),
    Column("% Pendapatan", 11, "persen"),
    Column("Anggaran Belanja", 19, "amount"), Column("Realisasi Belanja s.d. Bulan Ini", 19, "amount"),
    Column("% Belanja", 11, "persen"), Column("Catatan", 50, "long"),
]  # fmt: skip
_UNUSED_COLUMNS = [Column("Kode BLUD", 11), Column("File", 40), Column("Revisi", 8, "count"),
                   Column("Status File", 13), Column("Alasan", 40, "long")]


def _ringkasan(workbook, recap: Recap) -> None:
    """Counts, one row per BLUD (the active ones in registry order, then any other that sent
    a file), then the files that are not used and why."""
    from openpyxl.styles import Font

    selection = recap.selection
    kodes = _bluds(recap)
    by_status = selection.counts()  # of the active BLUDs, as the terminal gives them
    counts = [len(selection.active), *(by_status[s] for s in (ACCEPTED, REJECTED, CONFLICT, MISSING)),
              len(selection.ignored)]
    ws, top = _sheet(workbook, recap, "Ringkasan", "RINGKASAN PENERIMAAN LAPORAN", len(_RINGKASAN_COLUMNS))
    _, counts_end = _table(ws, top, _COUNT_COLUMNS, [counts])
    last = _main_table(ws, counts_end + 2, _RINGKASAN_COLUMNS, [_blud_row(recap, kode) for kode in kodes])
    ws.cell(last + 2, 1, "FILE TIDAK DIPAKAI").font = Font(bold=True)
    unused = selection.excluded + selection.ignored
    _table(ws, last + 3, _UNUSED_COLUMNS, [
        [left.result.kode_blud, recap.file_name(left.result.path), left.result.revisi,
         t(f"status.{left.result.status}"), left.describe(recap.file_name)]
        for left in unused
    ])  # fmt: skip


def _bluds(recap: Recap) -> list[str]:
    """The active BLUDs in registry order, then those that sent a file for the period but
    are not active or not in the registry, in the order of their files."""
    selection = recap.selection
    senders = [*selection.included, *(left.result.kode_blud for left in selection.excluded)]
    return list(dict.fromkeys([*selection.active, *(kode for kode in senders if kode)]))


def _blud_row(recap: Recap, kode: str) -> list:
    selection = recap.selection
    blud = recap.district.registry.get(kode)
    included = selection.included.get(kode)
    excluded = [left.result for left in selection.excluded if left.result.kode_blud == kode]
    shown = [included] if included else excluded
    revisions = [r.revisi for r in shown if r.revisi is not None]
    figures = [None] * 6
    if included:
        figures = [*_budget_figures(recap.accounts, kode, (4,)), *_budget_figures(recap.accounts, kode, (5,))]
    return [
        kode, _nama(recap, kode), blud.jenis if blud else None, selection.status(kode),
        ", ".join(recap.file_name(r.path) for r in shown) or None, max(revisions, default=None),
        _tanggal(included) if included else None,
        *figures, _notes(recap, kode),
    ]  # fmt: skip


def _nama(recap: Recap, kode: str) -> str | None:
    blud = recap.district.registry.get(kode)
    return blud.nama if blud else None


def _budget_figures(accounts: list[Account], kode: str, code: tuple[int, ...]) -> list:
    """Anggaran, Realisasi s.d. Bulan Ini and % of one BLUD for one account."""
    account = next((a for a in accounts if a.code == code and not a.without_detail), None)
    amounts = account.per_blud.get(kode) if account else None
    if amounts is None:
        return [0, 0, None]
    return [amounts["anggaran"], amounts["sd_ini"], persen(amounts["sd_ini"], amounts["anggaran"])]


def _notes(recap: Recap, kode: str) -> str | None:
    """Why a BLUD is not (only) what its status says: not registered or not yet active, and
    each of its files that could not be used with the first error."""
    notes = []
    blud = recap.district.registry.get(kode)
    if blud is None:
        notes.append("tidak terdaftar di registri")
    elif kode not in recap.selection.active:
        notes.append(f"belum aktif (aktif sejak {blud.aktif_sejak[0]}-{blud.aktif_sejak[1]:02d})")
    for left in recap.selection.excluded:
        if left.result.kode_blud == kode:
            revision = "" if left.result.revisi is None else f"revisi {left.result.revisi}: "
            first = left.first_errors[:1] if left.reason != CONFLICTING else []
            notes.append(revision + left.describe(recap.file_name) + "".join(f" — {f.message}" for f in first))
    return "; ".join(notes) or None


# --- LRA Konsolidasi and Matriks -------------------------------------------------------

_ACCOUNT_COLUMNS = [Column("Kode", 18), Column("Uraian", 45, indented=True)]


def _lra_columns(group: str) -> list[Column]:
    amounts = [Column(LRA_LABELS[column], 18, "amount", group) for column in COLUMNS]
    return amounts + [Column("Sisa Anggaran", 18, "amount", group), Column("%", 8, "persen", group)]


def _lra_figures(amounts: Amounts) -> list:
    return [*(amounts[column] for column in COLUMNS), sisa(amounts),
            persen(amounts["sd_ini"], amounts["anggaran"])]


def _lra_blocks(item) -> list:
    """The district's six LRA figures, then each jenis' (an Account or a Computed)."""
    return _lra_figures(item.total) + [value for jenis in JENIS for value in _lra_figures(item.per_jenis[jenis])]


def _account_rows(accounts: list[Account], figures: Callable[[Account], list]) -> list[Row]:
    """Kode, Uraian (indented by level) and `figures`; parents bold."""
    rows = []
    for index, account in enumerate(accounts):
        following = accounts[index + 1] if index + 1 < len(accounts) else None
        parent = (not account.without_detail and following is not None
                  and following.code[:len(account.code)] == account.code
                  and (following.without_detail or len(following.code) > len(account.code)))
        uraian = f"{account.uraian} {WITHOUT_DETAIL}" if account.without_detail else account.uraian
        rows.append(Row([format_code(account.code), uraian, *figures(account)], parent, account.level - 1))
    return rows


def _lra(workbook, recap: Recap) -> None:
    columns = _ACCOUNT_COLUMNS + [c for group in (DISTRICT_GROUP, *JENIS) for c in _lra_columns(group)]
    rows = _account_rows(recap.accounts, _lra_blocks)
    rows += [Row([None, COMPUTED_LABELS[item.key], *_lra_blocks(item)], bold=True) for item in recap.computed]
    ws, top = _sheet(workbook, recap, "LRA Konsolidasi", "LAPORAN REALISASI ANGGARAN KONSOLIDASI", len(columns))
    _main_table(ws, top, columns, rows, fixed=2)


def _matriks(workbook, recap: Recap) -> None:
    """Realisasi s.d. Bulan Ini of each account (rows) for each included BLUD (columns)."""
    kodes = list(recap.selection.included)
    columns = _ACCOUNT_COLUMNS + [Column(_nama(recap, kode) or "", 18, "amount", kode) for kode in kodes] + [
        Column("Jumlah", 20, "amount")
    ]  # fmt: skip

    def figures(account: Account) -> list:
        return [account.per_blud.get(kode, {}).get("sd_ini", 0) for kode in kodes] + [account.total["sd_ini"]]

    ws, top = _sheet(workbook, recap, "Matriks", "REALISASI S.D. BULAN INI PER AKUN DAN PER BLUD", len(columns))
    _main_table(ws, top, columns, _account_rows(recap.accounts, figures), fixed=2)


# --- Kapitasi --------------------------------------------------------------------------


def _kapitasi(workbook, recap: Recap) -> None:
    """The JKN capitation account of each Puskesmas, and their total."""
    keys = [(row, column) for column in KAPITASI_COLUMNS for row in KAPITASI_ROWS]
    columns = [Column("Kode BLUD", 11), Column("Nama", 32)] + [
        Column(KAPITASI_LABELS[row], 16, "amount", KAPITASI_GROUPS[column]) for row, column in keys
    ] + [Column("% Jasa Pelayanan", 12, "persen")]  # fmt: skip
    rows: list[list | Row] = [
        [item.kode_blud, _nama(recap, item.kode_blud), *(item.amounts[key] for key in keys),
         persen(*item.share()) if item.share() else None]
        for item in recap.kapitasi
    ]  # fmt: skip
    totals = {key: sum(item.amounts[key] or 0 for item in recap.kapitasi) for key in keys}
    jasa, dukungan = totals[("jasa", "sd_ini")], totals[("dukungan", "sd_ini")]
    rows.append(Row([TOTAL, None, *totals.values(), persen(jasa, jasa + dukungan)], bold=True))
    ws, top = _sheet(workbook, recap, "Kapitasi", "DANA KAPITASI JKN PUSKESMAS", len(columns))
    _main_table(ws, top, columns, rows)


# --- Temuan, Sumber, Jejak -------------------------------------------------------------

_TEMUAN_COLUMNS = [
    Column("File", 40), Column("Kode BLUD", 11), Column("Status File", 14), Column("Sheet", 12),
    Column("Sel", 8), Column("Aturan", 26), Column("Tingkat", 12), Column("Pesan", 60, "long"),
    Column("Nilai", 18), Column("Seharusnya", 18),
]  # fmt: skip
_SUMBER_COLUMNS = [Column("Kode BLUD", 11), Column("Lokasi File", 60), Column("SHA-256", 68),
                   Column("Revisi", 8, "count"), Column("Tanggal Laporan", 12, "date")]
_JEJAK_COLUMNS = [
    Column("Kode BLUD", 11), Column("Jenis", 12), Column("Kode Akun", 18), Column("Kode Sumber", 20),
    Column("Kolom", 24), Column("Nilai", 18, "amount"), Column("File", 60), Column("Sheet", 12),
    Column("Sel", 8),
]  # fmt: skip


def _temuan(workbook, recap: Recap) -> None:
    """Every finding of every file given, the included ones too."""
    rows = [
        [result.path, result.kode_blud, t(f"status.{result.status}"), finding.sheet, finding.cell,
         finding.rule, t(f"severity.{finding.severity}"), finding.message, finding.value, finding.expected]
        for result in recap.results for finding in result.findings
    ]  # fmt: skip
    ws, top = _sheet(workbook, recap, "Temuan", "TEMUAN PEMERIKSAAN FILE LAPORAN", len(_TEMUAN_COLUMNS), rupiah=False)
    _main_table(ws, top, _TEMUAN_COLUMNS, rows)


def _sumber(workbook, recap: Recap) -> None:
    """The files the recap is made of, with the digest of the bytes that were checked."""
    rows = [[kode, result.path, result.sha256, result.revisi, _tanggal(result)]
            for kode, result in recap.selection.included.items()]
    ws, top = _sheet(workbook, recap, "Sumber", "FILE SUMBER REKAPITULASI", len(_SUMBER_COLUMNS), rupiah=False)
    _main_table(ws, top, _SUMBER_COLUMNS, rows)


def _tanggal(result: FileResult):
    return result.content.identity.tanggal if result.content else None


def _jejak(workbook, recap: Recap) -> None:
    """Each summed figure and the cell it was read from."""
    rows = [
        [trace.kode_blud, trace.jenis, format_code(trace.account), trace.source,
         LRA_LABELS[trace.column], trace.amount, trace.path, trace.sheet, trace.cell]
        for trace in recap.traces
    ]  # fmt: skip
    ws, top = _sheet(workbook, recap, "Jejak", "JEJAK ANGKA KONSOLIDASI KE SEL SUMBER", len(_JEJAK_COLUMNS))
    _main_table(ws, top, _JEJAK_COLUMNS, rows)


# --- Grafik ----------------------------------------------------------------------------

_BELANJA_COLUMNS = [Column("Kode BLUD", 11), Column("Anggaran Belanja", 19, "amount"),
                    Column("Realisasi Belanja s.d. Bulan Ini", 19, "amount")]
_SUMBER_PENDAPATAN_COLUMNS = [Column("Kode Akun", 18), Column("Uraian", 40),
                              Column("Realisasi s.d. Bulan Ini", 19, "amount")]
_CHART_GAP = 1  # empty columns between the second table and the charts


def _grafik(workbook, recap: Recap) -> None:
    """Two charts and the tables they plot: spending against budget per included BLUD, and
    the district's revenue per 6-segment revenue account."""
    belanja = [[kode, *_budget_figures(recap.accounts, kode, (5,))[:2]] for kode in recap.selection.included]
    pendapatan = [[format_code(a.code), a.uraian, a.total["sd_ini"]] for a in recap.accounts
                  if a.code[0] == 4 and len(a.code) == 6 and not a.without_detail]
    second = len(_BELANJA_COLUMNS) + 2  # first column of the second table
    anchor = second + len(_SUMBER_PENDAPATAN_COLUMNS) + _CHART_GAP
    ws, top = _sheet(workbook, recap, "Grafik", "GRAFIK REALISASI", anchor - 1)
    last = _main_table(ws, top, _BELANJA_COLUMNS, belanja)
    _, revenue_last = _table(ws, top, _SUMBER_PENDAPATAN_COLUMNS, pendapatan, left=second)
    _bar_chart(ws, "Realisasi vs Anggaran Belanja per BLUD", (top, last), 1, [2, 3], "col", (anchor, top))
    _bar_chart(ws, "Pendapatan menurut Sumber", (top, revenue_last), second + 1, [second + 2], "bar",
               (anchor, top + 25))


def _bar_chart(ws, title: str, rows: tuple[int, int], categories: int, series: list[int], direction: str,
               anchor: tuple[int, int]) -> None:
    """A clustered bar chart of the table rows `rows` (header row, last row): `categories`
    is the label column, `series` the value columns (titled by their header)."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    header, last = rows
    if last <= header:
        return
    chart = BarChart()
    chart.type, chart.grouping, chart.title = direction, "clustered", title
    for column in series:
        chart.add_data(Reference(ws, min_col=column, min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=categories, min_row=header + 1, max_row=last))
    chart.y_axis.number_format, chart.y_axis.title = "#,##0", "Rupiah"
    chart.x_axis.delete = chart.y_axis.delete = False  # newer Excel hides axes otherwise
    chart.width, chart.height = 28, 12
    if len(series) == 1:
        chart.legend = None
    ws.add_chart(chart, f"{get_column_letter(anchor[0])}{anchor[1]}")
