"""The month's BKU (general cash book); the LRA's Realisasi Bulan Ini is read off it."""

from __future__ import annotations

import calendar
import random
from datetime import date
from decimal import Decimal
from dataclasses import dataclass
from typing import NamedTuple

from bludcli.values import MONTHS_ID, Code

CENT = Decimal("0.01")
ZERO = Decimal(0)
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Realistic transactions per month by BLUD type.
_COUNT = {"RSUD": (200, 600), "Puskesmas": (40, 120), "Labkesda": (20, 60)}
# Kinds booked once a month, and those booked before anything else when rows are scarce.
_SINGLE = frozenset({"kapitasi", "giro", "silpa", "sisa_kapitasi", "tagihan"})
_PRIORITY = frozenset({"silpa", "sisa_kapitasi", "kapitasi"})
# Where in the month's working days a kind is booked (fractions of the month).
_WINDOW = {"silpa": (0, 0), "sisa_kapitasi": (0, 0), "kapitasi": (0.1, 0.45), "giro": (1, 1),
           "pegawai": (0, 0.4), "tagihan": (0.1, 0.6)}
# Voucher numbering styles: template per voucher kind; one counter per distinct template.
_VOUCHERS = (
    dict.fromkeys(("receipt", "payment", "tax", "transfer"), "BKU-{n:03d}/{kode}/{romawi}/{tahun}"),
    {"receipt": "BKM-{n:04d}/{kode}/{romawi}/{tahun}", "payment": "BKK-{n:04d}/{kode}/{romawi}/{tahun}",
     "tax": "SSP-{n:03d}/{romawi}/{tahun}", "transfer": "BKK-{n:04d}/{kode}/{romawi}/{tahun}"},
    {"receipt": "TBP-{n:04d}", "payment": "SP2D-{n:04d}", "tax": "SSP-{n:04d}", "transfer": "PB-{n:03d}"},
)
# Withholding taxes by the kind of the payment they are cut from: name, rate.
_TAX = {"pegawai": ("PPh 21", Decimal("0.05")), "tagihan": ("PPh 23", Decimal("0.02")),
        "rutin": ("PPN", Decimal(11) / Decimal(111)), "modal": ("PPh 22", Decimal("0.015"))}


@dataclass(frozen=True, slots=True)
class BkuRow:
    tanggal: date
    no_bukti: str
    uraian: str
    kode: Code | None
    penerimaan: Decimal
    pengeluaran: Decimal
    saldo: Decimal


class LeafPlan(NamedTuple):
    code: Code
    kind: str
    planned: Decimal  # intended Realisasi Bulan Ini
    uraian: str
    bku: tuple[str, ...]


class _Entry(NamedTuple):
    day: int  # index into the month's working days
    order: float
    sub: int  # keeps the second half of a pair after the first on the same day
    receipt: bool
    code: Code | None
    amount: Decimal
    uraian: str
    voucher: str  # voucher kind
    kind: str


def make_bku(rng: random.Random, leaves: list[LeafPlan], *, kode_blud: str, jenis: str, tahun: int,
             bulan: int, count: int | None) -> tuple[tuple[BkuRow, ...], dict[Code, Decimal]]:
    """Book the month: returns the BKU rows (Saldo Awal first) and, per leaf code,
    the sum booked on it (its Realisasi Bulan Ini). Leaves left without a
    transaction (only when `count` is very small) are realised 0 this month."""
    plans = [leaf for leaf in leaves if leaf.planned > 0]
    count = rng.randint(*_COUNT[jenis]) if count is None else count
    pairs = 0 if count < 6 else max(1 if count < 12 else 2, round(count * rng.uniform(0.03, 0.06)))
    days = [date(tahun, bulan, d) for d in range(1, calendar.monthrange(tahun, bulan)[1] + 1)
            if date(tahun, bulan, d).weekday() < 5]
    names = {"bulan": MONTHS_ID[bulan - 1], "bulan_lalu": MONTHS_ID[bulan - 2], "tahun": tahun,
             "tahun_lalu": tahun - 1}
    entries = _budget_entries(rng, plans, count - 2 * pairs, len(days), names)
    entries += _pair_entries(rng, entries, pairs, len(days))
    entries.sort(key=lambda e: (e.day, e.order, e.sub))
    booked: dict[Code, Decimal] = {}
    for entry in entries:
        if entry.code is not None:
            booked[entry.code] = booked.get(entry.code, ZERO) + entry.amount
    return _rows(rng, entries, days, kode_blud, tahun, bulan), booked


def _day(rng: random.Random, kind: str, working_days: int) -> int:
    low, high = _WINDOW.get(kind, (0, 1))
    last = working_days - 1
    return rng.randint(round(low * last), round(high * last))


