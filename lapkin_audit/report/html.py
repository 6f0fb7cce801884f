"""One self-contained HTML page (``--format html``): a summary per file, then the findings
grouped by file and rule, with the value written and the value expected. Everything that comes
from a document or a message is escaped; no script, no external resource.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from lapkin_audit import __version__
from lapkin_audit.check import FileResult
from lapkin_audit.model import Finding
from lapkin_audit.report.json import summary, unit_name
from lapkin_audit.report.table import summary_rows
from lapkin_audit.report.text import place

CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f3f3f3}.error{color:#b00020}
.warning{color:#8a6d00}.info{color:#00639b}h2{margin-top:2em}code{font-size:95%}"""
WORDS = {
    "id": {"title": "Hasil pemeriksaan lapkin-audit", "file": "Berkas", "status": "Status",
           "errors": "Error", "warnings": "Peringatan", "info": "Info", "top": "Aturan tersering",
           "place": "Tempat", "message": "Pesan", "actual": "Tertulis", "expected": "Seharusnya",
           "clean": "Tidak ada temuan.", "unit": "Unit", "date": "Tanggal"},
    "en": {"title": "lapkin-audit results", "file": "File", "status": "Status",
           "errors": "Errors", "warnings": "Warnings", "info": "Info", "top": "Most frequent rules",
           "place": "Place", "message": "Message", "actual": "Written", "expected": "Expected",
           "clean": "No findings.", "unit": "Unit", "date": "Date"},
}


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _value(text: str | None, number: object) -> str:
    return _e(text if text is not None else number)


def _findings_table(findings: list[Finding], lang: str, w: dict[str, str]) -> list[str]:
    out = [(f"<table><tr><th>{w['place']}</th><th>{w['message']}</th><th>{w['actual']}</th>"
            f"<th>{w['expected']}</th></tr>")]
    for f in findings:
        out.append(f'<tr class="{_e(f.severity.value)}"><td>{_e(place(f.location, lang))}</td>'
                   f"<td>{_e(f.message.get(lang))}</td><td>{_value(f.actual_text, f.actual)}</td>"
                   f"<td>{_value(f.expected_text, f.expected)}</td></tr>")
    out.append("</table>")
    return out


def render(results: list[FileResult], *, lang: str = "id") -> str:
    w = WORDS["en" if lang == "en" else "id"]
    totals = summary(results)
    out = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
           f"<title>{_e(w['title'])}</title><style>{CSS}</style></head><body>",
           f"<h1>{_e(w['title'])}</h1>",
           (f"<p>lapkin-audit {_e(__version__)} · {totals['files']} · "
            f"{_e(w['errors'])} {totals['errors']} · {_e(w['warnings'])} {totals['warnings']} · "
            f"{_e(w['info'])} {totals['info']}</p>"),
           (f"<table><tr><th>{w['file']}</th><th>{w['unit']}</th><th>{w['date']}</th>"
            f"<th>{w['status']}</th><th>{w['errors']}</th><th>{w['warnings']}</th>"
            f"<th>{w['info']}</th><th>{w['top']}</th></tr>")]
    for i, row in enumerate(summary_rows(results)):
        out.append(f'<tr><td><a href="#file-{i}">{_e(row["file"])}</a></td>'
                   f"<td>{_e(row['unit'])}</td><td>{_e(row['date'])}</td>"
                   f"<td>{_e(row['status'])}</td><td>{row['errors']}</td>"
                   f"<td>{row['warnings']}</td><td>{row['info']}</td>"
                   f"<td>{_e(row['top_rules'])}</td></tr>")
    out.append("</table>")
    for i, result in enumerate(results):
        heading = str(result.path)
        if result.report is not None:
            heading += f" — {unit_name(result.report.unit) or ''}"
        out.append(f'<h2 id="file-{i}">{_e(heading)}</h2>')
        if result.error_code:
            message = result.error_message.get(lang) if result.error_message else ""
            out.append(f'<p class="error"><b>{_e(result.error_code)}</b> {_e(message)}</p>')
            continue
        if not result.findings:
            out.append(f"<p>{_e(w['clean'])}</p>")
            continue
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in result.findings:
            by_rule[f.code].append(f)
        for code in sorted(by_rule):
            group = by_rule[code]
            first = group[0]
            out.append(f'<h3 class="{_e(first.severity.value)}"><code>{_e(code)}</code> '
                       f"{_e(first.name)} · {_e(first.severity.value)} · {len(group)}</h3>")
            out.extend(_findings_table(group, lang, w))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
