"""The typed model of a performance report.

Parsers (``lapkin_audit.parse``) turn a PDF or DOCX into a :class:`Report`; the rule engine
reads only this model. Every value keeps where it was printed (:class:`Location`) and how it
was printed (:class:`Quantity`), because a finding must point at the exact cell and judge
rounding by the precision the author used.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin at the top-left of the page (pdfplumber's)."""


class Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class Location(Model):
    """Where something was printed.

    PDF values have ``page`` and ``bbox``; DOCX values have no page (Word lays pages out at
    render time). Table values carry ``table`` (index into :attr:`Report.tables`), ``row`` and
    ``column`` (0-based positions in that table's grid); narrative carries ``paragraph``
    (index into :attr:`Report.paragraphs`).
    """

    page: int | None = None
    bbox: BBox | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None


class Unit(str, Enum):
    PERCENT = "%"
    RUPIAH = "Rp"
    OTHER = "other"
    NONE = "none"


class Quantity(Model):
    """A number as printed: raw text, parsed value, unit and printed precision.

    ``value`` is None when the text is not a number (``n/a``, ``-``, prose): ``note`` then says
    what it was. ``ambiguous`` holds a reason when the reading could not be settled by evidence
    (``1.250`` alone in a column). ``decimals`` is the number of decimals shown (``24,97%`` → 2),
    the basis of rounding tolerance.
    """

    raw: str
    value: Decimal | None = None
    unit: Unit = Unit.NONE
    unit_text: str | None = None
    decimals: int | None = None
    ambiguous: str | None = None
    note: str | None = None
    loc: Location = Field(default_factory=Location)


class Text(Model):
    """A text cell or fragment with its location."""

    text: str
    loc: Location = Field(default_factory=Location)


# --------------------------------------------------------------------------------------------
# Raw material: what the readers see, before any interpretation.


class Cell(Model):
    """One origin cell of a table grid. Spanned positions are not repeated."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    bold: bool = False


class RawTable(Model):
    """A table as a grid of origin cells, with provenance.

    A table that runs over several PDF pages is one RawTable (``pages`` lists them).
    ``header_rows`` is the number of rows the document itself marks as repeating headers
    (DOCX ``w:tblHeader``), when known.
    """

    index: int
    n_rows: int
    n_cols: int
    cells: list[Cell]
    pages: list[int] = Field(default_factory=list)
    caption: str | None = None
    caption_paragraph: int | None = None
    header_rows: int | None = None
    ruling: Literal["full", "horizontal", "none", "unknown"] = "unknown"

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns with each spanned position pointing at its origin cell."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return grid

    def row_texts(self, row: int) -> list[str]:
        """Cell texts of one grid row, spans expanded ('' where nothing is printed)."""
        return [cell.text if cell else "" for cell in self.grid()[row]]


_CAPTION_LABEL = re.compile(r"^\s*(tabel|table)\s+([0-9IVXLC]+(?:[.\-][0-9]+)*)", re.IGNORECASE)


def caption_label(caption: str | None) -> tuple[str, str] | None:
    """The word and number a caption starts with: ``Tabel 2.3. Cost per outcome`` gives
    ``("Tabel", "2.3")``; None when the caption is not numbered."""
    match = _CAPTION_LABEL.match(caption or "")
    return (match.group(1), match.group(2)) if match else None


class Paragraph(Model):
    """A block of narrative text in reading order (a paragraph, list item or heading)."""

    index: int
    text: str
    loc: Location = Field(default_factory=Location)
    style: str | None = None
    heading_level: int | None = None
    bold: bool = False
    font_size: float | None = None
    centered: bool = False


class Block(Model):
    """A body item in document order: a paragraph or a table."""

    kind: Literal["paragraph", "table"]
    index: int


# --------------------------------------------------------------------------------------------
# Interpretation: typed views, period, unit, signature, sections.


class RowKind(str, Enum):
    DATA = "data"
    TOTAL = "total"  # JUMLAH / Total / Sub total: a sum of the rows above
    AVERAGE = "average"  # Rata-rata: a mean of the rows above
    GROUP = "group"  # a full-width label row (sasaran or program heading)


class ViewKind(str, Enum):
    PERJANJIAN_KINERJA = "perjanjian_kinerja"
    BUDGET = "budget"
    CAPAIAN = "capaian"
    COST = "cost"
    FORMULA = "formula"
    STRATEGY = "strategy"


class Column(Model):
    """A column of a typed view: its role, header path and grid position."""

    role: str
    index: int
    header: list[str]
    number: int | None = None  # from the column-number row (1 2 3 …), when present
    year: int | None = None  # from a year in the header path (multi-year groups)

    @property
    def label(self) -> str:
        return " › ".join(h for h in self.header if h) or self.role


class HeaderFormula(Model):
    """A formula printed in a header, e.g. ``Capaian 6=4/5``: column 6 = column 4 ÷ column 5."""

    raw: str
    column: int  # grid column of the header that holds it
    result: int  # column numbers as printed
    numerator: int
    denominator: int
    operator: Literal["/", "x", "-", "+"] = "/"


class ViewRow(Model):
    """One row of a typed view. Fields not printed in that table stay None.

    Performance fields: ``sasaran``, ``program``, ``indikator``, ``satuan``, ``target``,
    ``realisasi``, ``capaian``, ``status``. Budget fields: ``pagu``, ``realisasi_anggaran``,
    ``serapan``, ``efisiensi``. Formula and strategy fields: ``rumus``, ``strategi``, ``bulan``.
    Unrecognised columns are kept in ``extra`` under their header label.
    """

    kind: RowKind = RowKind.DATA
    grid_rows: list[int]
    number: str | None = None
    label: Text | None = None  # the row's own label on TOTAL / AVERAGE / GROUP rows
    level: int = 0  # hierarchy depth: 0 program/sasaran … 2 sub kegiatan
    parent: int | None = None  # index of the parent row in the same view
    sasaran: Text | None = None
    program: Text | None = None
    indikator: Text | None = None
    satuan: Text | None = None
    target: Quantity | None = None
    realisasi: Quantity | None = None
    capaian: Quantity | None = None
    status: Text | None = None
    pagu: Quantity | None = None
    realisasi_anggaran: Quantity | None = None
    serapan: Quantity | None = None
    efisiensi: Quantity | None = None
    rumus: Text | None = None
    strategi: Text | None = None
    bulan: Text | None = None
    years: dict[int, dict[str, Quantity]] = Field(default_factory=dict)
    extra: dict[str, Text] = Field(default_factory=dict)

    @property
    def name(self) -> Text | None:
        """The row's subject: indicator, else program, else sasaran, else label."""
        return self.indikator or self.program or self.sasaran or self.label


