from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from jiedao.workcalendar import services, workdays
from jiedao.workcalendar.models import CalendarDay, CalendarYear
from jiedao.workcalendar.workdays import (
    CalendarFallbackWarning,
    CalendarMissing,
    add_working_days,
    add_working_hours,
    is_working_day,
    missing_upcoming_year,
    next_working_day,
    working_days_between,
    year_coverage,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_it_seeds_every_year_of_the_package():
    assert year_coverage() == list(range(2004, 2027))
    assert CalendarYear.objects.get(year=2024).source == "chinesecalendar"
    assert CalendarDay.objects.filter(year=2024).count() == 27
    seeded = CalendarDay.objects.get(date=date(2024, 10, 1)).history.get()
    assert (seeded.history_type, seeded.history_change_reason) == ("+", "从 chinesecalendar 初始载入")


def test_it_stores_only_exceptions_to_the_weekday_rule():
    assert not CalendarDay.objects.filter(date=date(2024, 10, 5)).exists()  # a Saturday inside 国庆
    national_day = CalendarDay.objects.get(date=date(2024, 10, 1))
    assert (national_day.kind, national_day.name) == ("holiday", "国庆节")
    makeup = CalendarDay.objects.get(date=date(2024, 9, 29))
    assert (makeup.kind, makeup.name) == ("workday", "国庆节")


def test_it_knows_the_2024_spring_festival():
    assert [is_working_day(date(2024, 2, d)) for d in range(8, 20)] == [
        True,  # Thu 8
        True,  # Fri 9
        False,  # Sat 10 初一
        False,
        False,  # Mon 12
        False,
        False,
        False,
        False,  # Fri 16
        False,  # Sat 17
        True,  # Sun 18 调休上班
        True,  # Mon 19
    ]
    assert is_working_day(date(2024, 2, 4))  # Sunday, 调休上班


def test_it_knows_the_2024_national_day():
    assert not any(is_working_day(date(2024, 10, d)) for d in range(1, 8))
    assert is_working_day(date(2024, 9, 29))  # Sunday
    assert is_working_day(date(2024, 10, 12))  # Saturday
    assert is_working_day(date(2024, 10, 8))
    assert not is_working_day(date(2024, 10, 13))  # an ordinary Sunday


def test_it_agrees_with_chinesecalendar_on_every_day_it_covers():
    day, last = date(2004, 1, 1), date(2026, 12, 31)
    disagreements = []
    while day <= last:
        if is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []


def test_it_adds_working_days_across_a_holiday():
    assert add_working_days(date(2024, 9, 30), 1) == date(2024, 10, 8)
    assert add_working_days(date(2024, 9, 27), 1) == date(2024, 9, 29)  # Friday + 1 = 调休 Sunday
    assert add_working_days(date(2024, 2, 8), 2) == date(2024, 2, 18)


def test_it_adds_working_days_over_an_ordinary_weekend():
    assert add_working_days(date(2024, 11, 8), 1) == date(2024, 11, 11)
    assert add_working_days(date(2024, 11, 9), 1) == date(2024, 11, 11)  # from a Saturday
    assert add_working_days(date(2024, 11, 4), 10) == date(2024, 11, 18)


def test_it_adds_working_days_across_a_year_boundary():
    assert add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 2)  # 元旦 on Wednesday
    assert add_working_days(date(2024, 12, 27), 3) == date(2025, 1, 2)


def test_it_adds_zero_days_and_refuses_negative_ones():
    assert add_working_days(date(2024, 10, 1), 0) == date(2024, 10, 1)
    with pytest.raises(ValueError):
        add_working_days(date(2024, 10, 1), -1)


def test_it_finds_the_next_working_day():
    assert next_working_day(date(2024, 9, 30)) == date(2024, 10, 8)
    assert next_working_day(date(2024, 10, 11)) == date(2024, 10, 12)  # Friday → 调休 Saturday


def test_it_counts_working_days_between_excluding_start_including_end():
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 8)) == 1
    assert working_days_between(date(2024, 9, 27), date(2024, 9, 30)) == 2  # Sun 29 and Mon 30
    assert working_days_between(date(2024, 10, 8), date(2024, 10, 8)) == 0
    assert working_days_between(date(2024, 10, 8), date(2024, 10, 1)) == 0
    assert working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 251  # 2024 had 251 working days
    assert working_days_between(date(2024, 12, 31), date(2025, 1, 3)) == 2


def test_it_counts_back_what_it_added():
    start = date(2024, 1, 1)
    for offset in range(0, 400, 7):
        for n in (1, 5, 15, 30):
            d = start + timedelta(days=offset)
            assert working_days_between(d, add_working_days(d, n)) == n


def test_it_adds_working_hours_over_lunch():
    assert add_working_hours(at(2024, 10, 14, 11, 0), 2) == at(2024, 10, 14, 14, 0)
    assert add_working_hours(at(2024, 10, 14, 11, 0), 1) == at(2024, 10, 14, 12, 0)


