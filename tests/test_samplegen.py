"""The sample generator: reports obey the contract (checked independently here), and
written workbooks hold each value where the CellMap says."""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from openpyxl.utils.cell import coordinate_to_tuple

from bludcli.samplegen import (IDENTITAS_LABELS, Formula, Layout, build_workbook, make_report,
                               save, set_cell, write_ods, write_xls, write_xlsx)
from bludcli.samplegen.samples import write_samples

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
CENT = Decimal("0.01")
AMOUNTS = ("anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa")
MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
          "oktober", "november", "desember")


def _read_csv(name: str) -> list[dict[str, str]]:
    with (RULES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CHART = {tuple(int(p) for p in row["kode"].split("."))
         for name in ("bagan-akun-kepmendagri-050-3708-2020.csv", "bagan-akun-blud-tambahan.csv")
         for row in _read_csv(name)}
REGISTRY = {row["kode_blud"]: row for row in _read_csv("registri-blud.csv")}
KAPITASI_CODE = (4, 1, 4, 18, 1, 1)

# (BLUD, month, seed): every type, January (no previous realisation) and December.
CASES = [("RS01", 3, 1), ("RS03", 1, 2), ("PKM03", 3, 3), ("PKM07", 12, 4), ("PKM19", 1, 5),
         ("LAB01", 6, 6), ("PKM11", 3, 7)]


@pytest.fixture(scope="module", params=CASES, ids=[f"{k}-{m}-{s}" for k, m, s in CASES])
def report(request):
    kode, bulan, seed = request.param
    return make_report(kode, 2026, bulan, seed=seed)


def _nearest_parent(code, present):
    return next((code[:n] for n in range(len(code) - 1, 0, -1) if code[:n] in present), None)


def _bku_sums(report) -> dict:
    sums = defaultdict(Decimal)
    for row in report.bku[1:]:
        if row.kode:
            sums[row.kode] += row.penerimaan + row.pengeluaran
    return sums


def assert_bku_consistent(report) -> None:
    """Contract §5 and the cross-sheet rule, checked row by row."""
    tahun, bulan = report.identitas.tahun, report.identitas.bulan
    opening, *rows = report.bku
    assert opening.uraian == "Saldo Awal" and not opening.penerimaan and not opening.pengeluaran
    previous, last_date, vouchers = opening.saldo, date(tahun, bulan, 1), set()
    leaves = {r.code for r in report.lra if r.leaf}
    for row in rows:
        assert (row.tanggal.year, row.tanggal.month) == (tahun, bulan)
        assert row.tanggal >= last_date
        assert row.no_bukti and row.no_bukti not in vouchers
        assert (row.penerimaan > 0) != (row.pengeluaran > 0)
        assert min(row.penerimaan, row.pengeluaran) == 0
        assert row.saldo == previous + row.penerimaan - row.pengeluaran >= 0
        if row.kode:
            receipt_code = row.kode[0] == 4 or row.kode[:2] == (6, 1)
            assert receipt_code == (row.penerimaan > 0)
            assert row.kode in leaves
        previous, last_date = row.saldo, row.tanggal
        vouchers.add(row.no_bukti)
    sums = _bku_sums(report)
    for leaf in report.lra:
        if leaf.leaf:
            assert leaf.bulan_ini == sums.get(leaf.code, 0), leaf.code


def test_codes_come_from_the_chart(report):
    codes = [r.code for r in report.lra]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code in CHART or (len(code) > 6 and code[:6] in CHART), code
    assert (4,) in codes and (5,) in codes
    if (6,) in codes:
        assert (6, 1) in codes and (6, 2) in codes
    assert codes == sorted(codes)


def test_parents_are_the_sums_of_their_nearest_descendants(report):
    present = {r.code: r for r in report.lra}
    children = defaultdict(list)
    for code in present:
        parent = _nearest_parent(code, present)
        if parent:
            children[parent].append(present[code])
    for code, row in present.items():
        assert row.leaf == (code not in children)
        for field in ("anggaran", "sd_lalu", "bulan_ini"):
            if code in children:
                assert getattr(row, field) == sum(getattr(c, field) for c in children[code])


def test_amount_columns_follow_the_contract(report):
    january = report.identitas.bulan == 1
    for row in report.lra:
        assert row.sd_ini == row.sd_lalu + row.bulan_ini
        assert row.sisa == row.anggaran - row.sd_ini
        if row.anggaran:
            expected = (row.sd_ini / row.anggaran * 100).quantize(CENT, ROUND_HALF_UP)
            assert row.persen == expected
        else:
            assert row.persen is None
        assert row.anggaran >= 0 and row.bulan_ini >= 0
        assert not january or row.sd_lalu == 0
        if row.code[0] == 5:
            assert row.sd_ini <= row.anggaran, "valid reports stay within budget"


def test_computed_rows(report):
    pembiayaan = any(r.code == (6,) for r in report.lra)
    keys = [r.key for r in report.computed]
    assert keys == (["surplus", "netto", "silpa"] if pembiayaan else ["surplus"])
    for field in AMOUNTS:
        surplus = report.row((4,)).amount(field) - report.row((5,)).amount(field)
        assert report.computed_row("surplus").amount(field) == surplus
        if pembiayaan:
            netto = report.row((6, 1)).amount(field) - report.row((6, 2)).amount(field)
            assert report.computed_row("netto").amount(field) == netto
            assert report.computed_row("silpa").amount(field) == surplus + netto


def test_bku_is_consistent_and_explains_the_lra(report):
    assert_bku_consistent(report)


def test_kapitasi(report):
    puskesmas = report.identitas.jenis_blud == "Puskesmas"
    assert (report.kapitasi is not None) == puskesmas
    if not puskesmas:
        return
    for column in (report.kapitasi.bulan_ini, report.kapitasi.sd_ini):
        values = (column.saldo_awal, column.penerimaan, column.jasa, column.dukungan)
        assert column.saldo_akhir == values[0] + values[1] - values[2] - values[3]
        assert min(*values, column.saldo_akhir) >= 0
    year = report.kapitasi.sd_ini
    assert year.jasa / (year.jasa + year.dukungan) >= Decimal("0.6")
    assert report.kapitasi.bulan_ini.penerimaan == report.row(KAPITASI_CODE).bulan_ini
    assert report.kapitasi.bulan_ini.saldo_akhir == year.saldo_akhir


def _nip_valid(nip: str) -> bool:
    """Contract §2, written out independently of the generator."""
    if not re.fullmatch(r"\d{18}", nip):
        return False
    try:
        born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return False
    appointed = (int(nip[8:12]), int(nip[12:14]))
    return (1 <= appointed[1] <= 12 and appointed >= (born.year + 18, born.month)
            and nip[14] in "12" and nip[15:] != "000")


def test_identitas(report):
    identitas = report.identitas
    registered = REGISTRY[identitas.kode_blud]
    assert (identitas.nama_blud, identitas.jenis_blud) == (registered["nama"], registered["jenis"])
    assert identitas.pemerintah_daerah == "Kabupaten Muara Harapan"
    following = (identitas.tahun + identitas.bulan // 12, identitas.bulan % 12 + 1)
    assert (identitas.tanggal_laporan.year, identitas.tanggal_laporan.month) == following
    assert identitas.tanggal_laporan.day <= 10 and identitas.revisi == 0
    for person in (identitas.pemimpin, identitas.pejabat_keuangan):
        assert _nip_valid(person.nip), person
        assert person.nip_spaced.replace(" ", "") == person.nip


def test_size_and_scale_by_type(report):
    jenis = report.identitas.jenis_blud
    rows, transactions = len(report.lra), len(report.bku) - 1
    spending = report.row((5,)).anggaran
    if jenis == "RSUD":
        assert 60 <= rows <= 125 and 200 <= transactions <= 600 and spending >= 10**10
    elif jenis == "Puskesmas":
        assert 25 <= rows <= 55 and 40 <= transactions <= 120 and 10**9 <= spending <= 10**10
    else:
        assert rows <= 35 and transactions <= 60 and spending < 2 * 10**9
    assert any(r.leaf and len(r.code) >= 6 for r in report.lra)


def test_deterministic():
    assert make_report("PKM05", seed=9) == make_report("PKM05", seed=9)
    assert make_report("PKM05", seed=9) != make_report("PKM05", seed=10)
    assert make_report("PKM05") == make_report("PKM05")


@pytest.mark.parametrize("count", [0, 1, 5, 13])
def test_few_bku_rows_stay_consistent(count):
    report = make_report("PKM02", seed=11, bku_rows=count)
    assert len(report.bku) == count + 1
    assert_bku_consistent(report)


def test_ten_thousand_bku_rows(tmp_path):
    report = make_report("RS01", seed=12, bku_rows=10_000)
    assert len(report.bku) == 10_001
    assert_bku_consistent(report)
    cells = write_xlsx(report, Layout(), tmp_path / "big.xlsx")
    sheet = _read(tmp_path / "big.xlsx")[cells.bku.sheet]
    assert _value(sheet, cells.bku[(10_000, "saldo")]) == float(report.bku[-1].saldo)
    assert _value(sheet, cells.bku[(10_000, "no_bukti")]) == report.bku[-1].no_bukti


# --- written workbooks ------------------------------------------------------

def _read(path: Path) -> dict[str, list[list]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names}


def _value(rows: list[list], ref: str):
    row, col = coordinate_to_tuple(ref)
    return rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else ""


def _as_amount(value) -> Decimal:
    """What a numeric or '-'/empty amount cell means (these layouts type no text amounts)."""
    return Decimal(0) if value in ("", "-") else Decimal(str(value)).quantize(CENT)


def _as_code(value) -> tuple[int, ...]:
    if isinstance(value, float):
        value = str(int(value)) if value.is_integer() else repr(value)
    return tuple(int(p) for p in str(value).strip().split("."))


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day, month, year = (re.split(r"[/ ]", value.strip()))
    month = MONTHS.index(month.lower()) + 1 if not month.isdigit() else int(month)
    return date(int(year), month, int(day))


def _check_workbook(path: Path, report, layout: Layout, cells) -> None:
    book = _read(path)
    assert {cells.identitas.sheet, cells.lra.sheet, cells.bku.sheet} <= set(book)
    identitas = book[cells.identitas.sheet]
    expected = report.identitas
    assert set(cells.identitas) == set(IDENTITAS_LABELS)
    assert _value(identitas, cells.identitas["Kode BLUD"]) == expected.kode_blud
    assert _value(identitas, cells.identitas["Jenis BLUD"]) == expected.jenis_blud
    assert _value(identitas, cells.identitas["NIP Pemimpin BLUD"]).replace(" ", "") \
        == expected.pemimpin.nip
    assert _as_date(_value(identitas, cells.identitas["Tanggal Laporan"])) == expected.tanggal_laporan
    bulan = _value(identitas, cells.identitas["Bulan"])
    assert (MONTHS.index(bulan.lower()) + 1 if isinstance(bulan, str) else bulan) == expected.bulan
    label_row, _ = coordinate_to_tuple(cells.identitas["Revisi"])
    assert identitas[label_row - 1][0].rstrip(" :").lower() == "revisi"

    lra = book[cells.lra.sheet]
    for row in report.lra:
        assert _as_code(_value(lra, cells.lra[(row.code, "kode")])) == row.code
        assert _value(lra, cells.lra[(row.code, "uraian")]) == row.uraian
        for field in AMOUNTS:
            if field in cells.lra.columns:
                assert _as_amount(_value(lra, cells.lra[(row.code, field)])) == row.amount(field)
        if "persen" in cells.lra.columns and row.persen is not None:
            written = Decimal(str(_value(lra, cells.lra[(row.code, "persen")])))
            scale = 100 if layout.percent_as_fraction else 1
            assert (written * scale).quantize(CENT) == row.persen
    for row in report.computed:
        for field in AMOUNTS:
            if field in cells.lra.columns:
                assert _as_amount(_value(lra, cells.lra[(row.key, field)])) == row.amount(field)

    bku = book[cells.bku.sheet]
    for index, row in enumerate(report.bku):
        assert _as_date(_value(bku, cells.bku[(index, "tanggal")])) == row.tanggal
        assert _value(bku, cells.bku[(index, "uraian")]) == row.uraian
        assert _as_amount(_value(bku, cells.bku[(index, "saldo")])) == row.saldo
        if index:
            assert _value(bku, cells.bku[(index, "no_bukti")]) == row.no_bukti
            assert _as_amount(_value(bku, cells.bku[(index, "penerimaan")])) == row.penerimaan
            assert _as_amount(_value(bku, cells.bku[(index, "pengeluaran")])) == row.pengeluaran
            kode = _value(bku, cells.bku[(index, "kode")])
            assert (_as_code(kode) if kode else None) == row.kode
    if layout.bku_jumlah_row:
        total = sum(r.pengeluaran for r in report.bku)
        assert _as_amount(_value(bku, cells.bku[("jumlah", "pengeluaran")])) == total

    if report.kapitasi is not None:
        kapitasi = book[cells.kapitasi.sheet]
        for key in ("saldo_awal", "penerimaan", "jasa", "dukungan", "saldo_akhir"):
            for column in ("bulan_ini", "sd_ini"):
                written = _value(kapitasi, cells.kapitasi[(key, column)])
                assert _as_amount(written) == getattr(getattr(report.kapitasi, column), key)
            assert cells.kapitasi[(key, "label")].startswith("A")


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("kode,layout_seed", [("PKM03", 1), ("RS02", 2), ("PKM14", 3), ("LAB01", 4)])
def test_written_values_are_where_the_cellmap_says(tmp_path, fmt, kode, layout_seed):
    report = make_report(kode, seed=layout_seed)
    layout = Layout.random(random.Random(layout_seed))
    path = tmp_path / f"report.{fmt}"
    cells = WRITERS[fmt](report, layout, path)
    _check_workbook(path, report, layout, cells)


def test_plain_layout_round_trips(tmp_path):
    report = make_report("PKM08", seed=13)
    cells = write_xlsx(report, Layout(), tmp_path / "plain.xlsx")
    _check_workbook(tmp_path / "plain.xlsx", report, Layout(), cells)
    assert cells.lra.headers["sd_ini"] == f"{cells.lra.column('sd_ini')}{8}"


def test_valid_xlsx_holds_no_formulas(tmp_path):
    layout = Layout.random(random.Random(21))
    write_xlsx(make_report("RS03", seed=21), layout, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]


def test_text_amounts_are_indonesian_notation(tmp_path):
    report = make_report("PKM10", seed=14)
    layout = Layout(text_amounts=0.5, zero_style="dash", seed=3)
    cells = write_xlsx(report, layout, tmp_path / "text.xlsx")
    lra = _read(tmp_path / "text.xlsx")[cells.lra.sheet]
    texts = [_value(lra, cells.lra[(r.code, "anggaran")]) for r in report.lra]
    texts = [t for t in texts if isinstance(t, str)]
    assert texts and all(re.fullmatch(r"(Rp ?\.?)?\d{1,3}(\.\d{3})*(,\d\d)?", t) for t in texts)


def test_set_cell_seeds_a_defect_and_keeps_the_format(tmp_path):
    report = make_report("PKM03", seed=15)
    layout = Layout(amount_format="#,##0.00")
    path = tmp_path / "r.xlsx"
    cells = write_xlsx(report, layout, path)
    target = cells.lra[((5,), "anggaran")]
    set_cell(path, cells.lra.sheet, target, 123.45)
    set_cell(path, cells.bku.sheet, cells.bku[(1, "saldo")], "=F10+1")
    sheet = openpyxl.load_workbook(path)[cells.lra.sheet]
    assert sheet[target].value == 123.45 and sheet[target].number_format == "#,##0.00"
    book = _read(path)
    assert _value(book[cells.lra.sheet], target) == 123.45
    assert _value(book[cells.bku.sheet], cells.bku[(1, "saldo")]) == ""  # no cached value


def test_layout_random_is_varied_but_never_types_amounts_as_text():
    layouts = [Layout.random(random.Random(seed)) for seed in range(60)]
    assert all(layout.text_amounts == 0 for layout in layouts)
    assert all(isinstance(note, str) for layout in layouts for note in layout.describe())
    assert len({layout.sheet_names for layout in layouts}) > 10
    assert {layout.two_row_header for layout in layouts} == {True, False}
    assert Layout().describe() == []


def test_formulas_only_go_to_xlsx(tmp_path):
    grid, cells = build_workbook(make_report("PKM01", seed=16), Layout())
    grid.sheet(cells.lra.sheet).set(cells.lra[((5,), "anggaran")], Formula("=SUM(D20:D30)"))
    save(grid, tmp_path / "f.xlsx")
    assert openpyxl.load_workbook(tmp_path / "f.xlsx")[cells.lra.sheet][
        cells.lra[((5,), "anggaran")]].data_type == "f"
    with pytest.raises(ValueError):
        save(grid, tmp_path / "f.ods")


# --- the bundled samples ------------------------------------------------------

@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    return folder, write_samples(folder)


def test_one_sample_per_active_blud(samples):
    folder, written = samples
    active = {k for k, row in REGISTRY.items() if row["aktif_sejak"] <= "2026-03"}
    assert sorted(w.sample.kode for w in written) == sorted(active)
    assert "LAB01" not in active
    suffixes = {Path(w.sample.path).suffix for w in written}
    assert {".xlsx", ".xls", ".ods", ".xlsm"} <= suffixes
    assert any("/" in w.sample.path for w in written)
    assert all((folder / w.sample.path).is_file() for w in written)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert all(f"`{w.sample.path}`" in readme for w in written)
    assert all(e.rule in readme for w in written for e in w.expected)


def test_seeded_defects_are_in_the_files(samples):
    folder, written = samples
    by_kode = {w.sample.kode: w for w in written}
    structure = by_kode["PKM19"]
    path = folder / structure.sample.path
    assert "kapitasi" not in {name.strip().lower() for name in _read(path)}
    formula = next(e for e in structure.expected if e.rule == "cell.formula-no-value")
    assert openpyxl.load_workbook(path)[formula.sheet][formula.cell].data_type == "f"
    identitas = by_kode["PKM12"]
    book = _read(folder / identitas.sample.path)
    nip = next(e for e in identitas.expected if e.rule == "identitas.nip-as-number")
    assert isinstance(_value(book[nip.sheet], nip.cell), float)
    assert all(e.cell for w in written for e in w.expected if e.rule != "file.sheet-missing")


def test_bundled_samples_are_up_to_date(samples):
    """samples/ holds what the generator writes now; if not, run
    `python -m bludcli.samplegen samples/`."""
    folder, written = samples
    for w in written:
        assert _read(ROOT / "samples" / w.sample.path) == _read(folder / w.sample.path), w.sample.path
    assert (ROOT / "samples" / "README.md").read_text(encoding="utf-8") == \
        (folder / "README.md").read_text(encoding="utf-8")
