"""Build the bundled sample reports of lapkin-audit.

Writes four quarterly performance reports ("Laporan Kinerja") as DOCX into this folder and,
when LibreOffice (`soffice`) is available or `--pdf` is given, converts each one to PDF beside it:

    senduro-tw2-2023            the seed report rebuilt faithfully, every defect kept
    senduro-tw2-2023-corrected  the same report with every defect fixed
    pasirian-tw1-2024           horizontal rules only, decimal points, merged sasaran cells,
                                Program > Kegiatan > Sub Kegiatan budget (2 deliberate defects)
    dinas-kominfo-tw3-2023      three-level header, long table over a page break, narrow
                                money columns, multi-year table (2 deliberate defects)

The report contents are plain Python data (lists of blocks, table specs); a few small helpers turn
them into python-docx calls.  Derived numbers (capaian, serapan, efisiensi, totals) of samples 2-4
are computed here with `decimal` (half-up) and the deliberate defects are injected explicitly, so
the arithmetic that "must be right" is checked by assertions at build time.  The defects are
documented in README.md.

Usage:
    python sample_reports/build.py            # DOCX, plus PDF when soffice is on PATH
    python sample_reports/build.py --pdf      # require PDF conversion
    python sample_reports/build.py --no-pdf   # DOCX only
    python sample_reports/build.py --verify   # afterwards: open the PDFs with pdfplumber

DOCX output is byte-for-byte reproducible (fixed core properties, fixed zip timestamps).  PDFs
differ between runs only in LibreOffice's creation date and document ID.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT_DIR = Path(__file__).resolve().parent
FONT = "Carlito"  # metric-compatible with Calibri
SYMBOL_FONT = "DejaVu Sans"  # has the ballot-box glyphs U+2610 / U+2611
TEXT_WIDTH_CM = 16.0  # A4 21 cm minus 3 cm left and 2 cm right margin
AUTHOR = "lapkin-audit samples"

# ---------------------------------------------------------------------------------------------
# Numbers (Indonesian notation unless stated otherwise)
# ---------------------------------------------------------------------------------------------


def q(value: Decimal, places: int) -> Decimal:
    """Round half-up to `places` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio_pct(num, den, places: int = 2) -> Decimal:
    """num / den x 100, rounded half-up."""
    return q(Decimal(num) * 100 / Decimal(den), places)


def neg_pct(target, realisasi, places: int = 2) -> Decimal:
    """Capaian of a negative-polarity indicator: (2T - R) / T x 100."""
    t, r = Decimal(target), Decimal(realisasi)
    return q((2 * t - r) * 100 / t, places)


def money(amount: int, prefix: str = "") -> str:
    """1841579374 -> '1.841.579.374' (dot as thousands separator)."""
    return prefix + f"{amount:,}".replace(",", ".")


def num(value: Decimal, places: int | None = None, dec: str = ",") -> str:
    """Decimal -> string with the given decimal separator; keeps the exponent if places is None."""
    if places is not None:
        value = q(value, places)
    return str(value).replace(".", dec)


def pct(value: Decimal, places: int = 2, dec: str = ",") -> str:
    """Decimal -> '58,82%'."""
    return num(value, places, dec) + "%"


# ---------------------------------------------------------------------------------------------
# Block constructors: a report is a list of these plain tuples/dicts
# ---------------------------------------------------------------------------------------------


def COVER(*lines):
    """Title page: (text, size_pt) lines, bold, centred; ends with a page break."""
    return ("cover", lines)


def H1(text, new_page=True):
    return ("h1", text, new_page)


def H2(text):
    return ("h2", text)


def P(text, **opts):
    """Paragraph. `**bold**` and `*italic*` spans are recognised; opts: align, indent, hanging,
    bold, keep, after, before, size."""
    return ("p", text, opts)


def ITEMS(items, indent=0.0, hanging=0.6, step=0.7, **opts):
    """List items with literal markers ("1. ...").  An item is a string or (level, string)."""
    return ("items", items, dict(indent=indent, hanging=hanging, step=step, **opts))


def CAPTION(*lines):
    return ("caption", lines)


def TABLE(**spec):
    """Table: widths (cm), rows (None = covered by a merge), merge [(r0, c0, r1, c1)], header
    (number of header rows), repeat_header, extra_header_rows, bold_rows, center_rows, align (per
    column), size, borders ('grid' or 'hrules'), cant_split, keep_together, cell_margin_cm."""
    return ("table", spec)


def SIGNATURE(place_date, *jabatan, name, nip, rank=None):
    return (
        "signature",
        {"place_date": place_date, "jabatan": jabatan, "name": name, "nip": nip, "rank": rank},
    )


def CHECKLIST(items, blanks=3):
    """Tanggapan atasan: (ticked, text) items, then `blanks` dotted lines."""
    return ("checklist", items, blanks)


# ---------------------------------------------------------------------------------------------
# python-docx helpers
# ---------------------------------------------------------------------------------------------

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_rfonts(rpr, name: str) -> None:
    """Set all four font slots and drop theme-font attributes (they would win over `name`)."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def _style_font(style, size_pt: float, bold: bool | None = None) -> None:
    _set_rfonts(style.element.get_or_add_rPr(), FONT)
    style.font.size = Pt(size_pt)
    if bold is not None:
        style.font.bold = bold
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:  # heading styles carry a theme colour: print in black
        style.element.rPr.remove(color)
    style.font.color.rgb = RGBColor(0, 0, 0)


def new_document(meta: dict) -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.5)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.header_distance, sec.footer_distance = Cm(1.25), Cm(1.25)

    # document defaults: Carlito 11 pt, Indonesian language tag
    defaults = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    _set_rfonts(defaults, FONT)
    lang = defaults.find(qn("w:lang"))
    lang.set(qn("w:val"), "id-ID")

    normal = doc.styles["Normal"]
    _style_font(normal, 11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, align, before, after in (
        ("Heading 1", 14, WD_ALIGN_PARAGRAPH.CENTER, 0, 12),
        ("Heading 2", 11, WD_ALIGN_PARAGRAPH.LEFT, 12, 6),
    ):
        style = doc.styles[name]
        _style_font(style, size, bold=True)
        style.paragraph_format.alignment = align
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True

    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = meta["title"]
    cp.subject = meta["subject"]
    cp.keywords = "lapkin-audit; sample report"
    cp.comments = meta["comments"]
    cp.language = "id-ID"
    cp.category = "Laporan Kinerja Triwulanan"
    cp.created = meta["date"]
    cp.modified = meta["date"]
    cp.last_printed = meta["date"]
    cp.revision = 1
    return doc


_SPAN = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def add_runs(par, text: str, bold=False, italic=False, size=None) -> None:
    """Add `text` to `par`; `**x**` -> bold run, `*x*` -> italic run, "\n" -> line break."""
    for part in _SPAN.split(text):
        if not part:
            continue
        b, i = bold, italic
        if part.startswith("**") and part.endswith("**"):
            part, b = part[2:-2], True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            part, i = part[1:-1], True
        lines = part.split("\n")
        for k, line in enumerate(lines):
            run = par.add_run(line)
            run.bold = b or None
            run.italic = i or None
            if size:
                run.font.size = Pt(size)
            if k < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)


def fmt_par(
    par,
    align=None,
    indent=0.0,
    hanging=0.0,
    before=None,
    after=None,
    keep=False,
    single=False,
):
    """Paragraph formatting; lengths in cm, spacing in pt, `single` = single line spacing."""
    pf = par.paragraph_format
    if align:
        pf.alignment = ALIGN[align]
    if indent or hanging:
        pf.left_indent = Cm(indent + hanging)
        pf.first_line_indent = Cm(-hanging) if hanging else None
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep:
        pf.keep_with_next = True
    if single:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _border_el(tag: str, val: str, size: int = 4) -> OxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:val"), val)
    if val != "nil":
        el.set(qn("w:sz"), str(size))  # eighths of a point
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    return el


def set_table_borders(table, **edges) -> None:
    """Table-level borders, e.g. top=12, bottom=12, insideH=4, left=None ('nil')."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = edges.get(edge)
        borders.append(_border_el(f"w:{edge}", "single" if size else "nil", size or 0))
    # schema order inside tblPr: tblStyle, tblW, jc, tblBorders, shd, tblLayout, tblCellMar
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def set_cell_borders(cell, **edges) -> None:
    """Cell-level borders (w:tcBorders), e.g. bottom=8."""
    tc_pr = cell._tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:tcBorders"))
    if old is not None:
        tc_pr.remove(old)
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        if edge in edges:
            size = edges[edge]
            borders.append(_border_el(f"w:{edge}", "single" if size else "nil", size or 0))
    # tcBorders follows tcW / gridSpan / vMerge and precedes shd / vAlign
    anchor = None
    for tag in (
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    ):
        anchor = tc_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tc_pr.append(borders)


def _tblpr_set(table, tag: str, **attrs) -> OxmlElement:
    tbl_pr = table._tbl.tblPr
    el = tbl_pr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        order = [
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ]
        pos = order.index(tag)
        later = [tbl_pr.find(qn(t)) for t in order[pos + 1 :]]
        later = [e for e in later if e is not None]
        if later:
            later[0].addprevious(el)
        else:
            tbl_pr.append(el)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def set_cell_margins(table, left_right_cm: float) -> None:
    mar = _tblpr_set(table, "w:tblCellMar")
    for child in list(mar):
        mar.remove(child)
    twips = str(round(left_right_cm / 2.54 * 1440))
    for side, w in (("top", "0"), ("left", twips), ("bottom", "0"), ("right", twips)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), w)
        el.set(qn("w:type"), "dxa")
        mar.append(el)


def mark_row(row, header=False, cant_split=False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeat this row at the top of every page


def covered_positions(merges) -> set:
    cov = set()
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    cov.add((r, c))
    return cov


def write_cell(cell, value, *, size, bold=False, align="left", italic=False) -> None:
    """Write a cell: str ("\n" separates paragraphs) or dict(text=..., bold=, align=, italic=)."""
    if isinstance(value, dict):
        bold = value.get("bold", bold)
        italic = value.get("italic", italic)
        align = value.get("align", align)
        value = value["text"]
    paragraphs = value.split("\n") if value else [""]
    for k, text in enumerate(paragraphs):
        par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        fmt_par(par, align=align, before=0, after=0, single=True)
        if text:
            add_runs(par, text, bold=bold, italic=italic, size=size)


def add_table(doc, spec: dict) -> None:
    widths = spec["widths"]
    rows = spec["rows"]
    ncols = len(widths)
    merges = spec.get("merge", [])
    n_header = spec.get("header", 1)
    size = spec.get("size", 10)
    col_align = spec.get("align", ["left"] * ncols)
    bold_rows = set(spec.get("bold_rows", ()))
    center_rows = set(spec.get("center_rows", ()))
    assert sum(widths) <= TEXT_WIDTH_CM + 0.01, f"table wider than the text block: {sum(widths)}"
    assert all(len(r) == ncols for r in rows), [len(r) for r in rows]

    cov = covered_positions(merges)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            assert (value is None) == ((r, c) in cov), f"cell {(r, c)}: None <=> covered by a merge"

    table = doc.add_table(rows=len(rows), cols=ncols)
    if spec.get("borders", "grid") == "grid":
        table.style = doc.styles["Table Grid"]
    else:  # horizontal rules only: thick top and bottom, thin between rows, no verticals
        set_table_borders(table, top=12, bottom=12, insideH=4)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _tblpr_set(table, "w:tblLayout", type="fixed")
    _tblpr_set(table, "w:tblW", w=str(round(sum(widths) / 2.54 * 1440)), type="dxa")
    set_cell_margins(table, spec.get("cell_margin_cm", 0.15))
    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)

    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))

    for r, row in enumerate(rows):
        is_header = r < n_header or r in spec.get("extra_header_rows", ())
        # header rows never split and stay with the row below them
        mark_row(
            table.rows[r],
            header=r < n_header and spec.get("repeat_header", False),
            cant_split=spec.get("cant_split", False) or is_header,
        )
        for c, value in enumerate(row):
            if value is None:
                continue
            cell = table.cell(r, c)
            align = "center" if (is_header or r in center_rows) else col_align[c]
            write_cell(cell, value, size=size, bold=is_header or r in bold_rows, align=align)
            if is_header:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for par in cell.paragraphs:
                    par.paragraph_format.keep_with_next = True
            if spec.get("borders") == "hrules" and r == n_header - 1:
                set_cell_borders(cell, bottom=8)  # rule under the header block
    if spec.get("keep_together"):  # short table: keep it on one page
        for row in table.rows[:-1]:
            for cell in row.cells:
                for par in cell.paragraphs:
                    par.paragraph_format.keep_with_next = True
    # small gap after the table
    gap = doc.add_paragraph()
    fmt_par(gap, before=0, after=0)


def add_signature(doc, sig: dict) -> None:
    lines = [sig["place_date"], *sig["jabatan"]]
    first = True
    for text in lines:
        par = doc.add_paragraph()
        fmt_par(par, align="center", indent=8.0, before=12 if first else 0, after=0, keep=True)
        add_runs(par, text)
        first = False
    for _ in range(3):  # room for the signature and stamp
        par = doc.add_paragraph()
        fmt_par(par, indent=8.0, before=0, after=0, keep=True)
    par = doc.add_paragraph()
    fmt_par(par, align="center", indent=8.0, before=0, after=0, keep=True)
    run = par.add_run(sig["name"])
    run.bold = True
    run.underline = True
    if sig["rank"]:
        par = doc.add_paragraph()
        fmt_par(par, align="center", indent=8.0, before=0, after=0, keep=True)
        add_runs(par, sig["rank"])
    par = doc.add_paragraph()
    fmt_par(par, align="center", indent=8.0, before=0, after=6)
    add_runs(par, sig["nip"])


