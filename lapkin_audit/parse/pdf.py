"""Read a PDF into the raw material of a :class:`~lapkin_audit.model.Report`.

Approach (measured facts behind each step are in ``shared/docs/extraction.md``):

1. **Open once, read-only, page by page.** The file is opened by us (``rb``) and handed to
   pdfplumber; every page is closed in ``try/finally`` (the text-map caches otherwise keep
   ~200 MiB on a 65-page file). Any exception from pdfminer/pdfplumber (the wrappers
   ``PdfminerException``/``MalformedPDFException`` and the bare ``KeyError``/``TypeError``/
   ``RecursionError`` of fuzzed files) is turned into a :class:`FileError` at file level, or
   into a warning when a single page fails and others work.
2. **Ruled tables** come from one ``TableFinder`` per page (``lines`` strategy; the finder also
   hands us the merged edges for step 3). Each pdfplumber ``Table`` becomes a grid of origin
   cells: row/column spans are recovered by placing every cell bbox on the grid of distinct
   x / y edges (pdfplumber only gives ``None`` for spanned positions). Texts come from
   ``Table.extract()`` (newlines kept), ``bold`` from the fontnames of the chars inside the cell.
   Grids of one cell or one column, or without any text, are frames or rules, not tables:
   their words stay narrative.
3. **Tables ruled with horizontal lines only.** Horizontal edges not used by a ruled table
   are grouped by x-extent (at least three rules); from a rule with text below it (the header
   band) the table grows band by band while its words still split into as many columns.
   Column boundaries sit in the x-gaps left by header and body words together (so a number is
   never cut; header words over several body columns are group labels and are ignored),
   snapped to the end of a partial rule when one ends in the gap. Rows are the bands between
   the rules; partial rules (under cells merged down in some columns only) are passed as
   real segments, so the cells they do not cross span several rows; a body without any
   inside rule gets one row per text line. pdfplumber's ``explicit`` strategy extracts the
   grid (``ruling="horizontal"``). Rejected: bodies that fill only one column (a boxed
   listing) and evenly spaced text (a boxed justified paragraph).
4. **Narrative.** Words outside tables are grouped into lines; lines repeated at the same
   place on most pages (running headers/footers) and lone page numbers in the margins are
   *furniture*. The other lines become paragraphs in reading order (top to bottom), broken
   at a larger vertical gap, a font size/weight change, a list marker (``1.`` ``2)`` ``a.``
   ``-`` ``•``) or ``BAB``, a short previous line (only the last line of a wrapped
   paragraph is short), a first-line indent, or a table.
5. **Tables over page breaks.** When a page starts with a table that has the columns of the
   table ending the previous page (nothing but furniture in between), the parts become one
   :class:`RawTable`; leading rows equal to the first part's first rows (repeated headers,
   compared without whitespace) are dropped and counted in ``header_rows``. A row split by
   the page break stays a separate row: only the table classifier knows how to rejoin it.

Files without any text: E003 when the pages are covered by images ("scanned"), and also E003
with detail "no text (vector drawing only)" for vector-only pages, because the remedy is the
same (OCR of the rendered page; text converted to outlines is the common cause).
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSEOF
from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from lapkin_audit.errors import FileError, display_path
from lapkin_audit.model import BBox, Block, Cell, Location, Paragraph, RawTable, Report, Source

Ruling = Literal["full", "horizontal"]
Word = dict[str, Any]

# Geometry tolerances, in PDF points.
EDGE_TOLERANCE = 1.0  # cell edges closer than this are the same grid line
COLUMN_MATCH_TOLERANCE = {"full": 3.0, "horizontal": 12.0}  # continuation column match
MIN_RULE_LENGTH = 40.0  # shorter horizontal lines are underlines, not table rules
MIN_INNER_RULE_LENGTH = 8.0  # inside a table, a rule may cross one narrow column only
RULE_MERGE_TOLERANCE = 3.0  # the two strokes of a double rule are one rule
RULE_EXTENT_TOLERANCE = 4.0  # rules of one table start and end at the same x
MARGIN_ZONE = 0.12  # top/bottom share of the page where running headers/footers live
CONTINUATION_ZONE = 0.45  # a continued table ends in the lower / starts in the upper part

MARKER = r"(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-zA-Z][.)]|\([a-zA-Z]\)|[ivxIVX]{1,4}[.)]|[-–•▪●○◦■□➢►✓*☐☑☒])"
LIST_MARKER = re.compile(f"^{MARKER}$")  # a word that is a list marker
LIST_MARKER_PREFIX = re.compile(f"^{MARKER}\\s")  # a line that starts with one
BAB_HEADING = re.compile(r"^BAB\s+([IVXL]+|\d{1,2})\b", re.IGNORECASE)
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+\S")
LETTER_HEADING = re.compile(r"^[A-H]\.\s+\S")
PAGE_NUMBER = re.compile(
    r"^(?:(?:halaman|hal\.?|page)\s*)?[-–]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–]?"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.:;!?]$")


# ------------------------------------------------------------------------------------------
# Intermediate, page-level results (plain data: nothing here refers to a pdfplumber page)


@dataclass
class PageTable:
    """One table as found on one page, cells positioned on that page's grid."""

    page: int
    bbox: BBox
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    ruling: Ruling

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@dataclass
class TextLine:
    """Words sharing a baseline, outside tables."""

    page: int
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    sizes: list[tuple[float, int]]  # (font size, chars) per word
    bold_chars: int
    n_chars: int
    furniture: bool = False

    @property
    def bold(self) -> bool:
        return self.bold_chars * 2 > self.n_chars

    @cached_property  # asked for at every line comparison
    def size(self) -> float:
        return weighted_median(self.sizes)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def list_marker(self) -> bool:
        return bool(LIST_MARKER_PREFIX.match(self.text)) or bool(
            self.words and LIST_MARKER.match(self.words[0]["text"]) and len(self.words) > 1
        )

    @property
    def text_start(self) -> float:
        """x where the text proper starts: after the list marker, if any."""
        if self.list_marker and len(self.words) > 1:
            return float(self.words[1]["x0"])
        return self.x0


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    tables: list[PageTable] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    n_chars: int = 0
    image_cover: float = 0.0
    n_graphics: int = 0  # lines, rects and curves
    not_upright: int = 0
    cid_chars: int = 0


