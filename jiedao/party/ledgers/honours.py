"""荣誉: honours of areas and compounds."""

from jiedao.core.concurrency import UNCHECKED
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column
from jiedao.party import selectors, services
from jiedao.party.ledgers.base import (
    MSG_COMPOUND_COMMUNITY,
    MSG_COMPOUND_UNKNOWN,
    NOTE,
    AreaNames,
    ServiceLedger,
    scoped,
)
from jiedao.party.models import (
    Honour,
    HonourKind,
)


@register
class HonourLedger(ServiceLedger):
    code = "honours"
    title = "荣誉"
    description = "文明社区、文明示范小区、示范社区等荣誉：年度、授予单位、获奖社区或小区"
    natural_key = ("kind", "year", "area", "compound")
    import_permission = "party.import_honour"
    export_permission = "party.export_honour"
    columns = (
        Column("kind", "荣誉类别", p.required(p.choice(HonourKind)), required=True, example="文明示范小区"),
        Column("name", "荣誉名称", p.text(100), help="类别为“其他”时必填"),
        Column(
            "year",
            "年度",
            p.required(p.integer(min_value=2000, max_value=2100)),
            required=True,
            example="2023",
        ),
        Column(
            "awarded_by",
            "授予单位",
            p.required(p.text(60)),
            required=True,
            example="呼和浩特市精神文明建设委员会",
        ),
        Column("awarded_on", "授予日期", p.a_date(), example="2023-12-20", width=12),
        Column(
            "area",
            "获奖社区",
            p.text(60),
            example="附件社区",
            help="街道或社区名称；填写小区时为小区所在社区",
        ),
        Column("compound", "小区", p.text(60), example="铁路小区", help="荣誉授予小区时填写"),
        NOTE,
    )

    def lookups(self, rows, ctx):
        from jiedao.registry.models import Compound

        names = {r.values["compound"] for r in rows if r.values["compound"]}
        compounds = {(c.area_id, c.name): c for c in Compound.objects.filter(name__in=names)}
        return {"areas": AreaNames(), "compounds": compounds}

    def values(self, row, ctx, found):
        v = row.values
        if v["compound"] and not v["area"]:
            ctx.error(row.number, "area", MSG_COMPOUND_COMMUNITY)
            return None
        area = found["areas"].resolve(row, ctx)
        if area is None:
            return None
        compound = None
        if v["compound"]:
            compound = found["compounds"].get((area.pk, v["compound"]))
            if compound is None:
                ctx.error(
                    row.number,
                    "compound",
                    MSG_COMPOUND_UNKNOWN.format(name=v["compound"], community=area.name),
                )
                return None
        fields = ("kind", "name", "year", "awarded_by", "awarded_on", "note")
        return {"area": area, "compound": compound, **{k: v[k] for k in fields}}

    def find(self, values):
        keys = {k: values[k] for k in ("kind", "year", "area", "compound")}
        return Honour.objects.filter(**keys).first()

    def create(self, values, user):
        return services.honour_create(**values, actor=user)

    def update(self, obj, values, user):
        return services.honour_update(honour=obj, **values, version=UNCHECKED, actor=user)

    def export_queryset(self, user, params):
        qs = Honour.objects.select_related("area__parent", "compound")
        return selectors.honour_filter(scoped(qs, user), params)

    def export_row(self, obj, ctx):
        return [
            obj.get_kind_display(),
            obj.name,
            obj.year,
            obj.awarded_by,
            obj.awarded_on,
            obj.area.label,
            obj.compound.name if obj.compound_id else "",
            obj.note,
        ]
