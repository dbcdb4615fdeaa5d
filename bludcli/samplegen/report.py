"""One BLUD month as data (`Report`), consistent under every rule of the contract."""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bludcli.config import Blud, District
from bludcli.values import Code

from .bku import CENT, ZERO, BkuRow, LeafPlan, make_bku
from .catalogue import (DANA_CADANGAN, KAPITASI, PLACEHOLDERS, REVENUE, SILPA, SISA_KAPITASI,
                        SPENDING, Account)
from .district import blud as registered, district as load_rules
from .people import Person, make_officials

# LRA size (rows, parents included) and yearly spending budget (rupiah) per BLUD type.
_ROWS = {"RSUD": (60, 120), "Puskesmas": (25, 50), "Labkesda": (15, 30)}
_BUDGET = {"RSUD": (15e9, 150e9), "Puskesmas": (1e9, 5e9), "Labkesda": (4e8, 1.5e9)}
_BUDGET_STEP = {"RSUD": 100_000, "Puskesmas": 1_000, "Labkesda": 1_000}
_PEMBIAYAAN_CHANCE = {"RSUD": 0.7, "Puskesmas": 0.5, "Labkesda": 0.3}
# Spending is kept this far below its budget, so valid reports raise no over-budget warning.
_SPENDING_CAP = Decimal("0.97")
_REVENUE_KINDS = frozenset({"pendapatan", "hibah", "giro"})
# How an account kind is realised each month: share of the budget, noise range, chance of
# any realisation that month. Giro interest carries sen; capitation follows BPJS payments.
_MONTHLY = {
    "pendapatan": (1 / 12, 0.6, 1.25, 1.0), "giro": (1 / 12, 0.7, 1.3, 1.0),
    "hibah": (1.0, 0.8, 1.0, 0.1), "pegawai": (1 / 12, 0.92, 1.0, 1.0),
    "tagihan": (1 / 12, 0.85, 1.1, 1.0), "rutin": (1 / 12, 0.3, 1.6, 0.8),
    "modal": (1.0, 0.15, 0.5, 0.12),
}


@dataclass(frozen=True, slots=True)
class Amounts:
    """The amount columns of an LRA line; s.d. Bulan Ini, Sisa and % follow from the others."""

    anggaran: Decimal
    sd_lalu: Decimal
    bulan_ini: Decimal

    @property
    def sd_ini(self) -> Decimal:
        return self.sd_lalu + self.bulan_ini

    @property
    def sisa(self) -> Decimal:
        return self.anggaran - self.sd_ini

    @property
    def persen(self) -> Decimal | None:
        """s.d. Bulan Ini ÷ Anggaran × 100 to 2 decimals; None when Anggaran is 0."""
        if not self.anggaran:
            return None
        return (self.sd_ini * 100 / self.anggaran).quantize(CENT, ROUND_HALF_UP)

    def amount(self, field: str) -> Decimal | None:
        return getattr(self, field)


@dataclass(frozen=True, slots=True)
class LraRow(Amounts):
    code: Code
    uraian: str
    leaf: bool  # no descendant row present in the report


@dataclass(frozen=True, slots=True)
class ComputedRow(Amounts):
    key: str  # "surplus" | "netto" | "silpa"
    label: str


@dataclass(frozen=True, slots=True)
class KapitasiColumn:
    saldo_awal: Decimal
    penerimaan: Decimal
    jasa: Decimal
    dukungan: Decimal

    @property
    def saldo_akhir(self) -> Decimal:
        return self.saldo_awal + self.penerimaan - self.jasa - self.dukungan


@dataclass(frozen=True, slots=True)
class Kapitasi:
    bulan_ini: KapitasiColumn
    sd_ini: KapitasiColumn  # its saldo_awal is the balance on 1 January


@dataclass(frozen=True, slots=True)
class Identitas:
    kode_blud: str
    nama_blud: str
    jenis_blud: str
    pemerintah_daerah: str
    tahun: int
    bulan: int
    tanggal_laporan: date
    revisi: int
    pemimpin: Person
    pejabat_keuangan: Person


@dataclass(frozen=True)
class Report:
    identitas: Identitas
    lra: tuple[LraRow, ...]  # in print order
    computed: tuple[ComputedRow, ...]
    bku: tuple[BkuRow, ...]  # bku[0] is the Saldo Awal row
    kapitasi: Kapitasi | None

    def row(self, code: Code) -> LraRow:
        return next(r for r in self.lra if r.code == code)

    def computed_row(self, key: str) -> ComputedRow:
        return next(r for r in self.computed if r.key == key)

    @property
    def leaves(self) -> tuple[LraRow, ...]:
        return tuple(r for r in self.lra if r.leaf)


