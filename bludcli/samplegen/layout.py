"""How a workbook is laid out: every knob stays within what the contract accepts."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

IDENTITAS_LABELS = (
    "Kode BLUD", "Nama BLUD", "Jenis BLUD", "Pemerintah Daerah", "Tahun Anggaran", "Bulan",
    "Tanggal Laporan", "Revisi", "Nama Pemimpin BLUD", "NIP Pemimpin BLUD",
    "Nama Pejabat Keuangan", "NIP Pejabat Keuangan",
)
# Spellings of the computed LRA rows; Layout.computed_labels picks a column.
COMPUTED_LABELS = {
    "surplus": ("SURPLUS/(DEFISIT)", "Surplus / (Defisit)", "SURPLUS / (DEFISIT)"),
    "netto": ("PEMBIAYAAN NETTO", "Pembiayaan Netto", "PEMBIAYAAN NETTO"),
    "silpa": ("SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN", "SiLPA", "SILPA"),
}
_SHEET_NAMES = (
    ("Identitas", "IDENTITAS", "identitas", "Identitas "),
    ("LRA", "lra", "Lra", " LRA", "LRA "),
    ("BKU", " BKU ", "bku", "Bku"),
    ("Kapitasi", "KAPITASI", "kapitasi ", " Kapitasi"),
)
_AMOUNT_FORMATS = ("#,##0", "#,##0.00", "#,##0_);(#,##0)",
                   '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)')


@dataclass(frozen=True)
class Layout:
    """Layout knobs; the defaults give a plain, template-like workbook."""

    seed: int = 0  # drives per-cell choices: which amounts are text, which rows are hidden
    # Sheets
    sheet_names: tuple[str, str, str, str] = ("Identitas", "LRA", "BKU", "Kapitasi")
    extra_sheet: bool = False  # an ignored "Catatan" sheet
    # Identitas
    label_style: str = "plain"  # plain | colon ("Kode BLUD :") | upper | lower
    identitas_order: tuple[str, ...] = IDENTITAS_LABELS
    bulan_as_name: bool = False  # "Maret" instead of 3
    tanggal_as_text: bool = False  # "7 April 2026" instead of a date cell
    nip_spaces: bool = True  # "19800101 200501 1 001" instead of 18 digits in a row
    # LRA and BKU tables
    title_block: bool = True
    period_as_range: bool = False  # "s.d. 31 Maret 2026" instead of "BULAN MARET 2026"
    signature_block: bool = True
    start_col: int = 1  # 1 = column A, 2 = B
    top_rows: int = 0  # blank rows above everything
    two_row_header: bool = False  # merged "Realisasi" over its three columns
    header_case: str = "title"  # title | upper | lower
    sd_spelling: str = "s.d."  # s.d. | s/d | sd | S.D.
    column_numbers: bool = False  # a row 1 2 3 ... under the LRA header
    no_column: bool = False  # a "No" column first
    keterangan_column: bool = False  # a "Keterangan" column last (LRA)
    sisa_column: bool = True
    persen_column: bool = True
    uraian_first: bool = False  # Uraian before Kode Rekening
    spacer_rows: bool = False  # blank rows between Pendapatan, Belanja, Pembiayaan
    computed_labels: int = 0  # index into COMPUTED_LABELS
    code_style: str = "padded"  # padded | padded3 | unpadded
    numeric_codes: bool = False  # codes of 1-2 segments (4, 5.1) typed into numeric cells
    code_spaces: bool = False  # some codes with surrounding spaces
    amount_format: str = "#,##0"
    zero_style: str = "zero"  # zero | dash ("-" as text) | empty
    percent_as_fraction: bool = False  # 0.4567 with a percent format instead of 45.67
    text_amounts: float = 0.0  # share of amounts typed as Indonesian text (each one a warning)
    hidden_rows: bool = False
    hidden_columns: bool = False
    bku_jumlah_row: bool = True
    bku_dates_as_text: bool = False  # "15/03/2026" instead of date cells

    @classmethod
    def random(cls, rng: random.Random) -> Layout:
        """A varied, realistic layout. Amounts stay numeric: text amounts raise
        warnings, so they are only ever set explicitly."""
        order = list(IDENTITAS_LABELS)
        if rng.random() < 0.4:
            rng.shuffle(order)
        return cls(
            seed=rng.randrange(2**31),
            sheet_names=tuple(rng.choice(names) for names in _SHEET_NAMES),
            extra_sheet=rng.random() < 0.4,
            label_style=rng.choice(("plain", "plain", "colon", "upper", "lower")),
            identitas_order=tuple(order),
            bulan_as_name=rng.random() < 0.5,
            tanggal_as_text=rng.random() < 0.3,
            nip_spaces=rng.random() < 0.7,
            title_block=rng.random() < 0.85,
            period_as_range=rng.random() < 0.3,
            signature_block=rng.random() < 0.8,
            start_col=rng.choice((1, 1, 2)),
            top_rows=rng.choice((0, 0, 1, 2)),
            two_row_header=rng.random() < 0.5,
            header_case=rng.choice(("title", "title", "upper", "lower")),
            sd_spelling=rng.choice(("s.d.", "s/d", "sd", "S.D.")),
            column_numbers=rng.random() < 0.4,
            no_column=rng.random() < 0.35,
            keterangan_column=rng.random() < 0.3,
            sisa_column=rng.random() < 0.8,
            persen_column=rng.random() < 0.7,
            uraian_first=rng.random() < 0.15,
            spacer_rows=rng.random() < 0.5,
            computed_labels=rng.randrange(3),
            code_style=rng.choice(("padded", "padded", "padded", "padded3", "unpadded", "unpadded")),
            numeric_codes=rng.random() < 0.25,
            code_spaces=rng.random() < 0.15,
            amount_format=rng.choice(_AMOUNT_FORMATS),
            zero_style=rng.choice(("zero", "zero", "dash", "empty")),
            percent_as_fraction=rng.random() < 0.3,
            hidden_rows=rng.random() < 0.2,
            hidden_columns=rng.random() < 0.2,
            bku_jumlah_row=rng.random() < 0.6,
            bku_dates_as_text=rng.random() < 0.25,
        )

    def describe(self, kapitasi: bool = True) -> list[str]:
        """Short notes on where this layout departs from the plain default
        (`kapitasi`: whether the workbook has a Kapitasi sheet)."""
        default = Layout()
        notes = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "seed" or value == getattr(default, f.name):
                continue
            if f.name == "percent_as_fraction" and not self.persen_column:
                continue
            if f.name == "sheet_names":
                value = value if kapitasi else value[:3]
            notes.append(_NOTES[f.name](value))
        return notes


_NOTES = {
    "sheet_names": lambda v: "sheets " + ", ".join(f"'{n}'" for n in v),
    "extra_sheet": lambda v: "extra sheet Catatan",
    "label_style": lambda v: {"colon": "labels with ':'", "upper": "labels in capitals",
                              "lower": "labels in lower case with ':'"}[v],
    "identitas_order": lambda v: "Identitas rows shuffled",
    "bulan_as_name": lambda v: "Bulan as a name",
    "tanggal_as_text": lambda v: "Tanggal Laporan as text",
    "nip_spaces": lambda v: "NIPs without spaces",
    "title_block": lambda v: "no title block",
    "period_as_range": lambda v: "title period 's.d. <last day>'",
    "signature_block": lambda v: "no signature block",
    "start_col": lambda v: "tables from column B",
    "top_rows": lambda v: f"{v} blank rows on top",
    "two_row_header": lambda v: "two-row LRA header",
    "header_case": lambda v: f"{v}-case headers",
    "sd_spelling": lambda v: f"headers spell '{v}'",
    "column_numbers": lambda v: "column-number row",
    "no_column": lambda v: "No column",
    "keterangan_column": lambda v: "Keterangan column",
    "sisa_column": lambda v: "no Sisa column",
    "persen_column": lambda v: "no % column",
    "uraian_first": lambda v: "Uraian before Kode",
    "spacer_rows": lambda v: "spacer rows",
    "computed_labels": lambda v: f"'{COMPUTED_LABELS['surplus'][v]}' spelling",
    "code_style": lambda v: f"{v} codes",
    "numeric_codes": lambda v: "codes 4, 5.1 typed as numbers",
    "code_spaces": lambda v: "codes with spaces around",
    "amount_format": lambda v: f"format `{v}`",
    "zero_style": lambda v: {"dash": "zero as '-'", "empty": "zero left empty"}[v],
    "percent_as_fraction": lambda v: "% as a fraction",
    "text_amounts": lambda v: f"{v:.0%} of amounts typed as text",
    "hidden_rows": lambda v: "hidden rows",
    "hidden_columns": lambda v: "a hidden column",
    "bku_jumlah_row": lambda v: "no BKU Jumlah row",
    "bku_dates_as_text": lambda v: "BKU dates as text",
}
