"""`bludcli explain`: every rule id explained, in both languages, from the district's catalogue.

The expected texts are read from rules/katalog-aturan.yaml (and, for the `rules.*` ids, from the
CHECKS of bludcli/rules_check.py), never written out here. rich wraps long texts to the width of
the console, so text is compared with its whitespace folded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import bludcli.config
from bludcli.cli.app import app
from bludcli.i18n import t
from bludcli.rules_check import CHECKS, check_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
CATALOGUE = yaml.safe_load((RULES / "katalog-aturan.yaml").read_text(encoding="utf-8"))["rules"]
LANGS = ("id", "en")
PARTS = ("message", "hint", "why", "example")


def run(*args):
    return CliRunner().invoke(app, ["explain", *map(str, args)])


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def bundled():
    """The bundled district, loaded once: each explain run would otherwise read the whole chart
    of accounts again. A --rules folder is still loaded from disk."""
    district, load = bludcli.config.load_district(), bludcli.config.load_district
    patch = pytest.MonkeyPatch()
    patch.setattr(bludcli.config, "load_district", lambda root=None: district if root is None else load(root))
    yield district
    patch.undo()


@pytest.fixture
def rules(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- one rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry["id"])
def test_every_catalogue_rule_is_explained(bundled, entry, lang):
    result = run(entry["id"], "--lang", lang)
    assert result.exit_code == 0, result.output
    shown = folded(result.stdout)
    assert shown.startswith(f"{entry['id']} {t('severity.' + entry['severity'], lang)}")
    for part in PARTS:
        assert folded(entry[part][lang]) in shown, part


@pytest.mark.parametrize("lang", LANGS)
def test_every_rules_check_id_is_explained(bundled, lang):
    index = LANGS.index(lang)
    for rule, check in CHECKS.items():
        result = run(rule, "--lang", lang)
        assert result.exit_code == 0, result.output
        shown = folded(result.stdout)
        for texts in (check.message, check.hint, check.why, check.example):
            assert folded(texts[index]) in shown, rule
        assert folded(t("explain.fixed", lang)) in shown


def test_ids_are_read_case_insensitively(bundled):
    result = run(" LRA.Cumulative ")
    assert result.exit_code == 0
    assert result.stdout.startswith("lra.cumulative  kesalahan")


def test_labels_follow_the_language(bundled):
    for lang in LANGS:
        shown = run("bku.balance", "--lang", lang).stdout
        for key in ("col.message", "explain.why", "explain.fix", "explain.example"):
            assert t(key, lang) in shown


def test_json_is_the_rule_in_the_language_asked(bundled):
    entry = next(entry for entry in CATALOGUE if entry["id"] == "kapitasi.jasa-share")
    result = run("kapitasi.jasa-share", "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"rule": entry["id"], "severity": entry["severity"],
                                         **{part: entry[part]["en"] for part in PARTS}}


# --- unknown ids and usage -----------------------------------------------------------------


def test_unknown_id_exits_2_and_suggests_the_closest(bundled):
    result = run("lra.cumulatif")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'lra.cumulatif' tidak dikenal" in result.stderr
    assert "Mungkin yang dimaksud: lra.cumulative" in result.stderr
    assert "bludcli explain --list" in result.stderr


def test_an_id_without_its_family_is_suggested_in_english(bundled):
    result = run("voucher-duplicate", "--lang", "en")
    assert result.exit_code == 2
    assert "Did you mean: bku.voucher-duplicate" in result.stderr


def test_nothing_close_suggests_the_list(bundled):
    result = run("zzz")
    assert result.exit_code == 2
    assert "Mungkin" not in result.stderr and "bludcli explain --list" in result.stderr


@pytest.mark.parametrize("args", [(), ("lra.cumulative", "--list")])
def test_one_id_or_the_list(bundled, args):
    result = run(*args)
    assert result.exit_code == 2
    assert t("explain.usage") in result.stderr


# --- the list ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_list_names_every_id_by_family(bundled, lang):
    result = run("--list", "--lang", lang)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]  # a table's title is padded to its width
    ids = [entry["id"] for entry in CATALOGUE] + list(CHECKS)
    families = list(dict.fromkeys(rule.split(".")[0] for rule in ids))
    headings = [lines.index(t(f"explain.family.{family}", lang)) for family in families]
    assert headings == sorted(headings)  # each family once, in the order of its first rule
    for rule in ids:  # each id on its own row, under its family's heading
        row = next(number for number, line in enumerate(lines) if line.startswith(f"{rule} "))
        family = families.index(rule.split(".")[0])
        assert headings[family] < row < (headings[family + 1] if family + 1 < len(headings) else len(lines))
    assert t("explain.count", lang, count=len(ids), daerah="Kabupaten Muara Harapan") in result.stdout


def test_list_as_json(bundled):
    result = run("--list", "--format", "json")
    records = json.loads(result.stdout)["rules"]
    assert [record["rule"] for record in records] == [entry["id"] for entry in CATALOGUE] + list(CHECKS)
    assert records[0]["why"] == CATALOGUE[0]["why"]["id"]


# --- a district's own catalogue ------------------------------------------------------------


def test_a_district_severity_and_text_show_with_rules(rules):
    _edit(rules / "katalog-aturan.yaml", "- id: value.amount-as-text\n    severity: warning",
          "- id: value.amount-as-text\n    severity: error")
    _edit(rules / "katalog-aturan.yaml", "Ubah sel menjadi angka", "Ketik ulang sel sebagai angka")
    result = run("value.amount-as-text", "--rules", rules)
    assert result.exit_code == 0
    assert result.stdout.startswith("value.amount-as-text  kesalahan")
    assert "Ketik ulang sel sebagai angka" in folded(result.stdout)
    listed = run("--list", "--rules", rules, "--format", "json")
    severity = {record["rule"]: record["severity"] for record in json.loads(listed.stdout)["rules"]}
    assert severity["value.amount-as-text"] == "error"
    assert run("value.amount-as-text").stdout.startswith("value.amount-as-text  peringatan")  # the bundled one


def test_a_broken_rules_folder_exits_2(rules):
    (rules / "katalog-aturan.yaml").write_text("rules: 5\n", encoding="utf-8")
    result = run("lra.cumulative", "--rules", rules)
    assert result.exit_code == 2
    assert "katalog-aturan.yaml" in result.stderr


def _without_why(rules: Path) -> int:
    """Remove `why` (both languages) from lra.cumulative, as in a catalogue written before it
    existed; the rule's line."""
    path = rules / "katalog-aturan.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(number for number, line in enumerate(lines) if line == "  - id: lra.cumulative\n")
    why = next(number for number in range(start, len(lines)) if lines[number] == "    why:\n")
    del lines[why:why + 3]
    path.write_text("".join(lines), encoding="utf-8")
    return start + 1