# ------------------------------------------------------------------------------------------
# Public API


def read_pdf(path: Path, *, password: str | None = None, max_pages: int | None = None) -> Report:
    """Read ``path`` into a Report with source, paragraphs, tables, blocks and furniture.

    Raises :class:`FileError` (E001 unreadable, E002 encrypted, E003 no text layer) and
    nothing else for a bad file. Problems limited to some pages become ``report.warnings``.
    """
    path = Path(path)
    size, sha256 = file_size_and_hash(path)
    if size == 0:
        raise FileError("E001", str(path), "empty file (0 bytes)")
    warnings: list[str] = []
    with path.open("rb") as stream:
        pages = read_pages(stream, path, password, max_pages, warnings)
    source = Source(path=display_path(path), format="pdf", pages=len(pages.all), size=size, sha256=sha256)
    readable = pages.read
    if not readable:
        raise FileError("E001", str(path), f"no page could be read ({pages.first_error})")
    check_text_layer(path, readable, pages.total, warnings)
    report = Report(source=source, warnings=warnings)
    assemble(report, readable)
    return report


# ------------------------------------------------------------------------------------------
# File level: open, iterate, classify failures


@dataclass
class PageResults:
    all: list[int]
    read: list[PageContent]
    first_error: str = ""

    @property
    def total(self) -> int:
        return len(self.all)


