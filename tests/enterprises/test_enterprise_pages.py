from datetime import date

import pytest
from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.enterprises.models import Enterprise, EnterpriseStatus, VisitResult
from jiedao.enterprises.services import MSG_ENTERPRISE_STALE, enterprise_update, visit_record
from jiedao.lib.uscc import MSG_CHECK
from tests.enterprises.conftest import bad_check, make_uscc


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def names(response) -> set[str]:
    return {e.name for e in response.context["page_obj"]}


def test_worker_a_sees_only_the_enterprises_of_community_a(firms, world, as_user):
    response = as_user(world.worker_a).get(reverse("enterprise_list"))
    assert names(response) == {"阳光商贸有限公司", "金川餐饮管理有限公司", "回民区鑫源便利店"}
    assert response.context["totals"]["total"] == 3
    assert names(as_user(world.grid_a1_worker).get(reverse("enterprise_list"))) == {"阳光商贸有限公司"}
    assert len(names(as_user(world.leader).get(reverse("enterprise_list")))) == 4


def test_a_community_b_enterprise_is_404_for_worker_a_and_audited(firms, world, as_user):
    response = as_user(world.worker_a).get(reverse("enterprise_detail", args=[firms["b1"].pk]))
    assert response.status_code == 404
    assert AuditLog.objects.filter(event=AuditEvent.OUT_OF_SCOPE, object_id=str(firms["b1"].pk)).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "阳光"}, {"阳光商贸有限公司"}),
        ({"q": make_uscc(2).lower()}, {"金川餐饮管理有限公司"}),
        ({"q": "hmq"}, {"回民区鑫源便利店"}),
        ({"industry": "H"}, {"金川餐饮管理有限公司"}),
        ({"scale": "micro"}, {"回民区鑫源便利店"}),
        ({"grid": "GRID_A2"}, {"金川餐饮管理有限公司"}),
        ({"status": "moved_out"}, set()),
        ({"date_from": "2022-01-11"}, set()),
        ({"date_from": "not-a-date"}, {"阳光商贸有限公司", "金川餐饮管理有限公司", "回民区鑫源便利店"}),
    ],
)
def test_the_list_searches_and_filters(firms, world, as_user, query, expected):
    query = {k: str(world.grid_a2.pk) if v == "GRID_A2" else v for k, v in query.items()}
    assert names(as_user(world.worker_a).get(reverse("enterprise_list"), query)) == expected


def test_the_community_filter_takes_its_grids_too(firms, world, as_user):
    response = as_user(world.leader).get(reverse("enterprise_list"), {"community": world.community_a.pk})
    assert len(names(response)) == 3


def test_the_export_link_carries_the_lists_filters(firms, world, as_user):
    html = (
        as_user(world.leader).get(reverse("enterprise_list"), {"industry": "F", "page": "1"}).content.decode()
    )
    assert f'href="{reverse("excel_export", args=["enterprises"])}?industry=F"' in html
    response = as_user(world.leader).get(reverse("excel_export", args=["enterprises"]), {"industry": "F"})
    assert response.status_code == 200


def test_grid_workers_see_no_export_or_create_buttons(firms, world, as_user):
    html = as_user(world.grid_a1_worker).get(reverse("enterprise_list")).content.decode()
    assert "新增企业" not in html and 'id="export-link"' not in html


def _form(**overrides):
    values = {
        "uscc": make_uscc(10),
        "name": "呼和浩特市恒泰建筑工程有限公司",
        "kind": "company",
        "industry": "E",
        "scale": "small",
        "address": "海西路8号",
        "contact_phone": "13812345678",
        "registered_on": "2023-04-01",
    }
    return {**values, **overrides}


def test_creating_an_enterprise_takes_the_user_to_it(world, as_user):
    response = as_user(world.worker_a).post(reverse("enterprise_create"), _form(area=world.grid_a1.pk))
    enterprise = Enterprise.objects.get(uscc=make_uscc(10))
    assert response.status_code == 302 and response.url == reverse("enterprise_detail", args=[enterprise.pk])
    assert enterprise.contact_phone_masked == "138****5678"


def test_a_bad_code_shows_the_chinese_reason_and_keeps_the_input(world, as_user):
    data = _form(area=world.grid_a1.pk, uscc=bad_check(make_uscc(10)))
    response = as_user(world.worker_a).post(reverse("enterprise_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"uscc": [MSG_CHECK]}
    html = response.content.decode()
    assert MSG_CHECK in html and "呼和浩特市恒泰建筑工程有限公司" in html
    assert not Enterprise.objects.exists()


def test_a_user_cannot_place_an_enterprise_outside_their_areas(world, as_user):
    response = as_user(world.worker_a).post(reverse("enterprise_create"), _form(area=world.grid_b1.pk))
    assert list(response.context["form"].errors) == ["area"]


def test_an_edit_on_a_stale_page_shows_the_conflict(firms, world, as_user):
    enterprise = firms["a1"]
    data = _form(area=world.grid_a1.pk, uscc=enterprise.uscc, name="阳光商贸（改）", version=1)
    enterprise_update(enterprise=enterprise, version=1, note="他人先保存")
    response = as_user(world.worker_a).post(reverse("enterprise_edit", args=[enterprise.pk]), data)
    assert response.status_code == 200
    assert MSG_ENTERPRISE_STALE in response.content.decode()
    enterprise.refresh_from_db()
    assert enterprise.name == "阳光商贸有限公司"


def test_an_edit_with_a_blank_phone_keeps_the_stored_one(firms, world, as_user):
    enterprise = firms["a1"]
    data = _form(area=world.grid_a2.pk, uscc=enterprise.uscc, contact_phone="", version=1)
    response = as_user(world.worker_a).post(reverse("enterprise_edit", args=[enterprise.pk]), data)
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.area, enterprise.contact_phone_masked) == (world.grid_a2, "138****5678")


def test_the_follow_up_button_updates_the_status_from_the_visit(firms, world, as_user):
    enterprise = firms["a1"]
    visit_record(enterprise=enterprise, visited_on=date(2023, 8, 1), result=VisitResult.CANCELLED)
    client = as_user(world.worker_a)
    html = client.get(reverse("enterprise_detail", args=[enterprise.pk])).content.decode()
    assert "据此更新企业状态" in html
    response = client.post(
        reverse("enterprise_status", args=[enterprise.pk]),
        {"status": "cancelled", "on": "2023-08-01", "version": 1, "note": "据2023年8月1日实地核查"},
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.status, enterprise.left_on) == (EnterpriseStatus.CANCELLED, date(2023, 8, 1))
    html = client.get(reverse("enterprise_detail", args=[enterprise.pk])).content.decode()
    assert "据此更新企业状态" not in html and 'id="status-form"' not in html


def test_a_status_change_before_entry_shows_the_reason(firms, world, as_user):
    response = as_user(world.worker_a).post(
        reverse("enterprise_status", args=[firms["a1"].pk]),
        {"status": "moved_out", "on": "2021-01-01", "version": 1},
    )
    assert response.status_code == 200
    assert "迁出/注销日期不能早于入库日期（2022年1月10日）" in response.content.decode()
