from django.urls import reverse

from jiedao.core.forms import MSG_INVALID_LOGIN
from jiedao.core.models import AuditEvent, AuditLog
from jiedao.core.services.accounts import login_locked_message
from tests.conftest import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_logs_in_lands_on_the_workbench_and_audits(client, world):
    response = login(client, "worker_a", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("workbench")
    row = AuditLog.objects.get(event=AuditEvent.LOGIN)
    assert (row.username, row.ip, row.success) == ("worker_a", "127.0.0.1", True)


def test_it_gives_the_same_message_for_a_wrong_password_and_an_unknown_account(client, world):
    wrong = login(client, "worker_a", "wrong-password")
    unknown = login(client, "no_such_user", "wrong-password")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [MSG_INVALID_LOGIN]
    failures = AuditLog.objects.filter(event=AuditEvent.LOGIN_FAILED, success=False)
    assert sorted(failures.values_list("username", flat=True)) == ["no_such_user", "worker_a"]


def test_it_locks_an_account_after_repeated_failures(client, world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "worker_a", "wrong-password")
    assert AuditLog.objects.filter(event=AuditEvent.ACCOUNT_LOCKED, username="worker_a").count() == 1
    response = login(client, "worker_a", PASSWORD)  # even the right password is refused while locked
    assert response.context["form"].non_field_errors() == [login_locked_message()]
    assert "_auth_user_id" not in client.session
    # Another account is unaffected.
    assert login(client, "worker_b", PASSWORD).status_code == 302


def test_it_logs_out_with_a_post_and_audits(client, world):
    client.force_login(world.worker_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert AuditLog.objects.filter(event=AuditEvent.LOGOUT, username="worker_a").exists()


def test_it_audits_a_permission_denial(client, world):
    client.force_login(world.auditor)
    assert client.get(reverse("area_list")).status_code == 403
    row = AuditLog.objects.get(event=AuditEvent.PERMISSION_DENIED)
    assert (row.username, row.detail["perm"], row.path) == ("auditor", "core.view_area", "/areas/")


def test_it_renders_the_login_page_in_chinese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "工作人员登录" in page and "账号" in page and "密码" in page
