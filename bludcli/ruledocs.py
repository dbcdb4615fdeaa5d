"""The rule reference (docs/rules.md), generated from a district's rule catalogue.

Regenerate with: python -m bludcli.ruledocs > docs/rules.md
"""

from __future__ import annotations

from bludcli.config import LANGS, District, RuleDef, load_district
from bludcli.explain import PARTS, by_family, family_title, text
from bludcli.i18n import t

# The label (i18n key) of each text of a rule; a text the catalogue lacks (why and example are
# optional) is left out.
_LABELS = {"message": "col.message", "why": "explain.why", "hint": "col.hint", "example": "explain.example"}


def render_rules_markdown(district: District) -> str:
    """The reference of `district`'s rules folder, naming its district (or, without a `daerah`, the folder)."""
    source = district.daerah or f"the rules folder `{district.root.name}`"
    lines = [
        "# Rule reference",
        "",
        "Every finding `bludcli validate` reports carries one of these stable rule ids. This page is",
        f"generated from the rule catalogue of {source} (the `katalog` its `pengaturan.yaml` names);",
        "a district may change a severity or a text in its own copy, never an id.",
        "`{placeholders}` are filled in from the workbook.",
        "",
        "Each rule says why it exists and gives an example of a wrong cell and what it should be.",
        "`bludcli explain ID` prints one rule, in Indonesian or English (`--lang en`), as the district's",
        "own catalogue has it (`--rules`). A catalogue written before `why` and `example` existed still",
        "loads: `bludcli explain` says they are missing, and `bludcli rules check` warns",
        "(`rules.catalogue-explanation-missing`).",
        "",
        "*error*: the file cannot be accepted as it is; *warning*: accepted, but the sender should look.",
    ]
    for prefix, rules in by_family(district.rules.values()).items():
        lines += ["", f"## {family_title(prefix, 'en')}"]
        for rule in rules:
            lines += _rule_lines(rule)
    return "\n".join(lines + _rules_check_section()) + "\n"


def _rule_lines(rule: RuleDef) -> list[str]:
    lines = ["", f"### `{rule.id}` — {rule.severity}", ""]
    for part in PARTS:
        lines += [f"- {t(_LABELS[part], lang)}: {value}" for lang in LANGS if (value := text(rule, part, lang))]
    return lines


def _rules_check_section() -> list[str]:
    """The ids `bludcli rules check` reports about a rules folder itself (fixed in code, not in
    the catalogue: the catalogue is one of the files checked)."""
    from bludcli.rules_check import check_definitions

    lines = [
        "",
        f"## {family_title('rules', 'en')}",
        "",
        "These ids are reported about a district's rules folder, not about a workbook. Their texts are",
        "fixed in `bludcli/rules_check.py`: a district cannot change them. `row` is the line of the file.",
    ]
    for rule in check_definitions().values():
        lines += _rule_lines(rule)
    return lines


if __name__ == "__main__":
    print(render_rules_markdown(load_district()), end="")
