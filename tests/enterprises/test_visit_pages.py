from datetime import date

import pytest
from django.urls import reverse

from jiedao.enterprises.models import EnterpriseStatus, VerificationVisit, VisitResult
from jiedao.enterprises.services import MSG_VISIT_TAKEN, visit_record


@pytest.fixture
def visits(firms):
    rows = [
        ("a1", date(2023, 3, 1), VisitResult.NORMAL),
        ("a2", date(2023, 7, 1), VisitResult.MOVED_OUT),
        ("a", date(2024, 1, 5), VisitResult.NORMAL),
        ("b1", date(2023, 7, 2), VisitResult.NORMAL),
    ]
    return [visit_record(enterprise=firms[f], visited_on=d, result=r) for f, d, r in rows]


def listed(client, **query) -> set[str]:
    response = client.get(reverse("visit_list"), query)
    assert response.status_code == 200
    return {v.enterprise.name for v in response.context["page_obj"]}


def test_the_list_filters_by_date_range_result_and_community(visits, world, client):
    client.force_login(world.leader)
    assert len(listed(client)) == 4
    assert listed(client, date_from="2023-01-01", date_to="2023-12-31") == {
        "阳光商贸有限公司",
        "金川餐饮管理有限公司",
        "河畔建筑工程有限公司",
    }
    assert listed(client, result="moved_out") == {"金川餐饮管理有限公司"}
    assert listed(client, community=str(world.community_b.pk)) == {"河畔建筑工程有限公司"}
    assert listed(client, q="河畔") == {"河畔建筑工程有限公司"}


def test_the_list_is_scoped_and_counts_enterprises(visits, world, client):
    client.force_login(world.worker_b)
    response = client.get(reverse("visit_list"))
    assert response.context["totals"]["total"] == 1 and response.context["totals"]["enterprises"] == 1


def test_a_date_range_the_wrong_way_round_is_explained(visits, world, client):
    client.force_login(world.leader)
    response = client.get(reverse("visit_list"), {"date_from": "2023-12-31", "date_to": "2023-01-01"})
    assert "结束日期不能早于开始日期" in response.content.decode()


def test_recording_a_visit_that_found_the_enterprise_gone_prompts_the_follow_up(firms, world, client):
    client.force_login(world.worker_a)
    url = reverse("visit_create", args=[firms["a1"].pk])
    response = client.post(
        url, {"visited_on": "2023-09-01", "result": "moved_out", "note": "已搬离"}, follow=True
    )
    visit = VerificationVisit.objects.get()
    assert (visit.visitor, visit.area) == (world.worker_a, world.grid_a1)
    firms["a1"].refresh_from_db()
    assert firms["a1"].status == EnterpriseStatus.ACTIVE
    html = response.content.decode()
    assert "据此更新企业状态" in html and "核查结果为“已迁出”" in html


def test_a_second_visit_on_the_same_day_is_refused_with_the_input_kept(firms, world, client):
    visit_record(enterprise=firms["a1"], visited_on=date(2023, 9, 1), result=VisitResult.NORMAL)
    client.force_login(world.worker_a)
    response = client.post(
        reverse("visit_create", args=[firms["a1"].pk]),
        {"visited_on": "2023-09-01", "result": "other", "note": "第二次"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"visited_on": [MSG_VISIT_TAKEN.format(date="2023年9月1日")]}
    assert "第二次" in response.content.decode()


def test_a_missing_result_is_explained_in_chinese(firms, world, client):
    client.force_login(world.worker_a)
    response = client.post(reverse("visit_create", args=[firms["a1"].pk]), {"visited_on": "2023-09-01"})
    assert response.context["form"].errors == {"result": ["这个字段是必填项。"]}
