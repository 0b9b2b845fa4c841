"""The SLA sweep: mark open cases 临期 and 超期 and record a 催办 on each, once.

Like healthchecks' `sendalerts`, it polls an indexed deadline (`case_open_due_idx`, a partial index over open
cases) and claims each case with a conditional UPDATE, so two sweeps running at once never remind twice.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.models import OPEN_STATES, Case, CaseEvent, SlaStatus

BATCH = 500


def sla_sweep(now: datetime | None = None) -> dict[str, int]:
    """Returns how many cases became 临期 and 超期 in this sweep."""
    now = now or timezone.now()
    soon_limit = now + timedelta(hours=deadlines.DUE_SOON_HOURS)
    counts = {}
    for status, previous, window in (
        (SlaStatus.OVERDUE, (SlaStatus.ON_TIME, SlaStatus.DUE_SOON), {"due_at__lt": now}),
        (SlaStatus.DUE_SOON, (SlaStatus.ON_TIME,), {"due_at__gte": now, "due_at__lt": soon_limit}),
    ):
        candidates = Case.objects.filter(state__in=OPEN_STATES, sla_status__in=previous, **window)
        counts[status] = _claim_and_remind(candidates, status, now)
    return counts


def _claim_and_remind(candidates, status: str, now: datetime) -> int:
    claimed = 0
    while True:
        batch = list(candidates.order_by("due_at").values_list("pk", "sla_status", "state")[:BATCH])
        if not batch:
            return claimed
        events = []
        with transaction.atomic():
            for pk, previous, state in batch:
                # The claim: only the sweep whose UPDATE changes the row writes the reminder.
                if Case.objects.filter(pk=pk, sla_status=previous, state__in=OPEN_STATES).update(
                    sla_status=status
                ):
                    events.append(
                        CaseEvent(
                            case_id=pk,
                            action="remind",
                            from_state=state,
                            to_state=state,
                            at=now,
                            note="已超期，请尽快办理"
                            if status == SlaStatus.OVERDUE
                            else "即将到期，请抓紧办理",
                            data={"sla": status},
                        )
                    )
            CaseEvent.objects.bulk_create(events)
        claimed += len(events)
        if len(batch) < BATCH:
            return claimed
