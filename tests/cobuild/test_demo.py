"""The demo reproduces the seed report's co-building figures: 三项清单95条、完成率69%；创城整改560余项；
93个小区配备垃圾分类设施、900余个四分类垃圾桶；97%的小区已成立物管会."""

import time
from decimal import Decimal

import pytest
from django.db import transaction

from jiedao.cobuild.demo import build_cobuild_demo
from jiedao.cobuild.models import CobuildItem, PropertyCommittee, Rectification, WasteFacility
from jiedao.core.demo import build_demo
from jiedao.core.figures import Period, compute, get_indicator
from jiedao.registry.demo import build_registry_demo

REPORT = {
    "cobuild.list_items": 95,
    "cobuild.completion_rate": Decimal("69.47"),
    "civilization.rectifications": 563,
    "waste.compounds_covered": 93,
    "waste.bins": 916,
    "property.committees_coverage": Decimal("96.77"),
}


@pytest.fixture(scope="module")
def street(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        street = build_demo().street
        build_registry_demo(street)
        yield street
        transaction.set_rollback(True)


@pytest.mark.demo
def test_it_builds_the_seed_figures_quickly_and_only_once(db, street):
    started = time.monotonic()
    build_cobuild_demo(street)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"the co-building demo took {elapsed:.1f} s"

    year = Period.year(2023)
    assert {code: compute(get_indicator(code), year).value for code in REPORT} == REPORT
    # Every record lies in one of the 11 current communities, and each row passes its own validation.
    assert CobuildItem.objects.filter(year=2023).values("area").distinct().count() == 11
    assert Rectification.objects.filter(found_on__year=2023).values("area").distinct().count() == 11
    for model in (CobuildItem, Rectification, WasteFacility, PropertyCommittee):
        for row in model.objects.order_by("?")[:20]:
            row.full_clean()

    tables = (CobuildItem, Rectification, WasteFacility, PropertyCommittee)
    counts = [m.objects.count() for m in tables]
    build_cobuild_demo(street)
    assert [m.objects.count() for m in tables] == counts
