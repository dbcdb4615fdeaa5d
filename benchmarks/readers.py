"""The benchmark's two references, each run as its own process like `bludcli validate` is:

    python benchmarks/readers.py calamine PATH   # the floor: every sheet of every file, bare
    python benchmarks/readers.py pandas PATH     # a naive peer: pandas.read_excel(sheet_name=None)

PATH is a folder (searched as bludcli searches it) or one file. Prints {"files": n, "rows": r}
as JSON: the rows read, for rows/s. The peer reads .xlsx/.xlsm with openpyxl, as the issue
asks; openpyxl cannot read .xls and .ods, which pandas then reads with its default engine for
the format (xlrd, odf) when installed, or counts as skipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def files_of(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                  and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts))


def calamine(files: list[Path]) -> dict:
    from python_calamine import CalamineWorkbook

    rows = 0
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows += len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
        book.close()
    return {"files": len(files), "rows": rows}


def pandas(files: list[Path]) -> dict:
    import pandas as pd

    rows = skipped = 0
    for path in files:
        engine = "openpyxl" if path.suffix.lower() in {".xlsx", ".xlsm"} else None
        try:
            frames = pd.read_excel(path, sheet_name=None, header=None, engine=engine)
        except ImportError:
            skipped += 1
            continue
        rows += sum(len(frame) for frame in frames.values())
    return {"files": len(files) - skipped, "rows": rows, "skipped": skipped}


if __name__ == "__main__":
    reader = {"calamine": calamine, "pandas": pandas}[sys.argv[1]]
    print(json.dumps(reader(files_of(Path(sys.argv[2])))))
