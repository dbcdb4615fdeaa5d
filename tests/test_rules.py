"""Every rule of the catalogue, one workbook at a time (contract: docs/template-v1.md).

Each test copies a plain, valid generated workbook, changes what the test names and checks that
`validate_file` reports that rule at the cell the contract points to (with the value that would
make it right, where that is meaningful) — and that the unchanged workbook has no finding of the
rule (the passing side; `expect` checks both). The valid workbooks themselves are checked to
give zero findings, in random layouts and in all three formats.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
import pytest

from bludcli.config import load_district
from bludcli.findings import FileResult, Finding
from bludcli.samplegen import (
    CellMap,
    Layout,
    Report,
    make_report,
    rupiah_text,
    set_cell,
    write_ods,
    write_xls,
    write_xlsx,
)
from bludcli.samplegen.report import Amounts
from bludcli.validate import validate_file
from bludcli.values import Code, format_code

DISTRICT = load_district()
KAPITASI_CODE = (4, 1, 4, 18, 1, 1)
# Findings the contract calls warnings; every other rule is an error.
WARNINGS = {
    "value.amount-as-text", "identitas.nama-mismatch", "identitas.tanggal-early", "identitas.template-version",
    "table.row-unrecognised", "lra.realisation-negative", "lra.over-budget", "bku.date-order",
    "kapitasi.jasa-share", "lra.budget-changed",
}
AMOUNT_FIELDS = ("anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa")


def rp(value) -> str:
    """An amount as findings write it: '12500000.00'."""
    return f"{Decimal(value):.2f}"


def code_of(text: str) -> Code:
    return tuple(int(part) for part in text.split("."))


# --- the valid workbooks ---------------------------------------------------------------------

@dataclass(frozen=True)
class Base:
    path: Path
    report: Report
    cells: CellMap
    result: FileResult  # the unchanged workbook's verdict


# name -> (kode BLUD, tahun, bulan, BKU transactions or None for a realistic count)
BASES = {
    "pkm": ("PKM03", 2026, 3, None),  # Puskesmas with Kapitasi, pembiayaan (6, 6.1, 6.2) and SiLPA
    "rsud": ("RS01", 2026, 3, 80),
    "lab": ("LAB01", 2027, 3, None),  # LAB01 reports from 2027-01
    "january": ("PKM03", 2026, 1, None),
}
# The plain template layout; the BKU closes with a Jumlah row.
PLAIN = dataclasses.replace(Layout(), bku_jumlah_row=True)


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, Base]:
    folder = tmp_path_factory.mktemp("bases")
    out = {}
    for name, (kode, tahun, bulan, bku_rows) in BASES.items():
        report = make_report(kode, tahun, bulan, bku_rows=bku_rows)
        path = folder / f"{name}.xlsx"
        cells = write_xlsx(report, PLAIN, path)
        out[name] = Base(path, report, cells, validate_file(path, DISTRICT, lang="id"))
    return out


class Case:
    """A fresh copy of a valid workbook to break."""

    def __init__(self, base: Base, folder: Path):
        self.base = base
        self.report = base.report
        self.cells = base.cells
        self.path = folder / base.path.name
        shutil.copyfile(base.path, self.path)
        self._result: FileResult | None = None

    @property
    def lra(self):
        return self.cells.lra

    @property
    def bku(self):
        return self.cells.bku

    @property
    def kap(self):
        return self.cells.kapitasi

    @property
    def ident(self):
        return self.cells.identitas

    def set(self, sheet: str, cell: str, value) -> None:
        set_cell(self.path, sheet, cell, value)

    @contextmanager
    def edit(self) -> Iterator[openpyxl.Workbook]:
        workbook = openpyxl.load_workbook(self.path)
        yield workbook
        workbook.save(self.path)

    def validate(self) -> FileResult:
        return validate_file(self.path, DISTRICT, lang="id")


def _case(name):
    @pytest.fixture
    def fixture(bases, tmp_path) -> Case:
        return Case(bases[name], tmp_path)

    return fixture


pkm = _case("pkm")
rsud = _case("rsud")
lab = _case("lab")
january = _case("january")


def summary(result: FileResult) -> str:
    return "\n".join(f"  {f.rule} {f.severity} {f.sheet}!{f.cell or f.row} value={f.value} expected={f.expected}"
                     for f in result.findings) or "  (none)"


def expect(case: Case, rule: str, sheet: str, at, result: FileResult | None = None) -> Finding:
    """The unchanged workbook has no `rule` finding; the changed one has it at `at`: a cell
    ("F17"), an int (that Excel row), or None (sheet-level: row and column null)."""
    before = [f for f in case.base.result.findings if f.rule == rule]
    assert not before, f"the valid workbook already has {rule}:\n{summary(case.base.result)}"
    result = result or case.validate()

    def here(f: Finding) -> bool:
        if f.rule != rule or f.sheet != sheet:
            return False
        if at is None:
            return f.row is None and f.column is None
        if isinstance(at, int):
            return f.row == at
        return f.cell == at

    hits = [f for f in result.findings if here(f)]
    assert hits, f"no {rule} at {sheet}!{at}; findings:\n{summary(result)}"
    finding = hits[0]
    assert finding.severity == ("warning" if rule in WARNINGS else "error")
    if finding.severity == "error":
        assert result.status in ("invalid", "unreadable") and result.errors
    return finding


def rules_of(result: FileResult) -> set[str]:
    return {f.rule for f in result.findings}


# --- choosing rows ---------------------------------------------------------------------------

def entries(report: Report, code: Code) -> list[int]:
    """BKU indexes (1.. = transactions) booked on `code`."""
    return [i for i, row in enumerate(report.bku) if i and row.kode == code]


def spending_leaf(report: Report, min_entries: int = 1):
    """A belanja leaf with realisation this month, room left in its budget and BKU entries."""
    return next(r for r in report.lra if r.leaf and r.code[0] == 5 and r.bulan_ini > 0
                and r.sisa > 1_000_000 and r.sd_lalu > 1_000_000 and len(entries(report, r.code)) >= min_entries)


def parent_row(report: Report, size: int = 3):
    return next(r for r in report.lra if not r.leaf and len(r.code) == size and r.code[0] == 5)


def payment_entry(report: Report, min_entries: int = 2) -> int:
    """A coded BKU payment whose account has at least `min_entries` entries."""
    leaf = spending_leaf(report, min_entries)
    return entries(report, leaf.code)[1]


def uncoded_entry(report: Report) -> int:
    return next(i for i, row in enumerate(report.bku) if i and row.kode is None)


def chart_sibling(report: Report, code: Code) -> Code | None:
    """A chart account under the same 5-segment parent as `code`, absent from the LRA."""
    present = {r.code for r in report.lra}
    return next((c for c in sorted(DISTRICT.chart) if len(c) == 6 and c[:5] == code[:5]
                 and c != code and c not in present), None)


def leaf_with_sibling(report: Report):
    """A belanja leaf with at least two BKU entries and a chart sibling absent from the LRA."""
    return next(r for r in report.lra if r.leaf and r.code[0] == 5 and len(entries(report, r.code)) >= 2
                and chart_sibling(report, r.code))


def shift_lra(case: Case, code: Code, field: str, delta: Decimal) -> None:
    """Add `delta` to `field` ('anggaran', 'sd_lalu' or 'bulan_ini') of account `code` and keep
    every LRA relation: its s.d. Bulan Ini, Sisa and %, every present ancestor, the computed rows."""
    report, lra = case.report, case.lra
    change = {f: (delta if f == field else Decimal(0)) for f in ("anggaran", "sd_lalu", "bulan_ini")}
    present = {r.code: r for r in report.lra}
    lines = [(code[:n], present[code[:n]]) for n in range(1, len(code) + 1) if code[:n] in present]
    sign = {(4,): ("surplus", 1), (5,): ("surplus", -1), (6, 1): ("netto", 1), (6, 2): ("netto", -1)}
    part = sign.get(code[:1]) or sign[code[:2]]
    computed = {c.key: c for c in report.computed}
    lines.append((part[0], computed[part[0]]))
    if "silpa" in computed:
        lines.append(("silpa", computed["silpa"]))
    with case.edit() as workbook:
        ws = workbook[lra.sheet]
        for key, line in lines:
            factor = part[1] if isinstance(key, str) else 1
            new = Amounts(*(line.amount(f) + factor * change[f] for f in ("anggaran", "sd_lalu", "bulan_ini")))
            for f in AMOUNT_FIELDS:
                ws[lra[(key, f)]] = float(new.amount(f))
            if not isinstance(key, str):
                ws[lra[(key, "persen")]] = None if new.persen is None else float(new.persen)


# --- valid workbooks: zero findings ----------------------------------------------------------

def test_the_plain_workbooks_are_valid(bases):
    for name, base in bases.items():
        assert base.result.status == "valid", name
        assert base.result.findings == [], f"{name}:\n{summary(base.result)}"


VALID_CASES = [("RS02", 2026, 3, 11), ("PKM07", 2026, 12, 12), ("LAB01", 2027, 6, 13),
               ("PKM19", 2026, 1, 14), ("RS03", 2026, 7, 15), ("PKM11", 2026, 3, 16)]
WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}


@pytest.mark.parametrize("suffix", list(WRITERS))
@pytest.mark.parametrize("kode,tahun,bulan,seed", VALID_CASES)
def test_valid_workbooks_in_random_layouts_and_every_format_have_no_findings(tmp_path, kode, tahun, bulan,
                                                                             seed, suffix):
    report = make_report(kode, tahun, bulan, seed=seed, bku_rows=60)
    layout = Layout.random(random.Random(seed * 7 + len(suffix)))
    path = tmp_path / f"{kode}.{suffix}"
    WRITERS[suffix](report, layout, path)
    result = validate_file(path, DISTRICT, lang="id")
    assert result.findings == [], f"{layout.describe()}:\n{summary(result)}"
    assert result.status == "valid"
    assert (result.kode_blud, result.tahun, result.bulan, result.revisi) == (kode, tahun, bulan, 0)


# --- file.* ----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ["text", "truncated"])
def test_file_unreadable(pkm, content):
    if content == "text":
        pkm.path.write_text("Kode BLUD;PKM03\nBulan;3\n", encoding="utf-8")
    else:
        data = pkm.path.read_bytes()
        pkm.path.write_bytes(data[: len(data) // 2])
    result = pkm.validate()
    assert result.status == "unreadable"
    assert [f.rule for f in result.findings] == ["file.unreadable"]
    finding = expect(pkm, "file.unreadable", None, None, result)
    assert finding.severity == "error"


@pytest.mark.parametrize("sheet", ["LRA", "BKU", "Kapitasi"])
def test_file_sheet_missing(pkm, sheet):
    with pkm.edit() as workbook:
        del workbook[sheet]
    expect(pkm, "file.sheet-missing", sheet, None)


def test_kapitasi_is_not_required_from_a_rsud(rsud):
    assert "Kapitasi" not in openpyxl.load_workbook(rsud.path, read_only=True).sheetnames
    assert "file.sheet-missing" not in rules_of(rsud.validate())


@pytest.mark.parametrize("copy_name", ["bku ", " Bku"])
def test_file_sheet_ambiguous(pkm, copy_name):
    with pkm.edit() as workbook:
        copy = workbook.copy_worksheet(workbook["BKU"])
        copy.title = copy_name
        workbook.move_sheet(copy, offset=workbook.index(workbook["BKU"]) - workbook.index(copy) + 1)
    result = pkm.validate()
    hits = [f for f in result.findings if f.rule == "file.sheet-ambiguous"]
    assert len(hits) == 1, summary(result)
    assert hits[0].sheet in ("BKU", copy_name) and hits[0].row is None and hits[0].column is None
    assert hits[0].severity == "error" and result.status == "invalid"
    assert not [f for f in pkm.base.result.findings if f.rule == "file.sheet-ambiguous"]


def test_other_sheets_are_ignored(pkm):
    with pkm.edit() as workbook:
        workbook.create_sheet("Catatan")["A1"] = "bukan bagian template"
    assert pkm.validate().findings == []


# --- cell.* ----------------------------------------------------------------------------------

def test_cell_formula_without_cached_value(pkm):
    parent = parent_row(pkm.report)
    cell = pkm.lra[(parent.code, "anggaran")]
    pkm.set(pkm.lra.sheet, cell, "=SUM(D20:D25)")
    expect(pkm, "cell.formula-no-value", pkm.lra.sheet, cell)


@pytest.mark.parametrize("literal", ["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?"])
def test_cell_error_value_in_the_lra(pkm, literal):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "anggaran")]
    pkm.set(pkm.lra.sheet, cell, literal)
    assert expect(pkm, "cell.error-value", pkm.lra.sheet, cell).value == literal


@pytest.mark.parametrize("where", ["identitas", "bku", "kapitasi"])
def test_cell_error_value_on_other_sheets(pkm, where):
    sheet, cell = {
        "identitas": (pkm.ident.sheet, pkm.ident["Tahun Anggaran"]),
        "bku": (pkm.bku.sheet, pkm.bku[(5, "saldo")]),
        "kapitasi": (pkm.kap.sheet, pkm.kap[("jasa", "bulan_ini")]),
    }[where]
    pkm.set(sheet, cell, "#REF!")
    assert expect(pkm, "cell.error-value", sheet, cell).value == "#REF!"


@pytest.mark.parametrize("content", ['="Surplus/(Defisit)"', "#REF!"])
def test_an_untrusted_label_is_reported_at_its_cell_not_as_an_unknown_row(pkm, content):
    """A computed row whose label is a formula without a value (or an error) cannot be told from
    any other row: the label's cell is the cause, reported instead of the row."""
    cell = pkm.lra[("surplus", "uraian")]
    pkm.set(pkm.lra.sheet, cell, content)
    result = pkm.validate()
    rule = "cell.error-value" if content.startswith("#") else "cell.formula-no-value"
    expect(pkm, rule, pkm.lra.sheet, cell, result)
    assert "table.row-unrecognised" not in rules_of(result), summary(result)


