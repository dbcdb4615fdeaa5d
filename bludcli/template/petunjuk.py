"""Sheet Petunjuk: how to fill each sheet, every rule of the catalogue, the list of codes."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bludcli.config import District
from bludcli.i18n import t
from bludcli.values import Code, format_code

from .style import header_row, protect

_GUIDE = {
    "Umum": [
        "Isi hanya sel berwarna kuning. Sel lain berisi label atau rumus dan dikunci "
        "(proteksi sheet tanpa kata sandi).",
        "Jangan mengganti nama sheet atau judul kolom, dan jangan menyisipkan atau menghapus baris.",
        "Ketik angka sebagai angka (tanpa 'Rp' dan tanpa titik ribuan manual); sel kosong dibaca 0.",
        "Setelah diisi, simpan dari Excel/LibreOffice sebagai .xlsx agar semua rumus terhitung, "
        "lalu kirim ke BPKAD.",
    ],
    "Identitas": [
        "Isi nilai di kolom B untuk setiap label di kolom A; Jenis BLUD dan Bulan dipilih dari daftar.",
        "Kode BLUD, Nama BLUD dan Jenis BLUD harus sesuai registri BLUD kabupaten/kota.",
        "NIP diketik sebagai teks 18 angka (boleh dengan spasi), bukan sebagai angka.",
        "Baris 'Versi Template' menandai versi template; jangan diubah.",
    ],
    "LRA": [
        "Isi Anggaran, Realisasi s.d. Bulan Lalu dan Realisasi Bulan Ini pada baris rekening rincian "
        "(baris tanpa sub-rekening). Baris induk dan baris SURPLUS/(DEFISIT), PEMBIAYAAN NETTO, "
        "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN dihitung otomatis.",
        "Realisasi s.d. Bulan Ini, Sisa Anggaran dan % dihitung otomatis.",
        "Realisasi s.d. Bulan Lalu sama dengan Realisasi s.d. Bulan Ini pada laporan bulan lalu "
        "(0 untuk bulan Januari). Anggaran tidak boleh negatif.",
        "Realisasi Bulan Ini setiap rekening rincian harus sama dengan jumlah transaksi BKU "
        "dengan kode rekening tersebut.",
    ],
    "BKU": [
        "Baris Saldo Awal: isi tanggal awal bulan dan saldo kas awal bulan.",
        "Satu baris untuk setiap transaksi, urut tanggal, tanpa baris kosong di antaranya: Tanggal "
        "(dalam bulan laporan), No. Bukti (unik), Uraian, Kode Rekening (pilih dari daftar; boleh "
        "kosong untuk pajak dan pemindahbukuan), dan tepat satu dari Penerimaan atau Pengeluaran.",
        "Penerimaan memakai kode 4.x atau 6.1.x, Pengeluaran kode 5.x atau 6.2.x. Saldo dan baris "
        "Jumlah dihitung otomatis; saldo tidak boleh negatif.",
    ],
    "Kapitasi": [
        "Khusus Puskesmas: isi Saldo Awal, Penerimaan Dana Kapitasi JKN, Belanja Jasa Pelayanan "
        "Kesehatan dan Belanja Dukungan Biaya Operasional untuk Bulan Ini dan s.d. Bulan Ini; Saldo "
        "Akhir dihitung otomatis.",
        "Saldo Awal kolom s.d. Bulan Ini adalah saldo per 1 Januari. Penerimaan Bulan Ini sama dengan "
        "Realisasi Bulan Ini rekening 4.1.04.18.01.0001 di LRA.",
    ],
}


def write_petunjuk(ws: Worksheet, district: District, sheets: list[str], leaves: tuple[Code, ...]) -> str:
    """Write the sheet; returns the absolute range of the leaf codes (for the BKU dropdown)."""
    ws["A1"] = f"PETUNJUK PENGISIAN TEMPLATE LAPORAN BULANAN BLUD ({district.template_version})"
    ws["A1"].font = Font(bold=True, size=13)
    row = 3
    for section, lines in _GUIDE.items():
        if section != "Umum" and section not in sheets:
            continue
        ws.cell(row, 1, "Sheet " + section if section != "Umum" else "Umum").font = Font(bold=True)
        for line in lines:
            row += 1
            ws.cell(row, 1, "• " + line)
        row += 2
    row = _rules(ws, district, row)
    ws.cell(row, 1, "DAFTAR KODE REKENING RINCIAN (untuk kolom Kode Rekening di BKU)").font = Font(bold=True)
    header_row(ws, row + 1, ["Kode Rekening", "Uraian"], [30, 22])
    for offset, code in enumerate(leaves, row + 2):
        ws.cell(offset, 1, format_code(code))
        ws.cell(offset, 2, district.chart[code])
    _widths(ws)
    protect(ws)
    return f"Petunjuk!$A${row + 2}:$A${row + 1 + len(leaves)}"


def _rules(ws: Worksheet, district: District, row: int) -> int:
    """The rule catalogue as a table; returns the row after it and a blank line."""
    ws.cell(row, 1, "ATURAN PEMERIKSAAN (bludcli validate)").font = Font(bold=True)
    header_row(ws, row + 1, ["ID Aturan", "Tingkat", "Pesan", "Petunjuk"], [30, 22, 60, 70])
    for offset, rule in enumerate(district.rules.values(), row + 2):
        ws.cell(offset, 1, rule.id)
        ws.cell(offset, 2, t(f"severity.{rule.severity}", "id"))
        ws.cell(offset, 3, rule.message["id"]).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(offset, 4, rule.hint["id"]).alignment = Alignment(wrap_text=True, vertical="top")
    return row + 3 + len(district.rules)


def _widths(ws: Worksheet) -> None:
    for letter, width in zip("ABCD", (30, 22, 60, 70)):
        ws.column_dimensions[letter].width = width
