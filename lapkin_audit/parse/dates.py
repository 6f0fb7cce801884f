"""Dates and reporting periods as Indonesian reports print them.

Dates (``domain.md`` §9): ``30 Juni 2023``, ``Jumat, 07 Juli 2023`` (``Jum'at``), month
abbreviations and the older spellings ``Nopember`` / ``Pebruari``, English month names,
``07-07-2023`` and ``7/7/2023`` (day first), ISO ``2023-07-07``, and month-only dates in
signature blocks (``Februari 2024``). :func:`find_dates` reports every date it sees, invalid ones
included (``31 Juni 2023`` has ``date=None`` and an ``invalid_reason``) so that a rule can say
what is wrong; :func:`parse_date` returns only a valid full date.

Periods: quarters (``Triwulan II``, ``TW. II``, ``Trw III``, ``Triwulan Kedua``, misspellings
such as ``Tribunan`` flagged with the correct word), semesters, fiscal years (``Tahun Anggaran
2023``, ``TA 2023``), annual reports (``Laporan Kinerja Tahun 2023``, ``LKjIP 2023``) and
cumulative ranges (``1 Januari s.d 30 Juni 2023``, ``Januari s/d Juni 2023``, ``s.d. Oktober``).
Neither finder raises on any text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from lapkin_audit.model import Location, PeriodMention

# --------------------------------------------------------------------------------------------
# Vocabulary.

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
"""KBBI month names, index 0 = January; used to name months in messages."""

_MONTH_WORDS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{
        name.lower(): number
        for number, name in enumerate(calendar.month_name[1:], start=1)  # English
    },
    "jan": 1,
    "feb": 2,
    "peb": 2,
    "pebruari": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "nop": 11,
    "nopember": 11,
    "des": 12,
    "dec": 12,
}
_NONSTANDARD_MONTHS = {"pebruari": "Februari", "peb": "Feb", "nopember": "November", "nop": "Nov"}
"""Older spellings KBBI does not use, with the standard form (a rule may warn on them)."""

_WEEKDAY_WORDS: dict[str, tuple[int, str]] = {
    "senin": (0, "Senin"),
    "selasa": (1, "Selasa"),
    "rabu": (2, "Rabu"),
    "kamis": (3, "Kamis"),
    "jumat": (4, "Jumat"),
    "jum'at": (4, "Jumat"),
    "jum\u2019at": (4, "Jumat"),
    "sabtu": (5, "Sabtu"),
    "minggu": (6, "Minggu"),
    "ahad": (6, "Minggu"),
    **{name.lower(): (index, name) for index, name in enumerate(calendar.day_name)},
}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that ``Juni`` wins over ``Jun``."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?:{_alternation(_MONTH_WORDS)})"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAY_WORDS)})"
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"  # a word starts here
_NOT_AFTER_ALNUM = r"(?<![^\W_])"
_END_OF_WORD = r"(?![^\W\d_])"
_END_OF_ALNUM = r"(?![^\W_])"
_MONTH_TOKEN = rf"{_NOT_AFTER_LETTER}(?P<month>{_MONTH})(?:\.|{_END_OF_WORD})"
_WEEKDAY_PREFIX = rf"(?:{_NOT_AFTER_LETTER}(?P<weekday>{_WEEKDAY}){_END_OF_WORD}\s*,?\s*)?"

# --------------------------------------------------------------------------------------------
# Dates.


class _Spanned(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


_S = TypeVar("_S", bound=_Spanned)


_DAY_MONTH_YEAR = re.compile(
    _WEEKDAY_PREFIX
    + r"(?<![0-9.,])(?P<day>[0-9]{1,2})\s*[-/.]?\s*"
    + _MONTH_TOKEN
    + r"\s*[-/.,]?\s*(?P<year>[0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(  # English order: "June 30, 2023"
    _WEEKDAY_PREFIX
    + _MONTH_TOKEN
    + r"\s*(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s*,\s*(?P<year>[0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(_MONTH_TOKEN + r"\s*[-/,]?\s*(?P<year>[0-9]{4})(?![0-9])", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    _WEEKDAY_PREFIX
    + r"(?<![0-9.,/-])(?P<day>[0-9]{1,2})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)"
    + r"(?P<year>[0-9]{4})(?![0-9]|[.,/-][0-9])",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(
    r"(?<![0-9.,/-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9]|[-/][0-9])"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text, valid or not.

    ``start`` / ``end`` are offsets into the searched text (``text[start:end] == raw``).
    ``date`` is None when the printed date does not exist (``invalid_reason`` says why). A
    month-only date (``Februari 2024``) has ``month_only=True`` and ``date`` = the first of the
    month. ``weekday`` is the printed day name, normalised (``Jum'at`` → ``Jumat``).
    ``nonstandard_month`` holds the KBBI spelling when the month was printed ``Nopember`` /
    ``Pebruari``.
    """

    raw: str
    start: int
    end: int
    date: dt.date | None
    day: int | None
    month: int
    year: int
    month_only: bool = False
    weekday: str | None = None
    weekday_index: int | None = None  # 0 = Monday, as printed
    invalid_reason: str | None = None
    nonstandard_month: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def weekday_matches(self) -> bool | None:
        """Whether the printed weekday is the date's weekday (None if either is missing)."""
        if self.weekday_index is None or self.date is None or self.month_only:
            return None
        return self.date.weekday() == self.weekday_index


