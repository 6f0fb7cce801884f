"""Every file of the robustness corpus through the whole reader: a Report or an E-code.

The corpus (PDF and DOCX fixtures from other projects' test suites: malformed, encrypted,
scanned, rotated) lives in ``<repo>/../shared/corpus``. A fast subset runs by default; the
whole corpus runs in CI (``-m slow``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lapkin_audit.errors import FileError
from lapkin_audit.model import Report
from lapkin_audit.parse.reader import read_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FAST = [
    "pdf/pdfplumber__empty.pdf",
    "pdf/pdfplumber__password-example.pdf",
    "pdf/pdfplumber__issue-203-decimalize.pdf",
    "pdf/pdfplumber__issue-297-example.pdf",
    "pdf/pdfminer__simple2.pdf",
    "pdf/pdfplumber__nics-background-checks-2015-11-rotated.pdf",
    "pdf/pdfminer__contrib_issue-1113-evil-xobjects.pdf",
    "docx/python-docx__tbl-cell-access.docx",
    "docx/python-docx__blk-paras-and-tables.docx",
    "docx/python-docx__sty-having-no-styles-part.docx",
]


def _all_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix in (".pdf", ".docx"))


def _read(relative: str) -> Report | FileError:
    if not CORPUS.is_dir():
        pytest.skip(f"robustness corpus not found at {CORPUS}")
    path = CORPUS / relative
    before = path.read_bytes()
    try:
        result: Report | FileError = read_report(path)
    except FileError as error:
        result = error
    assert path.read_bytes() == before, "the input file was modified"
    return result


@pytest.mark.parametrize("relative", FAST)
def test_corpus_fast_subset(relative: str) -> None:
    result = _read(relative)
    if isinstance(result, FileError):
        assert result.code in {"E001", "E002", "E003", "E004", "E005"}
        assert result.message("id") and result.message("en")


def test_corpus_expected_codes() -> None:
    expected = {
        "pdf/pdfplumber__empty.pdf": "E001",
        "pdf/pdfplumber__password-example.pdf": "E002",
        "pdf/pdfplumber__issue-203-decimalize.pdf": "E003",
        "docx/python-docx__tbl-cell-access.docx": "E004",
    }
    for relative, code in expected.items():
        result = _read(relative)
        assert isinstance(result, FileError) and result.code == code, (relative, result)


@pytest.mark.slow
@pytest.mark.parametrize("relative", _all_files())
def test_whole_corpus(relative: str) -> None:
    result = _read(relative)
    assert isinstance(result, (Report, FileError))
