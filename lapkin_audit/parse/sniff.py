"""Decide from a file's content whether it is a PDF or a DOCX; the extension is never trusted.

- ``%PDF-`` within the first 1024 bytes (readers accept leading junk there) → ``"pdf"``.
- A ZIP archive holding ``word/document.xml`` → ``"docx"`` (also .docm/.dotx: the DOCX
  reader decides what to do with their content types).
- Anything else raises :class:`FileError`: E001 for an empty file or a damaged ZIP (the file
  cannot be read at all), E005 with a detail naming what the file looks like (legacy ``.doc``,
  RTF, OpenDocument, other Office formats, HTML, images, plain text …) and what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from lapkin_audit.errors import FileError

HEAD_BYTES = 1024
PDF_MAGIC = b"%PDF-"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# (magic at offset 0, what it is). Checked after PDF and ZIP.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (OLE2_MAGIC, "legacy Word .doc (or another old Office file): save as .docx"),
    (b"{\\rtf", "RTF document: save as .docx or export as PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image: submit the report itself as PDF or DOCX"),
    (b"\xff\xd8\xff", "JPEG image: submit the report itself as PDF or DOCX"),
    (b"GIF87a", "GIF image: submit the report itself as PDF or DOCX"),
    (b"GIF89a", "GIF image: submit the report itself as PDF or DOCX"),
    (b"II*\x00", "TIFF image (a scan?): submit the report as PDF or DOCX"),
    (b"MM\x00*", "TIFF image (a scan?): submit the report as PDF or DOCX"),
    (b"BM", "BMP image: submit the report itself as PDF or DOCX"),
    (b"Rar!\x1a\x07", "RAR archive: extract the report and submit the PDF or DOCX"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive: extract the report and submit the PDF or DOCX"),
    (b"\x1f\x8b", "gzip archive: extract the report and submit the PDF or DOCX"),
)

OPENDOCUMENT_KINDS = {
    "application/vnd.oasis.opendocument.text": "OpenDocument text: export as PDF or DOCX",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet: export as PDF",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation: export as PDF",
}


def sniff(path: Path) -> Literal["pdf", "docx"]:
    """The format of ``path`` judged from its bytes, or a FileError (E001/E005)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not head:
        raise FileError("E001", str(path), "empty file (0 bytes)")
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGICS):
        return sniff_zip(path)
    for magic, description in BINARY_SIGNATURES:
        if head.startswith(magic):
            raise FileError("E005", str(path), description)
    raise FileError("E005", str(path), describe_text_or_binary(head))


def sniff_zip(path: Path) -> Literal["docx"]:
    """``"docx"`` for a ZIP holding ``word/document.xml``; E001 if the ZIP cannot be opened.

    Opening a hostile ZIP raises more than ``BadZipFile``: ``NotImplementedError`` ("zip file
    version 6.4", found by the property test), ``struct.error``, ``EOFError``,
    ``UnicodeDecodeError``, ``OSError``; all mean the same to the user.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = read_mimetype(archive, names)
    except Exception as exc:
        raise FileError(
            "E001", str(path), f"damaged ZIP container (truncated DOCX?): {short(exc)}"
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    raise FileError("E005", str(path), describe_zip(names, mimetype))


def read_mimetype(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The OpenDocument ``mimetype`` member (tiny by spec; capped anyway); "" if unreadable.

    Only a hint for naming the format: a damaged, encrypted or oddly compressed member
    (``zlib.error``, ``RuntimeError``, ``NotImplementedError`` from zipfile) must not decide.
    """
    if "mimetype" not in names:
        return ""
    try:
        with archive.open("mimetype") as member:
            return member.read(200).decode("ascii", "replace").strip()
    except Exception:  # noqa: BLE001 - see above
        return ""


def short(exc: BaseException, limit: int = 160) -> str:
    """An exception as a one-line detail (zipfile may quote whole headers)."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_zip(names: set[str], mimetype: str) -> str:
    if mimetype in OPENDOCUMENT_KINDS:
        return OPENDOCUMENT_KINDS[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return f"OpenDocument file ({mimetype}): export as PDF or DOCX"
    if "xl/workbook.xml" in names:
        return "Excel workbook (.xlsx): export the report as PDF or DOCX"
    if "ppt/presentation.xml" in names:
        return "PowerPoint presentation (.pptx): export as PDF"
    return "ZIP archive without word/document.xml (not a DOCX)"


def describe_text_or_binary(head: bytes) -> str:
    sample = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<html" in sample[:200]:
        return "HTML page: save the report as DOCX or export as PDF"
    if sample.startswith(b"<?xml") and b"w:worddocument" in sample:
        return "Word 2003 XML document: save as .docx"
    if sample.startswith(b"<?xml") and b"office:document" in sample:
        return "flat OpenDocument XML: export as PDF or DOCX"
    if sample.startswith(b"mime-version:") or b"multipart/related" in sample:
        return "web archive (.mht): save the report as DOCX or export as PDF"
    if looks_like_text(head):
        return "plain text file: submit the report as PDF or DOCX"
    return "unknown binary format: submit the report as PDF or DOCX"


def looks_like_text(head: bytes) -> bool:
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        # a multi-byte character cut at the end of the sample is still text
        try:
            decoded = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            decoded = head.decode("latin-1")
    printable = sum(1 for ch in decoded if ch.isprintable() or ch in "\r\n\t")
    return printable >= 0.95 * max(len(decoded), 1) and "\x00" not in decoded
