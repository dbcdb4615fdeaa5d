"""Validate report workbooks against template v1: the library behind `bludcli validate`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bludcli import collector
from bludcli.checks.base import Cell, CellReader, Equations, Sink
from bludcli.checks.bku import read_bku
from bludcli.checks.cross import check_bku_against_lra, check_kapitasi_against_lra
from bludcli.checks.identitas import Identity, read_identitas
from bludcli.checks.kapitasi import Kapitasi, read_kapitasi
from bludcli.checks.lra import Lra, check_budget, read_lra
from bludcli.checks.previous import check_previous
from bludcli.config import District
from bludcli.findings import FileResult, Finding, column_index
from bludcli.i18n import t
from bludcli.locate import find_sheet
from bludcli.workbook import SUPPORTED_SUFFIXES, UnreadableError, Workbook


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to check: given files as they are, folders searched recursively for workbooks.

    Hidden files and Office lock files (`~$…`) in folders are skipped; the order is stable.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


MONTH_TO_MONTH = "month-to-month"  # the checks against last month's report, when skipped


@dataclass(slots=True, repr=False, eq=False)
class Content:
    """What a checked workbook holds, for consolidation: its identity, LRA and capitation."""

    identity: Identity
    lra: Lra | None
    kapitasi: Kapitasi | None
    bku_closing: int | None = None  # the BKU's closing Saldo, for next month's opening
    bku_opening: tuple[Cell, int | None] | None = None  # the BKU's Saldo Awal cell and value
    sheet_names: tuple[str, ...] = ()  # the workbook's, in order: findings are sorted by them

    def follows(self, previous: Content) -> bool:
        """Whether `previous` is this BLUD's report of the month before."""
        mine, theirs = self.identity, previous.identity
        if not (mine.blud and mine.tahun and mine.bulan and theirs.tahun and theirs.bulan) or mine.blud != theirs.blud:
            return False
        return (theirs.tahun * 12 + theirs.bulan) + 1 == mine.tahun * 12 + mine.bulan


def validate_paths(paths: list[Path], district: District, lang: str = "id",
                   on_file: Callable[[Path], None] | None = None, keep: bool = False,
                   previous: Content | None = None, jobs: int | None = None) -> list[FileResult]:
    """Check workbooks, `jobs` at a time (default: the machine's cores) in worker processes;
    the results are in the order of `paths` whatever `jobs` is. `keep` keeps each file's
    content and digest on its result; `previous`, last month's accepted report, is checked
    against each file it precedes."""
    from bludcli import workers

    def job(path: Path) -> FileResult:
        return validate_file(path, district, lang, keep, previous)

    def lost(path: Path, reason: str) -> FileResult:
        return _unreadable(FileResult(path=str(path)), Sink(district, lang), reason, f"{district.limits.seconds:g}")

    return workers.run_all(paths, job, lost, jobs or workers.default_jobs(), district.limits.seconds, on_file)


def validate_file(path: Path, district: District, lang: str = "id", keep: bool = False,
                  previous: Content | None = None) -> FileResult:
    """Check one workbook. Never raises: a file that cannot be read is `unreadable`. With
    `previous` the month-to-month checks run when it is the same BLUD's month before, and are
    listed as skipped otherwise."""
    with collector.paused():  # a sheet is tens of thousands of small objects without cycles
        return _validate_file(path, district, lang, keep, previous)


def _validate_file(path: Path, district: District, lang: str, keep: bool, previous: Content | None) -> FileResult:
    result = FileResult(path=str(path))
    sink = Sink(district, lang)
    try:
        workbook = Workbook(path, district.limits)
    except UnreadableError as exc:
        return _unreadable(result, sink, exc.reason, exc.detail)
    except OSError:
        return _unreadable(result, sink, "missing", "")
    try:
        content = _check_workbook(workbook, sink)
    except UnreadableError as exc:
        return _unreadable(result, sink, exc.reason, exc.detail)
    except Exception as exc:  # a defect of bludcli must not stop the batch
        if os.environ.get("BLUDCLI_DEBUG"):
            raise
        return _unreadable(result, sink, "internal", f"{type(exc).__name__}: {exc}"[:200])
    finally:
        workbook.close()
    identity = content.identity
    if keep:
        result.content, result.sha256 = content, workbook.sha256()
    result.kode_blud = identity.blud.kode if identity.blud else identity.kode
    result.tahun, result.bulan, result.revisi = identity.tahun, identity.bulan, identity.revisi
    result.versi_template = identity.versi_template
    result.findings = _waive(sorted(sink.findings, key=_order(content.sheet_names)), district, result)
    if previous:
        check_against(result, content, previous, district, lang)
    return result


