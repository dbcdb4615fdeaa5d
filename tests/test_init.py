"""`bludcli init`: a new district's rules folder from its registry (CSV or workbook), checked
before anything is written, written atomically, and sound by `rules check`."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.config import load_district
from bludcli.district_init import read_registry

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EXAMPLE = ROOT / "examples" / "registri-kabupaten-contoh"
HEADER = "Kode BLUD,Nama BLUD,Jenis,Ambang Batas (%),Aktif Sejak"
GOOD_ROWS = ["RS01,RSUD Kota Baru,RSUD,10,2024-01", "PKM01,Puskesmas Kota Baru,Puskesmas,5,2024-01"]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def init(target: Path, registry: Path, *options, daerah: str = "Kabupaten Contoh"):
    return run("init", target, "--daerah", daerah, "--registri", registry, *options)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list], title: str | None = None, sheets: tuple[str, ...] = ()) -> Path:
    """A workbook whose last sheet (of `sheets`, in order) holds `rows` under `title`."""
    book = Workbook()
    sheet = book.active
    for number, name in enumerate(sheets):
        sheet = book.create_sheet(name) if number else sheet
        sheet.title = name
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def registry_lines(folder: Path) -> list[str]:
    return (folder / "registri-blud.csv").read_text(encoding="utf-8").splitlines()


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The rules folder of Kabupaten Danau Permai, made from the example workbook."""
    target = tmp_path_factory.mktemp("init") / "danau-permai"
    result = init(target, EXAMPLE / "registri-blud.xlsx", daerah="Kabupaten Danau Permai")
    assert result.exit_code == 0, result.output
    return target


# --- reading the registry -----------------------------------------------------------------


def test_the_example_workbook_gives_a_complete_sound_folder(example):
    district = load_district(example)
    assert district.daerah == "Kabupaten Danau Permai"
    assert len(district.registry) == 30
    assert {b.jenis for b in district.registry.values()} == {"RSUD", "Puskesmas", "Labkesda"}
    assert str(district.registry["RSUD02"].ambang_batas_persen) == "7.5"
    assert district.registry["LKD01"].aktif_sejak == (2025, 7)  # a date cell read as its month
    names = {p.relative_to(example).as_posix() for p in example.rglob("*") if p.is_file()}
    bundled = {p.relative_to(RULES).as_posix() for p in RULES.rglob("*") if p.is_file()}
    assert names == bundled | {"README.md"}
    for name in bundled - {"pengaturan.yaml", "registri-blud.csv"}:  # copied verbatim
        assert (example / name).read_bytes() == (RULES / name).read_bytes(), name
    result = run("rules", "check", example, "--format", "json")
    assert result.exit_code == 0, result.output
    assert not [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]


def test_the_semicolon_csv_with_bom_gives_the_same_registry(example, tmp_path):
    result = init(tmp_path / "new", EXAMPLE / "registri-blud.csv")
    assert result.exit_code == 0, result.output
    assert registry_lines(tmp_path / "new") == registry_lines(example)
    assert "RSUD02,RSUD Pratama Tanjung Batu,RSUD,7.5,2023-07" in registry_lines(example)  # '7,5' read


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_comma_csv_in_each_encoding(tmp_path, encoding):
    lines = ["kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak",
             "RS01,RSUD Dr. Soedarsono – Pratama,RSUD,10,2024-01"]  # '–' is one byte in Windows-1252
    result = init(tmp_path / "new", write_csv(tmp_path / "r.csv", lines, encoding))
    assert result.exit_code == 0, result.output
    assert registry_lines(tmp_path / "new") == lines


