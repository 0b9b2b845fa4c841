"""The dashboard's choices: a period and an area in the user's scope, and the same period a year earlier."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms

from jiedao.cases.forms import AreaChoiceField, period_bounds
from jiedao.cases.selectors import kpi_areas, kpi_scope_areas
from jiedao.core.forms import bootstrap_form

PERIODS = [
    ("this_year", "本年"),
    ("last_year", "上一年"),
    ("year", "指定年度"),
    ("this_quarter", "本季度"),
    ("this_month", "本月"),
]
SOURCES = [("", "12345与网格"), ("hotline", "12345热线"), ("grid", "网格巡查")]
MSG_YEAR = "请选择“指定年度”时填写年度"


@dataclass(frozen=True)
class Period:
    """[start, end] (both inclusive, whole months) and the same months a year earlier."""

    start: date
    end: date

    @property
    def label(self) -> str:
        if (self.start.month, self.end.month) == (1, 12) and self.start.year == self.end.year:
            return f"{self.start.year}年"
        if self.start.month == self.end.month and self.start.year == self.end.year:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年{self.start.month}—{self.end.month}月"

    @property
    def previous(self) -> "Period":
        return Period(
            _year_earlier(self.start), _year_earlier(self.end + timedelta(days=1)) - timedelta(days=1)
        )

    def months(self) -> list[date]:
        """The first day of each month of the period."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month_end(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


class DashboardForm(forms.Form):
    period = forms.ChoiceField(label="统计期间", choices=PERIODS, required=False)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    area = AreaChoiceField(label="区域", required=False, queryset=None, empty_label="我的辖区")
    source = forms.ChoiceField(label="工单来源", choices=SOURCES, required=False)

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and data.get("year") and not data.get("period"):
            data = data.copy()  # a link with only ?year=Y means that year
            data["period"] = "year"
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.fields["area"].queryset = kpi_areas(user)
        bootstrap_form(self)

    def clean(self):
        data = super().clean()
        if data.get("period") == "year" and not data.get("year") and "year" not in self.errors:
            self.add_error("year", MSG_YEAR)
        return data

    def choices(self, today: date) -> dict:
        """period (a Period), area (an Area; the user's first held area by default — None when they hold
        none) and source ("" for both) — the defaults for whatever is missing or invalid (its error shown)."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data then holds the valid fields only
            data = self.cleaned_data
        period = data.get("period") or "this_year"
        if period == "year" and data.get("year"):
            start, end = date(data["year"], 1, 1), date(data["year"], 12, 31)
        else:
            start, end = period_bounds("this_year" if period == "year" else period, today)
        area = data.get("area")
        if area is None:
            held = kpi_scope_areas(self.user)
            area = held[0] if held else None
        return {"period": Period(start, end), "area": area, "source": data.get("source") or ""}


MSG_RANGE = "结束日期不能早于开始日期"


class DrillForm(forms.Form):
    """The parameters of a drill-down link (built by links.cases_url, not typed by people)."""

    metric = forms.ChoiceField(label="指标", choices=[])
    area = forms.IntegerField(label="区域")
    start = forms.DateField(label="受理日期自")
    end = forms.DateField(label="受理日期至")
    asof = forms.DateField(label="统计截止日期")
    source = forms.ChoiceField(label="来源", choices=SOURCES, required=False)
    category = forms.IntegerField(label="分类", required=False)
    exact = forms.BooleanField(label="仅本级", required=False)

    def __init__(self, *args, **kwargs):
        from jiedao.reports.dashboard.cases import METRICS

        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = list(METRICS.items())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", MSG_RANGE)
        return data
