"""The targets ledger for the import/export engine (`targets`): one row per indicator, area and year, keyed by
指标代码 + 社区 + 网格 + 年度 (a blank community is the whole street). Exports add the computed value and the
completion rate. Targets are few: rows are written through the services, one by one."""

from decimal import Decimal

from jiedao.core.concurrency import UNCHECKED
from jiedao.core.models import Area, AreaLevel
from jiedao.core.scoping import covers, scope_paths
from jiedao.core.selectors import communities_by_name
from jiedao.excel import parsers as p
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, Ledger, WriteResult
from jiedao.targets import services
from jiedao.targets.models import Target
from jiedao.targets.selectors import progress_of, target_filter

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_GRID_UNKNOWN = "网格“{name}”在“{community}”中不存在或不在您的辖区"
MSG_STREET_OUT_OF_SCOPE = "未填写社区时目标属于全街道，您的辖区不含全街道，请填写社区"
MSG_GRID_WITHOUT_COMMUNITY = "填写网格时须同时填写社区"


def _scoped(queryset, user):
    return queryset if user is None else queryset.for_user(user)


@register
class TargetLedger(Ledger):
    code = "targets"
    title = "目标任务"
    description = (
        "各指标的年度目标：指标代码、社区或网格（不填为全街道）、年度、目标值；导出时附计算值和完成率"
    )
    natural_key = ("code", "community", "grid", "year")
    import_permission = "targets.import_target"
    export_permission = "targets.export_target"
    columns = (
        Column(
            "code",
            "指标代码",
            p.required(p.text(64)),
            required=True,
            example="health.cancer_screenings",
            help="指标代码见“2023年报告比对”页或 jiedao indicators 命令",
            width=30,
        ),
        Column("name", "指标名称", p.text(100), width=20, importable=False),
        Column("community", "社区", p.text(60), example="", help="不填则为全街道的目标"),
        Column("grid", "网格", p.text(60), help="可不填，不填时为社区的目标"),
        Column(
            "year",
            "年度",
            p.required(p.integer(min_value=2000, max_value=2100)),
            required=True,
            example="2023",
        ),
        Column(
            "value",
            "目标值",
            p.required(p.decimal(places=2, min_value=Decimal("0.01"))),
            required=True,
            example="600",
            help="大于0；比率类指标填百分数，如100",
        ),
        Column("note", "说明", p.text(200), example="区卫健委下达的年度任务", width=24),
        Column("computed", "计算值", p.text(), importable=False),
        Column("rate", "完成率（%）", p.text(), importable=False),
    )

    def prepare(self, rows, ctx):
        codes = services.known_codes()
        paths = None if ctx.user is None else scope_paths(ctx.user)
        communities = communities_by_name(ctx.user)
        grids = {(g.parent_id, g.name): g for g in Area.objects.grids().current() if covers(paths, g.path)}
        street = Area.objects.filter(level=AreaLevel.STREET, valid_to__isnull=True).order_by("path").first()
        resolved = {}
        for row in rows:
            v = row.values
            if v["code"] not in codes:
                ctx.error(row.number, "code", services.MSG_CODE_UNKNOWN.format(code=v["code"]))
                continue
            if v["value"] is not None and v["value"] > services.MAX_VALUE:
                ctx.error(row.number, "value", services.MSG_VALUE_TOO_LARGE)
                continue
            area = self._area(row, ctx, communities, grids, street, paths)
            if area is not None:
                resolved[row.number] = area
        existing = {
            (t.code, t.area_id, t.year): t
            for t in Target.objects.filter(
                code__in={r.values["code"] for r in rows}, area__in=resolved.values()
            )
        }
        ctx.state["resolved"] = {
            row.number: (area, existing.get((row.values["code"], area.pk, row.values["year"])))
            for row in rows
            if (area := resolved.get(row.number)) is not None
        }

    @staticmethod
    def _area(row, ctx, communities, grids, street, paths):
        name, grid_name = row.values["community"], row.values["grid"]
        if not name:
            if grid_name:
                ctx.error(row.number, "community", MSG_GRID_WITHOUT_COMMUNITY)
                return None
            if street is None or not covers(paths, street.path):
                ctx.error(row.number, "community", MSG_STREET_OUT_OF_SCOPE)
                return None
            return street
        community = communities.get(name)
        if community is None:
            ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=name))
            return None
        if not grid_name:
            return community
        grid = grids.get((community.pk, grid_name))
        if grid is None:
            ctx.error(row.number, "grid", MSG_GRID_UNKNOWN.format(name=grid_name, community=name))
        return grid

    def write(self, rows, ctx):
        result = WriteResult()
        for row in rows:
            v = row.values
            area, target = ctx.state["resolved"][row.number]
            note = v["note"] or ""
            if target is None:
                services.target_create(
                    code=v["code"], area=area, year=v["year"], value=v["value"], note=note, actor=ctx.user
                )
                result.created += 1
            elif target.value == v["value"] and target.note == note:
                result.unchanged += 1
            else:
                services.target_update(
                    target=target, version=UNCHECKED, value=v["value"], note=note, actor=ctx.user
                )
                result.updated += 1
            if ctx.progress:
                ctx.progress(result.created + result.updated + result.unchanged)
        return result

    def export_queryset(self, user, params):
        return target_filter(_scoped(Target.objects.select_related("area__parent"), user), params)

    def export_row(self, obj, ctx):
        progress = progress_of([obj], ctx.user)[0]
        area = obj.area
        community, grid = area.name, ""
        if area.level == AreaLevel.STREET:
            community = ""
        elif area.level == AreaLevel.GRID:
            community, grid = area.parent.name, area.name
        computed = (
            "" if progress.computed is None or isinstance(progress.computed, dict) else progress.computed
        )
        return [
            obj.code,
            progress.name,
            community,
            grid,
            obj.year,
            obj.value,
            obj.note,
            computed,
            "" if progress.rate is None else progress.rate,
        ]
