"""Load a district's rules folder: settings, registry, chart of accounts, rule catalogue, table schemas."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from bludcli.values import Code, format_code, normalize_label, parse_code, parse_text
from bludcli.workbook import Limits

JENIS = ("RSUD", "Puskesmas", "Labkesda")
SEVERITIES = ("error", "warning")
LANGS = ("id", "en")
TEMPLATE_VERSION = "v1"  # the contract this bludcli reads: template-v1
WAIVERS_FILE = "pengecualian.yaml"
CATALOGUE_FILE = "katalog-aturan.yaml"  # the default of the `katalog` setting
# Deadlines are days on the district's calendar, and times are shown to its staff, in WIB
# (UTC+7), the zone of most districts; the ledger records received times in UTC.
DISTRICT_TZ = timezone(timedelta(hours=7), "WIB")
MAX_TOLERANCE_RUPIAH = 1000  # a tolerance above this hides real differences
LAST_DEADLINE_DAY = 28  # the last day that every month has
MAX_LIMIT = 10**9  # the largest value of a limit setting (batas_*)
# Settings of the limits on one file, in the order of workbook.Limits, with their defaults.
LIMIT_SETTINGS = {"batas_ukuran_mb": 200, "batas_baris": 500_000, "batas_kolom": 500, "batas_detik": 300}


class ConfigError(Exception):
    """A rules folder that cannot be used; names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@lru_cache(maxsize=4096)
def label_key(text) -> str:
    """How labels are compared: case, spacing and punctuation ignored; a unit '(Rp)' dropped;
    '%' is 'persen', 'sampai dengan' is 's.d.'."""
    text = _RUPIAH_UNIT.sub(" ", parse_text(text)).replace("%", " persen ")
    return normalize_label(text).replace("sampaidengan", "sd")


_RUPIAH_UNIT = re.compile(r"\(\s*rp\.?\s*\)|\brp\.?\s*$", re.IGNORECASE)  # "Anggaran (Rp)", "Saldo Rp"


@dataclass(frozen=True, slots=True)
class Blud:
    kode: str
    nama: str
    jenis: str
    ambang_batas_persen: Decimal
    aktif_sejak: tuple[int, int]  # (year, month)


@dataclass(frozen=True, slots=True)
class RuleDef:
    id: str
    severity: str
    message: dict[str, str]
    hint: dict[str, str]
    # Why the rule exists and a worked example, per language; optional (an older catalogue lacks
    # them: `bludcli rules check` warns, `bludcli explain` says they are missing).
    why: dict[str, str] = field(default_factory=dict)
    example: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    keys: frozenset[str]  # label_key of the label and its aliases
    required: bool


@dataclass(slots=True)
class TableSchema:
    """The shape of one sheet: its fields (columns or labelled rows) and per-column checks."""

    sheet: str
    required_for: tuple[str, ...]  # jenis for which the sheet is required; ("all",) for every BLUD
    fields: dict[str, Field]
    header_keys: tuple[str, ...] = ()
    header_min: int = 0  # how many known column labels a header row holds at least
    groups: frozenset[str] = frozenset()
    row_labels: dict[str, Field] = field(default_factory=dict)
    rules: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> check name -> rule id
    pandera: object | None = None
    extra: dict = field(default_factory=dict)

    def required_by(self, jenis: str | None) -> bool:
        return "all" in self.required_for or jenis in self.required_for


@dataclass(frozen=True, slots=True)
class Waiver:
    """A rule the district does not apply to one BLUD for a range of months, until a date."""

    aturan: str
    kode_blud: str
    dari: tuple[int, int]  # (year, month), inclusive
    sampai: tuple[int, int]
    alasan: str
    berlaku_hingga: date

    def covers(self, rule: str, kode_blud: str | None, period: tuple[int, int] | None, today: date) -> bool:
        return (rule == self.aturan and kode_blud == self.kode_blud and period is not None
                and self.dari <= period <= self.sampai and today <= self.berlaku_hingga)


