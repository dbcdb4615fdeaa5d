"""Sheet Identitas (contract section 3): who sends the report, for which period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from bludcli.checks.base import CellReader
from bludcli.config import JENIS, Blud, label_key
from bludcli.values import check_nip, parse_month, parse_revision, parse_text, parse_year


@dataclass(slots=True, repr=False, eq=False)
class Identity:
    kode: str | None = None
    blud: Blud | None = None
    jenis: str | None = None
    tahun: int | None = None
    bulan: int | None = None
    revisi: int | None = None
    tanggal: date | None = None  # Tanggal Laporan
    versi_template: str | None = None
    period_cells: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # "tahun", "bulan" -> cell


def read_identitas(reader: CellReader) -> Identity:
    sink = reader.sink
    district = sink.district
    schema = district.schemas["identitas"]
    sheet = reader.sheet
    where = _find_labels(reader, schema.fields)
    ident = Identity()

    def value(key: str):
        """(row, col, raw value) of a present, non-empty field, else None (reporting a required one)."""
        if key in where:
            row, col = where[key]
            raw = reader.raw(row, col)
            if raw is None:  # a formula without value or an error value: already reported
                return None
            if parse_text(raw) != "":
                return row, col, raw
        else:
            row = col = None
        wanted = schema.fields[key]
        if wanted.required:
            sink.add("identitas.required", sheet.name, row, col, label=wanted.label)
        return None

    if found := value("kode_blud"):
        row, col, raw = found
        ident.kode = parse_text(raw)
        ident.blud = district.registry.get(ident.kode.upper())
        if ident.blud is None:
            sink.add("identitas.kode-unknown", sheet.name, row, col, value=ident.kode, daerah=district.daerah)

    if (found := value("nama_blud")) and ident.blud and label_key(found[2]) != label_key(ident.blud.nama):
        sink.add("identitas.nama-mismatch", sheet.name, found[0], found[1],
                 value=parse_text(found[2]), expected=ident.blud.nama)

    if found := value("jenis_blud"):
        row, col, raw = found
        typed = next((j for j in JENIS if j.casefold() == parse_text(raw).casefold()), None)
        if typed is None:
            sink.add("identitas.jenis-invalid", sheet.name, row, col, value=parse_text(raw))
        elif ident.blud and typed != ident.blud.jenis:
            sink.add("identitas.jenis-mismatch", sheet.name, row, col, value=typed, expected=ident.blud.jenis)
        ident.jenis = typed
    if ident.blud:
        ident.jenis = ident.blud.jenis

    value("pemda")

    if found := value("tahun"):
        ident.period_cells["tahun"] = (sheet.name, found[0], found[1])
        ident.tahun = parse_year(found[2])
        if ident.tahun is None:
            sink.add("identitas.tahun-invalid", sheet.name, found[0], found[1], value=parse_text(found[2]))

    if found := value("bulan"):
        ident.period_cells["bulan"] = (sheet.name, found[0], found[1])
        ident.bulan = parse_month(found[2])
        if ident.bulan is None:
            sink.add("identitas.bulan-invalid", sheet.name, found[0], found[1], value=parse_text(found[2]))

    if found := value("tanggal_laporan"):
        row, col, _ = found
        reported = ident.tanggal = reader.date(row, col)
        if reported and ident.tahun and ident.bulan:
            month_end = date(ident.tahun, ident.bulan, calendar.monthrange(ident.tahun, ident.bulan)[1])
            if reported < month_end:
                sink.add("identitas.tanggal-early", sheet.name, row, col,
                         value=reported.isoformat(), expected=f">= {month_end.isoformat()}")

    if found := value("versi_template"):
        ident.versi_template = parse_text(found[2])
        if _version_key(ident.versi_template) != _version_key(district.template_version):
            sink.add("identitas.template-version", sheet.name, found[0], found[1], value=ident.versi_template,
                     expected=district.template_version)

    found = value("revisi")
    ident.revisi = parse_revision(found[2]) if found else 0
    if ident.revisi is None:
        sink.add("identitas.revisi-invalid", sheet.name, found[0], found[1], value=parse_text(found[2]))

    for name_key, nip_key in (("nama_pemimpin", "nip_pemimpin"), ("nama_keuangan", "nip_keuangan")):
        value(name_key)
        if found := value(nip_key):
            _check_nip(reader, found, schema.fields[nip_key].label)

    if ident.blud and ident.tahun and ident.bulan and ident.blud.aktif_sejak > (ident.tahun, ident.bulan):
        row, col = where["kode_blud"]
        year, month = ident.blud.aktif_sejak
        sink.add("identitas.not-active", sheet.name, row, col, value=ident.kode,
                 kode=ident.blud.kode, aktif_sejak=f"{year}-{month:02d}")
    return ident


def _check_nip(reader: CellReader, found, label: str) -> None:
    row, col, raw = found
    result = check_nip(raw)
    if result.reason == "number":
        reader.sink.add("identitas.nip-as-number", reader.name, row, col, value=parse_text(raw), label=label)
    elif result.reason:
        reader.sink.add("identitas.nip-invalid", reader.name, row, col, value=parse_text(raw), label=label,
                        reason=reader.sink.text(f"nip.{result.reason}"))


def _find_labels(reader: CellReader, fields) -> dict[str, tuple[int, int]]:
    """Field key -> (Excel row, 0-based value column): the label is the row's first filled cell."""
    sheet = reader.sheet
    by_key = {k: name for name, field in fields.items() for k in field.keys}
    where: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(sheet.rows):
        c = next((i for i, v in enumerate(row) if v not in ("", None)), None)
        if c is None or not isinstance(row[c], str):
            continue
        name = by_key.get(label_key(row[c]))
        if name and name not in where:
            end = next((c1 for (r0, c0), (_, c1) in sheet.merged if r0 == r and c0 == c), c)
            if parse_text(sheet.value(r, end + 1)) == ":":  # "Kode BLUD | : | PKM03"
                end += 1
            where[name] = (r + 1, end + 1)
    return where


def _version_key(text: str) -> str:
    """'v1', 'V1', '1', 'Versi 1' name the same version."""
    return re.sub(r"^(versi|version|v)\s*", "", text.strip().casefold())
