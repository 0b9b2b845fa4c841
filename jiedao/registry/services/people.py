"""Writes to households and residents. A resident's moves are events: registering, moving between
households, leaving and dying each write a `ResidentEvent` in the same transaction as the change."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.concurrency import locked_current
from jiedao.core.crypto import (
    PURPOSE_MOBILE,
    PURPOSE_RESIDENT_ID,
    protect_mobile,
    protect_resident_id,
    reveal,
)
from jiedao.core.models import AuditEvent, User
from jiedao.lib.idcard import IdCardError, parse_resident_id
from jiedao.lib.phone import PhoneError
from jiedao.lib.pinyin import initials
from jiedao.registry.models import (
    Building,
    Gender,
    Household,
    Residence,
    Resident,
    ResidentEvent,
    ResidentEventKind,
    ResidentStatus,
    ResidentTag,
)

MSG_ID_TAKEN = "身份证号码已登记（{name}，{area}）"
MSG_STALE = "该居民信息已被他人修改，请刷新后重试"
MSG_NOT_ACTIVE = "该居民已{status}，不能办理此项变动"
MSG_SAME_HOUSEHOLD = "新户与原户相同"
MSG_DATE_BEFORE_REGISTERED = "日期不能早于登记日期（{date}）"
MSG_TAG_OPEN = "该居民的“{tag}”标签仍然有效，请先终止"
MSG_TAG_ENDED = "该标签已于{date}终止"
MSG_TAG_END_BEFORE_START = "终止日期必须晚于起始日期（{date}）"
MSG_NO_FULL_VIEW = "您没有查看完整身份证号码和电话的权限"
VIEW_FULL_RESIDENT = "registry.view_full_resident"

# Fields a plain edit may change; everything that moves a person goes through an event.
EDITABLE_FIELDS = ("name", "residence", "hukou_local", "ethnicity", "party_member", "relation", "note")


def household_address(building: Building, unit: str, room: str) -> str:
    unit_text = f"{unit}单元" if unit and not unit.endswith("单元") else unit
    return f"{building.compound.name}{building.name}{unit_text}{room}"


@transaction.atomic
def household_get_or_create(
    *, building: Building, unit: str, room: str, actor: User | None = None
) -> Household:
    existing = Household.objects.filter(building=building, unit=unit, room=room).first()
    if existing:
        return existing
    household = Household.objects.create(
        number=f"T{timezone.now():%Y%m%d%H%M%S%f}",
        building=building,
        unit=unit,
        room=room,
        address=household_address(building, unit, room),
        area=building.area,
    )
    household.number = household_number(household.pk)
    household.save(update_fields=["number"])
    return household


def household_number(pk: int) -> str:
    return f"H{pk:09d}"


def _identity(id_number: str) -> dict:
    try:
        parsed = parse_resident_id(id_number)
        protected = protect_resident_id(parsed.number)
    except IdCardError as exc:
        raise ValidationError({"id_number": str(exc)}) from None
    return {
        "id_number_cipher": protected.cipher,
        "id_number_index": protected.index,
        "id_number_masked": protected.masked,
        "gender": Gender.MALE if parsed.gender == "男" else Gender.FEMALE,
        "birth_date": parsed.birth_date,
    }


def _phone(phone: str | None) -> dict:
    if not phone:
        return {"phone_cipher": None, "phone_index": "", "phone_masked": ""}
    try:
        protected = protect_mobile(phone)
    except PhoneError as exc:
        raise ValidationError({"phone": str(exc)}) from None
    return {
        "phone_cipher": protected.cipher,
        "phone_index": protected.index,
        "phone_masked": protected.masked,
    }


@transaction.atomic
def resident_register(
    *,
    name: str,
    id_number: str,
    household: Household,
    phone: str | None = None,
    residence: str = Residence.PERMANENT,
    hukou_local: bool = True,
    ethnicity: str = "01",
    party_member: bool = False,
    relation: str = "",
    registered_on: date | None = None,
    note: str = "",
    moved_in: bool = False,
    actor: User | None = None,
) -> Resident:
    """Put a person on the register (`moved_in`: they arrived from elsewhere, recorded as 迁入)."""
    identity = _identity(id_number)
    taken = (
        Resident.objects.filter(id_number_index=identity["id_number_index"]).select_related("area").first()
    )
    if taken:
        raise ValidationError({"id_number": MSG_ID_TAKEN.format(name=taken.name, area=taken.area.label)})
    resident = Resident(
        name=name,
        name_initials=initials(name),
        household=household,
        area=household.area,
        residence=residence,
        hukou_local=hukou_local,
        ethnicity=ethnicity,
        party_member=party_member,
        relation=relation,
        registered_on=registered_on or timezone.localdate(),
        note=note,
        **identity,
        **_phone(phone),
    )
    resident.full_clean()
    resident.save()
    ResidentEvent.objects.create(
        resident=resident,
        kind=ResidentEventKind.MOVE_IN if moved_in else ResidentEventKind.REGISTER,
        occurred_on=resident.registered_on,
        to_household=household,
        to_area=household.area,
        recorded_by=actor,
    )
    return resident


@transaction.atomic
def resident_update(
    *, resident: Resident, version: int, actor: User | None = None, phone: str | None = None, **changes
) -> Resident:
    """Edit the editable fields (and the phone). `version` is the one the editor saw: if someone saved in
    between, the edit is refused with MSG_STALE rather than merged."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    values = dict(changes)
    if "name" in values:
        values["name_initials"] = initials(values["name"])
    if phone is not None:
        values.update(_phone(phone))
    # The row lock (PostgreSQL) or the write lock of the IMMEDIATE transaction (SQLite) makes the version
    # check and the save one step.
    current = locked_current(resident, version, MSG_STALE)
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.version += 1
    current._history_user = actor
    current._change_reason = "修改"
    current.save()
    return current


