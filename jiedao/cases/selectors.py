"""Reads of the case pages: the 待我处理 queue, the filtered list, the timeline, the areas a case may go to."""

from datetime import datetime, time, timedelta

from django.db import connection, models
from django.db.models import BooleanField, F, Func, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from jiedao.cases.kpis import kpi_table, kpi_total
from jiedao.cases.models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    Category,
    ReturnReason,
    Satisfaction,
    SlaStatus,
    Source,
    State,
    area_q,
    areas_under,
    scope_areas,
    sla_rank,
)
from jiedao.cases.workflow import COORDINATORS, TRANSITIONS, handler_assignments, street_path
from jiedao.core.models import Area, AreaLevel, User
from jiedao.core.permissions import active_roles
from jiedao.core.scoping import scope_paths

# Moves that are not work waiting for someone: 督办 is a leader's look over every open case, 退单, 改派 and
# 合并 are ways out of a case. They do not fill a queue.
NOT_QUEUE_WORK = frozenset({"supervise", "return", "reassign", "merge"})
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
    "into": "合并到工单",
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


def _coordinated_q(user) -> Q:
    """Dispatched cases whose area the user coordinates (社区书记, 街道领导, 科室): theirs to watch whoever
    was named to handle them."""
    paths = [a.area.path for a in active_roles(user) if a.role in COORDINATORS]
    return area_q("assigned_area", areas_under(paths)) if paths else Q(pk__in=[])


def case_queue(user) -> QuerySet:
    """待我处理: open cases in scope that the user can move now, 超期 first, then 临期, then by deadline.

    A case dispatched to a person waits for that person (and the coordinators of its area), not for every
    handler of the area; one dispatched to an area alone waits for the area's handlers."""
    states = queue_states(user)
    dispatched = [s for s in states if s in DISPATCHED_STATES]
    waiting = [s for s in states if s not in DISPATCHED_STATES]
    within = _scope_by_ids(user)
    if user.is_superuser:
        sent = within("assigned_area")
    else:
        # Named: the assignee's, wherever it was sent; unnamed: the area's handlers'.
        sent = Q(assignee=user) | Q(assignee__isnull=True) & within("assigned_area") | _coordinated_q(user)
    mine = Q(state__in=dispatched) & sent | Q(state__in=waiting) & within("area")
    return (
        Case.objects.for_user(user)
        # Open states (implied by `mine`, spelled out for the partial index case_queue_idx).
        .filter(mine, state__in=OPEN_STATES)
        .select_related("category", "area__parent", "assigned_area__parent", "assignee")
        .annotate(sla_rank=sla_rank())
        .order_by("sla_rank", F("due_at").asc(nulls_last=True), "received_at", "id")
    )


def _scope_by_ids(user):
    """`within(field)`: scope_q(user, field) as `<field>_id IN (area pks)`, a filter on the case's own
    indexed columns rather than a LIKE on a joined area's path."""
    unrestricted = scope_paths(user) is None
    area_ids = scope_areas(user)

    def within(field: str) -> Q:
        return Q() if unrestricted else area_q(field, area_ids)

    return within


def assignable_users(area: Area) -> QuerySet:
    """Active users holding a handler role today on `area` or inside it, by name; each with `label`
    "姓名（角色·区域）" (roles joined with "、" when a person holds several there)."""
    roles = Prefetch(
        "roles",
        queryset=handler_assignments(area).select_related("area").order_by("area__path", "role"),
        to_attr="handler_roles",
    )
    users = User.objects.filter(pk__in=handler_assignments(area).values("user_id"))
    return users.prefetch_related(roles).order_by("full_name", "username", "pk")


def assignee_label(user: User) -> str:
    """The select's label of a user from `assignable_users`: 姓名（角色·区域）."""
    held = "、".join(f"{a.get_role_display()}·{a.area.name}" for a in getattr(user, "handler_roles", []))
    return f"{user.display_name}（{held}）" if held else user.display_name


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def case_list(user, params: dict) -> QuerySet:
    """All cases in scope, narrowed by the list's filters (the cleaned values of CaseFilterForm)."""
    cases = Case.objects.for_user(user).select_related(
        "category", "area__parent", "assigned_area__parent", "assignee"
    )
    for field in ("source", "state", "sla_status"):
        if params.get(field):
            cases = cases.filter(**{field: params[field]})
    if params.get("category"):
        subtree = Category.objects.filter(path__startswith=params["category"].path)
        cases = cases.filter(category_id__in=list(subtree.values_list("pk", flat=True)))
    if params.get("community"):
        cases = cases.filter(area_q("area", areas_under([params["community"].path])))
    if params.get("date_from"):
        cases = cases.filter(received_at__gte=_day_start(params["date_from"]))
    if params.get("date_to"):
        cases = cases.filter(received_at__lt=_day_start(params["date_to"] + timedelta(days=1)))
    if q := (params.get("q") or "").strip():
        contains = Q(number__icontains=q) | Q(external_number__icontains=q) | Q(title__icontains=q)
        if connection.vendor == "postgresql" and len(q) >= 2:
            return _searched(cases, q, contains)
        cases = cases.filter(contains)
    return cases


