import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from jiedao.core.demo import build_demo
from jiedao.core.figures import Count, Indicator, Part, Period, Ratio, compute, get_indicator
from jiedao.core.models import Area, AuditLog


def test_periods_cover_whole_years_quarters_and_months():
    assert Period.year(2024) == Period(date(2024, 1, 1), date(2024, 12, 31), "2024年")
    assert (Period.quarter(2024, 1).end, Period.month(2024, 2).end) == (date(2024, 3, 31), date(2024, 2, 29))


def test_a_flow_counts_records_dated_in_the_period_and_under_the_area(world):
    from jiedao.core.services.areas import area_retire

    area_retire(area=world.grid_a2, effective_on=date(2023, 3, 1))
    retired = Indicator(
        "t.retired",
        "撤销区域",
        "个",
        "",
        records=lambda p: Area.objects.all(),
        date_field="valid_to",
        area_field="",
    )
    assert compute(retired, Period.year(2023)).value == 1
    assert compute(retired, Period.year(2022)).value == 0
    assert compute(retired, Period.year(2023), area=world.community_b).value == 0
    result = compute(retired, Period.year(2023), area=world.community_a)
    assert list(result.records) == [world.grid_a2]  # the records behind the number


def test_a_ratio_is_a_percentage_with_two_decimals_and_missing_when_undefined(world):
    grids = Part(lambda p: Area.objects.grids(), area_field="")
    areas = Part(lambda p: Area.objects.all(), area_field="")
    nothing = Part(lambda p: Area.objects.none(), area_field="")
    share = Indicator("t.share", "网格占比", "%", "", measure=Ratio(grids, areas))
    assert str(compute(share, Period.year(2023)).value) == "50.00"
    undefined = Indicator("t.undefined", "无分母", "%", "", measure=Ratio(grids, nothing))
    assert compute(undefined, Period.year(2023)).value is None


def test_it_scopes_to_the_user(world):
    communities = Indicator(
        "t.c", "社区", "个", "", records=lambda p: Area.objects.communities(), area_field="", measure=Count()
    )
    assert compute(communities, Period.year(2023), user=world.worker_a).value == 1
    assert compute(communities, Period.year(2023), user=world.leader).value == 2


def test_the_demo_reproduces_the_seed_organisation_figures(db):
    build_demo()
    year = Period.year(2023)
    values = {
        code: compute(get_indicator(code), year).value
        for code in (
            "org.communities_urban",
            "org.communities_village",
            "org.secretaries_replaced",
            "org.post90_deputies_coverage",
        )
    }
    assert values == {
        "org.communities_urban": 8,
        "org.communities_village": 3,
        "org.secretaries_replaced": 3,
        "org.post90_deputies_coverage": pytest.approx(100),
    }
    # Before 奔腾社区 was carved out there were seven urban communities.
    assert compute(get_indicator("org.communities_urban"), Period.year(2022)).value == 7


def test_the_command_prints_json_numbers(db):
    build_demo()
    out = StringIO()
    call_command("indicators", "--year", "2023", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["org.communities_urban"] == 8
    assert payload["org.post90_deputies_coverage"] == 100.0
    assert payload["population.resident"] + payload["population.floating"] == payload["population.total"]
    assert not AuditLog.objects.filter(event="export").exists()
