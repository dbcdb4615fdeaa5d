"""Sheet LRA — Laporan Realisasi Anggaran (contract section 4)."""

from __future__ import annotations

import math

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from decimal import Decimal

from bludcli.checks.base import SLOW, Cell, CellReader, Equations, code_text, in_chart, money
from bludcli.checks.schema import run_schema
from bludcli.config import label_key
from bludcli.locate import is_blank_row
from bludcli.values import Code, parse_amount, parse_text

AMOUNTS = ("anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa")
_CODE_LIKE = re.compile(r"^\s*\d+(\s*[.,]\s*[0-9A-Za-z]+)+\s*\.?\s*$")  # a comma: a mistyped dot
_RELATIONS = {  # computed row -> (terms as (source, sign), how the message writes it)
    "surplus": ((((4,), 1), ((5,), -1)), "4 − 5"),
    "netto": ((((6, 1), 1), ((6, 2), -1)), "6.1 − 6.2"),
    "silpa": ((("surplus", 1), ("netto", 1)), "SURPLUS/(DEFISIT) + PEMBIAYAAN NETTO"),
}


@dataclass(slots=True, repr=False, eq=False)
class LraRow:
    row: int  # Excel row
    code: Code | None = None
    computed: str | None = None
    written: object = None  # the Kode cell as the BLUD wrote it, for the recap's trace to the source
    amounts: dict[str, int | None] = field(default_factory=dict)


@dataclass(slots=True, repr=False, eq=False)
class Lra:
    sheet: str
    columns: dict[str, int]
    labels: dict[str, str]  # column or computed-row key -> its label in the template
    accounts: dict[Code, LraRow] = field(default_factory=dict)  # first row of each code
    computed: dict[str, LraRow] = field(default_factory=dict)
    parent: dict[Code, Code] = field(default_factory=dict)  # nearest present ancestor
    children: dict[Code, list[Code]] = field(default_factory=dict)
    # Account rows whose code cannot be read (invalid, a formula without a value, an error
    # value), under the account they most likely belong to: their amounts still count in its sums.
    strays: dict[Code, list[LraRow]] = field(default_factory=dict)

    def cell(self, row: LraRow, column: str) -> Cell:
        return (self.sheet, row.row, self.columns[column])


def read_lra(reader: CellReader, bulan: int | None, equations: Equations) -> Lra | None:
    sink = reader.sink
    schema = sink.district.schemas["lra"]
    header = reader.header(schema)
    if header is None:
        return None
    labels = {key: f.label for key, f in {**schema.fields, **schema.extra["computed_rows"]}.items()}
    lra = Lra(reader.name, header.columns, labels)
    rows = _read_rows(reader, lra, header.data_start)
    _check_codes(reader, lra, rows)
    _check_column_rules(reader, lra, schema)
    _relations(lra, equations, bulan)
    return lra


def _read_rows(reader: CellReader, lra: Lra, start: int) -> list[LraRow]:
    sheet = reader.sheet
    kode_col, uraian_col = lra.columns["kode"], lra.columns["uraian"]
    computed = reader.sink.district.schemas["lra"].extra["computed_rows"]
    computed_by_key = {k: name for name, f in computed.items() for k in f.keys}
    rows: list[LraRow] = []
    pending: list[int] = []  # non-blank rows that are neither: reported once the table's end is known
    for r in range(start, len(sheet.rows)):
        raw = sheet.value(r, kode_col)
        has_code = raw.__class__ is str and _code_like(raw) or raw.__class__ in (int, float)  # not a date
        name = None if has_code else _computed_name(sheet.rows[r], uraian_col, computed_by_key)
        if not has_code and name is None:
            if not is_blank_row(sheet, r):
                pending.append(r + 1)
            continue
        if pending:  # inside the table, a row whose code cannot be read is an account all the same
            rows += [LraRow(row) for row in pending if _unreadable_code(sheet, row - 1, kode_col)]
            pending[:] = [row for row in pending if not _unreadable_code(sheet, row - 1, kode_col)]
            reader.unrecognised(pending)
        rows.append(LraRow(r + 1, computed=name, written=raw))
    coded = [row for row in rows if row.computed is None]
    for row, code in zip(coded, reader.codes([row.row for row in coded], kode_col)):
        row.code = code
    excel_rows = [row.row for row in rows]
    columns = {key: reader.amounts(excel_rows, lra.columns.get(key)) for key in AMOUNTS}
    columns["persen"] = reader.batch(excel_rows, lra.columns.get("persen"), _plain_percents,
                                     partial(_read_percent, reader))
    for row, *values in zip(rows, *columns.values()):
        row.amounts = dict(zip(columns, values))
    return rows