def _require_active(resident: Resident) -> None:
    if resident.status != ResidentStatus.ACTIVE:
        raise ValidationError(MSG_NOT_ACTIVE.format(status=resident.get_status_display()))


def _require_after_registration(resident: Resident, on: date) -> None:
    if on < resident.registered_on:
        raise ValidationError({"occurred_on": MSG_DATE_BEFORE_REGISTERED.format(date=resident.registered_on)})


@transaction.atomic
def resident_transfer(
    *,
    resident: Resident,
    household: Household,
    on: date,
    relation: str = "",
    note: str = "",
    actor: User | None = None,
) -> ResidentEvent:
    """Move a resident to another household of the sub-district; their area follows the new household."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    _require_active(resident)
    _require_after_registration(resident, on)
    if household.pk == resident.household_id:
        raise ValidationError({"household": MSG_SAME_HOUSEHOLD})
    event = ResidentEvent.objects.create(
        resident=resident,
        kind=ResidentEventKind.TRANSFER,
        occurred_on=on,
        from_household_id=resident.household_id,
        to_household=household,
        from_area_id=resident.area_id,
        to_area=household.area,
        note=note,
        recorded_by=actor,
    )
    resident.household, resident.area, resident.relation = household, household.area, relation
    resident.version += 1
    resident._history_user = actor
    resident.save()
    return event


@transaction.atomic
def resident_leave(
    *, resident: Resident, kind: str, on: date, note: str = "", actor: User | None = None
) -> ResidentEvent:
    """Take a resident off the register: moved out of the sub-district, or died."""
    if kind not in (ResidentEventKind.MOVE_OUT, ResidentEventKind.DEATH):
        raise ValueError(kind)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    _require_active(resident)
    _require_after_registration(resident, on)
    event = ResidentEvent.objects.create(
        resident=resident,
        kind=kind,
        occurred_on=on,
        from_household_id=resident.household_id,
        from_area_id=resident.area_id,
        note=note,
        recorded_by=actor,
    )
    resident.status = (
        ResidentStatus.MOVED_OUT if kind == ResidentEventKind.MOVE_OUT else ResidentStatus.DECEASED
    )
    resident.left_on = on
    resident.version += 1
    resident._history_user = actor
    resident.save()
    return event


@transaction.atomic
def resident_tag_add(
    *,
    resident: Resident,
    tag: str,
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> ResidentTag:
    if ResidentTag.objects.filter(resident=resident, tag=tag, valid_to__isnull=True).exists():
        raise ValidationError({"tag": MSG_TAG_OPEN.format(tag=ResidentTag(tag=tag).get_tag_display())})
    item = ResidentTag(resident=resident, tag=tag, valid_from=valid_from, valid_to=valid_to, note=note)
    item.full_clean()
    item._history_user = actor
    item.save()
    return item


@transaction.atomic
def resident_tag_end(*, tag: ResidentTag, valid_to: date, actor: User | None = None) -> ResidentTag:
    tag = ResidentTag.objects.select_for_update().get(pk=tag.pk)
    if tag.valid_to is not None:
        raise ValidationError({"valid_to": MSG_TAG_ENDED.format(date=tag.valid_to)})
    if valid_to <= tag.valid_from:
        raise ValidationError({"valid_to": MSG_TAG_END_BEFORE_START.format(date=tag.valid_from)})
    tag.valid_to = valid_to
    tag._history_user = actor
    tag.save()
    return tag


def resident_reveal(*, resident: Resident, user: User, request=None) -> dict[str, str]:
    """The full ID and phone number, for a user holding the permission; every look is audited."""
    if not user.has_perm(VIEW_FULL_RESIDENT):
        audit_record(
            AuditEvent.PERMISSION_DENIED,
            request=request,
            user=user,
            obj=resident,
            success=False,
            perm=VIEW_FULL_RESIDENT,
        )
        raise PermissionDenied(MSG_NO_FULL_VIEW)
    values = {"id_number": reveal(bytes(resident.id_number_cipher), purpose=PURPOSE_RESIDENT_ID)}
    values["phone"] = (
        reveal(bytes(resident.phone_cipher), purpose=PURPOSE_MOBILE) if resident.phone_cipher else ""
    )
    audit_record(
        AuditEvent.VIEW_FULL, request=request, user=user, obj=resident, fields=["id_number", "phone"]
    )
    return values
