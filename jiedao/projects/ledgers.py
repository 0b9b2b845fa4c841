"""The project ledger (项目台账) for the import/export engine, keyed by project name, and the milestones
ledger (项目节点), keyed by project and milestone name.

Projects are few (hundreds a year, not millions), so the import writes through the services, one project at
a time inside the engine's transaction: their rules (`project_problems`) are checked for every row first, in
`prepare`, so `write` runs only on a file that is right as a whole. Compounds are named in one cell,
separated by "、", and looked up inside the project's area.
"""

import re

from django.utils import timezone

from jiedao.core.models import Area, AreaLevel, Office, User
from jiedao.core.scoping import covers, scope_paths
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult
from jiedao.projects.models import LegacyUse, Milestone, Project, ProjectKind, ProjectStatus
from jiedao.projects.selectors import project_filter
from jiedao.projects.services import (
    MSG_FUTURE,
    MSG_MILESTONE_OUTSIDE,
    PROJECT_FIELDS,
    milestone_add,
    milestone_update,
    project_create,
    project_problems,
    project_update,
)
from jiedao.registry.models import Compound

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_STREET_OUT_OF_SCOPE = "所属社区为空表示街道项目，须由街道工作人员导入"
MSG_PROJECT_ELSEWHERE = "该项目已在其他辖区登记，请联系该辖区核实"
MSG_COMPOUND_UNKNOWN = "小区“{name}”在“{area}”中不存在"
MSG_COMPOUND_AMBIGUOUS = "“{area}”有多个名为“{name}”的小区，请改为在社区项目中填写"
MSG_USER_UNKNOWN = "账号“{name}”不存在"
MSG_OFFICE_UNKNOWN = "科室“{name}”不存在"
MSG_PROJECT_UNKNOWN = "项目“{name}”不存在或不在您的辖区，请先在“项目”台账中登记"

SEPARATORS = re.compile(r"[、，,；;\s]+")


def split_names(cell: str) -> list[str]:
    return [name for name in SEPARATORS.split(cell or "") if name]


