"""`bludcli explain`: what a rule id means, why the rule exists and how to fix what it reports."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from bludcli.cli.options import Lang, LangOption, RulesOption, fail, load_rules


class ExplainFormat(str, Enum):
    table = "table"
    json = "json"


def explain(
    rule_id: Annotated[str | None, typer.Argument(
        metavar="RULE_ID", help="A rule id as findings show it, e.g. lra.cumulative (case is ignored).",
        show_default=False)] = None,
    list_rules: Annotated[bool, typer.Option("--list", help="List every rule id by family instead.")] = False,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = ExplainFormat.table,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
) -> None:
    """Explain a rule: severity, message, why it exists, how to fix it and an example.

    The district's catalogue (--rules) gives its own severities and texts; the rules.* ids of
    `bludcli rules check` are explained too. Exit code 0, or 2 for an unknown id or a usage error.
    """
    import sys

    from rich.console import Console

    from bludcli import explain as explanations
    from bludcli.i18n import t

    language = lang.value
    if list_rules == (rule_id is not None):
        fail(t("explain.usage", language))
    district = load_rules(rules, language)
    known = explanations.known_rules(district)
    if list_rules:
        if fmt is ExplainFormat.json:
            sys.stdout.write(explanations.to_json(known.values(), language))
        else:
            explanations.print_rules(known.values(), language, Console(), district.daerah)
        return
    rule = explanations.find_rule(known, rule_id)
    if rule is None:
        close = explanations.closest_ids(known, rule_id)
        fail("\n".join([t("explain.unknown", language, rule=rule_id),
                        *([t("explain.suggest", language, rules=", ".join(close))] if close else []),
                        t("explain.see_list", language)]))
    if fmt is ExplainFormat.json:
        sys.stdout.write(explanations.to_json(rule, language))
    else:
        explanations.print_rule(rule, language, Console())