def test_title_rows_and_loose_header_spellings(tmp_path):
    lines = [
        "PEMERINTAH KABUPATEN CONTOH;;;;;;;",
        "Daftar BLUD Kesehatan;;;;;;;",
        ";;;;;;;",
        "NO;Kode;  KODE  BLUD ;nama;JENIS BLUD;ambang batas;Mulai Aktif;Keterangan",  # 'Kode BLUD' beats 'Kode'
        "1;1.02.0.00.01; pkm01 ;Puskesmas Satu;puskesmas;7,5;01/07/2024;baru",
        ";;;;;;;",
        "2;1.02.0.00.02;RS01;RSUD Contoh;rsud;10 %;2023-01;",
    ]
    result = init(tmp_path / "new", write_csv(tmp_path / "r.csv", lines))
    assert result.exit_code == 0, result.output
    assert registry_lines(tmp_path / "new")[1:] == ["PKM01,Puskesmas Satu,Puskesmas,7.5,2024-07",
                                                    "RS01,RSUD Contoh,RSUD,10,2023-01"]


def test_a_named_sheet_of_a_workbook(tmp_path):
    book = write_xlsx(tmp_path / "r.xlsx", [HEADER.split(","), GOOD_ROWS[0].split(",")], title="Registri",
                      sheets=("Catatan", "BLUD"))
    assert init(tmp_path / "first", book).exit_code == 2  # the first sheet holds no registry
    result = init(tmp_path / "named", book, "--sheet", "BLUD")
    assert result.exit_code == 0, result.output
    assert registry_lines(tmp_path / "named")[1:] == [GOOD_ROWS[0]]


# --- a bad registry: every error at its row, nothing written ------------------------------

BAD_ROWS = {
    "rules.registry-duplicate": ("rs01,RSUD Lain,RSUD,5,2024-01", "A"),
    "rules.registry-jenis": ("PKM07,Klinik Sehat,Klinik,5,2024-01", "C"),
    "rules.registry-threshold": ("PKM08,Puskesmas Sembilan,Puskesmas,150,2024-01", "D"),
    "rules.registry-period": ("PKM09,Puskesmas Sembilan,Puskesmas,5,2024-13", "E"),
    "rules.registry-code-missing": (",Puskesmas Tanpa Kode,Puskesmas,5,2024-01", "A"),
}


@pytest.mark.parametrize("rule", BAD_ROWS)
def test_a_bad_row_is_reported_at_its_row_and_nothing_is_written(tmp_path, rule):
    line, column = BAD_ROWS[rule]
    registry = write_csv(tmp_path / "r.csv", ["Registri BLUD", HEADER, *GOOD_ROWS, line])
    findings = read_registry(registry).result.findings
    assert [(f.rule, f.row, f.column) for f in findings if f.severity == "error"] == [(rule, 5, column)]
    target = tmp_path / "new"
    result = init(target, registry)
    assert result.exit_code == 1
    assert rule in result.stdout and "tidak dibuat" in result.stdout
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]  # no temporary folder either


def test_every_bad_row_of_a_workbook_is_reported_at_its_cell(tmp_path):
    rows = [HEADER.split(","), *(BAD_ROWS[rule][0].split(",") for rule in BAD_ROWS)]
    registry = write_xlsx(tmp_path / "r.xlsx", [["Daftar BLUD"], rows[0], GOOD_ROWS[0].split(","), *rows[1:]],
                          sheets=("Registri",))
    findings = read_registry(registry).result.findings
    errors = [(f.rule, f.sheet, f.cell) for f in findings if f.severity == "error"]
    assert errors == [("rules.registry-duplicate", "Registri", "A4"), ("rules.registry-jenis", "Registri", "C5"),
                      ("rules.registry-threshold", "Registri", "D6"), ("rules.registry-period", "Registri", "E7"),
                      ("rules.registry-code-missing", "Registri", "A8")]
    result = init(tmp_path / "new", registry, "--lang", "en")
    assert result.exit_code == 1 and "was not created" in result.stdout
    assert not (tmp_path / "new").exists()


def test_a_warning_alone_does_not_stop_init(tmp_path):
    registry = write_csv(tmp_path / "r.csv", [HEADER, GOOD_ROWS[0], "PKM02,,Puskesmas,5,2024-01"])
    result = init(tmp_path / "new", registry)
    assert result.exit_code == 0, result.output
    assert "rules.registry-name-missing" in result.stdout  # rules check of the new folder reports it


# --- usage errors: exit 2, nothing written ------------------------------------------------


