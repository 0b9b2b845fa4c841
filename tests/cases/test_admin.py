"""The category tree in 系统管理: paths computed on save, no loops, no deleting; the default tree."""

from jiedao.cases.admin import CategoryForm
from jiedao.cases.categories import DEFAULT_TREE, MSG_PARENT_CYCLE, seed_categories
from jiedao.cases.models import Category


def a_category(world) -> Category:
    """The category tests/test_urls.py opens in the admin."""
    seed_categories()
    return Category.objects.get(code="sanitation")


def form_data(category: Category, **changes) -> dict:
    data = {
        "code": category.code,
        "name": category.name,
        "parent": category.parent_id or "",
        "response_hours": category.response_hours or "",
        "urgent_hours": category.urgent_hours or "",
        "normal_days": category.normal_days or "",
        "complex_days": category.complex_days or "",
        "active": "on" if category.active else "",
        "sort_order": category.sort_order,
    }
    return data | changes


def test_it_computes_the_path_from_the_parent_when_adding(client, world, categories):
    client.force_login(world.sysadmin)
    response = client.post(
        "/admin/cases/category/add/",
        {
            "code": "bins",
            "name": "垃圾桶",
            "parent": categories["sanitation"].pk,
            "sort_order": 0,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Category.objects.get(code="bins").path == "/city/sanitation/bins/"


def test_it_moves_the_subtree_when_the_parent_changes(client, world, categories):
    other = Category.objects.create(code="other", name="其他", path="/other/")
    client.force_login(world.sysadmin)
    sanitation = categories["sanitation"]
    response = client.post(
        f"/admin/cases/category/{sanitation.pk}/change/", form_data(sanitation, parent=other.pk)
    )
    assert response.status_code == 302, response.content.decode()
    assert Category.objects.get(code="sanitation").path == "/other/sanitation/"
    assert Category.objects.get(code="garbage").path == "/other/sanitation/garbage/"


def test_it_refuses_a_parent_that_is_the_category_or_below_it(world, categories):
    city = categories["city"]
    for parent in (city, categories["garbage"]):
        form = CategoryForm(instance=city, data=form_data(city, parent=parent.pk))
        assert not form.is_valid()
        assert form.errors["parent"] == [MSG_PARENT_CYCLE]
    assert Category.objects.get(code="city").parent is None


def test_it_does_not_let_anyone_delete_a_category(client, world, categories):
    client.force_login(world.sysadmin)
    response = client.post(f"/admin/cases/category/{categories['garbage'].pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Category.objects.filter(code="garbage").exists()


def test_it_lists_the_tree_with_its_limits_for_the_administrator(client, world, categories):
    client.force_login(world.sysadmin)
    page = client.get("/admin/cases/category/").content.decode()
    assert "垃圾清运" in page and "继承 / 继承 / 3天 / 继承" in page
    client.force_login(world.worker_a)
    assert client.get("/admin/cases/category/").status_code == 403


def test_it_seeds_the_default_tree_once(db):
    expected = len(DEFAULT_TREE) + sum(len(children) for *_, children in DEFAULT_TREE)
    assert seed_categories() == expected
    assert seed_categories() == 0
    assert Category.objects.count() == expected
    gas = Category.objects.get(name="燃气安全")
    assert (gas.path, gas.parent.name, gas.response_hours) == ("/safety/gas/", "安全生产", 1)
    assert Category.objects.get(code="other").path == "/other/"
