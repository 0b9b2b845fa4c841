"""The case pages in the URL × role table. The case is registered in 网格A1 of 社区A inside the lambdas.

POST-only URLs check the permission before the method: a GET is 403 without the permission, 405 with it (the
case is not looked up, so out-of-scope is 405 too)."""

from tests.urlcheck import Route, one, statuses

WORKERS = statuses(200, auditor=403, sysadmin=403)
IN_GRID_A1 = statuses(200, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
MISSING = statuses(404, auditor=403, sysadmin=403)
POST_ONLY = statuses(405, auditor=403, sysadmin=403)


def _case(w) -> dict:
    from jiedao.cases.models import Category
    from jiedao.cases.services import case_create

    category, _ = Category.objects.get_or_create(code="city", defaults={"name": "城市管理", "path": "/city/"})
    case = case_create(source="hotline", category=category, title="路灯不亮", area=w.grid_a1)
    return {"pk": case.pk}


PAGES = {
    "case_queue": one(WORKERS),
    "case_list": [
        Route(WORKERS, label="全部"),
        Route(WORKERS, query="sla_status=overdue&source=hotline&q=RX", label="筛选"),
    ],
    "case_create": one(WORKERS),
    "case_detail": [
        Route(IN_GRID_A1, kwargs=_case, label="网格A1"),
        Route(MISSING, kwargs=lambda w: {"pk": 999999}, label="不存在"),
    ],
    "case_act": one(POST_ONLY, kwargs=lambda w: {**_case(w), "action": "accept"}),
}
