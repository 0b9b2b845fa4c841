"""The activity and publicity pages for every member of the cast. Records on 网格A1 are in worker_a's and
grid_a1's areas; records on 社区B in worker_b's. The leader reads everything and keeps nothing; grid workers
record activities (not delete them, not information items); activity types are kept by the office staff and
the system administrator."""

import io

from PIL import Image

from tests.activities.conftest import add_activity, add_item
from tests.urlcheck import Route, statuses

READERS = statuses(200, auditor=403, sysadmin=403)
RECORDERS = statuses(403, worker_a=200, worker_b=200, grid_a1=200, grid_a2=200)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
TYPE_KEEPERS = statuses(403, sysadmin=200)
READ_A1 = statuses(200, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
READ_B = statuses(200, worker_a=404, grid_a1=404, grid_a2=404, auditor=403, sysadmin=403)
READ_MISSING = statuses(404, auditor=403, sysadmin=403)
RECORD_A1 = statuses(403, worker_a=200, grid_a1=200, grid_a2=404, worker_b=404)
RECORD_B = statuses(403, worker_a=404, grid_a1=404, grid_a2=404, worker_b=200)
RECORD_MISSING = statuses(403, worker_a=404, grid_a1=404, grid_a2=404, worker_b=404)
KEEP_A1 = statuses(403, worker_a=200, worker_b=404)
KEEP_B = statuses(403, worker_a=404, worker_b=200)
KEEP_MISSING = statuses(403, worker_a=404, worker_b=404)
POST_ONLY_RECORDERS = statuses(403, worker_a=405, worker_b=405, grid_a1=405, grid_a2=405)
POST_ONLY_KEEPERS = statuses(403, worker_a=405, worker_b=405)
MISSING = 999999


def _activity_a1(w):
    return {"pk": add_activity(w.grid_a1).pk}


def _activity_b(w):
    return {"pk": add_activity(w.community_b, title="社区B宣讲").pk}


def _item_a1(w):
    return {"pk": add_item(w.grid_a1).pk}


def _item_b(w):
    return {"pk": add_item(w.community_b, title="社区B稿件").pk}


def _photo(name="现场.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _attachment(area, title):
    from jiedao.activities.attachments import attachments_add

    activity = add_activity(area, title=title)
    attachment = attachments_add(activity=activity, uploads=[_photo()], actor=None)[0]
    return {"pk": activity.pk, "attachment_pk": attachment.pk}


def _adoption(area, title):
    from datetime import date

    from jiedao.activities.services import adoption_add

    item = add_item(area, title=title)
    adoption = adoption_add(item=item, level="city", outlet="呼和浩特日报", adopted_on=date(2023, 4, 20))
    return {"pk": item.pk, "adoption_pk": adoption.pk}


def _three(a1, b, missing_pk, expected):
    a1_expected, b_expected, missing = expected
    return [
        Route(a1_expected, kwargs=a1, label="网格A1"),
        Route(b_expected, kwargs=b, label="社区B"),
        Route(missing, kwargs=missing_pk, label="不存在"),
    ]


def _missing(w):
    return {"pk": MISSING}


PAGES = {
    "activity_list": [
        Route(READERS, label="全部"),
        Route(
            READERS,
            query="q=宣讲&type=1&community=1&office=1&date_from=2023-01-01&date_to=2023-12-31",
            label="筛选",
        ),
        Route(READERS, query="date_from=2023-12-31&date_to=2023-01-01&type=x", label="无效筛选"),
    ],
    "activity_create": [Route(RECORDERS)],
    "activity_measure_fields": [
        Route(RECORDERS, label="无类型"),
        Route(RECORDERS, query="type=1", label="有类型"),
    ],
    "activity_totals": [
        Route(READERS, label="本年"),
        Route(READERS, query="year=2023&type=1&community=1", label="筛选"),
        Route(READERS, query="year=abc", label="无效年度"),
    ],
    "activity_totals_export": [
        Route(READERS, query="year=2023", label="2023"),
        Route(statuses(400, auditor=403, sysadmin=403), query="year=abc", label="无效年度"),
    ],
    "activity_detail": _three(_activity_a1, _activity_b, _missing, (READ_A1, READ_B, READ_MISSING)),
    "activity_edit": _three(_activity_a1, _activity_b, _missing, (RECORD_A1, RECORD_B, RECORD_MISSING)),
    "activity_delete": _three(_activity_a1, _activity_b, _missing, (KEEP_A1, KEEP_B, KEEP_MISSING)),
    "activity_attachment_add": [Route(POST_ONLY_RECORDERS, kwargs=_missing)],
    "activity_attachment": [
        Route(READ_A1, kwargs=lambda w: _attachment(w.grid_a1, "有照片的活动"), label="网格A1"),
        Route(READ_B, kwargs=lambda w: _attachment(w.community_b, "社区B有照片的活动"), label="社区B"),
        Route(
            READ_A1 | {"leader": 404, "worker_a": 404, "grid_a1": 404},
            kwargs=lambda w: {"pk": add_activity(w.grid_a1).pk, "attachment_pk": MISSING},
            label="无此附件",
        ),
    ],
    "activity_attachment_remove": [
        Route(POST_ONLY_RECORDERS, kwargs=lambda w: _attachment(w.grid_a1, "有照片的活动")),
    ],
    "activitytype_list": [Route(TYPE_KEEPERS)],
    "activitytype_create": [Route(TYPE_KEEPERS)],
    "activitytype_edit": [
        Route(TYPE_KEEPERS, kwargs=lambda w: {"pk": _type_pk("lecture")}, label="宣讲"),
        Route(statuses(403, sysadmin=404), kwargs=_missing, label="不存在"),
    ],
    "measure_create": [Route(TYPE_KEEPERS)],
    "infoitem_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="q=宣传&level=city&year=2023&author=王晓燕", label="筛选"),
    ],
    "infoitem_create": [Route(KEEPERS)],
    "infoitem_detail": _three(_item_a1, _item_b, _missing, (READ_A1, READ_B, READ_MISSING)),
    "infoitem_edit": _three(_item_a1, _item_b, _missing, (KEEP_A1, KEEP_B, KEEP_MISSING)),
    "adoption_add": [Route(POST_ONLY_KEEPERS, kwargs=_missing)],
    "adoption_remove": [
        Route(POST_ONLY_KEEPERS, kwargs=lambda w: _adoption(w.grid_a1, "被采用的稿件")),
    ],
}


def _type_pk(code):
    from jiedao.activities.models import ActivityType

    return ActivityType.objects.get(code=code).pk
