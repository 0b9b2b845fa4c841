"""The project pages for every member of the cast. A project of 社区A is in worker_a's area (grid workers hold
only their grids, so a community's project is not theirs); one of 社区B in worker_b's. The leader reads
everything and keeps nothing; milestones follow their project."""

from datetime import date

from tests.projects.conftest import add_project
from tests.urlcheck import Route, statuses

READERS = statuses(200, auditor=403, sysadmin=403)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
READ_A = statuses(200, grid_a1=404, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
READ_B = statuses(200, worker_a=404, grid_a1=404, grid_a2=404, auditor=403, sysadmin=403)
READ_MISSING = statuses(404, auditor=403, sysadmin=403)
KEEP_A = statuses(403, worker_a=200, worker_b=404)
KEEP_B = statuses(403, worker_a=404, worker_b=200)
KEEP_MISSING = statuses(403, worker_a=404, worker_b=404)
MISSING = 999999


def _project_a(w):
    return {"pk": add_project(w.community_a, "阳光小区改造").pk}


def _project_b(w):
    return {"pk": add_project(w.community_b, "河畔小区改造").pk}


def _milestone(area, name):
    from jiedao.projects.services import milestone_add

    project = add_project(area, name)
    return {"pk": milestone_add(project=project, name="施工招标", planned_on=date(2024, 4, 20)).pk}


def _routes(a, b, read_or_keep: str) -> list[Route]:
    a_expected, b_expected, missing = {
        "read": (READ_A, READ_B, READ_MISSING),
        "keep": (KEEP_A, KEEP_B, KEEP_MISSING),
    }[read_or_keep]
    return [
        Route(a_expected, kwargs=a, label="社区A"),
        Route(b_expected, kwargs=b, label="社区B"),
        Route(missing, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


def _milestone_a(w):
    return _milestone(w.community_a, "阳光小区改造")


def _milestone_b(w):
    return _milestone(w.community_b, "河畔小区改造")


PAGES = {
    "project_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="q=改造&kind=renovation&status=planning&plan_year=2024", label="筛选"),
    ],
    "project_create": [Route(KEEPERS)],
    "project_detail": [
        *_routes(_project_a, _project_b, "read"),
        Route(
            statuses(200, worker_a=404, grid_a1=404, grid_a2=404, worker_b=404, auditor=403, sysadmin=403),
            kwargs=lambda w: {"pk": add_project(w.street, "城发绿园").pk},
            label="街道",
        ),
    ],
    "project_edit": _routes(_project_a, _project_b, "keep"),
    "milestone_create": _routes(_project_a, _project_b, "keep"),
    "milestone_edit": _routes(_milestone_a, _milestone_b, "keep"),
    "milestone_complete": _routes(_milestone_a, _milestone_b, "keep"),
    "project_plan": [Route(READERS, label="默认"), Route(READERS, query="year=2024", label="2024")],
    "project_plan_export": [Route(statuses(403, leader=200, worker_a=200, worker_b=200), query="year=2024")],
}
