"""工单统计: the KPI table of the cases in the user's areas, by community, category or in total, and its Excel."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from jiedao.cases.forms import MSG_CUSTOM_DATES, period_bounds
from jiedao.cases.models import Source
from jiedao.cases.workflow import case_move
from tests.cases.helpers import local, make_case

URL = reverse("kpis")
YEAR_2024 = {"period": "custom", "date_from": "2024-01-01", "date_to": "2024-12-31"}


def play(case, *moves):
    for action, at, data in moves:
        case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)
    return case


@pytest.fixture
def cases(world, categories):
    """2024: 社区A closed one (网格A1, on time) and holds one open; 社区B returned one. 2023: one in 社区A."""
    received = local(2024, 9, 30, 10, 0)

    def hotline(area, at=received, **kw):
        return make_case(world, categories, area=area, received_at=at, accepted=True, **kw)

    play(
        hotline(world.grid_a1),
        ("dispatch", local(2024, 9, 30, 10, 30), {"area": world.community_a}),
        ("sign", local(2024, 9, 30, 10, 30), {}),
        ("close", local(2024, 10, 8, 16, 0), {"result": "已清运"}),
    )
    hotline(world.community_a, category=categories["garbage"])
    play(hotline(world.grid_b1), ("return", local(2024, 9, 30, 15, 0), {"reason": "outside_area"}))
    hotline(world.community_a, at=local(2023, 6, 1, 9, 0))


def tables(response) -> dict[str, dict]:
    """{area label: {"rows": {row label: row}, "total": row}} of the page."""
    return {
        t["area"].label: {"rows": {r["label"]: r for r in t["rows"]}, "total": t["total"]}
        for t in response.context["tables"]
    }


def test_it_tables_the_street_by_community_for_the_leader(client, world, cases):
    client.force_login(world.leader)
    response = client.get(URL, YEAR_2024)
    got = tables(response)
    assert list(got) == ["测试街道"]
    rows, total = got["测试街道"]["rows"], got["测试街道"]["total"]
    assert {
        label: (r["received"], r["closed"], r["returned"], r["in_progress"]) for label, r in rows.items()
    } == {
        "社区A": (2, 1, 0, 1),
        "社区B": (1, 0, 1, 0),
    }
    assert (total["received"], total["closed"], total["returned"], total["in_progress"]) == (3, 1, 1, 1)
    assert total["ontime_close_rate"] == 100 and str(total["return_rate"]) == "33.33"
    body = response.content.decode()
    assert "2024年1月1日至2024年12月31日" in body and "33.33%" in body
    assert 'class="kpi-chart" data-chart="kpi-data-1"' in body and 'id="kpi-data-1"' in body


def test_a_community_worker_sees_only_their_community(client, world, cases):
    client.force_login(world.worker_a)
    got = tables(client.get(URL, YEAR_2024))
    assert list(got) == ["社区A"] and list(got["社区A"]["rows"]) == ["社区A"]
    assert got["社区A"]["total"]["received"] == 2
    client.force_login(world.worker_b)
    got = tables(client.get(URL, YEAR_2024))
    assert list(got) == ["社区B"] and got["社区B"]["total"]["received"] == 1


def test_a_grid_worker_sees_only_their_grids_cases(client, world, cases):
    client.force_login(world.grid_a1_worker)
    got = tables(client.get(URL, YEAR_2024))
    assert list(got) == ["社区A网格A1"] and got["社区A网格A1"]["total"]["received"] == 1


def test_someone_holding_two_communities_gets_a_table_for_each(client, world, cases):
    from jiedao.core.models import Role
    from jiedao.core.services.accounts import role_grant

    role_grant(
        user=world.worker_a, role=Role.COMMUNITY_WORKER, area=world.community_b, start_date=date(2020, 1, 1)
    )
    client.force_login(world.worker_a)
    got = tables(client.get(URL, YEAR_2024))
    assert {label: t["total"]["received"] for label, t in got.items()} == {"社区A": 2, "社区B": 1}


def test_it_narrows_to_one_area_in_scope_only(client, world, cases):
    client.force_login(world.leader)
    got = tables(client.get(URL, {**YEAR_2024, "area": world.community_b.pk}))
    assert list(got) == ["社区B"]
    client.force_login(world.worker_a)
    response = client.get(URL, {**YEAR_2024, "area": world.community_b.pk})
    assert response.context["tables"] == [] and response.context["filter_form"].errors["area"]
    assert "社区B" not in response.content.decode()


def test_it_groups_by_category_or_shows_the_total_alone(client, world, cases):
    client.force_login(world.leader)
    got = tables(client.get(URL, {**YEAR_2024, "group_by": "category"}))["测试街道"]
    assert {label: r["received"] for label, r in got["rows"].items()} == {"环境卫生": 2, "垃圾清运": 1}
    response = client.get(URL, {**YEAR_2024, "group_by": "total"})
    got = tables(response)["测试街道"]
    assert got["rows"] == {} and got["total"]["received"] == 3
    assert response.context["tables"][0]["chart"]["names"] == ["合计"]


def test_it_counts_one_source(client, world, cases):
    client.force_login(world.leader)
    got = tables(client.get(URL, {**YEAR_2024, "source": Source.GRID}))["测试街道"]
    assert got["total"]["received"] == 0
    got = tables(client.get(URL, {**YEAR_2024, "source": Source.HOTLINE}))["测试街道"]
    assert got["total"]["received"] == 3


def test_the_default_period_is_this_year(client, world):
    client.force_login(world.leader)
    response = client.get(URL)
    today = timezone.localdate()
    assert (response.context["params"]["start"], response.context["params"]["end"]) == (
        date(today.year, 1, 1),
        date(today.year, 12, 31),
    )
    assert response.context["params"]["group_by"] == "community"


def test_last_year_is_a_preset(client, world):
    client.force_login(world.leader)
    params = client.get(URL, {"period": "last_year"}).context["params"]
    year = timezone.localdate().year - 1
    assert (params["start"], params["end"]) == (date(year, 1, 1), date(year, 12, 31))


def test_a_custom_period_needs_both_dates(client, world):
    client.force_login(world.leader)
    response = client.get(URL, {"period": "custom", "date_from": "2024-01-01"})
    assert response.context["filter_form"].errors["date_from"] == [MSG_CUSTOM_DATES]
    assert response.context["tables"] == []
    response = client.get(URL, {"period": "custom", "date_from": "2024-02-01", "date_to": "2024-01-01"})
    assert response.context["filter_form"].errors["date_to"] == ["结束日期不能早于开始日期"]


@pytest.mark.parametrize(
    ("period", "today", "bounds"),
    [
        ("this_month", date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),
        ("this_month", date(2024, 12, 31), (date(2024, 12, 1), date(2024, 12, 31))),
        ("this_quarter", date(2024, 11, 15), (date(2024, 10, 1), date(2024, 12, 31))),
        ("this_quarter", date(2024, 3, 31), (date(2024, 1, 1), date(2024, 3, 31))),
        ("this_quarter", date(2024, 5, 1), (date(2024, 4, 1), date(2024, 6, 30))),
        ("this_year", date(2024, 5, 1), (date(2024, 1, 1), date(2024, 12, 31))),
        ("last_year", date(2024, 5, 1), (date(2023, 1, 1), date(2023, 12, 31))),
    ],
)
def test_the_presets_cover_whole_periods(period, today, bounds):
    assert period_bounds(period, today) == bounds


def test_it_exports_the_same_table(client, world, cases):
    client.force_login(world.worker_a)
    response = client.get(reverse("kpis_export"), {**YEAR_2024, "group_by": "category"})
    assert response["Content-Disposition"].endswith(".xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:6] == ["统计范围", "分类", "受理量", "办结量", "退单量", "在办量"]
    assert rows[0][6:] == [
        "及时签收率（%）",
        "按期办结率（%）",
        "解决率（%）",
        "满意率（%）",
        "退单率（%）",
        "重办率（%）",
        "超期数",
    ]
    by_label = {row[1]: row for row in rows[1:]}
    assert set(by_label) == {"环境卫生", "垃圾清运", "合计"}
    assert by_label["合计"][:6] == ["社区A", "合计", 2, 1, 0, 1]
    assert by_label["合计"][7] == 100  # 按期办结率
    assert by_label["合计"][8] == ""  # 解决率: no callback, no rate


def test_the_export_refuses_an_invalid_form(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("kpis_export"), {"period": "custom"}, follow=True)
    assert response.redirect_chain[0][0].startswith(URL)
    assert [str(m) for m in response.context["messages"]] == ["查询条件有误，请修正后再导出"]


def test_the_menu_offers_it_to_case_workers_only(client, world):
    client.force_login(world.worker_a)
    assert f'href="{URL}"' in client.get(reverse("workbench")).content.decode()
    client.force_login(world.auditor)
    assert f'href="{URL}"' not in client.get(reverse("workbench")).content.decode()
