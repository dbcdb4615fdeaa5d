"""Month to month: this month's report continues last month's accepted one.

LRA Realisasi s.d. Bulan Lalu of each detail row is last month's s.d. Bulan Ini (a changed
Anggaran is only a warning: a budget revision); the BKU opens with last month's closing Saldo;
the capitation account opens with last month's Saldo Akhir and its s.d. columns continue.
Parent rows are not compared: they follow from their detail rows, which are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bludcli.checks.base import Cell, Sink, code_text, money
from bludcli.checks.kapitasi import Kapitasi
from bludcli.checks.lra import Lra

if TYPE_CHECKING:
    from bludcli.validate import Content


def check_previous(sink: Sink, content: Content, previous: Content) -> None:
    """This month's `content` against `previous`, last month's; a cell in `sink.flagged` already
    has an error finding, and is not compared again."""
    lra, kapitasi = content.lra, content.kapitasi
    if lra and previous.lra:
        _lra(sink, lra, previous.lra)
    if content.bku_opening and previous.bku_closing is not None:
        cell, saldo = content.bku_opening
        _compare(sink, "bku.previous-balance", cell, saldo, previous.bku_closing)
    if kapitasi and previous.kapitasi and _complete(kapitasi) and _complete(previous.kapitasi):
        _kapitasi(sink, kapitasi, previous.kapitasi)


def _lra(sink: Sink, lra: Lra, before: Lra) -> None:
    for code, row in lra.accounts.items():
        if lra.children.get(code) or "sd_lalu" not in lra.columns:
            continue
        last = before.accounts.get(code)
        kode = code_text(code)
        _compare(sink, "lra.previous-sd", lra.cell(row, "sd_lalu"), row.amounts["sd_lalu"],
                 last.amounts["sd_ini"] if last else 0, kode=kode)
        if last and "anggaran" in lra.columns:
            _compare(sink, "lra.budget-changed", lra.cell(row, "anggaran"), row.amounts["anggaran"],
                     last.amounts["anggaran"], kode=kode)


def _complete(kapitasi: Kapitasi) -> bool:
    return len(kapitasi.rows) == 5 and all(column in kapitasi.columns for column in ("bulan_ini", "sd_ini"))


def _kapitasi(sink: Sink, now: Kapitasi, before: Kapitasi) -> None:
    amounts, last = now.amounts, before.amounts
    _compare(sink, "kapitasi.previous-balance", now.cell("saldo_awal", "bulan_ini"),
             amounts[("saldo_awal", "bulan_ini")], last[("saldo_akhir", "bulan_ini")])
    _compare(sink, "kapitasi.previous-sd", now.cell("saldo_awal", "sd_ini"), amounts[("saldo_awal", "sd_ini")],
             last[("saldo_awal", "sd_ini")], label=_label(sink, "saldo_awal"))
    for key in ("penerimaan", "jasa", "dukungan"):
        month, before_sd = amounts[(key, "bulan_ini")], last[(key, "sd_ini")]
        expected = None if month is None or before_sd is None else before_sd + month
        _compare(sink, "kapitasi.previous-sd", now.cell(key, "sd_ini"), amounts[(key, "sd_ini")], expected,
                 label=_label(sink, key))


def _label(sink: Sink, key: str) -> str:
    return sink.district.schemas["kapitasi"].row_labels[key].label


def _compare(sink: Sink, rule: str, cell: Cell, found: int | None, expected: int | None, **params) -> None:
    """One finding at `cell` when `found` is not `expected` (within the tolerance)."""
    if found is None or expected is None or abs(found - expected) <= sink.district.tolerance_sen:
        return
    if cell in sink.flagged:
        return
    sheet, row, col = cell
    sink.add(rule, sheet, row, col, value=money(found), expected=money(expected), **params)
