"""Format sniffing from content: PDF, DOCX, and named refusals for everything else."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lapkin_audit.errors import FileError
from lapkin_audit.parse.sniff import sniff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(path: Path) -> FileError:
    with pytest.raises(FileError) as err:
        sniff(path)
    return err.value


DOCX_MEMBERS = {
    "[Content_Types].xml": b"<Types/>",
    "word/document.xml": b"<w:document/>",
}


# ------------------------------------------------------------------------------------------
# Accepted


def test_pdf_fixture_is_pdf() -> None:
    assert sniff(FIXTURES / "merged_header.pdf") == "pdf"


def test_pdf_with_any_extension_is_pdf(tmp_path: Path) -> None:
    data = (FIXTURES / "narrative.pdf").read_bytes()
    assert sniff(write(tmp_path, "laporan.docx", data)) == "pdf"
    assert sniff(write(tmp_path, "laporan", data)) == "pdf"


def test_pdf_magic_after_leading_junk_within_1024_bytes(tmp_path: Path) -> None:
    assert sniff(write(tmp_path, "a.bin", b"\x00" * 1000 + b"%PDF-1.7\n")) == "pdf"


def test_pdf_magic_after_1024_bytes_is_not_pdf(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "a.pdf", b"\x00" * 1024 + b"%PDF-1.7\n"))
    assert error.code == "E005"
    assert "unknown binary" in error.detail


def test_truncated_pdf_is_still_pdf(tmp_path: Path) -> None:
    # the reader reports E001 with a detail; sniffing only names the format
    assert sniff(write(tmp_path, "t.pdf", b"%PDF-1.4\n1 0 obj")) == "pdf"


def test_zip_with_word_document_is_docx(tmp_path: Path) -> None:
    assert sniff(write(tmp_path, "laporan.pdf", zip_bytes(DOCX_MEMBERS))) == "docx"


def test_corpus_docx_files_are_docx() -> None:
    folder = CORPUS / "docx"
    if not folder.is_dir():
        pytest.skip(f"robustness corpus not found at {folder}")
    files = sorted(folder.glob("*.docx"))
    assert files
    assert {sniff(path) for path in files} == {"docx"}


def test_corpus_pdf_files_are_pdf_except_the_empty_one() -> None:
    folder = CORPUS / "pdf"
    if not folder.is_dir():
        pytest.skip(f"robustness corpus not found at {folder}")
    for path in sorted(folder.glob("*.pdf")):
        if path.stat().st_size == 0:
            assert refusal(path).code == "E001"
        else:
            assert sniff(path) == "pdf", path.name


# ------------------------------------------------------------------------------------------
# Refused, with what the file looks like


def test_empty_file_is_e001(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "empty.pdf", b""))
    assert (error.code, error.detail) == ("E001", "empty file (0 bytes)")


def test_missing_file_is_e001(tmp_path: Path) -> None:
    assert refusal(tmp_path / "missing.docx").code == "E001"


def test_legacy_doc_is_e005(tmp_path: Path) -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    error = refusal(write(tmp_path, "laporan.docx", ole2))
    assert error.code == "E005"
    assert "legacy Word .doc" in error.detail and "save as .docx" in error.detail


def test_rtf_is_e005(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "laporan.doc", b"{\\rtf1\\ansi Laporan Kinerja}"))
    assert error.code == "E005"
    assert "RTF" in error.detail


def test_odt_is_e005(tmp_path: Path) -> None:
    data = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
    )
    error = refusal(write(tmp_path, "laporan.docx", data))
    assert (error.code, error.detail) == ("E005", "OpenDocument text: export as PDF or DOCX")


def test_xlsx_is_e005(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "a.docx", zip_bytes({"xl/workbook.xml": b"<workbook/>"})))
    assert error.code == "E005"
    assert "Excel" in error.detail


def test_zip_without_word_document_is_e005(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "a.docx", zip_bytes({"readme.txt": b"hello"})))
    assert error.code == "E005"
    assert "without word/document.xml" in error.detail


def test_damaged_zip_is_e001(tmp_path: Path) -> None:
    data = zip_bytes(DOCX_MEMBERS)
    error = refusal(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert error.code == "E001"
    assert "damaged ZIP" in error.detail


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 32, "JPEG image"),
        (b"II*\x00" + b"\x00" * 32, "TIFF image"),
        (b"GIF89a" + b"\x00" * 32, "GIF image"),
    ],
)
def test_images_are_e005(tmp_path: Path, data: bytes, word: str) -> None:
    error = refusal(write(tmp_path, "scan.pdf", data))
    assert error.code == "E005"
    assert word in error.detail


def test_plain_text_is_e005(tmp_path: Path) -> None:
    text = "LAPORAN KINERJA CAMAT SENDURO\nTriwulan II 2023 — capaian 85%\n".encode()
    error = refusal(write(tmp_path, "laporan.pdf", text))
    assert error.code == "E005"
    assert "plain text" in error.detail


def test_html_is_e005(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "laporan.doc", b"<!DOCTYPE html><html><body>x</body></html>"))
    assert error.code == "E005"
    assert "HTML" in error.detail


def test_unknown_binary_is_e005(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "x.pdf", bytes(range(256)) * 2))
    assert error.code == "E005"
    assert "unknown binary" in error.detail
