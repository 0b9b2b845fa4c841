import io
from datetime import date

from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.activities.attachments import MSG_TOO_MANY, MSG_UNSUPPORTED, attachments_add
from jiedao.activities.models import Activity, ActivityAttachment, ActivityType
from jiedao.activities.services import MSG_STALE
from tests.activities.conftest import add_activity, kind
from tests.activities.url_entries import _photo


def _form(type_code="lecture", **extra):
    return {
        "type": kind(type_code).pk,
        "title": "党的二十大精神宣讲",
        "held_on": "2023-05-12",
        "place": "社区A党群服务中心",
        "organiser": "社区A居委会",
        **extra,
    }


def test_it_records_an_activity_with_the_types_measures(client, world):
    client.force_login(world.grid_a1_worker)
    response = client.post(
        reverse("activity_create"),
        {**_form(), "area": world.grid_a1.pk, "m_audience": "85", "attachments": [_photo()]},
    )
    activity = Activity.objects.get()
    assert response.url == reverse("activity_detail", args=[activity.pk])
    assert activity.values.get().value == 85
    assert activity.attachments.get().kind == "photo"
    page = client.get(response.url).content.decode()
    assert "受众人次" in page and "85 人次" in page


def test_the_measure_inputs_follow_the_chosen_type(client, world):
    client.force_login(world.worker_a)
    html = client.get(reverse("activity_measure_fields"), {"type": kind("river_cleanup").pk}).content.decode()
    assert 'name="m_tons"' in html and 'name="m_participants"' in html and 'name="m_audience"' not in html
    page = client.get(reverse("activity_create")).content.decode()
    assert 'hx-get="/activities/measure-fields/"' in page