def _month_label(month: int) -> str:
    return MONTH_NAMES[month - 1] if 1 <= month <= 12 else f"month {month}"


def _invalid_reason(year: int, month: int, day: int) -> str | None:
    """Why (year, month, day) is not a calendar date, or None if it is one."""
    if not 1 <= year <= 9999:
        return f"no year {year}"
    if not 1 <= month <= 12:
        return f"no month {month}"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    if month == 2 and day == 29:
        return f"{year} is not a leap year: Februari {year} has 28 days"
    return f"{_month_label(month)} {year} has {days} days, not {day}"


def _month_number(match: re.Match[str]) -> int:
    printed = match.group("month")
    return int(printed) if printed.isdigit() else _MONTH_WORDS[printed.lower()]


def _date_match(match: re.Match[str], *, month_only: bool = False) -> DateMatch:
    groups = match.groupdict()
    year, month = int(groups["year"]), _month_number(match)
    day = None if month_only else int(groups["day"])
    reason = _invalid_reason(year, month, 1 if day is None else day)
    date = None if reason else dt.date(year, month, 1 if day is None else day)
    weekday_index, weekday = _WEEKDAY_WORDS.get((groups.get("weekday") or "").lower(), (None, None))
    printed_month = groups["month"].lower()
    return DateMatch(
        raw=match.group(),
        start=match.start(),
        end=match.end(),
        date=date,
        day=day,
        month=month,
        year=year,
        month_only=month_only,
        weekday=weekday,
        weekday_index=weekday_index,
        invalid_reason=reason,
        nonstandard_month=_NONSTANDARD_MONTHS.get(printed_month),
    )


def _without_overlaps(matches: list[_S]) -> list[_S]:
    """Matches in text order, dropping any that overlaps one earlier in ``matches`` (priority)."""
    kept: list[_S] = []
    for item in matches:
        start, end = item.span
        if all(end <= k.span[0] or start >= k.span[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda k: k.span)


def find_dates(text: str) -> list[DateMatch]:
    """Every date printed in ``text``, in order, invalid and month-only ones included."""
    try:
        found = [
            _date_match(m)
            for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC_DATE, _ISO_DATE)
            for m in pattern.finditer(text)
        ]
        found += [_date_match(m, month_only=True) for m in _MONTH_YEAR.finditer(text)]
        return _without_overlaps(found)
    except Exception:  # noqa: BLE001 - odd text must never stop the audit
        return []


def parse_date(text: str, *, allow_month_only: bool = False) -> dt.date | None:
    """The first date printed in ``text`` (``Senduro , 30 Juni 2023`` → 2023-06-30).

    None when there is none or the first one does not exist (``31 Juni 2023``). A month-only
    date (``Februari 2024``) gives None unless ``allow_month_only``; then the first of the
    month (a deadline check must not read "Februari 2024" as signed on 1 February).
    """
    for match in find_dates(text):
        if match.month_only and not allow_month_only:
            return None
        return match.date
    return None


# --------------------------------------------------------------------------------------------
# Quarters and semesters.


