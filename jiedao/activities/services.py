"""Writes to the activity ledgers and publicity. Each function validates, writes the record and its history
row in one transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jiedao.activities.models import (
    Activity,
    ActivityType,
    ActivityValue,
    Adoption,
    AdoptionLevel,
    InfoItem,
    Measure,
)
from jiedao.core.concurrency import locked_current
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, Office, User

MSG_MEASURE_NOT_OF_TYPE = "活动类型“{type}”没有计量项“{measure}”"
MSG_VALUE_NEGATIVE = "“{measure}”不能为负数"
MSG_VALUE_PLACES = "“{measure}”最多{n}位小数"
MSG_VALUE_PLACES_INT = "“{measure}”应为整数"
MSG_VALUE_NOT_NUMBER = "“{measure}”应为数字"
MSG_END_BEFORE_START = "结束日期不能早于开始日期"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行的区域"
MSG_TYPE_INACTIVE = "活动类型“{type}”已停用"
MSG_STALE = "已被他人修改，请刷新"
MSG_TYPE_CODE_TAKEN = "代码“{code}”已被使用"
MSG_TYPE_NAME_TAKEN = "名称“{name}”已被使用"
MSG_MEASURE_IN_USE = "计量项“{measure}”已有{n}条活动记录填写了数值，不能从该类型中移除"
MSG_ADOPTION_TAKEN = "同一稿件在同一级别只能登记一次采用"
MSG_ADOPTION_BEFORE_SUBMIT = "采用日期不能早于报送日期（{date}）"
MSG_INFOITEM_TAKEN = "同一天已登记同名稿件"
MSG_DECIMAL_PLACES = "小数位数应为0、1或2"

ACTIVITY_EDITABLE = (
    "type",
    "held_on",
    "ended_on",
    "title",
    "place",
    "organiser",
    "area",
    "office",
    "description",
)
INFOITEM_EDITABLE = ("title", "author", "submitted_on", "office", "area", "summary")


def _save(obj, actor: User | None, reason: str) -> None:
    save_with_history(obj, actor, reason)


def check_area(area: Area, field: str = "area") -> None:
    if area.valid_to is not None:
        raise ValidationError({field: MSG_AREA_RETIRED.format(area=area.label)})


def check_dates(held_on: date, ended_on: date | None) -> None:
    if ended_on is not None and ended_on < held_on:
        raise ValidationError({"ended_on": MSG_END_BEFORE_START})


def value_check(measure: Measure, raw) -> Decimal:
    """One measure's value as a Decimal: a number, not negative, with no more places than the measure has."""
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(MSG_VALUE_NOT_NUMBER.format(measure=measure.name), code="number") from None
    if not value.is_finite():
        raise ValidationError(MSG_VALUE_NOT_NUMBER.format(measure=measure.name), code="number")
    if value < 0:
        raise ValidationError(MSG_VALUE_NEGATIVE.format(measure=measure.name), code="negative")
    if value != value.quantize(Decimal(1).scaleb(-measure.decimal_places)):
        message = MSG_VALUE_PLACES_INT if measure.decimal_places == 0 else MSG_VALUE_PLACES
        raise ValidationError(message.format(measure=measure.name, n=measure.decimal_places), code="places")
    return value


def values_check(activity_type: ActivityType, values: Mapping) -> dict[Measure, Decimal]:
    """`values` maps a Measure (or its code) to a number; blanks are dropped. Raises {"values": [...]}."""
    own = {m.code: m for m in activity_type.measures.all()}
    checked, errors = {}, []
    for key, raw in values.items():
        if raw is None or raw == "":
            continue
        code = key.code if isinstance(key, Measure) else str(key)
        measure = own.get(code)
        if measure is None:
            other = key if isinstance(key, Measure) else Measure.objects.filter(code=code).first()
            name = other.name if other is not None else code
            errors.append(MSG_MEASURE_NOT_OF_TYPE.format(type=activity_type.name, measure=name))
            continue
        try:
            checked[measure] = value_check(measure, raw)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"values": errors})
    return checked


