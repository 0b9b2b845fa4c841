"""The volunteer services: teams, members drawn from the register, service records and honours."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jiedao.volunteers import services
from jiedao.volunteers.models import ServiceRecord, TeamHonour, VolunteerMember
from tests.volunteers.conftest import add_resident


def errors_of(exc):
    return exc.value.message_dict


def test_a_team_name_is_unique_and_its_dates_in_order(world, teams):
    with pytest.raises(ValidationError) as exc:
        services.team_create(
            name="社区A暖心小分队",
            kind="other",
            area=world.community_b,
            leader="甲",
            founded_on=date(2022, 1, 1),
        )
    assert errors_of(exc) == {"name": [services.MSG_TEAM_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        services.team_update(team=teams["a"], version=1, dissolved_on=date(2020, 1, 1))
    assert errors_of(exc) == {"dissolved_on": [services.MSG_DISSOLVED_BEFORE]}


def test_a_team_may_stand_on_the_street_but_not_on_a_retired_area(world):
    team = services.team_create(
        name="街道暖心小分队", kind="warm_heart", area=world.street, leader="甲", founded_on=date(2022, 1, 1)
    )
    assert team.area == world.street


def test_moving_a_team_moves_its_members_records_and_honours(world, teams):
    resident = add_resident(world, world.grid_a1, 1)
    member = services.member_add(team=teams["a"], resident=resident, joined_on=date(2022, 1, 1))
    record = services.service_record(
        team=teams["a"], served_on=date(2023, 3, 1), title="送餐", volunteers=2, hours=Decimal("4")
    )
    honour = services.honour_add(
        team=teams["a"], year=2023, title="优秀志愿服务组织", awarded_by="回民区文明办"
    )
    services.team_update(team=teams["a"], version=1, area=world.grid_a2)
    for obj in (member, record, honour):
        obj.refresh_from_db()
        assert obj.area == world.grid_a2


def test_a_resident_joins_once_at_a_time(world, teams):
    resident = add_resident(world, world.grid_a1, 1)
    with pytest.raises(ValidationError) as exc:
        services.member_add(team=teams["a"], resident=resident, joined_on=date(2020, 1, 1))
    assert errors_of(exc) == {"joined_on": [services.MSG_JOINED_BEFORE_FOUNDED.format(date="2021年3月5日")]}
    member = services.member_add(team=teams["a"], resident=resident, joined_on=date(2022, 1, 1))
    assert member.area == world.community_a
    with pytest.raises(ValidationError) as exc:
        services.member_add(team=teams["a"], resident=resident, joined_on=date(2022, 2, 1))
    assert errors_of(exc) == {"resident": [services.MSG_MEMBER_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        services.member_leave(member=member, left_on=date(2021, 12, 31))
    assert errors_of(exc) == {"left_on": [services.MSG_LEFT_BEFORE_JOINED]}
    services.member_leave(member=member, left_on=date(2023, 6, 30))
    again = services.member_add(team=teams["a"], resident=resident, joined_on=date(2023, 9, 1))
    assert VolunteerMember.objects.filter(resident=resident).count() == 2
    assert again.left_on is None


def test_a_service_record_counts_volunteers_hours_and_people(world, teams):
    residents = [add_resident(world, world.grid_a1, n) for n in (1, 2, 3)]
    members = [
        services.member_add(team=teams["a"], resident=r, joined_on=date(2022, 1, 1)) for r in residents
    ]
    other = services.member_add(team=teams["b"], resident=residents[0], joined_on=date(2022, 1, 1))
    base = {
        "team": teams["a"],
        "served_on": date(2023, 10, 23),
        "title": "重阳节敬老慰问",
        "volunteers": 2,
        "hours": Decimal("6"),
    }
    cases = [
        ({"volunteers": 0}, {"volunteers": [services.MSG_VOLUNTEERS_MIN]}),
        ({"hours": Decimal("0")}, {"hours": [services.MSG_HOURS_POSITIVE]}),
        ({"people_served": -1}, {"people_served": [services.MSG_PEOPLE_NEGATIVE]}),
        ({"members": [other]}, {"members": [services.MSG_MEMBERS_OTHER_TEAM]}),
        ({"members": members}, {"members": [services.MSG_MEMBERS_MORE_THAN_VOLUNTEERS.format(n=3)]}),
        (
            {"served_on": date(2021, 1, 1)},
            {"served_on": [services.MSG_SERVED_BEFORE_FOUNDED.format(date="2021年3月5日")]},
        ),
    ]
    for change, expected in cases:
        with pytest.raises(ValidationError) as exc:
            services.service_record(**{**base, **change})
        assert errors_of(exc) == expected
    assert not ServiceRecord.objects.exists()
    record = services.service_record(**base, members=members[:2], people_served=12)
    assert (record.area, record.members.count()) == (world.community_a, 2)
    with pytest.raises(ValidationError) as exc:
        services.service_record(**base)
    assert errors_of(exc) == {"title": [services.MSG_SERVICE_TAKEN]}
    saved = services.service_update(record=record, version=record.version, hours=Decimal("7.5"), members=[])
    assert (saved.hours, saved.members.count()) == (Decimal("7.5"), 0)


def test_an_honour_is_recorded_once_a_year(world, teams):
    services.honour_add(team=teams["b"], year=2023, title="最佳志愿服务组织", awarded_by="呼和浩特市文明办")
    with pytest.raises(ValidationError) as exc:
        services.honour_add(
            team=teams["b"], year=2023, title="最佳志愿服务组织", awarded_by="呼和浩特市文明办"
        )
    assert errors_of(exc) == {"title": [services.MSG_HONOUR_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        services.honour_add(team=teams["b"], year=1999, title="甲", awarded_by="乙")
    assert errors_of(exc) == {"year": [services.MSG_YEAR_RANGE]}
    assert TeamHonour.objects.get().area == world.community_b


def test_a_dissolved_team_records_no_later_service(world, teams):
    team = services.team_update(team=teams["b"], version=1, dissolved_on=date(2023, 4, 30))
    with pytest.raises(ValidationError) as exc:
        services.service_record(
            team=team, served_on=date(2023, 5, 1), title="巡逻", volunteers=2, hours=Decimal("4")
        )
    assert errors_of(exc) == {"served_on": [services.MSG_SERVED_AFTER_DISSOLVED.format(date="2023年4月30日")]}
    services.service_record(
        team=team, served_on=date(2023, 4, 30), title="巡逻", volunteers=2, hours=Decimal("4")
    )
