"""The co-building ledgers: a good file imports, one bad row writes nothing, a re-import updates by the
natural key, exports follow the list filters and the user's scope."""

import io
from datetime import date

from python_calamine import CalamineWorkbook

from jiedao.cobuild.ledgers.common import MSG_COMMUNITY_UNKNOWN, MSG_COMPOUND_UNKNOWN
from jiedao.cobuild.models import (
    BinKind,
    CobuildItem,
    ItemStatus,
    PropertyCommittee,
    Rectification,
    RectificationStatus,
    WasteFacility,
)
from jiedao.cobuild.services import MSG_COMPLETED_ON_REQUIRED, MSG_DEADLINE_BEFORE_FOUND
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.excel.writing import template_bytes
from tests.registry.helpers import xlsx

ITEM_HEADER = [
    "年度",
    "清单类型",
    "事项名称",
    "社区",
    "小区",
    "共建单位",
    "共建企业统一社会信用代码",
    "推进状态",
    "完成日期",
    "事项内容",
]
RECT_HEADER = [
    "发现日期",
    "社区",
    "小区",
    "整改事项",
    "问题类别",
    "整改期限",
    "整改状态",
    "完成整改日期",
    "备注",
]
WASTE_HEADER = ["社区", "小区", "可回收物", "有害垃圾", "厨余垃圾", "其他垃圾", "设置日期"]
COMMITTEE_HEADER = ["社区", "小区", "成立日期", "主任", "委员人数", "解散日期", "备注"]


def run(code, header, rows, user):
    return import_file(get_ledger(code), xlsx([header, *rows]), file_name=f"{code}.xlsx", user=user)


