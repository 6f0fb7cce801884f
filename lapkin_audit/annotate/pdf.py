"""Highlight annotations on a copy of a PDF report, one per finding (pypdf).

Each finding with a bbox gets a ``/Highlight`` over it (``/QuadPoints`` and ``/C`` set, so
viewers without appearance streams still draw it; ``/T`` author, ``/Contents`` the note) and
a ``/Popup`` holding the note. A finding without a bbox gets a ``/Text`` note at the top of its
page (the page of its table, else page 1), notes on one page set side by side.

The copy is an *incremental update*: the original bytes unchanged, followed by the new
annotation objects, the pages whose ``/Annots`` grew, and a new cross-reference section. So
page content cannot change, the copy grows only by the notes, and a digital signature over
the original bytes still covers them. pypdf cannot append to an encrypted file: that one is
copied in full and encrypted again with the same user password.

Coordinates. The reader's bboxes are pdfplumber's: (x0, top, x1, bottom) in the page as
displayed (``/Rotate`` applied), origin at the top left, with pdfplumber's MediaBox
adjustments. :class:`PageSpace` inverts exactly that chain — pdfminer's rotation matrix
(``PDFPageInterpreter.process_page``) then pdfplumber's flip and MediaBox shift
(``Page.__init__`` and ``Page.process_object``) — to get PDF user space, the space of
``/Rect`` and ``/QuadPoints``. The four corners are mapped one by one, so on a rotated page
the quad still runs upper-left, upper-right, lower-left, lower-right as the reader sees it.
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from lapkin_audit.annotate import AUTHOR, note_text
from lapkin_audit.model import BBox, Finding, Location, Report, Severity

COLOURS = {Severity.ERROR: "ff7a7a", Severity.WARNING: "ffd54f", Severity.INFO: "8fd0ff"}
PRINT = 4  # annotation flag: print with the page
NOTE_SIZE = 20.0  # side of a /Text note icon, points
POPUP_SIZE = (220.0, 120.0)


class PageSpace:
    """From pdfplumber's page coordinates to PDF user space, for one page."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((float(mediabox[0]), float(mediabox[2])))
        y0, y1 = sorted((float(mediabox[1]), float(mediabox[3])))
        self.rotation = rotation % 360
        # pdfminer: device = ctm · user (a, b, c, d, e, f)
        self.ctm = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(self.rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        # pdfplumber: MediaBox swapped for quarter turns, flipped by its own height
        box = (y0, x0, y1, x1) if self.rotation in (90, 270) else (x0, y0, x1, y1)
        self.height = box[3] - box[1]
        self.width = box[2] - box[0]
        self.left = box[0]  # pdfplumber's mediabox x0
        self.top = self.height - box[3]  # pdfplumber's mediabox top

    def to_user(self, x: float, top: float) -> tuple[float, float]:
        dx = x - self.left
        dy = self.height - (top - self.top)
        a, b, c, d, e, f = self.ctm
        det = a * d - b * c
        ux = (d * (dx - e) - c * (dy - f)) / det
        uy = (a * (dy - f) - b * (dx - e)) / det
        return ux, uy

    def from_user(self, ux: float, uy: float) -> tuple[float, float]:
        """pdfplumber's (x, top) of a user-space point (the inverse of :meth:`to_user`)."""
        a, b, c, d, e, f = self.ctm
        dx, dy = a * ux + c * uy + e, b * ux + d * uy + f
        return dx + self.left, self.height - dy + self.top

    def quad(self, bbox: BBox) -> list[float]:
        """QuadPoints of a displayed box: upper-left, upper-right, lower-left, lower-right."""
        x0, top, x1, bottom = bbox
        points = [self.to_user(x0, top), self.to_user(x1, top),
                  self.to_user(x0, bottom), self.to_user(x1, bottom)]
        return [v for point in points for v in point]

    def rect(self, bbox: BBox, pad: float = 0.0) -> tuple[float, float, float, float]:
        quad = self.quad(bbox)
        xs, ys = quad[0::2], quad[1::2]
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


@dataclass
class PdfAnnotation:
    writer: Any
    count: int = 0
    notes_on_page: dict[int, int] = field(default_factory=dict)

    def save(self, stream: BinaryIO) -> None:
        self.writer.write(stream)


def _page_of(finding: Finding, report: Report, n_pages: int) -> int:
    """0-based page for a finding: its own, else its table's first, else the first page."""
    raw = finding.location.raw or Location()
    page = finding.location.page or raw.page
    if page is None and raw.table is not None and 0 <= raw.table < len(report.tables):
        table = report.tables[raw.table]
        if raw.row is not None and 0 <= raw.row < table.n_rows:
            pages = [c.page for c in table.grid()[raw.row] if c is not None and c.page]
            page = pages[0] if pages else None
        page = page or (table.pages[0] if table.pages else None)
    if page is None or not 1 <= page <= n_pages:
        return 0
    return page - 1


def _now() -> str:
    """A PDF date for ``/M`` (when the note was written), in UTC."""
    return dt.datetime.now(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def pdf_text(text: str) -> Any:
    """A PDF text string: ASCII as is, anything else UTF-16BE with its BOM.

    pypdf would write ``·`` or ``÷`` in PDFDocEncoding, which is valid but which some readers
    (pdfplumber among them) fail to decode; UTF-16BE with a BOM every reader takes.
    """
    from pypdf.generic import TextStringObject

    if text.isascii():
        return TextStringObject(text)
    return TextStringObject(codecs.BOM_UTF16_BE + text.encode("utf-16be"))


def annotate_pdf(source: Path, report: Report, findings: list[Finding], *, lang: str = "id",
                 password: str | None = None) -> PdfAnnotation:
    """The PDF with one highlight or note per finding (not yet saved)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(source))
    if reader.is_encrypted:  # pypdf cannot append to an encrypted file: a full copy, as locked
        reader.decrypt(password or "")
        writer = PdfWriter(clone_from=reader)
        writer.encrypt(user_password=password or "", algorithm="AES-256")
    else:
        try:  # the original bytes, then an update holding only the annotations
            writer = PdfWriter(str(source), incremental=True)
        except Exception:  # noqa: BLE001 - a file pypdf cannot append to: a full copy
            writer = PdfWriter(clone_from=reader)
    result = PdfAnnotation(writer=writer)
    n_pages = len(writer.pages)
    for finding in findings:
        index = _page_of(finding, report, n_pages)
        page = writer.pages[index]
        space = PageSpace(tuple(float(v) for v in page.mediabox), int(page.rotation or 0))
        bbox, own_page = finding.location.bbox, finding.location.page
        if bbox is not None and own_page is not None and own_page - 1 == index:
            _highlight(writer, index, space, bbox, finding, note_text(finding, lang))
        else:
            visible = tuple(float(v) for v in page.cropbox)
            _note(writer, index, space, visible, result,
                  note_text(finding, lang, with_place=True))
        result.count += 1
    return result


def _highlight(writer: Any, index: int, space: PageSpace, bbox: BBox, finding: Finding,
               text: str) -> None:
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    rect = space.rect(bbox, pad=0.5)
    highlight = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(round(v, 3))
                                                             for v in space.quad(bbox)),
                          highlight_color=COLOURS[finding.severity], printing=True,
                          title_bar=AUTHOR)
    highlight[NameObject("/Contents")] = pdf_text(text)
    highlight[NameObject("/Subj")] = pdf_text(finding.code)
    highlight[NameObject("/AP")] = _appearance(writer, rect, COLOURS[finding.severity])
    highlight[NameObject("/M")] = pdf_text(_now())
    added = writer.add_annotation(index, highlight)
    width, height = POPUP_SIZE
    popup = Popup(rect=(rect[2], rect[3] - height, rect[2] + width, rect[3]), parent=added)
    writer.add_annotation(index, popup)


def _appearance(writer: Any, rect: tuple[float, float, float, float], colour: str) -> Any:
    """A plain multiply-blended rectangle as the highlight's normal appearance.

    Without one every viewer draws its own (poppler bulges the ends by a quarter of the
    height, which on a three-line cell spills over the neighbours); with it the mark is the
    cell. ``/QuadPoints`` and ``/C`` stay for viewers that regenerate highlights.
    """
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
    )

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    x0, y0, x1, y1 = rect
    form = DecodedStreamObject()
    form.set_data(f"/GS0 gs {r:.3f} {g:.3f} {b:.3f} rg {x0:.3f} {y0:.3f} {x1 - x0:.3f} "
                  f"{y1 - y0:.3f} re f".encode("ascii"))
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(round(v, 3)) for v in rect),
        NameObject("/Resources"): DictionaryObject({NameObject("/ExtGState"): DictionaryObject({
            NameObject("/GS0"): DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"),
                                                 NameObject("/BM"): NameObject("/Multiply")}),
        })}),
    })
    return DictionaryObject({NameObject("/N"): writer._add_object(form)})


def _note(writer: Any, index: int, space: PageSpace, visible: tuple[float, ...],
          result: PdfAnnotation, text: str) -> None:
    """A note icon in the top-left corner of the visible page (its CropBox), as displayed."""
    from pypdf.annotations import Text
    from pypdf.generic import NameObject

    corners = [space.from_user(x, y) for x in (visible[0], visible[2])
               for y in (visible[1], visible[3])]
    left, top0 = min(c[0] for c in corners), min(c[1] for c in corners)
    width = max(c[0] for c in corners) - left
    k = result.notes_on_page.get(index, 0)
    result.notes_on_page[index] = k + 1
    per_row = max(1, int((width - 20) // (NOTE_SIZE + 4)))
    x = left + 10 + (k % per_row) * (NOTE_SIZE + 4)
    top = top0 + 8 + (k // per_row) * (NOTE_SIZE + 4)
    rect = space.rect((x, top, x + NOTE_SIZE, top + NOTE_SIZE))
    note = Text(rect=rect, text=text, open=False, flags=PRINT, title_bar=AUTHOR)
    note[NameObject("/Contents")] = pdf_text(text)
    note[NameObject("/Name")] = NameObject("/Comment")
    note[NameObject("/M")] = pdf_text(_now())
    writer.add_annotation(index, note)
