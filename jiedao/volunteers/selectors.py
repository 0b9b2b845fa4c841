"""Searching and counting the volunteer ledgers (list pages and exports read the same GET parameters)."""

from collections.abc import Mapping
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.dateparse import parse_date

from jiedao.volunteers.models import TeamKind


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def in_community(qs: QuerySet, params: Mapping[str, str], field: str = "area") -> QuerySet:
    """`community`: records placed on the community or one of its grids."""
    community = _int(params.get("community"))
    if community:
        qs = qs.filter(Q(**{f"{field}_id": community}) | Q(**{f"{field}__parent_id": community}))
    return qs


def team_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (队伍名称、队长), kind, community, state ("active" / "dissolved")."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(leader__contains=q))
    if params.get("kind") in TeamKind.values:
        qs = qs.filter(kind=params["kind"])
    state = params.get("state")
    if state == "active":
        qs = qs.filter(dissolved_on__isnull=True)
    elif state == "dissolved":
        qs = qs.filter(dissolved_on__isnull=False)
    return in_community(qs, params)


def with_figures(teams: QuerySet) -> QuerySet:
    """Teams with their active members, service records and total hours (subqueries: no row multiplication)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from jiedao.volunteers.models import ServiceRecord, VolunteerMember

    members = (
        VolunteerMember.objects.filter(team=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    records = ServiceRecord.objects.filter(team=OuterRef("pk")).order_by().values("team")
    return teams.annotate(
        member_count=Coalesce(Subquery(members), 0),
        record_count=Coalesce(Subquery(records.annotate(n=Count("pk")).values("n")), 0),
        total_hours=Subquery(records.annotate(h=Sum("hours")).values("h")),
    )


def service_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (服务主题、队伍), kind (team's), team, community, date_from/date_to (服务日期)."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(team__name__contains=q))
    if params.get("kind") in TeamKind.values:
        qs = qs.filter(team__kind=params["kind"])
    team = _int(params.get("team"))
    if team:
        qs = qs.filter(team_id=team)
    start, end = _date(params.get("date_from")), _date(params.get("date_to"))
    if start:
        qs = qs.filter(served_on__gte=start)
    if end:
        qs = qs.filter(served_on__lte=end)
    return in_community(qs, params)


def service_totals(qs: QuerySet) -> dict:
    return qs.aggregate(
        total=Count("pk"),
        volunteers=Sum("volunteers"),
        hours=Sum("hours"),
        people=Sum("people_served"),
    )
