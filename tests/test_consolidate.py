"""`bludcli consolidate`: a district month built here from generated reports — some BLUDs
missing, a resubmission, invalid files, a conflict, another month's file, an identical copy —
and the recap checked against sums computed from the reports themselves."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.config import JENIS, load_district
from bludcli.samplegen import Layout, make_report, set_cell, write_ods, write_xls, write_xlsx
from bludcli.values import format_code, parse_amount, parse_code, parse_text

COLUMNS = {"anggaran": "anggaran", "realisasi_sd_bulan_lalu": "sd_lalu",
           "realisasi_bulan_ini": "bulan_ini", "realisasi_sd_bulan_ini": "sd_ini"}
MISSING = {"PKM21", "PKM22"}


def _report(kode: str, revisi: int = 0, bulan: int = 3, seed: int | None = None):
    report = make_report(kode, 2026, bulan, seed=seed)
    return dataclasses.replace(report, identitas=dataclasses.replace(report.identitas, revisi=revisi))


def _break(path: Path, cells, report) -> None:
    """Seed one wrong amount: a leaf's Realisasi Bulan Ini."""
    leaf = next(row for row in report.lra if row.leaf and row.code[0] == 5)
    set_cell(path, cells.lra.sheet, cells.lra[(leaf.code, "bulan_ini")], float(leaf.bulan_ini + 1_000_000))


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """(folder, reports that must be included by kode, expected file verdicts by name)."""
    folder = tmp_path_factory.mktemp("masuk")
    district = load_district()
    rng = random.Random(2026)
    included, expected = {}, {}

    def write(name: str, report, writer=write_xlsx):
        cells = writer(report, Layout.random(rng) if writer is write_xlsx else Layout(), folder / name)
        return folder / name, cells

    for kode, blud in district.registry.items():
        if blud.aktif_sejak > (2026, 3) or kode in MISSING:
            continue
        report = _report(kode)
        if kode == "PKM01":  # resubmitted: revision 1 replaces revision 0
            write("PKM01 rev0.xlsx", report)
            report = _report(kode, revisi=1, seed=11)
            write("PKM01 rev1.xlsx", report)
            expected.update({"PKM01 rev0.xlsx": "superseded", "PKM01 rev1.xlsx": "included"})
        elif kode == "PKM02":  # invalid, nothing else: rejected
            path, cells = write("PKM02.xlsx", report)
            _break(path, cells, report)
            expected["PKM02.xlsx"] = "invalid"
            continue
        elif kode == "PKM03":  # a later revision with an error does not hide the valid one
            write("PKM03.xlsx", report)
            broken = _report(kode, revisi=1, seed=13)
            path, cells = write("PKM03 revisi.xlsx", broken)
            _break(path, cells, broken)
            expected.update({"PKM03.xlsx": "included", "PKM03 revisi.xlsx": "invalid"})
        elif kode == "PKM04":  # two different files, same revision: a conflict
            write("PKM04 a.xlsx", _report(kode, revisi=1, seed=41))
            write("PKM04 b.xlsx", _report(kode, revisi=1, seed=42))
            expected.update({"PKM04 a.xlsx": "conflict", "PKM04 b.xlsx": "conflict"})
            continue
        elif kode == "PKM05":  # last month's file is in the folder too
            write("PKM05 Februari.xlsx", _report(kode, bulan=2))
            write("PKM05.xls", report, write_xls)
            expected.update({"PKM05 Februari.xlsx": "other-period", "PKM05.xls": "included"})
        elif kode == "PKM06":  # sent twice
            path, _ = write("PKM06.ods", report, write_ods)
            shutil.copyfile(path, folder / "PKM06 (1).ods")
            expected.update({"PKM06.ods": "included or duplicate", "PKM06 (1).ods": "included or duplicate"})
        else:
            write(f"{kode}.xlsx", report)
            expected[f"{kode}.xlsx"] = "included"
        included[kode] = report
    return folder, included, expected


