"""POST /api/v1/cases: registration through case_create, idempotent with an Idempotency-Key header."""

import pytest

from jiedao.api.models import IdempotencyKey
from jiedao.api.services import MSG_KEY_REUSED
from jiedao.cases.models import Case, CaseEvent, State
from tests.api.helpers import call, case_body, token_for

URL = "/api/v1/cases"


@pytest.fixture
def token(world, categories):
    return token_for(world.worker_a)


def test_it_registers_a_case(client, world, token):
    response = call(client, "post", URL, case_body(world), token=token)
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    body = response.json()
    assert (body["id"], body["number"], body["state"], body["state_label"]) == (
        case.pk,
        case.number,
        State.PENDING,
        "待受理",
    )
    assert (case.category.code, case.area, case.title) == ("garbage", world.grid_a1, "小区垃圾未及时清运")
    assert body["received_at"] == "2024-09-30T10:00:00+08:00"
    assert body["reporter_phone"] == "138****5678" and "13812345678" not in response.content.decode()
    assert [e["action"] for e in body["timeline"]] == ["create"]
    assert body["timeline"][0]["actor"] == {"username": "worker_a", "name": "李社工"}
    assert CaseEvent.objects.get().actor == world.worker_a
    assert not IdempotencyKey.objects.exists()


def test_it_stores_the_optional_fields(client, world, token):
    body = case_body(
        world,
        source="dispute",
        latitude=40.812345,
        longitude=111.654321,
        people_count=3,
        parties="张三\n李四",
        external_number="",
        anonymous=True,
    )
    response = call(client, "post", URL, body, token=token)
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert (float(case.latitude), float(case.longitude), case.people_count) == (40.812345, 111.654321, 3)
    assert case.parties == "张三\n李四" and case.number.startswith("TJ2024")
    # Anonymous: neither the name nor the phone is kept.
    assert (case.reporter_name, case.reporter_phone_masked) == ("", "")


def test_a_retry_with_the_same_key_returns_the_first_answer_and_creates_nothing(client, world, token):
    first = call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "order-42"})
    assert first.status_code == 201
    # The case moves on meanwhile; the retry still gets the first answer, byte for byte.
    Case.objects.update(title="改过的标题")
    retry = call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "order-42"})
    assert retry.status_code == 201
    assert retry.content == first.content
    assert retry.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert Case.objects.count() == 1 and CaseEvent.objects.count() == 1
    assert IdempotencyKey.objects.get().response == first.content.decode()


def test_the_same_body_with_keys_in_another_order_is_the_same_request(client, world, token):
    body = case_body(world)
    call(client, "post", URL, body, token=token, **{"Idempotency-Key": "k1"})
    reordered = dict(reversed(list(body.items())))
    assert call(client, "post", URL, reordered, token=token, **{"Idempotency-Key": "k1"}).status_code == 201
    assert Case.objects.count() == 1


def test_the_same_key_with_a_different_body_is_refused(client, world, token):
    call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "order-42"})
    response = call(
        client,
        "post",
        URL,
        case_body(world, title="另一件事"),
        token=token,
        **{"Idempotency-Key": "order-42"},
    )
    assert response.status_code == 422
    assert response.json() == {"code": "idempotency_key_reused", "message": MSG_KEY_REUSED, "fields": {}}
    assert Case.objects.count() == 1


def test_keys_belong_to_their_user(client, world, token):
    call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "order-42"})
    other = token_for(world.grid_a1_worker)
    response = call(client, "post", URL, case_body(world), token=other, **{"Idempotency-Key": "order-42"})
    assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
    assert Case.objects.count() == 2


def test_without_a_key_each_post_creates_a_case(client, world, token):
    call(client, "post", URL, case_body(world), token=token)
    call(client, "post", URL, case_body(world), token=token)
    assert Case.objects.count() == 2


def test_a_failed_create_remembers_nothing_and_its_retry_runs_again(client, world, token, categories):
    categories["garbage"].active = False
    categories["garbage"].save()
    failed = call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "k"})
    assert failed.status_code == 422
    assert failed.json()["fields"] == {"category": ["分类“垃圾清运”已停用或不存在"]}
    assert not IdempotencyKey.objects.exists() and not Case.objects.exists()
    categories["garbage"].active = True
    categories["garbage"].save()
    assert (
        call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "k"}).status_code
        == 201
    )


