"""Reading workbooks (contract §1): unreadable and odd inputs, other formats, formulas without
a cached value, Excel error values, hidden rows and a merged two-row header.

Every input is built by the test in tmp_path. BLUDCLI_DEBUG=1 is set so that a defect of
bludcli raises instead of being reported as an 'internal' unreadable file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.config import load_district
from bludcli.samplegen import (
    Layout,
    build_workbook,
    make_report,
    save,
    set_cell,
    write_ods,
    write_xls,
    write_xlsx,
)
from bludcli.validate import validate_file

KODE = "PKM03"  # a Puskesmas: all four sheets are read
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(autouse=True)
def debug(monkeypatch):
    monkeypatch.setenv("BLUDCLI_DEBUG", "1")


@pytest.fixture(scope="module")
def district():
    return load_district()


@pytest.fixture(scope="module")
def report():
    return make_report(KODE, 2026, 3)


@pytest.fixture(scope="module")
def valid_xlsx(tmp_path_factory, report):
    """(path, cellmap) of a valid workbook in the plain layout; copy before changing it."""
    path = tmp_path_factory.mktemp("valid") / "valid.xlsx"
    cells = write_xlsx(report, Layout(), path)
    return path, cells


def copy_valid(valid_xlsx, folder: Path, name: str = "laporan.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(valid_xlsx[0], target)
    return target


def validate_json(*paths, args=()) -> tuple[int, dict, object]:
    result = CliRunner().invoke(app, ["validate", *map(str, paths), "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout), result


def assert_unreadable(record: dict) -> dict:
    assert record["status"] == "unreadable", record
    assert (record["errors"], record["warnings"]) == (1, 0)
    (finding,) = record["findings"]
    assert finding["rule"] == "file.unreadable"
    assert finding["severity"] == "error"
    assert (finding["row"], finding["column"], finding["cell"]) == (None, None, None)
    assert finding["message"]
    assert "bludcli" not in finding["message"], "an internal failure, not an unreadable file"
    return finding


def lra_leaf(report, first: int = 5):
    return next(row for row in report.lra if row.leaf and row.code[0] == first)


# --- unreadable files ---------------------------------------------------------------------------


def _empty(path: Path, valid: Path) -> None:
    path.write_bytes(b"")


def _random_bytes(path: Path, valid: Path) -> None:
    path.write_bytes(bytes((i * 97 + 13) % 256 for i in range(8192)))


def _csv_text(path: Path, valid: Path) -> None:
    path.write_text("Kode BLUD;PKM03\nBulan;3\nKode Rekening,Uraian,Anggaran\n4,PENDAPATAN,1000\n",
                    encoding="utf-8")


def _truncated_zip(path: Path, valid: Path) -> None:
    data = valid.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zip_without_workbook(path: Path, valid: Path) -> None:
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/workbook.xml":
                target.writestr(item, source.read(item))


def _zip_of_other_things(path: Path, valid: Path) -> None:
    with zipfile.ZipFile(path, "w") as target:
        target.writestr("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)
        target.writestr("catatan.txt", "bukan spreadsheet")


BROKEN = {
    "empty": _empty,
    "random-bytes": _random_bytes,
    "csv-renamed": _csv_text,
    "truncated-zip": _truncated_zip,
    "zip-without-workbook-part": _zip_without_workbook,
    "zip-of-other-things": _zip_of_other_things,
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_xlsx_is_unreadable_with_one_finding(tmp_path, valid_xlsx, kind):
    path = tmp_path / f"{kind}.xlsx"
    BROKEN[kind](path, valid_xlsx[0])
    code, document, _ = validate_json(path)
    (record,) = document["files"]
    assert record["path"] == str(path)
    assert_unreadable(record)
    assert code == 1
    assert record["kode_blud"] is None


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsm"])
def test_random_bytes_in_other_formats_are_unreadable(tmp_path, valid_xlsx, suffix):
    path = tmp_path / f"rusak{suffix}"
    _random_bytes(path, valid_xlsx[0])
    _, document, _ = validate_json(path)
    assert_unreadable(document["files"][0])


def _encrypted_ole(path: Path) -> None:
    header = OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96
    directory += "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    path.write_bytes(header + b"\x00" * 512 + directory + b"\xab" * 4096)


@pytest.mark.parametrize(("lang", "words"), [("id", "kata sandi"), ("en", "password")])
def test_password_protected_xlsx_is_unreadable_and_says_so(tmp_path, lang, words):
    path = tmp_path / "laporan terkunci.xlsx"
    _encrypted_ole(path)
    _, document, _ = validate_json(path, args=("--lang", lang))
    finding = assert_unreadable(document["files"][0])
    assert words in finding["message"].lower()


def test_pdf_given_explicitly_is_unreadable(tmp_path):
    path = tmp_path / "laporan maret.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
    code, document, _ = validate_json(path)
    finding = assert_unreadable(document["files"][0])
    assert ".pdf" in finding["message"]
    assert code == 1


def test_unreadable_file_in_english(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    _, document, _ = validate_json(path, args=("--lang", "en"))
    finding = assert_unreadable(document["files"][0])
    assert finding["message"].startswith("The file cannot be opened")


def test_unreadable_file_in_the_table_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("kosong.xlsx").write_bytes(b"")
    result = CliRunner().invoke(app, ["validate", "kosong.xlsx"])
    assert result.exit_code == 1
    assert result.stdout.startswith("TIDAK TERBACA  kosong.xlsx")
    assert "Traceback" not in result.output


def test_fail_on_never_with_an_unreadable_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    code, document, _ = validate_json(path, args=("--fail-on", "never"))
    assert code == 0
    assert_unreadable(document["files"][0])


def test_workbook_without_the_identitas_sheet_is_invalid(tmp_path, district, valid_xlsx):
    """§1: Identitas is a required sheet; without it the report has no identity at all."""
    path = copy_valid(valid_xlsx, tmp_path)
    workbook = load_workbook(path)
    del workbook[valid_xlsx[1].identitas.sheet]
    workbook.save(path)
    result = validate_file(path, district)
    assert result.status == "invalid"
    missing = [(f.rule, f.sheet, f.cell) for f in result.findings if f.rule == "file.sheet-missing"]
    assert missing == [("file.sheet-missing", "Identitas", None)]


# --- folders with odd entries -----------------------------------------------------------------------


def test_directory_named_like_a_workbook_is_skipped(tmp_path, valid_xlsx):
    folder = tmp_path / "masuk"
    (folder / "x.xlsx").mkdir(parents=True)
    (folder / "y.ods").mkdir()
    valid = copy_valid(valid_xlsx, folder)
    code, document, _ = validate_json(folder)
    assert [r["path"] for r in document["files"]] == [str(valid)]
    assert document["files"][0]["status"] == "valid"
    assert code == 0


def test_folder_holding_only_a_directory_named_like_a_workbook(tmp_path):
    (tmp_path / "masuk" / "x.xlsx").mkdir(parents=True)
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "masuk")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_lock_and_hidden_files_in_a_folder_are_skipped(tmp_path, valid_xlsx):
    folder = tmp_path / "masuk"
    valid = copy_valid(valid_xlsx, folder)
    (folder / "~$laporan.xlsx").write_bytes(b"\x05owner" + b"\x00" * 150)  # Office lock file
    (folder / ".laporan.xlsx").write_bytes(b"")
    code, document, _ = validate_json(folder)
    assert [r["path"] for r in document["files"]] == [str(valid)]
    assert code == 0


def test_upper_case_suffix_is_read(tmp_path, valid_xlsx):
    folder = tmp_path / "masuk"
    valid = copy_valid(valid_xlsx, folder, "LAPORAN MARET.XLSX")
    _, document, _ = validate_json(folder)
    assert [(r["path"], r["status"]) for r in document["files"]] == [(str(valid), "valid")]


def test_batch_continues_after_a_broken_file(tmp_path, valid_xlsx):
    folder = tmp_path / "masuk"
    first = copy_valid(valid_xlsx, folder, "a laporan.xlsx")
    broken = folder / "b rusak.xlsx"
    _truncated_zip(broken, valid_xlsx[0])
    empty = folder / "c kosong.xls"
    empty.write_bytes(b"")
    last = copy_valid(valid_xlsx, folder / "d", "laporan.xlsx")
    code, document, _ = validate_json(folder)
    statuses = {r["path"]: r["status"] for r in document["files"]}
    assert statuses == {str(first): "valid", str(broken): "unreadable", str(empty): "unreadable",
                        str(last): "valid"}
    for record in document["files"]:
        if record["status"] == "unreadable":
            assert_unreadable(record)
        else:
            assert (record["kode_blud"], record["findings"]) == (KODE, [])
    assert code == 1


def test_batch_of_explicit_files_keeps_the_order_given(tmp_path, valid_xlsx):
    valid = copy_valid(valid_xlsx, tmp_path)
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    _, document, _ = validate_json(broken, valid)
    assert [r["path"] for r in document["files"]] == [str(broken), str(valid)]
    assert_unreadable(document["files"][0])
    assert document["files"][1]["status"] == "valid"


# --- other formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "writer"), [(".xls", write_xls), (".ods", write_ods)])
def test_xls_and_ods_copies_of_a_valid_report_are_valid(tmp_path, district, report, suffix, writer):
    path = tmp_path / f"laporan{suffix}"
    writer(report, Layout(), path)
    result = validate_file(path, district)
    assert result.status == "valid", [(f.rule, f.sheet, f.cell, f.message) for f in result.findings]
    assert result.findings == []
    assert (result.kode_blud, result.tahun, result.bulan, result.revisi) == (KODE, 2026, 3, 0)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_defect_in_xls_and_ods_is_found_at_its_cell(tmp_path, district, report, suffix):
    path = tmp_path / f"laporan{suffix}"
    grid, cells = build_workbook(report, Layout())
    leaf = lra_leaf(report)
    ref = cells.lra[(leaf.code, "bulan_ini")]
    grid.sheet(cells.lra.sheet).set(ref, float(leaf.bulan_ini + 1_000_000))
    save(grid, path)
    result = validate_file(path, district)
    assert result.status == "invalid"
    assert any(f.sheet == cells.lra.sheet and f.cell == ref for f in result.findings), (
        [(f.rule, f.cell) for f in result.findings])


def test_xlsm_copy_of_a_valid_report_is_valid(tmp_path, district, report):
    path = tmp_path / "laporan.xlsm"
    write_xlsx(report, Layout(), path)
    assert validate_file(path, district).findings == []


# --- formulas and error values --------------------------------------------------------------------


@pytest.mark.parametrize("field", ["anggaran", "sd_ini"])
def test_formula_without_cached_value_is_an_error_at_its_cell(tmp_path, district, report, valid_xlsx, field):
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    ref = cells.lra[(lra_leaf(report).code, field)]
    set_cell(path, cells.lra.sheet, ref, "=SUM(C1:C2)")
    result = validate_file(path, district)
    assert result.status == "invalid"
    found = [(f.rule, f.severity, f.sheet, f.cell) for f in result.findings]
    assert ("cell.formula-no-value", "error", cells.lra.sheet, ref) in found
    assert found == [("cell.formula-no-value", "error", cells.lra.sheet, ref)]


def test_formula_without_cached_value_in_identitas(tmp_path, district, valid_xlsx):
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    ref = cells.identitas["Revisi"]
    set_cell(path, cells.identitas.sheet, ref, "=1-1")
    result = validate_file(path, district)
    found = [(f.rule, f.sheet, f.cell) for f in result.findings]
    assert ("cell.formula-no-value", cells.identitas.sheet, ref) in found
    assert result.status == "invalid"


@pytest.mark.parametrize(("literal", "field"), [
    ("#DIV/0!", "anggaran"), ("#REF!", "sd_lalu"), ("#VALUE!", "bulan_ini"), ("#N/A", "sd_ini"),
    ("#NAME?", "anggaran"),
])  # fmt: skip
def test_excel_error_value_is_an_error_at_its_cell(tmp_path, district, report, valid_xlsx, literal, field):
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    ref = cells.lra[(lra_leaf(report, 4).code, field)]
    workbook = load_workbook(path)
    sheet = workbook[cells.lra.sheet]
    sheet[ref] = literal
    assert sheet[ref].data_type == "e"  # stored as an Excel error cell, not as text
    workbook.save(path)
    result = validate_file(path, district)
    assert result.status == "invalid"
    found = [(f.rule, f.severity, f.sheet, f.cell) for f in result.findings]
    assert found == [("cell.error-value", "error", cells.lra.sheet, ref)]
    assert literal in result.findings[0].message


def test_error_value_in_a_cell_the_contract_does_not_read_is_ignored(tmp_path, district, valid_xlsx):
    path = copy_valid(valid_xlsx, tmp_path)
    workbook = load_workbook(path)
    sheet = workbook.create_sheet("Catatan")
    sheet["A1"] = "#REF!"
    workbook.save(path)
    assert validate_file(path, district).findings == []


def _formulas_in_sheet_xml(path: Path, sheet_index: int, edit, compression: int = zipfile.ZIP_DEFLATED) -> None:
    """Rewrite one sheet's XML in place: edit(xml) -> xml."""
    member = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.infolist()}
    for item in parts:
        item.compress_type = compression
    with zipfile.ZipFile(path, "w", compression) as target:
        for item, data in parts.items():
            target.writestr(item, edit(data.decode()).encode() if item.filename == member else data)


