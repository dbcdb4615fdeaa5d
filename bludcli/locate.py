"""Find a table inside a sheet as people lay it out: title block, one- or two-row header,
a row of column numbers, the table, a signature block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bludcli.config import Field, TableSchema, label_key
from bludcli.workbook import Sheet

HEADER_SEARCH_ROWS = 200
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass(slots=True, repr=False, eq=False)
class Header:
    """Where a table's header was found: `columns` maps field key -> 0-based column."""

    row: int  # 0-based row of the (last) header row
    columns: dict[str, int]
    missing: list[Field]
    data_start: int  # 0-based first row after the header and any column-number row


def cell_keys(sheet: Sheet, r: int) -> list[str]:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    return [label_key(v) if isinstance(v, str) else "" for v in row]


def find_header(sheet: Sheet, schema: TableSchema) -> Header | None:
    """The first row holding every header key column and at least `header_min` known columns."""
    wanted = [schema.fields[k] for k in schema.header_keys]
    below = set(cell_keys(sheet, 0))
    for r in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        keys, below = below, set(cell_keys(sheet, r + 1))
        keys = keys | _grouped(keys, below, schema)
        if all(f.keys & keys for f in wanted) and sum(1 for f in schema.fields.values() if f.keys & keys) >= schema.header_min:
            return _map_columns(sheet, schema, r)
    return None


def _grouped(keys: set[str], below: set[str], schema: TableSchema) -> set[str]:
    """Labels a two-row header adds: the group label joined to each label below it, and those labels."""
    groups = keys & schema.groups
    return {g + b for g in groups for b in below} | below if groups else set()


def _map_columns(sheet: Sheet, schema: TableSchema, r: int) -> Header:
    top = cell_keys(sheet, r)
    sub = cell_keys(sheet, r + 1)
    group_of = _group_spans(sheet, r, top, sub, schema)
    from_sub = False  # a column named only in the row below: a two-row header with any group label
    columns: dict[str, int] = {}
    for c in range(max(len(top), len(sub))):
        top_key = top[c] if c < len(top) else ""
        sub_key = sub[c] if c < len(sub) else ""
        candidates = [top_key, group_of.get(c, "") + sub_key, sub_key] if sub_key else [top_key]
        for key, fld in schema.fields.items():
            if key not in columns and fld.keys.intersection(candidates):
                columns[key] = c
                from_sub = from_sub or top_key not in fld.keys
                break
    last_header = r + 1 if group_of or from_sub else r
    data_start = last_header + 1
    if _is_column_number_row(sheet, data_start):
        data_start += 1
    missing = [f for k, f in schema.fields.items() if f.required and k not in columns]
    return Header(last_header, columns, missing, data_start)


def _group_spans(sheet: Sheet, r: int, top: list[str], sub: list[str], schema: TableSchema) -> dict[int, str]:
    """Column -> group label for a two-row header ('Realisasi' over its sub-columns)."""
    spans: dict[int, str] = {}
    for c, key in enumerate(top):
        if key not in schema.groups:
            continue
        end = _merged_end(sheet, r, c)
        if end is None:  # not merged: the group runs until the next labelled cell
            end = c
            while end + 1 < len(top) and not top[end + 1] and end + 1 < len(sub) and sub[end + 1]:
                end += 1
        for col in range(c, end + 1):
            spans[col] = key
    return spans


def _merged_end(sheet: Sheet, r: int, c: int) -> int | None:
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 == r and c0 == c and c1 > c0:
            return c1
    return None


def _is_column_number_row(sheet: Sheet, r: int) -> bool:
    """A row like `1 2 3 4 …` (or `(1) (2) …`) printed under the header."""
    if r >= len(sheet.rows):
        return False
    numbers = []
    for value in sheet.rows[r]:
        if value in ("", None):
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            numbers.append(int(value))
        elif isinstance(value, str) and _COLUMN_NUMBER.match(value.strip()):
            numbers.append(int(value.strip().strip("()")))
        else:
            return False
    return len(numbers) >= 2 and all(b > a for a, b in zip(numbers, numbers[1:]))


def is_blank_row(sheet: Sheet, r: int) -> bool:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def find_sheet(names: list[str], wanted: str) -> list[str]:
    """Sheets whose name matches `wanted`, ignoring case and surrounding spaces."""
    target = wanted.strip().casefold()
    return [n for n in names if n.strip().casefold() == target]
