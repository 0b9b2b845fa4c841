"""指标明细: an indicator's value for a period and area and exactly the records behind it — parts of a ratio,
a parent shown for a child record, records hidden from a reader without the model's permission, sensitive
records audited, the Excel export, bad periods refused with Chinese errors, links from the report pages."""

import io
from datetime import date

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.core.models import AuditEvent, AuditLog, Role
from jiedao.core.services.accounts import account_create, role_grant
from jiedao.party.models import DisciplineKind
from jiedao.reports.views_records import MSG_BOTH, MSG_HALF_RANGE, MSG_RANGE
from tests.activities.conftest import add_activity
from tests.cases.helpers import local, make_case
from tests.conftest import PASSWORD
from tests.party.conftest import add_discipline


def url(code: str) -> str:
    return reverse("indicator_records", args=[code])


def get(client, user, code: str, **params):
    client.force_login(user)
    response = client.get(url(code), params)
    assert response.status_code == 200
    return response


def texts(response) -> list[str]:
    return [row.text for row in response.context["rows"]]


@pytest.fixture
def office_reader(world):
    """An office staff member of 综治办: reads reports, but not discipline records (纪工委's)."""
    user = account_create(username="zzb_reader", full_name="综治办干事", password=PASSWORD)
    role_grant(
        user=user, role=Role.OFFICE_STAFF, area=world.street, office=world.office, start_date=date(2020, 1, 1)
    )
    return user


@pytest.fixture
def hotline(world, categories):
    """2024 12345 cases: 网格A1 closed and called back resolved, 网格A2 called back unresolved, 网格B1 open;
    2023: one in 网格A1."""
    from jiedao.cases.models import Case

    def case(area, title, at=None, **callback):
        at = at or local(2024, 9, 30, 10, 0)
        made = make_case(world, categories, area=area, title=title, received_at=at, accepted=True)
        if callback:
            Case.objects.filter(pk=made.pk).update(callback_satisfaction="satisfied", **callback)
        return made

    return {
        "a1": case(world.grid_a1, "甲楼道堆物", callback_resolved=True),
        "a2": case(world.grid_a2, "乙路灯不亮", callback_resolved=False),
        "b1": case(world.grid_b1, "丙噪音扰民"),
        "old": case(world.grid_a1, "丁去年工单", at=local(2023, 6, 1, 9, 0)),
    }


def test_a_count_lists_exactly_the_records_it_counted(client, world, hotline):
    response = get(client, world.leader, "hotline.received", year=2024)
    traced = response.context["traced"]
    assert traced.result.value == 3
    assert sorted(texts(response)) == sorted(str(hotline[k]) for k in ("a1", "a2", "b1"))
    page = response.content.decode()
    assert reverse("case_detail", args=[hotline["a1"].pk]) in page  # each record opens its page
    assert "统计口径：年内受理的12345工单" in page


def test_the_area_and_the_period_narrow_the_records(client, world, hotline):
    community_a = get(client, world.leader, "hotline.received", year=2024, area=world.community_a.pk)
    assert sorted(texts(community_a)) == sorted(str(hotline[k]) for k in ("a1", "a2"))
    last_year = get(client, world.leader, "hotline.received", year=2023)
    assert texts(last_year) == [str(hotline["old"])]
    quarter = get(client, world.leader, "hotline.received", year=2024, quarter=3)
    assert len(texts(quarter)) == 3
    month = get(client, world.leader, "hotline.received", year=2024, month=8)
    assert texts(month) == []
    assert "本期间没有计入该指标的记录" in month.content.decode()
    custom = get(client, world.leader, "hotline.received", start="2023-01-01", end="2024-12-31")
    assert len(texts(custom)) == 4
    assert custom.context["traced"].period.label == "2023-01-01至2024-12-31"


def test_a_ratio_lists_its_numerator_and_its_denominator(client, world, hotline):
    response = get(client, world.leader, "hotline.resolution_rate", year=2024)
    assert str(response.context["traced"].result.value) == "50.00"
    assert texts(response) == [str(hotline["a1"])]  # the numerator first
    assert response.context["part"].label == "分子"
    denominator = get(client, world.leader, "hotline.resolution_rate", year=2024, part="denominator")
    assert sorted(texts(denominator)) == sorted(str(hotline[k]) for k in ("a1", "a2"))
    tabs = [(p.key, p.value_text) for p, _ in denominator.context["part_links"]]
    assert tabs == [("numerator", "1"), ("denominator", "2")]


def test_a_measured_value_is_shown_as_its_activity_with_the_value(client, world):
    lecture = add_activity(world.grid_a1, values={"audience": 80})
    add_activity(world.community_b, title="社区B宣讲", values={"audience": 7})
    response = get(client, world.leader, "publicity.lecture_audience", year=2023)
    assert response.context["traced"].result.value == 87
    rows = {row.text: row for row in response.context["rows"]}
    assert set(rows) == {lecture.title, "社区B宣讲"}
    assert rows[lecture.title].url == lecture.get_absolute_url()
    assert rows[lecture.title].measured == 80
    assert response.context["part"].model_name == "活动"
    assert "宣讲受众：87（按“数值”计算）" in response.content.decode()


def test_records_a_reader_may_not_view_are_counted_but_not_listed(client, world, office_reader):
    add_discipline(world.community_a, "张三")
    response = get(client, office_reader, "integrity.talks", year=2023)
    assert response.context["traced"].result.value == 1
    assert "rows" not in response.context
    page = response.content.decode()
    assert "您没有查看“执纪记录”记录的权限" in page and "张三" not in page
    client.force_login(office_reader)
    export = client.get(reverse("indicator_records_export", args=["integrity.talks"]), {"year": 2023})
    assert export.status_code == 404


