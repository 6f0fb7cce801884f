"""Working days and reporting deadlines, from the regulation pack.

A working day is a day of the working week (Monday–Friday, or Monday–Saturday when the pack
says ``saturday_is_workday``) that is not a public holiday, not a cuti bersama day (unless the
pack says ``cuti_bersama_is_holiday: false``) and not an ``extra_holidays`` entry of the pack;
``not_holidays`` entries are working days whatever the holiday package says. Holidays come
from the ``holidays`` package, country ``ID``, categories ``public`` and ``government``.

Deadlines counted in working days start the day after the period ends
("5 hari kerja setelah triwulan berakhir": 30 Jun 2023 → 7 Jul 2023).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lapkin_audit.model import Period
    from lapkin_audit.packs import Pack

SATURDAY, SUNDAY = 5, 6


def _value(setting: Any, default: Any) -> Any:
    """A pack setting is a plain value or a mapping with ``value`` and its source."""
    if isinstance(setting, dict):
        return setting.get("value", default)
    return default if setting is None else setting


def _dates(entries: list[Any] | None) -> frozenset[dt.date]:
    days = set()
    for entry in entries or []:
        day = entry.get("date") if isinstance(entry, dict) else entry
        days.add(day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)))
    return frozenset(days)


@dataclass(frozen=True)
class WorkingWeek:
    """The pack's ``working-week`` section, resolved."""

    saturday_is_workday: bool = False
    cuti_bersama_is_holiday: bool = True
    categories: tuple[str, ...] = ("public", "government")
    extra_holidays: frozenset[dt.date] = frozenset()
    not_holidays: frozenset[dt.date] = frozenset()

    @classmethod
    def from_pack(cls, pack: Pack | WorkingWeek | None) -> WorkingWeek:
        if isinstance(pack, WorkingWeek):
            return pack
        if pack is None:
            from lapkin_audit.packs import load_pack

            pack = load_pack()
        section = pack.section("working-week")
        cuti = bool(_value(section.get("cuti_bersama_is_holiday"), True))
        categories = tuple((section.get("holidays") or {}).get("categories", cls.categories))
        if not cuti:
            categories = tuple(c for c in categories if c != "government")
        return cls(
            saturday_is_workday=bool(_value(section.get("saturday_is_workday"), False)),
            cuti_bersama_is_holiday=cuti,
            categories=categories,
            extra_holidays=_dates(section.get("extra_holidays")),
            not_holidays=_dates(section.get("not_holidays")),
        )


@lru_cache(maxsize=64)
def _holidays(year: int, categories: tuple[str, ...], language: str) -> dict[dt.date, str]:
    cache = _holiday_cache_file(year, categories, language)
    cached = _read_holiday_cache(cache)
    if cached is not None:
        return cached
    import holidays

    calendar = holidays.country_holidays(
        "ID", years=year, categories=categories, language=language
    )
    table = dict(calendar.items())
    _write_holiday_cache(cache, table)
    return table


# Importing ``holidays`` loads every country (~90 ms, a fifth of a DOCX check): the table of
# one year is kept in the user's cache folder, keyed by the installed holidays release.
# Any problem with the cache (no home, read-only, damaged file) falls back to the package;
# LAPKIN_AUDIT_NO_CACHE=1 switches it off.


def _holiday_cache_file(year: int, categories: tuple[str, ...], language: str) -> Path | None:
    if os.environ.get("LAPKIN_AUDIT_NO_CACHE"):
        return None
    try:
        spec = importlib.util.find_spec("holidays")  # locates, does not import
        if spec is None or not spec.origin:
            return None
        package = Path(spec.origin).parent
        release = sorted(p.name for p in package.parent.glob("holidays-*.dist-info"))
        stamp = package.joinpath("countries", "indonesia.py").stat()
        key = f"{'+'.join(release)}|{stamp.st_size}|{stamp.st_mtime_ns}|{year}|{categories}|{language}"
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (OSError, ValueError, ImportError, RuntimeError):
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return root / "lapkin-audit" / f"holidays-ID-{year}-{language}-{digest}.json"