def _as_formulas(xml: str, shared: bool) -> str:
    """Every number cell becomes a formula with its cached value, as Excel writes it."""
    def formula(match):
        body = '<f t="shared" si="0"/>' if shared else f"<f>{match[2]}*1</f>"
        return f"{match[1]}>{body}<v>{match[2]}</v></c>"
    return re.sub(r'(<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="n")?)><v>([^<]+)</v></c>', formula, xml)


def _prefixed(xml: str) -> str:
    xml = re.sub(r"<(/?)(?!\?)", r"<\1x:", xml)
    return xml.replace('xmlns="', 'xmlns:x="')


@pytest.mark.parametrize("form", ["cached", "shared", "prefixed", "stored"])
@pytest.mark.parametrize("missing", [None, "", "<v/>", "<v></v>"])
def test_formulas_as_spreadsheet_programs_write_them(tmp_path, district, report, valid_xlsx, form, missing):
    """Formulas with cached values are trusted in every XML form, also in a zip whose parts are
    stored uncompressed; one without its value (no <v>, or an empty one) is found."""
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    ref = cells.lra[(lra_leaf(report).code, "bulan_ini")]
    index = load_workbook(path, read_only=True).sheetnames.index(cells.lra.sheet) + 1

    def edit(xml: str) -> str:
        xml = _as_formulas(xml, shared=form == "shared")
        if missing is not None:
            xml = re.sub(f'(<c r="{ref}"[^>]*><f[^>]*?(?:/>|>[^<]*</f>))<v>[^<]*</v>', rf"\1{missing}", xml)
        return _prefixed(xml) if form == "prefixed" else xml

    _formulas_in_sheet_xml(path, index, edit, zipfile.ZIP_STORED if form == "stored" else zipfile.ZIP_DEFLATED)
    found = [(f.rule, f.cell) for f in validate_file(path, district).findings]
    assert found == ([("cell.formula-no-value", ref)] if missing is not None else [])


