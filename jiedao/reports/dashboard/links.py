"""The drill-down URLs of the dashboard's numbers."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse


def _url(name: str, params: dict) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


def cases_url(
    metric: str, *, area, start: date, end: date, asof: date, source: str = "", category=None, exact=False
) -> str:
    """The dashboard's own case list (dashboard_cases): the cases one count counted."""
    params = {
        "metric": metric,
        "area": area.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "asof": asof.isoformat(),
        "source": source,
        "category": getattr(category, "pk", None),
        "exact": "1" if exact else "",
    }
    return _url("dashboard_cases", params)


def residents_url(params: dict, **extra) -> str:
    return _url("resident_list", {**params, **extra})


def activities_url(params: dict) -> str:
    return _url("activity_list", params)


def projects_url(params: dict, **extra) -> str:
    return _url("project_list", {**params, **extra})


def rectifications_url(params: dict, **extra) -> str:
    return _url("rectification_list", {**params, **extra})
