from jiedao.core.crypto import PURPOSE_RESIDENT_ID, reveal
from jiedao.core.models import AuditEvent, AuditLog
from jiedao.excel import parsers
from jiedao.excel.engine import import_file
from jiedao.excel.reading import MSG_MISSING_COLUMN, MSG_NOT_SPREADSHEET, MSG_OTHER_LEDGER
from jiedao.excel.registry import get_ledger
from jiedao.lib.idcard import MSG_CHECK_DIGIT
from jiedao.registry.ledgers import MSG_BUILDING_UNKNOWN, MSG_ID_ELSEWHERE
from jiedao.registry.models import Gender, Household, Resident, ResidentEvent, ResidentEventKind
from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx

LEDGER = "residents"


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([RESIDENT_HEADER, *rows]), file_name="居民.xlsx", user=user)


def test_it_imports_residents_with_encrypted_ids_households_and_events(places, world):
    job = run(
        [
            resident_row("张三", make_id(seq=1), phone="13812345678"),
            resident_row("李四", make_id("19851231", seq=2), relation="配偶"),
            resident_row("王五", make_id(seq=3), building="2号楼", room="202"),
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    assert (job.rows_created, job.rows_updated) == (3, 0)
    zhang = Resident.objects.get(name="张三")
    assert zhang.id_number_masked == make_id(seq=1)[:3] + "*" * 11 + make_id(seq=1)[-4:]
    assert reveal(bytes(zhang.id_number_cipher), purpose=PURPOSE_RESIDENT_ID) == make_id(seq=1)
    assert zhang.phone_masked == "138****5678"
    assert (zhang.gender, zhang.birth_date.isoformat(), zhang.name_initials) == (
        Gender.MALE,
        "1980-01-01",
        "zs",
    )
    assert zhang.area == world.grid_a1 and Resident.objects.get(name="王五").area == world.grid_a2
    # Two people in one room are one household.
    assert Household.objects.count() == 2
    assert zhang.household == Resident.objects.get(name="李四").household
    assert ResidentEvent.objects.filter(kind=ResidentEventKind.REGISTER).count() == 3
    assert zhang.history.count() == 1
    assert AuditLog.objects.filter(event=AuditEvent.IMPORT, success=True).count() == 1


def test_one_bad_row_writes_nothing_and_reports_row_column_reason(places, world):
    bad_id = make_id(seq=4)[:-1] + ("0" if make_id(seq=4)[-1] != "0" else "1")
    job = run(
        [
            resident_row("张三", make_id(seq=1)),
            resident_row("赵六", bad_id),
            resident_row("孙七", make_id(seq=5), building="9号楼"),
            resident_row("", make_id(seq=7), phone="12345"),
        ],
        world.worker_a,
    )
    assert not job.succeeded
    assert Resident.objects.count() == 0 and Household.objects.count() == 0
    assert job.errors == [
        [3, "身份证号码", MSG_CHECK_DIGIT],
        [4, "楼栋", MSG_BUILDING_UNKNOWN.format(name="9号楼", compound="阳光小区")],
        [5, "姓名", parsers.MSG_REQUIRED],
        [5, "联系电话", "手机号码格式错误：应为以1开头的11位数字"],
    ]


def test_reimporting_the_same_file_updates_instead_of_duplicating(places, world):
    rows = [resident_row("张三", make_id(seq=1)), resident_row("李四", make_id(seq=2))]
    run(rows, world.worker_a)
    again = run(rows, world.worker_a)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    corrected = [resident_row("张叁", make_id(seq=1)), resident_row("李四", make_id(seq=2), room="102")]
    job = run(corrected, world.worker_a)
    assert (job.rows_created, job.rows_updated) == (0, 2)
    assert Resident.objects.count() == 2
    li = Resident.objects.get(name="李四")
    assert li.household.room == "102"
    assert li.events.filter(kind=ResidentEventKind.TRANSFER).count() == 1
    assert Resident.objects.get(id_number_index=li.id_number_index).version == 2


def test_it_refuses_a_building_outside_the_users_scope(places, world):
    job = run([resident_row("张三", make_id(seq=1), community="社区B", compound="河畔小区")], world.worker_a)
    assert not job.succeeded
    assert job.errors[0][1] == "社区"


def test_it_refuses_an_id_registered_in_another_community(places, world):
    run([resident_row("张三", make_id(seq=1), community="社区B", compound="河畔小区")], world.worker_b)
    job = run([resident_row("张三", make_id(seq=1))], world.worker_a)
    assert job.errors == [[2, "身份证号码", MSG_ID_ELSEWHERE]]


def test_it_refuses_a_duplicate_id_within_the_file(places, world):
    job = run([resident_row("张三", make_id(seq=1)), resident_row("张三", make_id(seq=1))], world.worker_a)
    assert job.errors == [[3, "身份证号码", "与第2行重复"]]


def test_it_names_a_missing_required_column(places, world):
    data = xlsx(
        [
            [h for h in RESIDENT_HEADER if h != "房号"],
            ["张三", make_id(seq=1), "", "常住", "社区A", "阳光小区", "1号楼", "1", "户主"],
        ]
    )
    job = import_file(get_ledger(LEDGER), data, file_name="x.xlsx", user=world.worker_a)
    assert job.errors == [[1, "房号", MSG_MISSING_COLUMN]]


def test_it_recognises_a_file_of_another_ledger(places, world):
    data = xlsx([["社区", "小区", "地址"], ["社区A", "新小区", "某路1号"]])
    job = import_file(get_ledger(LEDGER), data, file_name="x.xlsx", user=world.worker_a)
    assert job.errors == [[0, "", MSG_OTHER_LEDGER.format(other="小区", title="居民")]]


def test_it_refuses_a_file_that_is_not_a_spreadsheet(places, world):
    job = import_file(get_ledger(LEDGER), b"name,id\n", file_name="x.csv", user=world.worker_a)
    assert job.errors == [[0, "", MSG_NOT_SPREADSHEET]]


def test_it_refuses_an_id_stored_as_a_number_by_excel(places, world):
    job = run([resident_row("张三", 110105194912310020.0)], world.worker_a)
    assert job.errors == [[2, "身份证号码", parsers.MSG_LONG_NUMBER]]
