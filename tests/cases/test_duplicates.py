"""Possible duplicates: same category, open or within the window, near by or at the same address."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from jiedao.cases.duplicates import distance_m, normalise_address, similar_cases
from jiedao.cases.models import Case, State
from tests.cases.helpers import local, make_case

LAT, LON = Decimal("40.800000"), Decimal("111.650000")
RECEIVED = local(2024, 9, 30, 10, 0)


def north(metres: float) -> Decimal:
    """The latitude `metres` north of LAT."""
    return (LAT + Decimal(metres / 111_195)).quantize(Decimal("0.000001"))


def reported(world, categories, *, lat=LAT, lon=LON, **kw) -> Case:
    return make_case(world, categories, latitude=lat, longitude=lon, **kw)


def search(categories, world, *, category="sanitation", area=None, address="", lat=LAT, lon=LON, **kw):
    return similar_cases(
        category=categories[category],
        area=area or world.grid_a1,
        address=address,
        latitude=lat,
        longitude=lon,
        received_at=kw.pop("received_at", RECEIVED),
        **kw,
    )


def test_the_distance_is_the_great_circle_one():
    assert round(distance_m(LAT, LON, north(100), LON)) == 100
    # One degree of longitude at 40.8° N is about 84.3 km.
    assert 84_000 < distance_m(LAT, LON, LAT, LON + 1) < 84_600


def test_it_finds_a_case_within_the_radius_and_not_beyond(world, categories):
    near = reported(world, categories, lat=north(60), title="近")
    reported(world, categories, lat=north(140), title="远")
    found = search(categories, world)
    assert [c.pk for c in found] == [near.pk] and found[0].distance_m == 60


def test_the_radius_is_a_setting(world, categories, settings):
    far = reported(world, categories, lat=north(140))
    assert search(categories, world) == []
    settings.JIEDAO_DUPLICATE_RADIUS_M = 150
    assert [c.pk for c in search(categories, world)] == [far.pk]


def test_a_different_category_is_not_a_duplicate(world, categories):
    reported(world, categories, category=categories["garbage"])
    assert search(categories, world) == []
    assert len(search(categories, world, category="garbage")) == 1


def test_a_case_outside_the_window_counts_only_while_open(world, categories):
    old_closed = reported(world, categories, received_at=RECEIVED - timedelta(days=8), title="旧已办结")
    Case.objects.filter(pk=old_closed.pk).update(state=State.CLOSED)
    old_open = reported(world, categories, received_at=RECEIVED - timedelta(days=30), title="旧未办结")
    recent_closed = reported(world, categories, received_at=RECEIVED - timedelta(days=6), title="近已办结")
    Case.objects.filter(pk=recent_closed.pk).update(state=State.CLOSED)
    later_closed = reported(world, categories, received_at=RECEIVED + timedelta(days=6), title="后已办结")
    Case.objects.filter(pk=later_closed.pk).update(state=State.CLOSED)
    found = {c.pk for c in search(categories, world)}
    assert found == {old_open.pk, recent_closed.pk, later_closed.pk}


def test_the_same_address_in_the_same_community_matches_without_a_location(world, categories):
    same = make_case(world, categories, area=world.grid_a2, address="阳光小区３号楼－2单元")
    make_case(world, categories, area=world.grid_b1, address="阳光小区3号楼2单元")  # 社区B
    make_case(world, categories, area=world.grid_a2, address="阳光小区4号楼")
    found = search(categories, world, address="阳光小区 3号楼 2单元", lat=None, lon=None)
    assert [c.pk for c in found] == [same.pk]
    assert found[0].same_address and found[0].distance_m is None


def test_addresses_are_compared_without_spaces_punctuation_or_full_width_forms():
    assert normalise_address("阳光小区（东区）３号楼 ２单元，１０１") == "阳光小区东区3号楼2单元101"
    assert normalise_address("") == ""


def test_it_gives_the_five_nearest_then_newest(world, categories):
    by_distance = [
        reported(world, categories, lat=north(m), title=f"{m}米") for m in (80, 10, 50, 30, 90, 70)
    ]
    newer = reported(world, categories, lat=north(10), received_at=RECEIVED + timedelta(hours=1))
    found = search(categories, world)
    expected = [newer.pk, by_distance[1].pk, by_distance[3].pk, by_distance[2].pk, by_distance[5].pk]
    assert [c.pk for c in found] == expected


def test_it_leaves_out_the_case_itself_merged_cases_and_cases_out_of_scope(world, categories):
    itself = reported(world, categories)
    merged = reported(world, categories)
    Case.objects.filter(pk=merged.pk).update(state=State.CLOSED, merged_into=itself)
    assert search(categories, world, exclude_pk=itself.pk) == []
    assert [c.pk for c in search(categories, world)] == [itself.pk]
    assert search(categories, world, area=world.grid_a2, user=world.grid_a2_worker) == []
    assert len(search(categories, world, area=world.grid_a2, user=world.worker_a)) == 1


# ---- the pages ----


def _form(world, categories, **kw) -> dict:
    return {
        "source": "grid",
        "category": categories["sanitation"].pk,
        "request_type": "help",
        "urgency": "normal",
        "area": world.grid_a1.pk,
        "title": "垃圾桶满溢",
        "latitude": str(north(20)),
        "longitude": str(LON),
        **kw,
    }


def test_registration_lists_possible_duplicates_until_confirmed(client, world, categories):
    first = reported(world, categories, title="垃圾桶满溢未清运")
    client.force_login(world.grid_a1_worker)
    response = client.post(reverse("case_create"), _form(world, categories))
    page = response.content.decode()
    assert response.status_code == 200 and Case.objects.count() == 1
    assert "可能重复的工单" in page and first.number in page and "相距约20米" in page
    assert "仍然登记为新工单" in page

    response = client.post(reverse("case_create"), _form(world, categories, confirm_new="on"))
    assert response.status_code == 302 and Case.objects.count() == 2


def test_registration_without_duplicates_goes_straight_through(client, world, categories):
    reported(world, categories, lat=north(500))
    client.force_login(world.grid_a1_worker)
    response = client.post(reverse("case_create"), _form(world, categories))
    assert response.status_code == 302
    created = Case.objects.get(title="垃圾桶满溢")
    assert (created.latitude, created.longitude) == (north(20), LON)


def test_registration_checks_the_location(client, world, categories):
    client.force_login(world.grid_a1_worker)
    page = client.post(reverse("case_create"), _form(world, categories, latitude="95")).content.decode()
    assert "纬度应在-90到90之间" in page
    page = client.post(reverse("case_create"), _form(world, categories, longitude="")).content.decode()
    assert "经度和纬度须同时填写或同时留空" in page
    assert not Case.objects.exists()


def test_the_case_page_lists_possible_duplicates(client, world, categories):
    first = reported(world, categories, title="先报的")
    second = reported(world, categories, lat=north(30), title="后报的")
    client.force_login(world.worker_a)
    page = client.get(reverse("case_detail", args=[second.pk])).content.decode()
    assert 'id="duplicates"' in page and first.number in page and "相距约30米" in page
    assert "合并到此工单" not in page  # a community worker may not merge