def rows_of(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_the_templates_carry_the_chinese_headers(db):
    for code, header in [
        ("cobuild_items", ITEM_HEADER),
        ("rectifications", RECT_HEADER),
        ("waste_facilities", WASTE_HEADER),
        ("property_committees", COMMITTEE_HEADER),
    ]:
        first = rows_of(template_bytes(get_ledger(code)))
        assert any([h.rstrip("*") for h in row[: len(header)]] == header for row in first[:3]), code


def test_items_import_and_reimport_by_year_community_and_title(places, world):
    rows = [
        [
            2023,
            "需求清单",
            "楼道照明改造",
            "社区A",
            "阳光小区",
            "回民区人民医院",
            "",
            "已完成",
            "2023-06-30",
            "",
        ],
        [2023, "资源清单", "健康讲座", "社区A", "", "回民区人民医院", "", "推进中", "", "每月一次"],
    ]
    job = run("cobuild_items", ITEM_HEADER, rows, world.worker_a)
    assert job.succeeded, job.errors
    assert job.rows_created == 2
    lit = CobuildItem.objects.get(title="楼道照明改造")
    assert (lit.compound, lit.area, lit.completed_on) == (
        places["sunny"],
        world.community_a,
        date(2023, 6, 30),
    )
    rows[1][7], rows[1][8] = "已完成", "2023-11-30"
    job = run("cobuild_items", ITEM_HEADER, rows, world.worker_a)
    assert (job.rows_created, job.rows_updated, job.rows_unchanged) == (0, 1, 1)
    assert CobuildItem.objects.get(title="健康讲座").status == ItemStatus.COMPLETED


def test_one_bad_item_row_writes_nothing(places, world):
    rows = [
        [2023, "需求清单", "楼道照明改造", "社区A", "", "医院", "", "推进中", "", ""],
        [2023, "需求清单", "口袋公园", "社区A", "", "医院", "", "已完成", "", ""],
        [2023, "需求清单", "口袋公园", "社区B", "", "医院", "", "推进中", "", ""],
        [2023, "需求清单", "智慧门禁", "社区A", "不存在小区", "医院", "", "推进中", "", ""],
    ]
    job = run("cobuild_items", ITEM_HEADER, rows, world.worker_a)
    assert job.errors == [
        [3, "完成日期", MSG_COMPLETED_ON_REQUIRED],
        [4, "社区", MSG_COMMUNITY_UNKNOWN.format(name="社区B")],
        [5, "小区", MSG_COMPOUND_UNKNOWN.format(name="不存在小区", community="社区A")],
    ]
    assert not CobuildItem.objects.exists()


def test_rectifications_import_with_their_rules(places, world):
    rows = [
        [
            "2023-05-01",
            "社区A",
            "阳光小区",
            "楼道堆放杂物",
            "环境卫生",
            "2023-05-08",
            "已整改",
            "2023-05-05",
            "",
        ],
        ["2023-05-02", "社区A", "", "公益广告破损", "公益广告", "2023-05-01", "待整改", "", ""],
    ]
    job = run("rectifications", RECT_HEADER, rows, world.worker_a)
    assert job.errors == [[3, "整改期限", MSG_DEADLINE_BEFORE_FOUND]]
    assert not Rectification.objects.exists()
    rows[1][5] = "2023-05-09"
    assert run("rectifications", RECT_HEADER, rows, world.worker_a).rows_created == 2
    rows[1][6:8] = ["已整改", "2023-05-07"]
    job = run("rectifications", RECT_HEADER, rows, world.worker_a)
    assert (job.rows_updated, job.rows_unchanged) == (1, 1)
    assert Rectification.objects.get(item="公益广告破损").status == RectificationStatus.DONE


def test_waste_facilities_import_one_row_per_compound(places, world):
    job = run(
        "waste_facilities", WASTE_HEADER, [["社区A", "阳光小区", 2, 1, 3, 4, "2023-04-01"]], world.worker_a
    )
    assert job.succeeded, job.errors
    assert job.rows_created == 1
    counts = dict(WasteFacility.objects.values_list("kind", "count"))
    assert counts == {BinKind.RECYCLABLE: 2, BinKind.HAZARDOUS: 1, BinKind.KITCHEN: 3, BinKind.OTHER: 4}
    job = run("waste_facilities", WASTE_HEADER, [["社区A", "阳光小区", 2, None, 3, 6, None]], world.worker_a)
    assert (job.rows_updated, WasteFacility.objects.get(kind=BinKind.OTHER).count) == (1, 6)
    assert WasteFacility.objects.get(kind=BinKind.OTHER).installed_on == date(2023, 4, 1)
    # A new compound's bins need the date they were set out.
    job = run(
        "waste_facilities",
        WASTE_HEADER,
        [["社区A", "阳光小区", 2, 1, 3, 6, None], ["社区B", "河畔小区", 1, 1, 1, 1, None]],
        None,
    )
    assert job.errors and not WasteFacility.objects.filter(compound=places["river"]).exists()

    _, count = export_ledger(get_ledger("waste_facilities"), user=None, params={})
    data, _ = export_ledger(get_ledger("waste_facilities"), user=world.worker_a, params={})
    assert count == 2
    assert rows_of(data)[1][:6] == ["社区A", "阳光小区", 2, 1, 3, 6]


def test_committees_import_and_export(places, world):
    rows = [["社区A", "阳光小区", "2022-03-01", "王建国", 5, "", ""]]
    assert run("property_committees", COMMITTEE_HEADER, rows, world.worker_a).rows_created == 1
    rows[0][4] = 7
    assert run("property_committees", COMMITTEE_HEADER, rows, world.worker_a).rows_updated == 1
    assert PropertyCommittee.objects.get().members == 7
    job = run(
        "property_committees",
        COMMITTEE_HEADER,
        [["社区B", "河畔小区", "2022-03-01", "李", 0, "", ""]],
        world.worker_b,
    )
    assert job.errors and job.errors[0][1] == "委员人数"
    _, count = export_ledger(get_ledger("property_committees"), user=world.worker_b, params={})
    assert count == 0


def test_item_exports_follow_the_list_filters(world):
    rows = [
        [2023, "需求清单", "楼道照明改造", "社区A", "", "医院", "", "推进中", "", ""],
        [2022, "项目清单", "口袋公园", "社区A", "", "医院", "", "未启动", "", ""],
    ]
    run("cobuild_items", ITEM_HEADER, rows, world.worker_a)
    data, count = export_ledger(get_ledger("cobuild_items"), user=world.worker_a, params={"year": "2023"})
    assert count == 1
    assert rows_of(data)[1][:3] == [2023, "需求清单", "楼道照明改造"]
