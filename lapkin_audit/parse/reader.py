"""One entry point for every reader: check the file, sniff the content, read, interpret.

Guards before any parser sees the file (issue 5):

- only regular files are read (a FIFO or device would block, a folder is not a report);
- empty files are E001;
- a file larger than ``max_bytes`` (default :data:`MAX_BYTES`) is E001, before it is read;
- a PDF with more than ``max_pages`` pages (default :data:`MAX_PAGES`) is E001, before any
  page is interpreted;
- a DOCX declaring more uncompressed content than :data:`~lapkin_audit.parse.docx.MAX_UNCOMPRESSED_BYTES`
  (or twice ``max_bytes`` when that is larger), or compressed more than
  :data:`~lapkin_audit.parse.docx.MAX_COMPRESSION_RATIO`:1, is E001 (zip bomb), before any XML
  is parsed; XML entities are never expanded (python-docx's parser, ``resolve_entities=False``);
- the format comes from the content, never from the extension (:mod:`lapkin_audit.parse.sniff`).

``None`` for either limit switches it off. The input file is only ever opened for reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lapkin_audit.errors import FileError
from lapkin_audit.model import Report

MIB = 1024 * 1024
MAX_BYTES = 100 * MIB  # file-size limit; the CLI exposes it in MiB (--max-size)
MAX_PAGES = 1000  # PDF page limit (--max-pages)


def read_report(path: Path | str | bytes, *, password: str | None = None,
                max_bytes: int | None = MAX_BYTES,
                max_pages: int | None = MAX_PAGES) -> Report:
    """Read a PDF or DOCX report into the typed model, or raise FileError (E001–E005).

    ``path`` may be bytes (a file name that is not valid UTF-8); paths in the report and in
    messages are made printable (undecodable bytes shown as U+FFFD).
    """
    from lapkin_audit.parse.assemble import assemble, has_report_content
    from lapkin_audit.parse.sniff import sniff

    path = Path(os.fsdecode(path))
    check_file(path, max_bytes)
    try:
        kind = sniff(path)
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot open the file ({exc.strerror or exc})") from exc
    if kind == "pdf":
        from lapkin_audit.parse.pdf import read_pdf

        report = read_pdf(path, password=password, max_pages=max_pages)
    else:
        from lapkin_audit.parse.docx import MAX_UNCOMPRESSED_BYTES, read_docx

        limit = MAX_UNCOMPRESSED_BYTES if max_bytes is None else max(MAX_UNCOMPRESSED_BYTES,
                                                                     2 * max_bytes)
        report = read_docx(path, max_bytes=limit)
    assemble(report)
    if not has_report_content(report):
        raise FileError("E004", str(path),
                        f"{len(report.tables)} tables, none recognised; no reporting period found")
    return report


def check_file(path: Path, max_bytes: int | None) -> int:
    """The size of ``path`` if it is a non-empty regular file within the limit, else E001."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot open the file ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise FileError("E001", str(path), "this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileError("E001", str(path), "not a regular file (a pipe, socket or device)")
    if info.st_size == 0:
        raise FileError("E001", str(path), "empty file (0 bytes)")
    if max_bytes is not None and info.st_size > max_bytes:
        raise FileError(
            "E001", str(path),
            f"the file is {format_mib(info.st_size)}, over the size limit of "
            f"{format_mib(max_bytes)} (raise it with --max-size MIB if the file is genuine)",
        )
    return info.st_size


def format_mib(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f} MiB".replace(".0 MiB", " MiB")
    return f"{size:,} bytes"
