"""The browser's login session works for the API too; its writes need the CSRF token, like Django's forms."""

from django.test import Client

from jiedao.api.auth import MSG_CSRF
from jiedao.cases.models import Case
from tests.api.helpers import call, case_body, token_for


def test_a_session_reads_and_writes_with_the_csrf_token(world, categories):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.worker_a)
    assert call(client, "get", "/api/v1/cases").status_code == 200
    response = call(client, "post", "/api/v1/cases", case_body(world))
    assert response.status_code == 403
    assert response.json() == {"code": "csrf", "message": MSG_CSRF, "fields": {}}
    assert not Case.objects.exists()
    # The docs page hands the CSRF token to Swagger UI, which sends it as X-CSRFToken.
    client.get("/api/v1/docs")
    csrf = client.cookies["csrftoken"].value
    response = call(client, "post", "/api/v1/cases", case_body(world), **{"X-CSRFToken": csrf})
    assert response.status_code == 201
    assert Case.objects.get().events.get().actor == world.worker_a


def test_a_token_needs_no_csrf_token(world, categories):
    client = Client(enforce_csrf_checks=True)
    response = call(client, "post", "/api/v1/cases", case_body(world), token=token_for(world.worker_a))
    assert response.status_code == 201
