"""导入12345工单: all or nothing, the platform's steps replayed, re-imports that update and never duplicate."""

from datetime import datetime

import pytest

from jiedao.cases import ledgers
from jiedao.cases.models import Case, ReturnReason, Satisfaction, Source, State
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.spec import CellError
from tests.cases.helpers import local
from tests.registry.helpers import xlsx

HEADER = [
    "工单编号",
    "受理时间",
    "诉求类型",
    "诉求分类",
    "诉求地址",
    "诉求内容",
    "来电人",
    "联系电话",
    "承办单位",
    "办理时限",
    "签收时间",
    "办结时间",
    "办理结果",
    "退单原因",
    "回访结果",
]


def order(number, **kw):
    values = {
        "received": "2024-09-30 10:00",
        "type": "投诉",
        "category": "城市管理/环境卫生/垃圾清运",
        "address": "海西路1号",
        "content": "小区垃圾三天未清运",
        "caller": "刘先生",
        "phone": "13812345678",
        "community": "社区A",
        "due": None,
        "signed": None,
        "closed": None,
        "result": None,
        "reason": None,
        "callback": None,
    } | kw
    return [number, *values.values()]


def run(world, *rows, user=None):
    ledger = get_ledger("hotline_orders")
    return import_file(ledger, xlsx([HEADER, *rows]), file_name="12345.xlsx", user=user or world.leader)


def steps(number):
    case = Case.objects.get(source=Source.HOTLINE, external_number=number)
    return case, list(case.events.values_list("action", flat=True))


def test_it_creates_accepted_cases_and_replays_the_platforms_steps(world, categories):
    job = run(
        world,
        order("A1"),
        order(
            "A2",
            signed="2024/9/30 10:30:00",
            closed=datetime(2024, 10, 8, 16, 0),
            result="已协调环卫清运",
            callback="解决/满意",
        ),
        order("A3", received="2024-09-30 11:00", reason="非本辖区", community="社区B"),
    )
    assert job.errors == [] and (job.rows_created, job.rows_updated) == (3, 0)
    new, actions = steps("A1")
    assert (new.state, actions, new.area, new.category) == (
        State.ACCEPTED,
        ["create"],
        world.community_a,
        categories["garbage"],
    )
    assert new.received_at == local(2024, 9, 30, 10, 0) and new.title == "小区垃圾三天未清运"
    assert new.due_at == local(2024, 10, 10, 17, 0)  # the category's 3 working days
    closed, actions = steps("A2")
    assert actions == ["create", "dispatch", "sign", "close", "callback"]
    assert (closed.state, closed.assigned_area, closed.signed_at, closed.closed_at) == (
        State.CLOSED,
        world.community_a,
        local(2024, 9, 30, 10, 30),
        local(2024, 10, 8, 16, 0),
    )
    assert (closed.callback_resolved, closed.callback_satisfaction) == (True, Satisfaction.SATISFIED)
    assert closed.events.filter(actor__isnull=False).count() == 0  # the system, not the importer
    returned, actions = steps("A3")
    assert (returned.state, returned.return_reason, actions) == (
        State.RETURNED,
        ReturnReason.OUTSIDE_AREA,
        ["create", "return"],
    )


def test_it_writes_nothing_when_any_row_is_wrong_and_names_row_column_and_reason(world, categories):
    job = run(
        world,
        order("B1"),
        order("B2", category="城市管理/不存在"),
        order("B3", community="幸福社区"),
        order("B4", received="昨天上午"),
        order("B5", closed="2024-10-08 16:00", signed="2024-09-30 10:30"),
        order("B6", received="2024-09-30 10:00", reason="非职能", signed="2024-10-10 09:00"),
        order("B1", content=""),
    )
    assert job.status == "failed" and Case.objects.count() == 0
    assert job.errors == [
        [3, "诉求分类", ledgers.MSG_CATEGORY_UNKNOWN.format(name="城市管理/不存在")],
        [4, "承办单位", ledgers.MSG_COMMUNITY_UNKNOWN.format(name="幸福社区")],
        [5, "受理时间", ledgers.MSG_DATETIME],
        [6, "办理结果", ledgers.MSG_CLOSE_NEEDS_RESULT],
        [7, "退单原因", "12345工单须在受理后2个工作日内退单，已超过时限"],
        [8, "工单编号", "与第2行重复"],
        [8, "诉求内容", "必填，不能为空"],
    ]


