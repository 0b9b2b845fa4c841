"""The volunteer pages: the team list with its figures, a team's page (members, records, honours, total
hours), the forms behind it, and the service records list (roles and scoping: url_entries.py)."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from jiedao.volunteers import services
from jiedao.volunteers.models import ServiceRecord, TeamHonour, VolunteerMember, VolunteerTeam
from tests.conftest import PASSWORD
from tests.registry.helpers import make_id
from tests.volunteers.conftest import add_resident


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_the_team_list_shows_members_records_and_hours(client, world, teams):
    resident = add_resident(world, world.grid_a1, 1)
    services.member_add(team=teams["a"], resident=resident, joined_on=date(2022, 1, 1))
    for day in (1, 2):
        services.service_record(
            team=teams["a"], served_on=date(2023, 3, day), title="送餐", volunteers=3, hours=Decimal("4.5")
        )
    login(client, world.leader)
    response = client.get(reverse("volunteer_team_list"))
    rows = {t.name: t for t in response.context["page_obj"]}
    team = rows["社区A暖心小分队"]
    assert (team.member_count, team.record_count, team.total_hours) == (1, 2, Decimal("9.0"))
    assert rows["社区B夕阳红志愿队"].member_count == 0
    assert "export-link" not in response.content.decode()
    login(client, world.worker_b)
    response = client.get(reverse("volunteer_team_list"), {"kind": "sunset"})
    assert [t.name for t in response.context["page_obj"]] == ["社区B夕阳红志愿队"]
    assert 'id="export-link"' in response.content.decode()


def test_a_team_page_adds_members_by_id_number_and_shows_them_masked(client, world, teams):
    resident = add_resident(world, world.grid_a1, 1, name="李秀英")
    add_resident(world, world.grid_b1, 2)
    login(client, world.worker_a)
    url = reverse("volunteer_member_add", args=[teams["a"].pk])
    response = client.post(url, {"id_number": make_id(seq=2), "joined_on": "2023-02-01"})
    assert response.context["form"].errors == {
        "id_number": ["居民库中没有该身份证号码的居民，或该居民不在您的辖区"]
    }
    response = client.post(url, {"id_number": "150103198001010012", "joined_on": "2023-02-01"})
    assert response.context["form"].errors == {"id_number": ["身份证号码格式或校验位不正确"]}
    assert client.post(url, {"id_number": make_id(seq=1), "joined_on": "2023-02-01"}).status_code == 302
    member = VolunteerMember.objects.get()
    assert member.resident == resident
    page = client.get(reverse("volunteer_team_detail", args=[teams["a"].pk])).content.decode()
    assert "李秀英" in page and resident.id_number_masked in page and make_id(seq=1) not in page
    response = client.post(reverse("volunteer_member_leave", args=[member.pk]), {"left_on": "2023-01-01"})
    assert response.context["form"].errors == {"left_on": ["退出日期不能早于加入日期"]}
    assert (
        client.post(
            reverse("volunteer_member_leave", args=[member.pk]), {"left_on": "2023-08-01"}
        ).status_code
        == 302
    )


def test_service_records_and_honours_are_entered_on_the_team(client, world, teams):
    resident = add_resident(world, world.grid_a1, 1)
    member = services.member_add(team=teams["a"], resident=resident, joined_on=date(2022, 1, 1))
    login(client, world.worker_a)
    url = reverse("service_record_create", args=[teams["a"].pk])
    data = {
        "served_on": "2023-10-23",
        "title": "重阳节敬老慰问",
        "volunteers": 0,
        "hours": "6",
        "people_served": 20,
    }
    response = client.post(url, data)
    assert "volunteers" in response.context["form"].errors
    response = client.post(url, {**data, "volunteers": 3, "members": [member.pk]})
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert list(record.members.all()) == [member]
    response = client.post(
        reverse("service_record_edit", args=[record.pk]),
        {**data, "volunteers": 3, "hours": "0", "version": record.version},
    )
    assert response.context["form"].errors == {"hours": ["服务总时长应大于0小时"]}
    honour = {"year": 2023, "title": "优秀志愿服务组织", "awarded_by": "回民区文明办"}
    assert client.post(reverse("team_honour_add", args=[teams["a"].pk]), honour).status_code == 302
    response = client.post(reverse("team_honour_add", args=[teams["a"].pk]), honour)
    assert response.context["form"].errors == {"title": ["该队伍本年度已登记这一荣誉"]}
    detail = client.get(reverse("volunteer_team_detail", args=[teams["a"].pk]))
    assert detail.context["record_totals"]["hours"] == Decimal("6.0")
    assert list(detail.context["honours"]) == list(TeamHonour.objects.all())


def test_the_service_list_totals_what_it_lists(client, world, teams):
    services.service_record(
        team=teams["a"], served_on=date(2023, 3, 1), title="送餐", volunteers=3, hours=Decimal("6")
    )
    services.service_record(
        team=teams["b"],
        served_on=date(2023, 4, 1),
        title="巡逻",
        volunteers=2,
        hours=Decimal("3"),
        people_served=9,
    )
    login(client, world.leader)
    response = client.get(reverse("service_record_list"))
    assert response.context["totals"] == {"total": 2, "volunteers": 5, "hours": Decimal("9.0"), "people": 9}
    response = client.get(reverse("service_record_list"), {"team": teams["b"].pk})
    assert response.context["totals"]["total"] == 1
    login(client, world.worker_a)
    assert client.get(reverse("service_record_list")).context["totals"]["total"] == 1


def test_a_team_is_created_and_edited(client, world):
    login(client, world.worker_a)
    data = {
        "name": "社区A党员先锋队",
        "kind": "party_pioneer",
        "area": world.grid_a1.pk,
        "leader": "王建国",
        "founded_on": "2023-07-01",
    }
    response = client.post(reverse("volunteer_team_create"), {**data, "dissolved_on": "2023-06-01"})
    assert response.context["form"].errors == {"dissolved_on": ["撤销日期不能早于成立日期"]}
    assert client.post(reverse("volunteer_team_create"), data).status_code == 302
    team = VolunteerTeam.objects.get()
    assert team.area == world.grid_a1
    response = client.post(reverse("volunteer_team_create"), {**data, "area": world.community_b.pk})
    assert "area" in response.context["form"].errors  # not in worker_a's areas
    response = client.post(
        reverse("volunteer_team_edit", args=[team.pk]), {**data, "leader": "李建国", "version": team.version}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.leader == "李建国"
