"""The Chinese working-day calendar: which years are known, and the days that break the Mon–Fri rule."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import package

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def chinese_date(day) -> str:
    """2024年1月5日 — the official way to write a date (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


class CalendarSource(models.TextChoices):
    PACKAGE = "chinesecalendar", "chinesecalendar 软件包"
    MANUAL = "manual", "手工录入"


class DayKind(models.TextChoices):
    HOLIDAY = package.HOLIDAY, "法定节假日"
    WORKDAY = package.WORKDAY, "调休上班日"


class CalendarYear(models.Model):
    """A year whose holiday arrangement is known. A year without a row has no data at all."""

    year = models.PositiveSmallIntegerField("年度")
    source = models.CharField("数据来源", max_length=20, choices=CalendarSource.choices)
    note = models.CharField("说明", max_length=200, blank=True, help_text="例如国务院办公厅通知的文号")
    loaded_at = models.DateTimeField("录入时间", default=timezone.now)

    history = HistoricalRecords(verbose_name="年度历史")

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["year"], name="workcalendar_year_unique"),
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2200), name="workcalendar_year_in_range"
            ),
            models.CheckConstraint(
                condition=Q(source__in=CalendarSource.values), name="workcalendar_year_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.year}年"


class CalendarDay(models.Model):
    """An exception to the Monday–Friday rule: a weekday holiday or a weekend 调休 workday."""

    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日名称", max_length=50, blank=True, help_text="例如：春节、国庆节")
    # Derived from `date` by the services; kept as a column so a year loads with one indexed query.
    year = models.PositiveSmallIntegerField("年度", db_index=True, editable=False)

    history = HistoricalRecords(verbose_name="日期历史")

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date"], name="workcalendar_day_date_unique"),
            models.CheckConstraint(condition=Q(kind__in=DayKind.values), name="workcalendar_day_kind_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2200), name="workcalendar_day_year_in_range"
            ),
        ]

    def __str__(self):
        label = self.name or self.get_kind_display()
        return f"{chinese_date(self.date)} {label}（{self.get_kind_display()}）"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]