def test_an_overlong_key_is_refused(client, world, token):
    response = call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "k" * 256})
    assert response.status_code == 422
    message = "Idempotency-Key 应为1至255个可见的ASCII字符"
    assert response.json() == {
        "code": "invalid",
        "message": message,
        "fields": {"Idempotency-Key": [message]},
    }
    assert not Case.objects.exists()
    assert (
        call(client, "post", URL, case_body(world), token=token, **{"Idempotency-Key": "k" * 255}).status_code
        == 201
    )


def test_unknown_codes_are_named_in_chinese(client, world, token):
    response = call(client, "post", URL, case_body(world, category="nope"), token=token)
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "message": "分类代码“nope”不存在",
        "fields": {"category": ["分类代码“nope”不存在"]},
    }
    response = call(client, "post", URL, case_body(world, area="999999"), token=token)
    assert response.json()["fields"] == {"area": ["区划代码“999999”不存在或不在您的辖区"]}
    assert not Case.objects.exists()


def test_an_area_outside_the_users_scope_is_unknown(client, world, token):
    response = call(client, "post", URL, case_body(world, area=world.grid_b1.code), token=token)
    assert response.status_code == 422
    assert response.json()["fields"] == {"area": [f"区划代码“{world.grid_b1.code}”不存在或不在您的辖区"]}


def test_service_rules_come_back_as_field_errors(client, world, categories):
    token = token_for(world.leader)
    response = call(client, "post", URL, case_body(world, area=world.street.code), token=token)
    assert response.status_code == 422
    assert response.json()["fields"] == {"area": ["工单所属区域应为社区或网格"]}
    response = call(client, "post", URL, case_body(world, title="   "), token=token)
    assert response.json()["fields"] == {"title": ["标题不能为空"]}
    response = call(client, "post", URL, case_body(world, reporter_phone="12"), token=token)
    assert list(response.json()["fields"]) == ["reporter_phone"]
    assert not Case.objects.exists()


def test_a_duplicate_upstream_number_is_refused(client, world, token):
    call(client, "post", URL, case_body(world, external_number="2024093000123"), token=token)
    response = call(client, "post", URL, case_body(world, external_number="2024093000123"), token=token)
    assert response.status_code == 422
    # The model's constraint answers (full_clean) before the service's own keyed check.
    assert response.json() == {"code": "invalid", "message": "该上游工单编号已存在", "fields": {}}
    assert Case.objects.count() == 1


def test_a_malformed_body_gets_chinese_field_errors(client, world, token):
    body = {"source": "phone", "title": 5, "latitude": "北纬", "people_count": 0, "colour": "red"}
    response = call(client, "post", URL, body, token=token)
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid"
    assert error["fields"] == {
        "source": [
            "来源取值无效，可选：hotline、grid、petition、dispute、hazard、river、resident、enforcement、other"
        ],
        "category": ["分类代码为必填项"],
        "area": ["区划代码为必填项"],
        "title": ["标题应为字符串"],
        "latitude": ["纬度应为数值"],
        "people_count": ["涉及人数不能小于1"],
        "colour": ["不支持的字段“colour”"],
    }
    assert error["message"].startswith("来源取值无效")
    assert not Case.objects.exists()


def test_bad_dates_and_lengths_are_explained(client, world, token):
    body = case_body(world, received_at="昨天", title="长" * 121, latitude=40.1234567)
    fields = call(client, "post", URL, body, token=token).json()["fields"]
    assert fields == {
        "received_at": ["受理时间应为 ISO 8601 日期时间，如 2024-09-30T10:00:00+08:00"],
        "title": ["标题不能超过120个字符"],
        "latitude": ["纬度最多6位小数"],
    }


def test_a_body_that_is_not_json_or_not_an_object_is_refused(client, world, token):
    response = call(client, "post", URL, "{not json", token=token)
    assert response.status_code == 400
    assert response.json() == {
        "code": "bad_request",
        "message": "请求体无法解析：应为 UTF-8 编码的 JSON",
        "fields": {},
    }
    response = call(client, "post", URL, "[1, 2]", token=token)
    assert response.status_code == 422
    assert response.json()["message"] == "请求内容应为 JSON 对象"


def test_a_naive_time_is_beijing_time(client, world, token):
    response = call(client, "post", URL, case_body(world, received_at="2024-09-30T10:00:00"), token=token)
    assert response.json()["received_at"] == "2024-09-30T10:00:00+08:00"


def test_roles_without_the_permission_are_refused(client, world, categories):
    for user in (world.auditor, world.sysadmin):
        response = call(client, "post", URL, case_body(world), token=token_for(user))
        assert response.status_code == 403
        assert response.json() == {"code": "forbidden", "message": "您没有权限进行此操作", "fields": {}}
    assert not Case.objects.exists()