def _read_holiday_cache(path: Path | None) -> dict[dt.date, str] | None:
    if path is None:
        return None
    try:
        pairs = json.loads(path.read_text(encoding="utf-8"))
        return {dt.date.fromisoformat(day): str(name) for day, name in pairs}
    except (OSError, ValueError, TypeError):
        return None


def _write_holiday_cache(path: Path | None, table: dict[dt.date, str]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps([[d.isoformat(), n] for d, n in table.items()]),
                       encoding="utf-8")
        os.replace(tmp, path)  # atomic: parallel workers never read half a file
    except OSError:
        pass


def holiday_name(day: dt.date, pack: Pack | WorkingWeek | None, lang: str = "id") -> str | None:
    """The holiday or cuti bersama on ``day`` by the pack's calendar, else None."""
    week = WorkingWeek.from_pack(pack)
    if day in week.not_holidays:
        return None
    if day in week.extra_holidays:
        return "libur (paket regulasi)" if lang != "en" else "holiday (regulation pack)"
    language = "en_US" if lang == "en" else "id"
    return _holidays(day.year, week.categories, language).get(day)


def is_working_day(day: dt.date, pack: Pack | WorkingWeek | None = None) -> bool:
    week = WorkingWeek.from_pack(pack)
    if day.weekday() == SUNDAY or (day.weekday() == SATURDAY and not week.saturday_is_workday):
        return False
    return holiday_name(day, week) is None


def add_working_days(day: dt.date, n: int, pack: Pack | WorkingWeek | None = None) -> dt.date:
    """The n-th working day after ``day`` (before it when n < 0); ``day`` itself when n == 0."""
    week = WorkingWeek.from_pack(pack)
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, week):
            remaining -= 1
    return day


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    month = quarter * 3
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def period_end(period: Period) -> dt.date | None:
    """Last day of a quarterly or annual period; the printed end of any other period."""
    if period.year and period.quarter:
        return quarter_end(period.year, period.quarter)
    if period.year and period.annual:
        return dt.date(period.year, 12, 31)
    return period.end


def quarterly_working_days(pack: Pack | None) -> int | None:
    """The pack's N in "N hari kerja setelah triwulan berakhir"; None when it sets none."""
    from lapkin_audit.packs import load_pack

    quarterly = (pack or load_pack()).section("deadlines").get("quarterly") or {}
    n = _value(quarterly.get("working_days_after_quarter_end"), None)
    return None if n is None else int(n)


def quarterly_deadline(year: int, quarter: int, pack: Pack | None = None) -> dt.date:
    """Quarter end + the pack's working days (Lumajang 2023 Q2: 7 Jul 2023)."""
    n = quarterly_working_days(pack)
    if n is None:
        raise LookupError("the regulation pack sets no quarterly deadline")
    return add_working_days(quarter_end(year, quarter), n, WorkingWeek.from_pack(pack))


def annual_entry(pack: Pack | None, report: str | None = None) -> dict[str, Any]:
    """The pack's annual deadline entry for ``report`` (default: the pack's ``default``)."""
    from lapkin_audit.packs import load_pack

    annual = (pack or load_pack()).section("deadlines").get("annual") or {}
    wanted = report or annual.get("default")
    for entry in annual.get("reports", []):
        if entry.get("report") == wanted:
            return entry
    raise LookupError(f"no annual deadline {wanted!r} in the regulation pack")


def annual_deadline(year: int, pack: Pack | None = None, report: str | None = None) -> dt.date:
    """Last day of the N-th month after the year ends (LKjIP pemda 2023: 31 Mar 2024)."""
    months = int(annual_entry(pack, report)["months_after_year_end"])
    target_year, month = year + 1 + (months - 1) // 12, (months - 1) % 12 + 1
    return dt.date(target_year, month, _calendar.monthrange(target_year, month)[1])
