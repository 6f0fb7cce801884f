"""Dates: deadlines (D401), premature signatures (D402), impossible dates (D403).

Deadlines and the working-day calendar come from the regulation pack (``deadlines``,
``working-week``) through :mod:`lapkin_audit.calendar`; nothing here hard-codes a date.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from lapkin_audit import calendar as cal
from lapkin_audit.model import Finding, Location, Message, Report, Severity, Signature
from lapkin_audit.rules.registry import Context, Rule, register

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def format_date(day: dt.date, lang: str = "id", *, month_only: bool = False) -> str:
    """``30 Juni 2023`` / ``30 June 2023`` (``Juni 2023`` when only the month is known)."""
    month = f"{MONTHS['en' if lang == 'en' else 'id'][day.month - 1]} {day.year}"
    return month if month_only else f"{day.day} {month}"


def bilingual_date(day: dt.date, *, month_only: bool = False) -> Message:
    return Message(id=format_date(day, "id", month_only=month_only),
                   en=format_date(day, "en", month_only=month_only))


def is_month_only(signature: Signature) -> bool:
    """A date printed without a day (``Pebruari 2024``) is compared by month."""
    raw = signature.date_raw
    return bool(raw) and len(re.findall(r"\d+", raw)) == 1


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def last_signature(report: Report) -> Signature | None:
    """The signature with the latest date (the report's date), the last one on a tie."""
    dated = [s for s in report.signatures if s.date is not None]
    return max(reversed(dated), key=lambda s: s.date) if dated else None


def report_date(report: Report) -> dt.date | None:
    signature = last_signature(report)
    return signature.date if signature else None


def _after(day: dt.date, limit: dt.date, *, month_only: bool) -> bool:
    """``day`` is after ``limit``; by month when only the month of ``day`` is known."""
    return (day.year, day.month) > (limit.year, limit.month) if month_only else day > limit


# --------------------------------------------------------------------------------------------
# D401

When = tuple[dt.date, bool, Location | None, Message]
"""The report date, whether only its month is known, where it is printed, and its source."""


def _deadline(report: Report, ctx: Context) -> tuple[dt.date, Message] | None:
    """The period's deadline and a description of its basis, from the pack."""
    period = report.period
    if period.year and period.quarter:
        n = cal.quarterly_working_days(ctx.pack)
        if n is None:  # the pack sets no quarterly deadline: nothing to judge
            return None
        basis = (ctx.pack.section("deadlines").get("quarterly") or {}).get("basis") or "-"
        deadline = cal.quarterly_deadline(period.year, period.quarter, ctx.pack)
        return deadline, Message(id=f"{n} hari kerja setelah triwulan berakhir; {basis}",
                                 en=f"{n} working days after the quarter ends; {basis}")
    if period.year and period.annual:
        entry = cal.annual_entry(ctx.pack, ctx.options.get("annual_report"))
        months = entry["months_after_year_end"]
        basis = entry.get("basis") or entry.get("title") or entry["report"]
        deadline = cal.annual_deadline(period.year, ctx.pack, entry["report"])
        return deadline, Message(id=f"{months} bulan setelah tahun berakhir; {basis}",
                                 en=f"{months} months after the year ends; {basis}")
    return None


@register
class LateReport(Rule):
    """The report is dated (or was received) after its deadline.

    ## What it checks
    The report date — the latest signature date, or the date received when given with
    ``--submitted`` — against the deadline of its period from the regulation pack:

    - quarterly reports: the quarter end plus N working days (``deadlines.yaml``:
      ``quarterly.working_days_after_quarter_end``), counted from the day after the quarter
      ends, skipping weekends, public holidays and cuti bersama (``working-week.yaml``);
    - annual reports: the last day of the N-th month after the year ends
      (``annual.reports``; the pack's ``annual.default`` unless the ``annual_report`` option
      names another, e.g. ``lkj-kl``).

    A date printed without a day (``Pebruari 2024``) is compared by month. ``actual`` is the
    report date and ``expected`` the deadline, both ISO dates.

    ## Why it matters
    Late reports are a documented problem of quarterly evaluation (Permendagri 86/2017);
    lateness is one of the first things an inspectorate records.

    ## Legal basis
    Kabupaten Lumajang: 5 working days after the quarter (Perbup Lumajang 6/2018 Pasal 4,
    unconfirmed; pack ``kab-lumajang``). Annual: LKjIP pemda ≤ 3 months, LKj K/L ≤ 2 months
    after the year (Perpres 29/2014 as reported). The default pack's quarterly allowance is a
    generic, unconfirmed value: choose your region's pack.

    ## Example (fails)
    Triwulan II 2023, pack ``kab-lumajang``, signed ``Senduro, 10 Juli 2023``: the deadline is
    7 Jul 2023 (1–7 Jul holds five working days).

    ## Example (passes)
    The same report signed ``Senduro, 7 Juli 2023``, or received on 5 Jul 2023.
    """

    code = "D401"
    name = "late-report"
    family = "dates"
    default_severity = Severity.ERROR
    packs = ("deadlines", "working-week")
    template = Message(
        id="Laporan bertanggal {date} ({source}) melewati batas waktu {deadline} ({basis})",
        en="Report dated {date} ({source}) is after the deadline {deadline} ({basis})",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        when = self._when(report, ctx)
        found = _deadline(report, ctx)
        if when is None or found is None:
            return
        day, month_only, loc, source = when
        deadline, basis = found
        if _after(day, deadline, month_only=month_only):
            yield self.finding(
                loc, actual=day.isoformat(), expected=deadline.isoformat(),
                source=source, basis=basis, date=bilingual_date(day, month_only=month_only),
                deadline=bilingual_date(deadline),
                actual_text=format_date(day, month_only=month_only),
                expected_text=format_date(deadline),
            )

    @staticmethod
    def _when(report: Report, ctx: Context) -> When | None:
        submitted = as_date(ctx.submitted)
        if submitted is not None:
            return submitted, False, None, Message(id="tanggal diterima", en="date received")
        signature = last_signature(report)
        if signature is None:
            return None
        source = Message(id="tanggal tanda tangan", en="signature date")
        return signature.date, is_month_only(signature), signature.loc, source


# --------------------------------------------------------------------------------------------
# D402


def _non_working(day: dt.date, ctx: Context) -> Message | None:
    """Why ``day`` is not a working day (holiday name or weekday), or None."""
    if cal.is_working_day(day, ctx.pack):
        return None
    holiday = {lang: cal.holiday_name(day, ctx.pack, lang) for lang in ("id", "en")}
    if holiday["id"]:
        return Message(id=f"hari libur ({holiday['id']})", en=f"a holiday ({holiday['en']})")
    weekday = day.weekday()
    return Message(id=f"hari {WEEKDAYS['id'][weekday]}", en=f"a {WEEKDAYS['en'][weekday]}")


def _join(reasons: list[Message]) -> Message:
    return Message(id=" dan ".join(r.id for r in reasons), en=" and ".join(r.en for r in reasons))


@register
class EarlySignature(Rule):
    """The report is signed before its period ends, on its last day, or on a non-working day.

    ## What it checks
    Each distinct signature date against the end of the reported period (quarter end, 31
    December, or the printed end of the period):

    - signed **before** the period ends → warning: the report cannot hold the whole period's
      realisasi;
    - signed **on the last day** of the period, or **on a non-working day** (weekend, public
      holiday, cuti bersama by the pack's calendar) → info: possible, but the data of the last
      day cannot have been counted, or the date was typed from a template.

    One finding per date says every reason that applies. A date printed without a day is only
    checked for "before the period ends", by month.

    ## Why it matters
    Reviu (APIP) must finish before the head signs (Permenpan RB 53/2014); a date before the
    period ends means the figures were prepared before they could be known.

    ## Example (fails)
    Triwulan II 2023 signed ``Senduro, 30 Juni 2023``: the last day of the quarter and a cuti
    bersama day (Idul Adha) → one info finding naming both. Signed ``15 Juni 2023`` → warning.

    ## Example (passes)
    Triwulan II 2023 signed ``Senduro, 5 Juli 2023`` (a Wednesday, within the deadline).
    """

    code = "D402"
    name = "early-signature"
    family = "dates"
    default_severity = Severity.WARNING
    packs = ("working-week",)
    template = Message(id="Ditandatangani {date}: {reason}", en="Signed {date}: {reason}")

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        end = cal.period_end(report.period)
        if end is None:
            return
        seen: set[tuple[dt.date, bool]] = set()
        for signature in report.signatures:
            key = (signature.date, is_month_only(signature))
            if signature.date is None or key in seen:
                continue
            seen.add(key)
            finding = self._judge(signature, end, ctx)
            if finding is not None:
                yield finding

    def _judge(self, signature: Signature, end: dt.date, ctx: Context) -> Finding | None:
        day, month_only = signature.date, is_month_only(signature)
        before = (day.year, day.month) < (end.year, end.month) if month_only else day < end
        reasons: list[Message] = []
        if before:
            when = bilingual_date(end)
            reasons.append(Message(id=f"sebelum periode laporan berakhir ({when.id})",
                                   en=f"before the reporting period ends ({when.en})"))
        elif day == end and not month_only:
            reasons.append(Message(id="pada hari terakhir periode laporan",
                                   en="on the last day of the reporting period"))
        non_working = None if month_only else _non_working(day, ctx)
        if non_working is not None:
            reasons.append(Message(id=f"pada {non_working.id}", en=f"on {non_working.en}"))
        if not reasons:
            return None
        return self.finding(
            signature.loc, actual=day.isoformat(),
            expected=end.isoformat() if before else None,
            actual_text=format_date(day, month_only=month_only),
            expected_text=format_date(end) if before else None,
            severity=Severity.WARNING if before else Severity.INFO,
            reason=_join(reasons), date=bilingual_date(day, month_only=month_only),
        )


# --------------------------------------------------------------------------------------------
# D403


def _printed_weekday(match: Any) -> int | None:
    """The weekday printed with a date (0 = Monday): ``weekday_index``, else the name."""
    index = getattr(match, "weekday_index", None)
    if index is not None:
        return index
    name = str(getattr(match, "weekday", None) or "").strip().lower().replace("'", "")
    names = [w.lower() for w in WEEKDAYS["id"] + WEEKDAYS["en"]]
    return names.index(name) % 7 if name in names else None


def _invalid_reason(match: Any) -> Message:
    """Why a printed date does not exist, in both languages (the parser's text as fallback)."""
    year, month, day = (getattr(match, k, None) for k in ("year", "month", "day"))
    if year and month and not 1 <= month <= 12:
        return Message(id=f"tidak ada bulan {month}", en=f"there is no month {month}")
    if year and month and day:
        days = _calendar.monthrange(year, month)[1]
        name = {lang: MONTHS[lang][month - 1] for lang in ("id", "en")}
        if not 1 <= day <= days:
            return Message(id=f"{name['id']} {year} hanya {days} hari, tidak ada tanggal {day}",
                           en=f"{name['en']} {year} has {days} days, not {day}")
    reason = getattr(match, "invalid_reason", None)
    return reason if isinstance(reason, Message) else Message(id=str(reason), en=str(reason))


def _date_texts(report: Report) -> Iterator[tuple[str, Location]]:
    """Every text that may print a date: paragraphs, table cells, signatures not in them."""
    for paragraph in report.paragraphs:
        yield paragraph.text, paragraph.loc.model_copy(update={"paragraph": paragraph.index})
    for table in report.tables:
        for cell in table.cells:
            yield cell.text, Location(table=table.index, row=cell.row, column=cell.col,
                                      page=cell.page, bbox=cell.bbox)
    for signature in report.signatures:
        if signature.date_raw and signature.loc.paragraph is None:
            yield signature.date_raw, signature.loc


@register
class InvalidDate(Rule):
    """A printed date that does not exist, or whose weekday does not match it.

    ## What it checks
    Every date in the narrative, the tables and the signature blocks, read by the date parser
    (Indonesian month names and abbreviations, ``Pebruari``/``Nopember``, ``07-07-2023``):

    - a day the month does not have (``31 Juni 2023``, ``29 Februari 2023``) or a month
      outside 1–12;
    - a printed weekday that is not the date's (``Kamis, 7 Juli 2023``: 7 Jul 2023 was a
      Friday).

    ## Why it matters
    An impossible date in a signature or a deadline makes the document's timing unverifiable
    and usually comes from editing a template by hand.

    ## Example (fails)
    ``Senduro, 31 Juni 2023``; ``Kamis, 07 Juli 2023``.

    ## Example (passes)
    ``Senduro, 30 Juni 2023``; ``Jumat, 07 Juli 2023``; ``Januari s/d Juni 2023`` (no day).
    """

    code = "D403"
    name = "invalid-date"
    family = "dates"
    default_severity = Severity.ERROR
    template = Message(id="Tanggal {actual} tidak valid: {reason}",
                       en="Invalid date {actual}: {reason}")

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        from lapkin_audit.parse.dates import find_dates

        seen: set[tuple[str, Any, Any, Any]] = set()
        for text, loc in _date_texts(report):
            for match in find_dates(text):
                key = (match.raw, loc.table, loc.row, loc.column)
                if key in seen:
                    continue
                seen.add(key)
                finding = self._judge(match, loc)
                if finding is not None:
                    yield finding

    def _judge(self, match: Any, loc: Location) -> Finding | None:
        if getattr(match, "invalid_reason", None):
            return self.finding(loc, actual=match.raw, reason=_invalid_reason(match))
        day, weekday = getattr(match, "date", None), _printed_weekday(match)
        if day is None or weekday is None or weekday == day.weekday():
            return None
        right = Message(id=f"{WEEKDAYS['id'][day.weekday()]}, {format_date(day, 'id')}",
                        en=f"{WEEKDAYS['en'][day.weekday()]}, {format_date(day, 'en')}")
        printed = Message(id=WEEKDAYS["id"][weekday], en=WEEKDAYS["en"][weekday])
        reason = Message(id=f"{format_date(day, 'id')} jatuh pada hari "
                            f"{WEEKDAYS['id'][day.weekday()]}, bukan {printed.id}",
                         en=f"{format_date(day, 'en')} was a {WEEKDAYS['en'][day.weekday()]}, "
                            f"not a {printed.en}")
        return self.finding(loc, actual=match.raw, expected=day.isoformat(),
                            expected_text=right.id, reason=reason)
