"""Pages of the targets ledger: the list (by year and area, with each target's computed value and completion
rate), create and edit. Every queryset goes through `for_user`, every record through `get_for_user_or_404`."""

from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiedao.core import charts
from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.targets import selectors, services
from jiedao.targets.forms import TargetFilterForm, TargetForm
from jiedao.targets.models import Target

VIEW_TARGET, ADD_TARGET, CHANGE_TARGET = "targets.view_target", "targets.add_target", "targets.change_target"


def _form_page(request, form, title: str):
    return render(request, "form_page.html", {"form": form, "title": title, "back": "target_list"})


@require_perm(VIEW_TARGET)
def target_list(request):
    scoped = Target.objects.for_user(request.user).select_related("area__parent")
    form = TargetFilterForm(request.GET or None, user=request.user, years=selectors.target_years(scoped))
    targets = selectors.target_filter(scoped, request.GET)
    context = paginate(request, targets)
    context["rows"] = selectors.progress_of(context["page_obj"], request.user)
    context["filter_form"] = form
    return render(request, "targets/target_list.html", context)


@require_perm(ADD_TARGET)
def target_create(request):
    form = TargetForm(request.POST or None, user=request.user)
    target = submit_form(
        request, form, lambda f: services.target_create(**f.service_kwargs(), actor=request.user)
    )
    if target:
        messages.success(request, f"已新增{target.year}年目标“{services.indicator_name(target.code)}”")
        return redirect("target_list")
    return _form_page(request, form, "新增目标任务")


@require_perm(CHANGE_TARGET)
def target_edit(request, pk: int):
    target = get_for_user_or_404(Target.objects.select_related("area"), request.user, request=request, pk=pk)
    form = TargetForm(request.POST or None, user=request.user, target=target)
    saved = submit_form(
        request,
        form,
        lambda f: services.target_update(target=target, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "目标已保存")
        return redirect("target_list")
    return _form_page(request, form, f"修改目标任务：{target.year}年 {services.indicator_name(target.code)}")


def _records_url(code: str, start: date, end: date, area) -> str:
    query = f"start={start:%Y-%m-%d}&end={end:%Y-%m-%d}&area={area.pk}"
    return f"{reverse('indicator_records', args=[code])}?{query}"


def _tracking_chart(target: Target, months: list[selectors.Month], plan: bool) -> dict:
    """实际 (and 计划 for a plan target) month by month against the target, each point linking to its records."""
    start = date(target.year - 1 if plan else target.year, 1, 1)
    names = [m.label for m in months]
    reached = [
        charts.point(
            float(m.value) if m.rate is not None else None,
            _records_url(target.code, start, date(target.year - 1, 12, 31) if plan else m.end, target.area),
        )
        for m in months
    ]
    series = [("累计完成", reached)]
    if plan:
        series.append(("计划完成", [charts.point(float(m.planned), None) for m in months]))
    option = charts.bars(names, series)
    for line in option["series"]:
        line |= {"type": "line", "symbolSize": 8}
    option["series"].append(
        {
            "name": "目标值",
            "type": "line",
            "data": [float(target.value)] * len(months),
            "lineStyle": {"type": "dashed"},
            "symbol": "none",
        }
    )
    return option


@require_perm(VIEW_TARGET)
def target_detail(request, pk: int):
    """A target tracked through its year: completion month by month (a chart and a table), and for a plan
    target (plan.*) the projects the plan names with their progress."""
    target = get_for_user_or_404(Target.objects.select_related("area"), request.user, request=request, pk=pk)
    [progress] = selectors.progress_of([target], request.user)
    plan = target.code.startswith(selectors.PLAN_PREFIX)
    months = selectors.monthly(target, request.user, today=timezone.localdate())
    context = {"row": progress, "target": target, "months": months, "plan": plan}
    if any(m.rate is not None for m in months):
        context["chart"] = _tracking_chart(target, months, plan)
    if plan:
        projects = selectors.plan_projects(target, request.user)
        if projects is not None:
            context["projects"] = projects.select_related("area").order_by("planned_end", "name")
        year_before = target.year - 1
        context["records_url"] = _records_url(
            target.code, date(year_before, 1, 1), date(year_before, 12, 31), target.area
        )
    elif progress.computed is not None:
        context["records_url"] = _records_url(
            target.code, date(target.year, 1, 1), date(target.year, 12, 31), target.area
        )
    return render(request, "targets/target_detail.html", context)