def test_sensitive_records_are_audited_when_listed(client, world):
    record = add_discipline(world.community_a, "张三", kind=DisciplineKind.TALK)
    response = get(client, world.leader, "integrity.talks", year=2023)
    assert texts(response) == [str(record)]
    (audit,) = AuditLog.objects.filter(event=AuditEvent.VIEW_FULL)
    assert audit.detail["ledger"] == "discipline_records"
    assert audit.detail["rows"] == [record.pk] and audit.detail["indicator"] == "integrity.talks"


def test_sensitive_records_listed_by_the_command_are_audited(world):
    from django.core.management import call_command

    record = add_discipline(world.community_a, "张三", kind=DisciplineKind.TALK)
    call_command("indicator_records", "integrity.talks", "--year", "2023", stdout=io.StringIO())
    (audit,) = AuditLog.objects.filter(event=AuditEvent.VIEW_FULL)
    assert (audit.username, audit.detail["rows"]) == ("（命令行）", [record.pk])


def test_the_export_holds_the_same_records_and_is_audited(client, world, hotline):
    client.force_login(world.leader)
    response = client.get(
        reverse("indicator_records_export", args=["hotline.resolution_rate"]),
        {"year": 2024, "part": "denominator"},
    )
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["序号", "工单", "受理时间", "区域"]  # cases show their figure_date
    assert sorted(r[1] for r in rows[1:]) == sorted(str(hotline[k]) for k in ("a1", "a2"))
    assert {r[2] for r in rows[1:]} == {"2024-09-30 10:00"}
    audit = AuditLog.objects.get(event=AuditEvent.EXPORT)
    assert audit.detail["ledger"] == "indicator_records"
    assert audit.detail["filters"]["part"] == "denominator" and audit.detail["rows"] == 2


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2024-05-01", "end": "2024-04-01"}, "end", MSG_RANGE),
        ({"start": "2024-05-01"}, "end", MSG_HALF_RANGE),
        ({"year": "2024", "quarter": "1", "month": "2"}, "month", MSG_BOTH),
        ({"year": "1800"}, "year", None),
    ],
)
def test_a_bad_period_is_named_and_the_year_is_shown(client, world, params, field, message):
    response = get(client, world.leader, "org.communities_urban", **params)
    errors = response.context["filter_form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert response.context["traced"].result.value == 2  # the last year's (default) or the year's figure


def test_an_unknown_code_is_404_and_reports_readers_only(client, world):
    client.force_login(world.leader)
    assert client.get(url("no.such_code")).status_code == 404
    client.force_login(world.worker_a)
    assert client.get(url("org.communities_urban")).status_code == 403


def test_the_report_pages_link_their_figures_here(client, world, hotline):
    client.force_login(world.leader)
    seed = client.get(reverse("seed_compare"), {"year": 2024}).content.decode()
    assert f"{url('hotline.received')}?year=2024" in seed
    years = client.get(reverse("indicator_years"), {"year": 2024, "q": "受理"}).content.decode()
    assert f"{url('hotline.received')}?year=2023" in years
    preview = client.get(reverse("annual_report_preview", args=[2024])).content.decode()
    assert f"{url('hotline.received')}?year=2024" in preview


def test_the_command_prints_a_figure_and_its_records(world, hotline):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command(
        "indicator_records", "hotline.resolution_rate", "--year", "2024", "--part", "denominator", stdout=out
    )
    text = out.getvalue()
    assert "解决率（hotline.resolution_rate）· 2024年 · 全街道：50.00 %" in text
    assert "分母：2，共 2 条工单记录" in text and str(hotline["a2"]) in text
    out = io.StringIO()
    call_command(
        "indicator_records",
        "hotline.received",
        "--from",
        "2023-01-01",
        "--to",
        "2024-12-31",
        "--area",
        world.community_a.code,
        "--limit",
        "1",
        "--format",
        "json",
        stdout=out,
    )
    payload = json.loads(out.getvalue())
    assert (payload["value"], payload["records"], len(payload["rows"])) == (3, 3, 1)
    assert payload["rows"][0]["date"] == "2024-09-30 10:00"
    with pytest.raises(CommandError, match="没有“total”部分"):
        call_command("indicator_records", "hotline.resolution_rate", "--year", "2024", "--part", "total")
    with pytest.raises(CommandError, match=r"没有代码为“no\.such”的指标"):
        call_command("indicator_records", "no.such", "--year", "2024")


def test_indicators_take_a_custom_period(world, hotline):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command(
        "indicators",
        "--from",
        "2023-01-01",
        "--to",
        "2024-12-31",
        "--code",
        "hotline.received",
        "--format",
        "json",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == {"hotline.received": 4}
    for args, message in [
        (["--from", "2024-01-01"], "同时给出 --from 和 --to"),
        (["--from", "2024-02-01", "--to", "2024-01-01"], "--to 不能早于 --from"),
        (["--year", "2024", "--from", "2024-01-01", "--to", "2024-02-01"], "不能与 --year"),
        ([], "请给出 --year"),
    ]:
        with pytest.raises(CommandError, match=message):
            call_command("indicators", *args)


def test_a_page_of_records_costs_the_same_queries_for_one_row_or_many(client, world, categories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.force_login(world.leader)
        with CaptureQueriesContext(connection) as captured:
            get(client, world.leader, "hotline.received", year=2024)
        return len(captured)

    make_case(world, categories, area=world.grid_a1, received_at=local(2024, 3, 1, 9, 0), accepted=True)
    one = queries()
    for grid in (world.grid_a2, world.grid_b1, world.grid_a1, world.grid_b1):  # grids: labels name the parent
        make_case(world, categories, area=grid, received_at=local(2024, 3, 2, 9, 0), accepted=True)
    assert queries() == one
