"""Reading the holiday arrangements shipped in the `chinesecalendar` package (no Django here).

The package lists every rest day of a holiday period, weekends included; our calendar stores only the
exceptions to the Monday–Friday rule, so weekend rest days and weekday workdays are dropped.
"""

from datetime import date

import chinese_calendar
from chinese_calendar.constants import Holiday

HOLIDAY = "holiday"
WORKDAY = "workday"

# The package's own Chinese names are abbreviated (清明, 端午, 中秋); users read the full names.
_NAMES = {
    Holiday.new_years_day.value: "元旦",
    Holiday.spring_festival.value: "春节",
    Holiday.tomb_sweeping_day.value: "清明节",
    Holiday.labour_day.value: "劳动节",
    Holiday.dragon_boat_festival.value: "端午节",
    Holiday.national_day.value: "国庆节",
    Holiday.mid_autumn_festival.value: "中秋节",
    Holiday.anti_fascist_70th_day.value: "抗战胜利70周年纪念日",
}

VERSION = chinese_calendar.__version__


def holiday_name(value: str) -> str:
    if value in _NAMES:
        return _NAMES[value]
    try:
        return Holiday(value).chinese
    except ValueError:
        return value or ""


def package_years() -> list[int]:
    """The years whose arrangement the installed package knows (2004–2026 for chinesecalendar 1.11)."""
    return sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})


def package_exceptions(year: int) -> dict[date, tuple[str, str]]:
    """{date: (kind, name)} for the weekday holidays and weekend workdays of `year`."""
    result: dict[date, tuple[str, str]] = {}
    for day, value in chinese_calendar.holidays.items():
        if day.year == year and day.weekday() < 5:
            result[day] = (HOLIDAY, holiday_name(value))
    for day, value in chinese_calendar.workdays.items():
        if day.year == year and day.weekday() >= 5:
            result[day] = (WORKDAY, holiday_name(value))
    return dict(sorted(result.items()))
