"""`lapkin-audit check`: collect files, read each, audit it, decide the exit code.

One bad file never stops a batch: a :class:`FileError` (E001–E005) or an unexpected reader
crash (E000) becomes that file's result with ``status: "error"``.

Exit codes: 0 nothing at or above the fail level; 1 such findings; 2 a file could not be
audited, a rule crashed (E000: the audit is incomplete), or a usage/configuration error.
``--fail-on`` judges the findings that are shown, after ``--min-severity``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lapkin_audit.engine import INTERNAL_ERROR, audit
from lapkin_audit.errors import FileError
from lapkin_audit.model import Finding, Message, Report, Severity
from lapkin_audit.packs import pack_for_region
from lapkin_audit.rules.registry import Context

SUFFIXES = (".pdf", ".docx")
FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass
class FileResult:
    """What one file gave: a report and its findings, or the reason it could not be audited."""

    path: Path
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error_code: str | None = None
    error_message: Message | None = None
    pack: str | None = None  # the regulation pack the file was audited with

    @property
    def status(self) -> str:
        return "error" if self.error_code else "audited"

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass
class CheckOptions:
    select: list[str] | None = None
    ignore: list[str] | None = None
    min_severity: Severity | None = None
    password: str | None = None


def read_report(path: Path, password: str | None = None) -> Report:
    """The reader (imported on use: pdfplumber and python-docx are heavy)."""
    from lapkin_audit.parse.reader import read_report as read

    return read(path, password=password)


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked for .pdf/.docx (any case), each folder in sorted order.

    Word's lock files (``~$laporan.docx``) are skipped: they are not documents.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and _is_document(p))
            files.extend(sorted(found, key=lambda p: p.as_posix()))
        else:
            files.append(path)
    return files


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith("~$")


def _failed(path: Path, exc: Exception) -> FileResult:
    if isinstance(exc, FileError):
        message = Message(id=exc.message("id"), en=exc.message("en"))
        return FileResult(path=path, error_code=exc.code, error_message=message)
    error = f"{type(exc).__name__}: {exc}"
    message = Message(
        id=f"Kesalahan internal saat memeriksa berkas ({error}); berkas ini tidak diperiksa. "
        "Laporkan masalah ini kepada pengelola lapkin-audit.",
        en=f"Internal error while checking the file ({error}); the file was not audited. "
        "Please report this to the lapkin-audit maintainers.",
    )
    return FileResult(path=path, error_code=INTERNAL_ERROR, error_message=message)


def check_file(path: Path, ctx: Context, options: CheckOptions) -> FileResult:
    try:
        report = read_report(path, password=options.password)
        if ctx.pack is None:  # no --pack: the report's own region decides
            ctx = replace(ctx, pack=pack_for_region(report.unit.wilayah))
        findings = audit(report, ctx, select=options.select, ignore=options.ignore,
                         min_severity=options.min_severity)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return _failed(path, exc)
    return FileResult(path=path, report=report, findings=findings, pack=ctx.pack.name)


def check_paths(paths: Iterable[Path], ctx: Context, options: CheckOptions) -> list[FileResult]:
    return [check_file(path, ctx, options) for path in collect_paths(paths)]


def exit_code(results: list[FileResult], fail_on: str = "error") -> int:
    if any(r.status == "error" for r in results):
        return 2
    if any(f.code == INTERNAL_ERROR for r in results for f in r.findings):
        return 2
    if fail_on == "never":
        return 0
    floor = Severity(fail_on).rank
    failing = any(f.severity.rank >= floor for r in results for f in r.findings)
    return 1 if failing else 0


def parse_submitted(value: str | None) -> dt.date | None:
    """``--submitted YYYY-MM-DD``; a ValueError names the option."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--submitted {value!r}: expected a date as YYYY-MM-DD") from None
