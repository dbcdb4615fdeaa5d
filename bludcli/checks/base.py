"""What every check shares: the finding sink and a cell reader that reports value problems once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import lru_cache, partial
from typing import NamedTuple

from bludcli.config import District, TableSchema
from bludcli.findings import Finding, column_letter
from bludcli.locate import Header, find_header
from bludcli.values import Code, format_amount, format_code, parse_amount, parse_code, parse_date, parse_text
from bludcli.workbook import ERROR_VALUE, Sheet

Cell = tuple[str, int, int]  # (sheet name as written, Excel row, 0-based column)


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


class Sink:
    """Collects findings; messages and hints come from the district's catalogue in one language."""

    def __init__(self, district: District, lang: str):
        self.district = district
        self.lang = lang
        self.findings: list[Finding] = []
        self.flagged: set[Cell] = set()  # cells with an error finding: their value is not checked again

    def add(self, rule: str, sheet: str | None = None, row: int | None = None, col: int | None = None,
            value: str | None = None, expected: str | None = None, **params) -> None:
        definition = self.district.rules[rule]
        value, expected = _shortened(value), _shortened(expected)
        texts = _Blank(params, value=value, expected=expected)
        self.findings.append(Finding(
            rule=rule,
            severity=definition.severity,
            sheet=sheet,
            row=row,
            column=column_letter(col) if col is not None else None,
            message=definition.message[self.lang].format_map(texts),
            value=value,
            expected=expected,
            hint=definition.hint[self.lang].format_map(texts),
        ))
        if definition.severity == "error" and sheet is not None and row is not None and col is not None:
            self.flagged.add((sheet, row, col))

    def text(self, key: str) -> str:
        from bludcli.i18n import t

        return t(key, self.lang)


LONGEST_TEXT = 100  # characters of a cell's text a finding repeats


def _shortened(text: str | None) -> str | None:
    """A cell's text as a finding repeats it: cut after LONGEST_TEXT characters, so that a cell
    of pasted notes does not fill the report."""
    if text is None or len(text) <= LONGEST_TEXT:
        return text
    return text[:LONGEST_TEXT] + "…"


class CellReader:
    """Reads typed values from one sheet; a cell that cannot be trusted gets one finding and reads as None."""

    def __init__(self, sheet: Sheet, sink: Sink):
        self.sheet = sheet
        self.name = sheet.name
        self.sink = sink

    def raw(self, row: int, col: int):
        """The value at Excel `row`, 0-based `col` ('' when empty); None (after one finding) for a
        formula without a cached value or an error value."""
        sheet = self.sheet
        value = sheet.value(row - 1, col)
        if value.__class__ is not str or value[:1] not in _MAYBE_UNTRUSTED:
            return value  # the common case: a number, a date or text that is no error literal
        bad = sheet.bad_cell(row - 1, col)
        if bad is None:
            return value
        kind, literal = bad
        if (self.name, row, col) not in self.sink.flagged:
            rule = "cell.error-value" if kind == ERROR_VALUE else "cell.formula-no-value"
            self.sink.add(rule, self.name, row, col, value=literal)
        return None

    def unrecognised(self, rows: list[int]) -> None:
        """Report rows inside a table that are neither entries nor known rows, then forget them.
        A row whose code or label is a formula without a value or an error value is one: its
        untrusted cells are reported (the cause), not the row."""
        for row in rows:
            cells = range(len(self.sheet.rows[row - 1]))
            if None not in [self.raw(row, col) for col in cells]:  # raw() reports each untrusted cell
                self.sink.add("table.row-unrecognised", self.name, row, None)
        rows.clear()

    def header(self, schema: TableSchema) -> Header | None:
        """The table's header, reporting a missing header or missing required columns."""
        header = find_header(self.sheet, schema)
        if header is None:
            labels = ", ".join(schema.fields[k].label for k in schema.header_keys or schema.fields)
            self.sink.add("table.header-missing", self.name, labels=labels)
            return None
        for missing in header.missing:
            self.sink.add("table.column-missing", self.name, label=missing.label)
        return header

    def text(self, row: int, col: int) -> str:
        return parse_text(self.raw(row, col))

    def amount(self, row: int, col: int | None) -> int | None:
        """Sen, 0 for empty or '-', None when unknown (reported)."""
        if col is None:
            return None
        value = self.raw(row, col)
        if value is None:
            return None
        if value == "":
            return 0
        plain = _plain_number(value)
        if plain is not SLOW:
            return plain
        parsed = parse_amount(value)
        if parsed.sen is None:
            self.sink.add("value.amount-invalid", self.name, row, col, value=parse_text(value))
        elif parsed.is_text:
            self.sink.add("value.amount-as-text", self.name, row, col, value=parse_text(value))
        return parsed.sen

    def amounts(self, rows: list[int], col: int | None) -> list[int | None]:
        """amount() of many Excel rows."""
        clean = self.sheet.empty_is_empty()  # the scan an empty cell would start anyway, once per file
        return self.batch(rows, col, _plain_amounts if clean else _plain_numbers, self.amount)

    def dates(self, rows: list[int], col: int | None) -> list:
        return self.batch(rows, col, _each(_plain_date), self.date)

    def texts(self, rows: list[int], col: int | None) -> list[str]:
        plain = _plain_text_clean if self.sheet.empty_is_empty() else _plain_text
        return self.batch(rows, col, _each(plain), self.text)

    def codes(self, rows: list[int], col: int | None) -> list[Code | None]:
        plain = _plain_code_clean if self.sheet.empty_is_empty() else _plain_code
        return self.batch(rows, col, _each(plain), self.code)

    def batch(self, rows: list[int], col: int | None, plain, read) -> list:
        """read(row, col) for many rows; `plain` reads the common values of a column directly
        (a list in, a list out, SLOW where read() must look)."""
        if col is None:
            return [None] * len(rows)
        data = self.sheet.rows
        if not data or col >= len(data[0]):  # calamine's rows all have the sheet's width
            return [read(row, col) for row in rows]
        out = plain([data[row - 1][col] for row in rows])
        if SLOW in out:
            for i, value in enumerate(out):
                if value is SLOW:
                    out[i] = read(rows[i], col)
        return out

    def code(self, row: int, col: int) -> Code | None:
        """The account code, None when empty; an invalid one is reported and also None."""
        value = self.raw(row, col)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = _code(value)
        if code is None:
            self.sink.add("value.code-invalid", self.name, row, col, value=parse_text(value))
        return code

    def date(self, row: int, col: int):
        value = self.raw(row, col)
        if value.__class__ is date:
            return value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.sink.add("value.date-invalid", self.name, row, col, value=parse_text(value))
        return parsed


