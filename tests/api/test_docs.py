"""The OpenAPI schema and the Swagger UI docs page, which must work without internet access."""

import re

from django.contrib.staticfiles import finders

from tests.api.helpers import call, token_for


def test_the_docs_page_loads_only_local_files(client, world):
    client.force_login(world.worker_a)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources and "/static/ninja/swagger-ui.css" in sources
    assert not [s for s in sources if re.match(r"(https?:)?//", s)]
    assert not re.search(r"<script[^>]+src=\"(https?:)?//", html)
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source  # shipped, so served by whitenoise
    # Swagger UI would otherwise post the schema to an online validator.
    assert '"validatorUrl": null' in html


def test_the_static_files_of_the_docs_are_served(client, world):
    client.force_login(world.worker_a)
    response = client.get("/static/ninja/swagger-ui-init.js")
    assert response.status_code == 200


def test_the_docs_are_for_staff(client, world):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


def test_the_schema_describes_every_endpoint(client, world):
    response = call(client, "get", "/api/v1/openapi.json", token=token_for(world.worker_a))
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "街道数字化平台 API"
    assert {path: sorted(ops) for path, ops in schema["paths"].items()} == {
        "/api/v1/cases": ["get", "post"],
        "/api/v1/cases/{case_id}": ["get"],
        "/api/v1/cases/{case_id}/moves": ["post"],
        "/api/v1/categories": ["get"],
        "/api/v1/areas": ["get"],
    }
    create = schema["paths"]["/api/v1/cases"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in create["parameters"]]
    assert {"201", "409", "422"} <= set(create["responses"])
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
