"""Creating cases. Every later change is a move (jiedao.cases.workflow.case_move)."""

import uuid
from contextlib import nullcontext
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.models import Case, CaseEvent, Category, Source, State, Urgency
from jiedao.core.crypto import phone_columns
from jiedao.core.models import Area, AreaLevel, User
from jiedao.workcalendar.workdays import CalendarMissing

MSG_CATEGORY = "分类“{name}”已停用或不存在"
MSG_AREA_LEVEL = "工单所属区域应为社区或网格"
MSG_UPSTREAM_TAKEN = "上游工单编号“{number}”已存在"
MSG_TITLE = "标题不能为空"

NUMBER_PREFIX = {
    Source.HOTLINE: "RX",
    Source.GRID: "WG",
    Source.PETITION: "XF",
    Source.DISPUTE: "TJ",
    Source.HAZARD: "YH",
    Source.RIVER: "XH",
    Source.RESIDENT: "SB",
    Source.ENFORCEMENT: "ZF",
    Source.OTHER: "QT",
}


def _reporter_phone(raw: str | None) -> dict:
    return phone_columns(raw, prefix="reporter_phone", field="reporter_phone")


def case_number(source: str, received_at: datetime, pk: int) -> str:
    """RX2023 + the case's id, zero-padded: unique without a counter that concurrent creates would fight over."""
    return f"{NUMBER_PREFIX[source]}{timezone.localtime(received_at).year}{pk:08d}"


def _reserved_case_id() -> int | None:
    """On PostgreSQL the id is drawn before the insert, so the number is written with the row (and its history
    row) instead of by a second statement; elsewhere None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Case._meta.db_table])
        return cursor.fetchone()[0]


@transaction.atomic
def case_create(
    *,
    source: str,
    category: Category,
    title: str,
    area: Area,
    description: str = "",
    request_type: str = "help",
    urgency: str = Urgency.NORMAL,
    reporter_name: str = "",
    reporter_phone: str | None = None,
    anonymous: bool = False,
    address: str = "",
    external_number: str = "",
    received_at: datetime | None = None,
    accepted: bool = False,
    actor: User | None = None,
    **extra,
) -> Case:
    """Register a case (待受理, or 已受理 with its deadlines when `accepted`)."""
    if not category.active:
        raise ValidationError({"category": MSG_CATEGORY.format(name=category.name)})
    if area.level not in (AreaLevel.COMMUNITY, AreaLevel.GRID):
        raise ValidationError({"area": MSG_AREA_LEVEL})
    if not title.strip():
        raise ValidationError({"title": MSG_TITLE})
    received_at = received_at or timezone.now()
    case = Case(
        number=uuid.uuid4().hex,  # replaced by case_number() once the id is known
        external_number=external_number,
        source=source,
        category=category,
        title=title.strip(),
        description=description,
        request_type=request_type,
        urgency=urgency,
        anonymous=anonymous,
        reporter_name="" if anonymous else reporter_name,
        address=address,
        area=area,
        received_at=received_at,
        state=State.ACCEPTED if accepted else State.PENDING,
        **({} if anonymous else _reporter_phone(reporter_phone)),
        **extra,
    )
    if accepted:
        try:
            case.response_due_at = deadlines.response_deadline(category, received_at)
            case.due_at = deadlines.resolution_deadline(category, urgency, received_at)
        except CalendarMissing as exc:
            raise ValidationError({"received_at": str(exc)}) from None
    # Checks that cost a query each are left out where they cannot fail (Open311 files cases under load):
    # category and area are the saved instances checked above, and a new case can break the constraints only
    # through an upstream number or a return reason.
    case.full_clean(
        exclude=["number", "category", "area"],
        validate_constraints=bool(external_number or case.return_reason),
    )
    if external_number and Case.objects.filter(source=source, external_number=external_number).exists():
        raise ValidationError({"external_number": MSG_UPSTREAM_TAKEN.format(number=external_number)})
    if reserved_id := _reserved_case_id():
        case.pk, case.number = reserved_id, case_number(source, received_at, reserved_id)
    try:
        # A savepoint only where a concurrent create can collide: on the upstream number.
        with transaction.atomic() if external_number else nullcontext():
            case.save(force_insert=True)
    except IntegrityError:  # the same upstream number created concurrently
        raise ValidationError(
            {"external_number": MSG_UPSTREAM_TAKEN.format(number=external_number)}
        ) from None
    if not reserved_id:
        case.number = case_number(source, received_at, case.pk)
        Case.objects.filter(pk=case.pk).update(number=case.number)
    CaseEvent.objects.create(
        case=case, action="create", to_state=case.state, actor=actor, at=received_at, data={"source": source}
    )
    return case
