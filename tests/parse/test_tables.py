"""Table classification on many layouts, straight from raw grids (no reader involved).

Grids are written row by row; ``"<"`` marks a position merged into the cell on its left and
``"^"`` one merged into the cell above, as a merged cell looks in Word or in a ruled PDF.
"""

from __future__ import annotations

from decimal import Decimal

from lapkin_audit.model import Cell, RawTable, RowKind, ViewKind
from lapkin_audit.parse.tables import table_views


def grid(*rows: list[str], index: int = 0) -> RawTable:
    cells: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "<":
                origin = _origin(cells, r, c - 1)
                origin.colspan = c - origin.col + 1
            elif text == "^":
                origin = _origin(cells, r - 1, c)
                origin.rowspan = r - origin.row + 1
                cells[(r, c)] = origin
            else:
                cells[(r, c)] = Cell(text=text, row=r, col=c)
                continue
            cells[(r, c)] = origin
    unique = {id(c): c for c in cells.values()}
    return RawTable(index=index, n_rows=len(rows), n_cols=max(len(r) for r in rows),
                    cells=list(unique.values()))


def _origin(cells: dict[tuple[int, int], Cell], r: int, c: int) -> Cell:
    return cells[(r, c)]


def values(view, field: str) -> list[Decimal | None]:
    return [getattr(r, field).value if getattr(r, field) else None for r in view.data_rows]


def texts(view, field: str) -> list[str | None]:
    return [getattr(r, field).text if getattr(r, field) else None for r in view.data_rows]