@dataclass(slots=True)
class District:
    root: Path
    daerah: str
    registry: dict[str, Blud]
    chart: dict[Code, str]  # code -> uraian (its level is the code's length)
    rules: dict[str, RuleDef]
    schemas: dict[str, TableSchema]
    tolerance_sen: int
    min_jasa_share: Decimal  # percent
    deadline_day: int
    template_version: str = TEMPLATE_VERSION  # the version a report's `Versi Template` should name
    limits: Limits = field(default_factory=Limits)
    waivers: list[Waiver] = field(default_factory=list)


def default_rules_dir() -> Path:
    """The bundled district: installed beside the package as `default_rules/`, or `rules/` of a
    source checkout (an editable install)."""
    package = Path(__file__).resolve().parent
    installed = package / "default_rules"
    return installed if installed.is_dir() else package.parent / "rules"


def load_district(root: Path | None = None) -> District:
    root = Path(root) if root else default_rules_dir()
    if not root.is_dir():
        raise ConfigError(root, "bukan folder aturan / not a rules folder")
    settings_path = root / "pengaturan.yaml"
    # A key left blank takes its default, as `rules check` reads it.
    settings = {key: value for key, value in read_yaml(settings_path).items() if value not in (None, "")}
    registry_name = _require(settings, "registri", settings_path)
    chart_names = _require(settings, "bagan_akun", settings_path)
    if isinstance(chart_names, str):
        chart_names = [chart_names]
    chart = _load_charts([root / name for name in chart_names])
    district = District(
        root=root,
        daerah=str(settings.get("daerah", "")),
        registry=_load_registry(root / registry_name),
        chart=chart,
        rules=_load_catalogue(root / settings.get("katalog", CATALOGUE_FILE)),
        schemas=_load_schemas(root / settings.get("skema", "skema")),
        tolerance_sen=int(_decimal(settings.get("toleransi_rupiah", 1), settings_path, "toleransi_rupiah",
                                   MAX_TOLERANCE_RUPIAH) * 100),
        min_jasa_share=_decimal(settings.get("porsi_minimal_jasa_pelayanan_persen", 60), settings_path,
                                "porsi_minimal_jasa_pelayanan_persen", 100),
        deadline_day=_int_in(settings.get("batas_hari_laporan", 10), 1, LAST_DEADLINE_DAY, settings_path,
                             "batas_hari_laporan"),
        template_version=str(settings.get("versi_template", TEMPLATE_VERSION)),
        waivers=_load_waivers(root / WAIVERS_FILE),
        limits=Limits(*(_int_in(settings.get(key, default), 1, MAX_LIMIT, settings_path, key)
                        for key, default in LIMIT_SETTINGS.items())),
    )
    for name, schema in district.schemas.items():
        for rule in schema_rule_ids(schema.rules):
            if rule not in district.rules:
                raise ConfigError(root / settings.get("skema", "skema") / f"{name}.yaml",
                                  f"aturan tidak ada di katalog / rule not in the catalogue: {rule}")
    missing, unknown = catalogue_gaps(district.rules, {r for s in district.schemas.values()
                                                        for r in schema_rule_ids(s.rules)})
    if missing:  # a check reporting it would stop at its finding: fail now, naming every id
        renamed = (f" (id tidak boleh diganti; id tak dikenal / ids must not be renamed; unknown ids: "
                   f"{', '.join(unknown)})") if unknown else ""
        raise ConfigError(root / settings.get("katalog", CATALOGUE_FILE),
                          f"id aturan yang dipakai bludcli tidak ada / rule ids bludcli uses are missing: "
                          f"{', '.join(missing)}{renamed}")
    for waiver in district.waivers:  # one that names no rule or BLUD of the district would never apply
        if waiver.aturan not in district.rules or waiver.kode_blud not in district.registry:
            unknown = waiver.aturan if waiver.aturan not in district.rules else waiver.kode_blud
            raise ConfigError(root / WAIVERS_FILE, f"aturan atau BLUD tidak dikenal / unknown rule or BLUD: {unknown}")
    return district


