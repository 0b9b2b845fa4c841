"""Two people move the same case at the same moment: exactly one wins (PostgreSQL, real transactions)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from jiedao.cases.models import Case, CaseEvent, State
from jiedao.cases.workflow import MSG_STALE, case_move
from jiedao.workcalendar.services import calendar_load_from_package
from tests.cases.helpers import make_case
from tests.conftest import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent transactions: PostgreSQL"
    ),
]


def test_one_of_two_simultaneous_moves_wins(categories):
    # A transactional test starts from an emptied database: put back the calendar the migrations seeded.
    calendar_load_from_package()
    world = build_world()
    case = make_case(world, categories, received_at=timezone.now())
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(action, **data):
        try:
            barrier.wait()
            case_move(case=case, action=action, actor=world.leader, version=case.version, **data)
            outcomes.append("won")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=("accept",)),
        threading.Thread(target=attempt, args=("return",), kwargs={"reason": "outside_area"}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["won", MSG_STALE])
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.version == 2 and fresh.state in (State.ACCEPTED, State.RETURNED)
    assert CaseEvent.objects.filter(case=case).exclude(action="create").count() == 1
