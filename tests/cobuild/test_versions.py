"""Optimistic locking of the co-building edits: a conflicting update is refused, not merged silently."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.cobuild import services
from jiedao.cobuild.models import BinKind, CobuildItem, ItemStatus, WasteFacility
from jiedao.core.concurrency import MSG_STALE, UNCHECKED
from tests.cobuild.test_ledgers import ITEM_HEADER, run
from tests.cobuild.test_pages import login
from tests.cobuild.test_services import item, rectification


def _records(world, places):
    committee = services.committee_create(
        compound=places["sunny"], established_on=date(2022, 3, 1), director="王建国", members=5
    )
    return {
        "item": (services.cobuild_item_update, "item", item(world), {"partner": "回民区中医院"}),
        "rectification": (
            services.rectification_update,
            "rectification",
            rectification(world),
            {"note": "已通知"},
        ),
        "committee": (services.committee_update, "committee", committee, {"director": "李建国"}),
    }


@pytest.mark.parametrize("kind", ["item", "rectification", "committee"])
def test_an_edit_on_a_stale_copy_is_refused_and_writes_nothing(kind, world, places):
    update, key, obj, changes = _records(world, places)[kind]
    model = type(obj)
    assert update(**{key: obj}, version=1, **changes).version == 2
    before = model.objects.get(pk=obj.pk)
    history = before.history.count()
    field = next(iter(changes))
    with pytest.raises(ValidationError) as exc:
        update(**{key: obj}, version=1, **{field: "另一人"})
    assert exc.value.code == "stale" and exc.value.messages == [MSG_STALE]
    after = model.objects.get(pk=obj.pk)
    assert (getattr(after, field), after.version, after.history.count()) == (
        getattr(before, field),
        2,
        history,
    )
    with pytest.raises(ValidationError):
        update(**{key: obj}, version=None, **changes)
    assert update(**{key: obj}, version=2, **{field: "第三人"}).version == 3


def test_a_compounds_bins_are_refused_when_any_of_its_rows_changed(world, places):
    sunny = places["sunny"]
    services.waste_bins_set(
        compound=sunny,
        counts={BinKind.OTHER: 4, BinKind.KITCHEN: 2},
        installed_on=date(2023, 4, 1),
        versions="",
    )
    shown = services.waste_versions(WasteFacility.objects.filter(compound=sunny))
    assert shown == "kitchen:1;other:1"
    # Another editor changes one count (the digest moves on), or adds a category.
    services.waste_bins_set(
        compound=sunny, counts={BinKind.KITCHEN: 3}, installed_on=date(2023, 4, 1), versions=shown
    )
    with pytest.raises(ValidationError) as exc:
        services.waste_bins_set(
            compound=sunny, counts={BinKind.OTHER: 9}, installed_on=date(2023, 4, 1), versions=shown
        )
    assert exc.value.code == "stale" and exc.value.messages == [services.MSG_WASTE_STALE]
    assert dict(WasteFacility.objects.filter(compound=sunny).values_list("kind", "count")) == {
        BinKind.KITCHEN: 3,
        BinKind.OTHER: 4,
    }
    # An editor who saw the compound without bins is refused too.
    with pytest.raises(ValidationError):
        services.waste_bins_set(
            compound=sunny, counts={BinKind.OTHER: 1}, installed_on=date(2023, 4, 1), versions=""
        )
    current = services.waste_versions(WasteFacility.objects.filter(compound=sunny))
    services.waste_bins_set(
        compound=sunny, counts={BinKind.OTHER: 9}, installed_on=date(2023, 4, 1), versions=current
    )
    assert WasteFacility.objects.get(compound=sunny, kind=BinKind.OTHER).version == 2


def test_a_reimport_is_a_newer_write_and_bumps_the_version(world, places):
    row = [2023, "需求清单", "楼道照明改造", "社区A", "", "医院", "", "推进中", "", ""]
    assert run("cobuild_items", ITEM_HEADER, [row], world.worker_a).rows_created == 1
    created = CobuildItem.objects.get()
    assert created.version == 1
    row[7] = "已完成"
    row[8] = "2023-09-01"
    assert run("cobuild_items", ITEM_HEADER, [row], world.worker_a).rows_updated == 1
    updated = CobuildItem.objects.get()
    assert (updated.status, updated.version) == (ItemStatus.COMPLETED, 2)
    with pytest.raises(ValidationError):
        services.cobuild_item_update(item=created, version=1, partner="另一单位")
    assert services.cobuild_item_update(item=created, version=UNCHECKED, partner="另一单位").version == 3


def test_the_item_page_refuses_a_stale_edit_and_keeps_the_input(client, world):
    created = item(world)
    login(client, world.worker_a)
    url = reverse("cobuild_item_edit", args=[created.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    services.cobuild_item_update(item=created, version=1, partner="回民区中医院")
    data = {
        "kind": "need",
        "title": "楼道照明改造",
        "area": world.community_a.pk,
        "partner": "内蒙古医科大学附属医院",
        "year": 2023,
        "status": "in_progress",
        "version": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    content = response.content.decode()
    assert MSG_STALE in content and 'value="内蒙古医科大学附属医院"' in content
    saved = CobuildItem.objects.get(pk=created.pk)
    assert (saved.partner, saved.status, saved.version) == ("回民区中医院", ItemStatus.NOT_STARTED, 2)
    assert client.post(url, {**data, "version": 2}).status_code == 302


def test_the_waste_page_refuses_counts_changed_meanwhile(client, world, places):
    sunny = places["sunny"]
    services.waste_bins_set(
        compound=sunny, counts={BinKind.OTHER: 4}, installed_on=date(2023, 4, 1), versions=""
    )
    login(client, world.worker_a)
    url = reverse("waste_edit", args=[sunny.pk])
    page = client.get(url).content.decode()
    assert 'name="versions" value="other:1"' in page
    # Another editor sets the kitchen bins meanwhile.
    services.waste_bins_set(
        compound=sunny, counts={BinKind.KITCHEN: 2}, installed_on=date(2023, 4, 1), versions="other:1"
    )
    data = {"other": 7, "installed_on": "2023-04-01", "versions": "other:1"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [services.MSG_WASTE_STALE]
    assert services.MSG_WASTE_STALE in response.content.decode() and 'value="7"' in response.content.decode()
    assert WasteFacility.objects.get(compound=sunny, kind=BinKind.OTHER).count == 4
    response = client.post(url, {**data, "versions": "kitchen:1;other:1"})
    assert response.status_code == 302
    assert WasteFacility.objects.get(compound=sunny, kind=BinKind.OTHER).count == 7
