"""Volunteer fixtures: residents on the register of the fixed world (in a compound 志愿小区 of the grid's
community), and teams in 社区A and 社区B."""

from datetime import date

import pytest

from jiedao.registry.models import Building, Compound
from jiedao.registry.services.people import household_get_or_create, resident_register
from jiedao.registry.services.places import building_create, compound_create
from jiedao.volunteers.services import team_create
from tests.registry.helpers import make_id


def add_resident(w, grid, seq: int, name: str = ""):
    community = grid.parent
    compound = Compound.objects.filter(area=community, name="志愿小区").first() or compound_create(
        name="志愿小区", community=community
    )
    building = Building.objects.filter(compound=compound, area=grid).first() or building_create(
        compound=compound, name=f"{grid.name}楼", grid=grid
    )
    household = household_get_or_create(building=building, unit="1", room=str(100 + seq))
    return resident_register(
        name=name or f"居民{seq}",
        id_number=make_id(seq=seq),
        household=household,
        registered_on=date(2020, 1, 1),
    )


@pytest.fixture
def teams(world):
    return {
        "a": team_create(
            name="社区A暖心小分队",
            kind="warm_heart",
            area=world.community_a,
            leader="马海燕",
            founded_on=date(2021, 3, 5),
        ),
        "b": team_create(
            name="社区B夕阳红志愿队",
            kind="sunset",
            area=world.community_b,
            leader="刘桂兰",
            founded_on=date(2020, 5, 10),
        ),
    }
