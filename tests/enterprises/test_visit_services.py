from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.enterprises.models import EnterpriseStatus, VisitResult
from jiedao.enterprises.services import MSG_FUTURE, MSG_VISIT_TAKEN, enterprise_set_status, visit_record


def test_it_records_a_visit_where_the_enterprise_stands_with_the_actor_as_visitor(firms, world):
    visit = visit_record(
        enterprise=firms["a1"],
        visited_on=date(2023, 5, 8),
        result=VisitResult.NORMAL,
        note="正常经营",
        actor=world.grid_a1_worker,
    )
    assert (visit.area, visit.visitor) == (world.grid_a1, world.grid_a1_worker)
    assert visit.history.count() == 1
    assert visit.suggested_status is None


def test_a_visit_finding_the_enterprise_gone_changes_nothing_but_suggests_the_follow_up(firms, world):
    visit = visit_record(
        enterprise=firms["a1"],
        visited_on=date(2023, 5, 8),
        result=VisitResult.MOVED_OUT,
        actor=world.worker_a,
    )
    firms["a1"].refresh_from_db()
    assert firms["a1"].status == EnterpriseStatus.ACTIVE
    assert visit.suggested_status == EnterpriseStatus.MOVED_OUT
    enterprise_set_status(enterprise=firms["a1"], status=visit.suggested_status, on=visit.visited_on)
    visit.enterprise.refresh_from_db()
    assert visit.suggested_status is None


def test_it_refuses_a_second_visit_on_the_same_day(firms):
    visit_record(enterprise=firms["a1"], visited_on=date(2023, 5, 8), result=VisitResult.NORMAL)
    with pytest.raises(ValidationError) as excinfo:
        visit_record(enterprise=firms["a1"], visited_on=date(2023, 5, 8), result=VisitResult.OTHER)
    assert excinfo.value.message_dict == {"visited_on": [MSG_VISIT_TAKEN.format(date="2023年5月8日")]}


def test_it_refuses_a_visit_in_the_future(firms):
    with pytest.raises(ValidationError) as excinfo:
        visit_record(
            enterprise=firms["a1"],
            visited_on=timezone.localdate() + timedelta(days=1),
            result=VisitResult.NORMAL,
        )
    assert excinfo.value.message_dict == {"visited_on": [MSG_FUTURE]}


def test_a_visit_keeps_the_area_the_enterprise_had(firms, world):
    from jiedao.enterprises.services import enterprise_update

    visit = visit_record(enterprise=firms["a1"], visited_on=date(2023, 5, 8), result=VisitResult.NORMAL)
    enterprise_update(enterprise=firms["a1"], version=1, area=world.grid_a2)
    visit.refresh_from_db()
    assert visit.area == world.grid_a1