@dataclass
class _Leaf:
    """A leaf account while the report is planned."""

    code: Code
    uraian: str
    kind: str
    bku: tuple[str, ...]
    weight: float = 0.0
    anggaran: Decimal = ZERO
    monthly: tuple[Decimal, ...] = ()  # realisation per month up to the report month


def make_report(kode_blud: str, tahun: int = 2026, bulan: int = 3, seed: int | None = None,
                bku_rows: int | None = None, rules_dir: Path | None = None) -> Report:
    """Generate one monthly report of `kode_blud`, consistent under every rule of the
    contract (the registry's aktif_sejak aside: LAB01, say, reports only from 2027).

    `seed` defaults to one derived from the BLUD and period, so a call is
    reproducible; `bku_rows` sets the number of BKU transactions (Saldo Awal
    not counted) instead of a realistic count for the BLUD type."""
    district = load_rules(rules_dir)
    blud = registered(district, kode_blud)
    if seed is None:
        seed = zlib.crc32(f"{kode_blud}/{tahun}/{bulan}".encode())
    rng = random.Random(seed)
    leaves, skipped, chain_6_2 = _plan_accounts(rng, district, blud)
    kapitasi_receipts = _kapitasi_receipts(rng, bulan) if blud.jenis == "Puskesmas" else None
    kapitasi_opening = _round(rng.uniform(20e6, 150e6), 1000)
    leaves = _budget(rng, blud, leaves, kapitasi_receipts, kapitasi_opening)
    for leaf in leaves:
        if leaf.kind == "kapitasi":
            leaf.monthly = kapitasi_receipts
        else:
            leaf.monthly = _realise(rng, leaf.kind, leaf.anggaran, bulan)
    plans = [LeafPlan(leaf.code, leaf.kind, leaf.monthly[-1], leaf.uraian, leaf.bku)
             for leaf in leaves]
    bku, bulan_ini = make_bku(rng, plans, kode_blud=kode_blud, jenis=blud.jenis, tahun=tahun,
                              bulan=bulan, count=bku_rows)
    codes = _present_codes([leaf.code for leaf in leaves], skipped, chain_6_2)
    lra = _lra_rows(district, codes, leaves, bulan_ini, rng)
    kapitasi = None
    if kapitasi_receipts is not None:
        receipts = kapitasi_receipts[:-1] + (bulan_ini.get(KAPITASI, ZERO),)
        kapitasi = _kapitasi(rng, kapitasi_opening, receipts)
    pemimpin, keuangan = make_officials(rng, blud.jenis, tahun)
    identitas = Identitas(
        kode_blud=blud.kode, nama_blud=blud.nama, jenis_blud=blud.jenis,
        pemerintah_daerah=district.daerah, tahun=tahun, bulan=bulan,
        tanggal_laporan=_report_date(rng, tahun, bulan), revisi=0,
        pemimpin=pemimpin, pejabat_keuangan=keuangan)
    return Report(identitas, lra, _computed_rows(lra), bku, kapitasi)


def _round(value: float, step: int) -> Decimal:
    return Decimal(max(step, round(value / step) * step))


def _weighted_order(rng: random.Random, accounts: list[Account], jenis: str) -> list[Account]:
    """A random order in which heavier accounts tend to come first (Efraimidis-Spirakis)."""
    return sorted(accounts, key=lambda a: -rng.random() ** (1 / a.weight(jenis)))