def quarter_start(year: int, quarter: int) -> dt.date:
    """First day of a quarter (1–4)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of a quarter (1–4): 31 March, 30 June, 30 September, 31 December."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    return _month_end(year, 3 * quarter)


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_ACCEPTED_QUARTER_WORDS = frozenset({"triwulan", "triwulanan", "tribulan", "tribulanan"})
"""Forms the domain accepts (``domain.md`` §9); other ``triw…`` / ``trib…`` words within
:data:`MAX_QUARTER_WORD_EDITS` of them are misspelt (``Tribunan``, ``Triwluan``)."""
MAX_QUARTER_WORD_EDITS = 2
MIN_FUZZY_QUARTER_WORD = 7  # "Tribun" (a grandstand, a newspaper) is not a misspelt quarter

_NUMERAL_VALUES: dict[str, int] = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "pertama": 1,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
}
_QUARTER_NUMERAL = r"(?:ke[-\s]?)?(?:iv|iii|ii|i|[1-4]|pertama|satu|dua|tiga|empat)"
_SEMESTER_NUMERAL = r"(?:ke[-\s]?)?(?:ii|i|[12]|pertama|satu|dua)"
_TRI_WORD = r"tri[\s-]?[wb][^\W\d_]{2,8}"  # Triwulan and its variants; spelling checked after
_QUARTER_WORD = rf"(?:{_TRI_WORD}|trw|(?-i:TW|Tw|tw)|kuartal|quarter|(?-i:Q)(?=[1-4]))"
_RANGE_WORD = r"(?:s\s?[./]\s?d\.?|sampai\s+dengan|hingga|sampai)"
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
_YEAR_WORD = r"(?:tahun(?:\s+anggaran)?|thn\.?|(?-i:TA|T\.A)\.?)"
_YEAR_SUFFIX = rf"(?:\s*[,/-]?\s*(?:{_YEAR_WORD}\s*)?(?P<year>{_YEAR}))?"

_QUARTER = re.compile(
    rf"{_NOT_AFTER_ALNUM}(?P<word>{_QUARTER_WORD})\.?[\s.:-]{{0,3}}(?P<num>{_QUARTER_NUMERAL})"
    rf"{_END_OF_ALNUM}"
    rf"(?:\s*(?:{_RANGE_WORD}|[-\u2013])\s*(?:{_QUARTER_WORD}\.?[\s.:-]{{0,3}})?"
    rf"(?P<num2>{_QUARTER_NUMERAL}){_END_OF_ALNUM})?" + _YEAR_SUFFIX,
    re.IGNORECASE,
)
_SEMESTER = re.compile(
    rf"{_NOT_AFTER_ALNUM}(?P<word>semester|smt\.?)[\s.:-]{{0,3}}(?P<num>{_SEMESTER_NUMERAL})"
    rf"{_END_OF_ALNUM}" + _YEAR_SUFFIX,
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    rf"{_NOT_AFTER_ALNUM}{_YEAR_WORD}\s*(?P<year>{_YEAR})\s*[-\u2013,/]?\s*$", re.IGNORECASE
)
_CUMULATIVE_BEFORE = re.compile(rf"(?:{_RANGE_WORD}|kumulatif)\s*$", re.IGNORECASE)
LOOKBEHIND_CHARS = 40

# --------------------------------------------------------------------------------------------
# Years and annual reports.

_REPORT_WORD = r"(?:laporan\s+kinerja|laporan\s+tahunan|(?-i:LKjIP|LKJIP|LAKIP|LKIP|LKj|LKJ))"
_YEAR_MENTION = re.compile(
    rf"{_NOT_AFTER_ALNUM}(?P<word>{_YEAR_WORD})\s*(?P<year>{_YEAR})", re.IGNORECASE
)
_REPORT_YEAR = re.compile(  # "LKjIP 2023": the acronym followed directly by the year
    rf"{_NOT_AFTER_ALNUM}(?-i:LKjIP|LKJIP|LAKIP|LKIP|LKj|LKJ)\s*(?:tahun\s*)?(?P<year>{_YEAR})",
    re.IGNORECASE,
)
_REPORT_BEFORE = re.compile(rf"{_NOT_AFTER_ALNUM}{_REPORT_WORD}(?![^\W_])", re.IGNORECASE)
_PERIOD_WORD = re.compile(rf"{_TRI_WORD}|\btw\b|\btrw\b|semester", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:]\s")
REPORT_LOOKBEHIND_CHARS = 80
_REGULATION_NUMBER_BEFORE = re.compile(r"[0-9]\s*$")  # "Nomor 6 Tahun 2018" cites a law

# --------------------------------------------------------------------------------------------
# Ranges.

_RANGE = re.compile(
    rf"(?:(?<![0-9.,])(?P<d1>[0-9]{{1,2}})\s+)?"
    rf"{_NOT_AFTER_LETTER}(?P<m1>{_MONTH})(?:\.|{_END_OF_WORD})"
    rf"(?:\s*(?P<y1>{_YEAR}))?"
    rf"\s*(?:{_RANGE_WORD}|[-\u2013])\s*"
    rf"(?:(?P<d2>[0-9]{{1,2}})\s+)?"
    rf"{_NOT_AFTER_LETTER}(?P<m2>{_MONTH})(?:\.|{_END_OF_WORD})"
    rf"(?:\s*(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
_OPEN_RANGE = re.compile(  # "s.d. Oktober": from the start of the year
    rf"{_NOT_AFTER_LETTER}{_RANGE_WORD}\s*"
    rf"(?:(?P<d2>[0-9]{{1,2}})\s+)?"
    rf"{_NOT_AFTER_LETTER}(?P<m2>{_MONTH})(?:\.|{_END_OF_WORD})"
    rf"(?:\s*(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)

PeriodKind = Literal["quarter", "semester", "year", "annual", "range"]
MentionPlace = Literal["cover", "title", "caption", "body", "range", "signature"]


@dataclass(frozen=True)
class PeriodMatch:
    """A reporting period named in text.

    ``start`` / ``end`` are the dates the period covers, as in
    :class:`~lapkin_audit.model.PeriodMention` (None when the year is not printed); ``span``
    holds the offsets into the searched text (``text[slice(*span)] == raw``). ``quarter`` is
    set for quarters (for a quarter range, ``Triwulan I s.d. III``, the last);
    ``quarter_of_range`` is the quarter in which a date range ends and ``end_month`` its last
    month (known even without a year: ``s.d. Oktober``). ``cumulative`` is set for ranges from
    the start of the year and quarters introduced by ``s.d`` / ``kumulatif``; their ``start``
    is 1 January. ``misspelt`` holds the correct word, in the printed case, when the period
    word is misspelt (``Tribunan`` → ``Triwulan``).
    """

    raw: str
    span: tuple[int, int]
    kind: PeriodKind
    year: int | None = None
    quarter: int | None = None
    semester: int | None = None
    annual: bool = False
    cumulative: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    end_month: int | None = None
    quarter_of_range: int | None = None
    misspelt: str | None = None

    @property
    def is_range(self) -> bool:
        return self.kind == "range"

    def to_mention(
        self, where: MentionPlace = "body", loc: Location | None = None
    ) -> PeriodMention:
        """The model's record of this mention; a range carries the quarter it ends in."""
        return PeriodMention(
            where=where,
            raw=self.raw,
            year=self.year,
            quarter=self.quarter or self.quarter_of_range,
            semester=self.semester,
            annual=self.annual,
            start=self.start,
            end=self.end,
            loc=loc or Location(),
        )


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _in_printed_case(word: str, printed: str) -> str:
    if printed.isupper():
        return word.upper()
    if printed[:1].isupper():
        return word.capitalize()
    return word


