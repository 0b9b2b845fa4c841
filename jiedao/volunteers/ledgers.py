"""The volunteer ledgers for the import/export engine: 志愿服务队 (volunteer_teams, keyed by name),
志愿服务记录 (service_records, keyed by team, date and theme) and 志愿者 (volunteer_members, keyed by team
and the resident's ID number, found through the register's blind index). The engine finds them here."""

from django.utils import timezone

from jiedao.core.crypto import PURPOSE_RESIDENT_ID, get_cipher, reveal
from jiedao.core.models import Area, AreaLevel
from jiedao.core.scoping import covers, scope_paths
from jiedao.core.selectors import communities_by_name
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert, bulk_update, insert_columns
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult
from jiedao.registry.models import Resident
from jiedao.volunteers.models import ServiceRecord, TeamHonour, TeamKind, VolunteerMember, VolunteerTeam
from jiedao.volunteers.selectors import service_filter, team_filter
from jiedao.volunteers.services import (
    MSG_DISSOLVED_BEFORE,
    MSG_FUTURE,
    MSG_HOURS_POSITIVE,
    MSG_JOINED_BEFORE_FOUNDED,
    MSG_LEFT_BEFORE_JOINED,
    MSG_SERVED_AFTER_DISSOLVED,
    MSG_SERVED_BEFORE_FOUNDED,
)

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_GRID_UNKNOWN = "网格“{name}”在“{community}”中不存在或不在您的辖区"
MSG_STREET_OUT_OF_SCOPE = "未填写社区时队伍归属全街道，您的辖区不含全街道，请填写社区"
MSG_TEAM_ELSEWHERE = "已有同名志愿服务队在其他辖区登记"
MSG_TEAM_UNKNOWN = "志愿服务队“{name}”不存在或不在您的辖区，请先在“志愿服务队”台账中登记"
MSG_RESIDENT_UNKNOWN = "居民库中没有该身份证号码的居民，或该居民不在您的辖区"


def _scoped(queryset, user):
    return queryset if user is None else queryset.for_user(user)


def _tuples(model, rows: list[dict]) -> list[tuple]:
    columns = [f.attname for f in insert_columns(model)]
    return [tuple({"version": 1, **row}[c] for c in columns) for row in rows]


def _save(model, new: list[dict], changed: list, fields: set[str], user, unchanged: int) -> WriteResult:
    bulk_insert(model, _tuples(model, new), user=user)
    if changed and hasattr(model, "version"):
        # An import is a newer write: it increments the version of the rows it changes, unchecked.
        for obj in changed:
            obj.version += 1
        fields = fields | {"version"}
    bulk_update(model, changed, sorted(fields), user=user)
    return WriteResult(created=len(new), updated=len(changed), unchanged=unchanged)


def _late(row, ctx, *keys) -> bool:
    today = timezone.localdate()
    late = [k for k in keys if row.values.get(k) and row.values[k] > today]
    for key in late:
        ctx.error(row.number, key, MSG_FUTURE)
    return bool(late)


def _cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _teams_by_name(rows, ctx) -> dict[str, VolunteerTeam]:
    names = {r.values["team"] for r in rows}
    found = {t.name: t for t in _scoped(VolunteerTeam.objects.filter(name__in=names), ctx.user)}
    for row in rows:
        if row.values["team"] not in found:
            ctx.error(row.number, "team", MSG_TEAM_UNKNOWN.format(name=row.values["team"]))
    return found


TEAM = Column(
    "team", "志愿服务队", p.required(p.text(60)), required=True, example="飞鹰社区暖心小分队", width=24
)


