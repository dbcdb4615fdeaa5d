"""Sheet BKU: the opening row, blank transaction rows with a running Saldo, the Jumlah row."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from bludcli.config import District

from .style import (AMOUNT_FORMAT, DATE_FORMAT, TEXT_FORMAT, entry, fixed, header_row, non_negative,
                    protect, title_block, validation)

FIELDS = ("tanggal", "no_bukti", "uraian", "kode", "penerimaan", "pengeluaran", "saldo")
_WIDTHS = [13, 26, 50, 22, 19, 19, 19]
_FORMATS = {"tanggal": DATE_FORMAT, "no_bukti": TEXT_FORMAT, "uraian": None, "kode": TEXT_FORMAT,
            "penerimaan": AMOUNT_FORMAT, "pengeluaran": AMOUNT_FORMAT}
DEFAULT_ROWS = 1000


def write_bku(ws: Worksheet, district: District, title: list[str], code_list: str,
              transactions: int = DEFAULT_ROWS) -> dict:
    """Write the sheet; `code_list` is the range holding the template's leaf codes. Returns
    'opening' / 'first' / 'last' / 'jumlah' -> row number."""
    schema = district.schemas["bku"]
    header = title_block(ws, title, len(FIELDS))
    header_row(ws, header, [schema.fields[name].label for name in FIELDS], _WIDTHS)
    ws.freeze_panes = f"A{header + 1}"
    opening, first, last = header + 1, header + 2, header + 1 + transactions
    entry(ws, opening, 1, DATE_FORMAT)
    for col in (2, 4, 5, 6):
        fixed(ws, opening, col, None)
    fixed(ws, opening, 3, "Saldo Awal", bold=True)
    entry(ws, opening, 7, AMOUNT_FORMAT)
    for row in range(first, last + 1):
        for col, name in enumerate(FIELDS[:-1], 1):
            entry(ws, row, col, _FORMATS[name])
        fixed(ws, row, 7, f'=IF(AND(E{row}="",F{row}=""),"",$G${opening}+SUM(E${first}:E{row})'
                          f"-SUM(F${first}:F{row}))", AMOUNT_FORMAT)
    jumlah = last + 1
    fixed(ws, jumlah, 3, "Jumlah", bold=True)
    for col in (1, 2, 4):
        fixed(ws, jumlah, col, None)
    fixed(ws, jumlah, 5, f"=SUM(E{first}:E{last})", AMOUNT_FORMAT, True)
    fixed(ws, jumlah, 6, f"=SUM(F{first}:F{last})", AMOUNT_FORMAT, True)
    fixed(ws, jumlah, 7, f"=G{opening}+E{jumlah}-F{jumlah}", AMOUNT_FORMAT, True)
    non_negative(ws, f"G{opening} E{first}:F{last}")
    validation(ws, "list", f"D{first}:D{last}", "Kode Rekening",
               "Pilih kode rekening dari daftar (lihat sheet Petunjuk).", formula1=code_list)
    validation(ws, "date", f"A{opening}:A{last}", "Tanggal", "Isi tanggal yang sah (dd/mm/yyyy).",
               operator="greaterThan", formula1="1")
    protect(ws)
    return {"opening": opening, "first": first, "last": last, "jumlah": jumlah}
