"""Smoke test: the benchmark script runs (no timing is asserted: benchmarks are not tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_runs(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--only", "audit",
         "--files", "1", "--json", str(out), "--markdown", str(tmp_path / "bench.md")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(out.read_text())["results"]["audit"]
    assert figures["raw"] > 0 and figures["audit"] > 0
    assert "| figure |" in (tmp_path / "bench.md").read_text()
