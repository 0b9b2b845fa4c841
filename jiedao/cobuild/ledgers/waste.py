"""垃圾分类设施: one row per compound with its four bin counts (可回收物、有害垃圾、厨余垃圾、其他垃圾)."""

from django.db.models import Min

from jiedao.cobuild.ledgers.common import COMMUNITY, COMPOUND, Places, not_future, upsert
from jiedao.cobuild.models import BinKind, WasteFacility
from jiedao.cobuild.selectors import waste_rows
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult
from jiedao.registry.models import Compound

MSG_INSTALLED_ON_REQUIRED = "新登记垃圾桶的小区必须填写设置日期"


@register
class WasteFacilityLedger(Ledger):
    code = "waste_facilities"
    title = "垃圾分类设施"
    description = "各小区四分类垃圾桶数量（每个小区一行）"
    natural_key = ("community", "compound")
    import_permission = "cobuild.import_wastefacility"
    export_permission = "cobuild.export_wastefacility"
    columns = (
        COMMUNITY,
        COMPOUND,
        *(
            Column(
                kind.value,
                kind.label,
                p.integer(min_value=0, max_value=10000),
                example="3",
                help="个；不填则不变",
            )
            for kind in BinKind
        ),
        Column(
            "installed_on",
            "设置日期",
            p.a_date(),
            example="2023-04-01",
            help="首次登记的类别以此日期记",
            width=12,
        ),
    )

    def prepare(self, rows, ctx):
        places = Places(ctx.user)
        resolved = {}
        for row in rows:
            place = places.resolve(row, ctx, compound_required=True)
            if not_future(row, ctx, "installed_on") and place is not None:
                resolved[row.number] = place[1]
        existing = {}
        for facility in WasteFacility.objects.filter(compound__in=[c for c in resolved.values()]):
            existing[(facility.compound_id, facility.kind)] = facility
        for row in rows:
            compound = resolved.get(row.number)
            if compound is None or row.values["installed_on"] is not None:
                continue
            adds = [
                k for k in BinKind.values if row.values[k] is not None and (compound.pk, k) not in existing
            ]
            if adds:
                ctx.error(row.number, "installed_on", MSG_INSTALLED_ON_REQUIRED)
        ctx.state["resolved"], ctx.state["existing"] = resolved, existing

    def write(self, rows, ctx):
        resolved, existing = ctx.state["resolved"], ctx.state["existing"]
        planned, result = [], WriteResult()
        for row in rows:
            compound = resolved[row.number]
            had_bins = any((compound.pk, kind) in existing for kind in BinKind.values)
            touched = False
            for kind in BinKind.values:
                count = row.values[kind]
                facility = existing.get((compound.pk, kind))
                if count is None or (facility is not None and facility.count == count):
                    continue
                touched = True
                if facility is not None:
                    planned.append((facility, {"count": count}))
                else:
                    values = {
                        "compound_id": compound.pk,
                        "kind": kind,
                        "count": count,
                        "installed_on": row.values["installed_on"],
                        "area_id": compound.area_id,
                    }
                    planned.append((None, values))
            # Counted per compound (one row of the file), not per bin category.
            if not touched:
                result.unchanged += 1
            elif had_bins:
                result.updated += 1
            else:
                result.created += 1
        upsert(WasteFacility, planned, user=ctx.user)
        return result

    def export_queryset(self, user, params):
        compounds = Compound.objects.all() if user is None else Compound.objects.for_user(user)
        compounds = compounds.select_related("area").order_by("area__path", "name")
        return waste_rows(compounds, params).annotate(installed_on=Min("waste_facilities__installed_on"))

    def export_row(self, obj, ctx):
        counts = [getattr(obj, kind) if getattr(obj, kind) is not None else "" for kind in BinKind.values]
        return [obj.area.name, obj.name, *counts, obj.installed_on or ""]
