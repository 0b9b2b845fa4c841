"""The case KPIs (受理量, 办结量 … 满意率) per period, area, source and category, by aggregate queries.

"Received in the period" places a case by `received_at`. 办结/退单/在办 are the state, at the period's end, of
the cases received in the period, read from the timestamps the moves wrote (closed_at, returned_at), so
received = closed + returned + in_progress holds by construction. Assumption: a case closed before the
period's end and reopened later has its closed_at cleared by the reopening, so it counts as in progress —
the reopening is not replayed backwards (for a finished year, reopenings after it are rare and are counted
in 重办率).

Every number comes from one `GROUP BY` query with conditional counts (`Count(filter=Q(...))`): no loop over
cases, so the table stays cheap at a million cases (the (received_at, id) and (source, received_at) indexes
place them; bench/case_bench.py times a year by community).
"""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from jiedao.cases.models import Case, Category, Satisfaction, area_q, areas_under
from jiedao.core.models import Area, AreaLevel

GROUPS = ("community", "category", None)
MSG_GROUP_BY = "group_by 应为 community、category 或 None"


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in local time: `end` is inclusive."""
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def received_in(start: date, end: date, *, source: str | None = None) -> QuerySet:
    since, until = bounds(start, end)
    qs = Case.objects.filter(received_at__gte=since, received_at__lt=until)
    return qs.filter(source=source) if source else qs


def closed_q(until: datetime) -> Q:
    return Q(closed_at__isnull=False, closed_at__lt=until)


def returned_q(until: datetime) -> Q:
    # A case is never both (a return only leaves an open state); excluding closed makes the sum exact anyway.
    return Q(returned_at__isnull=False, returned_at__lt=until) & ~closed_q(until)


def in_progress_q(until: datetime) -> Q:
    return ~closed_q(until) & ~Q(returned_at__isnull=False, returned_at__lt=until)


def closed_on_time_q(until: datetime) -> Q:
    return closed_q(until) & (Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))


def satisfied_values() -> list[str]:
    if getattr(settings, "JIEDAO_SATISFACTION_COUNTS_BASIC", True):
        return [Satisfaction.SATISFIED, Satisfaction.BASICALLY]
    return [Satisfaction.SATISFIED]


ANSWERED_Q = Q(callback_resolved__isnull=False)


# What the counts count: received_at is never null, so COUNT(received_at) is COUNT(*) — and unlike the id it
# is in case_received_idx, so a year's table is read from that index alone.
ROWS = "received_at"


def _counts(until: datetime) -> dict:
    """The conditional counts of one GROUP BY. 在办 is not among them: it is received − closed − returned
    (the three partition the cases, see in_progress_q), filled in by `_complete`."""
    overdue_at = min(until, timezone.now())
    return {
        "received": Count(ROWS),
        "closed": Count(ROWS, filter=closed_q(until)),
        "returned": Count(ROWS, filter=returned_q(until)),
        "signed": Count(ROWS, filter=Q(signed_at__isnull=False, signed_at__lt=until)),
        "signed_on_time": Count(
            ROWS,
            filter=Q(signed_at__isnull=False, signed_at__lt=until)
            & (Q(response_due_at__isnull=True) | Q(signed_at__lte=F("response_due_at"))),
        ),
        "closed_on_time": Count(ROWS, filter=closed_on_time_q(until)),
        "callbacks": Count(ROWS, filter=ANSWERED_Q),
        "resolved": Count(ROWS, filter=ANSWERED_Q & Q(callback_resolved=True)),
        "satisfied": Count(ROWS, filter=ANSWERED_Q & Q(callback_satisfaction__in=satisfied_values())),
        "reopened": Count(ROWS, filter=Q(reopen_count__gt=0)),
        "overdue": Count(
            ROWS,
            filter=(closed_q(until) & Q(closed_at__gt=F("due_at")))
            | (in_progress_q(until) & Q(due_at__lt=overdue_at)),
        ),
    }


COUNTS = (
    "received",
    "closed",
    "returned",
    "in_progress",
    "signed",
    "signed_on_time",
    "closed_on_time",
    "callbacks",
    "resolved",
    "satisfied",
    "reopened",
    "overdue",
)


def _complete(row: dict) -> dict:
    """The row with in_progress, its counts in COUNTS order."""
    counts = row | {"in_progress": row["received"] - row["closed"] - row["returned"]}
    return {k: v for k, v in row.items() if k not in COUNTS} | {name: counts[name] for name in COUNTS}


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with two decimals; None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _with_rates(row: dict) -> dict:
    return row | {
        "ontime_sign_rate": rate(row["signed_on_time"], row["signed"]),
        "ontime_close_rate": rate(row["closed_on_time"], row["closed"]),
        "resolution_rate": rate(row["resolved"], row["callbacks"]),
        "satisfaction_rate": rate(row["satisfied"], row["callbacks"]),
        "return_rate": rate(row["returned"], row["received"]),
        "reopen_rate": rate(row["reopened"], row["closed"]),
    }


def kpi_total(rows: list[dict]) -> dict:
    """The 合计 row of a grouped table: its rows' counts added up (every case is in exactly one group), and
    the rates of the sums; the same as kpi_table(group_by=None) without reading the cases again."""
    total = {"key": None, "label": "合计"} | {name: sum(row[name] for row in rows) for name in COUNTS}
    return _with_rates(total)


def kpi_table(
    *, start: date, end: date, area=None, source: str | None = None, group_by: str | None = "community"
) -> list[dict]:
    """One row per community or category (or one row "合计" when `group_by` is None) of the cases received
    from `start` to `end` (inclusive), within `area`, of `source`. Each row: key, label, the counts
    (received, closed, returned, in_progress, signed, signed_on_time, closed_on_time, callbacks, resolved,
    satisfied, reopened, overdue) and the rates in percent (ontime_sign_rate, ontime_close_rate,
    resolution_rate, satisfaction_rate, return_rate, reopen_rate; None without a denominator)."""
    if group_by not in GROUPS:
        raise ValueError(MSG_GROUP_BY)
    _, until = bounds(start, end)
    qs = received_in(start, end, source=source).order_by()
    if area is not None:
        qs = qs.filter(area_q("area", areas_under([area.path])))
    counts = _counts(until)
    if group_by is None:
        return [_with_rates({"key": None, "label": "合计"} | _complete(qs.aggregate(**counts)))]
    # Grouped by a column of the case table alone (no join, a hash aggregate over a few dozen groups);
    # grids are folded into their communities and labels added here, from the few areas or categories.
    column = "area_id" if group_by == "community" else "category_id"
    rows = list(qs.values(column).annotate(**counts))
    keys = {row[column] for row in rows}
    if group_by == "community":
        areas = {a.pk: a for a in Area.objects.filter(pk__in=keys).select_related("parent")}
        # A case in a grid belongs to the grid's community.
        groups = {pk: (a.parent if a.level == AreaLevel.GRID else a) for pk, a in areas.items()}
    else:
        groups = Category.objects.in_bulk(keys)
    table: dict[int, dict] = {}
    for row in rows:
        group = groups[row[column]]
        total = table.setdefault(group.pk, {"key": group.pk, "label": group.name} | dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            if name != "in_progress":
                total[name] += row[name]
    rows = (_with_rates(_complete(row)) for row in table.values())
    return sorted(rows, key=lambda r: (-r["received"], str(r["label"])))