@register
class ProjectLedger(Ledger):
    code = "projects"
    title = "项目"
    description = "重点项目、老旧小区改造、危楼重建、招商项目、民生微实事和遗留项目：规模、包联领导、计划年度、状态与进度"
    natural_key = ("name",)
    import_permission = "projects.import_project"
    export_permission = "projects.export_project"
    columns = (
        Column(
            "name", "项目名称", p.required(p.text(100)), required=True, example="赛马场北路小区改造", width=28
        ),
        Column(
            "kind",
            "项目类型",
            p.required(p.choice(ProjectKind)),
            required=True,
            example="老旧小区改造",
            help="重点项目、老旧小区改造、危楼重建、招商项目、民生微实事或遗留项目",
        ),
        Column(
            "community", "所属社区", p.text(60), example="赛马场北路社区", help="不填表示街道项目", width=16
        ),
        Column(
            "compounds",
            "涉及小区",
            p.text(500),
            example="赛马场北路小区",
            help="须在所属社区内；多个小区用“、”分隔",
            width=30,
        ),
        Column("budget", "总投资（元）", p.decimal(places=2, min_value=0), example="3200000", width=16),
        Column(
            "floor_area", "建筑面积（平方米）", p.decimal(places=2, min_value=0), example="25600", width=16
        ),
        Column("buildings", "楼栋数", p.integer(min_value=0), example="6", width=8),
        Column("households", "户数", p.integer(min_value=0), example="284", width=8),
        Column("leader", "包联领导账号", p.text(150), example="leader", help="平台登录账号，可不填"),
        Column("office", "责任科室", p.text(40), example="城管办", help="科室名称，可不填"),
        Column("planned_start", "计划开工日期", p.a_date(), example="2024-04-01", width=12),
        Column("planned_end", "计划完工日期", p.a_date(), example="2024-10-31", width=12),
        Column(
            "plan_year",
            "计划年度",
            p.integer(min_value=2000, max_value=2100),
            example="2024",
            help="作为哪一年度工作计划的目标项目；不是计划目标可不填",
            width=10,
        ),
        Column("use", "房屋用途", p.choice(LegacyUse), help="遗留项目填写：住宅或非住宅", width=10),
        Column(
            "status",
            "项目状态",
            p.choice(ProjectStatus, blank=ProjectStatus.PLANNING),
            example="谋划",
            help="谋划、在建、已完工、暂停或终止；不填为谋划",
            width=10,
        ),
        Column("completed_on", "完工日期", p.a_date(), help="已完工的项目必填", width=12),
        Column(
            "progress",
            "进度（%）",
            p.integer(min_value=0, max_value=100),
            example="0",
            help="0到100；已设置项目节点的项目按节点自动计算，此列不生效",
            width=10,
        ),
        Column("description", "项目内容", p.text(2000), example="基础类改造：管网、屋面防水", width=30),
        # Written by exports only.
        Column("leader_name", "包联领导", p.text(30), importable=False, width=10),
    )

    def prepare(self, rows, ctx):
        resolver = _Resolver(ctx.user)
        existing = {
            project.name: project
            for project in Project.objects.filter(name__in=[r.values["name"] for r in rows]).select_related(
                "area"
            )
        }
        leaders = {
            u.username: u for u in User.objects.filter(username__in={r.values["leader"] for r in rows})
        }
        offices = {o.name: o for o in Office.objects.all()} | {o.code: o for o in Office.objects.all()}
        today = timezone.localdate()
        resolved = {}
        for row in rows:
            v = row.values
            project = existing.get(v["name"])
            if project is not None and not resolver.in_scope(project.area):
                ctx.error(row.number, "name", MSG_PROJECT_ELSEWHERE)
                continue
            area = resolver.area(row, ctx)
            leader = leaders.get(v["leader"]) if v["leader"] else None
            if v["leader"] and leader is None:
                ctx.error(row.number, "leader", MSG_USER_UNKNOWN.format(name=v["leader"]))
            office = offices.get(v["office"]) if v["office"] else None
            if v["office"] and office is None:
                ctx.error(row.number, "office", MSG_OFFICE_UNKNOWN.format(name=v["office"]))
            compounds = resolver.compounds(row, ctx, area) if area else None
            values = _values(v, project)
            problems = project_problems(values, today=today)
            for key, message in problems:
                ctx.error(row.number, key, message)
            people_ok = (leader or not v["leader"]) and (office or not v["office"])
            if area and compounds is not None and not problems and people_ok:
                values |= {"area": area, "leader": leader, "office": office}
                resolved[row.number] = (project, values, compounds)
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        result = WriteResult()
        actor = ctx.user if getattr(ctx.user, "pk", None) else None
        for row in rows:
            project, values, compounds = ctx.state["resolved"][row.number]
            if project is None:
                project_create(**values, compounds=compounds, actor=actor)
                result.created += 1
                continue
            changes = {f: values[f] for f in PROJECT_FIELDS if getattr(project, f) != values[f]}
            if project.milestones.exists():
                changes.pop("progress", None)
            same_compounds = {c.pk for c in compounds} == set(project.compounds.values_list("pk", flat=True))
            if not changes and same_compounds:
                result.unchanged += 1
                continue
            project_update(
                project=project,
                version=project.version,
                compounds=None if same_compounds else compounds,
                actor=actor,
                **changes,
            )
            result.updated += 1
        return result

    def export_queryset(self, user, params):
        qs = Project.objects.select_related("area", "leader", "office").prefetch_related("compounds")
        return project_filter(qs if user is None else qs.for_user(user), params)

    def export_row(self, obj, ctx):
        return [
            obj.name,
            obj.get_kind_display(),
            obj.area.name if obj.area.level == AreaLevel.COMMUNITY else "",
            "、".join(sorted(c.name for c in obj.compounds.all())),
            obj.budget,
            obj.floor_area,
            obj.buildings,
            obj.households,
            obj.leader.username if obj.leader_id else "",
            obj.office.name if obj.office_id else "",
            obj.planned_start,
            obj.planned_end,
            obj.plan_year,
            obj.get_use_display(),
            obj.get_status_display(),
            obj.completed_on,
            obj.progress,
            obj.description,
            obj.leader.display_name if obj.leader_id else "",
        ]


def _values(v: dict, project: Project | None) -> dict:
    """The project's fields from a parsed row; a blank amount or progress is 0 for a new project and keeps
    the stored value of an existing one."""
    values = {
        "kind": v["kind"],
        "name": v["name"],
        "planned_start": v["planned_start"],
        "planned_end": v["planned_end"],
        "plan_year": v["plan_year"],
        "use": v["use"],
        "status": v["status"],
        "completed_on": v["completed_on"],
        "description": v["description"],
    }
    for key in ("budget", "floor_area", "buildings", "households", "progress"):
        stored = getattr(project, key) if project is not None else 0
        values[key] = v[key] if v[key] is not None else stored
    return values


