import io
from datetime import date
from decimal import Decimal

from python_calamine import CalamineWorkbook

from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.excel.writing import template_bytes
from jiedao.projects.ledgers import MSG_COMPOUND_UNKNOWN, MSG_PROJECT_ELSEWHERE, MSG_STREET_OUT_OF_SCOPE
from jiedao.projects.models import Project, ProjectStatus
from jiedao.projects.services import MSG_COMPLETED_ON_REQUIRED, milestone_add
from tests.projects.conftest import add_project
from tests.registry.helpers import xlsx

LEDGER = "projects"
HEADER = [
    "项目名称",
    "项目类型",
    "所属社区",
    "涉及小区",
    "总投资（元）",
    "建筑面积（平方米）",
    "楼栋数",
    "户数",
]
HEADER += [
    "包联领导账号",
    "计划开工日期",
    "计划完工日期",
    "计划年度",
    "房屋用途",
    "项目状态",
    "完工日期",
    "进度（%）",
]


def row(
    name, *, kind="老旧小区改造", community="社区A", compounds="阳光小区", status="谋划", completed="", use=""
):
    fixed = ["3200000", "25600", 6, 284, "leader", "2024-03-01", "2024-10-31", 2024]
    return [name, kind, community, compounds, *fixed, use, status, completed, 10]


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([HEADER, *rows]), file_name="项目.xlsx", user=user)


def test_it_imports_projects_with_their_compounds(world, places):
    job = run(
        [
            row("阳光小区改造"),
            row("阳光小区遗留问题", kind="遗留项目", compounds="", use="住宅", status="在建"),
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    project = Project.objects.get(name="阳光小区改造")
    assert list(project.compounds.all()) == [places["sunny"]]
    assert (project.budget, project.buildings, project.plan_year, project.leader) == (
        Decimal("3200000.00"),
        6,
        2024,
        world.leader,
    )
    assert (job.rows_created, job.rows_updated) == (2, 0)


def test_one_bad_row_writes_nothing(world, places):
    job = run(
        [
            row("阳光小区改造"),
            row("河畔小区改造", compounds="河畔小区"),
            row("已完工的改造", status="已完工"),
            row("社区B的项目", community="社区B", compounds=""),
            row("街道项目", community="", compounds=""),
        ],
        world.worker_a,
    )
    assert not job.succeeded
    reasons = {(r, reason) for r, _, reason in job.errors}
    assert (3, MSG_COMPOUND_UNKNOWN.format(name="河畔小区", area="社区A")) in reasons
    assert (4, MSG_COMPLETED_ON_REQUIRED) in reasons
    assert (5, "社区“社区B”不存在或不在您的辖区") in reasons
    assert (6, MSG_STREET_OUT_OF_SCOPE) in reasons
    assert not Project.objects.exists()


def test_a_reimport_updates_by_name_and_leaves_the_unchanged(world, places):
    assert run([row("阳光小区改造"), row("阳光小区绿化")], world.worker_a).succeeded
    job = run(
        [row("阳光小区改造", status="已完工", completed="2024-10-20"), row("阳光小区绿化")], world.worker_a
    )
    assert job.succeeded, job.errors
    assert (job.rows_created, job.rows_updated, job.rows_unchanged) == (0, 1, 1)
    project = Project.objects.get(name="阳光小区改造")
    assert (project.status, project.completed_on, project.version) == (
        ProjectStatus.COMPLETED,
        date(2024, 10, 20),
        2,
    )
    assert Project.objects.count() == 2


def test_it_refuses_to_overwrite_another_communitys_project(world):
    add_project(world.community_b, "阳光小区改造")
    job = run([row("阳光小区改造", compounds="")], world.worker_a)
    assert (2, "项目名称", MSG_PROJECT_ELSEWHERE) in [tuple(e) for e in job.errors]


def test_its_export_imports_back_unchanged(world, places):
    project = add_project(world.community_a, "阳光小区改造", compounds=[places["sunny"]], leader=world.leader)
    milestone_add(project=project, name="施工招标", planned_on=date(2024, 4, 20))
    add_project(world.community_b, "河畔小区改造")
    data, count = export_ledger(get_ledger(LEDGER), user=world.worker_a, params={}, full=False)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert count == 1 and rows[1][:4] == ["阳光小区改造", "老旧小区改造", "社区A", "阳光小区"]
    job = import_file(get_ledger(LEDGER), data, file_name="导出.xlsx", user=world.worker_a)
    assert job.succeeded, job.errors
    assert (job.rows_unchanged, Project.objects.get(name="阳光小区改造").version) == (1, 1)


def test_its_template_names_every_column(db):
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(template_bytes(get_ledger(LEDGER)))).get_sheet_by_index(
        0
    )
    assert sheet.to_python()[0][:3] == ["项目名称*", "项目类型*", "所属社区"]
