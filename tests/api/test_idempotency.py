"""Idempotent creates under load and over time: two identical requests at the same moment create one case
(PostgreSQL, real transactions), and remembered answers are forgotten after 24 hours."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from jiedao.api.models import IdempotencyKey
from jiedao.api.services import idempotency_keys_purge
from jiedao.api.tasks import idempotency_keys_purge_task
from jiedao.cases.models import Case
from jiedao.workcalendar.services import calendar_load_from_package
from tests.api.helpers import call, case_body, token_for
from tests.conftest import build_world


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions: PostgreSQL")
def test_two_simultaneous_duplicates_create_one_case(categories):
    calendar_load_from_package()  # a transactional test starts from an emptied database
    world = build_world()
    token = token_for(world.worker_a)
    barrier = threading.Barrier(2)
    responses = []

    def post():
        try:
            barrier.wait()
            responses.append(
                call(
                    Client(),
                    "post",
                    "/api/v1/cases",
                    case_body(world),
                    token=token,
                    **{"Idempotency-Key": "dup"},
                )
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].content == responses[1].content
    assert sorted("Idempotent-Replayed" in r.headers for r in responses) == [False, True]
    assert Case.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_answers_older_than_a_day_are_forgotten(client, world, categories):
    token = token_for(world.worker_a)
    call(client, "post", "/api/v1/cases", case_body(world), token=token, **{"Idempotency-Key": "old"})
    call(client, "post", "/api/v1/cases", case_body(world), token=token, **{"Idempotency-Key": "new"})
    IdempotencyKey.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_keys_purge() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    idempotency_keys_purge_task.call_local()  # what the job runner runs hourly
    assert not IdempotencyKey.objects.exists()
    # Once forgotten, the key is free again: the same request now creates a second case.
    call(client, "post", "/api/v1/cases", case_body(world), token=token, **{"Idempotency-Key": "old"})
    assert Case.objects.count() == 3
