"""Open any supported workbook format into one model: sheets of cell values with Excel coordinates.

python-calamine reads every format. It gives the cached value of a formula and an empty
value both for a formula that was never calculated and for an Excel error value, so for
xlsx/xlsm the sheet XML is scanned (through defusedxml) for those cells.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import signal
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from bludcli.findings import column_index

SUPPORTED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
ERROR_LITERALS = {"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
_ODS_ERROR = re.compile(r"^Err:\d{3}$")

# Cell problems found by the scan: the cell's value cannot be trusted.
FORMULA_NO_VALUE = "formula-no-value"
ERROR_VALUE = "error-value"


class UnreadableError(Exception):
    """The file cannot be opened at all; `reason` is a key of the UI text catalogue."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True, repr=False, eq=False)
class Sheet:
    """One sheet: `rows[r][c]` is the value at Excel row r+1, column c (0-based)."""

    name: str
    rows: list[list]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # Finds the cells whose value cannot be trusted: (row, col) 0-based -> (kind, literal).
    # Run on the first empty cell read: calamine shows such cells as empty.
    scan: Callable[[], dict[tuple[int, int], tuple[str, str]]] | None = None
    _bad: dict[tuple[int, int], tuple[str, str]] | None = None

    def value(self, r: int, c: int):
        """The value at 0-based (r, c); '' outside the sheet, like an empty cell."""
        try:
            return self.rows[r][c]
        except IndexError:
            return ""

    def empty_is_empty(self) -> bool:
        """Whether every empty-looking cell is really empty (the sheet holds no formula without
        a value and no error value); scans the sheet the first time."""
        if self._bad is None:
            self._bad = self.scan() if self.scan else {}
        return not self._bad

    def bad_cell(self, r: int, c: int) -> tuple[str, str] | None:
        """Why the cell's value cannot be trusted (a formula without a cached value, an error
        value), or None."""
        value = self.value(r, c)
        if value == "":
            return None if self.empty_is_empty() else self._bad.get((r, c))
        if value.__class__ is str:
            text = value.strip()
            if text[:1] == "#" and text in ERROR_LITERALS or text[:4] == "Err:" and _ODS_ERROR.match(text):
                return (ERROR_VALUE, text)
        return None


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one file may take; beyond it the file is unreadable, with the limit named."""

    megabytes: int = 200  # the file, and its content once unpacked
    rows: int = 500_000  # per sheet read
    columns: int = 500
    seconds: float = 300  # checked between the steps of reading a file

    def check_time(self, started: float) -> None:
        if time.monotonic() - started > self.seconds:
            raise UnreadableError("too-slow", f"{self.seconds:g}")


class Workbook:
    """An opened workbook; sheets are read on first use, so ignored sheets cost nothing."""

    def __init__(self, path: Path, limits: Limits = Limits()):
        self.path = path
        self.limits = limits
        self.started = time.monotonic()
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise UnreadableError("unsupported-format", suffix or "-")
        size = path.stat().st_size
        if size == 0:
            raise UnreadableError("empty")
        if size > limits.megabytes << 20:
            raise UnreadableError("too-large", f"{limits.megabytes}")
        self._sheets: dict[str, Sheet] = {}
        self._data = path.read_bytes()  # read once: calamine and the XML scan share it
        self._zip = _open_zip(self._data) if suffix != ".xls" else None
        if self._zip and sum(m.file_size for m in self._zip.infolist()) > limits.megabytes << 20:
            self._zip.close()  # a zip bomb stops here, before anything is unpacked
            raise UnreadableError("too-large", f"{limits.megabytes}")
        if suffix == ".xls" and not _in_worker():
            _survives_reading(self._data, limits)
        try:
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(self._data))
            self.sheet_names: list[str] = list(self._book.sheet_names)
        except BaseException as exc:  # calamine raises several unrelated types, and Rust panics
            self._close_zip()
            raise _classify(exc, path) from None
        if not self.sheet_names:
            self.close()
            raise UnreadableError("damaged", "no sheets")
        self._xml = suffix in {".xlsx", ".xlsm"}
        self._xml_parts: dict[str, str] | None = None  # sheet name -> zip member, when needed

    def sha256(self) -> str:
        """The digest of the file's bytes as they were read."""
        return hashlib.sha256(self._data).hexdigest()

    def sheet(self, name: str) -> Sheet:
        if name not in self._sheets:
            self.limits.check_time(self.started)
            try:
                raw = self._book.get_sheet_by_name(name)
            except BaseException as exc:  # a Rust panic included (see _classify)
                raise _classify(exc, self.path) from None
            if raw.height > self.limits.rows or raw.width > self.limits.columns:
                raise UnreadableError("too-big-sheet", f"{name}: {raw.height} × {raw.width}")
            try:
                rows = raw.to_python(skip_empty_area=False)
                merged = list(raw.merged_cell_ranges or [])
            except BaseException as exc:  # a Rust panic included (see _classify)
                raise _classify(exc, self.path) from None
            scan = (lambda: self._scan(name)) if self._xml else None
            self._sheets[name] = Sheet(name, rows, merged, scan)
        return self._sheets[name]

    def _scan(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        if self._xml_parts is None:
            if self._zip is None or _every_sheet_surely_clean(self._zip, self._data, len(self.sheet_names)):
                self._xml_parts = {}  # the common case: no need to know which part is which sheet
            else:
                self._xml_parts = _xlsx_sheet_parts(self._zip)
        part = self._xml_parts.get(name)
        return _scan_xlsx_part(self._zip, part) if part else {}

    def close(self) -> None:
        self._sheets.clear()  # each sheet's scan refers back to this workbook
        self._book.close()
        self._close_zip()

    def _close_zip(self) -> None:
        if self._zip:
            self._zip.close()


def _classify(exc: BaseException, path: Path) -> UnreadableError:
    """What a failure of calamine on a file means for its sender. python-calamine's Rust panics
    (pyo3's PanicException) derive from BaseException, so callers catch that; an interrupt is
    passed on."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc
    name = type(exc).__name__
    text = str(exc)
    if name == "PasswordError" or "password" in text.lower() or "encrypt" in text.lower():
        return UnreadableError("encrypted")
    if _is_encrypted_ole(path):
        return UnreadableError("encrypted")
    return UnreadableError("damaged", f"{name}: {text}"[:200])


def _is_encrypted_ole(path: Path) -> bool:
    """An encrypted .xlsx is an OLE container holding an 'EncryptedPackage' stream."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return False
    return head.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in head


_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _in_worker() -> bool:
    """Whether this is a worker process of bludcli.workers, where a crash costs only the worker."""
    from bludcli import workers

    return workers.in_worker


def _survives_reading(data: bytes, limits: Limits) -> None:
    """Read a legacy .xls in a forked child first: on some damaged .xls files calamine asks for
    terabytes and aborts the whole process, which no try/except catches. Raises UnreadableError
    when the child does not come back. (Where there is no fork, the file is read directly.)
    Batches do not need this: their files are read in worker processes."""
    if not hasattr(os, "fork"):
        return
    pid = os.fork()
    if pid == 0:  # the child: read, then leave without running the parent's cleanup
        try:
            from bludcli.workers import quiet_stderr

            quiet_stderr()
            _read_all(data, limits)
        finally:
            os._exit(0)
    if not _exited_within(pid, limits.seconds):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise UnreadableError("too-slow", f"{limits.seconds:g}")
    if os.waitpid(pid, 0)[1] != 0:
        raise UnreadableError("reader-stopped")


def _exited_within(pid: int, seconds: float) -> bool:
    """Wait for the child to end, at most `seconds` (without reaping it)."""
    import select

    if hasattr(os, "pidfd_open"):
        descriptor = os.pidfd_open(pid)
        try:
            return bool(select.select([descriptor], [], [], seconds)[0])
        finally:
            os.close(descriptor)
    deadline = time.monotonic() + seconds
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def _read_all(data: bytes, limits: Limits) -> None:
    """In the child: what Workbook reads. A Python-level failure is left to the parent."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.height <= limits.rows and sheet.width <= limits.columns:
                sheet.to_python(skip_empty_area=False)
    except BaseException:  # noqa: S110  (the parent reads the file again and reports it)
        pass


def _open_zip(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # not a zip, or one zipfile cannot read (BadZipFile, NotImplementedError, ...)
        return None


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from workbook.xml and its relationships."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for element in book.iter():
        if element.tag.endswith("}sheet"):
            target = targets.get(element.get(f"{{{_NS_REL}}}id"), "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            parts[element.get("name")] = member
    return parts


def _every_sheet_surely_clean(zf: zipfile.ZipFile, data: bytes, sheets: int) -> bool:
    """_surely_clean for every worksheet part, when the parts are where Excel and every common
    writer put them (one xl/worksheets/*.xml per sheet); False sends each sheet to its own scan."""
    members = [m for m in zf.infolist() if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")]
    try:
        return len(members) == sheets and all(_surely_clean(_inflate(data, member)) for member in members)
    except Exception:  # a member this cannot unpack: leave it to the per-sheet scan
        return False


def _inflate(data: bytes, member: zipfile.ZipInfo) -> bytes:
    """A deflated member of the zip `data`, unpacked in one call: ZipFile.read's stream, with its
    checksum, costs more than the inflating on parts of a few KB (calamine checks the same
    bytes). Raises ValueError for anything else (stored, another method, encrypted) and for a
    member longer than the zip declares, unpacking no more than that: a lying zip bomb stops there."""
    if member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits & 0x1:
        raise ValueError("not plainly deflated")
    start = member.header_offset
    header = struct.unpack(zipfile.structFileHeader, data[start:start + zipfile.sizeFileHeader])
    if header[0] != zipfile.stringFileHeader:
        raise ValueError("no local header")
    start += zipfile.sizeFileHeader + header[zipfile._FH_FILENAME_LENGTH] + header[zipfile._FH_EXTRA_FIELD_LENGTH]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    content = inflater.decompress(data[start:start + member.compress_size], member.file_size)
    if not inflater.eof or len(content) != member.file_size:
        raise ValueError("not the declared size")
    return content


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _scan_xlsx_part(zf: zipfile.ZipFile, member: str) -> dict[tuple[int, int], tuple[str, str]]:
    """Cells holding a formula without a cached value, or an error value."""
    from defusedxml import ElementTree

    try:
        data = zf.read(member)
        if _surely_clean(data):
            return {}
        found = {}
        for _, element in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
            if element.tag.rsplit("}", 1)[-1] != "c":
                continue
            problem = _cell_problem(element)
            match = _CELL_REF.fullmatch(element.get("r", "")) if problem else None
            if match:
                found[(int(match[2]) - 1, column_index(match[1]))] = problem
            element.clear()
        return found
    except Exception:
        return {}


def _surely_clean(data: bytes) -> bool:
    """A byte-level proof, at memory speed, that a sheet's XML holds no error cell and no
    formula without a value: every formula element (<f>…</f>, <f …/>) is directly followed by
    a non-empty <v>. Anything unusual (namespace prefixes, an empty value, other spacing)
    fails the proof, and the sheet is parsed as XML."""
    if _PREFIXED_ROOT.match(data):
        return False  # <x:worksheet>, <x:c>, <x:f>: leave prefixed markup to the parser
    if b't="e"' in data or b"'" in data and b"t='e'" in data:
        return False
    if b"<f" not in data:
        return True  # no formula element: the common case
    if b"<v></v>" in data:
        return False  # (an empty <v/> after a formula fails the count below)
    formulas = data.count(b"<f>") + data.count(b"<f ") + data.count(b"<f/")
    return formulas == data.count(b"</f><v>") + data.count(b"/><v>")


# The root element of a sheet part, after an optional XML declaration and comments, with a prefix.
_PREFIXED_ROOT = re.compile(rb"\s*(?:<[?!][^>]*>\s*)*<[A-Za-z_][\w.-]*:")


def _cell_problem(cell) -> tuple[str, str] | None:
    formula = value = None
    for child in cell:
        local = child.tag.rsplit("}", 1)[-1]
        if local == "f":
            formula = child
        elif local == "v":
            value = child
    if cell.get("t") == "e":
        return (ERROR_VALUE, (value.text or "").strip() if value is not None else "#N/A")
    if formula is None:
        return None
    if value is None or (not value.text and cell.get("t") not in ("str", "inlineStr")):
        return (FORMULA_NO_VALUE, "=" + (formula.text or ""))
    return None

