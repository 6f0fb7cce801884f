"""Build small Report models from compact YAML fixtures, independent of the PDF/DOCX readers.

A fixture file ``tests/rules/fixtures/<CODE>.yaml`` holds::

    rule: A101
    cases:
      - name: inverted_formula_fails
        pack: default                    # optional regulation pack
        options: {}                      # optional Context.options
        submitted: 2023-07-10            # optional Context.submitted
        report:
          period: {year: 2023, quarter: 2, start: 2023-04-01, end: 2023-06-30,
                   mentions: [{where: cover, raw: "TRIWULAN II TAHUN 2023", year: 2023, quarter: 2}]}
          unit: {jabatan: CAMAT SENDURO}
          views:
            - kind: capaian
              caption: Tabel 2.2
              columns: [number, sasaran, indikator, target, realisasi, capaian]
              headers: {capaian: "Capaian 6=4/5"}        # optional printed header labels
              header_formulas: [{raw: "6=4/5", column: 5, result: 6, numerator: 4, denominator: 5}]
              rows:
                - [1, "Meningkatnya …", "Persentase …", "85%", "50%", "170%"]
                - {kind: total, label: JUMLAH, pagu: "Rp 2.520.758.374"}
          paragraphs: ["dari 9 indikator kinerja …", {text: "BAB I", heading_level: 1}]
          sections: [{number: "2.3", title: "CAPAIAN KINERJA"}]
          signatures: [{place: Senduro, date: 2023-06-30, nip: "19681114 199003 1 004"}]
        expect:
          - {code: A101, row: 1, column: capaian, actual: 170, expected: 58.82}

Each view becomes a RawTable (header in grid row 0, data rows from grid row 1) and a
TableView whose Column headers are the role names unless ``headers`` says otherwise, so
``row`` in ``expect`` is the 1-based data row and ``column`` the header label.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lapkin_audit.model import (
    Block,
    Cell,
    Column,
    HeaderFormula,
    Location,
    OrgUnit,
    Paragraph,
    Period,
    PeriodMention,
    RawTable,
    Report,
    RowKind,
    Section,
    Signature,
    Source,
    TableView,
    Text,
    ViewKind,
    ViewRow,
)
from lapkin_audit.parse.numbers import parse_quantity

QUANTITY_ROLES = {
    "target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "serapan", "efisiensi",
}
PERCENT_ROLES = {"capaian", "serapan"}
TEXT_ROLES = {
    "sasaran", "program", "indikator", "satuan", "status", "rumus", "strategi", "bulan",
}


def build_report(spec: dict[str, Any]) -> Report:
    report = Report(source=Source(path=spec.get("path", "fixture.docx"), format="docx"))
    if "period" in spec:
        period = dict(spec["period"])
        period["mentions"] = [PeriodMention(**m) for m in period.get("mentions", [])]
        report.period = Period(**period)
    if "unit" in spec:
        report.unit = OrgUnit(**spec["unit"])
    for i, item in enumerate(spec.get("paragraphs", [])):
        fields = {"text": item} if isinstance(item, str) else dict(item)
        report.paragraphs.append(
            Paragraph(index=i, loc=Location(paragraph=i, page=fields.pop("page", None)), **fields)
        )
        report.blocks.append(Block(kind="paragraph", index=i))
    for item in spec.get("sections", []):
        report.sections.append(Section(**item))
    for item in spec.get("signatures", []):
        report.signatures.append(Signature(**item))
    for view_spec in spec.get("views", []):
        table, view = _build_view(len(report.tables), view_spec)
        report.tables.append(table)
        report.views.append(view)
        report.blocks.append(Block(kind="table", index=table.index))
    return report


def _build_view(index: int, spec: dict[str, Any]) -> tuple[RawTable, TableView]:
    roles: list[str] = spec["columns"]
    headers: dict[str, str] = spec.get("headers", {})
    columns = [
        Column(role=role, index=j, header=[headers.get(role, role)], number=j + 1)
        for j, role in enumerate(roles)
    ]
    cells = [Cell(text=col.label, row=0, col=col.index, bold=True) for col in columns]
    rows: list[ViewRow] = []
    for r, row_spec in enumerate(spec.get("rows", []), start=1):
        if isinstance(row_spec, dict):
            values = {k: v for k, v in row_spec.items() if k not in ("kind", "label", "level", "parent")}
            kind = RowKind(row_spec.get("kind", "data"))
        else:
            values = dict(zip(roles, row_spec))
            kind = RowKind.DATA
        row = ViewRow(kind=kind, grid_rows=[r], level=_opt(row_spec, "level", 0),
                      parent=_opt(row_spec, "parent", None))
        if isinstance(row_spec, dict) and "label" in row_spec:
            col = 1 if len(roles) > 1 else 0
            row.label = Text(text=row_spec["label"], loc=Location(table=index, row=r, column=col))
            cells.append(Cell(text=row_spec["label"], row=r, col=col))
        for role, value in values.items():
            if value is None:
                continue
            j = roles.index(role) if role in roles else len(roles)
            loc = Location(table=index, row=r, column=j)
            raw = str(value)
            if j < len(roles):
                cells.append(Cell(text=raw, row=r, col=j))
            if role == "number":
                row.number = raw
            elif role in QUANTITY_ROLES:
                quantity = parse_quantity(raw, percent_column=role in PERCENT_ROLES)
                setattr(row, role, quantity.model_copy(update={"loc": loc}))
            elif role in TEXT_ROLES:
                setattr(row, role, Text(text=raw, loc=loc))
            else:
                row.extra[role] = Text(text=raw, loc=loc)
        rows.append(row)
    n_rows = len(rows) + 1
    table = RawTable(index=index, n_rows=n_rows, n_cols=len(roles), cells=cells,
                     caption=spec.get("caption"))
    view = TableView(
        kind=ViewKind(spec["kind"]),
        table=index,
        caption=spec.get("caption"),
        columns=columns,
        header_rows=[0],
        header_formulas=[HeaderFormula(**f) for f in spec.get("header_formulas", [])],
        rows=rows,
    )
    return table, view


def _opt(row_spec: Any, key: str, default: Any) -> Any:
    return row_spec.get(key, default) if isinstance(row_spec, dict) else default


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
