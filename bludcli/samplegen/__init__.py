"""Deterministic generator of realistic BLUD monthly report workbooks.

`make_report` builds one BLUD month as data, consistent under every rule of the
template contract; `Layout` describes how a workbook looks; the writers lay a
report out once (`build_workbook`) and serialise it as .xlsx/.xlsm, .xls or
.ods, returning a `CellMap` of where every value landed so tests can seed a
defect at a known cell (`set_cell`). `python -m bludcli.samplegen DIR` writes
the bundled samples.
"""

from .bku import BkuRow
from .grid import CellMap, Formula, LabelCells, TableCells, WorkbookGrid
from .layout import IDENTITAS_LABELS, Layout
from .people import Person
from .report import (Amounts, ComputedRow, Identitas, Kapitasi, KapitasiColumn, LraRow, Report,
                     make_report)
from .sheets import build_workbook, code_text, rupiah_text
from .writers import save, set_cell, write_ods, write_xls, write_xlsx

__all__ = [
    "Amounts", "BkuRow", "CellMap", "ComputedRow", "Formula", "IDENTITAS_LABELS", "Identitas",
    "Kapitasi", "KapitasiColumn", "LabelCells", "Layout", "LraRow", "Person", "Report",
    "TableCells", "WorkbookGrid", "build_workbook", "code_text", "make_report", "rupiah_text",
    "save", "set_cell", "write_ods", "write_xls", "write_xlsx",
]
