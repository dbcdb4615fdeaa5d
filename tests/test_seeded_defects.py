"""The issue's bar, checked on every run: single defects seeded into generated workbooks of
random layouts are found at the cell that was changed, and valid workbooks give no error.

A wider survey: python tests/defects.py --workbooks 60
"""

from bludcli.config import load_district
from tests.defects import survey


def test_single_defects_are_found_at_their_cell():
    found, tried, false_errors = survey(workbooks=6, seed=20260323, district=load_district())
    assert false_errors == 0
    assert sum(tried.values()) > 150
    missed = {kind: tried[kind] - found[kind] for kind in tried if found[kind] < tried[kind]}
    assert sum(found.values()) / sum(tried.values()) >= 0.95, missed
