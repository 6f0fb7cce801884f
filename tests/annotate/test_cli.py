"""`lapkin-audit annotate` end to end: output naming, --force, refusals, filters, atomicity."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest
from click.testing import CliRunner

from lapkin_audit.cli import main
from tests.annotate.helpers import SEED_DOCX, SEED_PDF, audited, sha256

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


def run(*args: str):
    return CliRunner().invoke(main, ["annotate", *args])


@pytest.fixture
def seed_docx(tmp_path: Path) -> Path:
    return Path(shutil.copy(SEED_DOCX, tmp_path / SEED_DOCX.name))


@pytest.fixture
def seed_pdf(tmp_path: Path) -> Path:
    return Path(shutil.copy(SEED_PDF, tmp_path / SEED_PDF.name))


def test_default_output_beside_the_report(seed_docx: Path) -> None:
    before = sha256(seed_docx)
    result = run(str(seed_docx), "--lang", "id")
    expected = seed_docx.with_name("senduro-tw2-2023.reviewed.docx")
    assert result.exit_code == 1, result.output  # written, and the report has errors
    assert expected.exists() and str(expected) in result.output
    assert f"{len(audited(SEED_DOCX).findings)} temuan ditandai" in result.output
    assert sha256(seed_docx) == before
    assert len(docx.Document(str(expected)).comments) == len(audited(SEED_DOCX).findings)
    assert sorted(p.name for p in seed_docx.parent.iterdir()) == [
        "senduro-tw2-2023.docx", "senduro-tw2-2023.reviewed.docx"]  # no temporary file left


def test_an_existing_output_needs_force(seed_pdf: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.pdf"
    output.write_bytes(b"keep me")
    result = run(str(seed_pdf), "-o", str(output))
    assert result.exit_code == 2
    assert "already exists; use --force" in result.output
    assert output.read_bytes() == b"keep me"
    result = run(str(seed_pdf), "-o", str(output), "--force", "--lang", "en")
    assert result.exit_code == 1 and "findings marked" in result.output
    with pdfplumber.open(output) as pdf:
        assert sum(len(p.annots) for p in pdf.pages) > 40


def test_the_output_cannot_be_the_report(seed_pdf: Path) -> None:
    before = sha256(seed_pdf)
    for args in (["-o", str(seed_pdf)], ["-o", str(seed_pdf), "--force"],
                 ["-o", str(seed_pdf.parent / "." / seed_pdf.name), "--force"]):
        result = run(str(seed_pdf), *args)
        assert result.exit_code == 2 and "would overwrite the report itself" in result.output
    link = seed_pdf.with_name("link.pdf")
    link.symlink_to(seed_pdf)
    assert run(str(seed_pdf), "-o", str(link), "--force").exit_code == 2
    assert sha256(seed_pdf) == before


@pytest.mark.parametrize(("name", "content", "code"), [
    ("broken.docx", b"PK\x03\x04 not really a zip", "E001"),
    ("notes.txt", b"just text", "E005"),
])
def test_a_file_that_cannot_be_audited_writes_nothing(tmp_path: Path, name: str, content: bytes,
                                                      code: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = run(str(source))
    assert result.exit_code == 2
    assert code in result.output and "Tidak ada berkas yang ditulis" in result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_pdf_that_is_not_a_report_writes_nothing(tmp_path: Path) -> None:
    source = Path(shutil.copy(FIXTURES / "narrative.pdf", tmp_path / "narrative.pdf"))
    result = run(str(source), "--lang", "en")
    assert result.exit_code == 2 and "E004" in result.output and "Nothing was written" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["narrative.pdf"]


def test_an_encrypted_pdf_without_password_writes_nothing(tmp_path: Path) -> None:
    source = Path(shutil.copy(FIXTURES / "encrypted.pdf", tmp_path / "locked.pdf"))
    result = run(str(source))
    assert result.exit_code == 2 and "E002" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["locked.pdf"]


def test_select_and_min_severity_filter_like_check(seed_docx: Path, tmp_path: Path) -> None:
    output = tmp_path / "a102.docx"
    result = run(str(seed_docx), "-o", str(output), "--select", "A102", "--lang", "en")
    a102 = [f for f in audited(SEED_DOCX).findings if f.code == "A102"]
    assert result.exit_code == 1
    comments = list(docx.Document(str(output)).comments)
    assert len(comments) == len(a102) and all(c.text.startswith("A102 ") for c in comments)
    assert all("Written:" in c.text and "Expected:" in c.text for c in comments)

    output = tmp_path / "errors.docx"
    run(str(seed_docx), "-o", str(output), "--min-severity", "error", "--ignore", "A1")
    errors = [f for f in audited(SEED_DOCX).findings
              if f.severity.value == "error" and not f.code.startswith("A1")]
    assert len(docx.Document(str(output)).comments) == len(errors)

    output = tmp_path / "clean.docx"
    result = run(str(seed_docx), "-o", str(output), "--select", "D402")
    assert result.exit_code == 0  # only an info finding: written, nothing failing
    assert len(docx.Document(str(output)).comments) == 1


def test_usage_errors_write_nothing(seed_docx: Path) -> None:
    for args in (["--select", "Z9"], ["--pack", "no-such-pack"], ["--submitted", "July"]):
        result = run(str(seed_docx), *args)
        assert result.exit_code == 2, args
    assert [p.name for p in seed_docx.parent.iterdir()] == [seed_docx.name]


def test_a_failure_while_writing_leaves_nothing_behind(seed_docx: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from lapkin_audit.annotate import docx as annotate_docx

    def broken(self, stream) -> None:
        stream.write(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(annotate_docx.DocxAnnotation, "save", broken)
    output = tmp_path / "out.docx"
    result = run(str(seed_docx), "-o", str(output))
    assert result.exit_code == 2
    assert "could not be written (OSError: disk full)" in result.output or \
        "tidak dapat ditulis (OSError: disk full)" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [seed_docx.name]


def test_a_rule_that_crashes_writes_nothing(seed_docx: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from lapkin_audit.rules.registry import all_rules

    [rule] = [r for r in all_rules() if r.code == "A102"]

    def crash(self, report, ctx):
        raise KeyError("boom")

    monkeypatch.setattr(rule, "check", crash)
    result = run(str(seed_docx), "--lang", "en")
    assert result.exit_code == 2 and "A102" in result.output and "KeyError" in result.output
    assert "--ignore CODE" in result.output and "Nothing was written" in result.output
    assert [p.name for p in seed_docx.parent.iterdir()] == [seed_docx.name]
    assert run(str(seed_docx), "--ignore", "A102").exit_code == 1


def test_version_stays_light_with_annotate() -> None:
    code = ("import sys\nfrom lapkin_audit.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pypdf', 'docx', 'lapkin_audit.annotate', 'pdfplumber')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_configuration_files_are_used_as_by_check(seed_docx: Path, tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text('select = ["A102"]\nlang = "en"\n'
                                                'min-severity = "error"\n', encoding="utf-8")
    output = tmp_path / "configured.docx"
    result = run(str(seed_docx), "-o", str(output))
    a102 = [f for f in audited(SEED_DOCX).findings if f.code == "A102"]
    assert result.exit_code == 1 and "findings marked" in result.output
    comments = list(docx.Document(str(output)).comments)
    assert len(comments) == len(a102) and all("Written:" in c.text for c in comments)

    output = tmp_path / "isolated.docx"
    run(str(seed_docx), "-o", str(output), "--isolated", "--lang", "id")
    assert len(docx.Document(str(output)).comments) == len(audited(SEED_DOCX).findings)

    (tmp_path / "lapkin-audit.toml").write_text('select = ["NOPE"]\n', encoding="utf-8")
    result = run(str(seed_docx), "-o", str(tmp_path / "bad.docx"))
    assert result.exit_code == 2 and not (tmp_path / "bad.docx").exists()
