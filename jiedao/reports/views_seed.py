"""The 2023-vs-seed page: every figure of the seed report (2023年工作总结) against the indicator computed from the
records for the chosen year (default 2023), with its verdict; filters 全部/不一致/缺失 and an Excel export.

And 指标年度对比 (/reports/seed/years/): every registered indicator over N years (jiedao/reports/years.py)."""

from django import forms
from django.shortcuts import render

from jiedao.cases.forms import AreaChoiceField
from jiedao.cases.selectors import kpi_areas
from jiedao.core.audit import audit_record
from jiedao.core.forms import ListFilterMixin, bootstrap_form
from jiedao.core.models import AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.excel.views import xlsx_response
from jiedao.excel.writing import rows_bytes
from jiedao.reports import years as years_mod
from jiedao.reports.seed import SEED_YEAR
from jiedao.reports.seed_compare import FILTERS, VERDICTS, compare, filter_rows, summary

VIEW_REPORT = "reports.view_annualreport"
HEADERS = ["指标代码", "名称", "单位", "报告数字", "比对方式", "计算值", "结论", "说明"]
VERDICT_CSS = {"一致": "success", "不一致": "danger", "缺失": "warning", "无数据": "muted", "未列明": "info"}
WIDTHS = [34, 24, 8, 28, 22, 28, 8, 50]


class SeedFilterForm(ListFilterMixin, forms.Form):
    q = forms.CharField(
        label="指标", required=False, widget=forms.TextInput(attrs={"placeholder": "指标名称或代码"})
    )
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    show = forms.ChoiceField(label="显示", required=False, choices=list(FILTERS.items()))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["placeholder"] = str(SEED_YEAR)
        bootstrap_form(self)


def _params(request) -> tuple[SeedFilterForm, int, str, str]:
    form = SeedFilterForm(request.GET or None)
    values = form.filters()
    return form, values.get("year") or SEED_YEAR, values.get("show") or "", values.get("q") or ""


@require_perm(VIEW_REPORT)
def seed_compare(request):
    form, year, show, q = _params(request)
    rows = compare(year, user=request.user)
    counts = summary(rows)
    context = {
        "filter_form": form,
        "year": year,
        "badges": [(v, counts[v], VERDICT_CSS[v]) for v in VERDICTS],
        "total": counts["合计"],
        "rows": filter_rows(rows, show, q),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "reports/seed_compare.html", context)


@require_perm(VIEW_REPORT)
def seed_compare_export(request):
    _, year, show, q = _params(request)
    rows = filter_rows(compare(year, user=request.user), show, q)
    data = rows_bytes(
        f"{year}年与报告比对",
        HEADERS,
        (
            [
                r.code,
                r.name,
                r.figure.unit,
                r.seed_text,
                r.figure.kind_label,
                r.value_text,
                r.verdict,
                r.reason,
            ]
            for r in rows
        ),
        WIDTHS,
    )
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        ledger="seed_compare",
        filters={"year": year, "show": show, "q": q},
        rows=len(rows),
    )
    return xlsx_response(data, f"{year}年指标与2023年工作总结比对.xlsx")


# --- 指标年度对比: every indicator over N years, with the change against the year before -----------------

YEARS_HEADERS = ["分组", "指标代码", "名称", "单位"]
YEARS_TAIL = ["较上年增减", "增减幅度（%）", "趋势"]
TREND_CSS = {years_mod.UP: "success", years_mod.DOWN: "danger", years_mod.FLAT: "muted", "无法比较": "info"}


class YearsFilterForm(ListFilterMixin, forms.Form):
    q = forms.CharField(
        label="指标", required=False, widget=forms.TextInput(attrs={"placeholder": "指标名称或代码"})
    )
    group = forms.ChoiceField(label="分组", required=False, choices=[])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    years = forms.IntegerField(label="对比年数", required=False, min_value=1, max_value=years_mod.MAX_YEARS)
    area = AreaChoiceField(label="区域", required=False, queryset=None, empty_label="我的辖区")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "全部分组"), *years_mod.group_choices()]
        self.fields["area"].queryset = kpi_areas(user)
        self.fields["year"].widget.attrs["placeholder"] = str(years_mod.default_year())
        self.fields["years"].widget.attrs["placeholder"] = str(years_mod.DEFAULT_YEARS)
        bootstrap_form(self)


def _years_params(request) -> dict:
    form = YearsFilterForm(request.GET or None, user=request.user)
    values = form.filters()
    return {
        "form": form,
        "year": values.get("year") or years_mod.default_year(),
        "years": values.get("years") or years_mod.DEFAULT_YEARS,
        "group": values.get("group") or "",
        "q": values.get("q") or "",
        "area": values.get("area"),
    }


def _years_rows(request, params) -> tuple[years_mod.YearTable, list[years_mod.Row]]:
    table = years_mod.YearTable(params["year"], params["years"], user=request.user, area=params["area"])
    return table, table.rows(params["group"], params["q"])


@require_perm(VIEW_REPORT)
def indicator_years(request):
    params = _years_params(request)
    table, rows = _years_rows(request, params)
    counts = years_mod.trend_counts(rows)
    context = {
        "filter_form": params["form"],
        "year": table.year,
        "years": table.years,
        "area": params["area"],
        "groups": years_mod.grouped(rows),
        "total": len(rows),
        "latest_year": years_mod.latest_year_with_records(request.user),
        "badges": [(t, counts[t], TREND_CSS[t]) for t in counts],
        "query_string": request.GET.urlencode(),
        "columns": len(table.years) + 3,
    }
    return render(request, "reports/indicator_years.html", context)


@require_perm(VIEW_REPORT)
def indicator_years_export(request):
    params = _years_params(request)
    table, rows = _years_rows(request, params)
    headers = [*YEARS_HEADERS, *(f"{y}年" for y in table.years), *YEARS_TAIL]
    widths = [16, 34, 24, 8, *(14 for _ in table.years), 16, 14, 8]
    data = rows_bytes(
        "指标年度对比",
        headers,
        (
            [
                r.group,
                r.code,
                r.name,
                r.unit,
                *(years_mod.export_value(v) for v in r.values),
                r.change.text if r.change.delta is None or r.rate else r.change.delta,
                r.change.percent,
                r.change.trend,
            ]
            for r in rows
        ),
        widths,
    )
    area = params["area"]
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        ledger="indicator_years",
        filters={
            "year": table.year,
            "years": len(table.years),
            "group": params["group"],
            "q": params["q"],
            "area": area.code if area else "",
        },
        rows=len(rows),
    )
    scope = f"{area.name}" if area else ""
    return xlsx_response(data, f"{scope}{table.years[0]}-{table.year}年指标年度对比.xlsx")
