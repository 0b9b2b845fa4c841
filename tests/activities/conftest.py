"""Activity fixtures: the seeded types (the data migration made them) and a few activities in the fixed
world — a lecture on 网格A1, a river clean-up on 社区B."""

from datetime import date

import pytest

from jiedao.activities.models import ActivityType, Measure
from jiedao.activities.services import activity_create, infoitem_create


def kind(code: str) -> ActivityType:
    return ActivityType.objects.get(code=code)


def measure(code: str) -> Measure:
    return Measure.objects.get(code=code)


def add_activity(area, type_code="lecture", title="党的二十大精神宣讲", held_on=date(2023, 5, 12), **kwargs):
    values = kwargs.pop("values", {"audience": 80} if type_code == "lecture" else {})
    return activity_create(
        type=kind(type_code), held_on=held_on, title=title, area=area, values=values, **kwargs
    )


def add_item(area, title="海西路街道开展民族团结宣传", submitted_on=date(2023, 4, 10), **kwargs):
    return infoitem_create(title=title, author="王晓燕", submitted_on=submitted_on, area=area, **kwargs)


@pytest.fixture
def activities(world):
    return {
        "a1": add_activity(world.grid_a1, place="网格A1活动室", organiser="社区A居委会"),
        "b": add_activity(
            world.community_b,
            "river_cleanup",
            "扎达盖河河道清理",
            date(2023, 7, 3),
            values={"participants": 12, "tons": "1.5"},
        ),
    }
