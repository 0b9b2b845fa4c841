"""Pages of the brief reports (工作简报): a year's 12 months and 4 quarters, the preview (figures highlighted
with their codes) and the downloads. Same readers as the annual summary (reports.view_annualreport); figures
are computed within the user's scope, and the street's brief is shown only to users whose scope covers the
street (else 404)."""

import io

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.figures import all_indicators
from jiedao.core.models import Area, AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.reports import services
from jiedao.reports.brief.periods import periods_of
from jiedao.reports.brief.services import FORMATS, brief_file, brief_render

VIEW_REPORT = "reports.view_annualreport"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
MSG_NOT_FOUND = "未找到该期工作简报"


def _street(request) -> Area:
    try:
        street = services.report_street()
    except ValidationError:
        raise Http404(MSG_NOT_FOUND) from None
    if not Area.objects.for_user(request.user).filter(pk=street.pk).exists():
        raise Http404(MSG_NOT_FOUND)
    return street


def _render(request, year: int, kind: str, number: int):
    _street(request)
    try:
        return brief_render(year=year, kind=kind, number=number, user=request.user)
    except ValidationError:
        raise Http404(MSG_NOT_FOUND) from None


def _year(asked: str, default: int) -> tuple[int, str]:
    """The year asked for (default when none), or the default and a Chinese message for a bad one."""
    asked = asked.strip()
    if not asked:
        return default, ""
    try:
        return services.check_year(int(asked)), ""
    except (ValueError, ValidationError):
        return default, f"年度无效：{asked}（应在{services.FIRST_YEAR}年至{services.last_year()}年之间）"


@require_perm(VIEW_REPORT)
def brief_report_index(request):
    street = _street(request)
    today = timezone.localdate()
    year, error = _year(request.GET.get("year", ""), today.year)
    months, quarters = periods_of(year)
    context = {
        "street": street,
        "year": year,
        "error": error,
        "previous_year": year - 1 if year > services.FIRST_YEAR else None,
        "next_year": year + 1 if year < services.last_year() else None,
        "groups": [("月报", months), ("季报", quarters)],
        "today": today,
        "formats": FORMATS,
    }
    return render(request, "reports/brief_index.html", context)


@require_perm(VIEW_REPORT)
def brief_report_preview(request, year: int, kind: str, number: int):
    report = _render(request, year, kind, number)
    period = report.brief.period
    context = {
        "report": report,
        "brief": report.brief,
        "formats": FORMATS,
        # A registered indicator's figure opens 指标明细 for the brief's period; the brief's own counts
        # (brief.*) have no page of their own.
        "traceable": {i.code for i in all_indicators()},
        "records_query": f"start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}",
    }
    return render(request, "reports/brief_preview.html", context)


@require_perm(VIEW_REPORT)
def brief_report_download(request, year: int, kind: str, number: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    report = _render(request, year, kind, number)
    content = brief_file(report, fmt)
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        ledger="brief_report",
        filters={"year": year, "kind": kind, "number": number, "format": fmt},
    )
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{report.file_stem}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
