"""The return package: annotated copy (or findings workbook) and receipt, read back with openpyxl."""

from __future__ import annotations

import os
import shutil
import zipfile
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bludcli.config import load_district
from bludcli.findings import Finding
from bludcli.returns import output_names, write_return_package
from bludcli.samplegen import Layout, make_report, set_cell, write_ods, write_xls, write_xlsx
from bludcli.validate import validate_file

RECEIVED = datetime(2026, 4, 6, 9, 30, tzinfo=timezone.utc)
HOSTILE = "<script>alert(1)</script>"
ERROR_FILL, WARNING_FILL, WAIVED_FILL = "00FFC7CE", "00FFEB9C", "00D9D9D9"


@pytest.fixture(scope="module")
def district():
    return load_district()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, district):
    """A PKM03 workbook with an error (BKU date), a warning (Tanggal Laporan), a hostile code,
    a second finding on the error's cell and a waived finding; plus a clean copy of it."""
    folder = tmp_path_factory.mktemp("seeded")
    source = folder / "PKM03 Maret.xlsx"
    cells = write_xlsx(make_report("PKM03", 2026, 3), Layout(), source)
    clean = folder / "PKM03 bersih.xlsx"
    shutil.copyfile(source, clean)
    bku, ident = cells.bku, cells.identitas
    date_cell, code_cell = bku[(3, "tanggal")], bku[(5, "kode")]
    set_cell(source, bku.sheet, date_cell, date(2026, 2, 27))
    set_cell(source, ident.sheet, ident["Tanggal Laporan"], date(2026, 3, 15))
    set_cell(source, bku.sheet, code_cell, HOSTILE)
    result = validate_file(source, district, keep=True)
    error = next(f for f in result.findings if f.cell == date_cell and f.sheet == bku.sheet)
    assert error.severity == "error"
    assert any(f.severity == "warning" and f.cell == ident["Tanggal Laporan"] for f in result.findings)
    # Validation gives one finding per cell; a second one on the same cell and a waived one
    # (as a district waiver would mark it) exercise the merging and the grey fill.
    second = Finding("test.second", "warning", bku.sheet, error.row, error.column, "Catatan kedua di sel ini",
                     "x", "y", hint="Petunjuk kedua")
    waived = Finding("test.waived", "warning", bku.sheet, 9, "C", "Temuan yang dikecualikan", waived="izin BPKAD")
    result = replace(result, findings=[*result.findings, second, waived])
    return {"source": source, "clean": clean, "result": result, "cells": cells,
            "date_cell": date_cell, "code_cell": code_cell}


@pytest.fixture(scope="module")
def package(seeded, tmp_path_factory):
    source = seeded["source"]
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    out = tmp_path_factory.mktemp("out")
    paths = write_return_package(seeded["result"], source, out, received_at=RECEIVED)
    return {"paths": paths, "before": before, "copy": load_workbook(paths[0]),
            "receipt": paths[1].read_text(encoding="utf-8")}


def test_names_and_source_untouched(seeded, package):
    source = seeded["source"]
    assert [p.name for p in package["paths"]] == ["PKM03 Maret - temuan.xlsx", "PKM03 Maret - tanda terima.html"]
    assert package["before"] == (source.read_bytes(), source.stat().st_mtime_ns)
    assert not list(package["paths"][0].parent.glob(".*.tmp"))


def test_comments_on_exactly_the_finding_cells(seeded, package):
    copy, result = package["copy"], seeded["result"]
    commented = {(ws.title, c.coordinate): c.comment for ws in copy.worksheets[1:]
                 for row in ws.iter_rows() for c in row if c.comment}
    expected = {(f.sheet, f.cell) for f in result.findings if f.cell}
    assert set(commented) == expected
    for finding in result.findings:
        if finding.cell:
            comment = commented[(finding.sheet, finding.cell)]
            assert finding.message in comment.text and comment.author == "BPKAD"
    shared = commented[("BKU", seeded["date_cell"])].text
    assert shared.startswith("1. KESALAHAN: Tanggal transaksi di luar bulan laporan")
    assert "\n\n2. PERINGATAN: Catatan kedua di sel ini" in shared
    assert "Nilai: 2026-02-27" in shared and "Seharusnya: 2026-03" in shared and "Petunjuk: Petunjuk kedua" in shared
    assert "dikecualikan" in commented[("BKU", "C9")].text


