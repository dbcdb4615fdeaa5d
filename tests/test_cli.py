"""The `bludcli validate` command line, in-process (typer.testing.CliRunner): exit codes,
output formats and the promises of contract §8 (template-v1.md).

With this Click version CliRunner keeps stdout and stderr apart: `result.stdout` is
stdout only, `result.stderr` is stderr only (`result.output` interleaves both).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

import bludcli
from bludcli.cli import app as app_module
from bludcli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RULES = ROOT / "rules"

# Samples with a known verdict (see samples/README.md).
VALID = SAMPLES / "PKM03_LRA_Maret_2026.xlsx"  # no findings at all
WARNINGS_ONLY = SAMPLES / "PKM Jambi Kecil MARET 2026 (1).xlsx"  # valid, 36 warnings
INVALID = SAMPLES / "PKM19_LRA_Maret_2026 (revisi).xlsx"  # 2 errors: sheet missing, formula
INVALID_WITH_WARNING = SAMPLES / "LAPORAN BLUD PKM TANGKIT BULAN MARET.xlsx"  # 2 errors, 1 warning

FILE_KEYS = ["path", "status", "kode_blud", "tahun", "bulan", "revisi", "errors", "warnings", "findings"]
FINDING_KEYS = ["rule", "severity", "sheet", "row", "column", "cell", "message", "value", "expected"]
STATUS_WORDS = {"id": ("VALID", "TIDAK VALID", "TIDAK TERBACA"), "en": ("VALID", "INVALID", "UNREADABLE")}


def run(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


def run_json(*args) -> tuple[int, dict]:
    result = run("validate", *args, "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout)


def sha256_tree(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_of(sample: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or sample.name)
    shutil.copyfile(sample, target)
    return target


# --- exit codes ---------------------------------------------------------------------------


def test_exit_0_for_a_valid_file():
    result = run("validate", VALID)
    assert result.exit_code == 0, result.output


def test_exit_1_when_an_error_reaches_the_default_fail_on():
    result = run("validate", INVALID)
    assert result.exit_code == 1, result.output


def test_exit_1_when_one_of_several_files_has_an_error():
    assert run("validate", VALID, INVALID).exit_code == 1


def test_warnings_only_pass_by_default_and_with_fail_on_error():
    assert run("validate", WARNINGS_ONLY).exit_code == 0
    assert run("validate", WARNINGS_ONLY, "--fail-on", "error").exit_code == 0


def test_fail_on_warning_fails_a_file_with_only_warnings():
    assert run("validate", WARNINGS_ONLY, "--fail-on", "warning").exit_code == 1


def test_fail_on_warning_passes_a_file_without_findings():
    assert run("validate", VALID, "--fail-on", "warning").exit_code == 0


def test_fail_on_never_passes_errors():
    result = run("validate", INVALID, INVALID_WITH_WARNING, WARNINGS_ONLY, "--fail-on", "never")
    assert result.exit_code == 0, result.output


def test_unknown_fail_on_value_is_a_usage_error():
    assert run("validate", VALID, "--fail-on", "sometimes").exit_code == 2


def test_exit_2_for_a_missing_path(tmp_path):
    missing = tmp_path / "tidak-ada.xlsx"
    result = run("validate", missing, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "tidak-ada.xlsx" in result.stderr


def test_exit_2_for_a_missing_path_among_existing_ones(tmp_path):
    result = run("validate", VALID, tmp_path / "tidak-ada.xlsx", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_exit_2_for_an_unknown_format():
    result = run("validate", VALID, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--format" in result.stderr


def test_exit_2_for_xlsx_without_output():
    result = run("validate", VALID, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--output" in result.stderr


def test_exit_2_for_a_folder_without_workbooks(tmp_path):
    (tmp_path / "catatan.txt").write_text("bukan laporan\n")
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "sub").mkdir()
    result = run("validate", tmp_path, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip()


def test_exit_2_for_an_empty_folder(tmp_path):
    assert run("validate", tmp_path).exit_code == 2


def _broken_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "pengaturan.yaml").write_text("daerah: [tidak ditutup\n  : : :\n", encoding="utf-8")
    return rules


def test_exit_2_for_a_broken_rules_folder(tmp_path):
    result = run("validate", VALID, "--rules", _broken_rules(tmp_path), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pengaturan.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_exit_2_for_a_rules_folder_that_does_not_exist(tmp_path):
    result = run("validate", VALID, "--rules", tmp_path / "tidak-ada")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_exit_2_for_a_rules_path_that_is_a_file():
    result = run("validate", VALID, "--rules", RULES / "pengaturan.yaml")
    assert result.exit_code == 2


def test_a_copy_of_the_default_rules_folder_works(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    assert run("validate", VALID, "--rules", rules).exit_code == 0


# --- json -----------------------------------------------------------------------------------


def test_json_is_exactly_the_contract_shape():
    result = run("validate", VALID, INVALID_WITH_WARNING, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # nothing but the document on stdout
    assert list(document) == ["files"]
    assert len(document["files"]) == 2
    for record in document["files"]:
        assert list(record) == FILE_KEYS
        assert record["status"] in ("valid", "invalid", "unreadable")
        assert isinstance(record["tahun"], int) and isinstance(record["bulan"], int)
        assert isinstance(record["revisi"], int)
        assert record["errors"] == sum(f["severity"] == "error" for f in record["findings"])
        assert record["warnings"] == sum(f["severity"] == "warning" for f in record["findings"])
        for finding in record["findings"]:
            assert list(finding) == FINDING_KEYS
            assert re.fullmatch(r"[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+", finding["rule"]), finding["rule"]
            assert finding["severity"] in ("error", "warning")
            assert isinstance(finding["message"], str) and finding["message"]
            if finding["row"] is None:
                assert finding["column"] is None and finding["cell"] is None
            else:
                assert isinstance(finding["row"], int) and finding["row"] >= 1
                assert re.fullmatch(r"[A-Z]{1,3}", finding["column"])
                assert finding["cell"] == f"{finding['column']}{finding['row']}"
            for key in ("value", "expected"):
                assert finding[key] is None or isinstance(finding[key], str)
    valid, invalid = document["files"]
    assert valid["path"] == str(VALID)
    assert (valid["status"], valid["kode_blud"], valid["tahun"], valid["bulan"], valid["revisi"]) == (
        "valid", "PKM03", 2026, 3, 0)
    assert (valid["errors"], valid["warnings"], valid["findings"]) == (0, 0, [])
    assert (invalid["status"], invalid["kode_blud"], invalid["errors"], invalid["warnings"]) == (
        "invalid", "PKM12", 2, 1)
    cells = {(f["rule"], f["severity"], f["sheet"], f["cell"]) for f in invalid["findings"]}
    assert cells == {
        ("identitas.nip-as-number", "error", "Identitas", "B11"),
        ("identitas.jenis-mismatch", "error", "Identitas", "B8"),
        ("identitas.tanggal-early", "warning", "Identitas", "B4"),
    }


def test_json_finding_for_a_missing_sheet_has_no_row_or_column():
    _, document = run_json(INVALID)
    (record,) = document["files"]
    missing = [f for f in record["findings"] if f["rule"] == "file.sheet-missing"]
    assert len(missing) == 1
    assert missing[0]["sheet"] == "Kapitasi"
    assert (missing[0]["row"], missing[0]["column"], missing[0]["cell"]) == (None, None, None)


def test_json_output_file_leaves_stdout_empty(tmp_path):
    target = tmp_path / "hasil.json"
    result = run("validate", VALID, INVALID, "--format", "json", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    _, printed = run_json(VALID, INVALID)
    assert written == printed


def test_output_replaces_an_existing_report_file(tmp_path):
    target = tmp_path / "hasil.json"
    target.write_text("lama", encoding="utf-8")
    assert run("validate", VALID, "--format", "json", "--output", target).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["status"] == "valid"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.json"]  # no temporary left


# --- csv and xlsx -----------------------------------------------------------------------------


def test_csv_parses_and_carries_the_same_records_as_json():
    result = run("validate", VALID, INVALID_WITH_WARNING, "--format", "csv")
    assert result.exit_code == 1
    text = result.stdout_bytes.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, text
    header = next(csv.reader(io.StringIO(text)))
    for column in FILE_KEYS[:6] + [k for k in FINDING_KEYS]:
        assert column in header
    _, document = run_json(VALID, INVALID_WITH_WARNING)
    expected = []
    for record in document["files"]:
        for finding in record["findings"] or [None]:
            expected.append((record["path"], record["status"], record["kode_blud"],
                             finding and finding["rule"], finding and finding["severity"],
                             finding and finding["cell"], finding and finding["message"]))
    got = [(r["path"], r["status"], r["kode_blud"], r["rule"] or None, r["severity"] or None,
            r["cell"] or None, r["message"] or None) for r in rows]
    assert got == expected


def test_csv_output_file(tmp_path):
    target = tmp_path / "hasil.csv"
    result = run("validate", INVALID, "--format", "csv", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["rule"] for r in rows} == {"file.sheet-missing", "cell.formula-no-value"}


def test_xlsx_output_opens_with_openpyxl(tmp_path):
    target = tmp_path / "hasil.xlsx"
    result = run("validate", VALID, INVALID, INVALID_WITH_WARNING, "--format", "xlsx", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    workbook = load_workbook(target)
    findings_sheet, summary_sheet = workbook.worksheets[:2]
    assert findings_sheet.max_row == 1 + 2 + 3  # header + the findings of both invalid files
    assert summary_sheet.max_row == 1 + 3  # header + one row per file
    texts = {str(c.value) for row in findings_sheet.iter_rows() for c in row if c.value is not None}
    assert {"file.sheet-missing", "cell.formula-no-value", "identitas.nip-as-number"} <= texts
    assert "B11" in texts


# --- output never over an input -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "table"])
def test_output_is_never_written_over_an_input_file(tmp_path, fmt):
    source = copy_of(INVALID, tmp_path)
    before = source.read_bytes()
    result = run("validate", source, "--format", fmt, "--output", source)
    assert result.exit_code == 2
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_output_over_an_input_found_in_a_folder_is_refused(tmp_path):
    source = copy_of(VALID, tmp_path / "masuk" / "sub")
    before = source.read_bytes()
    result = run("validate", tmp_path / "masuk", "--format", "json", "--output", source)
    assert result.exit_code == 2
    assert source.read_bytes() == before


def test_output_over_an_input_named_another_way_is_refused(tmp_path, monkeypatch):
    source = copy_of(VALID, tmp_path)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = run("validate", source, "--format", "csv", "--output", Path(".") / "sub" / ".." / source.name)
    assert result.exit_code == 2
    assert source.read_bytes() == before


# --- language ---------------------------------------------------------------------------------------


def test_messages_are_indonesian_by_default_and_english_with_lang_en():
    _, default = run_json(INVALID)
    _, indonesian = run_json(INVALID, "--lang", "id")
    _, english = run_json(INVALID, "--lang", "en")
    assert default == indonesian
    messages_id = {f["rule"]: f["message"] for f in default["files"][0]["findings"]}
    messages_en = {f["rule"]: f["message"] for f in english["files"][0]["findings"]}
    assert messages_id["file.sheet-missing"] == "Sheet wajib 'Kapitasi' tidak ada"
    assert messages_en["file.sheet-missing"] == "Required sheet 'Kapitasi' is missing"
    assert messages_id.keys() == messages_en.keys()
    for rule, message in messages_id.items():
        assert message != messages_en[rule]
    # the records themselves do not change with the language
    def without_messages(doc):
        return [{k: v for k, v in f.items() if k != "message"} for f in doc["files"][0]["findings"]]

    assert without_messages(default) == without_messages(english)


def test_table_verdict_in_the_chosen_language():
    indonesian = run("validate", INVALID)
    english = run("validate", INVALID, "--lang", "en")
    assert indonesian.stdout.startswith("TIDAK VALID")
    assert english.stdout.startswith("INVALID")
    assert "TIDAK VALID" not in english.stdout
    assert "Required sheet 'Kapitasi' is missing" in " ".join(english.stdout.split())
    assert "Sheet wajib 'Kapitasi' tidak ada" in " ".join(indonesian.stdout.split())


def test_unknown_language_is_a_usage_error():
    assert run("validate", VALID, "--lang", "fr").exit_code == 2


# --- folders --------------------------------------------------------------------------------------


def test_a_folder_is_read_recursively(tmp_path):
    top = copy_of(VALID, tmp_path / "masuk")
    deep = copy_of(INVALID, tmp_path / "masuk" / "susulan" / "april" / "revisi")
    (tmp_path / "masuk" / "catatan.txt").write_text("x")
    code, document = run_json(tmp_path / "masuk")
    assert code == 1
    assert sorted(r["path"] for r in document["files"]) == sorted([str(top), str(deep)])


def test_samples_folder_includes_its_susulan_subfolder(monkeypatch):
    monkeypatch.chdir(ROOT)
    _, document = run_json("samples/susulan")
    assert [r["path"] for r in document["files"]] == ["samples/susulan/PKM22 Olak Kemang Maret 2026.xlsx"]
    _, document = run_json("samples")
    paths = [r["path"] for r in document["files"]]
    assert "samples/susulan/PKM22 Olak Kemang Maret 2026.xlsx" in paths
    assert len(paths) == 25


# --- the program as installed -----------------------------------------------------------------------


def test_python_m_bludcli_help():
    result = subprocess.run([sys.executable, "-m", "bludcli", "--help"], check=False, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "validate" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_command_starts_without_the_modules_of_the_others(tmp_path):
    script = ("import sys\n"
              "from bludcli.cli.app import main\n"
              "sys.argv = ['bludcli', 'validate', sys.argv[1], '--format', 'json', '--jobs', '1']\n"
              "try:\n"
              "    main()\n"
              "except SystemExit as stop:\n"
              "    print(stop.code, *sorted(m for m in sys.modules if m.startswith('bludcli.cli.') or m == 'sqlite3'))\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["2", "bludcli.cli.app", "bludcli.cli.helptext", "bludcli.cli.options",
                                     "bludcli.cli.progress", "bludcli.cli.usage", "bludcli.cli.validate"], result.stderr


@pytest.mark.parametrize("name", [*app_module.COMMANDS, *app_module.GROUPS])
def test_a_command_built_alone_is_the_command_of_the_whole_app(name):
    alone = CliRunner().invoke(app_module.build(name), [name, "--help"])
    assert alone.exit_code == 0
    assert alone.stdout == run(name, "--help").stdout


@pytest.mark.parametrize(("args", "error"), [
    (["validate", "--foo"], "Kesalahan: Opsi tidak dikenal: --foo (mungkin maksudnya: --format)"),
    (["validate"], "Kesalahan: Argumen 'PATH...' wajib diisi."),
    (["validate", "x", "--jobs", "0"], "Kesalahan: Nilai '--jobs' / '-j' tidak sah: 0 di luar rentang x>=1."),
    (["validate", "x", "--format", "xml"],
     "Kesalahan: Nilai '--format' / '-f' tidak sah: 'xml' bukan salah satu dari 'table', 'json', 'csv', 'xlsx'."),
    (["status", "--tahun", "x", "--bulan", "3"], "Kesalahan: Nilai '--tahun' tidak sah: 'x' bukan bilangan bulat."),
    (["status", "--bulan", "3"], "Kesalahan: Opsi '--tahun' wajib diisi."),
    (["explain", "lra.cumulative", "bku.balance"], "Kesalahan: Argumen berlebih: bku.balance"),
    (["validat"], "Kesalahan: Perintah tidak dikenal: 'validat'. (mungkin maksudnya: 'validate')"),
    (["frobnicate"], "Kesalahan: Perintah tidak dikenal: 'frobnicate'."),
    (["validate", "x", "--lang"], "Kesalahan: Opsi '--lang' perlu diberi nilai."),
    (["validate", "x", "--lang=en", "--format", "xml"],
     "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'xlsx'."),
])
def test_usage_errors_are_in_the_users_language(args, error, monkeypatch, capsys):
    """The option parser's errors, which it words in English only, in Indonesian unless --lang en
    is given: with the usage line and where to find help, exit 2."""
    monkeypatch.setattr(sys, "argv", ["bludcli", *args])
    with pytest.raises(SystemExit) as stop:
        app_module.main()
    assert stop.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == error
    if len(lines) > 1:  # the usage first (not when the parser fails before it knows the command)
        english = error.startswith("Error: ")
        assert lines[0].startswith("Usage: bludcli " if english else "Penggunaan: bludcli ")
        assert lines[1].startswith("Try 'bludcli " if english else "Coba 'bludcli ")


def _main(args: list[str], monkeypatch, capsys) -> tuple[int, str]:
    """main() as the installed `bludcli` runs it: its exit code and its output, stdout then stderr."""
    monkeypatch.setattr(sys, "argv", ["bludcli", *args])
    with pytest.raises(SystemExit) as stop:
        app_module.main()
    out = capsys.readouterr()
    return stop.value.code, out.out + out.err


@pytest.mark.parametrize("args", [["validate", "--help"], ["validate", "--help", "--lang", "en"]])
def test_help_is_in_the_users_language(args, monkeypatch, capsys):
    """Command help in Indonesian by default, as every message is, and in English with --lang en:
    the command's and its options' help, and the parts typer adds (usage line, headings, the
    default, required, the --help option)."""
    code, help_text = _main(args, monkeypatch, capsys)
    assert code == 0
    flat = " ".join(help_text.split())  # the help is wrapped to the terminal
    english = "en" in args
    expected = (["Usage: bludcli validate [OPTIONS]", "Arguments:", "Options:", "Report format. [default: table]",
                 "[required]", "Show this message and exit.", "Check report workbooks: every problem at its cell"]
                if english else
                ["Penggunaan: bludcli validate [OPSI]", "Argumen:", "Opsi:", "Bentuk laporan. [bawaan: table]",
                 "[wajib]", "Tampilkan bantuan ini lalu selesai.", "Memeriksa laporan: setiap masalah pada selnya"])
    for text in expected:
        assert text in flat, text
    assert ("Bentuk laporan." in flat) is not english


def test_bare_groups_and_the_command_list_show_indonesian_help(monkeypatch, capsys):
    code, help_text = _main(["--help"], monkeypatch, capsys)
    assert code == 0
    assert "Perintah:" in help_text and "ledger       Buku penerimaan." in help_text
    code, help_text = _main(["ledger"], monkeypatch, capsys)  # a group run bare shows its help
    assert "Penggunaan: bludcli ledger [OPSI] PERINTAH [ARG]..." in help_text
    assert "Menulis seluruh buku penerimaan" in help_text


def test_bludcli_lang_sets_the_language_where_lang_is_not_given(monkeypatch, capsys):
    """$BLUDCLI_LANG: the language of every command, and of the help of the groups (which have
    no --lang); --lang still decides where it is given."""
    monkeypatch.setenv("BLUDCLI_LANG", "en")
    code, help_text = _main(["--help"], monkeypatch, capsys)
    assert code == 0 and help_text.startswith("Usage: bludcli [OPTIONS] COMMAND") and "Commands:" in help_text
    code, output = _main(["validate", str(SAMPLES / "susulan")], monkeypatch, capsys)
    assert code == 0 and "Files: 1 (1 valid, 0 invalid, 0 unreadable)" in output
    code, output = _main(["validate", str(SAMPLES / "susulan"), "--lang", "id"], monkeypatch, capsys)
    assert code == 0 and "1 berkas: 1 valid" in output
    code, output = _main(["validate", "x", "--jobs", "0"], monkeypatch, capsys)
    assert code == 2 and output.splitlines()[-1].startswith("Error: Invalid value for '--jobs'")


def test_every_help_text_has_its_indonesian_wording():
    """Each command's and option's help in the code has an entry in helptext.INDONESIAN, and each
    entry is the help of something: a new or reworded help fails here until it is translated."""
    from bludcli.cli.helptext import INDONESIAN

    written = set()

    def walk(command):
        written.update(text for text in [command.help, *(getattr(p, "help", None) for p in command.params)] if text)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app_module.build()))
    assert sorted(written - INDONESIAN.keys()) == []
    assert sorted(INDONESIAN.keys() - written) == []


def test_the_whole_app_for_help_unknown_commands_and_completion():
    names = [*app_module.COMMANDS, *app_module.GROUPS]
    assert all(name in run("--help").stdout for name in names)
    assert "No such command 'validat'" in run("validat").stderr
    script = "import sys\nfrom bludcli.cli.app import main\nsys.argv = ['bludcli', 'validate']\nmain()\n"
    result = subprocess.run([sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True,
                            timeout=60, env=os.environ | {"_BLUDCLI_COMPLETE": "complete_zsh",
                                                          "_TYPER_COMPLETE_ARGS": "bludcli "})
    assert all(f'"{name}"' in result.stdout for name in names), result.stderr


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"bludcli {bludcli.__version__}"


def test_validate_help():
    result = run("validate", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--fail-on", "--lang", "--rules"):
        assert option in result.stdout


# --- inputs untouched, table output -------------------------------------------------------------------


def test_inputs_are_never_modified(tmp_path, monkeypatch):
    before = sha256_tree(SAMPLES)
    monkeypatch.chdir(ROOT)
    assert run("validate", "samples").exit_code == 1
    assert run("validate", "samples", "--format", "json").exit_code == 1
    assert run("validate", "samples", "--format", "csv", "--output", tmp_path / "h.csv").exit_code == 1
    assert run("validate", "samples", "--format", "xlsx", "--output", tmp_path / "h.xlsx").exit_code == 1
    assert run("validate", *sorted(SAMPLES.glob("*.xls*")), "--lang", "en").exit_code == 1
    assert sha256_tree(SAMPLES) == before  # same files, same bytes, nothing added


def test_table_has_one_verdict_line_per_file_and_a_summary(monkeypatch):
    monkeypatch.chdir(ROOT)
    _, document = run_json("samples")
    result = run("validate", "samples")
    assert result.exit_code == 1
    verdicts = re.compile(r"^(VALID|TIDAK VALID|TIDAK TERBACA)  (\S.*)$")
    lines = [m for m in map(verdicts.match, result.stdout.splitlines()) if m]
    assert len(lines) == len(document["files"]) == 25
    words = dict(zip(("valid", "invalid", "unreadable"), STATUS_WORDS["id"]))
    for match, record in zip(lines, document["files"]):
        assert match[1] == words[record["status"]]
        assert match[2].startswith(record["path"] + "  " + record["kode_blud"])
    flat = " ".join(result.stdout.split())
    assert flat.endswith("25 berkas: 20 valid, 5 tidak valid, 0 tidak terbaca · 12 kesalahan, 38 peringatan")


def test_table_summary_in_english():
    result = run("validate", VALID, INVALID, "--lang", "en")
    flat = " ".join(result.stdout.split())
    assert flat.endswith("Files: 2 (1 valid, 1 invalid, 0 unreadable) · errors: 2, warnings: 0")


def test_table_output_file_is_plain_text(tmp_path):
    target = tmp_path / "hasil.txt"
    result = run("validate", VALID, INVALID, "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert text.startswith("VALID  " + str(VALID))
    assert "TIDAK VALID  " + str(INVALID) in text


# --- golden report of the samples ----------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden" / "samples.json"


def test_samples_report_matches_the_golden_file(monkeypatch):
    """`bludcli validate samples --format json`, run from the repo root, gives exactly
    tests/golden/samples.json.

    To regenerate after an intended change, from the repo root:

        python -m bludcli validate samples --format json --output tests/golden/samples.json

    then check the diff by hand (git diff tests/golden/samples.json) before committing it.
    """
    monkeypatch.chdir(ROOT)
    result = run("validate", "samples", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def _readme_expectations() -> tuple[dict[str, str], dict[str, list[tuple]]]:
    """From samples/README.md: path -> the Expected column of the file table, and
    path -> [(rule, severity, sheet, cell)] of the seeded-defects tables."""
    expected: dict[str, str] = {}
    seeded: dict[str, list[tuple]] = {}
    section = None
    for line in (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `([^`]+)`", line)
        if heading:
            section = "samples/" + heading[1]
            seeded[section] = []
            continue
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if section is None and cells[0].startswith("`"):
            expected["samples/" + cells[0].strip("`")] = cells[-1]
        elif section is not None and cells[0] != "Rule":
            rule, severity, sheet, cell = cells[:4]
            sheet = line.split("|")[3].strip()  # keep the spaces inside the backticks
            seeded[section].append((rule, severity, sheet[1:-1], None if cell == "—" else cell))
    return expected, seeded


def _golden() -> dict[str, dict]:
    return {record["path"]: record for record in json.loads(GOLDEN.read_text(encoding="utf-8"))["files"]}


def test_golden_verdicts_are_those_samples_readme_lists():
    expected, _ = _readme_expectations()
    golden = _golden()
    assert len(expected) == 25
    assert set(golden) == set(expected)
    invalid = {path for path, verdict in expected.items() if verdict.startswith("invalid")}
    assert len(invalid) == 5
    assert {path for path, record in golden.items() if record["status"] == "invalid"} == invalid
    assert {path for path, record in golden.items() if record["status"] == "valid"} == set(expected) - invalid
    for path, verdict in expected.items():
        errors = re.search(r"(\d+) errors?", verdict)
        warnings = re.search(r"(\d+) warnings?", verdict)
        assert golden[path]["errors"] == (int(errors[1]) if errors else 0), path
        assert golden[path]["warnings"] == (int(warnings[1]) if warnings else 0), path


def test_golden_findings_are_the_seeded_defects_samples_readme_lists():
    expected, seeded = _readme_expectations()
    golden = _golden()
    invalid = {path for path, verdict in expected.items() if verdict.startswith("invalid")}
    assert invalid <= set(seeded)
    assert len(seeded) == 6 and sum(map(len, seeded.values())) == 3 + 4 + 36 + 3 + 2 + 2

    def key(finding):
        return tuple("" if part is None else part for part in finding)

    for path, defects in seeded.items():
        findings = golden[path]["findings"]
        assert {f["rule"] for f in findings} == {d[0] for d in defects}, path
        got = sorted(((f["rule"], f["severity"], f["sheet"], f["cell"]) for f in findings), key=key)
        assert got == sorted(defects, key=key), path
    for path in set(golden) - set(seeded):
        assert golden[path]["findings"] == [], path


def test_previous_month_and_return_package(tmp_path):
    """--previous checks that March continues February (generated independently here, so the
    months disagree); --return writes the annotated copy and the receipt."""
    from bludcli.samplegen import Layout, make_report, write_xlsx

    february, march = tmp_path / "PKM03 Februari.xlsx", tmp_path / "PKM03 Maret.xlsx"
    write_xlsx(make_report("PKM03", 2026, 2), Layout(), february)
    cells = write_xlsx(make_report("PKM03", 2026, 3), Layout(), march)
    result = run("validate", str(march), "--previous", str(february), "--format", "json",
                 "--return", str(tmp_path / "kembali"))
    record = json.loads(result.stdout)  # nothing but the JSON on stdout
    rules = {f["rule"] for f in record["files"][0]["findings"]}
    assert {"lra.previous-sd", "bku.previous-balance", "kapitasi.previous-balance"} <= rules
    assert any(f["cell"] == cells.bku[(0, "saldo")] for f in record["files"][0]["findings"]
               if f["rule"] == "bku.previous-balance")
    returned = sorted(p.name for p in (tmp_path / "kembali").iterdir())
    assert returned == ["PKM03 Maret - tanda terima.html", "PKM03 Maret - temuan.xlsx"]
    skipped = run("validate", str(february), "--previous", str(february), "--format", "json")
    assert json.loads(skipped.stdout)["files"][0]["skipped"] == ["month-to-month"]
    broken = run("validate", str(march), "--previous", str(tmp_path / "tidak ada.xlsx"))
    assert broken.exit_code == 2


@pytest.mark.parametrize("lang, said", [("id", "Berkas untuk dikirim balik ditulis ke: "),
                                        ("en", "File to send back written to: ")])
def test_return_says_its_files_are_written_not_sent(tmp_path, lang, said):
    """--return only writes files: it says so, one line per file, and does not claim they were sent."""
    result = run("validate", VALID, "--return", tmp_path / "kembali", "--lang", lang, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "kembali").iterdir())
    assert len(written) == 2
    lines = [line for line in result.output.splitlines() if line.startswith(said)]
    assert sorted(lines) == [f"{said}{path}" for path in written]
    assert "Dikirim balik:" not in result.output and "Return file:" not in result.output


def test_xlsx_without_output_is_refused_before_any_file_is_checked(tmp_path, monkeypatch):
    import bludcli.validate

    monkeypatch.setattr(bludcli.validate, "validate_paths", lambda *a, **k: pytest.fail("files were checked"))
    result = CliRunner().invoke(app, ["validate", str(VALID), "--format", "xlsx", "--lang", "en"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_consolidate_without_files_or_ledger_says_what_is_missing():
    result = CliRunner().invoke(app, ["consolidate", "--tahun", "2026", "--bulan", "3", "--lang", "en"])
    assert result.exit_code == 2
    assert "Name the report files or folders to check" in result.output
