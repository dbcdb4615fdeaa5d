"""Batches in worker processes: same results whatever --jobs, and a crash or a hang costs one file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bludcli import workers
from bludcli.cli.app import app
from bludcli.config import load_district
from bludcli.validate import collect_paths, validate_paths

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork")


def _lost(item, reason):
    return ("lost", item, reason)


def _job(item):
    if item == "crash":
        os.kill(os.getpid(), signal.SIGKILL)  # as a native abort inside the reader would
    if item == "hang":
        time.sleep(60)
    return ("done", item, os.getpid())


@needs_fork
def test_results_come_back_in_input_order_from_every_worker():
    items = [f"file {i}" for i in range(30)]
    results = workers.run_all(items, _job, _lost, jobs=3, seconds=30)
    assert [r[1] for r in results] == items
    assert {r[0] for r in results} == {"done"}
    assert len({r[2] for r in results}) == 3  # three processes shared the work
    assert os.getpid() not in {r[2] for r in results}


def _pid_job(item):
    Path(item).write_text(str(os.getpid()))
    return ("done", item)


@needs_fork
def test_a_worker_killed_between_items_is_replaced_and_its_next_item_checked(tmp_path):
    items = [str(tmp_path / f"item{i}") for i in range(2)]  # so few that the worker holds one at a time

    def kill_its_worker(item):  # after its result came back, before it is given the next item
        if item == items[0]:
            os.kill(int(Path(item).read_text()), signal.SIGKILL)
            time.sleep(0.1)

    results = workers.run_all(items, _pid_job, _lost, jobs=1, seconds=30, on_done=kill_its_worker)
    assert results == [("done", item) for item in items]
    assert Path(items[0]).read_text() != Path(items[1]).read_text()  # a fresh worker took the next item


def _killed_once(item):
    """Killed from outside the first time it runs (the out-of-memory killer, an operator)."""
    marker = Path(item + ".killed")
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return _pid_job(item)


@needs_fork
def test_a_worker_killed_on_an_item_costs_no_file(tmp_path):
    items = [str(tmp_path / f"item{i}") for i in range(4)]
    results = workers.run_all(items, _killed_once, _lost, jobs=1, seconds=30)
    assert results == [("done", item) for item in items]
    for item in items:  # each was checked again, by a fresh worker
        assert Path(item).read_text() != Path(item + ".killed").read_text()


def _counted(item):
    with open(item, "a") as runs:
        runs.write("run\n")
    return _job(Path(item).name)


@needs_fork
def test_an_item_a_worker_dies_on_twice_is_lost_and_the_items_it_held_next_are_checked(tmp_path):
    items = [str(tmp_path / name) for name in ("crash", "a", "b", "c")]
    results = workers.run_all(items, _counted, _lost, jobs=1, seconds=30)
    assert [r[:2] for r in results] == [("lost", items[0]), ("done", "a"), ("done", "b"), ("done", "c")]
    assert results[0][2] == "reader-stopped"
    assert [Path(item).read_text().count("run") for item in items] == [2, 1, 1, 1]


def _big(item):
    return item * 300_000  # megabytes: far more than a pipe holds at once


@needs_fork
def test_results_larger_than_a_pipe_come_back_whole():
    items = ["ab", "c", "de"]
    assert workers.run_all(items, _big, _lost, jobs=2, seconds=30) == [_big(i) for i in items]


@needs_fork
def test_a_worker_that_dies_loses_only_its_item():
    items = ["a", "crash", "b", "crash", "c", "d"]
    done = []
    results = workers.run_all(items, _job, _lost, jobs=2, seconds=30, on_done=done.append)
    assert [r[:2] for r in results] == [("done", "a"), ("lost", "crash"), ("done", "b"), ("lost", "crash"),
                                        ("done", "c"), ("done", "d")]
    assert [r[2] for r in results if r[0] == "lost"] == ["reader-stopped", "reader-stopped"]
    assert sorted(done) == sorted(items)


@needs_fork
def test_an_item_past_the_time_limit_is_given_up_and_the_batch_goes_on():
    started = time.monotonic()
    results = workers.run_all(["a", "hang", "b"], _job, _lost, jobs=1, seconds=1)
    assert [r[:2] for r in results] == [("done", "a"), ("lost", "hang"), ("done", "b")]
    assert results[1][2] == "too-slow"
    assert time.monotonic() - started < 10


def _noisy(item):
    os.write(2, b"thread '<unnamed>' panicked at src/xls.rs\n")  # as a Rust panic hook writes
    return item


@needs_fork
def test_what_a_worker_writes_to_stderr_does_not_reach_the_user(capfd, monkeypatch):
    monkeypatch.delenv("BLUDCLI_DEBUG", raising=False)
    assert workers.run_all(["a", "b"], _noisy, _lost, jobs=2, seconds=30) == ["a", "b"]
    assert "panicked" not in capfd.readouterr().err
    monkeypatch.setenv("BLUDCLI_DEBUG", "1")  # developers see it
    workers.run_all(["a"], _noisy, _lost, jobs=1, seconds=30)
    assert "panicked" in capfd.readouterr().err


@needs_fork
def test_no_worker_is_left_behind():
    before = _children()
    workers.run_all(list(range(10)), _job, _lost, jobs=2, seconds=30)
    workers.run_all(["crash", "x"], _job, _lost, jobs=2, seconds=30)
    assert _children() == before


_KILLED_BATCH = """
import os, sys, time
from pathlib import Path
from bludcli import workers

