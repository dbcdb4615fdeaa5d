"""`bludcli rules check|docs|diff`: a rules folder proved sound, documented and compared."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bludcli.cli import rules as rules_cli
from bludcli.cli.app import app
from bludcli.config import ConfigError, load_district
from bludcli.rules_check import CHECKS, check_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
REGISTRY_HEADER = "kode_blud,nama,jenis,ambang_batas_persen,aktif_sejak"


def _invoke(*args: str):
    return CliRunner().invoke(rules_cli.app, [str(a) for a in args])


@pytest.fixture
def rules(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _append(path: Path, line: str) -> int:
    """Append one line; its line number."""
    text = path.read_text(encoding="utf-8")
    text += ("" if text.endswith("\n") else "\n") + line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def _line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if number > after and text in line)


def _findings(folder: Path, *options: str) -> tuple[int, list[dict]]:
    result = _invoke("check", folder, "--format", "json", *options)
    report = json.loads(result.stdout)
    return result.exit_code, [finding for file in report["files"] for finding in file["findings"]]


def test_the_bundled_rules_check_clean():
    result = _invoke("check", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert [f for f in findings if f["severity"] == "error"] == []


def test_table_report_in_english_names_every_file():
    result = _invoke("check", RULES, "--lang", "en")
    assert result.exit_code == 0
    assert "registri-blud.csv" in result.output and "katalog-aturan.yaml" in result.output
    assert "errors: 0" in result.output


def _duplicate_registry(rules: Path):
    return _append(rules / "registri-blud.csv", "RS01,RSUD Salinan,RSUD,5,2024-01"), "RS01"


def _bad_jenis(rules: Path):
    return _append(rules / "registri-blud.csv", "KL01,Klinik Pratama,Klinik,5,2024-01"), "Klinik"


def _orphan_account(rules: Path):
    return _append(rules / "bagan-akun-blud-tambahan.csv", "9.9.99,Akun Yatim,3,uji"), "9.9.99"


def _duplicate_account(rules: Path):
    return _append(rules / "bagan-akun-blud-tambahan.csv", "4.1.04.16.02,Salinan,5,uji"), "4.1.04.16.02"


def _no_english_hint(rules: Path):
    path = rules / "katalog-aturan.yaml"
    start = _line_of(path, "- id: file.unreadable")
    hint, english = _line_of(path, "hint:", start), _line_of(path, "en:", _line_of(path, "hint:", start))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[english - 1]
    path.write_text("".join(lines), encoding="utf-8")
    return hint, "hint.en"


def _duplicate_rule(rules: Path):
    path = rules / "katalog-aturan.yaml"
    line = _append(path, "  - id: cell.error-value\n    severity: error\n"
                         "    message: {id: a, en: b}\n    hint: {id: c, en: d}")
    return line - 3, "cell.error-value"


def _deleted_rule(rules: Path):
    path = rules / "katalog-aturan.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: bku.balance\n")
    path.write_text(text[:start] + text[text.index("  - id: ", start + 1):], encoding="utf-8")
    return None, "bku.balance"


def _unknown_rule(rules: Path):
    line = _append(rules / "katalog-aturan.yaml", "  - id: lra.over-budjet\n    severity: error\n"
                                                 "    message: {id: a, en: b}\n    hint: {id: c, en: d}\n"
                                                 "    why: {id: e, en: f}\n    example: {id: g, en: h}")
    return line - 5, "lra.over-budjet"


def _setting_out_of_range(rules: Path):
    path = rules / "pengaturan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("batas_hari_laporan: 10", "batas_hari_laporan: 31"))
    return _line_of(path, "batas_hari_laporan:"), "31"


def _unparseable_yaml(rules: Path):
    (rules / "skema" / "kapitasi.yaml").write_text("sheet: Kapitasi\ncolumns: [unclosed\n", encoding="utf-8")
    return None, None


def _empty_yaml(rules: Path):
    (rules / "skema" / "lra.yaml").write_text("", encoding="utf-8")
    return None, None


def _missing_file(rules: Path):
    (rules / "registri-blud.csv").unlink()
    return None, None


def _waiver(rule: str, until: str) -> str:
    return ("pengecualian:\n"
            f"  - aturan: {rule}\n"
            "    kode_blud: PKM07\n"
            "    dari: 2026-01\n"
            "    sampai: 2026-06\n"
            '    alasan: "Puskesmas baru; porsi jasa pelayanan ditetapkan Bupati 55 %"\n'
            f"    berlaku_hingga: {until}\n")


def _expired_waiver(rules: Path):
    (rules / "pengecualian.yaml").write_text(_waiver("file.unreadable", "2020-12-31"), encoding="utf-8")
    return 7, "2020-12-31"


def _unknown_waiver_rule(rules: Path):
    (rules / "pengecualian.yaml").write_text(_waiver("kapitasi.no-such-rule", "2099-12-31"), encoding="utf-8")
    return 2, "kapitasi.no-such-rule"


@pytest.mark.parametrize(
    ("breaker", "rule", "file"),
    [
        (_duplicate_registry, "rules.registry-duplicate", "registri-blud.csv"),
        (_bad_jenis, "rules.registry-jenis", "registri-blud.csv"),
        (_orphan_account, "rules.chart-parent-missing", "bagan-akun-blud-tambahan.csv"),
        (_duplicate_account, "rules.chart-duplicate", "bagan-akun-blud-tambahan.csv"),
        (_no_english_hint, "rules.catalogue-text-missing", "katalog-aturan.yaml"),
        (_duplicate_rule, "rules.rule-duplicate", "katalog-aturan.yaml"),
        (_deleted_rule, "rules.rule-missing", "katalog-aturan.yaml"),
        (_unknown_rule, "rules.rule-unknown", "katalog-aturan.yaml"),
        (_setting_out_of_range, "rules.setting-invalid", "pengaturan.yaml"),
        (_unparseable_yaml, "rules.yaml-invalid", "skema/kapitasi.yaml"),
        (_empty_yaml, "rules.yaml-invalid", "skema/lra.yaml"),
        (_missing_file, "rules.file-missing", "registri-blud.csv"),
        (_expired_waiver, "rules.waiver-expired", "pengecualian.yaml"),
        (_unknown_waiver_rule, "rules.waiver-rule-unknown", "pengecualian.yaml"),
    ],
)
def test_one_broken_thing_gives_exactly_its_finding(rules, breaker, rule, file):
    row, value = breaker(rules)
    code, findings = _findings(rules, "--fail-on", "warning")
    assert code == 1
    assert [(f["rule"], f["sheet"]) for f in findings] == [(rule, file)]
    assert findings[0]["severity"] == CHECKS[rule][0]
    if row is not None:
        assert findings[0]["row"] == row
    if value is not None:
        assert findings[0]["value"] == value


@pytest.mark.parametrize("setting", ["batas_hari_laporan: 30", "porsi_minimal_jasa_pelayanan_persen: 160",
                                     "toleransi_rupiah: 5000"])
def test_a_setting_rules_check_refuses_stops_the_other_commands_too(rules, setting):
    key = setting.split(":")[0]
    path = rules / "pengaturan.yaml"
    path.write_text(re.sub(rf"^{key}:.*$", setting, path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    _, findings = _findings(rules)
    assert [(f["rule"], f["value"]) for f in findings] == [("rules.setting-invalid", setting.split(": ")[1])]
    with pytest.raises(ConfigError, match=key):
        load_district(rules)


@pytest.mark.parametrize("key", ["katalog", "skema", "toleransi_rupiah", "daerah", "batas_detik"])
def test_a_setting_left_blank_takes_its_default_in_every_command(rules, key):
    path = rules / "pengaturan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{key}:.*$", f"{key}:", text, flags=re.M) if f"\n{key}:" in text else text + f"{key}:\n",
                    encoding="utf-8")
    _, findings = _findings(rules)
    assert findings == []
    default = load_district(RULES)
    blank = load_district(rules)
    assert (blank.tolerance_sen, blank.limits, len(blank.rules), sorted(blank.schemas)) == (
        default.tolerance_sen, default.limits, len(default.rules), sorted(default.schemas))
    assert blank.daerah == ("" if key == "daerah" else default.daerah)


def test_a_renamed_rule_is_missing_and_its_new_id_unknown(rules):
    path = rules / "katalog-aturan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: value.amount-as-text", "- id: value.angka-teks"),
                    encoding="utf-8")
    code, findings = _findings(rules)
    assert code == 1
    assert [(f["rule"], f["severity"], f["value"], f["row"]) for f in findings] == [
        ("rules.rule-missing", "error", "value.amount-as-text", None),
        ("rules.rule-unknown", "warning", "value.angka-teks", _line_of(path, "- id: value.angka-teks"))]


def test_a_rule_of_the_districts_own_schema_check_is_known(rules):
    """A district may add a pandera check to a schema with a rule of its own."""
    schema = rules / "skema" / "lra.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace(
        "  bulan_ini: {greater_than_or_equal_to: lra.realisation-negative}",
        "  bulan_ini: {greater_than_or_equal_to: lra.realisation-negative}\n"
        "  sd_lalu: {greater_than_or_equal_to: lra.sd-lalu-negative}").replace(
        "    bulan_ini: {dtype: null, nullable: true, checks: {greater_than_or_equal_to: 0}}",
        "    bulan_ini: {dtype: null, nullable: true, checks: {greater_than_or_equal_to: 0}}\n"
        "    sd_lalu: {dtype: null, nullable: true, checks: {greater_than_or_equal_to: 0}}"), encoding="utf-8")
    _append(rules / "katalog-aturan.yaml", "  - id: lra.sd-lalu-negative\n    severity: error\n"
                                          "    message: {id: a, en: b}\n    hint: {id: c, en: d}\n"
                                          "    why: {id: e, en: f}\n    example: {id: g, en: h}")
    assert _findings(rules, "--fail-on", "warning") == (0, [])
    assert "lra.sd-lalu-negative" in load_district(rules).schemas["lra"].rules["sd_lalu"].values()


def _national_account_added_again(rules: Path):
    return _append(rules / "bagan-akun-blud-tambahan.csv", "5.1.02.01.01.0024,Salinan,6,uji"), "5.1.02.01.01.0024"


def _threshold_over_100(rules: Path):
    return _append(rules / "registri-blud.csv", "PKM99,Puskesmas Baru,Puskesmas,150,2026-01"), "150"


def _waiver_for_unknown_blud(rules: Path):
    (rules / "pengecualian.yaml").write_text(_waiver("kapitasi.jasa-share", "2099-12-31").replace("PKM07", "PKM98"),
                                             encoding="utf-8")
    return None, "PKM98"


@pytest.mark.parametrize(("breaker", "rule", "file"), [
    (_orphan_account, "rules.chart-parent-missing", "bagan-akun-blud-tambahan.csv"),
    (_duplicate_account, "rules.chart-duplicate", "bagan-akun-blud-tambahan.csv"),
    (_national_account_added_again, "rules.chart-duplicate", "bagan-akun-blud-tambahan.csv"),
    (_threshold_over_100, "rules.registry-threshold", "registri-blud.csv"),
    (_unknown_waiver_rule, "rules.waiver-rule-unknown", "pengecualian.yaml"),
    (_waiver_for_unknown_blud, "rules.waiver-blud-unknown", "pengecualian.yaml"),
])
def test_an_error_of_a_file_the_commands_read_stops_them(rules, tmp_path, breaker, rule, file):
    """Before, rules check refused these but validate and template build ran on them (a chart
    account without its parent made the parent's LRA rows lra.code-unknown)."""
    _, value = breaker(rules)
    _, findings = _findings(rules)
    assert [(f["rule"], f["sheet"]) for f in findings] == [(rule, file)]
    with pytest.raises(ConfigError) as caught:
        load_district(rules)
    assert caught.value.path.endswith(file) and value in caught.value.problem
    for command in (["validate", str(ROOT / "samples" / "PKM03_LRA_Maret_2026.xlsx")],
                    ["template", "build", "--output", str(tmp_path / "t.xlsx")]):
        result = CliRunner().invoke(app, [*command, "--rules", str(rules)])
        assert result.exit_code == 2 and file in result.output, result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_every_problem_is_reported_not_only_the_first(rules):
    _duplicate_registry(rules)
    _bad_jenis(rules)
    _setting_out_of_range(rules)
    _orphan_account(rules)
    code, findings = _findings(rules)
    assert code == 1
    assert sorted(f["rule"] for f in findings) == [
        "rules.chart-parent-missing", "rules.registry-duplicate", "rules.registry-jenis", "rules.setting-invalid",
    ]


def test_a_broken_catalogue_does_not_hide_other_files(rules):
    (rules / "katalog-aturan.yaml").write_text("rules: 5\n", encoding="utf-8")
    (rules / "registri-blud.csv").write_text(f"{REGISTRY_HEADER}\nX1,A,RSUD,150,2022-13\n", encoding="utf-8")
    results = check_rules(rules, "en")
    by_file = {Path(r.path).name: [f.rule for f in r.findings] for r in results}
    assert by_file["katalog-aturan.yaml"] == ["rules.catalogue-invalid"]
    assert by_file["registri-blud.csv"] == ["rules.registry-threshold", "rules.registry-period"]
    assert results[1].findings[0].message == "ambang_batas_persen '150' is not a number 0-100"


def test_template_accounts_must_be_in_the_chart(rules):
    path = rules / "template-akun.yaml"
    if not path.exists():
        path.write_text('akun:\n  RSUD:\n    - "4.1.04.16.01.0001"\n', encoding="utf-8")
    line = _append(path, '    - "9.9.99.99.99.9999"')
    _, findings = _findings(rules)
    assert [(f["rule"], f["sheet"], f["value"]) for f in findings] == [
        ("rules.template-account-unknown", "template-akun.yaml", "9.9.99.99.99.9999")]
    assert findings[0]["row"] is not None and findings[0]["row"] < line


def test_json_has_the_validate_shape():
    result = _invoke("check", RULES, "--format", "json")
    report = json.loads(result.stdout)
    assert set(report) == {"files"}
    file = report["files"][0]
    assert set(file) == {"path", "status", "kode_blud", "tahun", "bulan", "revisi", "errors", "warnings", "findings"}
    assert file["path"].endswith("pengaturan.yaml") and file["status"] == "valid"


def test_json_finding_record(rules):
    _bad_jenis(rules)
    _, findings = _findings(rules, "--lang", "en")
    assert findings == [{
        "rule": "rules.registry-jenis", "severity": "error", "sheet": "registri-blud.csv", "row": 28,
        "column": None, "cell": None, "message": "Unknown kind of BLUD 'Klinik'", "value": "Klinik",
        "expected": "RSUD, Puskesmas, Labkesda",
    }]


def test_missing_folder_is_a_usage_error(tmp_path):
    result = _invoke("check", tmp_path / "nowhere")
    assert result.exit_code == 2


def test_diff_lists_each_change(rules):
    settings = rules / "pengaturan.yaml"
    settings.write_text(settings.read_text().replace("toleransi_rupiah: 1.00", "toleransi_rupiah: 5"))
    catalogue = rules / "katalog-aturan.yaml"
    catalogue.write_text(catalogue.read_text().replace(
        "- id: value.amount-as-text\n    severity: warning", "- id: value.amount-as-text\n    severity: error"))
    registry = rules / "registri-blud.csv"
    registry.write_text(registry.read_text().replace("RS01,RSUD Muara Harapan,RSUD,10,",
                                                     "RS01,RSUD Muara Harapan,RSUD,15,"))
    _append(registry, "PKM99,Puskesmas Baru,Puskesmas,5,2026-01")
    chart = rules / "bagan-akun-blud-tambahan.csv"
    chart.write_text(chart.read_text().replace("4.1.04.16.03,Pendapatan Hibah BLUD,", "4.1.04.16.03,Hibah BLUD,"))
    result = _invoke("diff", RULES, rules, "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "- `toleransi_rupiah`: `1.0` → `5`" in lines
    assert "- Severity `value.amount-as-text`: `warning` → `error`" in lines
    assert "- `RS01` ambang_batas_persen: `10` → `15`" in lines
    assert any(line.startswith("- Added: `PKM99` — Puskesmas Baru (Puskesmas") for line in lines)
    assert "- Renamed: `4.1.04.16.03` — Pendapatan Hibah BLUD → Hibah BLUD" in lines
    assert len([line for line in lines if line.startswith("- ")]) == 5
    assert _invoke("diff", RULES, rules, "--lang", "en").stdout == result.stdout  # deterministic


def test_diff_lists_a_changed_explanation(rules):
    catalogue = rules / "katalog-aturan.yaml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("- id: bku.balance")
    why = text.index("why:", start)
    english = text.index("en:", why)
    end = text.index("\n", english)
    catalogue.write_text(text[:english] + 'en: "Changed reason."' + text[end:], encoding="utf-8")
    lines = _invoke("diff", RULES, rules, "--lang", "en").stdout.splitlines()
    changed = [line for line in lines if line.startswith("- ")]
    assert len(changed) == 1 and changed[0].startswith("- Why `bku.balance` (en): ")
    assert changed[0].endswith("→ `Changed reason.`")


def test_diff_of_identical_folders(rules, tmp_path):
    assert "Tidak ada perubahan" in _invoke("diff", RULES, rules).stdout
    output = tmp_path / "diff.md"
    assert _invoke("diff", RULES, rules, "--lang", "en", "--output", output).exit_code == 0
    assert "No changes" in output.read_text(encoding="utf-8")


def test_docs_equal_the_rule_reference():
    result = _invoke("docs")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "`rules.waiver-expired` — warning" in result.stdout


def test_docs_name_the_district_they_were_generated_from(rules):
    settings = rules / "pengaturan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "daerah: Kabupaten Muara Harapan", "daerah: Kabupaten Danau Permai"), encoding="utf-8")
    text = _invoke("docs", rules).stdout
    assert "generated from the rule catalogue of Kabupaten Danau Permai" in text
    assert "Muara Harapan" not in text and "bundled district" not in text
    settings.write_text(settings.read_text(encoding="utf-8").replace("daerah: Kabupaten Danau Permai\n", ""),
                        encoding="utf-8")  # daerah is optional: the folder is named instead
    assert "generated from the rule catalogue of the rules folder `rules`" in _invoke("docs", rules).stdout


def test_docs_of_a_broken_folder_exit_2(rules):
    (rules / "katalog-aturan.yaml").write_text("rules: 5\n", encoding="utf-8")
    assert _invoke("docs", rules).exit_code == 2


def _settings_unparseable(rules: Path):
    with open(rules / "pengaturan.yaml", "a", encoding="utf-8") as fh:
        fh.write("daerah: [unclosed\n")
    return "pengaturan.yaml"


def _registry_columns_missing(rules: Path):
    (rules / "registri-blud.csv").write_text("kode_blud,nama\nX1,A\n", encoding="utf-8")
    return "registri-blud.csv"


def _chart_header_wrong(rules: Path):
    path = rules / "bagan-akun-blud-tambahan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("kode,", "code,", 1), encoding="utf-8")
    return "bagan-akun-blud-tambahan.csv"


def _chart_not_utf8(rules: Path):
    path = rules / "bagan-akun-blud-tambahan.csv"
    path.write_bytes(path.read_bytes() + "9.9,Akun ñ,2,uji\n".encode("cp1252"))
    return "bagan-akun-blud-tambahan.csv"


def _template_unparseable(rules: Path):
    (rules / "template-akun.yaml").write_text("RSUD: [\n", encoding="utf-8")
    return "template-akun.yaml"


@pytest.mark.parametrize("breaker", [_settings_unparseable, _registry_columns_missing, _chart_header_wrong,
                                     _chart_not_utf8, _template_unparseable])
@pytest.mark.parametrize("side", ["old", "new"])
def test_diff_says_a_broken_file_was_not_compared_and_exits_2(rules, breaker, side):
    """Before, a broken file of the new folder was listed as every entry it held removed (or every
    setting → (absent)), with exit code 0."""
    name = breaker(rules)
    folders = (RULES, rules) if side == "new" else (rules, RULES)
    result = _invoke("diff", *folders, "--lang", "en")
    assert result.exit_code == 2
    lines = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert lines and set(lines) == {f"- `{name}` unreadable in the {side} folder; run `bludcli rules check`"}
    assert str(rules / name) in result.stderr


def _schema_edit(old: str, new: str):
    def edit(rules: Path) -> None:
        path = rules / "skema" / "lra.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


@pytest.mark.parametrize(("edit", "line"), [
    (_schema_edit("required: false}\n  persen", "required: true}\n  persen"),
     "`lra.columns.sisa.required`: `False` → `True`"),
    (_schema_edit("header_keys: [kode, uraian]", "header_keys: [kode]"), "`lra.header_keys`: `kode, uraian` → `kode`"),
    (_schema_edit("bulan_ini: {greater_than_or_equal_to: lra.realisation-negative}",
                  "bulan_ini: {greater_than_or_equal_to: lra.budget-negative}"),
     "`lra.rules.bulan_ini.greater_than_or_equal_to`: `lra.realisation-negative` → `lra.budget-negative`"),
    (_schema_edit("checks: {greater_than_or_equal_to: 0}", "checks: {greater_than_or_equal_to: 1000}"),
     "`lra.pandera.columns.anggaran.checks.greater_than_or_equal_to`: `0` → `1000`"),
    (_schema_edit("sheet: LRA", "sheet: Realisasi"), "`lra.sheet`: `LRA` → `Realisasi`"),
])
def test_diff_lists_each_schema_change_that_can_change_a_verdict(rules, edit, line):
    """Before, only labels and aliases were compared: these gave "No changes."."""
    edit(rules)
    result = _invoke("diff", RULES, rules, "--lang", "en")
    assert result.exit_code == 0
    assert [item for item in result.stdout.splitlines() if item.startswith("- ")] == [f"- {line}"]