@lru_cache(maxsize=1)
def reported_rule_ids() -> frozenset[str]:
    """The ids of the findings bludcli's checks report: those of the bundled catalogue, which the
    tests keep equal to the ids in the code and in the bundled schemas (docs/rules.md lists them).
    A district may change a rule's severity and texts, never its id."""
    return frozenset(entry["id"] for entry in read_yaml(default_rules_dir() / CATALOGUE_FILE)["rules"])


def schema_rule_ids(rules) -> list[str]:
    """The rule ids of a schema's `rules` (column -> check -> rule id); parts not of that shape are skipped."""
    columns = rules.values() if isinstance(rules, dict) else ()
    return [rule for checks in columns if isinstance(checks, dict) for rule in checks.values()]


def catalogue_gaps(ids, schema_ids) -> tuple[list[str], list[str]]:
    """(missing, unknown) of a district's catalogue holding `ids` (in its order), its schemas
    naming `schema_ids`: the reported ids it lacks (sorted), and its ids that nothing reports
    (usually a renamed or misspelt id). A schema may name a rule of the district's own."""
    reported = reported_rule_ids()
    return sorted(reported.difference(ids)), [rule for rule in ids if rule not in reported and rule not in schema_ids]


def _load_waivers(path: Path) -> list[Waiver]:
    """The district's waivers (optional file); a malformed entry is a ConfigError."""
    if not path.exists():
        return []
    entries = read_yaml(path).get("pengecualian") or []
    if not isinstance(entries, list):
        raise ConfigError(path, "'pengecualian' harus daftar / must be a list")
    waivers = []
    for number, entry in enumerate(entries, 1):
        try:
            waiver = Waiver(str(entry["aturan"]), str(entry["kode_blud"]).upper(), _year_month(entry["dari"]),
                            _year_month(entry["sampai"]), str(entry["alasan"]).strip(),
                            date.fromisoformat(str(entry["berlaku_hingga"])))
        except KeyError as exc:
            raise ConfigError(path, f"pengecualian ke-{number}: kunci {exc} tidak ada / waiver {number}: "
                                    f"key {exc} is missing") from None
        except (TypeError, ValueError) as exc:
            raise ConfigError(path, f"pengecualian ke-{number} tidak sah / waiver {number} is invalid: {exc}") from None
        if not waiver.alasan:
            raise ConfigError(path, f"pengecualian ke-{number}: alasan wajib / waiver {number}: a reason is required")
        waivers.append(waiver)
    return waivers


def _year_month(value) -> tuple[int, int]:
    """'2026-03' (YAML may read it as text) -> (2026, 3)."""
    year, month = (int(part) for part in str(value).split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"bulan / month {month}")
    return year, month


def read_yaml(path: Path) -> dict:
    """A YAML mapping of the rules folder; ConfigError naming the file when it is not one.
    What a file's bytes parse to is remembered (bludcli.cache): PyYAML alone takes longer to
    import than the rest of a start."""
    from bludcli import cache

    content = _read(path, "YAML tidak sah / invalid YAML")
    data = cache.remembered("yaml", content, lambda: _parse_yaml(path, content))
    if not isinstance(data, dict):
        raise ConfigError(path, "harus berupa pemetaan YAML / must be a YAML mapping")
    return data


def _parse_yaml(path: Path, content: bytes):
    import yaml

    try:
        return yaml.load(content.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"YAML tidak sah / invalid YAML: {exc}") from None


def _require(data: dict, key: str, path: Path):
    if data.get(key) in (None, ""):
        raise ConfigError(path, f"kunci '{key}' wajib ada / key '{key}' is required")
    return data[key]


def _decimal(value, path: Path, key: str, high: int | None = None) -> Decimal:
    """A number ≥ 0 (and ≤ `high`) of a rules file; ConfigError naming the key otherwise."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ConfigError(path, f"'{key}' harus angka / must be a number: {value!r}") from None
    if not number.is_finite() or number < 0 or (high is not None and number > high):
        bounds = "≥ 0" if high is None else f"0–{high}"
        raise ConfigError(path, f"'{key}' harus angka {bounds} / must be a number {bounds}: {value!r}")
    return number


def _int_in(value, low: int, high: int, path: Path, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError(path, f"'{key}' harus bilangan bulat {low}–{high} / must be an integer {low}–{high}: {value!r}")
    return value


def _read(path: Path, unreadable: str) -> bytes:
    """The bytes of a rules file; ConfigError naming it when it is missing or `unreadable`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, "berkas tidak ada / file is missing") from None
    except OSError as exc:
        raise ConfigError(path, f"{unreadable}: {exc}") from None