@lru_cache(maxsize=16384)
def _code(value) -> Code | None:
    """parse_code, remembered: a BKU repeats the same few codes on every row."""
    return parse_code(value)


SLOW = object()  # a value the plain readers leave to the full one (a finding may be due)
# How a text cell that may hide something starts: empty (a formula without a value, an error
# cell), "#REF!" and the like, LibreOffice's "Err:502", or a space before either.
_MAYBE_UNTRUSTED = ("", "#", "E", " ")
_MAYBE_ERROR = _MAYBE_UNTRUSTED[1:]


def _plain_number(value, empty=SLOW):
    """A numeric cell with at most 2 decimals, in sen, as parse_amount reads it; an empty cell
    is `empty`; anything else (NaN, inf, more decimals, magnitudes where floats lose the sen)
    is SLOW."""
    cls = value.__class__
    if cls is float:
        if value.is_integer() and -9e15 < value < 9e15:  # integers are exact below 2^53
            return int(value) * 100
        # 1234.56 * 100 is 123455.99999999999: the value is the float nearest to a whole number
        # of sen when that number, divided back, gives the value. Below 10^11 rupiah such floats
        # are far enough apart for this to be exact.
        sen = value * 100
        if -1e13 < sen < 1e13 and (whole := round(sen)) / 100 == value:
            return whole
        return SLOW
    if cls is int:
        return value * 100
    return empty if value == "" else SLOW


def _each(plain):
    """A column reader from a cell reader."""
    return lambda values: list(map(plain, values))


def _plain_numbers(values: list, empty=SLOW) -> list:
    """_plain_number of a column, with its common cases taken here: an amount below 10^11
    rupiah (as _plain_number reads it), an empty cell and '-', the accountants' zero."""
    return [sen if v.__class__ is float and -1e11 < v < 1e11 and (sen := round(v * 100)) / 100 == v
            else empty if v == "" else 0 if v == "-" else _plain_number(v, empty) for v in values]


# Amounts on a sheet where empty cells are really empty: an empty cell is 0.
_plain_amounts = partial(_plain_numbers, empty=0)


def _plain_date(value):
    if value.__class__ is date:
        return value
    return (_date(value) or SLOW) if value.__class__ is str else SLOW


@lru_cache(maxsize=4096)
def _date(text: str) -> date | None:
    """parse_date of a date typed as text, remembered: a BKU repeats its dates."""
    return parse_date(text)


def _plain_text(value):
    return value.strip() if value.__class__ is str and value[:1] not in _MAYBE_UNTRUSTED else SLOW


def _plain_text_clean(value):
    """_plain_text on a sheet where empty cells are really empty."""
    return value.strip() if value.__class__ is str and value[:1] not in _MAYBE_ERROR else SLOW


def _plain_code(value):
    """A code typed as text (a space before it included: no error literal starts with a digit)."""
    code = _code(value) if value.__class__ is str and value.lstrip()[:1].isdigit() else None
    return SLOW if code is None else code


def _plain_code_clean(value):
    """_plain_code on a sheet where empty cells are really empty: an empty Kode is no code."""
    return None if value == "" else _plain_code(value)


def in_chart(chart: dict[Code, str], code: Code) -> bool:
    """Whether the chart of accounts knows the code: listed, or a detail below one of its
    6-segment accounts (5.1.02.01.01.0024.01), which consolidation rolls up into it."""
    return code in chart or (len(code) > 6 and code[:6] in chart)


