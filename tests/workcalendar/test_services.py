from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.workcalendar import services
from jiedao.workcalendar.models import CalendarDay, CalendarYear
from jiedao.workcalendar.workdays import is_working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2027(admin_user):
    return services.calendar_year_declare(year=2027, note="国办发明电〔2026〕", actor=admin_user)


def calendar_audits():
    return AuditLog.objects.filter(event=AuditEvent.CALENDAR_CHANGED).order_by("pk")


def test_it_declares_a_year_by_hand(admin_user):
    calendar_year = services.calendar_year_declare(year=2027, note="通知", actor=admin_user)
    assert (calendar_year.year, calendar_year.source, calendar_year.note) == (2027, "manual", "通知")
    again = services.calendar_year_declare(year=2027, note="更正后的通知", actor=admin_user)
    assert again.pk == calendar_year.pk
    assert CalendarYear.objects.get(year=2027).note == "更正后的通知"
    audit = calendar_audits().last()
    assert (audit.user, audit.object_repr, audit.detail["action"]) == (admin_user, "2027年", "year_declare")


def test_it_refuses_an_absurd_year(admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_year_declare(year=20270, actor=admin_user)
    assert excinfo.value.messages == [services.MSG_YEAR_OUT_OF_RANGE]


def test_it_sets_a_holiday_and_audits_it(admin_user, year_2027):
    day = services.calendar_day_set(day=date(2027, 1, 1), kind="holiday", name=" 元旦 ", actor=admin_user)
    assert (day.date, day.kind, day.name, day.year) == (date(2027, 1, 1), "holiday", "元旦", 2027)
    audit = calendar_audits().last()
    assert audit.user == admin_user
    assert audit.object_type == "workcalendar.CalendarDay"
    assert audit.detail == {"action": "day_set", "date": "2027-01-01", "kind": "holiday", "name": "元旦"}
    assert day.history.count() == 1


def test_it_replaces_a_day_instead_of_duplicating_it(admin_user, year_2027):
    services.calendar_day_set(day=date(2027, 1, 1), kind="holiday", name="", actor=admin_user)
    services.calendar_day_set(day=date(2027, 1, 1), kind="holiday", name="元旦", actor=admin_user)
    assert list(CalendarDay.objects.filter(year=2027).values_list("name", flat=True)) == ["元旦"]


def test_it_allows_only_workdays_on_a_weekend(admin_user, year_2027):
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_day_set(day=date(2027, 1, 2), kind="holiday", name="元旦", actor=admin_user)
    assert excinfo.value.messages == ["日期：2027年1月2日是星期六，只能设为调休上班日"]
    services.calendar_day_set(day=date(2027, 1, 2), kind="workday", name="元旦", actor=admin_user)
    assert is_working_day(date(2027, 1, 2))


def test_it_allows_only_holidays_on_a_weekday(admin_user, year_2027):
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_day_set(day=date(2027, 1, 4), kind="workday", name="", actor=admin_user)
    assert excinfo.value.messages == ["日期：2027年1月4日是星期一，只能设为法定节假日"]
    assert not CalendarDay.objects.filter(date=date(2027, 1, 4)).exists()


def test_it_refuses_an_unknown_kind(admin_user, year_2027):
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_day_set(day=date(2027, 1, 4), kind="rest", name="", actor=admin_user)
    assert excinfo.value.messages == [services.MSG_KIND_INVALID]


def test_it_requires_the_year_to_be_declared_first(admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_day_set(day=date(2027, 1, 1), kind="holiday", name="元旦", actor=admin_user)
    assert excinfo.value.messages == ["日期：请先新增2027年度"]
    assert not calendar_audits().exists()


def test_it_clears_a_day(admin_user):
    assert services.calendar_day_clear(day=date(2024, 10, 7), actor=admin_user) is True
    assert is_working_day(date(2024, 10, 7))
    assert calendar_audits().last().detail["action"] == "day_clear"
    assert services.calendar_day_clear(day=date(2024, 10, 7), actor=admin_user) is False
    assert calendar_audits().count() == 1


def test_it_loads_from_the_package_idempotently(admin_user):
    summary = services.calendar_load_from_package(actor=admin_user)
    assert summary == {
        "years": list(range(2004, 2027)),
        "created": 0,
        "updated": 0,
        "deleted": 0,
        "unchanged": CalendarDay.objects.count(),
    }
    assert calendar_audits().last().detail["action"] == "load_from_package"


def test_it_repairs_a_year_from_the_package(admin_user):
    services.calendar_day_clear(day=date(2024, 10, 7), actor=admin_user)
    services.calendar_day_set(day=date(2024, 10, 8), kind="holiday", name="错误", actor=admin_user)
    services.calendar_day_set(day=date(2024, 10, 1), kind="holiday", name="国庆", actor=admin_user)
    summary = services.calendar_load_from_package(years=[2024], actor=admin_user)
    assert (summary["created"], summary["updated"], summary["deleted"]) == (1, 1, 1)
    assert not is_working_day(date(2024, 10, 7))
    assert is_working_day(date(2024, 10, 8))
    assert CalendarDay.objects.get(date=date(2024, 10, 1)).name == "国庆节"


def test_it_loads_a_year_missing_from_the_database():
    CalendarDay.objects.filter(year=2025).delete()
    CalendarYear.objects.filter(year=2025).delete()
    summary = services.calendar_load_from_package(years=[2025])
    assert summary["created"] == CalendarDay.objects.filter(year=2025).count() > 0
    assert CalendarYear.objects.get(year=2025).source == "chinesecalendar"
    assert not is_working_day(date(2025, 1, 28))  # 除夕, Tuesday


def test_it_refuses_a_year_the_package_does_not_know():
    with pytest.raises(ValidationError) as excinfo:
        services.calendar_load_from_package(years=[2027])
    assert "2027年" in excinfo.value.messages[0]


def test_it_loads_from_the_command():
    out = StringIO()
    call_command("calendar_load", "--year", "2024", stdout=out)
    assert "载入1个年度（2024年）：新增0天，更新0天，删除0天，未变27天" in out.getvalue()
    with pytest.raises(CommandError, match="2027年"):
        call_command("calendar_load", "--year", "2027", stdout=StringIO())
