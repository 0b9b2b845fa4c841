"""Moving a case: the transition table and the one function that applies it (STYLE.md §4).

`TRANSITIONS` says, for each action, the states it may start from, the state it leads to (None: the state
does not change, e.g. 督办) and the roles allowed to make it. `case_move` checks all three and the record's
`version`, then writes the state, the timestamps and a `CaseEvent` in one transaction. Two people moving the
same case at once: the conditional UPDATE lets exactly one win, the other gets MSG_STALE and nothing changes
— on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.models import Case, CaseEvent, ReturnReason, Satisfaction, SlaStatus, State
from jiedao.core.models import Area, Role, RoleAssignment, User
from jiedao.core.permissions import active_roles
from jiedao.core.scoping import covers, scope_paths
from jiedao.workcalendar.workdays import CalendarMissing

MSG_STALE = "已被他人处理，请刷新"
MSG_NOT_FROM_STATE = "当前状态为“{state}”，不能{action}"
MSG_ROLE = "您的角色不能{action}"
MSG_OUT_OF_SCOPE = "该工单不在您的辖区"
MSG_RETURN_REASON = "退单必须选择原因（非本辖区、非职能、信息不全）"
MSG_RETURN_WINDOW = "12345工单须在受理后{days}个工作日内退单，已超过时限"
MSG_DISPATCH_AREA = "派单必须选择承办的社区或网格"
MSG_DISPATCH_OUTSIDE = "承办区域“{area}”不在工单所属街道"
MSG_RESULT_REQUIRED = "办结必须填写办理结果"
MSG_EXTENSION_DAYS = "延期天数应为1至30个工作日"
MSG_EXTENSION_LATE = "已超过办结期限，不能再申请延期"
MSG_NO_EXTENSION = "没有待审批的延期申请"
MSG_CALLBACK = "回访须选择是否解决和满意度，或记录为拒绝回访"
MSG_MERGE_INTO = "合并须选择要并入的工单"
MSG_MERGE_SELF = "不能合并到工单本身"
MSG_MERGE_STREET = "只能合并到本街道的工单"
MSG_MERGE_MERGED = "工单 {number} 已合并到其他工单，不能作为合并目标"
MSG_MERGE_STATE = "工单 {number} {state}，不能作为合并目标"
MSG_MERGE_SCOPE = "工单 {number} 不在您的辖区"
MERGE_RESULT = "与工单 {number} 合并办理"
MSG_ASSIGNEE = "“{name}”不在承办区域“{area}”，不能承办"

HANDLERS = frozenset({Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.OFFICE_STAFF})
COORDINATORS = frozenset({Role.OFFICE_STAFF, Role.STREET_LEADER, Role.COMMUNITY_SECRETARY})
LEADERS = frozenset({Role.STREET_LEADER, Role.OFFICE_STAFF})
OPEN = (State.PENDING, State.ACCEPTED, State.DISPATCHED, State.SIGNED, State.HANDLING)


@dataclass(frozen=True)
class Move:
    label: str  # the verb users read: 受理, 派单 …
    sources: tuple[str, ...]
    target: str | None
    roles: frozenset[str]


TRANSITIONS: dict[str, Move] = {
    "accept": Move("受理", (State.PENDING,), State.ACCEPTED, COORDINATORS | {Role.COMMUNITY_WORKER}),
    "dispatch": Move("派单", (State.ACCEPTED,), State.DISPATCHED, COORDINATORS),
    "reassign": Move(
        "改派", (State.DISPATCHED, State.SIGNED, State.HANDLING), State.DISPATCHED, COORDINATORS
    ),
    "sign": Move("签收", (State.DISPATCHED,), State.SIGNED, HANDLERS),
    "start": Move("开始办理", (State.SIGNED,), State.HANDLING, HANDLERS),
    "close": Move("办结", (State.SIGNED, State.HANDLING), State.CLOSED, HANDLERS),
    "return": Move(
        "退单",
        (State.PENDING, State.ACCEPTED, State.DISPATCHED, State.SIGNED),
        State.RETURNED,
        HANDLERS | COORDINATORS,
    ),
    "request_extension": Move("申请延期", (State.SIGNED, State.HANDLING), None, HANDLERS),
    "approve_extension": Move("批准延期", (State.SIGNED, State.HANDLING), None, LEADERS),
    "reject_extension": Move("驳回延期", (State.SIGNED, State.HANDLING), None, LEADERS),
    "supervise": Move("督办", OPEN, None, LEADERS),
    "callback": Move("回访", (State.CLOSED,), None, COORDINATORS | {Role.COMMUNITY_WORKER}),
    "reopen": Move("重办", (State.CLOSED,), State.DISPATCHED, COORDINATORS),
    "archive": Move("归档", (State.CLOSED, State.RETURNED), State.ARCHIVED, COORDINATORS),
    # A duplicate is closed into the case that carries the work (data `into`).
    "merge": Move("合并", (State.PENDING, State.ACCEPTED, State.DISPATCHED), State.CLOSED, COORDINATORS),
}


def allowed_actions(case: Case, user: User) -> list[str]:
    """The actions this user may take on this case now (the case page shows only these)."""
    roles = {a.role for a in active_roles(user)}
    return [
        action
        for action, move in TRANSITIONS.items()
        if case.state in move.sources and (user.is_superuser or roles & move.roles)
    ]


def case_move(
    *,
    case: Case,
    action: str,
    actor: User | None,
    version: int,
    note: str = "",
    at: datetime | None = None,
    **data,
) -> Case:
    """Apply `action` to `case` as `actor`, who saw `version`. Returns the updated case.

    `data` carries what the action needs: dispatch/reassign `area` (an Area) and optional `assignee`;
    return `reason` (ReturnReason); close `result`; request_extension `days`; callback `resolved`
    (bool) and `satisfaction` (Satisfaction) or `declined=True`; merge `into` (the Case that carries on,
    see _check_merge_target). `at` backdates the move (imports, demo).
    """
    move = TRANSITIONS[action]
    if actor is not None and not actor.is_superuser:
        roles = {a.role for a in active_roles(actor)}
        if not roles & move.roles:
            raise PermissionDenied(MSG_ROLE.format(action=move.label))
    at = at or timezone.now()
    # A stale page hears so first, before any complaint about its input; the conditional UPDATE below
    # still decides a race between two fresh ones.
    checked = actor is not None and not actor.is_superuser
    try:
        # Only accepting reads the category (its time limits): fetched then, not joined on every move.
        case = Case.objects.select_related("area").get(pk=case.pk)
    except Case.DoesNotExist:
        if checked:  # missing and not yours read the same
            raise PermissionDenied(MSG_OUT_OF_SCOPE) from None
        raise
    if checked and not _in_scope(case, actor):
        raise PermissionDenied(MSG_OUT_OF_SCOPE)
    if case.version != version:
        raise ValidationError(MSG_STALE, code="stale")
    if action == "merge":
        _check_merge_target(case, data.get("into"), actor)
    try:
        changes = _changes(case, action, at, data)
    except CalendarMissing as exc:  # a deadline in a year the calendar does not cover yet
        raise ValidationError(str(exc), code="calendar") from None
    with transaction.atomic():
        updated = Case.objects.filter(pk=case.pk, version=version, state__in=move.sources).update(
            **changes, **({"state": move.target} if move.target else {}), version=F("version") + 1
        )
        if not updated:
            current = Case.objects.get(pk=case.pk)
            if current.version != version:
                raise ValidationError(MSG_STALE, code="stale")
            raise ValidationError(
                MSG_NOT_FROM_STATE.format(state=current.get_state_display(), action=move.label), code="state"
            )
        CaseEvent.objects.create(
            case=case,
            action=action,
            from_state=case.state,
            to_state=move.target or case.state,
            actor=actor,
            at=at,
            note=note,
            data=_event_data(data),
        )
    return _as_updated(case, changes, move, version)


def _in_scope(case: Case, actor: User) -> bool:
    """Whether `Case.objects.for_user(actor)` holds the case: where it happened, read from the row just
    fetched, or else where it was dispatched (then one query)."""
    if covers(scope_paths(actor), case.area.path):
        return True
    return Case.objects.for_user(actor).filter(pk=case.pk).exists()


def _as_updated(case: Case, changes: dict, move: Move, version: int) -> Case:
    """The case as the UPDATE left it, without reading it back: the version lock says nobody wrote it in
    between. A change made by an expression (重办's counter) is read back."""
    if any(hasattr(value, "resolve_expression") for value in changes.values()):
        return Case.objects.get(pk=case.pk)
    for name, value in changes.items():
        setattr(case, name, value)
    if move.target:
        case.state = move.target
    case.version = version + 1
    return case


def _event_data(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        if isinstance(value, Area | User | Case):
            out[key] = value.pk
        else:
            out[key] = value
    return out


def _changes(case: Case, action: str, at: datetime, data: dict) -> dict:
    """The fields an action sets besides the state; validates the action's own input."""
    if action == "accept":
        return {
            "response_due_at": deadlines.response_deadline(case.category, case.received_at),
            "due_at": deadlines.resolution_deadline(case.category, case.urgency, case.received_at),
        }
    if action in ("dispatch", "reassign"):
        area = data.get("area")
        if area is None:
            raise ValidationError({"area": MSG_DISPATCH_AREA})
        if not area.path.startswith(street_path(case.area)):
            raise ValidationError({"area": MSG_DISPATCH_OUTSIDE.format(area=area.name)})
        assignee = data.get("assignee")
        if assignee is not None and not handler_assignments(area).filter(user=assignee).exists():
            raise ValidationError(
                {"assignee": MSG_ASSIGNEE.format(name=assignee.display_name, area=area.name)}
            )
        return {"assigned_area": area, "assignee": assignee}
    if action == "sign":
        return {"signed_at": at}
    if action == "close":
        result = (data.get("result") or "").strip()
        if not result:
            raise ValidationError({"result": MSG_RESULT_REQUIRED})
        return {"closed_at": at, "result": result, "sla_status": _final_sla(case, at)}
    if action == "return":
        reason = data.get("reason")
        if reason not in ReturnReason.values:
            raise ValidationError({"reason": MSG_RETURN_REASON})
        if case.source == "hotline":
            window_end = deadlines.extended_deadline(case.received_at, deadlines.RETURN_WINDOW_DAYS)
            if at > window_end:
                raise ValidationError({"reason": MSG_RETURN_WINDOW.format(days=deadlines.RETURN_WINDOW_DAYS)})
        return {"returned_at": at, "return_reason": reason}
    if action == "request_extension":
        days = data.get("days")
        if not isinstance(days, int) or not 1 <= days <= 30:
            raise ValidationError({"days": MSG_EXTENSION_DAYS})
        if case.due_at and at > case.due_at:
            raise ValidationError({"days": MSG_EXTENSION_LATE})
        return {"extension_requested_days": days}
    if action in ("approve_extension", "reject_extension"):
        if not case.extension_requested_days:
            raise ValidationError(MSG_NO_EXTENSION)
        changes = {"extension_requested_days": None}
        if action == "approve_extension":
            changes["due_at"] = deadlines.extended_deadline(case.due_at, case.extension_requested_days)
            changes["sla_status"] = SlaStatus.ON_TIME
        return changes
    if action == "supervise":
        return {"supervised": True}
    if action == "callback":
        if data.get("declined"):
            return {"callback_declined": True}
        if not isinstance(data.get("resolved"), bool) or data.get("satisfaction") not in Satisfaction.values:
            raise ValidationError(MSG_CALLBACK)
        return {"callback_resolved": data["resolved"], "callback_satisfaction": data["satisfaction"]}
    if action == "merge":
        into = data["into"]
        return {
            "merged_into": into,
            "closed_at": at,
            "result": MERGE_RESULT.format(number=into.number),
            "sla_status": _final_sla(case, at),
        }
    if action == "reopen":
        return {"reopen_count": F("reopen_count") + 1, "closed_at": None, "result": "", "merged_into": None}
    if action == "archive":
        return {"archived_at": at}
    return {}


def handler_assignments(area: Area):
    """Today's handler roles of active users on `area` or an area inside it: who may be dispatched a case
    there (a grid worker of 网格A1 handles what is sent to 社区A too)."""
    return RoleAssignment.objects.active().filter(
        role__in=HANDLERS, area__path__startswith=area.path, user__is_active=True
    )


def _check_merge_target(case: Case, into: Case | None, actor: User | None) -> None:
    """`into` must be another case of the same street, in the actor's scope, open or closed, not merged."""
    if into is None:
        raise ValidationError({"into": MSG_MERGE_INTO})
    into = Case.objects.select_related("area").get(pk=into.pk)
    if into.pk == case.pk:
        raise ValidationError({"into": MSG_MERGE_SELF})
    if not into.area.path.startswith(street_path(case.area)):
        raise ValidationError({"into": MSG_MERGE_STREET})
    if into.merged_into_id is not None:
        raise ValidationError({"into": MSG_MERGE_MERGED.format(number=into.number)})
    if into.state not in (*OPEN, State.CLOSED):
        state = into.get_state_display()
        raise ValidationError({"into": MSG_MERGE_STATE.format(number=into.number, state=state)})
    in_scope = actor is None or actor.is_superuser or Case.objects.for_user(actor).filter(pk=into.pk).exists()
    if not in_scope:
        raise ValidationError({"into": MSG_MERGE_SCOPE.format(number=into.number)})


def street_path(area: Area) -> str:
    """ "/<street code>/" of any area's path."""
    return "/" + area.path.strip("/").split("/")[0] + "/"


def _final_sla(case: Case, at: datetime) -> str:
    return SlaStatus.OVERDUE if case.due_at and at > case.due_at else case.sla_status
