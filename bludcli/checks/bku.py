"""Sheet BKU — Buku Kas Umum, the treasurer's cash book (contract section 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from bludcli.checks.base import Cell, CellReader, Equations, code_text, in_chart, money
from bludcli.checks.identitas import Identity
from bludcli.checks.schema import run_schema
from bludcli.config import label_key
from bludcli.locate import is_blank_row
from bludcli.values import Code, parse_amount, parse_text

RECEIPT, PAYMENT = "penerimaan", "pengeluaran"


def code_side(code: Code) -> str | None:
    """Which BKU column a budget code belongs to: receipts take 4.x / 6.1.x, payments 5.x / 6.2.x."""
    if code[0] == 4 or code[:2] == (6, 1):
        return RECEIPT
    if code[0] == 5 or code[:2] == (6, 2):
        return PAYMENT
    return None


@dataclass(slots=True, repr=False, eq=False)
class BkuRow:
    row: int  # Excel row
    tanggal: date | None = None
    no_bukti: str = ""
    code: Code | None = None
    penerimaan: int | None = 0
    pengeluaran: int | None = 0
    saldo: int | None = 0


@dataclass(slots=True, repr=False, eq=False)
class Bku:
    sheet: str
    columns: dict[str, int]
    transactions: list[BkuRow] = field(default_factory=list)
    opening: BkuRow | None = None  # the Saldo Awal row
    closing_saldo: int | None = None  # the month's last Saldo, as written

    def cell(self, row: BkuRow, column: str) -> Cell:
        return (self.sheet, row.row, self.columns[column])


def read_bku(reader: CellReader, identity: Identity, equations: Equations) -> Bku | None:
    sink = reader.sink
    schema = sink.district.schemas["bku"]
    header = reader.header(schema)
    if header is None:
        return None
    bku = Bku(reader.name, header.columns)
    opening, rows, closing = _split_rows(reader, bku, header.data_start, schema)
    if opening is None:
        first = rows[0].row if rows else header.data_start + 1
        sink.add("bku.opening-missing", reader.name, first, bku.columns.get("uraian"))
    bku.transactions, bku.opening = rows, opening
    last = ([opening] if opening else []) + rows
    bku.closing_saldo = (closing or {}).get("saldo", last[-1].saldo if last else None)
    _check_rows(reader, bku, identity)
    _relations(bku, opening, closing, equations)
    return bku


def _split_rows(reader: CellReader, bku: Bku, start: int, schema):
    """(opening row, transaction rows, closing row); rows after the last entry are the signature block."""
    sheet = reader.sheet
    cols = bku.columns
    opening_keys = set(schema.extra["opening_labels"])
    closing_keys = set(schema.extra["closing_labels"])
    longest = 2 * max(map(len, opening_keys | closing_keys)) + 8  # longer text is a description, not a label
    amount_cols = [cols[k] for k in ("penerimaan", "pengeluaran", "saldo") if k in cols]
    opening = closing = None
    entries: list[int] = []
    pending: list[int] = []  # rows that are not entries: inside the table only if an entry follows
    voucher, tanggal = cols.get("no_bukti"), cols.get("tanggal")
    for r in range(start, len(sheet.rows)):
        line = sheet.rows[r]
        has_voucher = _filled(line, voucher) and line[voucher] != "-"
        dated_voucher = has_voucher and _filled(line, tanggal)
        # An entry has a voucher number; only a row without one, or the first row, can be the
        # opening or closing row: a later voucher row holds no label to look for.
        later_voucher = has_voucher and (entries or opening)
        if dated_voucher and later_voucher:  # an entry, the common case
            reader.unrecognised(pending)
            entries.append(r + 1)
            continue
        labels = set() if later_voucher else {
            label_key(v) for v in line if v.__class__ is str and 0 < len(v) <= longest and v.strip()}
        if not has_voucher and not labels and is_blank_row(sheet, r):
            continue
        if not entries and opening is None and labels & opening_keys:
            opening = _read_entries(reader, bku, [r + 1])[0]
        elif labels & closing_keys:
            closing = _read_closing(reader, bku, r + 1)
            break
        elif dated_voucher or any(
            _amount_like(line[c]) for c in amount_cols if c < len(line)
        ):
            reader.unrecognised(pending)
            entries.append(r + 1)
        else:
            pending.append(r + 1)
    return opening, _read_entries(reader, bku, entries), closing


def _amount_like(value) -> bool:
    """A number, or text that reads as one: the signature block's words in an amount column are not."""
    if value.__class__ is float or value.__class__ is int:
        return True
    return value.__class__ is str and value.strip() not in ("", "-") and parse_amount(value).sen is not None


