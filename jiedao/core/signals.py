"""Login, logout and failed-login audit rows."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    audit_record(AuditEvent.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(AuditEvent.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    from jiedao.core.services.accounts import login_failure_noted

    login_failure_noted(username=str(credentials.get("username", ""))[:150], request=request)