@pytest.mark.parametrize("case, expected", [
    ("missing-registry", "tidak ada"),
    ("not-a-table", "registri-blud.txt"),
    ("no-header", "Baris judul kolom registri tidak ditemukan"),
    ("partial-header", "tidak memuat: Ambang Batas (%), Aktif Sejak"),
    ("empty-registry", "tidak berisi BLUD"),
    ("sheet-for-csv", "--sheet"),
    ("unknown-sheet", "Pilihan: Sheet"),
    ("damaged-workbook", "rusak"),
    ("not-text", "bukan teks UTF-8"),
    ("dari-not-rules", "bukan folder aturan"),
    ("empty-daerah", "--daerah"),
])
def test_usage_errors_exit_2_and_write_nothing(tmp_path, case, expected):
    csv_file = write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS])
    options, registry, daerah = [], csv_file, "Kabupaten Contoh"
    if case == "missing-registry":
        registry = tmp_path / "nope.csv"
    elif case == "not-a-table":
        registry = tmp_path / "registri-blud.txt"
        registry.write_text(HEADER)
    elif case == "no-header":
        registry = write_csv(tmp_path / "x.csv", ["a,b,c", "1,2,3"])
    elif case == "partial-header":
        registry = write_csv(tmp_path / "x.csv", ["Kode BLUD;Nama BLUD;Jenis", "RS01;RSUD;RSUD"])
    elif case == "empty-registry":
        registry = write_csv(tmp_path / "x.csv", [HEADER, ",,,,"])
    elif case == "sheet-for-csv":
        options = ["--sheet", "BLUD"]
    elif case == "unknown-sheet":
        registry, options = write_xlsx(tmp_path / "x.xlsx", [HEADER.split(",")]), ["--sheet", "BLUD"]
    elif case == "damaged-workbook":
        registry = tmp_path / "x.xlsx"
        registry.write_bytes(b"PK\x03\x04 not really a workbook")
    elif case == "not-text":
        registry = tmp_path / "x.csv"
        registry.write_bytes(HEADER.encode() + b"\n\x81\x8d\x8f,x,RSUD,5,2024-01\n")
    elif case == "dari-not-rules":
        (tmp_path / "neighbour").mkdir()
        options = ["--dari", tmp_path / "neighbour"]
    elif case == "empty-daerah":
        daerah = "  "
    before = sorted(p.name for p in tmp_path.iterdir())
    result = init(tmp_path / "new", registry, *options, daerah=daerah)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_existing_folder_that_is_not_empty_is_left_untouched(tmp_path):
    target = tmp_path / "aturan"
    target.mkdir()
    (target / "catatan.txt").write_text("milik orang lain")
    before = tree(target)
    result = init(target, write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))
    assert result.exit_code == 2
    assert "sudah ada" in result.stderr
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aturan", "r.csv"]


def test_the_current_folder_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "aturan"
    target.mkdir()
    registry = write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS])
    monkeypatch.chdir(target)
    result = init(".", registry)
    assert result.exit_code == 2 and "folder kerja" in result.stderr
    assert list(target.iterdir()) == []


def test_an_empty_folder_is_filled(tmp_path):
    target = tmp_path / "aturan"
    target.mkdir()
    result = init(target, write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))
    assert result.exit_code == 0, result.output
    assert (target / "pengaturan.yaml").is_file()


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import bludcli.district_init

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(bludcli.district_init.os, "rename", refuse)
    result = init(tmp_path / "new", write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))
    assert result.exit_code == 2 and "disk full" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


# --- what is written ----------------------------------------------------------------------


def test_settings_keep_every_comment_and_set_daerah(example):
    bundled = (RULES / "pengaturan.yaml").read_text(encoding="utf-8").splitlines()
    written = (example / "pengaturan.yaml").read_text(encoding="utf-8").splitlines()
    assert "Kabupaten Danau Permai" in written[0] and written[0].startswith("#")  # a new header comment
    header = next(i for i, line in enumerate(bundled) if not line.startswith("#"))
    kept = [line for line in bundled[header:] if not line.startswith("daerah:")]
    assert [line for line in written if line in kept] == kept  # every other line, comments too, in order
    assert "daerah: Kabupaten Danau Permai" in written
    assert yaml.safe_load("\n".join(written))["toleransi_rupiah"] == 1.0


