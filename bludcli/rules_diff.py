"""`bludcli rules diff`: what changed between two rules folders, as Markdown for a pull request.

Both folders are read leniently (bludcli.rules_check.read_folder): a piece that cannot be read
counts as empty, so a diff is possible even while `rules check` still reports problems.
Every list is sorted, so the same two folders always give the same text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bludcli.config import JENIS, LANGS
from bludcli.rules_check import SCHEMA_NAMES, SETTINGS, RulesFolder, read_folder, template_lists
from bludcli.values import parse_code

# key -> (Indonesian, English)
_TEXT = {
    "title": ("Perubahan folder aturan", "Changes to the rules folder"),
    "none": ("Tidak ada perubahan.", "No changes."),
    "settings": ("Pengaturan", "Settings"),
    "chart": ("Bagan akun", "Chart of accounts"),
    "rules": ("Aturan", "Rules"),
    "registry": ("Registri BLUD", "BLUD registry"),
    "schemas": ("Skema tabel", "Table schemas"),
    "template": ("Akun template", "Template accounts"),
    "waivers": ("Pengecualian", "Waivers"),
    "added": ("Ditambah", "Added"),
    "removed": ("Dihapus", "Removed"),
    "renamed": ("Diganti nama", "Renamed"),
    "changed": ("Diubah", "Changed"),
    "absent": ("(tidak ada)", "(absent)"),
    "severity": ("Tingkat", "Severity"),
    "message": ("Pesan", "Message"),
    "hint": ("Petunjuk", "Hint"),
    "why": ("Mengapa", "Why"),
    "example": ("Contoh", "Example"),
    "column": ("kolom", "column"),
    "alias": ("alias", "alias"),
    "label": ("label", "label"),
    "until": ("berlaku hingga", "valid until"),
    "unreadable": ("tidak terbaca di folder {side}; jalankan `bludcli rules check`",
                   "unreadable in the {side} folder; run `bludcli rules check`"),
    "old": ("lama", "old"),
    "new": ("baru", "new"),
}


def diff_rules(old_root: Path, new_root: Path, lang: str = "id") -> str:
    """Markdown listing every change from the rules folder `old_root` to `new_root`."""
    old, new = read_folder(Path(old_root), lang), read_folder(Path(new_root), lang)
    text = _Texts(lang)
    sections = [
        ("settings", _settings(old, new, text)),
        ("chart", _chart(old, new, text)),
        ("rules", _rules(old, new, text)),
        ("registry", _registry(old, new, text)),
        ("schemas", _schemas(old, new, text)),
        ("template", _template(old, new, text)),
        ("waivers", _waivers(old, new, text)),
    ]
    lines = [f"## {text('title')}", ""]
    if not any(items for _, items in sections):
        return "\n".join(lines + [text("none")]) + "\n"
    for key, items in sections:
        if items:
            lines += [f"### {text(key)}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


class _Texts:
    def __init__(self, lang: str):
        self.index = 1 if lang == "en" else 0

    def __call__(self, key: str, **params) -> str:
        return _TEXT[key][self.index].format(**params)


def _unreadable(old: RulesFolder, new: RulesFolder, readable, text: _Texts) -> list[str] | None:
    """A note when one side's piece could not be read (so that nothing is compared: a broken
    file is not a removal of all it held); None when both sides are readable."""
    sides = [text(side) for side, folder in (("old", old), ("new", new)) if not readable(folder)]
    return [text("unreadable", side=" & ".join(sides))] if sides else None


def _show(value) -> str:
    """A value as Markdown code; (absent) for a missing one."""
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, list):
        value = ", ".join(map(str, value))
    return "`" + str(value).replace("`", "'") + "`"


def _change(old, new, text: _Texts) -> str:
    return f"{text('absent') if old is None else _show(old)} → {text('absent') if new is None else _show(new)}"


def _added_removed(old: dict, new: dict, describe, text: _Texts) -> list[str]:
    """'Added: …' for keys only in `new`, 'Removed: …' for keys only in `old`, sorted by key."""
    added = [f"{text('added')}: {describe(key, new[key])}" for key in sorted(new.keys() - old.keys())]
    removed = [f"{text('removed')}: {describe(key, old[key])}" for key in sorted(old.keys() - new.keys())]
    return added + removed


def _settings(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    before, after = old.settings or {}, new.settings or {}
    keys = [k for k in SETTINGS if k in before or k in after]
    keys += sorted((before.keys() | after.keys()) - set(SETTINGS), key=str)
    return [f"`{key}`: {_change(before.get(key), after.get(key), text)}"
            for key in keys if before.get(key) != after.get(key)]


def _chart_of(folder: RulesFolder) -> dict:
    chart = {}
    for rows in folder.charts.values():
        for row in rows:
            code = parse_code(row.cells["kode"])
            if code is not None:
                chart.setdefault(code, (row.cells["kode"], row.cells["uraian"]))
    return chart


def _chart(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    if (note := _unreadable(old, new, lambda folder: folder.charts, text)) is not None:
        return note
    before, after = _chart_of(old), _chart_of(new)
    items = _added_removed(before, after, lambda _, entry: f"`{entry[0]}` — {entry[1]}", text)
    items += [f"{text('renamed')}: `{after[code][0]}` — {before[code][1]} → {after[code][1]}"
              for code in sorted(before.keys() & after.keys()) if before[code][1] != after[code][1]]
    return items


def _catalogue_of(folder: RulesFolder) -> dict:
    rules = {}
    for entry in folder.catalogue or []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            rules.setdefault(entry["id"], entry)
    return rules


def _rules(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    if (note := _unreadable(old, new, lambda folder: folder.catalogue is not None, text)) is not None:
        return note
    before, after = _catalogue_of(old), _catalogue_of(new)
    items = _added_removed(before, after, lambda rule, entry: f"`{rule}` ({entry.get('severity')})", text)
    for rule in sorted(before.keys() & after.keys()):
        if before[rule].get("severity") != after[rule].get("severity"):
            items.append(f"{text('severity')} `{rule}`: "
                         f"{_change(before[rule].get('severity'), after[rule].get('severity'), text)}")
        for part in ("message", "hint", "why", "example"):
            for language in LANGS:
                was, now = (_part(entry, part, language) for entry in (before[rule], after[rule]))
                if was != now:
                    items.append(f"{text(part)} `{rule}` ({language}): {_change(was, now, text)}")
    return items


def _part(entry: dict, part: str, language: str):
    texts = entry.get(part)
    return texts.get(language) if isinstance(texts, dict) else None


def _registry_of(folder: RulesFolder) -> dict:
    registry = {}
    for row in folder.registry or []:
        if row.cells["kode_blud"]:
            registry.setdefault(row.cells["kode_blud"].upper(), row.cells)
    return registry


def _registry(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    if (note := _unreadable(old, new, lambda folder: folder.registry is not None, text)) is not None:
        return note
    before, after = _registry_of(old), _registry_of(new)

    def describe(_, cells):
        return (f"`{cells['kode_blud']}` — {cells['nama']} ({cells['jenis']}, ambang_batas_persen "
                f"{cells['ambang_batas_persen']}, aktif_sejak {cells['aktif_sejak']})")

    items = _added_removed(before, after, describe, text)
    for kode in sorted(before.keys() & after.keys()):
        for column in ("nama", "jenis", "ambang_batas_persen", "aktif_sejak"):
            if before[kode][column] != after[kode][column]:
                items.append(f"`{after[kode]['kode_blud']}` {column}: "
                             f"{_change(before[kode][column], after[kode][column], text)}")
    return items


def _fields_of(folder: RulesFolder, schema: str) -> dict:
    """(section, field) -> (label, aliases) of one schema."""
    doc = folder.schemas.get(schema) or {}
    fields = {}
    for section in ("fields", "columns", "row_labels", "computed_rows"):
        spec = doc.get(section)
        for key, item in (spec.items() if isinstance(spec, dict) else ()):
            if isinstance(item, dict):
                aliases = item.get("aliases")
                aliases = {str(a) for a in aliases} if isinstance(aliases, list) else set()
                fields[(section, str(key))] = (item.get("label"), aliases)
    return fields


def _schemas(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    items = []
    for schema in SCHEMA_NAMES:
        before, after = _fields_of(old, schema), _fields_of(new, schema)
        items += _added_removed(
            before, after, lambda key, item: f"{text('column')} `{schema}.{key[0]}.{key[1]}` ({item[0]})", text)
        for key in sorted(before.keys() & after.keys()):
            where = f"`{schema}.{key[0]}.{key[1]}`"
            if before[key][0] != after[key][0]:
                items.append(f"{text('label')} {where}: {_change(before[key][0], after[key][0], text)}")
            items += [f"{text('added')}: {text('alias')} {where} {_show(a)}"
                      for a in sorted(after[key][1] - before[key][1])]
            items += [f"{text('removed')}: {text('alias')} {where} {_show(a)}"
                      for a in sorted(before[key][1] - after[key][1])]
    return items


def _template_of(folder: RulesFolder) -> dict[str, set[str]]:
    lists = template_lists(folder.template) or {}
    return {str(jenis): {str(code) for code in codes} for jenis, codes in lists.items() if isinstance(codes, list)}


def _template(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    before, after = _template_of(old), _template_of(new)
    kinds = [k for k in JENIS if k in before or k in after]
    kinds += sorted((before.keys() | after.keys()) - set(JENIS))
    items = []
    for jenis in kinds:
        was, now = before.get(jenis, set()), after.get(jenis, set())
        items += [f"{text('added')}: {jenis} `{code}`" for code in sorted(now - was, key=_code_order)]
        items += [f"{text('removed')}: {jenis} `{code}`" for code in sorted(was - now, key=_code_order)]
    return items


def _code_order(code: str):
    return parse_code(code) or (), code


def _waivers_of(folder: RulesFolder) -> dict:
    waivers = folder.waivers.get("pengecualian") if isinstance(folder.waivers, dict) else None
    found = {}
    for entry in waivers if isinstance(waivers, list) else []:
        if isinstance(entry, dict):
            key = tuple(str(entry.get(k, "")) for k in ("aturan", "kode_blud", "dari", "sampai",
                                                         "berlaku_hingga", "alasan"))
            found[key] = entry
    return found


def _waivers(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    def describe(key, _):
        aturan, kode, dari, sampai, until, alasan = key
        return f"`{aturan}` — `{kode}` {dari} – {sampai}, {text('until')} {until}: {alasan}"

    return _added_removed(_waivers_of(old), _waivers_of(new), describe, text)
