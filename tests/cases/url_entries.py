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


def _photo(w) -> dict:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from jiedao.cases.attachments import attachment_add
    from jiedao.cases.models import Case

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(buffer, "JPEG")
    case = Case.objects.get(pk=_case(w)["pk"])
    photo = attachment_add(case=case, upload=SimpleUploadedFile("a.jpg", buffer.getvalue()), actor=None)
    return {"pk": case.pk, "attachment_pk": photo.pk}


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
    "case_attachment_upload": one(POST_ONLY, kwargs=_case),
    # 批量派单/受理, 工单导出, 工单统计 (tests/cases/test_bulk.py, test_list_export.py, test_kpi_page.py)
    "case_bulk": [
        Route(POST_ONLY, kwargs=lambda w: {"action": "dispatch"}, label="派单"),
        Route(POST_ONLY, kwargs=lambda w: {"action": "accept"}, label="受理"),
    ],
    "case_export": [
        Route(WORKERS, label="全部"),
        Route(WORKERS, query="source=hotline&date_from=2024-01-01", label="筛选"),
    ],
    "case_assignees": [
        Route(WORKERS, label="未选区域"),
        Route(IN_GRID_A1, query=lambda w: f"area={w.grid_a1.pk}", label="网格A1"),
        Route(MISSING, query="area=999999", label="不存在"),
    ],
    "kpis": [
        Route(WORKERS, label="本年"),
        Route(
            WORKERS,
            query="period=custom&date_from=2024-01-01&date_to=2024-12-31&group_by=category",
            label="自定义",
        ),
    ],
    "kpis_export": one(WORKERS, query="period=last_year&group_by=total"),
    "case_attachment": [
        Route(IN_GRID_A1, kwargs=_photo, label="网格A1"),
        Route(MISSING, kwargs=lambda w: {**_case(w), "attachment_pk": 999999}, label="不存在"),
    ],
}
