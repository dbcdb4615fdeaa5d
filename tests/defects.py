"""Seed single defects into generated workbooks and check that validate finds each at its cell.

Used by tests/test_seeded_defects.py (a few cases, every CI run) and as a script for a wide
survey over many random layouts:

    python tests/defects.py [--workbooks 40] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from bludcli.config import District, load_district
from bludcli.samplegen import Layout, make_report, set_cell, write_xlsx
from bludcli.validate import validate_file

ACTIVE = [f"RS0{i}" for i in (1, 2, 3)] + [f"PKM{i:02d}" for i in range(1, 23)]


@dataclass(frozen=True)
class Defect:
    kind: str
    sheet: str
    cell: str
    value: object


def valid_workbook(folder: Path, kode: str, seed: int):
    """A generated valid workbook with a random layout; returns (path, report, cellmap)."""
    rng = random.Random(seed)
    report = make_report(kode, 2026, 3, seed=seed)
    path = folder / f"{kode}-{seed}.xlsx"
    cells = write_xlsx(report, Layout.random(rng), path)
    return path, report, cells


def _delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([1_000, 25_000, 150_000, 1_000_000, 7_500_000])) * rng.choice([1, -1])


def candidate_defects(report, cells, rng: random.Random) -> list[Defect]:
    """One defect of each kind the contract can catch, placed in this workbook."""
    out: list[Defect] = []
    lra, bku, kap, ident = cells.lra, cells.bku, cells.kapitasi, cells.identitas
    rows = report.lra
    leaves = [r for r in rows if r.leaf and r.code[0] in (4, 5)]
    parents = [r for r in rows if not r.leaf]

    def amount_defect(kind, table, key, field, base):
        if (key, field) in table and base is not None:
            new = base + _delta(rng)
            if new >= 0:
                out.append(Defect(kind, table.sheet, table[(key, field)], float(new)))

    leaf = rng.choice(leaves)
    for field in ("anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa"):
        amount_defect(f"lra-leaf-{field}", lra, leaf.code, field, leaf.amount(field))
    parent = rng.choice(parents)
    for field in ("anggaran", "bulan_ini", "sd_ini"):
        amount_defect(f"lra-parent-{field}", lra, parent.code, field, parent.amount(field))
    if (leaf.code, "persen") in lra and leaf.persen is not None and leaf.anggaran:
        out.append(Defect("lra-persen", lra.sheet, lra[(leaf.code, "persen")], float(leaf.persen) + 7.5))
    computed = [c for c in report.computed if (c.key, "sd_ini") in lra]
    if computed:
        c = rng.choice(computed)
        amount_defect("lra-computed", lra, c.key, "sd_ini", c.amount("sd_ini"))
    out.append(Defect("lra-code-unknown", lra.sheet, lra[(leaf.code, "kode")],
                      ".".join(str(s) for s in leaf.code[:5]) + ".9876"))

    entries = [(i, row) for i, row in enumerate(report.bku) if i > 0]
    i, entry = rng.choice(entries)
    side = "penerimaan" if entry.penerimaan else "pengeluaran"
    amount_defect("bku-amount", bku, i, side, getattr(entry, side))
    amount_defect("bku-saldo", bku, i, "saldo", entry.saldo)
    out.append(Defect("bku-date", bku.sheet, bku[(i, "tanggal")], date(2026, 2, 27)))
    if i > 1:
        out.append(Defect("bku-voucher-duplicate", bku.sheet, bku[(i, "no_bukti")], report.bku[i - 1].no_bukti))
    out.append(Defect("bku-voucher-missing", bku.sheet, bku[(i, "no_bukti")], None))
    coded = [(j, row) for j, row in entries if row.kode]
    if coded:
        j, row = rng.choice(coded)
        out.append(Defect("bku-code-unknown", bku.sheet, bku[(j, "kode")], "5.1.02.01.01.9876"))
        other = "penerimaan" if row.pengeluaran else "pengeluaran"
        out.append(Defect("bku-both-sides", bku.sheet, bku[(j, other)], 12_345.0))

    out.append(Defect("identitas-kode", ident.sheet, ident["Kode BLUD"], "PKM99"))
    out.append(Defect("identitas-jenis", ident.sheet, ident["Jenis BLUD"],
                      "RSUD" if report.identitas.jenis_blud != "RSUD" else "Puskesmas"))
    out.append(Defect("identitas-tahun", ident.sheet, ident["Tahun Anggaran"], "26"))
    out.append(Defect("identitas-bulan", ident.sheet, ident["Bulan"], "Maretz"))
    out.append(Defect("identitas-tanggal", ident.sheet, ident["Tanggal Laporan"], date(2026, 3, 15)))
    out.append(Defect("identitas-nip-number", ident.sheet, ident["NIP Pemimpin BLUD"], 198001012005011001.0))
    out.append(Defect("identitas-nip-gender", ident.sheet, ident["NIP Pejabat Keuangan"], "19800101 200501 3 001"))
    out.append(Defect("identitas-required", ident.sheet, ident["Pemerintah Daerah"], None))

    if kap is not None:
        for key in ("penerimaan", "jasa", "saldo_akhir"):
            column = rng.choice(("bulan_ini", "sd_ini"))
            base = getattr(getattr(report.kapitasi, column), key)
            amount_defect(f"kapitasi-{key}", kap, key, column, base)
    return out


@dataclass
class Outcome:
    defect: Defect
    found: bool
    findings: list


def run_defect(folder: Path, source: Path, defect: Defect, district: District) -> Outcome:
    target = folder / f"defect-{defect.kind}.xlsx"
    shutil.copyfile(source, target)
    set_cell(target, defect.sheet, defect.cell, defect.value)
    result = validate_file(target, district)
    errors = [f for f in result.findings if f.severity == "error" or defect.kind == "identitas-tanggal"]
    found = any(f.sheet == defect.sheet and f.cell == defect.cell for f in errors)
    return Outcome(defect, found, result.findings)


def survey(workbooks: int, seed: int, district: District, verbose: bool = False) -> tuple[Counter, Counter, int]:
    """(found per kind, tried per kind, error findings on the valid workbooks)."""
    rng = random.Random(seed)
    found, tried = Counter(), Counter()
    false_errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(workbooks):
            kode = rng.choice(ACTIVE)
            path, report, cells = valid_workbook(folder, kode, rng.randrange(1 << 30))
            clean = validate_file(path, district)
            false_errors += clean.errors
            if verbose and clean.errors:
                print(f"FALSE ERRORS {path.name}:", [(f.rule, f.sheet, f.cell) for f in clean.findings if f.severity == "error"])
            for defect in candidate_defects(report, cells, rng):
                outcome = run_defect(folder, path, defect, district)
                tried[defect.kind] += 1
                found[defect.kind] += outcome.found
                if verbose and not outcome.found:
                    print(f"MISSED {path.name} {defect}:",
                          [(f.rule, f.sheet, f.cell, f.value, f.expected) for f in outcome.findings][:6])
    return found, tried, false_errors


def main() -> None:
    parser = argparse.ArgumentParser(description="Seeded single-defect survey")
    parser.add_argument("--workbooks", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    found, tried, false_errors = survey(args.workbooks, args.seed, load_district(), args.verbose)
    for kind in sorted(tried):
        print(f"{kind:28s} {found[kind]:4d} / {tried[kind]:4d}")
    total_found, total = sum(found.values()), sum(tried.values())
    print(f"found at the right cell: {total_found} / {total} = {100 * total_found / total:.1f} %")
    print(f"error findings on {args.workbooks} valid workbooks: {false_errors}")
    sys.exit(0)


if __name__ == "__main__":
    main()
