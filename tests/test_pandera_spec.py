"""The light reading of a district's pandera schemas agrees with pandera's own."""

from __future__ import annotations

import shutil

import pytest
import yaml
from pandera.io.pandas_io import deserialize_schema

from bludcli import pandera_spec
from bludcli.checks.schema import _BUILTIN
from bludcli.config import default_rules_dir, load_district
from bludcli.samplegen import Layout, make_report, set_cell, write_xlsx
from bludcli.validate import validate_file


def _shape(schema) -> dict:
    """What checks/schema.py uses of a schema, from pandera's objects or the light ones."""
    return {
        key: (column.nullable, column.unique, [(check.name, dict(check.statistics)) for check in column.checks])
        for key, column in schema.columns.items()
    }


def _bundled_specs() -> list[dict]:
    folder = default_rules_dir() / "skema"
    docs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))]
    return [doc["pandera"] for doc in docs if "pandera" in doc]


@pytest.mark.parametrize("spec", _bundled_specs())
def test_bundled_schemas_read_as_pandera_reads_them(spec):
    light = pandera_spec.load(spec)
    assert isinstance(light, pandera_spec.Schema)
    assert _shape(light) == _shape(deserialize_schema(spec))


PLAIN_CHECKS = {
    "greater_than_or_equal_to": 0,
    "greater_than": {"min_value": -5},
    "less_than_or_equal_to": 10**12,
    "less_than": {"max_value": 3},
    "equal_to": 7,
    "not_equal_to": {"value": 0},
    "isin": ["RSUD", "Puskesmas"],
    "notin": {"forbidden_values": [0]},
    "str_matches": "^[0-9]",
    "in_range": {"min_value": 0, "max_value": 100, "include_max": False},
    "str_length": {"min_value": 1, "max_value": 20},
}


def test_every_builtin_check_is_evaluated_and_known_to_the_light_reader():
    assert set(PLAIN_CHECKS) == set(pandera_spec.BUILTIN_CHECKS) == set(_BUILTIN)


@pytest.mark.parametrize(("name", "statistics"), PLAIN_CHECKS.items())
def test_each_plain_check_reads_as_pandera_reads_it(name, statistics):
    spec = {"schema_type": "dataframe",
            "columns": {"x": {"dtype": None, "nullable": True, "unique": False, "checks": {name: statistics}}}}
    light = pandera_spec.load(spec)
    assert isinstance(light, pandera_spec.Schema)
    assert _shape(light) == _shape(deserialize_schema(spec))


@pytest.mark.parametrize("column", [
    {"dtype": "int64", "nullable": True},
    {"dtype": None, "checks": {"str_startswith": "5"}},
    {"dtype": None, "checks": {"greater_than_or_equal_to": {"min_value": 0, "options": {"ignore_na": True}}}},
])
def test_anything_else_is_left_to_pandera(column):
    spec = {"schema_type": "dataframe", "columns": {"x": column}}
    assert not isinstance(pandera_spec.load(spec), pandera_spec.Schema)


def test_a_schema_pandera_reads_finds_what_the_light_one_finds(tmp_path):
    """A negative budget, checked once through the light schema and once through pandera's
    (the check written with options, which only pandera reads)."""
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    report = make_report("PKM03", 2026, 3)
    path = tmp_path / "PKM03.xlsx"
    cells = write_xlsx(report, Layout(), path)
    leaf = next(row for row in report.leaves if row.code[0] == 5 and row.anggaran > 0)
    set_cell(path, cells.lra.sheet, cells.lra[(leaf.code, "anggaran")], -float(leaf.anggaran))

    light = validate_file(path, load_district(rules))
    schema = rules / "skema" / "lra.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace(
        "anggaran: {dtype: null, nullable: true, checks: {greater_than_or_equal_to: 0}}",
        "anggaran: {dtype: null, nullable: true, checks: {greater_than_or_equal_to: "
        "{min_value: 0, options: {ignore_na: true}}}}"), encoding="utf-8")
    district = load_district(rules)
    assert not isinstance(district.schemas["lra"].pandera, pandera_spec.Schema)
    through_pandera = validate_file(path, district)

    negative = [(f.sheet, f.row, f.column) for f in light.findings if f.rule == "lra.budget-negative"]
    assert negative and [(f.sheet, f.row, f.column) for f in through_pandera.findings
                         if f.rule == "lra.budget-negative"] == negative
