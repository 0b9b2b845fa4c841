"""discovery.json|.xml and services.json|.xml: what a client reads before it submits anything."""

import xml.etree.ElementTree as ET


def test_it_describes_the_endpoint_in_json(client, db):
    response = client.get("/open311/v2/discovery.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["changeset"] and body["contact"]
    (endpoint,) = body["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["formats"] == ["application/json", "text/xml"]


def test_it_describes_the_endpoint_in_xml(client, db):
    response = client.get("/open311/v2/discovery.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "application/json",
        "text/xml",
    ]


def test_it_lists_each_active_leaf_category_as_a_service(client, categories):
    categories["garbage"].__class__.objects.create(
        code="bins",
        name="垃圾桶",
        parent=categories["sanitation"],
        path="/city/sanitation/bins/",
        active=False,
    )
    services = client.get("/open311/v2/services.json").json()
    assert services == [
        {
            "service_code": "garbage",
            "service_name": "垃圾清运",
            "description": "城市管理 › 环境卫生 › 垃圾清运",
            "metadata": False,
            "type": "realtime",
            "keywords": "城市管理,环境卫生,垃圾清运",
            "group": "城市管理",
        }
    ]


def test_it_lists_the_services_in_xml(client, categories):
    root = ET.fromstring(client.get("/open311/v2/services.xml").content)
    assert root.tag == "services"
    (service,) = root.findall("service")
    assert service.findtext("service_code") == "garbage"
    assert service.findtext("metadata") == "false"
    assert service.findtext("group") == "城市管理"


def test_it_defines_a_service_without_attributes(client, categories):
    assert client.get("/open311/v2/services/garbage.json").json() == {
        "service_code": "garbage",
        "attributes": [],
    }
    root = ET.fromstring(client.get("/open311/v2/services/garbage.xml").content)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "garbage"


def test_it_answers_an_unknown_service_with_the_spec_error(client, categories):
    response = client.get("/open311/v2/services/sanitation.json")  # not a leaf: not a service
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "未知的服务代码：sanitation"}]
    response = client.get("/open311/v2/services/nothing.xml")
    assert response.status_code == 404
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"


def test_it_answers_a_wrong_method_in_the_spec_format(client, categories):
    response = client.post("/open311/v2/services.xml")
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")
    assert ET.fromstring(response.content).findtext("error/code") == "405"
    response = client.delete("/open311/v2/requests.json")
    assert response.status_code == 405
    assert response.json() == [{"code": 405, "description": "该接口不支持 DELETE 请求"}]
    assert client.head("/open311/v2/services.json").status_code == 200


def test_it_answers_an_unknown_path_in_the_spec_format(client, db):
    response = client.get("/open311/v2/service.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "未找到接口：/open311/v2/service.json"}]
    response = client.post("/open311/v2/requests.csv")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json; charset=utf-8")
    assert ET.fromstring(client.get("/open311/v2/v3/services.xml").content).tag == "errors"
