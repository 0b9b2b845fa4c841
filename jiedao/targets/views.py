"""Pages of the targets ledger: the list (by year and area, with each target's computed value and completion
rate), create and edit. Every queryset goes through `for_user`, every record through `get_for_user_or_404`."""

from django.contrib import messages
from django.shortcuts import redirect, render

from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.targets import selectors, services
from jiedao.targets.forms import TargetFilterForm, TargetForm
from jiedao.targets.models import Target

VIEW_TARGET, ADD_TARGET, CHANGE_TARGET = "targets.view_target", "targets.add_target", "targets.change_target"


def _form_page(request, form, title: str):
    return render(request, "targets/target_form.html", {"form": form, "title": title})


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
