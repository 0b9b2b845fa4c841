"""Personal API tokens: printed once by `jiedao apitoken create`, stored as a hash, acting as their user,
refused once revoked — and listed, never shown, in 系统管理."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jiedao.api.auth import MSG_TOKEN_INVALID
from jiedao.api.errors import MSG_UNAUTHORIZED
from jiedao.api.models import ApiToken
from jiedao.api.services import COMMAND_LINE, apitoken_create, apitoken_revoke
from jiedao.core.models import AuditEvent, AuditLog
from tests.api.helpers import call

URL = "/api/v1/areas"


def an_api_token(world) -> ApiToken:
    """The token tests/test_urls.py opens in the admin."""
    return apitoken_create(user=world.worker_a, name="数据同步")[0]


def _create(*args) -> tuple[str, str]:
    out = StringIO()
    call_command("apitoken", "create", *args, stdout=out)
    *message, plain = out.getvalue().strip().splitlines()
    return "\n".join(message), plain


def test_the_command_prints_a_token_that_works(client, world):
    message, plain = _create("worker_a", "数据同步")
    token = ApiToken.objects.get()
    assert (
        message == f"已为账号“worker_a”生成API令牌“数据同步”（编号 {token.pk}），仅显示这一次，请妥善保存："
    )
    assert (token.user, token.name, token.revoked_at) == (world.worker_a, "数据同步", None)
    assert token.key_hash == hashlib.sha256(plain.encode()).hexdigest() and plain.startswith(token.prefix)
    response = call(client, "get", URL, token=plain)
    assert response.status_code == 200
    assert {a["code"] for a in response.json()} == {
        world.community_a.code,
        world.grid_a1.code,
        world.grid_a2.code,
    }
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_command_revokes_a_token(client, world):
    _, plain = _create("worker_a", "数据同步")
    token = ApiToken.objects.get()
    out = StringIO()
    call_command("apitoken", "revoke", str(token.pk), stdout=out)
    assert out.getvalue().strip() == f"已吊销账号“worker_a”的API令牌“数据同步”（{token.prefix}…）"
    response = call(client, "get", URL, token=plain)
    assert response.status_code == 401
    assert response.json() == {"code": "token_invalid", "message": MSG_TOKEN_INVALID, "fields": {}}
    first_revocation = ApiToken.objects.get().revoked_at
    call_command("apitoken", "revoke", str(token.pk), stdout=out)
    assert ApiToken.objects.get().revoked_at == first_revocation
    # Made and revoked once each, from the command line: two audit rows, the second revocation none.
    rows = AuditLog.objects.filter(object_type="api.ApiToken", object_id=str(token.pk)).order_by("pk")
    assert [(r.event, r.username, r.detail["owner"]) for r in rows] == [
        (AuditEvent.CREDENTIAL_CREATED, COMMAND_LINE, "worker_a"),
        (AuditEvent.CREDENTIAL_REVOKED, COMMAND_LINE, "worker_a"),
    ]


def test_the_command_refuses_bad_input(world):
    with pytest.raises(CommandError, match="账号“nobody”不存在"):
        _create("nobody", "x")
    with pytest.raises(CommandError, match="令牌名称不能为空"):
        _create("worker_a", "  ")
    world.worker_b.is_active = False
    world.worker_b.save()
    with pytest.raises(CommandError, match="已停用"):
        _create("worker_b", "x")
    with pytest.raises(CommandError, match="令牌编号 999 不存在"):
        call_command("apitoken", "revoke", "999", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_a_wrong_or_missing_credential_is_401_in_chinese(client, world):
    apitoken_create(user=world.worker_a, name="x")
    for token in ("jdapi_wrong", "not-even-ours"):
        response = call(client, "get", URL, token=token)
        assert response.status_code == 401
        assert response.json()["message"] == MSG_TOKEN_INVALID
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    response = call(client, "get", URL)
    assert response.status_code == 401
    assert response.json() == {"code": "unauthorized", "message": MSG_UNAUTHORIZED, "fields": {}}


def test_a_token_stops_with_its_account(client, world):
    plain = apitoken_create(user=world.worker_a, name="x")[1]
    assert call(client, "get", URL, token=plain).status_code == 200
    world.worker_a.is_active = False
    world.worker_a.save()
    assert call(client, "get", URL, token=plain).status_code == 401


def test_a_token_acts_as_its_user_only(client, world):
    plain = apitoken_create(user=world.worker_b, name="x")[1]
    response = call(client, "get", URL, token=plain)
    assert {a["code"] for a in response.json()} == {world.community_b.code, world.grid_b1.code}
    assert call(client, "get", URL, token=apitoken_create(user=world.auditor, name="x")[1]).status_code == 403


def test_a_wrong_token_is_not_rescued_by_a_session(client, world):
    client.force_login(world.worker_a)
    assert call(client, "get", URL).status_code == 200
    assert call(client, "get", URL, token="jdapi_wrong").status_code == 401


def test_the_admin_lists_tokens_without_their_hash_and_revokes_them(client, world):
    token, plain = apitoken_create(user=world.worker_a, name="数据同步")
    client.force_login(world.sysadmin)
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert token.prefix in page and token.key_hash not in page and plain not in page
    response = client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    revoked_at = token.revoked_at
    assert revoked_at is not None
    assert apitoken_revoke(token=token).revoked_at == revoked_at  # revoking again keeps the first time
    revoked = AuditLog.objects.get(event=AuditEvent.CREDENTIAL_REVOKED)
    assert (revoked.user, revoked.object_id, revoked.detail["prefix"]) == (
        world.sysadmin,
        str(token.pk),
        token.prefix,
    )
    assert call(client, "get", URL, token=plain).status_code == 401
