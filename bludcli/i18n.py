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
    "unreadable.reader-stopped": (
        "berkas rusak: pembaca spreadsheet berhenti pada berkas ini; simpan ulang sebagai .xlsx lalu kirim kembali",
        "the file is damaged: the spreadsheet reader stopped on it; save it again as .xlsx and send it again",
    ),
    "unreadable.too-large": (
        "berkas melebihi batas {detail} MB (termasuk isinya setelah dibuka); kirim laporan satu bulan saja",
        "the file exceeds the {detail} MB limit (its content unpacked included); send one month's report only",
    ),
    "unreadable.too-big-sheet": (
        "sheet terlalu besar ({detail} baris × kolom) melebihi batas; hapus baris dan kolom kosong di bawah tabel",
        "a sheet is too big ({detail} rows × columns) for the limit; delete the empty rows and columns below the table",
    ),
    "unreadable.too-slow": (
        "pemeriksaan berkas melebihi batas {detail} detik; periksa ukuran dan isi berkas",
        "checking the file took longer than the {detail} s limit; check the file's size and content",
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
    "report.no_previous": (
        "Pemeriksaan terhadap laporan bulan lalu dilewati: tidak ada laporan bulan lalu (pakai --previous).",
        "Checks against last month's report skipped: no report of last month given (use --previous).",
    ),
    "report.skipped": ("dilewati: {checks}", "skipped: {checks}"),
    "report.skipped.month-to-month": ("pemeriksaan bulan lalu", "last month's checks"),
    "cli.previous_invalid": (
        "Laporan bulan lalu {path} tidak valid ({errors} kesalahan): hanya laporan yang diterima yang dipakai.",
        "Last month's report {path} is not valid ({errors} errors): only an accepted report can be used.",
    ),
    "cli.return_written": ("Dikirim balik: {path}", "Return file: {path}"),
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
    # The receiving desk (receive, status, history, ledger export).
    "ledger.outcome.new": ("dicatat", "recorded"),
    "ledger.outcome.duplicate": ("sudah diterima sebelumnya", "already received"),
    "ledger.supersedes": ("menggantikan revisi {revisi}", "supersedes revision {revisi}"),
    "ledger.receive.summary": (
        "{files} berkas: {new} dicatat, {duplicate} sudah diterima sebelumnya · {valid} valid, "
        "{invalid} tidak valid, {unreadable} tidak terbaca",
        "{files} files: {new} recorded, {duplicate} already received · {valid} valid, "
        "{invalid} invalid, {unreadable} unreadable",
    ),
    "ledger.where": ("Buku penerimaan: {path}", "Ledger: {path}"),
    "ledger.missing": ("Buku penerimaan tidak ada: {path}", "No such ledger: {path}"),
    "ledger.error": ("Buku penerimaan tidak dapat dipakai: {path}: {error}",
                     "The ledger cannot be used: {path}: {error}"),
    "ledger.status.title": ("Status laporan {daerah}, {periode} (batas {batas})",
                            "Report status of {daerah}, {periode} (deadline {batas})"),
    "ledger.status.terlambat": ("terlambat", "late"),
    "ledger.status.counts": (
        "{active} BLUD aktif: {diterima} diterima, {terlambat} terlambat, {ditolak} ditolak, "
        "{konflik} konflik, {missing} belum masuk",
        "{active} active BLUDs: {diterima} accepted, {terlambat} late, {ditolak} rejected, "
        "{konflik} in conflict, {missing} missing",
    ),
    "ledger.history.title": ("Riwayat pengiriman {kode}", "Submission history of {kode}"),
    "ledger.history.empty": ("Belum ada kiriman dari {kode}", "No submissions from {kode} yet"),
    "ledger.col.received_at": ("Diterima (UTC)", "Received (UTC)"),
    "ledger.col.periode": ("Periode", "Period"),
    "ledger.col.days_late": ("Hari terlambat", "Days late"),
    "ledger.col.counts": ("Dipakai", "Counts"),
    "ledger.col.note": ("Keterangan", "Note"),
    "ledger.export.written": ("Ditulis: {path} ({rows} baris)", "Written: {path} ({rows} rows)"),
    # What goes back to the BLUD (--return): the annotated copy and the receipt.
    "return.copy_suffix": (" - temuan", " - temuan"),
    "return.receipt_suffix": (" - tanda terima", " - tanda terima"),
    "return.col.no": ("No", "No"),
    "return.waived": ("dikecualikan", "waived"),
    "return.waived_reason": ("dikecualikan: {reason}", "waived: {reason}"),
    "return.changed": (
        "Berkas {path} berubah sejak diperiksa; periksa ulang sebelum membuat berkas balasan.",
        "The file {path} changed after it was checked; check it again before writing the return.",
    ),
    "receipt.title": ("Tanda Terima Laporan Bulanan BLUD", "Receipt of the BLUD monthly report"),
    "receipt.issuer": ("BPKAD", "BPKAD"),
    "receipt.nama": ("Nama BLUD", "BLUD name"),
    "receipt.periode": ("Periode", "Period"),
    "receipt.file": ("Nama berkas", "File name"),
    "receipt.sha256": ("SHA-256", "SHA-256"),
    "receipt.size": ("Ukuran", "Size"),
    "receipt.bytes": ("{size} bita", "{size} bytes"),
    "receipt.received": ("Diterima", "Received"),
    "receipt.verdict": ("Hasil pemeriksaan", "Verdict"),
    "receipt.reason": ("Alasan", "Reason"),
    "receipt.findings": ("Temuan", "Findings"),
    "receipt.none": ("Tidak ada temuan.", "No findings."),
    "receipt.more": (
        "… dan {count} temuan lain; semuanya ada di {name}.",
        "… and {count} more findings; all of them are in {name}.",
    ),
    "receipt.annotated": (
        "Temuan dicatat pada sel masing-masing dalam salinan berkas: {name}.",
        "The findings are noted on their cells in a copy of the file: {name}.",
    ),
    "receipt.not_annotated": (
        "Berkas {suffix} tidak dapat diberi catatan pada selnya; daftar temuan dikirim dalam {name}.",
        "A {suffix} file cannot be annotated on its cells; the findings are listed in {name}.",
    ),
    "receipt.unreadable": (
        "Berkas tidak dapat dibaca sehingga tidak diperiksa; perbaiki dan kirim ulang.",
        "The file could not be read, so it was not checked; repair it and send it again.",
    ),
    "receipt.footer": ("Dibuat oleh bludcli {version}.", "Made by bludcli {version}."),
    "month": (
        "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
        "January February March April May June July August September October November December",
    ),
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
