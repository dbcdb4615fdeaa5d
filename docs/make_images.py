"""Regenerate the command-output images of docs/panduan-pengguna.md (docs/img/*.svg).

    python docs/make_images.py              # every image
    python docs/make_images.py status       # only the images named (the setup still runs)

Every image is the real output of a bludcli command on the bundled samples: the command runs
in-process (typer.testing.CliRunner) with colour forced and a fixed terminal width, its output
is read back with rich (`Text.from_ansi`) into a recording console and exported as SVG.

What keeps the images the same from run to run and machine to machine:

- the commands run in a temporary folder holding copies of `samples/` and `rules/`, so every
  path they print is relative (`samples/…`, `aturan-coba/…`, `ledger.sqlite`);
- the ledger is `ledger.sqlite` in that folder (BLUDCLI_LEDGER);
- the clock is fixed (see `Run.at` and `fixed_clock`): files are "received" at the times of
  the story below, and "today" for the rules check is the same day, whatever the real date;
- the terminal is 100 columns wide, with 256 colours.

The story told by the receiving-desk images: 24 files arrive by 8 April 2026, PKM07 sends a
corrected revision 1 on 9 April, and PKM22 arrives late, on 14 April (the deadline is the 10th).

An image whose command this bludcli does not have yet (`needs`) is skipped with a message.
tests/test_docs.py checks that the guide uses exactly the images listed in IMAGES and that
each one whose command exists is in docs/img.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
WIDTH = 100  # columns of the terminal in every image
if str(ROOT) not in sys.path:  # run as `python docs/make_images.py` from a checkout
    sys.path.insert(0, str(ROOT))

PKM07 = "lap bln maret pkm 7 rev.xlsx"
PKM07_REV1 = "lap bln maret pkm 7 rev1.xlsx"
PKM22 = "susulan/PKM22 Olak Kemang Maret 2026.xlsx"


@dataclass(frozen=True)
class Run:
    """A bludcli command run for its effect (filling the ledger), not shown."""

    args: tuple[str, ...]
    at: datetime = datetime(2026, 4, 8, 2, 0, tzinfo=UTC)  # 09:00 WIB


@dataclass(frozen=True)
class Image(Run):
    """A bludcli command whose output becomes docs/img/<name>.svg."""

    name: str = ""
    needs: tuple[str, ...] = ()  # the command path that must exist, e.g. ("explain",)
    head: int | None = None  # keep only the first `head` lines and the last `tail` lines
    tail: int = 0

    @property
    def file(self) -> Path:
        return IMG / f"{self.name}.svg"


STEPS: tuple[Run, ...] = (
    Image(("validate", "samples/"), name="validate-samples", head=44, tail=3),
    Image(("validate", f"samples/{PKM07}"), name="validate-satu-berkas"),
    Image(("consolidate", "samples/", "--tahun", "2026", "--bulan", "3", "--output", "rekap-2026-03.xlsx",
           "--json", "rekap-2026-03.json", "--csv", "rekap/"), name="consolidate"),
    Run(("receive", "kotak-masuk/2026-04-08/")),
    Image(("receive", "kotak-masuk/2026-04-09/"), at=datetime(2026, 4, 9, 3, 30, tzinfo=UTC), name="receive"),
    Run(("receive", "kotak-masuk/2026-04-14/"), at=datetime(2026, 4, 14, 7, 15, tzinfo=UTC)),
    Image(("status", "--tahun", "2026", "--bulan", "3"), at=datetime(2026, 4, 15, 2, 0, tzinfo=UTC), name="status"),
    Image(("history", "PKM07"), name="history"),
    Image(("rules", "check", "aturan-coba/"), name="rules-check"),
    Image(("init", "aturan-danau/", "--daerah", "Kabupaten Danau Permai", "--registri", "registri-danau.xlsx",
           "--dari", "aturan/"), name="init", needs=("init",)),
    Image(("explain", "bku.balance"), name="explain", needs=("explain",)),
)
IMAGES: tuple[Image, ...] = tuple(step for step in STEPS if isinstance(step, Image))


def prepare(folder: Path) -> None:
    """The working folder: samples/, the rules (aturan/), a copy with three deliberate mistakes
    (aturan-coba/), another district's BLUD registry, and the receiving desk's inbox, one
    subfolder per day."""
    shutil.copytree(ROOT / "samples", folder / "samples")
    shutil.copytree(ROOT / "rules", folder / "aturan")
    _write_registry(folder / "registri-danau.xlsx")
    broken = folder / "aturan-coba"
    shutil.copytree(ROOT / "rules", broken)
    _edit(broken / "pengaturan.yaml", "porsi_minimal_jasa_pelayanan_persen: 60",
          "porsi_minimal_jasa_pelayanan_persen: 160")
    with open(broken / "registri-blud.csv", "a", encoding="utf-8") as registry:
        registry.write("PKM07,Puskesmas Sungai Bahar,Puskesmas,5,2022-01\n")
    (broken / "pengecualian.yaml").write_text(
        "pengecualian:\n"
        "  - aturan: kapitasi.porsi-jasa\n"
        "    kode_blud: PKM15\n"
        "    dari: 2026-01\n"
        "    sampai: 2026-06\n"
        '    alasan: "Porsi jasa pelayanan ditetapkan Bupati 55 %"\n'
        "    berlaku_hingga: 2026-12-31\n", encoding="utf-8")

    inbox = folder / "kotak-masuk"
    first = inbox / "2026-04-08"
    first.mkdir(parents=True)
    for path in sorted((folder / "samples").glob("*")):
        if path.is_file() and path.suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods"}:
            shutil.copy2(path, first / path.name)
    late = inbox / "2026-04-14"
    late.mkdir()
    shutil.copy2(folder / "samples" / PKM22, late)
    _write_pkm07_revision(inbox / "2026-04-09")


def _write_pkm07_revision(folder: Path) -> None:
    """PKM07's corrected report: the sample's own data and layout without its seeded defects,
    with Revisi 1."""
    from bludcli.samplegen.samples import SAMPLES, write_sample

    (sample,) = [s for s in SAMPLES if s.kode == "PKM07"]
    write_sample(replace(sample, path=PKM07_REV1, defect=None, identitas={"revisi": 1}), folder)


def _write_registry(path: Path) -> None:
    """A BPKAD's own list of its BLUDs, as a workbook with a title above the header."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "BLUD"
    sheet.append(["DAFTAR BLUD KESEHATAN KABUPATEN DANAU PERMAI"])
    sheet.append([])
    sheet.append(["Kode BLUD", "Nama BLUD", "Jenis", "Ambang Batas (%)", "Aktif Sejak"])
    for row in (("RS01", "RSUD Danau Permai", "RSUD", 10, "2022-01"),
                ("PKM01", "Puskesmas Tepian Danau", "Puskesmas", 5, "2023-01"),
                ("PKM02", "Puskesmas Sungai Lebar", "Puskesmas", 5, "2023-01"),
                ("PKM03", "Puskesmas Bukit Indah", "Puskesmas", 5, "2024-07"),
                ("LAB01", "UPTD Labkesda Danau Permai", "Labkesda", 5, "2026-01")):
        sheet.append(list(row))
    workbook.save(path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"make_images: {path.name} no longer holds {old!r}; update prepare()")
    path.write_text(text.replace(old, new), encoding="utf-8")


