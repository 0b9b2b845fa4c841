"""The enterprise directory (企业名录): one row per 统一社会信用代码; a re-import updates."""

from django.utils import timezone

from jiedao.enterprises.ledgers.common import (
    COMMUNITY,
    CONTACT_NAME,
    CONTACT_PHONE,
    GRID,
    MSG_LEFT_ON_ACTIVE,
    MSG_LEFT_ON_REQUIRED,
    MSG_REINSTATE,
    MSG_USCC_ELSEWHERE,
    NOTE,
    USCC_HELP,
    AreaResolver,
    apply_changes,
    check_not_future,
    check_phone,
    chunks,
    community_and_grid,
    export_phone,
    scoped,
    tuples,
    update_changed,
)
from jiedao.enterprises.models import Enterprise, EnterpriseKind, EnterpriseStatus, Industry, Scale
from jiedao.enterprises.selectors import enterprise_filter
from jiedao.enterprises.services import MSG_LEFT_BEFORE_REGISTERED
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult
from jiedao.lib.pinyin import initials


@register
class EnterpriseLedger(Ledger):
    code = "enterprises"
    title = "企业名录"
    description = "经济名录库：企业和个体工商户的统一社会信用代码、行业、规模、经营状态、所在社区网格"
    natural_key = ("uscc",)
    import_permission = "enterprises.add_enterprise"
    export_permission = "enterprises.export_enterprise"
    full_export_permission = "enterprises.view_full_enterprise"
    columns = (
        Column(
            "uscc",
            "统一社会信用代码",
            p.required(p.uscc),
            required=True,
            example="91150103MA0N2K3L46",
            help=USCC_HELP,
            width=22,
        ),
        Column(
            "name",
            "企业名称",
            p.required(p.text(100)),
            required=True,
            example="呼和浩特市鑫源商贸有限公司",
            width=30,
        ),
        Column(
            "kind",
            "主体类型",
            p.choice(EnterpriseKind, blank=EnterpriseKind.COMPANY),
            example="企业",
            help="企业、个体工商户、农民专业合作社或其他，空白按“企业”",
        ),
        Column(
            "industry",
            "行业门类",
            p.required(p.choice(Industry)),
            required=True,
            example="批发和零售业",
            help="国民经济行业分类（GB/T 4754-2017）门类名称或字母A–T",
            width=24,
        ),
        Column(
            "scale",
            "企业规模",
            p.choice(Scale, blank=Scale.MICRO),
            example="小型",
            help="大型、中型、小型或微型，空白按“微型”",
        ),
        Column(
            "status",
            "经营状态",
            p.choice(EnterpriseStatus, blank=EnterpriseStatus.ACTIVE),
            example="存续",
            help="存续、迁出或注销，空白按“存续”",
        ),
        COMMUNITY,
        GRID,
        Column("address", "经营地址", p.text(200), example="海西路18号", width=30),
        Column("legal_representative", "法定代表人", p.text(50), example="张三", width=10),
        CONTACT_NAME,
        CONTACT_PHONE,
        Column("established_on", "成立日期", p.a_date(), example="2018-05-20", width=12),
        Column(
            "registered_on",
            "入库日期",
            p.a_date(),
            example="2023-03-15",
            help="空白按导入当天（已有企业保持不变）",
            width=12,
        ),
        Column("left_on", "迁出/注销日期", p.a_date(), help="经营状态为迁出或注销时必填", width=12),
        NOTE,
    )

    def prepare(self, rows, ctx):
        areas = AreaResolver(ctx.user)
        existing = {}
        for chunk in chunks([r.values["uscc"] for r in rows]):
            for enterprise in Enterprise.objects.filter(uscc__in=chunk).select_related("area"):
                existing[enterprise.uscc] = enterprise
        today = timezone.localdate()
        resolved = {}
        for row in rows:
            v = row.values
            enterprise = existing.get(v["uscc"])
            if enterprise is not None and not areas.in_scope(enterprise.area):
                ctx.error(row.number, "uscc", MSG_USCC_ELSEWHERE)
                continue
            area = areas.resolve(row, ctx)
            phone = check_phone(row, ctx, enterprise)
            registered_on = v["registered_on"] or (enterprise.registered_on if enterprise else today)
            ok = (
                area is not None
                and phone is not None
                and check_not_future(row, ctx, ("established_on", "registered_on", "left_on"), today)
                and self._check_status(row, ctx, enterprise, registered_on)
            )
            if ok:
                resolved[row.number] = (area, enterprise, registered_on, phone)
        ctx.state["resolved"] = resolved

    @staticmethod
    def _check_status(row, ctx, enterprise, registered_on) -> bool:
        status, left_on = row.values["status"], row.values["left_on"]
        if status == EnterpriseStatus.ACTIVE:
            if left_on:
                ctx.error(row.number, "left_on", MSG_LEFT_ON_ACTIVE)
                return False
            if enterprise is not None and not enterprise.is_active:
                ctx.error(row.number, "status", MSG_REINSTATE.format(status=enterprise.get_status_display()))
                return False
            return True
        if not left_on:
            ctx.error(
                row.number, "left_on", MSG_LEFT_ON_REQUIRED.format(status=EnterpriseStatus(status).label)
            )
            return False
        if left_on < registered_on:
            date_text = f"{registered_on.year}年{registered_on.month}月{registered_on.day}日"
            ctx.error(row.number, "left_on", MSG_LEFT_BEFORE_REGISTERED.format(date=date_text))
            return False
        return True

    FIELDS = (
        "name",
        "kind",
        "industry",
        "scale",
        "status",
        "address",
        "area_id",
        "legal_representative",
        "contact_name",
        "established_on",
        "registered_on",
        "left_on",
        "note",
    )

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        result, new, changed, touched = WriteResult(), [], [], set()
        for row in rows:
            area, enterprise, registered_on, phone = resolved[row.number]
            values = {f: row.values[f] for f in self.FIELDS if f in row.values}
            values.update(area_id=area.pk, registered_on=registered_on, left_on=row.values["left_on"])
            if enterprise is None:
                values.update(
                    phone, uscc=row.values["uscc"], name_initials=initials(values["name"]), version=1
                )
                new.append(values)
                continue
            dirty = apply_changes(enterprise, values, phone)
            if not dirty:
                result.unchanged += 1
                continue
            if "name" in dirty:
                enterprise.name_initials = initials(enterprise.name)
                dirty.add("name_initials")
            enterprise.version += 1
            changed.append(enterprise)
            touched |= dirty
        bulk_insert(Enterprise, tuples(Enterprise, new), user=ctx.user)
        if ctx.progress:
            ctx.progress(len(new))
        update_changed(Enterprise, changed, touched, ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = scoped(Enterprise.objects.select_related("area__parent"), user)
        return enterprise_filter(qs, params)

    def export_row(self, obj, ctx):
        community, grid = community_and_grid(obj.area)
        return [
            obj.uscc,
            obj.name,
            obj.get_kind_display(),
            obj.get_industry_display(),
            obj.get_scale_display(),
            obj.get_status_display(),
            community,
            grid,
            obj.address,
            obj.legal_representative,
            obj.contact_name,
            export_phone(obj, ctx),
            obj.established_on,
            obj.registered_on,
            obj.left_on,
            obj.note,
        ]