def _quarter_word_check(printed: str) -> tuple[bool, str | None]:
    """(is a quarter word, the correct spelling if misspelt)."""
    word = re.sub(r"[\s-]", "", printed).lower()
    if not word.startswith("tri") or word in _ACCEPTED_QUARTER_WORDS:
        return True, None
    if len(word) < MIN_FUZZY_QUARTER_WORD:
        return False, None
    if min(_edit_distance(word, ok) for ok in _ACCEPTED_QUARTER_WORDS) > MAX_QUARTER_WORD_EDITS:
        return False, None
    correct = "triwulanan" if word.endswith("anan") else "triwulan"
    return True, _in_printed_case(correct, printed.strip())


def _numeral_value(printed: str) -> int | None:
    word = printed.lower()
    return _NUMERAL_VALUES.get(word) or _NUMERAL_VALUES.get(re.sub(r"^ke[-\s]?", "", word))


def _year_before(text: str, start: int) -> re.Match[str] | None:
    window_start = max(0, start - LOOKBEHIND_CHARS)
    return _YEAR_BEFORE.search(text, window_start, start)


def _quarter_match(text: str, match: re.Match[str]) -> PeriodMatch | None:
    is_quarter, misspelt = _quarter_word_check(match.group("word"))
    if not is_quarter:
        return None
    first = _numeral_value(match.group("num"))
    last = _numeral_value(match.group("num2")) if match.group("num2") else first
    if first is None or last is None or last < first:
        return None
    begin, year = match.start(), match.group("year")
    if year is None and (before := _year_before(text, begin)):
        begin, year = before.start(), before.group("year")
    cumulative = bool(
        (match.group("num2") and first == 1)
        or _CUMULATIVE_BEFORE.search(text, max(0, begin - LOOKBEHIND_CHARS), begin)
    )
    start = end = None
    if year is not None:
        start = dt.date(int(year), 1, 1) if cumulative else quarter_start(int(year), first)
        end = quarter_end(int(year), last)
    return PeriodMatch(
        raw=text[begin : match.end()],
        span=(begin, match.end()),
        kind="quarter",
        year=int(year) if year else None,
        quarter=last,
        cumulative=cumulative,
        start=start,
        end=end,
        misspelt=misspelt,
    )