def render(doc, blocks) -> None:
    after_cover = False
    for block in blocks:
        kind = block[0]
        if kind == "cover":
            for k, (text, size) in enumerate(block[1]):
                par = doc.add_paragraph()
                fmt_par(par, align="center", before=150 if k == 0 else 6, after=6)
                add_runs(par, text, bold=True, size=size)
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            after_cover = True
            continue
        if kind == "h1":
            par = doc.add_paragraph(style="Heading 1")
            add_runs(par, block[1])
            if block[2] and not after_cover:
                par.paragraph_format.page_break_before = True
        elif kind == "h2":
            par = doc.add_paragraph(style="Heading 2")
            add_runs(par, block[1])
        elif kind == "p":
            opts = dict(block[2])
            bold, size = opts.pop("bold", False), opts.pop("size", None)
            opts.setdefault("align", "justify")
            par = doc.add_paragraph()
            fmt_par(par, **opts)
            add_runs(par, block[1], bold=bold, size=size)
        elif kind == "items":
            opts = dict(block[2])
            indent, hanging, step = opts.pop("indent"), opts.pop("hanging"), opts.pop("step")
            opts.setdefault("after", 2)
            opts.setdefault("align", "justify")
            for item in block[1]:
                level, text = item if isinstance(item, tuple) else (0, item)
                par = doc.add_paragraph()
                fmt_par(par, indent=indent + level * step, hanging=hanging, **opts)
                add_runs(par, text)
            doc.paragraphs[-1].paragraph_format.space_after = Pt(6)
        elif kind == "caption":
            for k, text in enumerate(block[1]):
                par = doc.add_paragraph()
                fmt_par(
                    par,
                    align="center",
                    before=6 if k == 0 else 0,
                    after=0 if k < len(block[1]) - 1 else 6,
                    keep=True,
                )
                add_runs(par, text, bold=True)
        elif kind == "table":
            add_table(doc, block[1])
        elif kind == "signature":
            add_signature(doc, block[1])
        elif kind == "checklist":
            for ticked, text in block[1]:
                par = doc.add_paragraph()
                fmt_par(par, indent=0.75, after=2)
                box = par.add_run("\u2611" if ticked else "\u2610")
                _set_rfonts(box._r.get_or_add_rPr(), SYMBOL_FONT)
                add_runs(par, " " + text)
            for _ in range(block[2]):
                par = doc.add_paragraph()
                fmt_par(par, indent=1.25, after=2)
                add_runs(par, ".....")
        else:
            raise ValueError(kind)
        after_cover = False


def save_docx(doc, path: Path, when: dt.datetime) -> None:
    """Save with fixed zip timestamps so that re-running gives identical bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, zin.read(info.filename))


# =============================================================================================
# Sample 1: Kecamatan Senduro, Triwulan II 2023 -- the seed report, every defect kept
# =============================================================================================

SENDURO_SIGNATURE_SEED = SIGNATURE(
    "Senduro , 30 Juni 2023",
    "CAMAT SENDURO",
    name="Drs. PUJIANTO",
    nip="NIP. 19681114 199003 1 004",
)

SENDURO_BAB1_INTRO = [
    (
        "Pasal 4 Peraturan Bupati Nomor 6 Tahun 2018 telah mengamanatkan bahwa pejabat eselon "
        "II/Camat berkewajiban untuk membuat laporan kinerja triwulanan kepada Bupati Lumajang. "
        "Adapun batasan pelaporan kinerja dimaksud adalah paling lambat 5 hari kerja sejak "
        "berakhirnya periode triwulanan. Dan, Camat sebagai salah satu kelas jabatan pada eselon "
        "II/Camat tentunya juga berkewajiban dalam penyusunan laporan kinerja dimaksud."
    ),
    (
        "Pelaporan kinerja triwulanan sebagaimana dimaksud diatas merupakan perwujudan sikap "
        "akuntabilitas Camat dalam mengidentifikasi hal-hal yang telah dicapai maupun hal-hal "
        "yang belum dapat dicapai dalam kurun waktu triwulanan II tahun anggaran 2023. Disamping "
        "itu, pelaporan kinerja dimaksud juga bertujuan untuk memberikan gambaran mengenai "
        "efisiensi dan efektifitas antara perencanaan kegiatan dan perencanaan anggaran dengan "
        "pelaksanaan kegiatan dan pelaksanaan anggaran."
    ),
    (
        "Camat merupakan salah satu jabatan yang ada di Kecamatan Senduro Kabupaten Lumajang "
        "sebagaimana amanat Peraturan Bupati Nomor 96 Tahun 2019 tentang Kedudukan, Susunan "
        "Organisasi, Uraian Tugas dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan. "
        "Berdasarkan ketentuan tersebut, khususnya pasal 8 telah diamanatkan bahwa tugas dan "
        "fungsi Camat adalah sebagai berikut :"
    ),
]

TUGAS_FUNGSI_CAMAT = [
    "Menyelenggarakan urusan pemerintahan umum;",
    "Mengkoordinasikan kegiatan pemberdayaan masyarakat;",
    "Mengkoordinasikan upaya penyelenggaraan ketentraman dan ketertiban umum;",
    "Mengkoordinasikan penerapan dan penegakan Peraturan Daerah dan Peraturan Bupati;",
    "Mengkoordinasikan pemeliharaan prasarana dan sarana pelayanan umum;",
    (
        "Mengkoordinasikan penyelenggaraan kegiatan pemerintahan yang dilakukan oleh perangkat "
        "daerah di tingkat Kecamatan;"
    ),
    "Melaksanakan pembinaan dan pengawasan penyelenggaraan kegiatan desa atau kelurahan;",
    (
        "Melaksanakan urusan pemerintahan yang menjadi kewenangan Kabupaten yang tidak "
        "dilaksanakan oleh unit kerja Pemerintah Daerah Kabupaten yang ada di Kecamatan;"
    ),
    "Melaksanakan sebagian kewenangan Bupati yang dilimpahkan;",
    "Melaksanakan tugas lain yang diberikan oleh Bupati terkait dengan tugas dan fungsinya.",
]


def numbered(items, start=1, fmt="{}. {}", level=0):
    """Prefix items with literal numbers: ['a', 'b'] -> [(0, '1. a'), (0, '2. b')]."""
    return [(level, fmt.format(i, text)) for i, text in enumerate(items, start)]


# The seed's fasilitasi list, 19 numbered lines (16 continues 15, numbered as in the seed).
FASILITASI_SEED = [
    "Fasilitasi evaluasi penyusunan peraturan desa dan peraturan kepala desa",
    "Fasilitasi administrasi tata Pemerintahan Desa",
    "Fasilitasi pengelolaan keuangan Desa dan pendayagunaan aset Desa",
    "Fasilitasi penerapan dan penegakan peraturan perundang-undangan",
    "Fasilitasi pelaksanaan tugas kepala Desa dan perangkat Desa",
    "Fasilitasi pelaksanaan pemilihan kepala Desa",
    "Fasilitasi pelaksanaan tugas dan fungsi Badan Permusyawaratan Desa",
    "Fasilitasi sinkronisasi perencanaan pembangunan daerah dengan pembangunan Desa",
    "Fasilitasi penetapan lokasi pembangunan kawasan perdesaan",
    "Fasilitasi penyelenggaraan ketenteraman dan ketertiban umum",
    "Fasilitasi pelaksanaan tugas, fungsi, dan kewajiban lembaga kemasyarakatan",
    "Fasilitasi penyusunan perencanaan pembangunan partisipatif",
    "Fasilitasi kerja sama antar-Desa dan kerja sama Desa dengan pihak ketiga",
    (
        "Fasilitasi penataan, pemanfaatan, dan pendayagunaan ruang Desa serta penetapan dan "
        "penegasan batas Desa"
    ),
    "Fasilitasi penyusunan program dan pelaksanaan pemberdayaan masyarakat Desa",
    (
        "(PKK, Posyandu Gerbangmas, BUMDes, KIMDesa, Kepemudaan, Keagamaan, Musrenbangcam, "
        "Penyaluran Bansos)"
    ),
    "Fasilitasi Administrasi Kependudukan",
    "Fasilitasi Umum dan Kepegawaian",
    "Fasilitasi Keuangan",
]

# Strategy lines of the seed's Tabel 2.4 per indicator row (also the 2.4 and Bab III lists).
STRATEGI_SEED = [
    (
        "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
        [
            "Merekap kegiatan fasilitasi dan koordinasi dari masing-masing kasi",
            "Menetapkan tim Fasilitasi dan Koordinasi dengan Surat Keputusan.",
            (
                "Memantau pelaksanaan Fasilitasi dan Koordinasi dengan bukti pendukung berupa "
                "berita acara dan laporan"
            ),
        ],
        "Januari s/d Juni 2023",
    ),
    (
        (
            "Rata -rata persentase desa yang menyusun dokumen administrasi pemerintahan desa yang "
            "tepat waktu"
        ),
        [
            (
                "Memerintahkan kepada kasi yang membidangi untuk membuat surat terkait batas "
                "akhir pengiriman dokumen RKPDesa, APBDesa dan LPPDesa"
            ),
            (
                "Memantau secara berkala 1 Minggu sekali agar pengirimannya dapat dilakukan tepat "
                "waktu"
            ),
            "Meminta laporan secara tertulis kepada kasi yang membidangi.",
        ],
        "Januari s/d Juni 2023",
    ),
    (
        "Persentase Pemenuhan fasilitasi operasional Perkantoran",
        [
            "Melakukan Perencanaan Fasilitasi operasional Perkantoran",
            "Membuat Laporan operasional Perkantoran setiap bulan",
            "Melaporkan kegiatan operasional Perkantoran",
            "mendokumentasikan hasil fasilitasi operasional Perkantoran",
        ],
        "",
    ),
    (
        "Persentase fasilitasi Pelayanan Administrasi Kecamatan sesuai SP dan SOP",
        [
            (
                "Mandata Fasilitasi Pelayanan Administrasi Kecamatan sesuai SP dan SOP sesuai "
                "dengan kewenangan camat"
            ),
            (
                "Melakukan rencana tindaklanjut pelaksanaan Pelayanan Administrasi Kecamatan "
                "sesuai SP dan SOP"
            ),
            (
                "Membuat laporan Pelayanan Administrasi Kecamatan sesuai SP dan SOP setiap "
                "tribulanan kepada atasan guna dilaporkan ke kabupaten"
            ),
        ],
        "",
    ),
    (
        "Rata-rata persentase fasilitasi pemberdayaan masyarakat",
        [
            "Melakukan Pendataan fasilitasi pemberdayaan masyarakat",
            "Melakukan fasilitasi pemberdayaan masyarakat sesuai data",
            "Melaporkan fasilitasi pemberdayaan masyarakat",
        ],
        "",
    ),
    (
        "Persentase Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
        [
            "Melakukan perencanaan Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
            "Melaksanakan Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
            "Melaporkan setiap bulan hasil Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
        ],
        "",
    ),
]
_DESA_TRIPLET = [
    "Membuat surat kepada kepala desa terkait penyusunan dokumen serta batas waktu pengiriman",
    "Melakukan nonev terkait pencapaian pelaporan",
    "merekap desa yang sudah mengirimkan tepat waktu dan yang tidak tepat waktu",
]
STRATEGI_SEED += [
    ("Persentase desa yang menetapkan RKPDes Tepat waktu", _DESA_TRIPLET, ""),
    ("Persentase Desa yang menetapkan APBDes Tepat Waktu", _DESA_TRIPLET, ""),
    ("Persentase Desa yang menetapkan LPPDes Tepat Waktu", _DESA_TRIPLET, ""),
]

# Rencana tindak lanjut (2.4) of the seed: all strategy lines in order, 28 items.
RTL_SEED = [line for _, lines, _ in STRATEGI_SEED for line in lines]
RTL_SEED[-1] = RTL_SEED[-1] + "."  # the seed ends item 28 with a full stop
# Bab III repeats them with two small variations (item 12 "tindak lanjut", item 28 capitalised).
BAB3_STRATEGI_SEED = [line for _, lines, _ in STRATEGI_SEED for line in lines]
BAB3_STRATEGI_SEED[11] = BAB3_STRATEGI_SEED[11].replace("tindaklanjut", "tindak lanjut")
BAB3_STRATEGI_SEED[27] = "M" + BAB3_STRATEGI_SEED[27][1:]
assert len(RTL_SEED) == 28 and len(BAB3_STRATEGI_SEED) == 28


# Tabel 2.3 (cost per outcome): 10 columns in portrait, 8 pt so that words and amounts fit
COST_WIDTHS = [0.6, 2.4, 2.4, 1.9, 1.9, 1.2, 1.1, 1.4, 1.4, 1.5]


def senduro_seed_tables():
    """The seed's tables, values verbatim."""
    # fmt: off
    pk_rows = [
        ["NO", "SASARAN PROGRAM", "INDIKATOR KINERJA", "TARGET"],
        ["1", "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
         "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti", "85%"],
        ["2", "Meningkatnya akuntabilitas pemerintahan desa",
         (
             "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa "
             "tepat waktu"
         ),
         "86%"],
        # second header row inside the same table (seed: a new block with its own bold header)
        [{"text": "No", "align": "center"}, {"text": "Sasaran Program", "align": "center"},
         {"text": "Indikator Kinerja", "align": "center"}, {"text": "Target", "align": "center"}],
        ["1", "Meningkatnya Fasilitasi dan koordinasi Kecamatan Senduro",
         "Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan", "100%"],
        ["2", "Meningkatnya Meningkatnya akuntabilitas pemerintahan desa",
         "Persentase fasilitasi penyelenggaraan Pemerintahan dan pelayanan publik", "86%"],
    ]
    budget_rows = [
        ["NO", "PROGRAM", "ANGGARAN"],
        ["1", "Penunjang Urusan Pemerintahan Kabupaten", "Rp 1.841.579.374"],
        ["2", "Penyelenggaraan Pemerintahan Umum", "Rp 122.359.000"],
        ["3", "Pembinaan dan Pengawasan Pemerintahan Desa", "Rp 290.800.000"],
        ["4", "Pemberdayaan Masyarakat Desa dan Kelurahan", "Rp 266.020.000"],
        ["", "JUMLAH", "Rp 2.520.758.374"],
    ]
    # Formula table: RUMUS PENGHITUNGAN spans (formula | X | 100%).  Rows 1-3 put the denominator
    # on a second table row (No/Sasaran/Indikator/X/100% merged over both); from row 4 on numerator
    # and denominator share one cell ("\n" = second paragraph where the seed shows a line break).
    # From row 7 on the formula texts are shifted one row against the indicators (seed defect).
    fraction_rows = [  # (no, sasaran, indikator, numerator, denominator)
        ("1", "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
         "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
         "Jumlah Hasil Fasilitasi dan Koordinasi Yang Ditindaklanjuti",
         "Jumlah Fasilitasi dan Koordinasi"),
        ("2", "Meningkatnya Akuntabilitas Pemerintahan Desa",
         ("Rata - rata Persentase Desa yang menyusun dokumen administrasi pemerintahan desa "
          "tepat waktu"),
         ("(Jumlah desa yang menyusun RKPDesa tepat waktu + Jumlah desa yang menyusun APBdesa "
          "tepat waktu + Jumlah desa yang menyusun LPPDesa tepat waktu)"),
         "Jumlah seluruh desa diwilayah kecamatan X 3 dokumen administrasi pemerintahan desa)"),
        ("3", "Meningkatnya Fasilitas dan koordinasi Kecamatan Senduro",
         "Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan",
         "Jumlah Fasilitas Pemenuhan fasilitas operasional Perkantoran",
         "jumlah seluruh Pemenuhan fasilitas operasional Perkantoran"),
    ]
    glued_rows = [  # (no, sasaran, indikator, formula)
        ("4", "Meningkatnya akuntabilitas pemerintahan desa",
         "Persentase fasilitas penyelenggaraan pemerintahan dan pelayanan publik",
         ("Jumlah fasilitas Pelayanan Administrasi Kecamatan sesuai SP dan SOP\n"
          "jumlah seluruh fasilitas Pelayanan Administrasi Kecamatan sesuai SP dan SOP")),
        ("5", "Meningkatnya Kualitas Fasilitas Pemberdayaan Masyarakat Desa dan Kelurahan",
         "Rata-rata persentase fasilitas pemberdayaan masyarakat",
         "Jumlah Fasilitas RKP Desa + Jumlah Fasilitas APBDes + Fasilitas LPPDes\n(3x12)"),
        ("6", "Meningkatnya Kualitas Fasilitas Penyelenggaraan Urusan Pemerintahan Umum",
         "Persentase Fasilitas Penyelenggaraan Urusan Pemerintahan Umum",
         ("Jumlah Fasilitas Penyelenggaraan Urusan Pemerintahan Umum\n"
          "seluruh Fasilitas Penyelenggaraan Urusan Pemerintahan Umum")),
        ("7", "Meningkatnya Kualitas Fasilitas Penyelenggaraan Urusan Pemerintahan Umum",
         "Persentase Fasilitas Penyelenggaraan Urusan Pemerintahan Umum",
         "Jumlah Desa menetapkan RKPDes Tepat waktu jumlah seluruh desa"),
        ("8", "Meningkatnya Kualitas Fasilitas Pembinaan dan Pengawasan Pemerintahan Desa",
         "Persentase desa yang menetapkan RKPDes Tepat waktu",
         "Jumlah desa yang menetapkan APBDes Tepat Waktu jumlah seluruh desa dikali"),
        ("9", "", "Persentase Desa yang menetapkan APBDes Tepat Waktu",
         "Jumlah desa yang menetapkan LPPDes Tepat Waktu seluruh desa (12 Desa)"),
        ("", "", "Persentase Desa yang menetapkan LPPDes Tepat Waktu",
         ("Jumlah Fasilitas Pemenuhan fasilitas operasional Perkantoran jumlah seluruh "
          "Pemenuhan fasilitas operasional Perkantoran")),
    ]
    capaian_rows = [
        ["No", "Sasaran Kegiatan", "Indikator Kinerja", "Target", "Realiasasi", "Capaian 6=4/5",
         "Ket"],
        ["1", "2", "3", "4", "5", "6", "7"],
        ["1", "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
         (
             "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti"
         ), "85%", "50%", "170%", ""],
        ["2", "Meningkatnya akuntabilitas pemerintahan desa",
         (
             "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa "
             "tepat waktu"
         ),
         "86%", "77%", "111%", ""],
        ["3", "Meningkatnya Fasilitasi dan koordinasi Kecamatan",
         "Persentase Desa /Kelurahan yang etrfasilitasi", "100%", "100%", "100%", ""],
        # continuation of row 3 (a row split by a page break in the original), kept as its own row
        ["", "Senduro", "pemberdayaan", "", "", "", ""],
        ["4", "Meningkatnya Akuntabilitas Pemerintahan Desa",
         "Persentase fasilitasi Penyelenggaraan Pemerintahan dan Pelayanan Publik",
         "86%", "100%", "86%", ""],
    ]
    cost_rows = [
        ["No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Anggaran", None, None,
         "Kinerja", None, None, "Efisiensi"],
        [None, None, None, "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", None],
        ["1", "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
         "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti",
         "266.020.000", "66.420.000", "24,97%", "85%", "24,97%", "340,40%", ""],
        ["2", "Meningkatnya akuntabilitas pemerintahan desa",
         (
             "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa "
             "tepat waktu"
         ),
         "290.800.000", "117.000.000", "40,23%", "86%", "40,23%", "213,77%", ""],
        # the header repeated, flattened to one level (seed)
        ["No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Pagu", "Realisasai", "Capaian (%)",
         "Target", "Realisasi", "%", "Efisiensi"],
        ["1", "Meningkatnya Fasilitasi dan Koordinasi Kecamatan Senduro",
         "Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan",
         "266.020.000", "66.420.000", "24,97%", "86%", "24,97%", "340,40%", ""],
        ["2", "Meningkatnya Akunhtasbilitas Pemerintahan Desa",
         "Persentase fasilitasi Penyelenggaraan pemerintahan dan pelayanana publik",
         "290.800.000", "117.000.000", "40,23%", "86%", "40,23%", "213,77%", ""],
        # third block: a new two-level header keyed by PROGRAM
        ["No", "PROGRAM", None, "Anggaran", None, None, "Kinerja", None, None, "Efisiensi"],
        [None, None, None, "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", None],
        ["1", "Penunjang Urusan Pemerintahan Kabupaten/Kota", None,
         "1.841.579.374", "848.489.399", "46,07%", "100%", "46,07%", "217,06%", ""],
        ["2", "Penyelenggaraan Urusan Pemerintahan Umum", None,
         "122.359.000", "44.109.000", "35,72%", "100%", "35,72%", "279,95%", ""],
        ["3", "Pembinaan dan Pengawasan Pemerintahan Desa", None,
         "290.800.000", "117.000.000", "40,23%", "100%", "40,23%", "248,57%", ""],
        ["4", "Pemberdayaan Masyarakat Desa dan Kelurahan", None,
         "266.020.000", "66.420.000", "24,97%", "100%", "24,97%", "400,48%", ""],
        ["", "Jumlah", None, "2.520.758.374", "", "", "", "", "", ""],
    ]
    cost_merge = [
        (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5), (0, 6, 0, 8), (0, 9, 1, 9),
        (7, 0, 8, 0), (7, 1, 8, 2), (7, 3, 7, 5), (7, 6, 7, 8), (7, 9, 8, 9),
        (9, 1, 9, 2), (10, 1, 10, 2), (11, 1, 11, 2), (12, 1, 12, 2), (13, 1, 13, 2),
    ]
    # fmt: on

    pk = TABLE(
        widths=[1.2, 5.0, 7.6, 2.2],
        header=1,
        size=10,
        bold_rows=[3],
        rows=pk_rows,
        align=["center", "left", "left", "center"],
    )
    budget = TABLE(
        widths=[1.2, 9.6, 5.2],
        header=1,
        size=10,
        bold_rows=[5],
        rows=budget_rows,
        align=["center", "left", "left"],
    )

    f_rows = [["No", "SASARAN", "INDIKATOR TUJUAN/ SASARAN", "RUMUS PENGHITUNGAN", None, None]]
    f_merge = [(0, 3, 0, 5)]
    for no, sas, ind, numer, denom in fraction_rows:
        r = len(f_rows)
        f_rows.append([no, sas, ind, numer, "X", "100%"])
        f_rows.append([None, None, None, denom, None, None])
        f_merge += [(r, c, r + 1, c) for c in (0, 1, 2, 4, 5)]
    for no, sas, ind, formula in glued_rows:
        f_rows.append([no, sas, ind, formula, "X", "100%"])
    formula = TABLE(
        widths=[0.8, 3.3, 3.6, 6.2, 0.8, 1.3],
        header=1,
        size=10,
        rows=f_rows,
        merge=f_merge,
        align=["center", "left", "left", "left", "center", "center"],
    )
    capaian = TABLE(
        widths=[0.8, 3.6, 4.4, 1.5, 1.9, 1.9, 1.9],
        header=1,
        size=10,
        center_rows=[1],
        rows=capaian_rows,
        align=["center", "left", "left", "center", "center", "center", "left"],
    )
    cost = TABLE(
        widths=COST_WIDTHS,
        header=2,
        size=8,
        cell_margin_cm=0.1,
        extra_header_rows=[4, 7, 8],
        bold_rows=[13],
        rows=cost_rows,
        merge=cost_merge,
        align=["center", "left", "left", "right", "right"] + ["center"] * 5,
    )

    strat_rows = [["No", "Indikator Kinerja", "Strategi Yang Digunakan", "Pada Bulan"]]
    for i, (ind, lines, bulan) in enumerate(STRATEGI_SEED, 1):
        strat_rows.append(
            [str(i), ind, "\n".join(f"{k}. {s}" for k, s in enumerate(lines, 1)), bulan]
        )
    strategy = TABLE(
        widths=[0.9, 4.6, 7.6, 2.9],
        header=1,
        repeat_header=True,
        size=10,
        rows=strat_rows,
        align=["center", "left", "left", "center"],
    )
    return pk, budget, formula, capaian, cost, strategy


