"""领导驾驶舱: the figures of a small world, their scope, their year-over-year change, and the drill-down links
(each one lists exactly the records its number counted)."""

import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from jiedao.activities.services import activity_create, activity_type_create
from jiedao.cases.models import Case, Source
from jiedao.cases.workflow import case_move
from jiedao.projects.services import project_create
from jiedao.registry.services.households import resident_register_at
from tests.cases.helpers import local, make_case
from tests.registry.helpers import make_id

URL = reverse("dashboard")
YEAR_2024 = {"period": "year", "year": "2024"}


def play(case, *moves):
    for action, at, data in moves:
        case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)
    return case


@pytest.fixture
def cases(world, categories):
    """2024: 12345 — 网格A1 closed, 社区A open (垃圾清运), 网格B1 returned; grid — 网格A2 in March.
    2023: one 12345 case in 社区A."""

    def hotline(area, at=None, **kw):
        at = at or local(2024, 9, 30, 10, 0)
        return make_case(world, categories, area=area, received_at=at, accepted=True, **kw)

    play(
        hotline(world.grid_a1),
        ("dispatch", local(2024, 9, 30, 10, 30), {"area": world.community_a}),
        ("sign", local(2024, 9, 30, 10, 30), {}),
        ("close", local(2024, 10, 8, 16, 0), {"result": "已清运"}),
    )
    hotline(world.community_a, category=categories["garbage"])
    play(hotline(world.grid_b1), ("return", local(2024, 9, 30, 15, 0), {"reason": "outside_area"}))
    make_case(world, categories, source=Source.GRID, area=world.grid_a2, received_at=local(2024, 3, 5, 9, 0))
    hotline(world.community_a, at=local(2023, 6, 1, 9, 0))


@pytest.fixture
def people(world, places):
    """社区A: two permanent residents (1980, 2010) in 网格A1 and a floating one in 网格A2; 社区B: one."""
    born = [("19800101", places["sunny_1"], "permanent"), ("20100101", places["sunny_1"], "permanent")]
    born += [("19500101", places["sunny_2"], "floating"), ("19900101", places["river_1"], "permanent")]
    for seq, (birth, building, residence) in enumerate(born, start=1):
        resident_register_at(
            building=building,
            unit="1",
            room=f"10{seq}",
            name=f"居民{seq}",
            id_number=make_id(birth, seq),
            residence=residence,
            registered_on=date(2020, 1, 1),
        )


@pytest.fixture
def ledgers(world):
    lecture = activity_type_create(code="dash_talk", name="驾驶舱测试宣讲")
    for area, held_on in ((world.community_a, date(2024, 5, 1)), (world.grid_a1, date(2024, 6, 1))):
        activity_create(type=lecture, held_on=held_on, title="政策宣讲", area=area)
    activity_create(type=lecture, held_on=date(2023, 5, 1), title="政策宣讲", area=world.community_a)
    activity_create(type=lecture, held_on=date(2024, 5, 2), title="政策宣讲", area=world.community_b)
    project_create(
        kind="renovation", name="阳光小区改造", area=world.community_a, status="building", progress=40
    )
    project_create(
        kind="renovation",
        name="河畔小区改造",
        area=world.community_b,
        status="completed",
        progress=100,
        planned_start=date(2023, 3, 1),
        completed_on=date(2024, 6, 1),
    )


def page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def cards(response) -> dict:
    return {card.label: card for card in response.context["cards"]}


def charts(response) -> dict:
    return {chart["id"]: chart["option"] for chart in response.context["charts"]}


