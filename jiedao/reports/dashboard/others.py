"""Population, activities, projects and 创城整改 on the dashboard.

Each is counted through the filter function of its own list page (resident_filter, activity_filter,
project_filter) from the list's own parameters, so a link carrying those parameters lists exactly the records
counted. `list_params` turns the dashboard's area into the list's community/grid parameter.
"""

from datetime import date

from django.core.cache import cache
from django.db.models import Avg, Count, Q
from django.utils import timezone

from jiedao.activities.models import Activity
from jiedao.activities.selectors import activity_filter
from jiedao.cobuild.models import Rectification, RectificationCategory, RectificationStatus
from jiedao.cobuild.selectors import overdue_q, rate, rectification_filter
from jiedao.core.models import AreaLevel
from jiedao.projects.models import Project, ProjectKind, ProjectStatus
from jiedao.projects.selectors import project_filter
from jiedao.registry.models import Residence, Resident, ResidentStatus
from jiedao.registry.selectors import AGE_BANDS, _years_ago, resident_filter
from jiedao.reports.dashboard.params import Period


def list_params(area, *, grid_key: str = "community") -> dict:
    """The list pages' area parameter for `area`: none for a street (the user's scope is the list's), the
    community's pk, or a grid's pk under `grid_key` (residents: "grid"; activities and projects take any area
    as "community")."""
    if area.level == AreaLevel.STREET:
        return {}
    if area.level == AreaLevel.GRID:
        return {grid_key: str(area.pk)}
    return {"community": str(area.pk)}


def population(user, area, *, today: date | None = None) -> dict:
    """Residents on the register now (as the resident list counts them), 常住/流动 and age bands, and the
    number on the register a year earlier — one pass over the area's residents (on PostgreSQL over the
    index resident_area_status_idx alone). `params` are the list's parameters for all of them."""
    today = today or timezone.localdate()
    params = {**list_params(area, grid_key="grid"), "status": ResidentStatus.ACTIVE}
    scoped = Resident.objects.for_user(user) if user is not None else Resident.objects.all()
    everyone = resident_filter(scoped, {**params, "status": "all"}, on=today)
    active = Q(status=ResidentStatus.ACTIVE)
    # COUNT(status) (never null), not COUNT(id): the id is not in the index, and PostgreSQL would read the
    # table for it (Django refuses COUNT(*) with a filter).
    counts = {
        "total": Count("status", filter=active),
        "permanent": Count("status", filter=active & Q(residence=Residence.PERMANENT)),
        "floating": Count("status", filter=active & Q(residence=Residence.FLOATING)),
    }
    for code, _, low, high in AGE_BANDS:
        born = Q(birth_date__gt=_years_ago(today, high + 1), birth_date__lte=_years_ago(today, low))
        counts[f"age_{code}"] = Count("status", filter=active & born)
    a_year_ago = _years_ago(today, 1)
    on_register = Q(registered_on__lte=a_year_ago) & (Q(left_on__isnull=True) | Q(left_on__gt=a_year_ago))
    counts["previous"] = Count("status", filter=on_register)
    figures = everyone.order_by().aggregate(**counts)
    figures["bands"] = [(code, label, figures[f"age_{code}"]) for code, label, _, _ in AGE_BANDS]
    figures["params"] = params
    figures["counted_at"] = timezone.now()
    return figures


POPULATION_CACHE_SECONDS = 15 * 60


def _population_key(area, today: date) -> str:
    return f"dashboard:population:{area.pk}:{today.isoformat()}"


def cached_population(user, area, *, today: date | None = None) -> dict:
    """`population` of an area in the user's scope, from the cache when counted in the last 15 minutes.

    Counting is a pass over every resident of the area: a community's few hundred thousand are read from an
    index in ~0.1 s, but three million (a street at city scale) take ~1 s on two cores. The job
    `population_refresh` (every 10 minutes) counts the street and its communities ahead of the readers; the
    page says when the figures were counted. An area the dashboard offers lies inside the user's scope, so
    the figures are the same for every reader of that area."""
    today = today or timezone.localdate()
    key = _population_key(area, today)
    figures = cache.get(key)
    if figures is None:
        figures = population(user, area, today=today)
        cache.set(key, figures, POPULATION_CACHE_SECONDS)
    return figures


def refresh_population(areas, *, today: date | None = None) -> int:
    """Count each area's population now and cache it (the job `population_refresh`); the number counted."""
    today = today or timezone.localdate()
    for area in areas:
        cache.set(_population_key(area, today), population(None, area, today=today), POPULATION_CACHE_SECONDS)
    return len(areas)


def activity_params(area, start: date, end: date) -> dict:
    return {**list_params(area), "date_from": start.isoformat(), "date_to": end.isoformat()}


def activities(user, area, period: Period) -> dict:
    """Activities held (by start date) in the period and in the same months a year earlier."""
    scoped = Activity.objects.for_user(user)
    params = activity_params(area, period.start, period.end)
    previous = period.previous
    prev_params = activity_params(area, previous.start, previous.end)
    return {
        "current": activity_filter(scoped, params).count(),
        "previous": activity_filter(scoped, prev_params).count(),
        "params": params,
        "previous_params": prev_params,
    }


def projects(user, area) -> dict:
    """Projects now (status is not dated): 在建 and, by kind, the number, 已完工 and the average progress."""
    params = list_params(area)
    scoped = project_filter(Project.objects.for_user(user), params).order_by()
    rows = scoped.values("kind").annotate(
        count=Count("pk"),
        completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED)),
        building=Count("pk", filter=Q(status=ProjectStatus.BUILDING)),
        progress=Avg("progress"),
    )
    by_kind = {row["kind"]: row for row in rows}
    kinds = [
        {"kind": kind, "label": label, **by_kind[kind]}
        for kind, label in ProjectKind.choices
        if kind in by_kind
    ]
    return {"building": sum(k["building"] for k in kinds), "kinds": kinds, "params": params}


def rectification_params(area, start: date, end: date) -> dict:
    return {**list_params(area), "date_from": start.isoformat(), "date_to": end.isoformat()}


def _rectification_counts(user, params: dict) -> tuple[list[dict], dict]:
    scoped = rectification_filter(Rectification.objects.for_user(user), params).order_by()
    counts = {status: Count("pk", filter=Q(status=status)) for status in RectificationStatus.values}
    rows = scoped.values("category").annotate(
        total=Count("pk"), overdue=Count("pk", filter=overdue_q()), **counts
    )
    by_category = {row["category"]: row for row in rows}
    categories = [
        {"category": code, "label": label, **by_category[code]}
        for code, label in RectificationCategory.choices
        if code in by_category
    ]
    totals = {
        key: sum(c[key] for c in categories) for key in ("total", "overdue", *RectificationStatus.values)
    }
    totals["rate"] = rate(totals[RectificationStatus.DONE], totals["total"])
    return categories, totals


def rectifications(user, area, period: Period) -> dict:
    """创城整改 items found (发现日期) in the period and the same months a year earlier: by category and status,
    逾期, and 整改率 = 已整改 ÷ found. A status is today's (the list filters by it), so last year's rate is
    what has been rectified of last year's items by now. Rectifications belong to communities: a grid has none."""
    params = rectification_params(area, period.start, period.end)
    previous = period.previous
    prev_params = rectification_params(area, previous.start, previous.end)
    categories, totals = _rectification_counts(user, params)
    _, prev_totals = _rectification_counts(user, prev_params)
    return {
        "categories": categories,
        "totals": totals,
        "previous": prev_totals,
        "params": params,
    }
