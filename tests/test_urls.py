"""Every URL of the project, requested by every member of the cast (Zulip-style).

A URL added without an entry here fails `test_it_has_an_entry_for_every_url`. An entry names the status each
cast member gets: pages a role may not open are 403, records outside the user's areas are 404 (the same as
missing), and anonymous visitors are sent to the login page (302).
"""

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import CAST, World
from tests.urlcheck import Route, one, statuses

ONLY_AUDITOR = statuses(403, auditor=200)
AREA_READERS = statuses(200, auditor=403)

PAGES: dict[str, list[Route]] = {
    "workbench": one(statuses(200)),
    "login": one(statuses(302, anonymous=200)),
    "logout": one(statuses(405, anonymous=405)),  # logging out is a POST
    "healthz": one(statuses(200, anonymous=200)),
    "area_list": one(AREA_READERS),
    "area_detail": [
        Route(
            statuses(200, auditor=403, grid_a1=404, grid_a2=404, worker_b=404),
            kwargs=lambda w: {"pk": w.community_a.pk},
            label="社区A",
        ),
        Route(
            statuses(200, auditor=403, grid_a2=404, worker_b=404),
            kwargs=lambda w: {"pk": w.grid_a1.pk},
            label="网格A1",
        ),
        Route(
            statuses(200, auditor=403, worker_a=404, grid_a1=404, grid_a2=404),
            kwargs=lambda w: {"pk": w.community_b.pk},
            label="社区B",
        ),
        Route(statuses(404, auditor=403), kwargs=lambda w: {"pk": 999999}, label="不存在"),
    ],
    "audit_list": one(ONLY_AUDITOR),
    "calendar_year": [
        Route(statuses(200), label="本年"),
        Route(statuses(200), query="year=2027", label="无数据年度"),
    ],
}

# Admin: only the system administrator gets in; everyone else signed in gets an audited 403.
ONLY_SYSADMIN = statuses(403, sysadmin=200)
SYSADMIN_REFUSED = statuses(403)
SYSADMIN_REDIRECTED = statuses(403, sysadmin=302)

ADMIN_PAGES: dict[str, list[Route]] = {
    "admin:index": one(ONLY_SYSADMIN),
    "admin:login": one(statuses(403, sysadmin=302)),
    "admin:logout": one(statuses(403, sysadmin=405)),
    "admin:password_change": one(ONLY_SYSADMIN),
    "admin:password_change_done": one(ONLY_SYSADMIN),
    "admin:jsi18n": one(ONLY_SYSADMIN),
    "admin:autocomplete": one(
        ONLY_SYSADMIN, query="app_label=core&model_name=roleassignment&field_name=user&term=w"
    ),
    "admin:view_on_site": one(
        SYSADMIN_REDIRECTED,
        kwargs=lambda w: {"content_type_id": _content_type_id(w.community_a), "object_id": w.community_a.pk},
    ),
    "admin:app_list": one(ONLY_SYSADMIN, kwargs=lambda w: {"app_label": "core"}),
    "admin:auth_user_password_change": one(ONLY_SYSADMIN, kwargs=lambda w: {"id": w.worker_a.pk}),
    "admin/(?P<url>.*)$": one(statuses(403, sysadmin=404), kwargs=lambda w: {"url": "nonexistent/"}),
}

# The models registered in the admin. Registering another one without listing it here fails the suite.
# Values: (object to open, sysadmin may add, sysadmin may delete, has simple-history).
ADMIN_MODELS: dict[str, tuple[Callable[[World], object], bool, bool, bool]] = {
    "core.user": (lambda w: w.worker_a, True, False, False),
    "core.roleassignment": (lambda w: w.worker_a.roles.get(), True, False, True),
    "core.office": (lambda w: w.office, True, False, True),
    "core.area": (lambda w: w.grid_a1, True, False, True),
    "core.areachange": (lambda w: _area_change(w), False, False, False),
    "workcalendar.calendaryear": (lambda w: _calendar_year(), True, False, True),
    "workcalendar.calendarday": (lambda w: _calendar_day(), True, True, True),
    "cases.category": (
        lambda w: importlib.import_module("tests.cases.test_admin").a_category(w),
        True,
        False,
        True,
    ),
    "open311.apikey": (
        lambda w: importlib.import_module("tests.open311.test_apikey").an_api_key(w),
        True,
        False,
        False,
    ),
    "api.apitoken": (
        lambda w: importlib.import_module("tests.api.test_apitoken").an_api_token(w),
        False,
        False,
        False,
    ),
}


