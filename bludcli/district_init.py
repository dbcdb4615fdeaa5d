"""`bludcli init`: a complete rules folder for another district, from its BLUD registry.

The registry comes from the BPKAD's own file: a CSV (';' or ',' separated; UTF-8 with or
without BOM, or Windows-1252) or a sheet of a workbook, with a title above the header if need
be and the header's spellings matched loosely. It is checked with the registry checks of
`rules check` before anything is written. The other files come from a source district (the
bundled rules, or a neighbour's folder): the chart of accounts, the rule catalogue, the
schemas and the template accounts verbatim, the settings as text so that their comments stay,
with only `daerah` and `registri` set. The folder is built in a hidden sibling and renamed
into place, so that a failure leaves nothing half-written. docs/districts.md records the
choices.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bludcli.config import JENIS, default_rules_dir, label_key
from bludcli.findings import FileResult, column_letter
from bludcli.i18n import t
from bludcli.rules_check import (REGISTRY_COLUMNS, SCHEMA_NAMES, SETTINGS_FILE, TEMPLATE_FILE, CsvRow,
                                 RulesFolder, chart_names, check_registry, check_rules)
from bludcli.values import parse_date, parse_text

REGISTRY_FILE = "registri-blud.csv"
README_FILE = "README.md"
CSV_ENCODINGS = ("utf-8-sig", "cp1252")  # tried in this order; utf-8-sig reads plain UTF-8 too
CSV_DELIMITERS = (";", ",")  # Excel in an Indonesian locale saves CSV with ';'
# Each registry column and the header spellings accepted for it besides its own name, compared
# by label_key (case, spaces and punctuation ignored, '%' read as 'persen'). The first is the one
# shown in messages; when a header has two columns for one name ("Kode BLUD" and "Kode"), the
# spelling listed earlier wins.
REGISTRY_HEADERS = {
    "kode_blud": ("Kode BLUD", "Kode"),
    "nama": ("Nama BLUD", "Nama"),
    "jenis": ("Jenis", "Jenis BLUD"),
    "ambang_batas_persen": ("Ambang Batas (%)", "Ambang Batas"),
    "aktif_sejak": ("Aktif Sejak", "Mulai Aktif"),
}
# label_key of a spelling -> (registry column, rank: lower wins)
_HEADER_KEYS = {label_key(label): (column, rank) for column, labels in REGISTRY_HEADERS.items()
                for rank, label in reversed(list(enumerate((column, *labels))))}
_PERCENT = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?\s*%?")

# The settings' header comment names the district it belongs to, so it is written anew.
SETTINGS_HEADER = """\
# District settings for bludcli ({daerah}), made by `bludcli init`.
# Paths are relative to this folder.
"""

README_TEMPLATE = """\
# Folder aturan {daerah}

Folder ini berisi aturan bludcli untuk memeriksa laporan keuangan bulanan BLUD kesehatan
(RSUD, Puskesmas, Labkesda) di {daerah}.
Folder dibuat dengan `bludcli init` dari {sumber}.
Pemiliknya adalah pengelola template di BPKAD: setiap perubahan diperiksa dengan
`bludcli rules check` sebelum dipakai untuk menerima laporan.

## Isi folder

- `pengaturan.yaml`: nama daerah, toleransi selisih rupiah, porsi minimal jasa pelayanan
  kapitasi, tanggal batas laporan, versi template, batas ukuran berkas, dan nama berkas lain
  di folder ini. **Boleh diubah** sesuai Peraturan Bupati/Wali Kota; komentar di dalamnya
  menjelaskan setiap kunci. Nama berkas hanya diubah bila berkasnya juga diganti namanya.
- `{registri}`: registri BLUD, satu baris per BLUD: `kode_blud`, `nama`, `jenis` (RSUD,
  Puskesmas atau Labkesda), `ambang_batas_persen` (0–100, tanpa tanda %), `aktif_sejak` (bulan
  pertama wajib lapor, YYYY-MM). **Boleh diubah**: tambah BLUD baru, ubah nama atau ambang
  batas. Kode BLUD yang sudah dipakai **jangan diganti**: laporan, buku penerimaan dan rekap
  mengenali BLUD dari kodenya.
- Bagan akun: kode, uraian dan level setiap rekening, dalam
  {bagan_akun}.
  Rekening nasional (Kepmendagri 050-3708/2020 dan pemutakhirannya) **jangan diubah**;
  rekening tambahan BLUD dan daerah **boleh ditambah** di berkas tambahan, masing-masing
  dengan rekening induknya (`rules check` memeriksanya).
