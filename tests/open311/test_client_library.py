"""Published Open311 GeoReport v2 client libraries, unmodified, against a live server.

- `georeport` (PyPI, 0.3.1): service list, service definition, requests, one request — JSON and XML. It does
  not submit requests.
- `civicbot` (PyPI, 0.4.0): `civicbot.open311.Open311Client` reads JSON and submits form-encoded requests
  (`create_request(..., dry_run=False, confirm="SEND")`), with jurisdiction_id and attribute[…] as it sends
  them to every city.

Neither reads discovery: the `base_url` fixture does, and configures both from its endpoint url, as a client
author would. The libraries speak plain HTTP to `live_server`, so the data they see is committed: these tests
run with transaction=True.
"""

import threading
from datetime import UTC, timedelta

import pytest
from civicbot import Endpoint, HttpError, HttpTransport, Open311Client
from civicbot.http import RateLimiter
from django.utils import timezone
from georeport import GeoReport
from requests import HTTPError

from jiedao.cases.models import Case, Source
from jiedao.open311.services import MSG_KEY_INVALID, apikey_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def key(world):
    return apikey_create(name="随手拍App", area=world.grid_a1)[1]


@pytest.fixture
def base_url(live_server, categories):
    # The discovery file names the endpoint: configure the clients from it.
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    (endpoint,) = transport.get_json(f"{live_server.url}/open311/v2/discovery.json")["endpoints"]
    assert endpoint["formats"] == ["application/json", "text/xml"]
    yield endpoint["url"]
    # The live server answers each connection in a daemon thread that closes its database connection when the
    # client hangs up: let those finish, or PostgreSQL can't drop the test database at the end.
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)


def civicbot_client(base_url: str) -> Open311Client:
    # No politeness delay between calls to our own test server; the library is otherwise as shipped.
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    endpoint = Endpoint(id="jiedao", name="测试街道", base_url=base_url, write=True)
    return Open311Client(endpoint, transport=transport, jurisdiction_id="150103001000")


def submit(client: Open311Client, key: str, **changes) -> list[dict]:
    report = {
        "lat": 40.812345,
        "lng": 111.65,
        "address_string": "幸福小区3号楼",
        "description": "3号楼门口的垃圾两天没有清运",
        "first_name": "先生",
        "last_name": "刘",
        "phone": "13812345678",
        "email": "liu@example.com",
        "attributes": {"WHEN": "night"},
    } | changes
    prepared = client.create_request(
        "garbage", dry_run=False, confirm="SEND", api_key=key, validate_remote=True, **report
    )
    return prepared.response


def test_civicbot_submits_a_request_that_becomes_a_case(base_url, world, key):
    client = civicbot_client(base_url)
    assert [s["service_code"] for s in client.list_services()] == ["garbage"]
    assert client.get_service_definition("garbage") == {"service_code": "garbage", "attributes": []}
    (answer,) = submit(client, key)
    case = Case.objects.get()
    assert answer["service_request_id"] == case.number
    assert (case.source, case.area, case.address, case.reporter_name) == (
        Source.RESIDENT,
        world.grid_a1,
        "幸福小区3号楼",
        "刘先生",
    )
    assert (str(case.latitude), str(case.longitude)) == ("40.812345", "111.650000")


def test_civicbot_reads_back_what_it_submitted(base_url, world, key):
    client = civicbot_client(base_url)
    number = submit(client, key)[0]["service_request_id"]
    request = client.get_request(number)
    assert (request["service_request_id"], request["status"], request["service_code"]) == (
        number,
        "open",
        "garbage",
    )
    assert "13812345678" not in str(request) and "刘" not in str(request)
    assert [r["service_request_id"] for r in client.list_requests(service_request_ids=[number])] == [number]
    assert [r["service_request_id"] for r in client.list_requests(status="open", page_size=10)] == [number]
    assert client.list_requests(status="closed") == []


def test_civicbot_sees_the_spec_errors(base_url, world, key):
    client = civicbot_client(base_url)
    with pytest.raises(HttpError) as refused:
        submit(client, "jd311_wrong")
    assert refused.value.status == 403
    assert MSG_KEY_INVALID in refused.value.body
    with pytest.raises(HttpError) as missing:
        client.get_request("SB202400000000")
    assert missing.value.status == 404
    with pytest.raises(HttpError) as token:
        client.get_token("abc123")
    assert token.value.status == 404
    assert not Case.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_services_and_requests(base_url, world, key, fmt):
    number = submit(civicbot_client(base_url), key)[0]["service_request_id"]
    client = GeoReport(base_url, jurisdiction="150103001000", output_format=fmt)
    # xmltodict makes one element a dict, not a list of one; JSON gives a list, and numbers where XML has text.
    one = (lambda found: found) if fmt == "json" else (lambda found: [found])
    (service,) = one(client.get_service_list())
    assert (service["service_code"], service["service_name"], service["group"]) == (
        "garbage",
        "垃圾清运",
        "城市管理",
    )
    assert client.get_service_definition("garbage")["service_code"] == "garbage"
    request = client.get_service_request(number)
    assert (request["service_request_id"], request["status"], request["address"]) == (
        number,
        "open",
        "幸福小区3号楼",
    )
    assert float(request["lat"]) == 40.812345
    yesterday = (timezone.now() - timedelta(days=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = client.get_service_requests(status="open", start_date=yesterday)
    assert [r["service_request_id"] for r in one(found)] == [number]
    found = client.get_service_requests(service_request_id=number, service_code="garbage")
    assert [r["service_request_id"] for r in one(found)] == [number]


def georeport_error(base_url: str, fmt: str) -> tuple[int, str]:
    try:
        GeoReport(base_url, output_format=fmt).get_service_definition("nothing")
    except HTTPError as exc:  # returning drops the response, and with it the connection to the live server
        return exc.response.status_code, exc.response.headers["Content-Type"]
    raise AssertionError("georeport did not raise")


def test_georeport_raises_on_an_unknown_service(base_url):
    assert georeport_error(base_url, "json") == (404, "application/json; charset=utf-8")
    assert georeport_error(base_url, "xml") == (404, "text/xml; charset=utf-8")