def points(option) -> list[tuple[str, str, object, str]]:
    """(series, category name, value, url) of every data point."""
    axes = [option.get("xAxis"), option.get("yAxis")]
    names = next((a["data"] for a in axes if isinstance(a, dict) and a.get("data")), None)
    found = []
    for series in option["series"]:
        for i, item in enumerate(series["data"]):
            found.append(
                (series.get("name", ""), item.get("name") or names[i], item["value"], item.get("url"))
            )
    return found


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_it_counts_the_street_for_the_leader(client, world, cases):
    got = cards(page(client, world.leader, **YEAR_2024))
    assert got["12345受理量"].value == 3
    assert got["12345受理量"].previous == 1
    assert got["12345受理量"].change == "+200.0%"
    assert got["12345办结量"].value == 1
    assert got["网格案件数"].value == 1
    assert got["网格案件数"].change is None  # nothing a year earlier


def test_it_shows_a_community_worker_their_community_only(client, world, cases):
    response = page(client, world.worker_a, **YEAR_2024)
    assert response.context["area"] == world.community_a
    assert cards(response)["12345受理量"].value == 2
    # 社区B is no choice of theirs: the form refuses it and the page stays on 社区A.
    response = page(client, world.worker_a, area=world.community_b.pk, **YEAR_2024)
    assert response.context["form"].errors["area"]
    assert response.context["area"] == world.community_a
    assert cards(response)["12345受理量"].value == 2


def test_it_shows_a_grid_worker_their_grid(client, world, cases):
    response = page(client, world.grid_a1_worker, **YEAR_2024)
    assert response.context["area"] == world.grid_a1
    assert cards(response)["12345受理量"].value == 1
    assert "dash-cases-area" not in charts(response)  # a grid has nothing under it


def test_the_leader_narrows_to_a_community(client, world, cases):
    response = page(client, world.leader, area=world.community_b.pk, **YEAR_2024)
    got = cards(response)
    assert got["12345受理量"].value == 1
    assert got["12345办结量"].value == 0


def test_it_charts_by_month_community_and_category(client, world, cases):
    got = charts(page(client, world.leader, **YEAR_2024))
    month = {(s, n): v for s, n, v, _ in points(got["dash-cases-month"])}
    assert month[("受理", "9月")] == 3 and month[("受理", "3月")] == 1 and month[("退单", "9月")] == 1
    area = {(s, n): v for s, n, v, _ in points(got["dash-cases-area"])}
    assert area[("受理", "社区A")] == 3 and area[("受理", "社区B")] == 1
    category = {n: v for _, n, v, _ in points(got["dash-cases-category"])}
    assert category == {"环境卫生": 3, "垃圾清运": 1}


def test_the_source_choice_narrows_the_charts(client, world, cases):
    got = charts(page(client, world.leader, source="grid", **YEAR_2024))
    month = {(s, n): v for s, n, v, _ in points(got["dash-cases-month"])}
    assert month[("受理", "3月")] == 1 and month[("受理", "9月")] == 0


def test_every_case_number_lists_the_cases_it_counted(client, world, cases):
    checked = 0
    for user in (world.leader, world.worker_a, world.grid_a1_worker):
        response = page(client, user, **YEAR_2024)
        for card in response.context["cards"]:
            if card.url.startswith(reverse("dashboard_cases")) and card.unit == "件":
                assert listed(client, card.url) == card.value, card.label
                checked += 1
        for chart_id, option in charts(response).items():
            if not chart_id.startswith("dash-cases") or chart_id == "dash-cases-rates":
                continue
            for series, name, value, url in points(option):
                assert listed(client, url) == value, (user.username, chart_id, series, name)
                checked += 1
    assert checked > 50


def test_a_rate_links_to_its_denominator(client, world, cases):
    response = page(client, world.leader, **YEAR_2024)
    on_time = cards(response)["按期办结率"]
    assert listed(client, on_time.url) == 1  # the one closed case
    rates = {(s, n): (v, u) for s, n, v, u in points(charts(response)["dash-cases-rates"])}
    value, url = rates[("按期办结率", "9月")]
    assert value in (0.0, 100.0) and listed(client, url) == 1
    assert rates[("满意率", "9月")][0] == "-"  # no callback yet


