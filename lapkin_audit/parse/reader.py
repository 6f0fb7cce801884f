"""One entry point for every reader: sniff the content, read, interpret."""

from __future__ import annotations

from pathlib import Path

from lapkin_audit.errors import FileError
from lapkin_audit.model import Report


def read_report(path: Path | str, *, password: str | None = None,
                max_pages: int | None = None) -> Report:
    """Read a PDF or DOCX report into the typed model, or raise FileError (E001–E005)."""
    from lapkin_audit.parse.assemble import assemble, has_report_content
    from lapkin_audit.parse.sniff import sniff

    path = Path(path)
    try:
        kind = sniff(path)
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot open the file ({exc.strerror or exc})") from exc
    if kind == "pdf":
        from lapkin_audit.parse.pdf import read_pdf

        report = read_pdf(path, password=password, max_pages=max_pages)
    else:
        from lapkin_audit.parse.docx import read_docx

        report = read_docx(path)
    assemble(report)
    if not has_report_content(report):
        raise FileError("E004", str(path),
                        f"{len(report.tables)} tables, none recognised; no reporting period found")
    return report