def _write_values(activity: Activity, values: dict[Measure, Decimal]) -> None:
    """Make the activity's values exactly `values` (a measure left blank has no value)."""
    existing = {v.measure_id: v for v in activity.values.all()}
    for measure, value in values.items():
        row = existing.pop(measure.pk, None)
        if row is None:
            ActivityValue.objects.create(activity=activity, measure=measure, value=value)
        elif row.value != value:
            row.value = value
            row.save(update_fields=["value"])
    if existing:
        ActivityValue.objects.filter(pk__in=[v.pk for v in existing.values()]).delete()


@transaction.atomic
def activity_create(
    *,
    type: ActivityType,
    held_on: date,
    title: str,
    area: Area,
    ended_on: date | None = None,
    place: str = "",
    organiser: str = "",
    office: Office | None = None,
    description: str = "",
    values: Mapping | None = None,
    actor: User | None = None,
) -> Activity:
    """Record a held activity with its measure values (all or nothing)."""
    if not type.active:
        raise ValidationError({"type": MSG_TYPE_INACTIVE.format(type=type.name)})
    check_area(area)
    check_dates(held_on, ended_on)
    checked = values_check(type, values or {})
    activity = Activity(
        type=type,
        held_on=held_on,
        ended_on=ended_on,
        title=title.strip(),
        place=place,
        organiser=organiser,
        area=area,
        office=office if office is not None else type.office,
        description=description,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    activity.full_clean()
    _save(activity, actor, "新增")
    _write_values(activity, checked)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, version: int, values: Mapping | None = None, actor: User | None = None, **changes
) -> Activity:
    """Edit an activity seen at `version`; a stale edit is refused ("已被他人修改，请刷新"). `values`, when
    given, become the activity's values exactly; None keeps them (they must still fit a changed type)."""
    unknown = set(changes) - set(ACTIVITY_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    current = locked_current(activity, version, MSG_STALE)
    for field, value in changes.items():
        setattr(current, field, value)
    if "area" in changes and changes["area"].pk != activity.area_id:
        check_area(current.area)
    check_dates(current.held_on, current.ended_on)
    if values is None:
        values = {v.measure: v.value for v in current.values.select_related("measure")}
    checked = values_check(current.type, values)
    current.full_clean()
    current.version += 1
    _save(current, actor, "修改")
    _write_values(current, checked)
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, actor: User | None = None) -> None:
    from jiedao.activities.attachments import attachment_files_delete_on_commit

    attachment_files_delete_on_commit(activity)
    activity._history_user = actor if getattr(actor, "pk", None) else None
    activity._change_reason = "删除"
    activity.delete()


# Activity types and measures ------------------------------------------------------------------------------


def _type_unique(code: str, name: str, exclude_pk: int | None = None) -> None:
    errors = {}
    others = ActivityType.objects.exclude(pk=exclude_pk)
    if others.filter(code=code).exists():
        errors["code"] = MSG_TYPE_CODE_TAKEN.format(code=code)
    if others.filter(name=name).exists():
        errors["name"] = MSG_TYPE_NAME_TAKEN.format(name=name)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_type_create(
    *,
    code: str,
    name: str,
    measures: Iterable[Measure] = (),
    office: Office | None = None,
    sort_order: int = 0,
    active: bool = True,
    actor: User | None = None,
) -> ActivityType:
    """Define a new kind of activity and what its records count."""
    _type_unique(code, name)
    kind = ActivityType(code=code, name=name, office=office, sort_order=sort_order, active=active)
    kind.full_clean()
    _save(kind, actor, "新增")
    kind.measures.set(list(measures))
    return kind


@transaction.atomic
def activity_type_update(
    *,
    activity_type: ActivityType,
    name: str,
    measures: Iterable[Measure],
    office: Office | None = None,
    sort_order: int = 0,
    active: bool = True,
    actor: User | None = None,
) -> ActivityType:
    """Rename, re-file or change the measures of a type. A measure some record already has a value for
    cannot be removed: the values would be orphaned and the figures summed from them would drop."""
    _type_unique(activity_type.code, name, exclude_pk=activity_type.pk)
    wanted = {m.pk for m in measures}
    removed = activity_type.measures.exclude(pk__in=wanted)
    errors = []
    for measure in removed:
        used = ActivityValue.objects.filter(activity__type=activity_type, measure=measure).count()
        if used:
            errors.append(MSG_MEASURE_IN_USE.format(measure=measure.name, n=used))
    if errors:
        raise ValidationError({"measures": errors})
    activity_type.name, activity_type.office = name, office
    activity_type.sort_order, activity_type.active = sort_order, active
    activity_type.full_clean()
    _save(activity_type, actor, "修改")
    activity_type.measures.set(list(measures))
    return activity_type


