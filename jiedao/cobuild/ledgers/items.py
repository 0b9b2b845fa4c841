"""三项清单 (需求清单、资源清单、项目清单), keyed by 年度, 社区 and 事项名称."""

from jiedao.cobuild.ledgers.common import COMMUNITY, OPTIONAL_COMPOUND, Places, not_future, scoped, upsert
from jiedao.cobuild.models import CobuildItem, ItemStatus, ListKind
from jiedao.cobuild.selectors import item_filter
from jiedao.cobuild.services import MSG_COMPLETED_ON_EXTRA, MSG_COMPLETED_ON_REQUIRED, MSG_COMPLETED_ON_YEAR
from jiedao.enterprises.models import Enterprise
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger

MSG_ENTERPRISE_UNKNOWN = "统一社会信用代码“{code}”在经济名录库中不存在或不在您的辖区"


@register
class CobuildItemLedger(Ledger):
    code = "cobuild_items"
    title = "共建三项清单"
    description = "与驻区单位共建的需求清单、资源清单、项目清单事项及推进情况"
    natural_key = ("year", "community", "title")
    import_permission = "cobuild.import_cobuilditem"
    export_permission = "cobuild.export_cobuilditem"
    columns = (
        Column(
            "year",
            "年度",
            p.required(p.integer(min_value=2000, max_value=2100)),
            required=True,
            example="2023",
        ),
        Column(
            "kind",
            "清单类型",
            p.required(p.choice(ListKind)),
            required=True,
            example="需求清单",
            help="需求清单、资源清单或项目清单",
        ),
        Column(
            "title",
            "事项名称",
            p.required(p.text(100)),
            required=True,
            example="老旧小区楼道照明改造",
            width=28,
        ),
        COMMUNITY,
        OPTIONAL_COMPOUND,
        Column(
            "partner", "共建单位", p.required(p.text(100)), required=True, example="回民区人民医院", width=24
        ),
        Column(
            "uscc",
            "共建企业统一社会信用代码",
            p.uscc,
            help="共建单位为经济名录库中的企业时填写；请设为文本格式",
            width=22,
        ),
        Column(
            "status",
            "推进状态",
            p.required(p.choice(ItemStatus)),
            required=True,
            example="已完成",
            help="未启动、推进中或已完成",
        ),
        Column(
            "completed_on",
            "完成日期",
            p.a_date(),
            example="2023-06-30",
            help="状态为“已完成”时必填",
            width=12,
        ),
        Column("description", "事项内容", p.text(500), width=30),
    )

    def prepare(self, rows, ctx):
        places = Places(ctx.user)
        codes = {r.values["uscc"] for r in rows if r.values.get("uscc")}
        enterprises = {e.uscc: e for e in scoped(Enterprise.objects.filter(uscc__in=codes), ctx.user)}
        resolved = {}
        for row in rows:
            v = row.values
            place = places.resolve(row, ctx, compound_required=False)
            enterprise = enterprises.get(v["uscc"]) if v.get("uscc") else None
            if v.get("uscc") and enterprise is None:
                ctx.error(row.number, "uscc", MSG_ENTERPRISE_UNKNOWN.format(code=v["uscc"]))
                continue
            if not self._dates_ok(row, ctx) or place is None:
                continue
            resolved[row.number] = (*place, enterprise)
        ctx.state["resolved"] = resolved

    @staticmethod
    def _dates_ok(row, ctx) -> bool:
        v = row.values
        if v["status"] == ItemStatus.COMPLETED and v["completed_on"] is None:
            ctx.error(row.number, "completed_on", MSG_COMPLETED_ON_REQUIRED)
            return False
        if v["status"] != ItemStatus.COMPLETED and v["completed_on"] is not None:
            ctx.error(row.number, "completed_on", MSG_COMPLETED_ON_EXTRA)
            return False
        if v["completed_on"] is not None and v["completed_on"].year < v["year"]:
            ctx.error(row.number, "completed_on", MSG_COMPLETED_ON_YEAR.format(year=v["year"]))
            return False
        return not_future(row, ctx, "completed_on")

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        areas = {community.pk for community, _, _ in resolved.values()}
        existing = {
            (i.area_id, i.year, i.title): i
            for i in CobuildItem.objects.filter(area_id__in=areas, year__in={r.values["year"] for r in rows})
        }
        planned = []
        for row in rows:
            v = row.values
            community, compound, enterprise = resolved[row.number]
            values = {
                "kind": v["kind"],
                "title": v["title"],
                "area_id": community.pk,
                "compound_id": compound.pk if compound else None,
                "partner": v["partner"],
                "enterprise_id": enterprise.pk if enterprise else None,
                "year": v["year"],
                "status": v["status"],
                "completed_on": v["completed_on"],
                "description": v["description"],
            }
            planned.append((existing.get((community.pk, v["year"], v["title"])), values))
        return upsert(CobuildItem, planned, user=ctx.user)

    def export_queryset(self, user, params):
        qs = scoped(CobuildItem.objects.select_related("area", "compound", "enterprise"), user)
        return item_filter(qs, params)

    def export_row(self, obj, ctx):
        return [
            obj.year,
            obj.get_kind_display(),
            obj.title,
            obj.area.name,
            obj.compound.name if obj.compound_id else "",
            obj.partner,
            obj.enterprise.uscc if obj.enterprise_id else "",
            obj.get_status_display(),
            obj.completed_on or "",
            obj.description,
        ]