code_text = lru_cache(maxsize=16384)(format_code)  # messages name the same codes again and again


def money(sen: int | None) -> str | None:
    return None if sen is None else format_amount(sen)


class _Family(NamedTuple):
    holds: bool
    sheets: set[str]
    build: Callable[["Equations"], None]


class Equations:
    """Arithmetic relations between cells, resolved together so that one wrong cell gives one finding.

    Each relation says: the sum of coef × value over its cells is 0 (within the tolerance).
    A failed relation is reported at its most suspect cell: the one in the most failed
    relations, then in the fewest passed ones (a cell that other relations confirm is less
    likely wrong), then the relation's own cell. A total (`total=True`: a parent account, a
    computed row, a Jumlah row) is blamed before the rows it adds up unless one of them is in
    more failed relations: people type over a subtotal, and the formulas above it follow.
    The expected value is the one that would make the relation hold. Relations blamed on the
    same cell give one finding. An `evidence` relation is never reported: it is not a rule of
    the contract, only a fact that usually holds and helps to tell which cell is wrong.
    """

    def __init__(self, sink: Sink):
        self.sink = sink
        self.tolerance = sink.district.tolerance_sen
        self._items: list = []  # relations as (rule, terms, primary, residual, params, total), or families
        self._confirmed: list[Cell] = []
        self._failing = False

    def add(self, rule: str, terms: list[tuple[Cell, int, int | None]], primary: Cell, *,
            tolerance: int | None = None, total: bool = False, evidence: bool = False, **params) -> None:
        """terms: (cell, coefficient, value in sen); a relation with an unknown value is not checked."""
        residual = 0
        for _, coef, value in terms:
            if value is None:
                return
            residual += coef * value
        limit = self.tolerance if tolerance is None else tolerance
        residual = residual if abs(residual) > limit else 0
        self._failing = self._failing or bool(residual and not evidence)
        self._items.append((None if evidence else rule, terms, primary, residual, params, total))

    def family(self, holds: bool, sheets: set[str], build: Callable[["Equations"], None]) -> None:
        """Many relations at once (a table's every row) on cells of `sheets`: `holds` is their
        quick check, and build(equations) adds them with add() only when some relation of the
        file fails. A family that holds is built only when a failed relation has cells on one of
        its sheets: its passed relations then weigh in the blame. (build is given the equations
        rather than holding them: no reference cycle.)"""
        self._failing = self._failing or not holds
        self._items.append(_Family(holds, sheets, build))

    def add_ratio(self, rule: str, cell: Cell, found: int, expected: int, others: list[Cell], tolerance: int,
                  **params) -> None:
        """A non-linear relation (a percentage): only `cell` can be solved; `others` share the blame."""
        terms = [(cell, 1, found)] + [(other, 0, 0) for other in others]
        residual = found - expected if abs(found - expected) > tolerance else 0
        self._failing = self._failing or bool(residual)
        self._items.append((rule, terms, cell, residual, params, False))

    def confirm(self, cell: Cell) -> None:
        """Count a structural fact (an empty side of a one-sided BKU entry) as a passed relation."""
        self._confirmed.append(cell)

    def resolve(self, format_value=money) -> None:
        if not self._failing:
            return  # every relation holds
        items, self._items = self._items, []
        holding = []
        for item in items:  # failing families add their relations now, in their place
            if item.__class__ is not _Family:
                self._items.append(item)
            elif item.holds:
                holding.append(item)
            else:
                item.build(self)
        failing_sheets = {cell[0] for _, terms, _, residual, _, _ in self._items if residual for cell, _, _ in terms}
        for item in holding:
            if item.sheets & failing_sheets:
                item.build(self)
        failed: dict[Cell, int] = defaultdict(int)
        passed: dict[Cell, int] = defaultdict(int)
        for _, terms, _, residual, _, _ in self._items:
            for cell, _, _ in terms:
                (failed if residual else passed)[cell] += 1
        for cell in self._confirmed:
            passed[cell] += 1
        blamed: dict[Cell, list] = defaultdict(list)
        flagged = self.sink.flagged  # a cell already reported wrong explains the relation it breaks
        for item in self._items:
            rule, terms, primary, residual, _, total = item
            if not residual or rule is None:
                continue
            cell = max(terms, key=lambda t: (t[0] in flagged, failed[t[0]], total and t[0] == primary,
                                             -passed[t[0]], t[1] != 0, t[0] == primary, t[2] != 0))[0]
            blamed[cell].append(item)
        for cell, items in blamed.items():
            if cell in self.sink.flagged:
                continue
            items.sort(key=lambda i: i[2] != cell)  # a relation about this very cell names the rule
            rule, _, _, _, params, _ = items[0]
            solved = [(v, c, i[3]) for i in items for t_cell, c, v in i[1] if t_cell == cell and c]
            value = solved[0][0] if solved else None
            expected = solved[0][0] - solved[0][2] // solved[0][1] if solved else None
            sheet, row, col = cell
            self.sink.add(rule, sheet, row, col, value=format_value(value),
                          expected=format_value(expected) if expected is not None else None, **params)