def test_seed_capaian_table_with_column_numbers_formula_and_split_row() -> None:
    table = grid(
        ["No", "Sasaran Kegiatan", "Indikator Kinerja", "Target", "Realiasasi", "Capaian 6=4/5", "Ket"],
        ["1", "2", "3", "4", "5", "6", "7"],
        ["1", "Mengoptimalkan Fasilitasi", "Persentase hasil Fasilitasi", "85%", "50%", "170%", ""],
        ["2", "Meningkatnya akuntabilitas", "Rata-rata persentase desa", "86%", "77%", "111%", ""],
        ["3", "Meningkatnya Fasilitasi dan koordinasi Kecamatan",
         "Persentase Desa /Kelurahan yang etrfasilitasi", "100%", "100%", "100%", ""],
        ["", "Senduro", "pemberdayaan", "", "", "", ""],
        ["4", "Meningkatnya Akuntabilitas", "Persentase fasilitasi", "86%", "100%", "86%", ""],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.CAPAIAN
    assert values(view, "target") == [Decimal(85), Decimal(86), Decimal(100), Decimal(86)]
    assert values(view, "realisasi") == [Decimal(50), Decimal(77), Decimal(100), Decimal(100)]
    assert values(view, "capaian") == [Decimal(170), Decimal(111), Decimal(100), Decimal(86)]
    assert texts(view, "indikator")[2] == "Persentase Desa /Kelurahan yang etrfasilitasi pemberdayaan"
    assert texts(view, "sasaran")[2] == "Meningkatnya Fasilitasi dan koordinasi Kecamatan Senduro"
    assert view.data_rows[2].grid_rows == [4, 5]
    assert [c.number for c in view.columns][:6] == [1, 2, 3, 4, 5, 6]
    [formula] = view.header_formulas
    assert (formula.result, formula.numerator, formula.denominator) == (6, 4, 5)
    assert view.column("capaian").number == 6
    assert view.data_rows[0].capaian.decimals == 0


def test_seed_cost_table_three_blocks_two_views() -> None:
    table = grid(
        ["No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Anggaran", "<", "<", "Kinerja", "<", "<", "Efisiensi"],
        ["^", "^", "^", "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", "^"],
        ["1", "Mengoptimalkan", "Persentase hasil", "266.020.000", "66.420.000", "24,97%", "85%", "24,97%", "340,40%", ""],
        ["2", "Meningkatnya", "Rata-rata", "290.800.000", "117.000.000", "40,23%", "86%", "40,23%", "213,77%", ""],
        ["No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Pagu", "Realisasai", "Capaian (%)", "Target", "Realisasi", "%", "Efisiensi"],
        ["1", "Meningkatnya Fasilitasi", "Persentase Desa", "266.020.000", "66.420.000", "24,97%", "86%", "24,97%", "340,40%", ""],
        ["2", "Meningkatnya Akunhtasbilitas", "Persentase fasilitasi", "290.800.000", "117.000.000", "40,23%", "86%", "40,23%", "213,77%", ""],
        ["No", "PROGRAM", "<", "Anggaran", "<", "<", "Kinerja", "<", "<", "Efisiensi"],
        ["^", "^", "^", "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", "^"],
        ["1", "Penunjang Urusan Pemerintahan Kabupaten/Kota", "<", "1.841.579.374", "848.489.399", "46,07%", "100%", "46,07%", "217,06%", ""],
        ["2", "Penyelenggaraan Urusan Pemerintahan Umum", "<", "122.359.000", "44.109.000", "35,72%", "100%", "35,72%", "279,95%", ""],
        ["", "Jumlah", "<", "2.520.758.374", "", "", "", "", "", ""],
    )
    indicators, programs = table_views(table)
    assert indicators.kind is programs.kind is ViewKind.COST
    assert len(indicators.data_rows) == 4  # the flattened repeated header continues block 1
    assert values(indicators, "pagu")[2] == Decimal(266020000)
    assert values(indicators, "realisasi_anggaran")[3] == Decimal(117000000)
    assert values(indicators, "serapan") == [Decimal("24.97"), Decimal("40.23")] * 2
    assert values(indicators, "target") == [Decimal(85), Decimal(86), Decimal(86), Decimal(86)]
    assert values(indicators, "realisasi")[0] == Decimal("24.97")
    assert values(indicators, "capaian")[0] == Decimal("340.40")
    assert indicators.column("efisiensi") is not None
    assert values(indicators, "efisiensi") == [None] * 4
    assert texts(programs, "program")[0] == "Penunjang Urusan Pemerintahan Kabupaten/Kota"
    assert programs.column("indikator") is None
    total = programs.rows[-1]
    assert total.kind is RowKind.TOTAL and total.pagu.value == Decimal(2520758374)
    assert total.label.text == "Jumlah"


def test_pk_with_second_header_inside_one_table_is_one_view() -> None:
    table = grid(
        ["NO", "SASARAN PROGRAM", "INDIKATOR KINERJA", "TARGET"],
        ["1", "Mengoptimalkan", "Persentase hasil", "85%"],
        ["2", "Meningkatnya", "Rata-rata persentase", "86%"],
        ["No", "Sasaran Program", "Indikator Kinerja", "Target"],
        ["1", "Meningkatnya Fasilitasi", "Persentase Desa", "100%"],
        ["2", "Meningkatnya Meningkatnya", "Persentase fasilitasi", "86%"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.PERJANJIAN_KINERJA
    assert values(view, "target") == [Decimal(85), Decimal(86), Decimal(100), Decimal(86)]


def test_budget_with_jumlah_and_rupiah() -> None:
    table = grid(
        ["NO", "PROGRAM", "ANGGARAN"],
        ["1", "Penunjang Urusan Pemerintahan Kabupaten", "Rp 1.841.579.374"],
        ["2", "Penyelenggaraan Pemerintahan Umum", "Rp 122.359.000"],
        ["", "JUMLAH", "Rp 1.963.938.374"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.BUDGET
    assert values(view, "pagu") == [Decimal(1841579374), Decimal(122359000)]
    assert view.rows[-1].kind is RowKind.TOTAL
    assert view.rows[-1].pagu.value == Decimal(1963938374)


def test_sasaran_merged_vertically_over_indicators_and_average_row() -> None:
    table = grid(
        ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"],
        ["1", "Meningkatnya kualitas pelayanan", "Persentase layanan tepat waktu", "%", "90", "93.6", "104.00", "Sangat Tinggi"],
        ["2", "^", "Indeks kepuasan masyarakat", "indeks", "80", "70", "87.50", "Tinggi"],
        ["3", "Menurunnya pelanggaran", "Jumlah kasus pelanggaran Perda", "kasus", "10", "8", "120.00", "Sangat Tinggi"],
        ["", "Rata-rata", "<", "<", "<", "<", "103.83", ""],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.CAPAIAN
    assert texts(view, "sasaran") == ["Meningkatnya kualitas pelayanan"] * 2 + ["Menurunnya pelanggaran"]
    assert values(view, "realisasi") == [Decimal("93.6"), Decimal(70), Decimal(8)]
    assert values(view, "capaian")[1] == Decimal("87.50")
    assert view.data_rows[1].capaian.unit.value == "%"  # "(%)" in the header
    assert texts(view, "status") == ["Sangat Tinggi", "Tinggi", "Sangat Tinggi"]
    average = view.rows[-1]
    assert average.kind is RowKind.AVERAGE and average.capaian.value == Decimal("103.83")


def test_hierarchy_by_numbering_gives_levels_and_parents() -> None:
    table = grid(
        ["No", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"],
        ["1", "Program Penunjang", "300.000.000", "150.000.000", "50,00"],
        ["1.1", "Kegiatan Administrasi Umum", "300.000.000", "150.000.000", "50,00"],
        ["1.1.1", "Penyediaan Alat Tulis", "100.000.000", "40.000.000", "40,00"],
        ["1.1.2", "Penyediaan Bahan Bacaan", "200.000.000", "110.000.000", "55,00"],
        ["", "Total", "300.000.000", "150.000.000", "50,00"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.BUDGET
    levels = [(r.level, r.parent) for r in view.data_rows]
    assert levels == [(0, None), (1, 0), (2, 1), (2, 1)]
    assert values(view, "realisasi_anggaran")[3] == Decimal(110000000)
    assert values(view, "serapan")[2] == Decimal(40)


def test_hierarchy_by_prefix_words_without_numbers() -> None:
    table = grid(
        ["No", "Uraian", "Anggaran", "Realisasi", "%"],
        ["1", "Program Pemberdayaan", "90.000.000", "45.000.000", "50,00%"],
        ["", "Kegiatan : Fasilitasi", "90.000.000", "45.000.000", "50,00%"],
        ["", "Sub Kegiatan : Musrenbang", "90.000.000", "45.000.000", "50,00%"],
    )
    [view] = table_views(table)
    assert [(r.level, r.parent) for r in view.data_rows] == [(0, None), (1, 0), (2, 1)]
    assert values(view, "serapan") == [Decimal(50)] * 3


def test_multi_year_groups_keep_history() -> None:
    table = grid(
        ["Indikator", "Target 2022", "Realisasi 2022", "Capaian 2022 (%)", "Target 2023", "Realisasi 2023", "Capaian 2023 (%)"],
        ["Indeks SPBE", "2,5", "2,6", "104,00", "2,8", "2,7", "96,43"],
    )
    [view] = table_views(table, report_year=2023)
    [row] = view.data_rows
    assert row.target.value == Decimal("2.8") and row.capaian.value == Decimal("96.43")
    assert row.years[2022]["realisasi"].value == Decimal("2.6")


def test_year_over_measures_three_level_header() -> None:
    table = grid(
        ["No", "Indikator Kinerja", "Tahun 2023", "<", "<", "<", "<", "<"],
        ["^", "^", "Triwulan III", "<", "<", "Anggaran", "<", "<"],
        ["^", "^", "Target", "Realisasi", "Capaian (%)", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"],
        ["1", "Persentase OPD terhubung", "80,00", "70,00", "87,50", "1.652.300\n.000", "826.150.000", "50,00"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.COST
    [row] = view.data_rows
    assert row.pagu.value == Decimal(1652300000)  # wrapped inside a narrow cell
    assert row.realisasi.value == Decimal(70) and row.realisasi_anggaran.value == Decimal(826150000)
    assert view.column("target").header == ["Tahun 2023", "Triwulan III", "Target"]


def test_capaian_column_holding_realisation() -> None:
    table = grid(
        ["No", "Indikator Kinerja", "Target", "Capaian"],
        ["1", "Persentase desa tertib administrasi", "90%", "84%"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.CAPAIAN
    assert values(view, "realisasi") == [Decimal(84)]
    assert view.column("capaian") is None
    assert view.notes


def test_typos_in_headers_still_classify() -> None:
    table = grid(
        ["No", "Indikator", "Targer", "Realisasai", "Capain"],
        ["1", "Persentase", "85%", "50%", "58,82%"],
    )
    [view] = table_views(table)
    assert view.kind is ViewKind.CAPAIAN
    assert values(view, "capaian") == [Decimal("58.82")]


def test_month_headers_are_not_column_numbers() -> None:
    table = grid(
        ["No", "Indikator", "Target", "Realisasi", "Capaian"],
        ["1", "2", "3", "4", "5"],
        ["1", "Persentase", "85%", "50%", "58,82%"],
    )
    [view] = table_views(table)
    assert view.column_numbers_row == 1
    months = grid(
        ["Uraian", "1", "2", "3", "Jumlah"],
        ["Surat masuk", "10", "12", "8", "30"],
    )
    assert table_views(months) == []


def test_unrelated_table_gives_no_view() -> None:
    table = grid(["Name", "Address"], ["Alice", "Main Street 1"])
    assert table_views(table) == []


def test_strategy_and_formula_tables() -> None:
    strategy = grid(
        ["No", "Indikator Kinerja", "Strategi Yang Digunakan", "Pada Bulan"],
        ["1", "Persentase hasil", "1. Merekap kegiatan\n2. Menetapkan tim", "Januari s/d Juni 2023"],
        ["", "", "3. Memantau pelaksanaan", ""],
    )
    [view] = table_views(strategy)
    assert view.kind is ViewKind.STRATEGY
    assert view.data_rows[0].strategi.text.endswith("3. Memantau pelaksanaan")
    formula = grid(
        ["No", "SASARAN", "INDIKATOR TUJUAN/ SASARAN", "RUMUS PENGHITUNGAN", "<", "<"],
        ["1", "Mengoptimalkan", "Persentase hasil", "Jumlah Hasil Ditindaklanjuti", "X", "100%"],
        ["^", "^", "^", "Jumlah Fasilitasi dan Koordinasi", "^", "^"],
    )
    [view] = table_views(formula)
    assert view.kind is ViewKind.FORMULA
    assert len(view.data_rows) == 1
    assert "Jumlah Fasilitasi dan Koordinasi" in view.data_rows[0].rumus.text
