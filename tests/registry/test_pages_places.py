"""Compounds, buildings, households and premises: lists in scope, counts, details and create forms."""

from datetime import date

import pytest
from django.urls import reverse

from jiedao.registry.models import Building, Compound, Premises
from jiedao.registry.services.households import resident_register_at
from jiedao.registry.services.places import premises_create
from tests.registry.conftest import make_id


def register(places, building, room, seq):
    return resident_register_at(
        building=places[building], unit="1", room=room, name=f"居民{seq}", id_number=make_id(seq=seq)
    )


@pytest.fixture
def lived_in(places):
    """阳光小区: two residents in 1号楼 101, one in 2号楼 201; 河畔小区: one."""
    register(places, "sunny_1", "101", 1)
    register(places, "sunny_1", "101", 3)
    register(places, "sunny_2", "201", 5)
    register(places, "river_1", "301", 7)
    return places


def rows(response) -> list:
    return list(response.context["page_obj"])


def test_the_compound_list_counts_what_the_user_sees(client, world, lived_in):
    client.force_login(world.leader)
    counts = {
        c.name: (c.building_count, c.household_count, c.resident_count)
        for c in rows(client.get(reverse("compound_list")))
    }
    assert counts == {"阳光小区": (2, 2, 3), "河畔小区": (1, 1, 1)}
    client.force_login(world.grid_a1_worker)
    counts = {
        c.name: (c.building_count, c.household_count, c.resident_count)
        for c in rows(client.get(reverse("compound_list")))
    }
    assert counts == {"阳光小区": (1, 1, 2)}


def test_the_compound_list_filters_by_community_and_name(client, world, lived_in):
    client.force_login(world.leader)
    url = reverse("compound_list")
    assert [c.name for c in rows(client.get(url, {"community": world.community_b.pk}))] == ["河畔小区"]
    assert [c.name for c in rows(client.get(url, {"q": "阳光"}))] == ["阳光小区"]
    page = client.get(url, {"community": world.community_b.pk}).content.decode()
    assert reverse("excel_export", args=["compounds"]) + "?community=%E7%A4%BE%E5%8C%BAB" in page


def test_the_compound_detail_lists_buildings_with_grid_and_counts(client, world, lived_in):
    client.force_login(world.worker_a)
    response = client.get(reverse("compound_detail", args=[lived_in["sunny"].pk]))
    buildings = {b.name: (b.area, b.household_count, b.resident_count) for b in response.context["buildings"]}
    assert buildings == {"1号楼": (world.grid_a1, 1, 2), "2号楼": (world.grid_a2, 1, 1)}


def test_a_grid_worker_sees_only_the_buildings_of_the_grid(client, world, lived_in):
    client.force_login(world.grid_a2_worker)
    response = client.get(reverse("compound_detail", args=[lived_in["sunny"].pk]))
    assert [b.name for b in response.context["buildings"]] == ["2号楼"]


def test_it_creates_a_compound_in_the_users_community(client, world):
    client.force_login(world.worker_a)
    response = client.post(
        reverse("compound_create"), {"name": "新城小区", "area": world.community_a.pk, "built_year": 2001}
    )
    compound = Compound.objects.get(name="新城小区")
    assert response["Location"] == reverse("compound_detail", args=[compound.pk])
    assert compound.area == world.community_a and compound.built_year == 2001


def test_it_refuses_a_compound_in_another_community(client, world):
    client.force_login(world.worker_a)
    form = client.post(
        reverse("compound_create"), {"name": "越界小区", "area": world.community_b.pk}
    ).context["form"]
    assert "area" in form.errors and not Compound.objects.filter(name="越界小区").exists()


def test_it_refuses_a_duplicate_compound_with_the_services_message(client, world, places):
    client.force_login(world.worker_a)
    form = client.post(
        reverse("compound_create"), {"name": "阳光小区", "area": world.community_a.pk}
    ).context["form"]
    assert form.non_field_errors() == ["该社区已有同名小区"]


def test_it_creates_a_building_in_a_grid_of_the_compounds_community(client, world, places):
    client.force_login(world.worker_a)
    url = reverse("building_create")
    data = {"compound": places["sunny"].pk, "name": "3号楼", "area": world.grid_a2.pk, "floors": 6}
    response = client.post(url, data)
    assert response["Location"] == reverse("compound_detail", args=[places["sunny"].pk])
    assert Building.objects.get(compound=places["sunny"], name="3号楼").area == world.grid_a2


def test_it_refuses_a_building_whose_grid_is_outside_the_compound(client, world, places):
    client.force_login(world.worker_b)
    data = {"compound": places["river"].pk, "name": "9号楼", "area": world.grid_b1.pk}
    assert client.post(reverse("building_create"), data).status_code == 302
    client.force_login(world.leader)  # no permission to keep the registry
    assert client.post(reverse("building_create"), data).status_code == 403
    client.force_login(world.worker_a)
    data = {"compound": places["sunny"].pk, "name": "9号楼", "area": world.grid_b1.pk}
    form = client.post(reverse("building_create"), data).context["form"]
    assert "area" in form.errors  # 网格B1 is not among worker_a's grids


