"""Writes to the economic directory. Each function validates, writes the record and its history row in one
transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.concurrency import locked_current
from jiedao.core.crypto import phone_columns
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel, User
from jiedao.enterprises.models import (
    STAGE_DATE_FIELDS,
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    InvestmentLead,
    LeadSource,
    LeadStage,
    Scale,
    VerificationVisit,
)
from jiedao.lib.pinyin import initials
from jiedao.lib.uscc import UsccError, normalize_uscc

MSG_USCC_TAKEN = "统一社会信用代码已登记（{name}，{area}）"
MSG_AREA_LEVEL = "所属区域应为社区或网格"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行的社区或网格"
MSG_FUTURE = "日期不能晚于今天"
MSG_ENTERPRISE_STALE = "该企业信息已被他人修改，请刷新后重试"
MSG_STATUS_MOVE = "企业当前为“{status}”，不能变更为“{to}”"
MSG_LEFT_BEFORE_REGISTERED = "迁出/注销日期不能早于入库日期（{date}）"
MSG_VISIT_TAKEN = "该企业在{date}已有核查记录"
MSG_LEAD_NAME_TAKEN = "已有同名招商引资项目"
MSG_AMOUNT_NEGATIVE = "计划投资额不能为负数"
MSG_STALE = "该项目已被他人更新，请刷新后重试"
MSG_STAGE_MOVE = "项目处于“{stage}”阶段，不能转为“{to}”"
MSG_STAGE_DATE_BEFORE = "{to}日期不能早于{stage}日期（{date}）"
MSG_STAGE_DATE_MISSING = "项目阶段为“{stage}”时必须填写{field}"
MSG_STAGE_DATE_EXTRA = "项目阶段为“{stage}”时不应填写{field}"
MSG_STAGE_DATE_ORDER = "{field}不能早于{previous}（{date}）"

# Status moves an enterprise may make through `enterprise_set_status`. Leaving is final: the directory's
# figures count an enterprise from registered_on to left_on, and reopening the record would blur that span.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    EnterpriseStatus.ACTIVE: {EnterpriseStatus.MOVED_OUT, EnterpriseStatus.CANCELLED},
}

# The investment pipeline (招商引资): 接洽 → 洽谈 → 签约 → 落地, and 终止 from any open stage.
TRANSITIONS: dict[str, set[str]] = {
    LeadStage.CONTACTED: {LeadStage.NEGOTIATING, LeadStage.DROPPED},
    LeadStage.NEGOTIATING: {LeadStage.SIGNED, LeadStage.DROPPED},
    LeadStage.SIGNED: {LeadStage.SETTLED, LeadStage.DROPPED},
}
_PATH = [LeadStage.CONTACTED, LeadStage.NEGOTIATING, LeadStage.SIGNED, LeadStage.SETTLED]

ENTERPRISE_EDITABLE = (
    "uscc",
    "name",
    "kind",
    "industry",
    "scale",
    "address",
    "area",
    "legal_representative",
    "contact_name",
    "established_on",
    "registered_on",
    "note",
)
LEAD_EDITABLE = (
    "name",
    "enterprise",
    "industry",
    "amount",
    "source",
    "contact_name",
    "owner",
    "area",
    "contacted_on",
    "note",
)


def next_stages(stage: str) -> list[LeadStage]:
    """The stages a lead may move to from `stage`, in pipeline order."""
    allowed = TRANSITIONS.get(stage, set())
    return [s for s in LeadStage if s in allowed]


def next_statuses(status: str) -> list[EnterpriseStatus]:
    allowed = STATUS_TRANSITIONS.get(status, set())
    return [s for s in EnterpriseStatus if s in allowed]


def check_uscc(raw: str) -> str:
    try:
        return normalize_uscc(raw)
    except UsccError as exc:
        raise ValidationError({"uscc": str(exc)}) from None


def check_area(area: Area, field: str = "area") -> None:
    if area.level not in (AreaLevel.COMMUNITY, AreaLevel.GRID):
        raise ValidationError({field: MSG_AREA_LEVEL})
    if area.valid_to is not None:
        raise ValidationError({field: MSG_AREA_RETIRED.format(area=area.name)})


def contact_phone_fields(raw: str | None) -> dict:
    """The stored form of a contact phone (mobile or fixed line); empty input clears it."""
    return phone_columns(raw, prefix="contact_phone", field="contact_phone")


def _not_future(**dates: date | None) -> None:
    today = timezone.localdate()
    errors = {field: MSG_FUTURE for field, value in dates.items() if value is not None and value > today}
    if errors:
        raise ValidationError(errors)


def _uscc_free(uscc: str, *, exclude_pk: int | None = None) -> None:
    taken = Enterprise.objects.filter(uscc=uscc).exclude(pk=exclude_pk).select_related("area__parent").first()
    if taken:
        raise ValidationError({"uscc": MSG_USCC_TAKEN.format(name=taken.name, area=taken.area.label)})


def _save(obj, actor: User | None, reason: str) -> None:
    save_with_history(obj, actor, reason)


def _edit_locked(obj, version: int, values: dict, actor, stale_message: str):
    """Apply `values` to the row of `obj` if it is still at `version` (the one the editor saw), else refuse
    with `stale_message`: a concurrent edit is never merged silently. Call inside a transaction."""
    current = locked_current(obj, version, stale_message)
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.version += 1
    _save(current, actor, "修改")
    return current


@transaction.atomic
def enterprise_create(
    *,
    uscc: str,
    name: str,
    industry: str,
    area: Area,
    registered_on: date,
    scale: str = Scale.MICRO,
    kind: str = EnterpriseKind.COMPANY,
    address: str = "",
    legal_representative: str = "",
    contact_name: str = "",
    contact_phone: str | None = None,
    established_on: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> Enterprise:
    """Enter an enterprise into the directory (存续)."""
    uscc = check_uscc(uscc)
    check_area(area)
    _not_future(registered_on=registered_on, established_on=established_on)
    _uscc_free(uscc)
    enterprise = Enterprise(
        uscc=uscc,
        name=name,
        name_initials=initials(name),
        kind=kind,
        industry=industry,
        scale=scale,
        address=address,
        area=area,
        legal_representative=legal_representative,
        contact_name=contact_name,
        established_on=established_on,
        registered_on=registered_on,
        note=note,
        **contact_phone_fields(contact_phone),
    )
    enterprise.full_clean()
    _save(enterprise, actor, "新增")
    return enterprise


@transaction.atomic
def enterprise_update(
    *,
    enterprise: Enterprise,
    version: int,
    actor: User | None = None,
    contact_phone: str | None = None,
    **changes,
) -> Enterprise:
    """Edit the directory entry (status changes go through `enterprise_set_status`). `version` is the one the
    editor saw: if someone saved in between, the edit is refused with MSG_ENTERPRISE_STALE, never merged.
    `contact_phone=None` keeps the stored phone; "" clears it."""
    unknown = set(changes) - set(ENTERPRISE_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    values = dict(changes)
    if "uscc" in values:
        values["uscc"] = check_uscc(values["uscc"])
        _uscc_free(values["uscc"], exclude_pk=enterprise.pk)
    if "name" in values:
        values["name_initials"] = initials(values["name"])
    if "area" in values and values["area"].pk != enterprise.area_id:
        check_area(values["area"])
    _not_future(registered_on=values.get("registered_on"), established_on=values.get("established_on"))
    if contact_phone is not None:
        values.update(contact_phone_fields(contact_phone))
    return _edit_locked(enterprise, version, values, actor, MSG_ENTERPRISE_STALE)


@transaction.atomic
def enterprise_set_status(
    *,
    enterprise: Enterprise,
    status: str,
    on: date,
    actor: User | None = None,
    version: int | None = None,
    note: str = "",
) -> Enterprise:
    """Record that an enterprise moved out (迁出) or was cancelled (注销) on `on`. Pass the `version` the user
    saw to refuse a change made on a stale page."""
    current = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if version is not None and current.version != version:
        raise ValidationError(MSG_ENTERPRISE_STALE, code="stale")
    if status not in STATUS_TRANSITIONS.get(current.status, set()):
        raise ValidationError(
            {
                "status": MSG_STATUS_MOVE.format(
                    status=current.get_status_display(), to=EnterpriseStatus(status).label
                )
            }
        )
    _not_future(on=on)
    if on < current.registered_on:
        raise ValidationError({"on": MSG_LEFT_BEFORE_REGISTERED.format(date=_cn(current.registered_on))})
    current.status, current.left_on = status, on
    current.version += 1
    current.full_clean()
    label = EnterpriseStatus(status).label
    _save(current, actor, f"{label}：{note}" if note else label)
    return current


@transaction.atomic
def visit_record(
    *,
    enterprise: Enterprise,
    visited_on: date,
    result: str,
    note: str = "",
    actor: User | None = None,
    visitor: User | None = None,
) -> VerificationVisit:
    """Record an on-site verification. A result saying the enterprise has gone does not change the enterprise:
    the page offers the follow-up (`enterprise_set_status`) for staff to confirm."""
    _not_future(visited_on=visited_on)
    if VerificationVisit.objects.filter(enterprise=enterprise, visited_on=visited_on).exists():
        raise ValidationError({"visited_on": MSG_VISIT_TAKEN.format(date=_cn(visited_on))})
    if visitor is None and getattr(actor, "pk", None):
        visitor = actor
    visit = VerificationVisit(
        enterprise=enterprise,
        visited_on=visited_on,
        result=result,
        note=note,
        visitor=visitor,
        area_id=enterprise.area_id,
    )
    visit.full_clean()
    _save(visit, actor, "核查登记")
    return visit


def _check_amount(amount: Decimal | None) -> None:
    if amount is not None and amount < 0:
        raise ValidationError({"amount": MSG_AMOUNT_NEGATIVE})


def _lead_name_free(name: str, *, exclude_pk: int | None = None) -> None:
    if InvestmentLead.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": MSG_LEAD_NAME_TAKEN})


@transaction.atomic
def lead_create(
    *,
    name: str,
    industry: str,
    area: Area,
    contacted_on: date,
    owner: User | None = None,
    enterprise: Enterprise | None = None,
    amount: Decimal | None = None,
    source: str = LeadSource.OTHER,
    contact_name: str = "",
    contact_phone: str | None = None,
    note: str = "",
    actor: User | None = None,
) -> InvestmentLead:
    """Open an investment lead at the first stage (接洽)."""
    check_area(area)
    _check_amount(amount)
    _not_future(contacted_on=contacted_on)
    _lead_name_free(name)
    lead = InvestmentLead(
        name=name,
        industry=industry,
        area=area,
        contacted_on=contacted_on,
        owner=owner,
        enterprise=enterprise,
        amount=amount,
        source=source,
        contact_name=contact_name,
        note=note,
        stage=LeadStage.CONTACTED,
        **contact_phone_fields(contact_phone),
    )
    lead.full_clean()
    _save(lead, actor, "新增")
    return lead


@transaction.atomic
def lead_update(
    *,
    lead: InvestmentLead,
    version: int,
    actor: User | None = None,
    contact_phone: str | None = None,
    **changes,
) -> InvestmentLead:
    """Edit a lead's particulars (its stage moves only through `lead_advance`), with the same optimistic
    lock as `lead_advance`."""
    unknown = set(changes) - set(LEAD_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    values = dict(changes)
    if "name" in values:
        _lead_name_free(values["name"], exclude_pk=lead.pk)
    if "area" in values and values["area"].pk != lead.area_id:
        check_area(values["area"])
    _check_amount(values.get("amount"))
    _not_future(contacted_on=values.get("contacted_on"))
    if contact_phone is not None:
        values.update(contact_phone_fields(contact_phone))
    return _edit_locked(lead, version, values, actor, MSG_STALE)


@transaction.atomic
def lead_advance(
    *,
    lead: InvestmentLead,
    to_stage: str,
    on: date,
    version: int,
    actor: User | None = None,
    note: str = "",
) -> InvestmentLead:
    """Move a lead along the pipeline (TRANSITIONS), reached on `on`.

    Refused, with nothing written, when the lead changed since the user saw `version` (MSG_STALE), when the
    table does not allow the move (MSG_STAGE_MOVE), or when `on` is before the current stage's date or in
    the future. The move is recorded in the lead's history, with `note` as the reason."""
    current = locked_current(lead, version, MSG_STALE)
    stage, to = LeadStage(current.stage), LeadStage(to_stage)
    if to not in TRANSITIONS.get(stage, set()):
        raise ValidationError({"to_stage": MSG_STAGE_MOVE.format(stage=stage.label, to=to.label)})
    _not_future(on=on)
    reached = current.stage_date
    if reached is not None and on < reached:
        raise ValidationError(
            {"on": MSG_STAGE_DATE_BEFORE.format(to=to.label, stage=stage.label, date=_cn(reached))}
        )
    setattr(current, STAGE_DATE_FIELDS[to], on)
    current.stage = to
    current.version += 1
    current.full_clean()
    reason = f"{stage.label}→{to.label}"
    _save(current, actor, f"{reason}：{note}" if note else reason)
    return current