# A search with at most this many matches is listed by their ids (see _searched).
FEW_MATCHES = 2000


def _searched(cases: QuerySet, q: str, contains: Q) -> QuerySet:
    """PostgreSQL: `cases` containing `q`, found through the grams index (CaseGramsContain).

    How many cases a text matches, no estimate knows: a word may be in every tenth title, a fragment of an
    upstream number in a hundred of the 20,000 that share its digits. So one look first (at most
    FEW_MATCHES + 1 ids, through the index): a few matches are then listed by their ids (sorting them is
    nothing), many by reading the newest cases down case_received_idx until a page is full. For the
    latter the exact check sits in a CASE, which PostgreSQL takes for "half the rows" instead of
    multiplying its guess for LIKE '%…%' (a few in a million) into the index's estimate — a guess that
    made a common word look rare and the page sort all its matches."""
    found = cases.filter(CaseGramsContain(q), contains)
    ids = list(found.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
    if len(ids) <= FEW_MATCHES:
        return cases.filter(pk__in=ids)
    exact = models.Case(models.When(contains, then=True), default=False, output_field=BooleanField())
    return cases.filter(CaseGramsContain(q), exact)


class CaseGramsContain(Func):
    """PostgreSQL: the grams of the case's number, upstream number and title include all of `text`'s — true
    of every case that contains `text`, and answered by the GIN index case_search_grams_idx (migration
    0003, which defines the SQL functions). It narrows a search to a few candidates before the exact
    `icontains`."""

    output_field = BooleanField()

    def __init__(self, text: str):
        super().__init__(F("number"), F("external_number"), F("title"), Value(text))

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        number, external_number, title, text = parts
        return f"jiedao_case_grams({number}, {external_number}, {title}) @> jiedao_grams({text})", params


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
    user_pks = {e.data["assignee"] for e in events if isinstance(e.data, dict) and e.data.get("assignee")}
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_pks)} if user_pks else {}
    into_pks = {e.data["into"] for e in events if isinstance(e.data, dict) and e.data.get("into")}
    numbers = dict(Case.objects.filter(pk__in=into_pks).values_list("pk", "number")) if into_pks else {}
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
        event.details = [
            (DATA_LABELS.get(k, k), _data_value(k, v, areas, names, numbers))
            for k, v in (event.data or {}).items()
        ]
    return events


def _data_value(key: str, value, areas: dict, names: dict, numbers: dict | None = None) -> str:
    numbers = numbers or {}
    if key == "area":
        return areas.get(value, str(value))
    if key == "into":  # a merge names the case it went into by its number
        return numbers.get(value, str(value))
    if key == "assignee":
        return "未指定" if value is None else names.get(value, str(value))
    if key in _CHOICE_LABELS and value in _CHOICE_LABELS[key].values:
        return _CHOICE_LABELS[key](value).label
    if isinstance(value, bool):
        return "是" if value else "否"
    return "—" if value is None else str(value)


# ---- 工单统计: the areas a user's figures cover ----


def kpi_scope_areas(user) -> list[Area]:
    """The areas the user holds a role on (the outermost ones): one KPI table each. Everything (a
    superuser): the streets."""
    paths = scope_paths(user)
    areas = (
        Area.objects.filter(level=AreaLevel.STREET) if paths is None else Area.objects.filter(path__in=paths)
    )
    return list(areas.select_related("parent").order_by("path"))


def kpi_areas(user) -> QuerySet:
    """The areas the KPI page may narrow to: the held areas and the streets and communities inside them
    (retired ones too: last year's figures of a split community)."""
    paths = scope_paths(user)
    wanted = Q(level__in=(AreaLevel.STREET, AreaLevel.COMMUNITY))
    if paths is not None:
        wanted |= Q(path__in=paths)  # a grid worker's own grid
    return (
        Area.objects.for_user(user)
        .filter(wanted)
        .select_related("parent")
        .order_by(F("valid_to").asc(nulls_first=True), "path")
    )


def kpi_tables(user, *, start, end, source=None, group_by="community", area=None) -> list[dict]:
    """The KPI table of each area the user looks at (`area`, or each held area): `area`, `rows` (by
    community or category; none when `group_by` is None) and `total` (the 合计 row). `area` must come
    from `kpi_areas(user)`."""
    tables = []
    for scope in [area] if area is not None else kpi_scope_areas(user):
        args = {"start": start, "end": end, "area": scope, "source": source}
        if group_by:
            rows = kpi_table(**args, group_by=group_by)
            total = kpi_total(rows)  # one pass over the cases, not two
        else:
            rows, total = [], kpi_table(**args, group_by=None)[0]
        tables.append({"area": scope, "rows": rows, "total": total})
    return tables
