"""Arithmetic rules (A1xx): every printed figure that can be recomputed from printed inputs.

Computation is in :class:`~decimal.Decimal` (:mod:`lapkin_audit.rules.calc`); a printed value
agrees when half-up rounding or truncation of the recomputed value to the printed number of
decimals gives it (the ``tolerances`` pack). A match under truncation only, or a common cap,
is reported as info; a value no formula reproduces is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lapkin_audit.model import (
    Finding,
    Location,
    Message,
    Quantity,
    Report,
    RowKind,
    Severity,
    TableView,
    Unit,
    ViewKind,
    ViewRow,
)
from lapkin_audit.parse.numbers import format_number
from lapkin_audit.rules import calc
from lapkin_audit.rules.calc import (
    NEG_STD,
    T_R,
    Diagnosis,
    Polarity,
    PolarityEvidence,
    agrees,
    pct,
    show,
)
from lapkin_audit.rules.matching import normalise_name, view_name
from lapkin_audit.rules.registry import Context, Rule, register

EMPTY = Message(id="", en="")


def option(ctx: Context, code: str, key: str, default: Any) -> Any:
    """A rule option: ``options[code][key]``, then ``options[key]``, else ``default``."""
    options = ctx.options or {}
    scoped = options.get(code)
    if isinstance(scoped, dict) and key in scoped:
        return scoped[key]
    return options.get(key, default)


def grid_row(row: ViewRow) -> int:
    """The 1-based table row a user sees for a view row (as in finding locations)."""
    return (row.grid_rows[0] + 1) if row.grid_rows else 0


def compress_numbers(numbers: list[int]) -> str:
    """``[2, 3, 4, 5, 9]`` → ``2–5, 9``."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def rows_text(rows: list[ViewRow]) -> str:
    """1-based table rows of view rows, runs compressed (``3–6, 9``)."""
    return compress_numbers([grid_row(r) for r in rows])


def money(q: Quantity | Decimal | None, decimals: int | None = None) -> str:
    """Rupiah for messages: ``Rp 2.520.758.374`` (decimals as printed)."""
    if q is None:
        return "—"
    if isinstance(q, Quantity):
        if q.value is None:
            return show(q)
        decimals = q.decimals if decimals is None else decimals
        value = q.value
    else:
        value = q
    return format_number(value, decimals or 0, Unit.RUPIAH)


def as_number(value: Decimal | None, places: int = 2) -> float | int | None:
    """A finding's ``actual``/``expected``: float rounded to ``places`` or int when whole."""
    if value is None:
        return None
    rounded = calc.quantize(value, places, "half_up")
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def cell_loc(view: TableView, row: ViewRow, role: str) -> Location:
    """The location of a row's cell for ``role``, also when the cell is empty."""
    q = getattr(row, role, None)
    if q is not None and getattr(q, "loc", None) is not None and q.loc.table is not None:
        return q.loc
    col = view.column(role)
    return Location(
        table=view.table,
        row=row.grid_rows[0] if row.grid_rows else None,
        column=col.index if col else None,
    )


def label_of(view: TableView, role: str) -> str | None:
    return calc.view_column_label(view, role)


# --------------------------------------------------------------------------------------------
# Capaian (A101, A102).


@dataclass
class CapaianCell:
    view: TableView
    row: ViewRow
    target: Quantity
    realisasi: Quantity
    capaian: Quantity
    year: int | None
    polarity: PolarityEvidence
    diagnosis: Diagnosis


def capaian_cells(report: Report, ctx: Context) -> Iterator[CapaianCell]:
    """Every capaian cell of the capaian and cost views that can be recomputed."""
    overrides = calc.polarity_overrides(ctx)
    modes = calc.tolerances(ctx.pack).modes
    for view in report.views:
        if view.kind not in (ViewKind.CAPAIAN, ViewKind.COST):
            continue
        for row in view.data_rows:
            triples: list[tuple[int | None, Any, Any, Any]] = [
                (None, row.target, row.realisasi, row.capaian)
            ]
            main_loc = row.capaian.loc if row.capaian is not None else None
            for year, values in sorted(row.years.items()):
                cap = values.get("capaian")
                if cap is not None and (cap is row.capaian or (
                        main_loc is not None and main_loc.table is not None
                        and cap.loc == main_loc)):
                    continue  # the report year, already in the main fields
                triples.append((year, values.get("target"), values.get("realisasi"), cap))
            for year, t, r, c in triples:
                if t is None or r is None or c is None:
                    continue
                if t.value is None or r.value is None or c.value is None:
                    continue
                if not calc.units_compatible(t, r):
                    continue
                if t.value == 0:
                    continue  # division guard: nothing to recompute (domain.md 13 ar-10)
                ev = calc.row_polarity(row, ctx.pack, overrides, target=t)
                diag = calc.diagnose(c, t.value, r.value, ev.polarity, ctx.pack, modes)
                yield CapaianCell(view, row, t, r, c, year, ev, diag)


def calc_text(formula: str | None, t: Quantity, r: Quantity) -> Message:
    """The computation behind an expected capaian, naming both inputs."""
    T, R = show(t), show(r)
    if formula == NEG_STD:
        return Message(id=f"(2 × target {T} − realisasi {R}) ÷ target {T}",
                       en=f"(2 × target {T} − realisasi {R}) ÷ target {T}")
    if formula == T_R:
        return Message(id=f"target {T} ÷ realisasi {R}", en=f"target {T} ÷ realisasi {R}")
    return Message(id=f"realisasi {R} ÷ target {T}", en=f"realisasi {R} ÷ target {T}")


def year_text(year: int | None) -> str:
    return f" {year}" if year else ""


def expected_places(printed: Quantity) -> int:
    return max(2, printed.decimals or 0)


