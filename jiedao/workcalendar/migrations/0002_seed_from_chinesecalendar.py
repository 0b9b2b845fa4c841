"""Seed the calendar with every year the installed chinesecalendar package covers (2004–2026 in 1.11).

Later years are entered by hand, or loaded with `jiedao calendar_load` after upgrading the package.
Each seeded row gets its first history entry ("+"), so its history starts with where it came from.
"""

from django.db import migrations
from django.utils import timezone

REASON = "从 chinesecalendar 初始载入"


def seed(apps, schema_editor):
    from jiedao.workcalendar import package

    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    now = timezone.now()
    note = f"chinesecalendar {package.VERSION}"
    known = set(CalendarYear.objects.values_list("year", flat=True))
    new_years = [year for year in package.package_years() if year not in known]
    existing_days = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarYear.objects.bulk_create(
        CalendarYear(year=year, source="chinesecalendar", note=note, loaded_at=now) for year in new_years
    )
    CalendarDay.objects.bulk_create(
        CalendarDay(date=day, kind=kind, name=name, year=day.year)
        for year in new_years
        for day, (kind, name) in package.package_exceptions(year).items()
        if day not in existing_days
    )
    _record_history(apps, "CalendarYear", CalendarYear.objects.filter(year__in=new_years), now)
    _record_history(
        apps,
        "CalendarDay",
        CalendarDay.objects.filter(year__in=new_years).exclude(date__in=existing_days),
        now,
    )


def _record_history(apps, model_name, queryset, now):
    Historical = apps.get_model("workcalendar", f"Historical{model_name}")
    fields = [f.attname for f in queryset.model._meta.concrete_fields]
    Historical.objects.bulk_create(
        Historical(
            **{name: getattr(obj, name) for name in fields},
            history_date=now,
            history_type="+",
            history_change_reason=REASON,
        )
        for obj in queryset
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workcalendar", "0001_calendar_year_and_day"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