def senduro_seed_blocks():
    pk, budget, formula, capaian, cost, strategy = senduro_seed_tables()
    return [
        COVER(
            ("LAPORAN KINERJA CAMAT", 20),
            ("TRIBUNAN III TAHUN 2023", 20),
            ("KECAMATAN SENDURO", 20),
        ),
        H1("BAB I\nPENDAHULUAN"),
        *[P(t) for t in SENDURO_BAB1_INTRO],
        ITEMS(numbered(TUGAS_FUNGSI_CAMAT), indent=0.5),
        H1("BAB II\nAKUNTABILITAS KINERJA"),
        H2("2.1 PERJANJIAN KINERJA"),
        P(
            "Perjanjian Kinerja Tahun 2023 yang ditandatangani antara Camat dengan Bupati Lumajang "
            "adalah sebagai "
            "berikut :"
        ),
        CAPTION("Tabel 2.1.", "Lembar Dokumen Perjanjian Kinerja Camat"),
        pk,
        budget,
        H2("2.2 ANALISIS PENCAPAIAN KINERJA"),
        P(
            "Dalam pencapaian Kinerja yang optimal perlu dilakukan analisis perhitungan yang "
            "akurat agar dapat "
            "dipertanggungjawabkan. tolak ukur keberhasilan tersaji dalam tabel sebagai berikut:"
        ),
        formula,
        P(
            "Dalam hal penentuan sasaran perlu adanya penjelasan konkrit agar tidak terjadi "
            "kesalahan dalam "
            "penafsiran Indikator, penjelasan dari Indikatornya sebagai berikut :"
        ),
        ITEMS(
            [
                (
                    "1) Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan "
                    "desa tepat waktu"
                )
            ],
            indent=0.5,
        ),
        P(
            "Penjelasan : Yang dimaksud dokumen administrasi pemerintahan desa pada definisi ini "
            "adalah RKPDesa, "
            "APBDesa, LPPDesa yang disusun tepat waktu.",
            indent=1.1,
        ),
        ITEMS(
            numbered(
                [
                    (
                        "RKP dikatakan tepat waktu, ditetapkan dengan Peraturan Desa paling "
                        "lambat akhir bulan September."
                    ),
                    (
                        "APBDesa dikatakan tepat waktu, ditetapkan dengan Peraturan Desa paling "
                        "lambat tanggal 31 Desember tahun anggaran sebelumnya."
                    ),
                    (
                        "LPPDesa dikatakan tepat waktu, disampaikan oleh Kepala Desa kepada "
                        "Bupati melalui Camat secara tertulis paling lambat 3 bulan setelah "
                        "berakhirnya tahun anggaran"
                    ),
                ]
            ),
            indent=1.1,
        ),
        ITEMS(["2) Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti"], indent=0.5),
        P(
            "Penjelasan : Fasilitasi dan koordinasi yang ditindaklanjuti adalah Jumlah Seluruh "
            "Aktivitas "
            "Fasilitasi dan Koordinasi yang menghasilkan output aktivitas sesuai kewenangan "
            "Kecamatan.",
            indent=1.1,
        ),
        ITEMS(["\u2022 Fasilitasi meliputi :"], indent=1.1, hanging=0.4),
        ITEMS(numbered(FASILITASI_SEED), indent=1.7),
        ITEMS(["\u2022 Koordinasi Meliputi :"], indent=1.1, hanging=0.4),
        ITEMS(
            numbered(
                [
                    "Koordinasi pendampingan Desa di wilayahnya; dan",
                    "Koordinasi pelaksanaan pembangunan kawasan perdesaan di wilayahnya",
                ]
            ),
            indent=1.7,
        ),
        ITEMS(["3) Persentase Pemenuhan fasilitasi operasional Perkantoran"], indent=0.5),
        P(
            "Penjelasan : Seluruh Kegiatan Operasional Perkantoran yang tertuang pada sub kegiatan "
            "yang tercapaian "
            "pada setiap triwulan",
            indent=1.1,
        ),
        ITEMS(
            ["4) Persentase fasilitasi Pelayanan Administrasi Kecamatan sesuai SP dan SOP"],
            indent=0.5,
        ),
        P(
            "Penjelasan : Seluruh fasilitasi Pelayanan Administrasi Kecamatan sesuai SP dan SOP "
            "(14 Jenis Pelayanan "
            "Sesuai Pelimpahan kewenangan kepada camat).",
            indent=1.1,
        ),
        ITEMS(["5) Rata-rata persentase fasilitasi pemberdayaan masyarakat"], indent=0.5),
        P(
            "Penjelasan : Seluruh fasilitasi pemberdayaan masyarakat meliputi Fasilitasi RKPDes, "
            "Musrenbangcam, "
            "Musrenbangdes.",
            indent=1.1,
        ),
        ITEMS(
            [
                "6) Persentase Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
                "7) Persentase Fasilitasi Penyelenggaraan Urusan Pemerintahan Umum",
                "8) Persentase desa yang menetapkan RKPDes Tepat waktu",
            ],
            indent=0.5,
        ),
        P("Penjelasan : desa yang menetapkan RKPDes Tepat waktu", indent=1.1),
        ITEMS(["9) Persentase Desa yang menetapkan APBDes Tepat Waktu"], indent=0.5),
        P("Penjelasan : Desa yang menetapkan APBDes Tepat Waktu", indent=1.1),
        ITEMS(["10) Persentase Desa yang menetapkan LPPDes Tepat Waktu"], indent=0.5),
        P("Penjelasan : Desa yang menetapkan LPPDes Tepat Waktu", indent=1.1),
        H2("2.3 CAPAIAN KINERJA"),
        P(
            "Dalam kurun waktu bulan 1 Januari s.d 30 Juni 2023, maka dari 9 indikator kinerja "
            "tersebut belum ada "
            "yang mencapai 100%. Hal ini dapat dilihat dari table berikut:"
        ),
        CAPTION("Tabel 2.2", "Capaian Kinerja Camat"),
        capaian,
        P(
            "Untuk mewujudkan pencapaian atas target kinerja sebagaimana tertuang pada tabel 2.2 "
            "diatas tentunya "
            "dibutuhkan anggaran. Oleh karena itu, pada tabel 2.3 dibawah ini akan diuraikan "
            "mengenai "
            "kegiatan-kegiatan yang mendukung ketercapaian target kinerja, termasuk pagu anggaran "
            "dan realisasi "
            "anggarannya."
        ),
        CAPTION("Tabel 2.3", "*Cost per outcome* Camat Tahun 2023 - Triwulanan II"),
        cost,
        SENDURO_SIGNATURE_SEED,
        P(
            "Dari gambaran table diatas dapat dilihat bahwa dari 4 Indikator camat dalam "
            "triwulanan II masih "
            "dibawah 50% dan ini akan di lakukan penyerapan pada Tribulanan berikutnya agar dapat "
            "mencapai kinerja "
            "sesuai dengan apa yang telah ditentukan."
        ),
        P(
            "hal-hal yang diungkapkan pada tabel 2.3 merupakan gambaran kinerja yang sudah dicapai "
            "secara maksimal "
            "di Triwulanan II."
        ),
        H2("2.3. EVALUASI DAN ANALISIS KINERJA"),
        P(
            "Berdasarkan pelaksanaan anggaran selama triwulanan II tahun anggaran 2023, maka "
            "evaluasi dan analisis "
            "atas kinerja Camat terhadap upaya dalam mencapai target kinerja yang berhasil namun "
            "masih belum "
            "mencapai 100% menggunakan langkah-langkah adalah sebagai berikut :"
        ),
        CAPTION(
            "Tabel 2.4.",
            "Strategi Yang Digunakan Dalam Mencapai Target Kinerja\n"
            "Yang Telah Tercapai dan yang belum tercapai",
        ),
        strategy,
        P(
            "Terkait penjabaran strategi yang akan digunakan dalam mencapai Target kinerja diatas "
            "merupakan "
            "langkah-langkah yang sudah disepakati oleh tim penyusun Sakip di Kecamatan Senduro, "
            "dan akan dilakukan "
            "perubahan jika cara diatas masih belum mencapai target yang ditentukan guna untuk "
            "pencapaian yang "
            "efektif dan efisien."
        ),
        H2("2.4. RENCANA TINDAK LANJUT."),
        P(
            "Untuk mewujudkan pencapaian target kinerja sebagaimana yang tertuang dalam Perjanjian "
            "Kinerja tahun "
            "2023, tentunya terdapat upaya-upaya yang secara terus menerus dan berkelanjutan, "
            "sebagai berikut :"
        ),
        ITEMS(numbered(RTL_SEED), indent=0.5, hanging=0.7),
        H2("2.5. TANGGAPAN ATASAN LANGSUNG."),
        CHECKLIST(
            [
                (False, "Laporan sudah baik"),
                (False, "Laporan kurang baik"),
                (False, "Laporan segera diperbaiki"),
                (False, "Target dan realisasi diteliti ulang"),
                (False, "Capaian diteliti ulang"),
                (False, "Lain-lain ....."),
            ]
        ),
        H1("BAB III PENUTUP"),
        P(
            "Laporan Kinerja triwulanan II Tahun 2023 dapat disimpulkan secara ringkas sebagai "
            "berikut:"
        ),
        ITEMS(
            [
                (
                    "1. Secara umum pelaksanaan tugas pokok dan fungsi Camat berdasarkan "
                    "Peraturan Bupati Lumajang nomor 96 tahun 2019 tentang Kedudukan, Susunan "
                    "Organisasi, Uraian Tugas Dan Fungsi Serta Tata Kerja Kecamatan Dan "
                    "Kelurahan, telah dapat dilaksanakan sebagaimana mestinya;"
                ),
                (
                    "2. Dalam pencapaian sasaran yang diperjanjikan, dari 9 target kinerja yang "
                    "ditetapkan, diantaranya :"
                ),
                (1, "1. 2 target yang mencapai 100% diantaranya :"),
                (2, "a. Persentase desa yang menetapkan RKPDes Tepat waktu"),
                (2, "b. Persentase Desa yang menetapkan LPPDes Tepat Waktu."),
                (
                    1,
                    "3. 7 target yang akan belum tercapai akan dicapai pada tribulanan berikutnya.",
                ),
                (
                    "4. Adapun strategi yang dilakukan atas keberhasilan pencapaian target adalah "
                    "melalui :"
                ),
                *numbered(BAB3_STRATEGI_SEED, level=1),
            ],
            indent=0.3,
            hanging=0.7,
        ),
        SENDURO_SIGNATURE_SEED,
    ]


