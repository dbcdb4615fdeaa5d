"""Two installs of bludcli side by side on the same files, taking turns: did a change make it faster?

    python benchmarks/compare.py OLD_PYTHON NEW_PYTHON PATH [--repeat N | --instructions] [-- VALIDATE OPTIONS...]

OLD_PYTHON and NEW_PYTHON are the interpreters of two virtual environments, each with one
version of bludcli installed (`pip install .` of two checkouts). Each round runs the floor
(bench.py's bare python-calamine read), then `validate PATH --format json` of each version,
so a busy moment of the machine slows all three; it prints the medians, each version's ratio
to the floor and new over old. On a shared machine the ratio of one full benchmark run to the
floor drifts from run to run more than most changes move it; taken in turns like this, the
difference between two versions drifts less. With --instructions, each command runs once
under valgrind instead and the machine instructions of each of its processes are printed:
they do not drift at all (a forked worker's count includes its parent's before the fork).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from bench import ENV, HERE, interleaved, run


def instructions(command: list[str]) -> list[int]:
    """The instructions each process of `command` executed, in the order they ended."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
                           "--cachegrind-out-file=/dev/null", *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    return [int(match.replace(",", "")) for match in re.findall(r"I\s+refs:\s+([\d,]+)", done.stderr)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the Python of the environment with the old version")
    parser.add_argument("new", help="the Python of the environment with the new version")
    parser.add_argument("path", type=Path, help="a folder or a file to validate")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.options = argv[split + 1:]  # validate's own options, after --: -- --jobs 1
    commands = {
        "floor": [args.new, str(HERE / "readers.py"), "calamine", str(args.path)],
        **{name: [python, "-P", "-m", "bludcli", "validate", str(args.path), "--format", "json", *args.options]
           for name, python in (("old", args.old), ("new", args.new))},
    }
    for command in commands.values():  # compiles what each imports
        run(command)
    if args.instructions:
        for name, command in commands.items():
            counts = instructions(command)
            print(f"{name:6} {sum(counts) / 1e6:9,.0f} M instructions"
                  f"  ({' + '.join(f'{count / 1e6:,.0f} M' for count in counts)})")
        return
    median = {name: figures["seconds"] for name, figures in interleaved(commands, args.repeat).items()}
    for name, value in median.items():
        print(f"{name:6} {value:8.3f} s  {value / median['floor']:5.2f} x floor")
    print(f"new / old: {median['new'] / median['old']:.3f}")


if __name__ == "__main__":
    main()