def test_a_date_under_the_lra_is_the_signature_block(pkm):
    """'Muara Harapan, 3 April 2026' with the date in its own cell of the Kode column, below the
    table: not an account."""
    column, row = coordinate_from_string(pkm.lra[("silpa", "kode")])
    pkm.set(pkm.lra.sheet, f"{column}{row + 4}", date(2026, 4, 3))
    pkm.set(pkm.lra.sheet, f"{column}{row + 5}", "Muara Harapan, 3 April 2026")
    assert pkm.validate().findings == []


def sibling_leaves(report: Report) -> list:
    """The leaves, in sheet order, of the first belanja account with two or more leaves, all
    with BKU entries."""
    def leaves(parent):
        return [r for r in report.lra if r.code[:-1] == parent.code and r.leaf]

    return next(found for parent in report.lra if parent.code[0] == 5 and not parent.leaf
                if len(found := leaves(parent)) > 1 and all(entries(report, r.code) for r in found))


@pytest.mark.parametrize("content", ["5.1.O2.01.01.0024", "5,1,2", date(2002, 1, 5), "#REF!", '="5.1.2"'])
@pytest.mark.parametrize("place", [0, -1])
def test_an_unreadable_lra_code_is_one_finding(pkm, content, place):
    """A leaf whose code cannot be read (a typo, a date Excel made of a typed 5.1.2, an error
    value, a formula without a value) is reported at its code, once: its amounts still count in
    the sums of the account it sits under, and the BKU entries of its code are not reported as
    missing from the LRA."""
    leaves = sibling_leaves(pkm.report)
    cell = pkm.lra[(leaves[place].code, "kode")]
    pkm.set(pkm.lra.sheet, cell, content)
    result = pkm.validate()
    rule = {"#": "cell.error-value", "=": "cell.formula-no-value"}.get(str(content)[0], "value.code-invalid")
    expect(pkm, rule, pkm.lra.sheet, cell, result)
    assert rules_of(result) == {rule}, summary(result)


