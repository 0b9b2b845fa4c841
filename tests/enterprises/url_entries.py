"""The economic directory's pages for every member of the cast. Records on 网格A1 are in worker_a's and
grid_a1's areas; records on 网格B1 in worker_b's; the leader sees everything but keeps nothing."""

from datetime import date

from tests.enterprises.conftest import add_enterprise
from tests.urlcheck import Route, statuses

READERS = statuses(200, auditor=403, sysadmin=403)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
# A record on 网格A1 / 网格B1, for readers and for keepers.
READ_A1 = statuses(200, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
READ_B1 = statuses(200, worker_a=404, grid_a1=404, grid_a2=404, auditor=403, sysadmin=403)
READ_MISSING = statuses(404, auditor=403, sysadmin=403)
KEEP_A1 = statuses(403, worker_a=200, worker_b=404)
KEEP_B1 = statuses(403, worker_a=404, worker_b=200)
KEEP_MISSING = statuses(403, worker_a=404, worker_b=404)
MISSING = 999999


def _enterprise_a1(w):
    return {"pk": add_enterprise(w.grid_a1, 1, "阳光商贸有限公司").pk}


def _enterprise_b1(w):
    return {"pk": add_enterprise(w.grid_b1, 2, "河畔建筑工程有限公司").pk}


def _lead(area, name):
    from jiedao.enterprises.models import Industry
    from jiedao.enterprises.services import lead_create

    return {
        "pk": lead_create(name=name, industry=Industry.TRADE, area=area, contacted_on=date(2023, 3, 1)).pk
    }


def _routes(a1, b1, read_or_keep: str) -> list[Route]:
    a1_expected, b1_expected, missing = {
        "read": (READ_A1, READ_B1, READ_MISSING),
        "keep": (KEEP_A1, KEEP_B1, KEEP_MISSING),
    }[read_or_keep]
    return [
        Route(a1_expected, kwargs=a1, label="网格A1"),
        Route(b1_expected, kwargs=b1, label="网格B1"),
        Route(missing, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


def _lead_a1(w):
    return _lead(w.grid_a1, "鑫源物流仓储项目")


def _lead_b1(w):
    return _lead(w.grid_b1, "河畔商业综合体项目")


PAGES = {
    "enterprise_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="q=hhht&industry=F&status=active&date_from=2023-01-01", label="筛选"),
    ],
    "enterprise_create": [Route(KEEPERS)],
    "enterprise_detail": _routes(_enterprise_a1, _enterprise_b1, "read"),
    "enterprise_edit": _routes(_enterprise_a1, _enterprise_b1, "keep"),
    "enterprise_status": _routes(_enterprise_a1, _enterprise_b1, "keep"),
    "visit_create": _routes(_enterprise_a1, _enterprise_b1, "keep"),
    "visit_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="result=moved_out&date_from=2023-01-01&date_to=2023-12-31", label="筛选"),
    ],
    "lead_list": [Route(READERS, label="全部"), Route(READERS, query="stage=settled", label="落地")],
    "lead_create": [Route(KEEPERS)],
    "lead_detail": _routes(_lead_a1, _lead_b1, "read"),
    "lead_edit": _routes(_lead_a1, _lead_b1, "keep"),
    "lead_advance": _routes(_lead_a1, _lead_b1, "keep"),
}
