"""Build the official blank workbook (template v1) from a district's rules folder."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook

from bludcli.config import JENIS, Blud, District
from bludcli.values import Code

from .accounts import leaf_codes, load_accounts, with_parents
from .bku import DEFAULT_ROWS, write_bku
from .identitas import title_lines, write_identitas
from .kapitasi import write_kapitasi
from .lra import write_lra
from .petunjuk import write_petunjuk

KAPITASI_JENIS = "Puskesmas"


class TemplateError(Exception):
    """A request the district cannot serve: `key` is 'unknown_kode', 'unknown_jenis' or
    'jenis_mismatch' (a jenis other than the registry's for the BLUD named)."""

    def __init__(self, key: str, value: str, choices: list[str]):
        super().__init__(f"{key}: {value}")
        self.key, self.value, self.choices = key, value, choices


@dataclass
class Template:
    """A built template and where its cells are (for filling it in, or for tests)."""

    workbook: Workbook
    jenis: str | None
    leaves: tuple[Code, ...]
    identitas: dict  # field key -> value cell
    lra: dict  # (code or computed key, field) -> cell
    bku: dict  # 'opening' | 'first' | 'last' | 'jumlah' -> row
    kapitasi: dict | None  # (row key, column) -> cell

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def resolve(district: District, jenis: str | None, kode: str | None) -> tuple[str | None, Blud | None]:
    """The jenis the template is for and the BLUD it is prefilled for; TemplateError when unknown."""
    blud = None
    if kode is not None:
        blud = district.registry.get(kode.strip().upper())
        if blud is None:
            raise TemplateError("unknown_kode", kode, [b.kode for b in district.registry.values()])
    if jenis is not None:
        match = next((j for j in JENIS if j.lower() == jenis.strip().lower()), None)
        if match is None:
            raise TemplateError("unknown_jenis", jenis, list(JENIS))
        if blud is not None and match != blud.jenis:  # a Puskesmas identity on an RSUD-shaped workbook
            raise TemplateError("jenis_mismatch", jenis, [blud.jenis])
        return match, blud
    return (blud.jenis if blud else None), blud


def prefill(district: District, blud: Blud | None, tahun: int | None, bulan: int | None) -> dict:
    """Identitas values known before the BLUD fills the template in."""
    values: dict[str, object] = {"revisi": 0, "tahun": tahun, "bulan": bulan}
    if blud is not None:
        values.update(kode_blud=blud.kode, nama_blud=blud.nama, jenis_blud=blud.jenis,
                      pemda=district.daerah)
    return {key: value for key, value in values.items() if value is not None}


def build_template(district: District, jenis: str | None = None, kode: str | None = None,
                   tahun: int | None = None, bulan: int | None = None,
                   bku_rows: int = DEFAULT_ROWS) -> Template:
    """The template for one jenis (None: every jenis), prefilled for BLUD `kode` when given."""
    jenis, blud = resolve(district, jenis, kode)
    leaves = leaf_codes(load_accounts(district), jenis)
    if not leaves:
        raise TemplateError("unknown_jenis", str(jenis), [])
    names = ["Identitas", "LRA", "BKU"] + (["Kapitasi"] if jenis in (None, KAPITASI_JENIS) else [])
    workbook = Workbook()
    sheets = {name: workbook.create_sheet(name) for name in names + ["Petunjuk"]}
    workbook.remove(workbook.worksheets[0])
    identitas = write_identitas(sheets["Identitas"], district, prefill(district, blud, tahun, bulan))
    code_list = write_petunjuk(sheets["Petunjuk"], district, names, leaves)
    lra = write_lra(sheets["LRA"], district, with_parents(leaves, district),
                    title_lines(identitas, "LAPORAN REALISASI ANGGARAN"))
    bku = write_bku(sheets["BKU"], district, title_lines(identitas, "BUKU KAS UMUM"), code_list, bku_rows)
    kapitasi = None
    if "Kapitasi" in sheets:
        kapitasi = write_kapitasi(sheets["Kapitasi"], district,
                                  title_lines(identitas, "LAPORAN DANA KAPITASI JKN"))
    workbook.calculation.fullCalcOnLoad = True  # no cached values yet: calculate when opened
    return Template(workbook, jenis, leaves, identitas, lra, bku, kapitasi)
