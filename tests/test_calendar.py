"""Working-day arithmetic against domain.md 7.6 ("5 hari kerja setelah triwulan berakhir", 2023)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from lapkin_audit.calendar import (
    WorkingWeek,
    add_working_days,
    annual_deadline,
    holiday_name,
    is_working_day,
    quarter_end,
    quarterly_deadline,
)
from lapkin_audit.packs import Pack, load_pack

D = dt.date


@pytest.fixture(scope="module")
def lumajang() -> Pack:
    return load_pack("kab-lumajang")


@pytest.fixture(scope="module")
def lumajang_six_day(lumajang: Pack) -> Pack:
    sections = dict(lumajang.sections)
    sections["working-week"] = {**sections["working-week"], "saturday_is_workday": True}
    return Pack("six-day", lumajang.chain, sections)


@pytest.mark.parametrize(
    ("quarter", "five_day", "six_day"),
    [
        (1, D(2023, 4, 10), D(2023, 4, 6)),
        (2, D(2023, 7, 7), D(2023, 7, 6)),
        (3, D(2023, 10, 6), D(2023, 10, 6)),
        (4, D(2024, 1, 8), D(2024, 1, 6)),
    ],
)
def test_domain_7_6_table(lumajang, lumajang_six_day, quarter, five_day, six_day) -> None:
    assert quarterly_deadline(2023, quarter, lumajang) == five_day
    assert quarterly_deadline(2023, quarter, lumajang_six_day) == six_day


def test_good_friday_and_new_year_are_skipped(lumajang) -> None:
    assert not is_working_day(D(2023, 4, 7), lumajang)  # Good Friday
    assert not is_working_day(D(2024, 1, 1), lumajang)
    assert is_working_day(D(2023, 4, 10), lumajang)


def test_cuti_bersama_is_a_holiday_by_default_and_named() -> None:
    week = WorkingWeek.from_pack(load_pack())
    assert not is_working_day(D(2023, 6, 30), week)
    assert holiday_name(D(2023, 6, 30), week) == "Cuti Bersama Hari Raya Idul Adha"
    assert "Eid al-Adha" in holiday_name(D(2023, 6, 30), week, lang="en")


def test_cuti_bersama_can_be_a_working_day() -> None:
    week = WorkingWeek.from_pack(load_pack())
    no_cuti = replace(week, cuti_bersama_is_holiday=False, categories=("public",))
    assert is_working_day(D(2023, 6, 30), no_cuti)
    assert not is_working_day(D(2023, 6, 29), no_cuti)  # Idul Adha itself stays a holiday


def test_pack_setting_turns_cuti_bersama_off() -> None:
    base = load_pack()
    sections = dict(base.sections)
    sections["working-week"] = {**sections["working-week"], "cuti_bersama_is_holiday": False}
    week = WorkingWeek.from_pack(Pack("no-cuti", base.chain, sections))
    assert week.categories == ("public",)
    assert is_working_day(D(2023, 6, 30), week)


def test_overrides_add_and_remove_holidays() -> None:
    week = replace(
        WorkingWeek(),
        extra_holidays=frozenset({D(2023, 7, 3)}),
        not_holidays=frozenset({D(2023, 6, 30)}),
    )
    assert not is_working_day(D(2023, 7, 3), week)
    assert is_working_day(D(2023, 6, 30), week)
    assert add_working_days(D(2023, 6, 29), 1, week) == D(2023, 6, 30)


def test_pack_override_entries_are_read() -> None:
    base = load_pack()
    sections = dict(base.sections)
    sections["working-week"] = {
        **sections["working-week"],
        "extra_holidays": [{"date": D(2023, 7, 3), "name": "regional", "status": "confirmed"}],
        "not_holidays": ["2023-06-30"],
    }
    week = WorkingWeek.from_pack(Pack("override", base.chain, sections))
    assert week.extra_holidays == {D(2023, 7, 3)}
    assert week.not_holidays == {D(2023, 6, 30)}


def test_add_working_days_edges() -> None:
    week = WorkingWeek()
    assert add_working_days(D(2023, 7, 7), 0, week) == D(2023, 7, 7)
    assert add_working_days(D(2023, 7, 10), -1, week) == D(2023, 7, 7)


def test_default_pack_quarterly_deadline_is_generic_and_lenient() -> None:
    pack = load_pack()
    quarterly = pack.section("deadlines")["quarterly"]
    assert quarterly["status"] == "unconfirmed"
    lumajang = load_pack("kab-lumajang")
    assert quarterly_deadline(2023, 2, pack) > quarterly_deadline(2023, 2, lumajang)


def test_annual_deadlines() -> None:
    pack = load_pack()
    assert annual_deadline(2023, pack) == D(2024, 3, 31)
    assert annual_deadline(2023, pack, "lkj-kl") == D(2024, 2, 29)
    with pytest.raises(LookupError):
        annual_deadline(2023, pack, "nope")


def test_quarter_end() -> None:
    assert [quarter_end(2023, q) for q in (1, 2, 3, 4)] == [
        D(2023, 3, 31), D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31)
    ]
    with pytest.raises(ValueError):
        quarter_end(2023, 5)


def test_every_pack_entry_has_source_and_status() -> None:
    for name in ("default", "kab-lumajang"):
        pack = load_pack(name)
        deadlines = pack.section("deadlines")
        entries = [deadlines["quarterly"], *deadlines["annual"]["reports"]]
        entries += pack.section("village-deadlines")["documents"]
        for entry in entries:
            assert "status" in entry and entry["status"] in ("confirmed", "unconfirmed"), entry
            assert "source" in entry or "basis" in entry, entry


def test_a_pack_without_quarterly_deadline() -> None:
    pack = load_pack(Path(__file__).parent / "rules" / "packs" / "no-quarterly")
    with pytest.raises(LookupError):
        quarterly_deadline(2023, 2, pack)
