"""Reads that are more than a filter."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from jiedao.core.models import Area, AreaChange, AreaLevel, AuditLog, RoleAssignment
from jiedao.core.scoping import covers, scope_paths, touches


def communities_by_name(user, *, touching: bool = False) -> dict[str, Area]:
    """The current communities by name that an import may name: those the user's scope covers, or with
    `touching` also those the user holds something inside. `user` None (the command line): all of them."""
    paths = None if user is None else scope_paths(user)
    reach = touches if touching else covers
    return {a.name: a for a in Area.objects.communities().current() if reach(paths, a.path)}


def area_search(
    *, user, q: str = "", level: str = "", community_type: str = "", status: str = "current"
) -> QuerySet:
    areas = Area.objects.for_user(user).select_related("parent")
    if status in ("", "current"):
        areas = areas.filter(valid_to__isnull=True)
    elif status == "retired":
        areas = areas.filter(valid_to__isnull=False)
    if q:
        areas = areas.filter(Q(name__icontains=q) | Q(code__startswith=q))
    if level:
        areas = areas.filter(level=level)
    if community_type:
        areas = areas.filter(community_type=community_type)
    return areas.annotate(
        current_children=Count("children", filter=Q(children__valid_to__isnull=True))
    ).order_by("path")


def area_changes_involving(area: Area) -> QuerySet:
    return (
        AreaChange.objects.filter(Q(sources=area) | Q(results=area))
        .distinct()
        .prefetch_related("sources", "results")
    )


def area_role_holders(area: Area, *, on: date | None = None) -> QuerySet:
    return (
        RoleAssignment.objects.active(on)
        .filter(area=area)
        .select_related("user", "office")
        .order_by("role", "user__username")
    )


def scope_summary(user) -> list[dict]:
    """For each area the user holds a role on: the area and how many current communities and grids lie under it."""
    held = {
        a.area_id: a.area
        for a in RoleAssignment.objects.active().filter(user=user).select_related("area__parent")
    }
    summary = []
    for area in sorted(held.values(), key=lambda a: a.path):
        under = Area.objects.under(area).filter(valid_to__isnull=True)
        summary.append(
            {
                "area": area,
                "communities": under.filter(level=AreaLevel.COMMUNITY).count(),
                "grids": under.filter(level=AreaLevel.GRID).count(),
            }
        )
    return summary


def audit_search(
    *, username: str = "", event: str = "", success: str = "", date_from=None, date_to=None
) -> QuerySet:
    logs = AuditLog.objects.all()
    if username:
        logs = logs.filter(username__icontains=username)
    if event:
        logs = logs.filter(event=event)
    if success in ("0", "1"):
        logs = logs.filter(success=success == "1")
    if date_from:
        logs = logs.filter(at__date__gte=date_from)
    if date_to:
        logs = logs.filter(at__date__lte=date_to)
    return logs.order_by("-at", "-id")
