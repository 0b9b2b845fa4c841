"""领导驾驶舱: the dashboard page, and the list of the cases behind any of its case numbers."""

from datetime import datetime, time, timedelta
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from jiedao.cases.models import Case, Category
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
        context["latest_year"] = _latest_case_year(request.user, choices["period"])
    return render(request, "reports/dashboard.html", context)


def _latest_case_year(user, period) -> int | None:
    """When the period holds no case in the user's scope: the latest year that does (the page offers it), else
    None. Two index lookups: a new year (or a demo whose records end in 2023) need not open on an empty page."""
    cases = Case.objects.for_user(user)
    start = timezone.make_aware(datetime.combine(period.start, time.min))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min))
    if cases.filter(received_at__gte=start, received_at__lt=end).exists():
        return None
    latest = cases.order_by("-received_at").values_list("received_at", flat=True).first()
    return timezone.localtime(latest).year if latest else None


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
