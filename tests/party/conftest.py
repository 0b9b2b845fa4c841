"""Party fixtures: office staff of 党建办 (keeps party records) and 纪工委 (keeps integrity records), a
community secretary of 社区A (reads party records there), and a few records in the fixed world."""

from datetime import date

import pytest

from jiedao.core.models import Office, Role
from jiedao.core.services.accounts import account_create, role_grant
from jiedao.party import services
from jiedao.party.models import BranchKind, DisciplineKind, HonourKind, TitleKind
from tests.conftest import PASSWORD


def office_user(world, code: str, name: str, username: str):
    office = Office.objects.get_or_create(code=code, defaults={"name": name})[0]
    user = account_create(username=username, full_name=f"{name}科员", password=PASSWORD)
    role_grant(
        user=user, role=Role.OFFICE_STAFF, area=world.street, office=office, start_date=date(2020, 1, 1)
    )
    return user


@pytest.fixture
def party_keeper(world):
    return office_user(world, "djb", "党建办", "ks_djb")


@pytest.fixture
def integrity_keeper(world):
    return office_user(world, "jgw", "纪工委", "ks_jgw")


@pytest.fixture
def secretary_a(world):
    user = account_create(username="shuji_a", full_name="刘书记", password=PASSWORD)
    role_grant(user=user, role=Role.COMMUNITY_SECRETARY, area=world.community_a, start_date=date(2020, 1, 1))
    return user


def add_branch(area, name, **kwargs):
    values = {"kind": BranchKind.COMMUNITY, "secretary": "王书记", "established_on": date(2010, 7, 1)}
    return services.branch_create(name=name, area=area, **{**values, **kwargs})


def add_discipline(area, person, kind=DisciplineKind.TALK, on=date(2023, 5, 1), **kwargs):
    values = {"unit": area.name, "reason": "工作作风不实", "decided_by": "街道纪工委"}
    return services.discipline_create(
        person_name=person, kind=kind, occurred_on=on, area=area, **{**values, **kwargs}
    )


def add_archive(area, person, unit="社区A", year=2023, filed_on=date(2023, 3, 1), **kwargs):
    return services.archive_create(
        person_name=person, unit=unit, area=area, year=year, filed_on=filed_on, **kwargs
    )


def add_honour(area, kind=HonourKind.CITY_CIVILIZED_COMMUNITY, year=2023, **kwargs):
    values = {"awarded_by": "市文明委", "awarded_on": date(year, 12, 20)}
    return services.honour_create(kind=kind, year=year, area=area, **{**values, **kwargs})


@pytest.fixture
def party(world):
    """社区A: a branch with two members and a 2023 最强党支部 title; 社区B: a branch; the street: an organ branch."""
    a = add_branch(world.community_a, "社区A党支部")
    b = add_branch(world.community_b, "社区B党支部")
    organ = add_branch(world.street, "机关第一党支部", kind=BranchKind.ORGAN)
    services.branch_title_award(branch=a, year=2023, title=TitleKind.STRONGEST, awarded_by="区委组织部")
    members = [
        services.member_create(branch=a, name="李秀英", gender="F", joined_party_on=date(2001, 7, 1)),
        services.member_create(branch=a, name="张建国", gender="M", joined_party_on=date(2015, 6, 1)),
        services.member_create(branch=b, name="陈海燕", gender="F", joined_party_on=date(2019, 6, 1)),
    ]
    return {"a": a, "b": b, "organ": organ, "members": members}
