"""物管会 (物业管理委员会), one per compound, keyed by 社区 and 小区."""

from jiedao.cobuild.ledgers.common import COMMUNITY, COMPOUND, Places, not_future, scoped, upsert
from jiedao.cobuild.models import PropertyCommittee
from jiedao.cobuild.selectors import committee_filter
from jiedao.cobuild.services import MSG_DISSOLVED_BEFORE
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger


@register
class PropertyCommitteeLedger(Ledger):
    code = "property_committees"
    title = "物管会"
    description = "各小区物业管理委员会：成立日期、主任、委员人数"
    natural_key = ("community", "compound")
    import_permission = "cobuild.import_propertycommittee"
    export_permission = "cobuild.export_propertycommittee"
    columns = (
        COMMUNITY,
        COMPOUND,
        Column(
            "established_on",
            "成立日期",
            p.required(p.a_date()),
            required=True,
            example="2022-09-01",
            width=12,
        ),
        Column("director", "主任", p.required(p.text(50)), required=True, example="王建国", width=10),
        Column(
            "members",
            "委员人数",
            p.required(p.integer(min_value=1, max_value=99)),
            required=True,
            example="7",
        ),
        Column("dissolved_on", "解散日期", p.a_date(), help="仍在任的不填", width=12),
        Column("note", "备注", p.text(200), width=20),
    )

    def prepare(self, rows, ctx):
        places = Places(ctx.user)
        resolved = {}
        for row in rows:
            v = row.values
            place = places.resolve(row, ctx, compound_required=True)
            ok = not_future(row, ctx, "established_on", "dissolved_on")
            if v["dissolved_on"] is not None and v["dissolved_on"] < v["established_on"]:
                ctx.error(row.number, "dissolved_on", MSG_DISSOLVED_BEFORE)
                ok = False
            if ok and place is not None:
                resolved[row.number] = place[1]
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        compounds = [c.pk for c in resolved.values()]
        existing = {c.compound_id: c for c in PropertyCommittee.objects.filter(compound_id__in=compounds)}
        planned = []
        for row in rows:
            v, compound = row.values, resolved[row.number]
            values = {
                "compound_id": compound.pk,
                "area_id": compound.area_id,
                "established_on": v["established_on"],
                "director": v["director"],
                "members": v["members"],
                "dissolved_on": v["dissolved_on"],
                "note": v["note"],
            }
            planned.append((existing.get(compound.pk), values))
        return upsert(PropertyCommittee, planned, user=ctx.user)

    def export_queryset(self, user, params):
        return committee_filter(
            scoped(PropertyCommittee.objects.select_related("area", "compound"), user), params
        )

    def export_row(self, obj, ctx):
        return [
            obj.area.name,
            obj.compound.name,
            obj.established_on,
            obj.director,
            obj.members,
            obj.dissolved_on or "",
            obj.note,
        ]
