"""`bludcli template build`: the official blank workbook, checked cell by cell, and filled in with a
generated report, recalculated by LibreOffice and validated — the formulas must compute what
the contract requires."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import bludcli.cli.template
from bludcli.config import load_district
from bludcli.samplegen import make_report
from bludcli.template import build_template, load_accounts, with_parents
from bludcli.validate import validate_file
from bludcli.values import format_code, parse_code

DISTRICT = load_district()
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _build(path: Path, *args: str) -> None:
    result = CliRunner().invoke(bludcli.cli.template.app, ["build", "--output", str(path), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def pkm03(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "Template_PKM03.xlsx"
    _build(path, "--kode", "PKM03", "--tahun", "2026", "--bulan", "3")
    return path


@pytest.fixture(scope="module")
def layout():
    """Where the cells of the PKM03 template are (the build is deterministic)."""
    return build_template(DISTRICT, kode="PKM03", tahun=2026, bulan=3)


# --- the workbook as built --------------------------------------------------------------

def test_sheets_in_order_and_kapitasi_only_for_puskesmas(tmp_path):
    for args, sheets in (((), ["Identitas", "LRA", "BKU", "Kapitasi", "Petunjuk"]),
                         (("--jenis", "Puskesmas"), ["Identitas", "LRA", "BKU", "Kapitasi", "Petunjuk"]),
                         (("--jenis", "rsud"), ["Identitas", "LRA", "BKU", "Petunjuk"]),
                         (("--jenis", "Labkesda"), ["Identitas", "LRA", "BKU", "Petunjuk"])):
        path = tmp_path / "t.xlsx"
        _build(path, *args)
        assert load_workbook(path).sheetnames == sheets, args


def test_headers_are_the_contract_labels(pkm03):
    wb = load_workbook(pkm03)
    lra_header = [c.value for c in wb["LRA"][7]]
    assert lra_header == ["Kode Rekening", "Uraian", "Anggaran", "Realisasi s.d. Bulan Lalu",
                          "Realisasi Bulan Ini", "Realisasi s.d. Bulan Ini", "Sisa Anggaran", "%"]
    assert [c.value for c in wb["BKU"][7]] == ["Tanggal", "No. Bukti", "Uraian", "Kode Rekening",
                                               "Penerimaan", "Pengeluaran", "Saldo"]
    assert [c.value for c in wb["Kapitasi"][7]] == ["Uraian", "Bulan Ini", "s.d. Bulan Ini"]
    labels = [wb["Kapitasi"].cell(row, 1).value for row in range(8, 13)]
    assert labels == ["Saldo Awal", "Penerimaan Dana Kapitasi JKN", "Belanja Jasa Pelayanan Kesehatan",
                      "Belanja Dukungan Biaya Operasional", "Saldo Akhir"]
    identitas = [wb["Identitas"].cell(row, 1).value for row in range(3, 17)]
    assert identitas == [f.label for f in DISTRICT.schemas["identitas"].fields.values()] + [None]
    assert "Versi Template" in identitas


def test_accounts_of_the_jenis_with_every_parent(tmp_path):
    accounts = load_accounts(DISTRICT)
    assert set(accounts) == {"RSUD", "Puskesmas", "Labkesda"}
    path = tmp_path / "lab.xlsx"
    _build(path, "--jenis", "Labkesda")
    ws = load_workbook(path)["LRA"]
    codes = [parse_code(ws.cell(row, 1).value) for row in range(8, ws.max_row + 1)]
    codes = [code for code in codes if code]
    expected = with_parents(accounts["Labkesda"], DISTRICT)
    assert codes == expected
    for code in accounts["Labkesda"]:
        assert all(code[:n] in codes for n in range(1, len(code)) if code[:n] in DISTRICT.chart)
    assert parse_code("4.1.04.18.01.0001") not in codes  # capitation is a Puskesmas account
    assert (4,) in codes and (5,) in codes and (6, 1) in codes and (6, 2) in codes
    uraian = {parse_code(ws.cell(r, 1).value): ws.cell(r, 2).value for r in range(8, ws.max_row + 1)}
    assert uraian[(5, 1, 2)] == DISTRICT.chart[(5, 1, 2)]


def test_template_accounts_cover_the_generated_reports():
    """Every 6-segment leaf the sample generator can use for a jenis is in that jenis' list."""
    accounts = load_accounts(DISTRICT)
    for kode, tahun in (("RS01", 2026), ("PKM03", 2026), ("PKM07", 2026), ("LAB01", 2027)):
        report = make_report(kode, tahun, 3)
        leaves = set(accounts[report.identitas.jenis_blud])
        for row in report.leaves:
            assert row.code[:6] in leaves or (row.code == (6, 2) and not row.anggaran), (kode, row.code)


