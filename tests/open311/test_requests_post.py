"""POST requests.json|.xml: a resident's report, authenticated by an api_key, becomes one case."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from jiedao.cases.models import Case, Source, State
from jiedao.open311.models import ApiKey
from jiedao.open311.services import (
    MSG_KEY_INVALID,
    MSG_KEY_MISSING,
    MSG_KEY_NO_AREA,
    MSG_LOCATION,
    MSG_SERVICE_MISSING,
    apikey_create,
)

URL = "/open311/v2/requests.json"


@pytest.fixture
def key(world):
    return apikey_create(name="随手拍App", area=world.grid_a1)[1]


def report(key, **changes) -> dict:
    data = {
        "api_key": key,
        "service_code": "garbage",
        "description": "幸福小区3号楼门口的垃圾已经两天没有清运，气味很大",
        "address_string": "幸福小区3号楼",
        "first_name": "先生",
        "last_name": "刘",
        "phone": "13812345678",
        "email": "liu@example.com",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_it_creates_one_case_and_returns_its_number(client, world, categories, key):
    response = client.post(URL, report(key))
    assert response.status_code == 201, response.content.decode()
    case = Case.objects.get()
    assert (case.source, case.category, case.area, case.state) == (
        Source.RESIDENT,
        categories["garbage"],
        world.grid_a1,
        State.PENDING,
    )
    assert case.title == "幸福小区3号楼门口的垃圾已经两天没有清运，气味很大"
    assert (case.address, case.reporter_name, case.reporter_phone_masked) == (
        "幸福小区3号楼",
        "刘先生",
        "138****5678",
    )
    (answer,) = response.json()
    assert answer == {
        "service_request_id": case.number,
        "service_notice": f"诉求已登记，工单编号 {case.number}，街道将尽快受理",
        "account_id": None,
    }
    assert ApiKey.objects.get().last_used_at is not None


def test_it_records_the_last_use_of_a_key_to_the_minute(client, world, categories, key):
    a_while_ago = timezone.now() - timedelta(seconds=30)
    ApiKey.objects.update(last_used_at=a_while_ago)
    assert client.post(URL, report(key)).status_code == 201
    assert ApiKey.objects.get().last_used_at == a_while_ago
    ApiKey.objects.update(last_used_at=a_while_ago - timedelta(minutes=1))
    assert client.post(URL, report(key)).status_code == 201
    assert ApiKey.objects.get().last_used_at > a_while_ago


def test_it_titles_a_report_without_description_by_the_service(client, world, categories, key):
    client.post(URL, report(key, description=None, address_string=None, lat="40.8123456", long="111.65"))
    case = Case.objects.get()
    assert case.title == "垃圾清运"
    assert (str(case.latitude), str(case.longitude), case.address) == ("40.812346", "111.650000", "")


def test_it_takes_an_address_id_as_the_location(client, world, categories, key):
    response = client.post(URL, report(key, address_string=None, address_id="A-1024"))
    assert response.status_code == 201, response.content.decode()
    assert Case.objects.get().address == "地址编号：A-1024"


def test_it_ignores_jurisdiction_media_and_attributes(client, world, categories, key):
    extra = {"jurisdiction_id": "anything.gov", "attribute[WHEN]": "night", "media_url": "http://x/1.jpg"}
    assert client.post(URL, report(key) | extra).status_code == 201
    assert Case.objects.count() == 1


def test_it_drops_a_phone_that_fails_validation(client, world, categories, key):
    assert client.post(URL, report(key, phone="12345")).status_code == 201
    case = Case.objects.get()
    assert (case.reporter_phone_masked, case.reporter_phone_cipher) == ("", None)


def test_it_answers_in_xml(client, world, categories, key):
    response = client.post("/open311/v2/requests.xml", report(key))
    assert response.status_code == 201
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == Case.objects.get().number


def test_it_needs_no_csrf_token(world, categories, key):
    response = Client(enforce_csrf_checks=True).post(URL, report(key))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("api_key", "message"), [(None, MSG_KEY_MISSING), ("", MSG_KEY_MISSING), ("jd311_wrong", MSG_KEY_INVALID)]
)
def test_it_refuses_a_missing_or_invalid_key(client, world, categories, key, api_key, message):
    response = client.post(URL, report(key, api_key=api_key))
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": message}]
    assert not Case.objects.exists()


def test_it_refuses_a_deactivated_key(client, world, categories, key):
    ApiKey.objects.update(active=False)
    response = client.post("/open311/v2/requests.xml", report(key))
    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("error/description") == MSG_KEY_INVALID
    assert not Case.objects.exists()


def test_it_refuses_a_key_without_an_area(client, world, categories):
    plain = apikey_create(name="只读")[1]
    response = client.post(URL, report(plain))
    assert response.status_code == 403
    assert response.json()[0]["description"] == MSG_KEY_NO_AREA


@pytest.mark.parametrize("code", ["nothing", "sanitation"])
def test_it_answers_an_unknown_service_with_404(client, world, categories, key, code):
    response = client.post(URL, report(key, service_code=code))
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    assert not Case.objects.exists()


@pytest.mark.parametrize("code", [None, ""])
def test_it_answers_a_missing_service_with_400(client, world, categories, key, code):
    response = client.post(URL, report(key, service_code=code))
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": MSG_SERVICE_MISSING}]
    assert not Case.objects.exists()


def test_it_needs_an_address_or_coordinates(client, world, categories, key):
    response = client.post(URL, report(key, address_string=" "))
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": MSG_LOCATION}]
    assert client.post(URL, report(key, address_string=None, lat="40.8")).status_code == 400
    assert client.post(URL, report(key, address_string=None, lat="north", long="111")).status_code == 400
    assert client.post(URL, report(key, address_string=None, lat="95", long="111")).status_code == 400
    assert not Case.objects.exists()
