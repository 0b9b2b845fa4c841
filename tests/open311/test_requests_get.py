"""GET requests.json|.xml and requests/{id}: a public read of residents' reports, without anyone's name or phone."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

from jiedao.cases.models import Case, Source, State
from jiedao.open311.services import MSG_DATE_RANGE
from tests.cases.helpers import local, make_case

URL = "/open311/v2/requests.json"


def resident_case(world, categories, *, days_ago=1, **kw):
    return make_case(
        world,
        categories,
        source=Source.RESIDENT,
        received_at=kw.pop("received_at", None) or timezone.now() - timedelta(days=days_ago),
        address="幸福小区3号楼",
        **kw,
    )


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()
    return [r["service_request_id"] for r in response.json()]


def test_it_lists_the_last_90_days_of_resident_reports(client, world, categories):
    recent = resident_case(world, categories, days_ago=1)
    resident_case(world, categories, days_ago=100)
    make_case(world, categories, received_at=timezone.now())  # a hotline order stays inside
    assert ids(client.get(URL)) == [recent.number]


def test_it_serialises_only_public_fields(client, world, categories):
    case = resident_case(world, categories, description="门口垃圾", latitude="40.812345", longitude="111.65")
    (item,) = client.get(URL).json()
    received = timezone.localtime(case.received_at).isoformat(timespec="seconds")
    assert item == {
        "service_request_id": case.number,
        "status": "open",
        "status_notes": "待受理",
        "service_name": "环境卫生",
        "service_code": "sanitation",
        "description": "门口垃圾",
        "agency_responsible": "街道办事处",
        "service_notice": None,
        "requested_datetime": received,
        "updated_datetime": received,
        "expected_datetime": None,
        "address": "幸福小区3号楼",
        "address_id": None,
        "zipcode": None,
        "lat": 40.812345,
        "long": 111.65,
        "media_url": None,
    }


def test_it_gives_the_deadline_as_expected_datetime(client, world, categories):
    case = resident_case(world, categories, accepted=True)
    (item,) = client.get(f"/open311/v2/requests/{case.number}.json").json()
    assert case.due_at is not None
    assert item["expected_datetime"] == timezone.localtime(case.due_at).isoformat(timespec="seconds")


def test_it_writes_every_field_in_xml_with_the_spec_declaration(client, world, categories):
    case = resident_case(world, categories)
    body = client.get(f"/open311/v2/requests/{case.number}.xml").content
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request>')
    request = ET.fromstring(body).find("request")
    assert [child.tag for child in request] == list(client.get(URL).json()[0])
    assert (request.findtext("media_url"), request.findtext("zipcode")) == ("", "")


def test_it_never_shows_the_reporter(client, world, categories):
    case = resident_case(world, categories)
    for url in (URL, "/open311/v2/requests.xml", f"/open311/v2/requests/{case.number}.json"):
        body = client.get(url).content.decode()
        assert case.number in body
        for secret in ("13812345678", "138****5678", "5678", "刘先生"):
            assert secret not in body, url


def test_it_filters_by_status(client, world, categories):
    pending = resident_case(world, categories)
    closed = resident_case(world, categories, days_ago=2)
    Case.objects.filter(pk=closed.pk).update(state=State.CLOSED)
    assert ids(client.get(URL, {"status": "open"})) == [pending.number]
    assert ids(client.get(URL, {"status": "closed"})) == [closed.number]
    assert ids(client.get(URL, {"status": "open,closed"})) == [pending.number, closed.number]
    assert ids(client.get(URL, {"status": ["open", "closed"]})) == [pending.number, closed.number]
    assert ids(client.get(URL, {"status": ""})) == [pending.number, closed.number]
    assert client.get(URL, {"status": "done"}).status_code == 400


def test_it_filters_by_service_code(client, world, categories):
    garbage = resident_case(world, categories, category=categories["garbage"])
    resident_case(world, categories, days_ago=2)
    assert ids(client.get(URL, {"service_code": "garbage"})) == [garbage.number]
    both = ids(client.get(URL, {"service_code": ["garbage", "sanitation"]}))
    assert both == ids(client.get(URL, {"service_code": "garbage,sanitation"}))
    assert len(both) == 2


def test_it_filters_by_dates(client, world, categories):
    early = resident_case(world, categories, received_at=local(2024, 3, 1, 9, 0))
    later = resident_case(world, categories, received_at=local(2024, 4, 20, 9, 0))
    params = {"start_date": "2024-02-15T00:00:00+08:00", "end_date": "2024-03-31T23:59:59+08:00"}
    assert ids(client.get(URL, params)) == [early.number]
    assert ids(client.get(URL, {"start_date": "2024-04-01"})) == [later.number]
    # "+08:00" not percent-encoded by the client arrives as " 08:00"
    assert ids(client.get(f"{URL}?start_date=2024-04-01T00:00:00+08:00")) == [later.number]
    assert ids(client.get(URL, {"start_date": "2024-03-31T16:00:00Z"})) == [later.number]
    assert ids(client.get(URL, {"start_date": "2024-02-01", "end_date": "2024-04-30"})) == [
        later.number,
        early.number,
    ]


def test_it_refuses_more_than_90_days(client, world, categories):
    response = client.get(URL, {"start_date": "2024-01-01", "end_date": "2024-06-30"})
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": MSG_DATE_RANGE}]
    assert client.get(URL, {"start_date": "yesterday"}).status_code == 400
    assert client.get(URL, {"start_date": "2024-03-01", "end_date": "2024-02-01"}).status_code == 400


def test_it_pages(client, world, categories):
    numbers = [resident_case(world, categories, days_ago=d).number for d in (1, 2, 3)]
    assert ids(client.get(URL, {"page_size": 2})) == numbers[:2]
    assert ids(client.get(URL, {"page_size": 2, "page": 2})) == numbers[2:]
    assert client.get(URL, {"page_size": 1001}).status_code == 400
    assert client.get(URL, {"page": 0}).status_code == 400


def test_it_finds_requests_by_id_whatever_their_date(client, world, categories):
    old = resident_case(world, categories, days_ago=400)
    new = resident_case(world, categories)
    response = client.get(URL, {"service_request_id": f"{old.number},{new.number}", "status": "closed"})
    assert sorted(ids(response)) == sorted([old.number, new.number])


def test_it_shows_one_request(client, world, categories):
    case = resident_case(world, categories)
    assert ids(client.get(f"/open311/v2/requests/{case.number}.json")) == [case.number]
    root = ET.fromstring(client.get(f"/open311/v2/requests/{case.number}.xml").content)
    assert root.findtext("request/service_request_id") == case.number
    assert root.findtext("request/status") == "open"


def test_it_answers_an_unknown_or_internal_request_with_404(client, world, categories):
    hotline = make_case(world, categories)
    for number in ("SB202400000000", hotline.number):
        response = client.get(f"/open311/v2/requests/{number}.json")
        assert response.status_code == 404
        assert response.json()[0]["code"] == 404
    root = ET.fromstring(client.get("/open311/v2/requests/SB202400000000.xml").content)
    assert (root.tag, root.findtext("error/code")) == ("errors", "404")


def test_it_issues_no_tokens(client, db):
    response = client.get("/open311/v2/tokens/abc.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
