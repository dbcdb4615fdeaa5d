"""The recap for machines: JSON, and long (tidy) CSV tables for pivot tables and BI tools."""

from __future__ import annotations

import json

from bludcli.config import JENIS
from bludcli.output import csv_text
from bludcli.recap import Recap
from bludcli.recap.select import Left
from bludcli.recap.sums import COLUMNS, KAPITASI_ROWS, Amounts, persen, sisa
from bludcli.values import format_amount, format_code

# The names of the LRA columns outside bludcli.
COLUMN_NAMES = {
    "anggaran": "anggaran",
    "sd_lalu": "realisasi_sd_bulan_lalu",
    "bulan_ini": "realisasi_bulan_ini",
    "sd_ini": "realisasi_sd_bulan_ini",
}
TIDY_COLUMNS = ("kode_blud", "jenis", "kode", "column", "amount", "kode_sumber", "file", "sheet", "cell")
KAPITASI_TIDY_COLUMNS = ("kode_blud", "row", "column", "amount")


def to_json(recap: Recap) -> str:
    selection = recap.selection
    registry = recap.district.registry
    document = {
        "periode": {"tahun": selection.tahun, "bulan": selection.bulan},
        "complete": recap.complete,
        "included": [
            {"kode_blud": kode, "nama": registry[kode].nama, "jenis": registry[kode].jenis, "path": r.path,
             "revisi": r.revisi, "sha256": r.sha256}
            for kode, r in selection.included.items()
        ],
        "excluded": [_left(left) | {"errors": left.result.errors,
                                    "findings": [f.to_dict() for f in left.first_errors]}
                     for left in selection.excluded],
        "ignored": [_left(left) | {"periode": _period(left)} for left in selection.ignored],
        "missing": selection.missing,
        "lra": [
            {"kode": format_code(a.code), "uraian": a.uraian, "level": a.level, "tanpa_rincian": a.without_detail,
             **_amounts(a.total), "per_jenis": {jenis: _amounts(a.per_jenis[jenis]) for jenis in JENIS}}
            for a in recap.accounts
        ],
        "dihitung": [
            {"key": c.key, **_amounts(c.total), "per_jenis": {jenis: _amounts(c.per_jenis[jenis]) for jenis in JENIS}}
            for c in recap.computed
        ],
        "kapitasi": [
            {"kode_blud": row.kode_blud,
             **{column: {key: format_amount(row.amounts[(key, column)]) for key in KAPITASI_ROWS}
                for column in ("bulan_ini", "sd_ini")},
             "persen_jasa_pelayanan": persen(*row.share()) if row.share() else None}
            for row in recap.kapitasi
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _left(left: Left) -> dict:
    return {"kode_blud": left.result.kode_blud, "path": left.result.path, "reason": left.reason,
            "other": left.other}


def _period(left: Left) -> str | None:
    result = left.result
    return f"{result.tahun}-{result.bulan:02d}" if result.tahun and result.bulan else None


def _amounts(amounts: Amounts) -> dict:
    out = {COLUMN_NAMES[column]: format_amount(amounts[column]) for column in COLUMNS}
    out["sisa_anggaran"] = format_amount(sisa(amounts))
    out["persen"] = persen(amounts["sd_ini"], amounts["anggaran"])
    return out


def lra_csv(recap: Recap) -> str:
    """One row per summed figure: which BLUD, account and column, and the cell it came from."""
    rows = [(t.kode_blud, t.jenis, format_code(t.account), COLUMN_NAMES[t.column], format_amount(t.amount),
             t.source, t.path, t.sheet, t.cell) for t in recap.traces]
    return csv_text(TIDY_COLUMNS, rows)


def kapitasi_csv(recap: Recap) -> str:
    rows = [(row.kode_blud, key, column, format_amount(amount))
            for row in recap.kapitasi for (key, column), amount in row.amounts.items()]
    return csv_text(KAPITASI_TIDY_COLUMNS, rows)
