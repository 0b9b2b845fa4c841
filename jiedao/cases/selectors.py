"""Reads of the case pages: the 待我处理 queue, the filtered list, the timeline, the areas a case may go to."""

from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from jiedao.cases.models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    ReturnReason,
    Satisfaction,
    SlaStatus,
    Source,
    State,
)
from jiedao.cases.workflow import TRANSITIONS, street_path
from jiedao.core.models import Area, AreaLevel
from jiedao.core.permissions import active_roles
from jiedao.core.scoping import scope_q

# Moves that are not work waiting for someone: 督办 is a leader's look over every open case, 退单 and 改派
# are ways out of a case. They do not fill a queue.
NOT_QUEUE_WORK = frozenset({"supervise", "return", "reassign"})
# In these states the work belongs to whoever the case was dispatched to; before, to where it happened.
DISPATCHED_STATES = (State.DISPATCHED, State.SIGNED, State.HANDLING)
EVENT_LABELS = {"create": "登记", "remind": "催办"} | {
    action: move.label for action, move in TRANSITIONS.items()
}
DATA_LABELS = {
    "source": "来源",
    "area": "承办区域",
    "assignee": "承办人",
    "reason": "退单原因",
    "result": "办理结果",
    "days": "延期天数",
    "resolved": "是否解决",
    "satisfaction": "满意度",
    "declined": "拒绝回访",
    "sla": "时限状态",
}
_CHOICE_LABELS = {"source": Source, "reason": ReturnReason, "satisfaction": Satisfaction, "sla": SlaStatus}


def role_actions(user) -> set[str]:
    """The actions the user's roles may make on some case (whatever its state)."""
    roles = {a.role for a in active_roles(user)}
    return {action for action, move in TRANSITIONS.items() if user.is_superuser or roles & move.roles}


def queue_states(user) -> set[str]:
    """The open states from which the user's roles have a move to make (督办 aside)."""
    actions = role_actions(user) - NOT_QUEUE_WORK
    return {state for action in actions for state in TRANSITIONS[action].sources} & set(OPEN_STATES)


def _sla_rank():
    return models.Case(
        models.When(sla_status=SlaStatus.OVERDUE, then=0),
        models.When(sla_status=SlaStatus.DUE_SOON, then=1),
        default=2,
        output_field=models.IntegerField(),
    )


def case_queue(user) -> QuerySet:
    """待我处理: open cases in scope that the user can move now, 超期 first, then 临期, then by deadline."""
    states = queue_states(user)
    dispatched = [s for s in states if s in DISPATCHED_STATES]
    waiting = [s for s in states if s not in DISPATCHED_STATES]
    mine = Q(state__in=dispatched) & scope_q(user, "assigned_area") | Q(state__in=waiting) & scope_q(
        user, "area"
    )
    return (
        Case.objects.for_user(user)
        .filter(mine)
        .select_related("category", "area__parent")
        .annotate(sla_rank=_sla_rank())
        .order_by("sla_rank", F("due_at").asc(nulls_last=True), "received_at", "id")
    )


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def case_list(user, params: dict) -> QuerySet:
    """All cases in scope, narrowed by the list's filters (the cleaned values of CaseFilterForm)."""
    cases = Case.objects.for_user(user).select_related("category", "area__parent")
    for field in ("source", "state", "sla_status"):
        if params.get(field):
            cases = cases.filter(**{field: params[field]})
    if params.get("category"):
        cases = cases.filter(category__path__startswith=params["category"].path)
    if params.get("community"):
        cases = cases.filter(area__path__startswith=params["community"].path)
    if params.get("date_from"):
        cases = cases.filter(received_at__gte=_day_start(params["date_from"]))
    if params.get("date_to"):
        cases = cases.filter(received_at__lt=_day_start(params["date_to"] + timedelta(days=1)))
    if q := (params.get("q") or "").strip():
        cases = cases.filter(Q(number__icontains=q) | Q(external_number__icontains=q) | Q(title__icontains=q))
    return cases


def case_areas(user) -> QuerySet:
    """Current communities and grids in the user's scope: where a case may be registered."""
    return (
        Area.objects.for_user(user)
        .filter(level__in=(AreaLevel.COMMUNITY, AreaLevel.GRID), valid_to__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


def dispatch_areas(case: Case, user) -> QuerySet:
    """The communities and grids of the case's street in the user's scope: where it may be dispatched."""
    return case_areas(user).filter(path__startswith=street_path(case.area))


def case_timeline(case: Case) -> list[CaseEvent]:
    """The case's events, each with `label` (the verb) and `details` (its data, in words)."""
    events = list(case.events.select_related("actor"))
    area_pks = {e.data["area"] for e in events if isinstance(e.data, dict) and e.data.get("area")}
    areas = {a.pk: a.label for a in Area.objects.filter(pk__in=area_pks).select_related("parent")}
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
        event.details = [
            (DATA_LABELS.get(k, k), _data_value(k, v, areas)) for k, v in (event.data or {}).items()
        ]
    return events


def _data_value(key: str, value, areas: dict) -> str:
    if key == "area":
        return areas.get(value, str(value))
    if key in _CHOICE_LABELS and value in _CHOICE_LABELS[key].values:
        return _CHOICE_LABELS[key](value).label
    if isinstance(value, bool):
        return "是" if value else "否"
    return "—" if value is None else str(value)