@pytest.mark.parametrize("field", ["kode", "no_bukti"])
@pytest.mark.parametrize("content", ["#N/A", '="X"'])
def test_an_untrusted_bku_cell_is_one_finding(pkm, field, content):
    """A BKU entry's code or voucher number that cannot be read is reported once: the entry's
    amount still counts towards the LRA leaf that lacks exactly it, and an unknown voucher number
    is not also an empty one."""
    cell = pkm.bku[(payment_entry(pkm.report, min_entries=1), field)]
    pkm.set(pkm.bku.sheet, cell, content)
    result = pkm.validate()
    rule = "cell.error-value" if content.startswith("#") else "cell.formula-no-value"
    expect(pkm, rule, pkm.bku.sheet, cell, result)
    assert rules_of(result) == {rule}, summary(result)


# --- value.* ---------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", [0, 1, 2])
def test_value_amount_as_text_in_the_lra_is_a_warning(pkm, variant):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "anggaran")]
    text = rupiah_text(leaf.anggaran, variant)  # 1.234.000 | Rp 1.234.000 | Rp.1.234.000,00
    pkm.set(pkm.lra.sheet, cell, text)
    result = pkm.validate()
    finding = expect(pkm, "value.amount-as-text", pkm.lra.sheet, cell, result)
    assert finding.value == text
    assert result.status == "valid" and rules_of(result) == {"value.amount-as-text"}, summary(result)


def test_value_amount_as_text_in_the_bku_is_a_warning(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "pengeluaran")]
    text = rupiah_text(pkm.report.bku[i].pengeluaran, 1)
    pkm.set(pkm.bku.sheet, cell, text)
    result = pkm.validate()
    assert expect(pkm, "value.amount-as-text", pkm.bku.sheet, cell, result).value == text
    assert result.status == "valid" and rules_of(result) == {"value.amount-as-text"}, summary(result)


@pytest.mark.parametrize("zero", ["-", None, " "])
def test_a_dash_or_empty_amount_is_zero_without_finding(pkm, zero):
    leaf = next(r for r in pkm.report.lra if r.leaf and r.code[0] == 5 and not r.bulan_ini)
    pkm.set(pkm.lra.sheet, pkm.lra[(leaf.code, "bulan_ini")], zero)
    assert pkm.validate().findings == []


@pytest.mark.parametrize("text", ["satu juta", "12,5 juta", "Rp ---"])
def test_value_amount_invalid(pkm, text):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "anggaran")]
    pkm.set(pkm.lra.sheet, cell, text)
    assert expect(pkm, "value.amount-invalid", pkm.lra.sheet, cell).value == text


def test_a_long_text_is_repeated_cut_short(pkm):
    """A cell of pasted notes: the finding shows its first 100 characters, in the value and in the
    message, not pages of text."""
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "anggaran")]
    pkm.set(pkm.lra.sheet, cell, "catatan " * 3000)
    finding = expect(pkm, "value.amount-invalid", pkm.lra.sheet, cell)
    assert finding.value == ("catatan " * 13)[:100] + "…"
    assert finding.value in finding.message and len(finding.message) < 200


def test_value_amount_invalid_in_the_bku(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "pengeluaran")]
    pkm.set(pkm.bku.sheet, cell, "lunas")
    assert expect(pkm, "value.amount-invalid", pkm.bku.sheet, cell).value == "lunas"


@pytest.mark.parametrize("text", ["5.1.O2.01.01.0024", "ATK", "5-1-02"])
def test_value_code_invalid_in_the_bku(pkm, text):
    i = uncoded_entry(pkm.report)  # a tax or transfer row: its amount counts towards no account
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, text)
    assert expect(pkm, "value.code-invalid", pkm.bku.sheet, cell).value == text


def test_value_code_invalid_in_the_lra(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "kode")]
    pkm.set(pkm.lra.sheet, cell, "5.1.02.01.01.00A4")
    assert expect(pkm, "value.code-invalid", pkm.lra.sheet, cell).value == "5.1.02.01.01.00A4"


def test_codes_are_compared_by_segment_numbers(pkm):
    leaf = spending_leaf(pkm.report, 2)
    i = entries(pkm.report, leaf.code)[0]
    with pkm.edit() as workbook:
        workbook[pkm.lra.sheet][pkm.lra[(leaf.code, "kode")]] = f" {format_code(leaf.code)} "
        workbook[pkm.bku.sheet][pkm.bku[(i, "kode")]] = ".".join(map(str, leaf.code))  # unpadded
    assert pkm.validate().findings == []


@pytest.mark.parametrize("where,text", [("bku", "31/02/2026"), ("bku", "besok"),
                                        ("identitas", "awal April 2026")])
def test_value_date_invalid(pkm, where, text):
    sheet, cell = ((pkm.bku.sheet, pkm.bku[(3, "tanggal")]) if where == "bku"
                   else (pkm.ident.sheet, pkm.ident["Tanggal Laporan"]))
    pkm.set(sheet, cell, text)
    assert expect(pkm, "value.date-invalid", sheet, cell).value == text


@pytest.mark.parametrize("text", ["15/03/2026", "15-03-2026", "2026-03-15", "15 Maret 2026"])
def test_dates_typed_as_text_are_read(pkm, text):
    first = pkm.report.bku[1].tanggal
    i = next(i for i, row in enumerate(pkm.report.bku) if i > 1 and row.tanggal >= date(2026, 3, 15)
             and pkm.report.bku[i - 1].tanggal <= date(2026, 3, 15))
    assert first <= date(2026, 3, 15)
    pkm.set(pkm.bku.sheet, pkm.bku[(i, "tanggal")], text)
    assert pkm.validate().findings == []


# --- identitas.* -----------------------------------------------------------------------------

REQUIRED = ["Kode BLUD", "Nama BLUD", "Jenis BLUD", "Pemerintah Daerah", "Tahun Anggaran", "Bulan",
            "Tanggal Laporan", "Nama Pemimpin BLUD", "NIP Pemimpin BLUD", "Nama Pejabat Keuangan",
            "NIP Pejabat Keuangan"]


@pytest.mark.parametrize("label", REQUIRED)
def test_identitas_required_value_empty(pkm, label):
    cell = pkm.ident[label]
    pkm.set(pkm.ident.sheet, cell, None)
    expect(pkm, "identitas.required", pkm.ident.sheet, cell)


def test_identitas_required_label_row_missing(pkm):
    row = int(pkm.ident["Pemerintah Daerah"][1:])
    with pkm.edit() as workbook:
        workbook[pkm.ident.sheet].delete_rows(row)
    expect(pkm, "identitas.required", pkm.ident.sheet, None)


def test_identitas_revisi_may_be_empty(pkm):
    pkm.set(pkm.ident.sheet, pkm.ident["Revisi"], None)
    result = pkm.validate()
    assert result.findings == [] and result.revisi == 0


def test_identitas_kode_unknown(pkm):
    cell = pkm.ident["Kode BLUD"]
    pkm.set(pkm.ident.sheet, cell, "PKM99")
    assert expect(pkm, "identitas.kode-unknown", pkm.ident.sheet, cell).value == "PKM99"


