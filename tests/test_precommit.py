"""The real pre-commit runs the hook from `.pre-commit-hooks.yaml` of this checkout.

The hook repository is a temporary copy of the working tree committed in a temporary git
repository (pre-commit clones a repo at a rev: uncommitted changes of this checkout must be in
that rev). pre-commit then builds its own virtualenv and pip-installs lapkin-audit into it,
which takes a while: hence ``slow``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_reports"

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def _snapshot_of_this_checkout(target: Path) -> str:
    """Commit the working tree (tracked and untracked, not ignored) in a copy; its sha."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    target.mkdir()
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if not source.is_file() or name.startswith((".ci-venv/", "bench/")):
            continue
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return _git(target, "rev-parse", "HEAD")


def test_pre_commit_hook_passes_the_corrected_report_and_fails_the_seed(tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    hook_repo = tmp_path / "hook-repo"
    sha = _snapshot_of_this_checkout(hook_repo)
    project = tmp_path / "laporan"
    project.mkdir()
    _git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha}\n    hooks:\n      - id: lapkin-audit\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["pre-commit", "install"], cwd=project, env=env, check=True,
                   capture_output=True)
    _git(project, "add", ".pre-commit-config.yaml")
    shutil.copy(SAMPLES / "senduro-tw2-2023-corrected.pdf", project / "tw2-2023.pdf")
    _git(project, "add", "tw2-2023.pdf")

    def commit(message: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "commit", "-m", message], cwd=project, env=env,
                              capture_output=True, text=True, timeout=900, check=False)

    passed = commit("corrected report")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "lapkin-audit" in passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr

    shutil.copy(SAMPLES / "senduro-tw2-2023.pdf", project / "tw2-2023-seed.pdf")
    _git(project, "add", "tw2-2023-seed.pdf")
    failed = commit("seed report")
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "Failed" in output and "tw2-2023-seed.pdf" in output
    assert "A101" in output and "A102  error" in output
    assert "Ringkasan: 1 berkas" in output
    # the failed commit did not happen
    assert _git(project, "log", "--format=%s") == "corrected report"
