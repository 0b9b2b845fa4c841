"""党支部, 党员 and 工作人员职责."""

from jiedao.core.concurrency import UNCHECKED
from jiedao.core.models import AreaLevel
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column
from jiedao.party import selectors, services
from jiedao.party.ledgers.base import (
    AREA,
    MSG_BRANCH_UNKNOWN,
    NOTE,
    AreaNames,
    ServiceLedger,
    scoped,
    users_by_username,
)
from jiedao.party.models import (
    BranchKind,
    DutyKind,
    Gender,
    MemberStatus,
    PartyBranch,
    PartyMember,
    StaffDuty,
)


@register
class BranchLedger(ServiceLedger):
    code = "party_branches"
    title = "党支部"
    description = "党支部名册：支部类型、所属区域、支部书记、成立日期"
    natural_key = ("name",)
    import_permission = "party.import_partybranch"
    export_permission = "party.export_partybranch"
    columns = (
        Column(
            "name",
            "支部名称",
            p.required(p.text(100)),
            required=True,
            example="赛马场北路社区党支部",
            width=28,
        ),
        Column("kind", "支部类型", p.required(p.choice(BranchKind)), required=True, example="社区党支部"),
        AREA,
        Column("secretary", "支部书记", p.text(30), example="王建国"),
        Column("established_on", "成立日期", p.a_date(), example="2015-07-01", width=12),
        Column("active", "在册", p.boolean(blank=True), example="是", help="是或否；不填为是"),
        NOTE,
    )

    def values(self, row, ctx, found):
        area = found["areas"].resolve(row, ctx)
        if area is None:
            return None
        v = row.values
        return {
            **{k: v[k] for k in ("name", "kind", "secretary", "established_on", "active", "note")},
            "area": area,
        }

    def lookups(self, rows, ctx):
        return {"areas": AreaNames()}

    def find(self, values):
        return PartyBranch.objects.filter(name=values["name"]).first()

    def create(self, values, user):
        return services.branch_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.branch_update(branch=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        return selectors.branch_filter(
            scoped(PartyBranch.objects.select_related("area__parent"), user), params
        )

    def export_row(self, obj, ctx):
        return [
            obj.name,
            obj.get_kind_display(),
            obj.area.label,
            obj.secretary,
            obj.established_on,
            "是" if obj.active else "否",
            obj.note,
        ]


@register
class MemberLedger(ServiceLedger):
    code = "party_members"
    title = "党员"
    description = "各党支部的党员：性别、入党日期、党员类别、党内职务、转出日期"
    natural_key = ("branch", "name")
    import_permission = "party.import_partymember"
    export_permission = "party.export_partymember"
    columns = (
        Column(
            "branch",
            "所在党支部",
            p.required(p.text(100)),
            required=True,
            example="赛马场北路社区党支部",
            width=28,
        ),
        Column("name", "姓名", p.required(p.text(30)), required=True, example="李秀英"),
        Column("gender", "性别", p.choice(Gender), example="女"),
        Column("joined_party_on", "入党日期", p.a_date(), example="2008-07-01", width=12),
        Column(
            "status",
            "党员类别",
            p.choice(MemberStatus, blank=MemberStatus.FULL),
            example="正式党员",
            help="正式党员或预备党员；不填为正式党员",
        ),
        Column("post", "党内职务", p.text(30), example="组织委员"),
        Column("transferred_out_on", "转出日期", p.a_date(), width=12, help="组织关系转出本支部的日期"),
        Column(
            "id_number",
            "身份证号码",
            p.resident_id,
            help="可不填；填写后关联辖区居民档案，不填则不改变已有关联；请设为文本格式",
            width=20,
        ),
        Column("area", "所属区域", p.text(60), importable=False),
        Column("resident", "居民档案", p.text(20), importable=False, help="已关联居民的身份证号码（脱敏）"),
    )
    field_columns = {"area": "branch", "resident": "id_number"}

    def lookups(self, rows, ctx):
        names = {r.values["branch"] for r in rows}
        return {"branches": {b.name: b for b in scoped(PartyBranch.objects.filter(name__in=names), ctx.user)}}

    def values(self, row, ctx, found):
        v = row.values
        branch = found["branches"].get(v["branch"])
        if branch is None:
            ctx.error(row.number, "branch", MSG_BRANCH_UNKNOWN.format(name=v["branch"]))
            return None
        fields = ("name", "gender", "joined_party_on", "status", "post", "transferred_out_on")
        values = {"branch": branch, **{k: v[k] for k in fields}}
        if v["id_number"]:
            resident = services.resident_by_id_number(v["id_number"], ctx.user)
            if resident is None:
                ctx.error(row.number, "id_number", services.MSG_RESIDENT_UNKNOWN)
                return None
            values["resident"] = resident
        return values

    def find(self, values):
        return PartyMember.objects.filter(branch=values["branch"], name=values["name"]).first()

    def create(self, values, user):
        return services.member_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.member_update(member=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        qs = PartyMember.objects.select_related("branch", "area__parent", "resident")
        return selectors.member_filter(scoped(qs, user), params)

    def export_row(self, obj, ctx):
        return [
            obj.branch.name,
            obj.name,
            obj.get_gender_display(),
            obj.joined_party_on,
            obj.get_status_display(),
            obj.post,
            obj.transferred_out_on,
            "",  # 身份证号码: never exported in full; the link is kept when a file comes back blank
            obj.area.label,
            obj.resident.id_number_masked if obj.resident_id else "",
        ]


@register
class DutyLedger(ServiceLedger):
    code = "staff_duties"
    title = "工作人员职责"
    description = "工作人员在角色之外担任的职责：网评员、信息员、联络员等"
    natural_key = ("username", "duty", "start_date")
    import_permission = "party.import_staffduty"
    export_permission = "party.export_staffduty"
    columns = (
        Column(
            "username",
            "账号",
            p.required(p.text(150)),
            required=True,
            example="smc_gzz1",
            help="平台登录账号",
        ),
        Column("duty", "职责", p.required(p.choice(DutyKind)), required=True, example="网评员"),
        AREA,
        Column("grid", "所属网格", p.text(60), help="可不填"),
        Column(
            "start_date", "开始日期", p.required(p.a_date()), required=True, example="2023-03-01", width=12
        ),
        Column("end_date", "结束日期", p.a_date(), width=12, help="不填表示仍在担任"),
        NOTE,
        Column("full_name", "姓名", p.text(30), importable=False),
    )
    field_columns = {"user": "username"}

    def lookups(self, rows, ctx):
        return {"areas": AreaNames(), "users": users_by_username(rows, "username", ctx)}

    def values(self, row, ctx, found):
        v = row.values
        user = found["users"].get(v["username"])
        area = found["areas"].resolve(row, ctx, grid_key="grid")
        if user is None or area is None:
            return None
        return {"user": user, "area": area, **{k: v[k] for k in ("duty", "start_date", "end_date", "note")}}

    def find(self, values):
        return StaffDuty.objects.filter(
            user=values["user"], duty=values["duty"], start_date=values["start_date"]
        ).first()

    def create(self, values, user):
        return services.duty_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.duty_update(staff_duty=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        return selectors.duty_filter(
            scoped(StaffDuty.objects.select_related("user", "area__parent"), user), params
        )

    def export_row(self, obj, ctx):
        grid = obj.area.level == AreaLevel.GRID
        return [
            obj.user.username,
            obj.get_duty_display(),
            obj.area.parent.name if grid else obj.area.name,
            obj.area.name if grid else "",
            obj.start_date,
            obj.end_date,
            obj.note,
            obj.user.display_name,
        ]