def test_it_adds_working_hours_over_the_evening_and_weekend():
    assert add_working_hours(at(2024, 10, 14, 16, 0), 2) == at(2024, 10, 15, 10, 0)
    assert add_working_hours(at(2024, 10, 18, 16, 0), 2) == at(2024, 10, 21, 10, 0)  # Friday → Monday
    assert add_working_hours(at(2024, 10, 14, 9, 0), 7) == at(2024, 10, 14, 17, 0)
    assert add_working_hours(at(2024, 10, 14, 9, 0), 7.5) == at(2024, 10, 15, 9, 30)


def test_it_adds_working_hours_over_a_holiday():
    assert add_working_hours(at(2024, 9, 30, 16, 0), 2) == at(2024, 10, 8, 10, 0)
    assert add_working_hours(at(2024, 9, 27, 16, 30), 1) == at(2024, 9, 29, 9, 30)  # 调休 Sunday


def test_it_starts_outside_office_hours_at_the_next_period():
    assert add_working_hours(at(2024, 10, 14, 7, 0), 1) == at(2024, 10, 14, 10, 0)
    assert add_working_hours(at(2024, 10, 14, 12, 30), 0.5) == at(2024, 10, 14, 13, 30)
    assert add_working_hours(at(2024, 10, 14, 20, 0), 1) == at(2024, 10, 15, 10, 0)
    assert add_working_hours(at(2024, 10, 5, 10, 0), 1) == at(2024, 10, 8, 10, 0)  # a holiday Saturday


def test_it_returns_local_time_for_any_aware_input():
    utc_start = datetime(2024, 10, 14, 3, 0, tzinfo=ZoneInfo("UTC"))  # 11:00 in Shanghai
    result = add_working_hours(utc_start, 2)
    assert result == at(2024, 10, 14, 14, 0)
    assert result.utcoffset() == timedelta(hours=8)
    with pytest.raises(ValueError):
        add_working_hours(datetime(2024, 10, 14, 11, 0), 1)


def test_it_refuses_to_guess_a_missing_year():
    with pytest.raises(CalendarMissing) as excinfo:
        is_working_day(date(2027, 1, 4))
    assert str(excinfo.value) == (
        "2027年的节假日安排尚未录入工作日历，无法计算工作日。请系统管理员在“系统管理 › 工作日历”中录入。"
    )
    assert excinfo.value.year == 2027
    with pytest.raises(CalendarMissing):
        add_working_days(date(2026, 12, 31), 1)
    with pytest.raises(CalendarMissing):
        working_days_between(date(2026, 12, 1), date(2027, 1, 10))
    with pytest.raises(CalendarMissing):
        add_working_hours(at(2026, 12, 31, 16, 0), 2)


def test_it_estimates_a_missing_year_only_when_asked_and_says_so():
    with pytest.warns(CalendarFallbackWarning, match="2027年.*已按周一至周五估算"):
        assert add_working_days(date(2026, 12, 31), 1, allow_fallback=True) == date(2027, 1, 1)
    with pytest.warns(CalendarFallbackWarning):
        assert working_days_between(date(2026, 12, 31), date(2027, 1, 8), allow_fallback=True) == 6


def test_it_reads_the_calendar_once_per_process(django_assert_num_queries):
    is_working_day(date(2024, 10, 1))
    with django_assert_num_queries(0):
        for n in range(200):
            add_working_days(date(2024, 1, 1) + timedelta(days=n), 5)


def test_it_sees_a_change_made_through_the_services(admin_user):
    services.calendar_year_declare(year=2027, note="国办发明电〔2026〕", actor=admin_user)
    assert is_working_day(date(2027, 1, 1))  # a Friday, nothing entered yet
    services.calendar_day_set(day=date(2027, 1, 1), kind="holiday", name="元旦", actor=admin_user)
    assert not is_working_day(date(2027, 1, 1))
    services.calendar_day_clear(day=date(2027, 1, 1), actor=admin_user)
    assert is_working_day(date(2027, 1, 1))


def test_it_sees_a_change_saved_directly_on_the_model():
    assert not is_working_day(date(2024, 10, 7))
    CalendarDay.objects.get(date=date(2024, 10, 7)).delete()
    assert is_working_day(date(2024, 10, 7))


def test_it_flags_the_year_to_enter_next():
    assert missing_upcoming_year(date(2026, 9, 30)) is None
    assert missing_upcoming_year(date(2026, 10, 1)) == 2027
    assert missing_upcoming_year(date(2027, 3, 1)) == 2027
    assert missing_upcoming_year(date(2025, 12, 31)) is None
    CalendarYear.objects.create(year=2027, source="manual")
    assert missing_upcoming_year(date(2026, 12, 1)) is None


def test_it_is_cleared_by_clear_cache():
    is_working_day(date(2024, 10, 1))
    workdays.clear_cache()
    assert workdays._snapshot is None
