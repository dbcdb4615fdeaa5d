"""UI text catalogue: report headings, verdict words and messages of the tool itself.

Rule messages and hints are not here: they live in the district's rule catalogue.
Indonesian is the default; an unknown language falls back to it.
"""

from __future__ import annotations

LANGUAGES = ("id", "en")

# key -> (Indonesian, English); str.format placeholders take the parameters of t().
_TEXT: dict[str, tuple[str, str]] = {
    # Verdicts and severities.
    "status.valid": ("VALID", "VALID"),
    "status.invalid": ("TIDAK VALID", "INVALID"),
    "status.unreadable": ("TIDAK TERBACA", "UNREADABLE"),
    "severity.error": ("kesalahan", "error"),
    "severity.warning": ("peringatan", "warning"),
    # Column headings (keys follow the machine column names of the reports).
    "col.path": ("Berkas", "File"),
    "col.status": ("Status", "Status"),
    "col.kode_blud": ("Kode BLUD", "BLUD code"),
    "col.tahun": ("Tahun", "Year"),
    "col.bulan": ("Bulan", "Month"),
    "col.revisi": ("Revisi", "Revision"),
    "col.rule": ("Aturan", "Rule"),
    "col.severity": ("Tingkat", "Severity"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.row": ("Baris", "Row"),
    "col.column": ("Kolom", "Column"),
    "col.cell": ("Sel", "Cell"),
    "col.message": ("Pesan", "Message"),
    "col.value": ("Nilai", "Value"),
    "col.expected": ("Seharusnya", "Expected"),
    "col.hint": ("Petunjuk", "Hint"),
    "col.waived": ("Dikecualikan", "Waived"),
    "col.errors": ("Kesalahan", "Errors"),
    "col.warnings": ("Peringatan", "Warnings"),
    # Report sheets and lines.
    "sheet.findings": ("Temuan", "Findings"),
    "sheet.summary": ("Ringkasan", "Summary"),
    "report.revision": ("rev {revisi}", "rev {revisi}"),
    "report.no_findings": ("tanpa temuan", "no findings"),
    "report.counts": (
        "{errors} kesalahan, {warnings} peringatan",
        "errors: {errors}, warnings: {warnings}",
    ),
    "report.files": (
        "{files} berkas: {valid} valid, {invalid} tidak valid, {unreadable} tidak terbaca",
        "Files: {files} ({valid} valid, {invalid} invalid, {unreadable} unreadable)",
    ),
    # Why a file could not be opened (finding file.unreadable).
    "unreadable.unsupported-format": (
        "jenis berkas {detail} tidak didukung; kirim .xlsx, .xlsm, .xls atau .ods",
        "file type {detail} is not supported; send .xlsx, .xlsm, .xls or .ods",
    ),
    "unreadable.encrypted": (
        "berkas dilindungi kata sandi; simpan ulang tanpa kata sandi",
        "the file is password-protected; save it again without a password",
    ),
    "unreadable.damaged": (
        "berkas rusak atau bukan spreadsheet ({detail})",
        "the file is damaged or not a spreadsheet ({detail})",
    ),
    "unreadable.missing": ("berkas tidak ditemukan atau tidak dapat dibaca", "the file is missing or cannot be read"),
    "unreadable.internal": (
        "bludcli gagal memeriksa berkas ini ({detail}); laporkan ke pengelola bludcli",
        "bludcli failed while checking this file ({detail}); report it to the bludcli maintainers",
    ),
    # Why a NIP is not valid (finding identitas.nip-invalid).
    "nip.empty": ("kosong", "empty"),
    "nip.length": ("harus 18 angka", "must be 18 digits"),
    "nip.birth-date": ("8 angka pertama bukan tanggal lahir yang sah", "the first 8 digits are not a valid birth date"),
    "nip.appointment": ("angka 9–14 bukan tahun-bulan pengangkatan yang sah", "digits 9–14 are not a valid appointment year-month"),
    "nip.too-young": ("pengangkatan sebelum usia 18 tahun", "appointed before the age of 18"),
    "nip.gender": ("angka ke-15 harus 1 atau 2", "digit 15 must be 1 or 2"),
    "nip.sequence": ("nomor urut 000 tidak sah", "sequence number 000 is not valid"),
    # BKU words used inside rule messages.
    "bku.penerimaan": ("penerimaan", "receipt"),
    "bku.pengeluaran": ("pengeluaran", "payment"),
    "bku.total.penerimaan": ("jumlah Penerimaan", "the sum of receipts"),
    "bku.total.pengeluaran": ("jumlah Pengeluaran", "the sum of payments"),
    "bku.total.saldo": ("saldo terakhir", "the last balance"),
    # Command line.
    "report.waived": ("dikecualikan", "waived"),
    "report.template": ("template {versi}", "template {versi}"),
    "cli.checking": ("Memeriksa", "Checking"),
    "cli.no_files": (
        "Tidak ada berkas laporan (.xlsx, .xlsm, .xls, .ods) di: {paths}",
        "No report files (.xlsx, .xlsm, .xls, .ods) found in: {paths}",
    ),
    "cli.missing_path": ("Berkas atau folder tidak ada: {path}", "No such file or folder: {path}"),
    "cli.rules_error": ("Folder aturan tidak dapat dipakai: {error}", "The rules folder cannot be used: {error}"),
    "cli.bad_choice": ("{option} harus salah satu dari: {choices}", "{option} must be one of: {choices}"),
    "cli.bad_month": ("--bulan harus 1 sampai 12, bukan {value}", "--bulan must be 1 to 12, not {value}"),
    # The month-end recap (consolidate).
    "recap.title": ("Rekap {daerah}, {periode}", "Recap of {daerah}, {periode}"),
    "recap.counts": (
        "{active} BLUD aktif: {accepted} diterima, {rejected} ditolak, {conflict} konflik, {missing} belum masuk",
        "{active} active BLUDs: {accepted} accepted, {rejected} rejected, {conflict} in conflict, {missing} missing",
    ),
    "recap.files": (
        "{files} berkas: {included} dipakai, {excluded} tidak dipakai, {ignored} diabaikan",
        "{files} files: {included} used, {excluded} excluded, {ignored} ignored",
    ),
    "recap.totals": (
        "Realisasi s.d. bulan ini: pendapatan {pendapatan}, belanja {belanja}",
        "Realised to date: revenue {pendapatan}, expenditure {belanja}",
    ),
    "recap.written": ("Ditulis: {path}", "Written: {path}"),
    "recap.col.file": ("Berkas", "File"),
    "recap.status.diterima": ("diterima", "accepted"),
    "recap.status.ditolak": ("ditolak", "rejected"),
    "recap.status.konflik": ("konflik", "conflict"),
    "recap.status.belum masuk": ("belum masuk", "missing"),
    "recap.reason.invalid": ("ditolak: {errors} kesalahan", "rejected: {errors} errors"),
    "recap.reason.unreadable": ("tidak terbaca", "unreadable"),
    "recap.reason.conflict": ("konflik dengan {other}", "conflicts with {other}"),
    "recap.reason.other-period": ("periode lain ({periode})", "another period ({periode})"),
    "recap.reason.superseded": ("digantikan {other}", "superseded by {other}"),
    "recap.reason.duplicate": ("salinan identik dari {other}", "identical copy of {other}"),
    # The template (template build).
    "template.unknown_kode": ("Kode BLUD '{value}' tidak ada di registri. Pilihan: {choices}",
                              "BLUD code '{value}' is not in the registry. Choices: {choices}"),
    "template.unknown_jenis": ("Jenis BLUD '{value}' tidak dikenal atau tanpa daftar akun. Pilihan: {choices}",
                               "Unknown BLUD type '{value}', or it has no account list. Choices: {choices}"),
    "template.bad_year": ("--tahun harus tahun 4 angka, bukan {value}", "--tahun must be a 4-digit year, not {value}"),
    "template.written": ("Template ditulis: {path}", "Template written: {path}"),
    # Errors of the tool itself.
    "error.unknown_format": (
        "Format tidak dikenal: {fmt} (pilihan: {choices}).",
        "Unknown format: {fmt} (choices: {choices}).",
    ),
    "error.xlsx_needs_output": (
        "Format xlsx perlu --output BERKAS.xlsx.",
        "The xlsx format needs --output FILE.xlsx.",
    ),
    "error.output_is_input": (
        "Tidak menimpa berkas masukan: {path}. Pilih nama berkas keluaran lain.",
        "Refusing to overwrite an input file: {path}. Choose another output file.",
    ),
}


def t(key: str, lang: str = "id", **params) -> str:
    """The text for `key` in `lang` with `params` filled in. An unknown key is a bug: KeyError."""
    text = _TEXT[key][LANGUAGES.index(lang) if lang in LANGUAGES else 0]
    return text.format(**params) if params else text
