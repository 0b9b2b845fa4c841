"""The JSON API in the URL × role table. Anonymous callers get 401 (an API has no login page to send them to),
except the docs page, which sends a browser to the login page. The case lives in 网格A1 of 社区A."""

from tests.urlcheck import Route, one, statuses

WORKERS = statuses(200, anonymous=401, auditor=403, sysadmin=403)
IN_GRID_A1 = statuses(200, anonymous=401, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
MISSING = statuses(404, anonymous=401, auditor=403, sysadmin=403)


def _case(w) -> dict:
    from jiedao.cases.models import Category
    from jiedao.cases.services import case_create

    category, _ = Category.objects.get_or_create(code="city", defaults={"name": "城市管理", "path": "/city/"})
    case = case_create(source="hotline", category=category, title="路灯不亮", area=w.grid_a1)
    return {"case_id": case.pk}


PAGES = {
    "api:openapi-view": one(statuses(200, anonymous=302)),
    "api:openapi-json": one(statuses(200, anonymous=401)),
    "api:api-root": one(statuses(404, anonymous=404)),
    "api:api_not_found": one(statuses(404, anonymous=404), kwargs=lambda w: {"rest": "nothing/here"}),
    # GET and POST share the URL /api/v1/cases: the GET is the list.
    "api:case_list": [
        Route(WORKERS, label="全部"),
        Route(
            WORKERS, query="source=hotline&state=pending&sla_status=overdue&q=RX&page_size=10", label="筛选"
        ),
        Route(
            statuses(422, anonymous=401, auditor=403, sysadmin=403), query="page_size=1000", label="超过200条"
        ),
    ],
    "api:case_create": one(WORKERS),
    "api:case_detail": [
        Route(IN_GRID_A1, kwargs=_case, label="网格A1"),
        Route(MISSING, kwargs=lambda w: {"case_id": 999999}, label="不存在"),
    ],
    "api:case_move": one(statuses(405, anonymous=405), kwargs=_case),  # POST only
    "api:categories": one(WORKERS),
    "api:areas": one(WORKERS),
}
