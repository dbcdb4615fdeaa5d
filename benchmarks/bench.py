"""bludcli's benchmark: validate and consolidate side by side with the floor, in one run.

    python benchmarks/bench.py [--repeat N] [--quick] [--cache DIR] [--no-save]

Every figure is the wall time of a separate process, as a user runs it (interpreter start
included on every side), the median of --repeat runs, with the peak memory of its largest
process, and beside it its CPU time (the process and its workers: where the two ratios differ,
a command waited rather than worked). On the same generated files (benchmarks/corpus.py) and
on the bundled samples:

- floor: every sheet of every file read bare with python-calamine, in one process;
- peer: pandas.read_excel(sheet_name=None) with the openpyxl engine (run once: it is slow);
- `bludcli validate DIR --format json --jobs 1` and `--jobs <cores>` (whose output must be
  byte-identical to --jobs 1's; it is the default, how a user runs validate, and the samples'
  figure for the 3x target is taken with it; the 2x target per folder is on one core);
- `bludcli consolidate` of the 400-file folder, with its workbook and JSON;
- `bludcli --help` against `python -c pass`.

Two figures take start-up out: the cost of one more file (the slope from the 100- to the
400-file folder), and the work alone on the samples in this process (bare reads and
`validate_paths` taking turns, after imports and rules loading).

It prints files/s, rows/s and every ratio against the targets, and writes the figures as
JSON to benchmarks/results/<date>-<commit>.json for comparison between commits.

This process imports nothing heavy (the corpus is built and the work alone measured in
processes of their own): Linux counts a command's peak memory from the size of the process
that started it, so a large benchmark process would be every small command's peak.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent

# As on a user's machine, where pip compiled bludcli at install: bytecode is written and reused.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PYTHON = sys.executable
# -P: the installed bludcli, not a source folder that happens to be the working directory.
BLUDCLI = [PYTHON, "-P", "-m", "bludcli"]
TARGETS = {
    "samples_as_run_over_floor": 3.0,  # issue 3: `bludcli validate samples/` as a user runs it (all cores)
    "validate_over_floor": 2.0,  # issue 8: --jobs 1, per folder
    "parallel_speedup_400": 1.7,  # --jobs 1 / --jobs 2 on the 400-file folder
    "bku_100k_over_10k": 12.0,
    "bku_100k_peak_mb": 500.0,
    "help_over_python_s": 0.15,
    "consolidate_over_validate_400": 2.0,
}


def run(args: list[str], repeat: int = 1) -> dict:
    """Median wall time of `args` as a process, its peak memory (largest process) and stdout."""
    return interleaved({"only": args}, repeat)["only"]


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """run() of several commands, taking turns round after round, so that each sees the machine
    as the others do (a busy moment slows all of them, not one). Besides the wall time, the CPU
    time of each command (its process and the workers it reaped, user and system)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks = dict.fromkeys(commands, 0)
    outputs = dict.fromkeys(commands, b"")
    for _ in range(repeat):
        for name, args in commands.items():
            with tempfile.TemporaryFile() as stdout:
                start = time.perf_counter()
                process = subprocess.Popen(args, stdout=stdout, stderr=subprocess.DEVNULL, env=ENV)
                _, status, usage = os.wait4(process.pid, 0)
                times[name].append(time.perf_counter() - start)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
                if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: findings, as designed
                    raise SystemExit(f"{' '.join(map(str, args))} failed with exit {os.waitstatus_to_exitcode(status)}")
                stdout.seek(0)
                outputs[name] = stdout.read()
            peaks[name] = max(peaks[name], usage.ru_maxrss)
    return {name: {"seconds": statistics.median(times[name]), "cpu_seconds": round(statistics.median(cpu[name]), 4),
                   "peak_mb": round(peaks[name] / 1024, 1),
                   "stdout": outputs[name]} for name in commands}


