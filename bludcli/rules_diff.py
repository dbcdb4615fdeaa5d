"""`bludcli rules diff`: what changed between two rules folders, as Markdown for a pull request.

Both folders are read leniently (bludcli.rules_check.read_folder), so a diff is possible even
while `rules check` still reports problems. A file that cannot be read on either side is not
compared (a broken file is not a removal of all it held): its section says so, naming it, and
`diff_rules` returns it for the command to exit 2. Every list is sorted, so the same two folders
always give the same text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bludcli.config import JENIS, LANGS, WAIVERS_FILE
from bludcli.rules_check import (
    SCHEMA_NAMES, SETTINGS, SETTINGS_FILE, TEMPLATE_FILE, RulesFolder, chart_names, read_folder, template_lists,
)
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
    "unreadable": ("{files} tidak terbaca di folder {side}; jalankan `bludcli rules check`",
                   "{files} unreadable in the {side} folder; run `bludcli rules check`"),
    "old": ("lama", "old"),
    "new": ("baru", "new"),
}


def diff_rules(old_root: Path, new_root: Path, lang: str = "id") -> tuple[str, list[Path]]:
    """Markdown listing every change from the rules folder `old_root` to `new_root`, and the
    files of either folder that could not be read (so were not compared)."""
    old, new = read_folder(Path(old_root), lang), read_folder(Path(new_root), lang)
    unreadable = [folder.root / name for folder in (old, new) for name in folder.unreadable]
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
        return "\n".join(lines + [text("none")]) + "\n", unreadable
    for key, items in sections:
        if items:
            lines += [f"### {text(key)}", "", *(f"- {item}" for item in dict.fromkeys(items)), ""]
    return "\n".join(lines), unreadable


class _Texts:
    def __init__(self, lang: str):
        self.index = 1 if lang == "en" else 0

    def __call__(self, key: str, **params) -> str:
        return _TEXT[key][self.index].format(**params)


def _unreadable(old: RulesFolder, new: RulesFolder, files, text: _Texts) -> list[str]:
    """A note for each side that could not read one of `files(folder)`, the files a piece is read
    from (the settings first when they name them), naming those files; [] when both sides read
    every one, and the piece can be compared."""
    notes = []
    for side, folder in (("old", old), ("new", new)):
        broken = [name for name in files(folder) if name in folder.unreadable]
        if broken:
            notes.append(text("unreadable", files=", ".join(f"`{name}`" for name in broken), side=text(side)))
    return notes


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
    if notes := _unreadable(old, new, lambda folder: [SETTINGS_FILE], text):
        return notes
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
    if notes := _unreadable(old, new, lambda folder: [SETTINGS_FILE, *chart_names(folder)], text):
        return notes
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
    if notes := _unreadable(old, new, lambda folder: [SETTINGS_FILE, folder.setting("katalog")], text):
        return notes
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
    if notes := _unreadable(old, new, lambda folder: [SETTINGS_FILE, folder.setting("registri")], text):
        return notes
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


_FIELD_SECTIONS = ("fields", "columns", "row_labels", "computed_rows")


def _fields_of(doc: dict) -> dict:
    """(section, field) -> (label, aliases, its other keys as _leaves) of one schema document."""
    fields = {}
    for section in _FIELD_SECTIONS:
        spec = doc.get(section)
        for key, item in (spec.items() if isinstance(spec, dict) else ()):
            if isinstance(item, dict):
                aliases = item.get("aliases")
                aliases = {str(a) for a in aliases} if isinstance(aliases, list) else set()
                rest = _leaves({k: v for k, v in item.items() if k not in ("label", "aliases")})
                fields[(section, str(key))] = (item.get("label"), aliases, rest)
    return fields


def _leaves(value, path: str = "") -> dict[str, object]:
    """A YAML value as dotted path -> leaf (a list is one leaf): every key of a schema besides its
    fields (header_keys, required, rules, pandera checks and their parameters …) can change a
    verdict, so each is compared."""
    if not isinstance(value, dict) or not value:
        return {path: value}
    leaves = {}
    for key, item in value.items():
        leaves |= _leaves(item, f"{path}.{key}" if path else str(key))
    return leaves


def _changed_leaves(before: dict, after: dict, where: str, text: _Texts) -> list[str]:
    return [f"`{where}.{key}`: {_change(before.get(key), after.get(key), text)}"
            for key in sorted(before.keys() | after.keys()) if before.get(key) != after.get(key)]


def _schemas(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    items = []
    for schema in SCHEMA_NAMES:
        if notes := _unreadable(old, new, lambda folder: [SETTINGS_FILE, f"{folder.setting('skema')}/{schema}.yaml"],
                                text):
            items += notes
            continue
        docs = [folder.schemas.get(schema) or {} for folder in (old, new)]
        before, after = (_fields_of(doc) for doc in docs)
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
            items += _changed_leaves(before[key][2], after[key][2], f"{schema}.{key[0]}.{key[1]}", text)
        rest = [_leaves({k: v for k, v in doc.items() if k not in _FIELD_SECTIONS}) for doc in docs]
        items += _changed_leaves(*rest, schema, text)
    return items


def _template_of(folder: RulesFolder) -> dict[str, set[str]]:
    lists = template_lists(folder.template) or {}
    return {str(jenis): {str(code) for code in codes} for jenis, codes in lists.items() if isinstance(codes, list)}


def _template(old: RulesFolder, new: RulesFolder, text: _Texts) -> list[str]:
    if notes := _unreadable(old, new, lambda folder: [TEMPLATE_FILE], text):
        return notes
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
    if notes := _unreadable(old, new, lambda folder: [WAIVERS_FILE], text):
        return notes

    def describe(key, _):
        aturan, kode, dari, sampai, until, alasan = key
        return f"`{aturan}` — `{kode}` {dari} – {sampai}, {text('until')} {until}: {alasan}"

    return _added_removed(_waivers_of(old), _waivers_of(new), describe, text)
