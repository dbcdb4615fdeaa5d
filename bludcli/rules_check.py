"""`bludcli rules check`: prove a district's rules folder sound, reporting every problem found.

`load_district` stops at the first problem; this module reads each file of the folder leniently,
checks its shape and its content, and reports each problem as a Finding with a stable rule id
of its own (`rules.*`). The texts of those findings live in CHECKS below, not in the district's
rule catalogue: the catalogue is one of the files being checked and may itself be broken.

`read_folder` (the lenient reader) is shared with `bludcli.rules_diff`; `check_registry` with
`bludcli.district_init`, which checks a registry before writing it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from bludcli.config import (
    CATALOGUE_FILE, JENIS, LANGS, LAST_DEADLINE_DAY, MAX_LIMIT, MAX_TOLERANCE_RUPIAH, SEVERITIES, WAIVERS_FILE,
    RuleDef, catalogue_gaps, schema_rule_ids,
)
from bludcli.findings import FileResult, Finding
from bludcli.values import Code, group_thousands, parse_code

SETTINGS_FILE = "pengaturan.yaml"
TEMPLATE_FILE = "template-akun.yaml"
SCHEMA_NAMES = ("identitas", "lra", "bku", "kapitasi")
REGISTRY_COLUMNS = ("kode_blud", "nama", "jenis", "ambang_batas_persen", "aktif_sejak")
CHART_COLUMNS = ("kode", "uraian", "level")
WAIVER_KEYS = ("aturan", "kode_blud", "dari", "sampai", "alasan", "berlaku_hingga")

# Settings: key -> (required, default, kind). Kinds are checked by _check_setting.
SETTINGS = {
    "daerah": (False, None, "text"),
    "registri": (True, None, "text"),
    "bagan_akun": (True, None, "text-list"),
    "katalog": (False, CATALOGUE_FILE, "text"),
    "skema": (False, "skema", "text"),
    "toleransi_rupiah": (False, 1, "tolerance"),
    "porsi_minimal_jasa_pelayanan_persen": (False, 60, "percent"),
    "batas_hari_laporan": (False, 10, "day"),
    "versi_template": (False, "v1", "text"),
    "batas_ukuran_mb": (False, 200, "limit"),
    "batas_baris": (False, 500_000, "limit"),
    "batas_kolom": (False, 500, "limit"),
    "batas_detik": (False, 300, "limit"),
}



class Check(NamedTuple):
    """A rules.* finding: its severity and its texts, each (Indonesian, English). {placeholders} of
    message and hint come from the check; why and example are what `bludcli explain` adds."""

    severity: str
    message: tuple[str, str]
    hint: tuple[str, str]
    why: tuple[str, str]
    example: tuple[str, str]


CHECKS: dict[str, Check] = {
    # --- files ---
    "rules.folder-missing": Check("error", (
        "Folder aturan tidak ada: {path}",
        "The rules folder does not exist: {path}",
    ), (
        "Periksa jalur folder aturan (--rules atau argumen DIR).",
        "Check the path of the rules folder (--rules or the DIR argument).",
    ), why=(
        "Setiap perintah membaca aturan daerah dari satu folder; jalur yang salah berarti tidak ada aturan yang "
        "dapat diperiksa atau dipakai.",
        "Every command reads the district's rules from one folder; a wrong path means there are no rules to check "
        "or use.",
    ), example=(
        "bludcli rules check aturan-baru/, padahal foldernya bernama aturan_baru/; seharusnya jalur folder yang "
        "ada.",
        "bludcli rules check aturan-baru/ while the folder is named aturan_baru/; it should be the path of an "
        "existing folder.",
    )),
    "rules.file-missing": Check("error", (
        "Berkas '{name}' tidak ada di folder aturan",
        "The file '{name}' is missing from the rules folder",
    ), (
        "Salin berkas itu dari folder aturan bawaan, atau perbaiki namanya di pengaturan.yaml.",
        "Copy the file from the bundled rules folder, or fix its name in pengaturan.yaml.",
    ), why=(
        "Folder aturan adalah satu kesatuan: pengaturan.yaml menyebut registri, bagan akun, katalog dan skema yang "
        "dipakai, dan berkas yang hilang menghentikan validate dan consolidate.",
        "A rules folder is one whole: pengaturan.yaml names the registry, charts, catalogue and schemas in use, and "
        "a missing file stops validate and consolidate.",
    ), example=(
        "pengaturan.yaml menyebut 'registri: registri-blud.csv', tetapi berkasnya bernama 'registri BLUD.csv'; "
        "seharusnya nama keduanya sama.",
        "pengaturan.yaml says 'registri: registri-blud.csv' but the file is named 'registri BLUD.csv'; the two "
        "names should be the same.",
    )),
    "rules.yaml-invalid": Check("error", (
        "YAML tidak sah: {reason}",
        "Invalid YAML: {reason}",
    ), (
        "Perbaiki penulisan YAML (indentasi, tanda kutip, titik dua) pada baris yang disebut.",
        "Fix the YAML syntax (indentation, quotes, colons) at the line named.",
    ), why=(
        "Berkas YAML yang tidak dapat diurai tidak dapat dipakai sama sekali; kesalahan penulisan dilaporkan dengan "
        "barisnya agar diperbaiki sebelum aturan dibagikan ke BLUD.",
        "A YAML file that cannot be parsed cannot be used at all; a syntax mistake is reported with its line so "
        "that it is fixed before the rules reach the BLUDs.",
    ), example=(
        "Katalog baris 14: id: \"Anggaran negatif (tanda kutip penutup hilang); seharusnya id: \"Anggaran "
        "negatif\".",
        "Catalogue line 14: id: \"Anggaran negatif (the closing quote is missing); it should be id: \"Anggaran "
        "negatif\".",
    )),
    "rules.csv-invalid": Check("error", (
        "CSV tidak terbaca: {reason}",
        "Unreadable CSV: {reason}",
    ), (
        "Simpan berkas sebagai CSV UTF-8 dengan pemisah koma.",
        "Save the file as UTF-8 CSV separated by commas.",
    ), why=(
        "Registri dan bagan akun dibaca sebagai CSV UTF-8 berpemisah koma; berkas yang disimpan dengan pengodean "
        "atau format lain tidak terbaca atau terbaca salah.",
        "The registry and the charts are read as UTF-8 CSV separated by commas; a file saved in another encoding or "
        "format is unreadable or misread.",
    ), example=(
        "registri-blud.csv disimpan sebagai buku kerja Excel lalu diberi akhiran .csv; seharusnya disimpan dengan "
        "'CSV UTF-8 (Comma delimited)'.",
        "registri-blud.csv was saved as an Excel workbook and given a .csv suffix; it should be saved as 'CSV UTF-8 "
        "(Comma delimited)'.",
    )),
    "rules.csv-columns-missing": Check("error", (
        "Kolom wajib tidak ada: {columns}",
        "Required columns are missing: {columns}",
    ), (
        "Baris pertama harus memuat judul kolom: {expected}.",
        "The first line must hold the column headings: {expected}.",
    ), why=(
        "Kolom CSV dikenali dari judulnya di baris pertama; tanpa judul yang diharapkan, isi registri atau bagan "
        "akun tidak dapat dibaca.",
        "CSV columns are known by their headings on the first line; without the expected headings the registry or "
        "chart cannot be read.",
    ), example=(
        "Baris pertama registri-blud.csv dipisah titik koma oleh Excel berbahasa Indonesia "
        "(kode_blud;nama;jenis;...); seharusnya dipisah koma: kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak.",
        "The first line of registri-blud.csv is separated by semicolons by an Indonesian Excel "
        "(kode_blud;nama;jenis;...); it should be separated by commas: "
        "kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak.",
    )),
    # --- settings ---
    "rules.setting-missing": Check("error", (
        "Pengaturan wajib '{key}' tidak ada",
        "The required setting '{key}' is missing",
    ), (
        "Tambahkan '{key}' ke pengaturan.yaml (lihat folder aturan bawaan).",
        "Add '{key}' to pengaturan.yaml (see the bundled rules folder).",
    ), why=(
        "Beberapa pengaturan tidak punya nilai bawaan karena khas daerah, misalnya nama berkas registri dan bagan "
        "akun; tanpa pengaturan itu folder aturan tidak dapat dimuat.",
        "Some settings have no default because they belong to the district, such as the file names of the registry "
        "and the charts; without them the rules folder cannot be loaded.",
    ), example=(
        "pengaturan.yaml tanpa baris registri; seharusnya ada 'registri: registri-blud.csv'.",
        "pengaturan.yaml has no registri line; it should hold 'registri: registri-blud.csv'.",
    )),
    "rules.setting-invalid": Check("error", (
        "Pengaturan '{key}' tidak sah: {value}",
        "The setting '{key}' is invalid: {value}",
    ), (
        "'{key}' harus {expected}.",
        "'{key}' must be {expected}.",
    ), why=(
        "Pengaturan seperti toleransi, porsi minimal jasa pelayanan dan batas hari laporan langsung mengubah hasil "
        "pemeriksaan; nilai di luar rentang yang wajar dapat meloloskan kesalahan atau menolak laporan yang benar.",
        "Settings such as the tolerance, the minimum service-fee share and the report deadline change the checks' "
        "results directly; a value outside a sensible range can let mistakes through or reject correct reports.",
    ), example=(
        "batas_hari_laporan: 31 (tidak ada di setiap bulan); seharusnya bilangan bulat 1 sampai 28, misalnya 10.",
        "batas_hari_laporan: 31 (not a day of every month); it should be an integer 1 to 28, e.g. 10.",
    )),
    "rules.setting-unknown": Check("warning", (
        "Pengaturan '{key}' tidak dikenal dan diabaikan",
        "The setting '{key}' is unknown and ignored",
    ), (
        "Periksa ejaan kuncinya; kunci yang dikenal: {expected}.",
        "Check the key's spelling; known keys: {expected}.",
    ), why=(
        "Kunci yang tidak dikenal diabaikan; biasanya kunci itu salah ketik, sehingga pengaturan yang dimaksud "
        "diam-diam tetap memakai nilai bawaan.",
        "An unknown key is ignored; it is usually a misspelling, so the intended setting silently keeps its "
        "default.",
    ), example=(
        "toleransi_rupia: 5 (huruf h hilang) membuat toleransi tetap Rp 1,00; seharusnya toleransi_rupiah: 5.",
        "toleransi_rupia: 5 (an h missing) leaves the tolerance at Rp 1,00; it should be toleransi_rupiah: 5.",
    )),
    # --- registry ---
    "rules.registry-code-missing": Check("error", (
        "kode_blud kosong",
        "Empty kode_blud",
    ), (
        "Isi kode_blud setiap BLUD, atau hapus baris kosong.",
        "Fill in the kode_blud of every BLUD, or delete the empty line.",
    ), why=(
        "Kode BLUD adalah kunci yang menautkan laporan, registri, pengecualian dan rekap; BLUD tanpa kode tidak "
        "dapat menerima laporan.",
        "The BLUD code is the key that links reports, the registry, waivers and the recap; a BLUD without a code "
        "cannot receive reports.",
    ), example=(
        "Baris registri ',Puskesmas Baru,Puskesmas,5,2026-01'; seharusnya diawali kodenya, misalnya PKM23.",
        "Registry line ',Puskesmas Baru,Puskesmas,5,2026-01'; it should start with its code, e.g. PKM23.",
    )),
    "rules.registry-duplicate": Check("error", (
        "kode_blud '{value}' ganda (sudah ada di baris {first})",
        "Duplicate kode_blud '{value}' (already on line {first})",
    ), (
        "Setiap BLUD harus punya kode unik; hapus atau ganti salah satunya.",
        "Each BLUD needs a unique code; delete or change one of them.",
    ), why=(
        "Satu kode untuk satu BLUD: kode ganda mencampur laporan dua unit dalam rekap dan membuat ambang batas yang "
        "berlaku tidak jelas.",
        "One code for one BLUD: a duplicate code mixes two units' reports in the recap and leaves unclear which "
        "threshold applies.",
    ), example=(
        "PKM07 ada di baris 9 dan baris 28; seharusnya BLUD kedua memakai kode baru, misalnya PKM23.",
        "PKM07 is on line 9 and on line 28; the second BLUD should get a new code, e.g. PKM23.",
    )),
    "rules.registry-jenis": Check("error", (
        "Jenis BLUD '{value}' tidak dikenal",
        "Unknown kind of BLUD '{value}'",
    ), (
        "jenis harus salah satu dari: {expected}.",
        "jenis must be one of: {expected}.",
    ), why=(
        "Jenis BLUD menentukan sheet wajib dan kelompok rekap; kontrak hanya mengenal RSUD, Puskesmas dan Labkesda.",
        "The BLUD type decides the required sheets and the recap group; the contract knows only RSUD, Puskesmas and "
        "Labkesda.",
    ), example=(
        "Baris 'KL01,Klinik Pratama,Klinik,5,2024-01'; jenis seharusnya RSUD, Puskesmas atau Labkesda.",
        "Line 'KL01,Klinik Pratama,Klinik,5,2024-01'; jenis should be RSUD, Puskesmas or Labkesda.",
    )),
    "rules.registry-threshold": Check("error", (
        "ambang_batas_persen '{value}' bukan angka 0-100",
        "ambang_batas_persen '{value}' is not a number 0-100",
    ), (
        "Tulis ambang batas sebagai angka persen antara 0 dan 100, tanpa tanda %.",
        "Write the threshold as a percentage between 0 and 100, without a % sign.",
    ), why=(
        "Ambang batas adalah persentase belanja di atas RBA yang masih boleh tanpa persetujuan kepala daerah; "
        "nilainya langsung dipakai aturan lra.over-threshold.",
        "The threshold is the percentage of spending above the RBA allowed without the regional head's approval; "
        "rule lra.over-threshold uses it directly.",
    ), example=(
        "ambang_batas_persen '5%' atau '0,05'; seharusnya 5.",
        "ambang_batas_persen '5%' or '0,05'; it should be 5.",
    )),
    "rules.registry-period": Check("error", (
        "aktif_sejak '{value}' bukan bulan YYYY-MM",
        "aktif_sejak '{value}' is not a month YYYY-MM",
    ), (
        "Tulis bulan mulai aktif sebagai tahun-bulan, misalnya 2024-01.",
        "Write the first active month as year-month, e.g. 2024-01.",
    ), why=(
        "aktif_sejak menentukan bulan pertama BLUD wajib melapor; dari situ status belum masuk dan aturan "
        "identitas.not-active dihitung.",
        "aktif_sejak is the first month the BLUD must report; the missing status and rule identitas.not-active "
        "follow from it.",
    ), example=(
        "aktif_sejak '01/2024' atau '2024-1'; seharusnya 2024-01.",
        "aktif_sejak '01/2024' or '2024-1'; it should be 2024-01.",
    )),
    "rules.registry-name-missing": Check("warning", (
        "Nama BLUD '{value}' kosong",
        "The name of BLUD '{value}' is empty",
    ), (
        "Isi kolom nama agar laporan dan rekap menyebut BLUD dengan jelas.",
        "Fill in the nama column so that reports and recaps name the BLUD clearly.",
    ), why=(
        "Nama BLUD dipakai di rekap, tanda terima dan aturan identitas.nama-mismatch; tanpa nama, pesan hanya dapat "
        "menyebut kodenya.",
        "The BLUD name is used in the recap, the receipts and rule identitas.nama-mismatch; without it, messages "
        "can only give the code.",
    ), example=(
        "Baris 'PKM09,,Puskesmas,5,2022-01'; seharusnya 'PKM09,Puskesmas Sengeti,Puskesmas,5,2022-01'.",
        "Line 'PKM09,,Puskesmas,5,2022-01'; it should be 'PKM09,Puskesmas Sengeti,Puskesmas,5,2022-01'.",
    )),
    # --- chart of accounts ---
    "rules.chart-code-invalid": Check("error", (
        "Kode rekening '{value}' tidak sah",
        "Invalid account code '{value}'",
    ), (
        "Kode rekening hanya berisi angka yang dipisah titik, misalnya 4.1.04.16.01.0001.",
        "An account code holds only digits separated by dots, e.g. 4.1.04.16.01.0001.",
    ), why=(
        "Bagan akun menjadi acuan setiap kode rekening di LRA dan BKU; kode yang tidak terbaca tidak dapat "
        "dicocokkan.",
        "The chart of accounts is the reference for every account code of the LRA and the BKU; a code that cannot "
        "be read cannot be matched.",
    ), example=(
        "Kode '5.1.02.O1' (huruf O); seharusnya 5.1.02.01.",
        "Code '5.1.02.O1' (letter O); it should be 5.1.02.01.",
    )),
    "rules.chart-duplicate": Check("error", (
        "Kode rekening '{value}' ganda (sudah ada di {first})",
        "Duplicate account code '{value}' (already in {first})",
    ), (
        "Setiap kode rekening hanya boleh muncul sekali di seluruh bagan akun.",
        "Each account code may appear only once across the whole chart of accounts.",
    ), why=(
        "Setiap kode rekening hanya punya satu arti; kode yang ada di dua tempat membuat uraiannya tidak pasti.",
        "Each account code has one meaning only; a code listed twice makes its name uncertain.",
    ), example=(
        "4.1.04.16.02 ada di bagan akun Kepmendagri dan di bagan-akun-blud-tambahan.csv; seharusnya hanya di salah "
        "satunya.",
        "4.1.04.16.02 is in the Kepmendagri chart and in bagan-akun-blud-tambahan.csv; it should be in one of them "
        "only.",
    )),
    "rules.chart-parent-missing": Check("error", (
        "Induk '{expected}' dari kode rekening '{value}' tidak ada",
        "The parent '{expected}' of account code '{value}' is missing",
    ), (
        "Tambahkan rekening induknya ke bagan akun, atau perbaiki kodenya.",
        "Add the parent account to the chart, or fix the code.",
    ), why=(
        "Akun induk dijumlahkan dari rinciannya (lra.parent-sum) dan rekap menjumlahkan naik per tingkat bagan "
        "akun; akun tanpa induk memutus hierarki itu.",
        "A parent account is the sum of its detail (lra.parent-sum) and the recap rolls up the chart level by "
        "level; an account without its parent breaks that hierarchy.",
    ), example=(
        "5.1.02.99.99.9999 ditambahkan tanpa 5.1.02.99.99; seharusnya induknya juga ada di bagan akun.",
        "5.1.02.99.99.9999 was added without 5.1.02.99.99; its parent should be in the chart as well.",
    )),
    "rules.chart-level": Check("warning", (
        "Level '{value}' tidak sesuai dengan jumlah segmen kode '{code}'",
        "Level '{value}' does not match the number of segments of code '{code}'",
    ), (
        "Level adalah jumlah segmen kode: {expected}.",
        "The level is the number of segments of the code: {expected}.",
    ), why=(
        "Level sama dengan jumlah segmen kode (akun, kelompok, jenis, objek, rincian objek, sub rincian objek); "
        "level yang berbeda biasanya menandakan kode atau kolom yang tergeser.",
        "The level is the number of segments of the code (akun, kelompok, jenis, objek, rincian, sub-rincian); a "
        "different level usually reveals a shifted code or column.",
    ), example=(
        "Baris '4.1.04.16.02,Pendapatan Jasa Layanan BLUD,4'; kodenya 5 segmen, jadi level seharusnya 5.",
        "Line '4.1.04.16.02,Pendapatan Jasa Layanan BLUD,4'; the code has 5 segments, so the level should be 5.",
    )),
    "rules.chart-name-missing": Check("warning", (
        "Uraian kode rekening '{value}' kosong",
        "The uraian of account code '{value}' is empty",
    ), (
        "Isi uraian agar pesan dan rekap menyebut rekening dengan jelas.",
        "Fill in the uraian so that messages and recaps name the account clearly.",
    ), why=(
        "Uraian akun dipakai dalam pesan temuan, template dan rekap; tanpa uraian, akun hanya dikenali dari "
        "kodenya.",
        "The account's name is used in findings, the template and the recap; without it, the account is known by "
        "its code only.",
    ), example=(
        "Baris '4.1.04.16.03.0001,,6'; seharusnya '4.1.04.16.03.0001,Pendapatan Hibah Terikat,6'.",
        "Line '4.1.04.16.03.0001,,6'; it should be '4.1.04.16.03.0001,Pendapatan Hibah Terikat,6'.",
    )),
    # --- rule catalogue ---
    "rules.catalogue-invalid": Check("error", (
        "Katalog aturan tidak sah: {reason}",
        "Invalid rule catalogue: {reason}",
    ), (
        "Katalog berisi kunci 'rules' dengan daftar aturan (id, severity, message, hint).",
        "The catalogue holds a key 'rules' with a list of rules (id, severity, message, hint).",
    ), why=(
        "Katalog aturan memuat tingkat dan teks setiap temuan; katalog yang tidak dapat dibaca membuat validate "
        "tidak dapat melaporkan apa pun.",
        "The rule catalogue holds the severity and texts of every finding; a catalogue that cannot be read leaves "
        "validate unable to report anything.",
    ), example=(
        "'rules: lihat berkas lama' (teks, bukan daftar); seharusnya daftar butir yang masing-masing diawali '- id: "
        "...'.",
        "'rules: lihat berkas lama' (text, not a list); it should be a list of items, each starting with '- id: "
        "...'.",
    )),
    "rules.rule-id-missing": Check("error", (
        "Aturan tanpa id",
        "A rule without an id",
    ), (
        "Setiap aturan perlu 'id' (misalnya lra.budget-negative).",
        "Every rule needs an 'id' (e.g. lra.budget-negative).",
    ), why=(
        "Id aturan adalah nama tetap yang dipakai pemeriksaan, skema, pengecualian dan laporan; aturan tanpa id "
        "tidak dapat dipakai.",
        "The rule id is the stable name used by checks, schemas, waivers and reports; a rule without an id cannot "
        "be used.",
    ), example=(
        "Butir katalog dimulai dengan 'severity: error' tanpa baris id; seharusnya diawali '- id: "
        "lra.budget-negative'.",
        "A catalogue item starts with 'severity: error' and no id line; it should start with '- id: "
        "lra.budget-negative'.",
    )),
    "rules.rule-duplicate": Check("error", (
        "Id aturan '{value}' ganda (sudah ada di baris {first})",
        "Duplicate rule id '{value}' (already on line {first})",
    ), (
        "Id aturan harus unik; hapus salinannya.",
        "Rule ids must be unique; delete the copy.",
    ), why=(
        "Setiap id hanya muncul sekali agar tingkat dan teks temuannya pasti; salinan kedua membuat tidak jelas "
        "mana yang berlaku.",
        "Each id appears once so that its finding's severity and texts are certain; a second copy leaves unclear "
        "which one applies.",
    ), example=(
        "cell.error-value ada di baris 50 dan di baris 600 (salinan di akhir berkas); seharusnya salinannya "
        "dihapus.",
        "cell.error-value is on line 50 and on line 600 (a copy at the end of the file); the copy should be "
        "deleted.",
    )),
    "rules.rule-missing": Check("error", (
        "Aturan '{value}' yang dipakai bludcli tidak ada di katalog",
        "Rule '{value}', which bludcli uses, is missing from the catalogue",
    ), (
        "Salin aturan '{value}' dari katalog bawaan; id aturan tidak boleh diganti atau dihapus.",
        "Copy rule '{value}' from the bundled catalogue; rule ids must not be renamed or deleted.",
    ), why=(
        "Setiap temuan bludcli mengambil tingkat dan teksnya dari katalog daerah; aturan yang hilang atau diganti "
        "namanya membuat berkas yang memicu temuan itu tidak dapat diperiksa, sehingga setiap perintah berhenti.",
        "Every finding bludcli reports takes its severity and texts from the district's catalogue; a rule that is "
        "missing or renamed leaves the files that raise it uncheckable, so every command stops.",
    ), example=(
        "Katalog menulis '- id: value.angka-teks' (diterjemahkan); seharusnya tetap '- id: value.amount-as-text', "
        "dan hanya message/hint yang diubah.",
        "The catalogue says '- id: value.angka-teks' (translated); it should stay '- id: value.amount-as-text', "
        "with only its message/hint changed.",
    )),
    "rules.rule-unknown": Check("warning", (
        "Aturan '{value}' tidak pernah dilaporkan",
        "Rule '{value}' is never reported",
    ), (
        "Periksa ejaan id-nya (lihat docs/rules.md), atau hapus aturan itu.",
        "Check the id's spelling (see docs/rules.md), or delete the rule.",
    ), why=(
        "Hanya aturan yang dipakai pemeriksaan bludcli atau skema daerah yang pernah menjadi temuan; id lain "
        "biasanya salah ketik atau hasil ganti nama, sehingga tingkat dan teks yang ditulis tidak pernah dipakai.",
        "Only rules used by bludcli's checks or the district's schemas ever become findings; another id is usually a "
        "misspelling or a rename, so the severity and texts written for it are never used.",
    ), example=(
        "'- id: lra.over-budjet' (salah ketik); seharusnya '- id: lra.over-budget'.",
        "'- id: lra.over-budjet' (misspelt); it should be '- id: lra.over-budget'.",
    )),
    "rules.rule-severity": Check("error", (
        "Severity aturan '{rule}' tidak sah: '{value}'",
        "Invalid severity of rule '{rule}': '{value}'",
    ), (
        "severity harus error atau warning.",
        "severity must be error or warning.",
    ), why=(
        "Tingkat menentukan apakah laporan ditolak (error) atau diterima dengan catatan (warning); nilai lain tidak "
        "dapat dipakai.",
        "The severity decides whether a report is rejected (error) or accepted with a note (warning); any other "
        "value cannot be used.",
    ), example=(
        "severity: fatal atau severity: Error; seharusnya error atau warning, dengan huruf kecil.",
        "severity: fatal or severity: Error; it should be error or warning, in lower case.",
    )),
    "rules.catalogue-text-missing": Check("error", (
        "Aturan '{rule}' tidak punya teks {value}",
        "Rule '{rule}' has no text {value}",
    ), (
        "Setiap aturan perlu message dan hint dalam bahasa Indonesia (id) dan Inggris (en).",
        "Every rule needs a message and a hint in Indonesian (id) and English (en).",
    ), why=(
        "Pesan dan petunjuk adalah yang dibaca pengirim untuk memperbaiki selnya, dalam bahasa Indonesia atau "
        "Inggris (--lang); tanpa teks itu temuan tidak dapat ditampilkan.",
        "The message and hint are what the sender reads to fix the cell, in Indonesian or English (--lang); without "
        "them a finding cannot be shown.",
    ), example=(
        "Aturan file.unreadable punya hint.id tetapi tanpa hint.en; seharusnya ditambah en: 'Save the report again "
        "...'.",
        "Rule file.unreadable has hint.id but no hint.en; an en: 'Save the report again ...' should be added.",
    )),
    "rules.catalogue-explanation-missing": Check("warning", (
        "Aturan '{rule}' belum punya penjelasan {value}",
        "Rule '{rule}' has no explanation {value}",
    ), (
        "Tambahkan why (alasan aturan) dan example (contoh sel yang salah dan perbaikannya) dalam bahasa "
        "Indonesia (id) dan Inggris (en); bludcli explain menampilkannya.",
        "Add why (the reason for the rule) and example (a wrong cell and its correction) in Indonesian (id) "
        "and English (en); bludcli explain shows them.",
    ), why=(
        "bludcli explain dan docs/rules.md menampilkan alasan (why) dan contoh (example) setiap aturan agar "
        "verifikator dan BLUD memahami temuannya. Katalog daerah yang dibuat sebelum kedua kunci itu ada tetap "
        "dapat dipakai, sehingga kekurangannya hanya peringatan.",
        "bludcli explain and docs/rules.md show each rule's reason (why) and example so that verifiers and BLUDs "
        "understand its findings. A district catalogue made before these keys existed still works, so a missing one "
        "is only a warning.",
    ), example=(
        "Aturan lra.cumulative tanpa kunci why dan example; seharusnya keduanya ditambahkan dengan teks id dan en, "
        "seperti di katalog bawaan.",
        "Rule lra.cumulative has no why and no example key; both should be added with id and en texts, as in the "
        "bundled catalogue.",
    )),
    # --- table schemas ---
    "rules.schema-invalid": Check("error", (
        "Skema tidak sah: {reason}",
        "Invalid schema: {reason}",
    ), (
        "Bandingkan dengan skema bawaan: sheet, columns/fields (label, aliases), rules, pandera.",
        "Compare with the bundled schema: sheet, columns/fields (label, aliases), rules, pandera.",
    ), why=(
        "Skema menjelaskan bentuk setiap sheet: label kolom dan aliasnya, kolom wajib dan pemeriksaan pandera; "
        "skema yang rusak membuat sheet tidak dapat ditemukan atau diperiksa.",
        "A schema describes each sheet's shape: column labels and their aliases, required columns and pandera "
        "checks; a broken schema leaves the sheet unfound or unchecked.",
    ), example=(
        "skema/bku.yaml berisi 'columns: {}' (kosong); seharusnya memuat setiap kolom dengan labelnya, misalnya "
        "tanggal: {label: Tanggal, required: true}.",
        "skema/bku.yaml holds 'columns: {}' (empty); it should list each column with its label, e.g. tanggal: "
        "{label: Tanggal, required: true}.",
    )),
    "rules.schema-rule-unknown": Check("error", (
        "Skema memakai aturan '{value}' yang tidak ada di katalog",
        "The schema uses rule '{value}' which is not in the catalogue",
    ), (
        "Tambahkan aturan itu ke katalog-aturan.yaml atau perbaiki id-nya.",
        "Add the rule to katalog-aturan.yaml or fix its id.",
    ), why=(
        "Pemeriksaan skema melaporkan temuan dengan id dari katalog; id yang tidak ada di katalog tidak punya "
        "tingkat maupun teks.",
        "Schema checks report findings with ids of the catalogue; an id that is not in the catalogue has neither "
        "severity nor texts.",
    ), example=(
        "skema/lra.yaml memakai lra.budget-negatif; seharusnya lra.budget-negative.",
        "skema/lra.yaml uses lra.budget-negatif; it should be lra.budget-negative.",
    )),
    # --- template accounts ---
    "rules.template-invalid": Check("error", (
        "Daftar akun template tidak sah: {reason}",
        "Invalid template account list: {reason}",
    ), (
        "Per jenis BLUD ({expected}) satu daftar kode rekening bertanda kutip, misalnya \"4.1.04.16.01.0001\".",
        "Per kind of BLUD ({expected}) one list of quoted account codes, e.g. \"4.1.04.16.01.0001\".",
    ), why=(
        "template-akun.yaml menentukan akun yang tercetak di template resmi per jenis BLUD; kode harus ditulis "
        "sebagai teks bertanda kutip agar YAML tidak membacanya sebagai angka.",
        "template-akun.yaml decides which accounts the official template prints per type of BLUD; codes must be "
        "quoted text so that YAML does not read them as numbers.",
    ), example=(
        "Di bawah Puskesmas tertulis '- 5.20' tanpa tanda kutip, yang dibaca YAML sebagai angka 5,2; seharusnya "
        "kode lengkap bertanda kutip, misalnya '- \"5.1.02.01.01.0024\"'.",
        "Under Puskesmas there is '- 5.20' without quotes, which YAML reads as the number 5.2; it should be a full "
        "quoted code, e.g. '- \"5.1.02.01.01.0024\"'.",
    )),
    "rules.template-account-unknown": Check("error", (
        "Akun template '{value}' ({jenis}) tidak ada di bagan akun",
        "Template account '{value}' ({jenis}) is not in the chart of accounts",
    ), (
        "Tambahkan rekening itu ke bagan akun atau perbaiki kodenya di template-akun.yaml.",
        "Add the account to the chart or fix its code in template-akun.yaml.",
    ), why=(
        "Template resmi hanya boleh memuat akun yang ada di bagan akun, karena setiap laporan yang diisi dari "
        "template diperiksa terhadap bagan akun itu (lra.code-unknown).",
        "The official template may only hold accounts of the chart, because every report filled in from it is "
        "checked against that chart (lra.code-unknown).",
    ), example=(
        "Daftar RSUD memuat \"5.1.02.01.01.9999\" yang tidak ada di bagan akun; seharusnya kode yang ada, misalnya "
        "\"5.1.02.99.99.9999\".",
        "The RSUD list holds \"5.1.02.01.01.9999\", which is not in the chart; it should be a code that is, e.g. "
        "\"5.1.02.99.99.9999\".",
    )),
    # --- waivers ---
    "rules.waiver-invalid": Check("error", (
        "Pengecualian tidak sah: {reason}",
        "Invalid waiver: {reason}",
    ), (
        "Setiap pengecualian perlu aturan, kode_blud, dari, sampai (YYYY-MM), alasan dan berlaku_hingga (YYYY-MM-DD).",
        "Every waiver needs aturan, kode_blud, dari, sampai (YYYY-MM), alasan and berlaku_hingga (YYYY-MM-DD).",
    ), why=(
        "Pengecualian membebaskan satu BLUD dari satu aturan; agar dapat dipertanggungjawabkan, setiap pengecualian "
        "wajib menyebut aturan, BLUD, rentang bulan, alasan dan tanggal berakhirnya.",
        "A waiver exempts one BLUD from one rule; to be accountable, every waiver must name the rule, the BLUD, the "
        "months, a reason and its end date.",
    ), example=(
        "Pengecualian dengan 'dari: Januari 2026' dan tanpa alasan; seharusnya 'dari: 2026-01' dan alasan diisi, "
        "misalnya 'Porsi jasa pelayanan ditetapkan Bupati 55 %'.",
        "A waiver with 'dari: Januari 2026' and no reason; it should be 'dari: 2026-01' with a reason, e.g. 'Porsi "
        "jasa pelayanan ditetapkan Bupati 55 %'.",
    )),
    "rules.waiver-rule-unknown": Check("error", (
        "Pengecualian untuk aturan '{value}' yang tidak ada di katalog",
        "Waiver for rule '{value}' which is not in the catalogue",
    ), (
        "Pakai id aturan dari katalog-aturan.yaml (lihat docs/rules.md).",
        "Use a rule id from katalog-aturan.yaml (see docs/rules.md).",
    ), why=(
        "Pengecualian untuk id aturan yang tidak ada tidak pernah berlaku; biasanya id-nya salah ketik, sehingga "
        "temuan yang dimaksud tetap muncul.",
        "A waiver for a rule id that does not exist never applies; the id is usually misspelt, so the finding it "
        "meant still shows.",
    ), example=(
        "aturan: kapitasi.jasa-pelayanan; seharusnya kapitasi.jasa-share.",
        "aturan: kapitasi.jasa-pelayanan; it should be kapitasi.jasa-share.",
    )),
    "rules.waiver-blud-unknown": Check("error", (
        "Pengecualian untuk BLUD '{value}' yang tidak ada di registri",
        "Waiver for BLUD '{value}' which is not in the registry",
    ), (
        "Pakai kode_blud dari registri BLUD.",
        "Use a kode_blud from the BLUD registry.",
    ), why=(
        "Pengecualian untuk kode BLUD yang tidak ada di registri tidak pernah berlaku, sehingga temuan BLUD yang "
        "dimaksud tetap muncul.",
        "A waiver for a BLUD code that is not in the registry never applies, so the findings of the BLUD it meant "
        "still show.",
    ), example=(
        "kode_blud: PKM7; seharusnya PKM07.",
        "kode_blud: PKM7; it should be PKM07.",
    )),
    "rules.waiver-period": Check("error", (
        "Periode pengecualian terbalik: dari {value} sesudah sampai {expected}",
        "Waiver period reversed: dari {value} is after sampai {expected}",
    ), (
        "'dari' harus sama dengan atau sebelum 'sampai'.",
        "'dari' must be the same as or before 'sampai'.",
    ), why=(
        "Rentang bulan yang terbalik tidak mencakup bulan apa pun, sehingga pengecualiannya tidak pernah berlaku.",
        "A reversed range of months covers no month at all, so the waiver never applies.",
    ), example=(
        "dari: 2026-06, sampai: 2026-01; seharusnya dari: 2026-01, sampai: 2026-06.",
        "dari: 2026-06, sampai: 2026-01; it should be dari: 2026-01, sampai: 2026-06.",
    )),
    "rules.waiver-expired": Check("warning", (
        "Pengecualian aturan '{rule}' untuk {kode} sudah kedaluwarsa ({value})",
        "The waiver of rule '{rule}' for {kode} has expired ({value})",
    ), (
        "Hapus pengecualian itu, atau perpanjang berlaku_hingga bila masih disetujui.",
        "Delete the waiver, or extend berlaku_hingga if it is still approved.",
    ), why=(
        "Pengecualian berlaku sampai tanggal tertentu dan sesudahnya tidak diterapkan lagi; pengecualian "
        "kedaluwarsa yang dibiarkan membuat folder aturan menyesatkan pembacanya.",
        "A waiver applies until a set date and no longer after it; an expired waiver left in place makes the rules "
        "folder mislead its readers.",
    ), example=(
        "berlaku_hingga: 2025-12-31 pada tahun 2026; seharusnya pengecualian itu dihapus, atau diubah menjadi "
        "2026-12-31 bila sudah disetujui lagi.",
        "berlaku_hingga: 2025-12-31 in 2026; the waiver should be deleted, or changed to 2026-12-31 if it was "
        "approved again.",
    )),
}

_CODE_TEXT = re.compile(r"[0-9]+(\.[0-9]+)*")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --- YAML with line numbers ------------------------------------------------------------


class LineDict(dict):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict


def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        loader.flatten_mapping(node)
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                data[key] = loader.construct_object(value_node, deep=True)
                data.key_lines[key] = key_node.start_mark.line + 1
            except TypeError:  # an unhashable key
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark) from None
        return data

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def _line_of(data, key=None) -> int | None:
    if not isinstance(data, LineDict):
        return None
    return data.key_lines.get(key, data.line) if key is not None else data.line


# --- the lenient reader -----------------------------------------------------------------


@dataclass(slots=True)
class CsvRow:
    line: int
    cells: dict[str, str]


@dataclass(slots=True)
class RulesFolder:
    """What could be read of a rules folder, and the problems met while reading it.

    `files` maps each rules file (name inside the folder, posix) to its findings, in the order
    the files were read. A piece that could not be read is None (or empty), and its file is in
    `unreadable` (missing, not YAML or CSV, or not of the shape its reader needs)."""

    root: Path
    lang: str
    files: dict[str, list[Finding]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    settings: dict | None = None
    registry: list[CsvRow] | None = None
    charts: dict[str, list[CsvRow]] = field(default_factory=dict)
    catalogue: list | None = None
    schemas: dict[str, dict] = field(default_factory=dict)  # name -> document
    template: object | None = None
    waivers: object | None = None

    def setting(self, key: str):
        value = (self.settings or {}).get(key)
        return SETTINGS[key][1] if value in (None, "") else value

    def report(self, file: str | None, check: str, row: int | None = None, value=None, expected=None,
               column: str | None = None, **params) -> None:
        """Add the finding `check` (an id of CHECKS) about `file` (at `column`, a letter, when
        known); `params` fill its texts."""
        definition = CHECKS[check]
        index = 1 if self.lang == "en" else 0
        params = {"value": value, "expected": expected, **params}
        self.files.setdefault(file, []).append(Finding(
            rule=check, severity=definition.severity, sheet=file, row=row, column=column,
            message=definition.message[index].format(**params), hint=definition.hint[index].format(**params),
            value=None if value is None else str(value),
            expected=None if expected is None else str(expected),
        ))  # fmt: skip

    def refuse(self, file: str, check: str, **found) -> None:
        """Report `check` about `file`, which could not be read (so None is returned for it)."""
        self.report(file, check, **found)
        self.unreadable.append(file)

    def load_mapping(self, name: str, optional: bool = False) -> dict | None:
        """The mapping of a YAML file; None (and a finding) when it is missing, unreadable, empty
        or not a mapping. An `optional` file may be absent, without a finding."""
        import yaml

        self.files.setdefault(name, [])
        path = self.root / name
        if not path.is_file():
            if optional:
                del self.files[name]
            else:
                self.refuse(name, "rules.file-missing", name=name)
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                data = yaml.load(fh, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self.refuse(name, "rules.yaml-invalid", row=mark.line + 1 if mark else None,
                        reason=exc.problem or str(exc))
            return None
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            self.refuse(name, "rules.yaml-invalid", reason=str(exc))
            return None
        if isinstance(data, dict):
            return data
        reason = _t(self.lang, "harus berupa pemetaan YAML", "must be a YAML mapping")
        if data is None:
            reason = _t(self.lang, "berkas kosong", "the file is empty") + "; " + reason
        self.refuse(name, "rules.yaml-invalid", reason=reason)
        return None

    def load_csv(self, name: str, columns: tuple[str, ...]) -> list[CsvRow] | None:
        self.files.setdefault(name, [])
        path = self.root / name
        if not path.is_file():
            self.refuse(name, "rules.file-missing", name=name)
            return None
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = [c for c in columns if c not in (reader.fieldnames or [])]
                if missing:
                    self.refuse(name, "rules.csv-columns-missing", row=1, value=",".join(reader.fieldnames or []),
                                expected=",".join(columns), columns=", ".join(missing))
                    return None
                rows = []
                for cells in reader:
                    rows.append(CsvRow(reader.line_num, {k: (cells.get(k) or "").strip() for k in columns}))
                return rows
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            self.refuse(name, "rules.csv-invalid", reason=str(exc))
            return None


def _t(lang: str, indonesian: str, english: str) -> str:
    return english if lang == "en" else indonesian


def _text_setting(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def chart_names(folder: RulesFolder) -> list[str]:
    names = folder.setting("bagan_akun")
    if isinstance(names, str):
        return [names]
    return [n for n in names or [] if _text_setting(n)] if isinstance(names, list) else []


def read_folder(root: Path, lang: str = "id") -> RulesFolder:
    """Read every file of a rules folder as far as it can be read (shape problems reported)."""
    folder = RulesFolder(Path(root), lang)
    folder.settings = folder.load_mapping(SETTINGS_FILE)
    registry = folder.setting("registri")
    if _text_setting(registry):
        folder.registry = folder.load_csv(registry, REGISTRY_COLUMNS)
    for name in chart_names(folder):
        rows = folder.load_csv(name, CHART_COLUMNS)
        if rows is not None:
            folder.charts[name] = rows
    catalogue = folder.setting("katalog")
    if _text_setting(catalogue):
        document = folder.load_mapping(catalogue)
        if document is not None:
            if isinstance(document.get("rules"), list):
                folder.catalogue = document["rules"]
            else:
                folder.refuse(catalogue, "rules.catalogue-invalid", row=_line_of(document, "rules"),
                              reason=_t(lang, "kunci 'rules' harus daftar", "key 'rules' must be a list"))
    schema_dir = folder.setting("skema")
    if _text_setting(schema_dir):
        for name in SCHEMA_NAMES:
            document = folder.load_mapping(f"{schema_dir}/{name}.yaml")
            if document is not None:
                folder.schemas[name] = document
    folder.template = folder.load_mapping(TEMPLATE_FILE, optional=True)
    folder.waivers = folder.load_mapping(WAIVERS_FILE, optional=True)
    return folder


# --- the checks -------------------------------------------------------------------------


def check_rules(root: Path, lang: str = "id", today: date | None = None) -> list[FileResult]:
    """Every problem of the rules folder `root`: one FileResult per rules file (path = the file),
    in reading order; a file without problems has no findings."""
    root = Path(root)
    if not root.is_dir():
        folder = RulesFolder(root, lang)
        folder.report(None, "rules.folder-missing", path=root)
        return [FileResult(path=str(root), findings=folder.files[None])]
    folder = read_folder(root, lang)
    _check_settings(folder)
    _check_registry(folder)
    chart = _check_charts(folder)
    rule_ids = _check_catalogue(folder)
    _check_schemas(folder, rule_ids)
    _check_rule_ids(folder, rule_ids)
    _check_template(folder, chart)
    _check_waivers(folder, rule_ids, today or date.today())
    return [FileResult(path=str(root / name), findings=findings) for name, findings in folder.files.items()]


def _check_settings(folder: RulesFolder) -> None:
    settings = folder.settings
    if settings is None:
        return
    name, lang = SETTINGS_FILE, folder.lang
    for key, (required, _default, kind) in SETTINGS.items():
        if settings.get(key) in (None, ""):
            if required:
                folder.report(name, "rules.setting-missing", key=key)
            continue
        expected = _check_setting(settings[key], kind, lang)
        if expected:
            folder.report(name, "rules.setting-invalid", row=_line_of(settings, key), value=settings[key],
                          expected=expected, key=key)
    for key in settings:
        if key not in SETTINGS:
            folder.report(name, "rules.setting-unknown", row=_line_of(settings, key), value=key,
                          expected=", ".join(SETTINGS), key=key)


def _check_setting(value, kind: str, lang: str) -> str | None:
    """What the value should be, when it is not; None when it is fine."""
    if kind == "text":
        return None if _text_setting(value) else _t(lang, "teks", "text")
    if kind == "text-list":
        ok = _text_setting(value) or (isinstance(value, list) and value and all(map(_text_setting, value)))
        return None if ok else _t(lang, "nama berkas atau daftar nama berkas", "a file name or a list of file names")
    number = _number(value)
    if kind in ("tolerance", "percent"):
        high = MAX_TOLERANCE_RUPIAH if kind == "tolerance" else 100
        ok = number is not None and 0 <= number <= high
        return None if ok else _t(lang, f"angka 0 sampai {high}", f"a number 0 to {high}")
    high = MAX_LIMIT if kind == "limit" else LAST_DEADLINE_DAY  # the other kind is "day"
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= high
    return None if ok else _t(lang, f"bilangan bulat 1 sampai {group_thousands(high)}", f"an integer 1 to {high:,}")


def _number(value) -> Decimal | None:
    """A finite number from YAML (int/float) or CSV text; None otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_registry(folder: RulesFolder) -> None:
    if folder.registry is None:
        return
    name = folder.setting("registri")
    check_registry(folder.registry, lambda check, _column, **found: folder.report(name, check, **found))