def test_population_activities_and_projects(client, world, cases, people, ledgers):
    response = page(client, world.leader, **YEAR_2024)
    got = cards(response)
    assert got["实有人口"].value == 4
    assert got["实有人口"].previous == 4
    assert got["活动场次"].value == 3 and got["活动场次"].previous == 1
    assert got["在建项目"].value == 1 and got["在建项目"].change is None
    for label in ("实有人口", "活动场次", "在建项目"):
        assert listed(client, got[label].url) == got[label].value, label
    option = charts(response)
    residence = {n: (v, u) for _, n, v, u in points(option["dash-population-residence"])}
    assert residence["常住"][0] == 3 and residence["流动"][0] == 1
    for _, value_url in residence.items():
        assert listed(client, value_url[1]) == value_url[0]
    for _, name, value, url in points(option["dash-population-age"]):
        assert listed(client, url) == value, name
    for series, name, value, url in points(option["dash-projects"]):
        if series != "平均进度":
            assert listed(client, url) == value, (series, name)


def test_a_community_worker_counts_their_community(client, world, people, ledgers):
    response = page(client, world.worker_a, **YEAR_2024)
    got = cards(response)
    assert got["实有人口"].value == 3
    assert got["活动场次"].value == 2
    for label in ("实有人口", "活动场次", "在建项目"):
        assert listed(client, got[label].url) == got[label].value, label
    response = page(client, world.grid_a1_worker, **YEAR_2024)
    got = cards(response)
    assert got["实有人口"].value == 2
    assert listed(client, got["实有人口"].url) == 2


def test_population_is_counted_at_most_every_15_minutes_and_refreshed_by_the_job(
    client, world, places, people
):
    from jiedao.reports.tasks import population_refresh_task

    first = cards(page(client, world.leader, **YEAR_2024))["实有人口"]
    assert first.value == 4 and "统计" in first.note
    resident_register_at(
        building=places["river_1"],
        unit="2",
        room="201",
        name="新来居民",
        id_number=make_id("19850101", 9),
        registered_on=date(2024, 1, 1),
    )
    assert cards(page(client, world.leader, **YEAR_2024))["实有人口"].value == 4  # counted 0 minutes ago
    population_refresh_task.call_local()  # what the job runner runs every 10 minutes
    assert cards(page(client, world.leader, **YEAR_2024))["实有人口"].value == 5
    assert (
        cards(page(client, world.worker_b, **YEAR_2024))["实有人口"].value == 2
    )  # 社区B, counted by the job


@pytest.fixture
def rectifications(world):
    """创城整改 found in 2024: 社区A — 环境卫生 done, 环境卫生 pending (overdue), 秩序管理 in progress; 社区B — one
    done late; 2023: one in 社区A, done."""
    from jiedao.cobuild.services import rectification_create

    def add(area, category, found_on, status="pending", rectified_on=None, deadline=None):
        return rectification_create(
            item=f"{area.name}{category}{found_on}",
            category=category,
            area=area,
            found_on=found_on,
            deadline=deadline or found_on.replace(day=28),
            status=status,
            rectified_on=rectified_on,
        )

    add(world.community_a, "sanitation", date(2024, 4, 2), "done", date(2024, 4, 10))
    add(world.community_a, "sanitation", date(2024, 5, 2))
    add(world.community_a, "order", date(2024, 6, 2), "in_progress", deadline=date(2099, 1, 1))
    add(world.community_b, "sanitation", date(2024, 4, 3), "done", date(2024, 5, 30))
    add(world.community_a, "order", date(2023, 6, 2), "done", date(2023, 6, 20))


