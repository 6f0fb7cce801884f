"""Tests for lapkin_audit.parse.dates: dates and reporting periods in Indonesian text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapkin_audit.model import Location
from lapkin_audit.parse.dates import (
    MONTH_NAMES,
    find_dates,
    find_periods,
    parse_date,
    quarter_end,
    quarter_start,
)

SEED_SIGNATURE = "Senduro , 30 Juni 2023"
SEED_COVER = "LAPORAN KINERJA CAMAT\nTRIBUNAN III TAHUN 2023"
SEED_RUNNING_TEXT = (
    "hal-hal yang belum dapat dicapai dalam kurun waktu triwulanan II tahun anggaran 2023. "
    "Disamping itu, pelaporan kinerja dimaksud"
)

# --------------------------------------------------------------------------------------------
# Dates.


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("30 Juni 2023", dt.date(2023, 6, 30)),
        (SEED_SIGNATURE, dt.date(2023, 6, 30)),
        ("Lumajang, 7 Juli 2023", dt.date(2023, 7, 7)),
        ("Jumat, 07 Juli 2023", dt.date(2023, 7, 7)),
        ("Jum'at, 07 Juli 2023", dt.date(2023, 7, 7)),
        ("Jum\u2019at, 07 Juli 2023", dt.date(2023, 7, 7)),
        ("30 juni 2023", dt.date(2023, 6, 30)),
        ("30 JUNI 2023", dt.date(2023, 6, 30)),
        ("30 Nopember 2023", dt.date(2023, 11, 30)),
        ("28 Pebruari 2024", dt.date(2024, 2, 28)),
        ("29 Februari 2024", dt.date(2024, 2, 29)),
        ("07-07-2023", dt.date(2023, 7, 7)),
        ("7/7/2023", dt.date(2023, 7, 7)),
        ("31/12/2023", dt.date(2023, 12, 31)),
        ("31.12.2023", dt.date(2023, 12, 31)),
        ("2023-07-07", dt.date(2023, 7, 7)),
        ("June 30, 2023", dt.date(2023, 6, 30)),
        ("30 June 2023", dt.date(2023, 6, 30)),
        ("Friday, 7 July 2023", dt.date(2023, 7, 7)),
        ("12 Agt 2023", dt.date(2023, 8, 12)),
        ("5 Agust. 2023", dt.date(2023, 8, 5)),
        ("30-Jun-2023", dt.date(2023, 6, 30)),
    ],
)
def test_parse_date(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("abbreviation", "month"),
    [
        ("Jan", 1),
        ("Feb", 2),
        ("Peb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Mei", 5),
        ("Jun", 6),
        ("Jul", 7),
        ("Agu", 8),
        ("Agt", 8),
        ("Ags", 8),
        ("Agust", 8),
        ("Sep", 9),
        ("Okt", 10),
        ("Nov", 11),
        ("Nop", 11),
        ("Des", 12),
    ],
)
def test_month_abbreviations(abbreviation: str, month: int) -> None:
    assert parse_date(f"1 {abbreviation} 2023") == dt.date(2023, month, 1)
    assert parse_date(f"1 {abbreviation}. 2023") == dt.date(2023, month, 1)


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("31 Juni 2023", "30 days"),
        ("29 Februari 2023", "not a leap year"),
        ("31/13/2023", "month 13"),
        ("0 Juli 2023", "not 0"),
    ],
)
def test_invalid_date_is_found_with_a_reason(text: str, reason_part: str) -> None:
    assert parse_date(text) is None
    (match,) = find_dates(text)
    assert match.date is None
    assert match.invalid_reason is not None and reason_part in match.invalid_reason
    assert match.raw == text


def test_month_only_date() -> None:
    (match,) = find_dates("Lumajang, Februari 2024")
    assert match.month_only and match.day is None
    assert match.date == dt.date(2024, 2, 1)
    assert parse_date("Februari 2024") is None
    assert parse_date("Februari 2024", allow_month_only=True) == dt.date(2024, 2, 1)


def test_printed_weekday_is_checked() -> None:
    (right,) = find_dates("Jumat, 07 Juli 2023")
    (wrong,) = find_dates("Senin, 07 Juli 2023")
    (none,) = find_dates("07 Juli 2023")
    assert (right.weekday, right.weekday_matches) == ("Jumat", True)
    assert (wrong.weekday, wrong.weekday_matches) == ("Senin", False)
    assert none.weekday is None and none.weekday_matches is None


def test_nonstandard_month_spelling_is_flagged() -> None:
    assert find_dates("30 Nopember 2023")[0].nonstandard_month == "November"
    assert find_dates("1 Pebruari 2024")[0].nonstandard_month == "Februari"
    assert find_dates("1 Februari 2024")[0].nonstandard_month is None


def test_find_dates_offsets_and_order() -> None:
    text = "Dalam kurun waktu bulan 1 Januari s.d 30 Juni 2023, ditandatangani 7/7/2023."
    matches = find_dates(text)
    assert [m.raw for m in matches] == ["30 Juni 2023", "7/7/2023"]
    for match in matches:
        assert text[match.start : match.end] == match.raw


@pytest.mark.parametrize(
    "text", ["1.250.000", "Rp 1.841.579.374", "NIP. 19681114 199003 1 004", ""]
)
def test_numbers_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


# --------------------------------------------------------------------------------------------
# Quarters.


def test_quarter_bounds() -> None:
    assert [quarter_start(2023, q) for q in (1, 2, 3, 4)] == [
        dt.date(2023, 1, 1),
        dt.date(2023, 4, 1),
        dt.date(2023, 7, 1),
        dt.date(2023, 10, 1),
    ]
    assert [quarter_end(2024, q) for q in (1, 2, 3, 4)] == [
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
    with pytest.raises(ValueError):
        quarter_end(2023, 5)


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("Triwulan II", 2),
        ("Triwulan 2", 2),
        ("TRIWULAN II", 2),
        ("triwulan iv", 4),
        ("Triwulanan II", 2),
        ("Tribulan III", 3),
        ("Tribulanan I", 1),
        ("TW I", 1),
        ("TW. II", 2),
        ("TW III", 3),
        ("TW-4", 4),
        ("Trw III", 3),
        ("Triwulan Kedua", 2),
        ("Triwulan ketiga", 3),
        ("Triwulan Pertama", 1),
        ("Triwulan keempat", 4),
        ("Triwulan ke-2", 2),
        ("Q3", 3),
    ],
)
def test_quarter_forms(text: str, quarter: int) -> None:
    (match,) = find_periods(f"Laporan {text} ini")
    assert (match.kind, match.quarter, match.misspelt) == ("quarter", quarter, None)
    assert match.raw == text


@pytest.mark.parametrize(
    ("text", "correct"),
    [
        ("Tribunan II", "Triwulan"),
        ("TRIBUNAN III", "TRIWULAN"),
        ("Triwluan I", "Triwulan"),
        ("triwlan IV", "triwulan"),
        ("Triwulana II", "Triwulan"),
        ("Tribunanan II", "Triwulanan"),
    ],
)
def test_misspelt_quarter_word_is_flagged(text: str, correct: str) -> None:
    (match,) = find_periods(text)
    assert match.quarter is not None
    assert match.misspelt == correct


def test_seed_cover() -> None:
    (match,) = find_periods(SEED_COVER)
    assert (match.raw, match.year, match.quarter) == ("TRIBUNAN III TAHUN 2023", 2023, 3)
    assert match.misspelt == "TRIWULAN"
    assert (match.start, match.end) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))


def test_quarter_in_running_text() -> None:
    (match,) = find_periods(SEED_RUNNING_TEXT)
    assert match.raw == "triwulanan II tahun anggaran 2023"
    assert (match.year, match.quarter, match.end) == (2023, 2, dt.date(2023, 6, 30))
    assert SEED_RUNNING_TEXT[slice(*match.span)] == match.raw


def test_year_printed_before_the_quarter() -> None:
    (match,) = find_periods("Cost per outcome Camat Tahun 2023 - Triwulanan II")
    assert (match.raw, match.year, match.quarter) == ("Tahun 2023 - Triwulanan II", 2023, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Diantaranya",
        "diantaranya : 1. 2 target",
        "Triwulan ini",
        "Tribun II stadion",  # a real word, too short to be a misspelling
        "Triwulan 2023",  # a year, not a quarter number
        "BETWEEN II",
        "laporan kinerja triwulanan kepada Bupati",  # quarterly, but no quarter named
    ],
)
def test_no_quarter_without_a_quarter_word_and_numeral(text: str) -> None:
    assert [m for m in find_periods(text) if m.kind == "quarter"] == []


def test_cumulative_quarters() -> None:
    (upto,) = find_periods("Realisasi s/d Triwulan II 2023")
    assert upto.cumulative and upto.start == dt.date(2023, 1, 1)
    (span,) = find_periods("Triwulan I s.d. III 2023")
    assert (span.quarter, span.cumulative, span.end) == (3, True, dt.date(2023, 9, 30))


def test_semester() -> None:
    (first,) = find_periods("Laporan Semester I Tahun 2023")
    (second,) = find_periods("semester II 2023")
    assert (first.semester, first.end) == (1, dt.date(2023, 6, 30))
    assert (second.semester, second.start) == (2, dt.date(2023, 7, 1))


# --------------------------------------------------------------------------------------------
# Years and annual reports.


@pytest.mark.parametrize(
    "text", ["Tahun 2023", "Tahun Anggaran 2023", "TA 2023", "TA. 2023", "tahun anggaran 2023"]
)
def test_year_mentions(text: str) -> None:
    (match,) = find_periods(f"Perjanjian Kinerja {text}")
    assert (match.kind, match.year, match.annual) == ("year", 2023, False)


@pytest.mark.parametrize(
    "text",
    [
        "Laporan Kinerja Tahun 2023",
        "LAPORAN KINERJA CAMAT SENDURO TAHUN 2023",
        "LKjIP 2023",
        "LKjIP Tahun 2023",
        "LAKIP 2023",
    ],
)
def test_annual_reports(text: str) -> None:
    (match,) = find_periods(text)
    assert (match.kind, match.year, match.annual) == ("annual", 2023, True)
    assert (match.start, match.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_report_with_a_quarter_is_not_annual() -> None:
    (match,) = find_periods("Laporan Kinerja triwulanan II Tahun 2023")
    assert (match.kind, match.quarter, match.annual) == ("quarter", 2, False)


@pytest.mark.parametrize(
    "text",
    [
        "Peraturan Bupati Nomor 6 Tahun 2018",
        "Peraturan Bupati Lumajang nomor 96 tahun 2019",
        "DATA 2023",
    ],
)
def test_regulation_citations_are_not_periods(text: str) -> None:
    assert find_periods(text) == []


# --------------------------------------------------------------------------------------------
# Ranges.


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1 Januari s.d 30 Juni 2023", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        ("1 Januari s.d. 30 Juni 2023", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        ("Januari s/d Juni 2023", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        ("Januari sampai dengan September 2023", dt.date(2023, 1, 1), dt.date(2023, 9, 30)),
        ("Jan - Des 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ],
)
def test_cumulative_ranges(text: str, start: dt.date, end: dt.date) -> None:
    (match,) = find_periods(f"Dalam kurun waktu bulan {text}, maka")
    assert match.is_range and match.raw == text and match.cumulative
    assert (match.start, match.end) == (start, end)
    assert match.quarter_of_range == (end.month - 1) // 3 + 1


def test_range_not_from_january() -> None:
    (match,) = find_periods("1 April s.d 30 Juni 2023")
    assert not match.cumulative
    assert (match.start, match.quarter_of_range) == (dt.date(2023, 4, 1), 2)


def test_open_range_without_a_year() -> None:
    (match,) = find_periods("realisasi s.d. Oktober")
    assert (match.raw, match.end_month, match.quarter_of_range) == ("s.d. Oktober", 10, 4)
    assert match.cumulative and match.year is None and match.end is None


def test_range_to_mention() -> None:
    (match,) = find_periods("1 Januari s.d 30 Juni 2023")
    mention = match.to_mention("range", Location(paragraph=12))
    assert (mention.where, mention.quarter, mention.end) == ("range", 2, dt.date(2023, 6, 30))
    assert mention.loc.paragraph == 12


def test_seed_periods() -> None:
    text = (
        "Dalam kurun waktu bulan 1 Januari s.d 30 Juni 2023, maka dari 9 indikator\n"
        "Pada Bulan\tJanuari s/d Juni 2023\n" + SEED_COVER
    )
    kinds = [(m.kind, m.quarter or m.quarter_of_range, m.year) for m in find_periods(text)]
    assert kinds == [("range", 2, 2023), ("range", 2, 2023), ("quarter", 3, 2023)]


# --------------------------------------------------------------------------------------------
# Properties.

_DATEISH = st.text(
    alphabet="0123456789 ,./-'()\nJuniJuliTriwulanIVXsdTahunRpTWFebruari", max_size=60
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=120), _DATEISH))
def test_finders_never_raise_and_offsets_hold(text: str) -> None:
    parse_date(text)
    for date in find_dates(text):
        assert text[date.start : date.end] == date.raw
        assert (date.date is None) == (date.invalid_reason is not None)
    for period in find_periods(text):
        assert text[slice(*period.span)] == period.raw
        assert period.quarter in (None, 1, 2, 3, 4)


@settings(max_examples=120, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["{d} {m} {y}", "{d:02d} {m} {y}", "{d}-{n:02d}-{y}", "{d}/{n}/{y}"]),
    st.sampled_from([str, str.upper, str.lower]),
    st.booleans(),
)
def test_printed_date_reads_back(
    date: dt.date, template: str, case: Callable[[str], str], with_weekday: bool
) -> None:
    printed = template.format(d=date.day, n=date.month, m=MONTH_NAMES[date.month - 1], y=date.year)
    weekday = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][date.weekday()]
    text = case(f"Senduro , {weekday + ', ' if with_weekday else ''}{printed}")
    (match,) = find_dates(text)
    assert match.date == date
    assert match.weekday_matches is (True if with_weekday else None)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1900, max_value=2099),
    st.integers(min_value=1, max_value=4),
    st.sampled_from(["Triwulan {r} Tahun {y}", "TW {q} {y}", "Tahun {y} - Triwulanan {r}"]),
)
def test_printed_quarter_reads_back(year: int, quarter: int, template: str) -> None:
    roman = ["I", "II", "III", "IV"][quarter - 1]
    (match,) = find_periods(template.format(r=roman, q=quarter, y=year))
    assert (match.year, match.quarter) == (year, quarter)
    assert (match.start, match.end) == (
        quarter_start(year, quarter),
        quarter_end(year, quarter),
    )