# --- hidden rows and columns, merged two-row header ---------------------------------------------------


def test_hidden_rows_and_columns_are_read(tmp_path, district, report):
    path = tmp_path / "tersembunyi.xlsx"
    cells = write_xlsx(report, Layout(hidden_rows=True, hidden_columns=True, seed=3), path)
    workbook = load_workbook(path)
    hidden_rows = [r for ws in workbook for r, dim in ws.row_dimensions.items() if dim.hidden]
    assert hidden_rows, "the layout should hide some rows"
    result = validate_file(path, district)
    assert result.findings == [], [(f.rule, f.cell) for f in result.findings]
    assert result.status == "valid"
    assert cells.lra.sheet in workbook.sheetnames


def test_a_defect_in_a_hidden_row_is_found(tmp_path, district, report, valid_xlsx):
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    leaf = lra_leaf(report)
    ref = cells.lra[(leaf.code, "bulan_ini")]
    workbook = load_workbook(path)
    sheet = workbook[cells.lra.sheet]
    sheet.row_dimensions[cells.lra.rows[leaf.code]].hidden = True
    sheet[ref] = float(leaf.bulan_ini + 1_000_000)
    workbook.save(path)
    result = validate_file(path, district)
    assert result.status == "invalid"
    assert any(f.sheet == cells.lra.sheet and f.cell == ref for f in result.findings), (
        [(f.rule, f.cell) for f in result.findings])


