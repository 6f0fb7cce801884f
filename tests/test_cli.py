"""`lapkin-audit check|rules|rule` through click's CliRunner, with the reader monkeypatched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lapkin_audit import check as check_module
from lapkin_audit.cli import main
from lapkin_audit.errors import FileError
from lapkin_audit.rules.registry import all_rules
from tests.rules.builders import build_report

SIGNED = {"place": "Senduro", "name": "Drs. Camat", "nip": "19681114 199003 1 004"}
PERIOD = {"year": 2023, "quarter": 2, "start": "2023-04-01", "end": "2023-06-30"}


def _spec(date: str, **extra) -> dict:
    return {"period": PERIOD, "unit": {"instansi": "Kecamatan Senduro"},
            "signatures": [{**SIGNED, "date": date}], **extra}


REPORTS = {
    "clean.docx": _spec("2023-07-05"),  # inside Lumajang's 7 Jul deadline, a Wednesday
    "late.docx": _spec("2023-07-10"),  # D401 error under kab-lumajang
    "lastday.docx": _spec("2023-06-30"),  # D402 info only
    "early.docx": _spec("2023-06-15"),  # D402 warning only
}


def _read(path: Path, password: str | None = None, **limits: object):
    name = Path(path).name
    if name == "corrupt.docx":
        raise FileError("E001", str(path), "File is not a zip file")
    if name == "locked.pdf":
        raise FileError("E002", str(path))
    if name == "crash.docx":
        raise RuntimeError("reader bug")
    spec = REPORTS[name]
    for signature in spec["signatures"]:
        signature["date"] = str(signature["date"])
    return build_report({**spec, "path": str(path)})


@pytest.fixture(autouse=True)
def fake_reader(monkeypatch):
    """The reader replaced by model fixtures; only this suite's rule families run, so that
    rules other engineers add do not change these expectations."""
    from lapkin_audit import engine

    own = [r for r in all_rules() if r.family in ("dates", "identity", "files")]
    monkeypatch.setattr(engine, "all_rules", lambda: own)
    monkeypatch.setattr(check_module, "read_report", _read)
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # would switch to --format github
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("clean.docx", "late.docx", "corrupt.docx", "lastday.docx"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not a report")
    (tmp_path / "~$clean.docx").write_bytes(b"lock")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _json(*args: str) -> tuple[dict, int]:
    result = run(*args, "--format", "json")
    return json.loads(result.output), result.exit_code


# ---------------------------------------------------------------------------------------------
# check


def test_json_shape(folder: Path) -> None:
    data, code = _json("check", str(folder / "late.docx"), "--pack", "kab-lumajang")
    assert code == 1
    assert data["tool"] == {"name": "lapkin-audit", "version": "0.1.0"}
    (entry,) = data["files"]
    assert entry["status"] == "audited" and entry["error"] is None
    assert entry["report"]["unit"] == "Kecamatan Senduro"
    assert entry["report"]["period"]["year"] == 2023 and entry["report"]["period"]["quarter"] == 2
    assert entry["report"]["date"] == "2023-07-10"
    (finding,) = entry["findings"]
    assert set(finding) >= {"code", "name", "severity", "message", "location", "actual",
                            "expected", "fingerprint"}
    assert set(finding["location"]) >= {"page", "table", "row", "column", "bbox"}
    assert finding["code"] == "D401" and finding["name"] == "late-report"
    assert finding["severity"] == "error"
    assert (finding["actual"], finding["expected"]) == ("2023-07-10", "2023-07-07")
    assert "melewati batas waktu 7 Juli 2023" in finding["message"]
    assert len(finding["fingerprint"]) == 16
    assert data["summary"] == {"files": 1, "audited": 1, "failed": 0, "errors": 1,
                               "warnings": 0, "info": 0}


def test_batch_with_a_corrupt_file_goes_on(folder: Path) -> None:
    data, code = _json("check", str(folder), "--pack", "kab-lumajang")
    assert code == 2  # a file could not be audited
    names = [Path(f["path"]).name for f in data["files"]]
    # sorted; no .txt, no Word lock file
    assert names == ["clean.docx", "corrupt.docx", "lastday.docx", "late.docx"]
    corrupt = data["files"][1]
    assert corrupt["status"] == "error" and corrupt["findings"] == [] and corrupt["report"] is None
    assert corrupt["error"]["code"] == "E001"
    assert "File is not a zip file" in corrupt["error"]["message"]
    assert data["summary"]["audited"] == 3 and data["summary"]["files"] == 4
    assert data["summary"]["errors"] == 1 and data["summary"]["info"] == 1


def test_reader_crash_is_an_internal_error_not_a_crash(folder: Path) -> None:
    (folder / "crash.docx").write_bytes(b"x")
    data, code = _json("check", str(folder / "crash.docx"), str(folder / "clean.docx"))
    assert code == 2
    assert data["files"][0]["error"]["code"] == "E000"
    assert "reader bug" in data["files"][0]["error"]["message"]
    assert data["files"][1]["status"] == "audited"


def test_exit_0_when_nothing_at_fail_level(folder: Path) -> None:
    assert run("check", str(folder / "clean.docx"), "--pack", "kab-lumajang").exit_code == 0
    assert run("check", str(folder / "lastday.docx")).exit_code == 0  # info only
    assert run("check", str(folder / "late.docx")).exit_code == 0  # default pack: lenient


def test_fail_on_levels(tmp_path: Path) -> None:
    (tmp_path / "early.docx").write_bytes(b"x")
    path = str(tmp_path / "early.docx")
    assert run("check", path).exit_code == 0
    assert run("check", path, "--fail-on", "warning").exit_code == 1
    assert run("check", path, "--fail-on", "info").exit_code == 1
    assert run("check", path, "--fail-on", "never", "--pack", "kab-lumajang").exit_code == 0
    # --fail-on judges what is shown
    assert run("check", path, "--fail-on", "warning", "--min-severity", "error").exit_code == 0


def test_fail_on_never_still_reports_unreadable_files(folder: Path) -> None:
    assert run("check", str(folder / "corrupt.docx"), "--fail-on", "never").exit_code == 2


def test_min_severity_select_and_ignore(folder: Path) -> None:
    path = str(folder / "lastday.docx")
    data, _ = _json("check", path)
    assert [f["code"] for f in data["files"][0]["findings"]] == ["D402"]
    data, _ = _json("check", path, "--min-severity", "warning")
    assert data["files"][0]["findings"] == []
    data, _ = _json("check", path, "--ignore", "D402")
    assert data["files"][0]["findings"] == []
    data, _ = _json("check", path, "--select", "I5,D401")
    assert data["files"][0]["findings"] == []


def test_submitted_date(folder: Path) -> None:
    path = str(folder / "clean.docx")
    data, code = _json("check", path, "--pack", "kab-lumajang", "--submitted", "2023-07-12")
    assert code == 1
    (finding,) = data["files"][0]["findings"]
    assert finding["actual"] == "2023-07-12" and "tanggal diterima" in finding["message"]


@pytest.mark.parametrize("args", [
    ["--pack", "no-such-pack"],
    ["--select", "Z9"],
    ["--ignore", "nothing-like-this"],
    ["--submitted", "10-07-2023"],
    ["--min-severity", "fatal"],
])
def test_usage_errors_exit_2(folder: Path, args: list[str]) -> None:
    result = run("check", str(folder / "clean.docx"), *args)
    assert result.exit_code == 2


def test_missing_path_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.docx")).exit_code == 2


def test_pack_from_a_folder(folder: Path, tmp_path: Path) -> None:
    pack = tmp_path / "my-pack"
    pack.mkdir()
    (pack / "deadlines.yaml").write_text(
        "quarterly: {working_days_after_quarter_end: 1, basis: test, status: unconfirmed}\n")
    result = run("check", str(folder / "clean.docx"), "--pack", str(pack))
    assert result.exit_code == 1 and "D401" in result.output


def test_text_output(folder: Path) -> None:
    result = run("check", str(folder), "--pack", "kab-lumajang")
    out = result.output
    assert "late.docx  Kecamatan Senduro · Triwulan II 2023 · 10 Juli 2023" in out
    assert "D401  error" in out and "melewati batas waktu 7 Juli 2023" in out
    assert "E001  error" in out and "Berkas rusak" in out
    assert "D402  info" in out and "Cuti Bersama Hari Raya Idul Adha" in out
    assert "tidak ada temuan" in out
    assert "Ringkasan: 4 berkas, 3 diperiksa, 1 gagal; 1 error, 0 peringatan, 1 info" in out
    assert "\x1b[" not in out  # plain when not a TTY


def test_text_output_in_english(folder: Path) -> None:
    out = run("check", str(folder / "lastday.docx"),
              "--lang", "en").output
    assert "D402  info" in out and "Signed 30 June 2023: on the last day" in out
    assert "Summary: 1 file, 1 audited, 0 failed; 0 errors, 0 warnings, 1 info" in out


def test_lang_from_environment(folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Summary:" in run("check", str(folder / "clean.docx")).output
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert "Ringkasan:" in run("check", str(folder / "clean.docx")).output
    assert "Summary:" in run("check", str(folder / "clean.docx"), "--lang", "en").output


def test_output_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    result = run("check", str(folder / "late.docx"), "--format", "json", "-o", str(out))
    assert result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    text = tmp_path / "report.txt"
    run("check", str(folder / "late.docx"), "--pack", "kab-lumajang", "--output", str(text))
    assert "D401" in text.read_text(encoding="utf-8")


def test_fingerprints_are_stable_across_runs_and_languages(folder: Path) -> None:
    first, _ = _json("check", str(folder), "--pack", "kab-lumajang")
    second, _ = _json("check", str(folder), "--pack", "kab-lumajang", "--lang", "en")
    prints = [f["fingerprint"] for e in first["files"] for f in e["findings"]]
    assert prints == [f["fingerprint"] for e in second["files"] for f in e["findings"]]


# ---------------------------------------------------------------------------------------------
# rules / rule / --version


def test_rules_lists_the_catalogue() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for rule in all_rules():
        assert rule.code in result.output and rule.name in result.output
    assert "E001" in result.output and "files" in result.output


def test_rules_json() -> None:
    data = json.loads(run("rules", "--format", "json").output)
    assert {"code": "D401", "name": "late-report", "family": "dates", "severity": "error"}.items() \
        <= next(r for r in data if r["code"] == "D401").items()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_prints_its_documentation(rule) -> None:
    result = run("rule", rule.code)
    assert result.exit_code == 0
    assert result.output.startswith(f"# {rule.code} {rule.name}")
    assert "## What it checks" in result.output and "## Example (passes)" in result.output


def test_rule_by_name_and_unknown() -> None:
    assert run("rule", "late-report").output.startswith("# D401 late-report")
    assert run("rule", "d401").exit_code == 0
    assert run("rule", "Z999").exit_code == 2


def test_version_does_not_import_heavy_modules() -> None:
    code = ("import sys\nfrom lapkin_audit.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('rich', 'pdfplumber', 'pydantic', 'lapkin_audit.model', 'docx')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