- `{katalog}`: katalog aturan.
  Setiap temuan punya id, tingkat (`error` atau `warning`), pesan dan petunjuk dalam bahasa
  Indonesia (`id`) dan Inggris (`en`). Tingkat dan teks **boleh diubah**; id aturan **jangan
  diganti atau dihapus**.
- `{skema}/`: bentuk setiap sheet laporan (Identitas, LRA, BKU, Kapitasi): label kolom dan ejaan
  lain yang diterima (`aliases`). Menambah `aliases` **boleh**; bagian lain **jangan diubah**.
- `template-akun.yaml`: rekening yang tampil di template resmi untuk setiap jenis BLUD. **Boleh
  diubah**; setiap kode harus ada di bagan akun.
- `pengecualian.yaml` (belum ada, opsional): aturan yang tidak diterapkan untuk satu BLUD selama
  beberapa bulan, dengan alasan dan tanggal berakhir.

## Perintah

Simpan salinan folder ini (atau simpan di git) sebelum mengubahnya. Dari folder tempat folder
ini berada:

```
bludcli rules check {folder}
bludcli rules diff SALINAN_LAMA {folder}
bludcli template build --rules {folder} --output Template_Laporan_BLUD.xlsx
bludcli validate LAPORAN/ --rules {folder}
```

- `rules check` menyebut setiap masalah di setiap berkas, dengan barisnya. Harus selesai dengan
  0 kesalahan sebelum folder dipakai atau template baru dikirim ke BLUD.
- `rules diff` mendaftar apa yang berubah dibanding salinan lama (rekening, aturan, pengaturan,
  BLUD), untuk catatan persetujuan perubahan.
- `template build` membuat workbook template resmi dari folder ini, untuk dikirim ke BLUD.
- `validate` memeriksa laporan yang masuk. Perintah lain (`consolidate`, `receive`, `status`)
  juga memakai folder ini dengan `--rules {folder}`.
"""


class InitError(Exception):
    """Nothing was written: a usage problem (exit 2). The message is in the user's language."""


class RegistryError(Exception):
    """Nothing was written: the registry has errors (exit 1), listed in `result`."""

    def __init__(self, result: FileResult):
        super().__init__(result.path)
        self.result = result


@dataclass(frozen=True, slots=True)
class Registry:
    """A registry as read from the BPKAD's file: its rows (line numbers of the file, cells
    normalised) and the registry checks' findings, at their cells."""

    path: Path
    rows: list[CsvRow]
    result: FileResult


@dataclass(frozen=True, slots=True)
class Created:
    path: Path
    daerah: str
    bluds: int
    source: Path  # the rules folder the other files were taken from
    results: list[FileResult]  # `rules check` of the new folder


@dataclass(frozen=True, slots=True)
class Source:
    """What a new district takes from another rules folder: files (name inside the folder ->
    content) and the names its settings give them."""

    files: dict[str, bytes]
    charts: list[str]
    katalog: str
    skema: str


def init_district(target: Path, daerah: str, registry: Path, source: Path | None = None,
                  sheet: str | None = None, lang: str = "id") -> Created:
    """Create the rules folder `target` of the district `daerah` with the BLUDs of `registry`
    and the other files of the rules folder `source` (default: the bundled rules), then check
    it as `rules check` does. InitError or RegistryError when nothing was written."""
    target = Path(target)
    daerah = " ".join(daerah.split())
    if not daerah:
        raise InitError(t("init.daerah_empty", lang))
    if target.is_symlink() or target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise InitError(t("init.target_exists", lang, path=target))
    place = Path(os.path.abspath(target))
    if Path.cwd().is_relative_to(place):  # replaced under the shell's feet, the shell would not see it
        raise InitError(t("init.target_is_cwd", lang, path=target))
    if not place.parent.is_dir():
        raise InitError(t("cli.missing_path", lang, path=place.parent))
    folder = Path(source) if source else default_rules_dir()
    taken = read_source(folder, lang)
    read = read_registry(registry, sheet, lang)
    if read.result.errors:
        raise RegistryError(read.result)
    files = dict(taken.files)
    files[SETTINGS_FILE] = _settings_text(files[SETTINGS_FILE].decode("utf-8"), daerah).encode("utf-8")
    files[REGISTRY_FILE] = _registry_csv(read.rows).encode("utf-8")
    origin = Path(os.path.abspath(folder)) if source else None
    files[README_FILE] = _readme(daerah, place.name, taken, origin).encode("utf-8")
    _write_folder(place, files)
    return Created(target, daerah, len(read.rows), folder, check_rules(target, lang))


# --- reading the registry ---------------------------------------------------------------


