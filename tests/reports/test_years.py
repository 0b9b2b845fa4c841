"""指标年度对比: values per year on a small world (lectures in 2022 and 2023), the change column, the user's
scope and the area, the page (filters, export, permission) and `jiedao indicator-years`."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.core.figures import all_indicators
from jiedao.core.models import AuditEvent, AuditLog
from jiedao.reports.years import (
    DOWN,
    FLAT,
    UP,
    YearTable,
    change_of,
    default_year,
    group_choices,
    grouped,
    year_span,
)
from tests.activities.conftest import add_activity
from tests.conftest import PASSWORD


@pytest.fixture
def lectures(world):
    add_activity(world.community_b, title="去年宣讲", held_on=date(2022, 6, 1), values={"audience": 100})
    add_activity(world.grid_a1, title="宣讲一", held_on=date(2023, 3, 1), values={"audience": 80})
    add_activity(world.community_b, title="宣讲二", held_on=date(2023, 9, 1), values={"audience": 45})
    return world


def rows_by_code(table, **kw):
    return {r.code: r for r in table.rows(**kw)}


def test_the_years_up_to_the_chosen_one():
    assert year_span(2023, 3) == [2021, 2022, 2023]
    assert year_span(2023, 1) == [2023]
    assert year_span(2023, 99)[0] == 2014  # at most 10 years
    assert default_year() == date.today().year - 1


def test_values_per_year_and_the_change(lectures):
    table = YearTable(2023, 3)
    rows = rows_by_code(table)
    lectures_row = rows["publicity.lectures"]
    assert lectures_row.values == [0, 1, 2]
    assert (lectures_row.change.delta, lectures_row.change.percent) == (1, Decimal("100.00"))
    assert (lectures_row.change.text, lectures_row.change.percent_text, lectures_row.change.trend) == (
        "+1",
        "+100.00%",
        UP,
    )
    audience = rows["publicity.lecture_audience"]
    assert audience.values == [0, 100, 125]
    assert audience.change.text == "+25" and audience.change.percent == Decimal("25.00")
    urban = rows["org.communities_urban"]  # a stock: the same two communities every year
    assert urban.values == [2, 2, 2] and urban.change.trend == FLAT and urban.change.percent_text == "0.00%"
    # every registered indicator, each (indicator, year) computed once
    assert len(rows) == len(all_indicators())
    assert table.computed == 3 * len(rows)
    table.rows()
    assert table.computed == 3 * len(rows)
    # one year shown: the year before is computed for the change
    one = YearTable(2022, 1)
    row = rows_by_code(one, group="publicity")["publicity.lectures"]
    assert row.values == [1] and row.change.text == "+1" and row.change.percent_text == "新增"


def test_the_change_of_rates_breakdowns_and_missing_values():
    rate = change_of(Decimal("90.16"), Decimal("88.01"), rate=True)
    assert (rate.text, rate.percent, rate.trend) == ("+2.15个百分点", None, UP)
    assert change_of(Decimal("97.50"), Decimal("100.00"), rate=True).text == "-2.50个百分点"
    fall = change_of(3, 4)
    assert (fall.text, fall.percent_text, fall.trend, fall.sign) == ("-1", "-25.00%", DOWN, -1)
    assert change_of(None, 4).text == "—" and change_of(None, 4).trend == ""
    parts = change_of({"church": 1, "meeting_point": 3}, {"church": 1, "meeting_point": 2})
    assert parts.text == "church 0，meeting_point +1"
    assert change_of({"a": 1}, {"a": 1}).trend == FLAT
    assert str(change_of(Decimal("2.5"), Decimal("1.5")).delta) == "1.0"


def test_groups_filters_and_search(lectures):
    table = YearTable(2023)
    publicity = table.rows(group="publicity")
    assert publicity and {r.prefix for r in publicity} == {"publicity"}
    assert {r.group for r in publicity} == {"宣传思想与民族团结"}
    assert [r.code for r in table.rows(q="宣讲受众")] == ["publicity.lecture_audience"]
    assert [r.code for r in table.rows(q="ORG.COMMUNITIES_URBAN")] == ["org.communities_urban"]
    groups = grouped(table.rows())
    names = [g.name for g in groups]
    assert names.index("宣传思想与民族团结") < names.index("12345热线")  # figures.md's order
    assert groups[0].section == "一、基层自身建设"
    assert dict(group_choices())["hotline"] == "12345热线"


def test_the_scope_and_the_area(lectures, world):
    in_a = rows_by_code(YearTable(2023, area=world.community_a), group="publicity")["publicity.lectures"]
    assert in_a.values == [0, 0, 1] and in_a.change.percent_text == "新增"
    for_b = rows_by_code(YearTable(2023, user=world.worker_b), group="publicity")["publicity.lectures"]
    assert for_b.values == [0, 1, 1] and for_b.change.trend == FLAT


def test_the_page(client, lectures, world):
    assert client.login(username="leader", password=PASSWORD)
    response = client.get(reverse("indicator_years"))
    assert response.status_code == 200
    assert response.context["year"] == default_year()
    assert response.context["total"] == len(all_indicators())
    response = client.get(reverse("indicator_years"), {"year": "2023", "group": "publicity"})
    assert response.context["years"] == [2021, 2022, 2023]
    page = response.content.decode()
    assert 'data-code="publicity.lectures" data-trend="上升"' in page
    assert "+100.00%" in page and "宣传思想与民族团结" in page and "指标年度对比" in page
    assert [g.prefix for g in response.context["groups"]] == ["publicity"]
    response = client.get(
        reverse("indicator_years"), {"year": "2023", "q": "宣讲", "area": world.community_a.pk}
    )
    rows = {r.code: r for g in response.context["groups"] for r in g.rows}
    assert set(rows) == {"publicity.lectures", "publicity.lecture_audience"}
    assert rows["publicity.lectures"].values == [0, 0, 1]
    response = client.get(reverse("indicator_years"), {"year": "abc", "years": "2", "group": "nope"})
    assert response.status_code == 200  # invalid fields are ignored, their errors shown
    assert response.context["year"] == default_year() and len(response.context["years"]) == 2
    assert response.context["total"] == len(all_indicators())
    assert "year_error" in response.content.decode()
    # the seed page links here
    assert reverse("indicator_years") in client.get(reverse("seed_compare")).content.decode()


def test_a_year_after_the_records_offers_the_latest_year_with_records(client, lectures):
    assert client.login(username="leader", password=PASSWORD)
    page = client.get(reverse("indicator_years"), {"year": "2025"}).content.decode()
    assert 'id="latest-year"' in page and "?year=2023" in page
    page = client.get(reverse("indicator_years"), {"year": "2023"}).content.decode()
    assert 'id="latest-year"' not in page


def test_the_export(client, lectures):
    assert client.login(username="leader", password=PASSWORD)
    response = client.get(reverse("indicator_years_export"), {"year": "2023", "years": "2", "q": "宣讲"})
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert sheet[0] == [
        "分组",
        "指标代码",
        "名称",
        "单位",
        "2022年",
        "2023年",
        "较上年增减",
        "增减幅度（%）",
        "趋势",
    ]
    rows = {row[1]: row for row in sheet[1:]}
    assert rows["publicity.lectures"][4:] == [1.0, 2.0, 1.0, 100.0, "上升"]
    assert rows["publicity.lecture_audience"][4:7] == [100.0, 125.0, 25.0]
    log = AuditLog.objects.filter(event=AuditEvent.EXPORT).latest("pk")
    assert "indicator_years" in json.dumps(log.detail, ensure_ascii=False)


def test_the_pages_are_for_readers_of_the_annual_report(client, world):
    assert client.login(username="worker_a", password=PASSWORD)
    assert client.get(reverse("indicator_years")).status_code == 403
    assert client.get(reverse("indicator_years_export")).status_code == 403


def test_the_command(lectures, world, capsys):
    call_command("indicator_years", "--year", "2023")
    out = capsys.readouterr().out
    assert out.startswith("指标年度对比（2021—2023年，全部区域）")
    line = next(ln for ln in out.splitlines() if "publicity.lectures" in ln)
    assert "+1（+100.00%）" in line
    assert "【12345热线】" in out and out.strip().splitlines()[-1].startswith(
        f"合计{len(all_indicators())}项"
    )
    call_command(
        "indicator_years",
        "--year",
        "2023",
        "--years",
        "2",
        "--format",
        "json",
        "--area",
        world.community_a.code,
    )
    payload = json.loads(capsys.readouterr().out)
    assert (payload["year"], payload["years"], payload["area"]) == (
        2023,
        [2022, 2023],
        world.community_a.code,
    )
    row = next(r for r in payload["rows"] if r["code"] == "publicity.lectures")
    assert row["values"] == {"2022": 0, "2023": 1} and row["trend"] == UP and row["change_percent"] is None
    with pytest.raises(CommandError, match="没有区划代码为“999”的区域"):
        call_command("indicator_years", "--area", "999")
    with pytest.raises(CommandError, match="对比年数"):
        call_command("indicator_years", "--years", "0")