def test_hidden_rows_hold_amounts_the_sums_need(tmp_path, district, report, valid_xlsx):
    """Hiding every LRA account row below level 2 changes nothing: the parents still add up."""
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    workbook = load_workbook(path)
    sheet = workbook[cells.lra.sheet]
    for code, row in cells.lra.rows.items():
        if isinstance(code, tuple) and len(code) > 2:
            sheet.row_dimensions[row].hidden = True
    workbook.save(path)
    assert validate_file(path, district).findings == []


def test_merged_two_row_header_is_understood(tmp_path, district, report):
    path = tmp_path / "dua baris.xlsx"
    cells = write_xlsx(report, Layout(two_row_header=True), path)
    sheet = load_workbook(path)[cells.lra.sheet]
    header_row = coordinate_from_string(cells.lra.headers["anggaran"])[1]
    merged = [str(r) for r in sheet.merged_cells.ranges]
    group = f"{cells.lra.column('sd_lalu')}{header_row}:{cells.lra.column('sd_ini')}{header_row}"
    assert group in merged, merged  # 'Realisasi' over its three columns
    assert str(sheet[f"{cells.lra.column('sd_lalu')}{header_row}"].value).lower().startswith("realisasi")
    result = validate_file(path, district)
    assert result.findings == [], [(f.rule, f.cell) for f in result.findings]
    # defects under the merged group land in the right columns
    leaf = lra_leaf(report)
    for field in ("sd_lalu", "bulan_ini", "sd_ini"):
        changed = tmp_path / f"{field}.xlsx"
        shutil.copyfile(path, changed)
        ref = cells.lra[(leaf.code, field)]
        set_cell(changed, cells.lra.sheet, ref, "=1+1")
        found = [(f.rule, f.cell) for f in validate_file(changed, district).findings]
        assert found == [("cell.formula-no-value", ref)]