def _unreadable_code(sheet, r: int, c: int) -> bool:
    """A Kode cell that is neither text nor a number: a date (Excel turns a typed 5.1.2 into
    5 Jan 2002), a truth value, a formula without a value or an error value."""
    value = sheet.value(r, c)
    return value.__class__ not in (str, int, float) or sheet.bad_cell(r, c) is not None


@lru_cache(maxsize=16384)
def _code_like(text: str) -> bool:
    """Whether a Kode cell's text is meant as an account code (valid or not); remembered, as
    every report repeats the chart's codes."""
    return bool(_CODE_LIKE.match(text)) or text.strip().isdigit()


def _computed_name(cells: list, uraian_col: int, by_key: dict[str, str]) -> str | None:
    preferred = cells[uraian_col] if uraian_col < len(cells) else None
    for value in [preferred, *cells]:
        if isinstance(value, str) and value.strip():
            name = by_key.get(label_key(value))
            if name:
                return name
    return None


def _plain_percents(values: list) -> list:
    """The % cells that are plain numbers, as _read_percent reads them; SLOW for the others."""
    return [v if v.__class__ is float and -1e12 < v < 1e12 else SLOW for v in values]


def _read_percent(reader: CellReader, row: int, col: int | None) -> float | None:
    """The % cell as written, None when empty or unknown."""
    if col is None:
        return None
    value = reader.raw(row, col)
    if value.__class__ is float:
        if math.isfinite(value) and abs(value) < 1e12:
            return value
        reader.sink.add("value.amount-invalid", reader.name, row, col, value=repr(value))
        return None
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        return None
    parsed = parse_amount(parse_text(value).replace("%", ""))
    if parsed.sen is None:
        reader.sink.add("value.amount-invalid", reader.name, row, col, value=parse_text(value))
        return None
    return parsed.sen / 100


def _link_tree(lra: Lra) -> None:
    for code in lra.accounts:
        for size in range(len(code) - 1, 0, -1):
            if code[:size] in lra.accounts:
                lra.parent[code] = code[:size]
                lra.children.setdefault(code[:size], []).append(code)
                break


def _check_codes(reader: CellReader, lra: Lra, rows: list[LraRow]) -> None:
    sink = reader.sink
    chart = sink.district.chart
    kode_col = lra.columns["kode"]
    strays = []  # (the code of the account row before it, a row whose code cannot be read)
    previous = None
    for row in rows:
        if row.computed:
            lra.computed.setdefault(row.computed, row)
            continue
        code = row.code
        if code is None:  # invalid or untrusted: reported as it was read
            if previous is not None:
                strays.append((previous, row))
            continue
        previous = code
        if code in lra.accounts:
            sink.add("lra.code-duplicate", reader.name, row.row, kode_col, value=code_text(code),
                     first_row=lra.accounts[code].row)
            continue
        lra.accounts[code] = row
        if not in_chart(chart, code):
            sink.add("lra.code-unknown", reader.name, row.row, kode_col, value=code_text(code))
    _link_tree(lra)
    for before, row in strays:  # the first child of the row before it, or that row's sibling
        parent = before if before in lra.children else lra.parent.get(before)
        if parent is not None:
            lra.strays.setdefault(parent, []).append(row)
    for root in ((4,), (5,)):
        if root not in lra.accounts:
            sink.add("lra.root-missing", reader.name, kode=code_text(root), uraian=chart.get(root, ""))
    if (6,) in lra.accounts:
        for part in ((6, 1), (6, 2)):
            if part not in lra.accounts:
                sink.add("lra.root-missing", reader.name, kode=code_text(part), uraian=chart.get(part, ""))