class _Resolver:
    """Areas and compounds named in a file, and which of them the importing user may write to."""

    def __init__(self, user):
        self.paths = None if user is None else scope_paths(user)
        current = Area.objects.filter(
            level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY], valid_to__isnull=True
        )
        self.streets = [a for a in current if a.level == AreaLevel.STREET]
        self.communities = {a.name: a for a in current if a.level == AreaLevel.COMMUNITY}

    def in_scope(self, area: Area) -> bool:
        return covers(self.paths, area.path)

    def area(self, row, ctx) -> Area | None:
        name = row.values["community"]
        if not name:
            street = next((s for s in self.streets if self.in_scope(s)), None)
            if street is None:
                ctx.error(row.number, "community", MSG_STREET_OUT_OF_SCOPE)
            return street
        community = self.communities.get(name)
        if community is None or not self.in_scope(community):
            ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=name))
            return None
        return community

    def compounds(self, row, ctx, area: Area) -> list[Compound] | None:
        names = split_names(row.values["compounds"])
        if not names:
            return []
        found: dict[str, list[Compound]] = {}
        for compound in Compound.objects.filter(area__path__startswith=area.path, name__in=names):
            found.setdefault(compound.name, []).append(compound)
        result, ok = [], True
        for name in dict.fromkeys(names):
            matches = found.get(name, [])
            if not matches:
                ctx.error(row.number, "compounds", MSG_COMPOUND_UNKNOWN.format(name=name, area=area.name))
                ok = False
            elif len(matches) > 1:
                ctx.error(row.number, "compounds", MSG_COMPOUND_AMBIGUOUS.format(name=name, area=area.name))
                ok = False
            else:
                result.append(matches[0])
        return result if ok else None


@register
class MilestoneLedger(Ledger):
    """Milestones (项目节点) keyed by project name and milestone name; the project's progress follows."""

    code = "project_milestones"
    title = "项目节点"
    description = "项目的节点计划：节点名称、计划日期、实际完成日期（项目进度按已完成节点计算）"
    natural_key = ("project", "name")
    import_permission = "projects.import_project"
    export_permission = "projects.export_project"
    columns = (
        Column(
            "project",
            "项目名称",
            p.required(p.text(100)),
            required=True,
            example="赛马场北区老旧小区改造",
            width=28,
        ),
        Column("name", "节点名称", p.required(p.text(60)), required=True, example="施工招标", width=16),
        Column(
            "planned_on",
            "计划日期",
            p.required(p.a_date()),
            required=True,
            example="2024-04-20",
            help="须在项目计划起止日期之间",
            width=12,
        ),
        Column("actual_on", "实际完成日期", p.a_date(), help="未完成时不填；不能晚于今天", width=12),
        Column("sort_order", "排序", p.integer(min_value=0, max_value=999), example="1", width=8),
        Column("note", "备注", p.text(200), width=24),
    )

    def prepare(self, rows, ctx):
        paths = None if ctx.user is None else scope_paths(ctx.user)
        projects = {
            project.name: project
            for project in Project.objects.filter(
                name__in={r.values["project"] for r in rows}
            ).select_related("area")
            if covers(paths, project.area.path)
        }
        existing = {
            (m.project_id, m.name): m for m in Milestone.objects.filter(project__in=projects.values())
        }
        today = timezone.localdate()
        resolved = {}
        for row in rows:
            v = row.values
            project = projects.get(v["project"])
            if project is None:
                ctx.error(row.number, "project", MSG_PROJECT_UNKNOWN.format(name=v["project"]))
                continue
            ok = True
            start, end = project.planned_start, project.planned_end
            if (start and v["planned_on"] < start) or (end and v["planned_on"] > end):
                ctx.error(row.number, "planned_on", MSG_MILESTONE_OUTSIDE)
                ok = False
            if v["actual_on"] and v["actual_on"] > today:
                ctx.error(row.number, "actual_on", MSG_FUTURE)
                ok = False
            if ok:
                resolved[row.number] = (project, existing.get((project.pk, v["name"])))
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        result = WriteResult()
        actor = ctx.user if getattr(ctx.user, "pk", None) else None
        for row in rows:
            project, milestone = ctx.state["resolved"][row.number]
            values = {k: row.values[k] for k in ("planned_on", "actual_on", "note", "sort_order")}
            if values["sort_order"] is None:
                values.pop("sort_order")
            if milestone is None:
                milestone_add(project=project, name=row.values["name"], actor=actor, **values)
                result.created += 1
                continue
            changes = {k: value for k, value in values.items() if getattr(milestone, k) != value}
            if not changes:
                result.unchanged += 1
                continue
            milestone_update(milestone=milestone, actor=actor, **changes)
            result.updated += 1
        return result

    def export_queryset(self, user, params):
        projects = project_filter(
            Project.objects.all() if user is None else Project.objects.for_user(user), params
        )
        return (
            Milestone.objects.filter(project__in=projects)
            .select_related("project")
            .order_by("project__name", "sort_order", "planned_on", "id")
        )

    def export_row(self, obj, ctx):
        return [obj.project.name, obj.name, obj.planned_on, obj.actual_on, obj.sort_order, obj.note]
