"""导入12345工单: the city 12345 platform's export, imported as hotline cases and their history.

A row creates a case already accepted at its 受理时间, then plays the later steps the file shows through
`case_move`, as the system (actor None) and at the file's times, so the timeline and the state are the ones a
case handled in the platform would have: 签收 → dispatch to the 承办单位 and sign; 办结 → close; 退单 → return;
回访 → callback. Re-importing an order (same 工单编号) adds only the steps the case has not had yet and
updates its descriptive fields (content, address, caller); a case is never moved back, and a row that
contradicts the stored state is reported. The category and the 承办单位 of a stored case are not changed by
a re-import (its deadlines and dispatch were computed from them).
"""

import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.models import Case, Category, RequestType, ReturnReason, Satisfaction, Source, State
from jiedao.cases.services import case_create
from jiedao.cases.workflow import MSG_RETURN_WINDOW, TRANSITIONS, case_move
from jiedao.core.scoping import scope_paths
from jiedao.core.selectors import communities_by_name
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import CellError, Column, Ledger, WriteResult
from jiedao.lib.phone import PhoneError, normalize_phone

MSG_DATETIME = "时间格式无法识别（示例：2023-05-01 09:30 或 2023/5/1 9:30:00）"
MSG_CATEGORY_UNKNOWN = "诉求分类“{name}”不存在或已停用"
MSG_CATEGORY_AMBIGUOUS = "诉求分类“{name}”有多个，请写完整路径，如“城市管理/环境卫生/垃圾清运”"
MSG_COMMUNITY_UNKNOWN = "承办单位“{name}”不是本街道辖区内的社区"
MSG_CALLBACK = "应为“解决/满意”“解决/基本满意”“未解决/不满意”等，或“拒绝回访”"
MSG_BEFORE_RECEIPT = "不能早于受理时间"
MSG_BEFORE_SIGN = "不能早于签收时间"
MSG_CLOSE_NEEDS_SIGN = "有办结时间的工单须填写签收时间"
MSG_CLOSE_NEEDS_RESULT = "有办结时间的工单须填写办理结果"
MSG_RESULT_NEEDS_CLOSE = "填写了办理结果的工单须填写办结时间"
MSG_CLOSED_AND_RETURNED = "同一工单不能既办结又退单"
MSG_CALLBACK_NEEDS_CLOSE = "只有办结的工单才能回访"
MSG_CONTRADICTS = "与系统中该工单的状态“{state}”不符，不能{action}"
MSG_ELSEWHERE = "该工单编号已在其他辖区登记，请联系该辖区核实"

_DATETIME = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?\s*$"
)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_RESOLVED = {"解决": True, "已解决": True, "未解决": False}
_DECLINED = {"拒绝回访", "拒访", "拒绝"}


def a_datetime(value):
    """A cell → an aware datetime: Excel datetimes and serials, "2023-05-01 09:30", "2023/5/1 9:30:00", and a
    bare date (midnight)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        naive = value.replace(tzinfo=None)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        naive = _EXCEL_EPOCH + timedelta(days=float(value))
        naive = naive.replace(microsecond=0) + timedelta(seconds=round(naive.microsecond / 1e6))
    elif hasattr(value, "year"):  # a date
        naive = datetime(value.year, value.month, value.day)
    else:
        match = _DATETIME.match(str(value))
        if not match:
            raise CellError(MSG_DATETIME)
        try:
            naive = datetime(*(int(part or 0) for part in match.groups()))
        except ValueError:
            raise CellError(MSG_DATETIME) from None
    return timezone.make_aware(naive)


def phone(value):
    """A caller's number; a masked one (an exported file coming back) is no number."""
    text = p.text(20)(value)
    if not text or "*" in text:
        return ""
    try:
        return normalize_phone(text)
    except PhoneError as exc:
        raise CellError(str(exc)) from None


def callback(value):
    """回访结果 → the callback move's data: {"declined": True} or {"resolved": …, "satisfaction": …}."""
    text = p.text(20)(value).replace("／", "/").replace("，", "/").replace(",", "/").replace(" ", "")
    if not text:
        return None
    if text in _DECLINED:
        return {"declined": True}
    resolved, _, satisfaction = text.partition("/")
    satisfaction_value = {str(label): v for v, label in Satisfaction.choices}.get(satisfaction)
    if resolved not in _RESOLVED or satisfaction_value is None:
        raise CellError(MSG_CALLBACK)
    return {"resolved": _RESOLVED[resolved], "satisfaction": satisfaction_value}


