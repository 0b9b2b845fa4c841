"""Time limits on the Chinese working-day calendar (jiedao.workcalendar).

Per category and urgency: a response limit in working hours (签收) and a resolution limit — working hours
for 紧急 (当日), working days for 一般 and 复杂. A category without a limit inherits its parent's, then these
defaults. A resolution deadline in working days ends at the close of that day's office hours.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from jiedao.cases.models import Category, Urgency
from jiedao.workcalendar.workdays import add_working_days, add_working_hours

DEFAULT_RESPONSE_HOURS = 2
DEFAULT_URGENT_HOURS = 8  # 当日: one working day's office hours
DEFAULT_NORMAL_DAYS = 5
DEFAULT_COMPLEX_DAYS = 15
RETURN_WINDOW_DAYS = 2  # a 12345 order may be returned within 2 working days of receipt
DUE_SOON_HOURS = 8  # 临期: less than one working day left


def _inherited(category: Category, field: str, default: int) -> int:
    for node in category.ancestors_and_self():
        value = getattr(node, field)
        if value is not None:
            return value
    return default


def _close_of_day(day) -> datetime:
    end = settings.WORKING_HOURS[-1][1]
    hour, minute = (int(part) for part in end.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def response_deadline(category: Category, received_at: datetime) -> datetime:
    return add_working_hours(received_at, _inherited(category, "response_hours", DEFAULT_RESPONSE_HOURS))


def resolution_deadline(category: Category, urgency: str, received_at: datetime) -> datetime:
    if urgency == Urgency.URGENT:
        return add_working_hours(received_at, _inherited(category, "urgent_hours", DEFAULT_URGENT_HOURS))
    field, default = (
        ("complex_days", DEFAULT_COMPLEX_DAYS)
        if urgency == Urgency.COMPLEX
        else ("normal_days", DEFAULT_NORMAL_DAYS)
    )
    day = timezone.localtime(received_at).date()
    return _close_of_day(add_working_days(day, _inherited(category, field, default)))


def extended_deadline(due_at: datetime, days: int) -> datetime:
    return _close_of_day(add_working_days(timezone.localtime(due_at).date(), days))


def due_soon_from(due_at: datetime) -> datetime:
    """The moment a case becomes 临期: DUE_SOON_HOURS of calendar time before its deadline (the sweep runs in
    calendar time; a weekend before a Monday deadline makes the case 临期 on Friday)."""
    return due_at - timedelta(hours=DUE_SOON_HOURS)