def _check_column_rules(reader: CellReader, lra: Lra, schema) -> None:
    records = {key: {r.row: r.amounts[key] for r in lra.accounts.values()} for key in ("anggaran", "bulan_ini")}
    labels = {r.row: code_text(code) for code, r in lra.accounts.items()}
    run_schema(schema, records, reader.sink, reader.name, lra.columns, money, labels)


# Relations within one row: rule, its own column first, (column, coefficient) terms, tolerance.
_CUMULATIVE = ("lra.cumulative", (("sd_ini", 1), ("sd_lalu", -1), ("bulan_ini", -1)), None)
_REMAINING = ("lra.remaining", (("sisa", 1), ("anggaran", -1), ("sd_ini", 1)), None)
_JANUARY = ("lra.january-previous", (("sd_lalu", 1),), 0)


def _relations(lra: Lra, eq: Equations, bulan: int | None) -> None:
    cols = lra.columns
    rows = [spec for spec in (_CUMULATIVE, _REMAINING) if all(c in cols for c, _ in spec[1])]
    if bulan == 1 and "sd_lalu" in cols:
        rows.append(_JANUARY)
    percent = all(c in cols for c in ("persen", "anggaran", "sd_ini"))
    # A parent's Sisa follows from its Anggaran and s.d. Bulan Ini where each row's Sisa is
    # checked; summing it as well would report one cause twice. A typed-over subtotal shows in
    # its own Sisa following it; without that column (a small change need not move the %)
    # nothing tells a subtotal's Anggaran from a mistyped detail row: the least confirmed cell
    # is blamed.
    remaining = _REMAINING in rows
    sums = [(c, c != "anggaran" or remaining) for c in AMOUNTS if c in cols and not (c == "sisa" and remaining)]
    holds = _rows_hold(lra, rows, [c for c, _ in sums], percent, eq.tolerance)
    eq.family(holds, {lra.sheet}, partial(_row_relations, lra, rows, sums, percent))
    _computed_relations(lra, eq)


def _rows_hold(lra: Lra, rows: list, sums: list[str], percent: bool, tolerance: int) -> bool:
    """The quick check of every row relation, parent sum and percentage of the LRA."""
    limits = [(spec, tolerance if exact is None else exact) for _, spec, exact in rows]
    for code, row in lra.accounts.items():
        a = row.amounts
        for spec, limit in limits:
            residual = 0
            for column, coef in spec:
                if a[column] is None:
                    break  # an unknown value: not checked
                residual += coef * a[column]
            else:
                if residual > limit or -residual > limit:
                    return False
        if percent and (pair := _percent_pair(a)) and abs(pair[0] - pair[1]) > 1:
            return False
        children = lra.children.get(code)
        if children:
            amounts = [lra.accounts[c].amounts for c in children] + [row.amounts for row in lra.strays.get(code, ())]
            for column in sums:
                values = [child[column] for child in amounts]
                total = a[column]
                if total is not None and None not in values and abs(total - sum(values)) > tolerance:
                    return False
    return True


def _row_relations(lra: Lra, rows: list, sums: list[tuple[str, bool]], percent: bool, eq: Equations) -> None:
    """Every row relation, percentage and parent sum of the LRA, one by one."""
    cols, sheet = lra.columns, lra.sheet
    for code, row in lra.accounts.items():
        kode = code_text(code)
        a, r = row.amounts, row.row
        cell = {column: (sheet, r, col) for column, col in cols.items()}
        for rule, spec, exact in rows:
            eq.add(rule, [(cell[column], coef, a[column]) for column, coef in spec], cell[spec[0][0]],
                   tolerance=exact, kode=kode)
        if percent and (pair := _percent_pair(a)):
            eq.add_ratio("lra.percent", cell["persen"], *pair, [cell["anggaran"], cell["sd_ini"]], tolerance=1,
                         kode=kode)
        children = [lra.accounts[c] for c in lra.children.get(code, ())] + lra.strays.get(code, [])
        for column, total in sums if children else ():
            terms = [(cell[column], 1, a[column])]
            terms += [((sheet, child.row, cols[column]), -1, child.amounts[column]) for child in children]
            eq.add("lra.parent-sum", terms, cell[column], total=total, kode=kode, column=lra.labels[column])


