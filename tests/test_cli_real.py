"""`lapkin-audit check` end to end with the real reader on tiny files written in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lapkin_audit.cli import main


def _write_docx(path: Path, signed: str) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("LAPORAN KINERJA CAMAT TRIWULAN II TAHUN 2023")
    document.add_paragraph("KECAMATAN SENDURO")
    document.add_paragraph("Tabel 2.2 Capaian Kinerja Camat")
    table = document.add_table(rows=2, cols=6)
    header = ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    row = ["1", "Meningkatnya tata kelola", "Persentase desa tertib", "85%", "50%", "58,82%"]
    for j, (head, value) in enumerate(zip(header, row)):
        table.cell(0, j).text = head
        table.cell(1, j).text = value
    for line in (f"Senduro, {signed}", "CAMAT SENDURO", "Drs. BUDI SANTOSO",
                 "NIP. 19681114 199003 1 004"):
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    _write_docx(tmp_path / "a-late.docx", "10 Juli 2023")
    (tmp_path / "b-truncated.docx").write_bytes(b"PK\x03\x04 truncated in transfer")
    (tmp_path / "c-notes.pdf").write_bytes(b"just some text, not a PDF")
    _write_docx(tmp_path / "d-on-time.docx", "5 Juli 2023")
    return tmp_path


def test_batch_with_corrupt_files_among_good_ones(batch: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(batch), "--pack", "kab-lumajang",
                                       "--select", "D401", "--format", "json"])
    assert result.exit_code == 2, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert list(files) == ["a-late.docx", "b-truncated.docx", "c-notes.pdf", "d-on-time.docx"]
    assert files["b-truncated.docx"]["error"]["code"] == "E001"
    assert files["c-notes.pdf"]["error"]["code"] == "E005"
    assert files["a-late.docx"]["status"] == "audited", files["a-late.docx"]["error"]
    late = files["a-late.docx"]["findings"]
    assert [(f["code"], f["actual"], f["expected"]) for f in late] == [
        ("D401", "2023-07-10", "2023-07-07")
    ]
    assert files["d-on-time.docx"]["status"] == "audited"
    assert files["d-on-time.docx"]["findings"] == []
