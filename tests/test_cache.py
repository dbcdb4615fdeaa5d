"""The per-user cache of parsed rules files: used while a file's bytes are the same, never needed."""

from __future__ import annotations

import shutil

import pytest

from bludcli import cache, config
from bludcli.config import ConfigError, default_rules_dir, load_district


@pytest.fixture
def rules(tmp_path, monkeypatch):
    monkeypatch.setenv("BLUDCLI_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder


def test_a_second_load_reads_the_parsed_files_from_the_cache(rules, monkeypatch):
    first = load_district(rules)
    assert sorted(p.name.split("-")[0] for p in cache.folder().iterdir()) == ["chart"] * 2 + ["yaml"] * 6
    monkeypatch.setattr(config, "_parse_chart", lambda path, content: pytest.fail("the chart was parsed again"))
    monkeypatch.setattr(config, "_parse_yaml", lambda path, content: pytest.fail("YAML was parsed again"))
    second = load_district(rules)
    assert second.chart == first.chart and second.rules == first.rules and second.registry == first.registry


def test_a_changed_file_is_parsed_again(rules):
    load_district(rules)
    chart = rules / "bagan-akun-blud-tambahan.csv"
    chart.write_text(chart.read_text(encoding="utf-8").replace("Pendapatan Hibah BLUD", "Hibah BLUD"),
                     encoding="utf-8")
    settings = rules / "pengaturan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("toleransi_rupiah: 1.00", "toleransi_rupiah: 5"),
                        encoding="utf-8")
    district = load_district(rules)
    assert district.chart[(4, 1, 4, 16, 3)] == "Hibah BLUD"
    assert district.tolerance_sen == 500


def test_a_broken_file_is_reported_every_time(rules):
    (rules / "pengaturan.yaml").write_text("daerah: [unclosed", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="YAML"):
            load_district(rules)


def test_a_damaged_entry_or_an_unusable_folder_only_costs_a_parse(rules, monkeypatch, tmp_path):
    expected = load_district(rules).chart
    for entry in cache.folder().iterdir():
        entry.write_bytes(b"not a pickle")
    assert load_district(rules).chart == expected
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    monkeypatch.setenv("BLUDCLI_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert load_district(rules).chart == expected
