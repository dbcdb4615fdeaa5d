"""Write the example BLUD registry of the fictional Kabupaten Danau Permai, for `bludcli init`:

- registri-blud.xlsx: one sheet as a BPKAD keeps it, a title row above the header
  "No | Kode BLUD | Nama BLUD | Jenis | Ambang Batas (%) | Aktif Sejak", months as date cells;
- registri-blud.csv: the same sheet as Excel saves it in an Indonesian locale: ';' separated,
  decimal comma, UTF-8 with BOM ("CSV UTF-8").

    python examples/registri-kabupaten-contoh/generate.py [FOLDER]   (default: beside this script)
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

DAERAH = "Kabupaten Danau Permai"
SHEET = "Registri BLUD"
TITLE = f"REGISTRI BLUD KESEHATAN {DAERAH.upper()}"
HEADER = ("No", "Kode BLUD", "Nama BLUD", "Jenis", "Ambang Batas (%)", "Aktif Sejak")
# kode, nama, jenis, ambang batas (%), aktif sejak (year, month)
BLUDS = (
    ("RSUD01", "RSUD Danau Permai", "RSUD", 10, (2020, 1)),
    ("RSUD02", "RSUD Pratama Tanjung Batu", "RSUD", 7.5, (2023, 7)),
    ("RSUD03", "RSUD Pratama Teluk Damai", "RSUD", 5, (2025, 1)),
    ("PKM01", "Puskesmas Danau Permai", "Puskesmas", 5, (2021, 1)),
    ("PKM02", "Puskesmas Tanjung Batu", "Puskesmas", 5, (2021, 1)),
    ("PKM03", "Puskesmas Lubuk Sari", "Puskesmas", 5, (2021, 1)),
    ("PKM04", "Puskesmas Sungai Jernih", "Puskesmas", 5, (2021, 1)),
    ("PKM05", "Puskesmas Muara Indah", "Puskesmas", 5, (2021, 1)),
    ("PKM06", "Puskesmas Bukit Raya", "Puskesmas", 5, (2021, 7)),
    ("PKM07", "Puskesmas Teluk Damai", "Puskesmas", 5, (2021, 7)),
    ("PKM08", "Puskesmas Pasir Putih", "Puskesmas", 5, (2021, 7)),
    ("PKM09", "Puskesmas Padang Lestari", "Puskesmas", 5, (2022, 1)),
    ("PKM10", "Puskesmas Suka Makmur", "Puskesmas", 5, (2022, 1)),
    ("PKM11", "Puskesmas Talang Baru", "Puskesmas", 5, (2022, 1)),
    ("PKM12", "Puskesmas Rantau Jaya", "Puskesmas", 5, (2022, 1)),
    ("PKM13", "Puskesmas Simpang Tiga", "Puskesmas", 5, (2022, 7)),
    ("PKM14", "Puskesmas Kota Baru", "Puskesmas", 5, (2022, 7)),
    ("PKM15", "Puskesmas Air Hitam", "Puskesmas", 5, (2023, 1)),
    ("PKM16", "Puskesmas Sei Kuning", "Puskesmas", 5, (2023, 1)),
    ("PKM17", "Puskesmas Pulau Mas", "Puskesmas", 5, (2023, 1)),
    ("PKM18", "Puskesmas Batu Ampar", "Puskesmas", 5, (2023, 7)),
    ("PKM19", "Puskesmas Karang Anyar", "Puskesmas", 5, (2023, 7)),
    ("PKM20", "Puskesmas Sido Mulyo", "Puskesmas", 5, (2024, 1)),
    ("PKM21", "Puskesmas Mekar Sari", "Puskesmas", 5, (2024, 1)),
    ("PKM22", "Puskesmas Tanah Merah", "Puskesmas", 5, (2024, 1)),
    ("PKM23", "Puskesmas Sri Menanti", "Puskesmas", 5, (2024, 7)),
    ("PKM24", "Puskesmas Lubuk Tanjung", "Puskesmas", 5, (2025, 1)),
    ("PKM25", "Puskesmas Ujung Batu", "Puskesmas", 2.5, (2025, 1)),
    ("PKM26", "Puskesmas Seberang Danau", "Puskesmas", 5, (2026, 7)),
    ("LKD01", "UPTD Laboratorium Kesehatan Daerah Danau Permai", "Labkesda", 5, (2025, 7)),
)


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append(HEADER)
    line = Side(style="thin")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        cell.border = Border(top=line, bottom=line, left=line, right=line)
    for number, (kode, nama, jenis, ambang, (year, month)) in enumerate(BLUDS, 1):
        sheet.append([number, kode, nama, jenis, ambang, date(year, month, 1)])
        sheet.cell(sheet.max_row, 5).number_format = "0.0#"
        sheet.cell(sheet.max_row, 6).number_format = "yyyy-mm"
    for letter, width in zip("ABCDEF", (5, 11, 48, 11, 10, 11)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    book.save(path)


def csv_text() -> str:
    """The sheet as Excel saves it as CSV in an Indonesian locale."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([TITLE] + [""] * (len(HEADER) - 1))
    writer.writerow([""] * len(HEADER))
    writer.writerow(HEADER)
    for number, (kode, nama, jenis, ambang, (year, month)) in enumerate(BLUDS, 1):
        writer.writerow([number, kode, nama, jenis, f"{ambang:g}".replace(".", ","), f"{year:04d}-{month:02d}"])
    return buffer.getvalue()


def main(folder: Path) -> None:
    write_xlsx(folder / "registri-blud.xlsx")
    (folder / "registri-blud.csv").write_bytes(csv_text().encode("utf-8-sig"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