def measure(name: str, path: Path, jobs: int, repeat: int, peer: bool) -> dict:
    """floor, peer, validate --jobs 1 and --jobs N on one folder or file."""
    commands = {
        "floor": [PYTHON, str(HERE / "readers.py"), "calamine", str(path)],
        "validate_jobs1": [*BLUDCLI, "validate", str(path), "--format", "json", "--jobs", "1"],
    }
    if path.is_dir() and jobs > 1:
        commands[f"validate_jobs{jobs}"] = [*BLUDCLI, "validate", str(path), "--format", "json", "--jobs", str(jobs)]
    measured = interleaved(commands, repeat)
    counts = json.loads(measured["floor"].pop("stdout"))
    figures = {"files": counts["files"], "rows": counts["rows"], **measured}
    if peer:
        figures["peer"] = run([PYTHON, str(HERE / "readers.py"), "pandas", str(path)])
        figures["peer"]["skipped"] = json.loads(figures["peer"].pop("stdout")).get("skipped", 0)
    if f"validate_jobs{jobs}" in figures:
        figures["identical_output"] = figures[f"validate_jobs{jobs}"]["stdout"] == figures["validate_jobs1"]["stdout"]
    floor = figures["floor"]
    for key in [k for k in figures if isinstance(figures[k], dict)]:
        figures[key].pop("stdout", None)
        seconds = figures[key]["seconds"]
        figures[key]["files_per_s"] = round(figures["files"] / seconds, 1)
        figures[key]["rows_per_s"] = round(figures["rows"] / seconds)
        figures[key]["over_floor"] = round(seconds / floor["seconds"], 2)
        figures[key]["cpu_over_floor"] = round(figures[key]["cpu_seconds"] / floor["cpu_seconds"], 2)
    print(f"\n{name}: {figures['files']} files, {figures['rows']:,} rows")
    for key in [k for k in figures if isinstance(figures[k], dict)]:
        f = figures[key]
        print(f"  {key:16} {f['seconds']:8.3f} s  {f['files_per_s']:8.1f} files/s  {f['rows_per_s']:>10,} rows/s"
              f"  {f['peak_mb']:7.1f} MB  {f['over_floor']:6.2f} x floor   CPU {f['cpu_seconds']:7.3f} s"
              f" {f['cpu_over_floor']:6.2f} x")
    if "identical_output" in figures:
        print(f"  --jobs {jobs} output identical to --jobs 1: {figures['identical_output']}")
    return figures


def work_ratio(folder: Path, repeat: int) -> dict:
    """benchmarks/work.py in its own process (it imports bludcli): the work alone on `folder`."""
    done = subprocess.run([PYTHON, str(HERE / "work.py"), str(folder), str(repeat)], capture_output=True, text=True,
                          env=ENV, check=True)
    figures = json.loads(done.stdout)
    print(f"\nwork only, in one process ({figures['files']} files of {folder.name}, medians of {repeat}): bare read "
          f"{figures['floor_s'] * 1000:.1f} ms, validate {figures['validate_s'] * 1000:.1f} ms, {figures['ratio']} x; "
          f"CPU time {figures['floor_cpu_s'] * 1000:.1f} ms and {figures['validate_cpu_s'] * 1000:.1f} ms, "
          f"{figures['cpu_ratio']} x")
    return figures