def test_a_daerah_that_needs_quoting_in_yaml(tmp_path):
    daerah = 'Kota "Baru": Timur #1'
    result = init(tmp_path / "new", write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]), daerah=daerah)
    assert result.exit_code == 0, result.output
    assert load_district(tmp_path / "new").daerah == daerah


def test_readme_for_the_template_owner(example):
    readme = (example / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Folder aturan Kabupaten Danau Permai")
    for text in ("pengaturan.yaml", "registri-blud.csv", "bagan-akun-kepmendagri-050-3708-2020.csv",
                 "bagan-akun-blud-tambahan.csv", "katalog-aturan.yaml", "skema/", "template-akun.yaml",
                 "bludcli rules check danau-permai", "bludcli rules diff SALINAN_LAMA danau-permai",
                 "bludcli template build --rules danau-permai", "bludcli validate LAPORAN/ --rules danau-permai",
                 "jangan diganti"):
        assert text in readme, text


def test_dari_keeps_a_neighbours_settings_but_not_its_name_registry_or_waivers(example, tmp_path):
    neighbour = tmp_path / "tetangga"
    assert init(neighbour, EXAMPLE / "registri-blud.csv", daerah="Kabupaten Tetangga").exit_code == 0
    settings = neighbour / "pengaturan.yaml"
    text = settings.read_text(encoding="utf-8").replace("toleransi_rupiah: 1.00", "toleransi_rupiah: 5.00")
    settings.write_text(text.replace("batas_hari_laporan: 10", "# Perbup 7/2025\nbatas_hari_laporan: 15"),
                        encoding="utf-8")
    (neighbour / "pengecualian.yaml").write_text("pengecualian: []\n", encoding="utf-8")
    target = tmp_path / "baru"
    result = init(target, write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]), "--dari", neighbour,
                  daerah="Kota Baru")
    assert result.exit_code == 0, result.output
    district = load_district(target)
    assert (district.daerah, district.tolerance_sen, district.deadline_day) == ("Kota Baru", 500, 15)
    assert set(district.registry) == {"RS01", "PKM01"}
    assert "# Perbup 7/2025" in (target / "pengaturan.yaml").read_text(encoding="utf-8")
    assert not (target / "pengecualian.yaml").exists()
    assert "folder `tetangga`" in (target / "README.md").read_text(encoding="utf-8")


def test_summary_and_next_steps_in_english(tmp_path):
    result = init(tmp_path / "new", write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Rules folder of Kabupaten Contoh created" in result.stdout and "(2 BLUDs)" in result.stdout
    assert "errors: 0, warnings: 0" in result.stdout
    assert "Next steps" in result.stdout and "bludcli template build --rules" in result.stdout


# --- the new district at work -------------------------------------------------------------


def test_reports_of_the_new_district_validate_against_its_rules(example, tmp_path):
    from bludcli.samplegen import Layout, make_report, write_xlsx as write_report

    write_report(make_report("PKM05", 2026, 3, rules_dir=example), Layout(), tmp_path / "pkm05.xlsx")
    result = run("validate", tmp_path / "pkm05.xlsx", "--rules", example)
    assert result.exit_code == 0, result.output
    write_report(make_report("RS01", 2026, 3), Layout(), tmp_path / "rs01.xlsx")  # a BLUD of the bundled district
    result = run("validate", tmp_path / "rs01.xlsx", "--rules", example, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["identitas.kode-unknown"]


def test_the_example_files_are_what_their_generator_writes(tmp_path):
    from python_calamine import CalamineWorkbook

    spec = importlib.util.spec_from_file_location("generate_example", EXAMPLE / "generate.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main(tmp_path)
    assert (tmp_path / "registri-blud.csv").read_bytes() == (EXAMPLE / "registri-blud.csv").read_bytes()
    sheets = [CalamineWorkbook.from_path(folder / "registri-blud.xlsx").get_sheet_by_index(0).to_python()
              for folder in (tmp_path, EXAMPLE)]
    assert sheets[0] == sheets[1]
    assert len(generator.BLUDS) == 30