@transaction.atomic
def measure_create(
    *,
    code: str,
    name: str,
    unit: str,
    decimal_places: int = 0,
    sort_order: int = 0,
    actor: User | None = None,
) -> Measure:
    if decimal_places not in (0, 1, 2):
        raise ValidationError({"decimal_places": MSG_DECIMAL_PLACES})
    errors = {}
    if Measure.objects.filter(code=code).exists():
        errors["code"] = MSG_TYPE_CODE_TAKEN.format(code=code)
    if Measure.objects.filter(name=name).exists():
        errors["name"] = MSG_TYPE_NAME_TAKEN.format(name=name)
    if errors:
        raise ValidationError(errors)
    measure = Measure(code=code, name=name, unit=unit, decimal_places=decimal_places, sort_order=sort_order)
    measure.full_clean()
    _save(measure, actor, "新增")
    return measure


# Publicity ------------------------------------------------------------------------------------------------


def _infoitem_free(title: str, submitted_on: date, exclude_pk: int | None = None) -> None:
    if InfoItem.objects.filter(title=title, submitted_on=submitted_on).exclude(pk=exclude_pk).exists():
        raise ValidationError({"title": MSG_INFOITEM_TAKEN})


@transaction.atomic
def infoitem_create(
    *,
    title: str,
    author: str,
    submitted_on: date,
    area: Area,
    office: Office | None = None,
    summary: str = "",
    actor: User | None = None,
) -> InfoItem:
    check_area(area)
    title = title.strip()
    _infoitem_free(title, submitted_on)
    item = InfoItem(
        title=title,
        author=author.strip(),
        submitted_on=submitted_on,
        area=area,
        office=office,
        summary=summary,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    item.full_clean(validate_constraints=False)
    _save(item, actor, "新增")
    return item


@transaction.atomic
def infoitem_update(*, item: InfoItem, version: int, actor: User | None = None, **changes) -> InfoItem:
    unknown = set(changes) - set(INFOITEM_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    current = locked_current(item, version, MSG_STALE)
    for field, value in changes.items():
        setattr(current, field, value)
    if "area" in changes and changes["area"].pk != item.area_id:
        check_area(current.area)
    _infoitem_free(current.title, current.submitted_on, exclude_pk=current.pk)
    current.full_clean(validate_constraints=False)
    current.version += 1
    _save(current, actor, "修改")
    return current


@transaction.atomic
def adoption_add(
    *, item: InfoItem, level: str, outlet: str, adopted_on: date, actor: User | None = None
) -> Adoption:
    """Record that an outlet of `level` published `item` (once per level)."""
    if level not in AdoptionLevel.values:
        raise ValidationError({"level": "媒体级别无效"})
    if adopted_on < item.submitted_on:
        raise ValidationError(
            {"adopted_on": MSG_ADOPTION_BEFORE_SUBMIT.format(date=f"{item.submitted_on:%Y-%m-%d}")}
        )
    InfoItem.objects.select_for_update().filter(pk=item.pk).first()
    if Adoption.objects.filter(item=item, level=level).exists():
        raise ValidationError({"level": MSG_ADOPTION_TAKEN})
    adoption = Adoption(item=item, level=level, outlet=outlet.strip(), adopted_on=adopted_on)
    adoption.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            _save(adoption, actor, "新增")
    except IntegrityError:
        raise ValidationError({"level": MSG_ADOPTION_TAKEN}) from None
    return adoption


@transaction.atomic
def adoption_remove(*, adoption: Adoption, actor: User | None = None) -> None:
    adoption._history_user = actor if getattr(actor, "pk", None) else None
    adoption._change_reason = "删除"
    adoption.delete()