def test_identitas_nama_mismatch(pkm):
    cell = pkm.ident["Nama BLUD"]
    pkm.set(pkm.ident.sheet, cell, "Puskesmas Tanjung Laut Baru")
    result = pkm.validate()
    finding = expect(pkm, "identitas.nama-mismatch", pkm.ident.sheet, cell, result)
    assert (finding.value, finding.expected) == ("Puskesmas Tanjung Laut Baru", "Puskesmas Tanjung Laut")
    assert result.status == "valid"


@pytest.mark.parametrize("text", ["Klinik", "Rumah Sakit", "UPT"])
def test_identitas_jenis_invalid(pkm, text):
    cell = pkm.ident["Jenis BLUD"]
    pkm.set(pkm.ident.sheet, cell, text)
    assert expect(pkm, "identitas.jenis-invalid", pkm.ident.sheet, cell).value == text


def test_identitas_jenis_mismatch(pkm):
    cell = pkm.ident["Jenis BLUD"]
    pkm.set(pkm.ident.sheet, cell, "RSUD")
    finding = expect(pkm, "identitas.jenis-mismatch", pkm.ident.sheet, cell)
    assert (finding.value, finding.expected) == ("RSUD", "Puskesmas")


@pytest.mark.parametrize("value", ["26", "dua ribu dua puluh enam", 26, "2026/27"])
def test_identitas_tahun_invalid(pkm, value):
    cell = pkm.ident["Tahun Anggaran"]
    pkm.set(pkm.ident.sheet, cell, value)
    assert expect(pkm, "identitas.tahun-invalid", pkm.ident.sheet, cell).value == str(value)


@pytest.mark.parametrize("value", ["Maretz", 13, "0", "Q1"])
def test_identitas_bulan_invalid(pkm, value):
    cell = pkm.ident["Bulan"]
    pkm.set(pkm.ident.sheet, cell, value)
    assert expect(pkm, "identitas.bulan-invalid", pkm.ident.sheet, cell).value == str(value)


@pytest.mark.parametrize("value", ["Maret", "MARET", "03", 3])
def test_identitas_bulan_spellings(pkm, value):
    pkm.set(pkm.ident.sheet, pkm.ident["Bulan"], value)
    result = pkm.validate()
    assert result.findings == [] and result.bulan == 3


def test_identitas_tanggal_early(pkm):
    cell = pkm.ident["Tanggal Laporan"]
    pkm.set(pkm.ident.sheet, cell, date(2026, 3, 30))
    result = pkm.validate()
    assert expect(pkm, "identitas.tanggal-early", pkm.ident.sheet, cell, result).value == "2026-03-30"
    assert result.status == "valid"


def test_identitas_tanggal_on_the_last_day_is_not_early(pkm):
    pkm.set(pkm.ident.sheet, pkm.ident["Tanggal Laporan"], date(2026, 3, 31))
    assert pkm.validate().findings == []


def _add_identitas_row(case: Case, label: str, value) -> str:
    """A labelled row below the Identitas block, laid out like Revisi; returns its value cell."""
    letters, _ = coordinate_from_string(case.ident["Revisi"])
    column = column_index_from_string(letters)
    with case.edit() as workbook:
        sheet = workbook[case.ident.sheet]
        row = sheet.max_row + 2
        sheet.cell(row, column - 1, label)
        sheet.cell(row, column, value)
    return f"{letters}{row}"


@pytest.mark.parametrize("value", ["v1", "V1", "1", "Versi 1"])
def test_identitas_template_version_current(pkm, value):
    _add_identitas_row(pkm, "Versi Template", value)
    result = pkm.validate()
    assert result.findings == [] and result.versi_template == value


def test_identitas_template_version(pkm):
    cell = _add_identitas_row(pkm, "Versi Template", "v0")
    result = pkm.validate()
    finding = expect(pkm, "identitas.template-version", pkm.ident.sheet, cell, result)
    assert (finding.value, finding.expected, finding.severity) == ("v0", "v1", "warning")
    assert result.status == "valid" and result.versi_template == "v0"


@pytest.mark.parametrize("value", [-1, "satu", 1.5, "1a"])
def test_identitas_revisi_invalid(pkm, value):
    cell = pkm.ident["Revisi"]
    pkm.set(pkm.ident.sheet, cell, value)
    expect(pkm, "identitas.revisi-invalid", pkm.ident.sheet, cell)


@pytest.mark.parametrize("label", ["NIP Pemimpin BLUD", "NIP Pejabat Keuangan"])
@pytest.mark.parametrize("nip", [
    "19800101 200501 1 01",     # 17 digits
    "19800101 200501 1 0011",   # 19 digits
    "19801301 200501 1 001",    # birth month 13
    "19800230 200501 1 001",    # 30 February
    "19800101 200513 1 001",    # appointment month 13
    "19800101 199001 1 001",    # appointed at 10
    "19800101 200501 3 001",    # gender digit 3
    "1980O101 200501 1 001",    # letter O
])
def test_identitas_nip_invalid(pkm, label, nip):
    cell = pkm.ident[label]
    pkm.set(pkm.ident.sheet, cell, nip)
    expect(pkm, "identitas.nip-invalid", pkm.ident.sheet, cell)


def test_identitas_nip_without_spaces_is_valid(pkm):
    pkm.set(pkm.ident.sheet, pkm.ident["NIP Pemimpin BLUD"], pkm.report.identitas.pemimpin.nip)
    assert pkm.validate().findings == []


@pytest.mark.parametrize("label", ["NIP Pemimpin BLUD", "NIP Pejabat Keuangan"])
def test_identitas_nip_as_number(pkm, label):
    cell = pkm.ident[label]
    person = pkm.report.identitas.pemimpin if "Pemimpin" in label else pkm.report.identitas.pejabat_keuangan
    pkm.set(pkm.ident.sheet, cell, int(person.nip))
    expect(pkm, "identitas.nip-as-number", pkm.ident.sheet, cell)


def _not_active(result: FileResult, cells: CellMap) -> list[Finding]:
    where = {cells.identitas[label] for label in ("Kode BLUD", "Tahun Anggaran", "Bulan")}
    return [f for f in result.findings if f.rule == "identitas.not-active"
            and f.sheet == cells.identitas.sheet and f.cell in where]


def test_identitas_not_active_before_aktif_sejak(lab, tmp_path):
    """LAB01 is active from 2027-01: its (otherwise valid) report for December 2026 is an error."""
    assert not [f for f in lab.base.result.findings if f.rule == "identitas.not-active"]
    report = make_report("LAB01", 2026, 12)
    path = tmp_path / "lab-2026-12.xlsx"
    cells = write_xlsx(report, PLAIN, path)
    result = validate_file(path, DISTRICT, lang="id")
    hits = _not_active(result, cells)
    assert hits, summary(result)
    assert hits[0].severity == "error" and result.status == "invalid"
    assert rules_of(result) == {"identitas.not-active"}, summary(result)


def test_identitas_not_active_when_tahun_is_changed(lab):
    lab.set(lab.ident.sheet, lab.ident["Tahun Anggaran"], 2026)
    result = lab.validate()
    assert _not_active(result, lab.cells), summary(result)


# --- table.* ---------------------------------------------------------------------------------

def test_table_header_missing_in_the_lra(pkm):
    pkm.set(pkm.lra.sheet, pkm.lra.headers["kode"], "Rekening")
    expect(pkm, "table.header-missing", pkm.lra.sheet, None)


