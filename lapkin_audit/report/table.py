"""One row per finding, for the inspectorate's spreadsheet: ``--format csv`` and ``xlsx``.

A file that could not be audited gives one row with its E-code; a file without findings gives
one row with an empty code, so every file of the batch appears. The xlsx workbook has a
second sheet with one row per file (status, counts, most frequent rules).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from lapkin_audit.check import FileResult
from lapkin_audit.report.json import _number, unit_name
from lapkin_audit.rules.dates import report_date

COLUMNS = ["file", "status", "unit", "year", "quarter", "code", "name", "severity", "page",
           "table", "row", "column", "message", "actual", "expected", "actual_text",
           "expected_text", "fingerprint"]
SUMMARY_COLUMNS = ["file", "status", "unit", "date", "errors", "warnings", "info", "baselined",
                   "top_rules"]


def rows(results: list[FileResult], lang: str = "id") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for result in results:
        report = result.report
        base = {
            "file": str(result.path),
            "status": result.status,
            "unit": unit_name(report.unit) if report else None,
            "year": report.period.year if report else None,
            "quarter": report.period.quarter if report else None,
        }
        if result.error_code:
            message = result.error_message.get(lang) if result.error_message else ""
            out.append({**base, "code": result.error_code, "severity": "error",
                        "message": message})
            continue
        if not result.findings:
            out.append(dict(base))
            continue
        for f in result.findings:
            loc = f.location
            out.append({**base, "code": f.code, "name": f.name, "severity": f.severity.value,
                        "page": loc.page, "table": loc.table, "row": loc.row,
                        "column": loc.column, "message": f.message.get(lang),
                        "actual": _number(f.actual), "expected": _number(f.expected),
                        "actual_text": f.actual_text, "expected_text": f.expected_text,
                        "fingerprint": f.fingerprint})
    return [{c: row.get(c) for c in COLUMNS} for row in out]


def top_rules(result: FileResult, n: int = 3) -> str:
    counts = Counter(f.code for f in result.findings)
    return ", ".join(f"{code}×{count}" for code, count in counts.most_common(n))


def summary_rows(results: list[FileResult]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        date = report_date(r.report) if r.report else None
        from lapkin_audit.model import Severity

        out.append({
            "file": str(r.path), "status": r.status,
            "unit": unit_name(r.report.unit) if r.report else None,
            "date": date.isoformat() if date else None,
            "errors": r.count(Severity.ERROR) + (1 if r.error_code else 0),
            "warnings": r.count(Severity.WARNING), "info": r.count(Severity.INFO),
            "baselined": r.baselined, "top_rules": r.error_code or top_rules(r),
        })
    return out


def _safe(value: Any) -> Any:
    """Cells that a spreadsheet would run as a formula get a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_csv(results: list[FileResult], *, lang: str = "id") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(results, lang):
        writer.writerow({k: "" if v is None else _safe(v) for k, v in row.items()})
    return buffer.getvalue()


def render_xlsx(results: list[FileResult], *, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Findings" if lang == "en" else "Temuan"
    sheet.append(COLUMNS)
    for row in rows(results, lang):
        sheet.append([_safe(row[c]) for c in COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    summary = book.create_sheet("Summary" if lang == "en" else "Ringkasan")
    summary.append(SUMMARY_COLUMNS)
    for row in summary_rows(results):
        summary.append([_safe(row[c]) for c in SUMMARY_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
