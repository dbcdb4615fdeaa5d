"""Sheet LRA: every account row of the template, parents and computed rows as formulas."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bludcli.config import District
from bludcli.values import Code, format_code

from .accounts import nearest_children
from .style import AMOUNT_FORMAT, PERCENT_FORMAT, entry, fixed, header_row, non_negative, protect, title_block

FIELDS = ("kode", "uraian", "anggaran", "sd_lalu", "bulan_ini", "sd_ini", "sisa", "persen")
INPUTS = ("anggaran", "sd_lalu", "bulan_ini")
COLUMN = {name: get_column_letter(i) for i, name in enumerate(FIELDS, 1)}
_WIDTHS = [22, 55, 19, 19, 19, 19, 19, 9]
# Computed rows: key -> (terms added, terms subtracted); a term is an account code or a computed key.
_COMPUTED = {"surplus": ([(4,)], [(5,)]), "netto": ([(6, 1)], [(6, 2)]), "silpa": (["surplus", "netto"], [])}


def lra_sequence(codes: list[Code]) -> list:
    """Account codes and computed-row keys in print order."""
    sections = {root: [c for c in codes if c[0] == root] for root in (4, 5, 6)}
    sequence = sections[4] + sections[5] + ["surplus"]
    if sections[6]:
        sequence += sections[6] + ["netto", "silpa"]
    return sequence


def write_lra(ws: Worksheet, district: District, codes: list[Code], title: list[str]) -> dict:
    """Write the sheet; returns (code or computed key, field) -> cell ("C12")."""
    schema = district.schemas["lra"]
    header = title_block(ws, title, len(FIELDS))
    header_row(ws, header, [schema.fields[name].label for name in FIELDS], _WIDTHS)
    ws.freeze_panes = f"C{header + 1}"
    sequence = lra_sequence(codes)
    rows = {key: row for row, key in enumerate(sequence, header + 1)}
    children = nearest_children(codes)
    labels = schema.extra["computed_rows"]
    for key, row in rows.items():
        account = isinstance(key, tuple)
        bold = not account or (bool(children[key]) and len(key) <= 3)
        if account:
            fixed(ws, row, 1, format_code(key), bold=bold)
            fixed(ws, row, 2, district.chart[key], bold=bold)
            _amounts(ws, row, [rows[c] for c in children[key]], bold)
        else:
            fixed(ws, row, 2, labels[key].label, bold=True)
            _computed(ws, row, key, rows)
        _derived(ws, row, bold)
    leaves = [rows[code] for code in codes if not children[code]]
    non_negative(ws, " ".join(f"{COLUMN['anggaran']}{row}" for row in leaves))
    protect(ws)
    return {(key, name): f"{COLUMN[name]}{row}" for key, row in rows.items() for name in FIELDS}


def _amounts(ws: Worksheet, row: int, child_rows: list[int], bold: bool) -> None:
    """A leaf's input cells, or a parent's sums of its nearest children."""
    for name in INPUTS:
        col = FIELDS.index(name) + 1
        if not child_rows:
            entry(ws, row, col, AMOUNT_FORMAT)
            continue
        terms = ",".join(f"{COLUMN[name]}{r}" for r in child_rows)
        fixed(ws, row, col, f"=SUM({terms})", AMOUNT_FORMAT, bold)


def _computed(ws: Worksheet, row: int, key: str, rows: dict) -> None:
    plus, minus = _COMPUTED[key]
    for name in INPUTS:
        def ref(term) -> str:
            return f"{COLUMN[name]}{rows[term]}" if term in rows else "0"

        formula = "=" + "+".join(map(ref, plus)) + "".join(f"-{ref(term)}" for term in minus)
        fixed(ws, row, FIELDS.index(name) + 1, formula, AMOUNT_FORMAT, True)


def _derived(ws: Worksheet, row: int, bold: bool) -> None:
    """s.d. Bulan Ini, Sisa Anggaran and % of any row."""
    c = {name: f"{COLUMN[name]}{row}" for name in FIELDS}
    fixed(ws, row, 6, f"={c['sd_lalu']}+{c['bulan_ini']}", AMOUNT_FORMAT, bold)
    fixed(ws, row, 7, f"={c['anggaran']}-{c['sd_ini']}", AMOUNT_FORMAT, bold)
    fixed(ws, row, 8, f"=IF({c['anggaran']}=0,0,ROUND({c['sd_ini']}/{c['anggaran']}*100,2))",
          PERCENT_FORMAT, bold)