@contextmanager
def fixed_clock(moment: datetime):
    """bludcli's clock reads `moment`: the time `receive` records, and "today" for the waiver
    expiry of `rules check`. (No image uses a waiver in `validate`, whose "today" is left alone.)"""
    import bludcli.ledger.receive as receive
    import bludcli.rules_check as rules_check

    class FixedDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    patches = [(receive, "datetime", FixedDatetime),
               (rules_check, "check_rules", partial(rules_check.check_rules, today=moment.astimezone(UTC).date()))]
    originals = []
    for module, name, value in patches:
        if not hasattr(module, name):
            raise SystemExit(f"make_images: {module.__name__} has no {name!r} any more; update fixed_clock()")
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, value)
    try:
        yield
    finally:
        for module, name, value in originals:
            setattr(module, name, value)


def command_exists(path: tuple[str, ...]) -> bool:
    return _command_words(path) == list(path)


def run(step: Run) -> str:
    """The command's stdout, with its ANSI styles; exit codes 0 and 1 are results, others fail."""
    from typer.testing import CliRunner

    from bludcli.cli.app import app

    env = {"FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "LINES": "50", "TERM": "xterm-256color",
           "NO_COLOR": None, "COLORTERM": None, "BLUDCLI_LEDGER": "ledger.sqlite"}
    with fixed_clock(step.at):
        result = CliRunner().invoke(app, list(step.args), env=env)
    if result.exit_code not in (0, 1) or (result.exception and not isinstance(result.exception, SystemExit)):
        raise SystemExit(f"make_images: bludcli {' '.join(step.args)} failed ({result.exit_code}):\n"
                         f"{result.stderr}{result.exception or ''}")
    return result.stdout


