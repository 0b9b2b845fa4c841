from datetime import date

import pytest
from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog, User
from jiedao.workcalendar import services
from jiedao.workcalendar.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser(username="sysadmin", password="pw-123456!")
    client.force_login(user)
    return client


def test_it_lists_days_filtered_by_year(admin_client):
    response = admin_client.get(reverse("admin:workcalendar_calendarday_changelist"), {"year__exact": 2024})
    assert response.status_code == 200
    assert "国庆节" in response.content.decode()
    assert response.context["cl"].result_count == 27


def test_it_declares_a_year_through_the_service(admin_client):
    response = admin_client.post(
        reverse("admin:workcalendar_calendaryear_add"), {"year": 2027, "note": "通知"}
    )
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).source == "manual"
    assert AuditLog.objects.filter(event=AuditEvent.CALENDAR_CHANGED, object_repr="2027年").exists()


def test_it_shows_service_rules_as_form_errors(admin_client):
    response = admin_client.post(
        reverse("admin:workcalendar_calendarday_add"),
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    )
    assert response.status_code == 200
    assert "日期：请先新增2027年度" in response.content.decode()
    services.calendar_year_declare(year=2027, actor=None)
    response = admin_client.post(
        reverse("admin:workcalendar_calendarday_add"),
        {"date": "2027-01-02", "kind": "holiday", "name": "元旦"},
    )
    assert "日期：2027年1月2日是星期六，只能设为调休上班日" in response.content.decode()
    assert not CalendarDay.objects.filter(year=2027).exists()


def test_it_saves_and_deletes_days_through_the_services(admin_client):
    services.calendar_year_declare(year=2027, actor=None)
    response = admin_client.post(
        reverse("admin:workcalendar_calendarday_add"),
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2027, 1, 1))
    assert day.year == 2027
    response = admin_client.post(
        reverse("admin:workcalendar_calendarday_delete", args=[day.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=date(2027, 1, 1)).exists()
    actions = list(
        AuditLog.objects.filter(event=AuditEvent.CALENDAR_CHANGED)
        .order_by("pk")
        .values_list("detail__action", flat=True)
    )
    assert actions == ["year_declare", "day_set", "day_clear"]


def test_it_edits_an_existing_day_without_moving_it(admin_client):
    day = CalendarDay.objects.get(date=date(2024, 10, 1))
    url = reverse("admin:workcalendar_calendarday_change", args=[day.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"kind": "holiday", "name": "国庆"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.date, day.name) == (date(2024, 10, 1), "国庆")
    response = admin_client.post(url, {"kind": "workday", "name": "国庆"})
    assert "日期：2024年10月1日是星期二，只能设为法定节假日" in response.content.decode()
