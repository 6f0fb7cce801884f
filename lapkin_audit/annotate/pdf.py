"""Highlight annotations on a copy of a PDF report, one per finding (pypdf).

Each finding with a bbox gets a ``/Highlight`` over it (``/QuadPoints`` and ``/C`` set, so
viewers without appearance streams still draw it; ``/T`` author, ``/Contents`` the note) and
a ``/Popup`` holding the note. A finding without a bbox gets a ``/Text`` note at the top of its
page (the page of its table, else page 1), notes on one page set side by side. Page content
streams and resources are not touched: only ``/Annots`` arrays grow.

Coordinates. The reader's bboxes are pdfplumber's: (x0, top, x1, bottom) in the page as
displayed (``/Rotate`` applied), origin at the top left, with pdfplumber's MediaBox
adjustments. :class:`PageSpace` inverts exactly that chain — pdfminer's rotation matrix
(``PDFPageInterpreter.process_page``) then pdfplumber's flip and MediaBox shift
(``Page.__init__`` and ``Page.process_object``) — to get PDF user space, the space of
``/Rect`` and ``/QuadPoints``. The four corners are mapped one by one, so on a rotated page
the quad still runs upper-left, upper-right, lower-left, lower-right as the reader sees it.
"""

from __future__ import annotations

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


def annotate_pdf(source: Path, report: Report, findings: list[Finding], *, lang: str = "id",
                 password: str | None = None) -> PdfAnnotation:
    """The PDF with one highlight or note per finding (not yet saved)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(source))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    writer = PdfWriter(clone_from=reader)
    if reader.is_encrypted:  # keep the copy as locked as the original was to open
        writer.encrypt(user_password=password or "", algorithm="AES-256")
    result = PdfAnnotation(writer=writer)
    n_pages = len(writer.pages)
    for finding in findings:
        index = _page_of(finding, report, n_pages)
        page = writer.pages[index]
        space = PageSpace(tuple(float(v) for v in page.mediabox), int(page.rotation or 0))
        text = note_text(finding, lang)
        bbox = finding.location.bbox
        if finding.location.page is not None and bbox is not None:
            _highlight(writer, index, space, bbox, finding, text)
        else:
            _note(writer, index, space, result, note_text(finding, lang, with_place=True))
        result.count += 1
    return result


def _highlight(writer: Any, index: int, space: PageSpace, bbox: BBox, finding: Finding,
               text: str) -> None:
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    rect = space.rect(bbox, pad=0.5)
    highlight = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(round(v, 3))
                                                             for v in space.quad(bbox)),
                          highlight_color=COLOURS[finding.severity], printing=True,
                          title_bar=AUTHOR)
    highlight[NameObject("/Contents")] = TextStringObject(text)
    highlight[NameObject("/Subj")] = TextStringObject(finding.code)
    added = writer.add_annotation(index, highlight)
    width, height = POPUP_SIZE
    popup = Popup(rect=(rect[2], rect[3] - height, rect[2] + width, rect[3]), parent=added)
    writer.add_annotation(index, popup)


def _note(writer: Any, index: int, space: PageSpace, result: PdfAnnotation, text: str) -> None:
    from pypdf.annotations import Text
    from pypdf.generic import NameObject

    k = result.notes_on_page.get(index, 0)
    result.notes_on_page[index] = k + 1
    per_row = max(1, int((space.width - 20) // (NOTE_SIZE + 4)))
    x = space.left + 10 + (k % per_row) * (NOTE_SIZE + 4)
    top = space.top + 8 + (k // per_row) * (NOTE_SIZE + 4)
    rect = space.rect((x, top, x + NOTE_SIZE, top + NOTE_SIZE))
    note = Text(rect=rect, text=text, open=False, flags=PRINT, title_bar=AUTHOR)
    note[NameObject("/Name")] = NameObject("/Comment")
    writer.add_annotation(index, note)
