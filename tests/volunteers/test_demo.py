"""The demo's volunteer teams: 12支暖心小分队 active at the end of 2023, the 乐享银铃 夕阳红/小水滴 teams and
their honours, members drawn from the register's volunteers, service records with hours."""

import time

import pytest
from django.db import transaction

from jiedao.core.demo import build_demo
from jiedao.core.figures import Period, compute, get_indicator
from jiedao.registry.demo import build_registry_demo
from jiedao.volunteers.demo import build_volunteer_demo
from jiedao.volunteers.models import ServiceRecord, TeamHonour, TeamKind, VolunteerMember, VolunteerTeam


@pytest.fixture(scope="module")
def street(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        street = build_demo().street
        build_registry_demo(street)
        yield street
        transaction.set_rollback(True)


@pytest.mark.demo
def test_it_builds_the_seed_figures_quickly_and_only_once(db, street):
    started = time.monotonic()
    build_volunteer_demo(street)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"the volunteer demo took {elapsed:.1f} s"

    assert compute(get_indicator("care.teams"), Period.year(2023)).value == 12
    # 12 at the end of 2023, but 13 existed during the year and a 14th is founded in 2024.
    assert VolunteerTeam.objects.filter(kind=TeamKind.WARM_HEART).count() == 14
    assert VolunteerTeam.objects.filter(kind=TeamKind.SUNSET).exists()
    assert VolunteerTeam.objects.filter(kind=TeamKind.DROPLET).exists()
    assert TeamHonour.objects.filter(title="呼和浩特市学雷锋志愿服务最佳志愿服务组织").exists()
    assert VolunteerMember.objects.count() > 200
    records = ServiceRecord.objects.filter(served_on__year=2023)
    assert records.count() > 200
    assert records.values("served_on__month").distinct().count() == 12
    for record in records.order_by("?")[:20]:
        record.full_clean()
        assert record.members.count() <= record.volunteers
        assert all(m.team_id == record.team_id for m in record.members.all())

    counts = [m.objects.count() for m in (VolunteerTeam, VolunteerMember, ServiceRecord, TeamHonour)]
    build_volunteer_demo(street)
    assert [m.objects.count() for m in (VolunteerTeam, VolunteerMember, ServiceRecord, TeamHonour)] == counts
