import pytest

from jiedao.core.models import User
from jiedao.workcalendar import workdays


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # Test transactions roll back without post_delete signals, so a cached year could outlive its test.
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def admin_user(db):
    return User.objects.create_user(username="calendar-admin", password="pw-123456!")
