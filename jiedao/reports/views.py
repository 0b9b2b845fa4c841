"""Pages of the annual work summary: the years, the preview (figures highlighted with their codes), the
downloads and the narrative editor. Figures are computed within the user's scope; the street's narrative
is shown only to users whose scope covers the street (else 404)."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from jiedao.core.audit import audit_record
from jiedao.core.figures import all_indicators
from jiedao.core.models import Area, AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.reports import services
from jiedao.reports.annual import placeholders
from jiedao.reports.annual.wording import STYLES
from jiedao.reports.forms import AnnualReportForm, add_service_errors
from jiedao.reports.models import AnnualReport

VIEW_REPORT = "reports.view_annualreport"
CHANGE_REPORT = "reports.change_annualreport"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def _street(request, year: int | None = None) -> Area:
    """The street of the summary, if it lies in the user's scope (and the year is valid), else 404."""
    try:
        if year is not None:
            services.check_year(year)
        street = services.report_street()
    except ValidationError:
        raise Http404("未找到该年度工作总结") from None
    if not Area.objects.for_user(request.user).filter(pk=street.pk).exists():
        raise Http404("未找到该年度工作总结")
    return street


def _code_rows() -> list[tuple[str, str, str]]:
    """(code, name, unit) of every code a placeholder may name; unregistered ones without a name yet."""
    registered = {i.code: i for i in all_indicators()}
    return [
        (code, registered[code].name, registered[code].unit)
        if code in registered
        else (code, "（尚未登记）", "")
        for code in sorted(services.known_codes())
    ]


@require_perm(VIEW_REPORT)
def annual_report_index(request):
    street = _street(request)
    year = request.GET.get("year", "")
    if year.isdigit():
        return redirect("annual_report_preview", year=int(year))
    saved = {r.year: r for r in AnnualReport.objects.for_user(request.user).filter(area=street)}
    years = sorted(set(saved) | {services.last_year() - 2, services.last_year() - 1}, reverse=True)
    rows = [(y, saved.get(y)) for y in years]
    return render(request, "reports/annual_report_index.html", {"rows": rows, "street": street})


@require_perm(VIEW_REPORT)
def annual_report_preview(request, year: int):
    street = _street(request, year)
    saved, _ = services.narrative_for(street, year)
    report = services.annual_report_render(year=year, user=request.user)
    context = {"report": report, "saved": saved, "year": year, "formats": CONTENT_TYPES}
    return render(request, "reports/annual_report_preview.html", context)


@require_perm(VIEW_REPORT)
def annual_report_download(request, year: int, fmt: str):
    _street(request, year)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    report = services.annual_report_render(year=year, user=request.user)
    content = services.annual_report_files(report)[fmt]
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        ledger="annual_report",
        filters={"year": year, "format": fmt},
        missing=len(report.missing_codes),
    )
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{report.file_stem}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


@require_perm(CHANGE_REPORT)
def annual_report_edit(request, year: int):
    street = _street(request, year)
    saved, narrative = services.narrative_for(street, year)
    form = AnnualReportForm(request.POST or None, narrative=narrative, year=year, saved=saved)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_save(street=street, year=year, **form.service_kwargs(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{year}年工作总结正文已保存")
            return redirect(reverse("annual_report_preview", kwargs={"year": year}))
    context = {
        "form": form,
        "year": year,
        "saved": saved,
        "builtins": placeholders.BUILTINS,
        "styles": STYLES,
        "codes": _code_rows(),
    }
    return render(request, "reports/annual_report_form.html", context)