def test_formulas_in_totals_and_derived_cells(layout, pkm03):
    ws = load_workbook(pkm03)["LRA"]
    cells = layout.lra

    def formula(key, field):
        value = ws[cells[(key, field)]].value
        assert isinstance(value, str) and value.startswith("="), (key, field, value)
        return value

    row = {key: int(cells[(key, "kode")][1:]) for key, _ in cells}
    assert formula((4,), "anggaran") == f"=SUM(C{row[(4, 1)]})"
    assert formula((4, 1, 4, 16, 1), "bulan_ini") == f"=SUM(E{row[(4, 1, 4, 16, 1, 1)]})"
    assert formula("surplus", "anggaran") == f"=C{row[(4,)]}-C{row[(5,)]}"
    assert formula("netto", "sd_lalu") == f"=D{row[(6, 1)]}-D{row[(6, 2)]}"
    assert formula("silpa", "bulan_ini") == f"=E{row['surplus']}+E{row['netto']}"
    leaf = row[(5, 1, 2, 1, 1, 37)]
    assert formula((5, 1, 2, 1, 1, 37), "sd_ini") == f"=D{leaf}+E{leaf}"
    assert formula((5, 1, 2, 1, 1, 37), "sisa") == f"=C{leaf}-F{leaf}"
    assert formula((5, 1, 2, 1, 1, 37), "persen") == f"=IF(C{leaf}=0,0,ROUND(F{leaf}/C{leaf}*100,2))"
    assert ws[cells[((5, 1, 2, 1, 1, 37), "anggaran")]].value is None  # an input
    bku = load_workbook(pkm03)["BKU"]
    first = layout.bku["first"]
    assert bku[f"G{first}"].value.startswith('=IF(AND(E') and f"$G${layout.bku['opening']}" in bku[f"G{first}"].value
    assert bku.cell(layout.bku["jumlah"], 3).value == "Jumlah"
    kap = load_workbook(pkm03)["Kapitasi"]
    assert kap[layout.kapitasi[("saldo_akhir", "bulan_ini")]].value == "=B8+B9-B10-B11"


def test_validations_protection_and_number_format(layout, pkm03):
    wb = load_workbook(pkm03)
    rules = {str(dv.sqref): dv for ws in wb for dv in ws.data_validations.dataValidation}
    jenis = next(dv for ref, dv in rules.items() if ref == layout.identitas["jenis_blud"])
    assert jenis.type == "list" and jenis.formula1 == '"RSUD,Puskesmas,Labkesda"'
    bulan = next(dv for ref, dv in rules.items() if ref == layout.identitas["bulan"])
    assert bulan.formula1 == '"' + ",".join(map(str, range(1, 13))) + '"'
    first, last = layout.bku["first"], layout.bku["last"]
    codes = rules[f"D{first}:D{last}"]
    assert codes.type == "list" and codes.formula1.startswith("Petunjuk!$A$")
    petunjuk = wb["Petunjuk"]
    top, bottom = (int(part.split("$")[-1]) for part in codes.formula1.split("!")[1].split(":"))
    assert [petunjuk.cell(r, 1).value for r in range(top, bottom + 1)] == [format_code(c) for c in layout.leaves]
    leaf_anggaran = layout.lra[((5, 1, 2, 1, 1, 37), "anggaran")]
    assert any(dv.type == "decimal" and dv.operator == "greaterThanOrEqual" and leaf_anggaran in dv.sqref
               for dv in wb["LRA"].data_validations.dataValidation)
    for ws in wb:
        assert ws.protection.sheet and not ws.protection.password, ws.title
    lra = wb["LRA"]
    assert lra[leaf_anggaran].protection.locked is False
    assert lra[layout.lra[((5,), "anggaran")]].protection.locked is True
    assert lra[layout.lra[((5, 1, 2, 1, 1, 37), "sd_ini")]].protection.locked is True
    assert lra[leaf_anggaran].number_format == "#,##0.00"
    assert wb["BKU"][f"G{first}"].protection.locked is True
    assert wb["BKU"][f"E{first}"].protection.locked is False


def test_petunjuk_lists_every_rule_and_the_version(pkm03):
    wb = load_workbook(pkm03)
    texts = {c.value for row in wb["Petunjuk"].iter_rows() for c in row if c.value}
    for rule in DISTRICT.rules.values():
        assert {rule.id, rule.message["id"], rule.hint["id"]} <= texts, rule.id
    assert wb.sheetnames[-1] == "Petunjuk"
    rows = [(wb["Identitas"].cell(r, 1).value, wb["Identitas"].cell(r, 2).value) for r in range(1, 30)]
    assert [value for label, value in rows if label == "Versi Template"] == [DISTRICT.template_version] == ["v1"]


