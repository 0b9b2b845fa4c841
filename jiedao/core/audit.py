"""Writing the audit log. Call `audit_record` inside the transaction of the change it records."""

from django.conf import settings
from django.db.models import Model

from jiedao.core.models.audit import AuditEvent, AuditLog


def client_ip(request) -> str | None:
    if request is None:
        return None
    if getattr(settings, "JIEDAO_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    event: AuditEvent,
    *,
    request=None,
    user=None,
    username: str = "",
    obj: Model | None = None,
    success: bool = True,
    **detail,
) -> AuditLog:
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    return AuditLog.objects.create(
        event=event,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        ip=client_ip(request),
        path=(request.get_full_path() if request is not None else "")[:300],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        success=success,
        detail=detail,
    )
