"""Three more bundled samples read end to end: every typed number and the key texts.

The expected values below are what the samples' author printed (sample_reports/README.md, the
"Tables (every value)" listings) and the data they were built from (sample_reports/build.py),
written out cell by cell, never copied from the parser's output. Numbers are kept as printed
(``"58,82%"``, ``"93.6"``, ``"Rp 2.421.300.000"``): each one gives the expected value, the printed
precision (``decimals``) and the raw text (whitespace removed, since pdfplumber breaks long
amounts inside narrow cells). Where the parser disagrees with the printed truth, the test keeps
the truth.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pytest

from lapkin_audit.model import Report, RowKind, TableView, Unit, ViewKind
from tests.parse.test_samples import D, column, sample, views

FORMATS = ["docx", "pdf"]
CORRECTED = "senduro-tw2-2023-corrected"
PASIRIAN = "pasirian-tw1-2024"
KOMINFO = "dinas-kominfo-tw3-2023"


# -- helpers ----------------------------------------------------------------------------------


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str | None) -> str | None:
    """Whitespace normalised: a caption's line break (DOCX) and its wrap (PDF) read the same."""
    return " ".join(text.split()) if text is not None else None


def idn(printed: str) -> Decimal:
    """Indonesian notation as printed in the samples: dot thousands, decimal comma, optional
    ``Rp`` and ``%`` (``"Rp1.841.579.374"``, ``"58,82%"``, ``"2,80"``)."""
    text = squash(printed).removeprefix("Rp").removesuffix("%")
    return D(text.replace(".", "").replace(",", "."))


def dot(printed: str) -> Decimal:
    """A decimal point number, as in the Pasirian percentages and ratios (``"93.6"``)."""
    return D(squash(printed).removesuffix("%"))


def places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def rows_of(view: TableView, kind: RowKind = RowKind.DATA) -> list:
    return [r for r in view.rows if r.kind is kind]


def assert_printed(view: TableView, field: str, printed: list[str | None],
                   conv: Callable[[str], Decimal] = idn, kind: RowKind = RowKind.DATA) -> None:
    """Values, printed precision, raw text and unit of one quantity column of one row kind."""
    expected = [conv(p) if p else None for p in printed]
    assert column(view, field, kind) == expected, field
    quantities = [getattr(r, field) for r in rows_of(view, kind)]
    assert [q.decimals if q else None for q in quantities] == [
        places(e) if e is not None else None for e in expected], field
    assert [squash(q.raw) if q else None for q in quantities] == [
        squash(p) if p else None for p in printed], field
    for q, p in zip(quantities, printed, strict=True):
        if p and "%" in p:
            assert q.unit is Unit.PERCENT, (field, p)
        if p and p.startswith("Rp"):
            assert q.unit is Unit.RUPIAH, (field, p)


def texts(view: TableView, field: str, kind: RowKind = RowKind.DATA) -> list[str | None]:
    return [getattr(r, field).text if getattr(r, field) else None for r in rows_of(view, kind)]


def kinds(report: Report) -> list[ViewKind]:
    return [v.kind for v in report.views]


def signature_tuple(report: Report) -> list[tuple]:
    return [(s.place, s.date, s.date_raw, s.role, s.name, s.nip) for s in report.signatures]


def sections(report: Report) -> list[tuple]:
    return [(s.number, s.title, s.level) for s in report.sections]


def range_mentions(report: Report) -> list[tuple]:
    return [(m.raw, m.start, m.end) for m in report.period.mentions if m.where == "range"]


# =============================================================================================
# senduro-tw2-2023-corrected (README §2): the seed with every defect fixed
# =============================================================================================

