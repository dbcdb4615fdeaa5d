"""The official blank workbook of template v1 (`bludcli template build`), generated from rules/:
sheets Identitas, LRA, BKU, Kapitasi and Petunjuk, totals as formulas, input cells unlocked."""

from .accounts import ACCOUNTS_FILE, leaf_codes, load_accounts, with_parents
from .bku import DEFAULT_ROWS
from .build import Template, TemplateError, build_template, prefill, resolve
from .identitas import TEMPLATE_VERSION, VERSION_LABEL

__all__ = [
    "ACCOUNTS_FILE", "DEFAULT_ROWS", "TEMPLATE_VERSION", "Template", "TemplateError", "VERSION_LABEL",
    "build_template", "leaf_codes", "load_accounts", "prefill", "resolve", "with_parents",
]
