"""The case KPIs and the case engine's indicators, on a small year of cases whose every number is known."""

from datetime import date

import pytest

from jiedao.cases.kpis import kpi_table, kpi_total
from jiedao.cases.models import Satisfaction, Source
from jiedao.cases.workflow import case_move
from jiedao.core.figures import Period, compute, get_indicator
from tests.cases.helpers import local, make_case

YEAR = {"start": date(2024, 1, 1), "end": date(2024, 12, 31)}


def play(case, *moves):
    for action, at, data in moves:
        case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)
    return case


def handled(case, world, *, signed, closed=None, callback=None):
    moves = [("dispatch", signed, {"area": world.community_a}), ("sign", signed, {})]
    if closed:
        moves.append(("close", closed, {"result": "已处理"}))
    if callback:
        moves.append(("callback", closed, dict(zip(("resolved", "satisfaction"), callback, strict=True))))
    return play(case, *moves)


@pytest.fixture
def year(world, categories):
    """2024's hotline orders (received 30 September unless said; due 12 October, signing due 12:00):
    on_time: signed 10:30, closed 8 October, resolved and satisfied          — 社区A (网格A1)
    late:    signed 14:00, closed 14 October (overdue), unresolved, 基本满意   — 社区A
    returned: returned the same afternoon                                     — 社区B
    waiting: accepted only, past its deadline at the year's end               — 社区B
    new_year: received 31 December 16:00, signed in 2025                      — 社区A (网格A2)
    reopened: closed 8 October, unsatisfied callback, reopened                — 社区A (网格A1)
    and outside the table: a 2023 order, a grid case, a petition and two disputes."""
    received = local(2024, 9, 30, 10, 0)

    def hotline(area, at=received):
        return make_case(world, categories, area=area, received_at=at, accepted=True)

    handled(
        hotline(world.grid_a1),
        world,
        signed=local(2024, 9, 30, 10, 30),
        closed=local(2024, 10, 8, 16, 0),
        callback=(True, Satisfaction.SATISFIED),
    )
    handled(
        hotline(world.community_a),
        world,
        signed=local(2024, 9, 30, 14, 0),
        closed=local(2024, 10, 14, 10, 0),
        callback=(False, Satisfaction.BASICALLY),
    )
    play(hotline(world.community_b), ("return", local(2024, 9, 30, 15, 0), {"reason": "outside_area"}))
    hotline(world.community_b)
    handled(hotline(world.grid_a2, local(2024, 12, 31, 16, 0)), world, signed=local(2025, 1, 2, 10, 0))
    reopened = handled(
        hotline(world.grid_a1),
        world,
        signed=local(2024, 9, 30, 10, 30),
        closed=local(2024, 10, 8, 16, 0),
        callback=(False, Satisfaction.UNSATISFIED),
    )
    play(reopened, ("reopen", local(2024, 10, 9, 9, 0), {}))
    hotline(world.grid_a1, local(2023, 12, 29, 10, 0))
    grid = make_case(world, categories, source=Source.GRID, received_at=received, accepted=True)
    handled(grid, world, signed=local(2024, 9, 30, 11, 0), closed=local(2024, 10, 9, 11, 0))
    make_case(world, categories, source=Source.PETITION, received_at=received, people_count=12)
    make_case(world, categories, source=Source.DISPUTE, received_at=received, accepted=True)
    make_case(world, categories, source=Source.DISPUTE, received_at=received)


def test_it_counts_the_year_and_keeps_received_equal_to_closed_returned_and_in_progress(year):
    (total,) = kpi_table(**YEAR, source=Source.HOTLINE, group_by=None)
    counts = {k: total[k] for k in ("received", "closed", "returned", "in_progress", "overdue")}
    assert counts == {"received": 6, "closed": 2, "returned": 1, "in_progress": 3, "overdue": 3}
    for row in kpi_table(**YEAR, group_by="community") + kpi_table(**YEAR, group_by="category"):
        assert row["received"] == row["closed"] + row["returned"] + row["in_progress"]


def test_it_computes_each_rate(year):
    (total,) = kpi_table(**YEAR, source=Source.HOTLINE, group_by=None)
    rates = {k: str(v) for k, v in total.items() if k.endswith("_rate")}
    assert rates == {
        "ontime_sign_rate": "66.67",  # 2 of the 3 signed in 2024 by 12:00
        "ontime_close_rate": "50.00",  # 1 of 2 closed
        "resolution_rate": "33.33",  # 1 of 3 callbacks
        "satisfaction_rate": "66.67",  # 满意 + 基本满意
        "return_rate": "16.67",  # 1 of 6
        "reopen_rate": "50.00",  # 1 reopened ÷ 2 closed
    }


def test_it_counts_basic_satisfaction_only_when_configured(year, settings):
    settings.JIEDAO_SATISFACTION_COUNTS_BASIC = False
    (total,) = kpi_table(**YEAR, source=Source.HOTLINE, group_by=None)
    assert str(total["satisfaction_rate"]) == "33.33"


def test_it_groups_by_community_within_an_area(year, world):
    rows = kpi_table(**YEAR, source=Source.HOTLINE, group_by="community")
    assert [(r["label"], r["received"], r["closed"], r["returned"]) for r in rows] == [
        ("社区A", 4, 2, 0),
        ("社区B", 2, 0, 1),
    ]
    (only_b,) = kpi_table(**YEAR, source=Source.HOTLINE, area=world.community_b, group_by=None)
    assert (only_b["received"], only_b["resolution_rate"]) == (2, None)


def test_a_grouped_tables_total_is_the_ungrouped_row(year):
    (total,) = kpi_table(**YEAR, group_by=None)
    assert total["received"] == 10  # the 2024 cases of every source
    for group_by in ("community", "category"):
        assert kpi_total(kpi_table(**YEAR, group_by=group_by)) == total


def test_it_places_a_case_by_its_state_at_the_periods_end(year):
    (october,) = kpi_table(
        start=date(2024, 9, 1), end=date(2024, 10, 10), source=Source.HOTLINE, group_by=None
    )
    # By 10 October the late order was not yet closed.
    assert (october["received"], october["closed"], october["in_progress"]) == (5, 1, 3)


def test_it_declares_the_report_indicators(year):
    period = Period.year(2024)

    def value(code):
        return compute(get_indicator(code), period).value

    hotline = {c: value(f"hotline.{c}") for c in ("received", "closed", "returned", "in_progress")}
    assert hotline == {"received": 6, "closed": 2, "returned": 1, "in_progress": 3}
    assert hotline["received"] == hotline["closed"] + hotline["returned"] + hotline["in_progress"]
    assert (str(value("hotline.resolution_rate")), str(value("hotline.satisfaction_rate"))) == (
        "33.33",
        "66.67",
    )
    assert (value("grid.cases"), str(value("grid.ontime_rate"))) == (1, "100.00")
    assert (value("petition.batches"), value("petition.people")) == (1, 12)
    assert value("mediation.cases") == 2
    assert str(value("mediation.acceptance_rate")) == "50.00"
    assert str(value("mediation.closure_rate")) == "0.00"
    assert value("enforcement.issues_collected") == 0
    assert get_indicator("hotline.in_progress").name == "办处中"