# =============================================================================================
# Sample 2: the same report with every defect fixed
# =============================================================================================

# (sasaran, indikator, target %, realisasi %, budget line) -- the 4 PK indicators
# fmt: off
SENDURO_IND = [
    ("Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan",
     "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti", 85, 50),
    ("Meningkatnya akuntabilitas pemerintahan desa",
     "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu",
     86, 77),
    ("Meningkatnya fasilitasi dan koordinasi Kecamatan Senduro",
     "Persentase desa/kelurahan yang terfasilitasi pemberdayaan", 100, 100),
    ("Meningkatnya akuntabilitas pemerintahan desa",
     "Persentase fasilitasi penyelenggaraan pemerintahan dan pelayanan publik", 86, 100),
]
# fmt: on
# programmes: (name, pagu, realisasi anggaran, realisasi kinerja % [target 100%])
# fmt: off
SENDURO_PROG = [
    ("Penunjang Urusan Pemerintahan Kabupaten/Kota", 1_841_579_374, 848_489_399, 50),
    ("Penyelenggaraan Urusan Pemerintahan Umum", 122_359_000, 44_109_000, 55),
    ("Pembinaan dan Pengawasan Pemerintahan Desa", 290_800_000, 117_000_000, 60),
    ("Pemberdayaan Masyarakat Desa dan Kelurahan", 266_020_000, 66_420_000, 45),
]
# fmt: on
# budget line (programme index) that funds each indicator
SENDURO_IND_PROG = [1, 2, 3, 0]


def efisiensi(capaian_unrounded: Decimal, serapan_unrounded: Decimal) -> Decimal:
    """Efisiensi = capaian kinerja % - serapan %, percentage points, 2 decimals.  The printed value
    must be the same whether computed from the rounded (printed) or the unrounded percentages."""
    from_printed = q(capaian_unrounded, 2) - q(serapan_unrounded, 2)
    from_exact = q(capaian_unrounded - serapan_unrounded, 2)
    assert from_printed == from_exact, (from_printed, from_exact)
    return from_exact


def senduro_corrected_numbers():
    inds = []
    for (sas, ind, t, r), p in zip(SENDURO_IND, SENDURO_IND_PROG, strict=True):
        _, pagu, real, _ = SENDURO_PROG[p]
        cap_x = Decimal(r) * 100 / Decimal(t)
        ser_x = Decimal(real) * 100 / Decimal(pagu)
        inds.append(
            {
                "sasaran": sas,
                "indikator": ind,
                "target": t,
                "realisasi": r,
                "capaian": q(cap_x, 2),
                "pagu": pagu,
                "real": real,
                "serapan": q(ser_x, 2),
                "efisiensi": efisiensi(cap_x, ser_x),
            }
        )
    progs = []
    for name, pagu, real, rk in SENDURO_PROG:
        cap_x = Decimal(rk)  # target 100%
        ser_x = Decimal(real) * 100 / Decimal(pagu)
        assert q(cap_x, 2) != q(ser_x, 2), "realisasi kinerja must not simply copy serapan"
        progs.append(
            {
                "name": name,
                "pagu": pagu,
                "real": real,
                "serapan": q(ser_x, 2),
                "rk": rk,
                "capaian": q(cap_x, 2),
                "efisiensi": efisiensi(cap_x, ser_x),
            }
        )
    total_pagu = sum(p["pagu"] for p in progs)
    total_real = sum(p["real"] for p in progs)
    # expected values stated in the brief / README
    assert [str(i["capaian"]) for i in inds] == ["58.82", "89.53", "100.00", "116.28"]
    assert [str(i["serapan"]) for i in inds] == ["36.05", "40.23", "24.97", "46.07"]
    assert inds[0]["efisiensi"] == Decimal("22.77")
    assert total_pagu == 2_520_758_374 and total_real == 1_076_018_399
    assert ratio_pct(total_real, total_pagu) == Decimal("42.69")
    return inds, progs, total_pagu, total_real


