"""Command help (`--help`) in the user's language.

typer words help as the code writes it, in English. That English text is the message id, as in
gettext: for Indonesian, the default like every message of bludcli, `localise` gives each command
and option its entry in INDONESIAN, and a help formatter words the parts typer adds itself (the
usage line, the section headings, `[default: …]`, `[required]`, the `--help` option). A test
keeps INDONESIAN and the help in the code in step, both ways.
"""

from __future__ import annotations

import re

from typer._click.core import Command, Context  # typer's own copy of click: pinned with typer
from typer._click.formatting import HelpFormatter

# The English help of the code -> its Indonesian wording (the terms of the user guide, section 6).
_RULES = "Rules folder of the district (default: the bundled Kabupaten Muara Harapan)."
_LEDGER = "The ledger database (default: $BLUDCLI_LEDGER, else ledger.sqlite in the user's data folder)."
INDONESIAN: dict[str, str] = {
    # bludcli
    "Check and combine the monthly financial reports (LRA, BKU, Kapitasi) of health BLUDs.":
        "Memeriksa dan menggabungkan laporan keuangan bulanan (LRA, BKU, Kapitasi) BLUD kesehatan.",
    "Show the version and exit.": "Cetak versi bludcli lalu selesai.",
    "Install completion for the current shell.":
        "Pasang pelengkap perintah (tombol Tab) untuk terminal yang sedang dipakai.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Cetak skrip pelengkap perintah untuk terminal yang sedang dipakai, untuk disalin atau dipasang sendiri.",
    # Options shared by commands
    "Workbooks or folders (searched recursively).": "Berkas laporan atau folder (diperiksa beserta subfoldernya).",
    "Report format.": "Bentuk laporan.",
    "Output format.": "Bentuk keluaran.",
    "Exit 1 when a finding reaches this severity.": "Kode keluar 1 bila ada temuan yang mencapai tingkat ini.",
    "Last month's accepted workbook of the BLUD: check that this month continues it.":
        "Laporan bulan lalu BLUD yang sama yang sudah diterima: periksa bahwa bulan ini melanjutkannya.",
    "Write, per file, what goes back to the BLUD: an annotated copy and a receipt.":
        "Tulis, per berkas, yang dikembalikan ke BLUD: salinan bertanda temuan dan tanda terima.",
    "Language of messages: id (Indonesian) or en.": "Bahasa pesan: id (Indonesia) atau en (Inggris).",
    _RULES: "Folder aturan daerah (bawaan: folder aturan bawaan, Kabupaten Muara Harapan).",
    "Files checked at once, each in its own process (default: the machine's cores). "
    "The report is the same whatever the number.":
        "Jumlah berkas yang diperiksa bersamaan, masing-masing dalam prosesnya sendiri (bawaan: jumlah "
        "inti prosesor). Hasilnya sama berapa pun nilainya.",
    _LEDGER: "Buku penerimaan (bawaan: $BLUDCLI_LEDGER, atau ledger.sqlite di folder data pengguna).",
    "Write the list to this file.": "Tulis daftar ke berkas ini.",
    "Write to this file.": "Tulis ke berkas ini.",
    "Rules folder (default: the bundled Kabupaten Muara Harapan).":
        "Folder aturan (bawaan: folder aturan bawaan, Kabupaten Muara Harapan).",
    # validate
    "Check report workbooks: every problem at its cell, a verdict per file.\n\n"
    "Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage or rules error.":
        "Memeriksa laporan: setiap masalah pada selnya, satu putusan per berkas.\n\n"
        "Kode keluar 0 bila tidak ada temuan yang mencapai --fail-on, 1 bila ada, 2 bila ada kesalahan "
        "pemakaian atau folder aturan.",
    "Write the report to this file.": "Tulis laporan temuan ke berkas ini.",
    # explain
    "Explain a rule: severity, message, why it exists, how to fix it and an example.\n\n"
    "The district's catalogue (--rules) gives its own severities and texts; the rules.* ids of\n"
    "`bludcli rules check` are explained too. Exit code 0, or 2 for an unknown id or a usage error.":
        "Menjelaskan satu aturan: tingkat, pesan, alasannya, cara memperbaiki dan contohnya.\n\n"
        "Katalog aturan daerah (--rules) memberi tingkat dan teksnya sendiri; id rules.* dari\n"
        "`bludcli rules check` juga dijelaskan. Kode keluar 0, atau 2 untuk id yang tidak dikenal atau "
        "kesalahan pemakaian.",
    "A rule id as findings show it, e.g. lra.cumulative (case is ignored).":
        "Id aturan seperti tertulis pada temuan, misalnya lra.cumulative (huruf besar atau kecil sama saja).",
    "List every rule id by family instead.": "Sebagai gantinya, daftar semua id aturan per kelompok.",
    # consolidate
    "Combine the month's accepted workbooks into the district recap.\n\n"
    "Per BLUD the valid workbook of the period with the highest Revisi counts. Exit code 0 when\n"
    "every active BLUD is included, 1 when some are missing or rejected, 2 on a usage error.":
        "Menyusun rekap kabupaten/kota satu bulan dari laporan yang diterima.\n\n"
        "Per BLUD, yang dihitung adalah laporan valid periode itu dengan Revisi tertinggi. Kode keluar 0\n"
        "bila semua BLUD aktif masuk rekap, 1 bila ada yang belum masuk atau ditolak, 2 bila ada "
        "kesalahan pemakaian.",
    "Year of the recap.": "Tahun rekap.",
    "Month of the recap (1-12).": "Bulan rekap (1-12).",
    "Write the recap workbook (.xlsx).": "Tulis buku kerja rekap (.xlsx).",
    "Write the recap as JSON.": "Tulis rekap sebagai JSON.",
    "Write long CSV tables into this folder.": "Tulis tabel CSV (bentuk panjang) ke folder ini.",
    "Recap the files recorded in this ledger for the month (instead of PATH..., not with it).":
        "Rekap berkas yang tercatat di buku penerimaan ini untuk bulan itu (sebagai ganti PATH..., "
        "bukan bersamanya).",
    # receive, status, history, ledger export
    "Check received workbooks, archive them and record them in the ledger.\n\n"
    "A file already in the ledger (same content) is not recorded again. Exit code 0 when every\n"
    "file is valid, 1 when one is not, 2 on a usage error.":
        "Memeriksa berkas yang diterima, mengarsipkannya dan mencatatnya di buku penerimaan.\n\n"
        "Berkas yang sudah ada di buku penerimaan (isi yang sama) tidak dicatat lagi. Kode keluar 0\n"
        "bila semua berkas valid, 1 bila ada yang tidak, 2 bila ada kesalahan pemakaian.",
    "Per active BLUD: belum masuk, ditolak, konflik, diterima or terlambat for a month.\n\n"
    "The file that counts is the one consolidate would choose. Exit code 0, 2 on a usage error.":
        "Status laporan setiap BLUD aktif untuk satu bulan: belum masuk, ditolak, konflik, diterima\n"
        "atau terlambat.\n\n"
        "Berkas yang dihitung adalah berkas yang akan dipilih consolidate. Kode keluar 0, 2 bila ada "
        "kesalahan pemakaian.",
    "Year.": "Tahun.",
    "Month (1-12).": "Bulan (1-12).",
    "Every submission of one BLUD: when, which file, period, revision, verdict and counts.":
        "Semua kiriman satu BLUD: kapan, berkas apa, periode, revisi, putusan dan jumlah temuan.",
    "Kode BLUD, e.g. PKM03.": "Kode BLUD, misalnya PKM03.",
    "The receipt ledger.": "Buku penerimaan.",
    "Write the whole ledger as CSV (submissions.csv, findings.csv) for backup and audit.":
        "Menulis seluruh buku penerimaan sebagai CSV (submissions.csv, findings.csv) untuk cadangan dan audit.",
    "Folder for submissions.csv and findings.csv.": "Folder untuk submissions.csv dan findings.csv.",
    # init
    "Create the rules folder of another district: its registry, checked row by row, and the\n"
    "chart of accounts, rules, schemas, template accounts and settings of --dari; then check it.\n\n"
    "Exit code 0 when the new folder has no error, 1 when it has one or the registry has one\n"
    "(then nothing is written), 2 on a usage error (nothing is written).":
        "Membuat folder aturan daerah lain: registrinya, diperiksa baris demi baris, serta bagan akun,\n"
        "aturan, skema, akun template dan pengaturan dari --dari; lalu memeriksanya.\n\n"
        "Kode keluar 0 bila folder baru tanpa kesalahan, 1 bila folder baru atau registrinya punya\n"
        "kesalahan (bila registrinya salah, tidak ada yang ditulis), 2 bila ada kesalahan pemakaian\n"
        "(tidak ada yang ditulis).",
    "The new rules folder: must not exist, or be empty.": "Folder aturan baru: belum ada, atau kosong.",
    'The district, e.g. "Kabupaten Danau Permai".': 'Nama daerah, misalnya "Kabupaten Danau Permai".',
    "The BLUD registry: .csv (';' or ',' separated) or a workbook (.xlsx, .xls, .ods).":
        "Registri BLUD: .csv (dipisah ';' atau ',') atau buku kerja (.xlsx, .xls, .ods).",
    "Take the other files and settings from this rules folder (default: the bundled rules).":
        "Ambil berkas dan pengaturan lainnya dari folder aturan ini (bawaan: folder aturan bawaan).",
    "The registry's sheet (default: the first).": "Sheet registri (bawaan: sheet pertama).",
    # template
    "The official report template (blank workbook).": "Template laporan resmi (buku kerja kosong).",
    "Write the official blank report workbook, generated from the rules folder.\n\n"
    "Sheets Identitas, LRA, BKU, Kapitasi (for a Puskesmas, or with no --jenis) and Petunjuk;\n"
    "totals are formulas and only input cells are editable. Exit code 0, or 2 on a usage error.":
        "Menulis buku kerja laporan resmi yang masih kosong, dibuat dari folder aturan.\n\n"
        "Sheet Identitas, LRA, BKU, Kapitasi (untuk Puskesmas, atau tanpa --jenis) dan Petunjuk;\n"
        "jumlah berupa rumus dan hanya sel isian yang dapat diubah. Kode keluar 0, atau 2 bila ada "
        "kesalahan pemakaian.",
    "The workbook to write (.xlsx).": "Buku kerja yang ditulis (.xlsx).",
    "BLUD type: RSUD, Puskesmas or Labkesda (default: every account; with --kode, that BLUD's type).":
        "Jenis BLUD: RSUD, Puskesmas atau Labkesda (bawaan: semua akun; dengan --kode, jenis BLUD itu).",
    "Prefill the identity of this BLUD.": "Isi lebih dulu identitas BLUD ini.",
    "Prefill Tahun Anggaran.": "Isi lebih dulu Tahun Anggaran.",
    "Prefill Bulan (1-12).": "Isi lebih dulu Bulan (1-12).",
    # rules
    "Check, document and compare a district's rules folder.":
        "Memeriksa, mendokumentasikan dan membandingkan folder aturan daerah.",
    "Prove a rules folder sound: every problem of every file, one section per file.\n\n"
    "Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage error.":
        "Membuktikan folder aturan layak pakai: setiap masalah setiap berkas, satu bagian per berkas.\n\n"
        "Kode keluar 0 bila tidak ada temuan yang mencapai --fail-on, 1 bila ada, 2 bila ada "
        "kesalahan pemakaian.",
    "Write the rule reference (Markdown) of a rules folder; exit 2 when the folder cannot be used.":
        "Menulis rujukan aturan (Markdown) sebuah folder aturan; kode keluar 2 bila folder itu tidak "
        "dapat dipakai.",
    "List what changed between two rules folders, as Markdown for a pull request.\n\n"
    "Exit code 0; 2 on a usage error, or when a rules file of either folder cannot be read (the\n"
    "Markdown is still written, saying which files it could not compare).":
        "Mendaftar perubahan antara dua folder aturan, sebagai Markdown untuk pull request.\n\n"
        "Kode keluar 0; 2 bila ada kesalahan pemakaian, atau bila ada berkas aturan di salah satu folder "
        "yang tidak terbaca (Markdown tetap ditulis dan menyebut berkas yang tidak dibandingkan).",
    "The rules folder before the change.": "Folder aturan sebelum perubahan.",
    "The rules folder after the change.": "Folder aturan sesudah perubahan.",
}

