"""The recap workbook (bludcli.recap.workbook.to_xlsx), read back with openpyxl: every sheet's
figures against the recap, against each other and against the source cells they came from."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, coordinate_to_tuple
from python_calamine import CalamineWorkbook

from bludcli.config import JENIS, load_district
from bludcli.findings import FileResult, Finding
from bludcli.recap import Recap, build_recap
from bludcli.recap.select import ACCEPTED, INVALID, REJECTED, Left, Selection
from bludcli.recap.sums import COLUMNS, persen, sisa
from bludcli.recap.workbook import COMPUTED_LABELS, SHEETS, to_xlsx
from bludcli.validate import collect_paths
from bludcli.values import format_code, parse_amount, parse_code

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
INCLUDED = "PKM03"  # PKM03_LRA_Maret_2026.xlsx: valid, no findings (samples/README.md)
REJECTED_KODE, REJECTED_FILE = "RS02", "LRA_BKU_RSUD_Pratama_Sungai_Duri_032026.xlsx"  # 3 errors
LRA_AMOUNTS = ("Anggaran", "Realisasi s.d. Bulan Lalu", "Realisasi Bulan Ini", "Realisasi s.d. Bulan Ini",
               "Sisa Anggaran")
GROUPS = ("Konsolidasi", *JENIS)
AMOUNT_SHEETS = {"Ringkasan", "LRA Konsolidasi", "Matriks", "Kapitasi", "Jejak", "Grafik"}


@pytest.fixture(scope="module")
def recap() -> Recap:
    return build_recap(collect_paths([SAMPLES]), load_district(), 2026, 3)


@pytest.fixture(scope="module")
def book(recap, tmp_path_factory):
    path = tmp_path_factory.mktemp("rekap") / "rekap.xlsx"
    path.write_bytes(to_xlsx(recap))
    return load_workbook(path, data_only=True)


# --- Reading tables back -----------------------------------------------------------------


def first_data_row(ws) -> int:
    return coordinate_to_tuple(ws.freeze_panes)[0]


def table(ws, first: int | None = None) -> list[tuple]:
    """The rows of a table from `first` (default: below the frozen header) to the first empty row."""
    rows = []
    for values in ws.iter_rows(min_row=first or first_data_row(ws), values_only=True):
        if all(value is None for value in values):
            break
        rows.append(values)
    return rows


def labels(ws, rows: tuple[int, int] | None = None) -> list[str]:
    """The header label of each column of a table whose header spans `rows` (first, last;
    default: the sheet's print title rows): "Group / Label" under a grouped header."""
    first, last = rows or [int(part.strip("$")) for part in ws.print_title_rows.split(":")]
    grid = {(cell.row, cell.column): cell.value for row in ws.iter_rows(min_row=first, max_row=last)
            for cell in row}
    for merged in ws.merged_cells.ranges:
        if first <= merged.min_row <= last:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    grid[(r, c)] = grid[(merged.min_row, merged.min_col)]
    names = []
    for c in range(1, ws.max_column + 1):
        upper, lower = grid.get((first, c)), grid.get((last, c))
        names.append(lower if upper == lower else f"{upper} / {lower}")
    return names


def records(ws) -> list[dict]:
    names = labels(ws)
    return [dict(zip(names, row)) for row in table(ws)]


def rupiah(value) -> Decimal:
    """A number read back, exactly as it was written (openpyxl reads "12.5" as a float)."""
    return Decimal(str(value))


def sen(value: int) -> Decimal:
    return Decimal(value) / 100


def lra_rows(ws) -> list[dict]:
    return [{**row, "code": parse_code(row["Kode"]), "without_detail": row["Uraian"].endswith("(tanpa rincian)")}
            for row in records(ws) if row["Kode"]]


# --- Every sheet -------------------------------------------------------------------------


def test_sheets_in_order(book):
    assert book.sheetnames == list(SHEETS) == [
        "Ringkasan", "LRA Konsolidasi", "Matriks", "Kapitasi", "Temuan", "Sumber", "Jejak", "Grafik",
    ]  # fmt: skip


@pytest.mark.parametrize("name", SHEETS)
def test_every_sheet_has_the_title_block_a_frozen_filtered_header_and_prints_a4_landscape(book, recap, name):
    ws = book[name]
    title = [ws.cell(row, 1).value for row in range(1, 6)]
    assert title[:2] == [f"PEMERINTAH {recap.district.daerah.upper()}", "REKAPITULASI LAPORAN KEUANGAN BLUD KESEHATAN"]
    assert "BULAN MARET 2026" in title
    assert ("(dalam rupiah)" in title) == (name in AMOUNT_SHEETS)
    header = first_data_row(ws) - 1
    assert ws.auto_filter.ref.startswith(f"A{header}:")
    assert ws.print_title_rows.endswith(f"${header}")
    assert all(cell.font.b for cell in ws[header] if cell.value is not None)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0


# --- Ringkasan ---------------------------------------------------------------------------


def test_ringkasan_has_one_row_per_active_blud_with_its_status_and_figures(book, recap):
    rows = {row["Kode BLUD"]: row for row in records(book["Ringkasan"])}
    assert list(rows) == recap.selection.active
    assert {kode: row["Status"] for kode, row in rows.items()} == {
        kode: recap.selection.status(kode) for kode in recap.selection.active
    }
    included = rows[INCLUDED]
    assert included["Status"] == ACCEPTED
    assert included["File"] == "PKM03_LRA_Maret_2026.xlsx"
    assert included["Tanggal Laporan"].date() == recap.selection.included[INCLUDED].content.identity.tanggal
    by_code = {a.code: a for a in recap.accounts if not a.without_detail}
    pendapatan, belanja = by_code[(4,)].per_blud[INCLUDED], by_code[(5,)].per_blud[INCLUDED]
    assert rupiah(included["Anggaran Pendapatan"]) == sen(pendapatan["anggaran"])
    assert rupiah(included["Realisasi Belanja s.d. Bulan Ini"]) == sen(belanja["sd_ini"])
    assert rupiah(included["% Belanja"]) == Decimal(persen(belanja["sd_ini"], belanja["anggaran"]))
    rejected = rows[REJECTED_KODE]
    assert rejected["Status"] == REJECTED
    assert rejected["File"] == REJECTED_FILE
    assert rejected["Anggaran Pendapatan"] is None
    assert rejected["Catatan"].startswith("revisi 0: 3 kesalahan, 0 peringatan — ")


def test_ringkasan_counts_and_unused_files(book, recap):
    ws = book["Ringkasan"]
    header = next(row for row in range(1, 12) if ws.cell(row, 1).value == "BLUD aktif")
    counts = dict(zip(*table(ws, header)))
    statuses = [recap.selection.status(kode) for kode in recap.selection.active]
    assert counts["BLUD aktif"] == len(recap.selection.active)
    assert counts["Diterima"] == statuses.count(ACCEPTED) == len(recap.selection.included)
    assert counts["Ditolak"] == statuses.count(REJECTED) > 0
    assert counts["File diabaikan"] == len(recap.selection.ignored)
    caption = next(row for row in range(first_data_row(ws), ws.max_row + 1)
                   if ws.cell(row, 1).value == "FILE TIDAK DIPAKAI")
    names = labels(ws, (caption + 1, caption + 1))
    unused = {row[1]: dict(zip(names, row)) for row in table(ws, caption + 2)}
    assert len(unused) == len(recap.selection.excluded) + len(recap.selection.ignored)
    for left in recap.selection.excluded:
        result = left.result
        assert unused[Path(result.path).name]["Alasan"] == f"{result.errors} kesalahan, {result.warnings} peringatan"


# --- LRA Konsolidasi ---------------------------------------------------------------------


def test_lra_district_columns_are_the_recap_totals_exactly(book, recap):
    rows = lra_rows(book["LRA Konsolidasi"])
    assert len(rows) == len(recap.accounts)
    for row, account in zip(rows, recap.accounts):
        assert (row["code"], row["without_detail"]) == (account.code, account.without_detail)
        assert row["Kode"] == format_code(account.code)
        for column, label in zip(COLUMNS, LRA_AMOUNTS):
            assert rupiah(row[f"Konsolidasi / {label}"]) == sen(account.total[column]), (account.code, label)
        assert rupiah(row["Konsolidasi / Sisa Anggaran"]) == sen(sisa(account.total))
        expected = persen(account.total["sd_ini"], account.total["anggaran"])
        assert row["Konsolidasi / %"] == (None if expected is None else pytest.approx(float(expected)))


def test_lra_every_parent_row_is_the_sum_of_its_child_rows_and_bold(book):
    ws = book["LRA Konsolidasi"]
    rows = lra_rows(ws)
    first = first_data_row(ws)
    parents = 0
    for index, row in enumerate(rows):
        children = [other for other in rows if not row["without_detail"] and (
            (other["without_detail"] and other["code"] == row["code"])
            or (not other["without_detail"] and other["code"][:-1] == row["code"]))]
        assert ws.cell(first + index, 2).font.b == bool(children), row["Kode"]
        if not children:
            continue
        parents += 1
        for name in (f"{group} / {label}" for group in GROUPS for label in LRA_AMOUNTS):
            assert rupiah(row[name]) == sum(rupiah(child[name]) for child in children), (row["Kode"], name)
    assert parents > 10


def test_lra_jenis_blocks_add_up_to_the_district(book):
    for row in records(book["LRA Konsolidasi"]):
        for label in LRA_AMOUNTS:
            assert rupiah(row[f"Konsolidasi / {label}"]) == sum(rupiah(row[f"{jenis} / {label}"]) for jenis in JENIS)


def test_lra_computed_rows_follow_the_accounts(book, recap):
    ws = book["LRA Konsolidasi"]
    rows = records(ws)
    computed = {row["Uraian"]: row for row in rows if not row["Kode"]}
    assert list(computed) == list(COMPUTED_LABELS.values())
    assert all(ws.cell(first_data_row(ws) + len(rows) - 1, column).font.b for column in (2, 3))
    by_code = {parse_code(row["Kode"]): row for row in rows if row["Kode"] and "tanpa rincian" not in row["Uraian"]}
    for name in (f"{group} / {label}" for group in GROUPS for label in LRA_AMOUNTS[:4]):
        surplus = rupiah(by_code[(4,)][name]) - rupiah(by_code[(5,)][name])
        assert rupiah(computed["SURPLUS/(DEFISIT)"][name]) == surplus, name


# --- Matriks -----------------------------------------------------------------------------


def test_matriks_rows_add_up_to_jumlah_and_to_the_lra(book, recap):
    ws = book["Matriks"]
    names = labels(ws)
    kodes = list(recap.selection.included)
    assert [name.split(" / ")[0] for name in names[2:-1]] == kodes
    assert names[-1] == "Jumlah"
    lra = lra_rows(book["LRA Konsolidasi"])
    rows = table(ws)
    assert len(rows) == len(lra) == len(recap.accounts)
    for row, lra_row in zip(rows, lra):
        assert row[0] == lra_row["Kode"]
        assert sum(rupiah(value) for value in row[2:-1]) == rupiah(row[-1]), row[0]
        assert rupiah(row[-1]) == rupiah(lra_row["Konsolidasi / Realisasi s.d. Bulan Ini"])


# --- Kapitasi ----------------------------------------------------------------------------


def test_kapitasi_has_a_row_per_puskesmas_and_a_total(book, recap):
    rows = records(book["Kapitasi"])
    *puskesmas, total = rows
    assert [row["Kode BLUD"] for row in puskesmas] == [item.kode_blud for item in recap.kapitasi]
    assert total["Kode BLUD"] == "JUMLAH"
    amounts = [name for name in rows[0] if " / " in name]
    assert len(amounts) == 10 and "s.d. Bulan Ini / Jasa Pelayanan" in amounts
    for name in amounts:
        assert rupiah(total[name]) == sum(rupiah(row[name]) for row in puskesmas), name
    for row, item in zip(puskesmas, recap.kapitasi):
        assert rupiah(row["Bulan Ini / Saldo Akhir"]) == sen(item.amounts[("saldo_akhir", "bulan_ini")])
        assert rupiah(row["% Jasa Pelayanan"]) == Decimal(persen(*item.share()))


# --- Temuan, Sumber, Jejak ---------------------------------------------------------------


def test_temuan_lists_every_finding_of_every_file(book, recap):
    rows = records(book["Temuan"])
    expected = [(r.path, f.rule, f.cell) for r in recap.results for f in r.findings]
    assert [(row["File"], row["Aturan"], row["Sel"]) for row in rows] == expected
    parent_sum = next(row for row in rows if row["Aturan"] == "lra.parent-sum" and row["Kode BLUD"] == REJECTED_KODE)
    assert (parent_sum["Status File"], parent_sum["Tingkat"], parent_sum["Sel"]) == ("TIDAK VALID", "kesalahan", "D39")


def test_sumber_names_each_included_file_with_its_sha256(book, recap):
    rows = records(book["Sumber"])
    assert [row["Kode BLUD"] for row in rows] == list(recap.selection.included)
    for row in rows:
        assert row["SHA-256"] == hashlib.sha256(Path(row["Lokasi File"]).read_bytes()).hexdigest()


def test_jejak_rows_point_at_the_source_cells(book, recap):
    rows = records(book["Jejak"])
    assert len(rows) == len(recap.traces)
    by_file = defaultdict(list)
    for row in rows:
        by_file[row["File"]].append(row)
    assert {Path(path).suffix for path in by_file} >= {".xls", ".ods", ".xlsm"}
    for path, file_rows in by_file.items():
        source = CalamineWorkbook.from_path(path)
        for row in (file_rows[0], file_rows[len(file_rows) // 2], file_rows[-1]):
            letters, number = coordinate_from_string(row["Sel"])
            cells = source.get_sheet_by_name(row["Sheet"]).to_python(skip_empty_area=False)
            found = parse_amount(cells[number - 1][column_index_from_string(letters) - 1]).sen
            assert sen(found) == rupiah(row["Nilai"]), (path, row["Sheet"], row["Sel"])


def test_jejak_adds_up_to_every_consolidated_leaf(book):
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in records(book["Jejak"]):
        sums[(row["Kode Akun"], row["Kolom"])] += rupiah(row["Nilai"])
    leaves = {}
    for row in lra_rows(book["LRA Konsolidasi"]):
        leaves[row["Kode"]] = row  # a "(tanpa rincian)" row follows its account: its own figures
    for (kode, kolom), total in sums.items():
        assert rupiah(leaves[kode][f"Konsolidasi / {kolom}"]) == total, (kode, kolom)


# --- Grafik ------------------------------------------------------------------------------


def test_grafik_has_both_charts_over_its_tables(book, recap):
    ws = book["Grafik"]
    assert len(ws._charts) == 2
    belanja = table(ws)
    assert [row[0] for row in belanja] == list(recap.selection.included)
    ringkasan = {row["Kode BLUD"]: row for row in records(book["Ringkasan"])}
    for kode, anggaran, realisasi, *_ in belanja:
        assert (anggaran, realisasi) == (ringkasan[kode]["Anggaran Belanja"],
                                         ringkasan[kode]["Realisasi Belanja s.d. Bulan Ini"])
    revenue = [a for a in recap.accounts if a.code[0] == 4 and len(a.code) == 6 and not a.without_detail]
    last = first_data_row(ws) - 1 + len(revenue)
    assert [s.val.numRef.f for c in ws._charts for s in c.series] == [
        f"'Grafik'!$B${first_data_row(ws)}:$B${first_data_row(ws) - 1 + len(belanja)}",
        f"'Grafik'!$C${first_data_row(ws)}:$C${first_data_row(ws) - 1 + len(belanja)}",
        f"'Grafik'!$G${first_data_row(ws)}:$G${last}",
    ]


# --- Text from files ---------------------------------------------------------------------


def test_text_from_a_file_cannot_become_a_formula_and_control_characters_are_replaced(tmp_path):
    district = load_district()
    hostile = FileResult("=HYPERLINK(\"http://evil.example\").xlsx", [
        Finding("lra.parent-sum", "error", "=LRA", 3, "D", "pesan \x1b[31mmerah", "=1+1", "-2+3"),
    ], kode_blud="ZZ99", tahun=2026, bulan=3)  # fmt: skip
    selection = Selection(2026, 3, excluded=[Left(hostile, INVALID)])
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(to_xlsx(Recap(district, [hostile], selection, [], [], [], [])))
    book = load_workbook(path)
    temuan = records(book["Temuan"])[0]
    assert temuan["File"] == "'=HYPERLINK(\"http://evil.example\").xlsx"
    assert (temuan["Sheet"], temuan["Nilai"], temuan["Seharusnya"]) == ("'=LRA", "'=1+1", "'-2+3")
    assert temuan["Pesan"] == "pesan ?[31mmerah"
    assert all(cell.data_type != "f" for ws in book for row in ws.iter_rows() for cell in row)
    ringkasan = records(book["Ringkasan"])
    assert [(row["Kode BLUD"], row["Status"]) for row in ringkasan] == [("ZZ99", REJECTED)]
    assert ringkasan[0]["Catatan"].startswith("tidak terdaftar di registri")
    assert book["Grafik"]._charts == []