def _close_of_day(day) -> datetime:
    hour, minute = (int(part) for part in settings.WORKING_HOURS[-1][1].split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class CategoryResolver:
    """Active categories by name (when unique) and by path of names (城市管理/环境卫生/垃圾清运)."""

    def __init__(self):
        nodes = {c.pk: c for c in Category.objects.filter(active=True)}
        self.by_path, self.by_name = {}, {}
        for category in nodes.values():
            names, node = [], category
            while node is not None:
                names.append(node.name)
                node = nodes.get(node.parent_id)
            self.by_path["/".join(reversed(names))] = category
            self.by_name.setdefault(category.name, []).append(category)

    def resolve(self, name: str) -> Category:
        key = "/".join(part.strip() for part in name.replace("／", "/").replace(">", "/").split("/"))
        if "/" in key:
            if key in self.by_path:
                return self.by_path[key]
            raise CellError(MSG_CATEGORY_UNKNOWN.format(name=name))
        found = self.by_name.get(key, [])
        if len(found) > 1:
            raise CellError(MSG_CATEGORY_AMBIGUOUS.format(name=name))
        if not found:
            raise CellError(MSG_CATEGORY_UNKNOWN.format(name=name))
        return found[0]


def _steps(v: dict) -> list[str]:
    """The moves the row shows after acceptance, in the order they happened."""
    steps = []
    if v["signed_at"]:
        steps.append("sign")
    if v["closed_at"]:
        steps.append("close")
    if v["return_reason"]:
        steps.append("return")
    if v["callback"]:
        steps.append("callback")
    return steps


def _done(case: Case) -> set[str]:
    """The steps a stored case has had (a reopened case has had its close, even though closed_at is cleared)."""
    done = set()
    if case.signed_at:
        done.add("sign")
    if case.closed_at or case.reopen_count or case.state in (State.CLOSED,):
        done.add("close")
    if case.returned_at:
        done.add("return")
    if case.callback_resolved is not None or case.callback_declined:
        done.add("callback")
    return done


def _pending_moves(steps: list[str], done: set[str], state: str) -> tuple[list[str], str | None]:
    """The moves still to make, starting from `state`, or the first one the state forbids."""
    moves = []
    for step in steps:
        if step in done:
            continue
        if step == "sign" and state == State.ACCEPTED:
            moves.append("dispatch")
            state = State.DISPATCHED
        move = TRANSITIONS[step]
        if state not in move.sources:
            return moves, step
        moves.append(step)
        state = move.target or state
    return moves, None


@register
class HotlineOrderLedger(Ledger):
    code = "hotline_orders"
    title = "导入12345工单"
    description = (
        "12345平台导出的工单：按工单编号新建或更新，已签收、办结、退单、回访的按文件中的时间补记办理过程"
    )
    natural_key = ("external_number",)
    import_permission = "cases.add_case"
    export_permission = "cases.view_case"
    columns = (
        Column(
            "external_number",
            "工单编号",
            p.required(p.text(64)),
            required=True,
            example="2023050100123",
            help="12345平台的工单编号；再次导入同一编号时更新该工单，不会重复",
            width=18,
        ),
        Column(
            "received_at",
            "受理时间",
            p.required(a_datetime),
            required=True,
            example="2023-05-01 09:30",
            help="如 2023-05-01 09:30 或 2023/5/1 9:30:00",
            width=18,
        ),
        Column(
            "request_type",
            "诉求类型",
            p.choice(RequestType, blank=RequestType.HELP),
            example="投诉",
            help="咨询、求助、投诉、举报、建议或表扬；不填为求助",
            width=10,
        ),
        Column(
            "category",
            "诉求分类",
            p.required(p.text(200)),
            required=True,
            example="城市管理/环境卫生",
            help="分类名称，或用“/”分隔的完整路径，如“城市管理/环境卫生/垃圾清运”",
            width=24,
        ),
        Column("address", "诉求地址", p.text(200), example="海西路1号阳光小区", width=24),
        Column(
            "description",
            "诉求内容",
            p.required(p.text(4000)),
            required=True,
            example="小区垃圾三天未清运",
            width=40,
        ),
        Column("reporter_name", "来电人", p.text(50), example="刘先生", width=10),
        Column("reporter_phone", "联系电话", phone, example="13812345678", help="手机号码或带区号的固定电话"),
        Column(
            "community",
            "承办单位",
            p.required(p.text(60)),
            required=True,
            example="赛马场北路社区",
            help="本街道的社区名称：工单归属并派发到该社区",
        ),
        Column(
            "due_on",
            "办理时限",
            p.a_date(),
            example="2023-05-08",
            help="可不填，不填时按分类时限计算",
            width=12,
        ),
        Column("signed_at", "签收时间", a_datetime, example="2023-05-01 10:00", width=18),
        Column(
            "closed_at",
            "办结时间",
            a_datetime,
            example="2023-05-05 16:00",
            help="填写时须同时填写签收时间和办理结果",
            width=18,
        ),
        Column("result", "办理结果", p.text(4000), example="已协调环卫清运", width=30),
        Column(
            "return_reason",
            "退单原因",
            p.choice(ReturnReason),
            help="非本辖区、非职能或信息不全；须在受理后2个工作日内",
            width=12,
        ),
        Column(
            "returned_at", "退单时间", a_datetime, help="可不填，不填时取签收时间，再取受理时间", width=18
        ),
        Column(
            "callback",
            "回访结果",
            callback,
            example="解决/满意",
            help="“是否解决/满意度”，如“解决/满意”“未解决/不满意”；或“拒绝回访”",
            width=14,
        ),
        Column("callback_at", "回访时间", a_datetime, help="可不填，不填时取办结时间", width=18),
    )

    def prepare(self, rows, ctx):
        resolver = CategoryResolver()
        communities = communities_by_name(ctx.user)
        paths = None if ctx.user is None else scope_paths(ctx.user)
        existing = {}
        numbers = [r.values["external_number"] for r in rows]
        for start in range(0, len(numbers), 2000):
            for case in Case.objects.select_related("area").filter(
                source=Source.HOTLINE, external_number__in=numbers[start : start + 2000]
            ):
                existing[case.external_number] = case
        plans = {}
        for row in rows:
            v = row.values
            case = existing.get(v["external_number"])
            if case is not None and not self._in_scope(case, paths):
                ctx.error(row.number, "external_number", MSG_ELSEWHERE)
                continue
            ok = True
            try:
                category = resolver.resolve(v["category"])
            except CellError as exc:
                ctx.error(row.number, "category", str(exc))
                ok = False
            community = communities.get(v["community"])
            if community is None:
                ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=v["community"]))
                ok = False
            if not self._check_times(row, ctx):
                continue
            steps = _steps(v)
            if case is None:
                state, done = State.ACCEPTED, set()
            else:
                state, done = case.state, _done(case)
            moves, refused = _pending_moves(steps, done, state)
            if refused:
                label = State(state).label
                ctx.error(
                    row.number, None, MSG_CONTRADICTS.format(state=label, action=TRANSITIONS[refused].label)
                )
                continue
            if ok:
                plans[row.number] = (case, category, community, moves)
        ctx.state["plans"] = plans

    @staticmethod
    def _in_scope(case: Case, paths) -> bool:
        return paths is None or any(case.area.path.startswith(p_) for p_ in paths)

    def _check_times(self, row, ctx) -> bool:
        """The row's own story: steps in order, the close with its result, the return within its window."""
        v, problems = row.values, []
        received = v["received_at"]
        for key in ("signed_at", "closed_at", "returned_at", "callback_at"):
            if v[key] and v[key] < received:
                problems.append((key, MSG_BEFORE_RECEIPT))
        if v["closed_at"] and not v["signed_at"]:
            problems.append(("signed_at", MSG_CLOSE_NEEDS_SIGN))
        if v["closed_at"] and v["signed_at"] and v["closed_at"] < v["signed_at"]:
            problems.append(("closed_at", MSG_BEFORE_SIGN))
        if v["closed_at"] and not v["result"]:
            problems.append(("result", MSG_CLOSE_NEEDS_RESULT))
        if v["result"] and not v["closed_at"]:
            problems.append(("closed_at", MSG_RESULT_NEEDS_CLOSE))
        if v["closed_at"] and v["return_reason"]:
            problems.append(("return_reason", MSG_CLOSED_AND_RETURNED))
        if v["callback"] and not v["closed_at"]:
            problems.append(("callback", MSG_CALLBACK_NEEDS_CLOSE))
        if v["return_reason"]:
            window_end = deadlines.extended_deadline(received, deadlines.RETURN_WINDOW_DAYS)
            if self._return_at(v) > window_end:
                message = MSG_RETURN_WINDOW.format(days=deadlines.RETURN_WINDOW_DAYS)
                problems.append(("returned_at" if v["returned_at"] else "return_reason", message))
        for key, message in problems:
            ctx.error(row.number, key, message)
        return not problems

    @staticmethod
    def _return_at(v) -> datetime:
        return v["returned_at"] or v["signed_at"] or v["received_at"]

    def write(self, rows, ctx):
        plans, result = ctx.state["plans"], WriteResult()
        for done, row in enumerate(rows, start=1):
            case, category, community, moves = plans[row.number]
            v = row.values
            if case is None:
                case = self._create(v, category, community)
                result.created += 1
            elif self._update_fields(case, v) or moves:
                result.updated += 1
            else:
                result.unchanged += 1
            self._play(case, moves, v, community)
            if ctx.progress and done % 500 == 0:
                ctx.progress(done)
        return result

    @staticmethod
    def _title(description: str) -> str:
        first_line = description.strip().splitlines()[0]
        return first_line[:40] + ("…" if len(first_line) > 40 else "")

    def _create(self, v, category, community) -> Case:
        case = case_create(
            source=Source.HOTLINE,
            category=category,
            title=self._title(v["description"]),
            description=v["description"],
            area=community,
            request_type=v["request_type"],
            reporter_name=v["reporter_name"],
            reporter_phone=v["reporter_phone"] or None,
            address=v["address"],
            external_number=v["external_number"],
            received_at=v["received_at"],
            accepted=True,
        )
        if v["due_on"]:
            # The platform's own time limit wins over the category's.
            case.due_at = _close_of_day(v["due_on"])
            case.save(update_fields=["due_at"])
        return case

    def _update_fields(self, case: Case, v) -> bool:
        wanted = {
            "title": self._title(v["description"]),
            "description": v["description"],
            "address": v["address"],
            "request_type": v["request_type"],
            "reporter_name": v["reporter_name"] if not case.anonymous else "",
        }
        changed = [field for field, value in wanted.items() if getattr(case, field) != value]
        for field in changed:
            setattr(case, field, wanted[field])
        if changed:
            case.version += 1
            case.save(update_fields=[*changed, "version"])
        return bool(changed)

    def _play(self, case: Case, moves: list[str], v, community) -> None:
        at = {
            "dispatch": v["signed_at"],
            "sign": v["signed_at"],
            "close": v["closed_at"],
            "return": self._return_at(v),
            "callback": v["callback_at"] or v["closed_at"],
        }
        data = {
            "dispatch": {"area": community},
            "close": {"result": v["result"]},
            "return": {"reason": v["return_reason"]},
            "callback": v["callback"] or {},
        }
        for action in moves:
            case = case_move(
                case=case,
                action=action,
                actor=None,
                version=case.version,
                at=at[action],
                **data.get(action, {}),
            )

    def export_queryset(self, user, params):
        qs = Case.objects.filter(source=Source.HOTLINE).select_related(
            "category__parent__parent", "area", "assigned_area"
        )
        qs = qs.annotate(callback_at=Max("events__at", filter=Q(events__action="callback")))
        if params.get("year"):
            qs = qs.filter(received_at__year=params["year"])
        return qs if user is None else qs.for_user(user)

    def export_row(self, obj, ctx):
        def local(value):
            return timezone.localtime(value) if value else None

        callback_text = ""
        if obj.callback_declined:
            callback_text = "拒绝回访"
        elif obj.callback_resolved is not None:
            resolved = "解决" if obj.callback_resolved else "未解决"
            callback_text = f"{resolved}/{obj.get_callback_satisfaction_display()}"
        return [
            obj.external_number,
            local(obj.received_at),
            obj.get_request_type_display(),
            "/".join(c.name for c in reversed(obj.category.ancestors_and_self())),
            obj.address,
            obj.description,
            obj.reporter_name,
            obj.reporter_phone_masked,
            (obj.assigned_area or obj.area).name,
            timezone.localtime(obj.due_at).date() if obj.due_at else None,
            local(obj.signed_at),
            local(obj.closed_at),
            obj.result,
            obj.get_return_reason_display() if obj.return_reason else "",
            local(obj.returned_at),
            callback_text,
            local(obj.callback_at),
        ]