S_SASARAN = [
    "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
    "Meningkatnya akuntabilitas pemerintahan desa",
    "Meningkatnya fasilitasi dan koordinasi Kecamatan Senduro",
    "Meningkatnya akuntabilitas pemerintahan desa",
]
S_INDIKATOR = [
    "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
    "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu",
    "Persentase desa/kelurahan yang terfasilitasi pemberdayaan",
    "Persentase fasilitasi penyelenggaraan pemerintahan dan pelayanan publik",
]
S_TARGET = ["85%", "86%", "100%", "86%"]
S_REALISASI = ["50%", "77%", "100%", "100%"]
S_CAPAIAN = ["58,82%", "89,53%", "100,00%", "116,28%"]
S_PROGRAM = [
    "Penunjang Urusan Pemerintahan Kabupaten/Kota",
    "Penyelenggaraan Urusan Pemerintahan Umum",
    "Pembinaan dan Pengawasan Pemerintahan Desa",
    "Pemberdayaan Masyarakat Desa dan Kelurahan",
]
S_FORMULA = [
    ("Jumlah hasil fasilitasi dan koordinasi yang ditindaklanjuti",
     "Jumlah seluruh fasilitasi dan koordinasi"),
    (("Jumlah desa yang menyusun RKPDesa tepat waktu + jumlah desa yang menyusun APBDesa tepat "
      "waktu + jumlah desa yang menyusun LPPDesa tepat waktu"),
     "Jumlah seluruh desa di wilayah kecamatan \u00d7 3 dokumen administrasi pemerintahan desa"),
    ("Jumlah desa/kelurahan yang terfasilitasi pemberdayaan",
     "Jumlah seluruh desa/kelurahan di wilayah kecamatan"),
    ("Jumlah fasilitasi penyelenggaraan pemerintahan dan pelayanan publik yang terlaksana",
     ("Jumlah seluruh fasilitasi penyelenggaraan pemerintahan dan pelayanan publik yang "
      "direncanakan")),
]
S_STRATEGI = [
    ["Merekap kegiatan fasilitasi dan koordinasi dari masing-masing kepala seksi",
     "Menetapkan tim fasilitasi dan koordinasi dengan Surat Keputusan Camat",
     ("Memantau pelaksanaan fasilitasi dan koordinasi dengan bukti pendukung berupa berita "
      "acara dan laporan")],
    [("Memerintahkan kepala seksi yang membidangi untuk menyurati desa terkait batas akhir "
      "pengiriman dokumen RKPDesa, APBDesa dan LPPDesa"),
     ("Memantau pengiriman dokumen secara berkala satu minggu sekali agar dokumen diterima "
      "tepat waktu"),
     "Meminta laporan tertulis kepada kepala seksi yang membidangi"],
    ["Mendata kebutuhan fasilitasi pemberdayaan masyarakat di setiap desa/kelurahan",
     "Melaksanakan fasilitasi pemberdayaan masyarakat sesuai hasil pendataan",
     "Melaporkan hasil fasilitasi pemberdayaan masyarakat setiap bulan"],
    [("Mendata jenis pelayanan administrasi kecamatan sesuai standar pelayanan (SP) dan SOP "
      "yang menjadi kewenangan Camat"),
     "Menindaklanjuti permohonan pelayanan administrasi kecamatan sesuai SP dan SOP",
     "Melaporkan pelayanan administrasi kecamatan setiap triwulan kepada Bupati"],
]
S_COST_CAPTION = "Tabel 2.3 Cost per outcome Camat Tahun 2023 - Triwulan II"


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_views_in_order(fmt: str) -> None:
    report = sample(CORRECTED, fmt)
    assert kinds(report) == [ViewKind.PERJANJIAN_KINERJA, ViewKind.BUDGET, ViewKind.FORMULA,
                             ViewKind.CAPAIAN, ViewKind.COST, ViewKind.COST, ViewKind.STRATEGY]
    assert [v.table for v in report.views] == [0, 1, 2, 3, 4, 4, 5]


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_perjanjian_kinerja(fmt: str) -> None:
    [pk] = views(sample(CORRECTED, fmt), ViewKind.PERJANJIAN_KINERJA)
    assert words(pk.caption) == "Tabel 2.1 Lembar Dokumen Perjanjian Kinerja Camat"
    assert len(pk.rows) == len(pk.data_rows) == 4
    assert [r.number for r in pk.data_rows] == ["1", "2", "3", "4"]
    assert texts(pk, "sasaran") == S_SASARAN
    assert texts(pk, "indikator") == S_INDIKATOR
    assert_printed(pk, "target", S_TARGET)


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_programme_budget(fmt: str) -> None:
    [budget] = views(sample(CORRECTED, fmt), ViewKind.BUDGET)
    assert budget.caption is None
    assert len(budget.data_rows) == 4
    assert [r.number for r in budget.data_rows] == ["1", "2", "3", "4"]
    assert texts(budget, "program") == S_PROGRAM
    assert_printed(budget, "pagu",
                   ["Rp1.841.579.374", "Rp122.359.000", "Rp290.800.000", "Rp266.020.000"])
    assert column(budget, "realisasi_anggaran") == [None] * 4
    assert column(budget, "serapan") == [None] * 4
    assert [(r.level, r.parent) for r in budget.rows] == [(0, None)] * 5  # a flat list
    [total] = rows_of(budget, RowKind.TOTAL)
    assert budget.rows[-1] is total and total.label.text == "JUMLAH" and total.number is None
    assert_printed(budget, "pagu", ["Rp2.520.758.374"], kind=RowKind.TOTAL)


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_formula_table(fmt: str) -> None:
    [formula] = views(sample(CORRECTED, fmt), ViewKind.FORMULA)
    assert len(formula.rows) == len(formula.data_rows) == 4
    assert [r.number for r in formula.data_rows] == ["1", "2", "3", "4"]
    # every indicator a two-row fraction: numerator row and denominator row form one item
    assert [r.grid_rows for r in formula.data_rows] == [[1, 2], [3, 4], [5, 6], [7, 8]]
    assert texts(formula, "sasaran") == S_SASARAN
    assert texts(formula, "indikator") == S_INDIKATOR
    assert [r.rumus.text.split("\n") for r in formula.data_rows] == [list(f) for f in S_FORMULA]


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_capaian(fmt: str) -> None:
    [capaian] = views(sample(CORRECTED, fmt), ViewKind.CAPAIAN)
    assert words(capaian.caption) == "Tabel 2.2 Capaian Kinerja Camat"
    assert len(capaian.rows) == len(capaian.data_rows) == 4
    assert [r.number for r in capaian.data_rows] == ["1", "2", "3", "4"]
    assert texts(capaian, "sasaran") == S_SASARAN
    assert texts(capaian, "indikator") == S_INDIKATOR
    assert_printed(capaian, "target", S_TARGET)
    assert_printed(capaian, "realisasi", S_REALISASI)
    assert_printed(capaian, "capaian", S_CAPAIAN)
    assert texts(capaian, "status") == ["Belum Tercapai", "Belum Tercapai", "Tercapai",
                                        "Tercapai"]
    [formula] = capaian.header_formulas
    assert (formula.result, formula.numerator, formula.denominator, formula.operator) == (
        6, 5, 4, "/")
    assert capaian.column_numbers_row == 1
    assert {c.role: c.number for c in capaian.columns} == {
        "number": 1, "sasaran": 2, "indikator": 3, "target": 4, "realisasi": 5, "capaian": 6,
        "status": 7}


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_cost_per_indicator(fmt: str) -> None:
    indicators, _ = views(sample(CORRECTED, fmt), ViewKind.COST)
    assert words(indicators.caption) == S_COST_CAPTION
    assert len(indicators.rows) == len(indicators.data_rows) == 4
    assert [r.number for r in indicators.data_rows] == ["1", "2", "3", "4"]
    assert texts(indicators, "sasaran") == S_SASARAN
    assert texts(indicators, "indikator") == S_INDIKATOR
    assert texts(indicators, "program") == [None] * 4
    assert_printed(indicators, "pagu",
                   ["122.359.000", "290.800.000", "266.020.000", "1.841.579.374"])
    assert_printed(indicators, "realisasi_anggaran",
                   ["44.109.000", "117.000.000", "66.420.000", "848.489.399"])
    assert_printed(indicators, "serapan", ["36,05%", "40,23%", "24,97%", "46,07%"])
    assert_printed(indicators, "target", S_TARGET)
    assert_printed(indicators, "realisasi", S_REALISASI)
    assert_printed(indicators, "capaian", S_CAPAIAN)
    assert_printed(indicators, "efisiensi", ["22,77", "49,30", "75,03", "70,21"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_cost_per_programme(fmt: str) -> None:
    _, programmes = views(sample(CORRECTED, fmt), ViewKind.COST)
    assert words(programmes.caption) == S_COST_CAPTION
    assert len(programmes.data_rows) == 4 and len(programmes.rows) == 5
    assert [r.number for r in programmes.data_rows] == ["1", "2", "3", "4"]
    assert texts(programmes, "program") == S_PROGRAM
    assert texts(programmes, "indikator") == [None] * 4
    assert_printed(programmes, "pagu",
                   ["1.841.579.374", "122.359.000", "290.800.000", "266.020.000"])
    assert_printed(programmes, "realisasi_anggaran",
                   ["848.489.399", "44.109.000", "117.000.000", "66.420.000"])
    assert_printed(programmes, "serapan", ["46,07%", "36,05%", "40,23%", "24,97%"])
    assert_printed(programmes, "target", ["100%"] * 4)
    assert_printed(programmes, "realisasi", ["50%", "55%", "60%", "45%"])
    assert_printed(programmes, "capaian", ["50,00%", "55,00%", "60,00%", "45,00%"])
    assert_printed(programmes, "efisiensi", ["3,93", "18,95", "19,77", "20,03"])
    [total] = rows_of(programmes, RowKind.TOTAL)
    assert programmes.rows[-1] is total and total.label.text == "Jumlah" and total.number is None
    assert_printed(programmes, "pagu", ["2.520.758.374"], kind=RowKind.TOTAL)
    assert_printed(programmes, "realisasi_anggaran", ["1.076.018.399"], kind=RowKind.TOTAL)
    assert_printed(programmes, "serapan", ["42,69%"], kind=RowKind.TOTAL)
    for field in ("target", "realisasi", "capaian", "efisiensi"):
        assert getattr(total, field) is None, field


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_strategy(fmt: str) -> None:
    [strategy] = views(sample(CORRECTED, fmt), ViewKind.STRATEGY)
    assert words(strategy.caption) == (
        "Tabel 2.4 Strategi yang Digunakan dalam Mencapai Target Kinerja yang Telah Tercapai dan "
        "yang Belum Tercapai")
    assert len(strategy.rows) == len(strategy.data_rows) == 4
    assert [r.number for r in strategy.data_rows] == ["1", "2", "3", "4"]
    assert texts(strategy, "indikator") == S_INDIKATOR
    assert [r.strategi.text.split("\n") for r in strategy.data_rows] == [
        [f"{n}. {line}" for n, line in enumerate(lines, 1)] for lines in S_STRATEGI]
    assert texts(strategy, "bulan") == ["Januari s.d. Juni 2023"] * 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_corrected_period_signature_sections_unit(fmt: str) -> None:
    report = sample(CORRECTED, fmt)
    assert (report.period.year, report.period.quarter, report.period.annual) == (2023, 2, False)
    assert report.period.end == dt.date(2023, 6, 30)
    assert [(m.raw, m.year, m.quarter) for m in report.period.mentions if m.where == "cover"] == [
        ("TRIWULAN II TAHUN 2023", 2023, 2)]
    assert ("1 Januari s.d. 30 Juni 2023", dt.date(2023, 1, 1), dt.date(2023, 6, 30)) in (
        range_mentions(report))
    signature = ("Senduro", dt.date(2023, 7, 5), "5 Juli 2023", "CAMAT SENDURO", "Drs. PUJIANTO",
                 "19681114 199003 1 004")
    assert signature_tuple(report) == [signature, signature]  # after Tabel 2.3 and at the end
    assert sections(report) == [
        ("I", "PENDAHULUAN", 1),
        ("II", "AKUNTABILITAS KINERJA", 1),
        ("2.1", "PERJANJIAN KINERJA", 2),
        ("2.2", "ANALISIS PENCAPAIAN KINERJA", 2),
        ("2.3", "CAPAIAN KINERJA", 2),
        ("2.4", "EVALUASI DAN ANALISIS KINERJA", 2),
        ("2.5", "RENCANA TINDAK LANJUT", 2),
        ("2.6", "TANGGAPAN ATASAN LANGSUNG", 2),
        ("III", "PENUTUP", 1),
    ]
    assert (report.unit.jabatan, report.unit.instansi, report.unit.wilayah) == (
        "CAMAT SENDURO", "Kecamatan Senduro", "Kabupaten Lumajang")


# =============================================================================================
# pasirian-tw1-2024 (README §3): horizontal rules only, decimal points, hierarchy budget
# =============================================================================================

P_SASARAN = [
    "Meningkatnya kualitas pelayanan publik dan ketenteraman di wilayah kecamatan",
    "Meningkatnya akuntabilitas pemerintahan desa dan partisipasi masyarakat",
]
P_INDIKATOR = [
    "Persentase layanan PATEN yang diselesaikan sesuai SOP",
    "Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan kecamatan",
    "Jumlah kasus pelanggaran Perda",
    "Persentase desa yang menyampaikan LPPDes tepat waktu",
    "Persentase lembaga kemasyarakatan desa yang aktif",
]
P_IND_SASARAN = [0, 0, 0, 1, 1]  # sasaran merged vertically over its indicators (3 + 2)
P_SATUAN = ["%", "Indeks", "Kasus", "%", "%"]
P_TARGET = ["90.0", "80.00", "10", "100.0", "40.0"]
P_REALISASI = ["93.6", "82.45", "8", "81.8", "35.0"]
P_CAPAIAN = ["104.00", "103.06", "120.00", "81.80", "85.70"]  # 85.70 printed (D1; true 87.50)
P_KATEGORI = ["Sangat Tinggi", "Sangat Tinggi", "Sangat Tinggi", "Tinggi", "Tinggi"]
# Tabel 2.4, every row as printed: (Kode, name, Pagu, Realisasi, Serapan (%))
# fmt: off
P_BUDGET = [
    ("1", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Rp 2.421.300.000", "Rp 578.107.550", "23.88"),
    ("1.1", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Rp 31.250.000", "Rp 9.350.000", "29.92"),
    ("1.1.1", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Rp 18.500.000", "Rp 6.250.000", "33.78"),
    ("1.1.2", "Evaluasi Kinerja Perangkat Daerah", "Rp 12.750.000", "Rp 3.100.000", "24.31"),
    ("1.2", "Administrasi Keuangan Perangkat Daerah",
     "Rp 2.145.600.000", "Rp 512.340.150", "23.88"),
    ("1.2.1", "Penyediaan Gaji dan Tunjangan ASN", "Rp 2.145.600.000", "Rp 512.340.150", "23.88"),
    ("1.3", "Administrasi Umum Perangkat Daerah", "Rp 83.650.000", "Rp 17.085.000", "20.42"),
    # D2: serapan printed 27.81 (9.870.000 / 45.250.000 = 21.81)
    ("1.3.1", "Penyediaan Bahan Logistik Kantor", "Rp 45.250.000", "Rp 9.870.000", "27.81"),
    ("1.3.2", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
     "Rp 38.400.000", "Rp 7.215.000", "18.79"),
    ("1.4", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
     "Rp 160.800.000", "Rp 39.332.400", "24.46"),
    ("1.4.1", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
     "Rp 64.800.000", "Rp 15.932.400", "24.59"),
    ("1.4.2", "Penyediaan Jasa Pelayanan Umum Kantor", "Rp 96.000.000", "Rp 23.400.000", "24.38"),
    ("2", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
     "Rp 77.900.000", "Rp 21.057.500", "27.03"),
    ("2.1", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
     "Rp 42.300.000", "Rp 11.845.000", "28.00"),
    ("2.1.1", ("Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan "
               "Perangkat Daerah dan Instansi Vertikal Terkait"),
     "Rp 42.300.000", "Rp 11.845.000", "28.00"),
    ("2.2", "Penyelenggaraan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
     "Rp 35.600.000", "Rp 9.212.500", "25.88"),
    ("2.2.1", "Pelaksanaan Pelayanan Administrasi Terpadu Kecamatan (PATEN)",
     "Rp 35.600.000", "Rp 9.212.500", "25.88"),
    ("3", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
     "Rp 85.650.000", "Rp 40.405.000", "47.17"),
    ("3.1", "Penyelenggaraan Pemberdayaan Masyarakat Desa/Kelurahan",
     "Rp 85.650.000", "Rp 40.405.000", "47.17"),
    ("3.1.1", "Fasilitasi Penyusunan Program dan Pelaksanaan Pemberdayaan Masyarakat Desa",
     "Rp 56.900.000", "Rp 14.225.000", "25.00"),
    ("3.1.2", "Fasilitasi Pelaksanaan Musyawarah Perencanaan Pembangunan Kecamatan",
     "Rp 28.750.000", "Rp 26.180.000", "91.06"),
    ("4", "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM",
     "Rp 55.800.000", "Rp 12.646.000", "22.66"),
    ("4.1", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
     "Rp 31.200.000", "Rp 7.480.000", "23.97"),
    ("4.1.1", "Sinergitas dengan Kepolisian, TNI dan Instansi Vertikal di Wilayah Kecamatan",
     "Rp 31.200.000", "Rp 7.480.000", "23.97"),
    ("4.2", "Koordinasi Penerapan dan Penegakan Perda dan Perkada",
     "Rp 24.600.000", "Rp 5.166.000", "21.00"),
    ("4.2.1", "Koordinasi Penerapan dan Penegakan Perda dan Perkada di Wilayah Kecamatan",
     "Rp 24.600.000", "Rp 5.166.000", "21.00"),
    ("5", "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA",
     "Rp 42.200.000", "Rp 11.334.000", "26.86"),
    ("5.1", "Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Desa",
     "Rp 42.200.000", "Rp 11.334.000", "26.86"),
    ("5.1.1", "Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
     "Rp 19.800.000", "Rp 4.950.000", "25.00"),
    ("5.1.2", "Fasilitasi Administrasi Tata Pemerintahan Desa",
     "Rp 22.400.000", "Rp 6.384.000", "28.50"),
]
# fmt: on
P_CODES = [row[0] for row in P_BUDGET]


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_views_in_order(fmt: str) -> None:
    report = sample(PASIRIAN, fmt)
    assert kinds(report) == [ViewKind.PERJANJIAN_KINERJA, ViewKind.CAPAIAN, ViewKind.BUDGET]
    # Tabel 2.2 (the category scale, table 1) is a legend, not a typed view
    assert [v.table for v in report.views] == [0, 2, 3]
    assert words(report.tables[1].caption) == "Tabel 2.2 Kategori Capaian Kinerja"


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_perjanjian_kinerja(fmt: str) -> None:
    [pk] = views(sample(PASIRIAN, fmt), ViewKind.PERJANJIAN_KINERJA)
    assert words(pk.caption) == "Tabel 2.1 Perjanjian Kinerja Camat Pasirian Tahun 2024"
    assert len(pk.rows) == len(pk.data_rows) == 5
    # No and Sasaran are merged vertically over their indicators: carried down to each row
    assert [r.number for r in pk.data_rows] == [str(s + 1) for s in P_IND_SASARAN]
    assert texts(pk, "sasaran") == [P_SASARAN[s] for s in P_IND_SASARAN]
    assert texts(pk, "indikator") == P_INDIKATOR
    assert texts(pk, "satuan") == P_SATUAN
    assert_printed(pk, "target", P_TARGET, dot)


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_capaian(fmt: str) -> None:
    [capaian] = views(sample(PASIRIAN, fmt), ViewKind.CAPAIAN)
    assert words(capaian.caption) == "Tabel 2.3 Capaian Kinerja Camat Pasirian Triwulan I Tahun 2024"
    assert len(capaian.data_rows) == 5 and len(capaian.rows) == 6
    assert [r.number for r in capaian.data_rows] == ["1", "2", "3", "4", "5"]
    assert texts(capaian, "sasaran") == [P_SASARAN[s] for s in P_IND_SASARAN]
    assert texts(capaian, "indikator") == P_INDIKATOR
    assert texts(capaian, "satuan") == P_SATUAN
    assert_printed(capaian, "target", P_TARGET, dot)
    assert_printed(capaian, "realisasi", P_REALISASI, dot)
    assert_printed(capaian, "capaian", P_CAPAIAN, dot)
    assert all(r.capaian.unit is Unit.PERCENT for r in capaian.data_rows)  # "Capaian (%)"
    assert texts(capaian, "status") == P_KATEGORI
    [average] = rows_of(capaian, RowKind.AVERAGE)
    assert capaian.rows[-1] is average and average.label.text == "Rata-rata"
    assert average.number is None
    assert_printed(capaian, "capaian", ["98.91"], dot, kind=RowKind.AVERAGE)
    assert average.status.text == "Sangat Tinggi"
    for field in ("target", "realisasi"):
        assert getattr(average, field) is None, field


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_budget_values(fmt: str) -> None:
    [budget] = views(sample(PASIRIAN, fmt), ViewKind.BUDGET)
    assert words(budget.caption) == "Tabel 2.4 Realisasi Anggaran s.d. Triwulan I Tahun 2024"
    assert len(budget.data_rows) == 30 and len(budget.rows) == 31  # repeated header dropped
    assert texts(budget, "program") == [row[1] for row in P_BUDGET]
    assert_printed(budget, "pagu", [row[2] for row in P_BUDGET])
    assert_printed(budget, "realisasi_anggaran", [row[3] for row in P_BUDGET])
    assert_printed(budget, "serapan", [row[4] for row in P_BUDGET], dot)
    assert all(r.serapan.unit is Unit.PERCENT for r in budget.rows)  # "Serapan (%)"
    [total] = rows_of(budget, RowKind.TOTAL)
    assert budget.rows[-1] is total and total.label.text == "Total"
    assert_printed(budget, "pagu", ["Rp 2.682.850.000"], kind=RowKind.TOTAL)
    assert_printed(budget, "realisasi_anggaran", ["Rp 663.550.050"], kind=RowKind.TOTAL)
    assert_printed(budget, "serapan", ["24.73"], dot, kind=RowKind.TOTAL)


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_budget_codes(fmt: str) -> None:
    [budget] = views(sample(PASIRIAN, fmt), ViewKind.BUDGET)
    assert [r.number for r in budget.data_rows] == P_CODES


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_budget_hierarchy(fmt: str) -> None:
    [budget] = views(sample(PASIRIAN, fmt), ViewKind.BUDGET)
    levels = [code.count(".") for code in P_CODES]
    parents = [P_CODES.index(code.rsplit(".", 1)[0]) if "." in code else None for code in P_CODES]
    assert levels.count(0) == 5 and levels.count(1) == 10 and levels.count(2) == 15
    assert [r.level for r in budget.data_rows] == levels
    assert [r.parent for r in budget.data_rows] == parents


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_period_signature_sections(fmt: str) -> None:
    report = sample(PASIRIAN, fmt)
    assert (report.period.year, report.period.quarter, report.period.annual) == (2024, 1, False)
    assert report.period.end == dt.date(2024, 3, 31)
    assert [(m.raw, m.year, m.quarter) for m in report.period.mentions if m.where == "cover"] == [
        ("TRIWULAN I TAHUN 2024", 2024, 1)]
    assert ("1 Januari s.d. 31 Maret 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)) in (
        range_mentions(report))
    assert signature_tuple(report) == [
        ("Pasirian", dt.date(2024, 4, 3), "3 April 2024", "CAMAT PASIRIAN",
         "RATNA DEWI ANGGRAENI, S.Sos., M.M.", "19780512 200003 2 003")]
    assert sections(report) == [
        ("I", "PENDAHULUAN", 1),
        ("1.1", "Latar Belakang", 2),
        ("1.2", "Tugas dan Fungsi", 2),
        ("II", "AKUNTABILITAS KINERJA", 1),
        ("2.1", "Perjanjian Kinerja", 2),
        ("2.2", "Capaian Kinerja", 2),
        ("2.3", "Realisasi Anggaran", 2),
        ("2.4", "Rencana Tindak Lanjut", 2),
        ("III", "PENUTUP", 1),
    ]
    assert (report.unit.jabatan, report.unit.instansi) == ("CAMAT PASIRIAN", "Kecamatan Pasirian")


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasirian_unit_wilayah(fmt: str) -> None:
    assert sample(PASIRIAN, fmt).unit.wilayah == "Kabupaten Lumajang"


# =============================================================================================
# dinas-kominfo-tw3-2023 (README §4): three-level header, long table over a page break
# =============================================================================================

# Tabel 2.1, every body row as printed: (Indikator, Satuan, Target, Realisasi, Capaian (%),
# Pagu (Rp), Realisasi (Rp), Serapan (%))
# fmt: off
K_ROWS = [
    ("Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)", "Indeks",
     "2,80", "2,65", "94,64", "1.652.300.000", "1.187.540.600", "71,87"),
    ("Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "%",
     "100,00", "92,50", "92,50", "874.500.000", "642.118.000", "73,43"),
    ("Persentase layanan publik berbasis elektronik yang terintegrasi", "%",
     "75,00", "60,00", "80,00", "465.250.000", "301.842.500", "64,88"),
    ("Jumlah aplikasi layanan publik yang dikembangkan", "Aplikasi",
     "5", "3", "60,00", "398.000.000", "226.750.000", "56,97"),
    ("Persentase ketersediaan layanan pusat data (uptime)", "%",
     "99,50", "99,62", "100,12", "1.215.800.000", "903.486.200", "74,31"),
    ("Jumlah titik akses internet di ruang publik", "Titik",
     "120", "96", "80,00", "1.038.600.000", "774.225.000", "74,55"),
    ("Rata-rata waktu pemulihan gangguan jaringan", "Jam",
     "4,00", "3,20", "120,00", "152.400.000", "108.920.000", "71,47"),
    ("Persentase perangkat daerah yang memanfaatkan tanda tangan elektronik", "%",
     "90,00", "84,00", "93,33", "126.750.000", "88.412.000", "69,75"),
    ("Persentase insiden keamanan informasi yang ditangani", "%",
     "100,00", "100,00", "100,00", "243.900.000", "171.330.000", "70,25"),
    ("Jumlah sertifikat elektronik yang diterbitkan", "Sertifikat",
     "450", "468", "104,00", "64.350.000", "47.880.000", "74,41"),
    ("Persentase perangkat daerah yang menerapkan pengamanan persandian", "%",
     "80,00", "76,00", "95,00", "88.200.000", "59.094.000", "67,00"),
    ("Indeks Keterbukaan Informasi Publik", "Indeks",
     "85,00", "86,40", "101,65", "97.500.000", "70.215.000", "72,02"),
    ("Persentase permohonan informasi publik yang diselesaikan sesuai jangka waktu layanan", "%",
     "95,00", "97,30", "102,42", "45.600.000", "31.464.000", "69,00"),
    ("Jumlah konten diseminasi informasi kebijakan daerah", "Konten",
     "675", "712", "105,48", "512.750.000", "398.117.500", "77,64"),
    ("Jumlah siaran informasi melalui media penyiaran", "Siaran",
     "180", "162", "90,00", "286.400.000", "203.344.000", "71,00"),
    ("Persentase pengaduan masyarakat (SP4N-LAPOR!) yang ditindaklanjuti", "%",
     "90,00", "93,75", "104,17", "58.900.000", "41.230.000", "70,00"),
    ("Jumlah Kelompok Informasi Masyarakat (KIM) aktif", "Kelompok",
     "45", "41", "91,11", "72.300.000", "50.610.000", "70,00"),
    ("Persentase desa yang memiliki website desa aktif", "%",
     "70,00", "64,85", "92,64", "118.000.000", "79.650.000", "67,50"),
    ("Jumlah dataset sektoral yang dipublikasikan di portal Satu Data", "Dataset",
     "300", "327", "109,00", "134.600.000", "98.258.000", "73,00"),
    ("Persentase perangkat daerah yang menyampaikan data statistik sektoral sesuai jadwal", "%",
     "85,00", "78,26", "92,07", "76.800.000", "52.992.000", "69,00"),
    ("Jumlah publikasi statistik sektoral yang diterbitkan", "Dokumen",
     "3", "2", "66,67", "93.500.000", "46.750.000", "50,00"),
    ("Persentase kantor kecamatan yang terhubung jaringan internet", "%",
     "100,00", "100,00", "100,00", "348.000.000", "261.000.000", "75,00"),
    ("Jumlah ASN yang mengikuti pelatihan literasi digital", "Orang",
     "240", "215", "89,58", "82.450.000", "61.012.000", "74,00"),
    ("Persentase aduan gangguan jaringan yang ditangani dalam 1\u00d724 jam", "%",
     "95,00", "91,20", "96,00", "54.800.000", "40.004.000", "73,00"),
    ("Nilai evaluasi Pejabat Pengelola Informasi dan Dokumentasi (PPID)", "Nilai",
     "80,00", "82,50", "103,13", "41.250.000", "28.875.000", "70,00"),
    ("Persentase kepuasan pengguna layanan aplikasi", "%",
     "80,00", "83,40", "104,25", "36.900.000", "24.354.000", "66,00"),
    ("Persentase ketersediaan infrastruktur TIK perangkat daerah yang memadai", "%",
     "75,00", "70,50", "94,00", "1.124.700.000", "787.290.000", "70,00"),
    ("Jumlah nama domain dan subdomain yang dikelola", "Domain",
     "160", "171", "106,88", "28.600.000", "21.450.000", "75,00"),
    ("Persentase dokumen perencanaan dan pelaporan kinerja yang disusun sesuai jadwal", "%",
     "100,00", "100,00", "100,00", "67.850.000", "49.530.500", "73,00"),
    ("Persentase pemenuhan administrasi perkantoran", "%",
     "75,00", "74,10", "98,80", "2.436.900.000", "1.781.373.900", "73,10"),
]
# fmt: on
K_FIELDS = ("target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "serapan")
# Tabel 2.2: (Indikator, Target 2022, Realisasi 2022, Capaian 2022 (%), Target 2023,
# Realisasi 2023, Capaian 2023 (%)); row 2's Target 2023 92,00% is D2 (Tabel 2.1: 90,00)
K_MULTIYEAR = [
    ("Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)",
     "2,60", "2,48", "95,38", "2,80", "2,65", "94,64"),
    ("Persentase perangkat daerah yang memanfaatkan tanda tangan elektronik",
     "75,00%", "70,00%", "93,33", "92,00%", "84,00%", "91,30"),
    ("Indeks Keterbukaan Informasi Publik",
     "80,00", "82,10", "102,63", "85,00", "86,40", "101,65"),
    ("Persentase pengaduan masyarakat (SP4N-LAPOR!) yang ditindaklanjuti",
     "85,00%", "88,50%", "104,12", "90,00%", "93,75%", "104,17"),
    ("Persentase kepuasan pengguna layanan aplikasi",
     "78,00%", "79,20%", "101,54", "80,00%", "83,40%", "104,25"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_views_in_order(fmt: str) -> None:
    report = sample(KOMINFO, fmt)
    assert kinds(report) == [ViewKind.COST, ViewKind.CAPAIAN]
    assert [v.table for v in report.views] == [0, 1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_table_2_1_rows_and_texts(fmt: str) -> None:
    [main] = views(sample(KOMINFO, fmt), ViewKind.COST)
    assert words(main.caption) == (
        "Tabel 2.1 Capaian Kinerja dan Realisasi Anggaran s.d. Triwulan III Tahun 2023")
    # 30 indicators + Jumlah; the 3 header rows LibreOffice repeats on p. 4 are not data
    assert len(main.data_rows) == 30 and len(main.rows) == 31
    assert main.header_rows == [0, 1, 2]
    assert [r.number for r in main.data_rows] == [str(k) for k in range(1, 31)]
    assert texts(main, "indikator") == [row[0] for row in K_ROWS]
    assert texts(main, "satuan") == [row[1] for row in K_ROWS]
    assert {c.role: c.label for c in main.columns if c.index >= 3} == {
        "target": "Tahun 2023 › Triwulan III › Target",
        "realisasi": "Tahun 2023 › Triwulan III › Realisasi",
        "capaian": "Tahun 2023 › Triwulan III › Capaian (%)",
        "pagu": "Tahun 2023 › Anggaran › Pagu (Rp)",
        "realisasi_anggaran": "Tahun 2023 › Anggaran › Realisasi (Rp)",
        "serapan": "Tahun 2023 › Anggaran › Serapan (%)",
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("field", K_FIELDS)
def test_kominfo_table_2_1_values(fmt: str, field: str) -> None:
    [main] = views(sample(KOMINFO, fmt), ViewKind.COST)
    assert_printed(main, field, [row[2 + K_FIELDS.index(field)] for row in K_ROWS])
    if field in ("capaian", "serapan"):  # "Capaian (%)", "Serapan (%)": no % in the cells
        assert all(getattr(r, field).unit is Unit.PERCENT for r in main.data_rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_table_2_1_jumlah(fmt: str) -> None:
    [main] = views(sample(KOMINFO, fmt), ViewKind.COST)
    [total] = rows_of(main, RowKind.TOTAL)
    assert main.rows[-1] is total and total.label.text == "Jumlah" and total.number is None
    assert_printed(main, "pagu", ["12.037.850.000"], kind=RowKind.TOTAL)
    assert_printed(main, "realisasi_anggaran", ["8.639.018.200"], kind=RowKind.TOTAL)  # D1
    assert_printed(main, "serapan", ["71,77"], kind=RowKind.TOTAL)
    for field in ("target", "realisasi", "capaian"):
        assert getattr(total, field) is None, field


def test_kominfo_table_2_1_page_break_pdf() -> None:
    """README §4.2: 14 body rows on p. 3, then 16 body rows and Jumlah on p. 4."""
    [main] = views(sample(KOMINFO, "pdf"), ViewKind.COST)
    assert [r.pagu.loc.page for r in main.rows] == [3] * 14 + [4] * 17
    assert [r.target.loc.page for r in main.data_rows] == [3] * 14 + [4] * 16


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_multiyear(fmt: str) -> None:
    [multi] = views(sample(KOMINFO, fmt), ViewKind.CAPAIAN)
    assert words(multi.caption) == (
        "Tabel 2.2 Perbandingan Capaian Kinerja Tahun 2022 dan Tahun 2023")
    assert len(multi.rows) == len(multi.data_rows) == 5
    assert texts(multi, "indikator") == [row[0] for row in K_MULTIYEAR]
    assert [(c.label, c.year) for c in multi.columns] == [
        ("Indikator", None), ("Target 2022", 2022), ("Realisasi 2022", 2022),
        ("Capaian 2022 (%)", 2022), ("Target 2023", 2023), ("Realisasi 2023", 2023),
        ("Capaian 2023 (%)", 2023)]
    # the report year in the main fields
    assert_printed(multi, "target", [row[4] for row in K_MULTIYEAR])
    assert_printed(multi, "realisasi", [row[5] for row in K_MULTIYEAR])
    assert_printed(multi, "capaian", [row[6] for row in K_MULTIYEAR])
    assert all(r.capaian.unit is Unit.PERCENT for r in multi.data_rows)
    # every year in years[...]
    for year, offset in ((2022, 1), (2023, 4)):
        for k, field in enumerate(("target", "realisasi", "capaian")):
            printed = [row[offset + k] for row in K_MULTIYEAR]
            quantities = [r.years[year][field] for r in multi.data_rows]
            assert [q.value for q in quantities] == [idn(p) for p in printed], (year, field)
            assert [q.decimals for q in quantities] == [places(idn(p)) for p in printed]
            assert [squash(q.raw) for q in quantities] == printed, (year, field)
    assert all(set(r.years) == {2022, 2023} for r in multi.data_rows)
    assert all(set(r.years[2022]) == {"target", "realisasi", "capaian"} for r in multi.data_rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_period_signature_sections(fmt: str) -> None:
    report = sample(KOMINFO, fmt)
    assert (report.period.year, report.period.quarter, report.period.annual) == (2023, 3, False)
    assert report.period.end == dt.date(2023, 9, 30)
    assert [(m.raw, m.year, m.quarter) for m in report.period.mentions if m.where == "cover"] == [
        ("TRIWULAN III TAHUN 2023", 2023, 3)]
    assert ("1 Januari s.d. 30 September 2023", dt.date(2023, 1, 1), dt.date(2023, 9, 30)) in (
        range_mentions(report))
    # the rank line "Pembina Utama Muda" is neither part of the role nor of the name
    assert signature_tuple(report) == [
        ("Lumajang", dt.date(2023, 10, 4), "4 Oktober 2023",
         "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN LUMAJANG",
         "Ir. HENDRO PRASETYO, M.T.", "19700315 199503 1 007")]
    assert sections(report) == [
        ("I", "PENDAHULUAN", 1),
        ("1.1", "Latar Belakang", 2),
        ("1.2", "Tugas dan Fungsi", 2),
        ("II", "AKUNTABILITAS KINERJA", 1),
        ("2.1", "Perjanjian Kinerja", 2),
        ("2.2", "Capaian Kinerja dan Realisasi Anggaran", 2),
        ("2.3", "Perbandingan Capaian Tahun 2022 dan Tahun 2023", 2),
        ("2.4", "Rencana Tindak Lanjut", 2),
        ("III", "PENUTUP", 1),
    ]
    assert (report.unit.jabatan, report.unit.wilayah) == (
        "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN LUMAJANG", "Kabupaten Lumajang")


@pytest.mark.parametrize("fmt", FORMATS)
def test_kominfo_unit_instansi(fmt: str) -> None:
    assert sample(KOMINFO, fmt).unit.instansi == "Dinas Komunikasi dan Informatika"
