"""DOCX reader: the body in document order, tables as span-aware grids.

python-docx's convenience API hides things a report auditor needs, so the body is walked at
the XML level (extraction.md 2.1–2.2): block content controls (``w:sdt``) are entered,
tracked insertions (``w:ins``) are read and deletions (``w:del``) skipped, merged cells
(``w:gridSpan``, ``w:vMerge``) become one origin cell with a span, nested tables become tables
of their own, and headers/footers are kept apart from the body.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from lapkin_audit.errors import FileError, display_path
from lapkin_audit.model import Block, Cell, Location, Paragraph, RawTable, Report, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt"), _q("sdtContent")
T, TAB, BR, CR, DEL, TXBX = _q("t"), _q("tab"), _q("br"), _q("cr"), _q("del"), _q("txbxContent")
SYM = _q("sym")
VAL = _q("val")

# A DOCX is a zip: refuse what would expand into an unreasonable amount of XML before any of
# it is parsed (a 41 KB file expanded to 465 MiB in extraction.md 2.6). The declared sizes can
# be trusted as an upper bound: zipfile stops at the declared size (and fails the CRC check),
# so a member that lies about its size cannot expand further. The ratio check applies above
# 10 MiB only: small packages of repetitive XML legitimately compress 50-100:1.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

# Numeric properties are clamped (a damaged or hostile file may say gridSpan="2147483647" or
# a list start of 10^11, which would expand into billions of grid columns or label letters);
# a table wider than Word/LibreOffice allow, or with an absurd number of grid positions, is
# refused as damaged rather than expanded.
MAX_PROPERTY_VALUE = 32767  # Word's own limit for list start values
MAX_TABLE_COLUMNS = 1024  # Word allows 63 columns, LibreOffice 1024
MAX_TABLE_CELLS = 2_000_000  # rows x columns of one expanded grid


INTEGER = re.compile(r"-?[0-9]+")


class DamagedTable(ValueError):
    """A table whose grid cannot be built (reported as E001 with this message)."""


def read_docx(path: Path, *, max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> Report:
    _check_zip(path, max_bytes)  # before anything is decompressed
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError("E001", str(path), f"cannot read file: {exc.strerror or exc}") from exc
    import docx  # python-docx; imported here to keep CLI start-up cheap

    try:
        document = docx.Document(str(path))
    except etree.XMLSyntaxError as exc:  # every XML part is parsed here, entities unexpanded
        raise FileError("E001", str(path), _xml_problem(exc)) from exc
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise FileError("E001", str(path), f"not a valid Word document ({_describe(exc)})") from exc

    report = Report(
        source=Source(path=display_path(path), format="docx", size=len(data),
                      sha256=hashlib.sha256(data).hexdigest())
    )
    reader = _BodyReader(report, document)
    try:
        reader.read_body(document.element.body)
        reader.read_furniture(document)
    except FileError:
        raise
    except DamagedTable as exc:
        raise FileError("E001", str(path), str(exc)) from exc
    except Exception as exc:  # malformed XML reached only while walking
        raise FileError("E001", str(path), f"damaged document content ({_describe(exc)})") from exc
    return report


def _xml_problem(exc: etree.XMLSyntaxError) -> str:
    """E001 detail for XML that python-docx's parser refused (extraction.md 2.5)."""
    text = (str(exc).strip().splitlines() or [""])[0]
    lowered = text.lower()
    if "entity" in lowered and ("amplification" in lowered or "loop" in lowered):
        return ("the XML declares entities that would expand enormously (a \"billion laughs\" "
                "DOCTYPE, which Word never writes); they were not expanded")
    text = re.sub(r",? \(<string>, line \d+\)$", "", text)
    return f"damaged XML inside the Word package ({text[:160]})"


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


