"""The Open311 endpoints in the URL × role table. They don't use the session login: every GET answers the same
to everyone, anonymous included; a missing request or token is the spec's 404."""

from tests.urlcheck import Route, one, statuses

PUBLIC = statuses(200, anonymous=200)
MISSING = statuses(404, anonymous=404)


def _service(w) -> dict:
    from jiedao.cases.categories import seed_categories

    seed_categories()
    return {"code": "sanitation", "fmt": "json"}


def _request(w) -> dict:
    from jiedao.cases.categories import seed_categories
    from jiedao.cases.models import Category, Source
    from jiedao.cases.services import case_create

    seed_categories()
    case = case_create(
        source=Source.RESIDENT,
        category=Category.objects.get(code="sanitation"),
        title="垃圾桶满了",
        area=w.grid_a1,
        address="幸福小区3号楼",
    )
    return {"number": case.number, "fmt": "json"}


PAGES = {
    "open311_discovery": [
        Route(PUBLIC, kwargs=lambda w: {"fmt": "json"}, label="json"),
        Route(PUBLIC, kwargs=lambda w: {"fmt": "xml"}, label="xml"),
    ],
    "open311_services": [
        Route(PUBLIC, kwargs=lambda w: {"fmt": "json"}, label="json"),
        Route(PUBLIC, kwargs=lambda w: {"fmt": "xml"}, label="xml"),
    ],
    "open311_service": [
        Route(PUBLIC, kwargs=_service, label="环境卫生"),
        Route(MISSING, kwargs=lambda w: {"code": "nonexistent", "fmt": "json"}, label="不存在"),
    ],
    "open311_requests": [
        Route(PUBLIC, kwargs=lambda w: {"fmt": "json"}, label="全部"),
        Route(PUBLIC, kwargs=lambda w: {"fmt": "xml"}, query="status=open", label="xml"),
        Route(
            statuses(400, anonymous=400),
            kwargs=lambda w: {"fmt": "json"},
            query="start_date=2024-01-01&end_date=2024-06-30",
            label="超过90天",
        ),
    ],
    "open311_request": [
        Route(PUBLIC, kwargs=_request, label="居民上报"),
        Route(MISSING, kwargs=lambda w: {"number": "SB202400000000", "fmt": "json"}, label="不存在"),
    ],
    "open311_token": one(MISSING, kwargs=lambda w: {"token": "abc123", "fmt": "json"}),
    "open311_not_found": [
        Route(MISSING, kwargs=lambda w: {"path": "nothing.json"}, label="json"),
        Route(MISSING, kwargs=lambda w: {"path": "services.csv"}, label="未知格式"),
    ],
}
