"""The accounts a BLUD of each jenis reports in the template (rules/template-akun.yaml)."""

from __future__ import annotations

from bludcli.config import JENIS, ConfigError, District, read_yaml
from bludcli.values import Code, parse_code

ACCOUNTS_FILE = "template-akun.yaml"


def load_accounts(district: District) -> dict[str, tuple[Code, ...]]:
    """Leaf codes per jenis, each one in the district's chart of accounts."""
    path = district.root / ACCOUNTS_FILE
    section = read_yaml(path).get("akun")
    if not isinstance(section, dict):
        raise ConfigError(path, "kunci 'akun' harus pemetaan jenis → daftar kode / "
                                "key 'akun' must map each jenis to a list of codes")
    accounts = {}
    for jenis, codes in section.items():
        if jenis not in JENIS:
            raise ConfigError(path, f"jenis '{jenis}' bukan / not one of {', '.join(JENIS)}")
        if not isinstance(codes, list) or not codes:
            raise ConfigError(path, f"{jenis}: perlu daftar kode / needs a list of codes")
        accounts[jenis] = tuple(sorted({_chart_code(text, district, path) for text in codes}))
    return accounts


def _chart_code(text, district: District, path) -> Code:
    code = parse_code(text)
    if code is None or len(code) < 6:
        raise ConfigError(path, f"kode '{text}' bukan kode rincian (≥ 6 segmen) / "
                                f"is not a detail code (6 segments or more)")
    if code not in district.chart:
        raise ConfigError(path, f"kode '{text}' tidak ada di bagan akun / is not in the chart of accounts")
    return code


def leaf_codes(accounts: dict[str, tuple[Code, ...]], jenis: str | None) -> tuple[Code, ...]:
    """The leaves of one jenis, or the union of every jenis when `jenis` is None."""
    if jenis is not None:
        return accounts.get(jenis, ())
    return tuple(sorted({code for codes in accounts.values() for code in codes}))


def with_parents(leaves: tuple[Code, ...], district: District) -> list[Code]:
    """The leaves and every prefix of them that the chart knows, in print order."""
    codes = set(leaves)
    for code in leaves:
        codes.update(code[:n] for n in range(1, len(code)) if code[:n] in district.chart)
    return sorted(codes)


def nearest_children(codes: list[Code]) -> dict[Code, list[Code]]:
    """Each code's nearest descendants among `codes` (no code of the list in between)."""
    present = set(codes)
    children: dict[Code, list[Code]] = {code: [] for code in codes}
    for code in codes:
        parent = next((code[:n] for n in range(len(code) - 1, 0, -1) if code[:n] in present), None)
        if parent is not None:
            children[parent].append(code)
    return children
