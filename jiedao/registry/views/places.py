"""Compounds (小区) and their buildings (楼栋), and premises (场所): lists, details and create forms."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry import selectors
from jiedao.registry.forms import (
    BuildingForm,
    CompoundFilterForm,
    CompoundForm,
    PremisesFilterForm,
    PremisesForm,
    add_service_errors,
)
from jiedao.registry.models import Building, Compound, Premises
from jiedao.registry.services import places


@require_perm("registry.view_compound")
def compound_list(request):
    form = CompoundFilterForm(request.GET or None, user=request.user)
    filters = form.area_filters()
    compounds = selectors.compound_search(request.user, **filters)
    # The `compounds` ledger's export filters by the community's name.
    community = filters.get("community")
    export_query = urlencode({"community": community.name}) if community else ""
    context = {"filter_form": form, "export_query": export_query, **paginate(request, compounds)}
    return render(request, "registry/compound_list.html", context)


@require_perm("registry.view_compound")
def compound_detail(request, pk: int):
    compound = get_for_user_or_404(
        Compound.objects.select_related("area"), request.user, request=request, pk=pk
    )
    buildings = selectors.compound_buildings(request.user, compound)
    return render(request, "registry/compound_detail.html", {"compound": compound, "buildings": buildings})


@require_perm("registry.add_compound")
def compound_create(request):
    form = CompoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            compound = places.compound_create(**form.service_kwargs(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记小区“{compound.name}”")
            return redirect("compound_detail", pk=compound.pk)
    return render(
        request, "registry/form_page.html", {"form": form, "title": "登记小区", "back": "compound_list"}
    )


@require_perm("registry.add_building")
def building_create(request):
    form = BuildingForm(
        request.POST or None, user=request.user, initial={"compound": request.GET.get("compound")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            building = places.building_create(**form.service_kwargs(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记楼栋“{building}”")
            return redirect("compound_detail", pk=building.compound_id)
    return render(
        request, "registry/form_page.html", {"form": form, "title": "登记楼栋", "back": "compound_list"}
    )


@require_perm("registry.view_building")
def building_options(request):
    """The <option>s of a compound's buildings in scope, for the compound → building selects (htmx)."""
    compound = request.GET.get("compound", "")
    buildings = (
        Building.objects.for_user(request.user).filter(compound_id=compound) if compound.isdigit() else []
    )
    return render(request, "registry/_building_options.html", {"buildings": buildings})


@require_perm("registry.view_premises")
def premises_list(request):
    form = PremisesFilterForm(request.GET or None, user=request.user)
    premises = selectors.premises_search(request.user, **form.area_filters())
    return render(
        request, "registry/premises_list.html", {"filter_form": form, **paginate(request, premises)}
    )


@require_perm("registry.view_premises")
def premises_detail(request, pk: int):
    queryset = Premises.objects.select_related("area__parent", "compound", "building__compound")
    premises = get_for_user_or_404(queryset, request.user, request=request, pk=pk)
    return render(request, "registry/premises_detail.html", {"premises": premises})


@require_perm("registry.add_premises")
def premises_create(request):
    form = PremisesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            premises = places.premises_create(**form.service_kwargs(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc, form.aliases)
        else:
            messages.success(request, f"已登记场所“{premises.name}”")
            return redirect("premises_detail", pk=premises.pk)
    return render(
        request, "registry/form_page.html", {"form": form, "title": "登记场所", "back": "premises_list"}
    )
