"""Word comments on a copy of a DOCX report, one per finding.

The XML elements behind ``Report.paragraphs[i]`` and ``Report.tables[j]`` are found by running
the reader's own body walk (:class:`lapkin_audit.parse.docx._BodyReader`: content controls
entered, text boxes after their host paragraph, empty paragraphs skipped, nested tables after
their host) over the document being annotated, so an index means the same element here as in
the audit. A table cell is the ``w:tc`` at the origin of the finding's grid position, placed
on the grid by ``w:gridBefore``/``w:gridSpan`` as the reader places it; its text is checked
against the audited cell before anything is anchored on it.

The comment spans the cell's or paragraph's runs (deleted runs and text-box runs excluded); an
element without a run gets an empty one, so the comment has an anchor and the text is
unchanged. A finding without a place, or whose place cannot be found again, goes on the first
paragraph, with its place written in the comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from lapkin_audit.annotate import AUTHOR, INITIALS, note_text
from lapkin_audit.model import Finding, Location, Report, Source
from lapkin_audit.parse.docx import (
    DEL,
    MC,
    SDT,
    TC,
    TR,
    TXBX,
    P,
    _block_elements,
    _BodyReader,
    _cell_text,
    _cells_of,
    _inside,
    _int_prop,
    _q,
)

R = _q("r")
FALLBACK = f"{{{MC}}}Fallback"
COMMENT_REFERENCE = _q("commentReference")


class _Anchors(_BodyReader):
    """The reader's body walk, remembering the element behind each paragraph and table index."""

    def __init__(self, document: Any) -> None:
        super().__init__(Report(source=Source(path="", format="docx")), document)
        self.paragraphs: list[etree._Element] = []
        self.tables: list[etree._Element] = []

    def _add_paragraph(self, p: etree._Element) -> None:
        before = len(self.report.paragraphs)
        super()._add_paragraph(p)
        if len(self.report.paragraphs) > before:
            self.paragraphs.append(p)

    def _add_table(self, tbl: etree._Element) -> None:
        self.tables.append(tbl)  # before the reader adds its nested tables after it
        super()._add_table(tbl)


def cell_element(tbl: etree._Element, row: int, col: int) -> etree._Element | None:
    """The ``w:tc`` covering grid position (row, col) of ``tbl``, as the reader grids it."""
    rows = [tr for tr in tbl if tr.tag == TR]
    if not 0 <= row < len(rows):
        return None
    tr = rows[row]
    position = _int_prop(tr.find(_q("trPr")), "gridBefore", 0)
    for tc in (c for c in tr if c.tag in (TC, SDT)):
        for cell in _cells_of(tc):
            span = max(1, _int_prop(cell.find(_q("tcPr")), "gridSpan", 1))
            if position <= col < position + span:
                return cell
            position += span
    return None


def _runs(paragraphs: list[etree._Element]) -> list[etree._Element]:
    """Runs that show text in these paragraphs: not deleted, not in a text box."""
    runs = []
    for p in paragraphs:
        for r in p.iter(R):
            if _inside(r, (DEL, TXBX, FALLBACK), stop=p) or r.find(COMMENT_REFERENCE) is not None:
                continue
            runs.append(r)
    # a run's own text is its w:t children (a drawing run holds a text box's runs inside it)
    shown = [r for r in runs if any(t.text for t in r.findall(_q("t"))) or
             r.find(_q("tab")) is not None]
    return shown or runs


@dataclass
class DocxAnnotation:
    document: Any
    count: int = 0

    def save(self, stream: BinaryIO) -> None:
        self.document.save(stream)


class _Annotator:
    def __init__(self, document: Any, report: Report) -> None:
        from docx.text.paragraph import Paragraph

        self.document = document
        self.report = report
        self._paragraph = Paragraph
        walk = _Anchors(document)
        walk.read_body(document.element.body)
        self.paragraphs = walk.paragraphs
        self.tables = walk.tables
        self.texts = [p.text for p in walk.report.paragraphs]

    def paragraph(self, index: int) -> list[etree._Element] | None:
        if not 0 <= index < len(self.paragraphs) or index >= len(self.report.paragraphs):
            return None
        if self.texts[index] != self.report.paragraphs[index].text:
            return None  # not the paragraph the audit read: do not guess
        return [self.paragraphs[index]]

    def cell(self, raw: Location) -> list[etree._Element] | None:
        if not (0 <= raw.table < len(self.tables) and raw.table < len(self.report.tables)):
            return None
        table = self.report.tables[raw.table]
        row = raw.row if raw.row is not None else 0
        column = raw.column if raw.column is not None else 0
        if not (0 <= row < table.n_rows and 0 <= column < table.n_cols):
            return None
        origin = table.grid()[row][column]
        if origin is None:  # a grid position no cell covers (a short row): the row's first
            origin = next((c for c in table.grid()[row] if c is not None), None)
            if origin is None:
                return None
        tc = cell_element(self.tables[raw.table], origin.row, origin.col)
        if tc is None or _cell_text(tc)[0] != origin.text:
            return None
        paragraphs = [e for e in _block_elements(tc) if e.tag == P]
        if not paragraphs:  # a w:tc must hold a paragraph; repair rather than fail
            paragraphs = [etree.SubElement(tc, P)]
        return paragraphs

    def first_paragraph(self) -> list[etree._Element]:
        if self.paragraphs:
            return [self.paragraphs[0]]
        body_paragraphs = self.document.element.body.findall(P)
        if body_paragraphs:
            return [body_paragraphs[0]]
        return [self.document.add_paragraph()._p]

    def anchor(self, finding: Finding) -> tuple[list[etree._Element], bool]:
        """The paragraphs to comment on, and whether that is the finding's own place."""
        raw = finding.location.raw or Location()
        found = None
        if raw.table is not None:
            found = self.cell(raw)
        elif raw.paragraph is not None:
            found = self.paragraph(raw.paragraph)
        if found is None:
            return self.first_paragraph(), False
        return found, True

    def comment(self, finding: Finding, lang: str) -> None:
        from docx.text.run import Run

        paragraphs, exact = self.anchor(finding)
        runs = _runs(paragraphs)
        if not runs:
            runs = [self._paragraph(paragraphs[0], self.document._body).add_run()._r]
        parent = self._paragraph(paragraphs[0], self.document._body)
        first, last = Run(runs[0], parent), Run(runs[-1], parent)
        self.document.add_comment([first, last], text=note_text(finding, lang, with_place=not exact),
                                  author=AUTHOR, initials=INITIALS)


def annotate_docx(source: Path, report: Report, findings: list[Finding], *, lang: str = "id",
                  password: str | None = None) -> DocxAnnotation:
    """The document with one comment per finding (not yet saved)."""
    import docx

    document = docx.Document(str(source))
    annotator = _Annotator(document, report)
    for finding in findings:
        annotator.comment(finding, lang)
    return DocxAnnotation(document=document, count=len(findings))
