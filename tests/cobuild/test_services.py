"""The co-building services: each rule refused with a Chinese message on the field it concerns."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.cobuild import services
from jiedao.cobuild.models import BinKind, ItemStatus, RectificationStatus, WasteFacility
from jiedao.core.concurrency import UNCHECKED


def errors_of(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


def item(world, **kwargs):
    values = {
        "kind": "need",
        "title": "楼道照明改造",
        "partner": "回民区人民医院",
        "year": 2023,
        "area": world.community_a,
    }
    return services.cobuild_item_create(**{**values, **kwargs})


def test_an_item_on_a_compound_takes_the_compounds_community(places, world):
    created = item(world, area=None, compound=places["sunny"])
    assert created.area == world.community_a
    with pytest.raises(ValidationError) as exc:
        item(world, title="另一事项", area=world.community_b, compound=places["sunny"])
    assert errors_of(exc) == {
        "compound": [services.MSG_COMPOUND_ELSEWHERE.format(compound="阳光小区", area="社区B")]
    }


def test_an_item_is_placed_on_a_community(world):
    with pytest.raises(ValidationError) as exc:
        item(world, area=world.grid_a1)
    assert errors_of(exc) == {"area": [services.MSG_NOT_COMMUNITY.format(area="网格A1")]}
    with pytest.raises(ValidationError) as exc:
        item(world, area=None)
    assert errors_of(exc) == {"area": [services.MSG_AREA_REQUIRED]}


def test_a_completed_item_needs_its_completion_date_and_only_then(world):
    with pytest.raises(ValidationError) as exc:
        item(world, status=ItemStatus.COMPLETED)
    assert errors_of(exc) == {"completed_on": [services.MSG_COMPLETED_ON_REQUIRED]}
    with pytest.raises(ValidationError) as exc:
        item(world, status=ItemStatus.IN_PROGRESS, completed_on=date(2023, 5, 1))
    assert errors_of(exc) == {"completed_on": [services.MSG_COMPLETED_ON_EXTRA]}
    with pytest.raises(ValidationError) as exc:
        item(world, status=ItemStatus.COMPLETED, completed_on=date(2022, 12, 1))
    assert errors_of(exc) == {"completed_on": [services.MSG_COMPLETED_ON_YEAR.format(year=2023)]}
    done = item(world, status=ItemStatus.COMPLETED, completed_on=date(2023, 6, 1))
    assert done.history.count() == 1


def test_a_title_is_listed_once_per_community_and_year(world):
    item(world)
    with pytest.raises(ValidationError) as exc:
        item(world)
    assert errors_of(exc) == {"title": [services.MSG_ITEM_TAKEN.format(year=2023)]}
    item(world, year=2024)
    item(world, area=world.community_b)


def test_an_item_update_checks_the_same_rules_and_keeps_history(world, places):
    created = item(world)
    saved = services.cobuild_item_update(
        item=created,
        version=created.version,
        status=ItemStatus.COMPLETED,
        completed_on=date(2023, 9, 1),
        actor=world.worker_a,
    )
    assert saved.status == ItemStatus.COMPLETED
    assert saved.history.first().history_user == world.worker_a
    moved = services.cobuild_item_update(item=saved, version=saved.version, compound=places["river"])
    assert moved.area == world.community_b
    with pytest.raises(ValidationError):
        services.cobuild_item_update(item=saved, version=moved.version, completed_on=None)


def rectification(world, **kwargs):
    values = {
        "item": "楼道堆放杂物",
        "category": "sanitation",
        "found_on": date(2023, 5, 1),
        "deadline": date(2023, 5, 8),
        "area": world.community_a,
    }
    return services.rectification_create(**{**values, **kwargs})


def test_a_rectification_deadline_is_not_before_its_finding(world):
    with pytest.raises(ValidationError) as exc:
        rectification(world, deadline=date(2023, 4, 30))
    assert errors_of(exc) == {"deadline": [services.MSG_DEADLINE_BEFORE_FOUND]}


def test_a_rectified_item_has_its_date_after_the_finding(world):
    with pytest.raises(ValidationError) as exc:
        rectification(world, status=RectificationStatus.DONE)
    assert errors_of(exc) == {"rectified_on": [services.MSG_RECTIFIED_ON_REQUIRED]}
    with pytest.raises(ValidationError) as exc:
        rectification(world, status=RectificationStatus.DONE, rectified_on=date(2023, 4, 1))
    assert errors_of(exc) == {"rectified_on": [services.MSG_RECTIFIED_BEFORE_FOUND]}
    with pytest.raises(ValidationError) as exc:
        rectification(world, rectified_on=date(2023, 5, 3))
    assert errors_of(exc) == {"rectified_on": [services.MSG_RECTIFIED_ON_EXTRA]}
    done = rectification(world, status=RectificationStatus.DONE, rectified_on=date(2023, 5, 3))
    assert done.rectified_on == date(2023, 5, 3)


def test_a_finding_is_not_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        rectification(world, found_on=tomorrow, deadline=tomorrow)
    assert errors_of(exc) == {"found_on": [services.MSG_FUTURE]}


def test_a_rectification_update_marks_it_done(world):
    created = rectification(world)
    saved = services.rectification_update(
        rectification=created,
        version=created.version,
        status=RectificationStatus.DONE,
        rectified_on=date(2023, 5, 6),
    )
    assert saved.status == RectificationStatus.DONE
    with pytest.raises(ValidationError) as exc:
        rectification(world)
    assert errors_of(exc) == {"item": [services.MSG_RECTIFICATION_TAKEN]}


def test_bins_are_set_per_category_and_keep_their_first_date(places, world):
    sunny = places["sunny"]
    counts = {BinKind.RECYCLABLE: 2, BinKind.HAZARDOUS: 1, BinKind.KITCHEN: 3, BinKind.OTHER: 4}
    services.waste_bins_set(compound=sunny, counts=counts, installed_on=date(2022, 4, 1), versions="")
    services.waste_bins_set(
        compound=sunny,
        counts={BinKind.OTHER: 6, BinKind.KITCHEN: None},
        installed_on=date(2023, 4, 1),
        versions=services.waste_versions(WasteFacility.objects.filter(compound=sunny)),
    )
    rows = {f.kind: (f.count, f.installed_on, f.area) for f in WasteFacility.objects.filter(compound=sunny)}
    assert rows[BinKind.OTHER] == (6, date(2022, 4, 1), world.community_a)
    assert rows[BinKind.KITCHEN] == (3, date(2022, 4, 1), world.community_a)
    with pytest.raises(ValidationError) as exc:
        services.waste_bins_set(
            compound=sunny, counts={BinKind.OTHER: -1}, installed_on=date(2023, 4, 1), versions=UNCHECKED
        )
    assert errors_of(exc) == {"other": [services.MSG_COUNT_NEGATIVE]}
    with pytest.raises(ValidationError) as exc:
        services.waste_bins_set(
            compound=places["river"], counts={}, installed_on=date(2023, 4, 1), versions=""
        )
    assert exc.value.messages == [services.MSG_NO_BINS]


def test_a_compound_has_one_committee_with_at_least_one_member(places, world):
    committee = services.committee_create(
        compound=places["sunny"], established_on=date(2022, 3, 1), director="王建国", members=5
    )
    assert committee.area == world.community_a
    with pytest.raises(ValidationError) as exc:
        services.committee_create(
            compound=places["sunny"], established_on=date(2022, 3, 1), director="李", members=3
        )
    assert errors_of(exc) == {"compound": [services.MSG_COMMITTEE_TAKEN]}
    with pytest.raises(ValidationError) as exc:
        services.committee_create(
            compound=places["river"], established_on=date(2022, 3, 1), director="李", members=0
        )
    assert errors_of(exc) == {"members": [services.MSG_MEMBERS_MIN]}
    with pytest.raises(ValidationError) as exc:
        services.committee_update(committee=committee, version=1, dissolved_on=date(2021, 1, 1))
    assert errors_of(exc) == {"dissolved_on": [services.MSG_DISSOLVED_BEFORE]}
    dissolved = services.committee_update(committee=committee, version=1, dissolved_on=date(2023, 6, 30))
    assert dissolved.dissolved_on == date(2023, 6, 30)
