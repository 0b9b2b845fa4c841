from datetime import date

from jiedao.core.figures import Period, compute, get_indicator
from jiedao.registry.models import PremisesKind, PremisesSubKind, Residence, ResidentEventKind
from jiedao.registry.services.people import household_get_or_create, resident_leave, resident_register
from jiedao.registry.services.places import premises_create
from tests.registry.helpers import make_id


def value(code, year=2023, **kw):
    return compute(get_indicator(code), Period.year(year), **kw).value


def test_population_counts_who_is_registered_at_year_end(places, world):
    home_a = household_get_or_create(building=places["sunny_1"], unit="1", room="101")
    home_b = household_get_or_create(building=places["river_1"], unit="1", room="101")
    resident_register(name="甲", id_number=make_id(seq=1), household=home_a, registered_on=date(2020, 1, 1))
    resident_register(
        name="乙",
        id_number=make_id(seq=3),
        household=home_a,
        residence=Residence.FLOATING,
        registered_on=date(2023, 5, 1),
    )
    leaver = resident_register(
        name="丙", id_number=make_id(seq=5), household=home_b, registered_on=date(2019, 1, 1)
    )
    resident_leave(resident=leaver, kind=ResidentEventKind.MOVE_OUT, on=date(2023, 7, 1))
    resident_register(name="丁", id_number=make_id(seq=7), household=home_b, registered_on=date(2024, 2, 1))
    assert (value("population.total"), value("population.resident"), value("population.floating")) == (
        2,
        1,
        1,
    )
    assert value("population.total", 2022) == 2  # 甲 and 丙
    assert value("population.total", area=world.community_a) == 2
    assert value("population.total", area=world.community_b) == 0


def test_religious_sites_are_counted_by_sub_kind(places, world):
    for sub_kind, name in [
        (PremisesSubKind.CHURCH, "教堂"),
        (PremisesSubKind.MEETING_POINT, "聚会点一"),
        (PremisesSubKind.MEETING_POINT, "聚会点二"),
    ]:
        premises_create(
            kind=PremisesKind.RELIGIOUS,
            sub_kind=sub_kind,
            name=name,
            address="某路1号",
            area=world.grid_a1,
            registered_on=date(2015, 1, 1),
        )
    assert value("religion.sites") == {"church": 1, "meeting_point": 2, "folk_belief": 0}
