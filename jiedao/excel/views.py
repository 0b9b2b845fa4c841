from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from jiedao.core.listing import paginate
from jiedao.core.permissions import deny
from jiedao.excel.engine import import_file
from jiedao.excel.forms import ImportForm
from jiedao.excel.models import ImportJob
from jiedao.excel.registry import UnknownLedger, all_ledgers, get_ledger
from jiedao.excel.services import export_ledger, may_export, may_export_full, may_import
from jiedao.excel.writing import error_report_bytes, template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


def _ledger(code: str):
    try:
        return get_ledger(code)
    except UnknownLedger:
        raise Http404("没有该台账") from None


@login_required
def excel_center(request):
    ledgers = [
        {
            "ledger": spec,
            "can_import": may_import(request.user, spec),
            "can_export": may_export(request.user, spec),
        }
        for spec in all_ledgers()
    ]
    ledgers = [row for row in ledgers if row["can_import"] or row["can_export"]]
    if not ledgers:
        deny(request, "excel.use")
    jobs = ImportJob.objects.filter(user=request.user)[:20]
    return render(request, "excel/center.html", {"ledgers": ledgers, "jobs": jobs})


@login_required
def excel_template(request, code: str):
    ledger = _ledger(code)
    if not (may_import(request.user, ledger) or may_export(request.user, ledger)):
        deny(request, ledger.import_permission or ledger.export_permission)
    return xlsx_response(template_bytes(ledger), f"{ledger.title}导入模板.xlsx")


@login_required
def excel_import(request, code: str):
    ledger = _ledger(code)
    if not may_import(request.user, ledger):
        deny(request, ledger.import_permission or "excel.import")
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_file(ledger, upload.read(), file_name=upload.name, user=request.user)
        return redirect("excel_job", pk=job.pk)
    return render(request, "excel/import.html", {"ledger": ledger, "form": form})


def _own_job(request, pk: int) -> ImportJob:
    # An import's errors quote the file's contents: only the person who imported it sees them.
    return get_object_or_404(ImportJob, pk=pk, user=request.user)


@login_required
def excel_job(request, pk: int):
    job = _own_job(request, pk)
    ledger = _ledger(job.ledger)
    return render(
        request, "excel/job.html", {"job": job, "ledger": ledger, **paginate(request, job.errors, 100)}
    )


@login_required
def excel_job_report(request, pk: int):
    job = _own_job(request, pk)
    if not job.errors:
        raise Http404("该次导入没有错误")
    return xlsx_response(error_report_bytes(job.errors), f"{job.file_name}-错误报告.xlsx")


@login_required
def excel_export(request, code: str):
    ledger = _ledger(code)
    if not may_export(request.user, ledger):
        deny(request, ledger.export_permission)
    params = request.GET.dict()
    full = params.pop("full", "") == "1"
    if full and not may_export_full(request.user, ledger):
        deny(request, ledger.full_export_permission)
    try:
        data, _ = export_ledger(ledger, user=request.user, params=params, full=full, request=request)
    except PermissionDenied:
        deny(request, ledger.export_permission)
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    return xlsx_response(data, f"{ledger.title}-{stamp}.xlsx")
