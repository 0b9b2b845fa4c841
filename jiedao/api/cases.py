"""Cases over JSON: create (idempotent with `Idempotency-Key`), list, detail, moves.

Each endpoint checks the permission, finds the case through the user's scope (out of scope is 404), turns
codes into records, and hands over to the one domain function: `case_create` or `case_move`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router

from jiedao.api.auth import auth_with
from jiedao.api.errors import ApiError
from jiedao.api.schemas import ERRORS, CaseDetail, CaseFilters, CaseIn, CasePage, MoveIn, case_detail_data
from jiedao.api.services import idempotent_call, render_json, request_hash
from jiedao.cases import selectors
from jiedao.cases.models import Case, Category
from jiedao.cases.services import case_create
from jiedao.cases.workflow import MSG_ROLE, MSG_STALE, TRANSITIONS, allowed_actions, case_move
from jiedao.core.forms import MSG_DATE_RANGE
from jiedao.core.listing import CappedPaginator
from jiedao.core.models import Area, User
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry.selectors import communities_for

VIEW = "cases.view_case"
ADD = "cases.add_case"
KEY_MAX_LENGTH = 255

MSG_CATEGORY_UNKNOWN = "分类代码“{code}”不存在"
MSG_AREA_UNKNOWN = "区划代码“{code}”不存在或不在您的辖区"
MSG_COMMUNITY_UNKNOWN = "社区代码“{code}”不存在或不在您的辖区"
MSG_CASE_UNKNOWN = "工单ID {id} 不存在或不在您的辖区"
MSG_ASSIGNEE_UNKNOWN = "账号“{username}”不存在或已停用"
MSG_KEY_FORMAT = f"Idempotency-Key 应为1至{KEY_MAX_LENGTH}个可见的ASCII字符"

router = Router(tags=["工单"], auth=auth_with(VIEW))


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid", message, {field: [message]})


def _case(request, pk: int) -> Case:
    queryset = Case.objects.select_related("category", "area__parent", "assigned_area__parent", "assignee")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


def with_detail(case: Case, user: User) -> Case:
    """The case with what its detail shows besides its fields: the user's actions and the timeline."""
    case.actions = [{"action": a, "label": TRANSITIONS[a].label} for a in allowed_actions(case, user)]
    case.timeline = selectors.case_timeline(case)
    return case


def _create_kwargs(user: User, payload: CaseIn) -> dict:
    data = payload.model_dump()
    category = Category.objects.filter(code=data.pop("category")).first()
    if category is None:
        raise _invalid("category", MSG_CATEGORY_UNKNOWN.format(code=payload.category))
    # Registering in a retired area, or outside one's own, is the same "no such area" as a typo.
    area = Area.objects.for_user(user).filter(code=data.pop("area"), valid_to__isnull=True).first()
    if area is None:
        raise _invalid("area", MSG_AREA_UNKNOWN.format(code=payload.area))
    received_at = data.pop("received_at")
    if received_at is not None and timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    extra = {k: data.pop(k) for k in ("latitude", "longitude", "people_count", "parties")}
    return {
        **data,
        **{k: v for k, v in extra.items() if v not in (None, "")},
        "category": category,
        "area": area,
        "received_at": received_at,
    }