def read_registry(path: Path, sheet: str | None = None, lang: str = "id") -> Registry:
    """The registry table of a CSV file or of a workbook's sheet (default: the first), checked
    by the registry checks of `rules check`. InitError when it cannot be read as a registry."""
    from bludcli.workbook import SUPPORTED_SUFFIXES

    path = Path(path)
    if not path.is_file():
        raise InitError(t("cli.missing_path", lang, path=path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet is not None:
            raise InitError(t("init.sheet_for_csv", lang))
        tables, where, sheet_name = _csv_tables(path, lang), str(path), None
    elif suffix in SUPPORTED_SUFFIXES:
        sheet_name, table = _sheet_table(path, sheet, lang)
        tables, where = [table], f"{path} ({sheet_name})"
    else:
        raise InitError(t("init.registry_format", lang, path=path))
    table, position, columns = max(((table, *_header(table)) for table in tables), key=lambda found: len(found[2]))
    missing = [column for column in REGISTRY_COLUMNS if column not in columns]
    if missing:
        expected = ", ".join(f"{labels[0]} ({column})" for column, labels in REGISTRY_HEADERS.items())
        if not columns:
            raise InitError(t("init.header_missing", lang, where=where, expected=expected))
        raise InitError(t("init.header_incomplete", lang, where=where, row=table[position][0], expected=expected,
                          missing=", ".join(REGISTRY_HEADERS[column][0] for column in missing)))
    rows = []
    for line, cells in table[position + 1:]:
        row = {column: _NORMALISE[column](cells[index] if index < len(cells) else "")
               for column, index in columns.items()}
        if any(row.values()):
            rows.append(CsvRow(line, row))
    if not rows:
        raise InitError(t("init.registry_empty", lang, where=where))
    letters = {column: column_letter(index) for column, index in columns.items()}
    checked = RulesFolder(path, lang)  # collects the findings
    check_registry(rows, lambda check, column, **found: checked.report(sheet_name, check, column=letters[column],
                                                                        **found))
    return Registry(path, rows, FileResult(str(path), checked.files.get(sheet_name, [])))


def _csv_tables(path: Path, lang: str) -> list[list[tuple[int, list]]]:
    """The file's rows (line number, cells) under each delimiter: the one that shows the header
    is the file's."""
    data = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InitError(t("init.registry_unreadable", lang, path=path, reason=t("init.not_text", lang)))
    tables = []
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            tables.append([(reader.line_num, cells) for cells in reader])
        except csv.Error as exc:
            raise InitError(t("init.registry_unreadable", lang, path=path, reason=exc)) from None
    return tables


def _sheet_table(path: Path, sheet: str | None, lang: str) -> tuple[str, list[tuple[int, list]]]:
    """The name of the sheet read and its rows (row number, cells), through bludcli's reader."""
    from bludcli.workbook import UnreadableError, Workbook

    try:
        book = Workbook(path)
        try:
            name = book.sheet_names[0] if sheet is None else sheet
            if name not in book.sheet_names:
                raise InitError(t("init.sheet_missing", lang, sheet=sheet, path=path,
                                  choices=", ".join(book.sheet_names)))
            return name, list(enumerate(book.sheet(name).rows, 1))
        finally:
            book.close()
    except UnreadableError as exc:
        reason = t(f"unreadable.{exc.reason}", lang, detail=exc.detail)
        raise InitError(t("init.registry_unreadable", lang, path=path, reason=reason)) from None
    except OSError as exc:
        raise InitError(t("init.registry_unreadable", lang, path=path, reason=exc.strerror or exc)) from None


def _header(table: list[tuple[int, list]]) -> tuple[int, dict[str, int]]:
    """The position of the first row that names every registry column and its columns
    (registry column -> index); when no row does, the row that names most of them."""
    best = (0, {})
    for position, (_, cells) in enumerate(table):
        ranked: dict[str, tuple[int, int]] = {}  # registry column -> (rank, index)
        for index, cell in enumerate(cells):
            column, rank = _HEADER_KEYS.get(label_key(cell), (None, 0))
            if column is not None and (rank, index) < ranked.get(column, (len(_HEADER_KEYS), 0)):
                ranked[column] = (rank, index)
        columns = {column: index for column, (_, index) in ranked.items()}
        if len(columns) == len(REGISTRY_COLUMNS):
            return position, columns
        if len(columns) > len(best[1]):
            best = (position, columns)
    return best


def _jenis(value) -> str:
    """RSUD, Puskesmas or Labkesda, whatever the case; anything else as typed."""
    text = parse_text(value)
    return next((jenis for jenis in JENIS if jenis.casefold() == text.casefold()), text)


def _threshold(value) -> str:
    """A percentage as `rules check` reads it: '7,5' (a decimal comma) and '5 %' give 7.5 and 5;
    anything else as typed, for the check to report."""
    text = parse_text(value)
    match = _PERCENT.fullmatch(text)
    if match is None:
        return text
    whole, fraction = match.groups()
    return f"{whole}.{fraction}" if fraction else whole


def _month(value) -> str:
    """aktif_sejak as YYYY-MM: a date cell or a whole date typed as text (2024-01-01, 01/01/2024)
    gives its month; anything else as typed, for the check to report."""
    day = parse_date(value)
    return f"{day.year:04d}-{day.month:02d}" if day else parse_text(value)


_NORMALISE = {
    "kode_blud": lambda value: parse_text(value).upper(),
    "nama": parse_text,
    "jenis": _jenis,
    "ambang_batas_persen": _threshold,
    "aktif_sejak": _month,
}


# --- the other files, and writing the folder ---------------------------------------------


def read_source(source: Path, lang: str = "id") -> Source:
    """The files a new district takes from the rules folder `source`: its settings, chart,
    catalogue, schemas and template accounts. Not its registry, waivers (they name its BLUDs),
    README nor anything else. InitError when one of them is missing."""
    if not source.is_dir():
        raise InitError(t("cli.missing_path", lang, path=source))
    folder = RulesFolder(source, lang)
    folder.settings = folder.load_mapping(SETTINGS_FILE)
    if folder.settings is None:
        raise InitError(t("init.source_invalid", lang, path=source, problem=folder.files[SETTINGS_FILE][0].message))
    charts, katalog, skema = chart_names(folder), str(folder.setting("katalog")), str(folder.setting("skema"))
    names = [SETTINGS_FILE, *charts, katalog, *(f"{skema}/{name}.yaml" for name in SCHEMA_NAMES)]
    if (source / TEMPLATE_FILE).is_file():  # optional, as for `rules check`
        names.append(TEMPLATE_FILE)
    files = {}
    for name in names:
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise InitError(t("init.source_outside", lang, path=source, name=name))
        try:
            files[name] = (source / relative).read_bytes()
        except OSError:
            raise InitError(t("init.source_missing", lang, path=source, name=name)) from None
    return Source(files, charts, katalog, skema)


def _settings_text(text: str, daerah: str) -> str:
    """The source's pengaturan.yaml with this district's `daerah` and `registri`, every comment
    kept except the header (the comment lines before the first setting), which is written anew."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
                 len(lines))
    body = lines[start:]
    for key, value in (("registri", REGISTRY_FILE), ("daerah", daerah)):
        line = _yaml_line(key, value)
        index = next((i for i, old in enumerate(body) if re.match(rf"{key}\s*:", old)), None)
        if index is None:
            body.insert(0, line)
        else:
            body[index] = line
    return SETTINGS_HEADER.format(daerah=daerah) + "\n".join(body) + "\n"


def _yaml_line(key: str, value: str) -> str:
    """`key: value` as YAML, the value quoted when it needs to be."""
    import yaml

    return yaml.safe_dump({key: value}, allow_unicode=True, width=1 << 16).rstrip("\n")


def _registry_csv(rows: list[CsvRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REGISTRY_COLUMNS)
    writer.writerows([row.cells[column] for column in REGISTRY_COLUMNS] for row in rows)
    return buffer.getvalue()


def _readme(daerah: str, folder: str, source: Source, origin: Path | None) -> str:
    """The README of a new rules folder, for its template owner (in Indonesian); `origin` is
    the folder it was made from (None: the bundled rules)."""
    from bludcli import __version__

    return README_TEMPLATE.format(
        daerah=daerah, folder=shlex.quote(folder), registri=REGISTRY_FILE, katalog=source.katalog, skema=source.skema,
        bagan_akun=", ".join(f"`{name}`" for name in source.charts),
        sumber=f"folder `{origin.name}`" if origin else f"aturan bawaan bludcli {__version__}",
    )


def _write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` (name inside the folder -> content) as the new folder `target`: built in a
    hidden sibling, then renamed into place (over `target` when it is an empty folder)."""
    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            path = temporary / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o777 & ~umask)  # mkdtemp makes it private to its owner
        if target.is_dir():
            target.rmdir()
        os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def next_steps(created: Created, lang: str = "id") -> str:
    """What to run next, with the new folder's path (quoted for a shell when needed)."""
    return t("init.next", lang, folder=shlex.quote(str(created.path)), source=shlex.quote(str(created.source)),
             readme=created.path / README_FILE)
