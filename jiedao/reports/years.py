"""Year over year (指标年度对比): every registered indicator's value for each of N years up to a chosen one,
with the change of the last year against the year before — absolute and in % (rates: in percentage points).

Indicators are grouped by their code's prefix ("hotline.received" → 12345热线), groups and indicators in the
order of the seed's figures.md. Each (indicator, year) is computed once per `YearTable` (one table per request): the filters (group,
search) are applied before anything is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from jiedao.core.figures import Indicator, Period, Ratio, all_indicators, as_json_value, as_text, compute
from jiedao.reports.seed import FIGURES

# Prefix → (section of figures.md, Chinese group name), in the order of figures.md.
SECTION_SELF = "一、基层自身建设"
SECTION_WORK = "二、重点工作"
SECTION_PLAN = "2024年工作计划"
GROUPS: dict[str, tuple[str, str]] = {
    "party": (SECTION_SELF, "党建品牌"),
    "publicity": (SECTION_SELF, "宣传思想与民族团结"),
    "religion": (SECTION_SELF, "民族宗教"),
    "integrity": (SECTION_SELF, "党风廉政建设"),
    "org": (SECTION_SELF, "组织体系建设"),
    "militia": (SECTION_SELF, "民兵队伍"),
    "conscription": (SECTION_SELF, "征兵工作"),
    "veterans": (SECTION_SELF, "退役军人服务"),
    "economy": (SECTION_WORK, "经济发展"),
    "reform": (SECTION_WORK, "深化改革"),
    "services": (SECTION_WORK, "帮代办服务"),
    "cobuild": (SECTION_WORK, "共驻共建"),
    "enforcement": (SECTION_WORK, "综合执法"),
    "projects": (SECTION_WORK, "城市更新"),
    "property": (SECTION_WORK, "物业管理"),
    "legacy": (SECTION_WORK, "不动产遗留项目"),
    "civilization": (SECTION_WORK, "文明城市创建"),
    "waste": (SECTION_WORK, "垃圾分类"),
    "environment": (SECTION_WORK, "环境卫生整治"),
    "grid": (SECTION_WORK, "网格精细化管理"),
    "river": (SECTION_WORK, "河长制"),
    "petition": (SECTION_WORK, "信访工作"),
    "mediation": (SECTION_WORK, "矛盾纠纷调处"),
    "safety": (SECTION_WORK, "安全生产"),
    "welfare": (SECTION_WORK, "民政工作"),
    "hotline": (SECTION_WORK, "12345热线"),
    "livelihood": (SECTION_WORK, "民生微实事"),
    "care": (SECTION_WORK, "暖心关爱"),
    "social": (SECTION_WORK, "社会保障"),
    "employment": (SECTION_WORK, "就业创业"),
    "population": (SECTION_WORK, "人口"),
    "health": (SECTION_WORK, "卫生健康"),
    "culture": (SECTION_WORK, "文化活动"),
    "plan": (SECTION_PLAN, "2024年工作计划"),
}
OTHER_SECTION = "其他"

DEFAULT_YEARS = 3
MAX_YEARS = 10
UP, DOWN, FLAT = "上升", "下降", "持平"
NO_CHANGE = "—"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def default_year() -> int:
    """Last year: the latest complete year."""
    return timezone.localdate().year - 1


def latest_year_with_records(user) -> int | None:
    """The latest year in which a case was received or an activity held, within the user's scope (two index
    lookups) — offered when the year shown is later: its flows are all 0 (the demo's records end in 2023)."""
    from jiedao.activities.models import Activity
    from jiedao.cases.models import Case

    years = []
    received = (
        Case.objects.for_user(user).order_by("-received_at").values_list("received_at", flat=True).first()
    )
    if received:
        years.append(timezone.localtime(received).year)
    held = Activity.objects.for_user(user).order_by("-held_on").values_list("held_on", flat=True).first()
    if held:
        years.append(held.year)
    return max(years) if years else None


def prefix_of(code: str) -> str:
    return code.split(".", 1)[0]


def group_name(prefix: str) -> str:
    return GROUPS[prefix][1] if prefix in GROUPS else f"其他（{prefix}）"


def section_of(prefix: str) -> str:
    return GROUPS[prefix][0] if prefix in GROUPS else OTHER_SECTION


def _order(prefix: str) -> tuple[int, str]:
    keys = list(GROUPS)
    return (keys.index(prefix), "") if prefix in GROUPS else (len(keys), prefix)


_FIGURE_ORDER = {f.code: n for n, f in enumerate(FIGURES)}


def _indicator_order(indicator: Indicator) -> tuple:
    """Groups in figures.md's order; within a group, the report's order (codes it lacks last)."""
    code = indicator.code
    return (_order(prefix_of(code)), _FIGURE_ORDER.get(code, len(_FIGURE_ORDER)), code)


def group_choices() -> list[tuple[str, str]]:
    """(prefix, Chinese name) of every group with a registered indicator, in figures.md's order."""
    prefixes = sorted({prefix_of(i.code) for i in all_indicators()}, key=_order)
    return [(p, group_name(p)) for p in prefixes]


def year_span(year: int, years: int) -> list[int]:
    """The `years` years up to `year`, oldest first: (2023, 3) → [2021, 2022, 2023]."""
    years = max(1, min(years, MAX_YEARS))
    return list(range(year - years + 1, year + 1))


def is_rate(indicator: Indicator) -> bool:
    return indicator.unit == "%" or isinstance(indicator.measure, Ratio)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool | dict):
        return None
    return Decimal(str(value))


