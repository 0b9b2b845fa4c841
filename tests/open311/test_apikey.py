"""API keys: stored as a hash, shown once — by `jiedao apikey create` and by the admin."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jiedao.cases.models import Case
from jiedao.core.models import AuditEvent, AuditLog
from jiedao.open311.models import ApiKey
from jiedao.open311.services import apikey_create


def an_api_key(world) -> ApiKey:
    """The key tests/test_urls.py opens in the admin."""
    return apikey_create(name="随手拍App", area=world.community_a)[0]


def test_it_prints_a_key_that_works(client, world, categories):
    out = StringIO()
    call_command("apikey", "create", "随手拍App", "--area", world.community_a.code, stdout=out)
    plain = out.getvalue().strip().splitlines()[-1]
    apikey = ApiKey.objects.get()
    assert (apikey.name, apikey.area, apikey.active) == ("随手拍App", world.community_a, True)
    assert apikey.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain.startswith(apikey.key_prefix)
    data = {"api_key": plain, "service_code": "garbage", "address_string": "幸福小区"}
    assert client.post("/open311/v2/requests.json", data).status_code == 201
    assert Case.objects.get().area == world.community_a


def test_it_refuses_an_unknown_area_or_the_street(world):
    with pytest.raises(CommandError, match="不存在"):
        call_command("apikey", "create", "App", "--area", "999", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("apikey", "create", "App", "--area", world.street.code, stdout=StringIO())
    assert not ApiKey.objects.exists()


def test_it_shows_the_key_once_when_added_in_the_admin(client, world):
    client.force_login(world.sysadmin)
    response = client.post(
        "/admin/open311/apikey/add/", {"name": "随手拍App", "area": world.grid_a1.pk}, follow=True
    )
    apikey = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"] if "仅显示这一次" in str(m)]
    (message,) = shown
    plain = message.rsplit("：", 1)[1]
    assert apikey.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in client.get(f"/admin/open311/apikey/{apikey.pk}/change/").content.decode()
    created = AuditLog.objects.get(event=AuditEvent.CREDENTIAL_CREATED)
    assert (created.user, created.object_id, created.detail) == (
        world.sysadmin,
        str(apikey.pk),
        {"credential": "open311_apikey", "prefix": apikey.key_prefix},
    )


def test_it_deactivates_keys_in_the_admin(client, world):
    call_command("apikey", "create", "App", stdout=StringIO())
    client.force_login(world.sysadmin)
    response = client.post(
        "/admin/open311/apikey/",
        {"action": "deactivate", "_selected_action": [ApiKey.objects.get().pk]},
    )
    assert response.status_code == 302
    assert not ApiKey.objects.get().active
    assert AuditLog.objects.filter(event=AuditEvent.CREDENTIAL_REVOKED, user=world.sysadmin).count() == 1
    client.post(
        "/admin/open311/apikey/", {"action": "deactivate", "_selected_action": [ApiKey.objects.get().pk]}
    )
    assert AuditLog.objects.filter(event=AuditEvent.CREDENTIAL_REVOKED).count() == 1  # already inactive