def _filled(line: list, c: int | None) -> bool:
    """Whether the row's cell in column c holds anything."""
    if c is None or c >= len(line):
        return False
    value = line[c]
    return value is not None and not (value.__class__ is str and not value.strip())


def _read_entries(reader: CellReader, bku: Bku, rows: list[int]) -> list[BkuRow]:
    cols = bku.columns
    columns = zip(reader.dates(rows, cols.get("tanggal")), reader.texts(rows, cols.get("no_bukti")),
                  reader.codes(rows, cols.get("kode")),
                  *(reader.amounts(rows, cols.get(key)) for key in ("penerimaan", "pengeluaran", "saldo")))
    return [BkuRow(row, tanggal, no_bukti or "", code, pen, peng, saldo)
            for row, (tanggal, no_bukti, code, pen, peng, saldo) in zip(rows, columns)]


def _read_closing(reader: CellReader, bku: Bku, row: int) -> dict[str, int | None]:
    """The closing row's filled amounts (an empty cell there is simply not given)."""
    line = reader.sheet.rows[row - 1]
    return {key: reader.amount(row, bku.columns[key]) for key in ("penerimaan", "pengeluaran", "saldo")
            if key in bku.columns and _filled(line, bku.columns[key])} | {"_row": row}


def _check_rows(reader: CellReader, bku: Bku, identity: Identity) -> None:
    sink = reader.sink
    cols = bku.columns
    chart = sink.district.chart
    rows = bku.transactions
    period = (identity.tahun, identity.bulan) if identity.tahun and identity.bulan else None
    month = _month_of(period) if "tanggal" in cols and period else None
    if month and _misdated(sink, rows, period, identity.period_cells):
        month = None  # one finding at the period, not one at every entry
    sides: dict[Code, str | None] = {}  # code -> its side, or None when unknown to the chart
    for entry in rows:
        tanggal, code = entry.tanggal, entry.code
        if month and tanggal is not None and not month[0] <= tanggal < month[1]:
            sink.add("bku.date-outside-month", reader.name, entry.row, cols["tanggal"], value=tanggal.isoformat(),
                     expected=f"{period[0]}-{period[1]:02d}")
        pen, peng = entry.penerimaan, entry.pengeluaran
        if pen is not None and peng is not None and (pen > 0) == (peng > 0) and pen >= 0 and peng >= 0:
            side = code_side(code) if code else None
            column = "penerimaan" if (side == PAYMENT) == (pen > 0) else "pengeluaran"
            if column in cols:
                sink.add("bku.one-side", reader.name, entry.row, cols[column], value=money(getattr(entry, column)))
        if code is not None and "kode" in cols:
            if code not in sides:
                sides[code] = (code_side(code) or "") if in_chart(chart, code) else None
            if sides[code] is None:
                sink.add("bku.code-unknown", reader.name, entry.row, cols["kode"], value=code_text(code))
                continue
            side = (RECEIPT if (pen or 0) > 0 else PAYMENT) if ((pen or 0) > 0) != ((peng or 0) > 0) else None
            if side and sides[code] != side:
                sink.add("bku.code-side", reader.name, entry.row, cols["kode"], value=code_text(code),
                         side=sink.text(f"bku.{side}"))
    _check_order(reader, bku)
    records = {"penerimaan": {e.row: e.penerimaan for e in rows}, "pengeluaran": {e.row: e.pengeluaran for e in rows},
               "saldo": {e.row: e.saldo for e in rows}, "no_bukti": {e.row: _voucher(e.no_bukti) for e in rows}}
    run_schema(sink.district.schemas["bku"], records, sink, reader.name, cols,
               lambda v: money(v) if isinstance(v, int) else parse_text(v))


def _voucher(text: str) -> str | None:
    """A No. Bukti as its rules see it: None when empty or '-', the accountants' blank."""
    return None if text in ("", "-") else text


def _misdated(sink, rows: list[BkuRow], period: tuple[int, int], cells: dict) -> bool:
    """Report, at Identitas, a period that every dated entry (two or more) contradicts by falling
    in one other month: last month's template used again, not a BKU of wrong dates. Whether it did."""
    months = {(e.tanggal.year, e.tanggal.month) for e in rows if e.tanggal is not None}
    if len(months) != 1 or period in months or sum(e.tanggal is not None for e in rows) < 2:
        return False
    (year, month), = months
    key = "bulan" if month != period[1] else "tahun"
    if key not in cells:
        return False
    sink.add("identitas.period-mismatch", *cells[key], value=f"{period[0]}-{period[1]:02d}", expected=f"{year}-{month:02d}")
    return True


