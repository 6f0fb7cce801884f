"""`lapkin-audit extract`: the typed model printed for people (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from lapkin_audit.model import Location, Quantity, Report, RowKind, TableView, Text

FIELD_ORDER = (
    "number", "sasaran", "program", "indikator", "satuan", "target", "realisasi", "capaian",
    "status", "pagu", "realisasi_anggaran", "serapan", "efisiensi", "rumus", "strategi", "bulan",
)
FIELD_TITLES = {
    "number": "No", "realisasi_anggaran": "Realisasi anggaran", "serapan": "Serapan",
}


def _where(loc: Location) -> str:
    parts = []
    if loc.page is not None:
        parts.append(f"p.{loc.page}")
    if loc.row is not None:
        parts.append(f"r{loc.row + 1}")
    return " ".join(parts)


def _cell(value: object) -> str:
    if isinstance(value, Quantity):
        shown = value.raw.replace("\n", "")
        if value.value is None:
            return f"{shown} [dim](not a number)[/]"
        return f"{shown} [dim]= {value.value} {value.unit.value} ·{value.decimals}d {_where(value.loc)}[/]"
    if isinstance(value, Text):
        return value.text
    return "" if value is None else str(value)


def _view_table(report: Report, view: TableView) -> Table:
    table_label = view.caption or f"table {view.table + 1}"
    pages = report.tables[view.table].pages
    title = f"{view.kind.value} · {table_label}" + (f" · pages {pages}" if pages else "")
    fields = [f for f in FIELD_ORDER if any(getattr(r, f, None) for r in view.rows)]
    rich_table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    rich_table.add_column("kind", style="dim")
    for name in fields:
        rich_table.add_column(FIELD_TITLES.get(name, name.replace("_", " ").title()), overflow="fold")
    years = sorted({y for r in view.rows for y in r.years})
    for row in view.rows:
        label = row.kind.value if row.kind is not RowKind.DATA else ""
        if row.label is not None:
            label = f"{row.kind.value}: {row.label.text}"
        rich_table.add_row(label, *(_cell(getattr(row, name)) for name in fields))
    if view.header_formulas:
        rich_table.caption = "header formula: " + ", ".join(f.raw for f in view.header_formulas)
    if years:
        rich_table.caption = (rich_table.caption or "") + f" years: {years}"
    return rich_table


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console()
    src = report.source
    console.print(f"[bold]{src.path}[/] ({src.format}, {src.pages or '?'} pages)")
    unit, period = report.unit, report.period
    console.print(f"Unit: {unit.jabatan or '-'} · {unit.instansi or '-'} · {unit.wilayah or '-'}")
    quarter = f"Triwulan {period.quarter}" if period.quarter else ("annual" if period.annual else "-")
    console.print(f"Period: {quarter} {period.year or ''} ({period.start} – {period.end})")
    for m in period.mentions:
        console.print(f"  [dim]{m.where:9}[/] {m.raw!r} → Q{m.quarter or '-'} {m.year or ''} {_where(m.loc)}")
    if report.sections:
        console.print("Sections: " + "; ".join(f"{s.number} {s.title[:40]}" for s in report.sections))
    for s in report.signatures:
        console.print(f"Signature: {s.place}, {s.date or s.date_raw} · {s.role} · {s.name} · NIP {s.nip}")
    console.print(f"{len(report.paragraphs)} paragraphs, {len(report.tables)} tables, "
                  f"{len(report.views)} typed views")
    for view in report.views:
        console.print(_view_table(report, view))
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
