"""On-site verification visits (实地核查), keyed by the enterprise's code and the visit's date."""

from django.utils import timezone

from jiedao.enterprises.ledgers.common import (
    MSG_ENTERPRISE_UNKNOWN,
    USCC_HELP,
    check_not_future,
    chunks,
    community_and_grid,
    enterprises_by_uscc,
    scoped,
    tuples,
    users_by_username,
)
from jiedao.enterprises.models import VerificationVisit, VisitResult
from jiedao.enterprises.selectors import visit_filter
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert, bulk_update
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult


@register
class VisitLedger(Ledger):
    code = "enterprise_visits"
    title = "实地核查"
    description = "经济名录库企业的实地核查记录：核查日期、核查结果、核查人"
    natural_key = ("uscc", "visited_on")
    import_permission = "enterprises.add_verificationvisit"
    export_permission = "enterprises.export_enterprise"
    columns = (
        Column(
            "uscc",
            "统一社会信用代码",
            p.required(p.uscc),
            required=True,
            example="91150103MA0N2K3L46",
            help="企业须已在经济名录库中；" + USCC_HELP,
            width=22,
        ),
        Column(
            "visited_on", "核查日期", p.required(p.a_date()), required=True, example="2023-06-15", width=12
        ),
        Column(
            "result",
            "核查结果",
            p.required(p.choice(VisitResult)),
            required=True,
            example="正常经营",
            help="正常经营、地址不符、已迁出、已注销、未找到经营主体或其他",
        ),
        Column("visitor", "核查人账号", p.text(150), example="smc_wg01", help="平台登录账号，可不填"),
        Column("note", "情况说明", p.text(200), width=30),
        # Written by exports only.
        Column("enterprise_name", "企业名称", p.text(100), importable=False, width=30),
        Column("visitor_name", "核查人", p.text(30), importable=False, width=10),
        Column("community", "社区", p.text(60), importable=False),
        Column("grid", "所属网格", p.text(60), importable=False),
    )

    def prepare(self, rows, ctx):
        enterprises = enterprises_by_uscc([r.values["uscc"] for r in rows], ctx.user)
        visitors = users_by_username(rows, "visitor", ctx)
        today = timezone.localdate()
        resolved = {}
        for row in rows:
            code = row.values["uscc"]
            enterprise = enterprises.get(code)
            if enterprise is None:
                ctx.error(row.number, "uscc", MSG_ENTERPRISE_UNKNOWN.format(code=code))
                continue
            if check_not_future(row, ctx, ("visited_on",), today):
                resolved[row.number] = (enterprise, visitors.get(row.values["visitor"]))
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        ids = list({e.pk for e, _ in resolved.values()})
        existing = {}
        for chunk in chunks(ids):
            for visit in VerificationVisit.objects.filter(enterprise_id__in=chunk):
                existing[(visit.enterprise_id, visit.visited_on)] = visit
        now = timezone.now()
        result, new, changed = WriteResult(), [], []
        for row in rows:
            v = row.values
            enterprise, visitor = resolved[row.number]
            wanted = {"result": v["result"], "note": v["note"], "visitor_id": visitor.pk if visitor else None}
            visit = existing.get((enterprise.pk, v["visited_on"]))
            if visit is None:
                new.append(
                    {
                        **wanted,
                        "enterprise_id": enterprise.pk,
                        "visited_on": v["visited_on"],
                        "area_id": enterprise.area_id,
                        "recorded_at": now,
                    }
                )
            elif any(getattr(visit, f) != wanted[f] for f in wanted):
                for field, value in wanted.items():
                    setattr(visit, field, value)
                changed.append(visit)
            else:
                result.unchanged += 1
        bulk_insert(VerificationVisit, tuples(VerificationVisit, new), user=ctx.user)
        bulk_update(VerificationVisit, changed, ["result", "note", "visitor"], user=ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = scoped(VerificationVisit.objects.select_related("enterprise", "visitor", "area__parent"), user)
        return visit_filter(qs, params)

    def export_row(self, obj, ctx):
        community, grid = community_and_grid(obj.area)
        return [
            obj.enterprise.uscc,
            obj.visited_on,
            obj.get_result_display(),
            obj.visitor.username if obj.visitor_id else "",
            obj.note,
            obj.enterprise.name,
            obj.visitor.display_name if obj.visitor_id else "",
            community,
            grid,
        ]