def test_kode_prefills_identity_and_jenis(pkm03):
    ws = load_workbook(pkm03)["Identitas"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, 17)}
    assert values["Kode BLUD"] == "PKM03"
    assert values["Nama BLUD"] == DISTRICT.registry["PKM03"].nama
    assert values["Jenis BLUD"] == "Puskesmas"
    assert values["Pemerintah Daerah"] == DISTRICT.daerah
    assert (values["Tahun Anggaran"], values["Bulan"]) == (2026, 3)
    assert values["Nama Pemimpin BLUD"] is None


@pytest.mark.parametrize("args, lang, text", [
    (["--kode", "PKM99"], "id", "tidak ada di registri"),
    (["--kode", "PKM99"], "en", "is not in the registry"),
    (["--jenis", "Klinik"], "id", "tidak dikenal"),
    (["--jenis", "Klinik"], "en", "Unknown BLUD type"),
    (["--bulan", "13"], "id", "--bulan"),
    (["--kode", "PKM03", "--jenis", "RSUD"], "id", "PKM03 adalah Puskesmas"),
    (["--kode", "pkm03", "--jenis", "labkesda"], "en", "contradicts the registry: pkm03 is a Puskesmas"),
])
def test_unknown_kode_or_jenis_is_a_usage_error(tmp_path, args, lang, text):
    path = tmp_path / "t.xlsx"
    result = CliRunner().invoke(bludcli.cli.template.app,
                                ["build", "--output", str(path), *args, "--lang", lang])
    assert result.exit_code == 2
    assert text in result.output
    assert not path.exists()


def test_jenis_that_agrees_with_the_kode_is_accepted(tmp_path):
    path = tmp_path / "t.xlsx"
    _build(path, "--kode", "PKM03", "--jenis", "puskesmas")
    assert "Kapitasi" in load_workbook(path).sheetnames


def test_an_output_not_named_xlsx_is_a_usage_error(tmp_path):
    path = tmp_path / "template.csv"
    result = CliRunner().invoke(bludcli.cli.template.app, ["build", "--output", str(path)])
    assert result.exit_code == 2 and "berakhiran .xlsx" in result.output
    assert not path.exists()


def test_the_blank_template_validates_without_internal_error(pkm03):
    """Written by a program, its formulas have no cached value yet: the validator says so, and
    asks for the identity fields left to fill in — nothing else."""
    result = validate_file(pkm03, DISTRICT)
    rules = {f.rule for f in result.findings}
    assert result.status == "invalid"
    assert rules == {"cell.formula-no-value", "identitas.required"}
    missing = {f.cell for f in result.findings if f.rule == "identitas.required"}
    fields = DISTRICT.schemas["identitas"].fields
    layout = build_template(DISTRICT, kode="PKM03", tahun=2026, bulan=3)
    assert missing == {layout.identitas[k] for k in ("tanggal_laporan", "nama_pemimpin", "nip_pemimpin",
                                                     "nama_keuangan", "nip_keuangan")}
    assert all(fields[k].required for k in ("tanggal_laporan", "nama_pemimpin"))


# --- filled in, recalculated by a real spreadsheet engine --------------------------------

REPORT = make_report("PKM03", 2026, 3)


def _fill(source: Path, target: Path, layout, report=REPORT, broken: tuple[str, str] | None = None) -> None:
    """Write the report into the template's input cells only (never over a formula)."""
    wb = load_workbook(source)

    def put(sheet: str, ref: str, value) -> None:
        cell = wb[sheet][ref]
        assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (sheet, ref)
        assert cell.protection.locked is False, (sheet, ref)
        cell.value = value

    ident, cells = report.identitas, layout.identitas
    put("Identitas", cells["tanggal_laporan"], ident.tanggal_laporan)
    for key, person in (("pemimpin", ident.pemimpin), ("keuangan", ident.pejabat_keuangan)):
        put("Identitas", cells[f"nama_{key}"], person.nama)
        put("Identitas", cells[f"nip_{key}"], person.nip_spaced)
    template_leaves = set(layout.leaves)
    for row in report.leaves:
        if row.code not in template_leaves:
            assert not (row.anggaran or row.sd_lalu or row.bulan_ini), row.code  # 6.2 without detail
            continue
        for field in ("anggaran", "sd_lalu", "bulan_ini"):
            put("LRA", layout.lra[(row.code, field)], float(getattr(row, field)))
    opening = report.bku[0]
    put("BKU", f"A{layout.bku['opening']}", opening.tanggal)
    put("BKU", f"G{layout.bku['opening']}", float(opening.saldo))
    for row_number, line in enumerate(report.bku[1:], layout.bku["first"]):
        values = (line.tanggal, line.no_bukti, line.uraian, format_code(line.kode) if line.kode else None,
                  float(line.penerimaan) or None, float(line.pengeluaran) or None)
        for letter, value in zip("ABCDEF", values):
            put("BKU", f"{letter}{row_number}", value)
    for key in ("saldo_awal", "penerimaan", "jasa", "dukungan"):
        for column in ("bulan_ini", "sd_ini"):
            put("Kapitasi", layout.kapitasi[(key, column)], float(getattr(getattr(report.kapitasi, column), key)))
    if broken:
        wb["LRA"][broken[0]].value = broken[1]
    wb.save(target)


