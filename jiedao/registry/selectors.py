"""Searching and counting the registry."""

import re
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from jiedao.core.crypto import mobile_index, resident_id_index
from jiedao.registry.models import ELDERLY_AGE_TAG, Resident, ResidentStatus, ResidentTag

_LETTERS = re.compile(r"^[A-Za-z]+$")
_DIGITS = re.compile(r"^[0-9Xx０-９ \-]+$")

AGE_BANDS = [
    ("0-17", "0–17岁", 0, 17),
    ("18-34", "18–34岁", 18, 34),
    ("35-59", "35–59岁", 35, 59),
    ("60-79", "60–79岁", 60, 79),
    ("80+", "80岁及以上", 80, 150),
]


def _years_ago(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def age_between(queryset: QuerySet, low: int, high: int, on: date, field: str = "birth_date") -> QuerySet:
    """People aged low..high (inclusive) on `on`: born after (on − high − 1 years) and on or before (on − low)."""
    return queryset.filter(**{f"{field}__gt": _years_ago(on, high + 1), f"{field}__lte": _years_ago(on, low)})


def resident_search(queryset: QuerySet, q: str) -> QuerySet:
    """One box for everything staff type: an exact ID or phone number (through the blind index), pinyin
    initials, a name prefix, or part of an address."""
    q = q.strip()
    if not q:
        return queryset
    if _DIGITS.match(q):
        index = resident_id_index(q)
        if index:
            return queryset.filter(id_number_index=index)
        index = mobile_index(q)
        if index:
            return queryset.filter(phone_index=index)
        return queryset.none()
    if _LETTERS.match(q):
        return queryset.filter(name_initials__startswith=q.lower())
    return queryset.filter(Q(name__startswith=q) | Q(household__address__contains=q))


def resident_filter(queryset: QuerySet, params: dict, *, on: date | None = None) -> QuerySet:
    """Apply the list page's filters (all optional): q, community, grid, residence, status, gender, tag, age."""
    on = on or timezone.localdate()
    qs = resident_search(queryset, params.get("q", ""))
    status = params.get("status", ResidentStatus.ACTIVE)
    if status and status != "all":
        qs = qs.filter(status=status)
    if params.get("community"):
        qs = qs.filter(area__parent_id=params["community"])
    if params.get("grid"):
        qs = qs.filter(area_id=params["grid"])
    for field in ("residence", "gender"):
        if params.get(field):
            qs = qs.filter(**{field: params[field]})
    tag = params.get("tag")
    if tag == ELDERLY_AGE_TAG:
        qs = age_between(qs, 80, 150, on)
    elif tag:
        qs = qs.filter(pk__in=ResidentTag.objects.valid_on(on).filter(tag=tag).values("resident_id"))
    band = {code: (low, high) for code, _, low, high in AGE_BANDS}.get(params.get("age", ""))
    if band:
        qs = age_between(qs, *band, on)
    return qs


def population_by_area(queryset: QuerySet, *, on: date, level: str = "community") -> list[dict]:
    """Per community (or grid): total, 常住, 流动, age bands and tag counts of residents registered on `on`."""
    key = "area__parent" if level == "community" else "area"
    base = Resident.objects.registered_on(on).filter(pk__in=queryset.values("pk"))
    aggregates = {
        "total": Count("pk"),
        "permanent": Count("pk", filter=Q(residence="permanent")),
        "floating": Count("pk", filter=Q(residence="floating")),
    }
    for code, _, low, high in AGE_BANDS:
        aggregates[f"age_{code}"] = Count(
            "pk", filter=Q(birth_date__gt=_years_ago(on, high + 1), birth_date__lte=_years_ago(on, low))
        )
    rows = base.values(f"{key}_id", f"{key}__name").annotate(**aggregates).order_by(f"{key}__path")
    return list(rows)