@router.post(
    "/cases",
    auth=auth_with(ADD),
    response={201: CaseDetail, **ERRORS},
    url_name="case_create",
    summary="登记工单",
    description="带 `Idempotency-Key` 头时，同一账号用同一键重发相同内容，返回第一次的结果而不重复登记；"
    "同一键配不同内容返回 422。",
)
def create(request, payload: CaseIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    def run() -> tuple[int, dict]:
        case = case_create(**_create_kwargs(request.user, payload), actor=request.user)
        return 201, case_detail_data(with_detail(_case(request, case.pk), request.user))

    replayed = False
    if idempotency_key is None:
        status, body = run()
        text = render_json(body)
    else:
        key = idempotency_key
        if not (0 < len(key) <= KEY_MAX_LENGTH and key.isascii() and key.isprintable()):
            raise _invalid("Idempotency-Key", MSG_KEY_FORMAT)
        digest = request_hash(payload.model_dump(mode="json"))
        status, text, replayed = idempotent_call(user=request.user, key=key, digest=digest, run=run)
    # The stored JSON text itself: a replay is the first answer byte for byte.
    response = HttpResponse(text, status=status, content_type="application/json; charset=utf-8")
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _list_params(user: User, filters: CaseFilters) -> dict:
    params = filters.model_dump(exclude={"page", "page_size"})
    if filters.category:
        params["category"] = Category.objects.filter(code=filters.category).first()
        if params["category"] is None:
            raise _invalid("category", MSG_CATEGORY_UNKNOWN.format(code=filters.category))
    if filters.community:
        params["community"] = communities_for(user).filter(code=filters.community).first()
        if params["community"] is None:
            raise _invalid("community", MSG_COMMUNITY_UNKNOWN.format(code=filters.community))
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise _invalid("date_to", MSG_DATE_RANGE)
    return params


@router.get("/cases", response={200: CasePage, **ERRORS}, url_name="case_list", summary="工单列表")
def case_list(request, filters: Query[CaseFilters]):
    cases = selectors.case_list(request.user, _list_params(request.user, filters))
    paginator = CappedPaginator(cases, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    return {
        "count": min(paginator.count, paginator.cap),
        "count_capped": paginator.capped,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": list(cases[start : start + filters.page_size]),
    }


@router.get(
    "/cases/{int:case_id}",
    response={200: CaseDetail, **ERRORS},
    url_name="case_detail",
    summary="工单详情（含办理记录）",
)
def case_detail(request, case_id: int):
    return with_detail(_case(request, case_id), request.user)


def _move_data(case: Case, user: User, payload: MoveIn) -> dict:
    """What the action needs besides version and note, as case_move takes it."""
    action = payload.action
    if action in ("dispatch", "reassign"):
        area = assignee = None
        if payload.area:
            area = selectors.dispatch_areas(case, user).filter(code=payload.area).first()
            if area is None:
                raise _invalid("area", MSG_AREA_UNKNOWN.format(code=payload.area))
        if payload.assignee:
            assignee = User.objects.filter(username=payload.assignee, is_active=True).first()
            if assignee is None:
                raise _invalid("assignee", MSG_ASSIGNEE_UNKNOWN.format(username=payload.assignee))
        return {"area": area, "assignee": assignee}
    if action == "return":
        return {"reason": payload.reason and payload.reason.value}
    if action == "close":
        return {"result": payload.result or ""}
    if action == "request_extension":
        return {"days": payload.days}
    if action == "callback":
        if payload.declined:
            return {"declined": True}
        satisfaction = payload.satisfaction and payload.satisfaction.value
        return {"resolved": payload.resolved, "satisfaction": satisfaction}
    if action == "merge":
        into = None
        if payload.into is not None:
            into = Case.objects.for_user(user).filter(pk=payload.into).first()
            if into is None:
                raise _invalid("into", MSG_CASE_UNKNOWN.format(id=payload.into))
        return {"into": into}
    return {}


@router.post(
    "/cases/{int:case_id}/moves",
    response={200: CaseDetail, **ERRORS},
    url_name="case_move",
    summary="办理工单（受理、派单、签收、办结、退单、延期、督办、回访、重办、归档）",
    description="`version` 须为详情中的当前版本号；他人已先办理时返回 409 `stale`，当前状态不能做该动作时返回 409 "
    "`state`，角色不允许时返回 403。",
)
def case_move_endpoint(request, case_id: int, payload: MoveIn):
    case = _case(request, case_id)
    if payload.action not in selectors.role_actions(request.user):
        raise PermissionDenied(MSG_ROLE.format(action=TRANSITIONS[payload.action].label))
    if case.version != payload.version:  # a stale client hears so before any complaint about its input
        raise ValidationError(MSG_STALE, code="stale")
    data = _move_data(case, request.user, payload)
    case_move(
        case=case,
        action=payload.action,
        actor=request.user,
        version=payload.version,
        note=payload.note,
        **data,
    )
    return with_detail(_case(request, case_id), request.user)