def check_against(result: FileResult, content: Content, previous: Content, district: District,
                  lang: str = "id") -> None:
    """Add to `result`, the check of a file whose `content` it kept, the month-to-month findings
    against `previous` when that is the same BLUD's report of the month before; else list those
    checks as skipped. The findings keep their order: by sheet, then row and column."""
    if not content.follows(previous):
        result.skipped.append(MONTH_TO_MONTH)
        return
    sink = Sink(district, lang)
    sink.flagged.update((f.sheet, f.row, column_index(f.column)) for f in result.findings
                        if f.severity == "error" and f.column)  # as the file's own check flagged them
    check_previous(sink, content, previous)
    added = _waive(sink.findings, district, result)
    result.findings = sorted(result.findings + added, key=_order(content.sheet_names))


def _waive(findings: list[Finding], district: District, result: FileResult) -> list[Finding]:
    """Mark the findings a waiver of the district covers: they stay in every report but do not
    count toward the verdict."""
    if not district.waivers:
        return findings
    period = (result.tahun, result.bulan) if result.tahun and result.bulan else None
    today = date.today()
    marked = []
    for finding in findings:
        waiver = next((w for w in district.waivers if w.covers(finding.rule, result.kode_blud, period, today)), None)
        marked.append(replace(finding, waived=waiver.alasan) if waiver else finding)
    return marked


def _unreadable(result: FileResult, sink: Sink, reason: str, detail: str) -> FileResult:
    sink.findings.clear()
    sink.add("file.unreadable", reason=t(f"unreadable.{reason}", sink.lang, detail=detail))
    result.findings = sink.findings
    result.unreadable = True
    return result


def _check_workbook(workbook: Workbook, sink: Sink) -> Content:
    schemas = sink.district.schemas
    sheets = {key: _resolve_sheet(workbook, schema.sheet, sink) for key, schema in schemas.items()}
    identity = Identity()
    if sheets["identitas"]:
        identity = read_identitas(CellReader(workbook.sheet(sheets["identitas"]), sink))
    for key in schemas:
        if sheets[key] is False and schemas[key].required_by(identity.jenis):
            sink.add("file.sheet-missing", schemas[key].sheet, name=schemas[key].sheet)
    ambang = identity.blud.ambang_batas_persen if identity.blud else None
    equations = Equations(sink)
    lra = bku = kapitasi = None
    if sheets["lra"]:
        lra = read_lra(CellReader(workbook.sheet(sheets["lra"]), sink), identity.bulan, equations)
    if sheets["bku"]:
        bku = read_bku(CellReader(workbook.sheet(sheets["bku"]), sink), identity, equations)
    if sheets["kapitasi"] and schemas["kapitasi"].required_by(identity.jenis):
        kapitasi = read_kapitasi(CellReader(workbook.sheet(sheets["kapitasi"]), sink), equations)
    if lra and bku:
        check_bku_against_lra(bku, lra, equations)
    if lra and kapitasi:
        check_kapitasi_against_lra(kapitasi, lra, equations)
    equations.resolve()
    if lra:
        check_budget(sink, lra, ambang)
    opening = None
    if bku and bku.opening and "saldo" in bku.columns:
        opening = (bku.cell(bku.opening, "saldo"), bku.opening.saldo)
    return Content(identity, lra, kapitasi, bku.closing_saldo if bku else None, opening, tuple(workbook.sheet_names))


def _resolve_sheet(workbook: Workbook, wanted: str, sink: Sink) -> str | None | bool:
    """The sheet's name as written; False when absent; None when ambiguous (reported)."""
    matches = find_sheet(workbook.sheet_names, wanted)
    if len(matches) > 1:
        sink.add("file.sheet-ambiguous", wanted, name=wanted, names=", ".join(f"'{m}'" for m in matches))
        return None
    return matches[0] if matches else False


def _order(sheet_names: tuple[str, ...]):
    position = {name: i for i, name in enumerate(sheet_names)}

    def key(finding: Finding):
        column = finding.column or ""
        return (finding.sheet is not None, position.get(finding.sheet, -1), finding.row or 0, len(column), column)

    return key
