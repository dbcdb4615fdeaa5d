"""The work alone, in one process, after imports and the rules are loaded (the benchmark runs
this apart, so that its own process stays small):

    python benchmarks/work.py FOLDER REPEAT

Bare calamine reads and `validate_paths(..., jobs=1)` of the same files, taking turns; prints
the medians of wall time and of CPU time (this process and its reaped workers: what a busy
neighbour on the machine does not inflate) as JSON.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

from readers import calamine

from bludcli.config import load_district
from bludcli.validate import collect_paths, validate_paths


def cpu() -> float:
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def work_ratio(folder: Path, repeat: int) -> dict:
    files = collect_paths([folder])
    district = load_district()
    calamine(files), validate_paths(files, district, jobs=1)  # warm both paths
    runs = []
    for _ in range(repeat):
        for work in (lambda: calamine(files), lambda: validate_paths(files, district, jobs=1)):
            wall, used = time.perf_counter(), cpu()
            work()
            runs.append((time.perf_counter() - wall, cpu() - used))
    floor_wall, floor_cpu = (statistics.median(x) for x in zip(*runs[0::2]))
    wall, used = (statistics.median(x) for x in zip(*runs[1::2]))
    return {"files": len(files), "floor_s": round(floor_wall, 4), "validate_s": round(wall, 4),
            "ratio": round(wall / floor_wall, 2), "floor_cpu_s": round(floor_cpu, 4),
            "validate_cpu_s": round(used, 4), "cpu_ratio": round(used / floor_cpu, 2)}


if __name__ == "__main__":
    print(json.dumps(work_ratio(Path(sys.argv[1]), int(sys.argv[2]))))
