"""A seeded mutation fuzzer for `validate_file`.

Valid sample workbooks (several formats and layouts, written by samplegen into a temporary
folder) are mutated at random: cells (values of random types), rows (delete, insert,
duplicate) and sheets (rename, delete, reorder, add) through openpyxl; zip parts (truncate,
flip bytes, drop, duplicate, corrupt [Content_Types].xml, damage a part's XML) through
zipfile. Each case calls `validate_file(path, district)` with BLUDCLI_DEBUG unset; a crash is
an exception or an 'internal' unreadable finding (a defect of bludcli reported as such).

    python tests/fuzz/fuzz_validate.py --cases 10000 --seed 1 [--jobs 2] [--case 17]

Case i of seed S is reproducible on its own: `--seed S --case i`. Exit 1 when any crash.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from pathlib import Path

SEEDS = (  # (kode, file name, layout knobs)
    ("PKM03", "a plain.xlsx", {}),
    ("PKM07", "b layout.xlsx", {"start_col": 2, "top_rows": 2, "two_row_header": True, "label_style": "colon",
                                "extra_sheet": True, "uraian_first": True, "bulan_as_name": True}),
    ("PKM03", "c macro.xlsm", {"header_case": "upper", "code_style": "unpadded", "no_column": True}),
    ("PKM07", "d old.xls", {}),
    ("PKM03", "e calc.ods", {"sd_spelling": "s/d", "spacer_rows": True}),
)
CANONICAL_SHEETS = ("Identitas", "LRA", "BKU", "Kapitasi")


@dataclass
class Outcome:
    case: int
    seed_file: str
    mutations: list[str] = field(default_factory=list)
    crash: str | None = None  # the exception or the internal finding, with its traceback


# --- seeds ---------------------------------------------------------------------------------------


def make_seeds(folder: Path) -> list[Path]:
    from bludcli.samplegen import Layout, make_report, write_ods, write_xls, write_xlsx

    writers = {".xlsx": write_xlsx, ".xlsm": write_xlsx, ".xls": write_xls, ".ods": write_ods}
    paths = []
    for kode, name, knobs in SEEDS:
        path = folder / name
        writers[path.suffix](make_report(kode, 2026, 3), Layout(**knobs), path)
        paths.append(path)
    return paths


# --- mutations ------------------------------------------------------------------------------------


def random_value(rng: random.Random):
    kind = rng.randrange(16)
    if kind == 0:
        return rng.choice([1e308, -1e308, 10**15 + 0.5, 2**53 + 1, -(10**18), 1e-300, -0.0, 5e-324])
    if kind == 1:
        return rng.choice(["NaN", "nan", "inf", "-Infinity", "1e999", "-0", "0x1F", "1_000", "٣٤٥", "Ⅻ"])
    if kind == 2:
        return rng.choice(["=1/0", "=SUM(A1:A3)", "=A1", "=NOW()", "=INDIRECT(\"Z9\")", "=\"x\"&1", "=LRA!C5*2"])
    if kind == 3:
        return rng.choice(["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#SPILL!",
                           "Err:502", "#GETTING_DATA"])
    if kind == 4:
        return rng.choice(["\u202eKPM30", "PKM\u200b03", "ＰＫＭ０３", "Ǆ", "🏥" * 50, "ß", "İ", "\u0301",
                           "زكاة", "\ufeff", "e\u0301" * 300, "\u00a0\u2007 \u3000"])
    if kind == 5:
        return rng.choice([None, "", " ", "\n", "\t"])
    if kind == 6:
        return rng.choice([True, False])
    if kind == 7:
        return rng.choice([date(1900, 1, 1), date(2026, 3, 31), date(9999, 12, 31), datetime(2026, 2, 29 - 1, 23, 59),
                           dtime(12, 30), date(1899, 12, 31)])
    if kind == 8:
        return rng.choice(["Rp 1.000.000,00", "1.000.000,00", "(1.500,00)", "1,5", "12.34.56", "Rp-", "- ",
                           "1.000.000.000.000.000.000.000,00", "-1500.00", "+1500", "1 500"])
    if kind == 9:
        return rng.choice(["5.1.02.01.01.0001", "4", "6.2", "5..1", "5.1.02.01.01.0001.9.9.9", "9.9", "4.1.04"])
    if kind == 10:
        return rng.choice(["31/03/2026", "2026-02-30", "32 Maret 2026", "Maret", "13", "0", "2026", "1 April 2026"])
    if kind == 11:
        return rng.choice(["RSUD01", "PKM99", "../../etc/passwd", "PKM03 ", "pkm03", "LAB01", "X" * 5000])
    if kind == 12:
        return rng.randint(-(2**63), 2**63)
    if kind == 13:
        return rng.uniform(-1e15, 1e15)
    if kind == 14:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0xA0, 0x2FFF)]))
                       for _ in range(rng.randrange(1, 40)))
    return rng.choice(["Saldo Awal", "Jumlah", "JUMLAH", "Surplus/(Defisit)", "Kode BLUD", "Bulan", "Revisi",
                       "Kode Rekening", "Uraian", "Anggaran", "Penerimaan", "Pengeluaran", "Saldo"])


def _cell_mutation(rng, book) -> str:
    ws = rng.choice(book.worksheets)
    row = rng.randint(1, max(ws.max_row, 1) + 2)
    col = rng.randint(1, max(ws.max_column, 1) + 1)
    value = random_value(rng)
    try:
        ws.cell(row, col).value = value
    except Exception as exc:  # openpyxl refuses some values (illegal characters): not a finding
        return f"cell {ws.title}!R{row}C{col} = {value!r:.60} (refused by openpyxl: {type(exc).__name__})"
    return f"cell {ws.title}!R{row}C{col} = {value!r:.60}"


def _row_mutation(rng, book) -> str:
    ws = rng.choice(book.worksheets)
    idx = rng.randint(1, max(ws.max_row, 1))
    op = rng.choice(["delete", "insert", "duplicate"])
    count = rng.choice([1, 1, 1, 2, 5])
    if op == "delete":
        ws.delete_rows(idx, count)
    elif op == "insert":
        ws.insert_rows(idx, count)
    else:
        values = [c.value for c in ws[idx]]
        ws.insert_rows(idx + 1, 1)
        for col, value in enumerate(values, start=1):
            ws.cell(idx + 1, col).value = value
    return f"row {op} {ws.title}!{idx} x{count if op != 'duplicate' else 1}"


def _sheet_mutation(rng, book) -> str:
    op = rng.choice(["rename", "delete", "reorder", "add"])
    ws = rng.choice(book.worksheets)
    if op == "rename":
        name = rng.choice([*(n.upper() for n in CANONICAL_SHEETS), *(f" {n}" for n in CANONICAL_SHEETS),
                           *CANONICAL_SHEETS, "Sheet1", "LRA (2)", "Ꮮ RA", "lra\u200b", "x" * 31, "BKU Maret"])
        if name in book.sheetnames:
            return f"sheet rename {ws.title!r} -> {name!r} (exists: skipped)"
        old, ws.title = ws.title, name
        return f"sheet rename {old!r} -> {name!r}"
    if op == "delete" and len(book.worksheets) > 1:
        book.remove(ws)
        return f"sheet delete {ws.title!r}"
    if op == "reorder":
        offset = rng.randint(-3, 3)
        book.move_sheet(ws, offset)
        return f"sheet move {ws.title!r} by {offset}"
    name = rng.choice(["LRA ", "lra", "BKU ", "Identitas ", "Kapitasi (2)", "Catatan"])
    if name in book.sheetnames:
        return f"sheet add {name!r} (exists: skipped)"
    new = book.create_sheet(name)
    if rng.random() < 0.5:
        new.append([random_value(rng) for _ in range(4)])
    return f"sheet add {name!r}"


OPENPYXL_MUTATIONS = (_cell_mutation, _cell_mutation, _cell_mutation, _row_mutation, _sheet_mutation)


def mutate_with_openpyxl(rng: random.Random, data: bytes, suffix: str, count: int) -> tuple[bytes, list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), keep_vba=suffix == ".xlsm")
    done = [rng.choice(OPENPYXL_MUTATIONS)(rng, book) for _ in range(count)]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), done


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    op = rng.choice(["truncate", "flip"] if data[:2] != b"PK" else ["truncate", "flip", "flip"])
    if op == "truncate":
        cut = rng.randrange(len(data))
        return data[:cut], f"truncate at {cut}/{len(data)}"
    buf = bytearray(data)
    spots = [rng.randrange(len(buf)) for _ in range(rng.choice([1, 1, 4, 32]))]
    for spot in spots:
        buf[spot] ^= 1 << rng.randrange(8)
    return bytes(buf), f"flip bits at {spots[:8]}{'...' if len(spots) > 8 else ''}"


def mutate_zip(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = [(item, src.read(item)) for item in src.infolist()]
    op = rng.choice(["drop", "duplicate", "content-types", "damage-xml", "empty-part", "rename-part"])
    victim = rng.randrange(len(members))
    name = members[victim][0].filename
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for i, (item, body) in enumerate(members):
                target_name = item.filename
                if op == "drop" and i == victim:
                    continue
                if op == "content-types" and item.filename in ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml"):
                    body = rng.choice([b"", b"<Types/>", b"garbage<<", body[: len(body) // 2],
                                       body.replace(b"sheet", b"shxet"), body.replace(b"spreadsheet", b"text")])
                if i == victim and op == "damage-xml":
                    body = _damage_xml(rng, body)
                if i == victim and op == "empty-part":
                    body = b""
                if i == victim and op == "rename-part":
                    target_name = item.filename + rng.choice(["x", ".bak", "/"]) if not item.filename.endswith("/") else item.filename
                dst.writestr(target_name, body)
                if op == "duplicate" and i == victim:
                    dst.writestr(item.filename, rng.choice([body, _damage_xml(rng, body)]))
    if op == "content-types":
        name = "[Content_Types].xml/mimetype/manifest"
    return out.getvalue(), f"zip {op} {name}"


def _damage_xml(rng: random.Random, body: bytes) -> bytes:
    if not body:
        return b"<"
    choice = rng.randrange(6)
    pos = rng.randrange(len(body))
    if choice == 0:
        return body[:pos]
    if choice == 1:
        return body[:pos] + rng.choice([b"<", b">", b"&", b"&amp", b"]]>", b"\x00", b"\xff\xfe", b'"']) + body[pos:]
    if choice == 2:
        return body.replace(b'r="', b'r="Z', rng.randint(1, 5))
    if choice == 3:
        return body.replace(b"<v>", b"<v>9" * rng.randint(1, 40), rng.randint(1, 50))
    if choice == 4:
        return body.replace(b't="n"', rng.choice([b't="s"', b't="e"', b't="b"', b't="str"', b't="d"']), rng.randint(1, 50))
    return body.replace(b"</row>", b"</row>" * 2, 1)


def mutate(rng: random.Random, data: bytes, suffix: str) -> tuple[bytes, list[str]]:
    done: list[str] = []
    is_zip = data[:2] == b"PK"
    plan = rng.random()
    if suffix in (".xlsx", ".xlsm") and plan < 0.55:
        data, done = mutate_with_openpyxl(rng, data, suffix, rng.choice([1, 1, 2, 3, 6]))
        plan = rng.random() * 5  # one in five also damages the container
    if plan < 0.95:
        if is_zip and rng.random() < 0.7:
            data, what = mutate_zip(rng, data)
        else:
            data, what = mutate_bytes(rng, data)
        done.append(what)
    return data, done


# --- running ---------------------------------------------------------------------------------------

_STATE: dict = {}


def _init(seed_dir: str) -> None:
    os.environ.pop("BLUDCLI_DEBUG", None)
    from bludcli.config import load_district
    from bludcli.i18n import t

    _STATE["district"] = load_district()
    _STATE["seeds"] = sorted(Path(seed_dir).iterdir())
    _STATE["data"] = {p: p.read_bytes() for p in _STATE["seeds"]}
    _STATE["internal"] = {t("unreadable.internal", lang, detail="\x00").split("\x00")[0] for lang in ("id", "en")}
    _STATE["work"] = Path(tempfile.mkdtemp(prefix="fuzz-case-"))


def run_case(seed: int, case: int) -> Outcome:
    from bludcli.validate import validate_file

    rng = random.Random(f"{seed}:{case}")
    source = rng.choice(_STATE["seeds"])
    outcome = Outcome(case, source.name)
    try:
        data, outcome.mutations = mutate(rng, _STATE["data"][source], source.suffix)
    except Exception as exc:  # the mutator itself failed: not a finding of bludcli
        outcome.mutations.append(f"(mutation failed: {type(exc).__name__}: {exc})")
        data = _STATE["data"][source]
    path = _STATE["work"] / f"case-{os.getpid()}{source.suffix}"
    path.write_bytes(data)
    try:
        result = validate_file(path, _STATE["district"])
    except BaseException as exc:  # noqa: BLE001 - also pyo3's PanicException, a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        outcome.crash = "raised: " + "".join(traceback.format_exception(exc))
        _keep(path, seed, case)
        return outcome
    internal = [f for f in result.findings
                if f.rule == "file.unreadable" and any(f.message and w in f.message for w in _STATE["internal"])]
    if internal:
        outcome.crash = f"internal finding: {internal[0].message}\n" + _debug_traceback(path)
        _keep(path, seed, case)
    return outcome


def _debug_traceback(path: Path) -> str:
    """The traceback behind an internal finding: the same file again with BLUDCLI_DEBUG=1."""
    from bludcli.validate import validate_file

    os.environ["BLUDCLI_DEBUG"] = "1"
    try:
        validate_file(path, _STATE["district"])
        return "(no exception with BLUDCLI_DEBUG=1)"
    except BaseException as exc:  # noqa: BLE001
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "".join(traceback.format_exception(exc))
    finally:
        os.environ.pop("BLUDCLI_DEBUG", None)


def _keep(path: Path, seed: int, case: int) -> None:
    keep = os.environ.get("FUZZ_KEEP_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"crash-seed{seed}-case{case}{path.suffix}").write_bytes(path.read_bytes())


def _child(seed_dir: str, seed: int, numbers: list[int], queue) -> None:
    _init(seed_dir)
    for n in numbers:
        queue.put(("start", n))
        queue.put(("done", run_case(seed, n)))
    queue.put(("end", None))


def _run_isolated(seed_dir: str, seed: int, numbers: list[int], queue_factory, process_factory) -> list[Outcome]:
    """Run `numbers` in a child process; when the child dies (a Rust abort such as a failed
    huge allocation kills the whole interpreter), the case it was on is a crash and the rest
    go on in a new child."""
    outcomes: list[Outcome] = []
    pending = list(numbers)
    while pending:
        queue = queue_factory()
        child = process_factory(target=_child, args=(seed_dir, seed, pending, queue), daemon=True)
        child.start()
        current, finished = None, False
        while True:
            try:
                kind, payload = queue.get(timeout=1)
            except Exception:  # queue.Empty: is the child still alive?
                if child.is_alive():
                    continue
                break
            if kind == "start":
                current = payload
            elif kind == "done":
                outcomes.append(payload)
                pending.remove(payload.case)
                current = None
            else:
                finished = True
                break
        child.join()
        if finished:
            break
        if pending:  # cases run in order: the child died on the first one not done
            current = pending[0]
            outcome = Outcome(current, "?", crash=f"process died (exit code {child.exitcode}): "
                                                  "an abort in native code, see stderr")
            rng = random.Random(f"{seed}:{current}")
            seeds = sorted(Path(seed_dir).iterdir())
            source = rng.choice(seeds)
            outcome.seed_file = source.name
            try:
                _, outcome.mutations = mutate(rng, source.read_bytes(), source.suffix)
            except Exception as exc:
                outcome.mutations = [f"(mutation failed: {exc})"]
            outcomes.append(outcome)
            pending.remove(current)
    return outcomes


def fuzz(cases: int, seed: int, jobs: int = 1, only: int | None = None) -> list[Outcome]:
    import multiprocessing

    numbers = [only] if only is not None else list(range(cases))
    with tempfile.TemporaryDirectory(prefix="fuzz-seeds-") as seed_dir:
        make_seeds(Path(seed_dir))
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        shares = [numbers[i::max(jobs, 1)] for i in range(max(jobs, 1))]
        if len(shares) == 1:
            return _run_isolated(seed_dir, seed, shares[0], context.Queue, context.Process)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(shares)) as pool:
            parts = pool.map(lambda share: _run_isolated(seed_dir, seed, share, context.Queue, context.Process),
                             shares)
            return [o for part in parts for o in part]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--case", type=int, default=None, help="run only this case number")
    parser.add_argument("--verbose", action="store_true", help="print every case's mutations")
    args = parser.parse_args(argv)
    started = time.monotonic()
    outcomes = fuzz(args.cases, args.seed, args.jobs, args.case)
    seconds = time.monotonic() - started
    crashes = sorted((o for o in outcomes if o.crash), key=lambda o: o.case)
    for o in sorted(outcomes, key=lambda o: o.case) if args.verbose else []:
        print(f"case {o.case}: {o.seed_file}: {'; '.join(o.mutations)}{'  CRASH' if o.crash else ''}")
    for o in crashes:
        print(f"--- crash: seed {args.seed} case {o.case} ({o.seed_file})")
        print("mutations: " + "; ".join(o.mutations))
        print(o.crash.rstrip())
    print(f"cases run: {len(outcomes)}  crashes: {len(crashes)}  seconds: {seconds:.1f}  seed: {args.seed}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
