"""Writes to party building, integrity and honours. Each function validates, writes the record and its
history row in one transaction, and raises `ValidationError` with Chinese messages keyed by the field they
concern (a broken database constraint is reported on the field that identifies the record).

Every `*_update` takes the `version` the editor saw: the row is locked and a stale edit is refused (MSG_STALE,
code "stale") with nothing written; imports pass `UNCHECKED`. Each write increments the version."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.concurrency import MSG_STALE, bump, locked_current
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel
from jiedao.core.scoping import covers, scope_paths
from jiedao.party.models import (
    BranchTitle,
    DisciplineRecord,
    Honour,
    HonourKind,
    IntegrityArchive,
    PartyBranch,
    PartyMember,
    StaffDuty,
)

MSG_AREA_LEVEL = "所属区域应为{levels}"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行区域"
MSG_AREA_OUT_OF_SCOPE = "“{area}”不在您的辖区"
MSG_FUTURE = "日期不能晚于今天"
MSG_YEAR = "年度应在2000年至{latest}年之间"
MSG_COMPOUND_REQUIRED = "荣誉类别为“文明示范小区”时必须选择小区"
MSG_NAME_REQUIRED = "荣誉类别为“其他”时必须填写荣誉名称"
MSG_BRANCH_INACTIVE = "党支部“{branch}”已撤销，不能再增加党员"
MSG_PERSON_REQUIRED = "请填写姓名或选择平台账号"
MSG_RESIDENT_UNKNOWN = "该身份证号码不在居民档案中，或该居民不在您的辖区"
MSG_RESIDENT_NAME = "该身份证号码登记的居民姓名为“{name}”，与党员姓名不符"
MSG_END_BEFORE_START = "结束日期不能早于开始日期"
MSG_TRANSFER_BEFORE_JOIN = "转出日期不能早于入党日期"

STREET_OR_COMMUNITY = (AreaLevel.STREET, AreaLevel.COMMUNITY)
ANY_LEVEL = (AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID)
_LEVEL_NAMES = {AreaLevel.STREET: "街道", AreaLevel.COMMUNITY: "社区", AreaLevel.GRID: "网格"}

# The field a broken constraint is reported on, per model.
_KEY_FIELD = {
    PartyBranch: "name",
    BranchTitle: "title",
    PartyMember: "name",
    StaffDuty: "start_date",
    IntegrityArchive: "person_name",
    DisciplineRecord: "occurred_on",
    Honour: "kind",
}


def check_area(area: Area, levels=STREET_OR_COMMUNITY, *, actor=None, field: str = "area") -> None:
    if area.level not in levels:
        names = "或".join(_LEVEL_NAMES[level] for level in levels)
        raise ValidationError({field: MSG_AREA_LEVEL.format(levels=names)})
    if area.valid_to is not None:
        raise ValidationError({field: MSG_AREA_RETIRED.format(area=area.name)})
    if actor is not None and not covers(scope_paths(actor), area.path):
        raise ValidationError({field: MSG_AREA_OUT_OF_SCOPE.format(area=area.label)})


def check_year(year: int, field: str = "year") -> None:
    latest = timezone.localdate().year + 1
    if not 2000 <= year <= latest:
        raise ValidationError({field: MSG_YEAR.format(latest=latest)})


def check_not_future(**dates) -> None:
    today = timezone.localdate()
    errors = {field: MSG_FUTURE for field, value in dates.items() if value is not None and value > today}
    if errors:
        raise ValidationError(errors)


def resident_by_id_number(raw: str, user):
    """The resident registered with this ID number within the user's scope (everywhere for user None)."""
    from jiedao.core.crypto import resident_id_index
    from jiedao.registry.models import Resident

    index = resident_id_index(raw)
    if index is None:
        return None
    residents = Resident.objects.filter(id_number_index=index)
    return (residents if user is None else residents.for_user(user)).first()