class TableView(Model):
    """A recognised table (or one block of it) read as typed rows."""

    kind: ViewKind
    table: int
    caption: str | None = None
    columns: list[Column]
    header_rows: list[int]
    column_numbers_row: int | None = None
    header_formulas: list[HeaderFormula] = Field(default_factory=list)
    rows: list[ViewRow]
    confidence: float = 1.0
    notes: list[str] = Field(default_factory=list)

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    @property
    def data_rows(self) -> list[ViewRow]:
        return [r for r in self.rows if r.kind is RowKind.DATA]

    def compares_years(self, report_year: int | None) -> bool:
        """A multi-year comparison (columns of other years than the report's): such a table
        compares a selection of indicators, so it does not define how many there are."""
        for col in self.columns:
            if col.role.startswith("history:"):
                return True
            if col.year is not None and report_year is not None and col.year != report_year:
                return True
        return any(y != report_year for r in self.rows for y in r.years) if report_year else False


class PeriodMention(Model):
    """A place where the document names its period (cover, title, caption, body, range)."""

    where: Literal["cover", "title", "caption", "body", "range", "signature"]
    raw: str
    year: int | None = None
    quarter: int | None = None
    semester: int | None = None
    annual: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    loc: Location = Field(default_factory=Location)


class Period(Model):
    year: int | None = None
    quarter: int | None = None  # 1–4; None for an annual report
    annual: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    mentions: list[PeriodMention] = Field(default_factory=list)


class OrgUnit(Model):
    jabatan: str | None = None  # CAMAT SENDURO
    instansi: str | None = None  # Kecamatan Senduro
    wilayah: str | None = None  # Kabupaten Lumajang


class Signature(Model):
    place: str | None = None
    date: dt.date | None = None
    date_raw: str | None = None
    role: str | None = None
    name: str | None = None
    nip: str | None = None  # as printed, e.g. "19681114 199003 1 004"
    loc: Location = Field(default_factory=Location)
    nip_loc: Location | None = None


class Section(Model):
    number: str | None = None  # "2.3"
    title: str
    level: int = 1
    loc: Location = Field(default_factory=Location)


class Source(Model):
    path: str
    format: Literal["pdf", "docx"]
    pages: int | None = None
    size: int | None = None
    sha256: str | None = None


class Report(Model):
    """Everything lapkin-audit knows about one submitted report."""

    source: Source
    unit: OrgUnit = Field(default_factory=OrgUnit)
    period: Period = Field(default_factory=Period)
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    tables: list[RawTable] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    views: list[TableView] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    furniture: list[Paragraph] = Field(default_factory=list)  # headers / footers, not body
    warnings: list[str] = Field(default_factory=list)

    def views_of(self, kind: ViewKind) -> list[TableView]:
        return [v for v in self.views if v.kind is kind]


# --------------------------------------------------------------------------------------------
# Findings.


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Message(Model):
    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class FindingLocation(Model):
    """Where a finding points, in the user's terms (page, table label, row number, column label)."""

    page: int | None = None
    table: str | None = None  # caption label ("Tabel 2.2") or "table 3"
    row: int | None = None  # 1-based grid row within the table
    column: str | None = None  # header label
    bbox: BBox | None = None
    paragraph: int | None = None
    raw: Location | None = None  # the model location it came from


class Finding(Model):
    code: str
    name: str
    severity: Severity
    message: Message
    location: FindingLocation = Field(default_factory=FindingLocation)
    actual: str | int | float | None = None
    expected: str | int | float | None = None
    actual_text: str | None = None  # as printed ("170%")
    expected_text: str | None = None  # as it should have been printed ("58,82%")
    fingerprint: str = ""