def file_size_and_hash(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot read file: {exc.strerror or exc}") from exc
    return size, digest.hexdigest()


def read_pages(
    stream: BinaryIO,
    path: Path,
    password: str | None,
    max_pages: int | None,
    warnings: list[str],
) -> PageResults:
    pdf = open_pdf(stream, path, password)
    declared = declared_page_count(pdf)
    if max_pages is not None and declared is not None and declared > max_pages:
        # refuse before enumerating: 100,000 page objects take pdfminer ~30 s
        raise FileError("E001", str(path), f"declares {declared} pages, over the page limit of "
                        f"{max_pages} (raise it with --max-pages N if the file is genuine)")
    try:
        pages = list(pdf.pages)
    except Exception as exc:  # page tree errors surface only when pages are enumerated
        raise FileError("E001", str(path), f"page tree unreadable: {describe(exc)}") from exc
    if not pages:
        raise FileError("E001", str(path), "no pages found (damaged or empty page tree)")
    if max_pages is not None and len(pages) > max_pages:
        raise FileError("E001", str(path), f"{len(pages)} pages, over the page limit of "
                        f"{max_pages} (raise it with --max-pages N if the file is genuine)")
    results = PageResults(all=list(range(1, len(pages) + 1)), read=[])
    for number, page in enumerate(pages, start=1):
        try:
            results.read.append(read_page(page, number))
        except Exception as exc:  # noqa: BLE001 - pdfminer raises bare built-ins on damaged pages
            detail = describe(exc)
            results.first_error = results.first_error or f"page {number}: {detail}"
            warnings.append(f"page {number} skipped: {detail}")
        finally:
            close_page(page)
    # PDF.close() would re-create and re-close every page (pdfplumber #1339); pages are
    # already closed and the stream is ours, so dropping the reference is enough.
    del pages, pdf
    return results


def declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """/Count of the page tree root, if it can be read (it may lie; the real count decides)."""
    try:
        root = resolve1(resolve1(pdf.doc.catalog.get("Pages")))
        count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    except Exception:  # noqa: BLE001 - only a shortcut; enumeration reports real damage
        return None
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def open_pdf(stream: BinaryIO, path: Path, password: str | None) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(stream, password=password or "")
    except PdfminerException as exc:
        inner = unwrap(exc)
        if isinstance(inner, PDFPasswordIncorrect):
            detail = "wrong password" if password else "password required"
            raise FileError("E002", str(path), detail) from exc
        raise FileError("E001", str(path), describe(exc)) from exc
    except Exception as exc:  # MalformedPDFException and anything pdfminer lets through
        raise FileError("E001", str(path), describe(exc)) from exc


def close_page(page: Any) -> None:
    try:
        page.close()
    except Exception:  # noqa: BLE001, S110 - closing only drops caches; never mask the result
        pass


def unwrap(exc: BaseException) -> BaseException:
    """The pdfminer exception inside pdfplumber's wrapper (``args[0]``), else ``exc``."""
    if isinstance(exc, (PdfminerException, MalformedPDFException)) and exc.args:
        inner = exc.args[0]
        if isinstance(inner, BaseException):
            return inner
    return exc


def describe(exc: BaseException) -> str:
    """A short, specific detail for an E001 message."""
    inner = unwrap(exc)
    if isinstance(inner, PSEOF):
        return "truncated file (unexpected end of data)"
    if isinstance(inner, PDFSyntaxError) and "/Root" in str(inner):
        return "no document catalogue (/Root): truncated, damaged or not a PDF"
    if isinstance(inner, PDFSyntaxError):
        return f"PDF syntax error: {inner}"
    if isinstance(inner, RecursionError):
        return "recursive object structure (damaged or malicious file)"
    if isinstance(exc, MalformedPDFException):
        return f"malformed PDF: {inner}"
    text = str(inner).strip()
    name = type(inner).__name__
    return f"{name}: {text}"[:200] if text else name


def check_text_layer(path: Path, pages: list[PageContent], total: int, warnings: list[str]) -> None:
    """E003 when no page has text; warnings for single pages without text or rotated."""
    if all(p.n_chars == 0 for p in pages):
        scanned = sum(1 for p in pages if p.image_cover >= 0.5)
        drawn = sum(1 for p in pages if p.n_graphics and p.image_cover < 0.5)
        if scanned and scanned >= drawn:
            detail = f"{scanned} of {total} pages are images without text (scanned)"
        elif drawn:
            detail = "no text (vector drawing only)"
        else:
            detail = "no text (blank pages, or content that cannot be read)"
        raise FileError("E003", str(path), detail)
    for page in pages:
        if page.n_chars == 0:
            kind = "image only (scanned)" if page.image_cover >= 0.5 else "no text"
            warnings.append(f"page {page.number}: {kind}; its content cannot be audited")
        elif page.not_upright * 2 > page.n_chars:
            warnings.append(
                f"page {page.number}: most text is not upright (rotated page); "
                "text order and table orientation may be wrong"
            )
        if page.cid_chars * 3 > page.n_chars > 0:
            warnings.append(
                f"page {page.number}: font without Unicode mapping, text shows as (cid:NN)"
            )


# ------------------------------------------------------------------------------------------
# Page level


def read_page(page: Any, number: int) -> PageContent:
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    chars = page.chars
    content.n_chars = len(chars)
    content.not_upright = sum(1 for c in chars if not c.get("upright", True))
    content.cid_chars = sum(1 for c in chars if str(c.get("text", "")).startswith("(cid:"))
    content.image_cover = image_cover(page)
    if not chars:
        content.n_graphics = len(page.lines) + len(page.rects) + len(page.curves)
        return content
    finder = TableFinder(page, TableSettings.resolve(None))  # == page.find_tables(), keeps edges
    content.tables = ruled_tables(finder.tables, number, chars)
    words = page.extract_words(extra_attrs=["fontname", "size"])
    claimed = [t.bbox for t in content.tables]
    free_words = [w for w in words if not inside_any(w, claimed)]
    for table in horizontal_rule_tables(page, number, finder.edges, free_words, claimed, chars):
        content.tables.append(table)
        claimed.append(table.bbox)
        free_words = [w for w in free_words if not inside_any(w, [table.bbox])]
    content.tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    content.lines = group_lines(free_words, number)
    return content


def image_cover(page: Any) -> float:
    """Share of the page area covered by images (may exceed 1 with overlaps)."""
    area = float(page.width * page.height) or 1.0
    total = 0.0
    for img in page.images:
        total += max(0.0, float(img["x1"] - img["x0"])) * max(
            0.0, float(img["bottom"] - img["top"])
        )
    return total / area


def inside_any(word: Word, boxes: Iterable[BBox]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


# ------------------------------------------------------------------------------------------
# Tables: pdfplumber Table → grid of origin cells


def ruled_tables(tables: list[Table], page: int, chars: list[Word]) -> list[PageTable]:
    result = []
    for table in tables:
        grid = table_grid(table, page, chars, "full")
        if grid is not None and grid.n_cols >= 2:
            result.append(grid)
    return result


def table_grid(table: Table, page: int, chars: list[Word], ruling: Ruling) -> PageTable | None:
    """Origin cells with spans, or None for a grid without text (decoration)."""
    bboxes = [tuple(float(v) for v in c) for c in table.cells]
    if not bboxes:
        return None
    xs = cluster_values([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = cluster_values([b[1] for b in bboxes] + [b[3] for b in bboxes])
    texts = cell_texts(table)
    cells: dict[tuple[int, int], Cell] = {}
    for bbox in bboxes:
        col, col_end = nearest_index(xs, bbox[0]), nearest_index(xs, bbox[2])
        row, row_end = nearest_index(ys, bbox[1]), nearest_index(ys, bbox[3])
        if col_end <= col or row_end <= row or (row, col) in cells:
            continue
        cells[(row, col)] = Cell(
            text=texts.get(bbox, ""),
            row=row,
            col=col,
            rowspan=row_end - row,
            colspan=col_end - col,
            page=page,
            bbox=bbox,  # type: ignore[arg-type]
        )
    if not any(c.text.strip() for c in cells.values()):
        return None
    mark_bold_cells(list(cells.values()), xs, ys, chars)
    ordered = sorted(cells.values(), key=lambda c: (c.row, c.col))
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return PageTable(page=page, bbox=bbox, xs=xs, ys=ys, cells=ordered, ruling=ruling)


def cell_texts(table: Table) -> dict[tuple[float, ...], str]:
    """Text of every cell bbox from pdfplumber's own extraction (rows align with extract())."""
    texts: dict[tuple[float, ...], str] = {}
    rows = table.rows
    for row, values in zip(rows, extract_table(table, rows)):
        for bbox, text in zip(row.cells, values):
            if bbox is not None and text is not None:
                texts[tuple(float(v) for v in bbox)] = text
    return texts


def extract_table(table: Table, rows: list[Any]) -> list[list[str | None]]:
    """``Table.extract()`` of pdfplumber 0.11 with the same chars, order and text, without
    scanning every char of the page for every row (a quarter of the reading time on dense
    tables): chars are sorted once by vertical middle and each row takes its band by
    bisection, then its chars in page order. Every row lies inside the table's bbox."""
    x0, top, x1, bottom = table.bbox
    inside = []  # (v_mid, index, h_mid, char) of chars whose middle is inside the table
    for index, char in enumerate(table.page.chars):
        v_mid = (char["top"] + char["bottom"]) / 2
        h_mid = (char["x0"] + char["x1"]) / 2
        if x0 <= h_mid < x1 and top <= v_mid < bottom:
            inside.append((v_mid, index, h_mid, char))
    inside.sort(key=lambda item: (item[0], item[1]))
    v_mids = [item[0] for item in inside]
    result: list[list[str | None]] = []
    for row in rows:
        rx0, rtop, rx1, rbottom = row.bbox
        band = inside[bisect_left(v_mids, rtop) : bisect_left(v_mids, rbottom)]
        row_chars = [
            (v, h, c) for v, _, h, c in sorted(band, key=lambda item: item[1]) if rx0 <= h < rx1
        ]
        values: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                values.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            cell_chars = [c for v, h, c in row_chars if cx0 <= h < cx1 and ctop <= v < cbottom]
            values.append(pdfplumber.utils.extract_text(cell_chars) if cell_chars else "")
        result.append(values)
    return result


def cluster_values(values: Iterable[float], tolerance: float = EDGE_TOLERANCE) -> list[float]:
    ordered = sorted(values)
    groups: list[list[float]] = []
    for v in ordered:
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [g[0] for g in groups]


def nearest_index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def mark_bold_cells(cells: list[Cell], xs: list[float], ys: list[float], chars: list[Word]) -> None:
    """``bold`` when most chars (by centre) of a cell use a font named *Bold*."""
    owner: dict[tuple[int, int], Cell] = {}
    for cell in cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner[(r, c)] = cell
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for ch in chars:
        if not str(ch.get("text", "")).strip():
            continue
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (xs[0] <= cx < xs[-1] and ys[0] <= cy < ys[-1]):
            continue
        cell = owner.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
        if cell is not None:
            tally = counts[id(cell)]
            tally[1] += 1
            if "bold" in str(ch.get("fontname", "")).lower():
                tally[0] += 1
    for cell in cells:
        bold, total = counts.get(id(cell), (0, 0))
        cell.bold = total > 0 and bold * 2 > total


# ------------------------------------------------------------------------------------------
# Tables ruled with horizontal lines only


def horizontal_rule_tables(
    page: Any,
    number: int,
    edges: list[Word],
    words: list[Word],
    claimed: list[BBox],
    chars: list[Word],
) -> list[PageTable]:
    """Tables drawn with horizontal rules only (no vertical lines at all)."""
    rules = [
        e
        for e in edges
        if e["orientation"] == "h"
        and e["x1"] - e["x0"] >= MIN_INNER_RULE_LENGTH
        and not edge_inside(e, claimed)
    ]
    long_rules = [e for e in rules if e["x1"] - e["x0"] >= MIN_RULE_LENGTH]
    found: list[PageTable] = []
    # widest groups first: the partial rules under spanned cells then fall inside a found table
    for group in sorted(rule_groups(long_rules), key=lambda g: g[0]["x0"] - g[0]["x1"]):
        group = [e for e in group if not edge_inside(e, [t.bbox for t in found])]
        if len({round(e["top"]) for e in group}) < 3:
            continue
        x0 = min(e["x0"] for e in group)
        x1 = max(e["x1"] for e in group)
        ys = cluster_values([float(e["top"]) for e in group], tolerance=RULE_MERGE_TOLERANCE)
        region_words = [w for w in words if x0 - 2 <= (w["x0"] + w["x1"]) / 2 <= x1 + 2]
        for top_idx, bottom_idx, columns in rule_table_spans(ys, region_words):
            top, bottom = ys[top_idx], ys[bottom_idx]
            inner = [  # partial rules under the rows of some columns only
                e
                for e in rules
                if top < e["top"] < bottom
                and all(abs(e["top"] - y) > RULE_MERGE_TOLERANCE for y in ys)
                and e["x0"] >= x0 - RULE_EXTENT_TOLERANCE
                and e["x1"] <= x1 + RULE_EXTENT_TOLERANCE
            ]
            table = extract_rule_table(
                page,
                number,
                (x0, x1),
                ys[top_idx : bottom_idx + 1],
                columns,
                inner,
                region_words,
                chars,
            )
            if table is not None:
                found.append(table)
    return found


def edge_inside(edge: Word, boxes: Iterable[BBox]) -> bool:
    """An edge whose middle lies inside (or on the border of) one of ``boxes``."""
    cx = (edge["x0"] + edge["x1"]) / 2
    return any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= edge["top"] <= b[3] + 1 for b in boxes)


def rule_groups(rules: list[Word]) -> list[list[Word]]:
    """Rules with the same x-extent (within a few points)."""
    groups: list[list[Word]] = []
    for rule in sorted(rules, key=lambda e: (round(e["x0"]), round(e["x1"]), e["top"])):
        for group in groups:
            ref = group[0]
            if (
                abs(ref["x0"] - rule["x0"]) <= RULE_EXTENT_TOLERANCE
                and abs(ref["x1"] - rule["x1"]) <= RULE_EXTENT_TOLERANCE
            ):
                group.append(rule)
                break
        else:
            groups.append([rule])
    return groups


def words_between(words: list[Word], top: float, bottom: float) -> list[Word]:
    return [w for w in words if top < (w["top"] + w["bottom"]) / 2 < bottom]


def rule_table_spans(
    ys: list[float], words: list[Word]
) -> list[tuple[int, int, list[tuple[float, float]]]]:
    """(first rule, last rule, columns) of each table found between consecutive rules.

    A table starts at a rule with text below it (the header band) and grows band by band
    while the added words keep at least as many columns: a paragraph between two tables
    spans the column gaps and ends the table. Its body must fill several columns (a boxed
    text listing has one column of text under a two-part title).
    """
    spans = []
    i = 0
    while i < len(ys) - 2:
        header = words_between(words, ys[i], ys[i + 1])
        if not header:
            i += 1
            continue
        bands: list[list[Word]] = []
        columns: list[tuple[float, float]] = []
        j = i + 1
        while j < len(ys) - 1:
            band = words_between(words, ys[j], ys[j + 1])
            if not band:
                break
            trial = column_intervals(header, [w for b in bands for w in b] + band)
            if len(trial) < 2 or (columns and len(trial) < len(columns)):
                break
            bands.append(band)
            columns = trial
            j += 1
        if columns and bands and body_fills_columns(bands, columns) and not prose(header, bands):
            spans.append((i, j, columns))
            i = j
        else:
            i += 1
    return spans


def body_fills_columns(bands: list[list[Word]], columns: list[tuple[float, float]]) -> bool:
    """Most rows (bands between rules, or text lines of a single band) use two columns or
    more; wrapped cell text makes single-column lines, hence the lower share for lines."""
    rows = bands if len(bands) >= 2 else [line.words for line in group_lines(bands[0], 0)]
    share = 0.5 if len(bands) >= 2 else 0.3
    used = [
        sum(1 for col in columns if any(spanned_columns(w, [col]) for w in row)) for row in rows
    ]
    return sum(1 for n in used if n >= 2) >= share * len(rows)


def prose(header: list[Word], bands: list[list[Word]]) -> bool:
    """Text between the rules reads as running text: a boxed or justified paragraph.

    In a table row the gaps between columns are several times wider than the spaces inside
    a cell; in a justified line all gaps are stretched alike.
    """
    lines = group_lines(header + [w for band in bands for w in band], 0)
    prose_lines = sum(1 for line in lines if evenly_spaced(line.words))
    return prose_lines * 2 > len(lines)


def evenly_spaced(words: list[Word]) -> bool:
    """Many gaps, all alike and no wider than a stretched space (under 0.8 em)."""
    gaps = [b["x0"] - a["x1"] for a, b in pairwise(words)]
    if len(gaps) < 6:
        return False
    size = statistics.median(float(w.get("size", w["bottom"] - w["top"])) for w in words)
    return max(gaps) <= 1.6 * max(min(gaps), 0.5) and max(gaps) <= 0.8 * size


def column_intervals(header: list[Word], body: list[Word]) -> list[tuple[float, float]]:
    """x-intervals of the columns: the union of word extents, header words that span
    several body columns (group labels) left out."""
    gap = gap_threshold(header + body)
    body_cols = merge_intervals([(w["x0"], w["x1"]) for w in body], gap)
    kept = [(w["x0"], w["x1"]) for w in header if spanned_columns(w, body_cols) <= 1]
    return merge_intervals([(w["x0"], w["x1"]) for w in body] + kept, gap)


def gap_threshold(words: list[Word]) -> float:
    """Column gaps are wider than word spaces (~0.25 em); cell padding gives ≥ 0.8 em."""
    sizes = [float(w.get("size", w["bottom"] - w["top"])) for w in words] or [10.0]
    return max(4.0, 0.45 * statistics.median(sizes))


def spanned_columns(word: Word, columns: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in columns if word["x0"] < b and word["x1"] > a)


def merge_intervals(intervals: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for a, b in sorted(intervals):
        if merged and a - merged[-1][1] < gap:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def extract_rule_table(
    page: Any,
    number: int,
    extent: tuple[float, float],
    rule_ys: list[float],
    columns: list[tuple[float, float]],
    inner_rules: list[Word],
    words: list[Word],
    chars: list[Word],
) -> PageTable | None:
    """Grid of a horizontally ruled table through pdfplumber's ``explicit`` strategy.

    Rows: the full-width rules, the partial rules inside (given as real segments, so a cell
    they do not cross spans several rows), or one row per text line when the body has no
    inside rule at all. Columns: full-height lines in the gaps between word columns.
    """
    (x0, x1), top, bottom = extent, rule_ys[0], rule_ys[-1]
    table_words = words_between(words, top, bottom)
    if not table_words:
        return None
    left = min(x0, min(w["x0"] for w in table_words) - 1)
    right = max(x1, max(w["x1"] for w in table_words) + 1)
    endpoints = [e["x0"] for e in inner_rules] + [e["x1"] for e in inner_rules]
    verticals = [left] + [column_boundary(a, b, endpoints) for a, b in pairwise(columns)]
    verticals.append(right)
    horizontals: list[Any] = list(rule_ys) + [explicit_edge(e) for e in inner_rules]
    if not inner_rules and len(rule_ys) == 3:
        # header rule, then a body without inside rules: one row per text line
        horizontals += text_row_separators(words_between(words, rule_ys[1], bottom))
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": verticals,
        "explicit_horizontal_lines": horizontals,
    }
    found = TableFinder(page, TableSettings.resolve(settings)).tables
    if not found:
        return None
    table = max(found, key=lambda t: len(t.cells))
    return table_grid(table, number, chars, "horizontal")


def column_boundary(
    a: tuple[float, float], b: tuple[float, float], endpoints: list[float]
) -> float:
    """The x between two word columns: a rule end in the gap (the real cell border) if one
    is there, else the middle of the gap."""
    middle = (a[1] + b[0]) / 2
    inside = [x for x in endpoints if a[1] - 1 <= x <= b[0] + 1]
    return min(inside, key=lambda x: abs(x - middle)) if inside else middle


def explicit_edge(edge: Word) -> dict[str, Any]:
    return {
        "object_type": "explicit_edge",
        "orientation": "h",
        "x0": edge["x0"],
        "x1": edge["x1"],
        "top": edge["top"],
        "bottom": edge["top"],
        "width": edge["x1"] - edge["x0"],
        "height": 0,
    }


def text_row_separators(words: list[Word]) -> list[float]:
    lines = group_lines(words, 0)
    return [(a.bottom + b.top) / 2 for a, b in pairwise(lines)]


# ------------------------------------------------------------------------------------------
# Text lines


def group_lines(words: list[Word], page: int) -> list[TextLine]:
    """Cluster words whose vertical centres fall inside the same line box."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        centre = (word["top"] + word["bottom"]) / 2
        if rows:
            line = rows[-1]
            top = min(w["top"] for w in line)
            bottom = max(w["bottom"] for w in line)
            if top <= centre <= bottom:
                line.append(word)
                continue
        rows.append([word])
    return [make_line(sorted(row, key=lambda w: w["x0"]), page) for row in rows]


def make_line(words: list[Word], page: int) -> TextLine:
    sizes = [(float(w.get("size", w["bottom"] - w["top"])), len(w["text"])) for w in words]
    bold = sum(len(w["text"]) for w in words if "bold" in str(w.get("fontname", "")).lower())
    return TextLine(
        page=page,
        words=words,
        x0=float(min(w["x0"] for w in words)),
        top=float(min(w["top"] for w in words)),
        x1=float(max(w["x1"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        text=" ".join(w["text"] for w in words),
        sizes=sizes,
        bold_chars=bold,
        n_chars=sum(len(w["text"]) for w in words),
    )


def weighted_median(pairs: list[tuple[float, int]]) -> float:
    if not pairs:
        return 0.0
    ordered = sorted(pairs)
    half = sum(n for _, n in ordered) / 2
    running = 0
    for value, n in ordered:
        running += n
        if running >= half:
            return value
    return ordered[-1][0]


# ------------------------------------------------------------------------------------------
# Furniture: running headers/footers and page numbers


def mark_furniture(pages: list[PageContent]) -> None:
    by_text: dict[str, list[tuple[int, float, TextLine]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            zone = margin_zone(line, page)
            if zone is None:
                continue
            if PAGE_NUMBER.match(line.text.strip()):
                line.furniture = True
                continue
            key = zone + ":" + re.sub(r"\d+", "#", " ".join(line.text.split()).lower())
            offset = line.top if zone == "top" else page.height - line.bottom
            by_text[key].append((page.number, offset, line))
    needed = max(2, math.ceil(len(pages) / 2))
    for occurrences in by_text.values():
        if len({n for n, _, _ in occurrences}) < needed:
            continue
        median = statistics.median(o for _, o, _ in occurrences)
        same_place = [line for _, o, line in occurrences if abs(o - median) <= 6]
        if len({line.page for line in same_place}) >= needed:
            for line in same_place:
                line.furniture = True


def margin_zone(line: TextLine, page: PageContent) -> str | None:
    if line.bottom <= page.height * MARGIN_ZONE:
        return "top"
    if line.top >= page.height * (1 - MARGIN_ZONE):
        return "bottom"
    return None


# ------------------------------------------------------------------------------------------
# Assembly: paragraphs, merged tables, blocks


@dataclass
class Layout:
    """Document-wide measures used to split lines into paragraphs."""

    leading: float  # usual gap between lines of one paragraph
    left: dict[int, float]  # text area per page
    right: dict[int, float]
    page_width: dict[int, float]
    area_trusted: set[int]  # pages whose text area rests on enough lines or a table
    left_edges: list[float]  # x where many lines start (margin, indents)
    body_size: float


def measure_layout(pages: list[PageContent]) -> Layout:
    gaps: list[float] = []
    sizes: list[tuple[float, int]] = []
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    trusted: set[int] = set()
    all_x0: list[float] = []
    all_x1: list[float] = []
    for page in pages:
        body = [ln for ln in page.lines if not ln.furniture]
        for a, b in pairwise(body):
            if abs(a.size - b.size) < 0.5 and b.top >= a.top and b.top - a.bottom < 2 * a.size:
                gaps.append(b.top - a.bottom)
        sizes += [pair for ln in body for pair in ln.sizes]
        x0s = [ln.x0 for ln in body] + [t.bbox[0] for t in page.tables]
        x1s = [ln.x1 for ln in body] + [t.bbox[2] for t in page.tables]
        if len(body) >= 8 or page.tables:
            left[page.number] = min([percentile(x0s, 0.1)] + [t.bbox[0] for t in page.tables])
            right[page.number] = max([percentile(x1s, 0.9)] + [t.bbox[2] for t in page.tables])
            trusted.add(page.number)
        all_x0 += x0s
        all_x1 += x1s
    doc_left = percentile(all_x0, 0.1) if all_x0 else 0.0
    doc_right = percentile(all_x1, 0.9) if all_x1 else 0.0
    if len(all_x0) >= 8:
        trusted.update(p.number for p in pages)
    for page in pages:
        left.setdefault(page.number, doc_left)
        right.setdefault(page.number, doc_right if doc_right > doc_left else page.width)
    positive = [g for g in gaps if g >= -1]
    body_size = weighted_median(sizes) or 10.0
    # few lines give a poor percentile; even 1.5 spacing leaves less than 0.9 em between lines
    leading = min(percentile(positive, 0.2), 0.6 * body_size) if positive else 0.2 * body_size
    return Layout(
        leading=leading,
        left=left,
        right=right,
        page_width={p.number: p.width for p in pages},
        area_trusted=trusted,
        left_edges=frequent_values(all_x0, min_count=4),
        body_size=body_size,
    )


def frequent_values(values: list[float], min_count: int) -> list[float]:
    counts: dict[int, int] = defaultdict(int)
    for v in values:
        counts[round(v)] += 1
    return [float(v) for v, n in counts.items() if n >= min_count]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(q * (len(ordered) - 1) + 0.5)))]


def starts_new_paragraph(prev: TextLine, line: TextLine, first: TextLine, layout: Layout) -> bool:
    """Whether ``line`` opens a paragraph after ``prev`` (``first`` opened the current one)."""
    size = max(prev.size, line.size, 1.0)
    if line.top < prev.top - 2:  # going up: a new column or floating text
        return True
    if line.top - prev.bottom > layout.leading + max(2.0, 0.4 * size):
        return True
    if abs(prev.size - line.size) > 1.0 or prev.bold != line.bold:
        return True
    if line.list_marker or BAB_HEADING.match(line.text):
        return True
    left, right = layout.left[line.page], layout.right[line.page]
    width = max(right - left, 1.0)
    centred_pair = is_centred(prev, layout) and is_centred(line, layout)
    # every line but the last of a wrapped paragraph is nearly full: a short one ended it
    # (short: ends well before the margin, or is a narrow block such as a signature line)
    prev_full = prev.x1 >= right - 0.2 * width and prev.x1 - prev.x0 >= 0.5 * width
    if not prev_full and not centred_pair:
        return True
    if SENTENCE_END.search(prev.text) and prev.x1 < right - max(30.0, 0.1 * width):
        return True
    if first.list_marker:
        # continuation lines hang near the item's text (the hanging indent need not match
        # the text start exactly), or return to the marker or the margin
        return line.x0 > first.text_start + 10
    if line.x0 > prev.x0 + 8:  # first-line indent
        return not centred_pair
    return False


def is_centred(line: TextLine, layout: Layout) -> bool:
    """Centre near the text area's centre (margins are often asymmetric, 4 cm left / 3 cm
    right), and not a full-width line (a justified line is centred too)."""
    left, right = layout.left[line.page], layout.right[line.page]
    width = max(right - left, 1.0)
    page_width = layout.page_width[line.page]
    if line.page in layout.area_trusted:
        near = abs(line.centre - (left + right) / 2) <= max(6.0, 0.03 * width)
    else:  # too few lines to know the text area: fall back to the page centre
        near = abs(line.centre - page_width / 2) <= max(6.0, 0.035 * page_width)
    return near and line.x1 - line.x0 < 0.8 * min(width, page_width)


def assemble(report: Report, pages: list[PageContent]) -> None:
    mark_furniture(pages)
    layout = measure_layout(pages)
    open_table: tuple[RawTable, PageTable] | None = None  # table ending the previous page
    for page in pages:
        items = page_items(page)
        for line in (ln for ln in page.lines if ln.furniture):
            report.furniture.append(make_paragraph(len(report.furniture), [line], layout, None))
        current: list[TextLine] = []
        for position, item in enumerate(items):
            if isinstance(item, TextLine):
                if current and starts_new_paragraph(current[-1], item, current[0], layout):
                    add_paragraph(report, current, layout)
                    current = []
                current.append(item)
                continue
            if current:
                add_paragraph(report, current, layout)
                current = []
            if position == 0 and open_table and continues(open_table, item, pages, page):
                append_part(open_table[0], item)
                open_table = (open_table[0], item)
            else:
                raw = start_table(len(report.tables), item)
                report.tables.append(raw)
                report.blocks.append(Block(kind="table", index=raw.index))
                open_table = (raw, item)
        if current:
            add_paragraph(report, current, layout)
        if not items or not isinstance(items[-1], PageTable):
            open_table = None
    assign_heading_levels(report, layout)


def page_items(page: PageContent) -> list[TextLine | PageTable]:
    items: list[TextLine | PageTable] = [ln for ln in page.lines if not ln.furniture]
    items += page.tables
    return sorted(items, key=lambda it: it.bbox[1] if isinstance(it, PageTable) else it.top)


def add_paragraph(report: Report, lines: list[TextLine], layout: Layout) -> None:
    index = len(report.paragraphs)
    report.paragraphs.append(make_paragraph(index, lines, layout, index))
    report.blocks.append(Block(kind="paragraph", index=index))


def make_paragraph(
    index: int, lines: list[TextLine], layout: Layout, paragraph: int | None
) -> Paragraph:
    bbox = (
        min(ln.x0 for ln in lines),
        min(ln.top for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.bottom for ln in lines),
    )
    chars = sum(ln.n_chars for ln in lines)
    bold = sum(ln.bold_chars for ln in lines) * 2 > chars
    return Paragraph(
        index=index,
        text=" ".join(ln.text for ln in lines),
        loc=Location(page=lines[0].page, bbox=bbox, paragraph=paragraph),
        font_size=round(weighted_median([p for ln in lines for p in ln.sizes]), 2),
        bold=bold,
        centered=paragraph_centred(lines, bold, layout),
    )


def paragraph_centred(lines: list[TextLine], bold: bool, layout: Layout) -> bool:
    """All lines centred; a list item never is, and a plain line starting where many lines
    start is left-aligned text that happens to have its middle near the centre."""
    if lines[0].list_marker or not all(is_centred(ln, layout) for ln in lines):
        return False
    if len(lines) == 1 and not bold:
        return not any(abs(lines[0].x0 - edge) <= 2 for edge in layout.left_edges)
    return True


def assign_heading_levels(report: Report, layout: Layout) -> None:
    bold_sizes = [p.font_size or 0 for p in report.paragraphs if p.bold]
    largest = max(bold_sizes, default=0.0)
    for para in report.paragraphs:
        para.heading_level = heading_level(para, layout.body_size, largest)


def heading_level(para: Paragraph, body_size: float, largest_bold: float) -> int | None:
    text = para.text.strip()
    size = para.font_size or 0.0
    if BAB_HEADING.match(text) and (para.bold or para.centered or len(text) <= 40):
        return 1
    if para.bold and len(text) <= 150 and size >= body_size + 1.5 and size >= largest_bold - 0.5:
        return 1
    if para.bold and len(text) <= 150:
        numbered = NUMBERED_HEADING.match(text)
        if numbered:
            return min(3, numbered.group(1).count(".") + 1)
        if LETTER_HEADING.match(text) and len(text) <= 100:
            return 2
    return None


# ------------------------------------------------------------------------------------------
# Tables over page breaks


def continues(
    previous: tuple[RawTable, PageTable],
    part: PageTable,
    pages: list[PageContent],
    page: PageContent,
) -> bool:
    """``part`` (first item of ``page``) continues the table that ended the previous page."""
    _, last = previous
    if last.page != page.number - 1 or last.ruling != part.ruling or last.n_cols != part.n_cols:
        return False
    prev_page = next((p for p in pages if p.number == last.page), None)
    if prev_page is None:
        return False
    if last.bbox[3] < prev_page.height * (1 - CONTINUATION_ZONE):
        return False
    if part.bbox[1] > page.height * CONTINUATION_ZONE:
        return False
    tolerance = COLUMN_MATCH_TOLERANCE[part.ruling]
    return all(abs(a - b) <= tolerance for a, b in zip(last.xs, part.xs))


def start_table(index: int, part: PageTable) -> RawTable:
    return RawTable(
        index=index,
        n_rows=part.n_rows,
        n_cols=part.n_cols,
        cells=[c.model_copy() for c in part.cells],
        pages=[part.page],
        ruling=part.ruling,
    )


def append_part(raw: RawTable, part: PageTable) -> None:
    """Append a continuation, dropping its leading rows that repeat the table's first rows."""
    repeated = repeated_header_rows(raw, part)
    if repeated and raw.header_rows is None:
        raw.header_rows = repeated
    offset = raw.n_rows - repeated
    for cell in part.cells:
        if cell.row < repeated:
            continue
        raw.cells.append(cell.model_copy(update={"row": cell.row + offset}))
    raw.n_rows += part.n_rows - repeated
    if part.page not in raw.pages:
        raw.pages.append(part.page)


def repeated_header_rows(raw: RawTable, part: PageTable) -> int:
    limit = min(5, raw.n_rows, part.n_rows)
    first = [row_signature(raw.cells, r) for r in range(limit)]
    cont = [row_signature(part.cells, r) for r in range(limit)]
    count = 0
    for a, b in zip(first, cont):
        if a != b or not any(text for *_, text in a):
            break
        count += 1
    return count


def row_signature(cells: list[Cell], row: int) -> tuple[tuple[int, int, str], ...]:
    """Origin cells of one row: column, colspan and text without any whitespace."""
    return tuple(
        (c.col, c.colspan, re.sub(r"\s+", "", c.text))
        for c in sorted((c for c in cells if c.row == row), key=lambda c: c.col)
    )
