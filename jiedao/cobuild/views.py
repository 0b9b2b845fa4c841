"""Pages of the co-building ledgers. Each parses a form, calls a selector or one service, and renders; every
queryset goes through `for_user`, every record through `get_for_user_or_404` (out of scope is 404)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from jiedao.cobuild import selectors, services
from jiedao.cobuild.forms import (
    CommitteeFilterForm,
    CommitteeForm,
    ItemFilterForm,
    ItemForm,
    RectificationFilterForm,
    RectificationForm,
    WasteFilterForm,
    WasteForm,
)
from jiedao.cobuild.models import BinKind, CobuildItem, PropertyCommittee, Rectification, WasteFacility
from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry.models import Compound

VIEW_ITEM, ADD_ITEM, CHANGE_ITEM = (
    "cobuild.view_cobuilditem",
    "cobuild.add_cobuilditem",
    "cobuild.change_cobuilditem",
)
VIEW_RECTIFICATION = "cobuild.view_rectification"
ADD_RECTIFICATION = "cobuild.add_rectification"
CHANGE_RECTIFICATION = "cobuild.change_rectification"
VIEW_WASTE, CHANGE_WASTE = "cobuild.view_wastefacility", "cobuild.change_wastefacility"
VIEW_COMMITTEE = "cobuild.view_propertycommittee"
ADD_COMMITTEE = "cobuild.add_propertycommittee"
CHANGE_COMMITTEE = "cobuild.change_propertycommittee"


def _list(request, template: str, rows, context: dict):
    return render(request, f"cobuild/{template}", {**context, **paginate(request, rows)})


# 三项清单 ------------------------------------------------------------------------------------------------


@require_perm(VIEW_ITEM)
def item_list(request):
    form = ItemFilterForm(request.GET or None, user=request.user)
    scoped = CobuildItem.objects.for_user(request.user).select_related("area", "compound", "enterprise")
    items = selectors.item_filter(scoped, request.GET)
    context = {"filter_form": form, "totals": selectors.item_totals(items)}
    return _list(request, "item_list.html", items, context)


@require_perm(ADD_ITEM)
def item_create(request):
    form = ItemForm(request.POST or None, user=request.user)
    item = submit_form(
        request, form, lambda f: services.cobuild_item_create(**f.service_kwargs(), actor=request.user)
    )
    if item:
        messages.success(request, f"已新增清单事项“{item.title}”")
        return redirect("cobuild_item_list")
    return render(
        request, "form_page.html", {"form": form, "title": "新增清单事项", "back": "cobuild_item_list"}
    )


@require_perm(CHANGE_ITEM)
def item_edit(request, pk: int):
    item = get_for_user_or_404(CobuildItem.objects.all(), request.user, request=request, pk=pk)
    form = ItemForm(request.POST or None, user=request.user, item=item)
    saved = submit_form(
        request,
        form,
        lambda f: services.cobuild_item_update(item=item, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "清单事项已保存")
        return redirect("cobuild_item_list")
    context = {"form": form, "title": f"修改清单事项：{item.title}", "back": "cobuild_item_list"}
    return render(request, "form_page.html", context)


# 创城整改 -------------------------------------------------------------------------------------------------


@require_perm(VIEW_RECTIFICATION)
def rectification_list(request):
    form = RectificationFilterForm(request.GET or None, user=request.user)
    scoped = Rectification.objects.for_user(request.user).select_related("area", "compound")
    rows = selectors.rectification_filter(scoped, request.GET)
    context = {
        "filter_form": form,
        "totals": selectors.rectification_totals(rows),
        "today": timezone.localdate(),
    }
    return _list(request, "rectification_list.html", rows, context)


@require_perm(ADD_RECTIFICATION)
def rectification_create(request):
    form = RectificationForm(request.POST or None, user=request.user)
    saved = submit_form(
        request, form, lambda f: services.rectification_create(**f.service_kwargs(), actor=request.user)
    )
    if saved:
        messages.success(request, "整改事项已登记")
        return redirect("rectification_list")
    return render(
        request, "form_page.html", {"form": form, "title": "登记整改事项", "back": "rectification_list"}
    )


@require_perm(CHANGE_RECTIFICATION)
def rectification_edit(request, pk: int):
    rectification = get_for_user_or_404(Rectification.objects.all(), request.user, request=request, pk=pk)
    form = RectificationForm(request.POST or None, user=request.user, rectification=rectification)
    saved = submit_form(
        request,
        form,
        lambda f: services.rectification_update(
            rectification=rectification, **f.service_kwargs(), actor=request.user
        ),
    )
    if saved:
        messages.success(request, "整改事项已保存")
        return redirect("rectification_list")
    context = {"form": form, "title": "修改整改事项", "back": "rectification_list"}
    return render(request, "form_page.html", context)


# 垃圾分类 -------------------------------------------------------------------------------------------------


@require_perm(VIEW_WASTE)
def waste_list(request):
    form = WasteFilterForm(request.GET or None, user=request.user)
    compounds = Compound.objects.for_user(request.user).select_related("area").order_by("area__path", "name")
    rows = selectors.waste_rows(compounds, request.GET)
    context = {"filter_form": form, "totals": selectors.waste_totals(rows), "kinds": BinKind}
    return _list(request, "waste_list.html", rows, context)


@require_perm(CHANGE_WASTE)
def waste_edit(request, pk: int):
    compound = get_for_user_or_404(
        Compound.objects.select_related("area"), request.user, request=request, pk=pk
    )
    facilities = list(WasteFacility.objects.for_user(request.user).filter(compound=compound))
    form = WasteForm(
        request.POST or None,
        counts={f.kind: f.count for f in facilities},
        versions=services.waste_versions(facilities),
    )
    saved = submit_form(
        request,
        form,
        lambda f: services.waste_bins_set(
            compound=compound,
            counts=f.counts(),
            installed_on=f.cleaned_data["installed_on"],
            versions=f.cleaned_data["versions"],
            actor=request.user,
        ),
    )
    if saved is not None:
        messages.success(request, f"已保存“{compound.name}”的垃圾分类设施")
        return redirect("waste_list")
    context = {
        "form": form,
        "title": f"垃圾分类设施：{compound.area.name} · {compound.name}",
        "back": "waste_list",
    }
    return render(request, "form_page.html", context)


# 物管会 ---------------------------------------------------------------------------------------------------


@require_perm(VIEW_COMMITTEE)
def committee_list(request):
    form = CommitteeFilterForm(request.GET or None, user=request.user)
    scoped = PropertyCommittee.objects.for_user(request.user).select_related("area", "compound")
    rows = selectors.committee_filter(scoped, request.GET)
    today = timezone.localdate()
    compounds = Compound.objects.for_user(request.user).select_related("area").order_by("area__path", "name")
    lacking = selectors.compounds_without_committee(compounds, request.GET, today)
    all_compounds = selectors.in_community(compounds, request.GET).count()
    covered = all_compounds - lacking.count()
    context = {
        "filter_form": form,
        "lacking": lacking,
        "compounds": all_compounds,
        "covered": covered,
        "rate": selectors.rate(covered, all_compounds),
    }
    return _list(request, "committee_list.html", rows, context)


@require_perm(ADD_COMMITTEE)
def committee_create(request):
    compound_pk = request.GET.get("compound", "")
    compound = None
    if compound_pk.isdigit():
        compound = Compound.objects.for_user(request.user).filter(pk=compound_pk).first()
    form = CommitteeForm(request.POST or None, user=request.user, compound=compound)
    saved = submit_form(
        request, form, lambda f: services.committee_create(**f.service_kwargs(), actor=request.user)
    )
    if saved:
        messages.success(request, f"已登记“{saved.compound.name}”物管会")
        return redirect("committee_list")
    return render(request, "form_page.html", {"form": form, "title": "登记物管会", "back": "committee_list"})


@require_perm(CHANGE_COMMITTEE)
def committee_edit(request, pk: int):
    committee = get_for_user_or_404(
        PropertyCommittee.objects.select_related("compound"), request.user, request=request, pk=pk
    )
    form = CommitteeForm(request.POST or None, user=request.user, committee=committee)
    saved = submit_form(
        request,
        form,
        lambda f: services.committee_update(committee=committee, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "物管会信息已保存")
        return redirect("committee_list")
    context = {"form": form, "title": f"修改物管会：{committee.compound.name}", "back": "committee_list"}
    return render(request, "form_page.html", context)
