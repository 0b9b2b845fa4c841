"""The indicator machinery: every figure of the annual report, declared once and computed from records.

An `Indicator` names its code (the contract in shared/seed/figures.md), Chinese name and unit, the records
it counts (`records(period)` → a queryset), how it counts them (`measure`), the date field that places a
record in a period (flows; stocks are taken as of the period's end inside `records`), and the field that
places it in an area. `compute()` yields the value *and* the queryset behind it, so every number on a
dashboard or in the report links to its records.

Apps declare their indicators in `<app>/indicators.py` with `register(...)`; `autodiscover()` imports them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet, Sum
from django.utils.module_loading import autodiscover_modules

MSG_UNKNOWN = "没有代码为“{code}”的指标"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return cls(
            date(year, first, 1),
            date(year, last, calendar.monthrange(year, last)[1]),
            f"{year}年第{quarter}季度",
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(
            date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), f"{year}年{month}月"
        )

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        return cls(start, end, f"{start:%Y-%m-%d}至{end:%Y-%m-%d}")


# --- measures: how the records become a number ------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    def value(self, records: QuerySet) -> int:
        return records.count()


@dataclass(frozen=True)
class CountDistinct:
    field: str

    def value(self, records: QuerySet) -> int:
        return records.values(self.field).distinct().count()


@dataclass(frozen=True)
class SumOf:
    field: str
    places: int = 0  # 2 for money in yuan

    def value(self, records: QuerySet) -> int | Decimal:
        total = records.aggregate(total=Sum(self.field))["total"] or 0
        if self.places:
            return Decimal(total).quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        return total


@dataclass(frozen=True)
class Breakdown:
    """Counts by the values of a field, e.g. religious sites by sub-kind: {"church": 1, …}."""

    field: str
    keys: tuple[str, ...]

    def value(self, records: QuerySet) -> dict[str, int]:
        counts = dict.fromkeys(self.keys, 0)
        grouped = records.order_by().values_list(self.field).annotate(n=models.Count("pk"))
        for key, n in grouped.values_list(self.field, "n"):
            if key in counts:
                counts[key] = n
        return counts


@dataclass(frozen=True)
class Part:
    """One side of a ratio or one member of a pair: its own records and measure."""

    records: Callable[[Period], QuerySet]
    measure: Any = field(default_factory=Count)
    date_field: str | None = None
    area_field: str = "area"


@dataclass(frozen=True)
class Ratio:
    """numerator ÷ denominator as a percentage with two decimals (None when the denominator is 0)."""

    numerator: Part
    denominator: Part


@dataclass(frozen=True)
class Pair:
    """Several numbers reported together, e.g. 户/人: {"households": 70, "people": 100}."""

    parts: dict[str, Part]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    counts: str  # what it counts, in Chinese, as the report's notes say it
    records: Callable[[Period], QuerySet] | None = None
    measure: Any = field(default_factory=Count)
    date_field: str | None = None  # flows: the date that places a record in the period
    area_field: str = "area"  # path to the core.Area the record belongs to ("" for Area itself)


@dataclass
class Result:
    indicator: Indicator
    period: Period
    value: Any
    records: QuerySet | None  # None for ratios and pairs: see `parts`
    parts: dict[str, Result] = field(default_factory=dict)


_REGISTRY: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        if indicator.code in _REGISTRY and _REGISTRY[indicator.code] != indicator:
            raise ValueError(f"indicator {indicator.code!r} declared twice")
        _REGISTRY[indicator.code] = indicator


def autodiscover() -> None:
    autodiscover_modules("indicators")


def all_indicators() -> list[Indicator]:
    autodiscover()
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_indicator(code: str) -> Indicator:
    autodiscover()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(MSG_UNKNOWN.format(code=code)) from None


def _records(
    records, date_field: str | None, area_field: str, period: Period, area=None, user=None
) -> QuerySet:
    qs = records(period)
    if date_field:
        qs = qs.filter(**{f"{date_field}__gte": period.start, f"{date_field}__lte": period.end})
    if area is not None:
        lookup = f"{area_field}__path__startswith" if area_field else "path__startswith"
        qs = qs.filter(**{lookup: area.path})
    if user is not None:
        from jiedao.core.scoping import scope_q

        qs = qs.filter(scope_q(user, area_field))
    return qs


def _part(part: Part, period: Period, area, user, indicator: Indicator) -> Result:
    qs = _records(part.records, part.date_field, part.area_field, period, area, user)
    return Result(indicator, period, part.measure.value(qs), qs)


def compute(indicator: Indicator, period: Period, *, area=None, user=None) -> Result:
    """The indicator's value for the period, within `area` (and the user's scope when given)."""
    measure = indicator.measure
    if isinstance(measure, Ratio):
        numerator = _part(measure.numerator, period, area, user, indicator)
        denominator = _part(measure.denominator, period, area, user, indicator)
        value = None
        if denominator.value:
            value = (Decimal(numerator.value) * 100 / Decimal(denominator.value)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        return Result(indicator, period, value, None, {"numerator": numerator, "denominator": denominator})
    if isinstance(measure, Pair):
        parts = {key: _part(part, period, area, user, indicator) for key, part in measure.parts.items()}
        return Result(indicator, period, {k: r.value for k, r in parts.items()}, None, parts)
    qs = _records(indicator.records, indicator.date_field, indicator.area_field, period, area, user)
    return Result(indicator, period, measure.value(qs), qs)


def as_json_value(value: Any) -> Any:
    """Numbers as numbers: Decimals (rates, money) as floats with their two decimals."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): as_json_value(v) for k, v in value.items()}
    return value


def as_text(value: Any) -> str:
    """A value for people: breakdowns with their Chinese labels, missing values as such."""
    if value is None:
        return "—（无数据）"
    if isinstance(value, dict):
        return "，".join(f"{getattr(k, 'label', k)} {as_text(v)}" for k, v in value.items())
    return str(value)