def check_registry(rows: list[CsvRow], report: Callable[..., None]) -> None:
    """The registry checks (rules.registry-*) on `rows`, whose cells are the stripped texts of
    REGISTRY_COLUMNS. Each problem goes to `report(check, column, row=..., value=..., ...)`, with
    `column` the registry column it is about. `rules check` runs them on a rules folder's
    registry; `bludcli init` on a registry before it writes it."""
    first: dict[str, int] = {}
    for row in rows:
        cells, line = row.cells, row.line
        kode = cells["kode_blud"]
        if not kode:
            report("rules.registry-code-missing", "kode_blud", row=line)
        elif kode.upper() in first:
            report("rules.registry-duplicate", "kode_blud", row=line, value=kode, first=first[kode.upper()])
        else:
            first[kode.upper()] = line
        if not cells["nama"]:
            report("rules.registry-name-missing", "nama", row=line, value=kode)
        if cells["jenis"] not in JENIS:
            report("rules.registry-jenis", "jenis", row=line, value=cells["jenis"], expected=", ".join(JENIS))
        threshold = _number(cells["ambang_batas_persen"])
        if threshold is None or not 0 <= threshold <= 100:
            report("rules.registry-threshold", "ambang_batas_persen", row=line, value=cells["ambang_batas_persen"],
                   expected="0-100")
        if not _MONTH.fullmatch(cells["aktif_sejak"]):
            report("rules.registry-period", "aktif_sejak", row=line, value=cells["aktif_sejak"], expected="YYYY-MM")