@pytest.fixture(scope="module")
def recap(month, tmp_path_factory):
    folder = month[0]
    out = tmp_path_factory.mktemp("rekap")
    result = CliRunner().invoke(app, ["consolidate", str(folder), "--tahun", "2026", "--bulan", "3",
                                      "--json", str(out / "rekap.json"), "--csv", str(out / "csv"),
                                      "--output", str(out / "rekap.xlsx")], env={"COLUMNS": "250"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result, json.loads((out / "rekap.json").read_text(encoding="utf-8")), out


def test_exit_code_says_the_recap_is_incomplete(recap):
    result, _, _ = recap
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_a_rejected_file_is_described_by_its_counts(recap):
    """The status column says ditolak; the file column names the file and its counts only."""
    result, document, _ = recap
    rejected = {Path(e["path"]).name: e for e in document["excluded"] if e["reason"] == "invalid"}
    assert set(rejected) == {"PKM02.xlsx", "PKM03 revisi.xlsx"}
    lines = result.output.splitlines()
    for name, entry in rejected.items():
        detail = f"{name}: {entry['errors']} kesalahan, "
        assert any(detail in line for line in lines), (detail, result.output)
    assert re.search(r"│ PKM02 +│ ditolak +│", result.output)
    assert "ditolak:" not in result.output and "tidak dipakai:" not in result.output


def test_each_file_is_included_excluded_or_ignored_as_it_should(month, recap):
    _, included, expected = month
    document = recap[1]
    found = {Path(item["path"]).name: "included" for item in document["included"]}
    found |= {Path(item["path"]).name: item["reason"] for item in document["excluded"] + document["ignored"]}
    copies = sorted(found.pop(name) for name in ("PKM06.ods", "PKM06 (1).ods"))
    assert copies == ["duplicate", "included"]  # whichever comes first is the one used
    assert found == {name: reason for name, reason in expected.items() if not name.startswith("PKM06")}
    assert {item["kode_blud"] for item in document["included"]} == set(included)
    assert set(document["missing"]) == MISSING | {"PKM02", "PKM04"}
    revisions = {item["kode_blud"]: item["revisi"] for item in document["included"]}
    assert (revisions["PKM01"], revisions["PKM03"]) == (1, 0)


def test_excluded_files_carry_their_errors(recap):
    for item in recap[1]["excluded"]:
        if item["reason"] == "invalid":
            assert item["errors"] >= 1
            assert item["findings"] and item["findings"][0]["severity"] == "error"
        if item["reason"] == "conflict":
            assert Path(item["other"]).name in {"PKM04 a.xlsx", "PKM04 b.xlsx"}


def _expected(reports: dict, code: tuple, column: str, without_detail: bool, jenis: str | None = None) -> Decimal:
    """The exact sum, from the reports themselves, of the leaf rows an account covers."""
    total = Decimal(0)
    for report in reports.values():
        if jenis and report.identitas.jenis_blud != jenis:
            continue
        for leaf in report.leaves:
            rolled = leaf.code[:6]
            if (rolled == code) if without_detail else (rolled[:len(code)] == code):
                total += leaf.amount(column)
    return total


def test_district_sums_are_exact_sums_of_the_accepted_reports(month, recap):
    included = month[1]
    document = recap[1]
    assert document["lra"], "no accounts"
    for entry in document["lra"]:
        code = parse_code(entry["kode"])
        for key, column in COLUMNS.items():
            expected = _expected(included, code, column, entry["tanpa_rincian"])
            assert Decimal(entry[key]) == expected, (entry["kode"], key)
            for jenis in JENIS:
                assert Decimal(entry["per_jenis"][jenis][key]) == _expected(
                    included, code, column, entry["tanpa_rincian"], jenis), (entry["kode"], jenis, key)


def test_every_parent_is_the_sum_of_its_children(recap):
    entries = recap[1]["lra"]
    for i, parent in enumerate(entries):
        children = []
        for entry in entries[i + 1:]:
            if entry["level"] <= parent["level"]:
                break
            if entry["level"] == parent["level"] + 1:
                children.append(entry)
        if children:
            for key in COLUMNS:
                assert Decimal(parent[key]) == sum(Decimal(c[key]) for c in children), (parent["kode"], key)


def test_account_names_come_from_the_chart(recap):
    chart = load_district().chart
    for entry in recap[1]["lra"]:
        assert entry["uraian"] == chart[parse_code(entry["kode"])]


def test_computed_rows_follow_from_the_accounts(recap):
    lra = {(e["kode"], e["tanpa_rincian"]): e for e in recap[1]["lra"]}
    computed = {c["key"]: c for c in recap[1]["dihitung"]}
    for key in COLUMNS:
        def amount(kode):
            return Decimal(lra[(kode, False)][key]) if (kode, False) in lra else Decimal(0)
        assert Decimal(computed["surplus"][key]) == amount("4") - amount("5")
        assert Decimal(computed["netto"][key]) == amount("6.1") - amount("6.2")
        assert Decimal(computed["silpa"][key]) == Decimal(computed["surplus"][key]) + Decimal(computed["netto"][key])


def _tidy(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "csv" / "lra-2026-03.csv").read_text(encoding="utf-8-sig"))))