def _fmt(number: Decimal) -> str:
    text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
    return text


def _signed(number: Decimal) -> str:
    return ("+" if number > 0 else "") + _fmt(number)


@dataclass
class Change:
    """The last year against the year before: `delta` (absolute; percentage points for rates), `percent`
    (None for rates, for a previous value of 0 and for breakdowns), `trend` (上升/下降/持平) and the text."""

    delta: Decimal | None = None
    percent: Decimal | None = None
    trend: str = ""
    text: str = NO_CHANGE
    percent_text: str = NO_CHANGE

    @property
    def sign(self) -> int:
        return {UP: 1, DOWN: -1}.get(self.trend, 0)


def change_of(current: Any, previous: Any, *, rate: bool = False) -> Change:
    """The change from `previous` to `current` (either may be None: no change then)."""
    if isinstance(current, dict) and isinstance(previous, dict):
        parts = []
        total = Decimal(0)
        for key, value in current.items():
            now, before = _number(value), _number(previous.get(key))
            if now is None or before is None:
                continue
            total += abs(now - before)
            parts.append(f"{getattr(key, 'label', key)} {_signed(now - before)}")
        trend = FLAT if total == 0 else ""
        return Change(trend=trend, text="，".join(parts) or NO_CHANGE)
    now, before = _number(current), _number(previous)
    if now is None or before is None:
        return Change()
    delta = now - before
    trend = UP if delta > 0 else DOWN if delta < 0 else FLAT
    if rate:
        return Change(delta, None, trend, f"{_signed(delta)}个百分点")
    percent = None
    if before != 0:
        percent = (delta * HUNDRED / abs(before)).quantize(CENT, rounding=ROUND_HALF_UP)
    percent_text = (
        f"{'+' if percent > 0 else ''}{percent:f}%"
        if percent is not None
        else ("新增" if delta else NO_CHANGE)
    )
    return Change(delta, percent, trend, _signed(delta), percent_text)


def value_text(value: Any, unit: str = "") -> str:
    if value is None:
        return NO_CHANGE
    if unit == "%" and not isinstance(value, dict):
        return f"{value}%"
    return as_text(value)


def export_value(value: Any) -> Any:
    """A number for a spreadsheet cell (breakdowns as text)."""
    if isinstance(value, dict):
        return as_text(value)
    return as_json_value(value)


@dataclass
class Row:
    indicator: Indicator
    years: list[int]
    values: list[Any]  # one per year, oldest first
    change: Change

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def prefix(self) -> str:
        return prefix_of(self.code)

    @property
    def group(self) -> str:
        return group_name(self.prefix)

    @property
    def rate(self) -> bool:
        return is_rate(self.indicator)

    @property
    def cells(self) -> list[tuple[int, str]]:
        return [(y, value_text(v, self.unit)) for y, v in zip(self.years, self.values, strict=True)]

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "group": self.group,
            "values": {str(y): as_json_value(v) for y, v in zip(self.years, self.values, strict=True)},
            "change": as_json_value(self.change.delta),
            "change_percent": as_json_value(self.change.percent),
            "change_text": self.change.text,
            "trend": self.change.trend,
        }


@dataclass
class Group:
    prefix: str
    name: str
    section: str
    rows: list[Row] = field(default_factory=list)


class YearTable:
    """One table: the years up to `year`, within `area` and the `user`'s scope (None: everything)."""

    def __init__(self, year: int, years: int = DEFAULT_YEARS, *, user=None, area=None):
        self.year = year
        self.years = year_span(year, years)
        self.user = user
        self.area = area
        self._cache: dict[tuple[str, int], Any] = {}
        self.computed = 0  # how many (indicator, year) values were computed: each at most once

    def value(self, indicator: Indicator, year: int) -> Any:
        key = (indicator.code, year)
        if key not in self._cache:
            self.computed += 1
            self._cache[key] = compute(indicator, Period.year(year), area=self.area, user=self.user).value
        return self._cache[key]

    def indicators(self, group: str = "", q: str = "") -> list[Indicator]:
        found = all_indicators()
        if group:
            found = [i for i in found if prefix_of(i.code) == group]
        q = (q or "").strip().lower()
        if q:
            found = [i for i in found if q in i.code.lower() or q in i.name.lower()]
        return sorted(found, key=_indicator_order)

    def row(self, indicator: Indicator) -> Row:
        values = [self.value(indicator, y) for y in self.years]
        previous = self.value(indicator, self.year - 1)
        return Row(indicator, self.years, values, change_of(values[-1], previous, rate=is_rate(indicator)))

    def rows(self, group: str = "", q: str = "") -> list[Row]:
        return [self.row(i) for i in self.indicators(group, q)]


def grouped(rows: list[Row]) -> list[Group]:
    groups: dict[str, Group] = {}
    for row in rows:
        if row.prefix not in groups:
            groups[row.prefix] = Group(row.prefix, row.group, section_of(row.prefix))
        groups[row.prefix].rows.append(row)
    return list(groups.values())


def trend_counts(rows: list[Row]) -> dict[str, int]:
    counts = {UP: 0, DOWN: 0, FLAT: 0, "无法比较": 0}
    for row in rows:
        counts[row.change.trend or "无法比较"] += 1
    return counts