def _recalculate(files: list[Path], out: Path, profile: Path) -> None:
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--calc",
                    "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def recalculated(pkm03, layout, tmp_path_factory):
    """The filled template and a copy with a broken parent formula, both recalculated."""
    base = tmp_path_factory.mktemp("filled")
    parent = layout.lra[((5, 1, 2, 1), "anggaran")]
    first_child = layout.lra[((5, 1, 2, 1, 1), "anggaran")]
    _fill(pkm03, base / "filled.xlsx", layout)
    _fill(pkm03, base / "broken.xlsx", layout, broken=(parent, f"=SUM({first_child}:{first_child})*0"))
    _build(base / "blank.xlsx")  # every jenis, nothing prefilled
    out = base / "out"
    _recalculate([base / "filled.xlsx", base / "broken.xlsx", base / "blank.xlsx"], out, base / "profile")
    return out / "filled.xlsx", out / "broken.xlsx", parent, out / "blank.xlsx"


@needs_soffice
def test_filled_template_recalculated_by_libreoffice_is_valid(recalculated):
    result = validate_file(recalculated[0], DISTRICT)
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors == [] and result.status == "valid", [(f.rule, f.cell, f.value, f.expected) for f in errors]
    assert (result.kode_blud, result.tahun, result.bulan) == ("PKM03", 2026, 3)
    assert result.versi_template == DISTRICT.template_version  # validate reads the template's marker


@needs_soffice
def test_recalculated_totals_equal_the_report_sums(recalculated, layout):
    ws = load_workbook(recalculated[0], data_only=True)["LRA"]

    def value(key, field) -> Decimal:
        return Decimal(str(ws[layout.lra[(key, field)]].value)).quantize(Decimal("0.01"))

    leaves = REPORT.leaves
    for root in (4, 5):
        for field in ("anggaran", "sd_lalu", "bulan_ini", "sd_ini"):
            expected = sum((getattr(r, field) for r in leaves if r.code[0] == root), Decimal(0))
            assert value((root,), field) == expected, (root, field)
    silpa = REPORT.computed_row("silpa")
    for field in ("anggaran", "sd_lalu", "bulan_ini", "sd_ini"):
        assert value("silpa", field) == getattr(silpa, field), field
        assert value("surplus", field) == getattr(REPORT.computed_row("surplus"), field), field
    for row in REPORT.leaves:
        if row.code in layout.leaves:
            assert value(row.code, "sd_ini") == row.sd_ini, row.code
            assert value(row.code, "sisa") == row.sisa, row.code
    bku = load_workbook(recalculated[0], data_only=True)["BKU"]
    last = layout.bku["first"] + len(REPORT.bku) - 2
    assert Decimal(str(bku[f"G{last}"].value)).quantize(Decimal("0.01")) == REPORT.bku[-1].saldo
    assert bku[f"G{last + 1}"].value in (None, "")  # blank rows show no balance
    kap = load_workbook(recalculated[0], data_only=True)["Kapitasi"]
    assert Decimal(str(kap[layout.kapitasi[("saldo_akhir", "sd_ini")]].value)) == REPORT.kapitasi.sd_ini.saldo_akhir


@needs_soffice
def test_a_broken_parent_formula_is_reported_at_its_cell(recalculated):
    _, broken, parent, _ = recalculated
    result = validate_file(broken, DISTRICT)
    assert result.status == "invalid"
    errors = {(f.sheet, f.cell, f.rule) for f in result.findings if f.severity == "error"}
    assert ("LRA", parent, "lra.parent-sum") in errors, errors


@needs_soffice
def test_the_blank_template_recalculated_lacks_only_the_identity(recalculated):
    """Opened in a spreadsheet and saved untouched, every formula computes (no error value, no
    broken relation): what is left is the identity the BLUD has to type."""
    result = validate_file(recalculated[3], DISTRICT)
    assert {f.rule for f in result.findings} == {"identitas.required"}
    ws = load_workbook(recalculated[3], data_only=True)["LRA"]
    assert [ws.cell(row, 1).value for row in (2, 3, 4)] == [None, "LAPORAN REALISASI ANGGARAN", "BULAN  "]
