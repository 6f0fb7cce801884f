"""Consistency rules (C2xx): the same fact stated twice must be stated the same way.

Indicators and programmes are matched across tables by normalised, fuzzy name
(:mod:`lapkin_audit.rules.matching`); values are compared at the coarser printed precision
(:func:`lapkin_audit.rules.calc.same_value`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lapkin_audit.model import (
    Finding,
    Location,
    Message,
    Paragraph,
    PeriodMention,
    Quantity,
    Report,
    Severity,
    TableView,
    ViewKind,
    ViewRow,
    caption_label,
)
from lapkin_audit.rules import calc
from lapkin_audit.rules.arithmetic import (
    as_number,
    compress_numbers,
    grid_row,
    label_of,
    money,
    option,
)
from lapkin_audit.rules.calc import Polarity, pct, show
from lapkin_audit.rules.matching import (
    DEFAULT_THRESHOLD,
    STOPWORDS,
    best_match,
    match_rows,
    normalise_name,
    similarity,
    tokens_match,
    view_name,
)
from lapkin_audit.rules.registry import Context, Rule, register


def threshold(ctx: Context, code: str) -> float:
    """Name-matching threshold (0-100): rule option ``match_threshold``."""
    return float(option(ctx, code, "match_threshold", DEFAULT_THRESHOLD))


def short(text: str | None, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rows_with(view: TableView, key: str) -> list[ViewRow]:
    return [r for r in view.data_rows if getattr(r, key, None) is not None]


@dataclass
class Pair:
    """A row matched to the row it is checked against (the reference)."""

    ref_view: TableView
    ref_row: ViewRow
    view: TableView
    row: ViewRow
    score: float


def paired_rows(
    report: Report, kinds: list[ViewKind], key: str, thresh: float
) -> list[Pair]:
    """Rows of later kinds matched to rows of earlier kinds, best reference first.

    The Perjanjian Kinerja comes first (the signed reference); the other views of ``kinds``
    follow in document order (a later table restates an earlier one). Each row of a view is
    paired, one to one, with the rows of the highest-ranked view that holds a match; rows
    without one are tried against the next view. Blocks of one printed table are not
    compared with each other.
    """
    views = [v for v in report.views if v.kind in kinds]
    ranked = ([v for v in views if v.kind is ViewKind.PERJANJIAN_KINERJA]
              + sorted((v for v in views if v.kind is not ViewKind.PERJANJIAN_KINERJA),
                       key=lambda v: v.table))
    pairs: list[Pair] = []
    for pos, view in enumerate(ranked):
        pending = [r for r in _rows_with(view, key)]
        for ref in ranked[:pos]:
            if not pending or ref.table == view.table:
                continue
            ref_rows = _rows_with(ref, key)
            matched = match_rows(ref_rows, pending, key=key, threshold=thresh)
            taken = set()
            for i, j, s in matched:
                pairs.append(Pair(ref, ref_rows[i], view, pending[j], s))
                taken.add(j)
            pending = [r for j, r in enumerate(pending) if j not in taken]
    return pairs


def _name(row: ViewRow, key: str) -> str:
    value = getattr(row, key, None) or row.name
    return short(value.text if value else "")


# --------------------------------------------------------------------------------------------
# C201 target-differs, C202 pagu-differs, C203 realisasi-differs


class _ValueDiffers(Rule):
    """Shared logic: a value of a matched row differs from the reference row's."""

    kinds: tuple[ViewKind, ...] = ()
    key = "indikator"
    role = "target"

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        yield from self._compare(report, ctx, list(self.kinds), self.key, self.role,
                                 self.template)

    def _compare(self, report: Report, ctx: Context, kinds: list[ViewKind], key: str, role: str,
                 template: Message) -> Iterator[Finding]:
        modes = calc.tolerances(ctx.pack).modes
        for p in paired_rows(report, kinds, key, threshold(ctx, self.code)):
            a: Quantity | None = getattr(p.row, role)
            b: Quantity | None = getattr(p.ref_row, role)
            if a is None or b is None:
                continue
            same = calc.same_value(a, b, modes)
            if same is None or same:
                continue
            is_money = role in ("pagu", "realisasi_anggaran")
            yield self.finding(
                a.loc, template=template, column=label_of(p.view, role),
                actual=as_number(a.value), expected=as_number(b.value),
                actual_text=money(a) if is_money else show(a),
                expected_text=money(b) if is_money else show(b),
                item=_name(p.row, key), table=view_name(p.view), ref_table=view_name(p.ref_view),
                ref_row=grid_row(p.ref_row), ref_item=_name(p.ref_row, key))


@register
class TargetDiffers(_ValueDiffers):
    """The same indicator has different targets in different tables.

    ## What it checks
    Each indicator of a capaian or cost-per-outcome table is matched by name (normalised,
    fuzzy: ``matching.similarity``) with the Perjanjian Kinerja, or, when the PK lacks it,
    with an earlier capaian or cost table; the targets must state the same number (``86%``
    and ``86,00%`` agree). The finding points at the later table and names both values.

    ## Why it matters
    The PK target is the signed commitment; a report that measures against another target
    changes the commitment silently (domain.md 10: "each PK sasaran/indikator in Bab III with
    the PK target").

    ## Example (fails)
    "Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan": PK 100%, Tabel 2.3 86%.

    ## Example (passes)
    "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti": 85% in the PK, Tabel
    2.2 and Tabel 2.3.

    ## Options
    ``match_threshold`` (default 80, on a 0–100 scale): how alike two names must be.
    """

    code = "C201"
    name = "target-differs"
    family = "consistency"
    default_severity = Severity.ERROR
    kinds = (ViewKind.PERJANJIAN_KINERJA, ViewKind.CAPAIAN, ViewKind.COST)
    key = "indikator"
    role = "target"
    template = Message(
        id="Target '{item}' di {table} {actual}, di {ref_table} {expected}",
        en="Target of '{item}' in {table} is {actual}, in {ref_table} {expected}",
    )


@register
class PaguDiffers(_ValueDiffers):
    """The same programme has different pagu in different tables.

    ## What it checks
    Each programme row of a cost-per-outcome table (the per-programme block) is matched by
    name with the programme budget table (or another budget table); the pagu must be the
    same amount. Names are matched fuzzily (``Penunjang Urusan Pemerintahan Kabupaten`` ≈
    ``… Kabupaten/Kota``).

    ## Why it matters
    A programme's budget is one number; two numbers mean one table is outdated or mistyped
    (domain.md 13 cs-2).

    ## Example (fails)
    "Penyelenggaraan Pemerintahan Umum": Rp 122.359.000 in the budget table, 123.359.000 in
    Tabel 2.3.

    ## Example (passes)
    The seed's four programmes: the same pagu in both tables.

    ## Options
    ``match_threshold`` (default 80).
    """

    code = "C202"
    name = "pagu-differs"
    family = "consistency"
    default_severity = Severity.ERROR
    kinds = (ViewKind.BUDGET, ViewKind.COST)
    key = "program"
    role = "pagu"
    template = Message(
        id="Pagu program '{item}' di {table} {actual}, di {ref_table} {expected}",
        en="Pagu of programme '{item}' in {table} is {actual}, in {ref_table} {expected}",
    )