def _check_charts(folder: RulesFolder) -> dict[Code, tuple[str, int]] | None:
    """The chart's codes -> (file, line); None when a chart file could not be read."""
    chart: dict[Code, tuple[str, int]] = {}
    for name, rows in folder.charts.items():
        for row in rows:
            text = row.cells["kode"]
            code = parse_code(text) if _CODE_TEXT.fullmatch(text) else None
            if code is None:
                folder.report(name, "rules.chart-code-invalid", row=row.line, value=text)
                continue
            if code in chart:
                where = f"{chart[code][0]}:{chart[code][1]}"
                folder.report(name, "rules.chart-duplicate", row=row.line, value=text, first=where)
                continue
            chart[code] = (name, row.line)
            if row.cells["level"] != str(len(code)):
                folder.report(name, "rules.chart-level", row=row.line, value=row.cells["level"],
                              expected=len(code), code=text)
            if not row.cells["uraian"]:
                folder.report(name, "rules.chart-name-missing", row=row.line, value=text)
    for name, rows in folder.charts.items():
        for row in rows:
            code = parse_code(row.cells["kode"]) if _CODE_TEXT.fullmatch(row.cells["kode"]) else None
            if code and len(code) > 1 and code[:-1] not in chart and chart.get(code) == (name, row.line):
                parent = row.cells["kode"].rsplit(".", 1)[0]
                folder.report(name, "rules.chart-parent-missing", row=row.line, value=row.cells["kode"],
                              expected=parent)
    names = chart_names(folder)
    return chart if names and len(folder.charts) == len(names) else None


