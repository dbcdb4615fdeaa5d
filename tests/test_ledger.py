"""The receipt ledger: batches with a resubmission and `status` changing over time, late files,
history, duplicates, export, and its reliability (two processes at once, a kill mid-batch)."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from bludcli.cli import ledger as ledger_cli
from bludcli.config import load_district
from bludcli.ledger import DUPLICATE, NEW, Ledger, archive_path, history, period_status, receive_paths
from bludcli.samplegen import Layout, make_report, set_cell, write_xlsx

ROOT = Path(__file__).resolve().parent.parent


def _report(kode: str, revisi: int = 0):
    report = make_report(kode, 2026, 3)
    return dataclasses.replace(report, identitas=dataclasses.replace(report.identitas, revisi=revisi))


@pytest.fixture(scope="module")
def district():
    return load_district()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """name -> path: PKM02 invalid then revised valid, PKM03 valid rev 0 and rev 1."""
    folder = tmp_path_factory.mktemp("masuk")
    files = {}
    for name, kode, revisi in (("pkm02 salah", "PKM02", 0), ("pkm02 rev1", "PKM02", 1),
                               ("pkm03", "PKM03", 0), ("pkm03 rev1", "PKM03", 1)):
        report = _report(kode, revisi)
        path = folder / f"{name}.xlsx"
        cells = write_xlsx(report, Layout(), path)
        if name == "pkm02 salah":
            leaf = next(row for row in report.lra if row.leaf and row.code[0] == 5)
            set_cell(path, cells.lra.sheet, cells.lra[(leaf.code, "bulan_ini")], float(leaf.bulan_ini + 1_000_000))
        files[name] = path
    return files


def _at(text: str):
    """A clock stopped at `text` (UTC)."""
    return lambda: datetime.fromisoformat(text).replace(tzinfo=UTC)


def _status(book, district, kode):
    return next(s for s in period_status(book, district, 2026, 3) if s.kode_blud == kode)


def _consistent(book: Ledger) -> int:
    """Every row complete: its findings all there, its archive copy present with its digest."""
    db = book.db
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = book.submissions()
    for row in rows:
        assert len(book.findings(row.id)) == row.finding_count
        copy = book.root / row.archive_path
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == row.sha256
        assert copy.stat().st_size == row.size
    assert db.execute("SELECT count(*) FROM findings WHERE submission_id NOT IN (SELECT id FROM submissions)"
                      ).fetchone()[0] == 0
    assert len({row.sha256 for row in rows}) == len(rows)
    return len(rows)


def test_batches_resubmission_and_status(tmp_path, inbox, district):
    before = {name: (path.read_bytes(), path.stat().st_mtime_ns) for name, path in inbox.items()}
    with Ledger(tmp_path / "L" / "ledger.sqlite") as book:
        assert _status(book, district, "PKM02").status == "belum masuk"
        # Batch 1, on time: PKM02 sends a wrong file, PKM03 its report.
        first = receive_paths([inbox["pkm02 salah"], inbox["pkm03"]], district, book, now=_at("2026-04-05T02:00"))
        assert [r.outcome for r in first] == [NEW, NEW]
        assert [r.submission.status for r in first] == ["invalid", "valid"]
        rejected = _status(book, district, "PKM02")
        assert (rejected.status, rejected.errors, rejected.revisi) == ("ditolak", first[0].submission.errors, 0)
        assert rejected.errors > 0
        assert _status(book, district, "PKM03").status == "diterima"
        # Batch 2: PKM02's revision at 23:59 WIB on the deadline day; PKM03's revision a minute
        # later (00:00 WIB, the 11th: late) with a copy of its first file.
        second = receive_paths([inbox["pkm02 rev1"]], district, book, now=_at("2026-04-10T16:59"))
        second += receive_paths([inbox["pkm03 rev1"], inbox["pkm03"]], district, book, now=_at("2026-04-10T17:00"))
        assert [r.outcome for r in second] == [NEW, NEW, DUPLICATE]
        assert second[2].submission.id == first[1].submission.id
        assert second[0].supersedes == () and second[1].supersedes == (0,)
        accepted = _status(book, district, "PKM02")
        assert (accepted.status, accepted.revisi, accepted.days_late, accepted.errors) == ("diterima", 1, 0, 0)
        late = _status(book, district, "PKM03")
        assert (late.status, late.revisi, late.days_late, late.submissions) == ("terlambat", 1, 1, 2)
        assert _consistent(book) == 4
        # History: every submission, in order, the one that counts marked; no duplicate row.
        assert [(row.file_name, row.revisi, row.status, counts) for row, counts in history(book, district, "pkm02")] == [
            ("pkm02 salah.xlsx", 0, "invalid", False), ("pkm02 rev1.xlsx", 1, "valid", True)]
        assert [(row.revisi, counts) for row, counts in history(book, district, "PKM03")] == [(0, False), (1, True)]
        # Archived by content under its period and kode; inputs untouched.
        row = first[1].submission
        assert row.archive_path == f"arsip/2026-03/PKM03/{row.sha256}.xlsx"
    assert before == {name: (path.read_bytes(), path.stat().st_mtime_ns) for name, path in inbox.items()}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork")
def test_a_file_that_crashes_the_reader_is_recorded_unreadable_and_the_batch_goes_on(tmp_path, inbox, district,
                                                                                     monkeypatch):
    import bludcli.validate

    check = bludcli.validate._validate_file

    def crashing(path, *args):
        if path.name == "pkm03.xlsx":
            os.kill(os.getpid(), signal.SIGKILL)  # as a native abort inside the reader would
        return check(path, *args)

    monkeypatch.setattr(bludcli.validate, "_validate_file", crashing)
    with Ledger(tmp_path / "L" / "ledger.sqlite") as book:
        receipts = receive_paths([inbox["pkm03"], inbox["pkm02 rev1"]], district, book)
        assert [(r.outcome, r.submission.status) for r in receipts] == [(NEW, "unreadable"), (NEW, "valid")]
        assert [f.rule for f in receipts[0].result.findings] == ["file.unreadable"]
        assert receipts[0].submission.archive_path.startswith("arsip/lain/")
        assert _consistent(book) == 2


def test_a_second_file_claiming_the_same_revision_is_flagged_when_received(tmp_path, inbox, district):
    other = tmp_path / "pkm03 rev1 lagi.xlsx"  # the same report in another layout: other bytes, same revision
    write_xlsx(_report("PKM03", 1), Layout.random(random.Random(7)), other)
    with Ledger(tmp_path / "L" / "ledger.sqlite") as book:
        first, second = receive_paths([inbox["pkm03 rev1"], other], district, book)
        assert (first.conflicts, second.conflicts) == ((), (first.submission,))
        assert second.submission.status == "valid" and _status(book, district, "PKM03").status == "konflik"
    output = CliRunner().invoke(_app(), ["receive", str(inbox["pkm03 rev1"]), str(other), "--lang", "en",
                                         "--ledger", str(tmp_path / "L2" / "ledger.sqlite")],
                                env={"COLUMNS": "400"}).output
    assert "CONFLICT: revision 1 was already received with other content (pkm03 rev1.xlsx, 20" in output


def test_a_lower_revision_received_after_a_higher_one_neither_conflicts_nor_supersedes(tmp_path, inbox, district):
    other = tmp_path / "pkm03 rev1 lagi.xlsx"
    write_xlsx(_report("PKM03", 1), Layout.random(random.Random(7)), other)
    late = tmp_path / "pkm03 rev2.xlsx"
    write_xlsx(_report("PKM03", 2), Layout(), late)
    with Ledger(tmp_path / "L" / "ledger.sqlite") as book:
        first, second, third = receive_paths([inbox["pkm03 rev1"], late, other], district, book)
        assert (second.supersedes, second.conflicts, second.outranked_by) == ((1,), (), None)
        assert (third.supersedes, third.conflicts, third.outranked_by) == ((), (), 2)
        assert _status(book, district, "PKM03").revisi == 2  # (received today: late)


def test_unknown_period_goes_to_lain(tmp_path, district):
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"not a workbook")
    with Ledger(tmp_path / "ledger.sqlite") as book:
        [receipt] = receive_paths([junk], district, book)
        assert receipt.submission.status == "unreadable"
        assert receipt.submission.archive_path == f"arsip/lain/{receipt.submission.sha256}.xlsx"
        _consistent(book)
    assert archive_path("ab", ".XLSX", "../../etc", 2026, 3).as_posix() == "arsip/lain/ab.xlsx"


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command(name="receive")(ledger_cli.receive)
    app.command(name="status")(ledger_cli.status)
    app.command(name="history")(ledger_cli.history)
    app.add_typer(ledger_cli.ledger_app, name="ledger")
    return app


def test_commands(tmp_path, inbox, monkeypatch):
    monkeypatch.setenv("BLUDCLI_LEDGER", str(tmp_path / "bersama" / "ledger.sqlite"))
    app, run = _app(), CliRunner()
    missing = run.invoke(app, ["status", "--tahun", "2026", "--bulan", "3"])
    assert missing.exit_code == 2 and "tidak ada" in missing.output
    not_a_folder = tmp_path / "balik.pdf"
    not_a_folder.write_text("")
    refused = run.invoke(app, ["receive", str(inbox["pkm03"]), "--return", str(not_a_folder)])
    assert refused.exit_code == 2 and "--return harus folder" in refused.output
    first = run.invoke(app, ["receive", str(inbox["pkm02 salah"]), str(inbox["pkm03"])])
    assert first.exit_code == 1 and "dicatat" in first.output
    assert first.output.count(" berkas: ") == 1  # one summary of the run, not also one of the files with findings
    again = run.invoke(app, ["receive", str(inbox["pkm03"]), "--lang", "en"])
    assert again.exit_code == 0 and "already received" in again.output
    status = run.invoke(app, ["status", "--tahun", "2026", "--bulan", "3", "-f", "json"])
    document = json.loads(status.output)
    by_kode = {s["kode_blud"]: s for s in document["blud"]}
    assert by_kode["PKM02"]["status"] == "ditolak" and by_kode["PKM01"]["status"] == "belum masuk"
    assert by_kode["PKM03"]["revisi"] == 0 and document["batas"] == "2026-04-10"
    table = run.invoke(app, ["status", "--tahun", "2026", "--bulan", "3", "-o", str(tmp_path / "status.txt")])
    assert table.exit_code == 0 and "ditolak" in (tmp_path / "status.txt").read_text(encoding="utf-8")
    assert run.invoke(app, ["status", "--tahun", "2026", "--bulan", "13"]).exit_code == 2
    hist = run.invoke(app, ["history", "PKM02", "-f", "csv", "--lang", "en"])
    rows = list(csv.DictReader(hist.output.lstrip("\ufeff").splitlines()))
    assert [(r["file_name"], r["status"]) for r in rows] == [("pkm02 salah.xlsx", "invalid")]
    assert "PKM03" in run.invoke(app, ["history", "PKM03"]).output
    assert run.invoke(app, ["history", "PKM01"]).exit_code == 0  # registered, nothing sent yet
    typo = run.invoke(app, ["history", "PKM99"])
    assert typo.exit_code == 2 and "tidak ada di registri" in typo.output
    # Export: every submission and every finding.
    out = tmp_path / "cadangan"
    assert run.invoke(app, ["ledger", "export", "--output", str(out)]).exit_code == 0
    with Ledger(tmp_path / "bersama" / "ledger.sqlite") as book:
        submissions = book.submissions()
    exported = list(csv.DictReader((out / "submissions.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["sha256"] for r in exported] == [s.sha256 for s in submissions]
    findings = list(csv.DictReader((out / "findings.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(findings) == sum(s.finding_count for s in submissions) > 0
    assert {f["rule"] for f in findings} and all(f["sha256"] == submissions[0].sha256 for f in findings)


def test_the_receipts_fit_an_80_column_terminal(tmp_path, inbox, monkeypatch):
    """Receipts take three lines each at most, on average, at 80 columns: the short columns
    keep their width, the file name and the note share the rest."""
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(_app(), ["receive", *map(str, inbox.values()), "--ledger", str(tmp_path / "l.sqlite")])
    body = result.output.split("─" * 80 + "\n")[-1].split(" berkas: ")[0].splitlines()[:-1]
    assert sum("2026-03" in line for line in body) == len(inbox)  # a row a file
    assert all(len(line) <= 80 for line in body)
    assert len(body) <= 3 * len(inbox), result.output


def test_status_and_history_fit_an_80_column_terminal(tmp_path, inbox, district):
    """status and history in an 80-column terminal: a BLUD or a submission takes three lines at
    most, the short columns whole on its first line; the counts and the lateness in the note."""
    ledger = tmp_path / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths([inbox["pkm02 salah"]], district, book, now=_at("2026-04-05T02:00"))
        receive_paths([inbox["pkm03"]], district, book, now=_at("2026-04-12T02:00"))
        active = len(period_status(book, district, 2026, 3))
    app, run = _app(), CliRunner()

    def rows(*args: str) -> dict[str, tuple[list[str], str]]:
        """First word of a row -> (its lines, its note, the last column, read down)."""
        result = run.invoke(app, [*args, "--ledger", str(ledger)], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert all(len(line) <= 80 for line in lines), result.output
        rule = next(i for i, line in enumerate(lines) if line and set(line) == {"─"})  # under the headings
        note = lines[rule - 1].index("Keterangan")
        body = lines[rule + 1:]
        starts = [i for i, line in enumerate(body) if line[:1].strip()] + [len(body)]
        return {body[a].split()[0]: (body[a:b], " ".join(line[note:].strip() for line in body[a:b]).strip())
                for a, b in zip(starts, starts[1:])}

    status = rows("status", "--tahun", "2026", "--bulan", "3")
    status.pop(next(reversed(status)))  # the counts under the table
    assert len(status) == active and all(len(lines) <= 3 for lines, _ in status.values())
    assert status["PKM02"][0][0].split()[:5] == ["PKM02", "ditolak", "0", "2026-04-05", "09:00"]
    assert status["PKM02"][1] == "1 kesalahan, 0 peringatan"
    assert status["PKM03"][1] == "terlambat 2 hari" and status["PKM01"][1] == ""
    (lines, note), = rows("history", "PKM02").values()
    assert len(lines) <= 3 and lines[0].split()[:4] == ["2026-04-05", "09:00", "2026-03", "0"]
    assert note == "1 kesalahan, 0 peringatan"  # rejected: not the file that counts
    (lines, note), = rows("history", "PKM03").values()
    assert len(lines) <= 3 and note == "dipakai"


def test_status_and_history_show_receipt_times_in_wib(tmp_path, inbox, district):
    """Lateness is judged in WIB, so times are shown in WIB: the table says so, CSV and JSON
    carry ISO times with +07:00. Both lists name the BLUD `kode_blud`; a CSV boolean is 1/0."""
    ledger = tmp_path / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths([inbox["pkm02 salah"]], district, book, now=_at("2026-04-05T02:00"))
        receive_paths([inbox["pkm02 rev1"]], district, book, now=_at("2026-04-10T16:59"))
    app, run = _app(), CliRunner()

    def invoke(*args: str) -> str:
        result = run.invoke(app, [*args, "--ledger", str(ledger)], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        return result.output

    status = ("status", "--tahun", "2026", "--bulan", "3")
    for lang, heading in (("id", "Diterima (WIB)"), ("en", "Received (WIB)")):
        for table in (invoke(*status, "--lang", lang), invoke("history", "PKM02", "--lang", lang)):
            assert heading in table and "UTC" not in table
    assert "2026-04-10 23:59" in invoke(*status)
    assert "2026-04-05 09:00" in invoke("history", "PKM02")
    by_kode = {s["kode_blud"]: s for s in json.loads(invoke(*status, "-f", "json"))["blud"]}
    assert by_kode["PKM02"]["received_at"] == "2026-04-10T23:59:00+07:00"
    text = invoke(*status, "-f", "csv")
    assert text.startswith("\ufeffkode_blud,")
    rows = {r["kode_blud"]: r for r in csv.DictReader(text.lstrip("\ufeff").splitlines())}
    assert rows["PKM02"]["received_at"] == "2026-04-10T23:59:00+07:00" and rows["PKM01"]["received_at"] == ""
    history_json = json.loads(invoke("history", "PKM02", "-f", "json"))["submissions"]
    assert [(r["received_at"], r["counts"]) for r in history_json] == [
        ("2026-04-05T09:00:00+07:00", False), ("2026-04-10T23:59:00+07:00", True)]
    history_csv = csv.DictReader(invoke("history", "PKM02", "-f", "csv").lstrip("\ufeff").splitlines())
    assert [(r["kode_blud"], r["received_at"], r["counts"]) for r in history_csv] == [
        ("PKM02", "2026-04-05T09:00:00+07:00", "0"), ("PKM02", "2026-04-10T23:59:00+07:00", "1")]
    with Ledger(ledger) as book:  # the ledger itself keeps UTC
        assert [row.received_at for row in book.submissions()] == ["2026-04-05T02:00:00+00:00",
                                                                    "2026-04-10T16:59:00+00:00"]


# Reliability: other processes on the same ledger.

_RECEIVE = """
import sys, time
from pathlib import Path
from bludcli.config import load_district
from bludcli.ledger import Ledger, NEW, receive_paths
pause = float(sys.argv[2])
with Ledger(sys.argv[1]) as book:
    receipts = receive_paths([Path(p) for p in sys.argv[3:]], load_district(), book,
                             on_file=lambda _: time.sleep(pause))