def test_the_household_list_searches_and_filters(client, world, lived_in):
    client.force_login(world.worker_a)
    url = reverse("household_list")
    assert [h.address for h in rows(client.get(url))] == ["阳光小区1号楼1单元101", "阳光小区2号楼1单元201"]
    assert [h.address for h in rows(client.get(url, {"q": "2号楼"}))] == ["阳光小区2号楼1单元201"]
    assert [h.member_count for h in rows(client.get(url, {"grid": world.grid_a1.pk}))] == [2]
    only = rows(client.get(url, {"building": lived_in["sunny_2"].pk}))
    assert [h.address for h in only] == ["阳光小区2号楼1单元201"]
    number = only[0].number
    assert [h.number for h in rows(client.get(url, {"q": number.lower()}))] == [number]


def test_the_household_detail_lists_members(client, world, lived_in):
    household = lived_in["sunny_1"].households.get()
    client.force_login(world.grid_a1_worker)
    response = client.get(reverse("household_detail", args=[household.pk]))
    assert sorted(m.name for m in response.context["members"]) == ["居民1", "居民3"]
    client.force_login(world.grid_a2_worker)
    assert client.get(reverse("household_detail", args=[household.pk])).status_code == 404


@pytest.fixture
def shops(world, places):
    return {
        "hardware": premises_create(
            kind="shop",
            name="老王五金店",
            address="海西路1号底商",
            area=world.grid_a1,
            building=places["sunny_1"],
            operator_phone="13812345678",
            registered_on=date(2023, 1, 1),
        ),
        "church": premises_create(
            kind="religious",
            sub_kind="church",
            name="福音堂",
            address="河畔路8号",
            area=world.community_b,
            registered_on=date(2023, 1, 1),
        ),
        "cafe": premises_create(
            kind="nine_small",
            sub_kind="small_restaurant",
            name="阳光小吃",
            address="海西路3号",
            area=world.community_a,
            status="suspended",
            registered_on=date(2023, 1, 1),
        ),
    }


def test_the_premises_list_filters_in_scope(client, world, shops):
    client.force_login(world.leader)
    url = reverse("premises_list")
    assert {p.name for p in rows(client.get(url))} == {"老王五金店", "福音堂", "阳光小吃"}
    assert [p.name for p in rows(client.get(url, {"kind": "religious"}))] == ["福音堂"]
    assert [p.name for p in rows(client.get(url, {"sub_kind": "small_restaurant"}))] == ["阳光小吃"]
    assert [p.name for p in rows(client.get(url, {"status": "suspended"}))] == ["阳光小吃"]
    assert {p.name for p in rows(client.get(url, {"community": world.community_a.pk}))} == {
        "老王五金店",
        "阳光小吃",
    }
    assert [p.name for p in rows(client.get(url, {"q": "海西路1号"}))] == ["老王五金店"]
    client.force_login(world.grid_a1_worker)
    assert [p.name for p in rows(client.get(url))] == ["老王五金店"]


def test_the_premises_list_links_the_export_with_its_filters(client, world, shops):
    client.force_login(world.worker_a)
    page = client.get(reverse("premises_list"), {"kind": "shop", "q": "五金"}).content.decode()
    assert reverse("excel_export", args=["premises"]) + "?kind=shop&amp;q=%E4%BA%94%E9%87%91" in page


def test_the_premises_detail_masks_the_phone(client, world, shops):
    client.force_login(world.worker_a)
    page = client.get(reverse("premises_detail", args=[shops["hardware"].pk])).content.decode()
    assert "138****5678" in page and "13812345678" not in page
    assert client.get(reverse("premises_detail", args=[shops["church"].pk])).status_code == 404


def test_it_creates_premises_in_a_building(client, world, places):
    client.force_login(world.worker_a)
    data = {
        "kind": "nine_small",
        "sub_kind": "small_store",
        "name": "便民超市",
        "address": "海西路1号2号楼底商",
        "compound": places["sunny"].pk,
        "building": places["sunny_2"].pk,
        "status": "open",
        "registered_on": "2023-04-01",
        "operator_phone": "13912345678",
    }
    response = client.post(reverse("premises_create"), data)
    premises = Premises.objects.get(name="便民超市")
    assert response["Location"] == reverse("premises_detail", args=[premises.pk])
    assert premises.area == world.grid_a2 and premises.compound == places["sunny"]


def test_it_shows_the_services_sub_kind_rule_next_to_the_field(client, world):
    client.force_login(world.worker_a)
    data = {
        "kind": "religious",
        "name": "某堂",
        "address": "某路1号",
        "area": world.community_a.pk,
        "status": "open",
        "registered_on": "2023-04-01",
    }
    form = client.post(reverse("premises_create"), data).context["form"]
    assert "细分类型应为" in form.errors["sub_kind"][0]


def test_premises_need_an_area_or_a_building(client, world):
    client.force_login(world.worker_a)
    data = {
        "kind": "shop",
        "name": "无址店",
        "address": "某路1号",
        "status": "open",
        "registered_on": "2023-04-01",
    }
    form = client.post(reverse("premises_create"), data).context["form"]
    assert form.errors["area"] == ["请选择所属区域，或选择楼栋"]