def _check_catalogue(folder: RulesFolder) -> dict[str, int | None] | None:
    """The catalogue's rule ids -> their lines; None when the catalogue could not be read."""
    if folder.catalogue is None:
        return None
    name, lang = folder.setting("katalog"), folder.lang
    first: dict[str, int | None] = {}
    for index, entry in enumerate(folder.catalogue, 1):
        line = _line_of(entry)
        if not isinstance(entry, dict):
            folder.report(name, "rules.catalogue-invalid", row=line, value=entry,
                          reason=_t(lang, f"aturan ke-{index} bukan pemetaan", f"rule {index} is not a mapping"))
            continue
        rule_id = entry.get("id")
        if not _text_setting(rule_id):
            folder.report(name, "rules.rule-id-missing", row=line)
            rule_id = f"#{index}"
        elif rule_id in first:
            folder.report(name, "rules.rule-duplicate", row=line, value=rule_id, first=first[rule_id])
        else:
            first[rule_id] = line
        if entry.get("severity") not in SEVERITIES:
            folder.report(name, "rules.rule-severity", row=_line_of(entry, "severity"), value=entry.get("severity"),
                          expected="error|warning", rule=rule_id)
        for part, language in _missing_texts(entry, ("message", "hint")):
            folder.report(name, "rules.catalogue-text-missing", row=_line_of(entry, part),
                          value=f"{part}.{language}", rule=rule_id)
        # Optional to load, so one warning a rule; not for a copy to delete or a rule without an id.
        if first.get(rule_id) == line and (missing := _missing_texts(entry, ("why", "example"))):
            folder.report(name, "rules.catalogue-explanation-missing", row=_line_of(entry, missing[0][0]),
                          value=", ".join(f"{part}.{language}" for part, language in missing), rule=rule_id)
    return first


