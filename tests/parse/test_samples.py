"""The bundled samples read end to end: every typed number, and DOCX ≡ PDF.

Expected values are the samples' printed contents (see sample_reports/README.md), written out
here so that a parser change that misreads one cell fails a test.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from lapkin_audit.model import Report, RowKind, TableView, ViewKind
from lapkin_audit.parse.reader import read_report

SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"
NAMES = ["senduro-tw2-2023", "senduro-tw2-2023-corrected", "pasirian-tw1-2024",
         "dinas-kominfo-tw3-2023"]
QUANTITIES = ("target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "serapan",
              "efisiensi")
TEXTS = ("sasaran", "program", "indikator", "satuan", "status", "rumus", "strategi", "bulan")


@cache
def sample(name: str, fmt: str) -> Report:
    return read_report(SAMPLES / f"{name}.{fmt}")


def D(text: str) -> Decimal:
    return Decimal(text)


def column(view: TableView, field: str, kind: RowKind = RowKind.DATA) -> list[Decimal | None]:
    return [getattr(r, field).value if getattr(r, field) else None
            for r in view.rows if r.kind is kind]


def views(report: Report, kind: ViewKind) -> list[TableView]:
    return report.views_of(kind)


def canonical(report: Report) -> list[tuple]:
    """The typed content of a report, free of locations and of line wrapping."""
    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    out = []
    for view in report.views:
        rows = []
        for row in view.rows:
            fields = [row.kind.value, row.number, row.label and squash(row.label.text)]
            fields += [getattr(row, f) and (squash(getattr(row, f).raw), getattr(row, f).value)
                       for f in QUANTITIES]
            fields += [getattr(row, f) and squash(getattr(row, f).text) for f in TEXTS]
            fields.append(sorted((y, sorted((k, q.value) for k, q in v.items()))
                                 for y, v in row.years.items()))
            rows.append(tuple(fields))
        out.append((view.kind.value, view.caption and squash(view.caption), tuple(rows)))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_docx_and_pdf_give_the_same_typed_views(name: str) -> None:
    assert canonical(sample(name, "docx")) == canonical(sample(name, "pdf"))


@pytest.mark.parametrize("name", NAMES)
def test_docx_and_pdf_give_the_same_period_and_signatures(name: str) -> None:
    docx, pdf = sample(name, "docx"), sample(name, "pdf")
    assert (docx.period.year, docx.period.quarter) == (pdf.period.year, pdf.period.quarter)
    assert [(s.place, s.date, s.role, s.name, s.nip) for s in docx.signatures] == [
        (s.place, s.date, s.role, s.name, s.nip) for s in pdf.signatures]
    assert [(s.number, s.title) for s in docx.sections] == [(s.number, s.title) for s in pdf.sections]


# -- the seed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_perjanjian_kinerja(fmt: str) -> None:
    [pk] = views(sample("senduro-tw2-2023", fmt), ViewKind.PERJANJIAN_KINERJA)
    assert pk.caption == "Tabel 2.1. Lembar Dokumen Perjanjian Kinerja Camat"
    assert column(pk, "target") == [D("85"), D("86"), D("100"), D("86")]
    assert [r.indikator.text for r in pk.data_rows] == [
        "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti",
        "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu",
        "Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan",
        "Persentase fasilitasi penyelenggaraan Pemerintahan dan pelayanan publik",
    ]
    assert pk.data_rows[3].sasaran.text == "Meningkatnya Meningkatnya akuntabilitas pemerintahan desa"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_program_budget(fmt: str) -> None:
    [budget] = views(sample("senduro-tw2-2023", fmt), ViewKind.BUDGET)
    assert column(budget, "pagu") == [D("1841579374"), D("122359000"), D("290800000"), D("266020000")]
    [total] = [r for r in budget.rows if r.kind is RowKind.TOTAL]
    assert total.label.text == "JUMLAH" and total.pagu.value == D("2520758374")
    assert total.pagu.raw == "Rp 2.520.758.374"
    assert budget.data_rows[0].program.text == "Penunjang Urusan Pemerintahan Kabupaten"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_capaian(fmt: str) -> None:
    report = sample("senduro-tw2-2023", fmt)
    [capaian] = views(report, ViewKind.CAPAIAN)
    assert capaian.caption == "Tabel 2.2 Capaian Kinerja Camat"
    assert column(capaian, "target") == [D("85"), D("86"), D("100"), D("86")]
    assert column(capaian, "realisasi") == [D("50"), D("77"), D("100"), D("100")]
    assert column(capaian, "capaian") == [D("170"), D("111"), D("100"), D("86")]
    assert all(r.capaian.decimals == 0 and r.capaian.unit.value == "%" for r in capaian.data_rows)
    assert capaian.data_rows[2].indikator.text.endswith("etrfasilitasi pemberdayaan")
    [formula] = capaian.header_formulas
    assert (formula.result, formula.numerator, formula.denominator) == (6, 4, 5)
    assert {c.role: c.number for c in capaian.columns}["realisasi"] == 5
    if fmt == "pdf":
        assert all(r.target.loc.page == capaian.data_rows[0].target.loc.page for r in capaian.data_rows)
        assert capaian.data_rows[0].capaian.loc.bbox is not None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_cost_per_outcome(fmt: str) -> None:
    indicators, programs = views(sample("senduro-tw2-2023", fmt), ViewKind.COST)
    assert column(indicators, "pagu") == [D("266020000"), D("290800000")] * 2
    assert column(indicators, "realisasi_anggaran") == [D("66420000"), D("117000000")] * 2
    assert column(indicators, "serapan") == [D("24.97"), D("40.23")] * 2
    assert column(indicators, "target") == [D("85"), D("86"), D("86"), D("86")]
    assert column(indicators, "realisasi") == [D("24.97"), D("40.23")] * 2
    assert column(indicators, "capaian") == [D("340.40"), D("213.77")] * 2
    assert column(indicators, "efisiensi") == [None] * 4
    assert indicators.column("efisiensi") is not None
    assert column(programs, "pagu") == [D("1841579374"), D("122359000"), D("290800000"), D("266020000")]
    assert column(programs, "realisasi_anggaran") == [D("848489399"), D("44109000"), D("117000000"), D("66420000")]
    assert column(programs, "serapan") == [D("46.07"), D("35.72"), D("40.23"), D("24.97")]
    assert column(programs, "target") == [D("100")] * 4
    assert column(programs, "realisasi") == [D("46.07"), D("35.72"), D("40.23"), D("24.97")]
    assert column(programs, "capaian") == [D("217.06"), D("279.95"), D("248.57"), D("400.48")]
    assert column(programs, "pagu", RowKind.TOTAL) == [D("2520758374")]
    assert programs.rows[-1].realisasi_anggaran is None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_formula_strategy_and_narrative(fmt: str) -> None:
    report = sample("senduro-tw2-2023", fmt)
    [formula] = views(report, ViewKind.FORMULA)
    assert [r.number for r in formula.data_rows] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", None]
    assert formula.data_rows[0].rumus.text.split("\n") == [
        "Jumlah Hasil Fasilitasi dan Koordinasi Yang Ditindaklanjuti",
        "Jumlah Fasilitasi dan Koordinasi"]
    assert "RKPDes" in formula.data_rows[6].rumus.text  # shifted: row 7 speaks of RKPDes
    [strategy] = views(report, ViewKind.STRATEGY)
    assert len(strategy.data_rows) == 9
    assert len(strategy.data_rows[1].strategi.text.split("\n")) == 3
    assert [r.bulan.text if r.bulan else None for r in strategy.data_rows][:3] == [
        "Januari s/d Juni 2023", "Januari s/d Juni 2023", None]
    assert report.period.year == 2023 and report.period.quarter == 2
    cover = [m for m in report.period.mentions if m.where == "cover"]
    assert [(m.raw, m.quarter) for m in cover] == [("TRIBUNAN III TAHUN 2023", 3)]
    assert [s.number for s in report.sections].count("2.3") == 2
    assert len(report.signatures) == 2
    signature = report.signatures[0]
    assert (signature.place, signature.date.isoformat(), signature.role, signature.name,
            signature.nip) == ("Senduro", "2023-06-30", "CAMAT SENDURO", "Drs. PUJIANTO",
                               "19681114 199003 1 004")
    assert report.unit.instansi == "Kecamatan Senduro"
    assert report.unit.wilayah == "Kabupaten Lumajang"