def lead_stage_problems(stage: str, dates: dict[str, date | None]) -> list[tuple[str, str]]:
    """(date field, message) for every way `dates` disagree with `stage`: a reached stage without its date,
    a later stage's date filled in, dates out of order. Imports check a whole row's stage with it."""
    label = LeadStage(stage).label
    if stage == LeadStage.DROPPED:
        allowed = {"contacted_on", "negotiating_on", "signed_on", "dropped_on"}
        required = {"contacted_on", "dropped_on"}
        # A dropped lead keeps the dates it reached; a later one implies the earlier ones.
        if dates.get("signed_on"):
            required.add("negotiating_on")
    else:
        reached = _PATH[: _PATH.index(stage) + 1]
        allowed = required = {STAGE_DATE_FIELDS[s] for s in reached}
    problems = []
    for field in STAGE_DATE_FIELDS.values():
        verbose = InvestmentLead._meta.get_field(field).verbose_name
        if field in required and not dates.get(field):
            problems.append((field, MSG_STAGE_DATE_MISSING.format(stage=label, field=verbose)))
        elif field not in allowed and dates.get(field):
            problems.append((field, MSG_STAGE_DATE_EXTRA.format(stage=label, field=verbose)))
    if problems:
        return problems
    order = [*_PATH[:3], LeadStage.DROPPED if stage == LeadStage.DROPPED else LeadStage.SETTLED]
    previous = None
    for s in order:
        field = STAGE_DATE_FIELDS[s]
        value = dates.get(field)
        if not value:
            continue
        if previous and value < previous[1]:
            problems.append(
                (
                    field,
                    MSG_STAGE_DATE_ORDER.format(
                        field=InvestmentLead._meta.get_field(field).verbose_name,
                        previous=InvestmentLead._meta.get_field(previous[0]).verbose_name,
                        date=_cn(previous[1]),
                    ),
                )
            )
        previous = (field, value)
    return problems


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
