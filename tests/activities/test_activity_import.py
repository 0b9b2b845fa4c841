import io
from datetime import date
from decimal import Decimal

from python_calamine import CalamineWorkbook

from jiedao.activities.ledgers import MSG_AREA_OUT_OF_SCOPE, MSG_AREA_UNKNOWN, MSG_TYPE_UNKNOWN
from jiedao.activities.models import Activity
from jiedao.activities.services import MSG_MEASURE_NOT_OF_TYPE, measure_create
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.excel.writing import template_bytes
from tests.registry.helpers import xlsx

LEDGER = "activities"
HEADER = [
    "活动类型",
    "开始日期",
    "结束日期",
    "活动名称",
    "地点",
    "组织单位",
    "所属区域",
    "参与人次",
    "受众人次",
    "清理吨数",
    "备注",
]


def run(rows, user, header=HEADER):
    return import_file(get_ledger(LEDGER), xlsx([header, *rows]), file_name="活动.xlsx", user=user)


def values_of(activity):
    return {v.measure.code: v.value for v in activity.values.all()}


def test_it_imports_activities_with_their_measures(world):
    job = run(
        [
            [
                "宣讲",
                "2023-05-12",
                "",
                "党的二十大精神宣讲",
                "活动室",
                "社区A居委会",
                "社区A",
                "",
                85,
                "",
                "",
            ],
            [
                "河道清理",
                "2023年7月3日",
                "2023-07-04",
                "河道清理",
                "扎达盖河",
                "",
                "社区A网格A1",
                12,
                "",
                1.5,
                "两天",
            ],
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    lecture = Activity.objects.get(type__code="lecture")
    assert (lecture.area, values_of(lecture)) == (world.community_a, {"audience": Decimal(85)})
    river = Activity.objects.get(type__code="river_cleanup")
    assert (river.area, river.ended_on, river.description) == (world.grid_a1, date(2023, 7, 4), "两天")
    assert values_of(river) == {"participants": 12, "tons": Decimal("1.5")}
    assert river.history.count() == 1


def test_one_bad_row_writes_nothing_and_names_row_column_and_reason(world):
    job = run(
        [
            ["宣讲", "2023-05-12", "", "宣讲一", "", "", "社区A", "", 85, "", ""],
            ["宣讲", "2023-05-13", "", "宣讲二", "", "", "社区A", "", 40, 3, ""],
            ["茶话会", "2023-05-14", "", "茶话会", "", "", "社区A", "", "", "", ""],
            ["宣讲", "2023-05-15", "", "宣讲三", "", "", "社区B", "", 10, "", ""],
            ["宣讲", "2023-05-16", "", "宣讲四", "", "", "社区X", "", -1, "", ""],
        ],
        world.worker_a,
    )
    assert job.errors == [
        [3, "清理吨数", MSG_MEASURE_NOT_OF_TYPE.format(type="宣讲", measure="清理吨数")],
        [4, "活动类型", MSG_TYPE_UNKNOWN.format(name="茶话会")],
        [5, "所属区域", MSG_AREA_OUT_OF_SCOPE.format(area="社区B")],
        [6, "受众人次", "不能小于0"],
    ]
    assert not Activity.objects.exists()
    job = run([["宣讲", "2023-05-16", "", "宣讲四", "", "", "社区X", "", 1, "", ""]], world.worker_a)
    assert job.errors == [[2, "所属区域", MSG_AREA_UNKNOWN.format(name="社区X")]]


def test_a_reimport_updates_by_type_date_title_and_area(world):
    row = ["河道清理", "2023-07-03", "", "河道清理", "扎达盖河", "", "社区A", 12, "", 1.5, ""]
    assert run([row], world.worker_a).rows_created == 1
    changed = [*row[:7], 15, "", "", "补登"]
    job = run([changed, [*row[:3], "另一次清理", *row[4:]]], world.worker_a)
    assert (job.rows_created, job.rows_updated, job.rows_unchanged) == (1, 1, 0)
    activity = Activity.objects.get(title="河道清理")
    assert (values_of(activity), activity.description, activity.version) == ({"participants": 15}, "补登", 2)
    assert run([changed], world.worker_a).rows_unchanged == 1


def test_a_new_measure_is_a_new_column(world):
    trees = measure_create(code="trees", name="植树棵数", unit="棵")
    headers = [c.header for c in get_ledger(LEDGER).columns]
    assert "植树棵数" in headers
    job = run(
        [["宣讲", "2023-05-12", "", "宣讲", "", "", "社区A", 3]],
        world.worker_a,
        ["活动类型", "开始日期", "结束日期", "活动名称", "地点", "组织单位", "所属区域", "植树棵数"],
    )
    assert job.errors == [[2, "植树棵数", MSG_MEASURE_NOT_OF_TYPE.format(type="宣讲", measure=trees.name)]]


def test_the_template_lists_the_types_and_measures_on_its_guide(world):
    book = CalamineWorkbook.from_filelike(io.BytesIO(template_bytes(get_ledger(LEDGER))))
    guide = "\n".join(str(c) for row in book.get_sheet_by_name("填写说明").to_python() for c in row)
    assert "民族团结宣传（参与人次、发放材料份数）" in guide
    assert "适用的活动类型：环境整治、河道清理" in guide


def test_the_export_follows_the_list_filters_and_reimports(world):
    run(
        [
            ["宣讲", "2023-05-12", "", "宣讲一", "", "", "社区A", "", 85, "", ""],
            ["宣讲", "2024-01-12", "", "宣讲二", "", "", "社区A网格A2", "", 40, "", ""],
        ],
        world.worker_a,
    )
    data, count = export_ledger(get_ledger(LEDGER), user=world.worker_a, params={"date_to": "2023-12-31"})
    assert count == 1
    _, count = export_ledger(get_ledger(LEDGER), user=world.worker_b, params={})
    assert count == 0
    data, count = export_ledger(get_ledger(LEDGER), user=world.worker_a, params={})
    job = import_file(get_ledger(LEDGER), data, file_name="导出.xlsx", user=world.worker_a)
    assert (job.succeeded, job.rows_unchanged) == (True, 2), job.errors
