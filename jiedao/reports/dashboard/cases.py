"""The dashboard's case figures: 12345 hotline and grid cases received in a period (and the same period a
year earlier) by month, community and category, with their state at the period's end.

The counts follow jiedao.cases.kpis (a case is placed by `received_at`; 办结/退单 are read from the timestamps
at the period's end), so the dashboard and 工单统计 agree. Two grouped queries, whatever the number of cases:
one over both periods by (month, source, area), one over the period by category. Every column they read is
in case_received_idx (received_at, id INCLUDE area, …, category, source, closed_at, due_at, returned_at,
callback_*), so PostgreSQL answers both from that index alone (docs/dashboard.md has the timings).
`case_records` gives the cases behind any of the counts, through the same conditions.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jiedao.cases.kpis import (
    ANSWERED_Q,
    ROWS,
    bounds,
    closed_on_time_q,
    closed_q,
    in_progress_q,
    returned_q,
    satisfied_values,
)
from jiedao.cases.models import Case, Category, Source, area_q, areas_under
from jiedao.reports.dashboard.params import Period

SOURCES = (Source.HOTLINE, Source.GRID)
METRICS = {
    "received": "受理",
    "closed": "办结",
    "returned": "退单",
    "overdue": "超期",
    "closed_on_time": "按期办结",
    "callbacks": "已回访",
    "satisfied": "满意（含基本满意）",
}
TOP_CATEGORIES = 10


def metric_q(metric: str, until: datetime, now: datetime | None = None) -> Q:
    """The cases (received in a period ending just before `until`) that `metric` counts, at `until`."""
    if metric == "received":
        return Q()
    if metric == "closed":
        return closed_q(until)
    if metric == "returned":
        return returned_q(until)
    if metric == "closed_on_time":
        return closed_on_time_q(until)
    if metric == "callbacks":
        return ANSWERED_Q
    if metric == "satisfied":
        return ANSWERED_Q & Q(callback_satisfaction__in=satisfied_values())
    if metric == "overdue":  # closed late, or still open past its deadline (as kpis counts 超期)
        overdue_at = min(until, now or timezone.now())
        return (closed_q(until) & Q(closed_at__gt=F("due_at"))) | (
            in_progress_q(until) & Q(due_at__lt=overdue_at)
        )
    raise ValueError(f"unknown metric {metric!r}")


def _sources(source: str) -> list[str]:
    return [source] if source else list(SOURCES)


def _counts(until: datetime, now: datetime) -> dict:
    """The conditional counts of cases received in a period ending just before `until`, at `until`."""
    return {
        m: Count(ROWS, filter=metric_q(m, until, now)) if m != "received" else Count(ROWS) for m in METRICS
    }


@dataclass
class CaseFigures:
    """The counts (a dict metric → n) of the period and the year before, by source; of the period by
    (month, source) and by (area pk, source); and the period's top categories (received, both sources)."""

    current: dict = field(default_factory=dict)
    previous: dict = field(default_factory=dict)
    by_month: dict = field(default_factory=dict)
    by_area: dict = field(default_factory=dict)
    by_category: list = field(default_factory=list)


def zero() -> dict:
    return dict.fromkeys(METRICS, 0)


def add(total: dict, row: dict) -> dict:
    for metric in METRICS:
        total[metric] += row[metric]
    return total


@contextmanager
def _aggregating():
    """PostgreSQL: a hash aggregate in memory, without JIT, for the grouped queries inside.

    The planner cannot know how many months `date_trunc` yields (it guesses 200 per month × source × area),
    so under the default 4 MB work_mem it sorts a year's cases on disk to group them; with 64 MB it hashes
    them (245 → 130 ms for 180,000 cases). JIT compiling the counts' expressions costs ~120 ms more than it
    saves at this size. SET LOCAL ends with the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        yield


def case_figures(*, area, period: Period, source: str = "", now: datetime | None = None) -> CaseFigures:
    """The figures of hotline and grid cases placed in `area` or under it; by category only of `source`
    ("" for both)."""
    with _aggregating():
        return _case_figures(area=area, period=period, source=source, now=now or timezone.now())


def _case_figures(*, area, period: Period, source: str, now: datetime) -> CaseFigures:
    area_ids = areas_under([area.path])
    cases = Case.objects.filter(area_q("area", area_ids), source__in=SOURCES).order_by()
    figures = CaseFigures()
    # The year before: by source only. Each period is one range of case_received_idx (an OR of the two
    # ranges would be read by a sequential scan).
    prev_since, prev_until = bounds(period.previous.start, period.previous.end)
    before = cases.filter(received_at__gte=prev_since, received_at__lt=prev_until).values("source")
    for row in before.annotate(**_counts(prev_until, now)):
        figures.previous[row["source"]] = {m: row[m] for m in METRICS}
    cur_since, cur_until = bounds(period.start, period.end)
    in_period = cases.filter(received_at__gte=cur_since, received_at__lt=cur_until)
    rows = in_period.annotate(month=TruncMonth("received_at")).values("month", "source", "area_id")
    for row in rows.annotate(**_counts(cur_until, now)):
        month = (
            timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime) else row["month"]
        )
        key = row["source"]
        add(figures.current.setdefault(key, zero()), row)
        add(figures.by_month.setdefault((month, key), zero()), row)
        add(figures.by_area.setdefault((row["area_id"], key), zero()), row)
    top = (
        in_period.filter(source__in=_sources(source))
        .values("category_id")
        .annotate(received=Count(ROWS))
        .order_by("-received", "category_id")[:TOP_CATEGORIES]
    )
    top = list(top)
    names = Category.objects.in_bulk([row["category_id"] for row in top])
    figures.by_category = [(names[row["category_id"]], row["received"]) for row in top]
    return figures


def case_records(
    user,
    *,
    metric: str,
    area,
    start: date,
    end: date,
    asof: date,
    source: str = "",
    category=None,
    exact: bool = False,
    now: datetime | None = None,
) -> QuerySet:
    """The cases in the user's scope behind one dashboard count: received from `start` to `end` in `area` (or
    under it), of `source` ("" both), in `category` (exactly, not its subtree), counted by `metric` at the end
    of the day `asof` (the period's last day). `exact`: placed on `area` itself, not under it (本级)."""
    since, until = bounds(start, end)
    asof_until = bounds(asof, asof)[1]
    placed = Q(area=area) if exact else area_q("area", areas_under([area.path]))
    cases = Case.objects.for_user(user).filter(
        placed,
        metric_q(metric, asof_until, now),
        received_at__gte=since,
        received_at__lt=until,
        source__in=_sources(source),
    )
    if category is not None:
        cases = cases.filter(category=category)
    return cases.select_related("category", "area__parent", "assigned_area__parent", "assignee")
