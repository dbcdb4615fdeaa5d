"""The return package: what BPKAD sends back to a BLUD for each checked workbook.

`write_return_package(result, source, folder)` writes into `folder`, and returns the paths:

* `<stem> - temuan.xlsx` (`.xlsm` for an .xlsm source, VBA kept): a copy of the workbook with
  each finding that has a cell as a comment on that cell (author "BPKAD"; several findings on
  one cell share one comment) and the cell filled red (error), yellow (warning) or grey
  (waived, marked "dikecualikan"), plus a new first sheet `Temuan` listing every finding, each
  cell reference a link to its cell. Findings without a cell (whole sheet, whole file) are only
  in the list. The source is read once; its bytes are never modified and the copy is written
  atomically, never over the source.
  - A .xls/.ods source cannot be annotated by openpyxl: the same name (`.xlsx`) then holds only
    the `Temuan` sheet, without links, and the receipt says so.
  - A valid file still gets its copy, with an empty `Temuan` list (header only): every readable
    file gets the same two files, so a BLUD always receives its stamped workbook back.
  - The copy is re-saved by openpyxl: what openpyxl cannot keep (images, charts, some
    conditional formats, cached formula results) may be missing from it. The BLUD corrects
    its own original, not the copy.
* `<stem> - tanda terima.html`: the receipt, a self-contained printable page: BLUD, period,
  revision, file name, SHA-256, size, time received, verdict, counts and the first findings.
  An unreadable file gets only the receipt (verdict TIDAK TERBACA and the reason).

Texts go to the BLUD in Indonesian (`lang="en"`: English), from `bludcli.i18n`.
"""

from __future__ import annotations

import hashlib
import html
import io
from datetime import datetime
from pathlib import Path

from bludcli import __version__
from bludcli.config import DISTRICT_TZ
from bludcli.findings import FileResult, Finding
from bludcli.i18n import LANGUAGES, t
from bludcli.output import printable, safe_cell, write_atomic
from bludcli.report import display_value
from bludcli.values import group_thousands

ANNOTATABLE = (".xlsx", ".xlsm")
AUTHOR = "BPKAD"
RECEIPT_FINDINGS = 10  # findings listed on the receipt; the rest are in the workbook
_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "waived": "D9D9D9"}
_COLUMNS = ("no", "sheet", "cell", "severity", "rule", "message", "value", "expected", "hint", "waived")
_WIDTHS = (6, 14, 10, 22, 26, 60, 20, 20, 50, 30)
_WRAPPED = {"message", "hint", "waived"}

def output_names(source: Path) -> tuple[str, str]:
    """(findings workbook, receipt) file names for `source`."""
    source = Path(source)
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    return (f"{source.stem}{t('return.copy_suffix')}{suffix}",
            f"{source.stem}{t('return.receipt_suffix')}.html")


def write_return_package(
    result: FileResult, source: Path, folder: Path, lang: str = "id",
    received_at: datetime | None = None, nama: str | None = None,
) -> list[Path]:
    """Write the findings workbook (unless the file is unreadable) and the receipt for
    `result`, the check of `source`, into `folder` (created if missing); return their paths.

    Raises ValueError when `source` no longer has the bytes that were checked (when
    `result.sha256` is known) or when an output would replace `source`."""
    source, folder = Path(source), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes() if source.is_file() else None
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    if result.sha256 and digest != result.sha256:
        raise ValueError(t("return.changed", lang, path=str(source)))
    copy_name, receipt_name = output_names(source)
    written: list[Path] = []
    if result.status != "unreadable" and data is not None:
        annotate = source.suffix.lower() in ANNOTATABLE
        workbook = _annotated(data, source, result, lang) if annotate else _findings_only(result, lang)
        target = folder / copy_name
        write_atomic(target, workbook, {source}, lang)
        written.append(target)
        note = t("receipt.annotated" if annotate else "receipt.not_annotated", lang,
                 name=copy_name, suffix=source.suffix.lower())
    else:
        note = t("receipt.unreadable", lang)
    received = (received_at or datetime.now(DISTRICT_TZ)).astimezone(DISTRICT_TZ)  # as status shows times
    page = receipt_html(result, source, lang, received,
                        nama or _registered_name(result), digest, len(data) if data is not None else None,
                        note, copy_name)
    target = folder / receipt_name
    write_atomic(target, page, {source}, lang)
    written.append(target)
    return written


# --- the findings workbook ----------------------------------------------------------


