"""Property: sniffing any bytes gives "pdf", "docx" or a FileError (E001/E005), nothing else."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lapkin_audit.errors import FileError
from lapkin_audit.parse.sniff import BINARY_SIGNATURES, PDF_MAGIC, ZIP_MAGICS, sniff

MAGICS = [PDF_MAGIC, *ZIP_MAGICS, *(magic for magic, _ in BINARY_SIGNATURES),
          b"\xef\xbb\xbf<?xml", b"<html", b"MIME-Version:", b"{\\rtf"]


def zip_of(members: list[tuple[str, bytes]], stored: bool) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in dict(members).items():  # one member per name
            archive.writestr(name, data)
    return buffer.getvalue()


MEMBER_NAMES = st.sampled_from(["word/document.xml", "mimetype", "[Content_Types].xml",
                                "xl/workbook.xml", "ppt/presentation.xml", "content.xml", "a"])
ZIPS = st.builds(zip_of, st.lists(st.tuples(MEMBER_NAMES, st.binary(max_size=300)), max_size=4),
                 st.booleans())


@st.composite
def damaged(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    """Bytes cut short or with a few bytes overwritten."""
    data = bytearray(draw(base))
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def patched_headers(draw: st.DrawFn) -> bytes:
    """A valid zip with one field of a local header, central directory entry or end record
    overwritten (versions, flags, methods, sizes, counts, offsets, name lengths)."""
    data = bytearray(draw(ZIPS))
    fields = []
    for magic, offsets in ((b"PK\x03\x04", (4, 6, 8, 18, 22, 26, 28)),
                           (b"PK\x01\x02", (4, 6, 8, 10, 20, 24, 28, 30, 32, 42)),
                           (b"PK\x05\x06", (8, 10, 12, 16, 20))):
        at = data.find(magic)
        while at >= 0:
            fields += [at + o for o in offsets if at + o + 2 <= len(data)]
            at = data.find(magic, at + 1)
    if fields:
        at = draw(st.sampled_from(fields))
        data[at: at + 2] = draw(st.integers(0, 0xFFFF)).to_bytes(2, "little")
    return bytes(data)


CONTENT = st.one_of(
    patched_headers(),
    st.binary(max_size=2048),
    st.builds(lambda m, rest: m + rest, st.sampled_from(MAGICS), st.binary(max_size=600)),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ZIPS,
    damaged(ZIPS),
)


def sniff_bytes(data: bytes, suffix: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(data)
        try:
            return sniff(path)
        except FileError as error:
            assert error.code in {"E001", "E005"}
            assert error.detail and error.message("id") and error.message("en")
            return error.code


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONTENT, st.sampled_from([".pdf", ".docx", ""]))
@example(  # found by this test: NotImplementedError("zip file version 6.4") escaped
    data=b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x05\x0b|]\xe7\x03\xd3\xd7\x0f\x00\x00\x00\x0f\x00"
    b"\x00\x00\x0b\x00\x00\x00content.xml\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    b"\x00PK\x01\x02\x14\x03@\x00\x00\x00\x00\x00\x05\x0b|]\xe7\x03\xd3\xd7\x0f\x00\x00\x00\x0f"
    b"\x00\x00\x00\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x00\x00\x00content"
    b".xmlPK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x009\x00\x00\x008\x00\x00\x00\x00\x00",
    suffix=".pdf",
)
def test_sniff_gives_a_format_or_a_file_error(data: bytes, suffix: str) -> None:
    assert sniff_bytes(data, suffix) in {"pdf", "docx", "E001", "E005"}


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200), st.binary(max_size=200))
def test_pdf_magic_in_the_first_kilobyte_is_pdf(before: bytes, after: bytes) -> None:
    if PDF_MAGIC in before:
        return
    assert sniff_bytes(before + PDF_MAGIC + after, ".docx") == "pdf"


@settings(max_examples=100, deadline=None)
@given(ZIPS)
def test_zip_with_word_document_is_docx_else_refused(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        has_document = "word/document.xml" in archive.namelist()
    outcome = sniff_bytes(data, ".pdf")
    if PDF_MAGIC in data[:1024]:
        assert outcome == "pdf"
    else:
        assert outcome == ("docx" if has_document else "E005")