def test_two_row_header_in_xls_and_ods(tmp_path, district, report):
    for suffix, writer in ((".xls", write_xls), (".ods", write_ods)):
        path = tmp_path / f"dua baris{suffix}"
        writer(report, Layout(two_row_header=True, hidden_rows=True), path)
        result = validate_file(path, district)
        assert result.findings == [], (suffix, [(f.rule, f.cell) for f in result.findings])


def test_inputs_are_not_modified_by_reading(tmp_path, valid_xlsx):
    path = copy_valid(valid_xlsx, tmp_path)
    before = path.read_bytes()
    stamp = os.stat(path).st_mtime_ns
    validate_json(path)
    assert path.read_bytes() == before
    assert os.stat(path).st_mtime_ns == stamp


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_number_that_is_not_finite_is_not_an_amount(number):
    """A crafted file can hold NaN or infinity in a numeric cell: a finding, never an exception."""
    from bludcli.checks.base import CellReader, Sink
    from bludcli.config import load_district
    from bludcli.workbook import Sheet

    sink = Sink(load_district(), "id")
    reader = CellReader(Sheet("LRA", [["x", 1500.0], ["y", number]]), sink)
    assert reader.amounts([1, 2], 1) == [150000, None]
    assert [(f.rule, f.cell) for f in sink.findings] == [("value.amount-invalid", "B2")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14),
    st.integers(min_value=-(10**13), max_value=10**13).map(lambda sen: sen / 100),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["", "-", " 1.500.000,50", "31-02-2026", "5 Maret 2026", "#REF!"]),
), min_size=1, max_size=30))
def test_column_reads_agree_with_the_cell_parsers(district, values):
    """Reading a column at once takes shortcuts for common values; they give what one cell at a
    time gives, with the same findings."""
    from bludcli.checks.base import CellReader, Sink
    from bludcli.workbook import Sheet

    rows = [[value] for value in values]
    excel_rows = list(range(1, len(rows) + 1))
    column, single = Sink(district, "id"), Sink(district, "id")
    by_column = CellReader(Sheet("BKU", rows), column)
    by_cell = CellReader(Sheet("BKU", rows), single)
    assert by_column.amounts(excel_rows, 0) == [by_cell.amount(r, 0) for r in excel_rows]
    assert by_column.dates(excel_rows, 0) == [by_cell.date(r, 0) for r in excel_rows]
    assert column.findings == single.findings


