import io
import time
from datetime import date

from python_calamine import CalamineWorkbook

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.enterprises.ledgers import (
    MSG_COMMUNITY_UNKNOWN,
    MSG_GRID_UNKNOWN,
    MSG_LEFT_ON_REQUIRED,
    MSG_REINSTATE,
    MSG_USCC_ELSEWHERE,
)
from jiedao.enterprises.models import Enterprise, EnterpriseKind, EnterpriseStatus, Industry, Scale
from jiedao.enterprises.services import enterprise_set_status
from jiedao.excel import parsers
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.lib.uscc import MSG_CHECK
from tests.enterprises.conftest import bad_check, make_uscc
from tests.registry.helpers import xlsx

LEDGER = "enterprises"
HEADER = ["统一社会信用代码", "企业名称", "主体类型", "行业门类", "企业规模", "经营状态", "社区", "所属网格"]
HEADER += ["经营地址", "联系人", "联系电话", "入库日期", "迁出/注销日期"]


def row(
    code,
    name,
    *,
    kind="企业",
    industry="批发和零售业",
    scale="小型",
    status="",
    community="社区A",
    grid="网格A1",
):
    return [
        code,
        name,
        kind,
        industry,
        scale,
        status,
        community,
        grid,
        "海西路1号",
        "王五",
        "",
        "2023-03-15",
        "",
    ]


def with_(values: list, **cells) -> list:
    values = list(values)
    for header, value in cells.items():
        values[HEADER.index(header)] = value
    return values


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([HEADER, *rows]), file_name="企业名录.xlsx", user=user)


