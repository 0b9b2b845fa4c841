"""廉政档案 and 执纪记录 (restricted: exports are audited by the engine like every export)."""

from jiedao.core.concurrency import UNCHECKED
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column
from jiedao.party import selectors, services
from jiedao.party.ledgers.base import (
    AREA,
    NOTE,
    AreaNames,
    ServiceLedger,
    scoped,
    users_by_username,
)
from jiedao.party.models import (
    DisciplineKind,
    DisciplineRecord,
    IntegrityArchive,
)

PERSON = Column("person_name", "姓名", p.required(p.text(30)), required=True, example="张海燕")
UNIT = Column("unit", "单位", p.required(p.text(60)), required=True, example="党建办")
POST = Column("post", "职务", p.text(30), example="科员")
USERNAME = Column("username", "平台账号", p.text(150), help="可不填")


class _PersonLedger(ServiceLedger):
    field_columns = {"user": "username"}

    def lookups(self, rows, ctx):
        return {"areas": AreaNames(), "users": users_by_username(rows, "username", ctx)}

    def person_values(self, row, ctx, found, fields) -> dict | None:
        v = row.values
        area = found["areas"].resolve(row, ctx)
        if area is None or (v["username"] and v["username"] not in found["users"]):
            return None
        return {"area": area, "user": found["users"].get(v["username"]), **{k: v[k] for k in fields}}


@register
class ArchiveLedger(_PersonLedger):
    code = "integrity_archives"
    title = "廉政档案"
    description = "街道和社区干部的廉政档案：单位、职务、档案年度、建档日期"
    natural_key = ("person_name", "unit", "year")
    import_permission = "party.import_integrityarchive"
    export_permission = "party.export_integrityarchive"
    columns = (
        PERSON,
        UNIT,
        POST,
        AREA,
        Column(
            "year",
            "档案年度",
            p.required(p.integer(min_value=2000, max_value=2100)),
            required=True,
            example="2023",
        ),
        Column("filed_on", "建档日期", p.required(p.a_date()), required=True, example="2023-03-15", width=12),
        USERNAME,
        NOTE,
    )

    def values(self, row, ctx, found):
        return self.person_values(
            row, ctx, found, ("person_name", "unit", "post", "year", "filed_on", "note")
        )

    def find(self, values):
        keys = {k: values[k] for k in self.natural_key}
        return IntegrityArchive.objects.filter(**keys).first()

    def create(self, values, user):
        return services.archive_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.archive_update(archive=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        qs = IntegrityArchive.objects.select_related("area__parent", "user")
        return selectors.archive_filter(scoped(qs, user), params)

    def export_row(self, obj, ctx):
        return [
            obj.person_name,
            obj.unit,
            obj.post,
            obj.area.label,
            obj.year,
            obj.filed_on,
            obj.user.username if obj.user_id else "",
            obj.note,
        ]


@register
class DisciplineLedger(_PersonLedger):
    code = "discipline_records"
    title = "执纪记录"
    description = "诫勉谈话、批评教育、约谈、党纪处分等执纪记录（限制查阅，导出留痕）"
    natural_key = ("person_name", "kind", "occurred_on")
    import_permission = "party.import_disciplinerecord"
    export_permission = "party.export_disciplinerecord"
    columns = (
        PERSON,
        UNIT,
        POST,
        Column("kind", "处理方式", p.required(p.choice(DisciplineKind)), required=True, example="约谈"),
        Column(
            "occurred_on", "处理日期", p.required(p.a_date()), required=True, example="2023-05-10", width=12
        ),
        Column("reason", "事由", p.required(p.text(300)), required=True, example="工作作风不实", width=30),
        Column("decided_by", "决定机关", p.text(60), example="街道纪工委"),
        AREA,
        USERNAME,
    )

    def values(self, row, ctx, found):
        fields = ("person_name", "unit", "post", "kind", "occurred_on", "reason", "decided_by")
        return self.person_values(row, ctx, found, fields)

    def find(self, values):
        keys = {k: values[k] for k in self.natural_key}
        return DisciplineRecord.objects.filter(**keys).first()

    def create(self, values, user):
        return services.discipline_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.discipline_update(record=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        qs = DisciplineRecord.objects.select_related("area__parent", "user")
        return selectors.discipline_filter(scoped(qs, user), params)

    def export_row(self, obj, ctx):
        return [
            obj.person_name,
            obj.unit,
            obj.post,
            obj.get_kind_display(),
            obj.occurred_on,
            obj.reason,
            obj.decided_by,
            obj.area.label,
            obj.user.username if obj.user_id else "",
        ]
