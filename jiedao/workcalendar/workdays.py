"""Working-day arithmetic on the Chinese calendar (statutory holidays and 调休 workdays).

Every function needs the arrangement of each year it touches. A year without a `CalendarYear` row raises
`CalendarMissing` — the calendar never guesses. Callers that prefer an estimate over an error pass
`allow_fallback=True`: the missing year is then treated as Monday–Friday and a `CalendarFallbackWarning`
is emitted, so the guess stays visible.

The whole calendar (a few hundred rows) is read with one query per table and cached per process. The cache
is dropped whenever a day or a year is saved or deleted in this process (a generation counter bumped by the
services and by model signals) and, for changes made by other processes, after `CACHE_SECONDS`.
"""

import threading
import time
import warnings
from datetime import date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .models import CalendarDay, CalendarYear, DayKind

MSG_YEAR_MISSING = (
    "{year}年的节假日安排尚未录入工作日历，无法计算工作日。请系统管理员在“系统管理 › 工作日历”中录入。"
)
MSG_FALLBACK = "已按周一至周五估算"
CACHE_SECONDS = 300


class CalendarMissing(Exception):
    def __init__(self, year: int):
        self.year = year
        super().__init__(MSG_YEAR_MISSING.format(year=year))


class CalendarFallbackWarning(UserWarning):
    pass


# --- the per-process cache -------------------------------------------------------------------------------

_lock = threading.Lock()
_generation = 0
_snapshot: dict | None = None  # {"generation": int, "loaded": float, "years": {year: {date: kind}}}


def invalidate() -> None:
    """Forget the cached calendar; the next call reads the database again."""
    global _generation
    with _lock:
        _generation += 1


def clear_cache() -> None:
    global _snapshot
    invalidate()
    with _lock:
        _snapshot = None


def _years() -> dict[int, dict[date, str]]:
    global _snapshot
    snap = _snapshot
    if (
        snap is not None
        and snap["generation"] == _generation
        and time.monotonic() - snap["loaded"] < CACHE_SECONDS
    ):
        return snap["years"]
    generation = _generation
    years: dict[int, dict[date, str]] = {y: {} for y in CalendarYear.objects.values_list("year", flat=True)}
    for day, kind, year in CalendarDay.objects.values_list("date", "kind", "year"):
        # A day of an undeclared year cannot come from the services; without its year it means nothing.
        if year in years:
            years[year][day] = kind
    with _lock:
        _snapshot = {"generation": generation, "loaded": time.monotonic(), "years": years}
    return years


def _exceptions(year: int, allow_fallback: bool) -> dict[date, str]:
    days = _years().get(year)
    if days is not None:
        return days
    if not allow_fallback:
        raise CalendarMissing(year)
    warnings.warn(
        f"{MSG_YEAR_MISSING.format(year=year)}{MSG_FALLBACK}。", CalendarFallbackWarning, stacklevel=3
    )
    return {}


# --- days ------------------------------------------------------------------------------------------------


def is_working_day(d: date, *, allow_fallback: bool = False) -> bool:
    kind = _exceptions(d.year, allow_fallback).get(d)
    if kind is not None:
        return kind == DayKind.WORKDAY
    return d.weekday() < 5


def add_working_days(start: date, n: int, *, allow_fallback: bool = False) -> date:
    """The date `n` working days after `start`, not counting `start` itself (Friday + 1 = next Monday).

    `n == 0` returns `start` unchanged, working day or not.
    """
    if n < 0:
        raise ValueError("工作日数不能为负数")
    d = start
    while n:
        d += timedelta(days=1)
        if is_working_day(d, allow_fallback=allow_fallback):
            n -= 1
    return d


def next_working_day(d: date, *, allow_fallback: bool = False) -> date:
    """The first working day strictly after `d`."""
    return add_working_days(d, 1, allow_fallback=allow_fallback)


def _weekdays_through(d: date) -> int:
    # date(1, 1, 1) is a Monday with ordinal 1, so ordinals 7k+1 … 7k+5 are Monday … Friday.
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start: date, end: date, *, allow_fallback: bool = False) -> int:
    """Working days in the half-open interval (start, end]: `start` is not counted, `end` is.

    So `working_days_between(d, add_working_days(d, n)) == n`; 0 when end <= start.
    """
    if end <= start:
        return 0
    count = _weekdays_through(end) - _weekdays_through(start)
    first = start + timedelta(days=1)
    for year in range(first.year, end.year + 1):
        for day, kind in _exceptions(year, allow_fallback).items():
            if first <= day <= end:
                count += 1 if kind == DayKind.WORKDAY else -1
    return count


# --- hours -----------------------------------------------------------------------------------------------


def _periods() -> list[tuple[dtime, dtime]]:
    return [(dtime.fromisoformat(a), dtime.fromisoformat(b)) for a, b in settings.WORKING_HOURS]


def add_working_hours(start: datetime, hours: float, *, allow_fallback: bool = False) -> datetime:
    """The moment `hours` office hours (settings.WORKING_HOURS on working days) after `start`.

    `start` must be timezone-aware; the result is in the local time zone (Asia/Shanghai). A start outside
    office hours counts from the next office period; a deadline that falls exactly at the end of a period
    stays there (12:00, not 13:00).
    """
    if timezone.is_naive(start):
        raise ValueError("起始时间必须带时区")
    if hours < 0:
        raise ValueError("工作小时数不能为负数")
    tz = ZoneInfo(settings.TIME_ZONE)
    current = start.astimezone(tz)
    remaining = timedelta(hours=hours)
    periods = _periods()
    if not periods:
        raise ImproperlyConfigured("WORKING_HOURS 未配置办公时段")
    day = current.date()
    while True:
        if is_working_day(day, allow_fallback=allow_fallback):
            for begin, finish in periods:
                period_end = datetime.combine(day, finish, tzinfo=tz)
                if current >= period_end:
                    continue
                current = max(current, datetime.combine(day, begin, tzinfo=tz))
                available = period_end - current
                if remaining <= available:
                    return current + remaining
                remaining -= available
                current = period_end
        day += timedelta(days=1)
        current = datetime.combine(day, dtime.min, tzinfo=tz)


# --- coverage --------------------------------------------------------------------------------------------


def year_coverage() -> list[int]:
    """The years that have a holiday arrangement, ascending."""
    return sorted(_years())


def missing_upcoming_year(today: date) -> int | None:
    """The year an administrator must enter now: the current year if missing, else next year from October."""
    known = _years()
    if today.year not in known:
        return today.year
    if today.month >= 10 and today.year + 1 not in known:
        return today.year + 1
    return None
