"""Searching, filtering and totalling activities and information items.

The list pages and the Excel exports read the same raw GET parameters through these functions, so an export
link carrying a list page's query string exports exactly the rows the page lists. A malformed value is
ignored here (the page's filter form shows the error).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils.dateparse import parse_date

from jiedao.activities.models import ActivityType, ActivityValue, AdoptionLevel
from jiedao.core.models import Area, AreaLevel

STREET_KEY = 0  # the by-community column of activities held at street level


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _pk(value: str | None) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def in_community(qs: QuerySet, community: int | None, field: str = "area") -> QuerySet:
    """Records placed on the community or on one of its grids."""
    if community:
        qs = qs.filter(Q(**{f"{field}_id": community}) | Q(**{f"{field}__parent_id": community}))
    return qs


def activity_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q) | Q(organiser__icontains=q))
    if kind := _pk(params.get("type")):
        qs = qs.filter(type_id=kind)
    if office := _pk(params.get("office")):
        qs = qs.filter(office_id=office)
    qs = in_community(qs, _pk(params.get("community")))
    start, end = _date(params.get("date_from")), _date(params.get("date_to"))
    if start:
        qs = qs.filter(held_on__gte=start)
    if end:
        qs = qs.filter(held_on__lte=end)
    return qs


def infoitem_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(author__icontains=q))
    author = (params.get("author") or "").strip()
    if author:
        qs = qs.filter(author=author)
    level = params.get("level")
    year = _pk(params.get("year"))
    if level in AdoptionLevel.values:
        adopted = Q(adoptions__level=level)
        if year:
            adopted &= Q(adoptions__adopted_on__year=year)
        qs = qs.filter(pk__in=qs.model.objects.filter(adopted).values("pk"))
    elif year:
        qs = qs.filter(submitted_on__year=year)
    return qs


# Totals (活动统计) ----------------------------------------------------------------------------------------


@dataclass
class Line:
    """One counted thing of a type: 场次 or a measure, by month and by community."""

    label: str
    unit: str
    total: Decimal | int = 0
    months: list = field(default_factory=lambda: [0] * 12)
    communities: dict = field(default_factory=dict)
    by_community: list = field(default_factory=list)  # aligned with Totals.communities


@dataclass
class TypeTotals:
    type: ActivityType
    lines: list[Line]


@dataclass
class Totals:
    year: int
    types: list[TypeTotals]
    communities: list[tuple[int, str]]  # (key, name): STREET_KEY is 街道本级


def _community_of(areas: dict[int, Area], area_id: int) -> int:
    area = areas[area_id]
    if area.level == AreaLevel.GRID:
        return area.parent_id
    if area.level == AreaLevel.COMMUNITY:
        return area.pk
    return STREET_KEY


def _number(value) -> int | Decimal:
    value = value or 0
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value.normalize() if isinstance(value, Decimal) else value


def activity_totals(
    activities: QuerySet, year: int, *, kind: int | None = None, community: int | None = None
):
    """Per type: 场次 and each measure's sum, by month and by community, of `activities` (already scoped)
    held in `year`."""
    qs = activities.filter(held_on__year=year)
    if kind:
        qs = qs.filter(type_id=kind)
    qs = in_community(qs, community)
    counts = (
        qs.order_by()
        .annotate(month=ExtractMonth("held_on"))
        .values_list("type_id", "month", "area_id")
        .annotate(n=Count("id"))
    )
    sums = (
        ActivityValue.objects.filter(activity__in=qs.values("pk"))
        .order_by()
        .annotate(month=ExtractMonth("activity__held_on"))
        .values_list("activity__type_id", "measure_id", "month", "activity__area_id")
        .annotate(total=Sum("value"))
    )
    counts, sums = list(counts), list(sums)
    area_ids = {c[2] for c in counts}
    areas = {a.pk: a for a in Area.objects.filter(pk__in=area_ids)}
    type_ids = {c[0] for c in counts}
    types = list(ActivityType.objects.filter(pk__in=type_ids).prefetch_related("measures"))
    lines: dict[tuple[int, int | None], Line] = {}
    result = []
    for activity_type in types:
        own = [Line("场次", "次")]
        lines[(activity_type.pk, None)] = own[0]
        for measure in activity_type.measures.all():
            line = Line(measure.name, measure.unit)
            lines[(activity_type.pk, measure.pk)] = line
            own.append(line)
        result.append(TypeTotals(activity_type, own))
    used: set[int] = set()

    def add(line: Line, month: int, area_id: int, amount):
        key = _community_of(areas, area_id)
        used.add(key)
        line.total += amount
        line.months[month - 1] += amount
        line.communities[key] = line.communities.get(key, 0) + amount

    for type_id, month, area_id, n in counts:
        add(lines[(type_id, None)], month, area_id, n)
    for type_id, measure_id, month, area_id, total in sums:
        line = lines.get((type_id, measure_id))
        if line is not None:  # a value of a measure since removed from the type is not shown
            add(line, month, area_id, total or 0)
    for line in lines.values():
        line.total = _number(line.total)
        line.months = [_number(v) for v in line.months]
        line.communities = {k: _number(v) for k, v in line.communities.items()}
    names = dict(Area.objects.filter(pk__in=used - {STREET_KEY}).values_list("pk", "name"))
    order = sorted(names, key=lambda pk: names[pk])
    columns = ([(STREET_KEY, "街道本级")] if STREET_KEY in used else []) + [(pk, names[pk]) for pk in order]
    for line in lines.values():
        line.by_community = [line.communities.get(key, 0) for key, _ in columns]
    return Totals(year, result, columns)


def totals_rows(totals: Totals) -> tuple[list[str], list[list]]:
    """The totals as one table (for Excel): type, what, unit, year total, 12 months, then each community."""
    headers = ["活动类型", "统计项", "单位", "全年合计", *[f"{m}月" for m in range(1, 13)]]
    headers += [name for _, name in totals.communities]
    rows = []
    for type_totals in totals.types:
        for line in type_totals.lines:
            by_community = [line.communities.get(key, 0) for key, _ in totals.communities]
            rows.append(
                [type_totals.type.name, line.label, line.unit, line.total, *line.months, *by_community]
            )
    return headers, rows
