"""`bludcli rules check`: prove a district's rules folder sound, reporting every problem found.

`load_district` stops at the first problem; this module reads each file of the folder leniently,
checks its shape and its content, and reports each problem as a Finding with a stable rule id
of its own (`rules.*`). The texts of those findings live in CHECKS below, not in the district's
rule catalogue: the catalogue is one of the files being checked and may itself be broken.

`read_folder` (the lenient reader) is shared with `bludcli.rules_diff`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bludcli.config import JENIS, LANGS, SEVERITIES, WAIVERS_FILE
from bludcli.findings import FileResult, Finding
from bludcli.values import Code, parse_code

SETTINGS_FILE = "pengaturan.yaml"
TEMPLATE_FILE = "template-akun.yaml"
SCHEMA_NAMES = ("identitas", "lra", "bku", "kapitasi")
REGISTRY_COLUMNS = ("kode_blud", "nama", "jenis", "ambang_batas_persen", "aktif_sejak")
CHART_COLUMNS = ("kode", "uraian", "level")
WAIVER_KEYS = ("aturan", "kode_blud", "dari", "sampai", "alasan", "berlaku_hingga")
MAX_TOLERANCE_RUPIAH = Decimal(1000)  # a tolerance above this hides real differences

# Settings: key -> (required, default, kind). Kinds are checked by _check_setting.
SETTINGS = {
    "daerah": (False, None, "text"),
    "registri": (True, None, "text"),
    "bagan_akun": (True, None, "text-list"),
    "katalog": (False, "katalog-aturan.yaml", "text"),
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

# rule id -> (severity, (message id, message en), (hint id, hint en)); {placeholders} from the check.
CHECKS: dict[str, tuple[str, tuple[str, str], tuple[str, str]]] = {
    # --- files ---
    "rules.folder-missing": ("error", (
        "Folder aturan tidak ada: {path}",
        "The rules folder does not exist: {path}",
    ), (
        "Periksa jalur folder aturan (--rules atau argumen DIR).",
        "Check the path of the rules folder (--rules or the DIR argument).",
    )),
    "rules.file-missing": ("error", (
        "Berkas '{name}' tidak ada di folder aturan",
        "The file '{name}' is missing from the rules folder",
    ), (
        "Salin berkas itu dari folder aturan bawaan, atau perbaiki namanya di pengaturan.yaml.",
        "Copy the file from the bundled rules folder, or fix its name in pengaturan.yaml.",
    )),
    "rules.yaml-invalid": ("error", (
        "YAML tidak sah: {reason}",
        "Invalid YAML: {reason}",
    ), (
        "Perbaiki penulisan YAML (indentasi, tanda kutip, titik dua) pada baris yang disebut.",
        "Fix the YAML syntax (indentation, quotes, colons) at the line named.",
    )),
    "rules.csv-invalid": ("error", (
        "CSV tidak terbaca: {reason}",
        "Unreadable CSV: {reason}",
    ), (
        "Simpan berkas sebagai CSV UTF-8 dengan pemisah koma.",
        "Save the file as UTF-8 CSV separated by commas.",
    )),
    "rules.csv-columns-missing": ("error", (
        "Kolom wajib tidak ada: {columns}",
        "Required columns are missing: {columns}",
    ), (
        "Baris pertama harus memuat judul kolom: {expected}.",
        "The first line must hold the column headings: {expected}.",
    )),
    # --- settings ---
    "rules.setting-missing": ("error", (
        "Pengaturan wajib '{key}' tidak ada",
        "The required setting '{key}' is missing",
    ), (
        "Tambahkan '{key}' ke pengaturan.yaml (lihat folder aturan bawaan).",
        "Add '{key}' to pengaturan.yaml (see the bundled rules folder).",
    )),
    "rules.setting-invalid": ("error", (
        "Pengaturan '{key}' tidak sah: {value}",
        "The setting '{key}' is invalid: {value}",
    ), (
        "'{key}' harus {expected}.",
        "'{key}' must be {expected}.",
    )),
    "rules.setting-unknown": ("warning", (
        "Pengaturan '{key}' tidak dikenal dan diabaikan",
        "The setting '{key}' is unknown and ignored",
    ), (
        "Periksa ejaan kuncinya; kunci yang dikenal: {expected}.",
        "Check the key's spelling; known keys: {expected}.",
    )),
    # --- registry ---
    "rules.registry-code-missing": ("error", (
        "kode_blud kosong",
        "Empty kode_blud",
    ), (
        "Isi kode_blud setiap BLUD, atau hapus baris kosong.",
        "Fill in the kode_blud of every BLUD, or delete the empty line.",
    )),
    "rules.registry-duplicate": ("error", (
        "kode_blud '{value}' ganda (sudah ada di baris {first})",
        "Duplicate kode_blud '{value}' (already on line {first})",
    ), (
        "Setiap BLUD harus punya kode unik; hapus atau ganti salah satunya.",
        "Each BLUD needs a unique code; delete or change one of them.",
    )),
    "rules.registry-jenis": ("error", (
        "Jenis BLUD '{value}' tidak dikenal",
        "Unknown kind of BLUD '{value}'",
    ), (
        "jenis harus salah satu dari: {expected}.",
        "jenis must be one of: {expected}.",
    )),
    "rules.registry-threshold": ("error", (
        "ambang_batas_persen '{value}' bukan angka 0-100",
        "ambang_batas_persen '{value}' is not a number 0-100",
    ), (
        "Tulis ambang batas sebagai angka persen antara 0 dan 100, tanpa tanda %.",
        "Write the threshold as a percentage between 0 and 100, without a % sign.",
    )),
    "rules.registry-period": ("error", (
        "aktif_sejak '{value}' bukan bulan YYYY-MM",
        "aktif_sejak '{value}' is not a month YYYY-MM",
    ), (
        "Tulis bulan mulai aktif sebagai tahun-bulan, misalnya 2024-01.",
        "Write the first active month as year-month, e.g. 2024-01.",
    )),
    "rules.registry-name-missing": ("warning", (
        "Nama BLUD '{value}' kosong",
        "The name of BLUD '{value}' is empty",
    ), (
        "Isi kolom nama agar laporan dan rekap menyebut BLUD dengan jelas.",
        "Fill in the nama column so that reports and recaps name the BLUD clearly.",
    )),
    # --- chart of accounts ---
    "rules.chart-code-invalid": ("error", (
        "Kode rekening '{value}' tidak sah",
        "Invalid account code '{value}'",
    ), (
        "Kode rekening hanya berisi angka yang dipisah titik, misalnya 4.1.04.16.01.0001.",
        "An account code holds only digits separated by dots, e.g. 4.1.04.16.01.0001.",
    )),
    "rules.chart-duplicate": ("error", (
        "Kode rekening '{value}' ganda (sudah ada di {first})",
        "Duplicate account code '{value}' (already in {first})",
    ), (
        "Setiap kode rekening hanya boleh muncul sekali di seluruh bagan akun.",
        "Each account code may appear only once across the whole chart of accounts.",
    )),
    "rules.chart-parent-missing": ("error", (
        "Induk '{expected}' dari kode rekening '{value}' tidak ada",
        "The parent '{expected}' of account code '{value}' is missing",
    ), (
        "Tambahkan rekening induknya ke bagan akun, atau perbaiki kodenya.",
        "Add the parent account to the chart, or fix the code.",
    )),
    "rules.chart-level": ("warning", (
        "Level '{value}' tidak sesuai dengan jumlah segmen kode '{code}'",
        "Level '{value}' does not match the number of segments of code '{code}'",
    ), (
        "Level adalah jumlah segmen kode: {expected}.",
        "The level is the number of segments of the code: {expected}.",
    )),
    "rules.chart-name-missing": ("warning", (
        "Uraian kode rekening '{value}' kosong",
        "The uraian of account code '{value}' is empty",
    ), (
        "Isi uraian agar pesan dan rekap menyebut rekening dengan jelas.",
        "Fill in the uraian so that messages and recaps name the account clearly.",
    )),
    # --- rule catalogue ---
    "rules.catalogue-invalid": ("error", (
        "Katalog aturan tidak sah: {reason}",
        "Invalid rule catalogue: {reason}",
    ), (
        "Katalog berisi kunci 'rules' dengan daftar aturan (id, severity, message, hint).",
        "The catalogue holds a key 'rules' with a list of rules (id, severity, message, hint).",
    )),
    "rules.rule-id-missing": ("error", (
        "Aturan tanpa id",
        "A rule without an id",
    ), (
        "Setiap aturan perlu 'id' (misalnya lra.budget-negative).",
        "Every rule needs an 'id' (e.g. lra.budget-negative).",
    )),
    "rules.rule-duplicate": ("error", (
        "Id aturan '{value}' ganda (sudah ada di baris {first})",
        "Duplicate rule id '{value}' (already on line {first})",
    ), (
        "Id aturan harus unik; hapus salinannya.",
        "Rule ids must be unique; delete the copy.",
    )),
    "rules.rule-severity": ("error", (
        "Severity aturan '{rule}' tidak sah: '{value}'",
        "Invalid severity of rule '{rule}': '{value}'",
    ), (
        "severity harus error atau warning.",
        "severity must be error or warning.",
    )),
    "rules.catalogue-text-missing": ("error", (
        "Aturan '{rule}' tidak punya teks {value}",
        "Rule '{rule}' has no text {value}",
    ), (
        "Setiap aturan perlu message dan hint dalam bahasa Indonesia (id) dan Inggris (en).",
        "Every rule needs a message and a hint in Indonesian (id) and English (en).",
    )),
    # --- table schemas ---
    "rules.schema-invalid": ("error", (
        "Skema tidak sah: {reason}",
        "Invalid schema: {reason}",
    ), (
        "Bandingkan dengan skema bawaan: sheet, columns/fields (label, aliases), rules, pandera.",
        "Compare with the bundled schema: sheet, columns/fields (label, aliases), rules, pandera.",
    )),
    "rules.schema-rule-unknown": ("error", (
        "Skema memakai aturan '{value}' yang tidak ada di katalog",
        "The schema uses rule '{value}' which is not in the catalogue",
    ), (
        "Tambahkan aturan itu ke katalog-aturan.yaml atau perbaiki id-nya.",
        "Add the rule to katalog-aturan.yaml or fix its id.",
    )),
    # --- template accounts ---
    "rules.template-invalid": ("error", (
        "Daftar akun template tidak sah: {reason}",
        "Invalid template account list: {reason}",
    ), (
        "Per jenis BLUD ({expected}) satu daftar kode rekening bertanda kutip, misalnya \"4.1.04.16.01.0001\".",
        "Per kind of BLUD ({expected}) one list of quoted account codes, e.g. \"4.1.04.16.01.0001\".",
    )),
    "rules.template-account-unknown": ("error", (
        "Akun template '{value}' ({jenis}) tidak ada di bagan akun",
        "Template account '{value}' ({jenis}) is not in the chart of accounts",
    ), (
        "Tambahkan rekening itu ke bagan akun atau perbaiki kodenya di template-akun.yaml.",
        "Add the account to the chart or fix its code in template-akun.yaml.",
    )),
    # --- waivers ---
    "rules.waiver-invalid": ("error", (
        "Pengecualian tidak sah: {reason}",
        "Invalid waiver: {reason}",
    ), (
        "Setiap pengecualian perlu aturan, kode_blud, dari, sampai (YYYY-MM), alasan dan berlaku_hingga (YYYY-MM-DD).",
        "Every waiver needs aturan, kode_blud, dari, sampai (YYYY-MM), alasan and berlaku_hingga (YYYY-MM-DD).",
    )),
    "rules.waiver-rule-unknown": ("error", (
        "Pengecualian untuk aturan '{value}' yang tidak ada di katalog",
        "Waiver for rule '{value}' which is not in the catalogue",
    ), (
        "Pakai id aturan dari katalog-aturan.yaml (lihat docs/rules.md).",
        "Use a rule id from katalog-aturan.yaml (see docs/rules.md).",
    )),
    "rules.waiver-blud-unknown": ("error", (
        "Pengecualian untuk BLUD '{value}' yang tidak ada di registri",
        "Waiver for BLUD '{value}' which is not in the registry",
    ), (
        "Pakai kode_blud dari registri BLUD.",
        "Use a kode_blud from the BLUD registry.",
    )),
    "rules.waiver-period": ("error", (
        "Periode pengecualian terbalik: dari {value} sesudah sampai {expected}",
        "Waiver period reversed: dari {value} is after sampai {expected}",
    ), (
        "'dari' harus sama dengan atau sebelum 'sampai'.",
        "'dari' must be the same as or before 'sampai'.",
    )),
    "rules.waiver-expired": ("warning", (
        "Pengecualian aturan '{rule}' untuk {kode} sudah kedaluwarsa ({value})",
        "The waiver of rule '{rule}' for {kode} has expired ({value})",
    ), (
        "Hapus pengecualian itu, atau perpanjang berlaku_hingga bila masih disetujui.",
        "Delete the waiver, or extend berlaku_hingga if it is still approved.",
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
    the files were read. A piece that could not be read is None (or empty)."""

    root: Path
    lang: str
    files: dict[str, list[Finding]] = field(default_factory=dict)
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
               **params) -> None:
        """Add the finding `check` (an id of CHECKS) about `file`; `params` fill its texts."""
        severity, message, hint = CHECKS[check]
        index = 1 if self.lang == "en" else 0
        params = {"value": value, "expected": expected, **params}
        self.files.setdefault(file, []).append(Finding(
            rule=check, severity=severity, sheet=file, row=row, column=None,
            message=message[index].format(**params), hint=hint[index].format(**params),
            value=None if value is None else str(value),
            expected=None if expected is None else str(expected),
        ))  # fmt: skip

    def load_yaml(self, name: str, optional: bool = False):
        """The document of a YAML file; None (and a finding) when it is missing or unreadable."""
        import yaml

        self.files.setdefault(name, [])
        path = self.root / name
        if not path.is_file():
            if optional:
                del self.files[name]
            else:
                self.report(name, "rules.file-missing", name=name)
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                return yaml.load(fh, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self.report(name, "rules.yaml-invalid", row=mark.line + 1 if mark else None,
                        reason=exc.problem or str(exc))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            self.report(name, "rules.yaml-invalid", reason=str(exc))
        return None

    def load_mapping(self, name: str, optional: bool = False) -> dict | None:
        data = self.load_yaml(name, optional)
        if data is None or isinstance(data, dict):
            return data
        self.report(name, "rules.yaml-invalid", reason=_t(self.lang, "harus berupa pemetaan YAML",
                                                          "must be a YAML mapping"))
        return None

    def load_csv(self, name: str, columns: tuple[str, ...]) -> list[CsvRow] | None:
        self.files.setdefault(name, [])
        path = self.root / name
        if not path.is_file():
            self.report(name, "rules.file-missing", name=name)
            return None
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = [c for c in columns if c not in (reader.fieldnames or [])]
                if missing:
                    self.report(name, "rules.csv-columns-missing", row=1, value=",".join(reader.fieldnames or []),
                                expected=",".join(columns), columns=", ".join(missing))
                    return None
                rows = []
                for cells in reader:
                    rows.append(CsvRow(reader.line_num, {k: (cells.get(k) or "").strip() for k in columns}))
                return rows
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            self.report(name, "rules.csv-invalid", reason=str(exc))
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
                folder.report(catalogue, "rules.catalogue-invalid", row=_line_of(document, "rules"),
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
    if kind == "limit":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return None if ok else _t(lang, "bilangan bulat ≥ 1", "an integer ≥ 1")
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 28
    return None if ok else _t(lang, "bilangan bulat 1 sampai 28", "an integer 1 to 28")


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
    first: dict[str, int] = {}
    for row in folder.registry:
        cells = row.cells
        kode = cells["kode_blud"]
        if not kode:
            folder.report(name, "rules.registry-code-missing", row=row.line)
        elif kode.upper() in first:
            folder.report(name, "rules.registry-duplicate", row=row.line, value=kode, first=first[kode.upper()])
        else:
            first[kode.upper()] = row.line
        if not cells["nama"]:
            folder.report(name, "rules.registry-name-missing", row=row.line, value=kode)
        if cells["jenis"] not in JENIS:
            folder.report(name, "rules.registry-jenis", row=row.line, value=cells["jenis"], expected=", ".join(JENIS))
        threshold = _number(cells["ambang_batas_persen"])
        if threshold is None or not 0 <= threshold <= 100:
            folder.report(name, "rules.registry-threshold", row=row.line, value=cells["ambang_batas_persen"],
                          expected="0-100")
        if not _MONTH.fullmatch(cells["aktif_sejak"]):
            folder.report(name, "rules.registry-period", row=row.line, value=cells["aktif_sejak"], expected="YYYY-MM")


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


def _check_catalogue(folder: RulesFolder) -> set[str] | None:
    """The catalogue's rule ids; None when the catalogue could not be read."""
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
        for part in ("message", "hint"):
            texts = entry.get(part)
            for language in LANGS:
                text = texts.get(language) if isinstance(texts, dict) else None
                if not _text_setting(text):
                    folder.report(name, "rules.catalogue-text-missing", row=_line_of(entry, part),
                                  value=f"{part}.{language}", rule=rule_id)
    return set(first)


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
