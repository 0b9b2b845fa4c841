"""指标明细 (/reports/indicators/<code>/): an indicator's value for a period and area, and the records behind it
(jiedao/reports/records.py), paginated and exportable. Every figure of the seed comparison, the year table,
the annual summary's preview and the targets links here."""

from django import forms
from django.http import Http404
from django.shortcuts import render

from jiedao.cases.forms import AreaChoiceField
from jiedao.cases.selectors import kpi_areas
from jiedao.core.audit import audit_record
from jiedao.core.figures import Period, get_indicator
from jiedao.core.forms import ListFilterMixin, bootstrap_form
from jiedao.core.listing import paginate
from jiedao.core.models import AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.excel.views import xlsx_response
from jiedao.excel.writing import rows_bytes
from jiedao.reports import years as years_mod
from jiedao.reports.records import audit_rows, trace

VIEW_REPORT = "reports.view_annualreport"
MSG_RANGE = "结束日期不能早于开始日期"
MSG_HALF_RANGE = "自定义期间请同时填写开始和结束日期"
MSG_BOTH = "请只选择季度或月份中的一项"
EXPORT_LIMIT = 50_000


class RecordsFilterForm(ListFilterMixin, forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="季度",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年"), *((q, f"第{q}季度") for q in range(1, 5))],
    )
    month = forms.TypedChoiceField(
        label="月份",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年"), *((m, f"{m}月") for m in range(1, 13))],
    )
    start = forms.DateField(
        label="自定义开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="自定义结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = AreaChoiceField(label="区域", required=False, queryset=None, empty_label="我的辖区")
    part = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = kpi_areas(user)
        self.fields["year"].widget.attrs["placeholder"] = str(years_mod.default_year())
        bootstrap_form(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", MSG_RANGE)
        elif bool(start) != bool(end) and "start" not in self.errors and "end" not in self.errors:
            self.add_error("end" if start else "start", MSG_HALF_RANGE)
        if data.get("quarter") and data.get("month"):
            self.add_error("month", MSG_BOTH)
        return data

    def period(self) -> Period:
        """A custom range when both dates are valid, else the year (default: last year), its quarter or month."""
        values = self.filters()
        if values.get("start") and values.get("end") and not self.errors.keys() & {"start", "end"}:
            return Period.between(values["start"], values["end"])
        year = values.get("year") or years_mod.default_year()
        if values.get("month") and "month" not in self.errors:
            return Period.month(year, values["month"])
        if values.get("quarter"):
            return Period.quarter(year, values["quarter"])
        return Period.year(year)


def _traced(request, code: str):
    try:
        indicator = get_indicator(code)
    except LookupError:
        raise Http404(f"没有代码为“{code}”的指标") from None
    form = RecordsFilterForm(request.GET or None, user=request.user)
    period = form.period()
    area = form.filters().get("area")
    traced = trace(indicator, period, area=area, user=request.user)
    return form, traced, traced.part(request.GET.get("part") or "")


@require_perm(VIEW_REPORT)
def indicator_records(request, code: str):
    form, traced, part = _traced(request, code)
    context = {"filter_form": form, "traced": traced, "part": part, "may_view": part.may_view(request.user)}
    if context["may_view"]:
        context.update(paginate(request, part.ordered()))
        page = context["page_obj"]
        context["rows"] = part.rows(page.object_list, start=page.start_index())
        audit_rows(request, part, page.object_list, indicator=traced.indicator.code)
    params = request.GET.copy()
    params.pop("page", None)
    context["part_links"] = []
    for other in traced.parts:
        params["part"] = other.key
        context["part_links"].append((other, params.urlencode()))
    return render(request, "reports/indicator_records.html", context)


@require_perm(VIEW_REPORT)
def indicator_records_export(request, code: str):
    _, traced, part = _traced(request, code)
    if not part.may_view(request.user):
        raise Http404("没有查看这些记录的权限")
    headers = ["序号", part.model_name]
    widths = [8, 60]
    if part.date_field:
        headers.append(part.date_label)
        widths.append(18)
    headers.append("区域")
    widths.append(28)
    if part.measured_field:
        headers.append(part.measured_label)
        widths.append(16)
    records = list(part.ordered()[:EXPORT_LIMIT])
    audit_rows(request, part, records, indicator=traced.indicator.code)
    rows = []
    for row in part.rows(records):
        line = [row.number, row.text]
        if part.date_field:
            line.append(row.day)
        line.append(row.area)
        if part.measured_field:
            line.append(row.measured if isinstance(row.measured, int | float) else str(row.measured))
        rows.append(line)
    title = traced.indicator.name + (f"（{part.label}）" if part.key else "")
    data = rows_bytes(title[:31], headers, rows, widths)
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        ledger="indicator_records",
        filters={
            "code": traced.indicator.code,
            "part": part.key,
            "start": traced.period.start.isoformat(),
            "end": traced.period.end.isoformat(),
            "area": traced.area.code if traced.area else "",
        },
        rows=len(rows),
    )
    return xlsx_response(data, f"{traced.period.label}{title}明细.xlsx")
