"""District sums of the accepted reports: exact, per account, per jenis and per BLUD, each
figure traced to the cell it came from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bludcli.checks.kapitasi import COLUMNS as KAPITASI_COLUMNS
from bludcli.config import JENIS, District
from bludcli.findings import FileResult, column_letter
from bludcli.values import Code, parse_text

# The LRA columns that are summed; Sisa and % follow from them.
COLUMNS = ("anggaran", "sd_lalu", "bulan_ini", "sd_ini")
DETAIL_DEPTH = 6  # deeper BLUD detail codes roll up into their 6-segment account
KAPITASI_ROWS = ("saldo_awal", "penerimaan", "jasa", "dukungan", "saldo_akhir")

Amounts = dict[str, int]  # column -> sen


def _zero() -> Amounts:
    return dict.fromkeys(COLUMNS, 0)


def _add(into: Amounts, amounts: Amounts) -> None:
    for column in COLUMNS:
        into[column] += amounts[column]


@dataclass(slots=True)
class Trace:
    """One figure of one BLUD's LRA: which cell of which file it is."""

    kode_blud: str
    jenis: str
    account: Code  # the consolidated account (detail codes rolled up)
    source: str  # the Kode cell as the BLUD wrote it (4.1.4.16.1.1), to search the file for
    column: str
    amount: int
    path: str
    sheet: str
    cell: str


@dataclass(slots=True)
class Account:
    """A consolidated LRA row. `without_detail` marks the part of an account that some BLUDs
    report with no detail rows while others detail it: shown as the account's own child, so
    that every parent is exactly the sum of its children."""

    code: Code
    uraian: str
    without_detail: bool = False
    total: Amounts = field(default_factory=_zero)
    per_jenis: dict[str, Amounts] = field(default_factory=dict)
    per_blud: dict[str, Amounts] = field(default_factory=dict)

    @property
    def level(self) -> int:
        return len(self.code) + self.without_detail


@dataclass(slots=True)
class Computed:
    """SURPLUS/(DEFISIT), PEMBIAYAAN NETTO, SiLPA of the consolidated accounts."""

    key: str
    total: Amounts
    per_jenis: dict[str, Amounts]


@dataclass(slots=True)
class KapitasiRow:
    kode_blud: str
    amounts: dict[tuple[str, str], int]  # (row key, column) -> sen

    def share(self) -> tuple[int, int] | None:
        """(jasa, jasa + dukungan) s.d. bulan ini, for the jasa pelayanan share."""
        jasa, dukungan = self.amounts.get(("jasa", "sd_ini")), self.amounts.get(("dukungan", "sd_ini"))
        return (jasa, jasa + dukungan) if jasa is not None and dukungan is not None else None


def leaf_traces(included: dict[str, FileResult], district: District) -> list[Trace]:
    """Every amount of every leaf row (a row with no detail under it) of the accepted LRAs."""
    traces = []
    for kode, result in included.items():
        lra = result.content.lra
        jenis = district.registry[kode].jenis
        for code, row in lra.accounts.items():
            if lra.children.get(code):
                continue
            written = parse_text(row.written)
            for column in COLUMNS:
                amount = row.amounts.get(column)
                if amount is None or column not in lra.columns:
                    continue
                cell = f"{column_letter(lra.columns[column])}{row.row}"
                traces.append(Trace(kode, jenis, code[:DETAIL_DEPTH], written, column, amount, result.path,
                                    lra.sheet, cell))
    return traces


def consolidate_lra(traces: list[Trace], district: District) -> list[Account]:
    """The consolidated accounts in chart order: each leaf figure added to its account, each
    parent the exact sum of its children."""
    direct: dict[Code, dict[str, Amounts]] = defaultdict(lambda: defaultdict(_zero))
    jenis_of = {}
    for trace in traces:
        direct[trace.account][trace.kode_blud][trace.column] += trace.amount
        jenis_of[trace.kode_blud] = trace.jenis
    codes = {code[:size] for code in direct for size in range(1, len(code) + 1)}
    parents = {code[:-1] for code in codes}
    accounts: dict[tuple, Account] = {}
    for code in codes:
        accounts[code] = Account(code, district.chart.get(code, ""))
        if code in direct and code in parents:
            accounts[code + (-1,)] = Account(code, accounts[code].uraian, without_detail=True)
    children: dict[tuple, list[Account]] = defaultdict(list)
    for key, account in accounts.items():
        children[key[:-1]].append(account)
    for key in sorted(accounts, key=len, reverse=True):  # children before their parents
        account = accounts[key]
        if key in children:
            for child in children[key]:
                for kode, amounts in child.per_blud.items():
                    _add(account.per_blud.setdefault(kode, _zero()), amounts)
        else:
            account.per_blud = {kode: dict(amounts) for kode, amounts in direct[account.code].items()}
        account.per_jenis = {jenis: _zero() for jenis in JENIS}
        for kode, amounts in account.per_blud.items():
            _add(account.total, amounts)
            _add(account.per_jenis[jenis_of[kode]], amounts)
    return [accounts[key] for key in sorted(accounts)]


def computed_rows(accounts: list[Account]) -> list[Computed]:
    """4 − 5, 6.1 − 6.2 and their sum, for the district and per jenis."""
    by_code = {a.code: a for a in accounts if not a.without_detail}

    def amounts(code: Code, jenis: str | None) -> Amounts:
        account = by_code.get(code)
        if account is None:
            return _zero()
        return account.total if jenis is None else account.per_jenis[jenis]

    def combine(a: Amounts, b: Amounts, sign: int) -> Amounts:
        return {column: a[column] + sign * b[column] for column in COLUMNS}

    rows = []
    for jenis in (None, *JENIS):
        surplus = combine(amounts((4,), jenis), amounts((5,), jenis), -1)
        netto = combine(amounts((6, 1), jenis), amounts((6, 2), jenis), -1)
        rows.append({"surplus": surplus, "netto": netto, "silpa": combine(surplus, netto, 1)})
    return [Computed(key, rows[0][key], {jenis: rows[i + 1][key] for i, jenis in enumerate(JENIS)})
            for key in ("surplus", "netto", "silpa")]


def kapitasi_rows(included: dict[str, FileResult]) -> list[KapitasiRow]:
    rows = []
    for kode, result in included.items():
        kapitasi = result.content.kapitasi
        if kapitasi is not None and len(kapitasi.rows) == len(KAPITASI_ROWS):
            rows.append(KapitasiRow(kode, {(row, column): kapitasi.amounts[(row, column)]
                                           for row in KAPITASI_ROWS for column in KAPITASI_COLUMNS}))
    return rows


def sisa(amounts: Amounts) -> int:
    return amounts["anggaran"] - amounts["sd_ini"]


def persen(realised: int, budget: int) -> str | None:
    """realised ÷ budget × 100 to 2 decimals (half up), as text; None without a budget."""
    if not budget:
        return None
    hundredths, rest = divmod(abs(realised) * 10000, abs(budget))
    hundredths += 2 * rest >= abs(budget)
    sign = "-" if (realised < 0) != (budget < 0) and hundredths else ""
    return f"{sign}{hundredths // 100}.{hundredths % 100:02d}"
