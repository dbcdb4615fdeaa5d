"""Run a table's pandera schema column checks and report each failure as a finding at its cell.

The schema is declared in pandera's own YAML format in rules/skema/; the `rules` mapping next
to it names the rule id of each check. Checks run column by column with pandera's own check
objects, so a failure maps to (Excel row, column) without pandera's error-report overhead.
"""

from __future__ import annotations

from collections.abc import Callable

from bludcli.checks.base import Sink
from bludcli.config import TableSchema


def run_schema(schema: TableSchema, records: dict[str, dict[int, object]], sink: Sink, sheet: str,
               columns: dict[str, int], show: Callable[[object], str | None]) -> None:
    """records: column key -> {Excel row: value}; columns: column key -> 0-based column of the cell."""
    if schema.pandera is None or not records:
        return
    import pandas as pd

    for key, column in schema.pandera.columns.items():
        if key not in records or key not in columns:
            continue
        series = pd.Series(records[key], dtype=object)
        rules = schema.rules.get(key, {})
        col = columns[key]
        present = series.notna()
        if not column.nullable and "nullable" in rules:
            for row in series.index[~present]:
                sink.add(rules["nullable"], sheet, int(row), col)
        if column.unique and "unique" in rules:
            values = series[present]
            first_rows = values.groupby(values.values).transform(lambda s: s.index[0])
            for row in values.index[values.duplicated(keep="first")]:
                sink.add(rules["unique"], sheet, int(row), col, value=show(values[row]), first_row=int(first_rows[row]))
        for check in column.checks:
            rule = rules.get(check.name)
            if rule is None:
                continue
            values = series[present].astype(float)
            passed = check(values).check_output
            for row in values.index[~passed.reindex(values.index, fill_value=True)]:
                if (sheet, int(row), col) not in sink.flagged:
                    sink.add(rule, sheet, int(row), col, value=show(series[row]), kode=_label(records, row))


def _label(records: dict[str, dict[int, object]], row) -> str:
    return str(records.get("_kode", {}).get(row, ""))