def job(item):
    Path(sys.argv[1], item).write_text(str(os.getpid()))
    time.sleep(60 if item == "hang" else 0)
    return item

workers.run_all(["hang", "a", "b", "c"], job, lambda item, reason: None, jobs=3, seconds=1)
"""


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="tells a running process from a zombie by /proc")
def test_workers_end_when_their_batch_is_killed_outright(tmp_path):
    """After SIGKILL of the batch, the workers waiting for an item leave at once, and one stuck
    on an item leaves when its alarm ends it, soon after the time limit."""
    batch = subprocess.Popen([sys.executable, "-c", _KILLED_BATCH, str(tmp_path)])
    deadline = time.monotonic() + 20
    while len(list(tmp_path.iterdir())) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    batch.kill()
    batch.wait()
    pids = {int(path.read_text()) for path in tmp_path.iterdir()}
    assert len(pids) == 3  # every worker took an item; the one on "hang" is still on it
    while (alive := {pid for pid in pids if _running(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive


def _running(pid: int) -> bool:
    """Whether the process exists and has not ended (an orphan's zombie waits for init to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _children() -> set[int]:
    task = Path(f"/proc/{os.getpid()}/task")
    if not task.is_dir():
        return set()
    found = set()
    for thread in task.iterdir():
        children = thread / "children"
        if children.exists():
            found |= {int(pid) for pid in children.read_text().split()}
    return found


def test_validate_gives_the_same_results_whatever_the_jobs(tmp_path):
    folder = tmp_path / "masuk"
    shutil.copytree(SAMPLES, folder)
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    files = collect_paths([folder])
    district = load_district()
    one = [asdict(r) for r in validate_paths(files, district, jobs=1, keep=True)]
    three = [asdict(r) for r in validate_paths(files, district, jobs=3, keep=True)]
    assert one == three
    assert [r["path"] for r in one] == [str(p) for p in files]
    assert any(r["unreadable"] for r in one) and any(r["findings"] for r in one if not r["unreadable"])


def test_cli_output_is_identical_for_any_jobs():
    runner = CliRunner()
    outputs = {jobs: runner.invoke(app, ["validate", str(SAMPLES), "--format", "json", "--jobs", jobs])
               for jobs in ("1", "2", "5")}
    assert {r.exit_code for r in outputs.values()} == {1}  # the samples hold invalid reports by design
    assert outputs["1"].stdout == outputs["2"].stdout == outputs["5"].stdout


def test_jobs_must_be_positive():
    result = CliRunner().invoke(app, ["validate", str(SAMPLES), "--jobs", "0"])
    assert result.exit_code == 2


def test_without_fork_the_items_run_here_in_order(monkeypatch):
    monkeypatch.delattr(os, "fork")
    done = []
    results = workers.run_all(["a", "b", "c"], _job, _lost, jobs=4, seconds=30, on_done=done.append)
    assert [r[:2] for r in results] == [("done", "a"), ("done", "b"), ("done", "c")]
    assert {r[2] for r in results} == {os.getpid()} and done == ["a", "b", "c"]
