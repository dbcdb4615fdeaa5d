"""Sheet Identitas: label in column A, value in column B (contract section 3)."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from bludcli.config import District
from bludcli.values import MONTHS_ID

from .style import DATE_FORMAT, TEXT_FORMAT, entry, fixed, protect, validation

_FORMATS = {"tanggal_laporan": DATE_FORMAT, "nip_pemimpin": TEXT_FORMAT,
            "nip_keuangan": TEXT_FORMAT, "kode_blud": TEXT_FORMAT}
_NOTES = {
    "kode_blud": "Kode sesuai registri BLUD kabupaten/kota",
    "jenis_blud": "Pilih dari daftar",
    "tahun": "4 angka, misalnya 2026",
    "bulan": "Pilih 1 sampai 12",
    "tanggal_laporan": "Format dd/mm/yyyy",
    "revisi": "0 untuk laporan pertama; naikkan 1 setiap kirim ulang",
    "nip_pemimpin": "18 angka, diketik sebagai teks",
    "nip_keuangan": "18 angka, diketik sebagai teks",
    "versi_template": "Jangan diubah",
}
FIRST_ROW = 3


def write_identitas(ws: Worksheet, district: District, values: dict[str, object]) -> dict[str, str]:
    """Fill the sheet; `values` prefills fields by key. Returns field key -> value cell ("B5")."""
    ws["A1"] = "IDENTITAS LAPORAN BULANAN BLUD"
    ws["A1"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 42
    ws.column_dimensions["C"].width = 50
    cells = {}
    fields = district.schemas["identitas"].fields
    for row, (key, field) in enumerate(fields.items(), FIRST_ROW):
        fixed(ws, row, 1, field.label, bold=field.required)
        if key == "versi_template":  # the template's version marker: fixed, not typed
            fixed(ws, row, 2, district.template_version)
        else:
            entry(ws, row, 2, _FORMATS.get(key), values.get(key))
        ws.cell(row, 3, _NOTES.get(key))
        cells[key] = f"B{row}"
    _validations(ws, district, cells)
    protect(ws)
    return cells


def _validations(ws: Worksheet, district: District, cells: dict[str, str]) -> None:
    jenis = list(dict.fromkeys(blud.jenis for blud in district.registry.values()))
    validation(ws, "list", cells["jenis_blud"], "Jenis BLUD", "Pilih jenis BLUD dari daftar.",
               formula1='"' + ",".join(jenis) + '"')
    validation(ws, "list", cells["bulan"], "Bulan", "Bulan harus 1 sampai 12.",
               formula1='"' + ",".join(str(m) for m in range(1, 13)) + '"')
    validation(ws, "whole", cells["tahun"], "Tahun Anggaran", "Tahun harus 4 angka.",
               operator="between", formula1="2000", formula2="2100")
    validation(ws, "whole", cells["revisi"], "Revisi", "Revisi harus bilangan bulat 0 atau lebih.",
               operator="greaterThanOrEqual", formula1="0")
    validation(ws, "date", cells["tanggal_laporan"], "Tanggal Laporan", "Isi tanggal yang sah.",
               operator="greaterThan", formula1="1")


def title_lines(cells: dict[str, str], report_name: str) -> list[str]:
    """A table sheet's title block, as formulas that follow what Identitas holds."""
    def ref(key: str) -> str:
        return f"Identitas!{cells[key]}"

    months = ",".join(f'"{name.upper()}"' for name in MONTHS_ID)
    bulan, tahun = ref("bulan"), ref("tahun")
    month = f"IFERROR(CHOOSE({bulan},{months}),UPPER({bulan}))"  # 3 or "Maret" -> MARET
    return [f'="PEMERINTAH "&UPPER({ref("pemda")})', f"=UPPER({ref('nama_blud')})", report_name,
            f'="BULAN "&{month}&" "&{tahun}', "(dalam rupiah)"]
