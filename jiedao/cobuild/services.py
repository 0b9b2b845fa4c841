"""Writes to the co-building ledgers. Each function validates, writes the record and its history row in one
transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern.

A row tied to a compound takes the compound's community as its area; a row without one names the community.

Every edit takes the version the editor saw (`version`; for a compound's bins, `versions`, the digest of its
bin rows from `waste_versions`): the row is locked and a stale edit is refused (MSG_STALE, code "stale") with
nothing written. Imports pass `UNCHECKED`. Each write increments the row's version.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.cobuild.models import (
    BinKind,
    CobuildItem,
    ItemStatus,
    PropertyCommittee,
    Rectification,
    RectificationStatus,
    WasteFacility,
)
from jiedao.core.concurrency import MSG_STALE, UNCHECKED, bump, locked_current
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel, User
from jiedao.registry.models import Compound

MSG_NOT_COMMUNITY = "所属社区应为社区（现为“{area}”）"
MSG_AREA_RETIRED = "社区“{area}”已撤销，请选择现行社区"
MSG_AREA_REQUIRED = "请选择所属社区或小区"
MSG_COMPOUND_ELSEWHERE = "小区“{compound}”不属于“{area}”"
MSG_FUTURE = "日期不能晚于今天"
MSG_YEAR_RANGE = "年度应在2000年至2100年之间"
MSG_COMPLETED_ON_REQUIRED = "状态为“已完成”时必须填写完成日期"
MSG_COMPLETED_ON_EXTRA = "事项尚未完成，不应填写完成日期"
MSG_COMPLETED_ON_YEAR = "完成日期应在清单年度（{year}年）或之后"
MSG_ITEM_TAKEN = "该社区{year}年已有同名清单事项"
MSG_DEADLINE_BEFORE_FOUND = "整改期限不能早于发现日期"
MSG_RECTIFIED_ON_REQUIRED = "状态为“已整改”时必须填写完成整改日期"
MSG_RECTIFIED_ON_EXTRA = "尚未整改完成，不应填写完成整改日期"
MSG_RECTIFIED_BEFORE_FOUND = "完成整改日期不能早于发现日期"
MSG_RECTIFICATION_TAKEN = "该社区当天已登记相同的整改事项"
MSG_COUNT_NEGATIVE = "垃圾桶数量不能为负数"
MSG_NO_BINS = "请至少填写一类垃圾桶的数量"
MSG_COMMITTEE_TAKEN = "该小区已成立物管会"
MSG_MEMBERS_MIN = "委员人数至少为1人"
MSG_DISSOLVED_BEFORE = "解散日期不能早于成立日期"
MSG_WASTE_STALE = "该小区的垃圾分类设施已被他人修改，请刷新后重试"

ITEM_EDITABLE = (
    "kind",
    "title",
    "area",
    "compound",
    "partner",
    "enterprise",
    "year",
    "status",
    "completed_on",
    "description",
)
RECTIFICATION_EDITABLE = (
    "item",
    "category",
    "area",
    "compound",
    "found_on",
    "deadline",
    "rectified_on",
    "status",
    "note",
)
COMMITTEE_EDITABLE = ("established_on", "director", "members", "dissolved_on", "note")


def _save(obj, actor: User | None, reason: str) -> None:
    obj.full_clean()
    save_with_history(obj, actor, reason)


def _not_future(**dates: date | None) -> None:
    today = timezone.localdate()
    errors = {field: MSG_FUTURE for field, value in dates.items() if value is not None and value > today}
    if errors:
        raise ValidationError(errors)


def place(area: Area | None, compound: Compound | None) -> Area:
    """The community a row belongs to: the compound's, which must match `area` when both are given."""
    if compound is not None:
        if area is not None and area.pk != compound.area_id:
            raise ValidationError(
                {"compound": MSG_COMPOUND_ELSEWHERE.format(compound=compound.name, area=area.name)}
            )
        area = compound.area
    if area is None:
        raise ValidationError({"area": MSG_AREA_REQUIRED})
    if area.level != AreaLevel.COMMUNITY:
        raise ValidationError({"area": MSG_NOT_COMMUNITY.format(area=area.name)})
    return area


def _area_given(changes: dict, values: dict) -> Area | None:
    """On an edit that moves a row to another compound without naming the area, the compound decides."""
    if "area" in changes:
        return changes["area"]
    return None if changes.get("compound") is not None else values["area"]


