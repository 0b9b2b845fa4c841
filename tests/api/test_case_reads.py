"""GET /api/v1/cases (the list page's filters, paginated) and GET /api/v1/cases/{id} (with its timeline)."""

from datetime import datetime

import pytest
from django.utils import timezone

from jiedao.cases.models import Case, SlaStatus, Source, State
from jiedao.cases.workflow import case_move
from jiedao.core.models import AuditEvent, AuditLog
from tests.api.helpers import call, token_for
from tests.cases.helpers import make_case

URL = "/api/v1/cases"


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def cases(world, categories):
    """Four cases: two in 网格A1 (hotline, grid report), one in 网格A2, one in 社区B."""
    return {
        "a1_hotline": make_case(world, categories, title="路灯不亮", received_at=local(2024, 9, 2, 9)),
        "a1_grid": make_case(
            world,
            categories,
            source=Source.GRID,
            category=categories["garbage"],
            title="垃圾堆放",
            received_at=local(2024, 9, 10, 9),
        ),
        "a2": make_case(
            world, categories, area=world.grid_a2, title="井盖缺失", received_at=local(2024, 9, 20, 9)
        ),
        "b1": make_case(
            world, categories, area=world.grid_b1, title="噪声扰民", received_at=local(2024, 9, 25, 9)
        ),
    }


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["title"] for c in response.json()["results"]]


def test_the_list_shows_the_users_scope_newest_first(client, world, cases):
    assert titles(call(client, "get", URL, token=token_for(world.leader))) == [
        "噪声扰民",
        "井盖缺失",
        "垃圾堆放",
        "路灯不亮",
    ]
    assert titles(call(client, "get", URL, token=token_for(world.worker_a))) == [
        "井盖缺失",
        "垃圾堆放",
        "路灯不亮",
    ]
    assert titles(call(client, "get", URL, token=token_for(world.grid_a1_worker))) == ["垃圾堆放", "路灯不亮"]
    assert titles(call(client, "get", URL, token=token_for(world.worker_b))) == ["噪声扰民"]


def test_the_list_filters_like_the_page(client, world, cases):
    token = token_for(world.leader)
    case_move(case=cases["a2"], action="accept", actor=world.leader, version=1)
    Case.objects.filter(pk=cases["b1"].pk).update(sla_status=SlaStatus.OVERDUE)
    expectations = {
        "source=grid": ["垃圾堆放"],
        "state=accepted": ["井盖缺失"],
        "sla_status=overdue": ["噪声扰民"],
        "category=sanitation": ["噪声扰民", "井盖缺失", "垃圾堆放", "路灯不亮"],  # with its sub-categories
        "category=garbage": ["垃圾堆放"],
        f"community={world.community_b.code}": ["噪声扰民"],
        "date_from=2024-09-10&date_to=2024-09-20": ["井盖缺失", "垃圾堆放"],
        "q=井盖": ["井盖缺失"],
        f"q={cases['a1_hotline'].number}": ["路灯不亮"],
    }
    for query, expected in expectations.items():
        assert titles(call(client, "get", f"{URL}?{query}", token=token)) == expected, query


def test_the_list_pages(client, world, cases):
    token = token_for(world.leader)
    first = call(client, "get", f"{URL}?page_size=3", token=token).json()
    assert (first["count"], first["count_capped"], first["page"], first["page_size"]) == (4, False, 1, 3)
    assert len(first["results"]) == 3
    second = call(client, "get", f"{URL}?page_size=3&page=2", token=token).json()
    assert [c["title"] for c in second["results"]] == ["路灯不亮"]
    assert call(client, "get", f"{URL}?page_size=3&page=9", token=token).json()["results"] == []


def test_the_count_is_capped(client, world, cases, monkeypatch):
    monkeypatch.setattr("jiedao.core.listing.CappedPaginator.cap", 2)
    body = call(client, "get", f"{URL}?page_size=1", token=token_for(world.leader)).json()
    assert (body["count"], body["count_capped"]) == (2, True)


def test_bad_filters_are_explained_in_chinese(client, world, cases):
    token = token_for(world.worker_a)
    response = call(client, "get", f"{URL}?page_size=201&page=0&state=lost&date_from=昨天", token=token)
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "state": [
            "状态取值无效，可选：pending、accepted、dispatched、signed、handling、closed、returned、archived"
        ],
        "date_from": ["受理日期自应为日期，如 2024-09-30"],
        "page": ["页码不能小于1"],
        "page_size": ["每页条数不能大于200"],
    }
    fields = {
        "category=nope": {"category": ["分类代码“nope”不存在"]},
        f"community={world.community_b.code}": {
            "community": [f"社区代码“{world.community_b.code}”不存在或不在您的辖区"]
        },
        "date_from=2024-09-20&date_to=2024-09-10": {"date_to": ["结束日期不能早于开始日期"]},
    }
    for query, expected in fields.items():
        response = call(client, "get", f"{URL}?{query}", token=token)
        assert (response.status_code, response.json()["fields"]) == (422, expected), query


def test_the_detail_has_the_timeline_and_only_a_masked_phone(client, world, cases):
    case = case_move(case=cases["a1_hotline"], action="accept", actor=world.leader, version=1, note="已受理")
    response = call(client, "get", f"{URL}/{case.pk}", token=token_for(world.grid_a1_worker))
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["state"], body["version"]) == (case.number, State.ACCEPTED, 2)
    assert (body["reporter_name"], body["reporter_phone"]) == ("刘先生", "138****5678")
    assert "13812345678" not in response.content.decode()
    assert body["area"] == {
        "code": world.grid_a1.code,
        "name": "网格A1",
        "level": "grid",
        "label": "社区A网格A1",
    }
    assert body["category"] == {"code": "sanitation", "name": "环境卫生"}
    assert [(e["action"], e["label"]) for e in body["timeline"]] == [("create", "登记"), ("accept", "受理")]
    accept = body["timeline"][1]
    assert (accept["from_state"], accept["to_state"], accept["note"]) == ("pending", "accepted", "已受理")
    assert accept["actor"] == {"username": "leader", "name": "王领导"}
    assert body["due_at"] == "2024-09-09T17:00:00+08:00"  # 5 working days, in Beijing time


def test_a_case_outside_the_scope_is_not_found(client, world, cases):
    response = call(client, "get", f"{URL}/{cases['a1_hotline'].pk}", token=token_for(world.worker_b))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "未找到该记录", "fields": {}}
    response = call(client, "get", f"{URL}/{cases['a2'].pk}", token=token_for(world.grid_a1_worker))
    assert response.status_code == 404


def test_an_out_of_scope_look_is_audited(client, world, cases):
    call(client, "get", f"{URL}/{cases['a1_hotline'].pk}", token=token_for(world.worker_b))
    entry = AuditLog.objects.get(event=AuditEvent.OUT_OF_SCOPE)
    assert (entry.user, entry.success) == (world.worker_b, False)
