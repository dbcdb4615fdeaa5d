"""Report renderers, UI texts and safe output files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from bludcli.findings import FileResult, Finding
from bludcli.i18n import _TEXT, t
from bludcli.output import safe_cell, write_atomic
from bludcli.report import CSV_COLUMNS, print_table, render, to_csv, to_json, to_xlsx

INJECTION = '=HYPERLINK("http://evil.example","klik")'


def results() -> list[FileResult]:
    valid = FileResult("in/PKM01_2026-03.xlsx", [], "PKM01", 2026, 3, 0)
    invalid = FileResult(
        "in/PKM03_2026-03.xlsx",
        [
            Finding("struktur.sheet-wajib", "error", None, None, None, "Sheet 'BKU' tidak ada.",
                    hint="Tambahkan sheet BKU."),
            Finding("lra.parent-sum", "error", "LRA", 17, "F", "Jumlah induk tidak sama.",
                    "12500000.00", "12000000.00", hint="Periksa rincian."),
            Finding("lra.amount-text", "warning", "LRA", 21, "G", INJECTION, "-1500.00"),
            Finding("kapitasi.saldo", "error", "Kapitasi", 9, "D", "Saldo akhir salah.",
                    "-1500.00", "+1500"),
        ],
        "PKM03", 2026, 3, 1,
    )  # fmt: skip
    unreadable = FileResult(
        "in/rusak.xlsx",
        [Finding("berkas.tidak-terbaca", "error", None, None, None, "Berkas tidak bisa dibuka.")],
        unreadable=True,
    )
    return [valid, invalid, unreadable]


def table_text(lang: str = "id") -> str:
    buffer = io.StringIO()
    print_table(results(), Console(file=buffer, width=100, color_system=None), lang)
    return buffer.getvalue()


# i18n


def test_every_text_has_both_languages_and_unknown_language_falls_back_to_indonesian():
    assert all(len(pair) == 2 and all(pair) for pair in _TEXT.values())
    assert t("status.invalid") == "TIDAK VALID"
    assert t("status.invalid", "en") == "INVALID"
    assert t("status.invalid", "fr") == "TIDAK VALID"
    assert t("report.revision", "en", revisi=2) == "rev 2"


# JSON


def test_json_is_exactly_the_contract_shape():
    document = json.loads(to_json(results()))
    assert list(document) == ["files"]
    valid, invalid, unreadable = document["files"]
    assert valid == {
        "path": "in/PKM01_2026-03.xlsx", "status": "valid", "kode_blud": "PKM01",
        "tahun": 2026, "bulan": 3, "revisi": 0, "errors": 0, "warnings": 0, "findings": [],
    }  # fmt: skip
    assert (invalid["status"], invalid["errors"], invalid["warnings"]) == ("invalid", 3, 1)
    assert invalid["findings"][0] == {
        "rule": "struktur.sheet-wajib", "severity": "error", "sheet": None, "row": None,
        "column": None, "cell": None, "message": "Sheet 'BKU' tidak ada.", "value": None,
        "expected": None,
    }  # fmt: skip
    assert invalid["findings"][1]["cell"] == "F17"
    assert unreadable["status"] == "unreadable"


def test_json_keeps_non_ascii_and_ends_with_a_newline():
    result = FileResult("in/laporan–maret.xlsx")
    text = to_json([result])
    assert "laporan–maret" in text and text.endswith("}\n")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_written_a_file_at_a_time_is_json_dumps_of_the_whole_report(count):
    """The report is encoded file by file (so that a national run never holds its whole text
    in pieces), and comes out exactly as json.dumps(indent=2) of the document."""
    odd = FileResult("in/baris\nbaru – \u2028.xlsx", [Finding("r", "error", "S\n", 1, "A", "pesan\n\"kutip\"", "x")])
    chosen = (results() + [odd])[:count]
    whole = json.dumps({"files": [r.to_dict() for r in chosen]}, ensure_ascii=False, indent=2) + "\n"
    assert to_json(chosen) == whole


# CSV


def parse_csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_one_row_per_finding_and_every_file():
    rows = parse_csv(to_csv(results()))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["path"] for row in rows] == ["in/PKM01_2026-03.xlsx"] + [
        "in/PKM03_2026-03.xlsx"
    ] * 4 + ["in/rusak.xlsx"]
    valid = rows[0]
    assert (valid["status"], valid["rule"], valid["cell"], valid["hint"]) == ("valid", "", "", "")
    assert rows[2]["cell"] == "F17" and rows[2]["hint"] == "Periksa rincian."
    assert rows[2]["row"] == "17" and rows[2]["severity"] == "error"


def test_a_csv_written_in_pieces_loses_and_repeats_nothing():
    many = [FileResult(f"in/PKM{n:04d} maret.xlsx", [], f"PKM{n:04d}", 2026, 3, 0) for n in range(3000)]
    text = to_csv(many)
    assert len(text) > 2 * (1 << 16) and text.count("\ufeff") == 1
    assert [row["kode_blud"] for row in parse_csv(text)] == [f"PKM{n:04d}" for n in range(3000)]


def test_csv_neutralises_formulas_but_keeps_plain_amounts():
    rows = parse_csv(to_csv(results()))
    assert rows[3]["message"] == "'" + INJECTION
    assert rows[3]["value"] == "-1500.00"
    assert rows[4]["expected"] == "'+1500"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("+62", "'+62"), ("-1+2", "'-1+2"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-1500.00", "-1500.00"), ("-7", "-7"),
        ("-1500.00\n=1", "'-1500.00\n=1"), ("Rp 1.500", "Rp 1.500"), (17, 17), (None, None),
    ],
)  # fmt: skip
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# XLSX


def test_xlsx_has_a_filterable_findings_sheet_and_a_summary():
    workbook = load_workbook(io.BytesIO(to_xlsx(results())))
    assert workbook.sheetnames == ["Temuan", "Ringkasan"]
    findings, summary = workbook["Temuan"], workbook["Ringkasan"]
    header = [cell.value for cell in findings[1]]
    assert header[:3] == ["Berkas", "Status", "Kode BLUD"] and "Petunjuk" in header
    assert all(cell.font.bold for cell in findings[1])
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == "A1:Q6"
    assert findings.max_row == 1 + 5
    by_name = dict(zip(header, [cell.value for cell in findings[3]]))
    assert by_name["Tingkat"] == "kesalahan" and by_name["Sel"] == "F17"
    assert by_name["Nilai"] == "12500000.00" and by_name["Seharusnya"] == "12000000.00"
    assert findings.cell(4, header.index("Pesan") + 1).value == "'" + INJECTION
    assert findings.cell(3, 1).fill.fgColor.rgb.endswith("FFE5E5")
    assert findings.cell(4, 1).fill.fgColor.rgb.endswith("FFF6CC")
    assert [cell.value for cell in summary[1]][-2:] == ["Kesalahan", "Peringatan"]
    assert [cell.value for cell in summary[3]] == [
        "in/PKM03_2026-03.xlsx", "TIDAK VALID", "PKM03", 2026, 3, 1, 3, 1,
    ]  # fmt: skip
    assert summary.max_row == 1 + 3 and summary.auto_filter.ref == "A1:H4"


def test_xlsx_in_english_and_without_control_characters():
    hostile = FileResult("in/x.xlsx", [Finding("r", "warning", "LRA", 2, "A", "bad\x1b[31m\x00")])
    workbook = load_workbook(io.BytesIO(to_xlsx([hostile], "en")))
    assert workbook.sheetnames == ["Findings", "Summary"]
    assert workbook["Findings"]["H2"].value == "warning"
    assert workbook["Findings"]["M2"].value == "bad?[31m?"


# Table


def test_table_in_indonesian():
    text = table_text()
    for expected in (
        "VALID  in/PKM01_2026-03.xlsx  PKM01 2026-03 rev 0  · tanpa temuan",
        "TIDAK VALID  in/PKM03_2026-03.xlsx  PKM03 2026-03 rev 1  · 3 kesalahan, 1 peringatan",
        "TIDAK TERBACA  in/rusak.xlsx",
        "F17", "G21", "12.500.000,00", "Kapitasi", "peringatan",
        "3 berkas: 1 valid, 1 tidak valid, 1 tidak terbaca · 4 kesalahan, 1 peringatan",
    ):  # fmt: skip
        assert expected in text
    # Whole-file findings come first, under "Berkas", then the sheets in order.
    assert text.index("Sheet 'BKU' tidak ada.") < text.index("LRA") < text.index("Kapitasi")
    assert max(len(line) for line in text.splitlines()) <= 100


def test_table_in_english():
    text = table_text("en")
    assert "INVALID  in/PKM03_2026-03.xlsx" in text and "UNREADABLE  in/rusak.xlsx" in text
    assert "no findings" in text and "Severity" in text
    assert "Files: 3 (1 valid, 1 invalid, 1 unreadable) · errors: 4, warnings: 1" in text


def _rich_table(findings: list[Finding], width: int) -> str:
    """The findings as rich's own Table lays them out: the reference the report's table keeps."""
    from rich import box
    from rich.table import Table

    table = Table(title="LRA", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, wrap in (("Sel", False), ("Tingkat", False), ("Pesan", True)):
        table.add_column(header, no_wrap=not wrap, overflow="fold" if wrap else None, ratio=1 if wrap else None)
    for f in findings:
        detail = f"{f.rule}   Nilai: {f.value}" if f.value else f.rule
        table.add_row(f.cell, t(f"severity.{f.severity}"), f"{f.message}\n{detail}")
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(table)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 80, 100, 160])
def test_table_lays_findings_out_as_rich_tables_do(width):
    """Long messages wrap under their column, a word longer than it is folded, wide characters
    take two columns, and a table of short messages is no wider than they are."""
    findings = [
        Finding("lra.parent-sum", "error", "LRA", 17, "F", "Jumlah induk tidak sama dengan jumlah rincian " * 3, "12"),
        Finding("lra.code-invalid", "warning", "LRA", 1048576, "XFD", "Kode " + "1234567890" * 9),
        Finding("lra.name", "error", "LRA", 5, "B", "Nama rekening 病院 tidak cocok", "病院病院"),
    ]
    short = [Finding("lra.x", "error", "LRA", 2, "A", "Salah.")]
    for group in (findings, short):
        buffer = io.StringIO()
        print_table([FileResult("a.xlsx", group)], Console(file=buffer, width=width, color_system=None), "id",
                    summary=False)
        tables = buffer.getvalue().split("\n\n")[1]
        assert tables + "\n" == _rich_table(group, width)


def test_table_does_not_pass_markup_or_escape_codes_through():
    hostile = FileResult("in/[bold]x[/bold].xlsx", [Finding("r", "error", "S", 1, "A", "\x1b]0;t")])
    buffer = io.StringIO()
    print_table([hostile], Console(file=buffer, width=100, force_terminal=True), "id")
    assert "[bold]x[/bold]" in buffer.getvalue()
    assert "\x1b]" not in buffer.getvalue()


# render


def test_render_json_and_csv_go_to_stdout_alone(capsys):
    console = Console(file=io.StringIO())
    render(results(), "json", "id", None, console, set())
    assert json.loads(capsys.readouterr().out)["files"][1]["errors"] == 3
    render(results(), "csv", "id", None, console, set())
    assert len(parse_csv(capsys.readouterr().out)) == 6
    assert console.file.getvalue() == ""


def test_render_to_files(tmp_path):
    console = Console(file=io.StringIO())
    for fmt in ("table", "json", "csv", "xlsx"):
        render(results(), fmt, "en", tmp_path / f"out.{fmt}", console, set())
    text = (tmp_path / "out.table").read_text(encoding="utf-8")
    assert "Files: 3" in text and "\x1b" not in text
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"]
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_workbook(tmp_path / "out.xlsx").sheetnames == ["Findings", "Summary"]
    assert console.file.getvalue() == ""


def test_render_refuses_bad_requests(tmp_path):
    console = Console(file=io.StringIO())
    with pytest.raises(ValueError, match="xlsx perlu --output"):
        render(results(), "xlsx", "id", None, console, set())
    with pytest.raises(ValueError, match="Unknown format: html"):
        render(results(), "html", "en", None, console, set())


# write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    write_atomic(target, "baru ✓")
    write_atomic(tmp_path / "data.bin", b"\x00\x01")
    write_atomic(tmp_path / "pieces.csv", (piece for piece in ("a,", "b✓\n", "1,2\n")))
    assert target.read_text(encoding="utf-8") == "baru ✓"
    assert (tmp_path / "pieces.csv").read_text(encoding="utf-8") == "a,b✓\n1,2\n"
    assert (tmp_path / "data.bin").read_bytes() == b"\x00\x01"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data.bin", "pieces.csv", "report.json"]


def test_write_atomic_cleans_up_when_writing_fails(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(target, 123)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_write_atomic_creates_missing_folders_and_says_why_it_cannot_write(tmp_path):
    write_atomic(tmp_path / "new" / "sub" / "report.json", "{}")
    assert (tmp_path / "new" / "sub" / "report.json").read_text() == "{}"
    with pytest.raises(ValueError, match="adalah folder, bukan berkas"):
        write_atomic(tmp_path / "new", "a folder is not a file")
    (tmp_path / "notes.txt").write_text("a file where a folder should be")
    with pytest.raises(ValueError, match=r"^Cannot write .*notes.txt/x.json: a folder on its way is a file"):
        write_atomic(tmp_path / "notes.txt" / "x.json", "{}", lang="en")
    assert sorted(path.name for path in (tmp_path / "new").iterdir()) == ["sub"]


def test_write_atomic_failing_at_the_end_names_the_output_not_its_temporary_file(tmp_path, monkeypatch):
    import errno

    def busy(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", source, None, target)

    monkeypatch.setattr("bludcli.output.os.replace", busy)
    with pytest.raises(ValueError) as raised:
        write_atomic(tmp_path / "report.json", "{}")
    assert str(raised.value) == f"Tidak dapat menulis {tmp_path / 'report.json'}: disk penuh."
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone


def test_write_atomic_refuses_to_overwrite_an_input(tmp_path, monkeypatch):
    source = tmp_path / "in" / "PKM03.xlsx"
    source.parent.mkdir()
    source.write_bytes(b"input")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="Tidak menimpa berkas masukan"):
        write_atomic(Path("in/../in/PKM03.xlsx"), "x", {Path("in/PKM03.xlsx")})
    (tmp_path / "link.xlsx").symlink_to(source)
    with pytest.raises(ValueError, match="Refusing to overwrite"):
        write_atomic(Path("link.xlsx"), "x", {source}, lang="en")
    assert source.read_bytes() == b"input"
    write_atomic(tmp_path / "out.xlsx", "x", {source})
    assert (tmp_path / "out.xlsx").read_text() == "x"


@pytest.mark.parametrize(("lang", "place"), [("id", "Baris 12"), ("en", "Row 12")])
def test_table_names_the_row_of_a_finding_without_a_column(lang, place):
    """A rules-file finding has a line but no column: the table still says where."""
    result = FileResult("rules/registri-blud.csv", [
        Finding("rules.registry-duplicate", "error", "registri-blud.csv", 12, None, "kode_blud 'RS01' ganda"),
    ])  # fmt: skip
    buffer = io.StringIO()
    print_table([result], Console(file=buffer, width=100, color_system=None), lang)
    assert place in buffer.getvalue()
