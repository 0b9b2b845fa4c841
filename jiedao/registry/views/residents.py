"""Residents: the list, the detail page and its actions, registration.

Actions change a resident only on POST (CSRF-protected); the pages for edit, transfer and leave show their
form on GET. POST-only endpoints check the permission first, then the method (so a GET by someone lacking the
permission is 403, by someone holding it 405)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry import selectors
from jiedao.registry.forms import (
    ResidentEditForm,
    ResidentFilterForm,
    ResidentLeaveForm,
    ResidentRegisterForm,
    ResidentTransferForm,
    TagAddForm,
    TagEndForm,
    add_service_errors,
)
from jiedao.registry.models import ELDERLY_AGE, Resident, ResidentTag
from jiedao.registry.services import households, people

VIEW = "registry.view_resident"
ADD = "registry.add_resident"
CHANGE = "registry.change_resident"


def _resident(request, pk: int) -> Resident:
    queryset = Resident.objects.select_related("household__building__compound", "area__parent")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


@require_perm(VIEW)
def resident_list(request):
    today = timezone.localdate()
    form = ResidentFilterForm(request.GET or None, user=request.user)
    context = paginate(request, selectors.resident_list(request.user, form.filters(), on=today))
    for resident in context["page_obj"]:
        resident.age = resident.age_on(today)
        resident.elderly = resident.age >= ELDERLY_AGE
    return render(request, "registry/resident_list.html", {"filter_form": form, **context})


def _detail(request, resident: Resident, **extra):
    today = timezone.localdate()
    age = resident.age_on(today)
    context = {
        "resident": resident,
        "today": today,
        "age": age,
        "elderly": age >= ELDERLY_AGE,
        "tag_form": TagAddForm(),
        **selectors.resident_dossier(resident, request.user),
        **extra,
    }
    return render(request, "registry/resident_detail.html", context)


@require_perm(VIEW)
def resident_detail(request, pk: int):
    return _detail(request, _resident(request, pk))


@require_perm(VIEW)
@require_POST
def resident_reveal(request, pk: int):
    resident = _resident(request, pk)
    # The service checks registry.view_full_resident and audits the look (or the refusal: 403).
    revealed = people.resident_reveal(resident=resident, user=request.user, request=request)
    response = _detail(request, resident, revealed=revealed)
    add_never_cache_headers(response)
    return response


@require_perm(ADD)
def resident_create(request):
    form = ResidentRegisterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resident = households.resident_register_at(
                **form.address(), **form.service_kwargs(), actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记居民“{resident.name}”")
            return redirect("resident_detail", pk=resident.pk)
    return render(
        request, "registry/form_page.html", {"form": form, "title": "登记居民", "back": "resident_list"}
    )


@require_perm(CHANGE)
def resident_edit(request, pk: int):
    resident = _resident(request, pk)
    form = ResidentEditForm(request.POST or None, initial=ResidentEditForm.initial_for(resident))
    if request.method == "POST" and form.is_valid():
        try:
            people.resident_update(resident=resident, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)  # a stale version: MSG_STALE above the form, the input kept
        else:
            messages.success(request, "已保存修改")
            return redirect("resident_detail", pk=resident.pk)
    return _action_page(request, resident, form, "修改居民信息")


@require_perm(CHANGE)
def resident_transfer(request, pk: int):
    resident = _resident(request, pk)
    form = ResidentTransferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            households.resident_move(resident=resident, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc, form.aliases)
        else:
            messages.success(request, "已办理户间变动")
            return redirect("resident_detail", pk=resident.pk)
    return _action_page(request, resident, form, "户间变动（迁往本街道其他户）")


@require_perm(CHANGE)
def resident_leave(request, pk: int):
    resident = _resident(request, pk)
    form = ResidentLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.resident_leave(resident=resident, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc, form.aliases)
        else:
            messages.success(request, "已注销登记")
            return redirect("resident_detail", pk=resident.pk)
    return _action_page(
        request, resident, form, "注销登记（迁出或死亡）", confirm="确定要注销该居民的登记吗？"
    )


def _action_page(request, resident, form, title, confirm=""):
    context = {"form": form, "title": title, "resident": resident, "confirm": confirm}
    return render(request, "registry/form_page.html", context)


@require_perm(CHANGE)
@require_POST
def resident_tag_add(request, pk: int):
    resident = _resident(request, pk)
    form = TagAddForm(request.POST)
    if form.is_valid():
        try:
            people.resident_tag_add(resident=resident, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已添加标签")
            return redirect("resident_detail", pk=resident.pk)
    return _detail(request, resident, tag_form=form)


@require_perm(CHANGE)
@require_POST
def resident_tag_end(request, pk: int, tag_pk: int):
    resident = _resident(request, pk)
    tag = _tag(resident, tag_pk)
    form = TagEndForm(request.POST)
    if form.is_valid():
        try:
            people.resident_tag_end(tag=tag, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, f"已终止标签“{tag.get_tag_display()}”")
    return redirect("resident_detail", pk=resident.pk)


def _tag(resident: Resident, tag_pk: int) -> ResidentTag:
    return get_object_or_404(ResidentTag, pk=tag_pk, resident=resident)