print(sum(r.outcome == NEW for r in receipts))
"""


def _receiver(ledger: Path, files: list[Path], pause: float = 0.0) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", _RECEIVE, str(ledger), str(pause), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _batch(inbox: dict[str, Path], folder: Path, junk: int) -> list[Path]:
    """The inbox's workbooks plus `junk` distinct unreadable files (cheap distinct digests)."""
    folder.mkdir()
    extra = []
    for number in range(junk):
        path = folder / f"rusak-{number:02d}.xlsx"
        path.write_bytes(f"bukan buku kerja {number}".encode())
        extra.append(path)
    return [*inbox.values(), *extra]


def test_two_processes_at_once(tmp_path, inbox):
    files = _batch(inbox, tmp_path / "masuk", junk=8)
    ledger = tmp_path / "L" / "ledger.sqlite"
    runs = [_receiver(ledger, files), _receiver(ledger, list(reversed(files)))]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum(int(out) for out, _ in outputs) == len(files)  # each file recorded by exactly one run
    with Ledger(ledger) as book:
        assert book.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert _consistent(book) == len(files)


def test_kill_mid_batch(tmp_path, inbox, district):
    files = _batch(inbox, tmp_path / "masuk", junk=12)
    ledger = tmp_path / "L" / "ledger.sqlite"
    run = _receiver(ledger, files, pause=0.25)
    deadline = time.monotonic() + 30
    recorded = 0
    while recorded < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        if ledger.exists():
            try:
                with sqlite3.connect(ledger, timeout=5) as db:
                    recorded = db.execute("SELECT count(*) FROM submissions").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not there yet
                pass
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=10)
    assert run.returncode == -signal.SIGKILL
    with Ledger(ledger) as book:
        kept = _consistent(book)
        assert 2 <= kept < len(files)
        # Receiving the batch again completes it: nothing recorded twice.
        receipts = receive_paths(files, district, book)
        assert sum(r.outcome == NEW for r in receipts) == len(files) - kept
        assert _consistent(book) == len(files)