def _check_current(area: Area) -> None:
    if area.valid_to is not None:
        raise ValidationError({"area": MSG_AREA_RETIRED.format(area=area.name)})


# 三项清单 ------------------------------------------------------------------------------------------------


def _check_item(values: dict, *, exclude_pk: int | None = None) -> None:
    year, status, completed_on = values["year"], values["status"], values.get("completed_on")
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": MSG_YEAR_RANGE})
    if status == ItemStatus.COMPLETED and completed_on is None:
        raise ValidationError({"completed_on": MSG_COMPLETED_ON_REQUIRED})
    if status != ItemStatus.COMPLETED and completed_on is not None:
        raise ValidationError({"completed_on": MSG_COMPLETED_ON_EXTRA})
    if completed_on is not None:
        _not_future(completed_on=completed_on)
        if completed_on.year < year:
            raise ValidationError({"completed_on": MSG_COMPLETED_ON_YEAR.format(year=year)})
    taken = CobuildItem.objects.filter(area=values["area"], year=year, title=values["title"])
    if taken.exclude(pk=exclude_pk).exists():
        raise ValidationError({"title": MSG_ITEM_TAKEN.format(year=year)})


@transaction.atomic
def cobuild_item_create(
    *,
    kind: str,
    title: str,
    partner: str,
    year: int,
    area: Area | None = None,
    compound: Compound | None = None,
    enterprise=None,
    status: str = ItemStatus.NOT_STARTED,
    completed_on: date | None = None,
    description: str = "",
    actor: User | None = None,
) -> CobuildItem:
    """Add an item to a year's 三项清单 (需求/资源/项目) with a co-building unit."""
    area = place(area, compound)
    _check_current(area)
    values = {
        "kind": kind,
        "title": title,
        "area": area,
        "compound": compound,
        "partner": partner,
        "enterprise": enterprise,
        "year": year,
        "status": status,
        "completed_on": completed_on,
        "description": description,
    }
    _check_item(values)
    item = CobuildItem(**values)
    _save(item, actor, "新增")
    return item