def test_an_older_catalogue_still_explains_and_says_what_is_missing(rules):
    _without_why(rules)
    result = run("lra.cumulative", "--rules", rules, "--lang", "en")
    assert result.exit_code == 0
    assert folded(t("explain.missing", "en")) in folded(result.stdout)
    entry = next(entry for entry in CATALOGUE if entry["id"] == "lra.cumulative")
    assert folded(entry["example"]["en"]) in folded(result.stdout)
    record = json.loads(run("lra.cumulative", "--rules", rules, "--format", "json").stdout)
    assert record["why"] is None and record["example"] == entry["example"]["id"]


def test_rules_check_warns_about_a_rule_without_why(rules):
    line = _without_why(rules)
    results = check_rules(rules, "en")
    findings = [finding for result in results for finding in result.findings]
    assert [(f.rule, f.severity, f.sheet, f.row, f.value) for f in findings] == [
        ("rules.catalogue-explanation-missing", "warning", "katalog-aturan.yaml", line, "why.id, why.en")]
    assert findings[0].message == "Rule 'lra.cumulative' has no explanation why.id, why.en"
    check = CliRunner().invoke(app, ["rules", "check", str(rules)])
    assert check.exit_code == 0  # a warning: a district's older catalogue keeps passing
    assert CliRunner().invoke(app, ["rules", "check", str(rules), "--fail-on", "warning"]).exit_code == 1


def test_rules_check_names_a_single_missing_language(rules):
    _edit(rules / "katalog-aturan.yaml",
          next(f'      en: "{entry["example"]["en"]}"\n' for entry in CATALOGUE if entry["id"] == "bku.balance"), "")
    findings = [f for result in check_rules(rules) for f in result.findings]
    assert [(f.rule, f.value) for f in findings] == [("rules.catalogue-explanation-missing", "example.en")]
