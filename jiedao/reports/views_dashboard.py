"""领导驾驶舱: the dashboard page, and the list of the cases behind any of its case numbers."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from jiedao.cases.models import Category
from jiedao.core.listing import paginate
from jiedao.core.models import Area
from jiedao.core.permissions import deny, require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.reports.dashboard.cases import METRICS, case_records
from jiedao.reports.dashboard.page import VIEW_CASES, VIEW_RESIDENTS, dashboard
from jiedao.reports.dashboard.params import SOURCES, DashboardForm, DrillForm


def _require_any(*perms):
    """Like require_perm, for a page open to the holders of any of `perms` (a denial names the first)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_perm(perm) for perm in perms):
                deny(request, perms[0])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@_require_any(VIEW_CASES, VIEW_RESIDENTS)
def dashboard_page(request):
    form = DashboardForm(request.GET or None, user=request.user)
    choices = form.choices(timezone.localdate())
    context = {"form": form, **choices}
    if choices["area"] is not None:
        context |= dashboard(request.user, **choices)
    return render(request, "reports/dashboard.html", context)


@require_perm(VIEW_CASES)
def dashboard_cases(request):
    form = DrillForm(request.GET)
    context = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        area = get_for_user_or_404(
            Area.objects.select_related("parent"), request.user, request=request, pk=data["area"]
        )
        category = get_object_or_404(Category, pk=data["category"]) if data["category"] else None
        cases = case_records(
            request.user,
            metric=data["metric"],
            area=area,
            start=data["start"],
            end=data["end"],
            asof=data["asof"],
            source=data["source"],
            category=category,
            exact=data["exact"],
        )
        context |= data | {
            "area": area,
            "category": category,
            "metric_label": METRICS[data["metric"]],
            "source_label": dict(SOURCES)[data["source"]],
            **paginate(request, cases),
        }
    return render(request, "reports/dashboard_cases.html", context)
