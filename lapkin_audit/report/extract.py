"""`lapkin-audit extract`: the typed model printed for people (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lapkin_audit.model import Location, Quantity, Report, RowKind, TableView, Text, ViewRow

TEXT_WIDTH = 36


def _where(loc: Location) -> str:
    return f"p.{loc.page}" if loc.page is not None else ""


def _cell(value: object) -> str:
    if isinstance(value, Quantity):
        shown = escape(" ".join(value.raw.split()))
        flag = " [red](not a number)[/]" if value.value is None else ""
        flag += " [yellow](ambiguous)[/]" if value.ambiguous else ""
        return f"{shown}{flag} [dim]{_where(value.loc)}[/]"
    if isinstance(value, Text):
        return escape(value.text)
    return "" if value is None else escape(str(value))


def _field(row: ViewRow, role: str) -> object:
    if role.startswith("history:"):
        return None
    if role == "number":
        return row.number
    if role in ViewRow.model_fields:
        return getattr(row, role)
    return None


def _view_table(report: Report, view: TableView) -> Table:
    table_label = view.caption or f"table {view.table + 1}"
    pages = sorted({p for t in [report.tables[view.table]] for p in t.pages})
    title = f"[bold]{view.kind.value}[/] · {escape(table_label)}" + (f" · pages {pages}" if pages else "")
    columns = [c for c in view.columns if c.role != "extra" and not c.role.startswith("history:")]
    rich_table = Table(title=title, title_justify="left", expand=False)
    rich_table.add_column("", style="dim")
    for col in columns:
        width = TEXT_WIDTH if col.role in ("sasaran", "program", "indikator", "rumus", "strategi") else None
        rich_table.add_column(escape(col.label), overflow="fold", max_width=width)
    for row in view.rows:
        label = "" if row.kind is RowKind.DATA else row.kind.value
        if row.label is not None:
            label = f"{row.kind.value}: {escape(row.label.text)}"
        rich_table.add_row(label, *(_cell(_field(row, c.role)) for c in columns))
    notes = [f"header formula {f.raw}" for f in view.header_formulas] + view.notes
    history = sorted({y for r in view.rows for y in r.years if r.years[y] and y != _main_year(view)})
    if history:
        notes.append(f"earlier years kept: {history}")
    if notes:
        rich_table.caption = escape("; ".join(notes))
    return rich_table


def _main_year(view: TableView) -> int | None:
    return next((c.year for c in view.columns if c.year and not c.role.startswith("history:")), None)


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
