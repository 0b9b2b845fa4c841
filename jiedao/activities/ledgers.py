"""The activity ledger (活动台账) and the information-item ledger (信息稿件) for the import/export engine.

The activity ledger has one column per active measure, built when the ledger is read (offices add measures
without code): a value in a measure column the row's type lacks is an error naming both. Natural key:
(活动类型, 开始日期, 活动名称, 所属区域) — a re-import updates the activity and sets its values to the row's
(a blank measure cell removes that value).

The information-item ledger has one row per item, keyed by (标题, 报送日期), with a pair of columns per
adoption level: the outlet (媒体名称) and the date (blank: the submission date). A blank outlet on a
re-import removes the adoption at that level.
"""

from collections import defaultdict
from decimal import Decimal
from operator import itemgetter

from django.utils import timezone

from jiedao.activities.models import (
    Activity,
    ActivityType,
    ActivityValue,
    Adoption,
    AdoptionLevel,
    InfoItem,
    Measure,
)
from jiedao.activities.selectors import activity_filter, infoitem_filter
from jiedao.activities.services import MSG_END_BEFORE_START, MSG_MEASURE_NOT_OF_TYPE
from jiedao.core.models import Area, AreaLevel, Office
from jiedao.core.scoping import covers, scope_paths
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert, bulk_update, insert_columns
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult

MSG_TYPE_UNKNOWN = "活动类型“{name}”不存在"
MSG_AREA_UNKNOWN = "区域“{name}”不存在或不在您的辖区（填写社区名称、“社区名称+网格名称”或区划代码）"
MSG_AREA_AMBIGUOUS = "区域“{name}”有多个同名区域，请填写区划代码"
MSG_AREA_OUT_OF_SCOPE = "“{area}”不在您的辖区"
MSG_OFFICE_UNKNOWN = "科室“{name}”不存在"
MSG_ADOPTION_BEFORE = "采用日期不能早于报送日期"
MEASURE_KEY = "m_"
UPDATED_FIELDS = ("ended_on", "place", "organiser", "description")
AREA_HELP = "社区名称（如 赛马场北路社区）、社区名称+网格名称（如 赛马场北路社区第一网格）或区划代码；街道本级的活动填街道名称"


def _tuples(model, rows: list[dict]) -> list[tuple]:
    pick = itemgetter(*[f.attname for f in insert_columns(model)])
    return [pick(r) for r in rows]


class AreaLookup:
    """Areas by 区划代码, by name (street, community) and by label (社区名称+网格名称), limited to what the
    importing user may write to. Among same-named areas, the one existing on the record's date wins."""

    def __init__(self, user):
        self.paths = None if user is None else scope_paths(user)
        self.by_code: dict[str, Area] = {}
        self.by_name: dict[str, list[Area]] = defaultdict(list)
        for area in Area.objects.select_related("parent"):
            self.by_code[area.code] = area
            self.by_name[area.name if area.level != AreaLevel.GRID else area.label].append(area)
            if area.level == AreaLevel.GRID and area.parent_id:
                self.by_name[f"{area.parent.name}/{area.name}"].append(area)

    def resolve(self, name: str, on) -> tuple[Area | None, str]:
        """(area, "") or (None, the reason)."""
        text = name.strip().replace(" ", "").replace("／", "/")
        candidates = [self.by_code[text]] if text in self.by_code else self.by_name.get(text, [])
        if not candidates:
            return None, MSG_AREA_UNKNOWN.format(name=name)
        if len(candidates) > 1:
            existing = [
                a for a in candidates if a.valid_from <= on and (a.valid_to is None or a.valid_to > on)
            ]
            current = [a for a in candidates if a.valid_to is None]
            candidates = existing if len(existing) == 1 else current
            if len(candidates) != 1:
                return None, MSG_AREA_AMBIGUOUS.format(name=name)
        area = candidates[0]
        if not covers(self.paths, area.path):
            return None, MSG_AREA_OUT_OF_SCOPE.format(area=area.label)
        return area, ""


def _area_name(area: Area) -> str:
    return area.label


