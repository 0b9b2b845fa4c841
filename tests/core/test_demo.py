from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from jiedao.core.demo import DEMO_PASSWORD, build_demo
from jiedao.core.models import Area, AreaChange, CommunityType, Role, RoleAssignment, User


def test_it_builds_eleven_communities_at_the_end_of_2023(db):
    build_demo()
    communities = Area.objects.communities().active_on(date(2023, 12, 31))
    assert communities.count() == 11
    assert communities.filter(community_type=CommunityType.URBAN).count() == 8
    assert communities.filter(community_type=CommunityType.VILLAGE).count() == 3
    assert {"赛马场北路社区", "奔腾社区", "附件社区"} <= set(communities.values_list("name", flat=True))
    # Before the split there were ten.
    assert Area.objects.communities().active_on(date(2023, 5, 31)).count() == 10


def test_it_carves_bengteng_out_of_saimachang(db):
    build_demo()
    change = AreaChange.objects.get()
    assert set(change.sources.values_list("name", flat=True)) >= {"赛马场北路社区"}
    bengteng = Area.objects.get(name="奔腾社区")
    assert bengteng.children.filter(valid_to__isnull=True).count() == 4
    saimachang = Area.objects.get(name="赛马场北路社区")
    assert saimachang.children.filter(valid_to__isnull=True).count() == 5
    assert saimachang.children.filter(valid_to=date(2023, 6, 1)).count() == 4


def test_it_gives_every_role_a_demo_account_and_every_grid_a_grid_worker(db):
    build_demo()
    held = set(RoleAssignment.objects.active().values_list("role", flat=True))
    assert held == set(Role.values)
    current_grids = Area.objects.grids().current()
    staffed = RoleAssignment.objects.active().filter(role=Role.GRID_WORKER).values_list("area", flat=True)
    assert set(current_grids.values_list("pk", flat=True)) == set(staffed)
    assert User.objects.get(username="smc_gzz1").check_password(DEMO_PASSWORD)


def test_it_records_three_secretary_replacements_in_2023(db):
    build_demo()
    ended = RoleAssignment.objects.filter(role=Role.COMMUNITY_SECRETARY, end_date__year=2023)
    assert ended.count() == 3


def test_it_is_idempotent(db):
    build_demo()
    counts = (Area.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    build_demo()
    assert (Area.objects.count(), User.objects.count(), RoleAssignment.objects.count()) == counts


@pytest.mark.demo
def test_the_demo_command_prints_the_logins(db, monkeypatch):
    # The 2023 of cases takes minutes; tests/cases/test_case_demo.py builds and checks it.
    built = []
    monkeypatch.setattr("jiedao.cases.demo.build_case_demo", built.append)
    out = StringIO()
    call_command("demo", stdout=out)
    assert len(built) == 1  # the command does build the cases, after the places they happen in
    assert "正在构建：2023年工单" in out.getvalue()
    text = out.getvalue()
    assert "演示数据已就绪" in text and DEMO_PASSWORD in text
    assert "leader" in text and "shenji" in text and "sysadmin" in text
