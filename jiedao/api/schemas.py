"""What goes in and out of the API. Types are checked here; the rules stay in the services (STYLE.md §7).

Records are named by the codes people know — 分类代码 (`Category.code`), 统计用区划代码 (`Area.code`), account
names — never by database ids, except a case's own `id`. The reporter's phone only ever leaves masked.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, PlainSerializer

from jiedao.cases.models import (
    Case,
    RequestType,
    ReturnReason,
    Satisfaction,
    SlaStatus,
    Source,
    State,
    Urgency,
)
from jiedao.cases.workflow import TRANSITIONS

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

# The workflow's actions, read from the transition table itself.
MoveAction = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]


# Times go out in Beijing time, to the second: 2024-09-30T10:00:00+08:00.
LocalTime = Annotated[
    datetime,
    PlainSerializer(lambda d: timezone.localtime(d).isoformat(timespec="seconds"), return_type=str),
]


class Strict(Schema):
    # A misspelt field is an error, not silently dropped.
    model_config = ConfigDict(extra="forbid")


class CaseIn(Strict):
    source: Source = Field(description="来源")
    category: str = Field(max_length=40, description="分类代码，见 GET /categories")
    area: str = Field(max_length=20, description="所属社区或网格的统计用区划代码，见 GET /areas")
    title: str = Field(max_length=120, description="标题")
    description: str = Field("", description="诉求内容")
    request_type: RequestType = Field(RequestType.HELP, description="诉求类型")
    urgency: Urgency = Field(Urgency.NORMAL, description="紧急程度")
    reporter_name: str = Field("", max_length=50, description="诉求人（匿名时不记录）")
    reporter_phone: str | None = Field(None, max_length=20, description="联系电话（加密保存，只以掩码返回）")
    anonymous: bool = Field(False, description="匿名反映")
    address: str = Field("", max_length=200, description="地址")
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6, description="纬度")
    longitude: Decimal | None = Field(
        None, ge=-180, le=180, max_digits=9, decimal_places=6, description="经度"
    )
    external_number: str = Field("", max_length=64, description="上游编号（12345平台工单编号）")
    people_count: int | None = Field(None, ge=1, description="涉及人数（信访）")
    parties: str = Field("", description="当事人（矛盾纠纷），每行一人")
    received_at: datetime | None = Field(None, description="受理时间，缺省为现在；不带时区时按北京时间")


class MoveIn(Strict):
    action: MoveAction = Field(description="办理动作")  # type: ignore[valid-type]
    version: int = Field(ge=1, description="工单当前版本号（详情中的 version），用于防止覆盖他人的办理")
    note: str = Field("", description="说明")
    area: str | None = Field(None, max_length=20, description="派单/改派：承办社区或网格的区划代码")
    assignee: str | None = Field(None, max_length=150, description="派单/改派：承办人账号（可选）")
    reason: ReturnReason | None = Field(None, description="退单原因")
    result: str | None = Field(None, description="办结：办理结果")
    days: int | None = Field(None, description="申请延期：延期天数（工作日）")
    resolved: bool | None = Field(None, description="回访：是否解决")
    satisfaction: Satisfaction | None = Field(None, description="回访：满意度")
    declined: bool = Field(False, description="回访：群众拒绝回访")
    into: int | None = Field(None, description="合并：并入的工单ID")


class CaseFilters(Schema):
    source: Source | None = Field(None, description="来源")
    state: State | None = Field(None, description="状态")
    sla_status: SlaStatus | None = Field(None, description="时限状态")
    category: str | None = Field(None, max_length=40, description="分类代码（含下级分类）")
    community: str | None = Field(None, max_length=20, description="社区区划代码")
    date_from: date | None = Field(None, description="受理日期自")
    date_to: date | None = Field(None, description="受理日期至")
    q: str | None = Field(None, max_length=100, description="工单编号、上游编号或标题")
    page: int = Field(1, ge=1, description="页码")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数")


class AreaRef(Schema):
    code: str
    name: str
    level: str
    label: str = Field(description="名称（网格带社区名）")


class CategoryRef(Schema):
    code: str
    name: str


class UserRef(Schema):
    username: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class CaseSummary(Schema):
    id: int
    number: str = Field(description="工单编号")
    external_number: str
    source: Source
    source_label: str
    category: CategoryRef
    title: str
    area: AreaRef
    assigned_area: AreaRef | None
    state: State
    state_label: str
    sla_status: SlaStatus
    sla_status_label: str
    received_at: LocalTime
    due_at: LocalTime | None
    version: int = Field(description="版本号：办理时原样带回")

    @staticmethod
    def resolve_source_label(obj) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_sla_status_label(obj) -> str:
        return obj.get_sla_status_display()


class EventDetail(Schema):
    name: str
    value: str


class EventOut(Schema):
    action: str
    label: str = Field(description="动作名称")
    from_state: str
    to_state: str
    actor: UserRef | None
    at: LocalTime
    note: str
    details: list[EventDetail]

    @staticmethod
    def resolve_details(obj) -> list[dict]:
        return [{"name": name, "value": value} for name, value in obj.details]


class ActionRef(Schema):
    action: str
    label: str


class CaseDetail(CaseSummary):
    request_type: RequestType
    request_type_label: str
    urgency: Urgency
    urgency_label: str
    description: str
    anonymous: bool
    reporter_name: str
    reporter_phone: str = Field(description="联系电话（掩码，如 138****5678）")
    address: str
    latitude: float | None
    longitude: float | None
    assignee: UserRef | None
    people_count: int | None
    parties: str
    signed_at: LocalTime | None
    closed_at: LocalTime | None
    returned_at: LocalTime | None
    archived_at: LocalTime | None
    response_due_at: LocalTime | None
    extension_requested_days: int | None
    return_reason: str
    result: str
    callback_resolved: bool | None
    callback_satisfaction: str
    callback_declined: bool
    reopen_count: int
    supervised: bool
    merged_into: int | None = Field(description="已合并到的工单ID")
    actions: list[ActionRef] = Field(description="当前用户此刻可做的办理动作")
    timeline: list[EventOut] = Field(description="办理记录")

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_request_type_label(obj) -> str:
        return obj.get_request_type_display()

    @staticmethod
    def resolve_urgency_label(obj) -> str:
        return obj.get_urgency_display()

    @staticmethod
    def resolve_reporter_phone(obj) -> str:
        return obj.reporter_phone_masked  # never the number itself

    @staticmethod
    def resolve_latitude(obj) -> float | None:
        return None if obj.latitude is None else float(obj.latitude)

    @staticmethod
    def resolve_longitude(obj) -> float | None:
        return None if obj.longitude is None else float(obj.longitude)


class CasePage(Schema):
    count: int = Field(description="符合条件的工单数（超过上限时为上限）")
    count_capped: bool = Field(description="是否超过计数上限（请缩小筛选范围）")
    page: int
    page_size: int
    results: list[CaseSummary]


class CategoryNode(Schema):
    code: str
    name: str
    children: list["CategoryNode"] = []


class AreaOut(AreaRef):
    parent: str | None = Field(description="上级区域的区划代码")


class ErrorOut(Schema):
    code: str = Field(description="错误代码：unauthorized、forbidden、not_found、stale、state、invalid …")
    message: str = Field(description="中文说明")
    fields: dict[str, list[str]] = Field(description="各字段的错误")


# Every endpoint may answer with the one error shape (jiedao.api.errors).
ERRORS = {frozenset({401, 403, 404, 409, 422}): ErrorOut}


def case_detail_data(case: Case) -> dict:
    """The detail of a case carrying `actions` and `timeline` (jiedao.api.cases.with_detail) as JSON data:
    what an idempotent create stores and replays."""
    return CaseDetail.from_orm(case).model_dump(mode="json")