def test_fills_by_severity(seeded, package):
    copy, cells = package["copy"], seeded["cells"]
    assert copy["BKU"][seeded["date_cell"]].fill.fgColor.rgb == ERROR_FILL  # error wins over the warning
    assert copy["Identitas"][cells.identitas["Tanggal Laporan"]].fill.fgColor.rgb == WARNING_FILL
    assert copy["BKU"]["C9"].fill.fgColor.rgb == WAIVED_FILL
    assert copy["BKU"]["C10"].fill.fgColor.rgb != ERROR_FILL  # cells without findings keep theirs


def test_findings_sheet_first_with_links(seeded, package):
    copy, findings = package["copy"], seeded["result"].findings
    sheet = copy.worksheets[0]
    assert sheet.title == "Temuan" and copy.active.title == "Temuan"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == ("No", "Sheet", "Sel", "Tingkat", "Aturan", "Pesan", "Nilai", "Seharusnya", "Petunjuk")
    assert len(rows) == len(findings) + 1
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:J{len(findings) + 1}"
    assert sheet["A1"].font.bold
    for number, finding in enumerate(findings, start=1):
        row = sheet[number + 1]
        assert (row[0].value, row[1].value, row[2].value, row[5].value) == (number, finding.sheet, finding.cell,
                                                                           finding.message)
        assert row[2].hyperlink.target == f"#'{finding.sheet}'!{finding.cell}"
    waived = sheet[len(findings) + 1]
    assert waived[3].value == "peringatan (dikecualikan)" and waived[9].value == "izin BPKAD"


def test_copy_keeps_every_sheet_and_value(seeded, package):
    copy, original = package["copy"], load_workbook(seeded["source"])
    assert copy.sheetnames[1:] == original.sheetnames
    for name in original.sheetnames:
        assert [[c.value for c in r] for r in copy[name].iter_rows()] == \
               [[c.value for c in r] for r in original[name].iter_rows()]
    assert copy["BKU"][seeded["code_cell"]].value == HOSTILE


def test_receipt_states_the_verdict_and_escapes(seeded, package):
    page, result = package["receipt"], seeded["result"]
    assert result.sha256 in page and "TIDAK VALID" in page
    assert f"<th scope=\"row\">Kesalahan</th><td>{result.errors}</td>" in page
    assert f"<th scope=\"row\">Peringatan</th><td>{result.warnings}</td>" in page
    assert "Maret 2026" in page and "PKM03 Maret.xlsx" in page and "2026-04-06 16:30:00 WIB" in page  # shown in WIB, as status shows it
    assert f"{seeded['source'].stat().st_size:,}".replace(",", ".") in page
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 0 and '<html lang="id">' in page


def test_receipt_in_english(seeded, tmp_path):
    paths = write_return_package(seeded["result"], seeded["source"], tmp_path, lang="en", received_at=RECEIVED)
    page = paths[1].read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "INVALID" in page and "March 2026" in page
    assert load_workbook(paths[0]).sheetnames[0] == "Findings"


def test_valid_file_gets_receipt_and_empty_list(seeded, district, tmp_path):
    clean = seeded["clean"]
    result = validate_file(clean, district, keep=True)
    assert result.status == "valid" and not result.findings
    copy_path, receipt = write_return_package(result, clean, tmp_path)
    page = receipt.read_text(encoding="utf-8")
    assert '<span class="verdict valid">VALID</span>' in page and "Tidak ada temuan." in page
    copy = load_workbook(copy_path)
    assert copy.sheetnames[0] == "Temuan" and copy.worksheets[0].max_row == 1
    assert not any(c.comment for ws in copy.worksheets for row in ws.iter_rows() for c in row)


