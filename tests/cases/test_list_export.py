"""工单导出: the 全部工单 list as it is filtered, every source, phones masked, capped, audited."""

import io
from datetime import datetime

from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.cases import exports
from jiedao.cases.models import Source
from jiedao.cases.workflow import case_move
from jiedao.core.models import AuditEvent, AuditLog
from tests.cases.helpers import local, make_case

URL = reverse("case_export")
HEADERS = [
    *("工单编号", "上游编号", "来源", "分类", "诉求类型", "紧急程度", "标题", "地址", "诉求人", "联系电话"),
    *(
        "所属社区/网格",
        "承办区域",
        "承办人",
        "状态",
        "时限状态",
        "受理时间",
        "办结期限",
        "签收时间",
        "办结时间",
    ),
    *("退单原因", "办理结果", "回访结果"),
]


def sheet(response) -> list[list]:
    assert response.status_code == 200, response
    return CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()


def by_number(response) -> dict[str, dict]:
    rows = sheet(response)
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_it_exports_every_source_with_the_expected_columns(client, world, categories):
    hotline = make_case(world, categories, external_number="2024093000001", address="海西路1号")
    grid = make_case(world, categories, source=Source.GRID, area=world.grid_b1, title="井盖缺失")
    client.force_login(world.leader)
    response = client.get(URL)
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert sheet(response)[0] == HEADERS
    got = by_number(response)
    assert set(got) == {hotline.number, grid.number}
    row = got[hotline.number]
    assert (row["上游编号"], row["来源"], row["分类"], row["地址"]) == (
        "2024093000001",
        "12345热线",
        "城市管理/环境卫生",
        "海西路1号",
    )
    assert (row["诉求类型"], row["紧急程度"], row["状态"], row["时限状态"]) == (
        "求助",
        "一般",
        "待受理",
        "正常",
    )
    assert row["所属社区/网格"] == "社区A网格A1"
    assert row["受理时间"] == datetime(2024, 9, 30, 10, 0)  # Beijing time, as received
    assert got[grid.number]["来源"] == "网格巡查"


def test_it_masks_phones(client, world, categories):
    make_case(world, categories)
    client.force_login(world.leader)
    response = client.get(URL)
    row = next(iter(by_number(response).values()))
    assert (row["诉求人"], row["联系电话"]) == ("刘先生", "138****5678")
    assert b"13812345678" not in response.content  # nor hidden anywhere in the file's XML (it is zipped,
    cells = [str(cell) for line in sheet(response) for cell in line]  # so read the cells too)
    assert not any("13812345678" in cell for cell in cells)


def test_it_writes_the_handling_and_the_callback(client, world, categories):
    case = make_case(world, categories, received_at=local(2024, 9, 30, 10, 0), accepted=True)
    for action, at, data in [
        ("dispatch", local(2024, 9, 30, 11, 0), {"area": world.community_a, "assignee": world.worker_a}),
        ("sign", local(2024, 9, 30, 11, 30), {}),
        ("close", local(2024, 10, 8, 16, 0), {"result": "已协调环卫清运"}),
        ("callback", local(2024, 10, 9, 9, 0), {"resolved": True, "satisfaction": "basically"}),
    ]:
        case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)
    returned = make_case(world, categories, source=Source.GRID, area=world.grid_b1)
    case_move(
        case=returned, action="return", actor=world.worker_b, version=returned.version, reason="outside_area"
    )
    client.force_login(world.leader)
    got = by_number(client.get(URL))
    row = got[case.number]
    assert (row["承办区域"], row["承办人"], row["状态"]) == ("社区A", "李社工", "已办结")
    assert (row["签收时间"], row["办结时间"]) == (datetime(2024, 9, 30, 11, 30), datetime(2024, 10, 8, 16, 0))
    assert (row["办理结果"], row["回访结果"]) == ("已协调环卫清运", "解决/基本满意")
    assert isinstance(row["办结期限"], datetime)
    assert (got[returned.number]["退单原因"], got[returned.number]["状态"]) == ("非本辖区", "已退单")


def test_it_exports_the_filtered_list_in_scope(client, world, categories):
    make_case(world, categories, title="路灯不亮")
    grid = make_case(world, categories, source=Source.GRID, area=world.grid_b1)
    other = make_case(world, categories, area=world.grid_b1)
    client.force_login(world.leader)
    assert set(by_number(client.get(URL, {"source": "grid"}))) == {grid.number}
    client.force_login(world.worker_b)
    assert set(by_number(client.get(URL))) == {grid.number, other.number}


def test_it_is_audited(client, world, categories):
    make_case(world, categories)
    make_case(world, categories, source=Source.GRID)
    client.force_login(world.leader)
    client.get(URL, {"source": "hotline"})
    log = AuditLog.objects.get(event=AuditEvent.EXPORT)
    assert log.user == world.leader
    assert log.detail["ledger"] == "cases" and log.detail["rows"] == 1
    assert log.detail["filters"] == {"source": "hotline"}


def test_it_refuses_more_rows_than_the_cap(client, world, categories, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_CAP", 1)
    make_case(world, categories)
    make_case(world, categories)
    client.force_login(world.leader)
    response = client.get(URL, {"source": "hotline"}, follow=True)
    assert response.redirect_chain == [(reverse("case_list") + "?source=hotline", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "符合条件的工单超过1条，不能一次导出，请按受理日期、社区或来源缩小查询范围后再导出"
    ]
    assert not AuditLog.objects.filter(event=AuditEvent.EXPORT).exists()


def test_it_refuses_an_invalid_filter_rather_than_export_more(client, world, categories):
    make_case(world, categories)
    client.force_login(world.leader)
    response = client.get(URL, {"date_from": "2024-10-01", "date_to": "2024-09-01"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["查询条件有误，请修正后再导出"]


def test_the_list_links_to_the_export_with_its_filters(client, world):
    client.force_login(world.worker_a)
    page = client.get(reverse("case_list"), {"source": "grid", "page": "1"}).content.decode()
    assert f'href="{URL}?source=grid"' in page
