"""A district's pandera schema (rules/skema/*.yaml, in pandera's own YAML format), read lightly.

Importing pandera (with pandas and numpy) takes half a second, more than checking a month of
reports. The schemas a district writes are almost always plain: per column `nullable`,
`unique` and pandera's built-in value checks with their statistics. Those are read here into
objects shaped like pandera's (`.columns[key].nullable/.unique/.checks`, each check with
`.name` and `.statistics`), which checks/schema.py evaluates. Anything else (a dtype, a custom
or unknown check, check options) is handed to pandera itself, so its full format still works.
`bludcli rules check` always deserializes the schema with pandera as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# pandera's built-in checks that take one statistic, and its name (a scalar in the YAML is it).
BUILTIN_CHECKS = {
    "greater_than_or_equal_to": "min_value",
    "greater_than": "min_value",
    "less_than_or_equal_to": "max_value",
    "less_than": "max_value",
    "equal_to": "value",
    "not_equal_to": "value",
    "isin": "allowed_values",
    "notin": "forbidden_values",
    "str_matches": "pattern",
    "in_range": None,  # statistics as a mapping only
    "str_length": None,
}
# The statistics pandera fills in when a schema leaves them out.
_DEFAULTS = {
    "in_range": {"include_min": True, "include_max": True},
    "str_length": {"min_value": None, "max_value": None, "exact_value": None},
}
# Column keys that do not change what is checked here.
_INERT_KEYS = {"title", "description", "required", "regex", "coerce", "report_duplicates", "drop_invalid_rows",
               "name"}


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    statistics: dict


@dataclass(frozen=True, slots=True)
class Column:
    nullable: bool = False
    unique: bool = False
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class Schema:
    columns: dict[str, Column] = field(default_factory=dict)


def load(spec: dict):
    """The schema of a pandera YAML mapping: light when it is plain, pandera's own otherwise.
    Raises what pandera raises for a schema it cannot read."""
    light = _light(spec)
    if light is not None:
        return light
    from pandera.io.pandas_io import deserialize_schema

    return deserialize_schema(spec)


def _light(spec) -> Schema | None:
    if not isinstance(spec, dict) or spec.get("schema_type", "dataframe") != "dataframe":
        return None
    if set(spec) - {"schema_type", "version", "columns"} or not isinstance(spec.get("columns"), dict):
        return None
    columns = {}
    for key, item in spec["columns"].items():
        column = _column(item)
        if column is None:
            return None
        columns[key] = column
    return Schema(columns)


def _column(item) -> Column | None:
    if not isinstance(item, dict) or item.get("dtype") is not None:
        return None
    if set(item) - _INERT_KEYS - {"dtype", "nullable", "unique", "checks"}:
        return None
    nullable, unique = item.get("nullable", False), item.get("unique", False)
    if not isinstance(nullable, bool) or not isinstance(unique, bool):
        return None
    if not isinstance(item.get("checks") or {}, dict):
        return None
    checks = []
    for name, statistics in (item.get("checks") or {}).items():
        if name not in BUILTIN_CHECKS:
            return None
        if isinstance(statistics, dict):
            if "options" in statistics or not statistics:
                return None
        elif BUILTIN_CHECKS[name] is None:
            return None
        else:
            statistics = {BUILTIN_CHECKS[name]: statistics}
        checks.append(Check(name, {**_DEFAULTS.get(name, {}), **statistics}))
    return Column(nullable, unique, tuple(checks))
