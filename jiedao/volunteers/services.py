"""Writes to the volunteer ledgers. Each function validates, writes the record and its history row in one
transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern.

Members, service records and honours take their team's area; a team's members are residents of the register
(one active membership per resident and team).

`team_update` and `service_update` take the `version` the editor saw: the row is locked and a stale edit is
refused (MSG_STALE, code "stale") with nothing written; each write increments the version. Imports pass
`UNCHECKED` (jiedao.core.concurrency).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.concurrency import MSG_STALE, bump, locked_current
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel, User
from jiedao.registry.models import Resident
from jiedao.volunteers.models import ServiceRecord, TeamHonour, VolunteerMember, VolunteerTeam

MSG_AREA_LEVEL = "所属区域应为街道、社区或网格"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行区域"
MSG_FUTURE = "日期不能晚于今天"
MSG_TEAM_TAKEN = "已有同名志愿服务队"
MSG_DISSOLVED_BEFORE = "撤销日期不能早于成立日期"
MSG_TEAM_DISSOLVED = "该队伍已于{date}撤销"
MSG_MEMBER_TAKEN = "该居民已是本队在队志愿者"
MSG_MEMBER_NOT_REGISTERED = "该居民已不在册，不能加入志愿服务队"
MSG_JOINED_BEFORE_FOUNDED = "加入日期不能早于队伍成立日期（{date}）"
MSG_LEFT_BEFORE_JOINED = "退出日期不能早于加入日期"
MSG_MEMBER_ALREADY_LEFT = "该志愿者已退出"
MSG_VOLUNTEERS_MIN = "参与志愿者至少为1人次"
MSG_HOURS_POSITIVE = "服务总时长应大于0小时"
MSG_PEOPLE_NEGATIVE = "服务对象人次不能为负数"
MSG_MEMBERS_OTHER_TEAM = "所选志愿者不属于本队"
MSG_MEMBERS_MORE_THAN_VOLUNTEERS = "所选志愿者（{n}人）多于参与志愿者人次"
MSG_SERVED_BEFORE_FOUNDED = "服务日期不能早于队伍成立日期（{date}）"
MSG_SERVED_AFTER_DISSOLVED = "服务日期不能晚于队伍撤销日期（{date}）"
MSG_SERVICE_TAKEN = "该队伍当天已有同一主题的服务记录"
MSG_YEAR_RANGE = "年度应在2000年至2100年之间"
MSG_HONOUR_TAKEN = "该队伍本年度已登记这一荣誉"

TEAM_EDITABLE = ("name", "kind", "area", "leader", "founded_on", "dissolved_on", "note")
SERVICE_EDITABLE = ("served_on", "title", "content", "volunteers", "hours", "people_served")


def _save(obj, actor: User | None, reason: str) -> None:
    obj.full_clean()
    save_with_history(obj, actor, reason)


def _not_future(**dates: date | None) -> None:
    today = timezone.localdate()
    errors = {field: MSG_FUTURE for field, value in dates.items() if value is not None and value > today}
    if errors:
        raise ValidationError(errors)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# Teams ----------------------------------------------------------------------------------------------------


def _check_team(values: dict, *, exclude_pk: int | None = None, area_changed: bool = True) -> None:
    area = values["area"]
    if area.level not in (AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID):
        raise ValidationError({"area": MSG_AREA_LEVEL})
    if area_changed and area.valid_to is not None:
        raise ValidationError({"area": MSG_AREA_RETIRED.format(area=area.name)})
    _not_future(founded_on=values["founded_on"], dissolved_on=values.get("dissolved_on"))
    dissolved_on = values.get("dissolved_on")
    if dissolved_on is not None and dissolved_on < values["founded_on"]:
        raise ValidationError({"dissolved_on": MSG_DISSOLVED_BEFORE})
    if VolunteerTeam.objects.filter(name=values["name"]).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": MSG_TEAM_TAKEN})


@transaction.atomic
def team_create(
    *,
    name: str,
    kind: str,
    area: Area,
    leader: str,
    founded_on: date,
    dissolved_on: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> VolunteerTeam:
    values = {
        "name": name,
        "kind": kind,
        "area": area,
        "leader": leader,
        "founded_on": founded_on,
        "dissolved_on": dissolved_on,
        "note": note,
    }
    _check_team(values)
    team = VolunteerTeam(**values)
    _save(team, actor, "新增")
    return team


@transaction.atomic
def team_update(*, team: VolunteerTeam, version, actor: User | None = None, **changes) -> VolunteerTeam:
    """Edit a team. Moving it to another area moves its members, records and honours with it."""
    unknown = set(changes) - set(TEAM_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = locked_current(team, version, MSG_STALE)
    values = {f: getattr(current, f) for f in TEAM_EDITABLE} | changes
    moved = values["area"].pk != current.area_id
    _check_team(values, exclude_pk=current.pk, area_changed=moved)
    for field, value in values.items():
        setattr(current, field, value)
    _save(bump(current), actor, "修改")
    if moved:
        for model in (VolunteerMember, ServiceRecord, TeamHonour):
            model.objects.filter(team=current).update(area=current.area)
    return current


# Members --------------------------------------------------------------------------------------------------


@transaction.atomic
def member_add(
    *, team: VolunteerTeam, resident: Resident, joined_on: date, actor: User | None = None
) -> VolunteerMember:
    """A resident on the register joins a team."""
    _not_future(joined_on=joined_on)
    if resident.left_on is not None:
        raise ValidationError({"resident": MSG_MEMBER_NOT_REGISTERED})
    if joined_on < team.founded_on:
        raise ValidationError({"joined_on": MSG_JOINED_BEFORE_FOUNDED.format(date=_cn(team.founded_on))})
    if team.dissolved_on is not None:
        raise ValidationError({"team": MSG_TEAM_DISSOLVED.format(date=_cn(team.dissolved_on))})
    if VolunteerMember.objects.filter(team=team, resident=resident, left_on__isnull=True).exists():
        raise ValidationError({"resident": MSG_MEMBER_TAKEN})
    member = VolunteerMember(team=team, resident=resident, joined_on=joined_on, area_id=team.area_id)
    _save(member, actor, "加入")
    return member


@transaction.atomic
def member_leave(*, member: VolunteerMember, left_on: date, actor: User | None = None) -> VolunteerMember:
    current = VolunteerMember.objects.select_for_update().get(pk=member.pk)
    if current.left_on is not None:
        raise ValidationError({"left_on": MSG_MEMBER_ALREADY_LEFT})
    _not_future(left_on=left_on)
    if left_on < current.joined_on:
        raise ValidationError({"left_on": MSG_LEFT_BEFORE_JOINED})
    current.left_on = left_on
    _save(current, actor, "退出")
    return current


# Service records ------------------------------------------------------------------------------------------


def _check_service(team: VolunteerTeam, values: dict, members, *, exclude_pk: int | None = None) -> None:
    _not_future(served_on=values["served_on"])
    if values["served_on"] < team.founded_on:
        raise ValidationError({"served_on": MSG_SERVED_BEFORE_FOUNDED.format(date=_cn(team.founded_on))})
    if team.dissolved_on is not None and values["served_on"] > team.dissolved_on:
        raise ValidationError({"served_on": MSG_SERVED_AFTER_DISSOLVED.format(date=_cn(team.dissolved_on))})
    if values["volunteers"] is None or values["volunteers"] < 1:
        raise ValidationError({"volunteers": MSG_VOLUNTEERS_MIN})
    if values["hours"] is None or Decimal(values["hours"]) <= 0:
        raise ValidationError({"hours": MSG_HOURS_POSITIVE})
    if values["people_served"] is None or values["people_served"] < 0:
        raise ValidationError({"people_served": MSG_PEOPLE_NEGATIVE})
    if members:
        if any(m.team_id != team.pk for m in members):
            raise ValidationError({"members": MSG_MEMBERS_OTHER_TEAM})
        if len(members) > values["volunteers"]:
            raise ValidationError({"members": MSG_MEMBERS_MORE_THAN_VOLUNTEERS.format(n=len(members))})
    taken = ServiceRecord.objects.filter(team=team, served_on=values["served_on"], title=values["title"])
    if taken.exclude(pk=exclude_pk).exists():
        raise ValidationError({"title": MSG_SERVICE_TAKEN})


@transaction.atomic
def service_record(
    *,
    team: VolunteerTeam,
    served_on: date,
    title: str,
    volunteers: int,
    hours: Decimal,
    people_served: int = 0,
    content: str = "",
    members=(),
    actor: User | None = None,
) -> ServiceRecord:
    """Record a service the team gave: how many volunteers (人次), their total hours and whom it served."""
    members = list(members)
    values = {
        "served_on": served_on,
        "title": title,
        "content": content,
        "volunteers": volunteers,
        "hours": hours,
        "people_served": people_served,
    }
    _check_service(team, values, members)
    record = ServiceRecord(team=team, area_id=team.area_id, **values)
    _save(record, actor, "新增")
    if members:
        record.members.set(members)
    return record


@transaction.atomic
def service_update(
    *, record: ServiceRecord, version, members=None, actor: User | None = None, **changes
) -> ServiceRecord:
    unknown = set(changes) - set(SERVICE_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = locked_current(record, version, MSG_STALE)
    values = {f: getattr(current, f) for f in SERVICE_EDITABLE} | changes
    members = None if members is None else list(members)
    _check_service(current.team, values, members or [], exclude_pk=current.pk)
    for field, value in values.items():
        setattr(current, field, value)
    _save(bump(current), actor, "修改")
    if members is not None:
        current.members.set(members)
    return current


# Honours --------------------------------------------------------------------------------------------------


@transaction.atomic
def honour_add(
    *, team: VolunteerTeam, year: int, title: str, awarded_by: str, actor: User | None = None
) -> TeamHonour:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": MSG_YEAR_RANGE})
    if TeamHonour.objects.filter(team=team, year=year, title=title).exists():
        raise ValidationError({"title": MSG_HONOUR_TAKEN})
    honour = TeamHonour(team=team, year=year, title=title, awarded_by=awarded_by, area_id=team.area_id)
    _save(honour, actor, "新增")
    return honour
