"""The rule reference (docs/rules.md), generated from a district's rule catalogue.

Regenerate with: python -m bludcli.ruledocs > docs/rules.md
"""

from __future__ import annotations

from bludcli.config import District, load_district

_FAMILIES = {
    "file": "The file (contract §1)",
    "cell": "Cells (contract §1)",
    "value": "Values as people type them (contract §2)",
    "identitas": "Sheet Identitas (contract §3)",
    "table": "Tables: LRA, BKU, Kapitasi (contract §4–§6)",
    "lra": "Sheet LRA (contract §4)",
    "bku": "Sheet BKU (contract §5)",
    "kapitasi": "Sheet Kapitasi (contract §6)",
}


def render_rules_markdown(district: District) -> str:
    lines = [
        "# Rule reference",
        "",
        "Every finding `bludcli validate` reports carries one of these stable rule ids. This page is",
        "generated from the rule catalogue of the bundled district (`rules/katalog-aturan.yaml`);",
        "a district may change a severity or a text in its own copy, never an id.",
        "`{placeholders}` are filled in from the workbook.",
        "",
        "*error*: the file cannot be accepted as it is; *warning*: accepted, but the sender should look.",
    ]
    family = None
    for rule in district.rules.values():
        prefix = rule.id.split(".", 1)[0]
        if prefix != family:
            family = prefix
            lines += ["", f"## {_FAMILIES.get(prefix, prefix)}"]
        lines += [
            "",
            f"### `{rule.id}` — {rule.severity}",
            "",
            f"- Pesan: {rule.message['id']}",
            f"- Message: {rule.message['en']}",
            f"- Petunjuk: {rule.hint['id']}",
            f"- Hint: {rule.hint['en']}",
        ]
    return "\n".join(lines + _rules_check_section()) + "\n"


def _rules_check_section() -> list[str]:
    """The ids `bludcli rules check` reports about a rules folder itself (fixed in code, not in
    the catalogue: the catalogue is one of the files checked)."""
    from bludcli.rules_check import CHECKS

    lines = [
        "",
        "## The rules folder (`bludcli rules check`)",
        "",
        "These ids are reported about a district's rules folder, not about a workbook. Their texts are",
        "fixed in `bludcli/rules_check.py`: a district cannot change them. `row` is the line of the file.",
    ]
    for rule_id, (severity, message, hint) in CHECKS.items():
        lines += [
            "",
            f"### `{rule_id}` — {severity}",
            "",
            f"- Pesan: {message[0]}",
            f"- Message: {message[1]}",
            f"- Petunjuk: {hint[0]}",
            f"- Hint: {hint[1]}",
        ]
    return lines


if __name__ == "__main__":
    print(render_rules_markdown(load_district()), end="")
