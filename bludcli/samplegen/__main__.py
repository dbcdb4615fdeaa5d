"""python -m bludcli.samplegen DIR [--rules RULES_DIR]: write the sample workbooks."""

from __future__ import annotations

import argparse
from pathlib import Path

from .samples import write_samples


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bludcli.samplegen",
                                     description="Write the bundled sample report workbooks.")
    parser.add_argument("folder", type=Path, help="where to write (e.g. samples/)")
    parser.add_argument("--rules", type=Path, default=None,
                        help="district rules folder (default: bludcli's own)")
    args = parser.parse_args(argv)
    for written in write_samples(args.folder, args.rules):
        errors = len(written.expected)
        print(f"{written.sample.path}" + (f"  ({errors} seeded findings)" if errors else ""))


if __name__ == "__main__":
    main()