@register
class RealisasiDiffers(_ValueDiffers):
    """The same indicator (or programme) has different realisasi in different tables.

    ## What it checks
    - Indicators: the realisasi kinerja of a cost-per-outcome table against the capaian
      table's (matched by name; ``77%`` and ``77,0%`` agree).
    - Programmes: the realisasi anggaran of a cost-per-outcome table against the budget
      table's.

    ## Why it matters
    A cost-per-outcome analysis must use the achievement reported in the capaian table; a
    different value means one of them is wrong (seed: Tabel 2.2 50%, Tabel 2.3 24,97% — the
    budget absorption copied in, see A106).

    ## Example (fails)
    "Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti": Tabel 2.2 50%, Tabel
    2.3 24,97%.

    ## Example (passes)
    The same indicator with realisasi 50% in both tables.

    ## Options
    ``match_threshold`` (default 80).
    """

    code = "C203"
    name = "realisasi-differs"
    family = "consistency"
    default_severity = Severity.ERROR
    template = Message(
        id="Realisasi '{item}' di {table} {actual}, di {ref_table} {expected}",
        en="Realisasi of '{item}' in {table} is {actual}, in {ref_table} {expected}",
    )
    money_template = Message(
        id="Realisasi anggaran program '{item}' di {table} {actual}, di {ref_table} {expected}",
        en="Budget realisation of programme '{item}' in {table} is {actual}, in {ref_table} "
           "{expected}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        yield from self._compare(report, ctx, [ViewKind.CAPAIAN, ViewKind.COST], "indikator",
                                 "realisasi", self.template)
        yield from self._compare(report, ctx, [ViewKind.BUDGET, ViewKind.COST], "program",
                                 "realisasi_anggaran", self.money_template)


# --------------------------------------------------------------------------------------------
# C204 indicator-unmatched