def _content_type_id(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def _area_change(w: World):
    from datetime import date

    from jiedao.core.services.areas import area_retire

    return area_retire(area=w.grid_b1, effective_on=date(2023, 1, 1))


def _calendar_year():
    from jiedao.workcalendar.models import CalendarYear

    return CalendarYear.objects.get(year=2024)


def _calendar_day():
    from jiedao.workcalendar.models import CalendarDay

    return CalendarDay.objects.filter(date__year=2024).first()


def _admin_model_routes() -> dict[str, list[Route]]:
    routes: dict[str, list[Route]] = {}
    for label, (get_obj, may_add, may_delete, has_history) in ADMIN_MODELS.items():
        app, model = label.split(".")
        prefix = f"admin:{app}_{model}"

        def obj_kwargs(w, get_obj=get_obj):
            return {"object_id": get_obj(w).pk}

        routes[f"{prefix}_changelist"] = one(ONLY_SYSADMIN)
        routes[f"{prefix}_add"] = one(ONLY_SYSADMIN if may_add else SYSADMIN_REFUSED)
        routes[f"{prefix}_change"] = one(ONLY_SYSADMIN, kwargs=obj_kwargs)
        routes[f"{prefix}_history"] = one(ONLY_SYSADMIN, kwargs=obj_kwargs)
        routes[f"{prefix}_delete"] = one(ONLY_SYSADMIN if may_delete else SYSADMIN_REFUSED, kwargs=obj_kwargs)
        routes[f"admin/{app}/{model}/<path:object_id>/"] = one(SYSADMIN_REDIRECTED, kwargs=obj_kwargs)
        if has_history:

            def history_kwargs(w, get_obj=get_obj):
                obj = get_obj(w)
                return {"args": [obj.pk, obj.history.first().history_id]}

            routes[f"{prefix}_simple_history"] = one(ONLY_SYSADMIN, kwargs=history_kwargs)
    return routes


def _app_entries() -> dict[str, list[Route]]:
    """Each app's own table, from tests/<app>/url_entries.py."""
    entries: dict[str, list[Route]] = {}
    for path in sorted(Path(__file__).parent.glob("*/url_entries.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.url_entries")
        overlap = entries.keys() & module.PAGES.keys()
        assert not overlap, f"URL entries listed twice: {overlap}"
        entries.update(module.PAGES)
    return entries


ENTRIES: dict[str, list[Route]] = {**PAGES, **ADMIN_PAGES, **_admin_model_routes(), **_app_entries()}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(
                p.url_patterns,
                prefix + str(p.pattern),
                namespace + (f"{p.namespace}:" if p.namespace else ""),
            )
        elif isinstance(p, URLPattern):
            yield (namespace + p.name) if p.name else prefix + str(p.pattern)


def all_url_keys() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_it_has_an_entry_for_every_url():
    keys = all_url_keys()
    missing = sorted(keys - ENTRIES.keys())
    stale = sorted(ENTRIES.keys() - keys)
    assert not missing, f"URLs without an entry in tests/test_urls.py: {missing}"
    assert not stale, f"Entries for URLs that no longer exist: {stale}"


def test_it_lists_every_admin_model():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS)


def _url(key: str, route: Route, world: World) -> str:
    kwargs = route.kwargs(world)
    if "/" not in key:
        url = reverse(key, args=kwargs.pop("args")) if "args" in kwargs else reverse(key, kwargs=kwargs)
    else:  # an unnamed admin pattern: build it by hand
        url = "/" + key.replace("(?P<url>.*)$", kwargs.get("url", "")).replace(
            "<path:object_id>", str(kwargs.get("object_id", ""))
        )
    query = route.query(world) if callable(route.query) else route.query
    return f"{url}?{query}" if query else url


CASES = [(key, i, route) for key, routes in sorted(ENTRIES.items()) for i, route in enumerate(routes)]


@pytest.mark.parametrize(("key", "index", "route"), CASES, ids=[f"{k}[{r.label or i}]" for k, i, r in CASES])
def test_it_answers_each_role_as_expected(client, world, key, index, route):
    url = _url(key, route, world)
    got = {}
    for name in CAST:
        client.logout()
        user = world.user(name)
        if user is not None:
            client.force_login(user)
        got[name] = client.get(url).status_code
    assert got == route.expected, url
