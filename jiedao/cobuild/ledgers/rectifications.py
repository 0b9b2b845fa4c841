"""创城整改, keyed by 社区, 发现日期 and 整改事项."""

from jiedao.cobuild.ledgers.common import COMMUNITY, OPTIONAL_COMPOUND, Places, not_future, scoped, upsert
from jiedao.cobuild.models import Rectification, RectificationCategory, RectificationStatus
from jiedao.cobuild.selectors import rectification_filter
from jiedao.cobuild.services import (
    MSG_DEADLINE_BEFORE_FOUND,
    MSG_RECTIFIED_BEFORE_FOUND,
    MSG_RECTIFIED_ON_EXTRA,
    MSG_RECTIFIED_ON_REQUIRED,
)
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger


@register
class RectificationLedger(Ledger):
    code = "rectifications"
    title = "创城整改"
    description = "创建文明城市中发现的问题、整改期限与整改情况"
    natural_key = ("community", "found_on", "item")
    import_permission = "cobuild.import_rectification"
    export_permission = "cobuild.export_rectification"
    columns = (
        Column("found_on", "发现日期", p.required(p.a_date()), required=True, example="2023-05-12", width=12),
        COMMUNITY,
        OPTIONAL_COMPOUND,
        Column("item", "整改事项", p.required(p.text(200)), required=True, example="楼道堆放杂物", width=30),
        Column(
            "category",
            "问题类别",
            p.required(p.choice(RectificationCategory)),
            required=True,
            example="环境卫生",
            help="环境卫生、公益广告、设施破损、秩序管理、绿化美化或其他",
        ),
        Column("deadline", "整改期限", p.required(p.a_date()), required=True, example="2023-05-19", width=12),
        Column(
            "status",
            "整改状态",
            p.required(p.choice(RectificationStatus)),
            required=True,
            example="已整改",
            help="待整改、整改中或已整改",
        ),
        Column(
            "rectified_on",
            "完成整改日期",
            p.a_date(),
            example="2023-05-16",
            help="状态为“已整改”时必填",
            width=12,
        ),
        Column("note", "备注", p.text(200), width=20),
    )

    def prepare(self, rows, ctx):
        places = Places(ctx.user)
        resolved = {}
        for row in rows:
            place = places.resolve(row, ctx, compound_required=False)
            if self._rules_ok(row, ctx) and place is not None:
                resolved[row.number] = place
        ctx.state["resolved"] = resolved

    @staticmethod
    def _rules_ok(row, ctx) -> bool:
        v = row.values
        problems = []
        if v["deadline"] < v["found_on"]:
            problems.append(("deadline", MSG_DEADLINE_BEFORE_FOUND))
        if v["status"] == RectificationStatus.DONE and v["rectified_on"] is None:
            problems.append(("rectified_on", MSG_RECTIFIED_ON_REQUIRED))
        elif v["status"] != RectificationStatus.DONE and v["rectified_on"] is not None:
            problems.append(("rectified_on", MSG_RECTIFIED_ON_EXTRA))
        elif v["rectified_on"] is not None and v["rectified_on"] < v["found_on"]:
            problems.append(("rectified_on", MSG_RECTIFIED_BEFORE_FOUND))
        for key, message in problems:
            ctx.error(row.number, key, message)
        return not_future(row, ctx, "found_on", "rectified_on") and not problems

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        areas = {community.pk for community, _ in resolved.values()}
        days = {r.values["found_on"] for r in rows}
        existing = {
            (r.area_id, r.found_on, r.item): r
            for r in Rectification.objects.filter(area_id__in=areas, found_on__in=days)
        }
        planned = []
        for row in rows:
            v = row.values
            community, compound = resolved[row.number]
            values = {
                "item": v["item"],
                "category": v["category"],
                "area_id": community.pk,
                "compound_id": compound.pk if compound else None,
                "found_on": v["found_on"],
                "deadline": v["deadline"],
                "rectified_on": v["rectified_on"],
                "status": v["status"],
                "note": v["note"],
            }
            planned.append((existing.get((community.pk, v["found_on"], v["item"])), values))
        return upsert(Rectification, planned, user=ctx.user)

    def export_queryset(self, user, params):
        return rectification_filter(
            scoped(Rectification.objects.select_related("area", "compound"), user), params
        )

    def export_row(self, obj, ctx):
        return [
            obj.found_on,
            obj.area.name,
            obj.compound.name if obj.compound_id else "",
            obj.item,
            obj.get_category_display(),
            obj.deadline,
            obj.get_status_display(),
            obj.rectified_on or "",
            obj.note,
        ]