def test_xlsm_keeps_its_suffix_and_vba(district, tmp_path):
    source = tmp_path / "RS03.xlsm"
    cells = write_xlsx(make_report("RS03", 2026, 3), Layout(), source)
    set_cell(source, cells.bku.sheet, cells.bku[(2, "tanggal")], date(2026, 2, 27))
    with zipfile.ZipFile(source, "a") as archive:  # a stand-in macro project
        archive.writestr("xl/vbaProject.bin", b"VBA stand-in")
    result = validate_file(source, district, keep=True)
    copy_path, _ = write_return_package(result, source, tmp_path / "out")
    assert copy_path.name == "RS03 - temuan.xlsm"
    with zipfile.ZipFile(copy_path) as archive:
        assert archive.read("xl/vbaProject.bin") == b"VBA stand-in"
    copy = load_workbook(copy_path, keep_vba=True)
    assert copy.sheetnames[0] == "Temuan" and copy[cells.bku.sheet][cells.bku[(2, "tanggal")]].comment


@pytest.mark.parametrize("writer, suffix", [(write_xls, ".xls"), (write_ods, ".ods")])
def test_xls_and_ods_get_a_findings_workbook(district, tmp_path, writer, suffix):
    report = make_report("PKM05", 2026, 3)
    report = replace(report, identitas=replace(report.identitas, tanggal_laporan=date(2026, 3, 15)))
    source = tmp_path / f"PKM05{suffix}"
    cells = writer(report, Layout(), source)
    before = source.read_bytes()
    result = validate_file(source, district, keep=True)
    assert any(f.cell == cells.identitas["Tanggal Laporan"] for f in result.findings)
    copy_path, receipt = write_return_package(result, source, tmp_path)
    assert copy_path.name == "PKM05 - temuan.xlsx" and source.read_bytes() == before
    copy = load_workbook(copy_path)
    assert copy.sheetnames == ["Temuan"] and copy.worksheets[0].max_row == len(result.findings) + 1
    assert copy.worksheets[0]["C2"].hyperlink is None
    assert f"Berkas {suffix} tidak dapat diberi catatan" in receipt.read_text(encoding="utf-8")


def test_unreadable_file_gets_only_the_receipt(district, tmp_path):
    source = tmp_path / "rusak.xlsx"
    source.write_bytes(b"bukan spreadsheet")
    result = validate_file(source, district, keep=True)
    assert result.status == "unreadable"
    paths = write_return_package(result, source, tmp_path / "out")
    assert [p.name for p in paths] == ["rusak - tanda terima.html"]
    page = paths[0].read_text(encoding="utf-8")
    assert "TIDAK TERBACA" in page and "berkas rusak atau bukan spreadsheet" in page
    assert result.findings[0].message.split(" (")[0] in page


def test_refuses_a_source_changed_since_the_check(seeded, tmp_path):
    source = tmp_path / "ubah.xlsx"
    shutil.copyfile(seeded["source"], source)
    source.write_bytes(source.read_bytes() + b"\0")
    with pytest.raises(ValueError, match="berubah sejak diperiksa"):
        write_return_package(seeded["result"], source, tmp_path)
    assert output_names(Path("a.b.XLSM")) == ("a.b - temuan.xlsm", "a.b - tanda terima.html")
    assert not list(tmp_path.glob("* - *"))


def test_written_beside_the_source_never_over_it(seeded, tmp_path):
    source = tmp_path / seeded["source"].name
    shutil.copyfile(seeded["source"], source)
    mtime = source.stat().st_mtime_ns
    paths = write_return_package(seeded["result"], source, tmp_path)
    assert all(p.parent == tmp_path and p != source for p in paths)
    assert source.stat().st_mtime_ns == mtime and os.path.getsize(source) == seeded["source"].stat().st_size