@pytest.mark.parametrize("table", ["bku", "kap"])
def test_table_header_missing_when_every_header_label_is_cleared(pkm, table):
    cells = getattr(pkm, table)
    with pkm.edit() as workbook:
        ws = workbook[cells.sheet]
        for cell in cells.headers.values():
            ws[cell] = None
    expect(pkm, "table.header-missing", cells.sheet, None)


@pytest.mark.parametrize("field,text", [("anggaran", "Pagu"), ("sd_lalu", "Realisasi Tahun Lalu"),
                                        ("bulan_ini", "Realisasi Minggu Ini"), ("sd_ini", "Jumlah")])
def test_table_column_missing_in_the_lra_renamed_header(pkm, field, text):
    pkm.set(pkm.lra.sheet, pkm.lra.headers[field], text)
    finding = expect(pkm, "table.column-missing", pkm.lra.sheet, None)
    label = DISTRICT.schemas["lra"].fields[field].label
    assert label in finding.message


def test_table_column_missing_in_the_lra_deleted_column(pkm):
    with pkm.edit() as workbook:
        workbook[pkm.lra.sheet].delete_cols(pkm.lra.columns["sd_lalu"])
    finding = expect(pkm, "table.column-missing", pkm.lra.sheet, None)
    assert DISTRICT.schemas["lra"].fields["sd_lalu"].label in finding.message


@pytest.mark.parametrize("field", ["saldo", "no_bukti", "tanggal", "pengeluaran", "kode"])
def test_table_column_missing_in_the_bku_deleted_column(pkm, field):
    """One finding: the checks that need the column do not run (without Kode Rekening, no entry
    is compared with the LRA)."""
    with pkm.edit() as workbook:
        workbook[pkm.bku.sheet].delete_cols(pkm.bku.columns[field])
    result = pkm.validate()
    finding = expect(pkm, "table.column-missing", pkm.bku.sheet, None, result)
    assert DISTRICT.schemas["bku"].fields[field].label in finding.message
    assert rules_of(result) == {"table.column-missing"}, summary(result)


def test_table_column_missing_in_the_bku_renamed_header(pkm):
    pkm.set(pkm.bku.sheet, pkm.bku.headers["no_bukti"], "Nomor Urut")
    finding = expect(pkm, "table.column-missing", pkm.bku.sheet, None)
    assert "No. Bukti" in finding.message


def test_optional_lra_columns_may_be_missing(pkm):
    with pkm.edit() as workbook:
        ws = workbook[pkm.lra.sheet]
        ws.delete_cols(pkm.lra.columns["persen"])
        ws.delete_cols(pkm.lra.columns["sisa"])
    assert pkm.validate().findings == []


def test_table_row_unrecognised_inside_the_lra(pkm):
    row = pkm.lra.rows[(5,)]  # between Pendapatan and Belanja
    with pkm.edit() as workbook:
        ws = workbook[pkm.lra.sheet]
        ws.insert_rows(row)
        ws.cell(row=row, column=pkm.lra.columns["uraian"], value="Catatan: realisasi belum diaudit")
    result = pkm.validate()
    expect(pkm, "table.row-unrecognised", pkm.lra.sheet, row, result)
    assert result.status == "valid" and rules_of(result) == {"table.row-unrecognised"}, summary(result)


def test_blank_rows_inside_the_lra_are_skipped(pkm):
    row = pkm.lra.rows[(5,)]
    with pkm.edit() as workbook:
        workbook[pkm.lra.sheet].insert_rows(row, 2)
    assert pkm.validate().findings == []


# --- lra.* -----------------------------------------------------------------------------------

def test_lra_code_unknown(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "kode")]
    unknown = format_code(leaf.code[:5]) + ".9876"
    pkm.set(pkm.lra.sheet, cell, unknown)
    assert expect(pkm, "lra.code-unknown", pkm.lra.sheet, cell).value == unknown


def test_lra_code_with_blud_detail_under_a_chart_account_is_known(pkm):
    leaf = spending_leaf(pkm.report)
    pkm.set(pkm.lra.sheet, pkm.lra[(leaf.code, "kode")], format_code(leaf.code) + ".1")
    assert "lra.code-unknown" not in rules_of(pkm.validate())


def test_lra_code_duplicate(pkm):
    first, second = [r for r in pkm.report.lra if r.leaf and r.code[:5] == (5, 1, 2, 1, 1)][:2]
    cell = pkm.lra[(second.code, "kode")]
    pkm.set(pkm.lra.sheet, cell, format_code(first.code))
    finding = expect(pkm, "lra.code-duplicate", pkm.lra.sheet, cell)
    assert finding.value == format_code(first.code)


@pytest.mark.parametrize("root", [(4,), (6, 2)])
def test_lra_root_missing(pkm, root):
    with pkm.edit() as workbook:
        workbook[pkm.lra.sheet].delete_rows(pkm.lra.rows[root])
    result = pkm.validate()
    hits = [f for f in result.findings if f.rule == "lra.root-missing" and f.sheet == pkm.lra.sheet]
    assert hits and hits[0].severity == "error", summary(result)
    assert format_code(root) in hits[0].message
    assert not [f for f in pkm.base.result.findings if f.rule == "lra.root-missing"]


def test_lra_pembiayaan_is_optional(rsud):
    assert (6,) not in {r.code for r in rsud.report.lra}
    assert "lra.root-missing" not in rules_of(rsud.validate())


@pytest.mark.parametrize("field", ["anggaran", "sd_lalu", "bulan_ini"])
def test_lra_parent_sum(pkm, field):
    parent = parent_row(pkm.report)
    cell = pkm.lra[(parent.code, field)]
    wrong = parent.amount(field) + 1_500_000
    pkm.set(pkm.lra.sheet, cell, float(wrong))
    finding = expect(pkm, "lra.parent-sum", pkm.lra.sheet, cell)
    assert (finding.value, finding.expected) == (rp(wrong), rp(parent.amount(field)))


def test_lra_parent_sum_over_skipped_levels(pkm):
    """5.1.02.01 is left out: 5.1.02 adds up its nearest present descendants (5.1.02.01.01)."""
    with pkm.edit() as workbook:
        workbook[pkm.lra.sheet].delete_rows(pkm.lra.rows[(5, 1, 2, 1)])
    assert pkm.validate().findings == []


def test_lra_cumulative(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "sd_ini")]
    pkm.set(pkm.lra.sheet, cell, float(leaf.sd_ini + 750_000))
    finding = expect(pkm, "lra.cumulative", pkm.lra.sheet, cell)
    assert (finding.value, finding.expected) == (rp(leaf.sd_ini + 750_000), rp(leaf.sd_lalu + leaf.bulan_ini))


def test_lra_remaining(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "sisa")]
    pkm.set(pkm.lra.sheet, cell, float(leaf.sisa - 2_000_000))
    finding = expect(pkm, "lra.remaining", pkm.lra.sheet, cell)
    assert (finding.value, finding.expected) == (rp(leaf.sisa - 2_000_000), rp(leaf.anggaran - leaf.sd_ini))


@pytest.mark.parametrize("off,found", [(Decimal(1), False), (Decimal(-1), False), (Decimal(2), True)])
def test_lra_remaining_within_the_tolerance(pkm, off, found):
    """Two amounts are equal when they differ by at most the district's tolerance (Rp 1,00)."""
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "sisa")]
    pkm.set(pkm.lra.sheet, cell, float(leaf.sisa + off))
    result = pkm.validate()
    assert any(f.rule == "lra.remaining" and f.cell == cell for f in result.findings) is found, summary(result)
    if not found:
        assert result.findings == [], summary(result)


def test_lra_codes_typed_into_numeric_cells(pkm):
    with pkm.edit() as workbook:
        ws = workbook[pkm.lra.sheet]
        ws[pkm.lra[((4,), "kode")]] = 4
        ws[pkm.lra[((5, 1), "kode")]] = 5.1
    assert pkm.validate().findings == []