# What typer and click add to the help themselves.
_HEADINGS = {"Arguments": "Argumen", "Options": "Opsi", "Commands": "Perintah"}
_HELP_OPTION = {"Show this message and exit.": "Tampilkan bantuan ini lalu selesai."}
_EXTRA = re.compile(r"  \[([^\[\]]*)\]$")  # "  [default: table; required]" after an option's help
_EXTRA_WORDS = (("default: ", "bawaan: "), ("required", "wajib"), ("env var: ", "variabel lingkungan: "))


def localise(command: Command, lang: str) -> None:
    """Word the help of `command` and its subcommands in `lang` (their code's English for "en")."""
    if lang == "en":
        return
    if command.help:
        command.help = INDONESIAN.get(command.help, command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = INDONESIAN.get(param.help, param.help)
    command.context_class = _IndonesianContext
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = "[OPSI]"
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = "PERINTAH [ARG]..."
    for subcommand in getattr(command, "commands", {}).values():
        localise(subcommand, lang)


class _IndonesianFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Penggunaan: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _extras(_HELP_OPTION.get(text, text))) for term, text in rows], col_max,
                         col_spacing)


class _IndonesianContext(Context):
    formatter_class = _IndonesianFormatter


def _extras(text: str) -> str:
    """An option's help with the bracket typer appends ([default: …], [required]) worded."""
    match = _EXTRA.search(text)
    if not match:
        return text
    parts = []
    for part in match[1].split("; "):
        for english, indonesian in _EXTRA_WORDS:
            if part.startswith(english):
                part = indonesian + part[len(english):]
                break
        parts.append(part)
    return f"{text[:match.start()]}  [{'; '.join(parts)}]"
