"""The option parser's usage errors (an unknown option, a missing argument, a value out of range)
in the user's language.

The parser (click, inside typer) writes them in English only, with no hook for a translation,
so bludcli shows them itself: each kind of error by its class and fields, and the detail of a
bad value (which click words from the option's type) by its known wordings; a wording not known
here is shown as click wrote it.
"""

from __future__ import annotations

import os
import re
import sys

from typer import TyperException
from typer._click import exceptions  # typer's own copy of click: pinned with typer in pyproject.toml

from bludcli.cli.options import LANG_VARIABLE
from bludcli.i18n import LANGUAGES, t

# click's wording of a bad value -> the key of ours; the groups are kept.
_VALUE_DETAILS = [
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.", re.S), "usage.value_not_one_of"),
    (re.compile(r"(?P<value>.*) is not in the range (?P<range>.*)\.", re.S), "usage.value_out_of_range"),
    (re.compile(r"'(?P<value>.*)' is not a valid int(eger)?\.", re.S), "usage.value_not_integer"),
]
# click's wording of other usage errors -> the key of ours.
_USAGE_MESSAGES = [
    (re.compile(r"No such command '(?P<name>.*)'\.( Did you mean '(?P<close>.*)'\?)?", re.S), "usage.no_such_command"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)", re.S), "usage.extra_arguments"),
    (re.compile(r"Option '(?P<option>.*)' requires (an argument|\d+ arguments)\.", re.S), "usage.needs_value"),
    (re.compile(r"Missing command\.", re.S), "usage.missing_command"),
]


def language(argv: list[str]) -> str:
    """The `--lang` of the command line, else $BLUDCLI_LANG, read before the parser runs (it may
    be what fails)."""
    for index, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return os.environ.get(LANG_VARIABLE) if os.environ.get(LANG_VARIABLE) in LANGUAGES else LANGUAGES[0]


def show(error: TyperException, lang: str) -> None:
    """Write the error to stderr as click does: the usage line and where to find help first."""
    if isinstance(error, exceptions.NoArgsIsHelpError):  # a group run bare: its help
        error.show()
        return
    lines = []
    context = getattr(error, "ctx", None)
    if context is not None:
        usage = context.get_usage().partition(":")[2].strip()  # after "Usage:", worded by helptext
        lines += [t("usage.usage", lang, usage=usage),
                  t("usage.help", lang, command=f"{context.command_path} {context.help_option_names[0]}"), ""]
    lines.append(t("usage.error", lang, message=message(error, lang)))
    sys.stderr.write("\n".join(lines) + "\n")


def message(error: TyperException, lang: str) -> str:
    """The error's message in `lang`."""
    if isinstance(error, exceptions.NoSuchOption):
        text = t("usage.no_such_option", lang, option=error.option_name)
        if error.possibilities:
            text += " " + t("usage.did_you_mean", lang, options=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, exceptions.MissingParameter) and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
        return t("usage.missing_argument" if error.param.param_type_name == "argument" else "usage.missing_option",
                 lang, name=hint)
    if isinstance(error, exceptions.BadParameter):
        hint = error.param_hint or (error.param.get_error_hint(error.ctx) if error.param is not None else None)
        detail = _translated(error.message, _VALUE_DETAILS, lang)
        return t("usage.bad_value", lang, name=hint, detail=detail) if hint else detail
    return _translated(error.format_message(), _USAGE_MESSAGES, lang)


def _translated(text: str, wordings: list, lang: str) -> str:
    """`text` in `lang` when it is one of the known wordings (a `close` group is click's guess
    at what was meant)."""
    for pattern, key in wordings:
        match = pattern.fullmatch(text)
        if match:
            groups = {name: value for name, value in match.groupdict().items() if value is not None}
            close = groups.pop("close", None)
            guess = " " + t("usage.did_you_mean", lang, options=f"'{close}'") if close else ""
            return t(key, lang, **groups) + guess
    return text
