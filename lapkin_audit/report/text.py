"""Text output of `lapkin-audit check`: per file, findings in document order, then a summary.

One line per finding, so the output greps well::

    laporan.docx  Kecamatan Senduro · Triwulan II 2023 · 30 Juni 2023
      A102  error    hlm. 7 · Tabel 2.2 · baris 2 · Capaian  Capaian tertulis 170%, …

Colours only on a terminal and without ``NO_COLOR`` (rich decides); never wrapped.
"""

from __future__ import annotations

from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lapkin_audit.check import FileResult
from lapkin_audit.model import Finding, FindingLocation, Report, Severity
from lapkin_audit.report.json import summary, unit_name
from lapkin_audit.rules.dates import format_date, report_date

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WORDS = {
    "id": {
        "error": "error", "warning": "peringatan", "info": "info",
        "page": "hlm.", "row": "baris", "para": "paragraf",
        "printed": "tertulis", "expected": "seharusnya", "quarter": "Triwulan", "year": "Tahun",
        "summary": "Ringkasan: {files} berkas, {audited} diperiksa, {failed} gagal; "
                   "{errors} error, {warnings} peringatan, {info} info",
        "clean": "tidak ada temuan",
        "file": "Berkas", "status": "Status", "errors": "Error", "warnings": "Peringatan",
        "top": "Aturan tersering", "audited": "diperiksa", "failed": "gagal",
        "baselined": "{n} temuan diterima oleh baseline",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "page": "p.", "row": "row", "para": "paragraph",
        "printed": "printed", "expected": "expected", "quarter": "Quarter", "year": "Year",
        "summary": "Summary: {files} {files_word}, {audited} audited, {failed} failed; "
                   "{errors} {errors_word}, {warnings} {warnings_word}, {info} info",
        "clean": "no findings",
        "file": "File", "status": "Status", "errors": "Errors", "warnings": "Warnings",
        "top": "Most frequent rules", "audited": "audited", "failed": "failed",
        "baselined": "{n} findings accepted by the baseline",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "id"]


def place(loc: FindingLocation, lang: str) -> str:
    """``hlm. 7 · Tabel 2.2 · baris 2 · Capaian`` (only the parts that are known)."""
    w = _words(lang)
    parts = []
    if loc.page is not None:
        parts.append(f"{w['page']} {loc.page}")
    if loc.table:
        parts.append(loc.table)
    if loc.row is not None:
        parts.append(f"{w['row']} {loc.row}")
    if loc.column:
        parts.append(loc.column)
    if loc.paragraph is not None and not loc.table and loc.page is None:
        parts.append(f"{w['para']} {loc.paragraph + 1}")
    return " · ".join(parts)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def values(finding: Finding, lang: str) -> str:
    """``tertulis X, seharusnya Y`` when the rule gave both printed forms and the message
    does not already say them (counts behind a message are not printed values)."""
    actual, expected = finding.actual_text, finding.expected_text
    message = finding.message.id  # the printed forms are Indonesian, as in the document
    if not actual or not expected or (actual in message and expected in message):
        return ""
    w = _words(lang)
    return f"{w['printed']} {actual}, {w['expected']} {expected}"


def _heading(result: FileResult, lang: str) -> Text:
    line = Text(str(result.path), style="bold")
    report: Report | None = result.report
    if report is None:
        return line
    w, period = _words(lang), report.period
    facts = [unit_name(report.unit)]
    if period.year:
        facts.append(f"{w['quarter']} {ROMAN[period.quarter]} {period.year}" if period.quarter
                     else f"{w['year']} {period.year}")
    date = report_date(report)
    facts.append(format_date(date, lang) if date else None)
    line.append("  " + " · ".join(f for f in facts if f), style="dim")
    return line


def _finding_line(finding: Finding, lang: str) -> Text:
    w = _words(lang)
    line = Text("  ")
    line.append(f"{finding.code:<5} ", style="bold")
    line.append(f"{w[finding.severity.value]:<11}", style=STYLE[finding.severity])
    where = place(finding.location, lang)
    if where:
        line.append(where + "  ", style="dim")
    line.append(finding.message.get(lang))
    extra = values(finding, lang)
    if extra:
        line.append(f" ({extra})", style="dim")
    return line


def _file_lines(result: FileResult, lang: str) -> list[Text]:
    lines = [_heading(result, lang)]
    if result.error_code:
        message = result.error_message.get(lang) if result.error_message else ""
        error = Text("  ")
        error.append(f"{result.error_code:<5} ", style="bold")
        error.append(f"{_words(lang)['error']:<11}", style=STYLE[Severity.ERROR])
        error.append(message)
        return lines + [error]
    if not result.findings:
        return lines + [Text(f"  {_words(lang)['clean']}", style="green")]
    return lines + [_finding_line(f, lang) for f in result.findings]


def render(results: list[FileResult], *, lang: str = "id", file: IO[str] | None = None,
           color: bool | None = None) -> None:
    """Print the results; ``color=None`` lets rich decide (TTY and no ``NO_COLOR``)."""
    console = Console(file=file, highlight=False, soft_wrap=True,
                      no_color=None if color is None else not color,
                      force_terminal=color if color else None)
    for result in results:
        for line in _file_lines(result, lang):
            console.print(line)
        console.print()
    if len(results) > 1:
        if not console.is_terminal:  # off a terminal, never wrap or cut the file names
            console.width = 200
        console.print(summary_table(results, lang))
    counts = summary(results)
    plural = {f"{key}_word": key if counts[key] != 1 else key[:-1]
              for key in ("files", "errors", "warnings")}
    console.print(_words(lang)["summary"].format(**counts, **plural))
    baselined = sum(r.baselined for r in results)
    if baselined:
        console.print(_words(lang)["baselined"].format(n=baselined))


def summary_table(results: list[FileResult], lang: str) -> Table:
    """Per file: status, errors, warnings, the most frequent rules (a batch's last screen)."""
    from lapkin_audit.report.table import summary_rows

    w = _words(lang)
    table = Table(w["file"], w["status"], w["errors"], w["warnings"], w["top"],
                  box=box.SIMPLE, pad_edge=False, show_edge=False)
    for row in summary_rows(results):
        status = w["audited"] if row["status"] == "audited" else w["failed"]
        style = "red" if row["status"] != "audited" else None
        table.add_row(row["file"], Text(status, style=style or ""), str(row["errors"]),
                      str(row["warnings"]), row["top_rules"] or "-")
    return table
