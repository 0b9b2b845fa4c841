"""The dashboard's URL × role entries, checked here until the lead merges them into tests/reports/url_entries.py
(tests/test_urls.py then checks them again)."""

import pytest
from django.urls import reverse

from tests.conftest import CAST
from tests.reports.url_entries_dashboard import PAGES

CASES = [(key, i, route) for key, routes in sorted(PAGES.items()) for i, route in enumerate(routes)]


@pytest.mark.parametrize(("key", "index", "route"), CASES, ids=[f"{k}[{r.label or i}]" for k, i, r in CASES])
def test_it_answers_each_role_as_expected(client, world, key, index, route):
    query = route.query(world) if callable(route.query) else route.query
    url = reverse(key, kwargs=route.kwargs(world)) + (f"?{query}" if query else "")
    got = {}
    for name in CAST:
        client.logout()
        user = world.user(name)
        if user is not None:
            client.force_login(user)
        got[name] = client.get(url).status_code
    assert got == route.expected, url
