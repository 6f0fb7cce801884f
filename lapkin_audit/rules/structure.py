"""Structure rules: parts of the report template, required table cells, the review checklist.

What a report must contain comes from the ``structure`` section of the regulation pack
(``rules/default/structure.yaml``): the parts of each template (quarterly Lapkin, annual
LKjIP), the cells each kind of table must fill, and the supervisor's review checklist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from lapkin_audit.model import (
    Finding,
    Location,
    Message,
    Paragraph,
    Quantity,
    Report,
    RowKind,
    Severity,
    TableView,
    Text,
    ViewRow,
)
from lapkin_audit.rules.registry import Context, Rule, register

# --------------------------------------------------------------------------------------------
# The ``structure`` pack section.


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Part(_Model):
    id: str
    label: Message
    headings: list[str] = Field(default_factory=list)
    views: list[str] = Field(default_factory=list)
    signature: bool = False
    required: bool = True
    severity: Severity | None = None


class Template(_Model):
    title: str = ""
    detect: list[str] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)
    status: str | None = None


class HeadingMatch(_Model):
    max_words: int = 14
    match_threshold: float = 92


class RequiredCells(_Model):
    views: dict[str, list[str]] = Field(default_factory=dict)


class Review(_Model):
    headings: list[str] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    max_lines: int = 25


class StructurePack(_Model):
    heading_match: HeadingMatch = Field(default_factory=HeadingMatch)
    templates: dict[str, Template] = Field(default_factory=dict)
    required_cells: RequiredCells = Field(default_factory=RequiredCells)
    review: Review = Field(default_factory=Review)


@lru_cache(maxsize=16)
def _pack_cached(pack: Any) -> StructurePack:
    return StructurePack.model_validate(pack.section("structure") or {})


def structure_pack(ctx: Context) -> StructurePack:
    if ctx.pack is None:
        from lapkin_audit.packs import load_pack

        return _pack_cached(load_pack())
    return _pack_cached(ctx.pack)


# --------------------------------------------------------------------------------------------
# Shared helpers.


def _fold(text: str) -> str:
    """Lower case, letters and digits only, single spaces ("2.4. RENCANA" → "2 4 rencana")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def _contains(folded: str, phrase: str, threshold: float) -> bool:
    phrase = _fold(phrase)
    if not phrase or not folded:
        return False
    if re.search(rf"\b{re.escape(phrase)}\b", folded):
        return True
    return len(folded) >= len(phrase) and fuzz.partial_ratio(phrase, folded) >= threshold


def _looks_like_heading(paragraph: Paragraph) -> bool:
    if paragraph.heading_level is not None:
        return True
    text = paragraph.text.strip()
    return bool(re.match(r"^(?:BAB\s+[IVXL]+\b|\d+(?:\.\d+)*\.?\s+[A-Z][A-Z .,/()-]{3,}$)", text))


# --------------------------------------------------------------------------------------------
# S601