def _month_of(period: tuple[int, int]) -> tuple[date, date]:
    """The first day of the period's month and of the month after it."""
    year, month = period
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)


def _check_order(reader: CellReader, bku: Bku) -> None:
    """Warn where the dates go backwards, at the row that breaks the order (not at every row after it)."""
    if "tanggal" not in bku.columns:
        return
    dated = [e for e in bku.transactions if e.tanggal is not None]
    for i in range(1, len(dated)):
        if dated[i].tanggal >= dated[i - 1].tanggal:
            continue
        # A too-late previous date is the odd one out when the next row is also before it.
        previous_is_odd = ((i + 1 == len(dated) or dated[i + 1].tanggal < dated[i - 1].tanggal)
                           and (i < 2 or dated[i - 2].tanggal <= dated[i].tanggal))
        culprit = dated[i - 1] if previous_is_odd else dated[i]
        cell = (reader.name, culprit.row, bku.columns["tanggal"])
        if cell not in reader.sink.flagged:
            reader.sink.add("bku.date-order", reader.name, culprit.row, bku.columns["tanggal"],
                            value=culprit.tanggal.isoformat())


def _balances_hold(chain: list[BkuRow], tolerance: int) -> bool:
    """The quick check of every Saldo = previous Saldo + Penerimaan − Pengeluaran."""
    for previous, entry in zip(chain, chain[1:]):
        values = (entry.saldo, previous.saldo, entry.penerimaan, entry.pengeluaran)
        if None not in values and abs(values[0] - values[1] - values[2] + values[3]) > tolerance:
            return False
    return True


def _balances(bku: Bku, chain: list[BkuRow], entries: list[BkuRow], eq: Equations) -> None:
    """Each balance as a relation, and the empty side of a one-sided entry as confirmed."""
    for entry in entries:
        if (entry.penerimaan or 0) > 0 and entry.pengeluaran == 0:
            eq.confirm(bku.cell(entry, "pengeluaran"))
        if (entry.pengeluaran or 0) > 0 and entry.penerimaan == 0:
            eq.confirm(bku.cell(entry, "penerimaan"))
    for previous, entry in zip(chain, chain[1:]):
        saldo = bku.cell(entry, "saldo")
        eq.add("bku.balance", [(saldo, 1, entry.saldo), (bku.cell(previous, "saldo"), -1, previous.saldo),
                               (bku.cell(entry, "penerimaan"), -1, entry.penerimaan),
                               (bku.cell(entry, "pengeluaran"), 1, entry.pengeluaran)], saldo)


def _relations(bku: Bku, opening: BkuRow | None, closing: dict | None, eq: Equations) -> None:
    cols = bku.columns
    if not all(k in cols for k in ("penerimaan", "pengeluaran", "saldo")):
        return
    if opening is not None:
        for key in ("penerimaan", "pengeluaran"):
            eq.add("bku.opening-amount", [(bku.cell(opening, key), 1, getattr(opening, key))],
                   bku.cell(opening, key), tolerance=0)
    chain = ([opening] if opening else []) + bku.transactions
    eq.family(_balances_hold(chain, eq.tolerance), {bku.sheet}, partial(_balances, bku, chain, bku.transactions))
    previous = chain[-1] if chain else None
    if closing and "saldo" in closing and previous is not None:
        cell = (bku.sheet, closing["_row"], cols["saldo"])
        eq.add("bku.total", [(cell, 1, closing["saldo"]), (bku.cell(previous, "saldo"), -1, previous.saldo)], cell,
               total=True, what=eq.sink.text("bku.total.saldo"))
    sums = [key for key in ("penerimaan", "pengeluaran") if closing and key in closing]
    holds = all(_total_holds(closing[key], [getattr(e, key) for e in bku.transactions], eq.tolerance) for key in sums)
    eq.family(holds, {bku.sheet}, partial(_totals, bku, closing, sums))


def _total_holds(total: int | None, values: list, tolerance: int) -> bool:
    return total is None or None in values or abs(total - sum(values)) <= tolerance


def _totals(bku: Bku, closing: dict, sums: list[str], eq: Equations) -> None:
    """The closing row's Penerimaan and Pengeluaran: the sums of the month's entries."""
    for key in sums:
        cell = (bku.sheet, closing["_row"], bku.columns[key])
        terms = [(bku.cell(e, key), -1, getattr(e, key)) for e in bku.transactions]
        eq.add("bku.total", [(cell, 1, closing[key]), *terms], cell, total=True,
               what=eq.sink.text(f"bku.total.{key}"))