def test_month_to_month_against_the_ledger(tmp_path, district):
    """March received before February: its checks against last month are listed as skipped.
    Once February is in the ledger, a March report that does not continue it (generated
    independently here) gets the month-to-month errors at its cells."""
    february, march = tmp_path / "PKM05 Februari.xlsx", tmp_path / "PKM05 Maret.xlsx"
    write_xlsx(make_report("PKM05", 2026, 2), Layout(), february)
    cells = write_xlsx(make_report("PKM05", 2026, 3), Layout(), march)
    with Ledger(tmp_path / "buku" / "ledger.sqlite") as book:
        (first,) = receive_paths([march], district, book)
        assert first.result.skipped == ["month-to-month"]
        assert not any(f.rule.endswith(("previous-sd", "previous-balance")) for f in first.result.findings)
        receive_paths([february], district, book)
        revised = tmp_path / "PKM05 Maret revisi.xlsx"
        write_xlsx(_report("PKM05", revisi=1), Layout(), revised)
        (second,) = receive_paths([revised], district, book)
    found = {(f.rule, f.cell) for f in second.result.findings}
    assert ("bku.previous-balance", cells.bku[(0, "saldo")]) in found
    assert ("kapitasi.previous-balance", cells.kapitasi[("saldo_awal", "bulan_ini")]) in found
    assert any(rule == "lra.previous-sd" for rule, _ in found)
    assert second.result.skipped == [] and second.submission.status == "invalid"