def check_order(earlier, later, field: str, message: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        raise ValidationError({field: message})


def _save(obj, actor, reason: str):
    """Validate `obj` (a constraint error lands on the model's key field), save it with its history row."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = dict(exc.error_dict)
        if NON_FIELD_ERRORS in errors:
            key = _KEY_FIELD[type(obj)]
            errors[key] = errors.get(key, []) + errors.pop(NON_FIELD_ERRORS)
        raise ValidationError(errors) from None
    return save_with_history(obj, actor, reason)


def _apply(obj, values: dict):
    for field, value in values.items():
        setattr(obj, field, value)
    return obj


# Branches and members -------------------------------------------------------------------------------------


@transaction.atomic
def branch_create(*, actor=None, **values) -> PartyBranch:
    check_area(values["area"], actor=actor)
    check_not_future(established_on=values.get("established_on"))
    return _save(PartyBranch(**values), actor, "新建党支部")


@transaction.atomic
def branch_update(*, branch: PartyBranch, version, actor=None, **values) -> PartyBranch:
    current = locked_current(branch, version, MSG_STALE)
    check_area(values.get("area", current.area), actor=actor)
    check_not_future(established_on=values.get("established_on"))
    moved = "area" in values and values["area"].pk != current.area_id
    _save(bump(_apply(current, values)), actor, "修改党支部")
    if moved:
        # Members stand where their branch stands (a derived field: their versions are left alone, an
        # edit of a member shown before the move conflicts with nothing).
        for member in current.members.all():
            member.area = current.area
            _save(member, actor, "党支部变更所属区域")
    return current


@transaction.atomic
def branch_title_award(
    *, branch: PartyBranch, year: int, title: str, awarded_by: str = "", note: str = "", actor=None
) -> BranchTitle:
    check_year(year)
    award = BranchTitle(branch=branch, year=year, title=title, awarded_by=awarded_by, note=note)
    return _save(award, actor, "授予称号")


def _member_checks(values: dict, actor, branch_changed: bool) -> None:
    branch = values["branch"]
    if branch_changed and not branch.active:
        raise ValidationError({"branch": MSG_BRANCH_INACTIVE.format(branch=branch.name)})
    check_area(branch.area, actor=actor, field="branch")
    resident = values.get("resident")
    if resident is not None and resident.name != values.get("name"):
        raise ValidationError({"resident": MSG_RESIDENT_NAME.format(name=resident.name)})
    joined, out = values.get("joined_party_on"), values.get("transferred_out_on")
    check_not_future(joined_party_on=joined, transferred_out_on=out)
    check_order(joined, out, "transferred_out_on", MSG_TRANSFER_BEFORE_JOIN)


@transaction.atomic
def member_create(*, actor=None, **values) -> PartyMember:
    _member_checks(values, actor, branch_changed=True)
    return _save(PartyMember(area=values["branch"].area, **values), actor, "登记党员")


@transaction.atomic
def member_update(*, member: PartyMember, version, actor=None, **values) -> PartyMember:
    current = locked_current(member, version, MSG_STALE)
    values.setdefault("branch", current.branch)
    _member_checks(values, actor, branch_changed=values["branch"].pk != current.branch_id)
    current = _apply(current, {**values, "area": values["branch"].area})
    return _save(bump(current), actor, "修改党员信息")


# Staff duties ---------------------------------------------------------------------------------------------


@transaction.atomic
def duty_create(*, actor=None, **values) -> StaffDuty:
    check_area(values["area"], ANY_LEVEL, actor=actor)
    check_order(values["start_date"], values.get("end_date"), "end_date", MSG_END_BEFORE_START)
    return _save(StaffDuty(**values), actor, "登记职责")


@transaction.atomic
def duty_update(*, staff_duty: StaffDuty, version, actor=None, **values) -> StaffDuty:
    current = locked_current(staff_duty, version, MSG_STALE)
    check_area(values.get("area", current.area), ANY_LEVEL, actor=actor)
    start, end = values.get("start_date", current.start_date), values.get("end_date", current.end_date)
    check_order(start, end, "end_date", MSG_END_BEFORE_START)
    return _save(bump(_apply(current, values)), actor, "修改职责")


# Integrity ------------------------------------------------------------------------------------------------


def _person(values: dict) -> dict:
    user = values.get("user")
    if not (values.get("person_name") or "").strip():
        if user is None:
            raise ValidationError({"person_name": MSG_PERSON_REQUIRED})
        values["person_name"] = user.display_name
    return values


@transaction.atomic
def archive_create(*, actor=None, **values) -> IntegrityArchive:
    check_area(values["area"], actor=actor)
    check_year(values["year"])
    check_not_future(filed_on=values["filed_on"])
    return _save(IntegrityArchive(**_person(values)), actor, "建立廉政档案")


@transaction.atomic
def archive_update(*, archive: IntegrityArchive, version, actor=None, **values) -> IntegrityArchive:
    current = locked_current(archive, version, MSG_STALE)
    check_area(values.get("area", current.area), actor=actor)
    check_year(values.get("year", current.year))
    check_not_future(filed_on=values.get("filed_on"))
    values = _person({"person_name": current.person_name, **values})
    return _save(bump(_apply(current, values)), actor, "修改廉政档案")


@transaction.atomic
def discipline_create(*, actor=None, **values) -> DisciplineRecord:
    check_area(values["area"], actor=actor)
    check_not_future(occurred_on=values["occurred_on"])
    return _save(DisciplineRecord(**_person(values)), actor, "登记执纪记录")


@transaction.atomic
def discipline_update(*, record: DisciplineRecord, version, actor=None, **values) -> DisciplineRecord:
    current = locked_current(record, version, MSG_STALE)
    check_area(values.get("area", current.area), actor=actor)
    check_not_future(occurred_on=values.get("occurred_on"))
    values = _person({"person_name": current.person_name, **values})
    return _save(bump(_apply(current, values)), actor, "修改执纪记录")


# Honours --------------------------------------------------------------------------------------------------


def _honour_values(values: dict, actor) -> dict:
    compound = values.get("compound")
    if compound is not None:
        # A compound's honour is placed on its community.
        values["area"] = compound.area
    kind = values.get("kind")
    if kind == HonourKind.CIVILIZED_COMPOUND and compound is None:
        raise ValidationError({"compound": MSG_COMPOUND_REQUIRED})
    if kind == HonourKind.OTHER and not (values.get("name") or "").strip():
        raise ValidationError({"name": MSG_NAME_REQUIRED})
    if values.get("area") is None:
        raise ValidationError({"area": "请选择获奖区域"})
    check_area(values["area"], ANY_LEVEL, actor=actor)
    check_year(values["year"])
    check_not_future(awarded_on=values.get("awarded_on"))
    return values


@transaction.atomic
def honour_create(*, actor=None, **values) -> Honour:
    return _save(Honour(**_honour_values(values, actor)), actor, "登记荣誉")


@transaction.atomic
def honour_update(*, honour: Honour, version, actor=None, **values) -> Honour:
    current = locked_current(honour, version, MSG_STALE)
    shown = {f: getattr(current, f) for f in ("kind", "name", "year", "area", "compound", "awarded_on")}
    values = _honour_values({**shown, **values}, actor)
    return _save(bump(_apply(current, values)), actor, "修改荣誉")
