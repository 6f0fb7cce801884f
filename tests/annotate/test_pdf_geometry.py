"""pdfplumber's coordinates back to PDF user space on rotated pages and offset MediaBoxes.

Each page here prints ``HELLO`` at a known user-space point; pdfplumber reports its chars in
the displayed page; :class:`PageSpace` must bring them back to that point, and a highlight
written over them must cover them when pdfplumber reads the annotation back.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

from lapkin_audit.annotate.pdf import PageSpace

TEXT_AT = (150.0, 300.0)  # user-space start of the text baseline, relative to the MediaBox corner
SIZE = 12.0


def _pdf(path: Path, mediabox: tuple[float, float, float, float], rotation: int) -> Path:
    writer = PdfWriter()
    page = writer.add_blank_page(width=mediabox[2] - mediabox[0],
                                 height=mediabox[3] - mediabox[1])
    page.mediabox = RectangleObject(mediabox)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    x, y = mediabox[0] + TEXT_AT[0], mediabox[1] + TEXT_AT[1]
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 {SIZE:g} Tf {x:g} {y:g} Td (HELLO) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    if rotation:
        page[NameObject("/Rotate")] = NumberObject(rotation)
    writer.write(path)
    return path


CASES = [((0, 0, 595, 842), r) for r in (0, 90, 180, 270)] + [
    ((40, 70, 652, 862), r) for r in (0, 90, 180, 270)] + [((-30, -50, 400, 500), 90)]


@pytest.mark.parametrize(("mediabox", "rotation"), CASES)
def test_chars_map_back_to_where_they_were_drawn(tmp_path: Path, mediabox, rotation) -> None:
    path = _pdf(tmp_path / "p.pdf", mediabox, rotation)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        bbox = (min(c["x0"] for c in chars), min(c["top"] for c in chars),
                max(c["x1"] for c in chars), max(c["bottom"] for c in chars))
    space = PageSpace(mediabox, rotation)
    ux0, uy0, ux1, uy1 = space.rect(bbox)
    x, y = mediabox[0] + TEXT_AT[0], mediabox[1] + TEXT_AT[1]
    assert ux0 == pytest.approx(x, abs=0.5)  # text starts at its Td point
    assert 30 < ux1 - ux0 < 40  # and runs horizontally in user space, whatever the rotation
    assert uy0 < y < uy1 and uy1 - uy0 == pytest.approx(SIZE, abs=3)
    for corner in ((bbox[0], bbox[1]), (bbox[2], bbox[3])):
        assert space.from_user(*space.to_user(*corner)) == pytest.approx(corner)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_quad_points_run_in_reading_order(rotation: int) -> None:
    """Upper-left, upper-right, lower-left, lower-right of the box as the reader sees it."""
    space = PageSpace((0, 0, 595, 842), rotation)
    quad = space.quad((100, 200, 160, 215))
    points = list(zip(quad[0::2], quad[1::2]))
    displayed = [coordinate for p in points for coordinate in space.from_user(*p)]
    assert displayed == pytest.approx([100, 200, 160, 200, 100, 215, 160, 215])


def test_a_highlight_covers_the_text_on_an_offset_rotated_page(tmp_path: Path) -> None:
    from lapkin_audit.annotate.pdf import _highlight
    from lapkin_audit.model import Finding, Message, Severity

    mediabox = (40, 70, 652, 862)
    source = _pdf(tmp_path / "p.pdf", mediabox, 0)
    with pdfplumber.open(source) as pdf:
        chars = pdf.pages[0].chars
        bbox = (min(c["x0"] for c in chars), min(c["top"] for c in chars),
                max(c["x1"] for c in chars), max(c["bottom"] for c in chars))
    writer = PdfWriter(clone_from=str(source))
    finding = Finding(code="X1", name="x", severity=Severity.ERROR, message=Message(id="a", en="a"))
    _highlight(writer, 0, PageSpace(mediabox, 0), bbox, finding, "X1 note")
    out = tmp_path / "out.pdf"
    writer.write(out)
    with pdfplumber.open(out) as pdf:
        [annot] = [a for a in pdf.pages[0].annots if a["data"]["Subtype"].name == "Highlight"]
    assert (annot["x0"], annot["top"], annot["x1"], annot["bottom"]) == pytest.approx(
        (bbox[0] - 0.5, bbox[1] - 0.5, bbox[2] + 0.5, bbox[3] + 0.5), abs=0.01)