def test_bad_input_is_shown_on_the_form_and_nothing_is_written(client, world):
    client.force_login(world.worker_a)
    response = client.post(
        reverse("activity_create"),
        {**_form(), "area": world.grid_a1.pk, "m_audience": "-3", "ended_on": "2023-05-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "“受众人次”不能为负数" in page
    assert not Activity.objects.exists()
    text = io.BytesIO(b"just text")
    text.name = "说明.txt"
    response = client.post(
        reverse("activity_create"), {**_form(), "area": world.grid_a1.pk, "attachments": [text]}
    )
    assert MSG_UNSUPPORTED.format(name="说明.txt") in response.content.decode()
    assert not Activity.objects.exists()


def test_an_out_of_scope_area_is_not_offered(client, world):
    client.force_login(world.worker_a)
    response = client.post(reverse("activity_create"), {**_form(), "area": world.community_b.pk})
    assert "选择一个有效的选项" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_stale_edit_is_refused(client, world):
    activity = add_activity(world.grid_a1)
    client.force_login(world.worker_a)
    data = {**_form(), "area": world.grid_a1.pk, "m_audience": "90", "version": "1"}
    assert client.post(reverse("activity_edit", args=[activity.pk]), data).status_code == 302
    response = client.post(reverse("activity_edit", args=[activity.pk]), {**data, "title": "再改"})
    assert MSG_STALE in response.content.decode()
    activity.refresh_from_db()
    assert (activity.version, activity.title) == (2, "党的二十大精神宣讲")


def test_delete_asks_then_deletes_on_post(client, world):
    activity = add_activity(world.grid_a1)
    client.force_login(world.worker_a)
    assert "确认删除" in client.get(reverse("activity_delete", args=[activity.pk])).content.decode()
    assert client.post(reverse("activity_delete", args=[activity.pk])).url == reverse("activity_list")
    assert not Activity.objects.exists()
    client.force_login(world.grid_a1_worker)
    other = add_activity(world.grid_a1)
    assert client.post(reverse("activity_delete", args=[other.pk])).status_code == 403


def test_attachments_are_checked_by_content_and_limited_to_nine(client, world):
    activity = add_activity(world.grid_a1)
    client.force_login(world.worker_a)
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    pdf.name = "方案.pdf"
    url = reverse("activity_attachment_add", args=[activity.pk])
    assert client.post(url, {"attachments": [pdf]}).status_code == 302
    document = activity.attachments.get()
    assert (document.kind, document.content_type) == ("document", "application/pdf")
    served = client.get(reverse("activity_attachment", args=[activity.pk, document.pk]))
    assert served["Content-Type"] == "application/pdf"
    attachments_add(activity=activity, uploads=[_photo(f"{i}.png") for i in range(8)], actor=None)
    response = client.post(url, {"attachments": [_photo()]})
    assert MSG_TOO_MANY.format(max=9, existing=9, count=1) in response.content.decode()
    assert ActivityAttachment.objects.count() == 9
    client.force_login(world.worker_b)
    assert client.get(reverse("activity_attachment", args=[activity.pk, document.pk])).status_code == 404
    remove = reverse("activity_attachment_remove", args=[activity.pk, document.pk])
    assert client.post(remove).status_code == 404
    client.force_login(world.worker_a)
    assert client.post(remove).status_code == 302
    assert ActivityAttachment.objects.count() == 8


def test_the_list_searches_and_filters(client, world):
    add_activity(world.grid_a1, title="民族团结宣讲", place="广场")
    add_activity(world.grid_a2, "river_cleanup", "集中清理", date(2023, 8, 1), organiser="城管办")
    add_activity(world.community_b, title="社区B宣讲")
    client.force_login(world.leader)

    def titles(**params):
        return {a.title for a in client.get(reverse("activity_list"), params).context["page_obj"]}

    assert titles(q="城管") == {"集中清理"}
    assert titles(q="广场") == {"民族团结宣讲"}
    assert titles(community=world.community_a.pk, type=kind("lecture").pk) == {"民族团结宣讲"}
    assert titles(date_from="2023-07-01") == {"集中清理"}
    assert titles(community=world.community_b.pk) == {"社区B宣讲"}
    client.force_login(world.worker_b)
    assert titles() == {"社区B宣讲"}


def test_the_totals_page_counts_by_type_month_and_community(client, world):
    add_activity(world.grid_a1, values={"audience": 80})
    add_activity(world.grid_a2, title="二次宣讲", held_on=date(2023, 5, 20), values={"audience": 20})
    add_activity(world.community_b, title="社区B宣讲", held_on=date(2023, 9, 1), values={"audience": 7})
    add_activity(world.community_b, title="去年", held_on=date(2022, 9, 1), values={"audience": 7})
    client.force_login(world.leader)
    response = client.get(reverse("activity_totals"), {"year": 2023})
    totals = response.context["totals"]
    (lecture,) = totals.types
    count, audience = lecture.lines
    assert (count.total, count.months[4], count.months[8]) == (3, 2, 1)
    assert (audience.total, audience.months[4]) == (107, 100)
    assert dict(zip([n for _, n in totals.communities], audience.by_community, strict=True)) == {
        "社区A": 100,
        "社区B": 7,
    }
    # worker_a sees only 社区A's
    client.force_login(world.worker_a)
    totals = client.get(reverse("activity_totals"), {"year": 2023}).context["totals"]
    assert totals.types[0].lines[0].total == 2
    data = client.get(reverse("activity_totals_export"), {"year": 2023}).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][:5] == ["活动类型", "统计项", "单位", "全年合计", "1月"]
    assert rows[1][:4] == ["宣讲", "场次", "次", 2.0]


def test_an_office_worker_defines_a_type_on_the_page(client, world):
    client.force_login(world.sysadmin)
    participants = ActivityType.objects.get(code="lecture").measures.get()
    response = client.post(
        reverse("activitytype_create"),
        {
            "code": "tree_planting",
            "name": "义务植树",
            "measures": [participants.pk],
            "sort_order": 5,
            "active": "on",
        },
    )
    assert response.url == reverse("activitytype_list")
    planting = ActivityType.objects.get(code="tree_planting")
    assert list(planting.measures.all()) == [participants]
    assert "义务植树" in client.get(reverse("activitytype_list")).content.decode()
    response = client.post(
        reverse("measure_create"),
        {"code": "trees", "name": "植树棵数", "unit": "棵", "decimal_places": 0, "sort_order": 100},
    )
    assert response.status_code == 302
