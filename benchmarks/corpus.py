"""The benchmark's workbooks: realistic district months and single reports with large BKUs.

Folders of 25, 100 and 400 reports (every active BLUD of the bundled district, month after
month from January 2025, in varied layouts; about one in twenty is .xls, .xlsm or .ods, as
BLUDs send them) and single reports whose BKU has 1,000, 10,000 and 100,000 transactions.
Written once into a cache folder and reused while the generator's inputs stay the same.

    python benchmarks/corpus.py CACHE   # prints {name: path} as JSON
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bludcli.samplegen import Layout, make_report, save
from bludcli.samplegen.district import active_bluds, district
from bludcli.samplegen.sheets import build_workbook

FOLDER_SIZES = (25, 100, 400)
BKU_SIZES = (1_000, 10_000, 100_000)
VERSION = "1"  # change to rebuild every cache


def _months(count: int) -> list[tuple[str, int, int, str]]:
    """(kode, tahun, bulan, suffix) for `count` reports, month after month."""
    rules = district()
    rng = random.Random(20260301)
    found = []
    tahun, bulan = 2025, 1
    while len(found) < count:
        for blud in sorted(active_bluds(rules, tahun, bulan), key=lambda b: b.kode):
            suffix = rng.choices([".xlsx", ".xls", ".xlsm", ".ods"], weights=[95, 2, 2, 1])[0]
            found.append((blud.kode, tahun, bulan, suffix))
        tahun, bulan = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return found[:count]


def _write(task: tuple[str, int, int, str, int | None, Path]) -> None:
    kode, tahun, bulan, suffix, bku_rows, path = task
    report = make_report(kode, tahun, bulan, bku_rows=bku_rows)
    layout = Layout.random(random.Random(f"{kode}/{tahun}/{bulan}"))
    grid, _ = build_workbook(report, layout)
    save(grid, path.with_suffix(suffix))


def build(cache: Path) -> dict[str, Path]:
    """name -> folder or file: 'folder-25', 'folder-100', 'folder-400', 'bku-1000', ..."""
    key = hashlib.sha256(f"{VERSION}/{FOLDER_SIZES}/{BKU_SIZES}".encode()).hexdigest()[:12]
    root = cache / key
    made = {f"folder-{n}": root / f"folder-{n}" for n in FOLDER_SIZES}
    made |= {f"bku-{n}": root / f"bku-{n}" / f"PKM03_bku_{n}.xlsx" for n in BKU_SIZES}
    if (root / "complete").exists():
        return made
    shutil.rmtree(root, ignore_errors=True)
    every = root / "reports"
    every.mkdir(parents=True)
    tasks = [(kode, tahun, bulan, suffix, None, every / f"{tahun}-{bulan:02d}_{kode}")
             for kode, tahun, bulan, suffix in _months(max(FOLDER_SIZES))]
    tasks += [("PKM03", 2026, 3, ".xlsx", n, made[f"bku-{n}"].with_suffix("")) for n in BKU_SIZES]
    for n in BKU_SIZES:
        made[f"bku-{n}"].parent.mkdir()
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write, tasks))
    written = sorted(every.iterdir())
    for n in FOLDER_SIZES:
        made[f"folder-{n}"].mkdir()
        for path in written[:n]:
            (made[f"folder-{n}"] / path.name).hardlink_to(path)
    (root / "complete").touch()
    return made


if __name__ == "__main__":
    print(json.dumps({name: str(path) for name, path in build(Path(sys.argv[1])).items()}))