@register
class SectionMissing(Rule):
    """A part the report template requires is not in the report.

    ## What it checks
    The report type is taken from the period (a quarter → the quarterly template; annual →
    the LKjIP template), else from words on the cover or title ("Triwulan", "LKjIP"); a
    report of unknown type is not checked. Each required part of that template in the
    ``structure`` pack must be found, by any of:

    - a section title, heading, or short paragraph containing one of the part's phrases
      (fuzzy, so "PENDAHLUAN" still counts);
    - a recognised table of the part's kind (the PK table stands for "Perjanjian Kinerja",
      the cost-per-outcome or budget table for "realisasi anggaran");
    - a signature block, for the signature part.

    Quarterly (the Lumajang template, unconfirmed): pendahuluan / dasar hukum, perjanjian
    kinerja, capaian kinerja, cost per outcome / realisasi anggaran, rencana tindak lanjut,
    penutup, signature. Annual (Permenpan RB 53/2014): Bab I Pendahuluan, Bab II Perencanaan
    Kinerja, Bab III Akuntabilitas Kinerja with capaian kinerja and realisasi anggaran, Bab
    IV Penutup, the Perjanjian Kinerja annex. Regional packs restate the list.

    ## Why it matters
    Reviewers (APIP) check the structure first: a report without capaian or without a
    follow-up plan cannot be evaluated, whatever its numbers.

    ## Example (fails)
    A quarterly report with Bab I, the PK table and Tabel 2.2, but no "Rencana Tindak Lanjut"
    heading and no "Penutup".

    ## Example (passes)
    The seed report: PENDAHULUAN, 2.1 PERJANJIAN KINERJA, 2.3 CAPAIAN KINERJA with Tabel 2.2,
    Tabel 2.3 (cost per outcome), 2.4 RENCANA TINDAK LANJUT, BAB III PENUTUP and the
    signature of the Camat.
    """

    code = "S601"
    name = "section-missing"
    family = "structure"
    default_severity = Severity.WARNING
    packs = ("structure",)
    template = Message(
        id="Bagian \"{part_id}\" tidak ditemukan ({template_id})",
        en="Part \"{part_en}\" not found ({template_en})",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        pack = structure_pack(ctx)
        kind = _report_type(report, pack)
        if kind is None or kind not in pack.templates:
            return
        template = pack.templates[kind]
        headings = _heading_texts(report, pack.heading_match.max_words)
        views = {v.kind.value for v in report.views}
        threshold = pack.heading_match.match_threshold
        for part in template.parts:
            if not part.required:
                continue
            if part.signature and report.signatures:
                continue
            if set(part.views) & views:
                continue
            if any(_contains(h, phrase, threshold) for phrase in part.headings for h in headings):
                continue
            if part.signature and not part.headings and not part.views and _nip_seen(report):
                continue
            yield self.finding(
                Location(), expected_text=part.label.id, severity=part.severity,
                part_id=part.label.id, part_en=part.label.en,
                template_id="templat triwulanan" if kind == "quarterly" else "templat LKjIP",
                template_en="quarterly template" if kind == "quarterly" else "LKjIP template",
            )


def _report_type(report: Report, pack: StructurePack) -> str | None:
    period = report.period
    if period.quarter is not None:
        return "quarterly"
    if period.annual:
        return "annual"
    texts = [m.raw for m in period.mentions if m.where in ("cover", "title")]
    texts += [p.text for p in report.paragraphs[:15]]
    folded = " ".join(_fold(t) for t in texts)
    for kind in ("quarterly", "annual"):
        template = pack.templates.get(kind)
        if template and any(re.search(rf"\b{re.escape(_fold(w))}\b", folded)
                            for w in template.detect):
            return kind
    return None


def _heading_texts(report: Report, max_words: int) -> list[str]:
    texts = [s.title for s in report.sections]
    texts += [p.text for p in report.paragraphs
              if p.heading_level is not None or len(p.text.split()) <= max_words]
    texts += [t.caption for t in report.tables if t.caption]
    texts += [v.caption for v in report.views if v.caption]
    return [_fold(t) for t in texts if t and t.strip()]


def _nip_seen(report: Report) -> bool:
    return any(re.search(r"\bNIP\.?\s*:?\s*\d", p.text) for p in report.paragraphs)


# --------------------------------------------------------------------------------------------
# S602


@dataclass
class _ColumnCheck:
    label: str
    column: int
    header_row: int | None
    rows: list[tuple[ViewRow, TableView]] = field(default_factory=list)
    empty: list[tuple[ViewRow, TableView]] = field(default_factory=list)


def _is_empty(value: Quantity | Text | None) -> bool:
    if value is None:
        return True
    text = value.raw if isinstance(value, Quantity) else value.text
    return not text.strip()


def _has_content(row: ViewRow) -> bool:
    if row.name is not None and row.name.text.strip():
        return True
    return any(
        isinstance(v, Quantity) and not _is_empty(v) for v in row.__dict__.values()
    )


@register
class EmptyCell(Rule):
    """A value a table must hold is left empty.

    ## What it checks
    For every recognised table, the cells its kind requires (``required_cells`` in the
    ``structure`` pack) in each item row: target, realisasi and capaian in a capaian table;
    pagu, realisasi anggaran, serapan, target, realisasi and capaian in a cost-per-outcome
    table; the target in the Perjanjian Kinerja. Only columns the table has are checked; the
    Efisiensi column is A105's (efficiency-missing-or-inconsistent), not reported twice. A column empty in every row gives one finding for the column (one per
    printed column, even when the table is read as several blocks); isolated empty cells give
    one finding each. TOTAL, average and group rows are not checked: a total fills only what
    it totals. A cell holding ``-`` or ``n/a`` is not empty (it is another finding).

    ## Why it matters
    An empty realisasi or capaian is an indicator that was not measured, and no achievement
    or total can be checked without it.

    ## Example (fails)
    A capaian table whose Realisasi column was never filled in; one row of a cost table
    without its pagu.

    ## Example (passes)
    The seed's JUMLAH row that totals only the Pagu, with the other cells empty; the seed's
    empty Efisiensi column (A105 reports it).
    """

    code = "S602"
    name = "empty-cell"
    family = "structure"
    default_severity = Severity.ERROR
    packs = ("structure",)
    template = Message(
        id="Sel {label} kosong untuk \"{item}\"",
        en="{label} is empty for \"{item}\"",
    )
    column_template = Message(
        id="Kolom {label} kosong di semua baris ({rows} baris)",
        en="Column {label} is empty in every row ({rows} rows)",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        required = structure_pack(ctx).required_cells.views
        checks: dict[tuple[int, int, str], _ColumnCheck] = {}
        for view in report.views:
            roles = required.get(view.kind.value, [])
            rows = [r for r in view.data_rows if r.kind is RowKind.DATA and _has_content(r)]
            for role in roles:
                column = view.column(role)
                if column is None:
                    continue
                key = (view.table, column.index, role)
                header_row = min(view.header_rows) if view.header_rows else None
                check = checks.setdefault(key, _ColumnCheck(column.label, column.index, header_row))
                for row in rows:
                    check.rows.append((row, view))
                    if _is_empty(getattr(row, role)):
                        check.empty.append((row, view))
        for (table, _, _), check in checks.items():
            if not check.empty:
                continue
            if len(check.rows) >= 2 and len(check.empty) == len(check.rows):
                yield self.finding(
                    Location(table=table, row=check.header_row, column=check.column),
                    column=check.label, label=check.label, template=self.column_template,
                    actual=0, expected=len(check.rows), rows=len(check.rows),
                )
                continue
            for row, _view in check.empty:
                item = row.name.text if row.name else (row.number or "?")
                yield self.finding(
                    Location(table=table, row=row.grid_rows[0], column=check.column),
                    column=check.label, label=check.label, item=" ".join(item.split()),
                )


@register
class NotANumber(Rule):
    """A value a table must hold as a number is text instead (``n/a``, ``-``, ``BB``).

    ## What it checks
    The cells S602 requires (target, realisasi, capaian, pagu, realisasi anggaran, serapan,
    efisiensi, as the ``structure`` pack lists them per table kind) that are not empty but do
    not read as a number: ``n/a``, ``-``, ``belum ada data``, several numbers in one cell.

    ## Why it matters
    No achievement, absorption or total can be computed from such a cell, so the indicator
    drops out of every check and every claim about it (domain.md 13, st-8); Sampang's LKjIP
    2019 left ``n/a`` in its realisasi column.

    ## Example (fails)
    Realisasi ``n/a`` for "Persentase desa yang menetapkan APBDes tepat waktu".

    ## Example (passes)
    Realisasi ``77%``; an empty cell (S602 reports it); a JUMLAH row that totals only the pagu.
    """

    code = "S604"
    name = "not-a-number"
    family = "structure"
    default_severity = Severity.WARNING
    packs = ("structure",)
    template = Message(
        id="Sel {label} untuk \"{item}\" berisi '{actual}', bukan angka: nilainya tidak dapat "
           "dihitung atau diperiksa",
        en="{label} for \"{item}\" holds '{actual}', not a number: it cannot be computed or "
           "checked",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        required = structure_pack(ctx).required_cells.views
        for view in report.views:
            for role in required.get(view.kind.value, []):
                column = view.column(role)
                if column is None:
                    continue
                for row in view.data_rows:
                    value = getattr(row, role)
                    if not isinstance(value, Quantity) or value.value is not None:
                        continue
                    if not value.raw.strip():
                        continue
                    item = row.name.text if row.name else (row.number or "?")
                    yield self.finding(value.loc, column=column.label, label=column.label,
                                       actual_text=" ".join(value.raw.split()),
                                       item=" ".join(item.split()))


# --------------------------------------------------------------------------------------------
# S603

# Symbol-font boxes and ticks come out of PDFs as private-use characters: Wingdings 0xFB-0xFE
# (✗ ✓ ☒ ☑), Wingdings 2 0x50/0x52/0x53 (✓ ☑ ☒); empty boxes Wingdings 0x6F/0x71/0x72/0xA8,
# Wingdings 2 0xA3.
_TICKED = "☑☒✓✔✅√\uf0fb\uf0fc\uf0fd\uf0fe\uf050\uf052\uf053"
_UNTICKED = "☐□◻❏❑▢○◯\uf06f\uf071\uf072\uf0a8\uf0a3"
_BULLETS = "-–•▪◦*·\uf0b7\uf0a7\uf0d8"
_TICK_RE = re.compile(rf"^\s*(?:[{_TICKED}]|\[\s*[xXvV✓✔]\s*\]|\(\s*[xXvV✓✔]\s*\))")
_BOX_RE = re.compile(rf"^\s*(?:[{_UNTICKED}]|\[\s*\]|\(\s*\))\s*")
_BULLET_RE = re.compile(rf"^\s*[{re.escape(_BULLETS)}]\s*")
_NUMBER_RE = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])[.)]\s+")
_DOTS_RE = re.compile(r"(?:\.{3,}|…|_{3,})")


