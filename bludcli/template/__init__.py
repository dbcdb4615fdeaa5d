"""The official blank workbook of template v1 (`bludcli template build`), generated from rules/:
sheets Identitas, LRA, BKU, Kapitasi and Petunjuk, totals as formulas, input cells unlocked."""

from .accounts import ACCOUNTS_FILE, leaf_codes, load_accounts, with_parents
from .bku import DEFAULT_ROWS
from .build import Template, TemplateError, build_template, prefill, resolve

__all__ = [
    "ACCOUNTS_FILE", "DEFAULT_ROWS", "Template", "TemplateError",
    "build_template", "leaf_codes", "load_accounts", "prefill", "resolve", "with_parents",
]