def senduro_corrected_blocks():
    inds, progs, total_pagu, total_real = senduro_corrected_numbers()
    reached = [i for i in inds if i["capaian"] >= 100]
    not_reached = [i for i in inds if i["capaian"] < 100]
    assert len(reached) == 2 and len(not_reached) == 2

    # every table of the corrected report keeps its rows whole (no row split by a page break)
    pk = TABLE(
        widths=[1.2, 5.0, 7.6, 2.2],
        header=1,
        size=10,
        cant_split=True,
        align=["center", "left", "left", "center"],
        rows=[["NO", "SASARAN PROGRAM", "INDIKATOR KINERJA", "TARGET"]]
        + [
            [str(k), i["sasaran"], i["indikator"], f"{i['target']}%"] for k, i in enumerate(inds, 1)
        ],
    )
    budget = TABLE(
        widths=[1.2, 9.6, 5.2],
        header=1,
        size=10,
        bold_rows=[5],
        cant_split=True,
        align=["center", "left", "left"],
        rows=[["NO", "PROGRAM", "ANGGARAN"]]
        + [[str(k), p["name"], money(p["pagu"], "Rp")] for k, p in enumerate(progs, 1)]
        + [["", "JUMLAH", money(total_pagu, "Rp")]],
    )

    formulas = [
        (
            "Jumlah hasil fasilitasi dan koordinasi yang ditindaklanjuti",
            "Jumlah seluruh fasilitasi dan koordinasi",
        ),
        (
            (
                "Jumlah desa yang menyusun RKPDesa tepat waktu + jumlah desa yang menyusun "
                "APBDesa tepat waktu + jumlah desa yang menyusun LPPDesa tepat waktu"
            ),
            (
                "Jumlah seluruh desa di wilayah kecamatan \u00d7 3 dokumen administrasi "
                "pemerintahan desa"
            ),
        ),
        (
            "Jumlah desa/kelurahan yang terfasilitasi pemberdayaan",
            "Jumlah seluruh desa/kelurahan di wilayah kecamatan",
        ),
        (
            "Jumlah fasilitasi penyelenggaraan pemerintahan dan pelayanan publik yang terlaksana",
            (
                "Jumlah seluruh fasilitasi penyelenggaraan pemerintahan dan pelayanan publik yang "
                "direncanakan"
            ),
        ),
    ]
    f_rows = [["No", "SASARAN", "INDIKATOR TUJUAN/ SASARAN", "RUMUS PENGHITUNGAN", None, None]]
    f_merge = [(0, 3, 0, 5)]
    for k, (i, (numer, denom)) in enumerate(zip(inds, formulas, strict=True), 1):
        r = len(f_rows)
        f_rows.append([str(k), i["sasaran"], i["indikator"], numer, "X", "100%"])
        f_rows.append([None, None, None, denom, None, None])
        f_merge += [
            (r, 0, r + 1, 0),
            (r, 1, r + 1, 1),
            (r, 2, r + 1, 2),
            (r, 4, r + 1, 4),
            (r, 5, r + 1, 5),
        ]
    formula = TABLE(
        widths=[0.8, 3.3, 3.6, 6.2, 0.8, 1.3],
        header=1,
        size=10,
        rows=f_rows,
        merge=f_merge,
        cant_split=True,
        repeat_header=True,
        align=["center", "left", "left", "left", "center", "center"],
    )

    capaian = TABLE(
        widths=[0.8, 3.6, 4.4, 1.5, 1.9, 1.9, 1.9],
        header=1,
        size=10,
        center_rows=[1],
        cant_split=True,
        align=["center", "left", "left", "center", "center", "center", "left"],
        rows=[
            [
                "No",
                "Sasaran Kegiatan",
                "Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian 6=5/4",
                "Ket",
            ],
            ["1", "2", "3", "4", "5", "6", "7"],
        ]
        + [
            [
                str(k),
                i["sasaran"],
                i["indikator"],
                f"{i['target']}%",
                f"{i['realisasi']}%",
                pct(i["capaian"]),
                "Tercapai" if i["capaian"] >= 100 else "Belum Tercapai",
            ]
            for k, i in enumerate(inds, 1)
        ],
    )

    c_rows = [
        [
            "No",
            "Sasaran/ Kegiatan",
            "Indikator Kinerja",
            "Anggaran",
            None,
            None,
            "Kinerja",
            None,
            None,
            "Efisiensi",
        ],
        [None, None, None, "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", None],
    ]
    for k, i in enumerate(inds, 1):
        c_rows.append(
            [
                str(k),
                i["sasaran"],
                i["indikator"],
                money(i["pagu"]),
                money(i["real"]),
                pct(i["serapan"]),
                f"{i['target']}%",
                f"{i['realisasi']}%",
                pct(i["capaian"]),
                num(i["efisiensi"], 2),
            ]
        )
    p0 = len(c_rows)
    c_rows += [
        ["No", "PROGRAM", None, "Anggaran", None, None, "Kinerja", None, None, "Efisiensi"],
        [None, None, None, "Pagu", "Realisasi", "Capaian (%)", "Target", "Realisasi", "%", None],
    ]
    for k, p in enumerate(progs, 1):
        c_rows.append(
            [
                str(k),
                p["name"],
                None,
                money(p["pagu"]),
                money(p["real"]),
                pct(p["serapan"]),
                "100%",
                f"{p['rk']}%",
                pct(p["capaian"]),
                num(p["efisiensi"], 2),
            ]
        )
    c_rows.append(
        [
            "",
            "Jumlah",
            None,
            money(total_pagu),
            money(total_real),
            pct(ratio_pct(total_real, total_pagu)),
            "",
            "",
            "",
            "",
        ]
    )
    last = len(c_rows) - 1
    c_merge = [
        (0, 0, 1, 0),
        (0, 1, 1, 1),
        (0, 2, 1, 2),
        (0, 3, 0, 5),
        (0, 6, 0, 8),
        (0, 9, 1, 9),
        (p0, 0, p0 + 1, 0),
        (p0, 1, p0 + 1, 2),
        (p0, 3, p0, 5),
        (p0, 6, p0, 8),
        (p0, 9, p0 + 1, 9),
    ]
    c_merge += [(r, 1, r, 2) for r in range(p0 + 2, last + 1)]
    cost = TABLE(
        widths=COST_WIDTHS,
        header=2,
        size=8,
        cant_split=True,
        cell_margin_cm=0.1,
        extra_header_rows=[p0, p0 + 1],
        bold_rows=[last],
        rows=c_rows,
        merge=c_merge,
        align=[
            "center",
            "left",
            "left",
            "right",
            "right",
            "center",
            "center",
            "center",
            "center",
            "center",
        ],
    )

    strategi = [
        [
            "Merekap kegiatan fasilitasi dan koordinasi dari masing-masing kepala seksi",
            "Menetapkan tim fasilitasi dan koordinasi dengan Surat Keputusan Camat",
            (
                "Memantau pelaksanaan fasilitasi dan koordinasi dengan bukti pendukung berupa "
                "berita acara dan laporan"
            ),
        ],
        [
            (
                "Memerintahkan kepala seksi yang membidangi untuk menyurati desa terkait batas "
                "akhir pengiriman dokumen RKPDesa, APBDesa dan LPPDesa"
            ),
            (
                "Memantau pengiriman dokumen secara berkala satu minggu sekali agar dokumen "
                "diterima tepat waktu"
            ),
            "Meminta laporan tertulis kepada kepala seksi yang membidangi",
        ],
        [
            "Mendata kebutuhan fasilitasi pemberdayaan masyarakat di setiap desa/kelurahan",
            "Melaksanakan fasilitasi pemberdayaan masyarakat sesuai hasil pendataan",
            "Melaporkan hasil fasilitasi pemberdayaan masyarakat setiap bulan",
        ],
        [
            (
                "Mendata jenis pelayanan administrasi kecamatan sesuai standar pelayanan (SP) dan "
                "SOP yang menjadi kewenangan Camat"
            ),
            "Menindaklanjuti permohonan pelayanan administrasi kecamatan sesuai SP dan SOP",
            "Melaporkan pelayanan administrasi kecamatan setiap triwulan kepada Bupati",
        ],
    ]
    all_strategi = [s for lines in strategi for s in lines]
    assert len(set(all_strategi)) == len(all_strategi) == 12
    strategy = TABLE(
        widths=[0.9, 4.6, 7.6, 2.9],
        header=1,
        repeat_header=True,
        size=10,
        cant_split=True,
        align=["center", "left", "left", "center"],
        rows=[["No", "Indikator Kinerja", "Strategi Yang Digunakan", "Pada Bulan"]]
        + [
            [
                str(k),
                i["indikator"],
                "\n".join(f"{n}. {s}" for n, s in enumerate(lines, 1)),
                "Januari s.d. Juni 2023",
            ]
            for k, (i, lines) in enumerate(zip(inds, strategi, strict=True), 1)
        ],
    )

    fasilitasi = FASILITASI_SEED[:14] + [
        (
            "Fasilitasi penyusunan program dan pelaksanaan pemberdayaan masyarakat Desa (PKK, "
            "Posyandu, Gerbangmas, BUMDes, KIM Desa, kepemudaan, keagamaan, Musrenbangcam, "
            "penyaluran bansos)"
        ),
        "Fasilitasi administrasi kependudukan",
        "Fasilitasi umum dan kepegawaian",
        "Fasilitasi keuangan",
    ]
    sig = SIGNATURE(
        "Senduro, 5 Juli 2023",
        "CAMAT SENDURO",
        name="Drs. PUJIANTO",
        nip="NIP. 19681114 199003 1 004",
    )
    i1, i2, i3, i4 = inds

    return [
        COVER(
            ("LAPORAN KINERJA CAMAT", 20), ("TRIWULAN II TAHUN 2023", 20), ("KECAMATAN SENDURO", 20)
        ),
        H1("BAB I\nPENDAHULUAN"),
        P(
            "Pasal 4 Peraturan Bupati Nomor 6 Tahun 2018 telah mengamanatkan bahwa pejabat eselon "
            "II/Camat "
            "berkewajiban untuk membuat laporan kinerja triwulanan kepada Bupati Lumajang. Adapun "
            "batas waktu "
            "pelaporan kinerja dimaksud adalah paling lambat 5 hari kerja sejak berakhirnya "
            "periode triwulan. Camat "
            "sebagai salah satu jabatan pada eselon II/Camat tentunya juga berkewajiban menyusun "
            "laporan kinerja "
            "dimaksud."
        ),
        P(
            "Pelaporan kinerja triwulanan sebagaimana dimaksud di atas merupakan perwujudan sikap "
            "akuntabilitas "
            "Camat dalam mengidentifikasi hal-hal yang telah dicapai maupun hal-hal yang belum "
            "dapat dicapai dalam "
            "kurun waktu Triwulan II Tahun Anggaran 2023. Di samping itu, pelaporan kinerja "
            "dimaksud juga bertujuan "
            "untuk memberikan gambaran mengenai efisiensi dan efektivitas antara perencanaan "
            "kegiatan dan "
            "perencanaan anggaran dengan pelaksanaan kegiatan dan pelaksanaan anggaran."
        ),
        P(
            "Camat merupakan salah satu jabatan yang ada di Kecamatan Senduro Kabupaten Lumajang "
            "sebagaimana amanat "
            "Peraturan Bupati Nomor 96 Tahun 2019 tentang Kedudukan, Susunan Organisasi, Uraian "
            "Tugas dan Fungsi "
            "serta Tata Kerja Kecamatan dan Kelurahan. Berdasarkan ketentuan tersebut, khususnya "
            "Pasal 8, tugas dan "
            "fungsi Camat adalah sebagai berikut:"
        ),
        ITEMS(numbered(TUGAS_FUNGSI_CAMAT), indent=0.5),
        H1("BAB II\nAKUNTABILITAS KINERJA"),
        H2("2.1 PERJANJIAN KINERJA"),
        P(
            "Perjanjian Kinerja Tahun 2023 yang ditandatangani antara Camat dengan Bupati Lumajang "
            "adalah sebagai "
            "berikut:"
        ),
        CAPTION("Tabel 2.1", "Lembar Dokumen Perjanjian Kinerja Camat"),
        pk,
        budget,
        H2("2.2 ANALISIS PENCAPAIAN KINERJA"),
        P(
            "Dalam pencapaian kinerja yang optimal perlu dilakukan analisis perhitungan yang "
            "akurat agar dapat "
            "dipertanggungjawabkan. Tolok ukur keberhasilan tersaji dalam tabel sebagai berikut:"
        ),
        formula,
        P(
            "Dalam hal penentuan sasaran perlu adanya penjelasan konkret agar tidak terjadi "
            "kesalahan dalam "
            "penafsiran indikator. Penjelasan dari setiap indikator adalah sebagai berikut:"
        ),
        ITEMS([f"1) {i1['indikator']}"], indent=0.5),
        P(
            "Penjelasan: fasilitasi dan koordinasi yang ditindaklanjuti adalah jumlah seluruh "
            "aktivitas fasilitasi "
            "dan koordinasi yang menghasilkan output aktivitas sesuai kewenangan Kecamatan.",
            indent=1.1,
        ),
        ITEMS(["\u2022 Fasilitasi meliputi:"], indent=1.1, hanging=0.4),
        ITEMS(numbered(fasilitasi), indent=1.7),
        ITEMS(["\u2022 Koordinasi meliputi:"], indent=1.1, hanging=0.4),
        ITEMS(
            numbered(
                [
                    "Koordinasi pendampingan Desa di wilayahnya; dan",
                    "Koordinasi pelaksanaan pembangunan kawasan perdesaan di wilayahnya.",
                ]
            ),
            indent=1.7,
        ),
        ITEMS([f"2) {i2['indikator']}"], indent=0.5),
        P(
            "Penjelasan: yang dimaksud dokumen administrasi pemerintahan desa pada definisi ini "
            "adalah RKPDesa, "
            "APBDesa dan LPPDesa yang disusun tepat waktu.",
            indent=1.1,
        ),
        ITEMS(
            numbered(
                [
                    (
                        "RKPDesa dikatakan tepat waktu apabila ditetapkan dengan Peraturan Desa "
                        "paling lambat akhir bulan September."
                    ),
                    (
                        "APBDesa dikatakan tepat waktu apabila ditetapkan dengan Peraturan Desa "
                        "paling lambat tanggal 31 Desember tahun anggaran sebelumnya."
                    ),
                    (
                        "LPPDesa dikatakan tepat waktu apabila disampaikan oleh Kepala Desa "
                        "kepada Bupati melalui Camat secara tertulis paling lambat 3 bulan "
                        "setelah berakhirnya tahun anggaran."
                    ),
                ]
            ),
            indent=1.1,
        ),
        ITEMS([f"3) {i3['indikator']}"], indent=0.5),
        P(
            "Penjelasan: desa/kelurahan yang memperoleh fasilitasi pemberdayaan masyarakat, "
            "meliputi fasilitasi "
            "RKPDesa, Musrenbangdes, Musrenbangcam dan kegiatan lembaga kemasyarakatan.",
            indent=1.1,
        ),
        ITEMS([f"4) {i4['indikator']}"], indent=0.5),
        P(
            "Penjelasan: seluruh fasilitasi penyelenggaraan pemerintahan dan pelayanan "
            "administrasi kecamatan "
            "sesuai SP dan SOP (14 jenis pelayanan sesuai pelimpahan kewenangan kepada Camat).",
            indent=1.1,
        ),
        H2("2.3 CAPAIAN KINERJA"),
        P(
            "Dalam kurun waktu 1 Januari s.d. 30 Juni 2023, dari 4 indikator kinerja tersebut "
            f"{len(reached)} "
            f"indikator telah mencapai 100% atau lebih, sedangkan {len(not_reached)} indikator "
            "belum mencapai 100%. "
            "Hal ini dapat dilihat dari tabel berikut:"
        ),
        CAPTION("Tabel 2.2", "Capaian Kinerja Camat"),
        capaian,
        P(
            "Untuk mewujudkan pencapaian atas target kinerja sebagaimana tertuang pada Tabel 2.2 "
            "di atas tentunya "
            "dibutuhkan anggaran. Oleh karena itu, pada Tabel 2.3 di bawah ini akan diuraikan "
            "mengenai "
            "kegiatan-kegiatan yang mendukung ketercapaian target kinerja, termasuk pagu anggaran "
            "dan realisasi "
            "anggarannya."
        ),
        CAPTION("Tabel 2.3", "*Cost per outcome* Camat Tahun 2023 - Triwulan II"),
        cost,
        sig,
        P(
            "Dari gambaran tabel di atas dapat dilihat bahwa penyerapan anggaran keempat indikator "
            "Camat pada "
            f"Triwulan II masih di bawah 50% ({pct(min(i['serapan'] for i in inds))} s.d. "
            f"{pct(max(i['serapan'] for i in inds))}), dan penyerapan akan dilanjutkan pada "
            "triwulan berikutnya "
            "agar kinerja dapat dicapai sesuai dengan target yang telah ditetapkan."
        ),
        P(
            "Hal-hal yang diungkapkan pada Tabel 2.3 merupakan gambaran kinerja yang telah dicapai "
            "pada "
            "Triwulan II."
        ),
        H2("2.4 EVALUASI DAN ANALISIS KINERJA"),
        P(
            "Berdasarkan pelaksanaan anggaran selama Triwulan II Tahun Anggaran 2023, evaluasi dan "
            "analisis atas "
            "kinerja Camat dalam upaya mencapai target kinerja, baik yang telah tercapai maupun "
            "yang belum mencapai "
            "100%, menggunakan langkah-langkah sebagai berikut:"
        ),
        CAPTION(
            "Tabel 2.4",
            "Strategi yang Digunakan dalam Mencapai Target Kinerja\n"
            "yang Telah Tercapai dan yang Belum Tercapai",
        ),
        strategy,
        P(
            "Strategi di atas merupakan langkah-langkah yang telah disepakati oleh tim penyusun "
            "SAKIP Kecamatan "
            "Senduro, dan akan diubah apabila target yang ditentukan belum tercapai, guna "
            "pencapaian yang efektif "
            "dan efisien."
        ),
        H2("2.5 RENCANA TINDAK LANJUT"),
        P(
            "Untuk mewujudkan pencapaian target kinerja sebagaimana yang tertuang dalam Perjanjian "
            "Kinerja Tahun "
            "2023, dilakukan upaya-upaya secara terus-menerus dan berkelanjutan sebagai berikut:"
        ),
        ITEMS(numbered(all_strategi), indent=0.5, hanging=0.7),
        H2("2.6 TANGGAPAN ATASAN LANGSUNG"),
        CHECKLIST(
            [
                (True, "Laporan sudah baik"),
                (False, "Laporan kurang baik"),
                (False, "Laporan segera diperbaiki"),
                (False, "Target dan realisasi diteliti ulang"),
                (False, "Capaian diteliti ulang"),
                (False, "Lain-lain ....."),
            ]
        ),
        H1("BAB III PENUTUP"),
        P(
            "Laporan Kinerja Triwulan II Tahun 2023 dapat disimpulkan secara ringkas sebagai "
            "berikut:"
        ),
        ITEMS(
            [
                (
                    "1. Secara umum pelaksanaan tugas pokok dan fungsi Camat berdasarkan "
                    "Peraturan Bupati Lumajang Nomor 96 Tahun 2019 tentang Kedudukan, Susunan "
                    "Organisasi, Uraian Tugas dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan "
                    "telah dapat dilaksanakan sebagaimana mestinya;"
                ),
                (
                    "2. Dalam pencapaian sasaran yang diperjanjikan, dari 4 target kinerja yang "
                    "ditetapkan:"
                ),
                (1, f"a. {len(reached)} target telah mencapai 100% atau lebih, yaitu:"),
                *[
                    (2, f"{n}) {i['indikator']} ({pct(i['capaian'])});")
                    for n, i in enumerate(reached, 1)
                ],
                (
                    1,
                    (
                        f"b. {len(not_reached)} target belum tercapai dan akan dicapai pada "
                        "triwulan berikutnya, yaitu:"
                    ),
                ),
                *[
                    (2, f"{n}) {i['indikator']} ({pct(i['capaian'])});")
                    for n, i in enumerate(not_reached, 1)
                ],
                "3. Adapun strategi yang dilakukan untuk mencapai target adalah melalui:",
                *numbered(all_strategi, level=1),
            ],
            indent=0.3,
            hanging=0.7,
        ),
        sig,
    ]


