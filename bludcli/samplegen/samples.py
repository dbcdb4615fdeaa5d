"""The bundled samples: one March 2026 workbook per active BLUD, a few with seeded defects."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from bludcli.values import Code

from .district import active_bluds, district
from .grid import CellMap, Formula, TableCells, WorkbookGrid
from .layout import Layout
from .report import ZERO, Amounts, LraRow, Report, make_report
from .sheets import build_workbook, long_date
from .writers import save

TAHUN, BULAN_LAPORAN = 2026, 3
_AMOUNT_FIELDS = frozenset({"anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa", "penerimaan",
                            "pengeluaran", "saldo"})


@dataclass(frozen=True)
class Expect:
    """A finding a seeded defect should raise (cell None: about the whole sheet or file)."""

    rule: str
    sheet: str
    cell: str | None
    note: str


@dataclass
class Seeded:
    """A laid-out sample workbook while defects are seeded into its grid."""

    report: Report
    layout: Layout
    grid: WorkbookGrid
    cells: CellMap
    rng: random.Random

    def put(self, table: TableCells, key, field_name: str, value) -> str:
        """Overwrite one value of a table (amounts as numbers); returns its cell."""
        ref = table[(key, field_name)]
        self.grid.sheet(table.sheet).set(ref, float(value) if isinstance(value, Decimal) else value)
        return ref

    def put_lra(self, code: Code, anggaran: Decimal, sd_ini: Decimal) -> None:
        """Write a row's Sisa and % as a spreadsheet's formulas would show them."""
        lra, amounts = self.cells.lra, Amounts(anggaran, sd_ini, ZERO)
        if "sisa" in lra.columns:
            self.put(lra, code, "sisa", amounts.sisa)
        if "persen" in lra.columns and amounts.persen is not None:
            fraction = self.layout.percent_as_fraction
            self.put(lra, code, "persen", amounts.persen / 100 if fraction else amounts.persen)


@dataclass(frozen=True)
class Sample:
    kode: str
    path: str  # relative to the samples folder
    seed: int
    family: str = ""  # what the seeded defects exercise
    defect: Callable[[Seeded], list[Expect]] | None = None
    layout: dict[str, object] = field(default_factory=dict)  # overrides on Layout.random(seed)
    identitas: dict[str, object] = field(default_factory=dict)  # overrides on the Identitas
    note: str = ""  # anything else a reader of the README should know


def _parent(report: Report, code: Code) -> LraRow:
    present = {r.code: r for r in report.lra}
    return next(present[code[:n]] for n in range(len(code) - 1, 0, -1) if code[:n] in present)


def _under_different_parents(s: Seeded, rows: list[LraRow], count: int) -> list[LraRow]:
    chosen, parents = [], set()
    for row in s.rng.sample(rows, len(rows)):
        parent = _parent(s.report, row.code).code
        if parent not in parents:
            chosen.append(row)
            parents.add(parent)
    return chosen[:count]


def _lra_arithmetic(s: Seeded) -> list[Expect]:
    """A subtotal typed over, a leaf's s.d. Bulan Ini typed wrong, a Sisa that forgot this
    month (needs a Sisa column). A parent sum broken only by a child cell that has a finding
    of its own is a consequence, not listed (one cause, one finding)."""
    report, lra = s.report, s.cells.lra
    spending = [r for r in report.leaves if r.code[0] == 5 and r.bulan_ini and r.sisa > 2_000_000]
    typed_over, cumulative, remaining = _under_different_parents(s, spending, 3)
    subtotal = _parent(report, typed_over.code)
    delta = Decimal(5_000_000)
    # The subtotal's own SUM is overwritten; the rows above it and the computed rows follow it.
    for row in report.lra:
        if subtotal.code[:len(row.code)] == row.code:
            s.put(lra, row.code, "anggaran", row.anggaran + delta)
            s.put_lra(row.code, row.anggaran + delta, row.sd_ini)
    for computed in report.computed:
        if computed.key in ("surplus", "silpa"):
            s.put(lra, computed.key, "anggaran", computed.anggaran - delta)
            if "sisa" in lra.columns:
                s.put(lra, computed.key, "sisa", computed.sisa - delta)
    typo = cumulative.sd_ini + 1_000_000
    s.put(lra, cumulative.code, "sd_ini", typo)
    s.put_lra(cumulative.code, cumulative.anggaran, typo)
    s.put(lra, remaining.code, "sisa", remaining.anggaran - remaining.sd_lalu)
    return [
        Expect("lra.parent-sum", lra.sheet, lra[(subtotal.code, "anggaran")],
               "subtotal Anggaran typed over (+Rp 5.000.000); the rows above it and its own "
               "Sisa and % follow (one cause, one finding)"),
        Expect("lra.cumulative", lra.sheet, lra[(cumulative.code, "sd_ini")],
               "s.d. Bulan Ini typed Rp 1.000.000 too high; its Sisa and % follow (the "
               "parent's s.d. Bulan Ini sum fails as a consequence, not a finding of its own)"),
        Expect("lra.remaining", lra.sheet, lra[(remaining.code, "sisa")],
               "Sisa = Anggaran − s.d. Bulan Lalu, this month forgotten (the parent's Sisa "
               "sum fails as a consequence, not a finding of its own)"),
    ]


def _bku(s: Seeded) -> list[Expect]:
    """A saldo typo carried on by the formulas below it, a February voucher, a copied
    No. Bukti, a transfer entered on one line with both sides."""
    rows, bku = s.report.bku, s.cells.bku
    transfer = next(i for i, r in enumerate(rows) if i > 1 and r.kode is None and r.pengeluaran
                    and r.uraian.startswith("Pergeseran"))
    others = [i for i in range(2, len(rows)) if abs(i - transfer) > 1]
    duplicate, typo = sorted(s.rng.sample(others, 2))
    saldo = [r.saldo for r in rows]
    for start, shift in ((transfer, rows[transfer].pengeluaran), (typo, Decimal(1_000_000))):
        for i in range(start, len(rows)):
            saldo[i] += shift
    for i in range(min(transfer, typo), len(rows)):
        s.put(bku, i, "saldo", saldo[i])
    s.put(bku, transfer, "penerimaan", rows[transfer].pengeluaran)
    february = date(TAHUN, BULAN_LAPORAN - 1, 27)
    s.put(bku, 1, "tanggal", february.strftime("%d/%m/%Y") if s.layout.bku_dates_as_text else february)
    s.put(bku, duplicate, "no_bukti", rows[duplicate - 1].no_bukti)
    return [
        Expect("bku.balance", bku.sheet, bku[(typo, "saldo")],
               "Saldo typed Rp 1.000.000 too high; the rows below continue from it"),
        Expect("bku.date-outside-month", bku.sheet, bku[(1, "tanggal")],
               "first transaction dated 27/02/2026"),
        Expect("bku.voucher-duplicate", bku.sheet, bku[(duplicate, "no_bukti")],
               f"No. Bukti copied from the row above ({rows[duplicate - 1].no_bukti})"),
        Expect("bku.one-side", bku.sheet, bku[(transfer, "pengeluaran")],
               "transfer entered with both Penerimaan and Pengeluaran (saldo follows)"),
    ]


def _identitas(s: Seeded) -> list[Expect]:
    """A NIP typed into a numeric cell, the wrong Jenis BLUD, a report dated mid-month."""
    identitas = s.cells.identitas
    sheet = s.grid.sheet(identitas.sheet)
    sheet.set(identitas["NIP Pemimpin BLUD"], float(s.report.identitas.pemimpin.nip))
    sheet.set(identitas["Jenis BLUD"], "RSUD")
    early = date(TAHUN, BULAN_LAPORAN, 16)
    sheet.set(identitas["Tanggal Laporan"], long_date(early) if s.layout.tanggal_as_text else early)
    return [
        Expect("identitas.nip-as-number", identitas.sheet, identitas["NIP Pemimpin BLUD"],
               "NIP stored as a number (its last digits are lost)"),
        Expect("identitas.jenis-mismatch", identitas.sheet, identitas["Jenis BLUD"],
               "'RSUD' for a Puskesmas"),
        Expect("identitas.tanggal-early", identitas.sheet, identitas["Tanggal Laporan"],
               "dated 16 Maret 2026, before the month ended"),
    ]


def _kapitasi(s: Seeded) -> list[Expect]:
    """Saldo Akhir without Dukungan Operasional; too little of the year spent on jasa pelayanan."""
    kapitasi, report = s.cells.kapitasi, s.report.kapitasi
    month = report.bulan_ini
    s.put(kapitasi, "saldo_akhir", "bulan_ini", month.saldo_awal + month.penerimaan - month.jasa)
    year = report.sd_ini
    jasa = ((year.jasa + year.dukungan) * Decimal("0.55")).quantize(Decimal(1))
    s.put(kapitasi, "jasa", "sd_ini", jasa)
    s.put(kapitasi, "dukungan", "sd_ini", year.jasa + year.dukungan - jasa)
    return [
        Expect("kapitasi.balance", kapitasi.sheet, kapitasi[("saldo_akhir", "bulan_ini")],
               "Saldo Akhir forgets Belanja Dukungan Biaya Operasional"),
        Expect("kapitasi.jasa-share", kapitasi.sheet, kapitasi[("jasa", "sd_ini")],
               "jasa pelayanan 55 % of capitation spending this year (Saldo Akhir still right)"),
    ]


def _structure(s: Seeded) -> list[Expect]:
    """The Kapitasi sheet deleted; a subtotal left as a formula that was never calculated."""
    report, lra = s.report, s.cells.lra
    s.grid.sheets.remove(s.grid.sheet(s.cells.kapitasi.sheet))
    parents = [r for r in report.lra if not r.leaf and r.code[0] == 5 and all(
        c.leaf for c in report.lra if c.code[:len(r.code)] == r.code and c is not r)]
    parent = s.rng.choice(parents)
    children = [r for r in report.lra if r.code[:len(parent.code)] == parent.code and r is not parent]
    first, last = lra[(children[0].code, "bulan_ini")], lra[(children[-1].code, "bulan_ini")]
    s.put(lra, parent.code, "bulan_ini", Formula(f"=SUM({first}:{last})"))
    return [
        Expect("file.sheet-missing", "Kapitasi", None, "Kapitasi sheet deleted from a Puskesmas file"),
        Expect("cell.formula-no-value", lra.sheet, lra[(parent.code, "bulan_ini")],
               f"=SUM({first}:{last}) saved without a cached value"),
    ]


def _text_amounts(s: Seeded) -> list[Expect]:
    """Nothing changed: the layout typed some amounts as text (warnings only)."""
    found = []
    for table in (s.cells.lra, s.cells.bku, s.cells.kapitasi):
        sheet = s.grid.sheet(table.sheet)
        for key in table:
            value = sheet.get(table[key]).value
            if key[1] in _AMOUNT_FIELDS and isinstance(value, str) and value != "-":
                found.append(Expect("value.amount-as-text", table.sheet, table[key], repr(value)))
    return found


SAMPLES = (
    Sample("RS01", "Laporan RSUD Muara Harapan Mar26.xlsx", 101),
    Sample("RS02", "LRA_BKU_RSUD_Pratama_Sungai_Duri_032026.xlsx", 102, "LRA arithmetic",
           _lra_arithmetic, {"sisa_column": True, "persen_column": True}),
    Sample("RS03", "RSUD Tanjung Laut - Laporan Maret 2026.xlsm", 103),
    Sample("PKM01", "laporan blud pkm muara harapan maret.xlsx", 201),
    Sample("PKM02", "Lap Keu PKM Sungai Duri Maret 2026.xlsx", 202),
    Sample("PKM03", "PKM03_LRA_Maret_2026.xlsx", 203),
    Sample("PKM04", "PKM04 Maret 2026.xls", 204),
    Sample("PKM05", "LRA BKU Kapitasi Sekernan Hilir (Maret).xlsx", 205),
    Sample("PKM06", "pkm kumpeh ulu_maret_2026_final.xlsx", 206),
    Sample("PKM07", "lap bln maret pkm 7 rev.xlsx", 207, "BKU", _bku, {"bku_jumlah_row": False}),
    Sample("PKM08", "Laporan Bulanan Talang Datar 03-2026.xlsx", 208),
    Sample("PKM09", "PKM09_Sengeti_2026-03.ods", 209),
    Sample("PKM10", "PKM Jambi Kecil MARET 2026 (1).xlsx", 210, "amounts typed as text",
           _text_amounts, {"text_amounts": 0.08}),
    Sample("PKM11", "laporan_pkm11_mar2026.xlsx", 211),
    Sample("PKM12", "LAPORAN BLUD PKM TANGKIT BULAN MARET.xlsx", 212, "Identitas", _identitas),
    Sample("PKM13", "Sungai Gelam - LRA Maret 26.xlsx", 213),
    Sample("PKM14", "PKM14_LRA_Maret_2026.xlsx", 214),
    Sample("PKM15", "Lap Maret 2026 Puskesmas Muaro Sebapo.xlsx", 215, "Kapitasi", _kapitasi),
    Sample("PKM16", "pkm lopak alai maret fix.xlsx", 216),
    Sample("PKM17", "PKM17 - Tanjung Katung - Maret 2026.xlsx", 217),
    Sample("PKM18", "Laporan Keuangan BLUD Kemingking Dalam Mar 2026.xlsx", 218),
    Sample("PKM19", "PKM19_LRA_Maret_2026 (revisi).xlsx", 219, "file structure", _structure),
    Sample("PKM20", "LAP MARET SIMPANG SUNGAI DUREN.xlsx", 220),
    Sample("PKM21", "pkm21 bukit baling maret2026.xlsx", 221),
    Sample("PKM22", "susulan/PKM22 Olak Kemang Maret 2026.xlsx", 222,
           note="sent late (Tanggal Laporan 14 April 2026, after the 10th), in a subfolder",
           identitas={"tanggal_laporan": date(2026, 4, 14)}),
)


@dataclass(frozen=True)
class Written:
    sample: Sample
    layout: Layout
    expected: list[Expect]


def write_sample(sample: Sample, folder: Path, rules_dir: Path | None = None) -> Written:
    report = make_report(sample.kode, TAHUN, BULAN_LAPORAN, seed=sample.seed, rules_dir=rules_dir)
    if sample.identitas:
        report = replace(report, identitas=replace(report.identitas, **sample.identitas))
    layout = replace(Layout.random(random.Random(sample.seed)), **sample.layout)
    grid, cells = build_workbook(report, layout)
    seeded = Seeded(report, layout, grid, cells, random.Random(sample.seed))
    expected = sample.defect(seeded) if sample.defect else []
    path = folder / sample.path
    path.parent.mkdir(parents=True, exist_ok=True)
    save(grid, path)
    return Written(sample, layout, expected)


def write_samples(folder: Path, rules_dir: Path | None = None) -> list[Written]:
    """Write every sample and samples/README.md describing them."""
    folder = Path(folder)
    active = {b.kode for b in active_bluds(district(rules_dir), TAHUN, BULAN_LAPORAN)}
    written = [write_sample(sample, folder, rules_dir) for sample in SAMPLES if sample.kode in active]
    (folder / "README.md").write_text(_readme(written, rules_dir), encoding="utf-8")
    return written


def _readme(written: list[Written], rules_dir: Path | None) -> str:
    rules = district(rules_dir)
    severity = {rule.id: rule.severity for rule in rules.rules.values()}
    registry = rules.registry
    inactive = [b for b in registry.values() if b.kode not in {w.sample.kode for w in written}]
    formats = {".xlsx": "xlsx", ".xlsm": "xlsm (no macros)", ".xls": "xls (BIFF8)", ".ods": "ods"}
    lines = [
        f"# Sample reports — {rules.daerah}, Maret {TAHUN}",
        "",
        "Generated by `python -m bludcli.samplegen samples/` (bludcli/samplegen); do not edit",
        "by hand. Seeds are fixed, so a rerun gives the same content (not the same bytes).",
        "",
        f"One workbook per BLUD active in Maret {TAHUN}, named as people send them; the name",
        "carries no meaning, the Identitas sheet does. "
        + "".join(f"{b.kode} ({b.nama}) is active only from {b.aktif_sejak[0]}-"
                  f"{b.aktif_sejak[1]:02d}, so it has no file. " for b in inactive),
        "Every workbook is laid out differently (`Layout.random` with the sample's seed).",
        "The valid ones satisfy every rule of the workbook contract (template v1) without a",
        "warning; the others are the BLUD's own valid report with a few cells changed.",
        "",
        "| File | BLUD | Format | Layout | Expected |",
        "|---|---|---|---|---|",
    ]
    for w in written:
        errors = sum(severity[e.rule] == "error" for e in w.expected)
        warnings = len(w.expected) - errors
        verdict = "invalid" if errors else "valid"
        if w.expected:
            counts = [f"{n} {word}{'s' if n > 1 else ''}"
                      for n, word in ((errors, "error"), (warnings, "warning")) if n]
            verdict += f" ({', '.join(counts)}: {w.sample.family})"
        blud = registry[w.sample.kode]
        notes = [w.sample.note] if w.sample.note else []
        notes += w.layout.describe(kapitasi=blud.jenis == "Puskesmas")
        lines.append(f"| `{w.sample.path}` | {blud.kode} {blud.nama} | "
                     f"{formats[Path(w.sample.path).suffix]} | {'; '.join(notes)} | {verdict} |")
    lines += ["", "## Seeded defects", "",
              "Expected findings (rule ids from rules/katalog-aturan.yaml), one per cause: a",
              "parent sum that fails only because a child cell has a finding of its own is",
              "not listed.", ""]
    for w in written:
        if not w.expected:
            continue
        lines += [f"### `{w.sample.path}` — {w.sample.kode}, {w.sample.family}", "",
                  "| Rule | Severity | Sheet | Cell | Defect |", "|---|---|---|---|---|"]
        lines += [f"| {e.rule} | {severity[e.rule]} | `{e.sheet}` | {e.cell or '—'} | {e.note} |"
                  for e in w.expected]
        lines.append("")
    return "\n".join(lines)
