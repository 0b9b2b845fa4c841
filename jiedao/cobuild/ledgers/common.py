"""What the co-building ledgers share: resolving 社区/小区 to records the importer may write to, the
rules of the services applied to parsed rows, and the write helpers around the bulk path."""

from datetime import date

from django.utils import timezone

from jiedao.core.models import Area
from jiedao.core.selectors import communities_by_name
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert, bulk_update, insert_columns
from jiedao.excel.spec import Column, ImportContext, ParsedRow, WriteResult
from jiedao.registry.models import Compound

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_COMPOUND_UNKNOWN = "小区“{name}”在“{community}”中不存在，请先在“小区”台账中登记"
MSG_FUTURE = "日期不能晚于今天"

COMMUNITY = Column("community", "社区", p.required(p.text(60)), required=True, example="飞鹰社区")
COMPOUND = Column("compound", "小区", p.required(p.text(60)), required=True, example="飞鹰齿轮厂小区")
OPTIONAL_COMPOUND = Column(
    "compound", "小区", p.text(60), example="飞鹰齿轮厂小区", help="可不填；填写时须为该社区已登记的小区"
)


def scoped(queryset, user):
    return queryset if user is None else queryset.for_user(user)


class Places:
    """The communities the importer may write to, by name, and their compounds by (community, name)."""

    def __init__(self, user):
        self.communities: dict[str, Area] = communities_by_name(user)
        self.compounds: dict[tuple[int, str], Compound] = {
            (c.area_id, c.name): c
            for c in Compound.objects.filter(area__in=list(self.communities.values())).select_related("area")
        }

    def resolve(self, row: ParsedRow, ctx: ImportContext, *, compound_required: bool):
        """(community, compound or None) of the row, or None after reporting the problem."""
        name = row.values["community"]
        community = self.communities.get(name)
        if community is None:
            ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=name))
            return None
        compound_name = row.values.get("compound")
        if not compound_name:
            return (community, None) if not compound_required else None
        compound = self.compounds.get((community.pk, compound_name))
        if compound is None:
            ctx.error(row.number, "compound", MSG_COMPOUND_UNKNOWN.format(name=compound_name, community=name))
            return None
        return community, compound


def not_future(row: ParsedRow, ctx: ImportContext, *keys: str, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    late = [k for k in keys if row.values.get(k) and row.values[k] > today]
    for key in late:
        ctx.error(row.number, key, MSG_FUTURE)
    return not late


def upsert(model, planned: list[tuple[object | None, dict]], *, user) -> WriteResult:
    """Insert the rows without an existing record and update the changed ones (with history rows).
    `planned`: (existing record or None, {attname: value}); a new row's dict holds every column but the
    version (1). An update is a newer write: it increments the row's version without checking it."""
    result, new, changed, fields = WriteResult(), [], [], set()
    columns = [f.attname for f in insert_columns(model)]
    for existing, values in planned:
        if existing is None:
            values = {"version": 1, **values}
            new.append(tuple(values[c] for c in columns))
            continue
        diff = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if not diff:
            result.unchanged += 1
            continue
        for attname, value in diff.items():
            setattr(existing, attname, value)
        existing.version += 1
        fields |= {*diff, "version"}
        changed.append(existing)
    bulk_insert(model, new, user=user)
    names = sorted(
        model._meta.get_field(a.removesuffix("_id")).name if a.endswith("_id") else a for a in fields
    )
    bulk_update(model, changed, names, user=user)
    result.created, result.updated = len(new), len(changed)
    return result


def date_or_blank(value) -> date | str:
    return value if value is not None else ""