# =============================================================================================
# Sample 3: Kecamatan Pasirian, Triwulan I 2024 -- horizontal rules, decimal points
# =============================================================================================
# Deliberate defects (README.md):
#   D1  Tabel 2.3 row 5: capaian printed 85.70, realisasi/target = 35.0/40.0 = 87.50
#   D2  Tabel 2.4 sub kegiatan 1.3.1: serapan printed 27.81, realisasi/pagu = 21.81

PASIRIAN_SASARAN = [
    "Meningkatnya kualitas pelayanan publik dan ketenteraman di wilayah kecamatan",
    "Meningkatnya akuntabilitas pemerintahan desa dan partisipasi masyarakat",
]
# (sasaran index, indikator, satuan, target, realisasi, polarity)
# fmt: off
PASIRIAN_IND = [
    (0, "Persentase layanan PATEN yang diselesaikan sesuai SOP", "%", "90.0", "93.6", "+"),
    (0, "Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan kecamatan",
     "Indeks", "80.00", "82.45", "+"),
    (0, "Jumlah kasus pelanggaran Perda", "Kasus", "10", "8", "-"),
    (1, "Persentase desa yang menyampaikan LPPDes tepat waktu", "%", "100.0", "81.8", "+"),
    (1, "Persentase lembaga kemasyarakatan desa yang aktif", "%", "40.0", "35.0", "+"),
]
# fmt: on
PASIRIAN_CAPAIAN_SLIP = {4: Decimal("85.70")}  # D1: row index -> printed value

# Category scale (the brief's five levels, written as half-open bands so that it has no gaps)
KATEGORI = [
    (Decimal(90), "Sangat Tinggi"),
    (Decimal(75), "Tinggi"),
    (Decimal(65), "Sedang"),
    (Decimal(50), "Rendah"),
    (Decimal("-Infinity"), "Sangat Rendah"),
]


def kategori(capaian: Decimal) -> str:
    for lower, label in KATEGORI:
        if capaian > lower:
            return label
    raise AssertionError