def test_a_batch_checks_each_file_once_and_each_last_month_report_once(tmp_path, district, monkeypatch):
    """Files are checked together, then recorded; the month-to-month checks run on what was
    read, against last month's report read once from the archive: no file is opened twice."""
    from bludcli.ledger import receive

    checked = []

    def counting(paths, *args, **kwargs):
        checked.extend(Path(path).name for path in paths)
        return validate_paths(paths, *args, **kwargs)

    validate_paths = receive.validate_paths
    monkeypatch.setattr(receive, "validate_paths", counting)
    february = tmp_path / "PKM05 Februari.xlsx"
    write_xlsx(make_report("PKM05", 2026, 2), Layout(), february)
    batch = [tmp_path / "PKM05 Maret.xlsx", tmp_path / "PKM06 Maret.xlsx", tmp_path / "PKM05 April.xlsx"]
    for path, (kode, bulan) in zip(batch, [("PKM05", 3), ("PKM06", 3), ("PKM05", 4)]):
        write_xlsx(make_report(kode, 2026, bulan), Layout(), path)
    with Ledger(tmp_path / "buku" / "ledger.sqlite") as book:
        receive_paths([february], district, book)
        receipts = receive_paths(batch, district, book, jobs=2)
    sha = hashlib.sha256(february.read_bytes()).hexdigest()
    assert sorted(checked) == sorted([february.name, *(path.name for path in batch), f"{sha}.xlsx"])
    march, other, april = (receipt.result for receipt in receipts)
    assert march.skipped == [] and any(f.rule == "bku.previous-balance" for f in march.findings)
    assert other.skipped == ["month-to-month"]
    assert april.skipped == ["month-to-month"]  # March is not valid: there is no accepted report to follow


