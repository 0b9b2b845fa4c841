"""Writes to the working-day calendar. Each validates, writes and records an audit row in one transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent

from . import package, workdays
from .models import WEEKDAY_NAMES, CalendarDay, CalendarSource, CalendarYear, DayKind, chinese_date

MSG_KIND_INVALID = "类型：只能是“法定节假日”或“调休上班日”"
MSG_WEEKEND_ONLY_WORKDAY = "日期：{date}是{weekday}，只能设为调休上班日"
MSG_WEEKDAY_ONLY_HOLIDAY = "日期：{date}是{weekday}，只能设为法定节假日"
MSG_YEAR_UNDECLARED = "日期：请先新增{year}年度"
MSG_YEAR_OUT_OF_RANGE = "年度：须在1949至2200之间"
MSG_YEAR_NOT_IN_PACKAGE = (
    "年度：chinesecalendar {version} 不包含{year}年的安排（仅含{first}–{last}年），请手工录入"
)


def _changed() -> None:
    # Drop the cache now for this transaction's own reads, and again at commit for reads that raced it.
    workdays.invalidate()
    transaction.on_commit(workdays.invalidate)


def calendar_day_check(*, day: date, kind: str) -> None:
    """The rules for one exception day; also used by the admin form to show errors next to the fields."""
    if kind not in DayKind.values:
        raise ValidationError(MSG_KIND_INVALID, code="kind_invalid")
    weekday = WEEKDAY_NAMES[day.weekday()]
    if day.weekday() >= 5 and kind != DayKind.WORKDAY:
        raise ValidationError(
            MSG_WEEKEND_ONLY_WORKDAY.format(date=chinese_date(day), weekday=weekday), code="weekend"
        )
    if day.weekday() < 5 and kind != DayKind.HOLIDAY:
        raise ValidationError(
            MSG_WEEKDAY_ONLY_HOLIDAY.format(date=chinese_date(day), weekday=weekday), code="weekday"
        )
    if not CalendarYear.objects.filter(year=day.year).exists():
        raise ValidationError(MSG_YEAR_UNDECLARED.format(year=day.year), code="year_undeclared")


@transaction.atomic
def calendar_year_declare(*, year: int, note: str = "", actor) -> CalendarYear:
    """Declare that `year`'s arrangement is known (entered by hand). Declaring it again updates the note."""
    if not 1949 <= year <= 2200:
        raise ValidationError(MSG_YEAR_OUT_OF_RANGE, code="year_out_of_range")
    calendar_year, created = CalendarYear.objects.get_or_create(
        year=year, defaults={"source": CalendarSource.MANUAL, "note": note}
    )
    if not created and calendar_year.note != note:
        calendar_year.note = note
        calendar_year.save(update_fields=["note"])
    _changed()
    audit_record(
        AuditEvent.CALENDAR_CHANGED,
        user=actor,
        obj=calendar_year,
        action="year_declare",
        year=year,
        note=note,
    )
    return calendar_year


@transaction.atomic
def calendar_day_set(*, day: date, kind: str, name: str = "", actor) -> CalendarDay:
    """Mark `day` as a weekday holiday or a weekend workday (replacing what was there)."""
    calendar_day_check(day=day, kind=kind)
    calendar_day, _ = CalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name.strip(), "year": day.year}
    )
    _changed()
    audit_record(
        AuditEvent.CALENDAR_CHANGED,
        user=actor,
        obj=calendar_day,
        action="day_set",
        date=day.isoformat(),
        kind=kind,
        name=calendar_day.name,
    )
    return calendar_day


@transaction.atomic
def calendar_day_clear(*, day: date, actor) -> bool:
    """Make `day` follow the Monday–Friday rule again. Returns False when there was nothing to clear."""
    calendar_day = CalendarDay.objects.filter(date=day).first()
    if calendar_day is None:
        return False
    audit_record(
        AuditEvent.CALENDAR_CHANGED,
        user=actor,
        obj=calendar_day,
        action="day_clear",
        date=day.isoformat(),
        kind=calendar_day.kind,
        name=calendar_day.name,
    )
    calendar_day.delete()
    _changed()
    return True


@transaction.atomic
def calendar_load_from_package(*, years: list[int] | None = None, actor=None) -> dict:
    """(Re)load years from the installed chinesecalendar package; running it twice changes nothing.

    Days of a loaded year that the package does not list are removed, so a hand edit of such a year is
    undone. Returns {"years", "created", "updated", "deleted", "unchanged"}.
    """
    available = package.package_years()
    years = sorted(set(years)) if years else available
    for year in years:
        if year not in available:
            raise ValidationError(
                MSG_YEAR_NOT_IN_PACKAGE.format(
                    version=package.VERSION, year=year, first=available[0], last=available[-1]
                ),
                code="year_not_in_package",
            )
    summary = {"years": years, "created": 0, "updated": 0, "deleted": 0, "unchanged": 0}
    for year in years:
        for key, count in _load_year(year).items():
            summary[key] += count
    _changed()
    audit_record(
        AuditEvent.CALENDAR_CHANGED,
        user=actor,
        action="load_from_package",
        version=package.VERSION,
        **summary,
    )
    return summary


def _load_year(year: int) -> dict[str, int]:
    wanted = package.package_exceptions(year)
    CalendarYear.objects.update_or_create(
        year=year,
        defaults={
            "source": CalendarSource.PACKAGE,
            "note": f"chinesecalendar {package.VERSION}",
            "loaded_at": timezone.now(),
        },
    )
    counts = {"created": 0, "updated": 0, "deleted": 0, "unchanged": 0}
    for existing in CalendarDay.objects.filter(year=year):
        if existing.date not in wanted:
            existing.delete()
            counts["deleted"] += 1
            continue
        kind, name = wanted.pop(existing.date)
        if (existing.kind, existing.name) == (kind, name):
            counts["unchanged"] += 1
        else:
            existing.kind, existing.name = kind, name
            existing.save(update_fields=["kind", "name"])
            counts["updated"] += 1
    for day, (kind, name) in wanted.items():
        CalendarDay.objects.create(date=day, kind=kind, name=name, year=year)
        counts["created"] += 1
    return counts
