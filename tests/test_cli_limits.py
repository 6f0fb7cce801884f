"""--max-size and --max-pages reach the reader from `check` and `annotate`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lapkin_audit.cli import main

SEED_PDF = Path(__file__).resolve().parents[1] / "sample_reports" / "senduro-tw2-2023.pdf"


def _check(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", *args])
    return result.exit_code, json.loads(result.output)


def test_max_pages_refuses_a_longer_pdf() -> None:
    code, out = _check("--max-pages", "5", str(SEED_PDF))
    [file] = out["files"]
    assert code == 2 and file["status"] == "error" and file["error"]["code"] == "E001"
    assert "12" in file["error"]["message"] and "--max-pages" in file["error"]["message"]


def test_max_size_refuses_a_larger_file(tmp_path: Path) -> None:
    big = tmp_path / "besar.pdf"
    big.write_bytes(SEED_PDF.read_bytes() + b"\0" * (2 * 1024 * 1024))
    code, out = _check("--max-size", "1", str(big))
    assert code == 2 and out["files"][0]["error"]["code"] == "E001"
    assert "--max-size" in out["files"][0]["error"]["message"]


def test_default_limits_read_the_sample() -> None:
    code, out = _check("--select", "A102", str(SEED_PDF))
    assert code == 1 and out["files"][0]["status"] == "audited"


def test_annotate_honours_the_page_limit(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annotate", str(SEED_PDF), "-o", str(tmp_path / "x.pdf"),
                                       "--max-pages", "5"])
    assert result.exit_code == 2 and not (tmp_path / "x.pdf").exists()
