"""Searching targets and measuring them: each target with the indicator's computed value for its year and area
and the completion rate (computed ÷ target, as a percentage with two decimals).

A plan target (plan.*, "2024年工作计划") is tracked by the projects the plan names: the indicator counts the
projects whose plan year is the target's year (the indicator computed for the year before), and completion
counts those of them completed by the end of the target's year with the same measure.
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db.models import Q, QuerySet

from jiedao.core.figures import Period, compute, get_indicator
from jiedao.targets.models import Target
from jiedao.targets.services import known_codes

PLAN_PREFIX = "plan."


def _int(value: str | None) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def target_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """q (指标代码或名称), year, community (the community's own targets and its grids')."""
    q = (params.get("q") or "").strip()
    if q:
        codes = [c for c, name in known_codes().items() if q in name]
        qs = qs.filter(Q(code__contains=q) | Q(code__in=codes) | Q(note__contains=q))
    year = _int(params.get("year"))
    if year:
        qs = qs.filter(year=year)
    community = _int(params.get("community"))
    if community:
        qs = qs.filter(Q(area_id=community) | Q(area__parent_id=community))
    return qs


def target_years(qs: QuerySet) -> list[int]:
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


@dataclass
class Progress:
    target: Target
    name: str
    unit: str
    computed: Any  # the indicator's value for the target's year and area (None: not computable)
    rate: Decimal | None  # computed ÷ target × 100
    note: str = ""  # why there is no computed value

    @property
    def reached(self) -> bool:
        return self.rate is not None and self.rate >= 100


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool | dict) or value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def plan_projects(target: Target, user=None) -> QuerySet | None:
    """The projects a plan target (plan.*) names: its indicator's records for the year before the target's."""
    indicator = get_indicator(target.code)
    return compute(indicator, Period.year(target.year - 1), area=target.area, user=user).records


def _completed_by(projects: QuerySet, day: date) -> QuerySet:
    from jiedao.projects.models import ProjectStatus

    return projects.filter(status=ProjectStatus.COMPLETED, completed_on__lte=day)


def _plan_done(indicator, target: Target, user):
    """A plan target's completed part: its projects completed by the end of the target's year."""
    planned = plan_projects(target, user)
    if planned is None:
        return None
    return indicator.measure.value(_completed_by(planned, date(target.year, 12, 31)))


def computed_value(target: Target, user=None) -> tuple[Any, str]:
    """(the indicator's value for the target, a note when there is none)."""
    try:
        indicator = get_indicator(target.code)
    except LookupError:
        return None, "指标尚未登记，无法计算"
    if target.code.startswith(PLAN_PREFIX):
        value = _plan_done(indicator, target, user)
    else:
        value = compute(indicator, Period.year(target.year), area=target.area, user=user).value
    if value is None:
        return None, "本年度无可计算的数据"
    if _number(value) is None:
        return value, "分项指标不计算完成率"
    return value, ""


def completion_rate(computed: Any, target_value: Decimal) -> Decimal | None:
    number = _number(computed)
    if number is None or not target_value:
        return None
    return (number * 100 / target_value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def progress_of(targets, user=None) -> list[Progress]:
    names = known_codes()
    from jiedao.targets.services import indicator_unit

    rows = []
    for target in targets:
        computed, note = computed_value(target, user)
        rows.append(
            Progress(
                target=target,
                name=names.get(target.code, ""),
                unit=indicator_unit(target.code),
                computed=computed,
                rate=completion_rate(computed, target.value),
                note=note,
            )
        )
    return rows


@dataclass
class Month:
    """A target at the end of one month of its year: the value reached so far and the completion rate; for
    a plan target also the part planned to be finished by then (the projects' planned completion dates)."""

    end: date
    value: Any
    rate: Decimal | None
    planned: Any = None
    planned_rate: Decimal | None = None

    @property
    def label(self) -> str:
        return f"{self.end.month}月"


def month_ends(year: int, today: date) -> list[date]:
    """The last day of each month of `year` that has begun by `today` (all twelve for a past year)."""
    ends = []
    for month in range(1, 13):
        if date(year, month, 1) > today:
            break
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
    return ends


def monthly(target: Target, user=None, *, today: date) -> list[Month]:
    """The target tracked through its year, month by month: a flow counted from 1 January to the month's
    end, a stock taken at the month's end (the indicator's own rule, via a period ending then); a plan
    target's projects completed (and planned to complete) by the month's end."""
    try:
        indicator = get_indicator(target.code)
    except LookupError:
        return []
    months = []
    if target.code.startswith(PLAN_PREFIX):
        projects = plan_projects(target, user)
        if projects is None:
            return []
        for end in month_ends(target.year, today):
            value = indicator.measure.value(_completed_by(projects, end))
            planned = indicator.measure.value(projects.filter(planned_end__lte=end))
            months.append(
                Month(
                    end,
                    value,
                    completion_rate(value, target.value),
                    planned,
                    completion_rate(planned, target.value),
                )
            )
        return months
    start = date(target.year, 1, 1)
    for end in month_ends(target.year, today):
        value = compute(indicator, Period.between(start, end), area=target.area, user=user).value
        months.append(Month(end, value, completion_rate(value, target.value)))
    return months
