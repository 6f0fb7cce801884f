"""Batch runs through the CLI: worker pool, time limit, dead workers, walks, side files,
atomic outputs that never overwrite an input."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from lapkin_audit import check as check_module
from lapkin_audit.batch import Job, run_jobs
from lapkin_audit.check import CheckOptions
from lapkin_audit.rules.registry import Context
from tests import test_cli
from tests.test_cli import _json, _read, run

fake_reader = test_cli.fake_reader  # autouse: the reader replaced by model fixtures
folder = test_cli.folder


def _names(data: dict) -> list[str]:
    return [Path(f["path"]).name for f in data["files"]]


@pytest.fixture
def hostile_reader(monkeypatch):
    """The fake reader, plus a file that kills its worker and one that hangs."""

    def read(path, password=None, **limits):
        name = Path(path).name
        if name == "die.docx":
            os._exit(3)  # a native crash, the OOM killer …
        if name == "hang.docx":
            time.sleep(60)
        return _read(path, password)

    monkeypatch.setattr(check_module, "read_report", read)


def test_jobs_1_and_2_give_the_same_results(folder: Path) -> None:
    one, code_one = _json("check", str(folder), "--jobs", "1", "--pack", "kab-lumajang")
    two, code_two = _json("check", str(folder), "--jobs", "2", "--pack", "kab-lumajang")
    assert one == two and code_one == code_two == 2
    assert _names(one) == ["clean.docx", "corrupt.docx", "lastday.docx", "late.docx"]
    assert one["files"][1]["error"]["code"] == "E001"


def test_a_killed_worker_costs_one_file_not_the_batch(folder: Path, hostile_reader) -> None:
    (folder / "die.docx").write_bytes(b"x")
    data, code = _json("check", str(folder), "--jobs", "2", "--pack", "kab-lumajang")
    assert code == 2
    assert _names(data) == ["clean.docx", "corrupt.docx", "die.docx", "lastday.docx",
                            "late.docx"]
    died = data["files"][2]
    assert died["status"] == "error" and died["error"]["code"] == "E000"
    assert "exit code 3" in died["error"]["message"]
    assert "berhenti mendadak" in died["error"]["message"]
    statuses = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert statuses["late.docx"] == statuses["clean.docx"] == "audited"
    assert [f["code"] for f in data["files"][4]["findings"]] == ["D401"]


def test_many_dead_workers(tmp_path: Path, hostile_reader) -> None:
    for i in range(4):
        (tmp_path / f"{i}" ).mkdir()
        (tmp_path / f"{i}" / "die.docx").write_bytes(b"x")
        (tmp_path / f"{i}" / "late.docx").write_bytes(b"x")
    data, _ = _json("check", str(tmp_path), "--jobs", "2")
    assert len(data["files"]) == 8
    assert [f["status"] for f in data["files"]] == ["error", "audited"] * 4


def test_time_limit_in_a_worker(folder: Path, hostile_reader) -> None:
    (folder / "hang.docx").write_bytes(b"x")
    started = time.monotonic()
    data, code = _json("check", str(folder), "--jobs", "2", "--timeout", "1")
    assert time.monotonic() - started < 20
    assert code == 2 and len(data["files"]) == 5
    hung = next(f for f in data["files"] if f["path"].endswith("hang.docx"))
    assert hung["error"]["code"] == "E000"
    assert "batas waktu 1 detik" in hung["error"]["message"]
    assert sum(f["status"] == "audited" for f in data["files"]) == 3


def test_time_limit_in_process(folder: Path, hostile_reader) -> None:
    (folder / "hang.docx").write_bytes(b"x")
    started = time.monotonic()
    result = run("check", str(folder / "hang.docx"), str(folder / "clean.docx"), "--jobs", "1",
                 "--timeout", "0.5", "--lang", "en", "--format", "json")
    assert time.monotonic() - started < 20
    files = json.loads(result.output)["files"]
    assert "longer than the time limit of 0.5 s" in files[0]["error"]["message"]
    assert files[1]["status"] == "audited"


def test_run_jobs_api_keeps_order_and_reports_progress(folder: Path) -> None:
    jobs = [Job(folder / n, Context(), CheckOptions())
            for n in ("late.docx", "clean.docx", "corrupt.docx")]
    seen = []
    results = run_jobs(jobs, workers=2, timeout=30, on_done=seen.append)
    assert [r.path.name for r in results] == ["late.docx", "clean.docx", "corrupt.docx"]
    assert len(seen) == 3 and all(r.seconds is not None for r in results[:2])


def test_symlink_loop_is_walked_once(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "late.docx").write_bytes(b"x")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    (folder / "sub" / "self").symlink_to(folder / "sub", target_is_directory=True)
    data, _ = _json("check", str(folder))
    assert _names(data) == ["clean.docx", "corrupt.docx", "lastday.docx", "late.docx",
                            "late.docx"]


def test_unreadable_folder_is_a_result_and_the_walk_goes_on(folder: Path, monkeypatch) -> None:
    (folder / "locked").mkdir()
    (folder / "locked" / "late.docx").write_bytes(b"x")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    data, code = _json("check", str(folder), "--jobs", "1")
    assert code == 2
    locked = data["files"][-1]
    assert Path(locked["path"]).name == "locked" and locked["error"]["code"] == "E001"
    assert "Folder tidak dapat dibaca (Permission denied)" in locked["error"]["message"]
    assert _names(data)[:4] == ["clean.docx", "corrupt.docx", "lastday.docx", "late.docx"]


def test_submitted_dates_csv(folder: Path, tmp_path: Path) -> None:
    dates = tmp_path / "diterima.csv"
    dates.write_text("berkas;tanggal diterima\nclean.docx;2023-07-12\n"
                     f"{folder / 'lastday.docx'};03/07/2023\n")
    data, code = _json("check", str(folder / "clean.docx"), str(folder / "lastday.docx"),
                       str(folder / "late.docx"), "--pack", "kab-lumajang",
                       "--submitted-dates", str(dates), "--submitted", "2023-07-05")
    by_name = {Path(f["path"]).name: f["findings"] for f in data["files"]}
    assert [(f["code"], f["actual"]) for f in by_name["clean.docx"]] == [("D401", "2023-07-12")]
    assert [f["code"] for f in by_name["lastday.docx"] if f["code"] == "D401"] == []
    # not in the CSV: --submitted applies
    assert all(f["code"] != "D401" for f in by_name["late.docx"]) and code == 1


def test_submitted_dates_errors(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("clean.docx,2023-07-12\nlate.docx,kemarin\n")
    result = run("check", str(folder / "clean.docx"), "--submitted-dates", str(bad))
    assert result.exit_code == 2 and "line 2" in result.output and "'kemarin'" in result.output


def test_baseline_round_trip(folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    args = ["check", str(folder / "late.docx"), str(folder / "lastday.docx"),
            "--pack", "kab-lumajang"]
    result = run(*args, "--write-baseline", str(baseline))
    assert result.exit_code == 1
    document = json.loads(baseline.read_text())
    assert {e["code"] for e in document["findings"]} == {"D401", "D402"}
    assert all(set(e) == {"file", "code", "fingerprint"} for e in document["findings"])
    data, code = _json(*args, "--baseline", str(baseline))
    assert code == 0 and all(f["findings"] == [] for f in data["files"])
    text = run(*args, "--baseline", str(baseline)).output
    assert "2 temuan diterima oleh baseline" in text
    # a new finding still shows
    (folder / "early.docx").write_bytes(b"x")
    data, code = _json(*args, str(folder / "early.docx"), "--baseline", str(baseline),
                       "--fail-on", "warning")
    assert code == 1 and [f["code"] for f in data["files"][2]["findings"]] == ["D402"]
    assert list(tmp_path.glob(".*.tmp")) == []


def test_bad_baseline_is_a_usage_error(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]")
    result = run("check", str(folder / "late.docx"), "--baseline", str(bad))
    assert result.exit_code == 2 and "not a lapkin-audit baseline" in result.output


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_never_writes_over_an_input(folder: Path, option: str) -> None:
    target = folder / "late.docx"
    before = _hash(target)
    result = run("check", str(folder), option, str(target))
    assert result.exit_code == 2 and "never writes over a report" in result.output
    assert _hash(target) == before
    relative = os.path.relpath(target)
    assert run("check", str(target), "-o", relative).exit_code == 2


def test_output_is_atomic_and_replaces_the_old_file(folder: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "hasil.json"
    out.write_text("old")
    assert run("check", str(folder / "late.docx"), "--format", "json", "-o", str(out)).output == ""
    assert json.loads(out.read_text())["summary"]["files"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.json"]

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run("check", str(folder / "late.docx"), "--format", "csv", "-o", str(out))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert json.loads(out.read_text())["summary"]["files"] == 1  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.json"]


def test_inputs_are_byte_identical_after_a_run(folder: Path, tmp_path: Path) -> None:
    before = {p.name: _hash(p) for p in folder.iterdir() if p.is_file()}
    (tmp_path / "out").mkdir()
    run("check", str(folder), "--format", "xlsx", "-o", str(tmp_path / "out" / "out.xlsx"))
    assert {p.name: _hash(p) for p in folder.iterdir() if p.is_file()} == before


def test_summary_table_at_the_end_of_a_batch(folder: Path) -> None:
    out = run("check", str(folder), "--pack", "kab-lumajang").output
    table = out[out.index("Aturan tersering") - 200:]
    assert "Aturan tersering" in table
    line = next(l for l in table.splitlines() if "late.docx" in l and "diperiksa" in l)
    assert line.split()[1:4] == ["diperiksa", "1", "0"] and "D401×1" in line
    line = next(l for l in table.splitlines() if "corrupt.docx" in l)
    assert "gagal" in line and "E001" in line


def test_progress_bar_on_a_terminal_only(folder: Path, monkeypatch) -> None:
    import io
    import sys

    from lapkin_audit import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    jobs = [Job(folder / n, Context(), CheckOptions())
            for n in ("late.docx", "clean.docx", "corrupt.docx", "lastday.docx")]
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    results = cli._run_with_progress(jobs, 1, None, run_jobs)
    assert len(results) == 4 and "lapkin-audit" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    cli._run_with_progress(jobs[:3], 1, None, run_jobs)  # a few files: no bar
    assert quiet.getvalue() == ""
