from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from jiedao.core.models import User

pytestmark = pytest.mark.django_db

MISSING_2027 = "2027年的节假日安排尚未录入工作日历，无法计算工作日。"


@pytest.fixture
def client_in(client):
    user = User.objects.create_user(username="grid-worker", password="pw-123456!")
    client.force_login(user)
    return client


def get(client, **params):
    return client.get(reverse("calendar_year"), params)


def test_it_sends_anonymous_users_to_login(client):
    response = get(client, year=2024)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_current_year_by_default(client_in):
    response = get(client_in)
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_it_draws_twelve_month_grids_with_holidays_and_makeup_days(client_in):
    response = get(client_in, year=2024)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024年工作日历" in html
    assert html.count('class="card-header py-1 fw-semibold"') == 12
    assert 'data-date="2024-10-01" data-kind="holiday"' in html
    assert 'data-date="2024-09-29" data-kind="workday"' in html
    assert 'data-date="2024-10-05" data-kind="weekend"' in html
    assert 'data-date="2024-10-08" data-kind="weekday"' in html
    assert 'id="calendar-missing"' not in html


def test_it_lists_the_holiday_periods(client_in):
    response = get(client_in, year=2024)
    periods = {p.name: p for p in response.context["periods"]}
    national_day = periods["国庆节"]
    assert (national_day.start, national_day.end, national_day.length) == (
        date(2024, 10, 1),
        date(2024, 10, 7),
        7,
    )
    assert national_day.makeup_days == [date(2024, 9, 29), date(2024, 10, 12)]
    spring = periods["春节"]
    assert (spring.start, spring.end) == (date(2024, 2, 10), date(2024, 2, 17))
    assert periods["元旦"].start == date(2023, 12, 30)  # the period begins with the weekend before
    html = response.content.decode()
    assert "10月1日至10月7日放假，共7天" in html
    assert "调休上班：9月29日（星期日）、10月12日（星期六）" in html


def test_it_warns_about_a_year_without_data(client_in):
    response = get(client_in, year=2027)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="calendar-missing"' in html
    assert MISSING_2027 in html
    assert response.context["next_year"] is None  # one year beyond the data, no further
    assert response.context["previous_year"] == 2026


def test_it_warns_in_the_fourth_quarter_about_next_year(client_in, monkeypatch):
    monkeypatch.setattr("jiedao.workcalendar.views.timezone.localdate", lambda: date(2026, 10, 15))
    html = get(client_in, year=2026).content.decode()
    assert 'id="calendar-upcoming-missing"' in html
    assert MISSING_2027 in html


def test_it_falls_back_to_the_current_year_on_a_bad_year(client_in):
    assert get(client_in, year="abc").context["year"] == timezone.localdate().year
    assert get(client_in, year="99999").context["year"] == timezone.localdate().year


def test_it_adds_working_days_in_the_calculator(client_in):
    response = get(client_in, year=2024, start="2024-09-30", days="1")
    assert response.context["result"]["due"] == date(2024, 10, 8)
    assert "2024年10月8日（星期二）" in response.content.decode()


def test_it_counts_working_days_in_the_calculator(client_in):
    response = get(client_in, year=2024, start="2024-09-30", end="2024-10-12")
    assert response.context["result"]["between"] == 5
    assert "5个工作日" in response.content.decode()


def test_it_shows_calculator_errors_in_chinese(client_in):
    response = get(client_in, year=2026, start="2026-12-31", days="1")
    assert response.context["result"] is None
    assert MISSING_2027 in response.content.decode()
    response = get(client_in, start="2024-09-30")
    assert "请填写“工作日数”或“截止日期”中的至少一项" in response.content.decode()
    response = get(client_in, start="2024-09-30", days="-1")
    assert response.context["form"].errors["days"]