def _annotated(data: bytes, source: Path, result: FileResult, lang: str) -> bytes:
    """The source workbook with comments, fills and a first sheet Temuan."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), keep_vba=source.suffix.lower() == ".xlsm")
    targets: dict[tuple[str, str], list[Finding]] = {}
    for finding in result.findings:
        anchor = _anchor(workbook, finding)
        if anchor and finding.cell:
            targets.setdefault(anchor, []).append(finding)
    for (sheet, ref), findings in targets.items():
        _mark(workbook[sheet][ref], findings, lang)
    sheet = workbook.create_sheet(_free_title(workbook.sheetnames, t("sheet.findings", lang)), 0)
    _write_findings(sheet, result.findings, lang, lambda f: _anchor(workbook, f))
    workbook.active = 0
    for other in workbook.worksheets[1:]:
        other.sheet_view.tabSelected = False
    return _saved(workbook)


def _findings_only(result: FileResult, lang: str) -> bytes:
    """A new workbook with only the Temuan sheet (no links: the cells are not in it)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = t("sheet.findings", lang)
    _write_findings(workbook.active, result.findings, lang, lambda f: None)
    return _saved(workbook)


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _anchor(workbook, finding: Finding) -> tuple[str, str] | None:
    """(sheet, cell) that a link or comment for `finding` points at: its cell (the top-left
    cell of a merged range it lies in), A<row> for a row, A1 for a sheet; None when the
    sheet is not in the workbook or the finding is about the whole file."""
    if finding.sheet is None or finding.sheet not in workbook.sheetnames:
        return None
    if finding.row is None:
        return finding.sheet, "A1"
    ref = finding.cell or f"A{finding.row}"
    for merged in workbook[finding.sheet].merged_cells.ranges:
        if ref in merged:
            return finding.sheet, merged.start_cell.coordinate
    return finding.sheet, ref


def _mark(cell, findings: list[Finding], lang: str) -> None:
    """One comment listing `findings` on `cell` (an existing comment is kept below it) and
    the fill of the most severe finding that counts (grey when all are waived)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    notes = [_note(finding, lang) for finding in findings]
    if len(notes) > 1:
        notes = [f"{i}. {note}" for i, note in enumerate(notes, start=1)]
    if cell.comment is not None:
        notes.append(cell.comment.text)
    text = printable("\n\n".join(notes))
    lines = sum(len(line) // 45 + 1 for line in text.splitlines())
    cell.comment = Comment(text, AUTHOR, height=min(600, 16 * lines + 20), width=320)
    counting = {f.severity for f in findings if not f.waived}
    colour = "error" if "error" in counting else "warning" if counting else "waived"
    cell.fill = PatternFill("solid", fgColor=_FILL[colour])


def _severity(finding: Finding, lang: str) -> str:
    word = t(f"severity.{finding.severity}", lang)
    return f"{word} ({t('return.waived', lang)})" if finding.waived else word


def _note(finding: Finding, lang: str) -> str:
    """The comment text of one finding: severity, message, found, expected, hint."""
    lines = [f"{_severity(finding, lang).upper()}: {finding.message}"]
    if finding.value is not None:
        lines.append(f"{t('col.value', lang)}: {display_value(finding.value)}")
    if finding.expected is not None:
        lines.append(f"{t('col.expected', lang)}: {display_value(finding.expected)}")
    if finding.hint:
        lines.append(f"{t('col.hint', lang)}: {finding.hint}")
    if finding.waived:
        lines.append(t("return.waived_reason", lang, reason=finding.waived))
    lines.append(f"({finding.rule})")
    return "\n".join(lines)


def _free_title(names: list[str], wanted: str) -> str:
    """`wanted`, or `wanted (2)`… when the workbook already has a sheet of that name."""
    taken = {name.casefold() for name in names}
    title, n = wanted, 1
    while title.casefold() in taken:
        n += 1
        title = f"{wanted} ({n})"
    return title


def _place(finding: Finding, lang: str) -> str | None:
    if finding.cell:
        return finding.cell
    return f"{t('col.row', lang)} {finding.row}" if finding.row is not None else None


def _write_findings(sheet, findings: list[Finding], lang: str, anchor) -> None:
    """The Temuan table: bold frozen header, autofilter, widths, a row a finding (filled by
    severity), the cell reference a link to `anchor(finding)` when there is one."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([t(f"return.col.{c}" if c == "no" else f"col.{c}", lang) for c in _COLUMNS])
    for number, finding in enumerate(findings, start=1):
        values = {
            "no": number, "sheet": finding.sheet, "cell": _place(finding, lang),
            "severity": _severity(finding, lang), "rule": finding.rule, "message": finding.message,
            "value": None if finding.value is None else display_value(finding.value),
            "expected": None if finding.expected is None else display_value(finding.expected),
            "hint": finding.hint or None, "waived": finding.waived,
        }  # fmt: skip
        sheet.append([safe_cell(printable(values[c])) for c in _COLUMNS])
        row = sheet.max_row
        fill = PatternFill("solid", fgColor=_FILL["waived" if finding.waived else finding.severity])
        for index, column in enumerate(_COLUMNS, start=1):
            cell = sheet.cell(row, index)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=column in _WRAPPED, vertical="top")
            if column in ("value", "expected"):
                cell.number_format = "@"
        target = anchor(finding)
        if target:
            column = "cell" if values["cell"] else "sheet"  # a whole sheet: link its name
            link = sheet.cell(row, _COLUMNS.index(column) + 1)
            link.hyperlink = f"#'{target[0].replace(chr(39), chr(39) * 2)}'!{target[1]}"
            link.style = "Hyperlink"
            link.fill = fill
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_COLUMNS))}{len(findings) + 1}"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


