from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.party import services
from jiedao.party.models import DutyKind, HonourKind, PartyMember, TitleKind
from jiedao.registry.services.places import compound_create
from tests.party.conftest import add_archive, add_branch, add_honour


def errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_a_member_stands_where_the_branch_stands_and_moves_with_it(party, world):
    member = party["members"][0]
    assert member.area == world.community_a
    services.branch_update(branch=party["a"], version=1, area=world.community_b)
    member.refresh_from_db()
    assert member.area == world.community_b
    assert member.history.first().history_change_reason == "党支部变更所属区域"


def test_a_branch_sits_on_the_street_or_a_community_never_a_grid(world):
    with pytest.raises(ValidationError) as exc:
        add_branch(world.grid_a1, "网格支部")
    assert errors(exc) == {"area": [services.MSG_AREA_LEVEL.format(levels="街道或社区")]}


def test_names_are_unique_and_the_error_names_the_field(party, world):
    with pytest.raises(ValidationError) as exc:
        add_branch(world.community_b, "社区A党支部")
    assert errors(exc) == {"name": ["已有同名党支部"]}
    with pytest.raises(ValidationError) as exc:
        services.member_create(branch=party["a"], name="李秀英")
    assert errors(exc) == {"name": ["该党支部已有同名党员"]}
    with pytest.raises(ValidationError) as exc:
        services.branch_title_award(branch=party["a"], year=2023, title=TitleKind.STRONGEST)
    assert errors(exc) == {"title": ["该党支部在这一年度已获得此称号"]}


def test_dates_are_checked_in_order_and_not_in_the_future(party, world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            branch=party["a"],
            name="王五",
            joined_party_on=date(2020, 1, 1),
            transferred_out_on=date(2019, 1, 1),
        )
    assert errors(exc) == {"transferred_out_on": [services.MSG_TRANSFER_BEFORE_JOIN]}
    with pytest.raises(ValidationError) as exc:
        services.member_create(branch=party["a"], name="王五", joined_party_on=tomorrow)
    assert errors(exc) == {"joined_party_on": [services.MSG_FUTURE]}
    with pytest.raises(ValidationError) as exc:
        services.duty_create(
            user=world.worker_a,
            duty=DutyKind.COMMENTATOR,
            area=world.community_a,
            start_date=date(2023, 5, 1),
            end_date=date(2023, 4, 1),
        )
    assert errors(exc) == {"end_date": [services.MSG_END_BEFORE_START]}


def test_a_revoked_branch_takes_no_new_members(party):
    revoked = services.branch_update(branch=party["b"], version=1, active=False)
    with pytest.raises(ValidationError) as exc:
        services.member_create(branch=revoked, name="新党员")
    assert errors(exc) == {"branch": [services.MSG_BRANCH_INACTIVE.format(branch="社区B党支部")]}
    # Its existing members can still be edited.
    member = PartyMember.objects.get(name="陈海燕")
    services.member_update(
        member=member, version=member.version, branch=revoked, name="陈海燕", post="组织委员"
    )


def test_an_actor_writes_only_within_their_areas(party, world):
    with pytest.raises(ValidationError) as exc:
        add_archive(world.community_b, "王海", actor=world.worker_a)
    assert errors(exc) == {"area": [services.MSG_AREA_OUT_OF_SCOPE.format(area="社区B")]}
    with pytest.raises(ValidationError) as exc:
        services.member_create(branch=party["b"], name="王五", actor=world.worker_a)
    assert "branch" in errors(exc)


def test_an_archive_is_one_per_person_unit_and_year(world):
    add_archive(world.community_a, "王海")
    add_archive(world.community_a, "王海", year=2024, filed_on=date(2024, 1, 10))
    with pytest.raises(ValidationError) as exc:
        add_archive(world.community_a, "王海")
    assert errors(exc) == {"person_name": ["该单位的此人在这一年度已建立廉政档案"]}


def test_a_record_of_a_staff_member_takes_their_name(world):
    archive = services.archive_create(
        person_name="",
        user=world.worker_a,
        unit="社区A",
        area=world.community_a,
        year=2023,
        filed_on=date(2023, 2, 1),
    )
    assert archive.person_name == "李社工"
    with pytest.raises(ValidationError) as exc:
        services.archive_create(
            person_name="", unit="社区A", area=world.community_a, year=2023, filed_on=date(2023, 2, 1)
        )
    assert errors(exc) == {"person_name": [services.MSG_PERSON_REQUIRED]}


def test_a_compound_honour_is_placed_on_the_compound_community(world):
    compound = compound_create(name="阳光小区", community=world.community_a)
    honour = add_honour(world.street, kind=HonourKind.CIVILIZED_COMPOUND, compound=compound)
    assert honour.area == world.community_a
    with pytest.raises(ValidationError) as exc:
        add_honour(world.community_a, kind=HonourKind.CIVILIZED_COMPOUND, compound=compound)
    assert errors(exc) == {"kind": ["该小区在这一年度已登记此荣誉"]}
    with pytest.raises(ValidationError) as exc:
        add_honour(world.community_a, kind=HonourKind.CIVILIZED_COMPOUND)
    assert errors(exc) == {"compound": [services.MSG_COMPOUND_REQUIRED]}
    with pytest.raises(ValidationError) as exc:
        add_honour(world.community_a, kind=HonourKind.OTHER)
    assert errors(exc) == {"name": [services.MSG_NAME_REQUIRED]}


def test_an_area_honour_is_unique_per_kind_and_year(world):
    add_honour(world.community_a)
    add_honour(world.community_a, year=2022)
    with pytest.raises(ValidationError) as exc:
        add_honour(world.community_a)
    assert errors(exc) == {"kind": ["该区域在这一年度已登记此荣誉"]}
    with pytest.raises(ValidationError) as exc:
        add_honour(world.community_b, year=1999)
    assert "year" in errors(exc)
