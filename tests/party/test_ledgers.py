from datetime import date

from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.excel.engine import import_file
from jiedao.excel.reading import read_sheet
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.party.ledgers import MSG_BRANCH_UNKNOWN, MSG_COMPOUND_UNKNOWN, MSG_USER_UNKNOWN
from jiedao.party.models import Honour, HonourKind, IntegrityArchive, MemberStatus, PartyMember, StaffDuty
from jiedao.party.services import MSG_AREA_OUT_OF_SCOPE, MSG_FUTURE
from jiedao.registry.services.places import compound_create
from tests.registry.helpers import xlsx

MEMBERS = ["所在党支部", "姓名", "性别", "入党日期", "党员类别", "党内职务", "转出日期"]
ARCHIVES = ["姓名", "单位", "职务", "所属区域", "档案年度", "建档日期", "平台账号", "备注"]
HONOURS = ["荣誉类别", "荣誉名称", "年度", "授予单位", "授予日期", "获奖社区", "小区", "备注"]
DUTIES = ["账号", "职责", "所属区域", "所属网格", "开始日期", "结束日期", "备注"]


def run(ledger, header, rows, user):
    return import_file(get_ledger(ledger), xlsx([header, *rows]), file_name="台账.xlsx", user=user)


def test_it_imports_members_into_known_branches_and_updates_on_reimport(party, party_keeper):
    rows = [
        ["社区A党支部", "王芳", "女", "2012-07-01", "正式党员", "宣传委员", ""],
        ["社区B党支部", "赵磊", "男", "2023年6月1日", "预备党员", "", ""],
    ]
    job = run("party_members", MEMBERS, rows, party_keeper)
    assert job.succeeded, job.errors
    assert (job.rows_created, job.rows_updated) == (2, 0)
    zhao = PartyMember.objects.get(name="赵磊")
    assert (zhao.branch, zhao.area, zhao.status) == (party["b"], party["b"].area, MemberStatus.PROBATIONARY)
    rows[1][4] = "正式党员"
    job = run("party_members", MEMBERS, rows, party_keeper)
    assert (job.rows_created, job.rows_updated, job.rows_unchanged) == (0, 1, 1)
    zhao.refresh_from_db()
    assert zhao.status == MemberStatus.FULL


def test_one_bad_row_writes_nothing_and_names_row_column_and_reason(party, party_keeper):
    rows = [
        ["社区A党支部", "王芳", "女", "2012-07-01", "正式党员", "", ""],
        ["不存在支部", "赵磊", "男", "2020-01-01", "", "", ""],
        ["社区A党支部", "李秀英", "女", "2099-01-01", "", "", ""],
        ["社区A党支部", "钱七", "男", "2010-01-01", "积极分子", "", ""],
    ]
    job = run("party_members", MEMBERS, rows, party_keeper)
    assert not job.succeeded
    assert [e[:2] for e in job.errors] == [[3, "所在党支部"], [4, "入党日期"], [5, "党员类别"]]
    assert job.errors[0][2] == MSG_BRANCH_UNKNOWN.format(name="不存在支部")
    assert job.errors[1][2] == MSG_FUTURE
    assert not PartyMember.objects.filter(name__in=["王芳", "赵磊", "钱七"]).exists()


def test_the_service_rules_reach_the_import_through_the_dry_run(world, integrity_keeper):
    rows = [
        ["王海", "社区A", "委员", "社区A", 2023, "2023-03-01", "", ""],
        ["李明", "社区B", "委员", "社区B", 2023, "2023-03-02", "nobody", ""],
    ]
    job = run("integrity_archives", ARCHIVES, rows, integrity_keeper)
    assert job.errors == [[3, "平台账号", MSG_USER_UNKNOWN.format(name="nobody")]]
    rows[1][6] = "worker_b"
    job = run("integrity_archives", ARCHIVES, rows, world.worker_a)  # without the permission: refused
    assert not job.succeeded
    job = run("integrity_archives", ARCHIVES, rows, integrity_keeper)
    assert job.succeeded and job.rows_created == 2
    assert IntegrityArchive.objects.get(person_name="李明").user == world.worker_b


def test_duties_are_keyed_by_account_duty_and_start_and_importers_stay_in_their_areas(world, party_keeper):
    rows = [["worker_b", "网评员", "社区B", "", "2023-01-01", "", ""]]
    job = run("staff_duties", DUTIES, rows, party_keeper)
    assert job.succeeded, job.errors
    duty = StaffDuty.objects.get()
    assert (duty.user, duty.area) == (world.worker_b, world.community_b)
    # Re-import with a grid and an end date: an update of the same duty.
    rows = [["worker_b", "网评员", "社区B", "网格B1", "2023-01-01", "2023-10-31", "调离"]]
    job = run("staff_duties", DUTIES, rows, party_keeper)
    assert (job.rows_created, job.rows_updated) == (0, 1)
    duty.refresh_from_db()
    assert (duty.area, duty.end_date) == (world.grid_b1, date(2023, 10, 31))
    # A community worker keeps the honours of their own community only.
    job = import_file(
        get_ledger("honours"),
        xlsx([HONOURS, ["区级文明社区", "", 2023, "区文明委", "", "社区B", "", ""]]),
        file_name="荣誉.xlsx",
        user=world.worker_a,
    )
    assert job.errors == [[2, "获奖社区", MSG_AREA_OUT_OF_SCOPE.format(area="社区B")]]


