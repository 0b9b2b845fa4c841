"""The periods of a brief: a month (1–12) or a quarter (1–4) of a year."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from jiedao.core.figures import Period

MONTH, QUARTER = "month", "quarter"
KINDS = {MONTH: "月报", QUARTER: "季报"}
LIMITS = {MONTH: 12, QUARTER: 4}
MSG_KIND = "简报周期无效：{kind}（应为 month 或 quarter）"
MSG_MONTH = "月份无效：{number}（应在1至12之间）"
MSG_QUARTER = "季度无效：{number}（应在1至4之间）"


@dataclass(frozen=True)
class BriefPeriod:
    year: int
    kind: str  # MONTH or QUARTER
    number: int

    @property
    def period(self) -> Period:
        if self.kind == MONTH:
            return Period.month(self.year, self.number)
        return Period.quarter(self.year, self.number)

    @property
    def label(self) -> str:
        """2023年9月, 2023年第3季度."""
        return self.period.label

    @property
    def short_label(self) -> str:
        """9月, 第3季度."""
        return f"{self.number}月" if self.kind == MONTH else f"第{self.number}季度"


def brief_period(year: int, kind: str, number: int) -> BriefPeriod:
    """The period, or ValidationError (keyed month/quarter) for a kind or number out of range."""
    if kind not in LIMITS:
        raise ValidationError({"kind": MSG_KIND.format(kind=kind)})
    if not 1 <= number <= LIMITS[kind]:
        message = MSG_MONTH if kind == MONTH else MSG_QUARTER
        raise ValidationError({kind: message.format(number=number)})
    return BriefPeriod(year, kind, number)


def periods_of(year: int) -> tuple[list[BriefPeriod], list[BriefPeriod]]:
    """The 12 months and the 4 quarters of the year."""
    months = [BriefPeriod(year, MONTH, m) for m in range(1, 13)]
    quarters = [BriefPeriod(year, QUARTER, q) for q in range(1, 5)]
    return months, quarters