def test_consolidate_from_the_ledger(tmp_path, inbox, district):
    """The month's recorded files, with the folder form's rules: PKM02's valid revision 1 and
    PKM03's revision 1 count; the invalid file and revision 0 do not."""
    from bludcli.cli.app import app

    ledger = tmp_path / "buku" / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths(list(inbox.values()), district, book)
    out = tmp_path / "rekap.json"
    result = CliRunner().invoke(app, ["consolidate", "--ledger", str(ledger), "--tahun", "2026", "--bulan", "3",
                                      "--json", str(out), "--output", str(tmp_path / "rekap.xlsx"),
                                      "--csv", str(tmp_path / "csv")], env={"COLUMNS": "250"})
    assert result.exit_code == 1, result.output  # the other active BLUDs are missing
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {(i["kode_blud"], i["revisi"]) for i in document["included"]} == {("PKM02", 1), ("PKM03", 1)}
    assert [e["reason"] for e in document["excluded"]] == ["invalid"]
    # Files are named as they were received; what points at a file points at its archived copy.
    assert all(Path(i["path"]).is_relative_to(ledger.parent) for i in document["included"])
    assert not re.search(r"[0-9a-f]{64}", result.output), result.output
    assert "pkm02 rev1.xlsx" in result.output and "pkm03 rev1.xlsx" in result.output
    assert "pkm02 salah.xlsx: " in result.output and "pkm03.xlsx: digantikan pkm03 rev1.xlsx" in result.output
    from tests.test_recap_workbook import records

    book = load_workbook(tmp_path / "rekap.xlsx")
    files = {r["Kode BLUD"]: r["File"] for r in records(book["Ringkasan"]) if r.get("Kode BLUD") in ("PKM02", "PKM03")}
    assert files == {"PKM02": "pkm02 rev1.xlsx", "PKM03": "pkm03 rev1.xlsx"}
    traces = list(csv.DictReader((tmp_path / "csv" / "lra-2026-03.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert traces and all(Path(r["file"]).is_relative_to(ledger.parent) for r in traces)


def test_consolidate_refuses_paths_with_a_ledger(tmp_path, inbox, district):
    """PATH... and --ledger are two sources of files: given both, neither is silently dropped."""
    from bludcli.cli.app import app

    ledger = tmp_path / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths([inbox["pkm03"]], district, book)
    for lang, said in (("id", "--ledger tidak dapat dipakai bersama PATH"),
                       ("en", "--ledger cannot be combined with PATH")):
        result = CliRunner().invoke(app, ["consolidate", str(inbox["pkm02 rev1"]), "--ledger", str(ledger),
                                          "--tahun", "2026", "--bulan", "3", "--lang", lang])
        assert result.exit_code == 2 and said in result.output, result.output


def test_a_ledger_or_export_that_cannot_be_written_is_said_in_words(tmp_path, inbox):
    """As for any output: the reason in the user's language, not sqlite's or the system's."""
    app, run = _app(), CliRunner()
    a_file, a_folder = tmp_path / "afile", tmp_path / "adir"
    a_file.write_text("")
    a_folder.mkdir()
    result = run.invoke(app, ["receive", str(inbox["pkm03"]), "--ledger", str(a_file / "l.sqlite")])
    assert result.exit_code == 2
    assert result.output.strip() == f"Tidak dapat menulis {a_file / 'l.sqlite'}: salah satu folder di jalurnya " \
                                    "adalah berkas."
    result = run.invoke(app, ["receive", str(inbox["pkm03"]), "--ledger", str(a_folder), "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.strip() == f"Cannot write {a_folder}: it is a folder, not a file."
    ledger = tmp_path / "buku" / "ledger.sqlite"
    assert run.invoke(app, ["receive", str(inbox["pkm03"]), "--ledger", str(ledger)]).exit_code == 0
    result = run.invoke(app, ["ledger", "export", "--ledger", str(ledger), "--output", str(a_file)])
    assert result.exit_code == 2
    assert result.output.strip() == f"Tidak dapat menulis {a_file / 'submissions.csv'}: salah satu folder di " \
                                    "jalurnya adalah berkas."


def _recap(ledger: Path, out: Path, bulan: int = 3):
    """consolidate --ledger for a month of 2026: (result, JSON)."""
    from bludcli.cli.app import app

    result = CliRunner().invoke(app, ["consolidate", "--ledger", str(ledger), "--tahun", "2026", "--bulan", str(bulan),
                                      "--json", str(out)], env={"COLUMNS": "250"})
    assert "Traceback" not in result.output, result.output
    return result, json.loads(out.read_text(encoding="utf-8"))


def test_consolidate_from_the_ledger_checks_month_to_month_as_receive(tmp_path, district):
    """PKM03's March revision 1 does not continue its February report in the ledger: receive
    rejects it, status says ditolak, and so does the recap (before, it checked the archived copy
    without last month, found it valid and summed it). Where a revision 0 received before
    February is there too, the revision 1 does not replace it: the recap checks both against
    February now, and neither continues it."""
    february = tmp_path / "PKM03 Feb.xlsx"
    write_xlsx(make_report("PKM03", 2026, 2), Layout(), february)
    march = {revisi: tmp_path / f"PKM03 Mar rev{revisi}.xlsx" for revisi in (0, 1)}
    for revisi, path in march.items():
        write_xlsx(_report("PKM03", revisi), Layout(), path)
    ledger = tmp_path / "satu" / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths([february], district, book)
        (receipt,) = receive_paths([march[1]], district, book)
        assert receipt.submission.status == "invalid"
        assert any(f.rule == "bku.previous-balance" for f in receipt.result.findings)
        assert _status(book, district, "PKM03").status == "ditolak"
    result, document = _recap(ledger, tmp_path / "satu.json")
    assert result.exit_code == 1
    assert re.search(r"│ PKM03 +│ ditolak +│", result.output), result.output
    assert document["included"] == [] and "PKM03" in document["missing"]
    (excluded,) = document["excluded"]
    assert excluded["reason"] == "invalid" and excluded["errors"] == receipt.submission.errors
    assert [(f["rule"], f["cell"]) for f in excluded["findings"]] == [
        (f.rule, f.cell) for f in receipt.result.findings if f.severity == "error"][:3]

    ledger = tmp_path / "dua" / "ledger.sqlite"
    with Ledger(ledger) as book:
        for path in (march[0], february, march[1]):
            receive_paths([path], district, book)
    result, document = _recap(ledger, tmp_path / "dua.json")
    assert document["included"] == [] and document["ignored"] == []
    assert [(e["reason"], {f["rule"] for f in e["findings"]}) for e in document["excluded"]] == [
        ("invalid", {"lra.previous-sd"})] * 2
    assert "PKM03 Mar rev0.xlsx: " in result.output and "PKM03 Mar rev1.xlsx: " in result.output
    assert "digantikan" not in result.output


def test_consolidate_a_month_the_ledger_has_nothing_of(tmp_path, inbox, district):
    """As status lists every active BLUD belum masuk, the recap is made with all of them missing
    (exit 1), as from a folder whose files are all of another month."""
    ledger = tmp_path / "buku" / "ledger.sqlite"
    with Ledger(ledger) as book:
        receive_paths([inbox["pkm03"]], district, book)
        waiting = [s.kode_blud for s in period_status(book, district, 2026, 4)]
    result, document = _recap(ledger, tmp_path / "april.json", bulan=4)
    assert result.exit_code == 1, result.output
    assert document["missing"] == waiting and document["included"] == [] and document["lra"] == []
    assert f"{len(waiting)} BLUD aktif: 0 diterima, 0 ditolak, 0 konflik, {len(waiting)} belum masuk" in result.output