def _check_rule_ids(folder: RulesFolder, rule_ids: dict[str, int | None] | None) -> None:
    """The rules bludcli reports that the catalogue lacks, and its rules that nothing reports."""
    if rule_ids is None:
        return
    name = folder.setting("katalog")
    schema_ids = {rule for doc in folder.schemas.values() for rule in schema_rule_ids(doc.get("rules"))}
    missing, unknown = catalogue_gaps(rule_ids, schema_ids)
    for rule in missing:
        folder.report(name, "rules.rule-missing", value=rule)
    for rule in unknown:
        folder.report(name, "rules.rule-unknown", row=rule_ids[rule], value=rule)


def _missing_texts(entry: dict, parts: tuple[str, ...]) -> list[tuple[str, str]]:
    """(part, language) of each text of `parts` that the catalogue entry lacks."""
    return [(part, language) for part in parts for language in LANGS
            if not _text_setting(entry[part].get(language) if isinstance(entry.get(part), dict) else None)]


def check_definitions() -> dict[str, RuleDef]:
    """The rules.* findings as rule definitions, like the catalogue's (for `bludcli explain` and
    the rule reference)."""

    def texts(pair: tuple[str, str]) -> dict[str, str]:
        return dict(zip(LANGS, pair))

    return {rule: RuleDef(rule, check.severity, texts(check.message), texts(check.hint), texts(check.why),
                          texts(check.example))
            for rule, check in CHECKS.items()}


