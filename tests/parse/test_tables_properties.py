"""The table classifier never raises, whatever the grid holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lapkin_audit.model import Cell, RawTable
from lapkin_audit.parse.tables import table_views

WORDS = st.sampled_from([
    "No", "Target", "Realisasi", "Capaian", "Capaian 6=4/5", "Pagu", "Anggaran", "JUMLAH",
    "Rata-rata", "Indikator Kinerja", "Sasaran", "1", "2", "85%", "1.250.000", "24,97%", "",
    "Program", "Kegiatan : x", "1.1", "Tahun 2023", "%", "(1)", "n/a", "-", "Efisiensi",
])
CELL_TEXT = st.one_of(WORDS, st.text(max_size=12))


@st.composite
def raw_tables(draw: st.DrawFn) -> RawTable:
    n_rows = draw(st.integers(1, 7))
    n_cols = draw(st.integers(1, 7))
    cells, covered = [], set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rowspan = draw(st.integers(1, max(1, min(2, n_rows - r))))
            colspan = draw(st.integers(1, max(1, min(3, n_cols - c))))
            span = {(rr, cc) for rr in range(r, r + rowspan) for cc in range(c, c + colspan)}
            if span & covered:
                rowspan = colspan = 1
                span = {(r, c)}
            covered |= span
            cells.append(Cell(text=draw(CELL_TEXT), row=r, col=c, rowspan=rowspan, colspan=colspan))
    return RawTable(index=0, n_rows=n_rows, n_cols=n_cols, cells=cells)


@settings(max_examples=300, deadline=None)
@given(raw_tables(), st.one_of(st.none(), st.integers(2000, 2030)))
def test_classifier_never_raises(table: RawTable, year: int | None) -> None:
    for view in table_views(table, year):
        for row in view.rows:
            assert row.grid_rows and all(0 <= r < table.n_rows for r in row.grid_rows)
