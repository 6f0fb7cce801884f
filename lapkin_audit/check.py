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
from typing import Any

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
    seconds: float | None = None  # time the file took, when measured
    baselined: int = 0  # findings dropped because the baseline accepts them

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
    max_bytes: int | None = None  # None: the reader's defaults (parse.reader.MAX_BYTES …)
    max_pages: int | None = None
    # selector (code, prefix, name, family) -> severity; the most specific selector wins
    severity: dict[str, str] = field(default_factory=dict)
    # merged over the pack's ``tolerances`` section (the configuration's ``tolerances``)
    tolerances: dict[str, Any] = field(default_factory=dict)


def read_report(path: Path, password: str | None = None, *, max_bytes: int | None = None,
                max_pages: int | None = None) -> Report:
    """The reader (imported on use: pdfplumber and python-docx are heavy)."""
    from lapkin_audit.parse import reader

    return reader.read_report(path, password=password,
                              max_bytes=max_bytes or reader.MAX_BYTES,
                              max_pages=max_pages or reader.MAX_PAGES)


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked for .pdf/.docx (any case), each folder in sorted order.

    Word's lock files (``~$laporan.docx``) are skipped: they are not documents.
    """
    return [p for p in walk(paths)[0]]


def walk(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to audit, and a result for each folder that could not be read.

    Symbolic links to folders are followed once: a folder already visited (a symlink loop,
    or two links to one folder) is not walked again. Files are sorted by path per folder
    given, so a batch always runs in the same order.
    """
    files: list[Path] = []
    problems: list[FileResult] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found: list[Path] = []
        seen: set[tuple[int, int]] = set()
        _walk_dir(path, found, problems, seen)
        files.extend(sorted(found, key=lambda p: p.as_posix()))
    return files, problems


def _walk_dir(folder: Path, found: list[Path], problems: list[FileResult],
              seen: set[tuple[int, int]]) -> None:
    import os

    try:
        info = folder.stat()
    except OSError as exc:
        problems.append(_folder_error(folder, exc))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:  # a symlink loop or a second link to a folder already walked
        return
    seen.add(key)
    try:
        with os.scandir(folder) as entries:
            children = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        problems.append(_folder_error(folder, exc))
        return
    for entry in children:
        child = Path(entry.path)
        try:
            if entry.is_dir():  # follows symlinks; loops stop at ``seen``
                _walk_dir(child, found, problems, seen)
            elif entry.is_file() and _is_document(child):
                found.append(child)
        except OSError as exc:
            problems.append(_folder_error(child, exc))


def _folder_error(folder: Path, exc: OSError) -> FileResult:
    reason = exc.strerror or type(exc).__name__
    message = Message(
        id=f"Folder tidak dapat dibaca ({reason}); berkas di dalamnya tidak diperiksa. "
        "Periksa izin akses folder, lalu jalankan ulang.",
        en=f"The folder cannot be read ({reason}); the files in it were not audited. "
        "Check the folder's permissions, then run again.",
    )
    return FileResult(path=folder, error_code="E001", error_message=message)


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
        report = read_report(path, password=options.password, max_bytes=options.max_bytes,
                             max_pages=options.max_pages)
        if ctx.pack is None:  # no --pack: the report's own region decides
            ctx = replace(ctx, pack=pack_for_region(report.unit.wilayah))
        if options.tolerances:
            ctx = replace(ctx, pack=with_tolerances(ctx.pack, options.tolerances))
        findings = audit(report, ctx, select=options.select, ignore=options.ignore)
        findings = apply_severity(findings, options.severity, options.min_severity)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return _failed(path, exc)
    return FileResult(path=path, report=report, findings=findings, pack=ctx.pack.name)


def with_tolerances(pack: Any, tolerances: dict[str, Any]) -> Any:
    """A copy of ``pack`` whose ``tolerances`` section has ``tolerances`` merged over it."""
    from lapkin_audit.packs import Pack, _deep_merge

    sections = dict(pack.sections)
    sections["tolerances"] = _deep_merge(sections.get("tolerances", {}), tolerances)
    return Pack(pack.name, list(pack.chain), sections)


def apply_severity(findings: list[Finding], overrides: dict[str, str],
                   min_severity: Severity | None) -> list[Finding]:
    """Severity overrides (most specific selector wins), then the ``--min-severity`` floor.

    File-level refusals and internal errors (E0xx) keep their severity.
    """
    if overrides:
        from lapkin_audit.engine import _specificity
        from lapkin_audit.rules.registry import all_rules

        rules = {r.code: r for r in all_rules()}
        for finding in findings:
            rule = rules.get(finding.code)
            if rule is None or finding.code.startswith("E0"):
                continue
            scored = [(_specificity(sel, rule), level) for sel, level in overrides.items()]
            best = max(scored, key=lambda item: item[0], default=(0, None))
            if best[0]:
                finding.severity = Severity(best[1])
    if min_severity is not None:
        floor = Severity(min_severity).rank
        findings = [f for f in findings if f.severity.rank >= floor]
    return findings


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