@register
class TeamLedger(Ledger):
    code = "volunteer_teams"
    title = "志愿服务队"
    description = "志愿服务队伍：类型、所属社区或网格、队长、成立与撤销日期"
    natural_key = ("name",)
    import_permission = "volunteers.import_volunteerteam"
    export_permission = "volunteers.export_volunteerteam"
    columns = (
        Column(
            "name", "队伍名称", p.required(p.text(60)), required=True, example="飞鹰社区暖心小分队", width=24
        ),
        Column(
            "kind",
            "队伍类型",
            p.required(p.choice(TeamKind)),
            required=True,
            example="暖心小分队",
            help="夕阳红、小水滴、暖心小分队、党员先锋或其他",
        ),
        Column("community", "社区", p.text(60), example="飞鹰社区", help="不填则归属全街道"),
        Column("grid", "所属网格", p.text(60), help="可不填，不填时归属社区"),
        Column("leader", "队长", p.required(p.text(50)), required=True, example="高立新", width=10),
        Column(
            "founded_on", "成立日期", p.required(p.a_date()), required=True, example="2021-07-01", width=12
        ),
        Column("dissolved_on", "撤销日期", p.a_date(), help="仍在册的不填", width=12),
        Column("note", "备注", p.text(200), width=20),
    )

    def prepare(self, rows, ctx):
        paths = None if ctx.user is None else scope_paths(ctx.user)
        communities = communities_by_name(ctx.user)
        grids = {(g.parent_id, g.name): g for g in Area.objects.grids().current() if covers(paths, g.path)}
        street = Area.objects.filter(level=AreaLevel.STREET, valid_to__isnull=True).order_by("path").first()
        existing = {
            t.name: t for t in VolunteerTeam.objects.filter(name__in={r.values["name"] for r in rows})
        }
        resolved = {}
        for row in rows:
            v = row.values
            area = self._area(row, ctx, communities, grids, street, paths)
            team = existing.get(v["name"])
            if team is not None and not covers(paths, team.area.path):
                ctx.error(row.number, "name", MSG_TEAM_ELSEWHERE)
                continue
            if v["dissolved_on"] is not None and v["dissolved_on"] < v["founded_on"]:
                ctx.error(row.number, "dissolved_on", MSG_DISSOLVED_BEFORE)
                continue
            if not _late(row, ctx, "founded_on", "dissolved_on") and area is not None:
                resolved[row.number] = (area, team)
        ctx.state["resolved"] = resolved

    @staticmethod
    def _area(row, ctx, communities, grids, street, paths):
        name, grid_name = row.values["community"], row.values["grid"]
        if not name:
            if street is None or not covers(paths, street.path):
                ctx.error(row.number, "community", MSG_STREET_OUT_OF_SCOPE)
                return None
            return street
        community = communities.get(name)
        if community is None:
            ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=name))
            return None
        if not grid_name:
            return community
        grid = grids.get((community.pk, grid_name))
        if grid is None:
            ctx.error(row.number, "grid", MSG_GRID_UNKNOWN.format(name=grid_name, community=name))
        return grid

    FIELDS = ("kind", "area_id", "leader", "founded_on", "dissolved_on", "note")

    def write(self, rows, ctx):
        new, changed, fields, unchanged = [], [], set(), 0
        for row in rows:
            v = row.values
            area, team = ctx.state["resolved"][row.number]
            values = {**{f: v.get(f) for f in self.FIELDS}, "area_id": area.pk}
            if team is None:
                new.append({**values, "name": v["name"]})
                continue
            diff = {f: values[f] for f in self.FIELDS if getattr(team, f) != values[f]}
            if not diff:
                unchanged += 1
                continue
            for field, value in diff.items():
                setattr(team, field, value)
            fields |= {f.removesuffix("_id") for f in diff}
            changed.append(team)
        result = _save(VolunteerTeam, new, changed, fields, ctx.user, unchanged)
        # A team moved to another area takes its members, records and honours along (as team_update does).
        for team in changed:
            for model in (VolunteerMember, ServiceRecord, TeamHonour):
                model.objects.filter(team=team).exclude(area_id=team.area_id).update(area_id=team.area_id)
        return result

    def export_queryset(self, user, params):
        return team_filter(_scoped(VolunteerTeam.objects.select_related("area__parent"), user), params)

    def export_row(self, obj, ctx):
        area = obj.area
        community, grid = area.name, ""
        if area.level == AreaLevel.STREET:
            community = ""
        elif area.level == AreaLevel.GRID:
            community, grid = area.parent.name, area.name
        return [
            obj.name,
            obj.get_kind_display(),
            community,
            grid,
            obj.leader,
            obj.founded_on,
            obj.dissolved_on or "",
            obj.note,
        ]


