"""The demo street's 2023 activities and publicity give the seed report's figures exactly."""

import time

import pytest

from jiedao.activities.demo import build_activity_demo
from jiedao.activities.models import Activity, ActivityValue, Adoption, InfoItem
from jiedao.core.demo import build_demo
from jiedao.core.figures import Period, all_indicators, compute

EXPECTED = {
    "publicity.ethnic_unity_events": 32,
    "publicity.ethnic_unity_lectures": 12,
    "publicity.ideology_meetings": 1,
    "publicity.ideology_reviews": 2,
    "publicity.lectures": 74,
    "publicity.lecture_audience": 5036,
    "publicity.science_materials": 316,
    "publicity.science_audience": 512,
    "publicity.adopted_central": 19,
    "publicity.adopted_region": 13,
    "publicity.adopted_city": 95,
    "publicity.adopted_district": 99,
    "integrity.warning_sessions": 7,
    "integrity.warning_attendance": 412,
    "org.study_sessions": 16,
    "conscription.campaigns": 23,
    "conscription.materials": 1036,
    "conscription.banners": 21,
    "environment.campaigns": 15,
    "environment.participants": 816,
    "environment.waste_tons": 5026,
    "river.cleanups": 56,
    "river.cleanup_participants": 318,
    "river.cleanup_tons": 27,
    "care.visits": 53,
    "care.help_actions": 123,
    "culture.festival_events": 27,
    "culture.custom_reform_events": 10,
    "culture.reading_events": 9,
}


@pytest.mark.demo
def test_it_builds_the_seed_figures_quickly_and_only_once(db):
    street = build_demo().street
    started = time.monotonic()
    build_activity_demo(street)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the activity demo took {elapsed:.1f} s"

    indicators = {i.code: i for i in all_indicators()}
    values = {code: compute(indicators[code], Period.year(2023)).value for code in EXPECTED}
    assert values == EXPECTED
    # Spread over every month and every community; every record passes the model's validation.
    months = {d.month for d in Activity.objects.values_list("held_on", flat=True)}
    assert months == set(range(1, 13))
    assert Activity.objects.filter(area__level="community").values("area").distinct().count() == 11
    for activity in Activity.objects.order_by("?")[:40]:
        activity.full_clean()
        assert activity.history.count() == 1

    counts = (
        Activity.objects.count(),
        ActivityValue.objects.count(),
        InfoItem.objects.count(),
        Adoption.objects.count(),
    )
    build_activity_demo(street)
    assert (
        Activity.objects.count(),
        ActivityValue.objects.count(),
        InfoItem.objects.count(),
        Adoption.objects.count(),
    ) == counts
