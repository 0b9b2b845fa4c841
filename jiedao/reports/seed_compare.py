"""A year's computed indicators against the seed report's figures (jiedao/reports/seed.py): one row per code of
figures.md, with its verdict.

- 一致    the computed value matches the seed's figure the way the figure is printed (seed.Kind).
- 不一致  it does not; `reason` says how.
- 缺失    no indicator of that code is registered (nothing computes the figure yet).
- 无数据  the indicator is registered but has no value (a rate over nothing).
- 未列明  the seed hides the figure ("XX元"): the computed value is shown, nothing is compared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jiedao.core.figures import Period, all_indicators, as_json_value, as_text, compute
from jiedao.reports.seed import FIGURES, Kind, SeedFigure

MATCH, MISMATCH, MISSING, NO_DATA, HIDDEN = "一致", "不一致", "缺失", "无数据", "未列明"
VERDICTS = (MATCH, MISMATCH, MISSING, NO_DATA, HIDDEN)

# The keys a pair indicator may use for the seed's "户" and "人".
PAIR_KEYS = {"户": ("households", "户", "户数"), "人": ("people", "persons", "人", "人数")}


@dataclass
class Row:
    figure: SeedFigure
    value: Any  # the computed value (None when missing or without data)
    verdict: str
    reason: str = ""

    @property
    def code(self) -> str:
        return self.figure.code

    @property
    def name(self) -> str:
        return self.figure.name

    @property
    def seed_text(self) -> str:
        return self.figure.text

    @property
    def value_text(self) -> str:
        if self.verdict == MISSING:
            return "—（未登记指标）"
        if self.value is None:
            return "—（无数据）"
        if self.figure.unit == "%" and not isinstance(self.value, dict):
            return f"{self.value}%"
        return as_text(self.value)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.figure.unit,
            "seed": self.seed_text,
            "value": as_json_value(self.value),
            "verdict": self.verdict,
            "reason": self.reason,
        }


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _fmt(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _round(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _compare_number(figure: SeedFigure, number: Decimal) -> str:
    """'' when the number matches the figure, else the reason in Chinese."""
    kind = figure.kind
    if kind == Kind.EXACT:
        return "" if number == figure.value else f"计算值{_fmt(number)}，报告为{_fmt(figure.value)}"
    if kind in (Kind.AT_LEAST, Kind.NEAR):
        above = number > figure.high if figure.inclusive else number >= figure.high
        if number < figure.low or above:
            upper = f"不超过{_fmt(figure.high)}" if figure.inclusive else f"小于{_fmt(figure.high)}"
            return f"计算值{_fmt(number)}，“{figure.text}”应不少于{_fmt(figure.low)}且{upper}"
        return ""
    if kind == Kind.PERCENT:
        rounded = _round(number, figure.places)
        if rounded == figure.value:
            return ""
        return f"计算值{_fmt(number)}%，按报告精度为{_fmt(rounded)}%，报告为{figure.text}"
    if kind == Kind.ROUNDED:
        rounded = _round(number / figure.scale, figure.places)
        if rounded == figure.value:
            return ""
        return f"计算值{_fmt(number)}，折合{_fmt(rounded)}万，报告为{figure.text}"
    raise ValueError(f"not a numeric kind: {kind}")


def _label(key: Any) -> str:
    return str(getattr(key, "label", key))


def _compare_parts(figure: SeedFigure, value: dict) -> str:
    items = list(value.items())
    problems = []
    for position, (label, expected) in enumerate(figure.parts):
        if figure.kind == Kind.PAIR:
            keys = PAIR_KEYS.get(label, (label,))
            found = [v for k, v in items if str(k) in keys]
            if not found and len(items) == len(figure.parts):
                found = [items[position][1]]  # same number of parts: in the report's order
        else:
            found = [v for k, v in items if _label(k).startswith(label) or str(k) == label]
        actual = _number(found[0]) if found else None
        if actual is None:
            problems.append(f"{label}：无计算值")
        elif actual != expected:
            problems.append(f"{label}：计算值{_fmt(actual)}，报告为{expected}")
    return "；".join(problems)


def verdict_of(figure: SeedFigure, value: Any) -> tuple[str, str]:
    """(verdict, reason) of a computed value against the seed's figure (the indicator is registered)."""
    if figure.kind == Kind.HIDDEN:
        return (NO_DATA, "") if value is None else (HIDDEN, "报告未列明具体数值（XX），仅列出计算值")
    if value is None:
        return NO_DATA, "指标已登记，但本年度无可计算的数据"
    if figure.kind in (Kind.BREAKDOWN, Kind.PAIR):
        if not isinstance(value, dict):
            return MISMATCH, f"计算值应为分项数值，实为{as_text(value)}"
        reason = _compare_parts(figure, value)
        return (MISMATCH, reason) if reason else (MATCH, "")
    number = _number(value)
    if number is None:
        return MISMATCH, f"计算值应为数值，实为{as_text(value)}"
    reason = _compare_number(figure, number)
    return (MISMATCH, reason) if reason else (MATCH, "")


def compare(year: int = 2023, *, user=None, area=None) -> list[Row]:
    """One row per seed figure, in the report's order: the indicator computed for `year` (within `area`
    and the `user`'s scope when given) against the figure."""
    registered = {i.code: i for i in all_indicators()}
    period = Period.year(year)
    rows = []
    for figure in FIGURES:
        indicator = registered.get(figure.code)
        if indicator is None:
            rows.append(Row(figure, None, MISSING, "没有登记该代码的指标"))
            continue
        value = compute(indicator, period, area=area, user=user).value
        verdict, reason = verdict_of(figure, value)
        rows.append(Row(figure, value, verdict, reason))
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    """Counts by verdict, every verdict present (0 when none), plus 合计."""
    counts = Counter(r.verdict for r in rows)
    return {**{v: counts.get(v, 0) for v in VERDICTS}, "合计": len(rows)}


FILTERS = {"": "全部", "mismatch": MISMATCH, "missing": MISSING}


def filter_rows(rows: list[Row], show: str | None, q: str = "") -> list[Row]:
    """`show`: "" (全部), "mismatch" (不一致) or "missing" (缺失); `q`: part of the code or the name."""
    verdict = FILTERS.get(show or "")
    if verdict and verdict != "全部":
        rows = [r for r in rows if r.verdict == verdict]
    q = (q or "").strip()
    if q:
        rows = [r for r in rows if q in r.code or q in r.name]
    return rows
