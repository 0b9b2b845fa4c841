"""POST /api/v1/cases/{id}/moves: every move goes through case_move; its refusals come back structured."""

import pytest

from jiedao.cases.models import Case, CaseEvent, State
from jiedao.cases.workflow import MSG_STALE
from tests.api.helpers import call, token_for
from tests.cases.helpers import make_case


@pytest.fixture
def tokens(world):
    return {name: token_for(world.user(name)) for name in ("leader", "worker_a", "grid_a1", "worker_b")}


def move(client, case_id, token, action, version, **data):
    return call(
        client,
        "post",
        f"/api/v1/cases/{case_id}/moves",
        {"action": action, "version": version, **data},
        token=token,
    )


def test_it_runs_the_closed_loop(client, world, categories, tokens):
    case = make_case(world, categories)
    steps = [
        ("leader", "accept", {}),
        (
            "leader",
            "dispatch",
            {"area": world.community_a.code, "assignee": "worker_a", "note": "请尽快处理"},
        ),
        ("worker_a", "sign", {}),
        ("worker_a", "start", {}),
        ("worker_a", "close", {"result": "已协调环卫清运"}),
        ("leader", "callback", {"resolved": True, "satisfaction": "satisfied"}),
        ("leader", "archive", {}),
    ]
    version = case.version
    for who, action, data in steps:
        response = move(client, case.pk, tokens[who], action, version, **data)
        assert response.status_code == 200, (action, response.content)
        version = response.json()["version"]
    body = response.json()
    assert (body["state"], body["state_label"], body["actions"]) == (State.ARCHIVED, "已归档", [])
    assert [e["action"] for e in body["timeline"]] == [
        "create", "accept", "dispatch", "sign", "start", "close", "callback", "archive"
    ]  # fmt: skip
    dispatch = body["timeline"][2]
    assert dispatch["note"] == "请尽快处理" and {"name": "承办区域", "value": "社区A"} in dispatch["details"]
    case = Case.objects.get()
    assert (case.assigned_area, case.assignee, case.result) == (
        world.community_a,
        world.worker_a,
        "已协调环卫清运",
    )


def test_the_answer_lists_the_next_moves_of_the_caller(client, world, categories, tokens):
    case = make_case(world, categories)
    body = move(client, case.pk, tokens["leader"], "accept", case.version).json()
    actions = [a["action"] for a in body["actions"]]
    assert {"dispatch", "return", "supervise"} <= set(actions) and "accept" not in actions
    assert {"action": "dispatch", "label": "派单"} in body["actions"]
    # A grid worker may not dispatch: the same case offers them no such move.
    as_grid_worker = call(client, "get", f"/api/v1/cases/{case.pk}", token=tokens["grid_a1"]).json()
    assert "dispatch" not in [a["action"] for a in as_grid_worker["actions"]]


def test_a_stale_version_is_a_conflict_and_changes_nothing(client, world, categories, tokens):
    case = make_case(world, categories)
    assert move(client, case.pk, tokens["leader"], "accept", case.version).status_code == 200
    response = move(client, case.pk, tokens["worker_a"], "return", case.version, reason="outside_area")
    assert response.status_code == 409
    assert response.json() == {"code": "stale", "message": MSG_STALE, "fields": {}}
    assert Case.objects.get().state == State.ACCEPTED and CaseEvent.objects.count() == 2


def test_a_stale_client_hears_so_before_any_complaint_about_its_input(client, world, categories, tokens):
    case = make_case(world, categories)
    move(client, case.pk, tokens["leader"], "accept", case.version)
    response = move(client, case.pk, tokens["leader"], "return", case.version)  # no reason either
    assert (response.status_code, response.json()["code"]) == (409, "stale")


def test_a_move_the_state_does_not_allow_is_a_conflict(client, world, categories, tokens):
    case = make_case(world, categories)
    response = move(client, case.pk, tokens["worker_a"], "close", case.version, result="已处理")
    assert response.status_code == 409
    assert response.json() == {"code": "state", "message": "当前状态为“待受理”，不能办结", "fields": {}}


