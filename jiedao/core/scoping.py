"""The one scoping rule: a user sees what lies under the areas they hold an active role on.

Every domain queryset inherits `ScopedQuerySet` and names the field that holds its area; every list, detail,
search, export, API and admin view goes through `for_user(user)`. Out of scope is indistinguishable from
missing: `get_for_user_or_404` raises 404 either way (and leaves an audit row when the object does exist).
"""

from django.db.models import Q, QuerySet
from django.http import Http404


def scope_paths(user) -> list[str] | None:
    """Area paths the user may see; None means unrestricted (superuser). Cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cached = getattr(user, "_jiedao_scope_paths", None)
    if cached is None:
        from jiedao.core.models import RoleAssignment

        paths = set(RoleAssignment.objects.active().filter(user=user).values_list("area__path", flat=True))
        # An area nested under another held area adds nothing.
        cached = sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
        user._jiedao_scope_paths = cached
    return cached


def covers(paths: list[str] | None, path: str) -> bool:
    """Whether an area at `path` lies in the scope `paths` (as returned by scope_paths; None: everything)."""
    return paths is None or any(path.startswith(p) for p in paths)


def touches(paths: list[str] | None, path: str) -> bool:
    """Whether the scope `paths` covers the area at `path` or holds something inside it (a grid worker
    touches their community: it is named to them, though they may not write to it)."""
    return paths is None or any(path.startswith(p) or p.startswith(path) for p in paths)


def forget_scope(user) -> None:
    """Drop the cached scope, after the user's roles changed."""
    if hasattr(user, "_jiedao_scope_paths"):
        del user._jiedao_scope_paths


def scope_q(user, field: str) -> Q:
    """A Q object selecting rows whose area (reached through `field`, "" for Area itself) is in scope."""
    paths = scope_paths(user)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    q = Q()
    for path in paths:
        q |= Q(**{lookup: path})
    return q


class ScopedQuerySet(QuerySet):
    scope_field = "area"

    def for_user(self, user):
        return self.filter(scope_q(user, self.scope_field))


def get_for_user_or_404(queryset, user, *, request=None, **lookup):
    """The object matching `lookup` within the user's scope, else 404 (audited when it exists elsewhere)."""
    try:
        return queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist:
        hidden = queryset.filter(**lookup).first()
        if hidden is not None:
            from jiedao.core.audit import audit_record
            from jiedao.core.models import AuditEvent

            audit_record(AuditEvent.OUT_OF_SCOPE, request=request, user=user, obj=hidden, success=False)
        raise Http404("未找到该记录") from None