# Program > Kegiatan > Sub Kegiatan: (code, name, pagu, realisasi); pagu/realisasi only on leaves
# fmt: off
PASIRIAN_BUDGET = [
    ("1", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("1.1", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
    ("1.1.1", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 18_500_000, 6_250_000),
    ("1.1.2", "Evaluasi Kinerja Perangkat Daerah", 12_750_000, 3_100_000),
    ("1.2", "Administrasi Keuangan Perangkat Daerah"),
    ("1.2.1", "Penyediaan Gaji dan Tunjangan ASN", 2_145_600_000, 512_340_150),
    ("1.3", "Administrasi Umum Perangkat Daerah"),
    ("1.3.1", "Penyediaan Bahan Logistik Kantor", 45_250_000, 9_870_000),
    ("1.3.2", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", 38_400_000, 7_215_000),
    ("1.4", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"),
    ("1.4.1", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", 64_800_000, 15_932_400),
    ("1.4.2", "Penyediaan Jasa Pelayanan Umum Kantor", 96_000_000, 23_400_000),
    ("2", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK"),
    ("2.1", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan"),
    ("2.1.1", ("Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan "
               "Perangkat Daerah dan Instansi Vertikal Terkait"), 42_300_000, 11_845_000),
    ("2.2", "Penyelenggaraan Urusan Pemerintahan yang Dilimpahkan kepada Camat"),
    ("2.2.1", "Pelaksanaan Pelayanan Administrasi Terpadu Kecamatan (PATEN)",
     35_600_000, 9_212_500),
    ("3", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN"),
    ("3.1", "Penyelenggaraan Pemberdayaan Masyarakat Desa/Kelurahan"),
    ("3.1.1", "Fasilitasi Penyusunan Program dan Pelaksanaan Pemberdayaan Masyarakat Desa",
     56_900_000, 14_225_000),
    ("3.1.2", "Fasilitasi Pelaksanaan Musyawarah Perencanaan Pembangunan Kecamatan",
     28_750_000, 26_180_000),
    ("4", "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM"),
    ("4.1", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum"),
    ("4.1.1", "Sinergitas dengan Kepolisian, TNI dan Instansi Vertikal di Wilayah Kecamatan",
     31_200_000, 7_480_000),
    ("4.2", "Koordinasi Penerapan dan Penegakan Perda dan Perkada"),
    ("4.2.1", "Koordinasi Penerapan dan Penegakan Perda dan Perkada di Wilayah Kecamatan",
     24_600_000, 5_166_000),
    ("5", "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA"),
    ("5.1", "Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Desa"),
    ("5.1.1", "Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
     19_800_000, 4_950_000),
    ("5.1.2", "Fasilitasi Administrasi Tata Pemerintahan Desa", 22_400_000, 6_384_000),
]
# fmt: on
PASIRIAN_SERAPAN_SLIP = {"1.3.1": Decimal("27.81")}  # D2: code -> printed serapan


def rollup(budget):
    """Fill pagu/realisasi of parents with the sums of their leaves."""
    leaves = {row[0]: (row[2], row[3]) for row in budget if len(row) == 4}
    out = []
    for row in budget:
        code = row[0]
        kids = [v for c, v in leaves.items() if c.startswith(code + ".") or c == code]
        out.append((code, row[1], sum(p for p, _ in kids), sum(r for _, r in kids), len(row) == 4))
    return out


def pasirian_blocks():
    dp = "."  # decimal point throughout this sample
    ind_rows = []
    for k, (s, name, unit, t, r, pol) in enumerate(PASIRIAN_IND):
        cap = ratio_pct(Decimal(r), Decimal(t)) if pol == "+" else neg_pct(t, r)
        printed = PASIRIAN_CAPAIAN_SLIP.get(k, cap)
        ind_rows.append(
            {
                "s": s,
                "name": name,
                "unit": unit,
                "t": t,
                "r": r,
                "pol": pol,
                "cap": cap,
                "printed": printed,
            }
        )
    assert [str(i["cap"]) for i in ind_rows] == ["104.00", "103.06", "120.00", "81.80", "87.50"]
    met = [i for i in ind_rows if i["cap"] >= 100]
    unmet = [i for i in ind_rows if i["cap"] < 100]
    assert len(met) == 3 and len(unmet) == 2
    # Rata-rata = mean of the printed column (so the slip of D1 is the only arithmetic defect there)
    mean_printed = q(sum(i["printed"] for i in ind_rows) / len(ind_rows), 2)
    mean_true = q(sum(i["cap"] for i in ind_rows) / len(ind_rows), 2)
    assert (mean_printed, mean_true) == (Decimal("98.91"), Decimal("99.27"))
    for i in ind_rows:  # the slip does not change the category
        assert kategori(i["printed"]) == kategori(i["cap"])

    # Tabel 2.1 PK: No and Sasaran merged vertically over their indicators
    pk_rows = [["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Target"]]
    pk_merge = []
    for s, sasaran in enumerate(PASIRIAN_SASARAN):
        members = [i for i in ind_rows if i["s"] == s]
        r0 = len(pk_rows)
        for k, i in enumerate(members):
            pk_rows.append(
                [
                    str(s + 1) if k == 0 else None,
                    sasaran if k == 0 else None,
                    i["name"],
                    i["unit"],
                    i["t"],
                ]
            )
        pk_merge += [(r0, 0, r0 + len(members) - 1, 0), (r0, 1, r0 + len(members) - 1, 1)]
    pk = TABLE(
        widths=[1.0, 5.0, 6.4, 1.6, 2.0],
        header=1,
        size=10,
        borders="hrules",
        keep_together=True,
        cant_split=True,
        rows=pk_rows,
        merge=pk_merge,
        align=["center", "left", "left", "center", "center"],
    )

    scale = TABLE(
        widths=[4.0, 4.0],
        header=1,
        size=10,
        borders="hrules",
        align=["center", "left"],
        rows=[
            ["Interval Capaian (%)", "Kategori"],
            ["> 90", "Sangat Tinggi"],
            ["> 75 s.d. 90", "Tinggi"],
            ["> 65 s.d. 75", "Sedang"],
            ["> 50 s.d. 65", "Rendah"],
            ["\u2264 50", "Sangat Rendah"],
        ],
    )

    c_rows = [
        ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"]
    ]
    c_merge = []
    for s, sasaran in enumerate(PASIRIAN_SASARAN):
        r0 = len(c_rows)
        members = [(k, i) for k, i in enumerate(ind_rows) if i["s"] == s]
        for n, (k, i) in enumerate(members):
            c_rows.append(
                [
                    str(k + 1),
                    sasaran if n == 0 else None,
                    i["name"],
                    i["unit"],
                    i["t"],
                    i["r"],
                    num(i["printed"], 2, dp),
                    kategori(i["printed"]),
                ]
            )
        c_merge.append((r0, 1, r0 + len(members) - 1, 1))
    avg_row = len(c_rows)
    c_rows.append(
        [
            "Rata-rata",
            None,
            None,
            None,
            None,
            None,
            num(mean_printed, 2, dp),
            kategori(mean_printed),
        ]
    )
    c_merge.append((avg_row, 0, avg_row, 5))
    capaian = TABLE(
        widths=[0.8, 2.8, 4.0, 1.3, 1.3, 1.7, 1.6, 2.5],
        header=1,
        size=9.5,
        borders="hrules",
        cant_split=True,
        keep_together=True,
        rows=c_rows,
        merge=c_merge,
        bold_rows=[avg_row],
        align=["center", "left", "left", "center", "center", "center", "center", "left"],
    )

    rolled = rollup(PASIRIAN_BUDGET)
    total_pagu = sum(p for code, _, p, _, _ in rolled if "." not in code)
    total_real = sum(r for code, _, _, r, _ in rolled if "." not in code)
    leaves_pagu = sum(p for _, _, p, _, leaf in rolled if leaf)
    assert total_pagu == leaves_pagu
    b_rows = [["Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu", "Realisasi", "Serapan (%)"]]
    prog_rows = []
    for code, name, pagu, real, _leaf in rolled:
        serapan = ratio_pct(real, pagu)
        printed = PASIRIAN_SERAPAN_SLIP.get(code, serapan)
        if code in PASIRIAN_SERAPAN_SLIP:
            assert printed != serapan
        depth = code.count(".")  # 0 program (bold row), 1 kegiatan (italic name), 2 sub kegiatan
        if depth == 0:
            prog_rows.append(len(b_rows))
        b_rows.append(
            [
                code,
                {"text": name, "italic": depth == 1},
                money(pagu, "Rp "),
                money(real, "Rp "),
                num(printed, 2, dp),
            ]
        )
    total_row = len(b_rows)
    b_rows.append(
        [
            "",
            "Total",
            money(total_pagu, "Rp "),
            money(total_real, "Rp "),
            num(ratio_pct(total_real, total_pagu), 2, dp),
        ]
    )
    budget = TABLE(
        widths=[1.3, 7.1, 2.9, 2.9, 1.8],
        header=1,
        repeat_header=True,
        cant_split=True,
        size=9.5,
        borders="hrules",
        rows=b_rows,
        bold_rows=[total_row] + prog_rows,
        align=["left", "left", "right", "right", "center"],
    )

    sig = SIGNATURE(
        "Pasirian, 3 April 2024",
        "CAMAT PASIRIAN",
        name="RATNA DEWI ANGGRAENI, S.Sos., M.M.",
        nip="NIP. 19780512 200003 2 003",
    )
    total_serapan = num(ratio_pct(total_real, total_pagu), 2, dp)
    return [
        COVER(
            ("LAPORAN KINERJA", 22),
            ("TRIWULAN I TAHUN 2024", 20),
            ("CAMAT PASIRIAN", 18),
            ("KECAMATAN PASIRIAN KABUPATEN LUMAJANG", 16),
            ("Periode 1 Januari s.d. 31 Maret 2024", 13),
        ),
        H1("BAB I\nPENDAHULUAN"),
        H2("1.1 Latar Belakang"),
        P(
            "Pasal 4 Peraturan Bupati Nomor 6 Tahun 2018 mengamanatkan bahwa pejabat eselon II dan "
            "Camat wajib "
            "menyampaikan laporan kinerja triwulanan kepada Bupati Lumajang paling lambat 5 hari "
            "kerja setelah "
            "berakhirnya triwulan. Laporan ini menyajikan capaian kinerja Camat Pasirian pada "
            "Triwulan I Tahun 2024, "
            "yaitu secara kumulatif untuk periode 1 Januari s.d. 31 Maret 2024."
        ),
        H2("1.2 Tugas dan Fungsi"),
        P(
            "Sesuai Peraturan Bupati Nomor 96 Tahun 2019 tentang Kedudukan, Susunan Organisasi, "
            "Uraian Tugas dan "
            "Fungsi serta Tata Kerja Kecamatan dan Kelurahan, Camat menyelenggarakan fungsi antara "
            "lain:"
        ),
        ITEMS(numbered(TUGAS_FUNGSI_CAMAT[:7]), indent=0.5),
        H1("BAB II\nAKUNTABILITAS KINERJA"),
        H2("2.1 Perjanjian Kinerja"),
        P(
            "Perjanjian Kinerja Camat Pasirian Tahun 2024 memuat 2 sasaran strategis dengan 5 "
            "indikator kinerja "
            "utama sebagai berikut:"
        ),
        CAPTION("Tabel 2.1", "Perjanjian Kinerja Camat Pasirian Tahun 2024"),
        pk,
        P(
            "Capaian indikator dengan polaritas positif dihitung dengan rumus Realisasi / Target "
            "\u00d7 100. "
            "Indikator Jumlah kasus pelanggaran Perda berpolaritas negatif (semakin kecil semakin "
            "baik), sehingga "
            "capaiannya dihitung dengan rumus (2 \u00d7 Target \u2212 Realisasi) / Target \u00d7 "
            "100."
        ),
        H2("2.2 Capaian Kinerja"),
        P("Kategori capaian kinerja ditetapkan dengan skala sebagai berikut:"),
        CAPTION("Tabel 2.2", "Kategori Capaian Kinerja"),
        scale,
        P(
            "Capaian kinerja Triwulan I Tahun 2024 (kumulatif 1 Januari s.d. 31 Maret 2024) "
            "disajikan pada tabel "
            "berikut:"
        ),
        CAPTION("Tabel 2.3", "Capaian Kinerja Camat Pasirian Triwulan I Tahun 2024"),
        capaian,
        P(
            f"Berdasarkan Tabel 2.3, dari {len(ind_rows)} indikator, {len(met)} indikator mencapai "
            "target, yaitu "
            f"{'; '.join(i['name'] for i in met)}. Sebanyak {len(unmet)} indikator belum mencapai "
            "target, yaitu "
            f"{'; '.join(i['name'] for i in unmet)}. "
            "Keterlambatan penyampaian LPPDes terjadi pada 2 desa yang masih menyelesaikan laporan "
            "pertanggungjawaban, sedangkan pembinaan lembaga kemasyarakatan desa akan "
            "diintensifkan pada "
            "Triwulan II."
        ),
        H2("2.3 Realisasi Anggaran"),
        P(
            f"Pagu anggaran Kecamatan Pasirian Tahun 2024 sebesar {money(total_pagu, 'Rp ')} "
            "dengan realisasi "
            f"s.d. 31 Maret 2024 sebesar {money(total_real, 'Rp ')} atau {total_serapan}%. Rincian "
            "per program, "
            "kegiatan dan sub kegiatan disajikan pada tabel berikut:"
        ),
        CAPTION("Tabel 2.4", "Realisasi Anggaran s.d. Triwulan I Tahun 2024"),
        budget,
        H2("2.4 Rencana Tindak Lanjut"),
        ITEMS(
            numbered(
                [
                    (
                        "Menyurati dan mendampingi desa yang belum menyampaikan LPPDes agar "
                        "laporan segera disampaikan;"
                    ),
                    (
                        "Menjadwalkan pembinaan lembaga kemasyarakatan desa secara bergilir "
                        "setiap bulan;"
                    ),
                    (
                        "Mempertahankan kualitas layanan PATEN melalui pemantauan waktu "
                        "penyelesaian layanan setiap minggu;"
                    ),
                    (
                        "Melanjutkan patroli bersama Satpol PP, Polsek dan Koramil untuk menekan "
                        "pelanggaran Perda."
                    ),
                ]
            ),
            indent=0.5,
        ),
        H1("BAB III\nPENUTUP"),
        P(
            f"Sampai dengan Triwulan I Tahun 2024, {len(met)} dari {len(ind_rows)} indikator "
            "kinerja Camat "
            f"Pasirian telah mencapai target dan serapan anggaran mencapai {total_serapan}%. "
            "Indikator yang belum "
            "mencapai target akan ditindaklanjuti sesuai rencana tindak lanjut di atas."
        ),
        sig,
    ]


# =============================================================================================
# Sample 4: Dinas Komunikasi dan Informatika, Triwulan III 2023 -- long three-level table
# =============================================================================================
# Deliberate defects (README.md):
#   D1  Tabel 2.1 Jumlah row: Realisasi (Rp) printed 100.000 below the sum of the rows
#   D2  Tabel 2.2: Target 2023 of "Persentase perangkat daerah yang memanfaatkan tanda tangan
#       elektronik" printed 92,00% (Tabel 2.1: 90,00); its Capaian 2023 is computed from 92,00

# (indikator, satuan, target s.d. TW III, realisasi s.d. TW III, polarity, pagu, realisasi anggaran)
# fmt: off
KOMINFO_IND = [
    ("Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)", "Indeks",
     "2.80", "2.65", "+", 1_652_300_000, 1_187_540_600),
    ("Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "%",
     "100.00", "92.50", "+", 874_500_000, 642_118_000),
    ("Persentase layanan publik berbasis elektronik yang terintegrasi", "%",
     "75.00", "60.00", "+", 465_250_000, 301_842_500),
    ("Jumlah aplikasi layanan publik yang dikembangkan", "Aplikasi",
     "5", "3", "+", 398_000_000, 226_750_000),
    ("Persentase ketersediaan layanan pusat data (uptime)", "%",
     "99.50", "99.62", "+", 1_215_800_000, 903_486_200),
    ("Jumlah titik akses internet di ruang publik", "Titik",
     "120", "96", "+", 1_038_600_000, 774_225_000),
    ("Rata-rata waktu pemulihan gangguan jaringan", "Jam",
     "4.00", "3.20", "-", 152_400_000, 108_920_000),
    ("Persentase perangkat daerah yang memanfaatkan tanda tangan elektronik", "%",
     "90.00", "84.00", "+", 126_750_000, 88_412_000),
    ("Persentase insiden keamanan informasi yang ditangani", "%",
     "100.00", "100.00", "+", 243_900_000, 171_330_000),
    ("Jumlah sertifikat elektronik yang diterbitkan", "Sertifikat",
     "450", "468", "+", 64_350_000, 47_880_000),
    ("Persentase perangkat daerah yang menerapkan pengamanan persandian", "%",
     "80.00", "76.00", "+", 88_200_000, 59_094_000),
    ("Indeks Keterbukaan Informasi Publik", "Indeks",
     "85.00", "86.40", "+", 97_500_000, 70_215_000),
    ("Persentase permohonan informasi publik yang diselesaikan sesuai jangka waktu layanan", "%",
     "95.00", "97.30", "+", 45_600_000, 31_464_000),
    ("Jumlah konten diseminasi informasi kebijakan daerah", "Konten",
     "675", "712", "+", 512_750_000, 398_117_500),
    ("Jumlah siaran informasi melalui media penyiaran", "Siaran",
     "180", "162", "+", 286_400_000, 203_344_000),
    ("Persentase pengaduan masyarakat (SP4N-LAPOR!) yang ditindaklanjuti", "%",
     "90.00", "93.75", "+", 58_900_000, 41_230_000),
    ("Jumlah Kelompok Informasi Masyarakat (KIM) aktif", "Kelompok",
     "45", "41", "+", 72_300_000, 50_610_000),
    ("Persentase desa yang memiliki website desa aktif", "%",
     "70.00", "64.85", "+", 118_000_000, 79_650_000),
    ("Jumlah dataset sektoral yang dipublikasikan di portal Satu Data", "Dataset",
     "300", "327", "+", 134_600_000, 98_258_000),
    ("Persentase perangkat daerah yang menyampaikan data statistik sektoral sesuai jadwal", "%",
     "85.00", "78.26", "+", 76_800_000, 52_992_000),
    ("Jumlah publikasi statistik sektoral yang diterbitkan", "Dokumen",
     "3", "2", "+", 93_500_000, 46_750_000),
    ("Persentase kantor kecamatan yang terhubung jaringan internet", "%",
     "100.00", "100.00", "+", 348_000_000, 261_000_000),
    ("Jumlah ASN yang mengikuti pelatihan literasi digital", "Orang",
     "240", "215", "+", 82_450_000, 61_012_000),
    ("Persentase aduan gangguan jaringan yang ditangani dalam 1\u00d724 jam", "%",
     "95.00", "91.20", "+", 54_800_000, 40_004_000),
    ("Nilai evaluasi Pejabat Pengelola Informasi dan Dokumentasi (PPID)", "Nilai",
     "80.00", "82.50", "+", 41_250_000, 28_875_000),
    ("Persentase kepuasan pengguna layanan aplikasi", "%",
     "80.00", "83.40", "+", 36_900_000, 24_354_000),
    ("Persentase ketersediaan infrastruktur TIK perangkat daerah yang memadai", "%",
     "75.00", "70.50", "+", 1_124_700_000, 787_290_000),
    ("Jumlah nama domain dan subdomain yang dikelola", "Domain",
     "160", "171", "+", 28_600_000, 21_450_000),
    ("Persentase dokumen perencanaan dan pelaporan kinerja yang disusun sesuai jadwal", "%",
     "100.00", "100.00", "+", 67_850_000, 49_530_500),
    ("Persentase pemenuhan administrasi perkantoran", "%",
     "75.00", "74.10", "+", 2_436_900_000, 1_781_373_900),
]
# fmt: on
KOMINFO_JUMLAH_REALISASI_SLIP = -100_000  # D1

# Multi-year comparison: indicator index -> (target 2022, realisasi 2022); 2023 from Tabel 2.1
KOMINFO_MULTIYEAR = {
    0: ("2.60", "2.48"),
    11: ("80.00", "82.10"),
    15: ("85.00", "88.50"),
    7: ("75.00", "70.00"),
    25: ("78.00", "79.20"),
}
KOMINFO_MULTIYEAR_ORDER = [0, 7, 11, 15, 25]
KOMINFO_TARGET_2023_SLIP = {7: "92.00"}  # D2


def kominfo_blocks():
    rows = []
    for name, unit, t, r, pol, pagu, real in KOMINFO_IND:
        cap = ratio_pct(Decimal(r), Decimal(t)) if pol == "+" else neg_pct(t, r)
        rows.append(
            {
                "name": name,
                "unit": unit,
                "t": Decimal(t),
                "r": Decimal(r),
                "pol": pol,
                "cap": cap,
                "pagu": pagu,
                "real": real,
                "serapan": ratio_pct(real, pagu),
            }
        )
    assert len(rows) == 30
    total_pagu = sum(i["pagu"] for i in rows)
    total_real = sum(i["real"] for i in rows)
    printed_real = total_real + KOMINFO_JUMLAH_REALISASI_SLIP
    # the slip does not show in the total serapan: printed and true sums give the same value
    assert ratio_pct(printed_real, total_pagu) == ratio_pct(total_real, total_pagu)
    met = [i for i in rows if i["cap"] >= 100]

    def val(d: Decimal) -> str:
        return num(d)  # keeps the printed precision: 2.80 -> '2,80', 6 -> '6'

    t_rows = [
        ["No", "Indikator Kinerja", "Satuan", "Tahun 2023", None, None, None, None, None],
        [None, None, None, "Triwulan III", None, None, "Anggaran", None, None],
        [
            None,
            None,
            None,
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Serapan (%)",
        ],
    ]
    merge = [(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 2, 2), (0, 3, 0, 8), (1, 3, 1, 5), (1, 6, 1, 8)]
    for k, i in enumerate(rows, 1):
        t_rows.append(
            [
                str(k),
                i["name"],
                i["unit"],
                val(i["t"]),
                val(i["r"]),
                num(i["cap"], 2),
                money(i["pagu"]),
                money(i["real"]),
                num(i["serapan"], 2),
            ]
        )
    jr = len(t_rows)
    t_rows.append(
        [
            "Jumlah",
            None,
            None,
            None,
            None,
            None,
            money(total_pagu),
            money(printed_real),
            num(ratio_pct(printed_real, total_pagu), 2),
        ]
    )
    merge.append((jr, 0, jr, 5))
    main = TABLE(
        widths=[0.7, 4.5, 1.6, 1.3, 1.4, 1.4, 1.9, 1.9, 1.3],
        header=3,
        repeat_header=True,
        cant_split=True,
        size=9,
        cell_margin_cm=0.1,
        rows=t_rows,
        merge=merge,
        bold_rows=[jr],
        align=[
            "center",
            "left",
            "center",
            "center",
            "center",
            "center",
            "right",
            "right",
            "center",
        ],
    )

    def cell(d: Decimal, unit: str) -> str:
        return num(d) + ("%" if unit == "%" else "")

    m_rows = [
        [
            "Indikator",
            "Target 2022",
            "Realisasi 2022",
            "Capaian 2022 (%)",
            "Target 2023",
            "Realisasi 2023",
            "Capaian 2023 (%)",
        ]
    ]
    for k in KOMINFO_MULTIYEAR_ORDER:
        i = rows[k]
        t22, r22 = (Decimal(x) for x in KOMINFO_MULTIYEAR[k])
        t23 = Decimal(KOMINFO_TARGET_2023_SLIP.get(k, str(i["t"])))
        m_rows.append(
            [
                i["name"],
                cell(t22, i["unit"]),
                cell(r22, i["unit"]),
                num(ratio_pct(r22, t22), 2),
                cell(t23, i["unit"]),
                cell(i["r"], i["unit"]),
                num(ratio_pct(i["r"], t23), 2),
            ]
        )
    multi = TABLE(
        widths=[4.6, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9],
        header=1,
        size=9.5,
        rows=m_rows,
        align=["left"] + ["center"] * 6,
    )

    sig = SIGNATURE(
        "Lumajang, 4 Oktober 2023",
        "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "KABUPATEN LUMAJANG",
        name="Ir. HENDRO PRASETYO, M.T.",
        rank="Pembina Utama Muda",
        nip="NIP. 19700315 199503 1 007",
    )
    serapan_total = pct(ratio_pct(total_real, total_pagu))
    below = [i for i in rows if i["cap"] < 100]
    lowest = min(rows, key=lambda i: i["cap"])
    assert sum(1 for i in rows if i["cap"] == lowest["cap"]) == 1, (
        "the lowest capaian must be unique"
    )
    neg = rows[6]
    return [
        COVER(
            ("LAPORAN KINERJA", 22),
            ("TRIWULAN III TAHUN 2023", 20),
            ("DINAS KOMUNIKASI DAN INFORMATIKA", 18),
            ("KABUPATEN LUMAJANG", 18),
            ("Periode 1 Januari s.d. 30 September 2023", 13),
        ),
        H1("BAB I\nPENDAHULUAN"),
        H2("1.1 Latar Belakang"),
        P(
            "Pasal 4 Peraturan Bupati Nomor 6 Tahun 2018 mengamanatkan bahwa pejabat eselon II "
            "wajib menyampaikan "
            "laporan kinerja triwulanan kepada Bupati Lumajang paling lambat 5 hari kerja setelah "
            "berakhirnya "
            "triwulan. Laporan ini menyajikan capaian kinerja dan realisasi anggaran Dinas "
            "Komunikasi dan "
            "Informatika Kabupaten Lumajang pada Triwulan III Tahun 2023 secara kumulatif, yaitu "
            "periode "
            "1 Januari s.d. 30 September 2023."
        ),
        H2("1.2 Tugas dan Fungsi"),
        P(
            "Dinas Komunikasi dan Informatika melaksanakan urusan pemerintahan bidang komunikasi "
            "dan informatika, "
            "bidang statistik dan bidang persandian yang menjadi kewenangan daerah, dengan fungsi:"
        ),
        ITEMS(
            numbered(
                [
                    (
                        "perumusan kebijakan di bidang informasi dan komunikasi publik, aplikasi "
                        "informatika, statistik sektoral dan persandian;"
                    ),
                    (
                        "pelaksanaan kebijakan dan penyelenggaraan sistem pemerintahan berbasis "
                        "elektronik;"
                    ),
                    "pelaksanaan evaluasi dan pelaporan di bidang komunikasi dan informatika;",
                    "pelaksanaan administrasi dinas; dan",
                    (
                        "pelaksanaan fungsi lain yang diberikan oleh Bupati sesuai dengan tugas "
                        "dan fungsinya."
                    ),
                ]
            ),
            indent=0.5,
        ),
        H1("BAB II\nAKUNTABILITAS KINERJA"),
        H2("2.1 Perjanjian Kinerja"),
        P(
            "Perjanjian Kinerja Kepala Dinas Komunikasi dan Informatika Tahun 2023 memuat "
            f"{len(rows)} indikator "
            "kinerja. Target pada Tabel 2.1 adalah target kumulatif s.d. Triwulan III; untuk "
            "indikator berupa "
            "persentase, indeks dan nilai, target triwulan sama dengan target tahunan."
        ),
        H2("2.2 Capaian Kinerja dan Realisasi Anggaran"),
        P(
            "Capaian kinerja dihitung dengan rumus Realisasi / Target \u00d7 100. Indikator "
            f"{neg['name']} berpolaritas negatif (semakin kecil semakin baik), sehingga capaiannya "
            "dihitung dengan "
            "rumus (2 \u00d7 Target \u2212 Realisasi) / Target \u00d7 100. Serapan anggaran "
            "dihitung dengan rumus "
            "Realisasi Anggaran / Pagu \u00d7 100."
        ),
        CAPTION("Tabel 2.1", "Capaian Kinerja dan Realisasi Anggaran s.d. Triwulan III Tahun 2023"),
        main,
        P(
            f"Berdasarkan Tabel 2.1, dari {len(rows)} indikator kinerja, {len(met)} indikator "
            "telah mencapai atau "
            f"melampaui target s.d. Triwulan III dan {len(below)} indikator belum mencapai target. "
            "Capaian terendah "
            f"terdapat pada indikator {lowest['name']} ({num(lowest['cap'], 2)}%). Pagu anggaran "
            "Tahun 2023 sebesar "
            f"Rp{money(total_pagu)} dengan serapan s.d. 30 September 2023 sebesar {serapan_total}."
        ),
        H2("2.3 Perbandingan Capaian Tahun 2022 dan Tahun 2023"),
        P(
            "Perbandingan capaian indikator utama Tahun 2022 (realisasi tahunan) dengan Tahun 2023 "
            "(realisasi "
            "s.d. Triwulan III) disajikan pada tabel berikut:"
        ),
        CAPTION("Tabel 2.2", "Perbandingan Capaian Kinerja Tahun 2022 dan Tahun 2023"),
        multi,
        H2("2.4 Rencana Tindak Lanjut"),
        ITEMS(
            numbered(
                [
                    (
                        "Mempercepat integrasi layanan publik berbasis elektronik melalui bus "
                        "informasi pemerintah daerah;"
                    ),
                    "Menambah pendampingan pengelola website desa bersama kecamatan;",
                    (
                        "Mendorong perangkat daerah menyampaikan data statistik sektoral sesuai "
                        "jadwal rilis;"
                    ),
                    (
                        "Menyelesaikan pengembangan aplikasi layanan publik yang tertunda pada "
                        "Triwulan IV."
                    ),
                ]
            ),
            indent=0.5,
        ),
        H1("BAB III\nPENUTUP"),
        P(
            f"Sampai dengan Triwulan III Tahun 2023, {len(met)} dari {len(rows)} indikator kinerja "
            "Dinas Komunikasi "
            "dan Informatika telah mencapai target, dan serapan anggaran mencapai "
            f"{serapan_total}. Indikator yang "
            "belum mencapai target akan menjadi prioritas pada Triwulan IV Tahun 2023."
        ),
        sig,
    ]


# =============================================================================================
# Build
# =============================================================================================

SAMPLES = [
    {
        "stem": "senduro-tw2-2023",
        "blocks": senduro_seed_blocks,
        "meta": {
            "title": "Laporan Kinerja Camat Senduro Triwulan II Tahun 2023",
            "subject": "Kecamatan Senduro, Kabupaten Lumajang; Triwulan II 2023",
            "comments": "Seed report rebuilt faithfully; every defect is kept (see README.md).",
            "date": dt.datetime(2023, 6, 30, 9, 0, 0),
        },
    },
    {
        "stem": "senduro-tw2-2023-corrected",
        "blocks": senduro_corrected_blocks,
        "meta": {
            "title": "Laporan Kinerja Camat Senduro Triwulan II Tahun 2023",
            "subject": "Kecamatan Senduro, Kabupaten Lumajang; Triwulan II 2023",
            "comments": "The seed report with every defect fixed (see README.md).",
            "date": dt.datetime(2023, 7, 5, 9, 0, 0),
        },
    },
    {
        "stem": "pasirian-tw1-2024",
        "blocks": pasirian_blocks,
        "meta": {
            "title": "Laporan Kinerja Camat Pasirian Triwulan I Tahun 2024",
            "subject": "Kecamatan Pasirian, Kabupaten Lumajang; Triwulan I 2024",
            "comments": "Sample with two deliberate defects (see README.md).",
            "date": dt.datetime(2024, 4, 3, 9, 0, 0),
        },
    },
    {
        "stem": "dinas-kominfo-tw3-2023",
        "blocks": kominfo_blocks,
        "meta": {
            "title": "Laporan Kinerja Dinas Komunikasi dan Informatika Triwulan III Tahun 2023",
            "subject": "Dinas Komunikasi dan Informatika, Kabupaten Lumajang; Triwulan III 2023",
            "comments": "Sample with two deliberate defects (see README.md).",
            "date": dt.datetime(2023, 10, 4, 9, 0, 0),
        },
    },
]


def build_docx(sample: dict) -> Path:
    doc = new_document(sample["meta"])
    render(doc, sample["blocks"]())
    path = OUT_DIR / f"{sample['stem']}.docx"
    save_docx(doc, path, sample["meta"]["date"])
    return path


def convert_pdf(paths: list[Path]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: install LibreOffice or run with --no-pdf")
    # a private profile, so that a LibreOffice instance running elsewhere does not interfere
    with tempfile.TemporaryDirectory(prefix="lapkin-soffice-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(OUT_DIR),
            *map(str, paths),
        ]
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300
        )
    for p in paths:
        if not p.with_suffix(".pdf").exists():
            raise SystemExit(f"conversion failed: {p.name}")


def verify(paths: list[Path]) -> None:
    """Print what pdfplumber sees in each PDF (page count, tables per page, vertical edges)."""
    import pdfplumber

    for p in paths:
        pdf_path = p.with_suffix(".pdf")
        with pdfplumber.open(pdf_path) as pdf:
            tables, vertical = [], 0
            for page in pdf.pages:
                tables.append(len(page.find_tables()))
                vertical += sum(1 for e in page.edges if e["orientation"] == "v")
                page.close()
            print(
                f"{pdf_path.name}: {len(pdf.pages)} pages, {pdf_path.stat().st_size // 1024} KB, "
                f"tables per page {tables}, vertical edges {vertical}"
            )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--pdf", action="store_true", help="convert to PDF (fail if soffice is missing)")
    g.add_argument("--no-pdf", action="store_true", help="write DOCX only")
    ap.add_argument(
        "--verify", action="store_true", help="report pages/tables of the PDFs with pdfplumber"
    )
    ap.add_argument("only", nargs="*", help="sample stems to build (default: all)")
    args = ap.parse_args(argv)

    samples = [s for s in SAMPLES if not args.only or s["stem"] in args.only]
    paths = []
    for s in samples:
        path = build_docx(s)
        paths.append(path)
        print(f"wrote {path.relative_to(OUT_DIR.parent)} ({path.stat().st_size // 1024} KB)")
    want_pdf = args.pdf or (not args.no_pdf and shutil.which("soffice"))
    if want_pdf:
        convert_pdf(paths)
        for p in paths:
            print(f"wrote {p.with_suffix('.pdf').relative_to(OUT_DIR.parent)}")
    if args.verify:
        verify(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
