import logging
from datetime import date

import pytest

from jiedao.workcalendar.models import CalendarYear
from jiedao.workcalendar.tasks import calendar_coverage_warning

pytestmark = pytest.mark.django_db


def test_it_warns_in_the_fourth_quarter_about_next_year(caplog):
    with caplog.at_level(logging.WARNING, logger="jiedao.workcalendar"):
        assert calendar_coverage_warning(date(2026, 10, 8)) == 2027
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "2027年的节假日安排尚未录入工作日历" in caplog.records[0].getMessage()


def test_it_stays_quiet_when_the_years_are_known(caplog):
    CalendarYear.objects.create(year=2027, source="manual")
    with caplog.at_level(logging.WARNING, logger="jiedao.workcalendar"):
        assert calendar_coverage_warning(date(2026, 12, 1)) is None
        assert calendar_coverage_warning(date(2026, 9, 30)) is None
    assert caplog.records == []
