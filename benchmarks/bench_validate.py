"""Benchmark: `validate` on a folder against the bare python-calamine read of the same files.

Prints figures (no pass/fail). Both sides run in this process, after imports and after loading
the district's rules, so the ratio compares the work per file; they alternate, and the medians
are reported. The month-end recap of the same files (`consolidate`: check, choose, add up,
and write its JSON and workbook) is timed the same way. `bludcli --help` is timed as a
subprocess against `python -c pass`.

    python benchmarks/bench_validate.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from bludcli.config import load_district
from bludcli.recap import build_recap
from bludcli.recap.export import to_json
from bludcli.recap.workbook import to_xlsx
from bludcli.validate import collect_paths, validate_paths


def bare_read(files: list[Path]) -> None:
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        book.close()


def consolidate(files: list[Path], district) -> None:
    recap = build_recap(files, district, 2026, 3)
    to_json(recap)
    to_xlsx(recap)


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def command_time(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=Path(__file__).parent.parent / "samples", type=Path)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    files = [p for p in collect_paths([args.folder]) if p.suffix.lower() != ".md"]
    district = load_district()
    bare_read(files)  # warm the page cache and both code paths
    validate_paths(files, district)
    # Alternate the two, so that both see the same machine; report medians.
    pairs = [(timed(lambda: bare_read(files)), timed(lambda: validate_paths(files, district)))
             for _ in range(args.repeat)]
    bare = statistics.median(b for b, _ in pairs)
    checked = statistics.median(v for _, v in pairs)
    recap = statistics.median(timed(lambda: consolidate(files, district)) for _ in range(max(3, args.repeat // 3)))
    python = command_time([sys.executable, "-c", "pass"], args.repeat)
    help_time = command_time([sys.executable, "-m", "bludcli", "--help"], args.repeat)
    print(f"files:                      {len(files)}")
    print(f"bare calamine read:         {bare:8.3f} s   {len(files) / bare:8.1f} files/s")
    print(f"bludcli validate:           {checked:8.3f} s   {len(files) / checked:8.1f} files/s")
    print(f"ratio validate / bare read: {checked / bare:8.2f} x")
    print(f"bludcli consolidate:        {recap:8.3f} s   {len(files) / recap:8.1f} files/s"
          f"   ({recap / checked:.2f} x validate; JSON and workbook included)")
    print(f"python -c pass:             {python:8.3f} s")
    print(f"bludcli --help:             {help_time:8.3f} s   (+{help_time - python:.3f} s)")


if __name__ == "__main__":
    main()
