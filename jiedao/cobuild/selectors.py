"""Searching and counting the co-building ledgers.

The list pages and the Excel exports read the same raw GET parameters through these functions, so an export
link carrying a list page's query string exports exactly the rows the page lists. A malformed value is
ignored here (the page's filter form shows the error).
"""

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.dateparse import parse_date

from jiedao.cobuild.models import BinKind, ItemStatus, ListKind, RectificationCategory, RectificationStatus


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _exact(qs: QuerySet, params: Mapping[str, str], fields: dict[str, set[str]]) -> QuerySet:
    for field, allowed in fields.items():
        value = params.get(field)
        if value in allowed:
            qs = qs.filter(**{field: value})
    return qs


def in_community(qs: QuerySet, params: Mapping[str, str], field: str = "area") -> QuerySet:
    community = _int(params.get("community"))
    return qs.filter(**{f"{field}_id": community}) if community else qs


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with two decimals, like the indicators (None for an empty whole)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# 三项清单 ------------------------------------------------------------------------------------------------


def item_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (事项、共建单位、小区), kind, status, year, community."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(partner__contains=q) | Q(compound__name__contains=q))
    qs = _exact(qs, params, {"kind": set(ListKind.values), "status": set(ItemStatus.values)})
    year = _int(params.get("year"))
    if year:
        qs = qs.filter(year=year)
    return in_community(qs, params)


def item_totals(qs: QuerySet) -> dict:
    totals = qs.aggregate(
        total=Count("pk"), **{s: Count("pk", filter=Q(status=s)) for s in ItemStatus.values}
    )
    totals["rate"] = rate(totals[ItemStatus.COMPLETED], totals["total"])
    return totals


# 创城整改 -------------------------------------------------------------------------------------------------


def rectification_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (事项、小区), category, status, community, overdue, date_from/date_to (发现日期)."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(item__contains=q) | Q(compound__name__contains=q))
    qs = _exact(
        qs, params, {"category": set(RectificationCategory.values), "status": set(RectificationStatus.values)}
    )
    if params.get("overdue") == "1":
        qs = qs.filter(overdue_q())
    start, end = _date(params.get("date_from")), _date(params.get("date_to"))
    if start:
        qs = qs.filter(found_on__gte=start)
    if end:
        qs = qs.filter(found_on__lte=end)
    return in_community(qs, params)


def overdue_q(today: date | None = None) -> Q:
    """Past the deadline and not rectified yet (today), or rectified after the deadline."""
    from django.db.models import F

    today = today or timezone.localdate()
    open_late = ~Q(status=RectificationStatus.DONE) & Q(deadline__lt=today)
    return open_late | Q(status=RectificationStatus.DONE, rectified_on__gt=F("deadline"))


def rectification_totals(qs: QuerySet) -> dict:
    totals = qs.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue_q()),
        **{s: Count("pk", filter=Q(status=s)) for s in RectificationStatus.values},
    )
    totals["rate"] = rate(totals[RectificationStatus.DONE], totals["total"])
    return totals


# 垃圾分类 -------------------------------------------------------------------------------------------------


def waste_rows(compounds: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """Compounds with their four bin counts (None: no bins of that category) and the total: q (小区),
    community, covered ("1": with bins, "0": without)."""
    q = (params.get("q") or "").strip()
    if q:
        compounds = compounds.filter(name__contains=q)
    compounds = in_community(compounds, params)
    compounds = compounds.annotate(
        total=Sum("waste_facilities__count"),
        **{
            kind: Sum("waste_facilities__count", filter=Q(waste_facilities__kind=kind))
            for kind in BinKind.values
        },
    )
    covered = params.get("covered")
    if covered == "1":
        compounds = compounds.filter(total__gt=0)
    elif covered == "0":
        compounds = compounds.filter(Q(total__isnull=True) | Q(total=0))
    return compounds


def waste_totals(rows: QuerySet) -> dict:
    rows = list(rows.values_list("total", flat=True))
    covered = sum(1 for total in rows if total)
    return {"compounds": len(rows), "covered": covered, "bins": sum(t or 0 for t in rows)}


# 物管会 ---------------------------------------------------------------------------------------------------


def committee_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (小区、主任), community, state ("active" / "dissolved")."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(compound__name__contains=q) | Q(director__contains=q))
    state = params.get("state")
    if state == "active":
        qs = qs.filter(dissolved_on__isnull=True)
    elif state == "dissolved":
        qs = qs.filter(dissolved_on__isnull=False)
    return in_community(qs, params)


def compounds_without_committee(compounds: QuerySet, params: Mapping[str, str], on: date) -> QuerySet:
    """Compounds with no committee in office on `on` (the community filter applies)."""
    from jiedao.cobuild.models import PropertyCommittee

    active = PropertyCommittee.objects.active_on(on).values("compound")
    return in_community(compounds, params).exclude(pk__in=active)