_CSV_UNREADABLE = "CSV tidak terbaca / unreadable CSV"


def _csv_rows(path: Path, columns: tuple[str, ...], content: bytes | None = None) -> list[dict[str, str]]:
    """The rows of a CSV rules file (its `content` when already read)."""
    if content is None:
        content = _read(path, _CSV_UNREADABLE)
    try:
        reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigError(path, f"kolom tidak ada / missing columns: {', '.join(missing)}")
        return _dicts(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(path, f"{_CSV_UNREADABLE}: {exc}") from None


def _dicts(reader: csv.DictReader) -> list[dict[str, str | None]]:
    """The rows of a DictReader as it gives them (blank lines skipped, missing fields None),
    built without its per-row overhead: a chart of accounts has 16,000 rows."""
    names = reader.fieldnames or []
    return [dict(zip(names, row + [None] * (len(names) - len(row)))) for row in reader.reader if row]


def _load_registry(path: Path) -> dict[str, Blud]:
    registry = {}
    for line, row in enumerate(_csv_rows(path, ("kode_blud", "nama", "jenis", "ambang_batas_persen", "aktif_sejak")), 2):
        kode = (row["kode_blud"] or "").strip()
        where = f"baris/line {line}"
        if not kode:
            raise ConfigError(path, f"{where}: kode_blud kosong / empty kode_blud")
        if kode.upper() in registry:
            raise ConfigError(path, f"{where}: kode_blud ganda / duplicate kode_blud {kode}")
        if row["jenis"] not in JENIS:
            raise ConfigError(path, f"{where}: jenis '{row['jenis']}' bukan / not one of {', '.join(JENIS)}")
        try:
            year, month = (int(part) for part in row["aktif_sejak"].strip().split("-"))
            if not 1 <= month <= 12:
                raise ValueError
        except ValueError:
            raise ConfigError(path, f"{where}: aktif_sejak '{row['aktif_sejak']}' bukan / not YYYY-MM") from None
        registry[kode.upper()] = Blud(
            kode=kode,
            nama=row["nama"].strip(),
            jenis=row["jenis"],
            ambang_batas_persen=_decimal(row["ambang_batas_persen"], path, f"{where} ambang_batas_persen", 100),
            aktif_sejak=(year, month),
        )
    return registry


def _load_charts(paths: list[Path]) -> dict[Code, str]:
    """The chart of accounts of the chart files: a code in two of them, or without its parent
    account, is a ConfigError (each would give wrong verdicts and a wrong template)."""
    from bludcli import cache

    chart: dict[Code, str] = {}
    orphans = []  # (path, line, code text, code) whose parent is not in their own file
    for path in paths:
        content = _read(path, _CSV_UNREADABLE)
        part, outside = cache.remembered("chart", content, lambda: _parse_chart(path, content))
        smaller, larger = sorted((part, chart), key=len)  # the national chart is 16,000 codes
        if twice := next((code for code in smaller if code in larger), None):
            raise ConfigError(path, f"kode {format_code(twice)} ganda (juga di bagan akun lain) / "
                                    f"duplicate code (also in another chart file)")
        chart.update(part)
        orphans += [(path, line, text, code) for line, text, code in outside]
    for path, line, text, code in orphans:
        if code[:-1] not in chart:
            raise ConfigError(path, f"baris/line {line}: akun induk dari {text} tidak ada / "
                                    f"the parent account of {text} is missing")
    return chart


def _parse_chart(path: Path, content: bytes) -> tuple[dict[Code, str], list[tuple[int, str, Code]]]:
    """A chart file's codes -> names, and (line, code text, code) of each code whose parent is
    not in the file (an addition's parent is in the national chart), checked once all are read."""
    chart, lines = {}, {}
    for line, row in enumerate(_csv_rows(path, ("kode", "uraian", "level"), content), 2):
        code = parse_code(row["kode"])
        if code is None:
            raise ConfigError(path, f"baris/line {line}: kode '{row['kode']}' tidak sah / invalid code")
        if code in chart:
            raise ConfigError(path, f"baris/line {line}: kode ganda / duplicate code {row['kode']}")
        chart[code], lines[code] = row["uraian"].strip(), (line, row["kode"].strip())
    return chart, [(*lines[code], code) for code in chart if len(code) > 1 and code[:-1] not in chart]


def _load_catalogue(path: Path) -> dict[str, RuleDef]:
    entries = read_yaml(path).get("rules")
    if not isinstance(entries, list):
        raise ConfigError(path, "kunci 'rules' harus daftar / key 'rules' must be a list")
    rules = {}
    for entry in entries:
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        if not rule_id:
            raise ConfigError(path, f"aturan tanpa id / rule without id: {entry!r}")
        if rule_id in rules:
            raise ConfigError(path, f"{rule_id}: id ganda / duplicate id")
        if entry.get("severity") not in SEVERITIES:
            raise ConfigError(path, f"{rule_id}: severity harus / must be error|warning")
        for part in ("message", "hint"):
            texts = entry.get(part)
            if not isinstance(texts, dict) or any(not texts.get(lang) for lang in LANGS):
                raise ConfigError(path, f"{rule_id}: '{part}' perlu teks / needs texts 'id' dan/and 'en'")
        rules[rule_id] = RuleDef(rule_id, entry["severity"], entry["message"], entry["hint"],
                                 _optional_texts(entry.get("why")), _optional_texts(entry.get("example")))
    return rules


def _optional_texts(texts) -> dict[str, str]:
    """The languages of an optional text that are there (`why`, `example`)."""
    if not isinstance(texts, dict):
        return {}
    return {lang: texts[lang] for lang in LANGS if isinstance(texts.get(lang), str) and texts[lang].strip()}


def _fields(spec: dict, path: Path, section: str) -> dict[str, Field]:
    if not isinstance(spec, dict) or not spec:
        raise ConfigError(path, f"'{section}' harus pemetaan / must be a mapping")
    fields = {}
    for key, item in spec.items():
        if not isinstance(item, dict) or not item.get("label"):
            raise ConfigError(path, f"{section}.{key}: perlu 'label' / needs a 'label'")
        labels = [item["label"], *item.get("aliases", [])]
        fields[key] = Field(key, item["label"], frozenset(label_key(x) for x in labels), bool(item.get("required")))
    return fields


def _load_schemas(folder: Path) -> dict[str, TableSchema]:
    schemas = {}
    for name in ("identitas", "lra", "bku", "kapitasi"):
        path = folder / f"{name}.yaml"
        doc = read_yaml(path)
        required_for = doc.get("required_for", "all")
        schemas[name] = TableSchema(
            sheet=str(_require(doc, "sheet", path)),
            required_for=(required_for,) if isinstance(required_for, str) else tuple(required_for),
            fields=_fields(doc.get("fields") or doc.get("columns"), path, "columns"),
            header_keys=tuple(doc.get("header_keys", ())),
            header_min=int(doc.get("header_min", 0)),
            groups=frozenset(label_key(g) for g in doc.get("groups", ())),
            row_labels=_fields(doc["row_labels"], path, "row_labels") if "row_labels" in doc else {},
            rules=doc.get("rules", {}),
            pandera=_pandera(doc.get("pandera"), path),
            extra={
                key: _fields(doc[key], path, key) if key == "computed_rows" else [label_key(x) for x in doc[key]]
                for key in ("computed_rows", "opening_labels", "closing_labels")
                if key in doc
            },
        )
    return schemas


def _pandera(spec, path: Path):
    if spec is None:
        return None
    from bludcli import pandera_spec

    try:
        return pandera_spec.load(spec)
    except Exception as exc:
        raise ConfigError(path, f"skema pandera tidak sah / invalid pandera schema: {exc}") from None