# --- limits -----------------------------------------------------------------------------------


def _rules_with(tmp_path: Path, **settings) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(load_district().root, rules)
    with open(rules / "pengaturan.yaml", "a", encoding="utf-8") as fh:
        fh.writelines(f"{key}: {value}\n" for key, value in settings.items())
    return rules


def test_a_file_that_unpacks_beyond_the_size_limit_is_unreadable(tmp_path, valid_xlsx):
    """A zip bomb is refused from what its directory declares, before anything is unpacked."""
    path = copy_valid(valid_xlsx, tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (3 << 20))  # 3 MB of zeros, a few KB packed
    assert path.stat().st_size < 1 << 20
    rules = _rules_with(tmp_path, batas_ukuran_mb=2)
    code, document, _ = validate_json(path, args=("--rules", str(rules)))
    finding = assert_unreadable(document["files"][0])
    assert "2 MB" in finding["message"]
    assert validate_json(path)[1]["files"][0]["status"] == "valid"  # within the default limit


def test_a_sheet_beyond_the_row_limit_is_unreadable(tmp_path, valid_xlsx):
    path = copy_valid(valid_xlsx, tmp_path)
    rules = _rules_with(tmp_path, batas_baris=20)
    finding = assert_unreadable(validate_json(path, args=("--rules", str(rules)))[1]["files"][0])
    assert "×" in finding["message"]


def test_reading_beyond_the_time_limit_stops_with_a_clear_reason(valid_xlsx):
    from bludcli.workbook import Limits, UnreadableError, Workbook

    workbook = Workbook(valid_xlsx[0], Limits(seconds=0))
    with pytest.raises(UnreadableError) as raised:
        workbook.sheet(workbook.sheet_names[0])
    assert raised.value.reason == "too-slow"
    workbook.close()


@pytest.mark.parametrize("key", ["batas_ukuran_mb", "batas_baris", "batas_kolom", "batas_detik"])
def test_a_limit_that_is_not_a_positive_integer_is_a_rules_error(tmp_path, valid_xlsx, key):
    rules = _rules_with(tmp_path, **{key: 0})
    result = CliRunner().invoke(app, ["validate", str(valid_xlsx[0]), "--rules", str(rules)])
    assert result.exit_code == 2 and key in result.stderr


@pytest.mark.parametrize("number", [1e300, -1e308])
def test_a_percent_that_is_not_a_finite_number_is_a_finding(tmp_path, district, report, valid_xlsx, number):
    """Found by the fuzzer: 1e308 in a % cell is a finding, not an overflow (x 10000 is infinite)."""
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    ref = cells.lra[(lra_leaf(report).code, "persen")]
    set_cell(path, cells.lra.sheet, ref, number)
    found = [(f.rule, f.cell) for f in validate_file(path, district).findings]
    assert ("value.amount-invalid", ref) in found


def test_a_date_cell_holding_a_huge_number_is_not_a_crash(tmp_path, district, valid_xlsx):
    """Found by the fuzzer: python-calamine panics (a Rust panic, a BaseException) on a date
    cell of -4.5e18; the file is unreadable, the batch goes on."""
    path = copy_valid(valid_xlsx, tmp_path)
    cells = valid_xlsx[1]
    workbook = load_workbook(path)
    cell = workbook[cells.identitas.sheet][cells.identitas["Tanggal Laporan"]]
    cell.value = -4.5e18
    cell.number_format = "dd/mm/yyyy"
    workbook.save(path)
    result = validate_file(path, district)
    assert result.status in ("invalid", "unreadable")
    assert not any("bludcli" in f.message for f in result.findings)
