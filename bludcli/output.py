"""Writing report files safely: atomic replacement, never over an input, no formula injection."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bludcli.i18n import t

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# OWASP CSV injection: a cell starting with one of these may be run as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = r"-?\d+(\.\d+)?"  # compiled at first use (re's cache): only CSV and xlsx cells need it


_CONTROL_CHARACTERS = dict.fromkeys([*range(9), *range(11, 0x20), *range(0x7F, 0xA0)], "?")


def printable(value):
    """Text with control characters (an ESC from a hostile workbook) shown as '?'."""
    return value.translate(_CONTROL_CHARACTERS) if isinstance(value, str) else value


def safe_cell(value):
    """`value` made harmless for a spreadsheet cell: text that could start a formula gets a
    leading `'`. Plain decimal numbers as text (`-1500.00`) and non-text values are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        if not re.fullmatch(_PLAIN_NUMBER, value):
            return "'" + value
    return value


def csv_text(columns: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A table as every CSV of bludcli is written: UTF-8 with a BOM (so that Excel reads it as
    UTF-8), the machine column names as given, booleans as 1/0, and text that could start a
    formula neutralised (see safe_cell)."""
    return "".join(csv_chunks(columns, rows))


def csv_chunks(columns: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """csv_text in pieces of about 64 KB, for a table too large to hold as one text."""
    import csv
    import io

    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([int(value) if isinstance(value, bool) else safe_cell(value) for value in row])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_atomic(
    path: Path, data: bytes | str | Iterable[str], inputs: set[Path] | None = None, lang: str = "id"
) -> None:
    """Write `data` (text as UTF-8; or text in pieces, written as they come) to `path` through
    a temporary file in the same folder, so a reader never sees half a file; missing folders on
    the way are created. Refuse (ValueError, with a message for the user) when `path` is one of
    `inputs` or a folder, or cannot be written."""
    import tempfile  # only when writing a file, not for a report on stdout

    target = Path(path).resolve()
    if _is_one_of(target, inputs or set()):
        raise ValueError(t("error.output_is_input", lang, path=str(path)))
    if target.is_dir():
        raise ValueError(t("error.output_is_folder", lang, path=str(path)))
    pieces = [data] if isinstance(data, (bytes, str)) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ValueError(cannot_write(path, exc, lang)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # the user's path and the reason, not the temporary file's name
            raise ValueError(cannot_write(path, exc, lang)) from None
        raise


# Why a file cannot be written, in words for the user, for the usual causes.
_WRITE_ERRORS = {errno.ENOSPC: "error.disk_full", errno.EACCES: "error.no_permission",
                 errno.EPERM: "error.no_permission", errno.EROFS: "error.read_only",
                 errno.EEXIST: "error.parent_is_file", errno.ENOTDIR: "error.parent_is_file",
                 errno.EISDIR: "error.is_folder"}


def cannot_write(path: Path, exc: OSError, lang: str) -> str:
    """Why `path` could not be written (`exc`), as a message for the user in `lang`."""
    key = _WRITE_ERRORS.get(exc.errno)
    reason = t(key, lang) if key else (exc.strerror or str(exc))
    return t("error.cannot_write", lang, path=str(path), reason=reason)


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: the same path once resolved, or (where it exists) the
    same file through links or case."""
    target = Path(first).resolve()
    return target == Path(second).resolve() or _is_one_of(target, {Path(second)})


def _is_one_of(target: Path, paths: set[Path]) -> bool:
    """True when `target` names the same file as one of `paths` (also via links or case): one
    stat of each, where resolving every input's path costs a stat of each folder on the way."""
    try:
        wanted = os.stat(target)
    except OSError:
        return False  # nothing there yet, so none of the inputs, which are files that exist
    return any(_same_file(path, wanted) for path in paths)


def _same_file(path: Path, wanted: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), wanted)
    except OSError:
        return False


def _file_mode(target: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual umask mode
    (mkstemp alone would leave it readable by its owner only)."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
