"""Households: the list (by address or number, community, grid, building) and the detail page."""

from django.shortcuts import render

from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry import selectors
from jiedao.registry.forms import HouseholdFilterForm
from jiedao.registry.models import Building, Household

VIEW = "registry.view_household"


@require_perm(VIEW)
def household_list(request):
    form = HouseholdFilterForm(request.GET or None, user=request.user)
    filters = form.area_filters()
    building_pk = filters.pop("building", None)
    filters["building"] = (
        Building.objects.for_user(request.user).filter(pk=building_pk).first() if building_pk else None
    )
    households = selectors.household_search(request.user, **filters)
    context = {"filter_form": form, "building": filters["building"], **paginate(request, households)}
    return render(request, "registry/household_list.html", context)


@require_perm(VIEW)
def household_detail(request, pk: int):
    queryset = Household.objects.select_related("building__compound", "area__parent")
    household = get_for_user_or_404(queryset, request.user, request=request, pk=pk)
    members = selectors.household_members(request.user, household.pk)
    return render(request, "registry/household_detail.html", {"household": household, "members": members})