def test_it_imports_compound_honours_by_community_and_compound_name(world):
    compound_create(name="阳光小区", community=world.community_a)
    rows = [
        ["文明示范小区", "", 2023, "区文明委", "2023-12-26", "社区A", "阳光小区", ""],
        ["市级文明社区", "", 2023, "市文明委", "2023-12-20", "社区A", "", ""],
    ]
    job = run("honours", HONOURS, rows, world.worker_a)
    assert job.succeeded, job.errors
    assert Honour.objects.get(kind=HonourKind.CIVILIZED_COMPOUND).compound.name == "阳光小区"
    assert run("honours", HONOURS, rows, world.worker_a).rows_unchanged == 2
    job = run(
        "honours",
        HONOURS,
        [["文明示范小区", "", 2023, "区文明委", "", "社区A", "河畔小区", ""]],
        world.worker_a,
    )
    assert job.errors == [[2, "小区", MSG_COMPOUND_UNKNOWN.format(name="河畔小区", community="社区A")]]
    # Two rows naming the same honour: the second is refused (the key is checked within the file).
    job = run("honours", HONOURS, [rows[1], rows[1]], world.worker_a)
    assert not job.succeeded
    assert Honour.objects.count() == 2


def test_exports_follow_the_list_filters_and_are_audited(party, party_keeper, client):
    data, count = export_ledger(
        get_ledger("party_members"), user=party_keeper, params={"branch": str(party["a"].pk)}
    )
    assert count == 2
    sheet = read_sheet(data, get_ledger("party_members"))
    assert sorted(row[1][1] for row in sheet.rows) == ["张建国", "李秀英"]
    client.force_login(party_keeper)
    response = client.get(reverse("excel_export", args=["party_branches"]), {"kind": "organ"})
    assert response.status_code == 200
    assert AuditLog.objects.filter(event=AuditEvent.EXPORT, detail__ledger="party_branches").exists()
    assert client.get(reverse("excel_template", args=["party_members"])).status_code == 200
    # An exported file imports back unchanged.
    job = import_file(get_ledger("party_members"), data, file_name="党员.xlsx", user=party_keeper)
    assert job.succeeded and job.rows_unchanged == 2


def test_discipline_exports_need_the_integrity_office(world, integrity_keeper, party_keeper, client):
    from tests.party.conftest import add_discipline

    add_discipline(world.community_a, "王海")
    client.force_login(party_keeper)
    assert client.get(reverse("excel_export", args=["discipline_records"])).status_code == 403
    client.force_login(integrity_keeper)
    assert client.get(reverse("excel_export", args=["discipline_records"])).status_code == 200


def test_a_member_is_linked_to_the_resident_by_id_number(party, party_keeper, places, world, client):
    from jiedao.party.services import MSG_RESIDENT_NAME, MSG_RESIDENT_UNKNOWN
    from jiedao.registry.services.households import resident_register_at
    from tests.registry.helpers import make_id

    resident = resident_register_at(
        building=places["sunny_1"], unit="1", room="101", name="王芳", id_number=make_id("19800101", 2)
    )
    header = [*MEMBERS, "身份证号码"]
    row = ["社区A党支部", "王芳", "女", "2012-07-01", "正式党员", "", "", make_id("19800101", 2)]
    job = run(
        "party_members", header, [row, [*row[:1], "赵磊", *row[2:7], make_id("19800101", 4)]], party_keeper
    )
    assert job.errors == [[3, "身份证号码", MSG_RESIDENT_UNKNOWN]]
    job = run("party_members", header, [row], party_keeper)
    assert job.succeeded, job.errors
    member = PartyMember.objects.get(name="王芳")
    assert member.resident == resident
    # A file without the number (an export) keeps the link.
    job = run("party_members", MEMBERS, [row[:7]], party_keeper)
    assert job.rows_unchanged == 1
    member.refresh_from_db()
    assert member.resident == resident
    # The member form links the same way.
    client.force_login(party_keeper)
    response = client.post(
        reverse("party_member_edit", args=[party["members"][0].pk]),
        {
            "branch": party["a"].pk,
            "name": "李秀英",
            "status": "full",
            "id_number": make_id("19800101", 2),
            "version": PartyMember.objects.get(pk=party["members"][0].pk).version,
        },
    )
    assert response.context["form"].errors == {"id_number": [MSG_RESIDENT_NAME.format(name="王芳")]}
    job = run("party_members", header, [[*row[:1], "张建国", *row[2:]]], party_keeper)
    assert job.errors == [[2, "身份证号码", MSG_RESIDENT_NAME.format(name="王芳")]]