@register
class ReviewUnfilled(Rule):
    """The supervisor's response checklist ("Tanggapan Atasan Langsung") is left blank.

    ## What it checks
    The section under a heading such as "Tanggapan Atasan Langsung" (pack ``review``
    headings), up to the next heading. It is unfilled when no option is ticked
    (``☑ ☒ ✓ ✔ [x]``) and nothing is written: every line is an unticked option (a line
    starting with ``☐ □ [ ]`` or a bullet, or one of the template's printed options whose
    box was lost in extraction) or a dotted placeholder (``.....``, ``Lain-lain .....``).
    One finding, at the heading. A ticked option or any written response passes.

    ## Why it matters
    The template asks the direct superior to review the report before it is sent: a blank
    checklist means the report went out unreviewed, or the review was not recorded.

    ## Example (fails)
    "2.5. TANGGAPAN ATASAN LANGSUNG." followed by "Laporan sudah baik", "Laporan kurang
    baik", …, "Lain-lain .....", ".....".

    ## Example (passes)
    The same list with "☑ Laporan sudah baik", or a line "Lain-lain: capaian indikator 1
    agar diteliti ulang".
    """

    code = "S603"
    name = "review-unfilled"
    family = "structure"
    default_severity = Severity.WARNING
    packs = ("structure",)
    template = Message(
        id="Tanggapan atasan langsung belum diisi: {lines} baris pilihan atau titik-titik, "
           "tidak ada yang dicentang atau ditulis",
        en="The supervisor's response is blank: {lines} option or placeholder lines, none "
           "ticked or written",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        review = structure_pack(ctx).review
        paragraphs = report.paragraphs
        for index, paragraph in enumerate(paragraphs):
            if not _is_review_heading(paragraph, review.headings):
                continue
            body = []
            for following in paragraphs[index + 1: index + 1 + review.max_lines]:
                if _looks_like_heading(following) or _is_review_heading(following,
                                                                          review.headings):
                    break
                body.append(following.text)
            kinds = [_line_kind(line, review.options) for line in body]
            kinds = [k for k in kinds if k != "blank"]
            if kinds and all(k in ("option", "placeholder") for k in kinds):
                yield self.finding(paragraph.loc, lines=len(kinds), actual=0,
                                   expected=1)


def _is_review_heading(paragraph: Paragraph, headings: list[str]) -> bool:
    text = paragraph.text.strip()
    if len(text.split()) > 8:
        return False
    folded = _fold(text)
    return any(re.search(rf"\b{re.escape(_fold(h))}\b", folded) for h in headings)


def _line_kind(line: str, options: list[str]) -> str:
    """ticked | option | placeholder | response | blank."""
    text = line.strip()
    if not text:
        return "blank"
    if _TICK_RE.match(text):
        return "ticked"
    boxed = _BOX_RE.match(text)
    if boxed:  # a box is an option whatever its text, unless something is written after ":"
        rest = text[boxed.end():]
        written = ":" in rest and _written_after_label(rest, options)
        return "response" if written else "option"
    text = _BULLET_RE.sub("", text, count=1)
    text = _NUMBER_RE.sub("", text, count=1).strip()
    if not text:
        return "blank"
    if re.fullmatch(r"[.\s…_:]+", text):
        return "placeholder"
    if _DOTS_RE.search(text):
        return "placeholder" if not _written_after_label(text, options) else "response"
    if _is_option(text, options):
        return "option"
    if re.match(r"^[vV]\s+\S", text) and _is_option(text[2:], options):
        return "ticked"  # "v Laporan sudah baik": a typed tick
    return "response"


def _is_option(text: str, options: list[str]) -> bool:
    folded = _fold(text)
    return bool(folded) and any(fuzz.ratio(folded, _fold(o)) >= 90 for o in options)


def _written_after_label(text: str, options: list[str]) -> bool:
    """Is there real writing besides a label, an option and dots? ("Lain-lain ....." → no)."""
    label, colon, rest = _DOTS_RE.sub(" ", text).partition(":")
    words = re.sub(r"[.…_:]+", " ", rest if colon else label).strip()
    if not words or _is_option(words, options):
        return False
    return True if colon else len(words.split()) > 2
