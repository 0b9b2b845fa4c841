"""Searching the party, integrity and honour ledgers. The list pages and the Excel exports read the same raw GET
parameters through these functions, so an export link carrying a list page's query string exports exactly the
rows the page lists. A malformed value is ignored here (the page's filter form shows the error)."""

from collections.abc import Mapping
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.dateparse import parse_date

from jiedao.party.models import (
    BranchKind,
    DisciplineKind,
    DutyKind,
    HonourKind,
    MemberStatus,
    TitleKind,
)


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _in_area(qs: QuerySet, params: Mapping[str, str], field: str = "area") -> QuerySet:
    """`area`: records placed on that area or anywhere under it."""
    area = _int(params.get("area"))
    if area:
        from jiedao.core.models import Area

        target = Area.objects.filter(pk=area).first()
        if target is not None:
            qs = qs.filter(**{f"{field}__path__startswith": target.path})
    return qs


def _exact(qs: QuerySet, params: Mapping[str, str], fields: dict[str, set[str]]) -> QuerySet:
    for field, allowed in fields.items():
        value = params.get(field)
        if value in allowed:
            qs = qs.filter(**{field: value})
    return qs


def _between(qs: QuerySet, field: str, params: Mapping[str, str]) -> QuerySet:
    start, end = _date(params.get("date_from")), _date(params.get("date_to"))
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _year(qs: QuerySet, params: Mapping[str, str], field: str = "year") -> QuerySet:
    year = _int(params.get("year"))
    return qs.filter(**{field: year}) if year else qs


def _q(params: Mapping[str, str]) -> str:
    return (params.get("q") or "").strip()


def branch_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name or secretary), kind, active (1/0), title + year (branches holding that title), area."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(secretary__contains=q))
    qs = _exact(qs, params, {"kind": set(BranchKind.values)})
    if params.get("active") in ("1", "0"):
        qs = qs.filter(active=params["active"] == "1")
    title, year = params.get("title"), _int(params.get("year"))
    if title in TitleKind.values or year:
        titles = Q()
        if title in TitleKind.values:
            titles &= Q(titles__title=title)
        if year:
            titles &= Q(titles__year=year)
        qs = qs.filter(pk__in=qs.model.objects.filter(titles).values("pk"))
    counted = Count("members", filter=Q(members__transferred_out_on=None))
    # Meta.ordering does not apply to a grouped query: order explicitly.
    return _in_area(qs, params).annotate(member_count=counted).order_by("area__path", "name")


def member_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name or branch), branch, status, current (1: not transferred out), area, date_from/date_to (入党日期)."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(branch__name__contains=q))
    branch = _int(params.get("branch"))
    if branch:
        qs = qs.filter(branch_id=branch)
    qs = _exact(qs, params, {"status": set(MemberStatus.values)})
    if params.get("current") == "1":
        qs = qs.filter(transferred_out_on__isnull=True)
    return _between(_in_area(qs, params), "joined_party_on", params)


def duty_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name or account), duty, on (held on that date), area."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(user__full_name__contains=q) | Q(user__username__icontains=q))
    qs = _exact(qs, params, {"duty": set(DutyKind.values)})
    on = _date(params.get("on"))
    if on:
        qs = qs.active_on(on)
    return _in_area(qs, params)


def archive_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name, unit or post), year, area, date_from/date_to (建档日期)."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(person_name__contains=q) | Q(unit__contains=q) | Q(post__contains=q))
    return _between(_in_area(_year(qs, params), params), "filed_on", params)


def discipline_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name, unit or reason), kind, area, date_from/date_to (处理日期)."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(person_name__contains=q) | Q(unit__contains=q) | Q(reason__contains=q))
    qs = _exact(qs, params, {"kind": set(DisciplineKind.values)})
    return _between(_in_area(qs, params), "occurred_on", params)


def discipline_totals(qs: QuerySet) -> dict[str, int]:
    return qs.aggregate(
        total=Count("pk"), **{kind: Count("pk", filter=Q(kind=kind)) for kind in DisciplineKind.values}
    )


def honour_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (name, awarding body, compound), kind, year, area."""
    q = _q(params)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(awarded_by__contains=q) | Q(compound__name__contains=q))
    qs = _exact(qs, params, {"kind": set(HonourKind.values)})
    return _in_area(_year(qs, params), params)
