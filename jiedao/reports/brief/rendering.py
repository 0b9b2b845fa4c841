"""The brief for a period: the fixed template's figures computed with `compute(indicator, period)` and the
lists the records give, as the annual report's blocks (so its docx and markdown writers write it).

A placeholder whose indicator is neither registered nor one of the brief's own (indicators.py), or whose
value is None (a rate without a denominator: no callbacks in the month), is written 【数据缺失：code】.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jiedao.activities.models import Activity
from jiedao.activities.selectors import activity_totals
from jiedao.core.figures import Period, Result, all_indicators, compute
from jiedao.reports.annual.placeholders import Placeholder, split
from jiedao.reports.annual.rendering import Block, Figure, Piece, Report, write_piece
from jiedao.reports.annual.wording import plain_number
from jiedao.reports.brief import template
from jiedao.reports.brief.indicators import BRIEF_INDICATORS
from jiedao.reports.brief.periods import BriefPeriod


@dataclass
class BriefReport(Report):
    brief: BriefPeriod | None = None

    @property
    def file_stem(self) -> str:
        return f"{self.place}{self.brief.label}工作简报"


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def template_codes() -> list[str]:
    """Every indicator code the template names, in order."""
    return [
        p.code
        for kind, text in template.OUTLINE
        if kind != "list"
        for p in split(text)
        if isinstance(p, Placeholder) and not p.builtin
    ]


def compute_figures(
    codes, period: Period, *, area=None, user=None
) -> tuple[dict[str, Figure], dict[str, Result]]:
    """Each code's figure for the period (missing when no indicator has the code), and the results behind."""
    registry = {**BRIEF_INDICATORS, **{i.code: i for i in all_indicators()}}
    figures: dict[str, Figure] = {}
    results: dict[str, Result] = {}
    for code in dict.fromkeys(codes):
        indicator = registry.get(code)
        if indicator is None:
            figures[code] = Figure(code, "", "", None)
            continue
        results[code] = compute(indicator, period, area=area, user=user)
        figures[code] = Figure(code, indicator.name, indicator.unit, results[code].value)
    return figures, results


def _figure_piece(code: str, part: str, name: str, unit: str, value) -> Piece:
    """A computed number of a list (not from a placeholder) written like a placeholder's figure."""
    placeholder = Placeholder(code, part)
    figure = Figure(placeholder.label, name, unit, value)
    return Piece(placeholder, plain_number(value, unit), False, figure, value)


def activity_pieces(period: Period, *, area=None, user=None) -> list[str | Piece]:
    """其中：<type> N场次（<measure> V<unit>，…）；… — the activities app's totals for the period, by type."""
    activities = Activity.objects.filter(held_on__range=(period.start, period.end))
    if area is not None:
        activities = activities.filter(area__path__startswith=area.path)
    if user is not None:
        activities = activities.for_user(user)
    totals = activity_totals(activities, period.start.year)
    pieces: list[str | Piece] = []
    for type_totals in totals.types:
        kind = type_totals.type
        code = f"activity.{kind.code}"
        count, *measure_lines = type_totals.lines  # 场次, then one line per measure of the type, in order
        pieces += ["；" if pieces else "其中：", kind.name]
        pieces += [_figure_piece(code, "", kind.name, "场次", count.total), "场次"]
        measures = [
            (measure, line)
            for measure, line in zip(kind.measures.all(), measure_lines, strict=False)
            if line.total
        ]
        for i, (measure, line) in enumerate(measures):
            name = f"{kind.name}{line.label}"
            pieces += ["（" if i == 0 else "，", line.label]
            pieces += [_figure_piece(code, measure.code, name, line.unit, line.total), line.unit]
        if measures:
            pieces.append("）")
    return [*pieces, "。"] if pieces else []


def _named(prefix: str, names: list[str]) -> list[str]:
    if not names:
        return []
    shown = "、".join(names[: template.LIST_LIMIT])
    more = f"等{len(names)}个" if len(names) > template.LIST_LIMIT else ""
    return [f"{prefix}{shown}{more}。"]


def project_pieces(result: Result | None) -> list[str]:
    if result is None or result.records is None:
        return []
    projects = result.records.select_related("area").order_by("completed_on", "name")
    return _named("完工项目：", [f"{p.name}（{p.get_kind_display()}，{p.area.name}）" for p in projects])


def milestone_pieces(result: Result | None) -> list[str]:
    if result is None or result.records is None:
        return []
    milestones = result.records.select_related("project").order_by("actual_on", "project__name", "sort_order")
    return _named(
        "完成节点：",
        [f"{m.project.name}“{m.name}”（{m.actual_on.month}月{m.actual_on.day}日）" for m in milestones],
    )


def render_brief(brief: BriefPeriod, place: str, *, area=None, user=None) -> BriefReport:
    """The brief of the period for `place` (the street's or the area's name), with figures counted within
    `area` (None: everywhere) and the user's scope (None: no scope)."""
    period = brief.period
    figures, results = compute_figures(template_codes(), period, area=area, user=user)
    builtins = {"street": place, "year": str(brief.year), "next_year": str(brief.year + 1)}
    lists = {
        template.ACTIVITIES: lambda: activity_pieces(period, area=area, user=user),
        template.PROJECTS: lambda: project_pieces(results.get("brief.projects_completed")),
        template.MILESTONES: lambda: milestone_pieces(results.get("brief.milestones_reached")),
    }

    def block(kind: str, pieces) -> Block:
        written = [p if isinstance(p, str) else write_piece(p, figures.get(p.code), builtins) for p in pieces]
        return Block(kind, [p for p in written if p != ""])

    blocks = [
        Block("title", [template.TITLE.format(place=place, label=brief.label)]),
        Block("p", [template.PERIOD_LINE.format(start=_day(period.start), end=_day(period.end))]),
    ]
    for kind, text in template.OUTLINE:
        if kind == "list":
            pieces = lists[text]()
            if pieces:
                blocks.append(Block("p", pieces))
        else:
            blocks.append(block(kind, split(text)))
    return BriefReport(brief.year, place, blocks, figures, brief=brief)
