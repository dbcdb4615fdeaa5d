"""Checks across sheets: BKU entries against LRA accounts, capitation against the LRA (5.6, 6.3)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from bludcli.checks.base import Equations, code_text
from bludcli.checks.bku import Bku, code_side
from bludcli.checks.kapitasi import Kapitasi
from bludcli.checks.lra import Lra


CAPITATION_CODE = (4, 1, 4, 18, 1, 1)


def check_bku_against_lra(bku: Bku, lra: Lra, eq: Equations) -> None:
    """Every BKU code is an LRA leaf; each leaf's Realisasi Bulan Ini is the sum of its BKU entries.

    Entries whose code is wrong (unknown, wrong side, or not an LRA leaf) are orphans. When the
    orphans of one code add up to exactly what a leaf without entries of its own lacks, they are
    counted there, so one cause gives one finding: at the LRA code when several entries (or an
    unknown LRA code) agree, else at the BKU code.
    """
    sink = eq.sink
    kode_col = bku.columns.get("kode")
    if kode_col is None:
        return  # no Kode Rekening column (reported): nothing ties an entry to an account
    leaf = {code for code in lra.accounts if not lra.children.get(code)}
    entries: dict = defaultdict(list)
    orphans: dict = defaultdict(list)
    for entry in bku.transactions:
        if entry.code is None:
            continue
        flagged = (bku.sheet, entry.row, kode_col) in sink.flagged
        (orphans if flagged or entry.code not in leaf else entries)[entry.code].append(entry)
    # The LRA leaves a BKU column adds up to: (code, row, that column).
    leaves = [(code, row, side) for code, row in lra.accounts.items()
              if code in leaf and (side := code_side(code)) in bku.columns]
    adopted = _adopt_orphans(bku, lra, leaves, entries, orphans, eq)
    _place_unreadable(bku, leaves, entries, eq)
    for code, group in orphans.items():
        if any(code[:size] in lra.strays for size in range(1, len(code))):
            continue  # maybe the code of an LRA row that cannot be read (reported there)
        for entry in group:
            if code not in adopted and code not in leaf and (bku.sheet, entry.row, kode_col) not in sink.flagged:
                sink.add("bku.code-not-in-lra", bku.sheet, entry.row, kode_col, value=code_text(code))
    if "bulan_ini" not in lra.columns:
        return
    holds = all(_matches(row.amounts["bulan_ini"], [getattr(e, side) for e in entries.get(code, ())], eq.tolerance)
                for code, row, side in leaves)
    eq.family(holds, {lra.sheet, bku.sheet}, partial(_mismatches, lra, bku, leaves, entries))


def _matches(written: int | None, amounts: list, tolerance: int) -> bool:
    return written is None or None in amounts or abs(written - sum(amounts)) <= tolerance


def _mismatches(lra: Lra, bku: Bku, leaves: list, entries: dict, eq: Equations) -> None:
    for code, row, side in leaves:
        terms = [(lra.cell(row, "bulan_ini"), 1, row.amounts["bulan_ini"])]
        terms += [(bku.cell(e, side), -1, getattr(e, side)) for e in entries.get(code, ())]
        eq.add("lra.bku-mismatch", terms, lra.cell(row, "bulan_ini"), kode=code_text(code))


def _place_unreadable(bku: Bku, leaves: list, entries: dict, eq: Equations) -> None:
    """Count each entry whose code cannot be read (reported at it) towards the first LRA leaf that
    lacks exactly its amount: the leaf is not reported for the entry it cannot see."""
    kode_col = bku.columns.get("kode")
    unreadable = [e for e in bku.transactions if e.code is None and (bku.sheet, e.row, kode_col) in eq.sink.flagged]
    for code, row, side in leaves if unreadable else ():
        written = row.amounts.get("bulan_ini")
        lacking = written and written - sum(getattr(e, side) or 0 for e in entries.get(code, ()))
        entry = next((e for e in unreadable if lacking and abs((getattr(e, side) or 0) - lacking) <= eq.tolerance), None)
        if entry:
            unreadable.remove(entry)
            entries[code] = entries.get(code, []) + [entry]


def _adopt_orphans(bku: Bku, lra: Lra, leaves: list, entries: dict, orphans: dict, eq: Equations) -> set:
    """Count orphan groups towards the leaf they explain; returns the orphan codes so adopted."""
    adopted = set()
    for code, row, side in leaves if orphans else ():
        written = row.amounts.get("bulan_ini")
        if written is None:
            continue
        lacking = written - sum(getattr(e, side) or 0 for e in entries.get(code, ()))
        if not lacking:
            continue
        for orphan_code, group in orphans.items():
            if orphan_code in adopted or abs(sum(getattr(e, side) or 0 for e in group) - lacking) > eq.tolerance:
                continue
            code_cell = (lra.sheet, row.row, lra.columns["kode"])
            if not entries.get(code) and (len(group) > 1 or code_cell in eq.sink.flagged):
                adopted.add(orphan_code)
                if code_cell not in eq.sink.flagged:
                    eq.sink.add("lra.code-not-in-bku", lra.sheet, row.row, lra.columns["kode"],
                                value=code_text(code), expected=code_text(orphan_code))
            entries[code] = entries.get(code, []) + group
            break
    return adopted


def check_kapitasi_against_lra(kap: Kapitasi, lra: Lra, eq: Equations) -> None:
    row = lra.accounts.get(CAPITATION_CODE)
    if row is None or "penerimaan" not in kap.rows or "bulan_ini" not in lra.columns:
        return
    cell = kap.cell("penerimaan", "bulan_ini")
    eq.add("kapitasi.lra-mismatch", [(cell, 1, kap.amounts[("penerimaan", "bulan_ini")]),
                                     (lra.cell(row, "bulan_ini"), -1, row.amounts["bulan_ini"])], cell)
    if "sd_ini" in lra.columns:  # the same receipts counted from January: evidence, not a rule
        cell = kap.cell("penerimaan", "sd_ini")
        eq.add("kapitasi.lra-mismatch", [(cell, 1, kap.amounts[("penerimaan", "sd_ini")]),
                                         (lra.cell(row, "sd_ini"), -1, row.amounts["sd_ini"])], cell, evidence=True)


