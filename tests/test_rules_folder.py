"""The district rules folder: loading, errors that name the file, and the rule reference."""

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.config import ConfigError, load_district, reported_rule_ids
from bludcli.ruledocs import render_rules_markdown

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(scope="module")
def district():
    return load_district(RULES)


def test_default_district_loads(district):
    assert district.daerah == "Kabupaten Muara Harapan"
    assert len(district.registry) == 26
    assert district.registry["PKM03"].jenis == "Puskesmas"
    assert district.tolerance_sen == 100
    # the national chart plus the BLUD additions, compared by segment numbers
    assert district.chart[(5, 1, 2, 1, 1, 24)] == "Belanja Alat/Bahan untuk Kegiatan Kantor- Alat Tulis Kantor"
    assert (5, 1, 2, 99, 99, 9999) in district.chart
    assert set(district.schemas) == {"identitas", "lra", "bku", "kapitasi"}


def test_every_rule_id_used_in_code_is_in_the_catalogue(district):
    used = set()
    for path in (ROOT / "bludcli").rglob("*.py"):
        used |= set(re.findall(r'"((?:file|cell|value|identitas|table|lra|bku|kapitasi)\.[a-z-]+)"', path.read_text()))
    for schema in district.schemas.values():
        used |= {rule for checks in schema.rules.values() for rule in checks.values()}
    used -= {"bku.penerimaan", "bku.pengeluaran"}  # UI words, not rules
    assert used - set(district.rules) == set()
    assert set(district.rules) - used == set(), "catalogue rules that no check reports"
    assert reported_rule_ids() == set(district.rules)  # what every district's catalogue must hold


def test_rule_reference_is_generated_from_the_catalogue(district):
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_rules_markdown(district), (
        "docs/rules.md is stale: run python -m bludcli.ruledocs > docs/rules.md"
    )
    for rule in district.rules.values():
        assert rule.message["id"] and rule.message["en"] and rule.hint["id"] and rule.hint["en"]


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


@pytest.mark.parametrize(
    ("file", "content", "named", "problem"),
    [
        ("pengaturan.yaml", "daerah: [unclosed", "pengaturan.yaml", "YAML"),
        ("pengaturan.yaml", "daerah: X\nregistri: registri-blud.csv\nbagan_akun: tidak-ada.csv\n", "tidak-ada.csv",
         "missing"),
        ("registri-blud.csv", "kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak\nX1,A,Klinik,5,2022-01\n",
         "registri-blud.csv", "Klinik"),
        ("registri-blud.csv", "kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak\nX1,A,RSUD,5,2022-13\n",
         "registri-blud.csv", "aktif_sejak"),
        ("registri-blud.csv", "kode_blud,nama\nX1,A\n", "registri-blud.csv", "missing columns"),
        ("katalog-aturan.yaml", "rules:\n  - id: a.b\n    severity: fatal\n", "katalog-aturan.yaml", "severity"),
        ("skema/bku.yaml", "sheet: BKU\ncolumns: {}\n", "bku.yaml", "columns"),
    ],
)
def test_broken_rules_folder_names_file_and_problem(tmp_path, file, content, named, problem):
    rules = _copy_rules(tmp_path)
    (rules / file).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_district(rules)
    assert caught.value.path.endswith(named)
    assert problem in caught.value.problem


def test_schema_rule_ids_must_be_in_the_catalogue(tmp_path):
    rules = _copy_rules(tmp_path)
    schema = rules / "skema" / "lra.yaml"
    schema.write_text(schema.read_text().replace("lra.budget-negative", "lra.no-such-rule"))
    with pytest.raises(ConfigError) as caught:
        load_district(rules)
    assert caught.value.path.endswith("lra.yaml") and "lra.no-such-rule" in caught.value.problem


@pytest.mark.parametrize(("old", "new", "named"), [
    ("- id: value.amount-as-text\n", "- id: value.angka-teks\n", ["value.amount-as-text", "value.angka-teks"]),
    ("- id: bku.balance\n", None, ["bku.balance"]),
])
def test_a_renamed_or_deleted_rule_id_stops_every_command(tmp_path, old, new, named):
    """Before, the folder loaded and validate called the good reports raising the rule unreadable."""
    rules = _copy_rules(tmp_path)
    catalogue = rules / "katalog-aturan.yaml"
    text = catalogue.read_text(encoding="utf-8")
    if new is None:  # delete the whole entry
        start = text.index(old)
        new, old = "", text[start:text.index("- id: ", start + 1)]
    catalogue.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_district(rules)
    assert caught.value.path.endswith("katalog-aturan.yaml")
    assert all(rule in caught.value.problem for rule in named)
    result = CliRunner().invoke(app, ["validate", str(ROOT / "samples"), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "katalog-aturan.yaml" in result.output and named[0] in result.output


def test_cli_exits_2_on_a_broken_rules_folder(tmp_path):
    rules = _copy_rules(tmp_path)
    (rules / "katalog-aturan.yaml").write_text("rules: 5\n", encoding="utf-8")
    book = tmp_path / "x.xlsx"
    book.write_bytes(b"not a workbook")
    result = CliRunner().invoke(app, ["validate", str(book), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "katalog-aturan.yaml" in result.output


def test_the_installed_package_carries_the_bundled_rules(tmp_path):
    """A wheel holds every module of the package, and the district beside it, where
    default_rules_dir() looks."""
    import subprocess
    import sys
    import zipfile

    source = tmp_path / "src"  # a clean copy: a stale build/ folder must not fill the gaps
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "build", "dist", "*.egg-info", ".git", ".venv", "__pycache__", ".hypothesis", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("bludcli-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in RULES.rglob("*"):
        if path.is_file():
            assert f"bludcli/default_rules/{path.relative_to(RULES).as_posix()}" in names
    for module in (ROOT / "bludcli").rglob("*.py"):  # every module of every package
        assert module.relative_to(ROOT).as_posix() in names
