"""The volunteer ledgers: teams by name, service records by team/date/theme, members by ID number through
the register's blind index; all or nothing; exports scoped and masked."""

import io
from datetime import date
from decimal import Decimal

from python_calamine import CalamineWorkbook

from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.volunteers.ledgers import MSG_RESIDENT_UNKNOWN, MSG_STREET_OUT_OF_SCOPE, MSG_TEAM_UNKNOWN
from jiedao.volunteers.models import ServiceRecord, TeamKind, VolunteerMember, VolunteerTeam
from tests.registry.helpers import make_id, xlsx
from tests.volunteers.conftest import add_resident

TEAM_HEADER = ["队伍名称", "队伍类型", "社区", "所属网格", "队长", "成立日期", "撤销日期", "备注"]
SERVICE_HEADER = [
    "志愿服务队",
    "服务日期",
    "服务主题",
    "参与志愿者（人次）",
    "服务总时长（小时）",
    "服务对象（人次）",
    "服务内容",
]
MEMBER_HEADER = ["志愿服务队", "身份证号码", "加入日期", "退出日期"]


def run(code, header, rows, user):
    return import_file(get_ledger(code), xlsx([header, *rows]), file_name=f"{code}.xlsx", user=user)


def rows_of(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_teams_import_on_communities_grids_or_the_street(world):
    rows = [
        ["社区A暖心小分队", "暖心小分队", "社区A", "", "马海燕", "2021-03-05", "", ""],
        ["网格A1平安义警", "其他", "社区A", "网格A1", "张志强", "2022-04-15", "", ""],
        ["街道夕阳红", "夕阳红", "", "", "刘桂兰", "2019-05-10", "", ""],
    ]
    job = run("volunteer_teams", TEAM_HEADER, rows, world.worker_a)
    assert job.errors == [[4, "社区", MSG_STREET_OUT_OF_SCOPE]]
    assert not VolunteerTeam.objects.exists()
    job = run("volunteer_teams", TEAM_HEADER, rows, None)
    assert job.rows_created == 3
    areas = dict(VolunteerTeam.objects.values_list("name", "area"))
    assert areas == {
        "社区A暖心小分队": world.community_a.pk,
        "网格A1平安义警": world.grid_a1.pk,
        "街道夕阳红": world.street.pk,
    }
    rows[0][6] = "2023-04-30"
    job = run("volunteer_teams", TEAM_HEADER, rows[:2], world.worker_a)
    assert (job.rows_updated, job.rows_unchanged) == (1, 1)
    assert VolunteerTeam.objects.get(name="社区A暖心小分队").dissolved_on == date(2023, 4, 30)
    data, count = export_ledger(
        get_ledger("volunteer_teams"), user=world.worker_a, params={"kind": TeamKind.OTHER}
    )
    assert count == 1
    assert rows_of(data)[1][:4] == ["网格A1平安义警", "其他", "社区A", "网格A1"]


def test_service_records_import_and_update_by_team_date_and_theme(world, teams):
    rows = [
        ["社区A暖心小分队", "2023-10-23", "重阳节敬老慰问", 8, 16, 30, ""],
        ["社区A暖心小分队", "2023-11-02", "送餐上门", 3, "4.5", "", ""],
    ]
    assert run("service_records", SERVICE_HEADER, rows, world.worker_a).rows_created == 2
    record = ServiceRecord.objects.get(title="送餐上门")
    assert (record.hours, record.people_served, record.area) == (Decimal("4.5"), 0, world.community_a)
    rows[1][4] = 6
    job = run("service_records", SERVICE_HEADER, rows, world.worker_a)
    assert (job.rows_updated, job.rows_unchanged) == (1, 1)
    bad = [
        ["社区B夕阳红志愿队", "2023-10-23", "巡逻", 2, 3, 0, ""],
        ["社区A暖心小分队", "2023-10-24", "巡逻", 2, 0, 0, ""],
    ]
    job = run("service_records", SERVICE_HEADER, bad, world.worker_a)
    assert job.errors == [
        [2, "志愿服务队", MSG_TEAM_UNKNOWN.format(name="社区B夕阳红志愿队")],
        [3, "服务总时长（小时）", "服务总时长应大于0小时"],
    ]
    assert ServiceRecord.objects.count() == 2
    _, count = export_ledger(get_ledger("service_records"), user=world.worker_b, params={})
    assert count == 0


def test_members_are_found_by_id_number_and_exported_masked(world, teams):
    resident = add_resident(world, world.grid_a1, 1)
    add_resident(world, world.grid_b1, 2)
    rows = [
        ["社区A暖心小分队", make_id(seq=1), "2022-01-01", ""],
        ["社区A暖心小分队", make_id(seq=2), "2022-01-01", ""],
    ]
    job = run("volunteer_members", MEMBER_HEADER, rows, world.worker_a)
    assert job.errors == [[3, "身份证号码", MSG_RESIDENT_UNKNOWN]]
    assert not VolunteerMember.objects.exists()
    assert run("volunteer_members", MEMBER_HEADER, rows[:1], world.worker_a).rows_created == 1
    rows[0][3] = "2023-06-30"
    assert run("volunteer_members", MEMBER_HEADER, rows[:1], world.worker_a).rows_updated == 1
    member = VolunteerMember.objects.get()
    assert (member.resident, member.left_on) == (resident, date(2023, 6, 30))
    data, _ = export_ledger(get_ledger("volunteer_members"), user=world.worker_a, params={})
    assert rows_of(data)[1][:2] == ["社区A暖心小分队", resident.id_number_masked]
    data, _ = export_ledger(get_ledger("volunteer_members"), user=world.worker_a, params={}, full=True)
    assert rows_of(data)[1][1] == make_id(seq=1)