def build_corpus(cache: Path) -> dict[str, Path]:
    """benchmarks/corpus.py in its own process: it imports the sample generator (openpyxl and
    more), which this process must not hold (see the module's docstring)."""
    done = subprocess.run([PYTHON, str(HERE / "corpus.py"), str(cache)], capture_output=True, text=True)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        sys.exit(f"the corpus could not be built: {last}\n"
                 "It writes .xls and .ods files with the test extras: pip install '.[test]'")
    return {name: Path(path) for name, path in json.loads(done.stdout).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="samples and the 25-file folder only")
    parser.add_argument("--cache", type=Path, default=HERE / "out" / "corpus")
    parser.add_argument("--no-save", action="store_true", help="print only; write no results JSON")
    args = parser.parse_args()
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    made = build_corpus(args.cache)
    data = {"samples": HERE.parent / "samples"} | made
    run([*BLUDCLI, "validate", str(data["samples"]), "--format", "json"])  # compiles what it imports
    if args.quick:
        data = {k: v for k, v in data.items() if k in ("samples", "folder-25")}
    results = {name: measure(name, path, jobs, args.repeat, peer=name != "bku-100000")
               for name, path in data.items()}
    results["work_samples"] = work_ratio(data["samples"], max(args.repeat, 21))

    if "folder-400" in data:
        recap = run([*BLUDCLI, "consolidate", str(data["folder-400"]), "--tahun", "2026", "--bulan", "3",
                     "--jobs", "1", "--output", str(args.cache / "rekap.xlsx"), "--json", str(args.cache / "rekap.json")],
                    args.repeat)
        recap.pop("stdout")
        results["consolidate-400"] = recap
        print(f"\nconsolidate folder-400 --jobs 1: {recap['seconds']:.3f} s, {recap['peak_mb']} MB")
    startup = interleaved({"python": [PYTHON, "-c", "pass"], "help": [*BLUDCLI, "--help"]}, max(args.repeat, 11))
    python, help_ = startup["python"], startup["help"]
    results["startup"] = {"python_c_pass_s": python["seconds"], "help_s": help_["seconds"]}
    print(f"\npython -c pass {python['seconds']:.3f} s; bludcli --help {help_['seconds']:.3f} s")

    if {"folder-100", "folder-400"} <= results.keys():
        # Start-up (interpreter, imports, rules) taken out of both sides: the cost of one more file.
        print()
        for clock in ("seconds", "cpu_seconds"):
            slope = {key: (results["folder-400"][key][clock] - results["folder-100"][key][clock]) / 300
                     for key in ("floor", "validate_jobs1")}
            figures = {"floor_ms": round(slope["floor"] * 1000, 2),
                       "validate_jobs1_ms": round(slope["validate_jobs1"] * 1000, 2),
                       "ratio": round(slope["validate_jobs1"] / slope["floor"], 2)}
            results["per_file" if clock == "seconds" else "per_file_cpu"] = figures
            print(f"one more file (100 → 400), {clock.replace('_', ' ')}: "
                  f"floor {figures['floor_ms']} ms, validate {figures['validate_jobs1_ms']} ms, {figures['ratio']} x")
    ratios = _ratios(results, jobs)
    print("\nTargets:")
    for key, value in ratios.items():
        limit = TARGETS[key.split(":")[0]]
        met = value >= limit if key.startswith("parallel") else value <= limit
        print(f"  {key:40} {value:8.3f}   target {'≥' if key.startswith('parallel') else '≤'} {limit:g}"
              f"   {'met' if met else 'NOT MET'}")
    if not args.no_save:
        _save(results, ratios, jobs)


def _ratios(results: dict, jobs: int) -> dict:
    ratios = {}
    if f"validate_jobs{jobs}" in results["samples"]:
        ratios["samples_as_run_over_floor"] = results["samples"][f"validate_jobs{jobs}"]["over_floor"]
    for name, figures in results.items():
        if name.startswith("folder-") or name == "samples":
            ratios[f"validate_over_floor:{name}"] = figures["validate_jobs1"]["over_floor"]
            ratios[f"validate_over_floor:{name}:cpu"] = figures["validate_jobs1"]["cpu_over_floor"]
    if "folder-400" in results and f"validate_jobs{jobs}" in results["folder-400"]:
        four = results["folder-400"]
        ratios["parallel_speedup_400"] = round(four["validate_jobs1"]["seconds"] / four[f"validate_jobs{jobs}"]["seconds"], 2)
    if "bku-100000" in results:
        ratios["bku_100k_over_10k"] = round(results["bku-100000"]["validate_jobs1"]["seconds"]
                                            / results["bku-10000"]["validate_jobs1"]["seconds"], 2)
        ratios["bku_100k_peak_mb"] = results["bku-100000"]["validate_jobs1"]["peak_mb"]
    ratios["help_over_python_s"] = round(results["startup"]["help_s"] - results["startup"]["python_c_pass_s"], 3)
    if "consolidate-400" in results:
        ratios["consolidate_over_validate_400"] = round(
            results["consolidate-400"]["seconds"] / results["folder-400"]["validate_jobs1"]["seconds"], 2)
    return ratios


def _save(results: dict, ratios: dict, jobs: int) -> None:
    commit = _git("rev-parse", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    now = datetime.now(timezone.utc)
    document = {
        "commit": commit, "dirty": dirty, "measured_at": now.isoformat(timespec="seconds"),
        "machine": {"cores": jobs, "python": platform.python_version(), "platform": platform.platform()},
        "targets": TARGETS, "ratios": ratios, "results": results,
    }
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"{now:%Y-%m-%d}-{commit[:10]}.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(HERE.parent)}")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


if __name__ == "__main__":
    main()