def _check_schemas(folder: RulesFolder, rule_ids: set[str] | None) -> None:
    lang = folder.lang
    for schema, doc in folder.schemas.items():
        name = f"{folder.setting('skema')}/{schema}.yaml"

        def invalid(reason_id: str, reason_en: str, key=None, where=doc) -> None:
            folder.report(name, "rules.schema-invalid", row=_line_of(where, key), reason=_t(lang, reason_id, reason_en))

        if not _text_setting(doc.get("sheet")):
            invalid("kunci 'sheet' wajib berisi nama sheet", "key 'sheet' must hold the sheet name", "sheet")
        required_for = doc.get("required_for", "all")
        kinds = [required_for] if isinstance(required_for, str) else required_for
        if not isinstance(kinds, list) or any(k != "all" and k not in JENIS for k in kinds):
            invalid(f"required_for harus 'all' atau daftar dari {', '.join(JENIS)}",
                    f"required_for must be 'all' or a list of {', '.join(JENIS)}", "required_for")
        main = "fields" if "fields" in doc else "columns"
        for section in (main, "row_labels", "computed_rows"):
            if section in doc or section == main:
                _check_fields(doc, section, invalid)
        for section in ("header_keys", "groups", "opening_labels", "closing_labels"):
            if section in doc and not isinstance(doc[section], list):
                invalid(f"'{section}' harus daftar", f"'{section}' must be a list", section)
        if "header_min" in doc and (not isinstance(doc["header_min"], int) or isinstance(doc["header_min"], bool)):
            invalid("'header_min' harus bilangan bulat", "'header_min' must be an integer", "header_min")
        rules = doc.get("rules", {})
        if not isinstance(rules, dict) or not all(isinstance(c, dict) for c in rules.values()):
            invalid("'rules' harus pemetaan kolom -> cek -> id aturan",
                    "'rules' must map column -> check -> rule id", "rules")
        else:
            for checks in rules.values():
                for check, rule in checks.items():
                    if rule_ids is not None and rule not in rule_ids:
                        folder.report(name, "rules.schema-rule-unknown", row=_line_of(checks, check), value=rule)
        if doc.get("pandera") is not None:
            reason = _pandera_problem(doc["pandera"])
            if reason:
                invalid(f"skema pandera: {reason}", f"pandera schema: {reason}", "pandera")