def test_it_updates_on_reimport_and_never_duplicates(world, categories):
    run(world, order("C1"), order("C2", signed="2024-09-30 10:30"))
    again = run(world, order("C1"), order("C2", signed="2024-09-30 10:30"))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    later = run(
        world,
        order("C1", address="海西路2号"),
        order(
            "C2", signed="2024-09-30 10:30", closed="2024-10-09 15:00", result="已清运", callback="拒绝回访"
        ),
    )
    assert (later.rows_created, later.rows_updated, later.rows_unchanged) == (0, 2, 0)
    assert Case.objects.count() == 2
    assert Case.objects.get(external_number="C1").address == "海西路2号"
    case, actions = steps("C2")
    assert actions == ["create", "dispatch", "sign", "close", "callback"]  # sign not played twice
    assert (case.state, case.callback_declined) == (State.CLOSED, True)


def test_it_reports_a_row_that_contradicts_the_stored_state(world, categories):
    run(world, order("D1", signed="2024-09-30 10:30", closed="2024-10-08 16:00", result="已清运"))
    job = run(world, order("D1", reason="非职能"))
    assert job.errors == [[2, "", ledgers.MSG_CONTRADICTS.format(state="已办结", action="退单")]]
    assert Case.objects.get(external_number="D1").state == State.CLOSED


def test_it_takes_the_platforms_time_limit_when_given(world, categories):
    run(world, order("E1", due="2024-10-15"))
    assert Case.objects.get(external_number="E1").due_at == local(2024, 10, 15, 17, 0)


def test_it_exports_what_it_imports(world, categories):
    from jiedao.excel.spec import ExportContext

    run(
        world,
        order(
            "F1", signed="2024-09-30 10:30", closed="2024-10-08 16:00", result="好", callback="未解决/不满意"
        ),
    )
    ledger = get_ledger("hotline_orders")
    row = list(
        ledger.export_row(ledger.export_queryset(world.leader, {}).get(), ExportContext(world.leader, False))
    )
    assert row[0] == "F1" and row[3] == "城市管理/环境卫生/垃圾清运" and row[7] == "138****5678"
    assert row[15] == "未解决/不满意" and row[16] == local(2024, 10, 8, 16, 0)
    assert ledger.export_queryset(world.worker_b, {}).count() == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-05-01 09:30", (2023, 5, 1, 9, 30)),
        ("2023/5/1 9:30:00", (2023, 5, 1, 9, 30)),
        ("2023年5月1日", (2023, 5, 1, 0, 0)),
        (datetime(2023, 5, 1, 9, 30), (2023, 5, 1, 9, 30)),
        (45047.395833333336, (2023, 5, 1, 9, 30)),  # an Excel serial in a "General" cell
    ],
)
def test_it_reads_the_platforms_time_formats(raw, expected):
    assert ledgers.a_datetime(raw) == local(*expected)


def test_it_reads_callbacks_and_refuses_other_words():
    assert ledgers.callback("解决/基本满意") == {"resolved": True, "satisfaction": Satisfaction.BASICALLY}
    assert ledgers.callback("拒绝回访") == {"declined": True}
    with pytest.raises(CellError):
        ledgers.callback("还行")


def test_it_keeps_an_importer_to_their_own_communities(world, categories):
    run(world, order("G1", community="社区A"))
    job = run(world, order("G1", community="社区B"), order("G2", community="社区A"), user=world.worker_b)
    assert job.errors == [
        [2, "工单编号", ledgers.MSG_ELSEWHERE],
        [3, "承办单位", ledgers.MSG_COMMUNITY_UNKNOWN.format(name="社区A")],
    ]


def test_its_template_examples_make_a_valid_row_but_for_the_community(world, categories):
    ledger = get_ledger("hotline_orders")
    columns = ledger.import_columns
    data = xlsx([[c.header for c in columns], [c.example or None for c in columns]])
    job = import_file(ledger, data, file_name="示例.xlsx", user=world.leader)
    assert job.errors == [[2, "承办单位", ledgers.MSG_COMMUNITY_UNKNOWN.format(name="赛马场北路社区")]]
