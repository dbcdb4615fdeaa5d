"""Layouts the contract allows that the generator does not draw: each must stay valid."""

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from bludcli.config import load_district
from bludcli.samplegen import Layout, make_report, write_xlsx
from bludcli.validate import validate_file


@pytest.fixture(scope="module")
def district():
    return load_district()


def _written(tmp_path: Path, layout: Layout):
    path = tmp_path / "laporan.xlsx"
    cells = write_xlsx(make_report("PKM03", 2026, 3, seed=3), layout, path)
    return path, cells


def _edit(path: Path, sheet: str, change) -> None:
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)


def test_two_row_header_under_a_group_label_the_rules_do_not_list(tmp_path, district):
    path, cells = _written(tmp_path, replace(Layout(), two_row_header=True))

    def rename(ws):
        for row in ws.iter_rows(max_row=20):
            for cell in row:
                if cell.value == "Realisasi":
                    cell.value = "REALISASI ANGGARAN"

    _edit(path, cells.lra.sheet, rename)
    result = validate_file(path, district)
    assert result.status == "valid", [(f.rule, f.cell) for f in result.findings]


def test_identitas_with_a_colon_column_between_label_and_value(tmp_path, district):
    path, cells = _written(tmp_path, Layout())
    _edit(path, cells.identitas.sheet, lambda ws: ws.insert_cols(2))
    _edit(path, cells.identitas.sheet,
          lambda ws: [ws.cell(row=r, column=2, value=":") for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value])
    result = validate_file(path, district)
    assert result.status == "valid", [(f.rule, f.cell) for f in result.findings]
    assert result.kode_blud == "PKM03"


def test_a_header_cell_that_is_not_a_column_is_ignored_and_a_missing_column_is_named(tmp_path, district):
    path, cells = _written(tmp_path, Layout())
    header = cells.lra.headers["sd_lalu"]
    _edit(path, cells.lra.sheet, lambda ws: ws.__setitem__(header, "Catatan"))
    result = validate_file(path, district)
    missing = [f for f in result.findings if f.rule == "table.column-missing"]
    assert [(f.sheet, f.row, f.column) for f in missing] == [(cells.lra.sheet, None, None)]
    assert "s.d. Bulan Lalu" in missing[0].message


def test_header_labels_with_a_rupiah_unit_and_long_spellings(tmp_path, district):
    path, cells = _written(tmp_path, Layout())
    renamed = {"anggaran": "Anggaran (Rp)", "sd_lalu": "Realisasi s/d Bulan yang Lalu",
               "bulan_ini": "Realisasi Bulan Berjalan (Rp)", "persen": "Persentase (%)"}

    def rename(ws):
        for field, text in renamed.items():
            ws[cells.lra.headers[field]] = text

    _edit(path, cells.lra.sheet, rename)
    _edit(path, cells.bku.sheet, lambda ws: ws.__setitem__(cells.bku.headers["saldo"], "Saldo (Rp.)"))
    result = validate_file(path, district)
    assert result.status == "valid", [(f.rule, f.cell, f.message) for f in result.findings]


def test_a_dash_in_the_voucher_column_of_the_opening_and_closing_rows(tmp_path, district):
    path, cells = _written(tmp_path, replace(Layout(), bku_jumlah_row=True))

    def dash(ws):
        ws[cells.bku[(0, "no_bukti")]] = "-"
        ws[cells.bku[("jumlah", "no_bukti")]] = "-"

    _edit(path, cells.bku.sheet, dash)
    result = validate_file(path, district)
    assert result.status == "valid", [(f.rule, f.cell) for f in result.findings]