def _check_fields(doc: dict, section: str, invalid) -> None:
    spec = doc.get(section)
    if not isinstance(spec, dict) or not spec:
        invalid(f"'{section}' harus pemetaan yang tidak kosong", f"'{section}' must be a non-empty mapping", section)
        return
    for key, item in spec.items():
        if not isinstance(item, dict) or not _text_setting(item.get("label")):
            invalid(f"{section}.{key}: perlu 'label'", f"{section}.{key}: needs a 'label'", key, spec)
        elif not isinstance(aliases := item.get("aliases", []), list) or not all(
                _text_setting(str(a)) for a in aliases):
            invalid(f"{section}.{key}: 'aliases' harus daftar teks",
                    f"{section}.{key}: 'aliases' must be a list of text", key, spec)


def _pandera_problem(spec) -> str | None:
    try:
        from pandera.io.pandas_io import deserialize_schema

        deserialize_schema(_plain(spec))
    except Exception as exc:  # noqa: BLE001 - pandera raises many kinds
        return str(exc) or type(exc).__name__
    return None


def _plain(value):
    """LineDicts back to plain dicts (for libraries that check types exactly)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def template_lists(document) -> dict | None:
    """The template's mapping jenis -> codes: the document itself, or the one mapping it wraps
    (`akun: {RSUD: [...], ...}`)."""
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("akun"), dict):
        return document["akun"]
    if len(document) == 1 and not set(document) & set(JENIS):
        (inner,) = document.values()
        if isinstance(inner, dict):
            return inner
    return document


def _check_template(folder: RulesFolder, chart: dict | None) -> None:
    if folder.template is None:
        return
    lang, name = folder.lang, TEMPLATE_FILE
    lists = template_lists(folder.template)
    for jenis, codes in lists.items():
        row = _line_of(lists, jenis)
        if jenis not in JENIS:
            folder.report(name, "rules.template-invalid", row=row, value=jenis, expected=", ".join(JENIS),
                          reason=_t(lang, f"jenis '{jenis}' tidak dikenal", f"unknown jenis '{jenis}'"))
            continue
        if not isinstance(codes, list):
            folder.report(name, "rules.template-invalid", row=row, expected=", ".join(JENIS),
                          reason=_t(lang, f"{jenis}: harus daftar kode", f"{jenis}: must be a list of codes"))
            continue
        for code in codes:
            if not isinstance(code, str) or parse_code(code) is None or not _CODE_TEXT.fullmatch(code.strip()):
                folder.report(name, "rules.template-invalid", row=row, value=code, expected=", ".join(JENIS),
                              reason=_t(lang, f"{jenis}: kode '{code}' harus teks berupa angka dan titik",
                                        f"{jenis}: code '{code}' must be text of digits and dots"))
            elif chart is not None and parse_code(code) not in chart:
                folder.report(name, "rules.template-account-unknown", row=row, value=code, jenis=jenis)


def _check_waivers(folder: RulesFolder, rule_ids: set[str] | None, today: date) -> None:
    if folder.waivers is None:
        return
    lang, name = folder.lang, WAIVERS_FILE
    waivers = folder.waivers.get("pengecualian") or []
    if not isinstance(waivers, list):
        folder.report(name, "rules.waiver-invalid", row=_line_of(folder.waivers, "pengecualian"),
                      reason=_t(lang, "kunci 'pengecualian' harus daftar", "key 'pengecualian' must be a list"))
        return
    registry = None if folder.registry is None else {row.cells["kode_blud"].upper() for row in folder.registry}
    for waiver in waivers:
        row = _line_of(waiver)

        def invalid(reason_id: str, reason_en: str, key=None, value=None) -> None:
            folder.report(name, "rules.waiver-invalid", row=_line_of(waiver, key) if key else row, value=value,
                          reason=_t(lang, reason_id, reason_en))

        if not isinstance(waiver, dict):
            invalid("setiap pengecualian harus pemetaan", "each waiver must be a mapping", value=waiver)
            continue
        missing = [key for key in WAIVER_KEYS if waiver.get(key) in (None, "")]
        if missing:
            invalid(f"kunci kosong atau tidak ada: {', '.join(missing)}",
                    f"empty or missing keys: {', '.join(missing)}")
        rule = waiver.get("aturan")
        if rule and rule_ids is not None and rule not in rule_ids:
            folder.report(name, "rules.waiver-rule-unknown", row=_line_of(waiver, "aturan"), value=rule)
        kode = waiver.get("kode_blud")
        if kode and registry is not None and str(kode).upper() not in registry:
            folder.report(name, "rules.waiver-blud-unknown", row=_line_of(waiver, "kode_blud"), value=kode)
        months = {}
        for key in ("dari", "sampai"):
            value = waiver.get(key)
            if value not in (None, ""):
                if isinstance(value, str) and _MONTH.fullmatch(value):
                    months[key] = value
                else:
                    invalid(f"'{key}' harus bulan YYYY-MM", f"'{key}' must be a month YYYY-MM", key, value)
        if len(months) == 2 and months["dari"] > months["sampai"]:
            folder.report(name, "rules.waiver-period", row=_line_of(waiver, "dari"), value=months["dari"],
                          expected=months["sampai"])
        until = _day(waiver.get("berlaku_hingga"))
        if waiver.get("berlaku_hingga") not in (None, "") and until is None:
            invalid("'berlaku_hingga' harus tanggal YYYY-MM-DD", "'berlaku_hingga' must be a date YYYY-MM-DD",
                    "berlaku_hingga", waiver.get("berlaku_hingga"))
        elif until is not None and until < today:
            folder.report(name, "rules.waiver-expired", row=_line_of(waiver, "berlaku_hingga"),
                          value=until.isoformat(), rule=rule, kode=kode)


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
