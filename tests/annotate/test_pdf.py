"""Highlights on the seed PDF: one annotation per finding, over its cell, content untouched."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from lapkin_audit.annotate import annotate_report
from lapkin_audit.check import CheckOptions, check_file
from lapkin_audit.model import Finding
from lapkin_audit.rules.registry import Context
from tests.annotate.helpers import SEED_PDF, audited, sha256

MARKS = ("Highlight", "Text")


def _marks(path: Path, password: str | None = None) -> dict[int, list[dict]]:
    """1-based page → highlight and note annotations in the order they were added."""
    found: dict[int, list[dict]] = defaultdict(list)
    with pdfplumber.open(path, password=password) as pdf:
        for page in pdf.pages:
            for annot in page.annots:
                if annot["data"]["Subtype"].name in MARKS:
                    found[page.page_number].append(annot)
    return found


def _by_page(findings: list[Finding]) -> dict[int, list[Finding]]:
    pages: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        pages[finding.location.page or 1].append(finding)
    return pages


def _overlap(a: tuple, b: tuple) -> float:
    """Share of b's area covered by a."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (b[2] - b[0]) * (b[3] - b[1])
    return max(0.0, w) * max(0.0, h) / area if area else 0.0


def _words_in(path: Path, page_number: int, box: tuple) -> list[str]:
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[page_number - 1].extract_words()
    return [w["text"] for w in words
            if box[0] <= (w["x0"] + w["x1"]) / 2 <= box[2]
            and box[1] <= (w["top"] + w["bottom"]) / 2 <= box[3]]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding]]:
    result = audited(SEED_PDF)
    output = tmp_path_factory.mktemp("pdf") / "reviewed.pdf"
    before = sha256(SEED_PDF)
    count = annotate_report(SEED_PDF, result.report, result.findings, output, lang="id")
    assert count == len(result.findings) > 40
    assert sha256(SEED_PDF) == before
    return output, result.findings


def test_one_annotation_per_finding_on_its_page(seed) -> None:
    output, findings = seed
    marks = _marks(output)
    assert sum(len(v) for v in marks.values()) == len(findings)
    expected = _by_page(findings)
    for page, on_page in expected.items():
        assert len(marks[page]) == len(on_page), page
        for annot, finding in zip(marks[page], on_page, strict=True):
            assert annot["title"] == "lapkin-audit"
            assert annot["contents"].startswith(f"{finding.code} {finding.name} (")
            assert finding.message.id in annot["contents"]


def test_each_highlight_covers_its_cell(seed) -> None:
    output, findings = seed
    marks = _marks(output)
    for page, on_page in _by_page(findings).items():
        for annot, finding in zip(marks[page], on_page, strict=True):
            box = (annot["x0"], annot["top"], annot["x1"], annot["bottom"])
            if finding.location.bbox is None:
                assert annot["data"]["Subtype"].name == "Text"
                continue
            assert annot["data"]["Subtype"].name == "Highlight"
            assert _overlap(box, finding.location.bbox) > 0.99, finding  # covers the cell
            assert box == pytest.approx(finding.location.bbox, abs=0.6), finding  # and no more
            assert annot["data"]["C"] and len(annot["data"]["QuadPoints"]) == 8


def test_the_inverted_capaian_highlight_covers_170_percent(seed) -> None:
    output, findings = seed
    marks = _marks(output)
    [finding] = [f for f in findings if f.code == "A102" and f.actual_text == "170%"]
    [annot] = [a for a in marks[finding.location.page] if a["contents"] ==
               next(a["contents"] for a in marks[finding.location.page]
                    if "Tertulis: 170%" in a["contents"])]
    box = (annot["x0"], annot["top"], annot["x1"], annot["bottom"])
    assert _words_in(output, finding.location.page, box) == ["170%"]
    assert "Seharusnya: 58,82%" in annot["contents"]
    assert annot["data"]["Popup"]  # the note opens from the highlight


def test_findings_without_a_bbox_get_a_note_at_the_top_of_their_page(tmp_path: Path) -> None:
    result = audited(SEED_PDF)
    findings = [f.model_copy(deep=True) for f in result.findings[:3]]
    whole = findings[0]  # about the whole report: page 1
    whole.location = whole.location.model_copy(update={"page": None, "bbox": None, "raw": None})
    cell = next(f.model_copy(deep=True) for f in result.findings if f.code == "A105")
    cell.location = cell.location.model_copy(update={"page": None, "bbox": None})
    cell.location.raw.page = cell.location.raw.bbox = None  # a table cell nobody printed
    output = tmp_path / "notes.pdf"
    annotate_report(SEED_PDF, result.report, [whole, cell, *findings[1:]], output)
    marks = _marks(output)
    with pdfplumber.open(output) as pdf:
        height = pdf.pages[0].height
    notes = {page: [a for a in annots if a["data"]["Subtype"].name == "Text"]
             for page, annots in marks.items()}
    [first] = notes[1]
    assert first["contents"].startswith(f"{whole.code} ") and first["top"] < height * 0.1
    [table_note] = notes[6]  # the page the cost table starts on
    assert table_note["top"] < height * 0.1
    assert "Letak: Tabel 2.3, baris 3, kolom Efisiensi" in table_note["contents"]
    assert table_note["title"] == "lapkin-audit"


