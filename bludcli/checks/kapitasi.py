"""Sheet Kapitasi — the JKN capitation account of a Puskesmas (contract section 6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bludcli.checks.base import Cell, CellReader, Equations, money
from bludcli.checks.schema import run_schema
from bludcli.config import label_key

COLUMNS = ("bulan_ini", "sd_ini")


@dataclass(slots=True, repr=False, eq=False)
class Kapitasi:
    sheet: str
    columns: dict[str, int]
    rows: dict[str, int] = field(default_factory=dict)  # row key -> Excel row
    amounts: dict[tuple[str, str], int | None] = field(default_factory=dict)  # (row key, column) -> sen

    def cell(self, key: str, column: str) -> Cell:
        return (self.sheet, self.rows[key], self.columns[column])


def read_kapitasi(reader: CellReader, equations: Equations) -> Kapitasi | None:
    sink = reader.sink
    schema = sink.district.schemas["kapitasi"]
    header = reader.header(schema)
    if header is None:
        return None
    kap = Kapitasi(reader.name, header.columns)
    by_key = {k: name for name, f in schema.row_labels.items() for k in f.keys}
    first_amount = min(header.columns.values())
    for r in range(header.data_start, len(reader.sheet.rows)):
        label = next((v for v in reader.sheet.rows[r][:first_amount] if isinstance(v, str) and v.strip()), None)
        name = by_key.get(label_key(label)) if label else None
        if name and name not in kap.rows:
            kap.rows[name] = r + 1
    for name, f in schema.row_labels.items():
        if name not in kap.rows:
            sink.add("kapitasi.row-missing", reader.name, label=f.label)
    for name, row in kap.rows.items():
        for column in COLUMNS:
            kap.amounts[(name, column)] = reader.amount(row, header.columns[column])
    records = {column: {kap.rows[name]: kap.amounts[(name, column)] for name in kap.rows} for column in COLUMNS}
    run_schema(schema, records, sink, reader.name, header.columns, money)
    if len(kap.rows) == len(schema.row_labels):
        _relations(kap, equations)
        _check_share(reader, kap)
    return kap


def _relations(kap: Kapitasi, eq: Equations) -> None:
    # On a tie the first cell is blamed: a spending figure is mistyped sooner than the opening
    # balance, which is carried over from last month's report.
    signs = {"saldo_akhir": 1, "penerimaan": -1, "jasa": 1, "dukungan": 1, "saldo_awal": -1}
    for column in COLUMNS:
        terms = [(kap.cell(name, column), sign, kap.amounts[(name, column)]) for name, sign in signs.items()]
        eq.add("kapitasi.balance", terms, kap.cell("saldo_akhir", column), column=eq.sink.text(f"kapitasi.{column}"))
    # Both columns end on the same day: their closing balances are the same money.
    eq.add("kapitasi.balance", [(kap.cell("saldo_akhir", c), sign, kap.amounts[("saldo_akhir", c)])
                                for c, sign in zip(COLUMNS, (1, -1))], kap.cell("saldo_akhir", "bulan_ini"), evidence=True)


def _check_share(reader: CellReader, kap: Kapitasi) -> None:
    jasa, dukungan = kap.amounts[("jasa", "sd_ini")], kap.amounts[("dukungan", "sd_ini")]
    if jasa is None or dukungan is None or jasa + dukungan <= 0:
        return
    share = (Decimal(jasa) / Decimal(jasa + dukungan) * 100).quantize(Decimal("0.01"))
    minimum = reader.sink.district.min_jasa_share
    if share < minimum:
        sheet, row, col = kap.cell("jasa", "sd_ini")
        reader.sink.add("kapitasi.jasa-share", sheet, row, col, value=f"{share}%", expected=f">= {minimum}%",
                        share=str(share), minimum=str(minimum))
