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
        "berkas rusak atau bukan spreadsheet; buka di Excel, simpan ulang sebagai .xlsx lalu kirim kembali "
        "(keterangan teknis: {detail})",
        "the file is damaged or not a spreadsheet; open it in Excel, save it again as .xlsx and send it again "
        "(technical detail: {detail})",
    ),
    "unreadable.empty": (
        "berkas kosong (0 bita); kirim ulang berkas laporannya",
        "the file is empty (0 bytes); send the report file again",
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
    # Kapitasi columns named inside rule messages.
    "kapitasi.bulan_ini": ("bulan ini", "this month"),
    "kapitasi.sd_ini": ("s.d. bulan ini", "to date"),
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
    "cli.written": ("Ditulis: {path}", "Written: {path}"),
    "cli.return_written": ("Berkas untuk dikirim balik ditulis ke: {path}", "File to send back written to: {path}"),
    "cli.checking": ("Memeriksa", "Checking"),
    # The option parser's usage errors (bludcli/cli/usage.py); English as click words them.
    "usage.usage": ("Penggunaan: {usage}", "Usage: {usage}"),
    "usage.help": ("Coba '{command}' untuk bantuan.", "Try '{command}' for help."),
    "usage.error": ("Kesalahan: {message}", "Error: {message}"),
    "usage.no_such_option": ("Opsi tidak dikenal: {option}", "No such option: {option}"),
    "usage.did_you_mean": ("(mungkin maksudnya: {options})", "(Possible options: {options})"),
    "usage.missing_argument": ("Argumen {name} wajib diisi.", "Missing argument {name}."),
    "usage.missing_option": ("Opsi {name} wajib diisi.", "Missing option {name}."),
    "usage.bad_value": ("Nilai {name} tidak sah: {detail}", "Invalid value for {name}: {detail}"),
    "usage.value_not_one_of": ("'{value}' bukan salah satu dari {choices}.", "'{value}' is not one of {choices}."),
    "usage.value_out_of_range": ("{value} di luar rentang {range}.", "{value} is not in the range {range}."),
    "usage.value_not_integer": ("'{value}' bukan bilangan bulat.", "'{value}' is not a valid integer."),
    "usage.no_such_command": ("Perintah tidak dikenal: '{name}'.", "No such command '{name}'."),
    "usage.extra_arguments": ("Argumen berlebih: {arguments}", "Got unexpected extra argument(s) ({arguments})"),
    "usage.needs_value": ("Opsi '{option}' perlu diberi nilai.", "Option '{option}' requires an argument."),
    "usage.missing_command": ("Perintah belum disebut.", "Missing command."),
    "cli.no_paths": (
        "Sebutkan berkas atau folder laporan yang akan diperiksa (atau --ledger untuk consolidate)",
        "Name the report files or folders to check (or --ledger for consolidate)",
    ),
    "cli.no_files": (
        "Tidak ada berkas laporan (.xlsx, .xlsm, .xls, .ods) di: {paths}",
        "No report files (.xlsx, .xlsm, .xls, .ods) found in: {paths}",
    ),
    "cli.missing_path": ("Berkas atau folder tidak ada: {path}", "No such file or folder: {path}"),
    "cli.rules_error": ("Folder aturan tidak dapat dipakai: {error}", "The rules folder cannot be used: {error}"),
    "cli.diff_unreadable": (
        "Berkas aturan yang tidak terbaca, jadi tidak dibandingkan: {files}. Jalankan `bludcli rules check`.",
        "Rules files that cannot be read, so were not compared: {files}. Run `bludcli rules check`.",
    ),
    "cli.bad_choice": ("{option} harus salah satu dari: {choices}", "{option} must be one of: {choices}"),
    "cli.ledger_with_paths": (
        "--ledger tidak dapat dipakai bersama PATH...: rekap dibuat dari buku penerimaan atau dari berkas "
        "yang disebut, tidak dari keduanya",
        "--ledger cannot be combined with PATH...: the recap is made from the ledger or from the files named, "
        "not from both",
    ),
    "cli.same_output": (
        "Dua keluaran menunjuk berkas yang sama: {path}. Beri --output, --json dan --csv tujuan yang berbeda",
        "Two outputs name the same file: {path}. Give --output, --json and --csv different targets",
    ),
    "cli.bad_year": ("--tahun harus tahun 4 angka, bukan {value}", "--tahun must be a 4-digit year, not {value}"),
    "cli.bad_month": ("--bulan harus 1 sampai 12, bukan {value}", "--bulan must be 1 to 12, not {value}"),
    # The month-end recap (consolidate).
    "recap.title": ("Rekap {daerah}, {periode}", "Recap of {daerah}, {periode}"),
    "recap.counts": (
        "{active} BLUD aktif: {accepted} diterima, {rejected} ditolak, {conflict} konflik, {missing} belum masuk",
        "{active} active BLUDs: {accepted} accepted, {rejected} rejected, {conflict} in conflict, {missing} missing",
    ),
    "recap.files": (
        "{files} berkas: {included} dipakai, {excluded} tidak dipakai, {ignored} diabaikan",
        "Files: {files} ({included} used, {excluded} excluded, {ignored} ignored)",
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
    "template.jenis_mismatch": (
        "--jenis {value} bertentangan dengan registri: {kode} adalah {choices}. Hapus --jenis atau tulis {choices}.",
        "--jenis {value} contradicts the registry: {kode} is a {choices}. Drop --jenis or give {choices}.",
    ),
    "template.bad_output": (
        "Template ditulis sebagai .xlsx: beri --output berakhiran .xlsx (bukan {path}).",
        "The template is written as .xlsx: give an --output ending in .xlsx (not {path}).",
    ),
    "template.written": ("Template ditulis: {path}", "Template written: {path}"),
    # The receiving desk (receive, status, history, ledger export).
    "ledger.outcome.new": ("dicatat", "recorded"),
    "ledger.outcome.duplicate": ("sudah diterima sebelumnya", "already received"),
    "ledger.unknown_kode": (
        "Kode BLUD {kode} tidak ada di registri dan tidak ada di buku penerimaan.",
        "BLUD code {kode} is neither in the registry nor in the ledger.",
    ),
    "ledger.supersedes": ("menggantikan revisi {revisi}", "supersedes revision {revisi}"),
    "ledger.conflict": (
        "KONFLIK: revisi {revisi} sudah diterima dengan isi lain ({files}); berkas-berkas revisi ini tidak "
        "dipakai sampai BLUD mengirim revisi yang lebih tinggi",
        "CONFLICT: revision {revisi} was already received with other content ({files}); no file of this "
        "revision counts until the BLUD sends a higher revision",
    ),
    "ledger.outranked": (
        "tidak dipakai: revisi {revisi} yang lebih tinggi sudah diterima",
        "does not count: the higher revision {revisi} was already received",
    ),
    "ledger.receive.summary": (
        "{files} berkas: {new} dicatat, {duplicate} sudah diterima sebelumnya · {valid} valid, "
        "{invalid} tidak valid, {unreadable} tidak terbaca",
        "Files: {files} ({new} recorded, {duplicate} already received) · {valid} valid, "
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
    "ledger.status.days_late": ("terlambat {days} hari", "{days} days late"),
    "ledger.history.counts": ("dipakai", "the one that counts"),
    "ledger.history.empty": ("Belum ada kiriman dari {kode}", "No submissions from {kode} yet"),
    "ledger.col.received_at": ("Diterima (WIB)", "Received (WIB)"),
    "ledger.col.periode": ("Periode", "Period"),
    "ledger.col.blud": ("BLUD", "BLUD"),
    "ledger.col.revisi": ("Rev.", "Rev."),
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
    # A new district's rules folder (init).
    "init.daerah_empty": ("--daerah tidak boleh kosong", "--daerah must not be empty"),
    "init.target_exists": (
        "{path} sudah ada dan bukan folder kosong; tidak ada yang diubah. Pilih folder baru.",
        "{path} already exists and is not an empty folder; nothing was changed. Choose a new folder.",
    ),
    "init.target_is_cwd": (
        "{path} adalah folder kerja saat ini (atau induknya); jalankan bludcli init dari folder di atasnya.",
        "{path} is the current working folder (or holds it); run bludcli init from the folder above it.",
    ),
    "init.source_invalid": ("{path} bukan folder aturan: {problem}", "{path} is not a rules folder: {problem}"),
    "init.source_missing": (
        "Folder aturan {path} tidak lengkap: berkas '{name}' tidak ada atau tidak terbaca",
        "The rules folder {path} is incomplete: the file '{name}' is missing or unreadable",
    ),
    "init.source_outside": (
        "Folder aturan {path} menyebut berkas di luar folder: '{name}'",
        "The rules folder {path} names a file outside the folder: '{name}'",
    ),
    "init.registry_format": (
        "Registri harus berkas .csv, .xlsx, .xlsm, .xls atau .ods: {path}",
        "The registry must be a .csv, .xlsx, .xlsm, .xls or .ods file: {path}",
    ),
    "init.registry_unreadable": ("Registri tidak terbaca: {path}: {reason}", "Unreadable registry: {path}: {reason}"),
    "init.not_text": (
        "bukan teks UTF-8 atau Windows-1252; simpan sebagai CSV UTF-8",
        "not UTF-8 or Windows-1252 text; save it as UTF-8 CSV",
    ),
    "init.sheet_for_csv": ("--sheet hanya untuk registri berupa workbook", "--sheet is only for a workbook registry"),
    "init.sheet_missing": (
        "Sheet '{sheet}' tidak ada di {path}. Pilihan: {choices}",
        "There is no sheet '{sheet}' in {path}. Choices: {choices}",
    ),
    "init.header_missing": (
        "Baris judul kolom registri tidak ditemukan di {where}. Kolom yang diperlukan: {expected}.",
        "No header row of the registry found in {where}. The columns needed: {expected}.",
    ),
    "init.header_incomplete": (
        "Baris judul kolom registri di {where} (baris {row}) tidak memuat: {missing}. "
        "Kolom yang diperlukan: {expected}.",
        "The registry's header row in {where} (row {row}) lacks: {missing}. The columns needed: {expected}.",
    ),
    "init.registry_empty": ("Registri di {where} tidak berisi BLUD", "The registry in {where} holds no BLUD"),
    "init.not_created": (
        "Registri berisi kesalahan; folder {path} tidak dibuat.",
        "The registry has errors; the folder {path} was not created.",
    ),
    "init.created": (
        "Folder aturan {daerah} dibuat: {path} ({bluds} BLUD)",
        "Rules folder of {daerah} created: {path} ({bluds} BLUDs)",
    ),
    "init.next": (
        "Langkah berikutnya:\n"
        "  1. Baca {readme}; sesuaikan pengaturan.yaml dengan peraturan daerah.\n"
        "  2. bludcli rules check {folder}\n"
        "  3. bludcli rules diff {source} {folder}   (beda dengan folder asal)\n"
        "  4. bludcli template build --rules {folder} --output Template_Laporan_BLUD.xlsx\n"
        "  5. bludcli validate LAPORAN/ --rules {folder}",
        "Next steps:\n"
        "  1. Read {readme}; adapt pengaturan.yaml to the district's regulations.\n"
        "  2. bludcli rules check {folder}\n"
        "  3. bludcli rules diff {source} {folder}   (what differs from the source folder)\n"
        "  4. bludcli template build --rules {folder} --output Template_Laporan_BLUD.xlsx\n"
        "  5. bludcli validate REPORTS/ --rules {folder}",
    ),
    # bludcli explain: one rule explained, or every rule listed by family.
    "explain.why": ("Mengapa", "Why"),
    "explain.fix": ("Cara memperbaiki", "How to fix"),
    "explain.example": ("Contoh", "Example"),
    "explain.missing": (
        "(belum ada di katalog aturan ini; lihat bludcli rules check)",
        "(not in this rule catalogue; see bludcli rules check)",
    ),
    "explain.fixed": (
        "Temuan bludcli rules check tentang folder aturan; teksnya tetap di bludcli, tidak diatur daerah.",
        "A finding of bludcli rules check about a rules folder; its texts are fixed in bludcli, not set by the "
        "district.",
    ),
    "explain.usage": (
        "Sebutkan satu id aturan, atau --list untuk semua aturan.", "Name one rule id, or --list for every rule."
    ),
    "explain.unknown": ("Aturan '{rule}' tidak dikenal.", "Unknown rule '{rule}'."),
    "explain.suggest": ("Mungkin yang dimaksud: {rules}", "Did you mean: {rules}"),
    "explain.see_list": ("Daftar semua aturan: bludcli explain --list", "Every rule: bludcli explain --list"),
    "explain.count": ("{count} aturan · {daerah}", "{count} rules · {daerah}"),
    "explain.family.file": ("Berkas (kontrak §1)", "The file (contract §1)"),
    "explain.family.cell": ("Sel (kontrak §1)", "Cells (contract §1)"),
    "explain.family.value": ("Nilai sebagaimana diketik (kontrak §2)", "Values as people type them (contract §2)"),
    "explain.family.identitas": ("Sheet Identitas (kontrak §3)", "Sheet Identitas (contract §3)"),
    "explain.family.table": (
        "Tabel: LRA, BKU, Kapitasi (kontrak §4–§6)", "Tables: LRA, BKU, Kapitasi (contract §4–§6)"
    ),
    "explain.family.lra": ("Sheet LRA (kontrak §4)", "Sheet LRA (contract §4)"),
    "explain.family.bku": ("Sheet BKU (kontrak §5)", "Sheet BKU (contract §5)"),
    "explain.family.kapitasi": ("Sheet Kapitasi (kontrak §6)", "Sheet Kapitasi (contract §6)"),
    "explain.family.rules": ("Folder aturan (bludcli rules check)", "The rules folder (bludcli rules check)"),
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
    "cli.return_not_folder": (
        "--return harus folder, bukan berkas: {path}.",
        "--return must be a folder, not a file: {path}.",
    ),
    "error.output_is_folder": (
        "{path} adalah folder, bukan berkas. Beri nama berkas keluaran (boleh di dalam folder itu).",
        "{path} is a folder, not a file. Give an output file name (it may be inside that folder).",
    ),
    "error.disk_full": ("disk penuh", "the disk is full"),
    "error.no_permission": ("tidak ada izin menulis di sana", "no permission to write there"),
    "error.read_only": ("disk hanya dapat dibaca", "the disk is read-only"),
    "error.parent_is_file": ("salah satu folder di jalurnya adalah berkas", "a folder on its way is a file"),
    "error.is_folder": ("itu folder, bukan berkas", "it is a folder, not a file"),
    "error.cannot_write": (
        "Tidak dapat menulis {path}: {reason}.",
        "Cannot write {path}: {reason}.",
    ),
}


def t(key: str, lang: str = "id", **params) -> str:
    """The text for `key` in `lang` with `params` filled in. An unknown key is a bug: KeyError."""
    text = _TEXT[key][LANGUAGES.index(lang) if lang in LANGUAGES else 0]
    return text.format(**params) if params else text
