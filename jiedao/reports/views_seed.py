"""The 2023-vs-seed page: every figure of the seed report (2023年工作总结) against the indicator computed from the
records for the chosen year (default 2023), with its verdict; filters 全部/不一致/缺失 and an Excel export."""

from django import forms
from django.shortcuts import render

from jiedao.core.audit import audit_record
from jiedao.core.forms import ListFilterMixin, bootstrap_form
from jiedao.core.models import AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.excel.views import xlsx_response
from jiedao.excel.writing import rows_bytes
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