def _plan_accounts(rng: random.Random, district: District,
                   blud: Blud) -> tuple[list[_Leaf], set[Code], bool]:
    """Choose the leaf accounts: required ones, then others until the LRA reaches its size.
    Returns the leaves, the level-3 spending groups printed without their levels 4
    and 5 (contract §4 rule 3), and whether 6.2 is printed down to a 6-segment account."""
    jenis = blud.jenis
    chart = district.chart
    usable = [a for a in REVENUE + SPENDING if a.weight(jenis) > 0 and a.code in chart]
    leaves = [_Leaf(a.code, chart[a.code], a.kind, a.bku, a.weight(jenis))
              for a in usable if a.required]
    optional = _weighted_order(rng, [a for a in usable if not a.required], jenis)
    if rng.random() < 0.35:
        for parent in rng.sample(sorted(PLACEHOLDERS), rng.randint(1, 2)):
            kind, names = PLACEHOLDERS[parent]
            for number, name in enumerate(rng.sample(names, rng.randint(2, len(names))), 1):
                leaves.append(_Leaf(parent + (number,), name, kind, (), rng.uniform(0.5, 3)))
    chain_6_2 = False
    if rng.random() < _PEMBIAYAAN_CHANCE[jenis]:
        leaves.append(_Leaf(SILPA, chart[SILPA], "silpa",
                            ("Penerimaan SiLPA BLUD tahun {tahun_lalu}",)))
        if jenis == "Puskesmas" and rng.random() < 0.6:
            leaves.append(_Leaf(SISA_KAPITASI, chart[SISA_KAPITASI], "sisa_kapitasi",
                                ("Penerimaan sisa dana kapitasi tahun {tahun_lalu}",)))
        chain_6_2 = rng.random() < 0.4
    low, high = _ROWS[jenis]
    target = rng.randint(low, high)
    groups = sorted({a.code[:3] for a in usable if a.code[0] == 5})
    skipped = {group for group in groups if rng.random() < 0.2}
    present = _present_codes([leaf.code for leaf in leaves], skipped, chain_6_2)
    for account in optional:
        if len(present) >= target:
            break
        leaves.append(_Leaf(account.code, chart[account.code], account.kind, account.bku,
                            account.weight(jenis)))
        present = _present_codes([leaf.code for leaf in leaves], skipped, chain_6_2)
    return leaves, skipped, chain_6_2


def _ancestors(code: Code, skip: bool) -> list[Code]:
    """The parent rows printed above a leaf; a skipped group omits levels 4 and 5."""
    return [code[:n] for n in range(1, len(code)) if not (skip and n in (4, 5))]


def _present_codes(leaves: list[Code], skipped: set[Code], chain_6_2: bool) -> set[Code]:
    codes = set(leaves)
    for code in leaves:
        codes.update(_ancestors(code, code[:3] in skipped))
    if (6,) in codes:
        codes.update(_ancestors(DANA_CADANGAN, False)[1:] + [DANA_CADANGAN] if chain_6_2 else [(6, 2)])
    return codes


def _budget(rng: random.Random, blud: Blud, leaves: list[_Leaf],
            kapitasi_receipts: tuple[Decimal, ...] | None, kapitasi_opening: Decimal) -> list[_Leaf]:
    """Set every leaf's Anggaran (whole rupiah): spending by weight, revenue to match,
    last year's SiLPA to balance. Returns the leaves with a budget (pembiayaan
    accounts not needed drop out)."""
    low, high = _BUDGET[blud.jenis]
    step = _BUDGET_STEP[blud.jenis]
    kapitasi_year = Decimal(0)
    if kapitasi_receipts is not None:
        kapitasi_year = _round(float(kapitasi_receipts[0]) * 13, 1_000_000)
    total = max(math.exp(rng.uniform(math.log(low), math.log(high))), float(kapitasi_year) * 1.6)
    by_side = {side: [leaf for leaf in leaves if leaf.code[0] == side and leaf.weight] for side in (4, 5)}
    spending = _spread(rng, by_side[5], total, step)
    financed = [leaf for leaf in leaves if leaf.kind in ("silpa", "sisa_kapitasi")]
    revenue_total = float(spending) * (rng.uniform(0.85, 0.97) if financed else rng.uniform(1.0, 1.04))
    revenue = kapitasi_year
    for leaf in by_side[4]:
        if leaf.kind == "kapitasi":
            leaf.anggaran = kapitasi_year
    revenue += _spread(rng, [leaf for leaf in by_side[4] if leaf.kind != "kapitasi"],
                       revenue_total - float(kapitasi_year), step)
    gap = spending - revenue  # what last year's SiLPA has to cover
    for leaf in financed:
        if leaf.kind == "sisa_kapitasi" and kapitasi_opening < gap:
            leaf.anggaran = kapitasi_opening
            gap -= kapitasi_opening
    for leaf in financed:
        if leaf.kind == "silpa":
            leaf.anggaran = gap
    return [leaf for leaf in leaves if leaf.anggaran > 0 or leaf.kind == "kapitasi"]


def _spread(rng: random.Random, leaves: list[_Leaf], total: float, step: int) -> Decimal:
    """Share `total` over `leaves` by weight with some noise; return the sum actually budgeted."""
    shares = [leaf.weight * rng.uniform(0.7, 1.3) for leaf in leaves]
    scale = total / sum(shares)
    for leaf, share in zip(leaves, shares):
        leaf.anggaran = _round(share * scale, step)
    return sum((leaf.anggaran for leaf in leaves), ZERO)


