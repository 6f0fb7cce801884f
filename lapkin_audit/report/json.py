"""JSON output of `lapkin-audit check --format json` (a public contract: keys are only added).

::

    {"tool": {"name", "version"},
     "files": [{"path", "status": "audited"|"error", "error": null|{"code", "message"},
                "report": {"unit", "period": {"year", "quarter"}, "date"},
                "findings": [{"code", "name", "severity", "message",
                              "location": {"page", "table", "row", "column", "bbox"},
                              "actual", "expected", "fingerprint"}]}],
     "summary": {"files", "audited", "errors", "warnings", "info"}}

``actual``/``expected`` are numbers in the value's unit (percent as 58.82, rupiah, integer
counts) or ISO dates. ``summary.errors``/``warnings``/``info`` count findings by severity;
``summary.failed`` (added) counts files that could not be audited.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from lapkin_audit import __version__
from lapkin_audit.check import FileResult
from lapkin_audit.model import Finding, OrgUnit, Report, Severity
from lapkin_audit.rules.dates import report_date


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def unit_name(unit: OrgUnit) -> str | None:
    return unit.instansi or unit.jabatan or unit.wilayah


def _report(report: Report | None) -> dict[str, Any] | None:
    if report is None:
        return None
    date = report_date(report)
    return {
        "unit": unit_name(report.unit),
        "period": {"year": report.period.year, "quarter": report.period.quarter,
                   "annual": report.period.annual},
        "date": date.isoformat() if date else None,
        "format": report.source.format,
    }


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message.get(lang),
        "location": {
            "page": loc.page,
            "table": loc.table,
            "row": loc.row,
            "column": loc.column,
            "bbox": list(loc.bbox) if loc.bbox else None,
            "paragraph": loc.paragraph,
        },
        "actual": _number(finding.actual),
        "expected": _number(finding.expected),
        "actual_text": finding.actual_text,
        "expected_text": finding.expected_text,
        "fingerprint": finding.fingerprint,
    }


def file_dict(result: FileResult, lang: str) -> dict[str, Any]:
    error = None
    if result.error_code:
        message = result.error_message.get(lang) if result.error_message else ""
        error = {"code": result.error_code, "message": message}
    return {
        "path": str(result.path),
        "status": result.status,
        "error": error,
        "report": _report(result.report),
        "pack": result.pack,
        "findings": [finding_dict(f, lang) for f in result.findings],
    }


def summary(results: list[FileResult]) -> dict[str, int]:
    def total(severity: Severity) -> int:
        return sum(r.count(severity) for r in results)

    audited = sum(1 for r in results if r.status == "audited")
    return {
        "files": len(results),
        "audited": audited,
        "failed": len(results) - audited,
        "errors": total(Severity.ERROR),
        "warnings": total(Severity.WARNING),
        "info": total(Severity.INFO),
    }


def render(results: list[FileResult], *, lang: str = "id") -> str:
    document = {
        "tool": {"name": "lapkin-audit", "version": __version__},
        "files": [file_dict(r, lang) for r in results],
        "summary": summary(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
