"""Nothing lost: reading never changes the input (hash, size, mtime) nor its folder, and the
report's ``source.sha256`` is the hash of the bytes that were read."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from lapkin_audit.errors import FileError
from lapkin_audit.parse.reader import read_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p.name for p in (ROOT / "sample_reports").glob("*") if p.suffix in (".pdf", ".docx"))
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
                  if p.suffix in (".pdf", ".docx"))


def fingerprint(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), info.st_size, info.st_mtime_ns


def read_and_compare(source: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / source.name
    shutil.copy2(source, path)
    path.chmod(0o444)  # read-only, as an inspectorate's archive would be
    before, listing = fingerprint(path), sorted(os.listdir(folder))
    try:
        report = read_report(path)
    except FileError:
        report = None
    assert fingerprint(path) == before, "the input file was modified"
    assert sorted(os.listdir(folder)) == listing, "files appeared next to the input"
    assert fingerprint(path)[0] == hashlib.sha256(source.read_bytes()).hexdigest()
    if report is not None:
        assert report.source.sha256 == before[0] and report.source.size == before[1]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_is_byte_identical_after_reading(name: str, tmp_path: Path) -> None:
    read_and_compare(ROOT / "sample_reports" / name, tmp_path)


FAST = ["pdf/pdfplumber__password-example.pdf", "pdf/pdfminer__zen_of_python_corrupted.pdf",
        "docx/python-docx__blk-paras-and-tables.docx"]


@pytest.mark.parametrize("relative", FAST)
def test_corpus_file_is_byte_identical_after_reading(relative: str, tmp_path: Path) -> None:
    if not (CORPUS / relative).is_file():
        pytest.skip(f"{relative} not in the corpus at {CORPUS}")
    read_and_compare(CORPUS / relative, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("relative", corpus_files())
def test_whole_corpus_is_byte_identical_after_reading(relative: str, tmp_path: Path) -> None:
    read_and_compare(CORPUS / relative, tmp_path)
