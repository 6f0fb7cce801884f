"""Mutated sample reports never crash or hang the reader: a Report or a FileError, in time.

A fixed-seed set of mutations of ``sample_reports/*.pdf|docx`` (see ``mutations.py``):
truncation, byte and bit flips, ranges zeroed/deleted/duplicated; for PDFs absurd numbers,
removed keywords, redirected references, a recursive page tree and damaged streams; for DOCX
zip entries dropped or corrupted (content and compressed bytes), zip header fields, XML cut,
unbalanced, with DOCTYPEs (billion laughs, external entities), garbage, absurd attributes,
huge spans, deep nesting, and broken content types or relationships. Files are sometimes
given the other format's extension.

The mutations run in subprocesses (``python -m tests.robustness.mutations``), each file with
a ``SIGALRM`` budget and each chunk with a timeout, so a hang in C code or a dying interpreter
is a test failure, not a stuck test run. ~100 mutations run by default; the full set
(``SLOW_COUNT``) with ``-m slow``. Reproduce one with
``python -m tests.robustness.mutations --seed SEED --start N --count 1 --keep /tmp/m``.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261128
FAST_COUNT = 100
SLOW_COUNT = 1000
BUDGET = 20.0  # seconds per file; the samples read in 0.03-1.2 s
CHUNK = 50  # mutations per worker process (each process start costs ~1 s of imports)
WORKERS = max(1, min(4, os.cpu_count() or 1))


def run_chunk(seed: int, start: int, count: int) -> list[dict]:
    """Results of mutations start..start+count-1; a hang or dead worker is a result too."""
    results: list[dict] = []
    while count > 0:
        command = [sys.executable, "-m", "tests.robustness.mutations", "--seed", str(seed),
                   "--start", str(start), "--count", str(count), "--budget", str(BUDGET)]
        timeout = 2 * BUDGET + 3.0 * count
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=timeout, check=False)
            stdout, failure = done.stdout, f"worker exited with status {done.returncode}: " + (
                done.stderr.strip().splitlines() or [""])[-1]
        except subprocess.TimeoutExpired as expired:
            out = expired.stdout or ""
            stdout = out.decode() if isinstance(out, bytes) else out
            failure = f"hang: chunk timeout after {timeout:.0f} s"
        lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        results.extend(lines)
        start, count = start + len(lines), count - len(lines)
        if count > 0:  # the mutation after the last reported one killed or hung the worker
            from tests.robustness.mutations import describe

            results.append({"index": start, "name": describe(seed, start),
                            "outcome": failure if failure.startswith("hang") else "crash: " + failure,
                            "seconds": None})
            start, count = start + 1, count - 1
    return results


def run_mutations(seed: int, count: int) -> tuple[list[dict], float]:
    started = time.perf_counter()
    size = min(CHUNK, -(-count // WORKERS))
    chunks = [(seed, s, min(size, count - s)) for s in range(0, count, size)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        parts = list(pool.map(lambda args: run_chunk(*args), chunks))
    return [r for part in parts for r in part], time.perf_counter() - started


def summary(results: list[dict], elapsed: float) -> str:
    outcomes = collections.Counter(r["outcome"].split(":")[0] for r in results)
    kinds = collections.Counter(r["name"].split()[1] for r in results)
    slowest = sorted((r for r in results if r["seconds"] is not None),
                     key=lambda r: r["seconds"], reverse=True)[:5]
    cpu = sum(r.get("cpu") or 0 for r in results)
    lines = [f"{len(results)} mutations in {elapsed:.1f} s with {WORKERS} workers "
             f"({cpu:.0f} s CPU in the reader): "
             + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())),
             "kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
             "slowest: " + "; ".join(f"{r['name']} {r['seconds']:.2f} s ({r['outcome']})"
                                     for r in slowest)]
    return "\n".join(lines)


def check(seed: int, count: int, capsys: pytest.CaptureFixture[str],
          record_property: object) -> None:
    results, elapsed = run_mutations(seed, count)
    text = summary(results, elapsed)
    with capsys.disabled():
        print(f"\nmutation test (seed {seed}): {text}")
    record_property("mutation_summary", text)  # type: ignore[operator]
    assert len(results) == count
    assert sorted(r["index"] for r in results) == list(range(count))
    failures = [r for r in results if r["outcome"].startswith(("crash", "hang"))]
    assert not failures, "\n\n".join(
        f"{r['name']}: {r['outcome']}\n  reproduce: python -m tests.robustness.mutations "
        f"--seed {seed} --start {r['index']} --count 1 --keep /tmp/m" for r in failures)
    allowed = {"report", "E001", "E002", "E003", "E004", "E005"}
    assert {r["outcome"] for r in results} <= allowed


def test_mutations_fast(capsys: pytest.CaptureFixture[str], record_property: object) -> None:
    check(SEED, FAST_COUNT, capsys, record_property)


@pytest.mark.slow
def test_mutations_full(capsys: pytest.CaptureFixture[str], record_property: object) -> None:
    check(SEED + 1, SLOW_COUNT, capsys, record_property)


def test_mutations_are_deterministic() -> None:
    from tests.robustness.mutations import mutate

    assert mutate(SEED, 7) == mutate(SEED, 7)
    assert mutate(SEED, 7) != mutate(SEED, 8)


def test_every_mutation_kind_is_generated() -> None:
    from tests.robustness.mutations import BYTE_KINDS, DOCX_KINDS, PDF_KINDS, mutation

    seen = {mutation(SEED + 1, i)[1] for i in range(SLOW_COUNT)}
    assert seen == set(BYTE_KINDS) | set(PDF_KINDS) | set(DOCX_KINDS)