def test_it_imports_enterprises_into_their_community_or_grid(world):
    job = run(
        [
            with_(row(make_uscc(1), "呼和浩特市鑫源商贸有限公司"), 联系电话="13812345678"),
            row(make_uscc(2, "2"), "回民区鑫源便利店", kind="个体工商户", scale="", grid=""),
            with_(
                row(make_uscc(3), "河西建筑工程有限公司", industry="E"),
                经营状态="注销",
                **{"迁出/注销日期": "2023-10-08"},
            ),
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    assert (job.rows_created, job.rows_updated) == (3, 0)
    company = Enterprise.objects.get(uscc=make_uscc(1))
    assert (company.area, company.industry, company.scale) == (world.grid_a1, Industry.TRADE, Scale.SMALL)
    assert (company.contact_phone_masked, company.registered_on) == ("138****5678", date(2023, 3, 15))
    assert company.name_initials == "hhhtsxysmyxgs" and company.history.count() == 1
    shop = Enterprise.objects.get(uscc=make_uscc(2, "2"))
    assert (shop.area, shop.kind, shop.scale) == (world.community_a, EnterpriseKind.INDIVIDUAL, Scale.MICRO)
    closed = Enterprise.objects.get(uscc=make_uscc(3))
    assert (closed.status, closed.left_on) == (EnterpriseStatus.CANCELLED, date(2023, 10, 8))
    assert AuditLog.objects.filter(event=AuditEvent.IMPORT, success=True).count() == 1


def test_one_bad_row_writes_nothing_and_reports_row_column_reason(world):
    job = run(
        [
            row(make_uscc(1), "甲公司"),
            row(bad_check(make_uscc(2)), "乙公司"),
            row(make_uscc(3), "丙公司", community="无此社区"),
            row(make_uscc(4), "丁公司", grid="网格A9"),
            with_(row(make_uscc(5), "戊公司", status="迁出"), 联系电话="12345"),
            row(make_uscc(6), "", industry="商业"),
        ],
        world.worker_a,
    )
    assert not job.succeeded
    assert Enterprise.objects.count() == 0
    assert job.errors == [
        [3, "统一社会信用代码", MSG_CHECK],
        [4, "社区", MSG_COMMUNITY_UNKNOWN.format(name="无此社区")],
        [5, "所属网格", MSG_GRID_UNKNOWN.format(name="网格A9", community="社区A")],
        [6, "联系电话", "联系电话格式错误：应为11位手机号码，或带区号的固定电话（如 0471-6123456）"],
        [7, "企业名称", parsers.MSG_REQUIRED],
        [7, "行业门类", parsers.MSG_CHOICE.format(options="、".join(Industry.labels))],
    ]


def test_a_status_other_than_active_needs_its_date(world):
    job = run([row(make_uscc(1), "甲公司", status="迁出")], world.worker_a)
    assert job.errors == [[2, "迁出/注销日期", MSG_LEFT_ON_REQUIRED.format(status="迁出")]]


def test_it_refuses_a_duplicate_code_within_the_file(world):
    job = run([row(make_uscc(1), "甲公司"), row(make_uscc(1), "甲公司二")], world.worker_a)
    assert job.errors == [[3, "统一社会信用代码", "与第2行重复"]]


def test_reimporting_updates_instead_of_duplicating(world):
    rows = [row(make_uscc(1), "甲公司"), row(make_uscc(2), "乙公司")]
    run(rows, world.worker_a)
    again = run(rows, world.worker_a)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    corrected = [row(make_uscc(1), "甲商贸公司"), row(make_uscc(2), "乙公司", grid="网格A2", scale="中型")]
    job = run(corrected, world.worker_a)
    assert (job.rows_created, job.rows_updated) == (0, 2)
    assert Enterprise.objects.count() == 2
    second = Enterprise.objects.get(uscc=make_uscc(2))
    assert (second.area, second.scale, second.version) == (world.grid_a2, Scale.MEDIUM, 2)
    assert second.history.count() == 2


def test_it_refuses_a_community_outside_the_users_scope(world):
    job = run([row(make_uscc(1), "甲公司", community="社区B", grid="网格B1")], world.worker_a)
    assert job.errors == [[2, "社区", MSG_COMMUNITY_UNKNOWN.format(name="社区B")]]


def test_it_refuses_a_code_registered_in_another_community(world):
    run([row(make_uscc(1), "甲公司", community="社区B", grid="网格B1")], world.worker_b)
    job = run([row(make_uscc(1), "甲公司")], world.worker_a)
    assert job.errors == [[2, "统一社会信用代码", MSG_USCC_ELSEWHERE]]


def test_it_does_not_bring_a_closed_enterprise_back(world):
    run([row(make_uscc(1), "甲公司")], world.worker_a)
    enterprise_set_status(
        enterprise=Enterprise.objects.get(), status=EnterpriseStatus.CANCELLED, on=date(2023, 5, 1)
    )
    job = run([row(make_uscc(1), "甲公司")], world.worker_a)
    assert job.errors == [[2, "经营状态", MSG_REINSTATE.format(status="注销")]]


def test_it_imports_five_thousand_enterprises_in_about_a_second(world):
    grids = ["网格A1", "网格A2", ""]
    rows = [
        with_(
            row(make_uscc(n), f"呼和浩特市测试{n}号商贸有限公司", grid=grids[n % 3]), 联系电话=f"139{n:08d}"
        )
        for n in range(1, 5201)
    ]
    data = xlsx([HEADER, *rows])
    started = time.monotonic()
    job = import_file(get_ledger(LEDGER), data, file_name="big.xlsx", user=world.worker_a)
    elapsed = time.monotonic() - started
    assert job.succeeded, job.errors[:3]
    assert Enterprise.objects.count() == 5200
    assert elapsed < 4, f"5,200 rows took {elapsed:.2f} s"  # about a second on a laptop; slack for CI
    started = time.monotonic()
    again = import_file(get_ledger(LEDGER), data, file_name="big.xlsx", user=world.worker_a)
    assert again.rows_unchanged == 5200 and time.monotonic() - started < 4


def _read(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_the_export_masks_phones_and_follows_the_list_filters(firms, world):
    data, count = export_ledger(
        get_ledger(LEDGER), user=world.leader, params={"community": str(world.community_a.pk)}
    )
    rows = _read(data)
    assert count == 3 and rows[0][:2] == ["统一社会信用代码", "企业名称"]
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"阳光商贸有限公司", "金川餐饮管理有限公司", "回民区鑫源便利店"}
    assert by_name["阳光商贸有限公司"][11] == "138****5678"
    assert by_name["阳光商贸有限公司"][6:8] == ["社区A", "网格A1"]
    _, count = export_ledger(get_ledger(LEDGER), user=world.leader, params={"industry": "E"})
    assert count == 1


def test_the_export_is_scoped_to_the_user(firms, world):
    _, count = export_ledger(get_ledger(LEDGER), user=world.worker_b, params={})
    assert count == 1


def test_an_exported_file_imports_back_unchanged(firms, world):
    data, _ = export_ledger(get_ledger(LEDGER), user=world.worker_a, params={})
    job = import_file(get_ledger(LEDGER), data, file_name="导出.xlsx", user=world.worker_a)
    assert job.succeeded, job.errors
    assert (job.rows_created, job.rows_updated, job.rows_unchanged) == (0, 0, 3)
    firms["a1"].refresh_from_db()
    assert firms["a1"].contact_phone_masked == "138****5678" and firms["a1"].version == 1
