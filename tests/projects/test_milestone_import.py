import io
from datetime import date, timedelta

from django.utils import timezone
from python_calamine import CalamineWorkbook

from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from jiedao.projects.ledgers import MSG_PROJECT_UNKNOWN
from jiedao.projects.models import Milestone, Project
from jiedao.projects.services import MSG_FUTURE, MSG_MILESTONE_OUTSIDE
from tests.projects.conftest import add_project
from tests.registry.helpers import xlsx

LEDGER = "project_milestones"
HEADER = ["项目名称", "节点名称", "计划日期", "实际完成日期", "排序"]


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([HEADER, *rows]), file_name="节点.xlsx", user=user)


def test_it_imports_milestones_and_the_progress_follows(world):
    add_project(world.community_a, "阳光小区改造")
    job = run(
        [
            ["阳光小区改造", "施工招标", "2024-04-20", "2024-04-25", 1],
            ["阳光小区改造", "竣工验收", "2024-10-31", "", 2],
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    assert Project.objects.get().progress == 50
    job = run([["阳光小区改造", "竣工验收", "2024-10-31", "2024-10-30", 2]], world.worker_a)
    assert (job.rows_updated, Project.objects.get().progress) == (1, 100)


def test_one_bad_row_writes_no_milestone(world):
    add_project(world.community_a, "阳光小区改造")
    add_project(world.community_b, "河畔小区改造")
    tomorrow = timezone.localdate() + timedelta(days=1)
    job = run(
        [
            ["阳光小区改造", "施工招标", "2024-04-20", "", 1],
            ["阳光小区改造", "竣工验收", "2024-12-31", "", 2],
            ["阳光小区改造", "入住", "2024-10-01", tomorrow.isoformat(), 3],
            ["河畔小区改造", "施工招标", "2024-04-20", "", 1],
        ],
        world.worker_a,
    )
    reasons = {(r, reason) for r, _, reason in job.errors}
    assert reasons == {
        (3, MSG_MILESTONE_OUTSIDE),
        (4, MSG_FUTURE),
        (5, MSG_PROJECT_UNKNOWN.format(name="河畔小区改造")),
    }
    assert not Milestone.objects.exists()


def test_its_export_imports_back_unchanged(world):
    add_project(world.community_a, "阳光小区改造")
    run([["阳光小区改造", "施工招标", "2024-04-20", "2024-04-22", 1]], world.worker_a)
    data, count = export_ledger(get_ledger(LEDGER), user=world.worker_a, params={}, full=False)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert count == 1 and rows[1][:2] == ["阳光小区改造", "施工招标"]
    job = import_file(get_ledger(LEDGER), data, file_name="导出.xlsx", user=world.worker_a)
    assert (job.succeeded, job.rows_unchanged) == (True, 1)
    assert Milestone.objects.get().actual_on == date(2024, 4, 22)