def _realise(rng: random.Random, kind: str, anggaran: Decimal, bulan: int) -> tuple[Decimal, ...]:
    """Realisation of each month 1..bulan, never above the budget (spending stays below the cap)."""
    if kind in ("silpa", "sisa_kapitasi"):  # recognised once, in January
        return (anggaran,) + (ZERO,) * (bulan - 1)
    share, low, high, chance = _MONTHLY[kind]
    cap = anggaran if kind in _REVENUE_KINDS else (anggaran * _SPENDING_CAP).quantize(1)
    months, total = [], ZERO
    for _ in range(bulan):
        value = float(anggaran) * share * rng.uniform(low, high) if rng.random() < chance else 0.0
        amount = Decimal(str(round(value, 2))) if kind == "giro" else Decimal(round(value))
        amount = max(ZERO, min(amount, cap - total))
        months.append(amount)
        total += amount
    return tuple(months)


def _kapitasi_receipts(rng: random.Random, bulan: int) -> tuple[Decimal, ...]:
    """Capitation paid by BPJS each month: enrolled people × a per-capita rate."""
    base = rng.randint(6_000, 30_000) * rng.choice((4_000, 4_500, 5_000, 6_000, 6_500))
    return tuple(Decimal(round(base * rng.uniform(0.97, 1.03))) for _ in range(bulan))


def _kapitasi(rng: random.Random, opening: Decimal, receipts: tuple[Decimal, ...]) -> Kapitasi:
    """Spend part of the available capitation each month, at least 62 % on jasa pelayanan."""
    balance, jasa_total, dukungan_total = opening, ZERO, ZERO
    for receipt in receipts:
        month_opening = balance
        spent = Decimal(round(float(balance + receipt) * rng.uniform(0.55, 0.9)))
        jasa = Decimal(round(float(spent) * rng.uniform(0.62, 0.72)))
        dukungan = spent - jasa
        balance = balance + receipt - spent
        jasa_total += jasa
        dukungan_total += dukungan
    return Kapitasi(
        bulan_ini=KapitasiColumn(month_opening, receipts[-1], jasa, dukungan),
        sd_ini=KapitasiColumn(opening, sum(receipts, ZERO), jasa_total, dukungan_total))


def _lra_rows(district: District, codes: set[Code], leaves: list[_Leaf],
              bulan_ini: dict[Code, Decimal], rng: random.Random) -> tuple[LraRow, ...]:
    """Leaves with their realisation; every parent the sum of its nearest present descendants."""
    totals = {code: [ZERO, ZERO, ZERO] for code in codes}
    names = {code: district.chart[code] for code in codes if code in district.chart}
    for leaf in leaves:
        this_month = bulan_ini.get(leaf.code, ZERO)
        totals[leaf.code] = [leaf.anggaran, sum(leaf.monthly[:-1], ZERO), this_month]
        names[leaf.code] = leaf.uraian
    if rng.random() < 0.5:
        names.update({(4,): "PENDAPATAN", (5,): "BELANJA", (6,): "PEMBIAYAAN"})
    for code in sorted(codes, key=len, reverse=True):
        parent = next((code[:n] for n in range(len(code) - 1, 0, -1) if code[:n] in codes), None)
        if parent is not None:
            totals[parent] = [p + c for p, c in zip(totals[parent], totals[code])]
    parents = {code[:n] for code in codes for n in range(1, len(code))}
    return tuple(
        LraRow(*totals[code], code=code, uraian=names[code], leaf=code not in parents)
        for code in sorted(codes))


def _computed_rows(lra: tuple[LraRow, ...]) -> tuple[ComputedRow, ...]:
    rows = {r.code: r for r in lra}

    def combine(key: str, label: str, plus: Amounts, minus: Amounts, sign: int) -> ComputedRow:
        return ComputedRow(
            *(plus.amount(f) + sign * minus.amount(f) for f in ("anggaran", "sd_lalu", "bulan_ini")),
            key=key, label=label)

    surplus = combine("surplus", "SURPLUS/(DEFISIT)", rows[(4,)], rows[(5,)], -1)
    if (6,) not in rows:
        return (surplus,)
    netto = combine("netto", "PEMBIAYAAN NETTO", rows[(6, 1)], rows[(6, 2)], -1)
    silpa = combine("silpa", "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN", surplus, netto, 1)
    return surplus, netto, silpa


def _report_date(rng: random.Random, tahun: int, bulan: int) -> date:
    """A working day among the first ten of the following month."""
    year, month = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    days = [d for d in range(1, 11) if date(year, month, d).weekday() < 5]
    return date(year, month, rng.choice(days))
