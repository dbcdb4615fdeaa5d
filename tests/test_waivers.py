"""Waivers (rules/pengecualian.yaml): a rule the district does not apply to one BLUD for some
months. A waived finding stays in every report, marked, and does not count toward the verdict."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.config import load_district
from bludcli.samplegen import Layout, make_report, set_cell, write_xlsx
from bludcli.validate import validate_file

RULE = "identitas.jenis-mismatch"  # an error: a Puskesmas reporting itself as RSUD


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    """PKM03, March 2026, with one error finding: Jenis BLUD says RSUD."""
    path = tmp_path_factory.mktemp("laporan") / "PKM03.xlsx"
    cells = write_xlsx(make_report("PKM03", 2026, 3), Layout(), path)
    set_cell(path, cells.identitas.sheet, cells.identitas["Jenis BLUD"], "RSUD")
    return path


def rules_with(tmp_path: Path, *waivers: dict) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(load_district().root, rules)
    (rules / "pengecualian.yaml").write_text(yaml.safe_dump({"pengecualian": list(waivers)}), encoding="utf-8")
    return rules


def waiver(**changes) -> dict:
    return {"aturan": RULE, "kode_blud": "PKM03", "dari": "2026-01", "sampai": "2026-06",
            "alasan": "Perubahan status ditetapkan Bupati", "berlaku_hingga": "2099-12-31"} | changes


def test_without_a_waiver_the_finding_counts(workbook):
    result = validate_file(workbook, load_district())
    assert [f.rule for f in result.findings] == [RULE]
    assert (result.status, result.errors) == ("invalid", 1)


def test_a_waived_finding_stays_visible_and_does_not_count(workbook, tmp_path):
    result = validate_file(workbook, load_district(rules_with(tmp_path, waiver())))
    (finding,) = result.findings
    assert (finding.rule, finding.waived) == (RULE, "Perubahan status ditetapkan Bupati")
    assert (result.status, result.errors, result.warnings) == ("valid", 0, 0)


@pytest.mark.parametrize("changes", [
    {"kode_blud": "PKM04"},  # another BLUD
    {"dari": "2026-04", "sampai": "2026-06"},  # other months
    {"aturan": "identitas.nama-mismatch"},  # another rule
    {"berlaku_hingga": "2020-01-01"},  # expired
])  # fmt: skip
def test_a_waiver_covers_only_its_rule_blud_months_and_time(workbook, tmp_path, changes):
    result = validate_file(workbook, load_district(rules_with(tmp_path, waiver(**changes))))
    assert result.findings[0].waived is None
    assert result.status == "invalid"


def test_every_report_marks_the_waived_finding(workbook, tmp_path):
    rules = rules_with(tmp_path, waiver())
    runner = CliRunner()
    as_json = runner.invoke(app, ["validate", str(workbook), "--format", "json", "--rules", str(rules)])
    assert as_json.exit_code == 0, as_json.output
    record = json.loads(as_json.stdout)["files"][0]
    assert (record["status"], record["errors"]) == ("valid", 0)
    assert record["findings"][0]["waived"] == "Perubahan status ditetapkan Bupati"
    as_csv = runner.invoke(app, ["validate", str(workbook), "--format", "csv", "--rules", str(rules)])
    row = next(csv.DictReader(io.StringIO(as_csv.stdout.lstrip("\ufeff"))))
    assert (row["rule"], row["waived"]) == (RULE, "Perubahan status ditetapkan Bupati")
    as_table = runner.invoke(app, ["validate", str(workbook), "--rules", str(rules)], env={"COLUMNS": "200"})
    assert "dikecualikan: Perubahan status ditetapkan Bupati" in as_table.stdout
    assert as_table.exit_code == 0


def test_unwaived_findings_carry_no_waived_key(workbook):
    result = CliRunner().invoke(app, ["validate", str(workbook), "--format", "json"])
    assert "waived" not in json.loads(result.stdout)["files"][0]["findings"][0]


@pytest.mark.parametrize("broken", [
    {"aturan": RULE},  # fields missing
    waiver(dari="2026-13"),
    waiver(berlaku_hingga="besok"),
    waiver(alasan=" "),
])  # fmt: skip
def test_a_malformed_waiver_stops_with_the_file_named(workbook, tmp_path, broken):
    rules = rules_with(tmp_path, broken)
    result = CliRunner().invoke(app, ["validate", str(workbook), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "pengecualian.yaml" in result.stderr