def _allocate(plans: list[LeafPlan], rows: int) -> list[tuple[LeafPlan, int]]:
    """How many transactions each leaf gets: at least one each (priority kinds and
    the biggest first when rows are scarce), the rest by size."""
    ordered = sorted(plans, key=lambda p: (p.kind not in _PRIORITY, -p.planned))[:rows]
    counts = [1] * len(ordered)
    flexible = [i for i, p in enumerate(ordered) if p.kind not in _SINGLE]
    extra = rows - len(ordered)
    if extra and not flexible:
        raise ValueError(f"cannot book {rows} BKU rows on {len(ordered)} accounts")
    weights = [float(ordered[i].planned) ** 0.6 for i in flexible]
    for i, weight in zip(flexible, weights):
        counts[i] += int(extra * weight / sum(weights))
    biggest = sorted(flexible, key=lambda i: -ordered[i].planned)
    for k in range(rows - sum(counts)):
        counts[biggest[k % len(biggest)]] += 1
    for plan, n in zip(ordered, counts):
        if n > plan.planned:
            raise ValueError(f"cannot split {plan.planned} into {n} BKU rows")
    return list(zip(ordered, counts))


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """`parts` positive amounts summing exactly to `total`; any sen go on the last one."""
    whole = int(total)
    weights = [rng.random() + 0.2 for _ in range(parts)]
    scale = (whole - parts) / sum(weights)
    pieces = [1 + int(w * scale) for w in weights]
    pieces[-1] += whole - sum(pieces)
    return [Decimal(p) for p in pieces[:-1]] + [Decimal(pieces[-1]) + total - whole]


def _budget_entries(rng: random.Random, plans: list[LeafPlan], rows: int, working_days: int,
                    names: dict) -> list[_Entry]:
    entries = []
    for plan, n in _allocate(plans, rows):
        receipt = plan.code[0] == 4 or plan.code[:2] == (6, 1)
        texts = [t.format(**names) for t in plan.bku] or [
            f"Penerimaan {plan.uraian}" if receipt else plan.uraian]
        voucher = "receipt" if receipt else "payment"
        for amount in _split(rng, plan.planned, n):
            entries.append(_Entry(_day(rng, plan.kind, working_days), rng.random(), 0, receipt,
                                  plan.code, amount, rng.choice(texts), voucher, plan.kind))
    return entries


def _pair_entries(rng: random.Random, entries: list[_Entry], pairs: int,
                  working_days: int) -> list[_Entry]:
    """Non-budget rows without a code, in pairs that cancel out: a tax withheld
    from a payment and its deposit later, or a transfer between cash and bank."""
    payments = [e for e in entries if not e.receipt and e.kind in _TAX]
    spent = sum((e.amount for e in entries if not e.receipt), ZERO)
    out = []
    for index in range(pairs):
        if index and payments and rng.random() < 0.75:
            base = rng.choice(payments)
            tax, rate = _TAX[base.kind]
            amount = max(Decimal(1), (base.amount * rate).quantize(CENT if tax == "PPN" else 1))
            verb = "Pemungutan" if tax in ("PPN", "PPh 22") else "Pemotongan"
            later = rng.randint(base.day, working_days - 1)
            out.append(base._replace(order=rng.random(), receipt=True, code=None, amount=amount,
                                     uraian=f"{verb} {tax} atas {base.uraian[0].lower()}{base.uraian[1:]}",
                                     voucher="receipt", kind="pajak"))
            out.append(_Entry(later, out[-1].order, 1, False, None, amount,
                              f"Penyetoran {tax} ke Kas Negara", "tax", "pajak"))
        else:
            amount = Decimal(max(1, round(float(spent) * rng.uniform(0.01, 0.05), -5)))
            day, order = rng.randrange(working_days), rng.random()
            out.append(_Entry(day, order, 0, False, None, amount,
                              "Pergeseran uang dari kas tunai ke bank", "transfer", "pergeseran"))
            out.append(_Entry(day, order, 1, True, None, amount,
                              "Pergeseran uang ke bank (diterima di rekening BLUD)", "transfer",
                              "pergeseran"))
    return out


def _rows(rng: random.Random, entries: list[_Entry], days: list[date], kode_blud: str,
          tahun: int, bulan: int) -> tuple[BkuRow, ...]:
    """Number the vouchers, run the balance; the opening balance keeps it from going negative."""
    lowest = running = ZERO
    for entry in entries:
        running += entry.amount if entry.receipt else -entry.amount
        lowest = min(lowest, running)
    paid = sum((e.amount for e in entries if not e.receipt), ZERO)
    opening = max(Decimal(round(float(paid) * rng.uniform(0.15, 0.5))), -lowest)
    opening += Decimal(rng.randint(0, 9_999_999)) + Decimal(rng.randint(0, 99)) * CENT
    templates = rng.choice(_VOUCHERS)
    numbers: dict[str, int] = {}
    fields = {"kode": kode_blud, "romawi": ROMAWI[bulan - 1], "tahun": tahun}
    rows = [BkuRow(date(tahun, bulan, 1), "", "Saldo Awal", None, ZERO, ZERO, opening)]
    saldo = opening
    for entry in entries:
        template = templates[entry.voucher]
        numbers[template] = numbers.get(template, 0) + 1
        voucher = template.format(n=numbers[template], **fields)
        if entry.receipt:
            saldo += entry.amount
            rows.append(BkuRow(days[entry.day], voucher, entry.uraian, entry.code,
                               entry.amount, ZERO, saldo))
        else:
            saldo -= entry.amount
            rows.append(BkuRow(days[entry.day], voucher, entry.uraian, entry.code,
                               ZERO, entry.amount, saldo))
    return tuple(rows)
