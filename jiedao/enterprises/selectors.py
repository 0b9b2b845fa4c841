"""Searching and counting the economic directory.

The list pages and the Excel exports read the same raw GET parameters through these functions, so an export
link carrying a list page's query string exports exactly the rows the page lists. A malformed value is
ignored here (the page's filter form shows the error).
"""

import re
from collections.abc import Mapping
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.dateparse import parse_date

from jiedao.enterprises.models import (
    EnterpriseKind,
    EnterpriseStatus,
    Industry,
    LeadSource,
    LeadStage,
    Scale,
    VisitResult,
)
from jiedao.lib.uscc import UsccError, normalize_uscc

_LETTERS = re.compile(r"^[A-Za-z]+$")


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _pk(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _uscc(q: str) -> str | None:
    try:
        return normalize_uscc(q)
    except UsccError:
        return None


def _in_areas(qs: QuerySet, params: Mapping[str, str], field: str = "area") -> QuerySet:
    """`community`: records placed on the community or one of its grids; `grid`: on that grid."""
    community, grid = _pk(params.get("community")), _pk(params.get("grid"))
    if community:
        qs = qs.filter(Q(**{f"{field}_id": community}) | Q(**{f"{field}__parent_id": community}))
    if grid:
        qs = qs.filter(**{f"{field}_id": grid})
    return qs


def _between(qs: QuerySet, field: str, params: Mapping[str, str]) -> QuerySet:
    start, end = _date(params.get("date_from")), _date(params.get("date_to"))
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _exact(qs: QuerySet, params: Mapping[str, str], fields: dict[str, set[str]]) -> QuerySet:
    for field, allowed in fields.items():
        value = params.get(field)
        if value in allowed:
            qs = qs.filter(**{field: value})
    return qs


def enterprise_search(qs: QuerySet, q: str, prefix: str = "") -> QuerySet:
    """One box: an exact USCC, pinyin initials ("hhht" finds 呼和浩特…), or part of the name or address."""
    q = (q or "").strip()
    if not q:
        return qs
    code = _uscc(q)
    if code:
        return qs.filter(**{f"{prefix}uscc": code})
    if _LETTERS.match(q):
        return qs.filter(
            Q(**{f"{prefix}name_initials__startswith": q.lower()}) | Q(**{f"{prefix}name__icontains": q})
        )
    return qs.filter(Q(**{f"{prefix}name__contains": q}) | Q(**{f"{prefix}address__contains": q}))


def enterprise_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """The enterprise list's filters: q, industry, scale, kind, status, community, grid, date_from/date_to
    (入库日期)."""
    qs = enterprise_search(qs, params.get("q", ""))
    qs = _exact(
        qs,
        params,
        {
            "industry": set(Industry.values),
            "scale": set(Scale.values),
            "kind": set(EnterpriseKind.values),
            "status": set(EnterpriseStatus.values),
        },
    )
    return _between(_in_areas(qs, params), "registered_on", params)


def enterprise_totals(qs: QuerySet) -> dict[str, int]:
    return qs.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in EnterpriseStatus.values},
    )


def visit_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """The visit list's filters: q (enterprise), result, community, grid, date_from/date_to (核查日期)."""
    qs = enterprise_search(qs, params.get("q", ""), prefix="enterprise__")
    qs = _exact(qs, params, {"result": set(VisitResult.values)})
    return _between(_in_areas(qs, params), "visited_on", params)


def visit_totals(qs: QuerySet) -> dict[str, int]:
    return qs.aggregate(
        total=Count("pk"),
        enterprises=Count("enterprise", distinct=True),
        **{result: Count("pk", filter=Q(result=result)) for result in VisitResult.values},
    )


def lead_filter(qs: QuerySet, params: Mapping[str, str], *, with_stage: bool = True) -> QuerySet:
    """The lead list's filters: q (name), industry, source, community, grid, date_from/date_to (接洽日期),
    and stage unless `with_stage` is False (the pipeline counts every stage under the other filters)."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(contact_name=q) | Q(enterprise__name__contains=q))
    fields = {"industry": set(Industry.values), "source": set(LeadSource.values)}
    if with_stage:
        fields["stage"] = set(LeadStage.values)
    qs = _exact(qs, params, fields)
    return _between(_in_areas(qs, params), "contacted_on", params)


def lead_pipeline(qs: QuerySet) -> list[dict]:
    """Per stage, in pipeline order: the stage, how many leads stand there and their planned investment."""
    rows = {r["stage"]: r for r in qs.values("stage").annotate(count=Count("pk"), amount=Sum("amount"))}
    return [
        {
            "stage": stage,
            "count": rows.get(stage, {}).get("count", 0),
            "amount": rows.get(stage, {}).get("amount"),
        }
        for stage in LeadStage
    ]