def _check_zip(path: Path, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception as exc:
        raise FileError("E001", str(path), f"not a valid zip package ({_describe(exc)})") from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > max_bytes:
        raise FileError("E001", str(path),
                        f"declares {total // (1024 * 1024)} MiB uncompressed (limit "
                        f"{max_bytes // (1024 * 1024)} MiB): refusing a possible zip bomb")
    if total > 10 * 1024 * 1024 and total / packed > MAX_COMPRESSION_RATIO:
        raise FileError("E001", str(path),
                        f"compression ratio {total // packed}:1 exceeds {MAX_COMPRESSION_RATIO}:1: "
                        "refusing a possible zip bomb")


class _BodyReader:
    def __init__(self, report: Report, document: object) -> None:
        self.report = report
        self.document = document
        self._styles: dict[str, tuple[str, int | None, bool]] = {}
        self.numbering = _Numbering(document)

    # -- body ---------------------------------------------------------------------------------
    def read_body(self, body: etree._Element) -> None:
        for element in _block_elements(body):
            if element.tag == P:
                self._add_paragraph(element)
                for box_paragraph in _textbox_paragraphs(element):
                    self._add_paragraph(box_paragraph)
            elif element.tag == TBL:
                self._add_table(element)

    def read_furniture(self, document: object) -> None:
        seen: set[int] = set()
        for section in document.sections:  # type: ignore[attr-defined]
            for part in (section.header, section.footer, section.first_page_header,
                         section.first_page_footer, section.even_page_header,
                         section.even_page_footer):
                if part.is_linked_to_previous or id(part._element) in seen:
                    continue
                seen.add(id(part._element))
                for p in part._element.iter(P):
                    text = paragraph_text(p)
                    if text.strip():
                        self.report.furniture.append(
                            Paragraph(index=len(self.report.furniture), text=text.strip())
                        )

    def _add_paragraph(self, p: etree._Element) -> None:
        text = paragraph_text(p).strip()
        if not text:
            return
        label = self.numbering.label(p, self._style_numbering(p))
        if label:
            text = f"{label} {text}"
        index = len(self.report.paragraphs)
        style_name, heading_level, style_bold = self._style(p)
        self.report.paragraphs.append(
            Paragraph(
                index=index,
                text=text,
                loc=Location(paragraph=index),
                style=style_name,
                heading_level=heading_level,
                bold=style_bold or _runs_bold(p),
                font_size=_font_size(p),
                centered=_centered(p),
            )
        )
        self.report.blocks.append(Block(kind="paragraph", index=index))

    def _add_table(self, tbl: etree._Element) -> None:
        index = len(self.report.tables)
        table, nested = _read_table(tbl, index)
        self.report.tables.append(table)
        self.report.blocks.append(Block(kind="table", index=index))
        for inner in nested:  # nested tables follow their host, as separate tables
            self._add_table(inner)

    def _style_numbering(self, p: etree._Element) -> etree._Element | None:
        """The w:numPr a paragraph inherits from its style chain (e.g. 'List Number')."""
        style_el = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        style_id = style_el.get(VAL) if style_el is not None else None
        for _ in range(10):  # basedOn chains are short; a loop guards against cycles
            if not style_id:
                return None
            try:
                style = self.document.styles.element.get_by_id(style_id)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - no or odd styles part: no inherited numbering
                return None
            if style is None:
                return None
            numpr = style.find(f"{_q('pPr')}/{_q('numPr')}")
            if numpr is not None:
                return numpr
            based = style.find(_q("basedOn"))
            style_id = based.get(VAL) if based is not None else None
        return None

    def _style(self, p: etree._Element) -> tuple[str | None, int | None, bool]:
        style_el = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        if style_el is None:
            return None, None, False
        style_id = style_el.get(VAL, "")
        if style_id not in self._styles:
            self._styles[style_id] = self._lookup_style(style_id)
        return self._styles[style_id]

    def _lookup_style(self, style_id: str) -> tuple[str, int | None, bool]:
        name, bold = style_id, False
        try:
            style = self.document.styles.element.get_by_id(style_id)  # type: ignore[attr-defined]
            if style is not None:
                name = style.name_val or style_id
                rpr = style.rPr
                bold = rpr is not None and rpr.b is not None and rpr.b.val is not False
        except Exception:  # noqa: BLE001, S110 - styles part missing or odd: the name is a hint
            pass
        level = None
        lowered = name.lower()
        if lowered.startswith(("heading", "judul")) and lowered[-1:].isdigit():
            level = int(lowered[-1])
        elif lowered == "title":
            level = 0
        return name, level, bold


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperLetter": lambda n: _letters(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "o": "◦"}


class _Numbering:
    """Word's automatic list numbers ("1.", "a.", "•"), which live in numbering.xml and not
    in the text: the reader renders them so that numbered items read as they print."""


    def __init__(self, document: object) -> None:
        self.abstract_of: dict[str, str] = {}
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - no numbering part: nothing is auto-numbered
            return
        for abstract in root.findall(_q("abstractNum")):
            abstract_id = abstract.get(_q("abstractNumId"), "")
            for lvl in abstract.findall(_q("lvl")):
                self.levels[(abstract_id, _int_attr(lvl, "ilvl", 0))] = (
                    _int_prop(lvl, "start", 1), _val(lvl, "numFmt", "decimal"),
                    _val(lvl, "lvlText", "%1."),
                )
        for num in root.findall(_q("num")):
            ref = num.find(_q("abstractNumId"))
            if ref is not None:
                self.abstract_of[num.get(_q("numId"), "")] = ref.get(VAL, "")

    def label(self, p: etree._Element, style_numpr: etree._Element | None) -> str | None:
        numpr = p.find(f"{_q('pPr')}/{_q('numPr')}")
        num_id = _val(numpr, "numId", None) if numpr is not None else None
        level = _int_prop(numpr, "ilvl", 0) if numpr is not None else 0
        if num_id is None and style_numpr is not None:
            num_id = _val(style_numpr, "numId", None)
            level = _int_prop(style_numpr, "ilvl", 0)
        abstract = self.abstract_of.get(num_id or "")
        if abstract is None or num_id == "0":
            return None
        counters = self.counters.setdefault(abstract, {})
        start, _, _ = self.levels.get((abstract, level), (1, "decimal", "%1."))
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new parent item restarts its children
        _, fmt, text = self.levels.get((abstract, level), (1, "decimal", "%1."))
        if fmt == "bullet":
            return SYMBOL_BULLETS.get(text, text) or "•"
        if fmt == "none":
            return None

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_start, k_fmt, _ = self.levels.get((abstract, k), (1, "decimal", ""))
            value = counters.get(k, k_start)
            return NUMBER_FORMATS.get(k_fmt, str)(value)

        return re.sub(r"%(\d)", number, text) or None


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in numerals:
        while n >= value:
            out += numeral
            n -= value
    return out


def _val(parent: etree._Element | None, name: str, default: str | None) -> str | None:
    element = parent.find(_q(name)) if parent is not None else None
    return element.get(VAL, default) if element is not None else default


def _int_attr(element: etree._Element, name: str, default: int) -> int:
    try:
        return int(element.get(_q(name), default))
    except (TypeError, ValueError):
        return default


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in order, entering block-level content controls."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _block_elements(content)


def paragraph_text(p: etree._Element) -> str:
    """Text of a paragraph as Word shows it with changes accepted; text boxes excluded."""
    parts: list[str] = []
    for element in p.iter(T, TAB, BR, CR, SYM):
        if _inside(element, (DEL, TXBX), stop=p):
            continue
        if element.tag == T:
            parts.append(element.text or "")
        elif element.tag == TAB:
            parts.append("\t")
        elif element.tag == SYM:
            parts.append(_symbol(element))
        else:
            parts.append("\n")
    return "".join(parts)


def _symbol(sym: etree._Element) -> str:
    """A symbol-font character (checkbox, tick) as its private-use code point, the way PDF
    text extraction reports it too (Wingdings 0xA8 -> U+F0A8)."""
    try:
        code = int(sym.get(_q("char"), ""), 16)
    except ValueError:
        return ""
    return chr(code if code >= 0xF000 else 0xF000 + code)


def _inside(element: etree._Element, tags: tuple[str, ...], stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _textbox_paragraphs(p: etree._Element) -> Iterator[etree._Element]:
    for box in p.iter(TXBX):
        # DrawingML boxes carry a VML fallback copy of the same text: read the primary only.
        if _inside(box, (f"{{{MC}}}Fallback",), stop=p):
            continue
        yield from box.iter(P)


def _runs_bold(p: etree._Element) -> bool:
    runs = [r for r in p.iter(_q("r")) if "".join(t.text or "" for t in r.iter(T)).strip()]
    if not runs:
        return False
    return all(_run_flag(r, "b") for r in runs)


def _run_flag(run: etree._Element, name: str) -> bool:
    flag = run.find(f"{_q('rPr')}/{_q(name)}")
    return flag is not None and flag.get(VAL, "true") not in ("0", "false", "none")


def _font_size(p: etree._Element) -> float | None:
    sizes = [s.get(VAL) for s in p.iter(_q("sz")) if s.get(VAL, "").isdecimal()
             and len(s.get(VAL)) < 6]
    return int(sizes[0]) / 2 if sizes else None


def _centered(p: etree._Element) -> bool:
    jc = p.find(f"{_q('pPr')}/{_q('jc')}")
    return jc is not None and jc.get(VAL) == "center"


# -- tables -----------------------------------------------------------------------------------


def _read_table(tbl: etree._Element, index: int) -> tuple[RawTable, list[etree._Element]]:
    """Build the grid: one origin Cell per w:tc; vMerge continuations extend the origin's rowspan."""
    cells: list[Cell] = []
    nested: list[etree._Element] = []
    open_vertical: dict[int, Cell] = {}  # grid column -> origin cell still open downwards
    header_rows = 0
    counting_headers = True
    rows = [tr for tr in tbl if tr.tag == TR]
    n_cols = 0
    for r, tr in enumerate(rows):
        trpr = tr.find(_q("trPr"))
        is_header = trpr is not None and trpr.find(_q("tblHeader")) is not None
        if counting_headers and is_header:
            header_rows += 1
        else:
            counting_headers = False
        col = _int_prop(trpr, "gridBefore", 0)
        for tc in (c for c in tr if c.tag in (TC, SDT)):
            for cell_el in _cells_of(tc):
                tcpr = cell_el.find(_q("tcPr"))
                span = max(1, _int_prop(tcpr, "gridSpan", 1))
                vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(VAL, "continue") == "continue"
                if continues and col in open_vertical:
                    open_vertical[col].rowspan = r - open_vertical[col].row + 1
                else:
                    text, inner_tables = _cell_text(cell_el)
                    nested.extend(inner_tables)
                    cell = Cell(text=text, row=r, col=col, colspan=span,
                                bold=_cell_bold(cell_el))
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_vertical.pop(c, None)
                    if vmerge is not None:
                        open_vertical[col] = cell
                col += span
                if col > MAX_TABLE_COLUMNS:
                    raise DamagedTable(f"table {index + 1}, row {r + 1} spans more than "
                                       f"{MAX_TABLE_COLUMNS} grid columns (damaged table)")
        n_cols = max(n_cols, col + _int_prop(trpr, "gridAfter", 0))
    grid_cols = tbl.find(_q("tblGrid"))
    if grid_cols is not None:
        n_cols = max(n_cols, len(grid_cols.findall(_q("gridCol"))))
    if n_cols > MAX_TABLE_COLUMNS or n_cols * len(rows) > MAX_TABLE_CELLS:
        raise DamagedTable(f"table {index + 1} is {len(rows)} rows by {n_cols} grid columns, "
                           f"more than can be audited (at most {MAX_TABLE_COLUMNS} columns and "
                           f"{MAX_TABLE_CELLS:,} grid cells)")
    return (
        RawTable(index=index, n_rows=len(rows), n_cols=n_cols, cells=cells,
                 header_rows=header_rows or None, ruling=_ruling(tbl)),
        nested,
    )


def _cells_of(tc: etree._Element) -> Iterator[etree._Element]:
    if tc.tag == TC:
        yield tc
    else:  # a row-level content control wrapping cells
        content = tc.find(SDT_CONTENT)
        if content is not None:
            yield from (c for c in content if c.tag == TC)


def _int_prop(parent: etree._Element | None, name: str, default: int) -> int:
    """The integer ``w:val`` of child ``name``, clamped to 0..MAX_PROPERTY_VALUE."""
    if parent is None:
        return default
    element = parent.find(_q(name))
    if element is None:
        return default
    raw = (element.get(VAL) or "").strip()
    if not INTEGER.fullmatch(raw):  # int() would also take "²", "1_0" and 5,000 digits
        return default
    value = int(raw[:14])  # more than 13 digits is beyond the clamp anyway
    return min(max(value, 0), MAX_PROPERTY_VALUE)


def _cell_text(tc: etree._Element) -> tuple[str, list[etree._Element]]:
    lines: list[str] = []
    nested: list[etree._Element] = []
    for element in _block_elements(tc):
        if element.tag == P:
            lines.append(paragraph_text(element).strip())
        else:
            nested.append(element)
    return "\n".join(line for line in lines if line), nested


def _cell_bold(tc: etree._Element) -> bool:
    paragraphs = [p for p in tc.iter(P) if paragraph_text(p).strip()]
    return bool(paragraphs) and all(_runs_bold(p) for p in paragraphs)


def _ruling(tbl: etree._Element) -> str:
    borders = tbl.find(f"{_q('tblPr')}/{_q('tblBorders')}")
    if borders is None:
        style = tbl.find(f"{_q('tblPr')}/{_q('tblStyle')}")
        return "full" if style is not None and "grid" in style.get(VAL, "").lower() else "unknown"
    drawn = {
        child.tag.split("}")[1]
        for child in borders
        if child.get(VAL) not in (None, "nil", "none")
    }
    if {"insideV", "left", "right"} & drawn:
        return "full"
    return "horizontal" if drawn else "none"