# --- the receipt -----------------------------------------------------------------------

_CSS = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #000; margin: 2em; max-width: 48em; }
h1 { font-size: 15pt; margin: 0 0 .2em; } p.issuer { margin: 0 0 1.2em; color: #444; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.2em; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eee; width: 12em; } td.hash { font-family: monospace; word-break: break-all; }
.verdict { font-weight: bold; font-size: 13pt; }
.valid { color: #060; } .invalid { color: #b00; } .unreadable { color: #707; }
ol { padding-left: 1.5em; } li { margin-bottom: .4em; } .muted { color: #555; font-size: 9pt; }
@media print { body { margin: 0; } th { background: #eee !important; -webkit-print-color-adjust: exact; } }
""".strip()


def receipt_html(
    result: FileResult, source: Path, lang: str, received_at: datetime, nama: str | None,
    digest: str | None, size: int | None, note: str, copy_name: str,
) -> str:
    """The receipt page; every value from the file or the result is escaped."""
    esc = lambda value: html.escape(printable(str(value)) if value is not None else "")  # noqa: E731
    period = (f"{t('month', lang).split()[result.bulan - 1]} {result.tahun}"
              if result.tahun and result.bulan and 1 <= result.bulan <= 12 else None)
    rows = [
        (t("col.kode_blud", lang), esc(result.kode_blud), ""),
        (t("receipt.nama", lang), esc(nama), ""),
        (t("receipt.periode", lang), esc(period), ""),
        (t("col.revisi", lang), esc(result.revisi), ""),
        (t("receipt.file", lang), esc(Path(source).name), ""),
        (t("receipt.sha256", lang), esc(digest), "hash"),
        (t("receipt.size", lang), esc(t("receipt.bytes", lang, size=group_thousands(size))
                                      if size is not None else None), ""),
        (t("receipt.received", lang), esc(received_at.strftime("%Y-%m-%d %H:%M:%S %Z")), ""),
        (t("receipt.verdict", lang),
         f'<span class="verdict {result.status}">{esc(t(f"status.{result.status}", lang))}</span>', ""),
    ]
    if result.status == "unreadable":
        reason = next((f.message for f in result.findings if f.rule == "file.unreadable"), None)
        rows.append((t("receipt.reason", lang), esc(reason), ""))
    else:
        rows += [(t("col.errors", lang), esc(result.errors), ""),
                 (t("col.warnings", lang), esc(result.warnings), "")]
    table = "\n".join(
        f'<tr><th scope="row">{esc(label)}</th><td{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{value}</td></tr>'
        for label, value, cls in rows
    )
    shown = result.findings[:RECEIPT_FINDINGS]
    items = "\n".join(f"<li>{_finding_line(f, lang, esc)}</li>" for f in shown)
    findings = f"<ol>\n{items}\n</ol>" if shown else f"<p>{esc(t('receipt.none', lang))}</p>"
    if len(result.findings) > len(shown):
        more = t("receipt.more", lang, count=len(result.findings) - len(shown), name=copy_name)
        findings += f"\n<p>{esc(more)}</p>"
    title = esc(t("receipt.title", lang))
    return f"""<!DOCTYPE html>
<html lang="{esc(lang if lang in LANGUAGES else 'id')}">
<head>
<meta charset="utf-8">
<title>{title} – {esc(Path(source).name)}</title>
<style>
{_CSS}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="issuer">{esc(t("receipt.issuer", lang))}</p>
<table>
{table}
</table>
<p>{esc(note)}</p>
<h2>{esc(t("receipt.findings", lang))}</h2>
{findings}
<p class="muted">{esc(t("receipt.footer", lang, version=__version__))}</p>
</body>
</html>
"""


def _finding_line(finding: Finding, lang: str, esc) -> str:
    place = "!".join(p for p in (finding.sheet, _place(finding, lang)) if p)
    parts = [f"<strong>{esc(_severity(finding, lang))}</strong>"]
    if place:
        parts.append(esc(place))
    parts.append(esc(finding.message))
    details = [f"{t('col.value', lang)}: {display_value(finding.value)}" if finding.value is not None else None,
               f"{t('col.expected', lang)}: {display_value(finding.expected)}" if finding.expected is not None else None]
    detail = "; ".join(d for d in details if d)
    return " — ".join(parts) + (f" <span class=\"muted\">({esc(detail)})</span>" if detail else "")


def _registered_name(result: FileResult) -> str | None:
    """The BLUD's name from the district registry, when the check kept the content."""
    identity = result.content.identity if result.content else None
    return identity.blud.nama if identity and identity.blud else None