@register
class ActivityLedger(Ledger):
    code = "activities"
    title = "活动"
    description = "各类活动（宣传、讲座、整治、清理、慰问……）的场次与计量值；每个启用的计量项一列"
    natural_key = ("type", "held_on", "title", "area")
    import_permission = "activities.import_activity"
    export_permission = "activities.export_activity"

    FIXED = (
        Column("type", "活动类型", p.required(p.text(40)), required=True, example="宣讲", width=14),
        Column("held_on", "开始日期", p.required(p.a_date()), required=True, example="2023-05-12", width=12),
        Column("ended_on", "结束日期", p.a_date(), example="", help="一天内结束的活动不填", width=12),
        Column(
            "title",
            "活动名称",
            p.required(p.text(100)),
            required=True,
            example="党的二十大精神宣讲",
            width=30,
        ),
        Column("place", "地点", p.text(100), example="社区党群服务中心", width=20),
        Column("organiser", "组织单位", p.text(100), example="赛马场北路社区居委会", width=18),
        Column(
            "area",
            "所属区域",
            p.required(p.text(80)),
            required=True,
            example="赛马场北路社区",
            help=AREA_HELP,
            width=20,
        ),
    )
    NOTE = Column("note", "备注", p.text(2000), help="活动内容或其他说明", width=30)
    OFFICE = Column("office", "科室", p.text(40), importable=False, width=10)

    def _types_help(self) -> str:
        parts = []
        for kind in ActivityType.objects.filter(active=True).prefetch_related("measures"):
            measures = "、".join(m.name for m in kind.measures.all()) or "无计量项"
            parts.append(f"{kind.name}（{measures}）")
        return "可填：" + "；".join(parts) if parts else ""

    @property
    def measures(self) -> list[Measure]:
        return list(Measure.objects.filter(active=True).prefetch_related("types"))

    @property
    def columns(self):
        first, *rest = self.FIXED
        columns = [Column(first.key, first.header, first.parse, True, first.example, self._types_help(), 14)]
        columns += rest
        for measure in self.measures:
            users = "、".join(t.name for t in measure.types.all()) or "暂无活动类型使用"
            columns.append(
                Column(
                    MEASURE_KEY + measure.code,
                    measure.name,
                    p.decimal(places=measure.decimal_places, min_value=Decimal(0)),
                    example="",
                    help=f"单位：{measure.unit}；适用的活动类型：{users}",
                    width=10,
                )
            )
        return [*columns, self.NOTE, self.OFFICE]

    def prepare(self, rows, ctx):
        types = {}
        for kind in ActivityType.objects.prefetch_related("measures"):
            types[kind.name] = types[kind.code] = kind
        areas = AreaLookup(ctx.user)
        resolved = {}
        for row in rows:
            v = row.values
            kind = types.get(v["type"])
            if kind is None:
                ctx.error(row.number, "type", MSG_TYPE_UNKNOWN.format(name=v["type"]))
                continue
            area, reason = areas.resolve(v["area"], v["held_on"])
            if area is None:
                ctx.error(row.number, "area", reason)
                continue
            if v["ended_on"] and v["ended_on"] < v["held_on"]:
                ctx.error(row.number, "ended_on", MSG_END_BEFORE_START)
                continue
            own = {m.code: m for m in kind.measures.all()}
            values, bad = {}, False
            for key, value in v.items():
                if not key.startswith(MEASURE_KEY) or value is None:
                    continue
                measure = own.get(key.removeprefix(MEASURE_KEY))
                if measure is None:
                    ctx.error(
                        row.number,
                        key,
                        MSG_MEASURE_NOT_OF_TYPE.format(type=kind.name, measure=self.header_of(key)),
                    )
                    bad = True
                    continue
                values[measure.pk] = value
            if not bad:
                resolved[row.number] = (kind, area, values)
        ctx.state["resolved"] = resolved

    def _existing(self, rows, resolved) -> dict[tuple, Activity]:
        if not rows:
            return {}
        dates = [r.values["held_on"] for r in rows]
        type_ids = {resolved[r.number][0].pk for r in rows}
        qs = Activity.objects.filter(held_on__range=(min(dates), max(dates)), type_id__in=type_ids)
        return {(a.type_id, a.held_on, a.title, a.area_id): a for a in qs.prefetch_related("values")}

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        existing = self._existing(rows, resolved)
        actor = ctx.user if getattr(ctx.user, "pk", None) else None
        now = timezone.now()
        result, new, new_values, changed = WriteResult(), [], [], []
        values_to_set: dict[int, dict[int, Decimal]] = {}
        for row in rows:
            v = row.values
            kind, area, values = resolved[row.number]
            wanted = {
                "ended_on": v["ended_on"],
                "place": v["place"],
                "organiser": v["organiser"],
                "description": v["note"],
            }
            activity = existing.get((kind.pk, v["held_on"], v["title"], area.pk))
            if activity is None:
                new.append(
                    {
                        **wanted,
                        "type_id": kind.pk,
                        "held_on": v["held_on"],
                        "title": v["title"],
                        "area_id": area.pk,
                        "office_id": kind.office_id,
                        "created_by_id": actor.pk if actor else None,
                        "created_at": now,
                        "version": 1,
                    }
                )
                new_values.append(values)
                continue
            have = {x.measure_id: x.value for x in activity.values.all()}
            fields_changed = any(getattr(activity, f) != value for f, value in wanted.items())
            if fields_changed or have != values:
                for field, value in wanted.items():
                    setattr(activity, field, value)
                activity.version += 1
                changed.append(activity)
                if have != values:
                    values_to_set[activity.pk] = values
            else:
                result.unchanged += 1
        ids = bulk_insert(Activity, _tuples(Activity, new), user=actor)
        if changed:
            bulk_update(Activity, changed, [*UPDATED_FIELDS, "version"], user=actor)
        ActivityValue.objects.filter(activity_id__in=list(values_to_set)).delete()
        ActivityValue.objects.bulk_create(
            ActivityValue(activity_id=pk, measure_id=measure_id, value=value)
            for pk, values in [*zip(ids, new_values, strict=True), *values_to_set.items()]
            for measure_id, value in values.items()
        )
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = Activity.objects.select_related("type", "area__parent", "office").prefetch_related(
            "values__measure"
        )
        qs = qs if user is None else qs.for_user(user)
        return activity_filter(qs, params).order_by("held_on", "id")

    def export_row(self, obj, ctx):
        if not hasattr(ctx, "_measures"):
            ctx._measures = [
                c.key.removeprefix(MEASURE_KEY) for c in self.columns if c.key.startswith(MEASURE_KEY)
            ]
        values = {v.measure.code: v.value for v in obj.values.all()}
        return [
            obj.type.name,
            obj.held_on,
            obj.ended_on,
            obj.title,
            obj.place,
            obj.organiser,
            _area_name(obj.area),
            *[values.get(code) for code in ctx._measures],
            obj.description,
            obj.office.name if obj.office_id else "",
        ]


