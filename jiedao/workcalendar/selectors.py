"""Reading a year of the calendar for display: month grids and holiday periods."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from .models import WEEKDAY_NAMES, CalendarDay, CalendarYear, DayKind, chinese_date


@dataclass
class Cell:
    day: date
    in_month: bool
    kind: str  # "holiday", "workday" (调休上班), "weekend", "weekday"
    name: str = ""
    today: bool = False

    @property
    def title(self) -> str:
        label = {"holiday": "法定节假日", "workday": "调休上班日", "weekend": "休息日", "weekday": "工作日"}
        text = f"{chinese_date(self.day)} {WEEKDAY_NAMES[self.day.weekday()]} {label[self.kind]}"
        return f"{text}（{self.name}）" if self.name else text


@dataclass
class HolidayPeriod:
    name: str
    start: date
    end: date
    makeup_days: list[date] = field(default_factory=list)

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


def _rows_around(year: int) -> dict[date, CalendarDay]:
    # The neighbouring years too: a period may start in late December (元旦) or end in early January.
    rows = CalendarDay.objects.filter(year__in=[year - 1, year, year + 1])
    return {row.date: row for row in rows}


def _kind(day: date, rows: dict[date, CalendarDay]) -> str:
    if day in rows:
        return rows[day].kind
    return "weekend" if day.weekday() >= 5 else "weekday"


def month_grids(year: int, rows: dict[date, CalendarDay], today: date) -> list[dict]:
    """Twelve months, each a list of weeks (Monday first) of `Cell`s."""
    months = []
    for month in range(1, 13):
        weeks = [
            [
                Cell(
                    day=d,
                    in_month=d.month == month,
                    kind=_kind(d, rows),
                    name=rows[d].name if d in rows else "",
                    today=d == today,
                )
                for d in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        months.append({"number": month, "title": f"{month}月", "weeks": weeks})
    return months


def holiday_periods(year: int, rows: dict[date, CalendarDay]) -> list[HolidayPeriod]:
    """Each run of rest days around the weekday holidays of `year`, with its 调休 workdays."""

    def resting(d: date) -> bool:
        return _kind(d, rows) in ("holiday", "weekend")

    periods: list[HolidayPeriod] = []
    seen: set[date] = set()
    holidays = sorted(d for d, r in rows.items() if r.kind == DayKind.HOLIDAY and d.year == year)
    for day in holidays:
        if day in seen:
            continue
        start, end = day, day
        while resting(start - timedelta(days=1)):
            start -= timedelta(days=1)
        while resting(end + timedelta(days=1)):
            end += timedelta(days=1)
        names: list[str] = []
        for d in _dates(start, end):
            seen.add(d)
            if d in rows and rows[d].name and rows[d].name not in names:
                names.append(rows[d].name)
        periods.append(HolidayPeriod(name="、".join(names) or "节假日", start=start, end=end))
    for d, row in sorted(rows.items()):
        if row.kind == DayKind.WORKDAY and d.year == year:
            period = _period_for_workday(periods, row)
            if period is not None:
                period.makeup_days.append(d)
    return periods


def _dates(start: date, end: date):
    while start <= end:
        yield start
        start += timedelta(days=1)


def _period_for_workday(periods: list[HolidayPeriod], row: CalendarDay) -> HolidayPeriod | None:
    named = [p for p in periods if row.name and row.name in p.name.split("、")]
    candidates = named or periods
    # The nearest period of the same name: 调休 days sit just before or after their holiday.
    return min(candidates, key=lambda p: abs((p.start - row.date).days), default=None)


def calendar_year_overview(year: int, today: date) -> dict:
    rows = _rows_around(year)
    return {
        "calendar_year": CalendarYear.objects.filter(year=year).first(),
        "months": month_grids(year, rows, today),
        "periods": holiday_periods(year, rows),
        "holiday_count": sum(1 for d, r in rows.items() if d.year == year and r.kind == DayKind.HOLIDAY),
        "workday_count": sum(1 for d, r in rows.items() if d.year == year and r.kind == DayKind.WORKDAY),
    }