@register
class IndicatorUnmatched(Rule):
    """An indicator measured in a table is missing from the PK, or a PK indicator is never
    measured.

    ## What it checks
    - Each indicator of a capaian or cost-per-outcome table must resemble (name similarity
      at least the threshold) an indicator of the Perjanjian Kinerja.
    - Each PK indicator must appear in at least one capaian table.
    Checked only when the report has a PK table (and, for the second check, a capaian
    table). Warnings: the name may be too different for fuzzy matching.

    ## Why it matters
    The report must account for exactly the indicators the head of unit signed for
    (domain.md 10); an extra one is not a commitment, a missing one is unreported.

    ## Example (fails)
    PK: "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti"; Tabel 2.2 also
    lists "Persentase desa yang menetapkan RKPDes tepat waktu".

    ## Example (passes)
    The seed's four indicators, spelled ``Desa / Kelurahan`` in the PK and ``Desa /Kelurahan
    yang etrfasilitasi`` in Tabel 2.2.

    ## Options
    ``match_threshold`` (default 80).
    """

    code = "C204"
    name = "indicator-unmatched"
    family = "consistency"
    default_severity = Severity.WARNING
    template = Message(
        id="Indikator '{item}' di {table} tidak ada dalam Perjanjian Kinerja{closest}",
        en="Indicator '{item}' in {table} is not in the Perjanjian Kinerja{closest}",
    )
    missing_template = Message(
        id="Indikator Perjanjian Kinerja '{item}' tidak diukur dalam tabel capaian mana pun"
           "{closest}",
        en="Perjanjian Kinerja indicator '{item}' is not measured in any capaian table{closest}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        thresh = threshold(ctx, self.code)
        pk = [(v, r) for v in report.views_of(ViewKind.PERJANJIAN_KINERJA)
              for r in _rows_with(v, "indikator")]
        if not pk:
            return
        pk_names = [r.indikator.text for _, r in pk]  # type: ignore[union-attr]
        measured = [(v, r) for v in report.views if v.kind in (ViewKind.CAPAIAN, ViewKind.COST)
                    for r in _rows_with(v, "indikator")]
        for view, row in measured:
            assert row.indikator is not None
            best = best_match(row.indikator.text, pk_names)
            if best is not None and best[1] >= thresh:
                continue
            yield self.finding(
                row.indikator.loc, column=label_of(view, "indikator"),
                item=short(row.indikator.text), table=view_name(view),
                closest=self._closest(best, pk_names))
        capaian = [(v, r) for v in report.views_of(ViewKind.CAPAIAN)
                   for r in _rows_with(v, "indikator")]
        if not capaian:
            return
        cap_names = [r.indikator.text for _, r in capaian]  # type: ignore[union-attr]
        for view, row in pk:
            assert row.indikator is not None
            best = best_match(row.indikator.text, cap_names)
            if best is not None and best[1] >= thresh:
                continue
            yield self.finding(
                row.indikator.loc, template=self.missing_template,
                column=label_of(view, "indikator"), item=short(row.indikator.text),
                closest=self._closest(best, cap_names))

    @staticmethod
    def _closest(best: tuple[int, float] | None, names: list[str]) -> Message:
        if best is None or best[1] < 50:
            return Message(id="", en="")
        name = short(names[best[0]])
        return Message(id=f" (paling mirip: '{name}', kemiripan {best[1]:.0f}%)",
                       en=f" (closest: '{name}', similarity {best[1]:.0f}%)")


# --------------------------------------------------------------------------------------------
# C205 duplicate-item

_ITEM = re.compile(r"^\s*(?:[-–•▪●◦*]\s*)?(\d{1,3})\s*([.)])\s+(\S.*)$", re.DOTALL)


def _item_key(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"[\s.,;:!?]+$", "", text)


@dataclass
class _ListItem:
    number: int
    text: str
    paragraph: Paragraph


def numbered_lists(paragraphs: list[Paragraph]) -> list[list[_ListItem]]:
    """Numbered lists of the narrative (``1.`` … ``28.``), nested lists kept apart.

    A stack of open lists: an item continues the innermost list it follows by number (outer
    lists resume after a nested one ends); ``1`` opens a new list; a heading closes all
    lists. Marker styles (``1.`` and ``1)``) make different lists.
    """
    done: list[list[_ListItem]] = []
    stack: list[tuple[str, list[_ListItem]]] = []
    for p in paragraphs:
        if p.heading_level:
            done.extend(items for _, items in stack)
            stack = []
            continue
        m = _ITEM.match(p.text)
        if not m:
            continue
        n, marker, text = int(m.group(1)), m.group(2), m.group(3)
        item = _ListItem(n, text, p)
        for depth in range(len(stack) - 1, -1, -1):
            style, items = stack[depth]
            if style == marker and items[-1].number + 1 == n:
                done.extend(it for _, it in stack[depth + 1:])
                del stack[depth + 1:]
                items.append(item)
                break
        else:
            stack.append((marker, [item]))
    done.extend(items for _, items in stack)
    return [items for items in done if len(items) > 1]


@register
class DuplicateItem(Rule):
    """A table row or an action item is repeated.

    ## What it checks
    - Tables: a data row whose printed content (every field but the row number) repeats an
      earlier row of the same table; in PK, capaian and formula tables, an indicator name
      that repeats an earlier row's (compared after normalisation).
    - Cost per outcome: a budget line (the same pagu and realisasi anggaran) costed against
      two different indicators (the seed's Tabel 2.3 gives Rp 266.020.000 / 66.420.000 to
      two indicators and Rp 290.800.000 / 117.000.000 to two others).
    - Narrative: numbered lists (``1.`` … ``28.``, nested lists kept apart) whose items
      repeat earlier items of the same list, comparing text without case and trailing
      punctuation. One finding per run of consecutive repeated items (the seed's items
      23–28, a block repeating 20–22 twice), the message mapping each block to the items it
      repeats. Repeats across different lists (a conclusion restating the action plan) are
      not reported.

    ## Why it matters
    Copied rows and items inflate counts and hide what is missing: the seed's rencana tindak
    lanjut lists the same three village-document steps three times instead of one plan per
    indicator.

    ## Example (fails)
    ``20. Membuat surat …``, ``21. Melakukan monev …``, ``22. merekap …``, then 23–25 and
    26–28 with the same three texts.

    ## Example (passes)
    A list of 19 different steps; a cost table where one indicator appears on the rows of
    several programmes; one programme per indicator.
    """

    code = "C205"
    name = "duplicate-item"
    family = "consistency"
    default_severity = Severity.WARNING
    template = Message(
        id="Butir {items} mengulang butir {sources} dalam daftar bernomor yang sama ({mapping})",
        en="Item(s) {items} repeat item(s) {sources} of the same numbered list ({mapping})",
    )
    row_template = Message(
        id="Baris {row} di {table} mengulang baris {first} ('{item}')",
        en="Row {row} in {table} repeats row {first} ('{item}')",
    )
    name_template = Message(
        id="Indikator '{item}' muncul lagi di {table} (baris {row}, sebelumnya baris {first})",
        en="Indicator '{item}' appears again in {table} (row {row}, earlier row {first})",
    )

    budget_template = Message(
        id="Baris {row} di {table} memakai anggaran yang sama dengan baris {first} (pagu {pagu}, "
           "realisasi {real}) untuk indikator lain: '{item}' dan '{first_item}'",
        en="Row {row} in {table} uses the same budget as row {first} (pagu {pagu}, realisasi "
           "{real}) for another indicator: '{item}' and '{first_item}'",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        for view in report.views:
            yield from self._rows(view)
        yield from self._budget_lines(report)
        for items in numbered_lists(report.paragraphs):
            yield from self._list(items)

    def _budget_lines(self, report: Report) -> Iterator[Finding]:
        """One budget line (pagu and realisasi) costed against two different indicators."""
        seen: dict[tuple[Decimal, Decimal], tuple[TableView, ViewRow]] = {}
        for view in report.views_of(ViewKind.COST):
            for row in view.data_rows:
                p, ra, ind = row.pagu, row.realisasi_anggaran, row.indikator
                if p is None or ra is None or ind is None or not p.value or ra.value is None:
                    continue
                key = (p.value, ra.value)
                if key not in seen:
                    seen[key] = (view, row)
                    continue
                first_view, first = seen[key]
                assert first.indikator is not None
                if similarity(first.indikator.text, ind.text) >= DEFAULT_THRESHOLD:
                    continue  # the same indicator on two programmes' rows
                where = Message(id=str(grid_row(first)), en=str(grid_row(first)))
                if first_view.table != view.table:
                    other = view_name(first_view)
                    n = first_view.table + 1
                    where = Message(id=f"{grid_row(first)} {other.id} (tabel ke-{n})",
                                    en=f"{grid_row(first)} of {other.en} (table {n})")
                yield self.finding(
                    p.loc, template=self.budget_template, column=label_of(view, "pagu"),
                    row=grid_row(row), first=where, table=view_name(view),
                    pagu=money(p), real=money(ra), item=short(ind.text, 70),
                    first_item=short(first.indikator.text, 70))

    def _rows(self, view: TableView) -> Iterator[Finding]:
        seen: dict[tuple, ViewRow] = {}
        names: dict[str, ViewRow] = {}
        by_name = view.kind in (ViewKind.PERJANJIAN_KINERJA, ViewKind.CAPAIAN, ViewKind.FORMULA)
        for row in view.data_rows:
            content = self._content(row)
            if not any(v for _, v in content):
                continue
            key = tuple(content)
            if key in seen:
                first = seen[key]
                yield self.finding(
                    self._loc(view, row), template=self.row_template,
                    column=label_of(view, "indikator") if row.indikator else None,
                    row=grid_row(row), first=grid_row(first), table=view_name(view),
                    item=short(row.name.text if row.name else ""))
                continue
            seen[key] = row
            if by_name and row.indikator is not None:
                norm = normalise_name(row.indikator.text)
                if norm in names:
                    first = names[norm]
                    yield self.finding(
                        row.indikator.loc, template=self.name_template,
                        column=label_of(view, "indikator"), item=short(row.indikator.text),
                        table=view_name(view), row=grid_row(row), first=grid_row(first))
                else:
                    names[norm] = row

    @staticmethod
    def _content(row: ViewRow) -> list[tuple[str, str]]:
        out = []
        for field in ("sasaran", "program", "indikator", "satuan", "target", "realisasi",
                      "capaian", "status", "pagu", "realisasi_anggaran", "serapan", "efisiensi",
                      "rumus", "strategi", "bulan"):
            value = getattr(row, field)
            if value is None:
                continue
            text = value.raw if isinstance(value, Quantity) else value.text
            out.append((field, normalise_name(text) if not isinstance(value, Quantity)
                        else re.sub(r"\s+", "", text)))
        for k, v in sorted(row.extra.items()):
            out.append((k, normalise_name(v.text)))
        return out

    @staticmethod
    def _loc(view: TableView, row: ViewRow) -> Location:
        name = row.indikator or row.program or row.sasaran or row.name
        if name is not None and name.loc.table is not None:
            return name.loc
        return Location(table=view.table, row=row.grid_rows[0] if row.grid_rows else None)

    def _list(self, items: list[_ListItem]) -> Iterator[Finding]:
        first_at: dict[str, int] = {}
        source: list[int | None] = []
        for pos, item in enumerate(items):
            key = _item_key(item.text)
            if key in first_at:
                source.append(first_at[key])
            else:
                first_at[key] = pos
                source.append(None)
        pos = 0
        while pos < len(items):
            if source[pos] is None:
                pos += 1
                continue
            run = []
            while pos < len(items) and source[pos] is not None:
                run.append(pos)
                pos += 1
            # split the run into blocks that each repeat consecutive items
            blocks: list[list[int]] = [[run[0]]]
            for k in run[1:]:
                prev = blocks[-1][-1]
                if source[k] == source[prev] + 1:  # type: ignore[operator]
                    blocks[-1].append(k)
                else:
                    blocks.append([k])
            mapping = "; ".join(
                f"{compress_numbers([items[k].number for k in b])} = "
                f"{compress_numbers([items[source[k]].number for k in b])}"  # type: ignore[index]
                for b in blocks)
            src_numbers = [items[source[k]].number for k in run]  # type: ignore[index]
            first = items[run[0]]
            yield self.finding(
                first.paragraph.loc, actual=len(run),
                items=compress_numbers([items[k].number for k in run]), sources=compress_numbers(src_numbers),
                mapping=mapping)


# --------------------------------------------------------------------------------------------
# C206 period-mismatch

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
WHERE = {
    "cover": Message(id="sampul", en="on the cover"),
    "title": Message(id="judul", en="in the title"),
    "caption": Message(id="judul tabel", en="in a table caption"),
    "body": Message(id="teks", en="in the text"),
    "range": Message(id="rentang periode data", en="in the data period range"),
    "signature": Message(id="tanggal tanda tangan", en="at the signature"),
}
_COMPARATIVE = re.compile(
    r"\b(sebelum(nya)?|berikut(nya)?|lalu|(per|di)?banding(an|kan)?|yang akan datang|"
    r"mendatang|selanjutnya|akan|rencana|direncanakan)\b", re.IGNORECASE)


def _period_text(year: int | None, quarter: int | None, semester: int | None = None,
                 annual: bool = False) -> Message:
    parts_id, parts_en = [], []
    if quarter:
        parts_id.append(f"Triwulan {QUARTER_ROMAN.get(quarter, quarter)}")
        parts_en.append(f"quarter {QUARTER_ROMAN.get(quarter, quarter)}")
    elif semester:
        parts_id.append(f"Semester {'I' * semester}")
        parts_en.append(f"semester {'I' * semester}")
    elif annual:
        parts_id.append("Tahunan")
        parts_en.append("annual")
    if year:
        parts_id.append(f"Tahun {year}" if not parts_id else str(year))
        parts_en.append(str(year))
    return Message(id=" ".join(parts_id) or "—", en=" ".join(parts_en) or "—")


def _range_quarter(m: PeriodMention) -> int | None:
    if m.end is None:
        return None
    for q, (month, day) in QUARTER_END.items():
        if m.end.month == month and m.end.day == day:
            return q
    return None


@register
class PeriodMismatch(Rule):
    """The cover, title, captions, text, data range and signature disagree on the period.

    ## What it checks
    Every period mention the reader found (cover, title, caption, body, data range,
    signature) is compared with the report's period, taken as the majority of the mentions
    (the cover does not outvote the content). A mention disagrees when it names another
    year or another quarter (a semester agrees with its two quarters). A range agrees with
    quarter Q when it ends on Q's last day and starts on Q's first day or on 1 January (a
    cumulative ``1 Januari s.d. 30 Juni``).

    Not judged, so that comparisons and plans are not taken for errors: a mention whose
    paragraph (or caption) also names the report's own year or quarter ("Perbandingan
    Capaian Tahun 2022 dan Tahun 2023", "s.d. Triwulan III …, Triwulan IV"); in the text, a
    bare year, a later period (a plan) and a paragraph with a comparative or planning word
    (``sebelumnya``, ``berikutnya``, ``dibandingkan``, ``akan`` …). A signature disagrees
    only when its year is neither the report year nor the next. Errors on the cover, title,
    captions and range; warnings in the text and signature.

    ## Why it matters
    The period is what the report is filed under; a cover naming the wrong quarter
    misfiles it (seed: cover ``TRIBUNAN III`` on a Triwulan II report).

    ## Example (fails)
    Cover "LAPORAN KINERJA CAMAT TRIBUNAN III TAHUN 2023"; captions, text and data range say
    Triwulan II 2023.

    ## Example (passes)
    Cover "Triwulan II Tahun 2023", text "1 Januari s.d 30 Juni 2023", signed 30 Juni 2023;
    "akan dicapai pada Triwulan III".
    """

    code = "C206"
    name = "period-mismatch"
    family = "consistency"
    default_severity = Severity.ERROR
    template = Message(
        id="Periode pada {where} '{raw}' ({actual}) tidak sesuai dengan periode laporan "
           "{expected}{support}",
        en="The period {where} '{raw}' ({actual}) differs from the report period "
           "{expected}{support}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        mentions = report.period.mentions
        if not mentions:
            return
        year, quarter, support = self._reference(report)
        if year is None and quarter is None:
            return
        expected = _period_text(year, quarter, annual=quarter is None and report.period.annual)
        # places (paragraph, caption cell …) that name the report's own year / quarter
        own_year = {_place(m) for m in mentions if year and m.year == year}
        own_quarter = {_place(m) for m in mentions if quarter and _quarter_of(m) == quarter}
        for m in mentions:
            problem = self._judge(m, year, quarter)
            if problem is None:
                continue
            dimension, severity = problem
            place = _place(m)
            if place in (own_year if dimension == "year" else own_quarter):
                continue  # a comparison or a plan beside the report's own period
            if m.where == "body" and not self._body_judged(report, m, year, quarter, dimension):
                continue
            yield self.finding(
                m.loc, severity=severity,
                where=WHERE.get(m.where, Message(id=m.where, en=f"in the {m.where}")),
                raw=short(m.raw, 80), actual=self._shown(m).id, actual_text=self._shown(m).id,
                expected=expected.id, expected_text=expected.id,
                support=Message(id=f" (menurut {support} penyebutan lain)",
                                en=f" (per {support} other mentions)") if support else
                Message(id="", en=""))

    @staticmethod
    def _shown(m: PeriodMention) -> Message:
        if m.where == "range" and m.start and m.end:
            return Message(id=f"{m.start:%d-%m-%Y} s.d. {m.end:%d-%m-%Y}",
                           en=f"{m.start:%Y-%m-%d} to {m.end:%Y-%m-%d}")
        if m.where == "signature" and (m.end or m.start):
            day = m.end or m.start
            return Message(id=f"{day:%d-%m-%Y}", en=f"{day:%Y-%m-%d}")
        return _period_text(m.year, m.quarter, m.semester, m.annual)

    @staticmethod
    def _reference(report: Report) -> tuple[int | None, int | None, int]:
        years: Counter[int] = Counter()
        quarters: Counter[int] = Counter()
        for m in report.period.mentions:
            if m.where == "signature":
                continue
            if m.year:
                years[m.year] += 1
            q = _quarter_of(m)
            if q:
                quarters[q] += 1
        year = _majority(years, report.period.year)
        quarter = _majority(quarters, report.period.quarter)
        support = quarters.get(quarter, 0) if quarter else years.get(year, 0) if year else 0
        return year, quarter, support

    @staticmethod
    def _body_judged(report: Report, m: PeriodMention, year: int | None, quarter: int | None,
                     dimension: str) -> bool:
        if not (m.quarter or m.semester or m.start or m.end):
            return False  # a bare year in the text: a comparison or a reference
        text = m.raw or ""
        if m.loc.paragraph is not None and 0 <= m.loc.paragraph < len(report.paragraphs):
            text = report.paragraphs[m.loc.paragraph].text
        if _COMPARATIVE.search(text):
            return False
        if year and m.year and m.year > year:
            return False  # a plan for a later year
        mq = _quarter_of(m)
        # a later quarter of the same year is a plan
        return not (quarter and mq and mq > quarter and m.year in (None, year))

    @staticmethod
    def _judge(m: PeriodMention, year: int | None, quarter: int | None
               ) -> tuple[str, Severity] | None:
        """None when the mention agrees; else the dimension that disagrees and a severity."""
        hard = m.where in ("cover", "title", "caption", "range")
        severity = Severity.ERROR if hard else Severity.WARNING
        if m.where == "signature":
            day = m.end or m.start
            y = day.year if day else m.year
            if year and y and y not in (year, year + 1):
                return "year", Severity.WARNING
            return None
        if year and m.year and m.year != year:
            return "year", severity
        if m.where == "range" and quarter and m.end:
            month, _ = QUARTER_END[quarter]
            if m.end.month != month or (year and m.end.year != year):
                return "quarter", severity
            if m.start is not None:
                q_start = dt.date(m.start.year, 3 * quarter - 2, 1)
                if m.start not in (dt.date(m.start.year, 1, 1), q_start):
                    return "quarter", severity
            return None
        if quarter and m.quarter and m.quarter != quarter:
            return "quarter", severity
        if quarter and m.semester and quarter not in (2 * m.semester - 1, 2 * m.semester):
            return "quarter", severity
        return None


def _quarter_of(m: PeriodMention) -> int | None:
    if m.quarter:
        return m.quarter
    if m.where == "range":
        return _range_quarter(m)
    return None


def _place(m: PeriodMention) -> tuple:
    """Where a mention sits: its paragraph, else its table cell, else its page box."""
    loc = m.loc
    if loc.paragraph is not None:
        return ("p", loc.paragraph)
    if loc.table is not None:
        return ("t", loc.table, loc.row, loc.column)
    return ("b", loc.page, loc.bbox, m.where, m.raw)


def _majority(counter: Counter[int], fallback: int | None) -> int | None:
    if not counter:
        return fallback
    top = counter.most_common()
    best = top[0][1]
    tied = [v for v, c in top if c == best]
    if fallback in tied:
        return fallback
    return tied[0] if len(tied) == 1 else fallback


# --------------------------------------------------------------------------------------------
# C207 numbering

def _number_parts(text: str | None) -> tuple[int, ...] | None:
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)*)\.?\s*", text)
    if not m:
        return None
    return tuple(int(x) for x in m.group(1).split("."))


@register
class Numbering(Rule):
    """Section or table numbers are duplicated or skipped.

    ## What it checks
    - Numbered sections (``2.1``, ``2.2`` …): a number used twice, or a number that skips
      one under the same parent (``2.5`` after ``2.3``).
    - Table captions (``Tabel 2.1``, ``Tabel 2.2`` …): the same checks on the table numbers.
    The first number under a parent may be any (a chapter may start at ``2.1`` or ``2.2``
    after unnumbered text); only gaps after it count.

    ## Why it matters
    Cross-references ("lihat tabel 2.3") become ambiguous; a duplicated number is usually a
    copied heading left unedited (seed: ``2.3 CAPAIAN KINERJA`` and ``2.3. EVALUASI DAN
    ANALISIS KINERJA``).

    ## Example (fails)
    Sections 2.1, 2.2, 2.3, 2.3, 2.4, 2.5.

    ## Example (passes)
    Sections 2.1 … 2.5 and tables Tabel 2.1 … Tabel 2.4, each once.
    """

    code = "C207"
    name = "numbering"
    family = "consistency"
    default_severity = Severity.WARNING
    template = Message(
        id="Nomor {kind} {number} dipakai dua kali ('{first}' dan '{second}')",
        en="{kind_en} number {number} is used twice ('{first}' and '{second}')",
    )
    skip_template = Message(
        id="Nomor {kind} melompat dari {previous} ke {number} ({missing} tidak ada)",
        en="{kind_en} numbering jumps from {previous} to {number} ({missing} missing)",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        sections = [(s.number, s.title, s.loc) for s in report.sections]
        yield from self._sequence(sections, Message(id="bagian", en="Section"))
        tables = []
        previous = None
        for t in report.tables:
            numbered = caption_label(t.caption)
            number = numbered[1] if numbered and numbered[0].lower() == "tabel" else None
            # the same caption on the next table: one table continued, not a second one
            same = (previous is not None and previous.index + 1 == t.index
                    and _label_key(previous.caption or "") == _label_key(t.caption or ""))
            previous = t
            if number and not same:
                loc = (Location(paragraph=t.caption_paragraph) if t.caption_paragraph is not None
                       else Location(table=t.index))
                tables.append((number, short(t.caption, 60), loc))
        yield from self._sequence(tables, Message(id="tabel", en="Table"))

    def _sequence(self, entries: list[tuple[str | None, str, Location]], kind: Message
                  ) -> Iterator[Finding]:
        seen: dict[tuple[int, ...], str] = {}
        last_child: dict[tuple[int, ...], int] = {}
        for number, title, loc in entries:
            parts = _number_parts(number)
            if parts is None:
                continue
            text = ".".join(str(p) for p in parts)
            if parts in seen:
                yield self.finding(loc, kind=kind.id, kind_en=kind.en, number=text,
                                   first=short(seen[parts], 60), second=short(title, 60),
                                   actual=text, expected=None)
                continue
            seen[parts] = title
            parent, child = parts[:-1], parts[-1]
            previous = last_child.get(parent)
            if previous is not None and child > previous + 1:
                missing = [".".join(str(p) for p in (*parent, c))
                           for c in range(previous + 1, child)]
                yield self.finding(
                    loc, template=self.skip_template, kind=kind.id, kind_en=kind.en,
                    number=text, previous=".".join(str(p) for p in (*parent, previous)),
                    missing=", ".join(missing), actual=text, expected=missing[0])
            if previous is None or child > previous:
                last_child[parent] = child


# --------------------------------------------------------------------------------------------
# C208 formula-indicator-mismatch

GENERIC = frozenset(
    [
        "jumlah", "seluruh", "persentase", "rata", "nilai", "total", "dikali", "kali", "x",
        "dibagi", "per", "tahun", "triwulan", "yang", "sesuai",
    ]
)


def _fold_acronyms(text: str) -> str:
    """``RKP Desa`` / ``RKPDesa`` / ``APBdesa`` → ``RKPdes`` …: village-document acronyms."""
    return re.sub(r"\b([A-Z]{2,})\s?[Dd]es(?:a)?\b", lambda m: m.group(1) + "des", text)


def key_terms(text: str | None) -> list[str]:
    """Content words of a name or formula, acronyms folded, generic words dropped."""
    if not text:
        return []
    words = re.split(r"[\s/]+", normalise_name(_fold_acronyms(text)))
    out = []
    for w in words:
        if not w or w in STOPWORDS or w in GENERIC or w.isdigit() or len(w) < 2:
            continue
        if re.fullmatch(r"[\dx]+", w):
            continue
        if w not in out:
            out.append(w)
    return out


def _shares(terms: list[str], other: list[str]) -> list[str]:
    return [t for t in terms if any(tokens_match(t, o) >= 85 for o in other)]


@dataclass
class _Cluster:
    names: list[str]
    terms: list[str]
    row: int | None = None  # index into the formula view's rows, when it is one of them
    view: TableView | None = None


@register
class FormulaIndicatorMismatch(Rule):
    """A formula row measures another object than its indicator (shifted rows).

    ## What it checks
    In a formula table (indicator · rumus), the key terms of each formula (content words,
    village-document acronyms folded: ``RKP Desa`` = ``RKPDes``) are compared with its own
    indicator and with every other indicator the report names (formula, PK, capaian, cost
    and strategy tables). A row is reported only on clear evidence: its formula shares no
    distinctive term (one used by at most a fifth of the indicators) with its own indicator,
    and it matches exactly one other indicator clearly better, through at least one
    distinctive term. A formula sharing its indicator's distinctive term passes; a formula
    that fits several indicators equally (``RKP Desa + APBDes + LPPDes``) passes.

    ## Why it matters
    A formula table whose rows slid by one (the seed's rows 7–10) defines every indicator
    with another indicator's formula: the reported capaian cannot be verified.

    ## Example (fails)
    "Persentase desa yang menetapkan RKPDes Tepat waktu" with the formula "Jumlah desa yang
    menetapkan APBDes Tepat Waktu / jumlah seluruh desa" while the next row is "Persentase
    Desa yang menetapkan APBDes Tepat Waktu".

    ## Example (passes)
    "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti" with "Jumlah Hasil
    Fasilitasi dan Koordinasi Yang Ditindaklanjuti / Jumlah Fasilitasi dan Koordinasi".
    """

    code = "C208"
    name = "formula-indicator-mismatch"
    family = "consistency"
    default_severity = Severity.WARNING
    template = Message(
        id="Rumus untuk '{item}' membahas {terms}, yaitu objek indikator '{other}' ({where}), "
           "bukan indikator barisnya sendiri{shift}",
        en="The formula for '{item}' speaks of {terms}, the object of indicator '{other}' "
           "({where_en}), not of its own indicator{shift_en}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        for view in report.views_of(ViewKind.FORMULA):
            yield from self._view(report, view)

    def _clusters(self, report: Report, view: TableView) -> list[_Cluster]:
        clusters: list[_Cluster] = []

        def add(name: str, row: int | None, source: TableView) -> None:
            for c in clusters:
                if any(similarity(name, n) >= DEFAULT_THRESHOLD for n in c.names):
                    c.names.append(name)
                    c.terms.extend(t for t in key_terms(name) if t not in c.terms)
                    if c.row is None and row is not None:
                        c.row, c.view = row, source
                    return
            clusters.append(_Cluster([name], key_terms(name), row, source))

        for i, r in enumerate(view.rows):
            if r.indikator is not None:
                add(r.indikator.text, i, view)
        for other in report.views:
            if other is view:
                continue
            for r in other.data_rows:
                if r.indikator is not None:
                    add(r.indikator.text, None, other)
        return clusters

    def _view(self, report: Report, view: TableView) -> Iterator[Finding]:
        clusters = self._clusters(report, view)
        n = len(clusters)
        if n < 3:
            return

        def df(term: str) -> int:
            return sum(1 for c in clusters if any(tokens_match(term, t) >= 85 for t in c.terms))

        def weight(term: str) -> float:
            return math.log((n + 1) / max(1, df(term)))

        rare_limit = max(1, n // 5)
        rare_weight = math.log((n + 1) / rare_limit)
        for i, row in enumerate(view.rows):
            if row.indikator is None or row.rumus is None:
                continue
            f_terms = key_terms(row.rumus.text)
            own_terms = key_terms(row.indikator.text)
            if not f_terms or not own_terms:
                continue
            shared_own = _shares(f_terms, own_terms)
            if any(df(t) <= rare_limit for t in shared_own):
                continue  # shares a distinctive term with its own indicator
            own_score = sum(weight(t) for t in shared_own)
            own_cluster = next((c for c in clusters
                                if any(similarity(row.indikator.text, nm) >= DEFAULT_THRESHOLD
                                       for nm in c.names)), None)
            scored = []
            for c in clusters:
                if c is own_cluster:
                    continue
                shared = _shares(f_terms, c.terms)
                if not any(df(t) <= rare_limit for t in shared):
                    continue
                scored.append((sum(weight(t) for t in shared), shared, c))
            if not scored:
                continue
            scored.sort(key=lambda x: -x[0])
            best, shared, cluster = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            if best < own_score + rare_weight * 0.5:
                continue
            if best - second < rare_weight * 0.5:
                continue  # fits several indicators: no clear evidence
            distinctive = [t for t in shared if df(t) <= rare_limit]
            yield self._finding(view, row, i, cluster, distinctive)

    def _finding(self, view: TableView, row: ViewRow, i: int, cluster: _Cluster,
                 terms: list[str]) -> Finding:
        assert row.rumus is not None and row.indikator is not None
        terms_text = ", ".join(f"'{t}'" for t in terms)
        if cluster.row is not None and cluster.view is view:
            other_row = view.rows[cluster.row]
            where = f"baris {grid_row(other_row)} tabel ini"
            where_en = f"row {grid_row(other_row)} of this table"
            delta = cluster.row - i
            shift = (f"; rumus tampak bergeser {abs(delta)} baris" if abs(delta) == 1 else "")
            shift_en = (f"; the formulas look shifted by {abs(delta)} row" if abs(delta) == 1
                        else "")
        else:
            label = view_name(cluster.view) if cluster.view is not None else Message(id="", en="")
            where, where_en, shift, shift_en = label.id, label.en, "", ""
        return self.finding(
            row.rumus.loc, column=label_of(view, "rumus"),
            item=short(row.indikator.text), terms=terms_text, other=short(cluster.names[0]),
            where=where, where_en=where_en, shift=shift, shift_en=shift_en,
            actual=short(row.rumus.text, 120))


# --------------------------------------------------------------------------------------------
# C209 indicator-count

COUNT_KINDS = (ViewKind.PERJANJIAN_KINERJA, ViewKind.FORMULA, ViewKind.CAPAIAN, ViewKind.COST)
KIND_LABEL = {
    ViewKind.PERJANJIAN_KINERJA: Message(id="Perjanjian Kinerja", en="Perjanjian Kinerja"),
    ViewKind.FORMULA: Message(id="tabel rumus", en="formula table"),
    ViewKind.CAPAIAN: Message(id="tabel capaian", en="capaian table"),
    ViewKind.COST: Message(id="tabel cost per outcome", en="cost-per-outcome table"),
}


@register
class IndicatorCount(Rule):
    """The PK, formula, capaian and cost tables list different numbers of indicators.

    ## What it checks
    For each kind of table that has an indicator column (Perjanjian Kinerja, formula,
    capaian, cost per outcome; blocks of one kind together), the number of distinct
    indicator names (normalised: case, spacing, punctuation). When the counts differ, one
    finding lists every count (with the number of rows when a name repeats) and points at
    the first table whose count departs from the PK's (or from the most common count).
    Per-programme blocks without an indicator column, and multi-year comparison tables
    (columns of earlier years: they compare a selection of key indicators), are not counted.

    ## Why it matters
    Every indicator must be defined, targeted, measured and costed: a table with more or
    fewer indicators than the PK defines or measures something else (seed: PK 4, formula
    table 10 rows, capaian table 4).

    ## Example (fails)
    PK 4 indicators, formula table 9 distinct indicators in 10 rows, Tabel 2.2 4.

    ## Example (passes)
    PK, formula, capaian and cost tables with the same 4 indicators.
    """

    code = "C209"
    name = "indicator-count"
    family = "consistency"
    default_severity = Severity.WARNING
    template = Message(
        id="Jumlah indikator berbeda antartabel: {listing}",
        en="Tables disagree on the number of indicators: {listing_en}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        counts: list[tuple[ViewKind, int, int, TableView]] = []
        for kind in COUNT_KINDS:
            views = [v for v in report.views_of(kind) if v.column("indikator") is not None
                     and not v.compares_years(report.period.year)]
            rows = [r for v in views for r in v.data_rows if r.indikator is not None]
            if not rows:
                continue
            distinct = len({normalise_name(r.indikator.text) for r in rows})  # type: ignore[union-attr]
            counts.append((kind, distinct, len(rows), views[0]))
        if len({c for _, c, _, _ in counts}) < 2:
            return
        pk = next((c for k, c, _, _ in counts if k is ViewKind.PERJANJIAN_KINERJA), None)
        reference = (pk if pk is not None
                     else Counter(c for _, c, _, _ in counts).most_common(1)[0][0])
        odd = next((entry for entry in counts if entry[1] != reference), counts[0])
        parts_id, parts_en = [], []
        for kind, distinct, n_rows, view in counts:
            name = view_name(view) if view.caption and kind is not ViewKind.PERJANJIAN_KINERJA \
                else KIND_LABEL[kind]
            extra_id = f" ({n_rows} baris)" if n_rows != distinct else ""
            extra_en = f" ({n_rows} rows)" if n_rows != distinct else ""
            parts_id.append(f"{name.id} {distinct}{extra_id}")
            parts_en.append(f"{name.en} {distinct}{extra_en}")
        kind, distinct, _, view = odd
        first = next((r for r in view.data_rows if r.indikator is not None), None)
        loc = (first.indikator.loc if first is not None and first.indikator is not None
               else Location(table=view.table))
        yield self.finding(
            loc, column=label_of(view, "indikator"), actual=distinct, expected=reference,
            listing="; ".join(parts_id), listing_en="; ".join(parts_en))


# --------------------------------------------------------------------------------------------
# C210 status-mismatch


class _Band(BaseModel):
    model_config = ConfigDict(extra="allow")
    label: str
    min: Decimal | None = None
    max: Decimal | None = None
    min_open: bool = False
    max_open: bool = False
    aliases: list[str] = Field(default_factory=list)

    def contains(self, x: Decimal) -> bool:
        if self.min is not None and (x < self.min or (self.min_open and x == self.min)):
            return False
        return not (self.max is not None and (x > self.max or (self.max_open and x == self.max)))


class _Scale(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str | None = None
    bands: list[_Band] = Field(default_factory=list)


class _Achievement(BaseModel):
    model_config = ConfigDict(extra="allow")
    threshold: Decimal = Decimal(100)
    met: list[str] = Field(default_factory=list)
    not_met: list[str] = Field(default_factory=list)
    exceeded: list[str] = Field(default_factory=list)


class CategoryScales(BaseModel):
    """The ``category-scales`` pack section."""

    model_config = ConfigDict(extra="allow")
    achievement: _Achievement = Field(default_factory=_Achievement)
    default: str | None = None
    gaps: str = "either"
    above_max: str = "top"
    scales: dict[str, _Scale] = Field(default_factory=dict)


@lru_cache(maxsize=32)
def _scales_cached(pack: Any) -> CategoryScales:
    return calc.validate_section(pack, "category-scales", CategoryScales)


def category_scales(pack: Any = None) -> CategoryScales:
    if pack is None:
        from lapkin_audit.packs import load_pack

        pack = load_pack()
    return _scales_cached(pack)


def _label_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w%<>]+", " ", text.casefold())).strip()


def band_verdict(scale: _Scale, x: Decimal, label_band: _Band, gaps: str, above_max: str
                 ) -> bool | None:
    """Does value ``x`` fit ``label_band`` of ``scale``? None when no judgement is possible."""
    top = max(scale.bands, key=lambda b: b.max if b.max is not None else Decimal("1e9"))
    if top.max is not None and x > top.max:
        if above_max != "top":
            return None
        return label_band is top
    inside = [b for b in scale.bands if b.contains(x)]
    if inside:
        return label_band in inside
    # x lies in a gap between bands
    if gaps == "skip":
        return None
    if gaps == "round":
        rounded = calc.quantize(x, 0, "half_up")
        inside = [b for b in scale.bands if b.contains(rounded)]
        return label_band in inside if inside else None
    below = [b for b in scale.bands if b.max is not None and b.max < x]
    above = [b for b in scale.bands if b.min is not None and b.min > x]
    lower = max(below, key=lambda b: b.max) if below else None  # type: ignore[arg-type,return-value]
    upper = min(above, key=lambda b: b.min) if above else None  # type: ignore[arg-type,return-value]
    if gaps == "lower":
        return label_band is lower
    if gaps == "upper":
        return label_band is upper
    return label_band in (lower, upper)


def _band_text(band: _Band) -> str:
    lo = "" if band.min is None else f"{'>' if band.min_open else '≥'} {pct(band.min, 0)}"
    hi = "" if band.max is None else f"{'<' if band.max_open else '≤'} {pct(band.max, 0)}"
    return " dan ".join(p for p in (lo, hi) if p)


def _band_text_en(band: _Band) -> str:
    return _band_text(band).replace(" dan ", " and ")


@register
class StatusMismatch(Rule):
    """A status or category label contradicts the capaian.

    ## What it checks
    The status cell of a capaian or cost-per-outcome row (``Ket``, ``Kesimpulan``,
    ``Kategori`` …) against the row's capaian, recomputed with the indicator's polarity
    (both negative conventions accepted), or the printed capaian when it cannot be
    recomputed:
    - achievement labels (``category-scales`` pack ``achievement``): ``Tercapai`` /
      ``Berhasil`` need capaian ≥ the threshold (100), ``Belum Tercapai`` less,
      ``Melebihi Target`` more;
    - category labels (``Sangat Tinggi`` … ``Sangat Rendah``, ``ST``; ``Sangat Baik`` …):
      the value must lie in the label's band of the pack's default scale, or of any scale
      holding the label when the default does not. Values in the gaps between bands and
      above 100% follow the pack's ``gaps`` and ``above_max`` choices.
    Errors for achievement labels, warnings for category bands (scale attribution
    unconfirmed). Unknown labels are not judged.

    ## Why it matters
    The label is what a reader retains; "Tercapai" at 98% of target, or "belum mencapai
    target" for a negative indicator below its ceiling, misstates the result (layouts.md 3).

    ## Example (fails)
    Target 100%, realisasi 98%, status ``Tercapai``. Capaian 72%, kategori ``Tinggi``.

    ## Example (passes)
    Target 85%, realisasi 90%, ``Tercapai``; negative indicator target 10, realisasi 8,
    ``Tercapai``; capaian 95%, ``Sangat Tinggi``.

    ## Options
    Pack ``category-scales`` (labels, threshold, scales, ``gaps``, ``above_max``); packs
    ``polarity`` and ``tolerances``.
    """

    code = "C210"
    name = "status-mismatch"
    family = "consistency"
    default_severity = Severity.ERROR
    packs = ("category-scales", "polarity", "tolerances")
    template = Message(
        id="Status '{label}' tidak sesuai dengan capaian {value} ({basis}): '{label}' berlaku "
           "untuk capaian {rule}; yang sesuai '{expected}'",
        en="Status '{label}' contradicts the capaian {value} ({basis}): '{label}' applies to "
           "capaian {rule_en}; the fitting label is '{expected}'",
    )
    band_template = Message(
        id="Kategori '{label}' tidak sesuai dengan capaian {value} ({basis}): pada skala "
           "{scale} '{label}' berlaku untuk capaian {rule}; yang sesuai '{expected}'",
        en="Category '{label}' contradicts the capaian {value} ({basis}): on the {scale} "
           "scale '{label}' applies to capaian {rule_en}; the fitting label is '{expected}'",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        cfg = category_scales(ctx.pack)
        modes = calc.tolerances(ctx.pack).modes
        overrides = calc.polarity_overrides(ctx)
        for view in report.views:
            if view.kind not in (ViewKind.CAPAIAN, ViewKind.COST):
                continue
            for row in view.data_rows:
                if row.status is None or not row.status.text.strip():
                    continue
                values, basis = self._values(row, ctx, overrides, modes)
                if not values:
                    continue
                finding = self._achievement(view, row, values, basis, cfg)
                if finding is None:
                    finding = self._category(view, row, values, basis, cfg)
                if finding is not None:
                    yield finding

    @staticmethod
    def _values(row: ViewRow, ctx: Context, overrides: dict, modes: tuple[str, ...]
                ) -> tuple[list[Decimal], Message]:
        t, r, c = row.target, row.realisasi, row.capaian
        if (t is not None and r is not None and t.value is not None and r.value is not None
                and t.value != 0 and calc.units_compatible(t, r)):
            ev = calc.row_polarity(row, ctx.pack, overrides)
            cands = calc.capaian_candidates(t.value, r.value)
            values = [cands[f] for f in calc.accepted_formulas(ev.polarity, ctx.pack)
                      if cands[f] is not None]
            # the printed capaian, when it is one of these values at its precision
            if c is not None and c.value is not None and any(
                    calc.agrees(c, v, modes) for v in values):
                values.append(c.value)
            if ev.polarity is Polarity.NEGATIVE:
                basis = Message(
                    id=f"dihitung dari target {show(t)} dan realisasi {show(r)}, indikator negatif",
                    en=f"computed from target {show(t)} and realisasi {show(r)}, a negative "
                       "indicator")
            else:
                basis = Message(id=f"realisasi {show(r)} ÷ target {show(t)}",
                                en=f"realisasi {show(r)} ÷ target {show(t)}")
            return [v for v in values if v is not None], basis
        if c is not None and c.value is not None:
            return [c.value], Message(id="capaian tertulis", en="printed capaian")
        return [], Message(id="", en="")

    def _achievement(self, view: TableView, row: ViewRow, values: list[Decimal],
                     basis: Message, cfg: CategoryScales) -> Finding | None:
        assert row.status is not None
        key = _label_key(row.status.text)
        ach = cfg.achievement
        th = ach.threshold
        groups = (
            ("met", ach.met, lambda v: v >= th, f"≥ {pct(th, 0)}", f"≥ {pct(th, 0)}"),
            ("not_met", ach.not_met, lambda v: v < th, f"< {pct(th, 0)}", f"< {pct(th, 0)}"),
            ("exceeded", ach.exceeded, lambda v: v > th, f"> {pct(th, 0)}", f"> {pct(th, 0)}"),
        )
        for _, labels, ok, rule_id, rule_en in groups:
            if key not in {_label_key(x) for x in labels}:
                continue
            if any(ok(v) for v in values):
                return None
            fitting = (ach.met or ["Tercapai"])[0] if values[0] >= th else (
                ach.not_met or ["Belum Tercapai"])[0]
            return self._emit(view, row, values, basis, self.template, Severity.ERROR,
                              fitting, rule=rule_id, rule_en=rule_en)
        return None

    def _category(self, view: TableView, row: ViewRow, values: list[Decimal], basis: Message,
                  cfg: CategoryScales) -> Finding | None:
        assert row.status is not None
        key = _label_key(row.status.text)
        holding: list[tuple[str, _Scale, _Band]] = []
        for name, scale in cfg.scales.items():
            for band in scale.bands:
                if key in {_label_key(band.label), *(_label_key(a) for a in band.aliases)}:
                    holding.append((name, scale, band))
        if not holding:
            return None
        default = [h for h in holding if h[0] == cfg.default]
        judged = default or holding
        verdicts = [band_verdict(scale, v, band, cfg.gaps, cfg.above_max)
                    for _, scale, band in judged for v in values]
        if any(v is None or v for v in verdicts):
            return None
        name, scale, band = judged[0]
        fitting = next((b.label for b in scale.bands
                        if band_verdict(scale, values[0], b, cfg.gaps, cfg.above_max)), "—")
        return self._emit(view, row, values, basis, self.band_template, Severity.WARNING,
                          fitting, rule=_band_text(band), rule_en=_band_text_en(band),
                          scale=scale.name or name)

    def _emit(self, view: TableView, row: ViewRow, values: list[Decimal], basis: Message,
              template: Message, severity: Severity, fitting: str, **fields: Any) -> Finding:
        """``actual``/``expected`` are the printed and the fitting label; the message gives
        the capaian the judgement rests on."""
        assert row.status is not None
        label = row.status.text.strip()
        shown = " / ".join(dict.fromkeys(pct(v) for v in values[:2]))
        return self.finding(
            row.status.loc, template=template, severity=severity,
            column=label_of(view, "status"), label=label, value=shown,
            actual=label, actual_text=label, expected=fitting, expected_text=fitting,
            basis=basis, **fields)
