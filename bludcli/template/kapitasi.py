"""Sheet Kapitasi (Puskesmas): the capitation account, Saldo Akhir as a formula."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from bludcli.config import District

from .style import AMOUNT_FORMAT, entry, fixed, header_row, non_negative, protect, title_block

ROWS = ("saldo_awal", "penerimaan", "jasa", "dukungan", "saldo_akhir")
COLUMNS = {"bulan_ini": "B", "sd_ini": "C"}


def write_kapitasi(ws: Worksheet, district: District, title: list[str]) -> dict:
    """Write the sheet; returns (row key, 'bulan_ini' | 'sd_ini') -> cell ("B9")."""
    schema = district.schemas["kapitasi"]
    header = title_block(ws, title, 3)
    header_row(ws, header, ["Uraian"] + [schema.fields[name].label for name in COLUMNS], [45, 20, 20])
    rows = {key: row for row, key in enumerate(ROWS, header + 1)}
    for key, row in rows.items():
        total = key == "saldo_akhir"
        fixed(ws, row, 1, schema.row_labels[key].label, bold=total)
        for col, letter in enumerate(COLUMNS.values(), 2):
            if total:
                terms = [f"{sign}{letter}{rows[name]}" for sign, name in
                         (("", "saldo_awal"), ("+", "penerimaan"), ("-", "jasa"), ("-", "dukungan"))]
                fixed(ws, row, col, "=" + "".join(terms), AMOUNT_FORMAT, True)
            else:
                entry(ws, row, col, AMOUNT_FORMAT)
    non_negative(ws, f"B{rows['saldo_awal']}:C{rows['dukungan']}")
    protect(ws)
    return {(key, name): f"{letter}{row}" for key, row in rows.items() for name, letter in COLUMNS.items()}
