"""Case pages that work on many cases: 批量派单/受理, the assignee options, 工单导出 and 工单统计."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jiedao.cases import selectors
from jiedao.cases.bulk import BULK_LABELS, BULK_MOVES, bulk_move
from jiedao.cases.exports import KPI_COLUMNS, export_cases, kpi_bytes
from jiedao.cases.forms import BulkDispatchForm, BulkForm, CaseFilterForm, KpiForm
from jiedao.cases.models import Source
from jiedao.cases.workflow import MSG_ROLE
from jiedao.core.models import Area, AreaLevel
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.excel.views import xlsx_response

VIEW = "cases.view_case"
MSG_FILTER_ERRORS = "查询条件有误，请修正后再导出"


def bulk_actions(user) -> list[str]:
    """The bulk actions the user's roles may make (the lists show their checkboxes and buttons only then)."""
    allowed = selectors.role_actions(user)
    return [action for action, moves in BULK_MOVES.items() if allowed & set(moves.values())]


def bulk_context(request) -> dict:
    """What the lists need for the bulk bar: the actions and an unbound dispatch form."""
    actions = bulk_actions(request.user)
    form = BulkDispatchForm(user=request.user) if "dispatch" in actions else None
    return {"bulk_actions": actions, "bulk_form": form}


@require_perm(VIEW)
def case_assignees(request):
    """The <option>s of the 承办人 select for `?area=<pk>` (htmx, when the area select changes)."""
    pk = request.GET.get("area", "")
    users = []
    if pk:
        if not pk.isdigit():
            raise Http404("未找到该区域")
        areas = Area.objects.filter(level__in=(AreaLevel.COMMUNITY, AreaLevel.GRID), valid_to__isnull=True)
        area = get_for_user_or_404(areas, request.user, request=request, pk=pk)
        users = [(u.pk, selectors.assignee_label(u)) for u in selectors.assignable_users(area)]
    return render(request, "cases/_assignee_options.html", {"users": users})


def _back(request) -> str:
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("case_list")


@require_perm(VIEW)
@require_POST
def case_bulk(request, action: str):
    if action not in BULK_MOVES:
        raise Http404("没有这个批量操作")
    if action not in bulk_actions(request.user):
        raise PermissionDenied(MSG_ROLE.format(action=BULK_LABELS[action]))
    form = (BulkDispatchForm if action == "dispatch" else BulkForm)(request.POST, user=request.user)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(_back(request))
    result = bulk_move(
        action=action, pairs=form.cleaned_data["pairs"], actor=request.user, **form.move_data()
    )
    return render(request, "cases/bulk_result.html", {"result": result, "back": _back(request)})


@require_perm(VIEW)
def case_export(request):
    """工单导出: the list's filtered cases (every source) as .xlsx, phones masked."""
    form = CaseFilterForm(request.GET or None, user=request.user)
    back = reverse("case_list") + (f"?{request.GET.urlencode()}" if request.GET else "")
    filters = form.filters()
    if form.errors:
        messages.error(request, MSG_FILTER_ERRORS)
        return redirect(back)
    try:
        data, _ = export_cases(
            selectors.case_list(request.user, filters), user=request.user, filters=filters, request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    return xlsx_response(data, f"工单-{timezone.localtime():%Y%m%d%H%M}.xlsx")


def _kpis(request) -> tuple[KpiForm, dict | None, list[dict]]:
    form = KpiForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, None, []
    params = form.params(timezone.localdate())
    return form, params, selectors.kpi_tables(request.user, **params)


def _cells(row: dict) -> list:
    """A KPI row's values in column order, each with whether it is a percentage."""
    return [(row[key], rate) for key, _, rate in KPI_COLUMNS]


def _display(tables: list[dict]) -> None:
    """Add what the page draws: each row's cells, and the chart's data (受理/办结/退单/在办 per row)."""
    for number, table in enumerate(tables, start=1):
        table["lines"] = [(row["label"], _cells(row)) for row in table["rows"]]
        table["total_cells"] = _cells(table["total"])
        rows = table["rows"] or [table["total"]]
        table["chart_id"] = f"kpi-data-{number}"
        table["chart"] = {
            "names": [str(r["label"]) for r in rows],
            "series": [
                {"name": label, "data": [r[key] for r in rows]}
                for key, label, _ in KPI_COLUMNS[:4]  # the four counts; rates and 超期 have their own scale
            ],
        }


@require_perm(VIEW)
def kpis(request):
    form, params, tables = _kpis(request)
    _display(tables)
    context = {"filter_form": form, "params": params, "tables": tables, "columns": KPI_COLUMNS}
    context["source_label"] = Source(params["source"]).label if params and params["source"] else ""
    return render(request, "cases/kpis.html", {**context, "query_string": request.GET.urlencode()})


@require_perm(VIEW)
def kpis_export(request):
    _, params, tables = _kpis(request)
    if params is None:
        messages.error(request, MSG_FILTER_ERRORS)
        return redirect(f"{reverse('kpis')}?{request.GET.urlencode()}")
    data = kpi_bytes(tables, group_by=params["group_by"])
    return xlsx_response(data, f"工单统计-{params['start']:%Y%m%d}-{params['end']:%Y%m%d}.xlsx")
