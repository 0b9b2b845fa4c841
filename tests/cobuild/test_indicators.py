"""The co-building indicators on a few records: what counts in the year and what stands at its end."""

from datetime import date
from decimal import Decimal

from jiedao.cobuild import services
from jiedao.cobuild.models import BinKind, ItemStatus
from jiedao.core.concurrency import UNCHECKED
from jiedao.core.figures import Period, compute, get_indicator

YEAR = Period.year(2023)


def value(code, **kwargs):
    return compute(get_indicator(code), YEAR, **kwargs).value


def test_the_list_counts_the_years_items_and_their_completion(world):
    def add(title, status=ItemStatus.NOT_STARTED, completed_on=None, year=2023, area=None):
        services.cobuild_item_create(
            kind="need",
            title=title,
            partner="医院",
            year=year,
            area=area or world.community_a,
            status=status,
            completed_on=completed_on,
        )

    add("甲", ItemStatus.COMPLETED, date(2023, 3, 1))
    add("乙", ItemStatus.COMPLETED, date(2024, 1, 5))  # completed only in the next year
    add("丙", ItemStatus.IN_PROGRESS, area=world.community_b)
    add("丁", year=2022)
    assert value("cobuild.list_items") == 3
    assert value("cobuild.completion_rate") == Decimal("33.33")
    assert value("cobuild.completion_rate", area=world.community_b) == Decimal("0.00")
    assert value("cobuild.list_items", user=world.worker_b) == 1
    assert get_indicator("cobuild.completion_rate").name == "三项清单完成率"


def test_rectifications_count_by_the_day_they_were_found(world):
    for day in (date(2022, 12, 31), date(2023, 1, 1), date(2023, 12, 31)):
        services.rectification_create(
            item="井盖破损", category="damaged_facility", found_on=day, deadline=day, area=world.community_a
        )
    assert value("civilization.rectifications") == 2


def test_bins_and_covered_compounds_are_counted_at_the_years_end(places, world):
    services.waste_bins_set(
        compound=places["sunny"],
        counts={BinKind.OTHER: 3, BinKind.KITCHEN: 2},
        installed_on=date(2023, 6, 1),
        versions=UNCHECKED,
    )
    services.waste_bins_set(
        compound=places["river"], counts={BinKind.OTHER: 4}, installed_on=date(2024, 2, 1), versions=UNCHECKED
    )
    assert value("waste.compounds_covered") == 1
    assert value("waste.bins") == 5


def test_committee_coverage_counts_committees_in_office_at_the_years_end(places, world):
    assert value("property.committees_coverage") == Decimal("0.00")
    committee = services.committee_create(
        compound=places["sunny"], established_on=date(2022, 3, 1), director="王建国", members=5
    )
    assert value("property.committees_coverage") == Decimal("50.00")
    services.committee_update(committee=committee, version=committee.version, dissolved_on=date(2023, 11, 30))
    assert value("property.committees_coverage") == Decimal("0.00")
    assert value("property.committees_coverage", area=world.community_b) == Decimal("0.00")
