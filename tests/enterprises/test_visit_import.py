from datetime import date

from jiedao.enterprises.ledgers import MSG_ENTERPRISE_UNKNOWN, MSG_USER_UNKNOWN
from jiedao.enterprises.models import EnterpriseStatus, VerificationVisit, VisitResult
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from tests.enterprises.conftest import make_uscc
from tests.registry.helpers import xlsx

LEDGER = "enterprise_visits"
HEADER = ["统一社会信用代码", "核查日期", "核查结果", "核查人账号", "情况说明"]


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([HEADER, *rows]), file_name="实地核查.xlsx", user=user)


def test_it_imports_visits_by_code_where_each_enterprise_stands(firms, world):
    job = run(
        [
            [make_uscc(1), "2023-05-08", "正常经营", "grid_a1", ""],
            [make_uscc(2), "2023年6月1日", "已迁出", "", "已搬至赛罕区"],
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    first = VerificationVisit.objects.get(enterprise=firms["a1"])
    assert (first.visited_on, first.result, first.visitor, first.area) == (
        date(2023, 5, 8),
        VisitResult.NORMAL,
        world.grid_a1_worker,
        world.grid_a1,
    )
    # The visit says the enterprise has gone; the directory waits for staff to confirm.
    firms["a2"].refresh_from_db()
    assert firms["a2"].status == EnterpriseStatus.ACTIVE
    assert (
        VerificationVisit.objects.get(enterprise=firms["a2"]).suggested_status == EnterpriseStatus.MOVED_OUT
    )


def test_an_unknown_or_out_of_scope_code_is_named_with_its_row_and_column(firms, world):
    job = run(
        [
            [make_uscc(1), "2023-05-08", "正常经营", "", ""],
            [make_uscc(99), "2023-05-08", "正常经营", "", ""],
            [make_uscc(4), "2023-05-08", "正常经营", "nobody", ""],
        ],
        world.worker_a,
    )
    assert job.errors == [
        [3, "统一社会信用代码", MSG_ENTERPRISE_UNKNOWN.format(code=make_uscc(99))],
        [4, "核查人账号", MSG_USER_UNKNOWN.format(name="nobody")],
        [4, "统一社会信用代码", MSG_ENTERPRISE_UNKNOWN.format(code=make_uscc(4))],
    ]
    assert not VerificationVisit.objects.exists()


def test_code_and_date_identify_a_visit(firms, world):
    rows = [
        [make_uscc(1), "2023-05-08", "正常经营", "", ""],
        [make_uscc(1), "2023-09-08", "地址不符", "", ""],
    ]
    assert run(rows, world.worker_a).rows_created == 2
    job = run([[make_uscc(1), "2023-05-08", "其他", "", "装修停业"]], world.worker_a)
    assert (job.rows_created, job.rows_updated) == (0, 1)
    assert VerificationVisit.objects.get(visited_on=date(2023, 5, 8)).result == VisitResult.OTHER
    job = run([rows[0], rows[0]], world.worker_a)
    assert job.errors == [[3, "统一社会信用代码", "与第2行重复"]]


def test_the_export_follows_the_visit_list_filters(firms, world):
    run(
        [[make_uscc(1), "2023-05-08", "正常经营", "", ""], [make_uscc(1), "2024-02-08", "正常经营", "", ""]],
        world.worker_a,
    )
    _, count = export_ledger(
        get_ledger(LEDGER), user=world.leader, params={"date_from": "2023-01-01", "date_to": "2023-12-31"}
    )
    assert count == 1
