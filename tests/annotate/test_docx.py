"""Word comments on the seed DOCX and on documents built here: one per finding, at its place."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from lapkin_audit.annotate import annotate_report
from lapkin_audit.model import Finding, FindingLocation, Location, Message, Severity
from lapkin_audit.parse.docx import read_docx
from tests.annotate.helpers import SEED_DOCX, anchored_texts, audited, range_start, sha256, squash


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding], object]:
    result = audited(SEED_DOCX)
    output = tmp_path_factory.mktemp("docx") / "reviewed.docx"
    before = sha256(SEED_DOCX)
    count = annotate_report(SEED_DOCX, result.report, result.findings, output, lang="id")
    assert count == len(result.findings) > 40
    assert sha256(SEED_DOCX) == before
    return output, result.findings, result.report


def test_one_comment_per_finding_by_lapkin_audit(seed) -> None:
    output, findings, _ = seed
    document = docx.Document(str(output))
    comments = list(document.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} == {"lapkin-audit"}
    assert {c.initials for c in comments} == {"LA"}
    for comment, finding in zip(comments, findings, strict=True):
        assert comment.text.startswith(f"{finding.code} {finding.name} (")
        assert finding.message.id in comment.text


def test_each_comment_is_on_its_cell_or_paragraph(seed) -> None:
    output, findings, report = seed
    document = docx.Document(str(output))
    anchored = anchored_texts(document)
    assert len(anchored) == len(findings)
    for cid, finding in enumerate(findings):
        raw = finding.location.raw
        if raw.table is not None:
            cell = report.tables[raw.table].grid()[raw.row][raw.column]
            assert squash(anchored[cid]) == squash(cell.text), finding
            # and in the very w:tc python-docx puts at that grid position (no nested tables
            # or content controls in the seed: python-docx's table order is the reader's)
            tc = document.tables[raw.table].rows[raw.row].cells[raw.column]._tc
            start = range_start(document, cid)
            assert any(a is tc for a in start.iterancestors(qn("w:tc"))), finding
        else:
            assert raw.paragraph is not None, finding  # every seed finding has a place
            assert squash(anchored[cid]) == squash(report.paragraphs[raw.paragraph].text)


def test_the_inverted_capaian_comment_sits_on_170_percent(seed) -> None:
    output, findings, _ = seed
    document = docx.Document(str(output))
    anchored = anchored_texts(document)
    comments = list(document.comments)
    [cid] = [i for i, f in enumerate(findings) if f.code == "A102" and f.actual_text == "170%"]
    assert anchored[cid] == "170%"
    assert "Tertulis: 170% · Seharusnya: 58,82%" in comments[cid].text
    assert "terbalik" in comments[cid].text


def test_empty_cells_get_an_empty_run_as_anchor(seed) -> None:
    output, findings, _ = seed
    document = docx.Document(str(output))
    anchored = anchored_texts(document)
    empty = [i for i, f in enumerate(findings) if f.code == "A105"]  # empty Efisiensi cells
    assert empty and all(anchored[i] == "" for i in empty)


def _body(document: docx.document.Document) -> tuple[list, list]:
    paragraphs = [(p.text, p.style.name) for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_the_rest_of_the_document_is_unchanged(seed) -> None:
    output, _, _ = seed
    assert _body(docx.Document(str(output))) == _body(docx.Document(str(SEED_DOCX)))
    before, after = read_docx(SEED_DOCX), read_docx(output)
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert [t.cells for t in after.tables] == [t.cells for t in before.tables]


def test_english_notes(tmp_path: Path) -> None:
    result = audited(SEED_DOCX)
    output = tmp_path / "en.docx"
    annotate_report(SEED_DOCX, result.report, result.findings, output, lang="en")
    comments = list(docx.Document(str(output)).comments)
    [a102] = [c for c in comments if "Written: 170%" in c.text]
    assert "Expected: 58,82%" in a102.text and "inverted" in a102.text


# -- documents built here: content controls, text boxes, nested tables, empty paragraphs ------


def _finding(code: str, raw: Location | None) -> Finding:
    return Finding(code=code, name="test", severity=Severity.WARNING,
                   message=Message(id=f"pesan {code}", en=f"message {code}"),
                   location=FindingLocation(raw=raw), actual_text="x", expected_text="y")


def _tricky(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Sampul")
    document.add_paragraph("")  # empty: not a paragraph for the reader
    host = document.add_paragraph("Paragraf dengan kotak ")
    box = OxmlElement("w:txbxContent")  # a text box inside the host paragraph
    box_p = copy.deepcopy(host._p)
    box_p.find(qn("w:r")).find(qn("w:t")).text = "Isi kotak"
    box.append(box_p)
    pict_run = OxmlElement("w:r")
    pict = OxmlElement("w:pict")
    pict.append(box)
    pict_run.append(pict)
    host._p.append(pict_run)
    control = document.add_paragraph("Dalam kontrol")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control._p.addprevious(sdt)
    content.append(control._p)
    sdt.append(content)
    outer = document.add_table(rows=2, cols=3)
    outer.cell(0, 0).text = "Judul gabung"
    outer.cell(0, 0).merge(outer.cell(0, 1))
    outer.cell(0, 2).text = "Kanan"
    outer.cell(1, 0).text = "Bawah"
    outer.cell(1, 1).add_table(rows=1, cols=2).cell(0, 1).text = "dalam"
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text = "Tabel kedua"
    document.add_paragraph("Penutup")
    document.save(path)
    return path


def test_anchors_follow_the_readers_walk(tmp_path: Path) -> None:
    source = _tricky(tmp_path / "tricky.docx")
    report = read_docx(source)
    assert [p.text for p in report.paragraphs] == [
        "Sampul", "Paragraf dengan kotak", "Isi kotak", "Dalam kontrol", "Penutup"]
    assert len(report.tables) == 3  # outer, its nested table, the second table
    wanted = {
        "P1": (Location(paragraph=1), "Paragrafdengankotak"),
        "P2": (Location(paragraph=2), "Isikotak"),
        "P3": (Location(paragraph=3), "Dalamkontrol"),
        "P4": (Location(paragraph=4), "Penutup"),
        "T0": (Location(table=0, row=0, column=1), "Judulgabung"),  # spanned position
        "T1": (Location(table=0, row=0, column=2), "Kanan"),
        "T2": (Location(table=1, row=0, column=1), "dalam"),  # the nested table
        "T3": (Location(table=1, row=0, column=0), ""),  # empty cell: an added empty run
        "T4": (Location(table=2, row=0, column=0), "Tabelkedua"),
        "N0": (None, "Sampul"),  # no place: the first paragraph
    }
    findings = [_finding(code, raw) for code, (raw, _) in wanted.items()]
    output = tmp_path / "out.docx"
    assert annotate_report(source, report, findings, output) == len(findings)
    document = docx.Document(str(output))
    anchored = anchored_texts(document)
    for cid, (code, (_, text)) in enumerate(wanted.items()):
        assert squash(anchored[cid]) == text, code
    # the box paragraph's comment is in the box, the host's is not
    box_start = range_start(document, 1)
    assert any(a.tag == qn("w:txbxContent") for a in box_start.iterancestors())
    assert not any(a.tag == qn("w:txbxContent") for a in range_start(document, 0).iterancestors())
    after = read_docx(output)
    assert [p.text for p in after.paragraphs] == [p.text for p in report.paragraphs]
    assert [t.cells for t in after.tables] == [t.cells for t in report.tables]


def test_a_place_that_does_not_match_goes_to_the_first_paragraph_with_its_place(
        tmp_path: Path) -> None:
    source = _tricky(tmp_path / "tricky.docx")
    report = read_docx(source)
    report.tables[2].cells[0].text = "not what the file says"  # a stale report
    findings = [_finding("X1", Location(table=2, row=0, column=0)),
                _finding("X2", Location(table=9, row=0, column=0)),
                _finding("X3", Location(paragraph=99))]
    findings[0].location.table, findings[0].location.row = "table 3", 1
    output = tmp_path / "out.docx"
    annotate_report(source, report, findings, output)
    document = docx.Document(str(output))
    assert set(anchored_texts(document).values()) == {"Sampul"}
    first = next(iter(document.comments)).text
    assert "Letak: table 3, baris 1" in first