@register
class ServiceRecordLedger(Ledger):
    code = "service_records"
    title = "志愿服务记录"
    description = "志愿服务队开展的服务：日期、主题、参与志愿者人次、服务总时长、服务对象人次"
    natural_key = ("team", "served_on", "title")
    import_permission = "volunteers.import_servicerecord"
    export_permission = "volunteers.export_servicerecord"
    columns = (
        TEAM,
        Column(
            "served_on", "服务日期", p.required(p.a_date()), required=True, example="2023-10-23", width=12
        ),
        Column(
            "title", "服务主题", p.required(p.text(100)), required=True, example="重阳节敬老慰问", width=24
        ),
        Column(
            "volunteers",
            "参与志愿者（人次）",
            p.required(p.integer(min_value=1, max_value=100000)),
            required=True,
            example="8",
        ),
        Column(
            "hours",
            "服务总时长（小时）",
            p.required(p.decimal(places=1, min_value=0)),
            required=True,
            example="16",
            help="全体参与志愿者的时长之和，大于0",
        ),
        Column("people_served", "服务对象（人次）", p.integer(min_value=0, max_value=1000000), example="30"),
        Column("content", "服务内容", p.text(500), width=30),
    )

    def prepare(self, rows, ctx):
        teams = _teams_by_name(rows, ctx)
        for row in rows:
            v, team = row.values, teams.get(row.values["team"])
            if v["hours"] is not None and v["hours"] <= 0:
                ctx.error(row.number, "hours", MSG_HOURS_POSITIVE)
            if _late(row, ctx, "served_on") or team is None:
                continue
            if v["served_on"] < team.founded_on:
                ctx.error(
                    row.number, "served_on", MSG_SERVED_BEFORE_FOUNDED.format(date=_cn(team.founded_on))
                )
            elif team.dissolved_on is not None and v["served_on"] > team.dissolved_on:
                ctx.error(
                    row.number, "served_on", MSG_SERVED_AFTER_DISSOLVED.format(date=_cn(team.dissolved_on))
                )
        ctx.state["teams"] = teams

    FIELDS = ("content", "volunteers", "hours", "people_served")

    def write(self, rows, ctx):
        teams = ctx.state["teams"]
        existing = {
            (r.team_id, r.served_on, r.title): r
            for r in ServiceRecord.objects.filter(
                team__in=list(teams.values()), served_on__in={r.values["served_on"] for r in rows}
            )
        }
        new, changed, fields, unchanged = [], [], set(), 0
        for row in rows:
            v = row.values
            team = teams[v["team"]]
            values = {**{f: v[f] for f in self.FIELDS}, "people_served": v["people_served"] or 0}
            record = existing.get((team.pk, v["served_on"], v["title"]))
            if record is None:
                new.append(
                    {
                        **values,
                        "team_id": team.pk,
                        "served_on": v["served_on"],
                        "title": v["title"],
                        "area_id": team.area_id,
                    }
                )
                continue
            diff = {f: values[f] for f in self.FIELDS if getattr(record, f) != values[f]}
            if not diff:
                unchanged += 1
                continue
            for field, value in diff.items():
                setattr(record, field, value)
            fields |= set(diff)
            changed.append(record)
        return _save(ServiceRecord, new, changed, fields, ctx.user, unchanged)

    def export_queryset(self, user, params):
        return service_filter(_scoped(ServiceRecord.objects.select_related("team"), user), params)

    def export_row(self, obj, ctx):
        return [
            obj.team.name,
            obj.served_on,
            obj.title,
            obj.volunteers,
            obj.hours,
            obj.people_served,
            obj.content,
        ]