def shown(args: tuple[str, ...]) -> str:
    """The command line as a user types it (double quotes work in bash, cmd and PowerShell)."""
    return " ".join(f'"{a}"' if any(c in a for c in " ()'") else a for a in ("bludcli", *args))


def to_svg(image: Image, output: str) -> str:
    from rich.console import Console
    from rich.text import Text

    lines = Text.from_ansi(output.rstrip("\n")).split("\n", allow_blank=True)
    if image.head is not None and len(lines) > image.head + image.tail + 1:
        hidden = len(lines) - image.head - image.tail
        marker = Text(f"[… {hidden} baris tidak ditampilkan …]", style="dim italic")
        lines = [*lines[:image.head], marker, *lines[len(lines) - image.tail:]]
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", legacy_windows=False)
    console.print(Text("$ ", style="bold green") + Text(shown(image.args), style="bold"))  # wraps when long
    for line in lines:
        console.print(line, soft_wrap=True)
    return console.export_svg(title=" ".join(("bludcli", *_command_words(image.args))))


def _command_words(args: tuple[str, ...]) -> list[str]:
    """The leading arguments that name a command: ("rules", "check") of ("rules", "check", "aturan/")."""
    import typer

    from bludcli.cli.app import app

    command, words = typer.main.get_command(app), []
    for arg in args:
        subcommands = getattr(command, "commands", None) or {}  # a group (Typer's own click)
        if arg not in subcommands:
            break
        command = subcommands[arg]
        words.append(arg)
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="images to write (default: all): "
                        + ", ".join(i.name for i in IMAGES))
    names = parser.parse_args(argv).names
    unknown = set(names) - {i.name for i in IMAGES}
    if unknown:
        parser.error(f"unknown image(s): {', '.join(sorted(unknown))}")
    IMG.mkdir(parents=True, exist_ok=True)
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="bludcli-docs-") as tmp:
        prepare(Path(tmp))
        os.chdir(tmp)
        try:
            for step in STEPS:
                is_image = isinstance(step, Image)
                if is_image and step.needs and not command_exists(step.needs):
                    print(f"skipped {step.name}.svg: `bludcli {' '.join(step.needs)}` does not exist yet")
                    continue
                output = run(step)
                if is_image and (not names or step.name in names):
                    step.file.write_text(to_svg(step, output), encoding="utf-8")
                    print(f"wrote docs/img/{step.name}.svg")
        finally:
            os.chdir(here)
    return 0


if __name__ == "__main__":
    sys.exit(main())