@register
class CapaianMismatch(Rule):
    """Printed capaian differs from the value recomputed from target and realisasi.

    ## What it checks
    Every capaian (achievement %) in a capaian or cost-per-outcome table whose target and
    realisasi are printed numbers. The correct value depends on the indicator's polarity
    (inferred from the document, the configuration or the wording; ``polarity`` pack):
    realisasi ÷ target × 100 for a positive indicator; for a negative one (lower is better)
    both (2 × target − realisasi) ÷ target × 100 and target ÷ realisasi × 100 are accepted.
    A printed value agrees when half-up rounding **or** truncation of the recomputed value to
    the printed number of decimals gives it.

    A value that does not agree is diagnosed: every candidate formula (R/T, T/R, (2T−R)/T,
    (T−R)/T) under both roundings, and the common caps 100/120/200, are tried, and the
    message says which one the author used: a positive-indicator formula on a negative
    indicator, a reduction rate, or no formula at all (each candidate's value is listed).
    The inverted formula (target ÷ realisasi on a positive indicator) is reported by A102
    instead. Info when the value matches only under truncation or is capped; info once per
    table that mixes the two negative conventions.

    ## Why it matters
    Capaian is the headline of a performance report; inspectors (APIP reviu) recompute it.
    Permenpan RB 53/2014 prescribes no formula, so the rule follows published guidance
    (domain.md 3.2–3.5).

    ## Example (fails)
    Target 86%, realisasi 24,97%, capaian printed 340,40%: realisasi ÷ target = 29,03%, and
    no formula gives 340,40% (T/R = 344,41%) — error, listing each candidate.

    ## Example (passes)
    Target 100%, realisasi 100%, capaian 100%. A negative indicator ("Persentase kasus …")
    with target 10, realisasi 8 printed 120 ((2T−R)/T) or 125 (T/R).

    ## Options
    Packs ``polarity`` (vocabulary, per-indicator map) and ``tolerances`` (rounding modes,
    negative conventions, caps). Rule option ``report_truncation`` (default true): set false
    to drop the info on truncated values. Context option ``polarity``: a map of indicator
    name → ``positive``/``negative``.
    """

    code = "A101"
    name = "capaian-mismatch"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("polarity", "tolerances")
    template = Message(
        id="Capaian{year} tertulis {actual}, seharusnya {expected} ({calc}); nilai tertulis "
           "{explanation}{extra}",
        en="Capaian{year} printed {actual}, expected {expected} ({calc}); the printed value is "
           "{explanation}{extra}",
    )
    info_template = Message(
        id="Capaian{year} tertulis {actual}, hasil hitung {computed} ({calc}); nilai tertulis "
           "{explanation}; dengan pembulatan biasa {expected}",
        en="Capaian{year} printed {actual}, computed {computed} ({calc}); the printed value is "
           "{explanation}; rounded half-up it is {expected}",
    )
    unreproducible_template = Message(
        id="Capaian{year} tertulis {actual}, seharusnya {expected} ({calc}); {explanation}{extra}",
        en="Capaian{year} printed {actual}, expected {expected} ({calc}); {explanation}{extra}",
    )
    capped_template = Message(
        id="Capaian{year} tertulis {actual}, hasil hitung {computed} ({calc}): nilai {explanation}",
        en="Capaian{year} printed {actual}, computed {computed} ({calc}): the value is "
           "{explanation}",
    )
    mixed_template = Message(
        id="Indikator negatif dalam {table} memakai dua rumus berbeda: (2 × target − "
           "realisasi) ÷ target pada baris {std_rows} dan target ÷ realisasi pada baris "
           "{inv_rows}; gunakan satu konvensi",
        en="Negative indicators in {table} use two formulas: (2 × target − realisasi) ÷ "
           "target on rows {std_rows} and target ÷ realisasi on rows {inv_rows}; use one "
           "convention",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        report_truncation = option(ctx, self.code, "report_truncation", True)
        modes = calc.tolerances(ctx.pack).modes
        conventions: dict[int, dict[str, list[ViewRow]]] = {}
        views: dict[int, TableView] = {}
        for cell in capaian_cells(report, ctx):
            d = cell.diagnosis
            if d.verdict == calc.VERDICT_INVERTED:
                continue  # A102
            if (d.polarity is Polarity.NEGATIVE and d.formula in (NEG_STD, T_R)
                    and d.verdict in (calc.VERDICT_OK, calc.VERDICT_TRUNCATED)
                    and not agrees(cell.capaian, d.candidates[T_R if d.formula == NEG_STD
                                                              else NEG_STD], modes)):
                # only rows that one convention alone reproduces tell which one is used
                conventions.setdefault(id(cell.view), {}).setdefault(d.formula, []).append(
                    cell.row)
                views[id(cell.view)] = cell.view
            if d.verdict == calc.VERDICT_OK:
                continue
            finding = self._finding(cell, ctx, report_truncation)
            if finding is not None:
                yield finding
        for key, used in conventions.items():
            if len(used) > 1:
                view = views[key]
                first = used[T_R][0] if len(used[T_R]) <= len(used[NEG_STD]) else used[NEG_STD][0]
                yield self.finding(
                    cell_loc(view, first, "capaian"),
                    column=label_of(view, "capaian"),
                    severity=Severity.INFO,
                    template=self.mixed_template,
                    table=view_name(view),
                    std_rows=rows_text(used[NEG_STD]),
                    inv_rows=rows_text(used[T_R]),
                )

    def _finding(self, cell: CapaianCell, ctx: Context, report_truncation: bool) -> Finding | None:
        d = cell.diagnosis
        c = cell.capaian
        common = {
            "column": label_of(cell.view, "capaian"),
            "year": year_text(cell.year),
            "actual": as_number(c.value),
            "actual_text": show(c),
        }
        if d.verdict == calc.VERDICT_TRUNCATED:
            if not report_truncation or d.formula is None:
                return None
            computed = d.candidates[d.formula]
            assert computed is not None
            rounded = calc.quantize(computed, c.decimals or 0, "half_up")
            return self.finding(
                c.loc, severity=Severity.INFO, template=self.info_template,
                expected=as_number(rounded, c.decimals or 0),
                expected_text=pct(rounded, c.decimals or 0),
                computed=pct(computed, expected_places(c)),
                calc=calc_text(d.formula, cell.target, cell.realisasi),
                explanation=d.explanation, **common)
        if d.verdict == calc.VERDICT_CAPPED:
            computed = d.candidates[d.formula] if d.formula else None
            return self.finding(
                c.loc, severity=Severity.INFO, template=self.capped_template,
                expected=as_number(computed), expected_text=pct(computed, expected_places(c)),
                computed=pct(computed, expected_places(c)),
                calc=calc_text(d.formula, cell.target, cell.realisasi),
                explanation=d.explanation, **common)
        if d.expected is None:
            return None
        extra = self._extra(cell)
        return self.finding(
            c.loc,
            template=(self.unreproducible_template
                      if d.verdict == calc.VERDICT_UNREPRODUCIBLE else None),
            expected=as_number(d.expected),
            expected_text=pct(d.expected, expected_places(c)),
            calc=calc_text(d.expected_formula, cell.target, cell.realisasi),
            explanation=d.explanation,
            extra=extra,
            **common,
        )

    def _extra(self, cell: CapaianCell) -> Message:
        """Polarity context and, for an unreproducible value, a copy from another row."""
        parts_id: list[str] = []
        parts_en: list[str] = []
        d = cell.diagnosis
        if d.polarity is Polarity.NEGATIVE:
            alt = d.candidates.get(T_R) if d.expected_formula != T_R else d.candidates.get(NEG_STD)
            parts_id.append(f"indikator negatif ({cell.polarity.message.id}); "
                            f"konvensi lain juga diterima: {pct(alt)}")
            parts_en.append(f"negative indicator ({cell.polarity.message.en}); the other "
                            f"convention is also accepted: {pct(alt)}")
        if (d.verdict == calc.VERDICT_WRONG_POLARITY and d.polarity is Polarity.POSITIVE
                and cell.polarity.source == "default"):
            parts_id.append("dokumen tidak menyatakan polaritas indikator; bila indikator ini "
                            "negatif (makin rendah makin baik), tetapkan polaritasnya di "
                            "konfigurasi")
            parts_en.append("the document states no polarity; if this indicator is negative "
                            "(lower is better), set its polarity in the configuration")
        if d.verdict == calc.VERDICT_UNREPRODUCIBLE:
            twins = [
                r for r in cell.view.data_rows
                if r is not cell.row and r.capaian is not None and r.capaian.value is not None
                and r.capaian.value == cell.capaian.value
            ]
            if twins:
                rows = rows_text(twins)
                parts_id.append(f"nilai tertulis sama persis dengan capaian baris {rows}")
                parts_en.append(f"the printed value is identical to the capaian of row {rows}")
        if not parts_id:
            return EMPTY
        return Message(id="; " + "; ".join(parts_id), en="; " + "; ".join(parts_en))


@register
class CapaianInverted(Rule):
    """Printed capaian is target ÷ realisasi on a positive indicator ("rumus terbalik").

    ## What it checks
    A capaian in a capaian or cost-per-outcome table that equals target ÷ realisasi × 100
    (rounded or truncated to the printed decimals) while the indicator is positive (higher is
    better) and realisasi ÷ target × 100 does not give it. The message names the formula used
    and the value expected. Reported instead of A101 for that cell.

    ## Why it matters
    Inverting the ratio rewards under-performance: realisasi 50% against a target of 85%
    reads as 170% achieved. It is the seed report's main defect (Tabel 2.2, header
    ``Capaian 6=4/5``).

    ## Example (fails)
    Target 85%, realisasi 50%, capaian 170%: expected 58,82% (realisasi 50% ÷ target 85%);
    170% = target ÷ realisasi. Target 86%, realisasi 77%, capaian 111%: 111,69% truncated.

    ## Example (passes)
    Target 100%, realisasi 100%, capaian 100%. A negative indicator (``Persentase kasus …``)
    with target 10, realisasi 8, capaian 125: target ÷ realisasi is an accepted negative
    convention (A101 judges it).

    ## Options
    Packs ``polarity`` and ``tolerances``, as A101.
    """

    code = "A102"
    name = "capaian-inverted"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("polarity", "tolerances")
    template = Message(
        id="Capaian{year} tertulis {actual}, seharusnya {expected} (realisasi {r} ÷ target {t}); "
           "nilai tertulis {explanation}: target {t} ÷ realisasi {r} = {inverted}{note}",
        en="Capaian{year} printed {actual}, expected {expected} (realisasi {r} ÷ target {t}); "
           "the printed value is {explanation}: target {t} ÷ realisasi {r} = {inverted}{note}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        for cell in capaian_cells(report, ctx):
            d = cell.diagnosis
            if d.verdict != calc.VERDICT_INVERTED or d.expected is None:
                continue
            c = cell.capaian
            yield self.finding(
                c.loc,
                column=label_of(cell.view, "capaian"),
                actual=as_number(c.value),
                actual_text=show(c),
                expected=as_number(d.expected),
                expected_text=pct(d.expected, expected_places(c)),
                year=year_text(cell.year),
                r=show(cell.realisasi),
                t=show(cell.target),
                inverted=pct(d.candidates[T_R], expected_places(c)),
                explanation=d.explanation,
                note=Message(id=f" ({cell.polarity.message.id})",
                             en=f" ({cell.polarity.message.en})")
                if cell.polarity.caution else EMPTY,
            )


# --------------------------------------------------------------------------------------------
# Serapan (A103).


@register
class AbsorptionMismatch(Rule):
    """Printed serapan (budget absorption %) differs from realisasi anggaran ÷ pagu.

    ## What it checks
    Every row of a budget or cost-per-outcome table with pagu, realisasi anggaran and
    serapan printed as numbers (data, total and parent rows alike): serapan must equal
    realisasi ÷ pagu × 100 at the printed precision (half-up rounding or truncation). A
    value reproduced only by truncation is info; a value that is pagu ÷ realisasi is named
    as the inverted ratio.

    ## Why it matters
    Absorption is how the report shows that money was spent on the plan; inspectors compare
    it with the realisasi anggaran reports (domain.md 13 ar-7).

    ## Example (fails)
    Pagu 122.359.000, realisasi 44.109.000, serapan printed 35,72%: expected 36,05%.

    ## Example (passes)
    Pagu 266.020.000, realisasi 66.420.000, serapan 24,97% (24,968…% rounded).

    ## Options
    Pack ``tolerances`` (rounding modes).
    """

    code = "A103"
    name = "absorption-mismatch"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("tolerances",)
    template = Message(
        id="Serapan tertulis {actual}, seharusnya {expected} (realisasi {ra} ÷ pagu {p}){extra}",
        en="Absorption printed {actual}, expected {expected} (realisasi {ra} ÷ pagu {p}){extra}",
    )
    info_template = Message(
        id="Serapan tertulis {actual}, hasil hitung {computed} (realisasi {ra} ÷ pagu {p}): "
           "dipotong, bukan dibulatkan; dengan pembulatan biasa {expected}",
        en="Absorption printed {actual}, computed {computed} (realisasi {ra} ÷ pagu {p}): "
           "truncated, not rounded; rounded half-up it is {expected}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        modes = calc.tolerances(ctx.pack).modes
        for view in report.views:
            if view.kind not in (ViewKind.BUDGET, ViewKind.COST):
                continue
            for row in view.rows:
                p, ra, s = row.pagu, row.realisasi_anggaran, row.serapan
                if p is None or ra is None or s is None:
                    continue
                if p.value is None or ra.value is None or s.value is None or p.value == 0:
                    continue
                computed = calc.ratio_percent(ra.value, p.value)
                assert computed is not None
                how = agrees(s, computed, modes)
                if how == "round":
                    continue
                places = expected_places(s)
                common = {"column": label_of(view, "serapan"), "actual": as_number(s.value),
                          "actual_text": show(s), "ra": money(ra), "p": money(p)}
                if how == "truncate":
                    if not option(ctx, self.code, "report_truncation", True):
                        continue
                    rounded = calc.quantize(computed, s.decimals or 0, "half_up")
                    yield self.finding(
                        s.loc, severity=Severity.INFO, template=self.info_template,
                        expected=as_number(rounded, s.decimals or 0),
                        expected_text=pct(rounded, s.decimals or 0),
                        computed=pct(computed, places), **common)
                    continue
                extra = EMPTY
                inverted = calc.ratio_percent(p.value, ra.value) if ra.value else None
                if agrees(s, inverted, modes):
                    extra = Message(
                        id="; nilai tertulis dihitung pagu ÷ realisasi (rumus terbalik)",
                        en="; the printed value is pagu ÷ realisasi (inverted ratio)")
                yield self.finding(
                    s.loc, expected=as_number(computed), expected_text=pct(computed, places),
                    extra=extra, **common)


# --------------------------------------------------------------------------------------------
# Totals, averages, parents (A104).

SUM_ROLES = ("pagu", "realisasi_anggaran")
MEAN_ROLES = ("target", "realisasi", "capaian", "serapan", "efisiensi")


def _segment(view: TableView, k: int) -> list[ViewRow]:
    """Data rows a summary row at index ``k`` closes: back to the previous summary row,
    skipping summary rows directly above it (JUMLAH then RATA-RATA)."""
    rows = view.rows
    i = k - 1
    while i >= 0 and rows[i].kind in (RowKind.TOTAL, RowKind.AVERAGE):
        i -= 1
    out: list[ViewRow] = []
    while i >= 0 and rows[i].kind not in (RowKind.TOTAL, RowKind.AVERAGE):
        if rows[i].kind is RowKind.DATA:
            out.append(rows[i])
        i -= 1
    return list(reversed(out))


_CODE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s*$")
_LEVEL_WORDS = (
    (re.compile(r"^\s*sub[\s-]*kegiatan\b", re.IGNORECASE), 2),
    (re.compile(r"^\s*kegiatan\b", re.IGNORECASE), 1),
    (re.compile(r"^\s*program\b", re.IGNORECASE), 0),
)


@dataclass
class Hierarchy:
    """Levels and parents of a view's rows (by index into ``view.rows``)."""

    level: dict[int, int]
    parent: dict[int, int | None]
    known: bool  # False when every row sits at level 0 (no hierarchy known)

    def of(self, view: TableView, row: ViewRow) -> int:
        return self.level.get(_index(view, row), row.level)

    def children(self, view: TableView) -> dict[int, list[ViewRow]]:
        out: dict[int, list[ViewRow]] = {}
        for i, r in enumerate(view.rows):
            p = self.parent.get(i)
            if p is not None and r.kind is RowKind.DATA:
                out.setdefault(p, []).append(r)
        return out

    def from_leaves(self, view: TableView, i: int, role: str) -> Decimal | None:
        """The value of row ``i`` if every parent below it summed its children."""
        kids = self.children(view).get(i)
        if kids:
            values = [self.from_leaves(view, _index(view, k), role) for k in kids]
            if all(v is not None for v in values):
                return sum(values, Decimal(0))  # type: ignore[arg-type]
        return _num(view.rows[i], role)


def _index(view: TableView, row: ViewRow) -> int:
    return next(i for i, r in enumerate(view.rows) if r is row)


def _row_code(row: ViewRow) -> str | None:
    candidates = [row.number] + [t.text for t in row.extra.values()]
    for c in candidates:
        if c and _CODE.match(c):
            return _CODE.match(c).group(1)  # type: ignore[union-attr]
    return None


def hierarchy(view: TableView) -> Hierarchy:
    """The Program › Kegiatan › Sub Kegiatan tree of a view.

    The reader's ``level``/``parent`` when it set them; otherwise derived from a code column
    (``1``, ``1.1``, ``1.1.1`` in ``No`` or an unrecognised column such as ``Kode``), or from
    prefix words (``Program``, ``Kegiatan``, ``Sub Kegiatan``).
    """
    rows = view.rows
    if any(r.level or r.parent is not None for r in rows):
        return Hierarchy({i: r.level for i, r in enumerate(rows)},
                         {i: r.parent for i, r in enumerate(rows)}, True)
    level: dict[int, int] = {}
    parent: dict[int, int | None] = {}
    codes = {i: _row_code(r) for i, r in enumerate(rows) if r.kind is RowKind.DATA}
    coded = {i: c for i, c in codes.items() if c}
    data = [i for i, r in enumerate(rows) if r.kind is RowKind.DATA]
    if data and len(coded) == len(data) and len({c.count(".") for c in coded.values()}) > 1:
        seen: dict[str, int] = {}
        for i in data:
            code = coded[i]
            level[i] = code.count(".")
            parent[i] = seen.get(code.rpartition(".")[0]) if "." in code else None
            seen[code] = i
    else:
        stack: dict[int, int] = {}
        for i in data:
            name = _row_label(rows[i])
            lv = next((lv for pattern, lv in _LEVEL_WORDS if pattern.match(name)), None)
            if lv is None:
                level.clear()
                break
            level[i] = lv
            parent[i] = stack.get(lv - 1) if lv else None
            stack[lv] = i
        if len(set(level.values())) < 2:
            level.clear()
            parent.clear()
    known = bool(level)
    for i, r in enumerate(rows):
        level.setdefault(i, r.level)
        parent.setdefault(i, r.parent)
    return Hierarchy(level, parent, known)


def _top_level(view: TableView, tree: Hierarchy, rows: list[ViewRow], role: str
               ) -> tuple[list[ViewRow], list[ViewRow]]:
    """Rows with a value for ``role`` at the shallowest level among them, and all the rows
    of that level (valued or not)."""
    valued = [r for r in rows if _num(r, role) is not None]
    if not valued:
        return [], []
    level = min(tree.of(view, r) for r in valued)
    return ([r for r in valued if tree.of(view, r) == level],
            [r for r in rows if tree.of(view, r) == level])


def _num(row: ViewRow, role: str) -> Decimal | None:
    q = getattr(row, role, None)
    return q.value if isinstance(q, Quantity) and q.value is not None else None


def _row_label(row: ViewRow) -> str:
    if row.label is not None:
        return row.label.text.strip()
    name = row.name
    return name.text.strip() if name else ""


@register
class TotalMismatch(Rule):
    """A JUMLAH / Total, Rata-rata or parent row differs from the rows it summarises.

    ## What it checks
    - A ``TOTAL`` row (JUMLAH, Total, Sub total): its pagu and realisasi anggaran equal the
      sum of the data rows above it (back to the previous summary row, or all data rows
      before it for a grand total); in a hierarchy only the rows of the top level are
      summed. Tolerance: one unit of the total's last printed digit (``tolerances`` pack).
    - An ``AVERAGE`` row (Rata-rata): each value equals the mean of the printed values above
      it, divided by the number of rows that have a value, at the printed precision. When
      dividing by all rows (empty ones included) reproduces the value, the message says so.
    - A parent row (Program › Kegiatan › Sub Kegiatan): its pagu and realisasi anggaran
      equal the sum of its children when every child has a value.
    Derived percentages (serapan of a total or parent row) are checked by A103.

    ## Why it matters
    Totals that do not add up are among the most frequent defects in published reports
    (layouts.md 3) and the first thing an inspector re-adds.

    ## Example (fails)
    Four programmes 1.841.579.374 + 122.359.000 + 290.800.000 + 266.020.000 under a JUMLAH
    of 2.520.758.370: the rows add up to 2.520.758.374.

    ## Example (passes)
    The same rows under JUMLAH 2.520.758.374.

    ## Options
    Pack ``tolerances`` (``totals.tolerance_units``, rounding modes for averages).
    """

    code = "A104"
    name = "total-mismatch"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("tolerances",)
    template = Message(
        id="{label} {column_name} tertulis {actual}, jumlah {n} baris di atasnya {expected} "
           "(baris {rows}; selisih {diff})",
        en="{label} {column_name} printed {actual}, the {n} rows above add up to {expected} "
           "(rows {rows}; difference {diff})",
    )
    average_template = Message(
        id="{label} {column_name} tertulis {actual}, rata-rata {n} baris di atasnya {expected} "
           "(jumlah {total} ÷ {n}; baris {rows}){extra}",
        en="{label} {column_name} printed {actual}, the mean of the {n} rows above is {expected} "
           "(sum {total} ÷ {n}; rows {rows}){extra}",
    )
    parent_template = Message(
        id="{column_name} baris induk '{label}' tertulis {actual}, jumlah {n} sub-barisnya "
           "{expected} (baris {rows}; selisih {diff})",
        en="{column_name} of the parent row '{label}' printed {actual}, its {n} child rows add "
           "up to {expected} (rows {rows}; difference {diff})",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        tol = calc.tolerances(ctx.pack)
        for view in report.views:
            tree = hierarchy(view)
            for k, row in enumerate(view.rows):
                if row.kind is RowKind.TOTAL:
                    yield from self._total(view, tree, k, row, tol)
                elif row.kind is RowKind.AVERAGE:
                    yield from self._average(view, tree, k, row, tol)
            yield from self._parents(view, tree, tol)

    def _fmt(self, q: Quantity, value: Decimal, role: str) -> str:
        if role in SUM_ROLES or q.unit is Unit.RUPIAH:
            return money(value, q.decimals)
        if q.unit is Unit.PERCENT:
            return pct(value, q.decimals or 0)
        return format_number(value, q.decimals or 0)

    def _within(self, q: Quantity, total: Decimal, tol: calc.Tolerances) -> bool:
        assert q.value is not None
        unit = Decimal(1).scaleb(-(q.decimals or 0)) * tol.totals.tolerance_units
        return abs(q.value - total) <= unit

    def _total(self, view: TableView, tree: Hierarchy, k: int, row: ViewRow,
               tol: calc.Tolerances) -> Iterator[Finding]:
        segment = _segment(view, k)
        everything = [r for r in view.rows[:k] if r.kind is RowKind.DATA]
        for role in SUM_ROLES:
            q = getattr(row, role)
            if q is None or q.value is None:
                continue
            options = []
            for rows in (segment, everything):
                top, level_rows = _top_level(view, tree, rows, role)
                # every row of that level must have a value, else the sum is unknowable
                if not top or len(top) != len(level_rows):
                    continue
                options.append((top, sum((_num(r, role) for r in top), Decimal(0))))
            if not options:
                continue
            if any(self._within(q, total, tol) for _, total in options):
                continue
            by_leaves = [tree.from_leaves(view, _index(view, r), role) for r in options[0][0]]
            if tree.known and all(v is not None for v in by_leaves) and self._within(
                    q, sum(by_leaves, Decimal(0)), tol):  # type: ignore[arg-type]
                continue  # right by the leaves: a parent row is wrong (reported)
            top, total = options[0]
            if not tree.known and q.value > 0 and total > q.value:
                ratio = total / q.value
                if ratio == ratio.to_integral_value() and ratio >= 2:
                    continue  # an unrecognised Program › Kegiatan › Sub Kegiatan tree
            yield self.finding(
                q.loc, column=label_of(view, role),
                actual=as_number(q.value), actual_text=self._fmt(q, q.value, role),
                expected=as_number(total), expected_text=self._fmt(q, total, role),
                label=_row_label(row) or "JUMLAH", column_name=label_of(view, role) or role,
                n=len(top), rows=rows_text(top), diff=self._fmt(q, abs(q.value - total), role))

    def _average(self, view: TableView, tree: Hierarchy, k: int, row: ViewRow,
                 tol: calc.Tolerances) -> Iterator[Finding]:
        segment = _segment(view, k)
        for role in MEAN_ROLES:
            q = getattr(row, role)
            if q is None or q.value is None:
                continue
            valued, level_rows = _top_level(view, tree, segment, role)
            if not valued:
                continue
            total = sum((_num(r, role) for r in valued), Decimal(0))
            mean = total / len(valued)
            if agrees(q, mean, tol.modes):
                continue
            extra = EMPTY
            if len(level_rows) > len(valued):
                alt = total / len(level_rows)
                if agrees(q, alt, tol.modes):
                    extra = Message(
                        id=f"; nilai tertulis = jumlah ÷ {len(level_rows)} (baris tanpa nilai ikut "
                           "dihitung sebagai pembagi)",
                        en=f"; the printed value is the sum ÷ {len(level_rows)} (rows without a "
                           "value counted in the divisor)")
            places = max(2, q.decimals or 0)
            yield self.finding(
                q.loc, template=self.average_template, column=label_of(view, role),
                actual=as_number(q.value), actual_text=show(q),
                expected=as_number(mean),
                expected_text=(pct(mean, places) if q.unit is Unit.PERCENT
                               else format_number(mean, places)),
                label=_row_label(row) or "Rata-rata", column_name=label_of(view, role) or role,
                n=len(valued), rows=rows_text(valued),
                total=format_number(total, max(q.decimals or 0, _max_places(valued, role))),
                extra=extra)

    def _parents(self, view: TableView, tree: Hierarchy, tol: calc.Tolerances
                 ) -> Iterator[Finding]:
        children = tree.children(view)
        for index, kids in sorted(children.items()):
            if not 0 <= index < len(view.rows):
                continue
            parent = view.rows[index]
            for role in SUM_ROLES:
                q = getattr(parent, role)
                if q is None or q.value is None:
                    continue
                values = [_num(r, role) for r in kids]
                if any(v is None for v in values):
                    continue
                total = sum(values, Decimal(0))  # type: ignore[arg-type]
                if self._within(q, total, tol):
                    continue
                leaves = tree.from_leaves(view, index, role)
                if leaves is not None and self._within(q, leaves, tol):
                    continue  # right by its leaves: the wrong figure is a child's (reported)
                yield self.finding(
                    q.loc, template=self.parent_template, column=label_of(view, role),
                    actual=as_number(q.value), actual_text=self._fmt(q, q.value, role),
                    expected=as_number(total), expected_text=self._fmt(q, total, role),
                    label=_row_label(parent), column_name=label_of(view, role) or role,
                    n=len(kids), rows=rows_text(kids),
                    diff=self._fmt(q, abs(q.value - total), role))


def _max_places(rows: list[ViewRow], role: str) -> int:
    places = [getattr(r, role).decimals or 0 for r in rows if getattr(r, role) is not None]
    return max(places, default=0)


# --------------------------------------------------------------------------------------------
# Efficiency (A105).

METHOD_TEXT = {
    "difference": Message(id="selisih capaian − serapan (poin persen)",
                          en="difference capaian − serapan (percentage points)"),
    "ratio": Message(id="rasio capaian ÷ serapan", en="ratio capaian ÷ serapan"),
    "unspent": Message(id="sisa anggaran 100 − serapan (bila target tercapai)",
                       en="unspent budget 100 − serapan (when the target is met)"),
}


def efficiency_candidates(
    capaian: Decimal, serapan: Decimal, methods: list[str], percent: bool
) -> dict[str, list[Decimal]]:
    """Values each efficiency method gives (a ratio may be printed plain or × 100)."""
    out: dict[str, list[Decimal]] = {}
    if "difference" in methods:
        out["difference"] = [capaian - serapan]
    if "ratio" in methods and serapan != 0:
        ratio = capaian / serapan
        out["ratio"] = [ratio * 100] if percent else [ratio, ratio * 100]
    if "unspent" in methods:
        out["unspent"] = [Decimal(100) - serapan if capaian >= 100 else Decimal(0)]
    return out


@register
class EfficiencyMissingOrInconsistent(Rule):
    """The Efisiensi column is empty, or no efficiency method reproduces its values.

    ## What it checks
    In a table with an Efisiensi column (cost per outcome): rows whose efficiency cell is
    empty (one finding per table, naming the rows), and printed values that no method
    reproduces from the row's printed capaian kinerja and serapan anggaran. Methods
    (domain.md 4): A difference capaian − serapan (percentage points), B ratio capaian ÷
    serapan (plain or × 100 when printed with %), C unspent budget 100 − serapan when the
    target is met. The table's method is the one that reproduces most rows; a row that only
    another method reproduces is reported as mixing methods. No threshold ("efisien" above 0
    or 1) is applied: none is standard.

    ## Why it matters
    Permenpan RB 53/2014 requires an analysis of the efficiency of resource use in the
    report; an empty column means the analysis is missing, a value no method reproduces
    cannot be verified.

    ## Example (fails)
    Capaian 58,82%, serapan 24,97%, Efisiensi empty; or Efisiensi 30,00 where the difference
    is 33,85 and the ratio 2,36.

    ## Example (passes)
    Capaian 58,82%, serapan 24,97%, Efisiensi 33,85 (difference), on every row.

    ## Options
    Pack ``tolerances`` (``efficiency.methods``, rounding modes).
    """

    code = "A105"
    name = "efficiency-missing-or-inconsistent"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("tolerances",)
    template = Message(
        id="Efisiensi tertulis {actual} tidak dapat dihasilkan dari capaian {c} dan serapan {s} "
           "({listing})",
        en="Efficiency printed {actual} cannot be reproduced from capaian {c} and absorption {s} "
           "({listing})",
    )
    empty_template = Message(
        id="Kolom {column_name} di {table} kosong pada {n} dari {total} baris ({rows}): analisis "
           "efisiensi penggunaan sumber daya tidak disajikan",
        en="Column {column_name} in {table} is empty on {n} of {total} rows ({rows}): the "
           "efficiency analysis is missing",
    )
    mixed_template = Message(
        id="Efisiensi tertulis {actual} memakai {method}, sedangkan tabel memakai {table_method} "
           "({expected}); capaian {c}, serapan {s}",
        en="Efficiency printed {actual} uses the {method}, while the table uses the "
           "{table_method} ({expected}); capaian {c}, absorption {s}",
    )
    table_method_template = Message(
        id="Efisiensi tertulis {actual}, seharusnya {expected} menurut metode tabel ini, "
           "{table_method} (capaian {c}, serapan {s})",
        en="Efficiency printed {actual}, expected {expected} by this table's method, the "
           "{table_method} (capaian {c}, absorption {s})",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        tol = calc.tolerances(ctx.pack)
        methods = tol.efficiency.methods
        for view in report.views:
            col = view.column("efisiensi")
            if col is None:
                continue
            rows = view.data_rows
            if not rows:
                continue
            empty = [r for r in rows if r.efisiensi is None or r.efisiensi.value is None]
            if empty:
                yield self.finding(
                    cell_loc(view, empty[0], "efisiensi"), column=col.label,
                    severity=Severity.WARNING, template=self.empty_template,
                    column_name=col.label, table=view_name(view), n=len(empty),
                    total=len(rows), rows=rows_text(empty), actual=len(empty))
            filled = []
            for r in rows:
                e, c, s = r.efisiensi, r.capaian, r.serapan
                if e is None or e.value is None or c is None or s is None:
                    continue
                if c.value is None or s.value is None:
                    continue
                cands = efficiency_candidates(c.value, s.value, methods, e.unit is Unit.PERCENT)
                fits = [m for m, values in cands.items()
                        if any(agrees(e, v, tol.modes) for v in values)]
                filled.append((r, cands, fits))
            counts = Counter(m for _, _, fits in filled for m in fits)
            table_method = None
            if counts:
                best = max(counts.values())
                table_method = next(m for m in methods if counts.get(m) == best)
            for r, cands, fits in filled:
                if table_method in fits:
                    continue
                e, c, s = r.efisiensi, r.capaian, r.serapan
                assert e is not None and c is not None and s is not None
                common = {"column": col.label, "actual": as_number(e.value),
                          "actual_text": show(e), "c": show(c), "s": show(s)}
                if table_method is not None:
                    expected = cands[table_method][0]
                    places = max(2, e.decimals or 0)
                    exp_text = (pct(expected, places) if e.unit is Unit.PERCENT
                                else format_number(expected, places))
                    if fits:
                        yield self.finding(
                            e.loc, template=self.mixed_template, severity=Severity.WARNING,
                            method=METHOD_TEXT[fits[0]], table_method=METHOD_TEXT[table_method],
                            expected=as_number(expected), expected_text=exp_text, **common)
                    else:
                        yield self.finding(
                            e.loc, template=self.table_method_template,
                            table_method=METHOD_TEXT[table_method],
                            expected=as_number(expected), expected_text=exp_text, **common)
                    continue
                listing_id = "; ".join(
                    f"{METHOD_TEXT[m].id} = {' / '.join(format_number(v, 2) for v in vs)}"
                    for m, vs in cands.items())
                listing_en = "; ".join(
                    f"{METHOD_TEXT[m].en} = {' / '.join(format_number(v, 2) for v in vs)}"
                    for m, vs in cands.items())
                yield self.finding(e.loc, listing=Message(id=listing_id, en=listing_en), **common)


# --------------------------------------------------------------------------------------------
# Copied column (A106).


@register
class ColumnCopied(Rule):
    """The realisasi kinerja column repeats the serapan anggaran column row for row.

    ## What it checks
    In a cost-per-outcome table (budget and performance side by side): every row that has
    both a realisasi kinerja and a serapan anggaran value holds the same value in both, on
    at least two rows whose value is neither 0% nor 100% (``tolerances`` pack
    ``copied_column``). Rows whose indicator measures absorption itself ("Persentase
    penyerapan anggaran") are left out. One finding per table, naming the rows.

    ## Why it matters
    The performance realisasi then shows how much money was spent, not what was achieved,
    and every capaian and efficiency computed from it is meaningless (seed Tabel 2.3: 24,97%,
    40,23% in both columns while Tabel 2.2 reports 50%, 77%).

    ## Example (fails)
    Serapan 24,97% and 40,23%; Kinerja realisasi 24,97% and 40,23%.

    ## Example (passes)
    Serapan 24,97% and 40,23%; Kinerja realisasi 50% and 77%.

    ## Options
    Pack ``tolerances`` (``copied_column.min_rows``, ``copied_column.absorption_words``).
    """

    code = "A106"
    name = "column-copied"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("tolerances",)
    template = Message(
        id="Kolom {real_col} di {table} sama dengan kolom {ser_col} pada semua {n} baris "
           "({listing}): realisasi kinerja tersalin dari serapan anggaran",
        en="Column {real_col} in {table} equals column {ser_col} on all {n} rows ({listing}): "
           "the performance realisasi is a copy of the budget absorption",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        cfg = calc.tolerances(ctx.pack).copied_column
        words = [normalise_name(w) for w in cfg.absorption_words]
        for view in report.views:
            if view.kind is not ViewKind.COST:
                continue
            comparable = []
            for r in view.data_rows:
                if r.realisasi is None or r.serapan is None:
                    continue
                if r.realisasi.value is None or r.serapan.value is None:
                    continue
                name = normalise_name(r.indikator.text if r.indikator else "")
                if any(w and w in name for w in words):
                    continue
                comparable.append(r)
            if not comparable:
                continue
            if any(r.realisasi.value != r.serapan.value for r in comparable):  # type: ignore[union-attr]
                continue
            telling = [r for r in comparable
                       if r.realisasi.value not in (Decimal(0), Decimal(100))]  # type: ignore[union-attr]
            if len(telling) < cfg.min_rows:
                continue
            first = comparable[0]
            assert first.realisasi is not None
            listing = ", ".join(f"{grid_row(r)}: {show(r.realisasi)}" for r in comparable)
            yield self.finding(
                first.realisasi.loc, column=label_of(view, "realisasi"),
                actual=len(comparable),
                real_col=label_of(view, "realisasi") or "realisasi",
                ser_col=label_of(view, "serapan") or "serapan",
                table=view_name(view), n=len(comparable),
                listing=Message(id="baris " + listing, en="rows " + listing))


# --------------------------------------------------------------------------------------------
# Plausibility (A107).


@register
class RealisasiExceedsPagu(Rule):
    """Spending above the pagu, or a percentage realisasi above 100%.

    ## What it checks
    - A row of a budget or cost-per-outcome table whose realisasi anggaran exceeds its pagu.
    - A ``Persentase …`` indicator (a share of units) in a capaian or cost table whose
      realisasi exceeds 100% (``tolerances`` pack ``plausibility``); indicators naming a
      growth rate (``peningkatan``, ``pertumbuhan`` …) are exempt.
    Warnings: the values may be right (a revised pagu, a badly named indicator) but need an
    explanation.

    ## Why it matters
    A regional unit cannot spend beyond its budget ceiling without a revision (APBD
    Perubahan); a share of villages or cases cannot exceed 100% (layouts.md 3: "Persentase
    penegakan Perda" realisasi 130%).

    ## Example (fails)
    Pagu 122.359.000, realisasi 130.000.000. "Persentase desa tertib administrasi" realisasi
    130%.

    ## Example (passes)
    Pagu 122.359.000, realisasi 44.109.000. "Persentase peningkatan PAD" realisasi 130%.

    ## Options
    Pack ``tolerances`` (``plausibility.percent_realisasi_max``, ``exempt_words``,
    ``realisasi_above_pagu``).
    """

    code = "A107"
    name = "realisasi-exceeds-pagu"
    family = "arithmetic"
    default_severity = Severity.WARNING
    packs = ("tolerances",)
    template = Message(
        id="Realisasi anggaran {actual} melebihi pagu {expected} (selisih {diff}; serapan {s})",
        en="Budget realisation {actual} exceeds the pagu {expected} (difference {diff}; "
           "absorption {s})",
    )
    percent_template = Message(
        id="Realisasi {actual} melebihi {expected} untuk indikator persentase '{indikator}'",
        en="Realisasi {actual} exceeds {expected} for the percentage indicator '{indikator}'",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        cfg = calc.tolerances(ctx.pack).plausibility
        exempt = [normalise_name(w) for w in cfg.exempt_words]
        for view in report.views:
            if view.kind in (ViewKind.BUDGET, ViewKind.COST) and cfg.realisasi_above_pagu:
                for row in view.rows:
                    p, ra = row.pagu, row.realisasi_anggaran
                    if p is None or ra is None or p.value is None or ra.value is None:
                        continue
                    if ra.value <= p.value:
                        continue
                    ratio = calc.ratio_percent(ra.value, p.value)
                    yield self.finding(
                        ra.loc, column=label_of(view, "realisasi_anggaran"),
                        actual=as_number(ra.value), expected=as_number(p.value),
                        actual_text=money(ra), expected_text=money(p),
                        diff=money(ra.value - p.value, ra.decimals), s=pct(ratio))
            if view.kind not in (ViewKind.CAPAIAN, ViewKind.COST):
                continue
            for row in view.data_rows:
                r = row.realisasi
                if r is None or r.value is None or row.indikator is None:
                    continue
                if r.unit not in (Unit.PERCENT, Unit.NONE):
                    continue
                name = normalise_name(row.indikator.text)
                if not name.startswith(("persentase", "rata persentase")) and \
                        " persentase " not in f" {name} ":
                    continue
                if any(w and f" {w} " in f" {name} " for w in exempt):
                    continue
                if r.value <= cfg.percent_realisasi_max:
                    continue
                yield self.finding(
                    r.loc, template=self.percent_template, column=label_of(view, "realisasi"),
                    actual=as_number(r.value), expected=as_number(cfg.percent_realisasi_max),
                    actual_text=show(r), expected_text=pct(cfg.percent_realisasi_max, 0),
                    indikator=row.indikator.text.strip())


# --------------------------------------------------------------------------------------------
# Header formula (A108).

ROLE_TEXT = {
    "target": Message(id="target", en="target"),
    "realisasi": Message(id="realisasi", en="realisasi"),
    "capaian": Message(id="capaian", en="capaian"),
}


@register
class HeaderFormula(Rule):
    """A formula printed in a table header (``Capaian 6=4/5``) contradicts its columns.

    ## What it checks
    Each header formula ``k=i/j`` of a capaian or cost-per-outcome table is read against the
    column-number row (``Column.number``): column k must be the capaian, and i ÷ j must be
    realisasi ÷ target. A formula declaring target ÷ realisasi is the inverted formula unless
    every indicator of the table is negative (then it is an accepted negative convention);
    a formula whose numbers point at other columns (No, indikator, satuan …) does not compute
    a capaian at all. Formulas whose column numbers cannot be mapped are not judged.

    ## Why it matters
    The header states the method the whole column follows; a wrong one explains (and
    repeats) every wrong value below it — the seed's ``6=4/5`` declares target ÷ realisasi.

    ## Example (fails)
    Columns 4 Target, 5 Realisasi, 6 Capaian with the header ``Capaian 6=4/5``.

    ## Example (passes)
    The same columns with ``Capaian 6=5/4``.

    ## Options
    Pack ``polarity`` (to know whether all indicators are negative).
    """

    code = "A108"
    name = "header-formula"
    family = "arithmetic"
    default_severity = Severity.ERROR
    packs = ("polarity",)
    template = Message(
        id="Rumus kepala kolom '{raw}' menyatakan kolom {result} ({result_role}) = kolom "
           "{num} ({num_role}) ÷ kolom {den} ({den_role}), yaitu target ÷ realisasi (rumus "
           "terbalik); yang benar {expected} (realisasi ÷ target){extra}",
        en="Header formula '{raw}' declares column {result} ({result_role}) = column {num} "
           "({num_role}) ÷ column {den} ({den_role}), i.e. target ÷ realisasi (inverted "
           "formula); the correct one is {expected} (realisasi ÷ target)"
           "{extra}",
    )
    roles_template = Message(
        id="Rumus kepala kolom '{raw}' tidak menghitung capaian: kolom {result} berisi "
           "{result_role}, kolom {num} berisi {num_role}, kolom {den} berisi {den_role}; yang "
           "benar {expected} (realisasi ÷ target)",
        en="Header formula '{raw}' does not compute a capaian: column {result} holds "
           "{result_role}, column {num} holds {num_role}, column {den} holds {den_role}; the "
           "correct one is {expected} (realisasi ÷ target)",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        overrides = calc.polarity_overrides(ctx)
        for view in report.views:
            if view.kind not in (ViewKind.CAPAIAN, ViewKind.COST) or not view.header_formulas:
                continue
            by_number = {c.number: c for c in view.columns if c.number is not None}
            tcol, rcol, ccol = view.column("target"), view.column("realisasi"), view.column(
                "capaian")
            for hf in view.header_formulas:
                if hf.operator != "/":
                    continue
                res, num, den = (by_number.get(hf.result), by_number.get(hf.numerator),
                                 by_number.get(hf.denominator))
                if res is None or num is None or den is None:
                    continue
                loc = self._header_loc(report, view, hf.raw, hf.column)
                column = next((c.label for c in view.columns if c.index == hf.column), None)
                if rcol is not None and tcol is not None and rcol.number and tcol.number:
                    expected_text = f"{hf.result}={rcol.number}/{tcol.number}"
                else:
                    expected_text = "realisasi/target"
                roles = (res.role, num.role, den.role)
                if roles == ("capaian", "realisasi", "target"):
                    continue
                if roles == ("capaian", "target", "realisasi"):
                    rows = [r for r in view.data_rows if r.indikator or r.name]
                    polarities = [calc.row_polarity(r, ctx.pack, overrides).polarity for r in rows]
                    if polarities and all(p is Polarity.NEGATIVE for p in polarities):
                        continue
                    n_pos = sum(p is Polarity.POSITIVE for p in polarities)
                    extra = EMPTY
                    if polarities and n_pos < len(polarities):
                        extra = Message(
                            id=f"; {n_pos} dari {len(polarities)} indikator berpolaritas positif",
                            en=f"; {n_pos} of {len(polarities)} indicators are positive")
                    yield self.finding(
                        loc, column=column, actual=hf.raw, expected=expected_text,
                        actual_text=hf.raw, expected_text=expected_text, raw=hf.raw,
                        result=hf.result, num=hf.numerator, den=hf.denominator,
                        result_role=self._role(res), num_role=self._role(num),
                        den_role=self._role(den), extra=extra)
                    continue
                if ccol is None and rcol is None and tcol is None:
                    continue
                yield self.finding(
                    loc, template=self.roles_template, column=column, actual=hf.raw,
                    expected=expected_text, actual_text=hf.raw, expected_text=expected_text,
                    raw=hf.raw, result=hf.result, num=hf.numerator, den=hf.denominator,
                    result_role=self._role(res), num_role=self._role(num),
                    den_role=self._role(den))

    @staticmethod
    def _role(col: Any) -> Message:
        if col.role in ROLE_TEXT and normalise_name(col.label) == col.role:
            return ROLE_TEXT[col.role]
        if col.role in ROLE_TEXT:
            return Message(id=f"{ROLE_TEXT[col.role].id} '{col.label}'",
                           en=f"{ROLE_TEXT[col.role].en} '{col.label}'")
        return Message(id=f"'{col.label}'", en=f"'{col.label}'")

    @staticmethod
    def _header_loc(report: Report, view: TableView, raw: str, column: int) -> Location:
        """The header cell that prints the formula."""
        if 0 <= view.table < len(report.tables):
            table = report.tables[view.table]
            squeezed = raw.replace(" ", "")
            for cell in table.cells:
                if cell.row in view.header_rows and squeezed in cell.text.replace(" ", ""):
                    return Location(table=view.table, row=cell.row, column=cell.col,
                                    page=cell.page, bbox=cell.bbox)
        row = view.header_rows[0] if view.header_rows else None
        return Location(table=view.table, row=row, column=column)
