"""The DOCX reader on documents built here with python-docx: merges, order, furniture."""

from __future__ import annotations

import copy
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from lapkin_audit.errors import FileError
from lapkin_audit.model import ViewKind
from lapkin_audit.parse.assemble import assemble
from lapkin_audit.parse.docx import read_docx


def _cost_table(document: docx.document.Document) -> None:
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    head = [["No", "Indikator Kinerja", "Anggaran", "", "Kinerja", ""],
            ["", "", "Pagu", "Realisasi", "Target", "Realisasi"]]
    for r, row in enumerate(head):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 4).merge(table.cell(0, 5))
    for c, text in enumerate(["1", "Persentase desa tertib", "290.800.000", "117.000.000", "86%", "77%"]):
        table.cell(2, c).text = text
    for c, text in enumerate(["2", "Persentase layanan", "122.359.000", "44.109.000", "90%", "80%"]):
        table.cell(3, c).text = text


def build_report_docx(path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Laporan Kinerja Kecamatan Contoh"
    document.add_paragraph("LAPORAN KINERJA CAMAT TRIWULAN II TAHUN 2023")
    document.add_heading("BAB I PENDAHULUAN", level=1)
    document.add_paragraph("Dalam kurun waktu 1 Januari s.d 30 Juni 2023 kinerja dicapai.")
    document.add_heading("2.1 CAPAIAN KINERJA", level=2)
    document.add_paragraph("Tabel 2.1")
    document.add_paragraph("Cost per outcome Camat")
    _cost_table(document)
    document.add_paragraph("Contoh , 5 Juli 2023")
    document.add_paragraph("CAMAT CONTOH")
    document.add_paragraph("Drs. BUDI SANTOSO")
    document.add_paragraph("NIP. 19681114 199003 1 004")
    document.save(path)
    return path


def test_reads_blocks_in_order_with_merged_cells(tmp_path: Path) -> None:
    report = read_docx(build_report_docx(tmp_path / "r.docx"))
    kinds = [b.kind for b in report.blocks]
    assert kinds.index("table") == 6  # after cover, heading, text, heading and two captions
    [table] = report.tables
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(0, 0)].rowspan == 2 and cells[(0, 2)].colspan == 2
    assert (1, 0) not in cells and (0, 3) not in cells  # merged positions are not repeated
    assert [p.text for p in report.furniture] == ["Laporan Kinerja Kecamatan Contoh"]
    assert report.paragraphs[1].heading_level == 1
    assert report.source.sha256 and report.source.format == "docx"


def test_assembles_views_period_signature(tmp_path: Path) -> None:
    report = assemble(read_docx(build_report_docx(tmp_path / "r.docx")))
    [view] = report.views
    assert view.kind is ViewKind.COST
    assert view.caption == "Tabel 2.1 Cost per outcome Camat"
    assert [r.pagu.value for r in view.data_rows] == [Decimal(290800000), Decimal(122359000)]
    assert [r.realisasi.value for r in view.data_rows] == [Decimal(77), Decimal(80)]
    assert report.period.year == 2023 and report.period.quarter == 2
    [signature] = report.signatures
    assert signature.place == "Contoh" and signature.date.isoformat() == "2023-07-05"
    assert signature.role == "CAMAT CONTOH" and signature.name == "Drs. BUDI SANTOSO"
    assert signature.nip == "19681114 199003 1 004"
    assert [s.number for s in report.sections] == ["I", "2.1"]


def test_tracked_insertions_and_content_controls_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Target ")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "x")
    run = copy.deepcopy(paragraph.runs[0]._r)
    run.find(qn("w:t")).text = "85%"
    insertion.append(run)
    paragraph._p.append(insertion)
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    inner = copy.deepcopy(paragraph._p)
    content.append(inner)
    sdt.append(content)
    document.element.body.insert(0, sdt)
    path = tmp_path / "t.docx"
    document.save(path)
    report = read_docx(path)
    assert [p.text for p in report.paragraphs] == ["Target 85%", "Target 85%"]


def test_nested_table_becomes_its_own_table(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "IKU 1"
    outer.cell(0, 1).add_table(rows=1, cols=2).cell(0, 0).text = "inner"
    path = tmp_path / "n.docx"
    document.save(path)
    report = read_docx(path)
    assert len(report.tables) == 2
    assert report.tables[1].cells[0].text == "inner"


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = build_report_docx(tmp_path / "b.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/padding.xml", " " * (30 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
    with pytest.raises(FileError) as error:
        read_docx(path, max_bytes=20 * 1024 * 1024)
    assert error.value.code == "E001" and "zip bomb" in error.value.detail


@pytest.mark.parametrize("damage", ["truncate", "drop_document", "bad_xml"])
def test_damaged_packages_are_e001(tmp_path: Path, damage: str) -> None:
    good = build_report_docx(tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    if damage == "truncate":
        bad.write_bytes(good.read_bytes()[:2000])
    else:
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "word/document.xml":
                    if damage == "drop_document":
                        continue
                    data = data[: len(data) // 2]
                dst.writestr(item, data)
    with pytest.raises(FileError) as error:
        read_docx(bad)
    assert error.value.code == "E001"


def test_month_only_signature_date_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("LAPORAN KINERJA TRIWULAN IV TAHUN 2023")
    for line in ("Senduro, Januari 2024", "CAMAT SENDURO", "Drs. PUJIANTO",
                 "Pembina Tk. I", "NIP. 19681114 199003 1 004"):
        document.add_paragraph(line)
    path = tmp_path / "m.docx"
    document.save(path)
    [signature] = assemble(read_docx(path)).signatures
    assert signature.date_raw == "Januari 2024" and signature.date.isoformat() == "2024-01-01"
    assert (signature.role, signature.name) == ("CAMAT SENDURO", "Drs. PUJIANTO")


def test_automatic_list_numbers_are_rendered(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Merekap kegiatan", "Menetapkan tim", "Memantau pelaksanaan"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Catatan", style="List Bullet")
    path = tmp_path / "l.docx"
    document.save(path)
    texts = [p.text for p in read_docx(path).paragraphs]
    assert texts == ["1. Merekap kegiatan", "2. Menetapkan tim", "3. Memantau pelaksanaan",
                     "• Catatan"]


def test_symbol_font_checkboxes_are_kept(tmp_path: Path) -> None:
    document = docx.Document()
    for char, text in (("F0FE", "Laporan sudah baik"), ("F0A8", "Laporan kurang baik")):
        paragraph = document.add_paragraph()
        run = paragraph.add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Wingdings")
        sym.set(qn("w:char"), char)
        run._r.append(sym)
        paragraph.add_run(" " + text)
    path = tmp_path / "c.docx"
    document.save(path)
    assert [p.text for p in read_docx(path).paragraphs] == [
        "\uf0fe Laporan sudah baik", "\uf0a8 Laporan kurang baik"]