LEVEL_COLUMNS = [
    (AdoptionLevel.CENTRAL, "中央级媒体", "中央级采用日期"),
    (AdoptionLevel.REGION, "自治区级媒体", "自治区级采用日期"),
    (AdoptionLevel.CITY, "市级媒体", "市级采用日期"),
    (AdoptionLevel.DISTRICT, "区级媒体", "区级采用日期"),
]


def _level_columns() -> list[Column]:
    columns = []
    for level, outlet, day in LEVEL_COLUMNS:
        columns.append(
            Column(
                f"outlet_{level}",
                outlet,
                p.text(60),
                example="人民网" if level == AdoptionLevel.CENTRAL else "",
                help=f"被{AdoptionLevel(level).label}级媒体采用时填写媒体名称；不填表示未采用（已登记的采用将删除）",
                width=14,
            )
        )
        columns.append(Column(f"date_{level}", day, p.a_date(), help="不填时按报送日期", width=12))
    return columns


@register
class InfoItemLedger(Ledger):
    code = "info_items"
    title = "信息稿件"
    description = "信息报送稿件及其在中央、自治区、市、区级媒体的采用情况（每篇稿件一行）"
    natural_key = ("title", "submitted_on")
    import_permission = "activities.import_infoitem"
    export_permission = "activities.export_infoitem"
    columns = (
        Column(
            "title",
            "标题",
            p.required(p.text(150)),
            required=True,
            example="海西路街道开展民族团结宣传",
            width=36,
        ),
        Column("author", "作者", p.required(p.text(50)), required=True, example="王晓燕", width=10),
        Column(
            "submitted_on", "报送日期", p.required(p.a_date()), required=True, example="2023-05-12", width=12
        ),
        Column(
            "area",
            "所属区域",
            p.required(p.text(80)),
            required=True,
            example="海西路街道",
            help=AREA_HELP,
            width=16,
        ),
        Column("office", "报送科室", p.text(40), example="党建办", width=10),
        Column("summary", "内容摘要", p.text(2000), width=30),
        *_level_columns(),
    )

    def prepare(self, rows, ctx):
        areas = AreaLookup(ctx.user)
        offices = {o.name: o for o in Office.objects.all()}
        resolved = {}
        for row in rows:
            v = row.values
            area, reason = areas.resolve(v["area"], v["submitted_on"])
            if area is None:
                ctx.error(row.number, "area", reason)
                continue
            office = offices.get(v["office"]) if v["office"] else None
            if v["office"] and office is None:
                ctx.error(row.number, "office", MSG_OFFICE_UNKNOWN.format(name=v["office"]))
                continue
            late = [
                lv for lv, _, _ in LEVEL_COLUMNS if v[f"date_{lv}"] and v[f"date_{lv}"] < v["submitted_on"]
            ]
            for level in late:
                ctx.error(row.number, f"date_{level}", MSG_ADOPTION_BEFORE)
            if not late:
                resolved[row.number] = (area, office)
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        actor = ctx.user if getattr(ctx.user, "pk", None) else None
        titles = {r.values["title"] for r in rows}
        existing = {
            (i.title, i.submitted_on): i
            for i in InfoItem.objects.filter(title__in=titles).prefetch_related("adoptions")
        }
        result, new, new_rows, changed, adopted = WriteResult(), [], [], [], {}
        for row in rows:
            v = row.values
            area, office = resolved[row.number]
            wanted = {"author": v["author"], "area_id": area.pk, "office_id": office.pk if office else None}
            wanted["summary"] = v["summary"]
            levels = {
                lv: (v[f"outlet_{lv}"], v[f"date_{lv}"] or v["submitted_on"])
                for lv, _, _ in LEVEL_COLUMNS
                if v[f"outlet_{lv}"]
            }
            item = existing.get((v["title"], v["submitted_on"]))
            if item is None:
                new.append({**wanted, "title": v["title"], "submitted_on": v["submitted_on"]})
                new_rows.append(levels)
                new[-1].update({"created_by_id": actor.pk if actor else None, "version": 1})
                continue
            have = {a.level: (a.outlet, a.adopted_on) for a in item.adoptions.all()}
            if any(getattr(item, f) != value for f, value in wanted.items()) or have != levels:
                for field, value in wanted.items():
                    setattr(item, field, value)
                item.version += 1
                changed.append(item)
                if have != levels:
                    adopted[item.pk] = levels
            else:
                result.unchanged += 1
        ids = bulk_insert(InfoItem, _tuples(InfoItem, new), user=actor)
        if changed:
            bulk_update(InfoItem, changed, ["author", "area", "office", "summary", "version"], user=actor)
        for pk, levels in zip(ids, new_rows, strict=True):
            adopted[pk] = levels
        Adoption.objects.filter(item_id__in=[pk for pk in adopted if pk not in ids]).delete()
        rows_out = [
            {"item_id": pk, "level": lv, "outlet": outlet, "adopted_on": day}
            for pk, levels in adopted.items()
            for lv, (outlet, day) in levels.items()
        ]
        bulk_insert(Adoption, _tuples(Adoption, rows_out), user=actor)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = InfoItem.objects.select_related("area__parent", "office").prefetch_related("adoptions")
        qs = qs if user is None else qs.for_user(user)
        return infoitem_filter(qs, params).order_by("submitted_on", "id")

    def export_row(self, obj, ctx):
        adoptions = {a.level: a for a in obj.adoptions.all()}
        levels = []
        for level, _, _ in LEVEL_COLUMNS:
            adoption = adoptions.get(level)
            levels += [adoption.outlet, adoption.adopted_on] if adoption else ["", None]
        return [
            obj.title,
            obj.author,
            obj.submitted_on,
            _area_name(obj.area),
            obj.office.name if obj.office_id else "",
            obj.summary,
            *levels,
        ]