def test_a_move_the_role_does_not_allow_is_forbidden(client, world, categories, tokens):
    case = make_case(world, categories)
    case = Case.objects.get(pk=move(client, case.pk, tokens["leader"], "accept", case.version).json()["id"])
    response = move(client, case.pk, tokens["grid_a1"], "dispatch", case.version, area=world.grid_a1.code)
    assert response.status_code == 403
    assert response.json() == {"code": "forbidden", "message": "您的角色不能派单", "fields": {}}
    assert Case.objects.get().state == State.ACCEPTED


def test_a_case_outside_the_users_scope_is_not_found(client, world, categories, tokens):
    case = make_case(world, categories)
    response = move(client, case.pk, tokens["worker_b"], "accept", case.version)
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "未找到该记录", "fields": {}}
    assert move(client, 999999, tokens["leader"], "accept", 1).status_code == 404
    assert Case.objects.get().state == State.PENDING


def test_the_actions_own_input_is_checked_field_by_field(client, world, categories, tokens):
    case = make_case(world, categories)
    version = move(client, case.pk, tokens["leader"], "accept", case.version).json()["version"]
    cases = [
        ({"action": "dispatch"}, {"area": ["派单必须选择承办的社区或网格"]}),
        ({"action": "dispatch", "area": "999"}, {"area": ["区划代码“999”不存在或不在您的辖区"]}),
        (
            {"action": "dispatch", "area": world.community_a.code, "assignee": "nobody"},
            {"assignee": ["账号“nobody”不存在或已停用"]},
        ),
        ({"action": "return"}, {"reason": ["退单必须选择原因（非本辖区、非职能、信息不全）"]}),
    ]
    for data, fields in cases:
        response = move(client, case.pk, tokens["leader"], version=version, **data)
        assert response.status_code == 422, data
        assert response.json()["fields"] == fields
    assert Case.objects.get().version == version


def test_a_malformed_move_gets_chinese_field_errors(client, world, categories, tokens):
    case = make_case(world, categories)
    response = call(
        client,
        "post",
        f"/api/v1/cases/{case.pk}/moves",
        {"action": "fly", "reason": "bored", "days": "两天"},
        token=tokens["leader"],
    )
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert fields["version"] == ["版本号为必填项"]
    assert fields["days"] == ["延期天数应为整数"]
    assert fields["reason"] == ["退单原因取值无效，可选：outside_area、not_our_duty、incomplete"]
    assert fields["action"][0].startswith("办理动作取值无效，可选：accept、dispatch、")


def test_a_callback_may_be_declined(client, world, categories, tokens):
    case = make_case(world, categories)
    version = case.version
    for who, action, data in [
        ("leader", "accept", {}),
        ("leader", "dispatch", {"area": world.grid_a1.code}),
        ("grid_a1", "sign", {}),
        ("grid_a1", "close", {"result": "已清运"}),
    ]:
        version = move(client, case.pk, tokens[who], action, version, **data).json()["version"]
    response = move(client, case.pk, tokens["leader"], "callback", version)
    assert response.status_code == 422
    assert response.json()["message"] == "回访须选择是否解决和满意度，或记录为拒绝回访"
    response = move(client, case.pk, tokens["leader"], "callback", version, declined=True)
    assert response.status_code == 200 and response.json()["callback_declined"] is True


def test_a_duplicate_is_merged_into_a_case_named_by_its_id(client, world, categories, tokens):
    original, duplicate = make_case(world, categories), make_case(world, categories)
    response = move(client, duplicate.pk, tokens["leader"], "merge", duplicate.version, into=999999)
    assert response.status_code == 422
    assert response.json()["fields"] == {"into": ["工单ID 999999 不存在或不在您的辖区"]}
    response = move(client, duplicate.pk, tokens["leader"], "merge", duplicate.version, into=original.pk)
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["merged_into"]) == (State.CLOSED, original.pk)
