"""Activity counts and measure sums by type, in the period and the area asked."""

from datetime import date

from jiedao.activities.services import adoption_add
from jiedao.core.figures import Period, compute, get_indicator
from tests.activities.conftest import add_activity, add_item


def value(code, **kw):
    return compute(get_indicator(code), Period.year(2023), **kw).value


def test_it_counts_activities_of_a_type_held_in_the_period(world):
    add_activity(world.grid_a1, values={"audience": 80})
    add_activity(world.community_b, title="二", values={"audience": 45})
    add_activity(world.community_b, title="去年", held_on=date(2022, 12, 31), values={"audience": 1000})
    add_activity(world.community_b, "river_cleanup", "清理", values={"participants": 9, "tons": "2.5"})
    assert value("publicity.lectures") == 2
    assert value("publicity.lecture_audience") == 125
    assert value("publicity.lecture_audience", area=world.community_a) == 80
    assert value("river.cleanups") == 1
    assert str(value("river.cleanup_tons")) == "2.5"
    assert value("environment.waste_tons") == 0
    result = compute(get_indicator("publicity.lectures"), Period.year(2023), user=world.worker_b)
    assert result.value == 1


def test_it_counts_adoptions_by_level_and_adoption_date(world):
    item = add_item(world.grid_a1, submitted_on=date(2022, 12, 20))
    adoption_add(item=item, level="central", outlet="人民网", adopted_on=date(2023, 1, 3))
    adoption_add(item=item, level="city", outlet="青城眼", adopted_on=date(2022, 12, 28))
    assert (value("publicity.adopted_central"), value("publicity.adopted_city")) == (1, 0)
    assert value("publicity.adopted_central", area=world.community_b) == 0