@register
class MemberLedger(Ledger):
    code = "volunteer_members"
    title = "志愿者"
    description = "志愿服务队的志愿者（按身份证号码对应居民库中的居民）：加入与退出日期"
    natural_key = ("team", "id_number")
    import_permission = "volunteers.import_volunteerteam"
    export_permission = "volunteers.export_volunteerteam"
    full_export_permission = "registry.view_full_resident"
    columns = (
        TEAM,
        Column(
            "id_number",
            "身份证号码",
            p.required(p.resident_id),
            required=True,
            example="150103198001010011",
            help="居民须已在居民库中登记；请设为文本格式",
            width=22,
        ),
        Column(
            "joined_on", "加入日期", p.required(p.a_date()), required=True, example="2023-03-05", width=12
        ),
        Column("left_on", "退出日期", p.a_date(), help="仍在队的不填", width=12),
        Column("name", "姓名", p.text(50), importable=False, width=10),
    )

    def prepare(self, rows, ctx):
        teams = _teams_by_name(rows, ctx)
        indexes = get_cipher().blind_index_many(
            [r.values["id_number"] for r in rows], purpose=PURPOSE_RESIDENT_ID
        )
        found = {
            r.id_number_index: r
            for r in _scoped(Resident.objects.filter(id_number_index__in=set(indexes)), ctx.user)
        }
        resolved = {}
        for row, index in zip(rows, indexes, strict=True):
            v, team, resident = row.values, teams.get(row.values["team"]), found.get(index)
            if resident is None:
                ctx.error(row.number, "id_number", MSG_RESIDENT_UNKNOWN)
            if _late(row, ctx, "joined_on", "left_on") or team is None or resident is None:
                continue
            if v["joined_on"] < team.founded_on:
                ctx.error(
                    row.number, "joined_on", MSG_JOINED_BEFORE_FOUNDED.format(date=_cn(team.founded_on))
                )
            elif v["left_on"] is not None and v["left_on"] < v["joined_on"]:
                ctx.error(row.number, "left_on", MSG_LEFT_BEFORE_JOINED)
            else:
                resolved[row.number] = (team, resident)
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        teams = {t.pk for t, _ in resolved.values()}
        existing = {}
        # The membership a row updates: the open one, else the one that began the same day.
        for member in VolunteerMember.objects.filter(team_id__in=teams).order_by("-joined_on"):
            existing.setdefault(
                (member.team_id, member.resident_id, "open" if member.left_on is None else member.joined_on),
                member,
            )
        new, changed, unchanged = [], [], 0
        for row in rows:
            v = row.values
            team, resident = resolved[row.number]
            member = existing.get((team.pk, resident.pk, "open")) or existing.get(
                (team.pk, resident.pk, v["joined_on"])
            )
            if member is None:
                new.append(
                    {
                        "team_id": team.pk,
                        "resident_id": resident.pk,
                        "joined_on": v["joined_on"],
                        "left_on": v["left_on"],
                        "area_id": team.area_id,
                    }
                )
            elif (member.joined_on, member.left_on) != (v["joined_on"], v["left_on"]):
                member.joined_on, member.left_on = v["joined_on"], v["left_on"]
                changed.append(member)
            else:
                unchanged += 1
        return _save(VolunteerMember, new, changed, {"joined_on", "left_on"}, ctx.user, unchanged)

    def export_queryset(self, user, params):
        qs = _scoped(VolunteerMember.objects.select_related("team", "resident"), user)
        team = params.get("team", "")
        return qs.filter(team_id=int(team)) if team.isdigit() else qs

    def export_row(self, obj, ctx):
        resident = obj.resident
        number = (
            reveal(bytes(resident.id_number_cipher), purpose=PURPOSE_RESIDENT_ID)
            if ctx.full
            else resident.id_number_masked
        )
        return [obj.team.name, number, obj.joined_on, obj.left_on or "", resident.name]
