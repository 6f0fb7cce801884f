"""Guards of the reader (issue 5): size and page limits, zip bombs, XML entities, empty
files, wrong extensions, odd file types and file names. Each refusal is a FileError with a
specific detail; nothing hangs, nothing leaks, nothing crashes."""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import time
import zipfile
from pathlib import Path

import pytest

from lapkin_audit.errors import FileError, display_path, display_text
from lapkin_audit.model import Report
from lapkin_audit.parse import docx as docx_reader
from lapkin_audit.parse import reader
from lapkin_audit.parse.reader import MAX_BYTES, MAX_PAGES, read_report

SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"
DOCX = SAMPLES / "pasirian-tw1-2024.docx"
PDF = SAMPLES / "pasirian-tw1-2024.pdf"
MIB = 1024 * 1024


def refusal(path: Path | str, **kwargs: object) -> FileError:
    with pytest.raises(FileError) as error:
        read_report(path, **kwargs)  # type: ignore[arg-type]
    # every refusal can be printed and JSON-encoded in both languages
    text = json.dumps({"path": error.value.path, "id": error.value.message("id"),
                       "en": error.value.message("en"), "str": str(error.value)},
                      ensure_ascii=False)
    text.encode("utf-8")
    return error.value


def copy_to(tmp_path: Path, source: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes(source.read_bytes())
    return target


def rezip(source: Path, target: Path, change: dict[str, bytes | None] | None = None,
          extra: dict[str, bytes] | None = None) -> Path:
    """``source`` re-packed with members replaced (bytes) or dropped (None), plus ``extra``."""
    change = change or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change.get(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return target


def with_document_xml(tmp_path: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(DOCX) as archive:
        xml = archive.read("word/document.xml")
    return rezip(DOCX, tmp_path / name, {"word/document.xml": edit(xml)})


# ------------------------------------------------------------------------------------------
# File size and page limits


def test_default_limits() -> None:
    assert MAX_BYTES == 100 * MIB and MAX_PAGES == 1000


@pytest.mark.parametrize("source", [PDF, DOCX])
def test_file_over_the_size_limit_is_e001_naming_size_limit_and_option(tmp_path: Path,
                                                                       source: Path) -> None:
    path = copy_to(tmp_path, source, "big" + source.suffix)
    error = refusal(path, max_bytes=10_000)
    assert error.code == "E001"
    assert f"{source.stat().st_size:,} bytes" in error.detail and "10,000 bytes" in error.detail
    assert "--max-size" in error.detail


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A sparse 150 MiB file is refused from its size alone, at once."""
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(150 * MIB)
    started = time.perf_counter()
    error = refusal(path)
    assert time.perf_counter() - started < 1.0
    assert error.code == "E001"
    assert "150 MiB" in error.detail and "100 MiB" in error.detail and "--max-size" in error.detail


def test_size_limit_at_exact_size_and_switched_off() -> None:
    size = PDF.stat().st_size
    assert isinstance(read_report(PDF, max_bytes=size), Report)
    assert isinstance(read_report(PDF, max_bytes=None), Report)


def test_page_limit_is_e001_naming_pages_limit_and_option() -> None:
    error = refusal(PDF, max_pages=5)
    assert error.code == "E001"
    assert "6 pages, over the page limit of 5" in error.detail
    assert "--max-pages" in error.detail
    assert read_report(PDF, max_pages=6).source.pages == 6
    assert read_report(PDF, max_pages=None).source.pages == 6


def many_pages_pdf(path: Path, pages: int, declared: int | None = None) -> Path:
    """A minimal PDF of ``pages`` empty pages whose page tree says /Count ``declared``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (i + 3) for i in range(pages))
               + b"] /Count %d >>" % (pages if declared is None else declared)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_page_limit_is_checked_before_pages_are_enumerated(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The page tree's /Count refuses a 5,000-page file without building 5,000 pages."""
    import pdfplumber

    path = many_pages_pdf(tmp_path / "many.pdf", 5000)

    def fail(self: object) -> None:
        raise AssertionError("pages were enumerated")

    monkeypatch.setattr(pdfplumber.PDF, "pages", property(fail))
    error = refusal(path, max_pages=1000)
    assert error.code == "E001"
    assert "declares 5000 pages, over the page limit of 1000" in error.detail


def test_page_limit_holds_when_the_page_count_lies(tmp_path: Path) -> None:
    path = many_pages_pdf(tmp_path / "liar.pdf", 5, declared=1)
    error = refusal(path, max_pages=2)
    assert "5 pages, over the page limit of 2" in error.detail


def test_page_limit_default_reaches_the_pdf_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    from lapkin_audit.parse import pdf

    real = pdf.read_pdf

    def spy(path: Path, **kwargs: object) -> Report:
        seen.update(kwargs)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "read_pdf", spy)
    read_report(PDF)
    assert seen["max_pages"] == MAX_PAGES


# ------------------------------------------------------------------------------------------
# Zip bombs (declared size and ratio), before any XML is parsed


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the package was opened although the zip check should refuse it")

    monkeypatch.setattr(docx, "Document", fail)


def test_zip_declaring_a_huge_member_is_refused_unread(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A member declaring 300 MiB uncompressed (the central directory is what is checked)."""
    path = rezip(DOCX, tmp_path / "declared.docx", extra={"word/media/big.bin": b"x" * 1000})
    data = bytearray(path.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # central directory entry of the last member
    struct.pack_into("<I", data, entry + 24, 300 * MIB)
    path.write_bytes(bytes(data))
    no_parsing(monkeypatch)
    error = refusal(path)
    assert error.code == "E001"
    assert "zip bomb" in error.detail and "300 MiB" in error.detail


def test_zip_with_extreme_compression_ratio_is_refused(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """15 MiB of blanks compress ~1000:1: under the size cap, over the ratio cap."""
    path = rezip(DOCX, tmp_path / "ratio.docx", extra={"word/padding.xml": b" " * (15 * MIB)})
    assert path.stat().st_size < 200_000
    no_parsing(monkeypatch)
    error = refusal(path)
    assert error.code == "E001"
    assert "compression ratio" in error.detail and "zip bomb" in error.detail
    assert f"{docx_reader.MAX_COMPRESSION_RATIO}:1" in error.detail


def test_raising_max_bytes_raises_the_uncompressed_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A --max-size over half the uncompressed cap lifts the cap to twice the file limit."""
    seen: list[object] = []
    real = docx_reader.read_docx

    def spy(path: Path, **kwargs: object) -> Report:
        seen.append(kwargs["max_bytes"])
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docx_reader, "read_docx", spy)
    read_report(DOCX)
    read_report(DOCX, max_bytes=150 * MIB)
    read_report(DOCX, max_bytes=None)
    cap = docx_reader.MAX_UNCOMPRESSED_BYTES
    assert seen == [cap, 300 * MIB, cap]


def test_lying_declared_size_cannot_expand(tmp_path: Path) -> None:
    """A member declaring a small size but holding 50 MiB is cut at the declared size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (50 * MIB))
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, 22, 1000)  # local header
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)  # central directory
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    started = time.perf_counter()
    assert refusal(path).code == "E001"
    assert time.perf_counter() - started < 5


# ------------------------------------------------------------------------------------------
# XML entities are never expanded


BILLION_LAUGHS = b'<!DOCTYPE w:document [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (k, (b"&lol%d;" % (k - 1) if k > 1 else b"&lol;") * 10)
    for k in range(1, 10)
) + b"]>"


def insert_doctype(xml: bytes, doctype: bytes, reference: bytes) -> bytes:
    root = xml.index(b"<w:document")
    xml = xml[:root] + doctype + xml[root:]
    text = xml.index(b"<w:t>") + len(b"<w:t>")
    return xml[:text] + reference + xml[text:]


def test_billion_laughs_is_e001_quickly(tmp_path: Path) -> None:
    path = with_document_xml(tmp_path, "laughs.docx",
                             lambda xml: insert_doctype(xml, BILLION_LAUGHS, b"&lol9;"))
    started = time.perf_counter()
    error = refusal(path)
    assert time.perf_counter() - started < 5
    assert error.code == "E001" and "billion laughs" in error.detail
    assert "not expanded" in error.detail


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("RAHASIA-NEGARA-4711\n", encoding="utf-8")
    return path


def outcome_text(path: Path) -> str:
    try:
        return read_report(path).model_dump_json()
    except FileError as error:
        return f"{error.code} {error.detail} {error.message('id')} {error.message('en')}"


def test_external_entity_is_not_expanded(tmp_path: Path, secret: Path) -> None:
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "%s">]>' % secret.as_uri().encode()
    path = with_document_xml(tmp_path, "xxe.docx", lambda xml: insert_doctype(xml, doctype, b"&xxe;"))
    text = outcome_text(path)
    assert "RAHASIA" not in text
    report = read_report(path)  # read, without the entity
    assert report.paragraphs and report.views


def test_external_parameter_entity_is_not_loaded(tmp_path: Path, secret: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    doctype = b'<!DOCTYPE w:document [<!ENTITY %% p SYSTEM "%s"> %%p;]>' % dtd.as_uri().encode()
    path = with_document_xml(tmp_path, "pe.docx", lambda xml: insert_doctype(xml, doctype, b"&leak;"))
    assert "RAHASIA" not in outcome_text(path)


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    doctype = b'<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">'
    path = with_document_xml(tmp_path, "dtd.docx", lambda xml: insert_doctype(xml, doctype, b""))
    started = time.perf_counter()
    outcome_text(path)
    assert time.perf_counter() - started < 5


def test_entities_in_another_part_are_not_expanded(tmp_path: Path, secret: Path) -> None:
    with zipfile.ZipFile(DOCX) as archive:
        styles = archive.read("word/styles.xml")
    root = styles.index(b"<w:styles")
    doctype = b'<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "%s">]>' % secret.as_uri().encode()
    styles = styles[:root] + doctype + styles[root:]
    styles = styles.replace(b'w:val="Normal"', b'w:val="&xxe;"', 1)
    path = rezip(DOCX, tmp_path / "styles.docx", {"word/styles.xml": styles})
    assert "RAHASIA" not in outcome_text(path)


# ------------------------------------------------------------------------------------------
# Empty files, non-files


@pytest.mark.parametrize("name", ["kosong.pdf", "kosong.docx", "kosong"])
def test_empty_file_is_e001(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    error = refusal(path)
    assert (error.code, error.detail) == ("E001", "empty file (0 bytes)")


def test_folder_is_e001(tmp_path: Path) -> None:
    folder = tmp_path / "laporan.pdf"
    folder.mkdir()
    error = refusal(folder)
    assert error.code == "E001" and "folder" in error.detail


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_e001_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    started = time.perf_counter()
    error = refusal(fifo)
    assert time.perf_counter() - started < 1
    assert error.code == "E001" and "not a regular file" in error.detail


def test_missing_file_is_e001(tmp_path: Path) -> None:
    error = refusal(tmp_path / "nope.docx")
    assert error.code == "E001" and "No such file" in error.detail


def test_unreadable_file_is_e001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # File permissions do not bind root (CI runs as root), so the refusal of the operating
    # system is simulated where the reader opens the file.
    path = copy_to(tmp_path, DOCX, "locked.docx")
    real_open = Path.open

    def locked(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    error = refusal(path)
    assert error.code == "E001" and "Permission denied" in error.detail


# ------------------------------------------------------------------------------------------
# Wrong extensions: the content decides


def shape(report: Report) -> tuple[int, int, int, str]:
    return len(report.tables), len(report.views), len(report.paragraphs), report.source.format


def test_pdf_named_docx_is_read_as_pdf(tmp_path: Path) -> None:
    report = read_report(copy_to(tmp_path, PDF, "laporan.docx"))
    assert shape(report) == shape(read_report(PDF))


def test_docx_named_pdf_is_read_as_docx(tmp_path: Path) -> None:
    report = read_report(copy_to(tmp_path, DOCX, "laporan.pdf"))
    assert shape(report) == shape(read_report(DOCX))


def ole2_doc() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"W\x00o\x00r\x00d\x00" * 20


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "words"), [
    (ole2_doc(), "legacy Word .doc"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} LAPORAN KINERJA \\par }", "RTF document"),
    (odt(), "OpenDocument text"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64, "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64, "JPEG image"),
    (b"LAPORAN KINERJA TRIWULAN I 2024\n", "plain text"),
])
@pytest.mark.parametrize("name", ["laporan.pdf", "laporan.docx"])
def test_other_formats_are_e005_naming_the_format(tmp_path: Path, content: bytes, words: str,
                                                 name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = refusal(path)
    assert error.code == "E005"
    assert words in error.detail
    assert words in error.message("en") and "PDF or DOCX" in error.message("en")


# ------------------------------------------------------------------------------------------
# File names that are not valid UTF-8


def bytes_path(tmp_path: Path, name: bytes) -> str:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the file system does not take arbitrary bytes in names")
    return os.fsdecode(os.path.join(os.fsencode(tmp_path), name))


def test_non_utf8_name_is_read_and_its_report_serialises(tmp_path: Path) -> None:
    path = bytes_path(tmp_path, b"lap\xffkin.docx")
    Path(path).write_bytes(DOCX.read_bytes())
    assert "\udcff" in path  # Python's surrogate escape of the byte 0xff
    report = read_report(path)
    assert report.source.path.endswith("lap\ufffdkin.docx")
    report.source.path.encode("utf-8")
    assert json.loads(report.model_dump_json())["source"]["path"].endswith("lap\ufffdkin.docx")
    print(report.source.path)  # printing must not raise either


def test_non_utf8_name_as_bytes_path(tmp_path: Path) -> None:
    path = bytes_path(tmp_path, b"lap\xffkin.pdf")
    Path(path).write_bytes(PDF.read_bytes())
    report = read_report(os.fsencode(path))
    assert report.source.path.endswith("lap\ufffdkin.pdf")
    json.loads(report.model_dump_json())


def test_non_utf8_name_in_a_file_error(tmp_path: Path) -> None:
    path = bytes_path(tmp_path, b"kos\xfeong\xc3.pdf")
    Path(path).write_bytes(b"")
    error = refusal(path)
    assert error.path.endswith("kos\ufffdong\ufffd.pdf")
    assert error.path in str(error)
    str(error).encode("utf-8")


def test_non_utf8_name_of_a_damaged_docx_in_the_detail(tmp_path: Path) -> None:
    """Exception texts quoting the path are cleaned too."""
    path = bytes_path(tmp_path, b"rusak\xff.docx")
    Path(path).write_bytes(DOCX.read_bytes()[:3000])
    error = refusal(path)
    assert error.code == "E001"
    (error.detail + error.path).encode("utf-8")


def test_display_text_and_path() -> None:
    assert display_text("laporan.pdf") == "laporan.pdf"
    assert display_text("lap\udcffkin") == "lap\ufffdkin"
    assert display_text("a\ud800b") == "a?b"  # a surrogate that is no escaped byte
    assert display_path(b"lap\xffkin.pdf") == "lap\ufffdkin.pdf"
    assert display_path(Path("é/ü.docx")) == "é/ü.docx"
    assert FileError("E001", "x\udcff.pdf", "at x\udcff.pdf").detail == "at x\ufffd.pdf"


# ------------------------------------------------------------------------------------------
# Regressions found by the mutation test


def test_regression_huge_grid_span_is_e001_not_a_memory_blowup(tmp_path: Path) -> None:
    """gridSpan="2147483647" used to expand a grid of billions of columns (the process grew
    past 3 GiB and hung)."""
    path = with_document_xml(tmp_path, "span.docx", lambda xml: xml.replace(
        b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2147483647"/>', 1))
    started = time.perf_counter()
    error = refusal(path)
    assert time.perf_counter() - started < 5
    assert error.code == "E001" and "grid columns" in error.detail


def test_regression_huge_grid_before_and_tbl_grid(tmp_path: Path) -> None:
    path = with_document_xml(tmp_path, "before.docx", lambda xml: xml.replace(
        b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>', 1))
    assert refusal(path).code == "E001"
    cols = b"<w:gridCol/>" * 5000
    path = with_document_xml(tmp_path, "grid.docx", lambda xml: xml.replace(
        b"<w:tblGrid>", b"<w:tblGrid>" + cols, 1))
    error = refusal(path)
    assert error.code == "E001" and "5" in error.detail and "columns" in error.detail


def test_regression_negative_and_odd_spans_are_clamped(tmp_path: Path) -> None:
    for value in (b"-5", b"\xc2\xb2", b"1_0", b"--3", b" 2 ", b""):
        path = with_document_xml(tmp_path, "odd.docx", lambda xml, v=value: xml.replace(
            b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + v + b'"/>', 3).replace(
            b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="' + v + b'"/></w:trPr>', 2))
        report = read_report(path)
        assert all(c.col >= 0 and c.colspan >= 1 for t in report.tables for c in t.cells)
    # 5,000 digits: beyond int()'s digit limit; clamped, then too wide
    path = with_document_xml(tmp_path, "digits.docx", lambda xml: xml.replace(
        b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + b"9" * 5000 + b'"/>', 1))
    assert "grid columns" in refusal(path).detail


@pytest.mark.parametrize("start", [b"99999999999", b"2147483647", b"-7"])
def test_regression_huge_list_start_does_not_expand(tmp_path: Path, start: bytes) -> None:
    """A list level starting at 10^11 in upperLetter used to build a label of billions of
    letters (and upperRoman a loop of millions of steps); starts are clamped to Word's 32767."""
    import docx

    document = docx.Document()
    document.add_paragraph("Satu", style="List Number")
    document.add_paragraph("Dua", style="List Number")
    plain = tmp_path / "list.docx"
    document.save(plain)
    assert [p.text for p in docx_reader.read_docx(plain).paragraphs] == ["1. Satu", "2. Dua"]
    with zipfile.ZipFile(plain) as archive:
        numbering = archive.read("word/numbering.xml")
    numbering = numbering.replace(b'<w:start w:val="1"/>', b'<w:start w:val="' + start + b'"/>')
    for fmt in (b"upperLetter", b"upperRoman"):
        changed = numbering.replace(b'w:numFmt w:val="decimal"', b'w:numFmt w:val="' + fmt + b'"')
        path = rezip(plain, tmp_path / "start.docx", {"word/numbering.xml": changed})
        started = time.perf_counter()
        texts = [p.text for p in docx_reader.read_docx(path).paragraphs]
        assert time.perf_counter() - started < 5
        assert all(len(text) < 2000 for text in texts) and texts[0].endswith(" Satu")


def test_module_constants_are_documented_in_the_reader() -> None:
    assert "max_bytes" in (reader.read_report.__doc__ or "") + (reader.__doc__ or "")


def odd_zip(field: str) -> bytes:
    """An OpenDocument-like zip whose ``mimetype`` member cannot be read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" * 3)
        archive.writestr("content.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    if field == "inflate":  # compressed bytes damaged: zlib.error
        for i in range(30 + len("mimetype"), 40 + len("mimetype")):
            data[i] ^= 0x55
    elif field == "encrypted":  # flag bit 0: RuntimeError "password required"
        struct.pack_into("<H", data, 6, 1)
        struct.pack_into("<H", data, central + 8, 1)
    elif field == "method":  # compression method 99: NotImplementedError
        struct.pack_into("<H", data, 8, 99)
        struct.pack_into("<H", data, central + 10, 99)
    return bytes(data)


@pytest.mark.parametrize("field", ["inflate", "encrypted", "method"])
def test_regression_unreadable_zip_member_while_sniffing(tmp_path: Path, field: str) -> None:
    """sniff used to let zlib.error, RuntimeError and NotImplementedError escape from reading
    the ``mimetype`` member."""
    path = tmp_path / "odd.pdf"
    path.write_bytes(odd_zip(field))
    error = refusal(path)
    assert error.code == "E005" and "ZIP archive" in error.detail


def test_zip_error_details_are_one_short_line(tmp_path: Path) -> None:
    data = bytearray(odd_zip("none"))
    struct.pack_into("<H", data, 26, 200)  # local header name length: zipfile quotes bytes
    path = tmp_path / "odd.docx"
    path.write_bytes(bytes(data))
    error = refusal(path)
    assert error.code in ("E001", "E005") and len(error.detail) < 200 and "\n" not in error.detail


def test_regression_zip_version_too_new_is_e001(tmp_path: Path) -> None:
    """Found by the sniff property test: zipfile raises NotImplementedError ("zip file version
    6.4") when a member needs a newer ZIP version; sniff let it escape."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    data[data.find(b"PK\x01\x02") + 6] = 64  # "version needed to extract": 6.4
    for name in ("v.docx", "v.pdf"):
        path = tmp_path / name
        path.write_bytes(bytes(data))
        error = refusal(path)
        assert error.code == "E001" and "zip file version" in error.detail
    from lapkin_audit.parse.docx import read_docx

    with pytest.raises(FileError) as error:
        read_docx(tmp_path / "v.docx")
    assert error.value.code == "E001"
