from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiedao.core.context_processors import modules_for
from jiedao.core.forms import AreaFilterForm, AuditFilterForm, LoginForm
from jiedao.core.listing import paginate
from jiedao.core.models import Area
from jiedao.core.permissions import VIEW_AREAS, VIEW_AUDIT_LOG, VIEW_STAFF, active_roles, require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.core.selectors import (
    area_changes_involving,
    area_role_holders,
    area_search,
    audit_search,
    scope_summary,
)

login = auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)
logout = auth_views.LogoutView.as_view()


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def workbench(request):
    modules = [m for m in modules_for(request.user) if m.url_name != "workbench"]
    context = {"roles": active_roles(request.user), "scopes": scope_summary(request.user), "modules": modules}
    return render(request, "core/workbench.html", context)


@require_perm(VIEW_AREAS)
def area_list(request):
    form = AreaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    areas = area_search(user=request.user, **filters)
    return render(request, "core/area_list.html", {"filter_form": form, **paginate(request, areas)})


@require_perm(VIEW_AREAS)
def area_detail(request, pk: int):
    area = get_for_user_or_404(Area.objects.select_related("parent"), request.user, request=request, pk=pk)
    context = {
        "area": area,
        "ancestors": area.ancestors(),
        "children": Area.objects.for_user(request.user)
        .filter(parent=area)
        .order_by("valid_to", "sort_order", "code"),
        "changes": area_changes_involving(area),
        "holders": area_role_holders(area) if request.user.has_perm(VIEW_STAFF) else None,
    }
    return render(request, "core/area_detail.html", context)


@require_perm(VIEW_AUDIT_LOG)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request, "core/audit_list.html", {"filter_form": form, **paginate(request, audit_search(**filters))}
    )
