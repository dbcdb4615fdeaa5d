"""Run a table's pandera schema and report each failure as a finding at its cell.

The schema is declared in pandera's own YAML format in rules/skema/; the `rules` mapping next
to it names the rule id of each check. pandera's built-in checks are evaluated here, value by
value, from the schema's declarative statistics: a report table has tens to thousands of rows,
where pandera's own backend costs more than the checks themselves. Any other check (a custom
one a district adds) runs through pandera on a pandas Series.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from bludcli.checks.base import Sink
from bludcli.config import TableSchema

_BUILTIN: dict[str, Callable[[object, dict], bool]] = {
    "greater_than_or_equal_to": lambda v, s: v >= s["min_value"],
    "greater_than": lambda v, s: v > s["min_value"],
    "less_than_or_equal_to": lambda v, s: v <= s["max_value"],
    "less_than": lambda v, s: v < s["max_value"],
    "equal_to": lambda v, s: v == s["value"],
    "not_equal_to": lambda v, s: v != s["value"],
    "in_range": lambda v, s: (v >= s["min_value"] if s.get("include_min", True) else v > s["min_value"])
    and (v <= s["max_value"] if s.get("include_max", True) else v < s["max_value"]),
    "isin": lambda v, s: v in s["allowed_values"],
    "notin": lambda v, s: v not in s["forbidden_values"],
    "str_matches": lambda v, s: re.match(s["pattern"], str(v)) is not None,
    "str_length": lambda v, s: len(str(v)) == s["exact_value"] if s.get("exact_value") is not None
    else (s.get("min_value") is None or len(str(v)) >= s["min_value"])
    and (s.get("max_value") is None or len(str(v)) <= s["max_value"]),
}

_BOUNDS = {"greater_than_or_equal_to", "greater_than", "less_than_or_equal_to", "less_than", "in_range"}


def run_schema(schema: TableSchema, records: dict[str, dict[int, object]], sink: Sink, sheet: str,
               columns: dict[str, int], show: Callable[[object], str | None],
               labels: dict[int, str] | None = None) -> None:
    """records: column key -> {Excel row: value} (amounts in sen); columns: key -> 0-based column.

    labels: Excel row -> what the row is (an account code), for messages.
    """
    if schema.pandera is None:
        return
    for key, column in schema.pandera.columns.items():
        if key not in records or key not in columns:
            continue
        rules = schema.rules.get(key, {})
        col = columns[key]
        values = records[key]
        present = {row: v for row, v in values.items() if v is not None}
        if not column.nullable and "nullable" in rules:
            for row in values.keys() - present.keys():
                if (sheet, row, col) not in sink.flagged:  # an untrusted cell: reported already
                    sink.add(rules["nullable"], sheet, row, col)
        if column.unique and "unique" in rules:
            first: dict[object, int] = {}
            for row, value in sorted(present.items()):
                if value in first:
                    sink.add(rules["unique"], sheet, row, col, value=show(value), first_row=first[value])
                else:
                    first[value] = row
        for check in column.checks:
            rule = rules.get(check.name)
            if rule is None:
                continue
            for row in _failing(check, present):
                if (sheet, row, col) not in sink.flagged:
                    sink.add(rule, sheet, row, col, value=show(values[row]), kode=(labels or {}).get(row, ""))


def _failing(check, present: dict[int, object]) -> list[int]:
    """Rows whose value fails the check; amounts (int sen) are compared with the statistics in rupiah."""
    test = _BUILTIN.get(check.name)
    amounts = {v.__class__ for v in present.values()} == {int}
    if test is not None:
        stats = {k: _sen(v) for k, v in check.statistics.items()} if amounts else check.statistics
        if amounts and check.name in _BOUNDS and test(min(present.values()), stats) and test(max(present.values()), stats):
            return []  # a bound that the smallest and the largest amount meet, every amount meets
        return [row for row, v in sorted(present.items()) if not test(v, stats)]
    import pandas as pd

    series = pd.Series({row: Decimal(v) / 100 if amounts else v for row, v in present.items()}, dtype=object)
    passed = check(series).check_output
    return [int(row) for row in series.index[~passed.reindex(series.index, fill_value=True)]]


def _sen(value):
    """A rupiah statistic in sen; anything that is not a number stays as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sen = Decimal(str(value)) * 100
        return int(sen) if sen == sen.to_integral_value() else sen  # an int compares fast with ints
    if isinstance(value, (list, tuple, set)):
        return type(value)(_sen(v) for v in value)
    return value