def test_lra_percent(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "persen")]
    pkm.set(pkm.lra.sheet, cell, float(leaf.persen + Decimal("7.5")))
    finding = expect(pkm, "lra.percent", pkm.lra.sheet, cell)
    assert finding.expected == f"{leaf.persen:.2f}"


def test_lra_percent_as_a_fraction_is_accepted(pkm):
    leaf = spending_leaf(pkm.report)
    pkm.set(pkm.lra.sheet, pkm.lra[(leaf.code, "persen")], float(leaf.persen / 100))
    assert pkm.validate().findings == []


def test_lra_january_previous(january):
    leaf = spending_leaf_any(january.report)
    cell = january.lra[(leaf.code, "sd_lalu")]
    january.set(january.lra.sheet, cell, 1_000_000.0)
    finding = expect(january, "lra.january-previous", january.lra.sheet, cell)
    assert (finding.value, finding.expected) == (rp(1_000_000), rp(0))


def spending_leaf_any(report: Report):
    return next(r for r in report.lra if r.leaf and r.code[0] == 5 and r.bulan_ini > 0)


def test_lra_previous_realisation_outside_january_is_fine(pkm):
    assert any(r.sd_lalu for r in pkm.report.lra)
    assert "lra.january-previous" not in rules_of(pkm.base.result)


def test_lra_budget_negative(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "anggaran")]
    pkm.set(pkm.lra.sheet, cell, -float(leaf.anggaran))
    assert expect(pkm, "lra.budget-negative", pkm.lra.sheet, cell).value == rp(-leaf.anggaran)


def test_lra_computed_rows_may_be_negative(pkm):
    surplus = pkm.report.computed_row("surplus")
    assert surplus.anggaran < 0  # a budgeted deficit covered by last year's SiLPA
    assert pkm.base.result.findings == []


def test_lra_realisation_negative(pkm):
    leaf = spending_leaf(pkm.report)
    cell = pkm.lra[(leaf.code, "bulan_ini")]
    pkm.set(pkm.lra.sheet, cell, -250_000.0)
    assert expect(pkm, "lra.realisation-negative", pkm.lra.sheet, cell).value == rp(-250_000)


def test_lra_over_budget(pkm):
    leaf = spending_leaf(pkm.report)
    new_budget = leaf.sd_ini - 1_000
    shift_lra(pkm, leaf.code, "anggaran", new_budget - leaf.anggaran)
    result = pkm.validate()
    finding = expect(pkm, "lra.over-budget", pkm.lra.sheet, pkm.lra[(leaf.code, "sd_ini")], result)
    assert finding.value == rp(leaf.sd_ini)
    assert rules_of(result) == {"lra.over-budget"}, summary(result)


def _total_belanja_to(case: Case, target: Decimal) -> None:
    """Raise total belanja (row 5) s.d. Bulan Ini to `target` through s.d. Bulan Lalu of one leaf."""
    leaf = spending_leaf(case.report)
    shift_lra(case, leaf.code, "sd_lalu", target - case.report.row((5,)).sd_ini)


def test_lra_over_threshold(pkm):
    total = pkm.report.row((5,))
    ambang = DISTRICT.registry["PKM03"].ambang_batas_persen
    limit = total.anggaran * (1 + Decimal(ambang) / 100)
    target = limit.to_integral_value(ROUND_CEILING) + 1_000_000
    _total_belanja_to(pkm, target)
    result = pkm.validate()
    finding = expect(pkm, "lra.over-threshold", pkm.lra.sheet, pkm.lra[((5,), "sd_ini")], result)
    assert finding.value == rp(target)
    assert rules_of(result) <= {"lra.over-threshold", "lra.over-budget"}, summary(result)


def test_lra_at_the_threshold_is_only_over_budget(pkm):
    total = pkm.report.row((5,))
    ambang = DISTRICT.registry["PKM03"].ambang_batas_persen
    target = (total.anggaran * (1 + Decimal(ambang) / 100)).to_integral_value(ROUND_FLOOR)
    _total_belanja_to(pkm, target)
    result = pkm.validate()
    assert "lra.over-threshold" not in rules_of(result), summary(result)
    assert "lra.over-budget" in rules_of(result)
    assert result.status == "valid"


@pytest.mark.parametrize("key", ["surplus", "netto", "silpa"])
@pytest.mark.parametrize("field", ["anggaran", "sd_ini"])
def test_lra_computed_row(pkm, key, field):
    row = pkm.report.computed_row(key)
    cell = pkm.lra[(key, field)]
    wrong = row.amount(field) + 3_000_000
    pkm.set(pkm.lra.sheet, cell, float(wrong))
    finding = expect(pkm, "lra.computed-row", pkm.lra.sheet, cell)
    assert (finding.value, finding.expected) == (rp(wrong), rp(row.amount(field)))


def test_lra_computed_row_labels_ignore_punctuation(pkm):
    pkm.set(pkm.lra.sheet, pkm.lra[("surplus", "uraian")], "Surplus / (Defisit)")
    assert pkm.validate().findings == []


def test_lra_bku_mismatch(pkm):
    leaf = spending_leaf(pkm.report)
    shift_lra(pkm, leaf.code, "bulan_ini", Decimal(250_000))
    result = pkm.validate()
    finding = expect(pkm, "lra.bku-mismatch", pkm.lra.sheet, pkm.lra[(leaf.code, "bulan_ini")], result)
    bku_sum = sum(pkm.report.bku[i].pengeluaran for i in entries(pkm.report, leaf.code))
    assert (finding.value, finding.expected) == (rp(leaf.bulan_ini + 250_000), rp(bku_sum))
    assert rules_of(result) == {"lra.bku-mismatch"}, summary(result)


def test_lra_bku_mismatch_on_revenue(pkm):
    leaf = next(r for r in pkm.report.lra if r.leaf and r.code[0] == 4 and r.code != KAPITASI_CODE
                and len(entries(pkm.report, r.code)) >= 2)
    shift_lra(pkm, leaf.code, "bulan_ini", Decimal(-100_000))
    finding = expect(pkm, "lra.bku-mismatch", pkm.lra.sheet, pkm.lra[(leaf.code, "bulan_ini")])
    assert finding.expected == rp(leaf.bulan_ini)


def test_lra_code_not_in_bku(pkm):
    leaf = leaf_with_sibling(pkm.report)
    other = chart_sibling(pkm.report, leaf.code)
    cell = pkm.lra[(leaf.code, "kode")]
    pkm.set(pkm.lra.sheet, cell, format_code(other))
    finding = expect(pkm, "lra.code-not-in-bku", pkm.lra.sheet, cell)
    assert (finding.value, finding.expected) == (format_code(other), format_code(leaf.code))


# --- bku.* -----------------------------------------------------------------------------------

def test_bku_opening_missing(pkm):
    cell = pkm.bku[(0, "uraian")]
    pkm.set(pkm.bku.sheet, cell, "Kas bulan lalu")
    expect(pkm, "bku.opening-missing", pkm.bku.sheet, cell)


@pytest.mark.parametrize("field", ["penerimaan", "pengeluaran"])
def test_bku_opening_amount(pkm, field):
    cell = pkm.bku[(0, field)]
    pkm.set(pkm.bku.sheet, cell, 1_000_000.0)
    finding = expect(pkm, "bku.opening-amount", pkm.bku.sheet, cell)
    assert (finding.value, finding.expected) == (rp(1_000_000), rp(0))