def test_rectifications_rate_by_category_and_status(client, world, rectifications):
    response = page(client, world.leader, **YEAR_2024)
    card = cards(response)["创城整改率"]
    assert str(card.value) == "50.00" and str(card.previous) == "100.00"
    assert card.change == "-50.00个百分点"
    assert card.note == "已整改2/4项，逾期2项"
    assert listed(client, card.url) == 4
    got = {
        (series, name): (value, url)
        for series, name, value, url in points(charts(response)["dash-rectifications"])
    }
    assert got[("已整改", "环境卫生")][0] == 2 and got[("待整改", "环境卫生")][0] == 1
    assert got[("整改中", "秩序管理")][0] == 1
    for value, url in got.values():
        assert listed(client, url) == value
    community_a = cards(page(client, world.worker_a, **YEAR_2024))["创城整改率"]
    assert (str(community_a.value), listed(client, community_a.url)) == ("33.33", 3)
    assert "创城整改率" not in cards(
        page(client, world.grid_a1_worker, **YEAR_2024)
    )  # on communities, not grids


def test_the_options_are_echarts_json(client, world, cases, people, ledgers):
    response = page(client, world.leader, **YEAR_2024)
    assert response.context["charts"]
    for chart in response.context["charts"]:
        option = json.loads(json.dumps(chart["option"]))
        assert option["series"], chart["id"]
        axes = [option.get("xAxis"), option.get("yAxis")]
        names = next((a["data"] for a in axes if isinstance(a, dict) and a.get("data")), None)
        for series in option["series"]:
            assert series["type"] in {"bar", "line", "pie"}
            if names:
                assert len(series["data"]) == len(names), chart["id"]
            for item in series["data"]:
                assert item["url"].startswith("/"), chart["id"]
        content = response.content.decode()
        assert f'id="{chart["id"]}"' in content  # the json_script the chart reads
    assert "vendor/echarts/echarts.min.js" in response.content.decode()
    assert "cdn" not in response.content.decode().lower()


def test_the_periods(client, world, cases):
    response = page(client, world.leader, period="last_year")
    today = response.context["today"]
    assert response.context["period"].start == date(today.year - 1, 1, 1)
    response = page(client, world.leader, period="this_month")
    period = response.context["period"]
    assert (
        period.start == today.replace(day=1)
        and len(charts(response)["dash-cases-month"]["xAxis"]["data"]) == 1
    )
    response = page(client, world.leader, period="year")
    assert response.context["form"].errors["year"] == ["请选择“指定年度”时填写年度"]
    # A link with a year only (?year=2024) means that year, and the form says so.
    response = page(client, world.leader, year="2024")
    assert response.context["period"].start == date(2024, 1, 1)
    assert response.context["form"]["period"].value() == "year"


def test_it_is_for_working_roles(client, world):
    for user in (world.auditor, world.sysadmin):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_a_drill_down_outside_the_scope_is_404(client, world, cases):
    response = page(client, world.leader, **YEAR_2024)
    url = cards(response)["12345受理量"].url
    query = parse_qs(urlsplit(url).query)
    query["area"] = [str(world.community_a.pk)]
    client.force_login(world.worker_b)
    assert client.get(reverse("dashboard_cases"), query).status_code == 404
    client.force_login(world.worker_a)
    response = client.get(reverse("dashboard_cases"), query)
    assert response.status_code == 200
    caption = response.content.decode()
    assert (
        "社区A · 12345热线 · 2024年1月1日至2024年12月31日受理 · 至2024年12月31日<strong>受理</strong>"
        in caption
    )
    assert response.context["page_obj"].paginator.count == 2


def test_a_broken_drill_down_link_says_what_is_wrong(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("dashboard_cases"), {"metric": "nonsense", "area": world.street.pk})
    assert response.status_code == 200
    assert "指标" in response.content.decode() and "受理日期自" in response.content.decode()


def test_an_empty_period_offers_the_latest_year_with_cases(client, world, cases):
    latest = max(c.received_at for c in Case.objects.all()).year
    response = page(client, world.leader, year=str(latest + 3))
    assert response.context["latest_year"] == latest
    assert f"?year={latest}" in response.content.decode()
    response = page(client, world.leader, year=str(latest))
    assert response.context["latest_year"] is None and "dashboard-latest" not in response.content.decode()