def test_notes_stay_inside_the_visible_page_of_a_rotated_cropped_page(tmp_path: Path) -> None:
    from lapkin_audit.annotate.pdf import PageSpace

    writer = PdfWriter(clone_from=str(SEED_PDF))
    page = writer.pages[0]
    page.rotate(90)
    page.cropbox = RectangleObject((100, 150, 500, 700))
    rotated = tmp_path / "rotated.pdf"
    writer.write(rotated)
    result = audited(SEED_PDF)
    whole = result.findings[0].model_copy(deep=True)
    whole.location = whole.location.model_copy(update={"page": None, "bbox": None, "raw": None})
    output = tmp_path / "rotated.reviewed.pdf"
    annotate_report(rotated, result.report, [whole, whole], output)
    rects = [[float(v) for v in a.get_object()["/Rect"]]
             for a in PdfReader(output).pages[0]["/Annots"]]
    assert len(rects) == 2 and rects[0] != rects[1]
    space = PageSpace((0, 0, 595.303937, 841.889764), 90)

    def displayed(box: list[float]) -> tuple[float, float]:
        corners = [space.from_user(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
        return min(c[0] for c in corners), min(c[1] for c in corners)

    left, top = displayed([100, 150, 500, 700])  # the CropBox's top-left corner, as displayed
    for rect in rects:
        assert 100 <= rect[0] < rect[2] <= 500 and 150 <= rect[1] < rect[3] <= 700
        x, y = displayed(rect)
        assert 0 < x - left < 60 and 0 < y - top < 20  # side by side along the top edge


def test_page_content_is_untouched(seed) -> None:
    output, _ = seed
    # an incremental update: the original bytes, then the annotations
    assert output.read_bytes().startswith(SEED_PDF.read_bytes())
    before, after = PdfReader(SEED_PDF), PdfReader(output)
    assert len(before.pages) == len(after.pages)
    for old, new in zip(before.pages, after.pages, strict=True):
        assert new.get_contents().get_data() == old.get_contents().get_data()
        assert list(new.mediabox) == pytest.approx(list(old.mediabox))
        assert new.rotation == old.rotation
    with pdfplumber.open(SEED_PDF) as a, pdfplumber.open(output) as b:
        assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]


def test_an_offset_mediabox_keeps_highlights_on_their_cells(tmp_path: Path) -> None:
    """The seed moved to a MediaBox that does not start at (0, 0), then audited and annotated."""
    writer = PdfWriter(clone_from=str(SEED_PDF))
    for page in writer.pages:
        box = page.mediabox
        page.add_transformation(Transformation().translate(36, 54))
        page.mediabox = RectangleObject((box.left + 36, box.bottom + 54,
                                         box.right + 36, box.top + 54))
    shifted = tmp_path / "shifted.pdf"
    writer.write(shifted)
    result = check_file(shifted, Context(pack=None), CheckOptions(select=["A102"]))
    assert result.status == "audited"
    output = tmp_path / "shifted.reviewed.pdf"
    annotate_report(shifted, result.report, result.findings, output)
    marks = _marks(output)
    [finding] = [f for f in result.findings if f.actual_text == "170%"]
    [annot] = [a for a in marks[finding.location.page] if "170%" in a["contents"].split("\n")[-1]]
    box = (annot["x0"], annot["top"], annot["x1"], annot["bottom"])
    assert _words_in(output, finding.location.page, box) == ["170%"]


def test_an_encrypted_report_stays_encrypted(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=str(SEED_PDF))
    writer.encrypt(user_password="rahasia", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    result = check_file(locked, Context(pack=None), CheckOptions(select=["A1"],
                                                                 password="rahasia"))
    assert result.status == "audited"
    output = tmp_path / "locked.reviewed.pdf"
    annotate_report(locked, result.report, result.findings, output, password="rahasia")
    assert PdfReader(output).is_encrypted
    marks = _marks(output, password="rahasia")
    assert sum(len(v) for v in marks.values()) == len(result.findings)
