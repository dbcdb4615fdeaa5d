"""What a rule id means (`bludcli explain`): its severity, message, why the rule exists, how to
fix what it reports, and an example.

The ids are those of the district's rule catalogue (with the district's own severities and
texts) and the `rules.*` ids of `bludcli rules check`, whose texts are fixed in
`bludcli.rules_check`. Printing imports rich when it prints.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from bludcli.config import District, RuleDef
from bludcli.i18n import t
from bludcli.output import printable

if TYPE_CHECKING:
    from rich.console import Console

PARTS = ("message", "why", "hint", "example")  # the texts of a rule, in the order they are shown
_LABELS = {"message": "col.message", "hint": "explain.fix", "why": "explain.why", "example": "explain.example"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow"}


def known_rules(district: District) -> dict[str, RuleDef]:
    """Every id bludcli reports: the district's catalogue, then the checks of `rules check`."""
    from bludcli.rules_check import check_definitions

    return {**district.rules, **check_definitions()}


def find_rule(rules: Mapping[str, RuleDef], query: str) -> RuleDef | None:
    """The rule whose id is `query`, ignoring case and surrounding spaces."""
    wanted = query.strip().casefold()
    return next((rule for rule_id, rule in rules.items() if rule_id.casefold() == wanted), None)


def closest_ids(rules: Mapping[str, RuleDef], query: str, count: int = 3) -> list[str]:
    """The ids most like `query` (a typo, a missing family prefix), best first."""
    ids = {rule_id.casefold(): rule_id for rule_id in rules}
    return [ids[key] for key in difflib.get_close_matches(query.strip().casefold(), ids, n=count)]


def family(rule_id: str) -> str:
    """The family of a rule: its id's prefix (`lra` of `lra.cumulative`)."""
    return rule_id.split(".", 1)[0]


def by_family(rules: Iterable[RuleDef]) -> dict[str, list[RuleDef]]:
    """The rules grouped by family, families in the order they first appear, rules in theirs."""
    families: dict[str, list[RuleDef]] = {}
    for rule in rules:
        families.setdefault(family(rule.id), []).append(rule)
    return families


def family_title(prefix: str, lang: str) -> str:
    """The heading of a family of rules, as docs/rules.md groups them."""
    try:
        return t(f"explain.family.{prefix}", lang)
    except KeyError:  # a prefix bludcli does not know: the prefix itself
        return prefix


def text(rule: RuleDef, part: str, lang: str) -> str | None:
    """One of PARTS in `lang`; None when the catalogue lacks it (why and example are optional)."""
    return getattr(rule, part).get(lang) or None


def record(rule: RuleDef, lang: str) -> dict:
    """The rule as JSON: its id (as `rule`, like a finding), severity (the machine value) and PARTS
    in `lang`, null where missing."""
    return {"rule": rule.id, "severity": rule.severity, **{part: text(rule, part, lang) for part in PARTS}}


def to_json(rules: RuleDef | Iterable[RuleDef], lang: str) -> str:
    """One rule as an object; several as `{"rules": [...]}`."""
    document = record(rules, lang) if isinstance(rules, RuleDef) else {"rules": [record(r, lang) for r in rules]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def print_rule(rule: RuleDef, lang: str, console: Console) -> None:
    """The id and severity, the family, then message, why, how to fix and example, labelled."""
    from rich.table import Table
    from rich.text import Text

    heading = Text(rule.id, "bold")
    heading.append("  ")
    heading.append(t(f"severity.{rule.severity}", lang), _SEVERITY_STYLE[rule.severity])
    console.print(heading)
    console.print(Text(family_title(family(rule.id), lang), "dim"))
    if family(rule.id) == "rules":
        console.print(Text(t("explain.fixed", lang), "dim"))
    console.print()
    grid = Table.grid(padding=(1, 2), pad_edge=False)  # a blank line between the parts
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for part in PARTS:
        value = text(rule, part, lang)
        shown = Text(printable(value)) if value else Text(t("explain.missing", lang), "dim italic")
        grid.add_row(t(_LABELS[part], lang), shown)
    console.print(grid)


def print_rules(rules: Iterable[RuleDef], lang: str, console: Console, daerah: str) -> None:
    """One table a family (id, severity, message), then the count."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    families = by_family(rules)
    for prefix, members in families.items():
        table = Table(title=Text(family_title(prefix, lang), "bold"), title_justify="left", box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False)
        table.add_column(t("col.rule", lang), no_wrap=True)
        table.add_column(t("col.severity", lang), no_wrap=True)
        table.add_column(t("col.message", lang), ratio=1)
        for rule in members:
            table.add_row(Text(rule.id), Text(t(f"severity.{rule.severity}", lang), _SEVERITY_STYLE[rule.severity]),
                          Text(printable(rule.message[lang])))
        console.print(table)
        console.print()
    console.print(t("explain.count", lang, count=sum(map(len, families.values())), daerah=daerah), style="bold",
                  highlight=False)
