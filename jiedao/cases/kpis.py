"""The case KPIs (受理量, 办结量 … 满意率) per period, area, source and category, by aggregate queries.

"Received in the period" places a case by `received_at`. 办结/退单/在办 are the state, at the period's end, of
the cases received in the period, read from the timestamps the moves wrote (closed_at, returned_at), so
received = closed + returned + in_progress holds by construction. Assumption: a case closed before the
period's end and reopened later has its closed_at cleared by the reopening, so it counts as in progress —
the reopening is not replayed backwards (for a finished year, reopenings after it are rare and are counted
in 重办率).

Every number comes from one `GROUP BY` query with conditional counts (`Count(filter=Q(...))`): no loop over
cases, so the table stays cheap at a million cases (the (source, received_at) index places them).
"""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from jiedao.cases.models import Case, Satisfaction
from jiedao.core.models import AreaLevel

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


def _counts(until: datetime) -> dict:
    overdue_at = min(until, timezone.now())
    return {
        "received": Count("pk"),
        "closed": Count("pk", filter=closed_q(until)),
        "returned": Count("pk", filter=returned_q(until)),
        "in_progress": Count("pk", filter=in_progress_q(until)),
        "signed": Count("pk", filter=Q(signed_at__isnull=False, signed_at__lt=until)),
        "signed_on_time": Count(
            "pk",
            filter=Q(signed_at__isnull=False, signed_at__lt=until)
            & (Q(response_due_at__isnull=True) | Q(signed_at__lte=F("response_due_at"))),
        ),
        "closed_on_time": Count("pk", filter=closed_on_time_q(until)),
        "callbacks": Count("pk", filter=ANSWERED_Q),
        "resolved": Count("pk", filter=ANSWERED_Q & Q(callback_resolved=True)),
        "satisfied": Count("pk", filter=ANSWERED_Q & Q(callback_satisfaction__in=satisfied_values())),
        "reopened": Count("pk", filter=Q(reopen_count__gt=0)),
        "overdue": Count(
            "pk",
            filter=(closed_q(until) & Q(closed_at__gt=F("due_at")))
            | (in_progress_q(until) & Q(due_at__lt=overdue_at)),
        ),
    }


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
        qs = qs.filter(area__path__startswith=area.path)
    counts = _counts(until)
    if group_by is None:
        return [_with_rates({"key": None, "label": "合计"} | qs.aggregate(**counts))]
    if group_by == "community":
        # A case in a grid belongs to the grid's community.
        qs = qs.annotate(
            key=models.Case(
                models.When(area__level=AreaLevel.GRID, then=F("area__parent_id")), default=F("area_id")
            ),
            label=models.Case(
                models.When(area__level=AreaLevel.GRID, then=F("area__parent__name")), default=F("area__name")
            ),
        )
    else:
        qs = qs.annotate(key=F("category_id"), label=F("category__name"))
    rows = qs.values("key", "label").annotate(**counts)
    return sorted((_with_rates(dict(row)) for row in rows), key=lambda r: (-r["received"], str(r["label"])))
