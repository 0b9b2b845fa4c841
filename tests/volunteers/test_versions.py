"""Optimistic locking of the volunteer edits: a conflicting update is refused, not merged silently."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.core.concurrency import MSG_STALE, UNCHECKED
from jiedao.volunteers import services
from jiedao.volunteers.models import ServiceRecord, VolunteerTeam
from tests.volunteers.test_ledgers import SERVICE_HEADER, TEAM_HEADER, run
from tests.volunteers.test_pages import login


def _record(team):
    return services.service_record(
        team=team, served_on=date(2023, 3, 1), title="送餐上门", volunteers=3, hours=Decimal("6")
    )


def test_a_stale_team_edit_is_refused_and_writes_nothing(world, teams):
    team = teams["a"]
    assert services.team_update(team=team, version=1, leader="李建国").version == 2
    history = team.history.count()
    with pytest.raises(ValidationError) as exc:
        services.team_update(team=team, version=1, leader="王志强")
    assert exc.value.code == "stale" and exc.value.messages == [MSG_STALE]
    saved = VolunteerTeam.objects.get(pk=team.pk)
    assert (saved.leader, saved.version, saved.history.count()) == ("李建国", 2, history)
    with pytest.raises(ValidationError):
        services.team_update(team=team, version=None, leader="王志强")
    assert services.team_update(team=team, version=2, leader="王志强").version == 3


def test_a_stale_service_edit_is_refused_and_keeps_its_members(world, teams):
    record = _record(teams["a"])
    services.service_update(record=record, version=1, hours=Decimal("7.5"))
    with pytest.raises(ValidationError) as exc:
        services.service_update(record=record, version=1, hours=Decimal("9"), members=[])
    assert exc.value.code == "stale" and exc.value.messages == [MSG_STALE]
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert (saved.hours, saved.version) == (Decimal("7.5"), 2)


def test_a_reimport_is_a_newer_write_and_bumps_the_version(world, teams):
    record = _record(teams["a"])
    rows = [["社区A暖心小分队", "2023-03-01", "送餐上门", 3, 8, 0, ""]]
    assert run("service_records", SERVICE_HEADER, rows, world.worker_a).rows_updated == 1
    assert ServiceRecord.objects.get(pk=record.pk).version == 2
    with pytest.raises(ValidationError):
        services.service_update(record=record, version=1, hours=Decimal("9"))
    team_row = ["社区A暖心小分队", "暖心小分队", "社区A", "", "马海燕", "2021-03-05", "", "新备注"]
    assert run("volunteer_teams", TEAM_HEADER, [team_row], world.worker_a).rows_updated == 1
    assert VolunteerTeam.objects.get(pk=teams["a"].pk).version == 2
    assert services.team_update(team=teams["a"], version=UNCHECKED, note="").version == 3


def test_the_team_page_refuses_a_stale_edit_and_keeps_the_input(client, world, teams):
    team = teams["a"]
    login(client, world.worker_a)
    url = reverse("volunteer_team_edit", args=[team.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    services.team_update(team=team, version=1, leader="李建国")
    data = {
        "name": "社区A暖心小分队",
        "kind": "warm_heart",
        "area": world.community_a.pk,
        "leader": "赵丽娟",
        "founded_on": "2021-03-05",
        "version": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    content = response.content.decode()
    assert MSG_STALE in content and 'value="赵丽娟"' in content
    saved = VolunteerTeam.objects.get(pk=team.pk)
    assert (saved.leader, saved.version) == ("李建国", 2)
    assert client.post(url, {**data, "version": 2}).status_code == 302
    assert VolunteerTeam.objects.get(pk=team.pk).leader == "赵丽娟"


def test_the_service_page_refuses_a_stale_edit(client, world, teams):
    record = _record(teams["a"])
    login(client, world.worker_a)
    url = reverse("service_record_edit", args=[record.pk])
    services.service_update(record=record, version=1, people_served=12)
    data = {
        "served_on": "2023-03-01",
        "title": "送餐上门",
        "volunteers": 3,
        "hours": "6",
        "people_served": 40,
        "version": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and MSG_STALE in response.content.decode()
    assert 'value="40"' in response.content.decode()
    assert ServiceRecord.objects.get(pk=record.pk).people_served == 12