def test_csv_tables_have_a_bom_as_every_csv(recap):
    """Written as validate's, status', history's and the ledger export's CSV: UTF-8 with a BOM for Excel."""
    for name in ("lra-2026-03.csv", "kapitasi-2026-03.csv"):
        text = (recap[2] / "csv" / name).read_text(encoding="utf-8")
        assert text.startswith("\ufeffkode_blud,") and text.count("\ufeff") == 1, name


def test_tidy_csv_adds_up_to_the_json(recap):
    rows = _tidy(recap[2])
    for entry in recap[1]["lra"]:
        if entry["tanpa_rincian"]:
            continue
        code = parse_code(entry["kode"])
        for key in COLUMNS:
            total = sum(Decimal(r["amount"]) for r in rows
                        if r["column"] == key and parse_code(r["kode"])[:len(code)] == code)
            assert total == Decimal(entry[key]), (entry["kode"], key)


def test_every_summed_figure_is_traced_to_its_source_cell(recap):
    rows = _tidy(recap[2])
    sheets = {}
    for row in rows[:: max(1, len(rows) // 300)]:  # a spread of rows over every BLUD and format
        key = (row["file"], row["sheet"])
        if key not in sheets:
            sheets[key] = CalamineWorkbook.from_path(row["file"]).get_sheet_by_name(row["sheet"]).to_python(
                skip_empty_area=False)
        letters, number = coordinate_from_string(row["cell"])
        value = sheets[key][number - 1][column_index_from_string(letters) - 1]
        assert parse_amount(value).sen == parse_amount(row["amount"]).sen, row
        assert row["kode_sumber"] in map(parse_text, sheets[key][number - 1]), row  # the Kode cell as written


def test_kode_sumber_is_the_code_as_the_blud_wrote_it(tmp_path):
    """So that the analyst can search the source file for it: 4.1.4.16.1.1, not 4.1.04.16.01.0001."""
    from tests.test_recap_workbook import records

    inbox, out = tmp_path / "masuk", tmp_path / "rekap"
    inbox.mkdir()
    report = make_report("PKM03", 2026, 3)
    write_xlsx(report, Layout(code_style="unpadded"), inbox / "PKM03.xlsx")
    _consolidate([inbox], out, "--csv", str(out / "csv"))
    rows = _tidy(out)
    leaf = next(row for row in report.leaves if len(row.code) == 6 and max(row.code) < 10)
    assert {(r["kode"], r["kode_sumber"]) for r in rows if parse_code(r["kode"]) == leaf.code} == {
        (format_code(leaf.code), ".".join(map(str, leaf.code)))}
    jejak = {(r["Kode Akun"], r["Kode Sumber"]) for r in records(load_workbook(out / "rekap.xlsx")["Jejak"])}
    assert (format_code(leaf.code), ".".join(map(str, leaf.code))) in jejak


def test_included_files_name_their_digest(recap):
    import hashlib

    for item in recap[1]["included"]:
        assert item["sha256"] == hashlib.sha256(Path(item["path"]).read_bytes()).hexdigest()


def test_capitation_of_each_included_puskesmas(month, recap):
    included = month[1]
    kapitasi = {row["kode_blud"]: row for row in recap[1]["kapitasi"]}
    assert set(kapitasi) == {kode for kode, report in included.items() if report.kapitasi}
    for kode, row in kapitasi.items():
        report = included[kode].kapitasi
        assert Decimal(row["sd_ini"]["jasa"]) == report.sd_ini.jasa
        assert Decimal(row["bulan_ini"]["saldo_akhir"]) == report.bulan_ini.saldo_akhir


def test_a_complete_month_exits_0(tmp_path):
    """A district of two BLUDs that both sent a valid report."""
    rules = tmp_path / "rules"
    shutil.copytree(load_district().root, rules)
    registry = (rules / "registri-blud.csv").read_text(encoding="utf-8").splitlines()
    (rules / "registri-blud.csv").write_text(
        "\n".join(line for line in registry if line.startswith(("kode_blud", "RS01,", "PKM03,"))) + "\n",
        encoding="utf-8")
    for kode in ("RS01", "PKM03"):
        write_xlsx(make_report(kode, 2026, 3), Layout(), tmp_path / f"{kode}.xlsx")
    result = CliRunner().invoke(app, ["consolidate", str(tmp_path / "RS01.xlsx"), str(tmp_path / "PKM03.xlsx"),
                                      "--tahun", "2026", "--bulan", "3", "--rules", str(rules), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2 accepted" in result.output


@pytest.mark.parametrize("args", [["--tahun", "2026", "--bulan", "13"], ["--tahun", "2026", "--bulan", "0"],
                                  ["--tahun", "1", "--bulan", "3"], ["--tahun", "20260", "--bulan", "3"]])
def test_a_bad_month_or_year_is_a_usage_error(month, args):
    result = CliRunner().invoke(app, ["consolidate", str(month[0]), *args])
    assert result.exit_code == 2
    assert "--bulan harus 1 sampai 12" in result.output or "--tahun harus tahun 4 angka" in result.output


def test_an_output_over_an_input_is_refused(month, tmp_path):
    folder = month[0]
    target = folder / "PKM03.xlsx"
    before = target.read_bytes()
    result = CliRunner().invoke(app, ["consolidate", str(folder), "--tahun", "2026", "--bulan", "3",
                                      "--json", str(target)])
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_the_workbook_agrees_with_the_json(recap):
    """Every account of the JSON, district and per jenis, is the same figure in the workbook;
    so is each included BLUD's status in Ringkasan."""
    from tests.test_recap_workbook import LRA_AMOUNTS, lra_rows, records, rupiah

    book = load_workbook(recap[2] / "rekap.xlsx", data_only=True)
    rows = lra_rows(book["LRA Konsolidasi"])
    document = recap[1]
    assert len(rows) == len(document["lra"])
    for row, entry in zip(rows, document["lra"]):
        assert (row["Kode"], row["without_detail"]) == (entry["kode"], entry["tanpa_rincian"])
        for key, label in zip(COLUMNS, LRA_AMOUNTS):
            assert rupiah(row[f"Konsolidasi / {label}"]) == Decimal(entry[key]), (entry["kode"], key)
            for jenis in JENIS:
                assert rupiah(row[f"{jenis} / {label}"]) == Decimal(entry["per_jenis"][jenis][key])
    statuses = {r["Kode BLUD"]: r["Status"] for r in records(book["Ringkasan"]) if r.get("Kode BLUD")}
    assert {kode for kode, status in statuses.items() if status == "diterima"} == {
        item["kode_blud"] for item in document["included"]}
    assert statuses["PKM04"] == "konflik" and statuses["PKM02"] == "ditolak" and statuses["PKM21"] == "belum masuk"


def _consolidate(inputs: list[Path], out: Path, *extra: str):
    """consolidate for March 2026 with the JSON and the workbook written into `out`: (result,
    JSON, Ringkasan rows by kode, Ringkasan's count row)."""
    from tests.test_recap_workbook import records, table

    result = CliRunner().invoke(app, ["consolidate", *map(str, inputs), "--tahun", "2026", "--bulan", "3",
                                      "--json", str(out / "rekap.json"), "--output", str(out / "rekap.xlsx"),
                                      *extra], env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
    ws = load_workbook(out / "rekap.xlsx")["Ringkasan"]
    header = next(row for row in range(1, 12) if ws.cell(row, 1).value == "BLUD aktif")
    counts = {label: count for label, count in zip(*table(ws, header)) if label}
    rows = {r["Kode BLUD"]: r for r in records(ws) if r.get("Kode BLUD")}
    return result, json.loads((out / "rekap.json").read_text(encoding="utf-8")), rows, counts


def test_identical_copies_of_an_invalid_file_count_once(tmp_path):
    """A rejected file sent twice: the copy is ignored as a duplicate, not rejected again."""
    inbox, out = tmp_path / "masuk", tmp_path / "rekap"
    inbox.mkdir()
    report = _report("PKM06")
    cells = write_xlsx(report, Layout(), inbox / "PKM06 bad.xlsx")
    _break(inbox / "PKM06 bad.xlsx", cells, report)
    shutil.copyfile(inbox / "PKM06 bad.xlsx", inbox / "PKM06 bad (1).xlsx")
    result, document, rows, counts = _consolidate([inbox], out)
    first, copy = "PKM06 bad (1).xlsx", "PKM06 bad.xlsx"  # in path order
    assert [(Path(e["path"]).name, e["reason"]) for e in document["excluded"]] == [(first, "invalid")]
    assert [(Path(i["path"]).name, i["reason"], Path(i["other"]).name) for i in document["ignored"]] == [
        (copy, "duplicate", first)]
    assert "2 berkas: 0 dipakai, 1 tidak dipakai, 1 diabaikan" in result.output
    assert (rows["PKM06"]["Status"], rows["PKM06"]["File"]) == ("ditolak", first)
    assert rows["PKM06"]["Catatan"].count("kesalahan") == 1, rows["PKM06"]["Catatan"]
    assert (counts["Ditolak"], counts["File diabaikan"]) == (1, 1)


def test_ringkasan_counts_the_active_bluds_as_the_terminal_does(tmp_path):
    """Files of a BLUD not active yet (LAB01, from 2027) and of one not in the registry are
    listed after the active BLUDs, and not counted among them."""
    inbox, out = tmp_path / "masuk", tmp_path / "rekap"
    inbox.mkdir()
    write_xlsx(make_report("RS01", 2026, 3), Layout(), inbox / "RS01.xlsx")
    write_xlsx(make_report("LAB01", 2026, 3), Layout(), inbox / "LAB01.xlsx")
    stranger = make_report("PKM03", 2026, 3)
    stranger = dataclasses.replace(stranger, identitas=dataclasses.replace(stranger.identitas, kode_blud="PKM99"))
    write_xlsx(stranger, Layout(), inbox / "PKM99.xlsx")
    result, _, rows, counts = _consolidate([inbox], out)
    active = sum(blud.aktif_sejak <= (2026, 3) for blud in load_district().registry.values())
    assert f"{active} BLUD aktif: 1 diterima, 0 ditolak, 0 konflik, {active - 1} belum masuk" in result.output
    assert counts == {"BLUD aktif": active, "Diterima": 1, "Ditolak": 0, "Konflik": 0, "Belum masuk": active - 1,
                      "File diabaikan": 0}
    assert list(rows)[-2:] == ["LAB01", "PKM99"]
    assert rows["LAB01"]["Catatan"].startswith("belum aktif") and rows["PKM99"]["Catatan"].startswith("tidak terdaftar")


@pytest.mark.parametrize("outputs", [["--output", "rekap", "--json", "rekap"],
                                     ["--json", "csv/lra-2026-03.csv", "--csv", "csv"],
                                     ["--output", "sama.xlsx", "--csv", ".", "--json", "./sub/../sama.xlsx"]])
def test_two_outputs_naming_one_file_are_a_usage_error(month, tmp_path, monkeypatch, outputs):
    """Refused before any file is checked: else the later output silently replaces the earlier."""
    import bludcli.recap

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(bludcli.recap, "validate_paths", None)  # never reached
    (tmp_path / "sub").mkdir()
    result = CliRunner().invoke(app, ["consolidate", str(month[0]), "--tahun", "2026", "--bulan", "3", *outputs])
    assert result.exit_code == 2, result.output
    assert "Dua keluaran menunjuk berkas yang sama: " in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sub"]


def test_an_output_folder_that_cannot_be_made_is_said_in_words(month, tmp_path, monkeypatch):
    """--csv where a file is, or on a read-only disk: the reason in the user's language, as for
    --output and --json, not the system's error."""
    import errno

    a_file = tmp_path / "afile"
    a_file.write_text("")
    args = ["consolidate", str(month[0]), "--tahun", "2026", "--bulan", "3", "--csv"]
    result = CliRunner().invoke(app, [*args, str(a_file)])
    assert result.exit_code == 2
    assert f"Tidak dapat menulis {a_file / 'lra-2026-03.csv'}: salah satu folder di jalurnya adalah berkas." \
        in result.output
    assert "Errno" not in result.output

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    result = CliRunner().invoke(app, [*args, str(tmp_path / "ro" / "sub"), "--lang", "en"])
    assert result.exit_code == 2
    assert f"Cannot write {tmp_path / 'ro' / 'sub' / 'lra-2026-03.csv'}: the disk is read-only." in result.output