@pytest.mark.parametrize("day", [date(2026, 2, 27), date(2025, 3, 2), date(2026, 4, 1)])
def test_bku_date_outside_month(pkm, day):
    i = 1 if day < date(2026, 3, 1) else len(pkm.report.bku) - 1  # keep the dates in order
    cell = pkm.bku[(i, "tanggal")]
    pkm.set(pkm.bku.sheet, cell, day)
    assert expect(pkm, "bku.date-outside-month", pkm.bku.sheet, cell).value == day.isoformat()


@pytest.mark.parametrize("label,written,expected", [("Bulan", "April", "2026-04"), ("Tahun Anggaran", 2025, "2025-03")])
def test_identitas_period_mismatch(pkm, label, written, expected):
    """Every BKU entry dated in one other month: the period on Identitas is the one wrong cell,
    not each of the entries."""
    cell = pkm.ident[label]
    pkm.set(pkm.ident.sheet, cell, written)
    result = pkm.validate()
    finding = expect(pkm, "identitas.period-mismatch", pkm.ident.sheet, cell, result)
    assert (finding.value, finding.expected) == (expected, "2026-03")
    assert "bku.date-outside-month" not in rules_of(result), summary(result)


def test_bku_date_order(pkm):
    bku = pkm.report.bku
    i = next(i for i in range(2, len(bku) - 1) if bku[i - 1].tanggal >= date(2026, 3, 10))
    cell = pkm.bku[(i, "tanggal")]
    pkm.set(pkm.bku.sheet, cell, date(2026, 3, 2))
    result = pkm.validate()
    expect(pkm, "bku.date-order", pkm.bku.sheet, cell, result)
    assert [f.cell for f in result.findings if f.rule == "bku.date-order"] == [cell]
    assert result.status == "valid"


@pytest.mark.parametrize("blank", [None, "-", " - "])
def test_bku_voucher_missing(pkm, blank):
    """'-' is the accountants' blank: no voucher number, not a number used twice."""
    cells = [pkm.bku[(i, "no_bukti")] for i in (7, 8)]
    for cell in cells:
        pkm.set(pkm.bku.sheet, cell, blank)
    expect(pkm, "bku.voucher-missing", pkm.bku.sheet, cells[0])
    findings = pkm.validate().findings
    assert [f.cell for f in findings if f.rule == "bku.voucher-missing"] == cells
    assert not [f for f in findings if f.rule == "bku.voucher-duplicate"]


def test_bku_voucher_duplicate(pkm):
    voucher = pkm.report.bku[6].no_bukti
    cell = pkm.bku[(7, "no_bukti")]
    pkm.set(pkm.bku.sheet, cell, voucher)
    finding = expect(pkm, "bku.voucher-duplicate", pkm.bku.sheet, cell)
    assert finding.value == voucher
    assert [f.cell for f in pkm.validate().findings if f.rule == "bku.voucher-duplicate"] == [cell]


def test_bku_one_side_both_filled(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "penerimaan")]
    pkm.set(pkm.bku.sheet, cell, 12_345.0)
    expect(pkm, "bku.one-side", pkm.bku.sheet, cell)


def test_bku_one_side_both_empty(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "pengeluaran")]
    pkm.set(pkm.bku.sheet, cell, 0)
    expect(pkm, "bku.one-side", pkm.bku.sheet, cell)


def test_bku_amount_negative(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "pengeluaran")]
    amount = pkm.report.bku[i].pengeluaran
    pkm.set(pkm.bku.sheet, cell, -float(amount))
    assert expect(pkm, "bku.amount-negative", pkm.bku.sheet, cell).value == rp(-amount)


def test_bku_balance_one_wrong_row_gives_one_finding(pkm):
    i = len(pkm.report.bku) // 2
    saldo = pkm.report.bku[i].saldo
    cell = pkm.bku[(i, "saldo")]
    pkm.set(pkm.bku.sheet, cell, float(saldo + 1_000_000))
    result = pkm.validate()
    finding = expect(pkm, "bku.balance", pkm.bku.sheet, cell, result)
    assert (finding.value, finding.expected) == (rp(saldo + 1_000_000), rp(saldo))
    assert [f.rule for f in result.findings] == ["bku.balance"], summary(result)


def test_bku_balance_negative(pkm):
    bku = pkm.report.bku
    lowest = min(range(1, len(bku)), key=lambda i: bku[i].saldo)
    drop = bku[lowest].saldo + 1_000  # every balance this much lower: the lowest ends at -1.000
    with pkm.edit() as workbook:
        ws = workbook[pkm.bku.sheet]
        for i, row in enumerate(bku):
            ws[pkm.bku[(i, "saldo")]] = float(row.saldo - drop)
        ws[pkm.bku[("jumlah", "saldo")]] = float(bku[-1].saldo - drop)
    cell = pkm.bku[(lowest, "saldo")]
    finding = expect(pkm, "bku.balance-negative", pkm.bku.sheet, cell)
    assert finding.value == rp(-1_000)


def test_bku_code_unknown(pkm):
    i = payment_entry(pkm.report)
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, "5.1.02.01.01.9876")
    assert expect(pkm, "bku.code-unknown", pkm.bku.sheet, cell).value == "5.1.02.01.01.9876"


def test_bku_code_side(pkm):
    i = payment_entry(pkm.report)
    revenue = next(r.code for r in pkm.report.lra if r.leaf and r.code[0] == 4)
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, format_code(revenue))
    assert expect(pkm, "bku.code-side", pkm.bku.sheet, cell).value == format_code(revenue)


def test_bku_code_side_on_a_receipt(pkm):
    i = next(i for i, row in enumerate(pkm.report.bku) if i and row.kode and row.penerimaan
             and row.kode != KAPITASI_CODE)
    spending = spending_leaf(pkm.report).code
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, format_code(spending))
    expect(pkm, "bku.code-side", pkm.bku.sheet, cell)


def test_bku_codes_may_be_empty(pkm):
    assert any(row.kode is None for row in pkm.report.bku[1:])
    assert pkm.base.result.findings == []


@pytest.mark.parametrize("field", ["penerimaan", "pengeluaran", "saldo"])
def test_bku_total(pkm, field):
    transactions = pkm.report.bku[1:]
    right = pkm.report.bku[-1].saldo if field == "saldo" else sum(getattr(r, field) for r in transactions)
    cell = pkm.bku[("jumlah", field)]
    pkm.set(pkm.bku.sheet, cell, float(right + 1_000_000))
    finding = expect(pkm, "bku.total", pkm.bku.sheet, cell)
    assert (finding.value, finding.expected) == (rp(right + 1_000_000), rp(right))


def test_bku_closing_row_is_optional(pkm):
    with pkm.edit() as workbook:
        workbook[pkm.bku.sheet].delete_rows(pkm.bku.rows["jumlah"])
    assert pkm.validate().findings == []


def test_bku_code_not_in_lra_chart_account_absent_from_the_lra(pkm):
    leaf = leaf_with_sibling(pkm.report)
    i = entries(pkm.report, leaf.code)[1]
    other = chart_sibling(pkm.report, leaf.code)
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, format_code(other))
    assert expect(pkm, "bku.code-not-in-lra", pkm.bku.sheet, cell).value == format_code(other)


def test_bku_code_not_in_lra_parent_account(pkm):
    i = payment_entry(pkm.report)
    parent = pkm.report.bku[i].kode[:3]  # present in the LRA, but it has children
    assert parent in {r.code for r in pkm.report.lra}
    cell = pkm.bku[(i, "kode")]
    pkm.set(pkm.bku.sheet, cell, format_code(parent))
    assert expect(pkm, "bku.code-not-in-lra", pkm.bku.sheet, cell).value == format_code(parent)