def _semester_match(text: str, match: re.Match[str]) -> PeriodMatch | None:
    semester = _numeral_value(match.group("num"))
    if semester not in (1, 2):
        return None
    begin, year = match.start(), match.group("year")
    if year is None and (before := _year_before(text, begin)):
        begin, year = before.start(), before.group("year")
    start = end = None
    if year is not None:
        start = dt.date(int(year), 6 * semester - 5, 1)
        end = _month_end(int(year), 6 * semester)
    return PeriodMatch(
        raw=text[begin : match.end()],
        span=(begin, match.end()),
        kind="semester",
        year=int(year) if year else None,
        semester=semester,
        start=start,
        end=end,
    )


def _safe_date(year: int | None, month: int, day: int | None, *, last: bool) -> dt.date | None:
    """The printed day, or the first / last day of the month when no day is printed."""
    if year is None:
        return None
    if day is None:
        return _month_end(year, month) if last else dt.date(year, month, 1)
    return None if _invalid_reason(year, month, day) else dt.date(year, month, day)


def _range_match(match: re.Match[str]) -> PeriodMatch | None:
    groups = match.groupdict()
    m2 = _MONTH_WORDS[groups["m2"].lower()]
    m1 = _MONTH_WORDS[groups["m1"].lower()] if groups.get("m1") else 1
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    if m1 > m2:
        return None  # "Desember - Januari" is no range within one year
    year_text = groups["y2"] or groups.get("y1")
    year = int(year_text) if year_text else None
    return PeriodMatch(
        raw=match.group(),
        span=match.span(),
        kind="range",
        year=year,
        cumulative=m1 == 1 and d1 in (None, 1),
        start=_safe_date(year, m1, d1, last=False),
        end=_safe_date(year, m2, d2, last=True),
        end_month=m2,
        quarter_of_range=quarter_of_month(m2),
    )


def _year_match(text: str, match: re.Match[str]) -> PeriodMatch | None:
    if _REGULATION_NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return None
    year = int(match.group("year"))
    report = _report_word_before(text, match.start())
    if report is None:
        return PeriodMatch(raw=match.group(), span=match.span(), kind="year", year=year)
    return _annual(text, report.start(), match.end(), year)


def _report_word_before(text: str, begin: int) -> re.Match[str] | None:
    """``Laporan Kinerja … `` shortly before a year, in the same sentence, naming no quarter."""
    window_start = max(0, begin - REPORT_LOOKBEHIND_CHARS)
    reports = list(_REPORT_BEFORE.finditer(text, window_start, begin))
    if not reports:
        return None
    between = text[reports[-1].end() : begin]
    if _PERIOD_WORD.search(between) or _SENTENCE_END.search(between):
        return None
    return reports[-1]


def _annual(text: str, begin: int, finish: int, year: int) -> PeriodMatch:
    return PeriodMatch(
        raw=text[begin:finish],
        span=(begin, finish),
        kind="annual",
        year=year,
        annual=True,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
    )


def find_periods(text: str) -> list[PeriodMatch]:
    """Every period named in ``text``, in order (quarters, semesters, ranges, years)."""
    try:
        return _find_periods(text)
    except Exception:  # noqa: BLE001 - odd text must never stop the audit
        return []


def _find_periods(text: str) -> list[PeriodMatch]:
    candidates: list[PeriodMatch | None] = []
    candidates += [_range_match(m) for m in _RANGE.finditer(text)]
    candidates += [_quarter_match(text, m) for m in _QUARTER.finditer(text)]
    candidates += [_semester_match(text, m) for m in _SEMESTER.finditer(text)]
    candidates += [_range_match(m) for m in _OPEN_RANGE.finditer(text)]
    candidates += [
        _annual(text, m.start(), m.end(), int(m.group("year"))) for m in _REPORT_YEAR.finditer(text)
    ]
    candidates += [_year_match(text, m) for m in _YEAR_MENTION.finditer(text)]
    return _without_overlaps([c for c in candidates if c is not None])
