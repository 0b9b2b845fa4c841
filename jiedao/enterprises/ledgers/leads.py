"""Investment leads (招商引资项目), keyed by name, with their stage and the date each stage was reached."""

from django.utils import timezone

from jiedao.enterprises.ledgers.common import (
    COMMUNITY,
    CONTACT_NAME,
    CONTACT_PHONE,
    GRID,
    MSG_ENTERPRISE_UNKNOWN,
    MSG_LEAD_ELSEWHERE,
    NOTE,
    AreaResolver,
    apply_changes,
    check_not_future,
    check_phone,
    community_and_grid,
    enterprises_by_uscc,
    export_phone,
    scoped,
    tuples,
    update_changed,
    users_by_username,
)
from jiedao.enterprises.models import STAGE_DATE_FIELDS, Industry, InvestmentLead, LeadSource, LeadStage
from jiedao.enterprises.selectors import lead_filter
from jiedao.enterprises.services import lead_stage_problems
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult

_LEAD_DATES = tuple(STAGE_DATE_FIELDS.values())


@register
class LeadLedger(Ledger):
    """A file states where each lead stands: its stage and dates must agree (`lead_stage_problems`), and a
    re-import may correct them. Moves made on the platform go through `lead_advance` and its table."""

    code = "investment_leads"
    title = "招商引资项目"
    description = (
        "招商引资项目：来源、计划投资额、包联人、所处阶段（接洽、洽谈、签约、落地、终止）及各阶段日期"
    )
    natural_key = ("name",)
    import_permission = "enterprises.add_investmentlead"
    export_permission = "enterprises.export_enterprise"
    full_export_permission = "enterprises.view_full_enterprise"
    columns = (
        Column(
            "name", "项目名称", p.required(p.text(100)), required=True, example="鑫源物流仓储项目", width=28
        ),
        Column(
            "industry",
            "行业门类",
            p.required(p.choice(Industry)),
            required=True,
            example="交通运输、仓储和邮政业",
            width=24,
        ),
        Column("amount", "计划投资额（万元）", p.decimal(places=2, min_value=0), example="1200", width=14),
        Column(
            "source",
            "项目来源",
            p.choice(LeadSource, blank=LeadSource.OTHER),
            example="以商招商",
            help="以商招商、驻区单位推荐、主动对接或其他",
        ),
        COMMUNITY,
        GRID,
        Column("owner", "包联人账号", p.text(150), example="ks_jjb", help="平台登录账号，可不填"),
        CONTACT_NAME,
        CONTACT_PHONE,
        Column(
            "stage",
            "项目阶段",
            p.choice(LeadStage, blank=LeadStage.CONTACTED),
            example="洽谈",
            help="接洽、洽谈、签约、落地或终止；已到达阶段的日期必填",
        ),
        Column(
            "contacted_on", "接洽日期", p.required(p.a_date()), required=True, example="2023-03-01", width=12
        ),
        Column("negotiating_on", "洽谈日期", p.a_date(), example="2023-04-10", width=12),
        Column("signed_on", "签约日期", p.a_date(), width=12),
        Column("settled_on", "落地日期", p.a_date(), width=12),
        Column("dropped_on", "终止日期", p.a_date(), width=12),
        Column("uscc", "落地企业统一社会信用代码", p.uscc, help="项目落地并已录入经济名录库后填写", width=22),
        NOTE,
        # Written by exports only.
        Column("owner_name", "包联人", p.text(30), importable=False, width=10),
        Column("enterprise_name", "落地企业", p.text(100), importable=False, width=28),
    )

    def prepare(self, rows, ctx):
        areas = AreaResolver(ctx.user)
        existing = {
            lead.name: lead
            for lead in InvestmentLead.objects.filter(
                name__in=[r.values["name"] for r in rows]
            ).select_related("area")
        }
        owners = users_by_username(rows, "owner", ctx)
        enterprises = enterprises_by_uscc([r.values["uscc"] for r in rows], ctx.user)
        today = timezone.localdate()
        resolved = {}
        for row in rows:
            v = row.values
            lead = existing.get(v["name"])
            if lead is not None and not areas.in_scope(lead.area):
                ctx.error(row.number, "name", MSG_LEAD_ELSEWHERE)
                continue
            area = areas.resolve(row, ctx)
            phone = check_phone(row, ctx, lead)
            enterprise = enterprises.get(v["uscc"]) if v["uscc"] else None
            if v["uscc"] and enterprise is None:
                ctx.error(row.number, "uscc", MSG_ENTERPRISE_UNKNOWN.format(code=v["uscc"]))
            problems = lead_stage_problems(v["stage"], {k: v[k] for k in _LEAD_DATES})
            for key, message in problems:
                ctx.error(row.number, key, message)
            in_time = check_not_future(row, ctx, _LEAD_DATES, today)
            if area and phone is not None and not problems and in_time and (enterprise or not v["uscc"]):
                resolved[row.number] = (area, lead, phone, owners.get(v["owner"]), enterprise)
        ctx.state["resolved"] = resolved

    FIELDS = (
        "industry",
        "amount",
        "source",
        "area_id",
        "owner_id",
        "contact_name",
        "stage",
        *_LEAD_DATES,
        "enterprise_id",
        "note",
    )

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        result, new, changed, touched = WriteResult(), [], [], set()
        for row in rows:
            area, lead, phone, owner, enterprise = resolved[row.number]
            values = {f: row.values[f] for f in self.FIELDS if f in row.values}
            values.update(
                area_id=area.pk,
                owner_id=owner.pk if owner else None,
                enterprise_id=enterprise.pk if enterprise else None,
            )
            if lead is None:
                new.append({**values, **phone, "name": row.values["name"], "version": 1})
                continue
            dirty = apply_changes(lead, values, phone)
            if not dirty:
                result.unchanged += 1
                continue
            lead.version += 1
            changed.append(lead)
            touched |= dirty
        bulk_insert(InvestmentLead, tuples(InvestmentLead, new), user=ctx.user)
        update_changed(InvestmentLead, changed, touched, ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = scoped(InvestmentLead.objects.select_related("area__parent", "owner", "enterprise"), user)
        return lead_filter(qs, params)

    def export_row(self, obj, ctx):
        community, grid = community_and_grid(obj.area)
        return [
            obj.name,
            obj.get_industry_display(),
            obj.amount,
            obj.get_source_display(),
            community,
            grid,
            obj.owner.username if obj.owner_id else "",
            obj.contact_name,
            export_phone(obj, ctx),
            obj.get_stage_display(),
            obj.contacted_on,
            obj.negotiating_on,
            obj.signed_on,
            obj.settled_on,
            obj.dropped_on,
            obj.enterprise.uscc if obj.enterprise_id else "",
            obj.note,
            obj.owner.display_name if obj.owner_id else "",
            obj.enterprise.name if obj.enterprise_id else "",
        ]