@transaction.atomic
def cobuild_item_update(*, item: CobuildItem, version, actor: User | None = None, **changes) -> CobuildItem:
    unknown = set(changes) - set(ITEM_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = locked_current(item, version, MSG_STALE)
    values = {f: getattr(current, f) for f in ITEM_EDITABLE} | changes
    if "area" in changes or "compound" in changes:
        values["area"] = place(_area_given(changes, values), values["compound"])
        if values["area"].pk != current.area_id:
            _check_current(values["area"])
    _check_item(values, exclude_pk=current.pk)
    for field, value in values.items():
        setattr(current, field, value)
    _save(bump(current), actor, "修改")
    return current


# 创城整改 -------------------------------------------------------------------------------------------------


def _check_rectification(values: dict, *, exclude_pk: int | None = None) -> None:
    found_on, deadline = values["found_on"], values["deadline"]
    status, rectified_on = values["status"], values.get("rectified_on")
    _not_future(found_on=found_on, rectified_on=rectified_on)
    if deadline < found_on:
        raise ValidationError({"deadline": MSG_DEADLINE_BEFORE_FOUND})
    if status == RectificationStatus.DONE and rectified_on is None:
        raise ValidationError({"rectified_on": MSG_RECTIFIED_ON_REQUIRED})
    if status != RectificationStatus.DONE and rectified_on is not None:
        raise ValidationError({"rectified_on": MSG_RECTIFIED_ON_EXTRA})
    if rectified_on is not None and rectified_on < found_on:
        raise ValidationError({"rectified_on": MSG_RECTIFIED_BEFORE_FOUND})
    taken = Rectification.objects.filter(area=values["area"], found_on=found_on, item=values["item"])
    if taken.exclude(pk=exclude_pk).exists():
        raise ValidationError({"item": MSG_RECTIFICATION_TAKEN})


@transaction.atomic
def rectification_create(
    *,
    item: str,
    category: str,
    found_on: date,
    deadline: date,
    area: Area | None = None,
    compound: Compound | None = None,
    status: str = RectificationStatus.PENDING,
    rectified_on: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> Rectification:
    """Register a problem found in the civilized-city campaign, with its rectification deadline."""
    area = place(area, compound)
    _check_current(area)
    values = {
        "item": item,
        "category": category,
        "area": area,
        "compound": compound,
        "found_on": found_on,
        "deadline": deadline,
        "rectified_on": rectified_on,
        "status": status,
        "note": note,
    }
    _check_rectification(values)
    rectification = Rectification(**values)
    _save(rectification, actor, "新增")
    return rectification


@transaction.atomic
def rectification_update(
    *, rectification: Rectification, version, actor: User | None = None, **changes
) -> Rectification:
    unknown = set(changes) - set(RECTIFICATION_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = locked_current(rectification, version, MSG_STALE)
    values = {f: getattr(current, f) for f in RECTIFICATION_EDITABLE} | changes
    if "area" in changes or "compound" in changes:
        values["area"] = place(_area_given(changes, values), values["compound"])
        if values["area"].pk != current.area_id:
            _check_current(values["area"])
    _check_rectification(values, exclude_pk=current.pk)
    for field, value in values.items():
        setattr(current, field, value)
    _save(bump(current), actor, "修改")
    return current


# 垃圾分类 -------------------------------------------------------------------------------------------------


def waste_versions(facilities) -> str:
    """The digest of a compound's bin rows the edit page shows and sends back: each category with its
    version ("" for a compound without bins), so that any change to them since makes the edit stale."""
    return ";".join(f"{f.kind}:{f.version}" for f in sorted(facilities, key=lambda f: f.kind))


@transaction.atomic
def waste_bins_set(
    *,
    compound: Compound,
    counts: dict[str, int | None],
    installed_on: date,
    versions,
    actor: User | None = None,
) -> list[WasteFacility]:
    """Set a compound's bins, one count per category (None: leave that category as it is). A category
    first set here is dated `installed_on`; a later change of its count keeps its first date. `versions`
    is the `waste_versions` digest of the rows the editor saw: refused (MSG_WASTE_STALE) if any of the
    compound's rows was added, changed or removed since."""
    bad = {kind: MSG_COUNT_NEGATIVE for kind, n in counts.items() if n is not None and n < 0}
    if bad:
        raise ValidationError(bad)
    _not_future(installed_on=installed_on)
    locked = list(WasteFacility.objects.select_for_update().filter(compound=compound).order_by("kind"))
    if versions is not UNCHECKED and versions != waste_versions(locked):
        raise ValidationError(MSG_WASTE_STALE, code="stale")
    existing = {f.kind: f for f in locked}
    if not existing and all(n is None for n in counts.values()):
        raise ValidationError(MSG_NO_BINS)
    saved = []
    for kind in BinKind.values:
        count = counts.get(kind)
        if count is None:
            continue
        facility = existing.get(kind)
        if facility is None:
            facility = WasteFacility(
                compound=compound, kind=kind, count=count, installed_on=installed_on, area_id=compound.area_id
            )
            _save(facility, actor, "新增")
        elif facility.count != count:
            facility.count = count
            _save(bump(facility), actor, "修改")
        saved.append(facility)
    return saved


# 物管会 ---------------------------------------------------------------------------------------------------


def _check_committee(values: dict) -> None:
    _not_future(established_on=values["established_on"], dissolved_on=values.get("dissolved_on"))
    if values["members"] is None or values["members"] < 1:
        raise ValidationError({"members": MSG_MEMBERS_MIN})
    dissolved_on = values.get("dissolved_on")
    if dissolved_on is not None and dissolved_on < values["established_on"]:
        raise ValidationError({"dissolved_on": MSG_DISSOLVED_BEFORE})


@transaction.atomic
def committee_create(
    *,
    compound: Compound,
    established_on: date,
    director: str,
    members: int,
    dissolved_on: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> PropertyCommittee:
    """Register a compound's property management committee (one per compound)."""
    if PropertyCommittee.objects.filter(compound=compound).exists():
        raise ValidationError({"compound": MSG_COMMITTEE_TAKEN})
    values = {
        "established_on": established_on,
        "director": director,
        "members": members,
        "dissolved_on": dissolved_on,
        "note": note,
    }
    _check_committee(values)
    committee = PropertyCommittee(compound=compound, area_id=compound.area_id, **values)
    _save(committee, actor, "新增")
    return committee


@transaction.atomic
def committee_update(
    *, committee: PropertyCommittee, version, actor: User | None = None, **changes
) -> PropertyCommittee:
    unknown = set(changes) - set(COMMITTEE_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = locked_current(committee, version, MSG_STALE)
    values = {f: getattr(current, f) for f in COMMITTEE_EDITABLE} | changes
    _check_committee(values)
    for field, value in values.items():
        setattr(current, field, value)
    _save(bump(current), actor, "修改")
    return current