# --- kapitasi.* ------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["saldo_awal", "penerimaan", "jasa", "dukungan", "saldo_akhir"])
def test_kapitasi_row_missing(pkm, key):
    pkm.set(pkm.kap.sheet, pkm.kap[(key, "label")], "Lain-lain")
    result = pkm.validate()
    hits = [f for f in result.findings if f.rule == "kapitasi.row-missing" and f.sheet == pkm.kap.sheet]
    assert hits and hits[0].severity == "error", summary(result)
    assert not [f for f in pkm.base.result.findings if f.rule == "kapitasi.row-missing"]


@pytest.mark.parametrize("column, in_id, in_en", [("bulan_ini", "bulan ini", "this month"),
                                                  ("sd_ini", "s.d. bulan ini", "to date")])
def test_kapitasi_balance(pkm, column, in_id, in_en):
    """The message names its column in the message's own language."""
    right = getattr(pkm.report.kapitasi, column).saldo_akhir
    cell = pkm.kap[("saldo_akhir", column)]
    pkm.set(pkm.kap.sheet, cell, float(right + 1_000_000))
    finding = expect(pkm, "kapitasi.balance", pkm.kap.sheet, cell)
    assert (finding.value, finding.expected) == (rp(right + 1_000_000), rp(right))
    assert finding.message.endswith(f"({in_id})")
    english = validate_file(pkm.path, DISTRICT, lang="en").findings
    assert next(f for f in english if f.rule == "kapitasi.balance" and f.cell == cell).message.endswith(f"({in_en})")


@pytest.mark.parametrize("key", ["jasa", "dukungan"])
def test_kapitasi_amount_negative(pkm, key):
    amount = getattr(pkm.report.kapitasi.bulan_ini, key)
    cell = pkm.kap[(key, "bulan_ini")]
    pkm.set(pkm.kap.sheet, cell, -float(amount))
    assert expect(pkm, "kapitasi.amount-negative", pkm.kap.sheet, cell).value == rp(-amount)


def _jasa_share(case: Case, share: Decimal, rounding) -> Decimal:
    """Move s.d. Bulan Ini spending between jasa and dukungan (their total and the balance stay)."""
    column = case.report.kapitasi.sd_ini
    spent = column.jasa + column.dukungan
    jasa = (spent * share).to_integral_value(rounding)
    with case.edit() as workbook:
        ws = workbook[case.kap.sheet]
        ws[case.kap[("jasa", "sd_ini")]] = float(jasa)
        ws[case.kap[("dukungan", "sd_ini")]] = float(spent - jasa)
    return jasa / spent * 100


def test_kapitasi_jasa_share(pkm):
    share = _jasa_share(pkm, Decimal("0.5"), ROUND_FLOOR)
    result = pkm.validate()
    finding = expect(pkm, "kapitasi.jasa-share", pkm.kap.sheet, pkm.kap[("jasa", "sd_ini")], result)
    assert abs(Decimal(finding.value.rstrip("%")) - share) <= Decimal("0.01")
    assert rules_of(result) == {"kapitasi.jasa-share"}, summary(result)


def test_kapitasi_jasa_share_at_the_minimum_is_fine(pkm):
    _jasa_share(pkm, Decimal("0.6"), ROUND_CEILING)
    assert pkm.validate().findings == []


def test_kapitasi_lra_mismatch(pkm):
    cell = pkm.kap[("penerimaan", "bulan_ini")]
    lra_value = pkm.report.row(KAPITASI_CODE).bulan_ini
    assert lra_value == pkm.report.kapitasi.bulan_ini.penerimaan
    pkm.set(pkm.kap.sheet, cell, float(lra_value + 1_000_000))
    finding = expect(pkm, "kapitasi.lra-mismatch", pkm.kap.sheet, cell)
    assert (finding.value, finding.expected) == (rp(lra_value + 1_000_000), rp(lra_value))


# --- month to month: against last month's accepted report ----------------------------------------


def _last_month(case: Case):
    """Last month's report as validate keeps it, made to agree with this month's file: every
    account's s.d. Bulan Ini is this month's s.d. Bulan Lalu, the BKU closed at this month's
    opening Saldo, the capitation account continues."""
    content = validate_file(case.base.path, DISTRICT, keep=True).content
    content.identity.bulan -= 1
    for row in content.lra.accounts.values():
        row.amounts["sd_ini"] = row.amounts["sd_lalu"]
    report = case.report
    content.bku_closing = int(report.bku[0].saldo * 100)
    kap = content.kapitasi.amounts
    kap[("saldo_akhir", "bulan_ini")] = kap[("saldo_awal", "bulan_ini")]
    for key in ("penerimaan", "jasa", "dukungan"):
        kap[(key, "sd_ini")] -= kap[(key, "bulan_ini")]
    return content


def test_month_to_month_holds(pkm):
    result = validate_file(pkm.path, DISTRICT, previous=_last_month(pkm))
    assert result.findings == [] and result.skipped == []


def test_lra_previous_sd(pkm):
    leaf = next(row for row in pkm.report.lra if row.leaf and row.code[0] == 5)
    previous = _last_month(pkm)
    previous.lra.accounts[leaf.code].amounts["sd_ini"] += 150_000_00
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    cell = pkm.lra[(leaf.code, "sd_lalu")]
    finding = expect(pkm, "lra.previous-sd", pkm.lra.sheet, cell, result)
    assert (finding.value, finding.expected) == (rp(leaf.sd_lalu), rp(leaf.sd_lalu + 150_000))
    assert [f.rule for f in result.findings] == ["lra.previous-sd"]  # its parents are not reported again


def test_lra_budget_changed(pkm):
    leaf = next(row for row in pkm.report.lra if row.leaf and row.code[0] == 4)
    previous = _last_month(pkm)
    previous.lra.accounts[leaf.code].amounts["anggaran"] -= 1_000_000_00
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    finding = expect(pkm, "lra.budget-changed", pkm.lra.sheet, pkm.lra[(leaf.code, "anggaran")], result)
    assert finding.expected == rp(leaf.anggaran - 1_000_000)
    assert result.status == "valid"


def test_bku_previous_balance(pkm):
    previous = _last_month(pkm)
    previous.bku_closing += 50_000_00
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    expect(pkm, "bku.previous-balance", pkm.bku.sheet, pkm.bku[(0, "saldo")], result)


def test_kapitasi_previous_balance(pkm):
    previous = _last_month(pkm)
    previous.kapitasi.amounts[("saldo_akhir", "bulan_ini")] += 10_000_00
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    expect(pkm, "kapitasi.previous-balance", pkm.kap.sheet, pkm.kap[("saldo_awal", "bulan_ini")], result)


@pytest.mark.parametrize("key", ["saldo_awal", "penerimaan", "jasa", "dukungan"])
def test_kapitasi_previous_sd(pkm, key):
    previous = _last_month(pkm)
    previous.kapitasi.amounts[(key, "sd_ini")] += 10_000_00
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    expect(pkm, "kapitasi.previous-sd", pkm.kap.sheet, pkm.kap[(key, "sd_ini")], result)


@pytest.mark.parametrize("change", ["another month", "another BLUD"])
def test_month_to_month_is_skipped_for_a_report_that_does_not_follow(pkm, change):
    previous = _last_month(pkm)
    if change == "another month":
        previous.identity.bulan -= 1
    else:
        previous.identity.blud = DISTRICT.registry["PKM04"]
    previous.lra.accounts[next(iter(previous.lra.accounts))].amounts["sd_ini"] += 1  # would be a finding
    result = validate_file(pkm.path, DISTRICT, previous=previous)
    assert result.findings == [] and result.skipped == ["month-to-month"]


# --- the catalogue is covered ----------------------------------------------------------------

def test_every_catalogue_rule_has_a_test():
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [rule for rule in DISTRICT.rules if f'"{rule}"' not in source]
    assert untested == []
