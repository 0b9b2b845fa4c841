"""GET /api/v1/categories (the active tree) and GET /api/v1/areas (where the caller may register cases)."""

from jiedao.cases.models import Category
from tests.api.helpers import call, token_for


def test_categories_come_as_the_active_tree(client, world, categories):
    Category.objects.create(code="retired", name="已停用分类", path="/retired/", active=False)
    Category.objects.create(
        code="under_retired",
        name="停用分类的下级",
        parent=Category.objects.get(code="retired"),
        path="/retired/under_retired/",
    )
    response = call(client, "get", "/api/v1/categories", token=token_for(world.grid_a1_worker))
    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "city",
            "name": "城市管理",
            "children": [
                {
                    "code": "sanitation",
                    "name": "环境卫生",
                    "children": [{"code": "garbage", "name": "垃圾清运", "children": []}],
                }
            ],
        }
    ]


def test_areas_are_the_current_communities_and_grids_in_scope(client, world):
    response = call(client, "get", "/api/v1/areas", token=token_for(world.grid_a1_worker))
    assert response.json() == [
        {
            "code": world.grid_a1.code,
            "name": "网格A1",
            "level": "grid",
            "label": "社区A网格A1",
            "parent": world.community_a.code,
        }
    ]
    codes = [a["code"] for a in call(client, "get", "/api/v1/areas", token=token_for(world.leader)).json()]
    assert codes == [
        world.community_a.code,
        world.grid_a1.code,
        world.grid_a2.code,
        world.community_b.code,
        world.grid_b1.code,
    ]


def test_roles_without_case_work_are_refused(client, world):
    for user in (world.auditor, world.sysadmin):
        assert call(client, "get", "/api/v1/areas", token=token_for(user)).status_code == 403
        assert call(client, "get", "/api/v1/categories", token=token_for(user)).status_code == 403


def test_an_unknown_endpoint_or_method_is_answered_as_an_api_error(client, world):
    token = token_for(world.worker_a)
    response = call(client, "delete", "/api/v1/areas", token=token)
    assert (response.status_code, response["Allow"]) == (405, "GET")
    assert response.json() == {
        "code": "method_not_allowed",
        "message": "此接口不支持 DELETE 请求",
        "fields": {},
    }
    response = call(client, "get", "/api/v1/nothing/here", token=token)
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "没有这个接口：/api/v1/nothing/here",
        "fields": {},
    }