def _percent_pair(a: dict) -> tuple[int, int] | None:
    """(% as written, % expected) in hundredths of a percent: s.d. Bulan Ini ÷ Anggaran × 100 to
    2 decimals; a fraction shown with a percent format (0.4567) is read as the same figure."""
    anggaran, sd_ini, written = a["anggaran"], a["sd_ini"], a["persen"]
    if written is None or anggaran is None or sd_ini is None:
        return None
    expected = 0 if anggaran == 0 else _round_half_up(sd_ini * 10000, anggaran)
    as_percent, as_fraction = round(written * 100), round(written * 10000)
    closer = as_percent if abs(as_percent - expected) <= abs(as_fraction - expected) else as_fraction
    return closer, expected


def _round_half_up(numerator: int, denominator: int) -> int:
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    quotient, rest = divmod(abs(numerator), abs(denominator))
    return sign * (quotient + (2 * rest >= abs(denominator)))


def _computed_relations(lra: Lra, eq: Equations) -> None:
    for name, (sources, formula) in _RELATIONS.items():
        row = lra.computed.get(name)
        if row is None:
            continue
        for column in AMOUNTS:
            if column not in lra.columns:
                continue
            terms = [(lra.cell(row, column), 1, row.amounts[column])]
            for source, sign in sources:
                terms += [(cell, -sign * coef, value) for cell, coef, value in _source_terms(lra, source, column)]
            eq.add("lra.computed-row", terms, lra.cell(row, column), total=True, label=lra.labels[name],
                   formula=formula)


def _source_terms(lra: Lra, source, column: str) -> list[tuple[Cell, int, int | None]]:
    """The cells a computed row is made of: an account row, another computed row, or what that one is made of."""
    if isinstance(source, tuple):
        row = lra.accounts.get(source)
        return [(lra.cell(row, column), 1, row.amounts[column])] if row else []
    row = lra.computed.get(source)
    if row is not None:
        return [(lra.cell(row, column), 1, row.amounts[column])]
    terms = []
    for part, sign in _RELATIONS[source][0]:
        terms += [(cell, sign * coef, value) for cell, coef, value in _source_terms(lra, part, column)]
    return terms


def check_budget(sink, lra: Lra, ambang: Decimal | None) -> None:
    """Spending against the budget; run after the arithmetic, so that a wrong figure is not judged twice."""
    if "anggaran" not in lra.columns or "sd_ini" not in lra.columns:
        return
    col = lra.columns["sd_ini"]
    trusted = {code: row for code, row in lra.accounts.items()
               if lra.cell(row, "anggaran") not in sink.flagged and lra.cell(row, "sd_ini") not in sink.flagged}
    over = {code for code, row in trusted.items()
            if code[0] == 5 and None not in (row.amounts["sd_ini"], row.amounts["anggaran"])
            and row.amounts["sd_ini"] > row.amounts["anggaran"] + sink.district.tolerance_sen}
    for code in over:
        if not any(child in over for child in lra.children.get(code, ())):
            row = lra.accounts[code]
            sink.add("lra.over-budget", lra.sheet, row.row, col, value=money(row.amounts["sd_ini"]),
                     expected=f"<= {money(row.amounts['anggaran'])}", kode=code_text(code))
    total = trusted.get((5,))
    if total and ambang is not None and None not in (total.amounts["sd_ini"], total.amounts["anggaran"]):
        limit = Decimal(total.amounts["anggaran"]) * (1 + ambang / 100)
        if total.amounts["sd_ini"] > limit + sink.district.tolerance_sen:
            sink.add("lra.over-threshold", lra.sheet, total.row, col, value=money(total.amounts["sd_ini"]),
                     expected=f"<= {money(int(limit))}", ambang=str(ambang))
